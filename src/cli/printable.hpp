// jixiao: budget performance management (预算绩效管理) for C++ and Python.
// SPDX-License-Identifier: MIT
#ifndef JIXIAO_CLI_PRINTABLE_HPP
#define JIXIAO_CLI_PRINTABLE_HPP

/// \file
/// Cell text on its way to a terminal (`jixiao score`'s text, `jixiao value`'s lines).

#include <cstddef>
#include <string>

namespace jixiao::cli {

/// `text` with C0 control characters other than line breaks and tabs, DEL, C1 controls, line
/// separators and bidirectional overrides replaced by U+FFFD: cell text on its way to a terminal.
inline std::string printable(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  const auto byte = [&text](std::size_t k) { return k < text.size() ? static_cast<unsigned char>(text[k]) : 0u; };
  for (std::size_t i = 0; i < text.size(); ++i) {
    const unsigned c = byte(i);
    std::size_t hidden = 0;  // bytes of a character that must not reach a terminal raw
    if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7F) hidden = 1;
    else if (c == 0xC2 && byte(i + 1) >= 0x80 && byte(i + 1) <= 0x9F) hidden = 2;  // C1 controls
    else if (c == 0xE2 && ((byte(i + 1) == 0x80 && byte(i + 2) >= 0xA8 && byte(i + 2) <= 0xAE) ||
                           (byte(i + 1) == 0x81 && byte(i + 2) >= 0xA6 && byte(i + 2) <= 0xA9)))
      hidden = 3;  // line separators, bidirectional overrides and isolates
    if (hidden) {
      out += "\xEF\xBF\xBD";
      i += hidden - 1;
    } else {
      out += text[i];
    }
  }
  return out;
}

}  // namespace jixiao::cli

#endif  // JIXIAO_CLI_PRINTABLE_HPP
