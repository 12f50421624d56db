// jixiao: budget performance management (预算绩效管理) for C++ and Python.
// SPDX-License-Identifier: MIT
#ifndef JIXIAO_DETAIL_JSON_ERROR_HPP
#define JIXIAO_DETAIL_JSON_ERROR_HPP

/// \file
/// nlohmann-json's error messages made fit for a diagnostic: the table reader's JX230 and the
/// policy reader's JX418 both quote them.

#include <jixiao/detail/text.hpp>
#include <jixiao/detail/utf8.hpp>

#include <cstddef>
#include <string>
#include <string_view>

namespace jixiao::detail {

/// The reason in nlohmann's `what()`, without its `[json.exception.parse_error.101] parse error
/// at line 1, column 2: ` (the diagnostic has the place), in valid UTF-8.  The input it quotes
/// (`last read: '…'`) is cut to 40 code points and stops before a character the parser gave up
/// inside: it reads bytes, so after `{"a": 中}` its token ends with the first byte of 中.  `text`
/// is the input and `offset` the index of the last byte read (nlohmann's `byte` - 1), when known.
inline std::string json_error_reason(std::string_view what, std::string_view text = {}, std::size_t offset = 0) {
  const std::size_t bracket = what.find("] ");
  if (bracket != std::string_view::npos) what.remove_prefix(bracket + 2);
  if (what.substr(0, 15) == "parse error at ") {
    const std::size_t colon = what.find(": ");
    if (colon != std::string_view::npos) what.remove_prefix(colon + 2);
  }
  // `…; last read: '<token>'`, then `; expected <token type>` in some contexts.
  constexpr std::string_view open = "; last read: '";
  const std::size_t first = what.find(open);
  if (first == std::string_view::npos) return valid_utf8(what);
  const std::size_t from = first + open.size();
  std::size_t to = what.rfind("'; expected ");
  if (to == std::string_view::npos || to < from) to = what.size() - (what.back() == '\'' ? 1 : 0);
  std::string_view token = what.substr(from, to - from);

  if (offset < text.size()) {
    // The character around the last byte read, when the input has it whole and the token only
    // its first bytes.
    std::size_t lead = offset;
    while (lead > 0 && offset - lead < 3 && (static_cast<unsigned char>(text[lead]) & 0xC0) == 0x80) --lead;
    const CodePoint c = decode_utf8(text.data() + lead, text.data() + text.size());
    const std::string_view read = text.substr(lead, offset + 1 - lead);
    if (c.valid && lead + c.length > offset + 1 && ends_with(token, read)) token.remove_suffix(read.size());
  }
  bool cut = false;
  token = excerpt(token, 40, cut);
  if (cut) {
    // nlohmann writes a control character it read as `<U+000A>`: the cut keeps it whole or not
    // at all.
    const std::size_t lt = token.rfind("<U+");
    if (lt != std::string_view::npos && token.find('>', lt) == std::string_view::npos) token = token.substr(0, lt);
  }
  return valid_utf8(what.substr(0, from)) + valid_utf8(token) + (cut ? "…" : "") + valid_utf8(what.substr(to));
}

}  // namespace jixiao::detail

#endif  // JIXIAO_DETAIL_JSON_ERROR_HPP
