// jixiao: budget performance management (预算绩效管理) for C++ and Python.
// SPDX-License-Identifier: MIT
#ifndef JIXIAO_CLI_CSV_FIELD_HPP
#define JIXIAO_CLI_CSV_FIELD_HPP

/// \file
/// One field of the CLI's CSV outputs (`jixiao read --format csv`, `jixiao score --format csv`).

#include <string>
#include <string_view>

namespace jixiao::cli {

/// `s` as an RFC 4180 field: quoted, with `"` doubled, when it holds a comma, a quote or a line
/// end; as it is otherwise.
inline std::string csv_field(std::string_view s) {
  if (s.find_first_of(",\"\n\r") == std::string_view::npos) return std::string(s);
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + '"';
}

}  // namespace jixiao::cli

#endif  // JIXIAO_CLI_CSV_FIELD_HPP
