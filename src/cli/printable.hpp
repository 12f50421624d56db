// jixiao: budget performance management (预算绩效管理) for C++ and Python.
// SPDX-License-Identifier: MIT
#ifndef JIXIAO_CLI_PRINTABLE_HPP
#define JIXIAO_CLI_PRINTABLE_HPP

/// \file
/// Cell text on its way to a terminal (`jixiao score`'s text, `jixiao value`'s lines).

#include <jixiao/detail/utf8.hpp>

#include <cstddef>
#include <cstdint>
#include <string>

namespace jixiao::cli {

/// `text` with its hidden characters (detail::hidden_char: controls other than line breaks and
/// tabs, C1 controls, separators, bidirectional overrides) as U+FFFD: cell text on its way to a
/// terminal.
inline std::string printable(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    std::uint32_t cp = 0;
    const std::size_t n = detail::hidden_char(text, i, cp);
    if (n == 0 || cp == '\n' || cp == '\t') {
      out += text[i];
    } else {
      out += "\xEF\xBF\xBD";
      i += n - 1;
    }
  }
  return out;
}

}  // namespace jixiao::cli

#endif  // JIXIAO_CLI_PRINTABLE_HPP
