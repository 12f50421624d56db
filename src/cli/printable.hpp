// jixiao: budget performance management (预算绩效管理) for C++ and Python.
// SPDX-License-Identifier: MIT
#ifndef JIXIAO_CLI_PRINTABLE_HPP
#define JIXIAO_CLI_PRINTABLE_HPP

/// \file
/// Cell text on its way to one line of output: `jixiao score`'s text, `jixiao value`'s fields,
/// `jixiao read`'s TSV.

#include <jixiao/detail/utf8.hpp>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace jixiao::cli {

/// `text` on one line: each line break (detail::is_line_break; a CRLF counts once) and each tab
/// is a space, so that a cell Excel quoted (Alt+Enter) cannot split a record or its fields.  The
/// other hidden characters (detail::hidden_char) are kept, or shown as U+FFFD when
/// `replace_hidden`.
inline std::string one_line(std::string_view text, bool replace_hidden) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    std::uint32_t cp = 0;
    const std::size_t n = detail::hidden_char(text, i, cp);
    if (n == 0) {
      out += text[i];
      continue;
    }
    if (cp == '\t' || detail::is_line_break(cp)) {
      out += ' ';
      if (cp == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
    } else if (replace_hidden) {
      out += "\xEF\xBF\xBD";
    } else {
      out.append(text, i, n);
    }
    i += n - 1;
  }
  return out;
}

/// Cell text on its way to a terminal: one line (one_line), with the hidden characters
/// (detail::hidden_char: controls, separators, bidirectional overrides, isolates and marks) as
/// U+FFFD, so that an escape sequence from a binary or hostile file is never passed on.
///
///   printable("城市低保\n保障人次\x1b[2J")  // "城市低保 保障人次\uFFFD[2J"
inline std::string printable(std::string_view text) { return one_line(text, true); }

}  // namespace jixiao::cli

#endif  // JIXIAO_CLI_PRINTABLE_HPP
