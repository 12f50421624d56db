// jixiao: budget performance management (预算绩效管理) for C++ and Python.
// SPDX-License-Identifier: MIT
#ifndef JIXIAO_DETAIL_DIAGNOSTIC_JSON_HPP
#define JIXIAO_DETAIL_DIAGNOSTIC_JSON_HPP

/// \file
/// Diagnostics as jixiao's JSON outputs write them (the CLI's commands, JSON reports): one
/// spelling everywhere.  Needs nlohmann-json, so only the library's sources and the CLI use it.

#include <jixiao/diagnostic.hpp>

#include <nlohmann/json.hpp>

#include <vector>

namespace jixiao::detail {

/// `[{code, severity, message, file, line, column, length, hint}]`; `file` only with `with_file`
/// and when known, `line` only when known (a value parsed on its own has none).
inline nlohmann::ordered_json diagnostics_json(const std::vector<Diagnostic>& diagnostics, bool with_file = false) {
  auto out = nlohmann::ordered_json::array();
  for (const Diagnostic& d : diagnostics) {
    nlohmann::ordered_json j;
    j["code"] = d.code;
    j["severity"] = to_string(d.severity);
    j["message"] = d.message;
    if (with_file && !d.span.file.empty()) j["file"] = d.span.file;
    if (d.span.line != 0) j["line"] = d.span.line;
    j["column"] = d.span.column;
    j["length"] = d.span.length;
    j["hint"] = d.hint;
    out.push_back(std::move(j));
  }
  return out;
}

}  // namespace jixiao::detail

#endif  // JIXIAO_DETAIL_DIAGNOSTIC_JSON_HPP
