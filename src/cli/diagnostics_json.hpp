// jixiao: budget performance management (预算绩效管理) for C++ and Python.
// SPDX-License-Identifier: MIT
#ifndef JIXIAO_CLI_DIAGNOSTICS_JSON_HPP
#define JIXIAO_CLI_DIAGNOSTICS_JSON_HPP

/// \file
/// Diagnostics as the CLI's JSON outputs write them, one spelling for every command.

#include <jixiao/diagnostic.hpp>

#include <nlohmann/json.hpp>

#include <vector>

namespace jixiao::cli {

/// `[{code, severity, message, line, column, length, hint}]`; `line` only when known (a value
/// parsed on its own has none).
inline nlohmann::ordered_json diagnostics_json(const std::vector<Diagnostic>& diagnostics) {
  auto out = nlohmann::ordered_json::array();
  for (const Diagnostic& d : diagnostics) {
    nlohmann::ordered_json j;
    j["code"] = d.code;
    j["severity"] = to_string(d.severity);
    j["message"] = d.message;
    if (d.span.line != 0) j["line"] = d.span.line;
    j["column"] = d.span.column;
    j["length"] = d.span.length;
    j["hint"] = d.hint;
    out.push_back(std::move(j));
  }
  return out;
}

}  // namespace jixiao::cli

#endif  // JIXIAO_CLI_DIAGNOSTICS_JSON_HPP
