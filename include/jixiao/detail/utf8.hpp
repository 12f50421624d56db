// jixiao: budget performance management (预算绩效管理) for C++ and Python.
// SPDX-License-Identifier: MIT
#ifndef JIXIAO_DETAIL_UTF8_HPP
#define JIXIAO_DETAIL_UTF8_HPP

/// \file
/// Just enough UTF-8 for the grammar, which runs on bytes: decoding one code point, counting
/// code points for diagnostic columns, and the character classes cells use.  Spirit's own
/// classifiers (`x3::space`, `x3::alpha`) assert on bytes above 0x7F, so none are used.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace jixiao::detail {

/// One decoded code point and its length in bytes (0 at the end of input).
struct CodePoint {
  char32_t value = 0;
  std::uint8_t length = 0;
  bool valid = false;  ///< false for a malformed sequence (length is then 1)
};

/// Decodes the code point at `first`; rejects overlong forms, surrogates and values past
/// U+10FFFF.
inline CodePoint decode_utf8(const char* first, const char* last) noexcept {
  if (first == last) return {};
  const auto b0 = static_cast<unsigned char>(*first);
  if (b0 < 0x80) return {b0, 1, true};
  int extra = 0;
  char32_t cp = 0;
  char32_t min = 0;
  if ((b0 & 0xE0) == 0xC0) { extra = 1; cp = b0 & 0x1F; min = 0x80; }
  else if ((b0 & 0xF0) == 0xE0) { extra = 2; cp = b0 & 0x0F; min = 0x800; }
  else if ((b0 & 0xF8) == 0xF0) { extra = 3; cp = b0 & 0x07; min = 0x10000; }
  else return {0xFFFD, 1, false};
  if (last - first <= extra) return {0xFFFD, 1, false};
  for (int i = 1; i <= extra; ++i) {
    const auto b = static_cast<unsigned char>(first[i]);
    if ((b & 0xC0) != 0x80) return {0xFFFD, 1, false};
    cp = (cp << 6) | (b & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return {0xFFFD, 1, false};
  return {cp, static_cast<std::uint8_t>(extra + 1), true};
}

/// Byte offset of the first malformed sequence, or npos when `text` is valid UTF-8.
inline std::size_t find_invalid_utf8(std::string_view text) noexcept {
  const char* p = text.data();
  const char* const end = p + text.size();
  while (p != end) {
    if (static_cast<unsigned char>(*p) < 0x80) { ++p; continue; }
    const CodePoint c = decode_utf8(p, end);
    if (!c.valid) return static_cast<std::size_t>(p - text.data());
    p += c.length;
  }
  return std::string_view::npos;
}

/// `text` with every malformed UTF-8 sequence replaced by U+FFFD, so that a diagnostic quoting
/// the input is always valid UTF-8.
inline std::string valid_utf8(std::string_view text) {
  std::string s;
  s.reserve(text.size());
  const char* p = text.data();
  const char* const end = p + text.size();
  while (p != end) {
    const CodePoint c = decode_utf8(p, end);
    if (!c.valid) {
      s += "\xEF\xBF\xBD";
      ++p;
    } else {
      s.append(p, c.length);
      p += c.length;
    }
  }
  return s;
}

/// The length in bytes of the character at `at` when it must not reach a terminal or a page raw,
/// else 0: a C0 control (line breaks and tabs included: callers keep those they want), DEL, a C1
/// control (U+0080–U+009F, such as the 8-bit CSI), a line or paragraph separator (U+2028,
/// U+2029), a bidirectional override or isolate (U+202A–U+202E, U+2066–U+2069) or an implicit
/// directional mark (U+200E LEFT-TO-RIGHT MARK, U+200F RIGHT-TO-LEFT MARK, U+061C ARABIC LETTER
/// MARK), all of which can make text read as something else.  `code_point` is set when the
/// length is not 0.
inline std::size_t hidden_char(std::string_view text, std::size_t at, std::uint32_t& code_point) noexcept {
  const auto b = [&](std::size_t k) { return at + k < text.size() ? static_cast<unsigned char>(text[at + k]) : 0u; };
  const unsigned c = b(0);
  if (c < 0x20 || c == 0x7F) {
    code_point = c;
    return 1;
  }
  if (c == 0xC2 && b(1) >= 0x80 && b(1) <= 0x9F) {
    code_point = b(1);
    return 2;
  }
  if (c == 0xD8 && b(1) == 0x9C) {
    code_point = 0x061C;
    return 2;
  }
  if (c == 0xE2 && ((b(1) == 0x80 && (b(2) == 0x8E || b(2) == 0x8F || (b(2) >= 0xA8 && b(2) <= 0xAE))) ||
                    (b(1) == 0x81 && b(2) >= 0xA6 && b(2) <= 0xA9))) {
    code_point = 0x2000u + ((b(1) & 0x3Fu) << 6) + (b(2) & 0x3Fu);
    return 3;
  }
  return 0;
}

/// A character that ends a line (Unicode's mandatory breaks: LF, VT, FF, CR, NEL, U+2028, U+2029),
/// each of them hidden_char.  A cell Excel quoted (Alt+Enter) can hold them; a line of output
/// that shows the cell must not.
constexpr bool is_line_break(char32_t c) noexcept {
  return (c >= 0x0A && c <= 0x0D) || c == 0x85 || c == 0x2028 || c == 0x2029;
}

/// Number of code points in `[first, last)`; a malformed byte counts as one.
inline std::uint32_t count_code_points(const char* first, const char* last) noexcept {
  std::uint32_t n = 0;
  for (; first != last; ++first)
    if ((static_cast<unsigned char>(*first) & 0xC0) != 0x80) ++n;
  return n;
}

/// Blanks found in cells: ASCII space and tab, no-break space, the ideographic space of
/// Chinese input methods, the typographic spaces, and a stray byte-order mark.
constexpr bool is_blank(char32_t c) noexcept {
  return c == U' ' || c == U'\t' || c == 0xA0 || c == 0x3000 || (c >= 0x2000 && c <= 0x200B) ||
         c == 0x202F || c == 0xFEFF || c == U'\r' || c == U'\n';
}

/// `s` without blanks (`is_blank`) at either end.
inline std::string_view trim_blanks(std::string_view s) noexcept {
  const char* first = s.data();
  const char* last = first + s.size();
  for (;;) {
    const CodePoint c = decode_utf8(first, last);
    if (c.length == 0 || !is_blank(c.value)) break;
    first += c.length;
  }
  while (last != first) {
    const char* p = last;
    do { --p; } while (p != first && (static_cast<unsigned char>(*p) & 0xC0) == 0x80);
    if (!is_blank(decode_utf8(p, last).value)) break;
    last = p;
  }
  return std::string_view(first, static_cast<std::size_t>(last - first));
}

/// CJK unified ideographs (basic block and extension A) and the compatibility block.
constexpr bool is_ideograph(char32_t c) noexcept {
  return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) || (c >= 0xF900 && c <= 0xFAFF);
}

/// ASCII or full-width decimal digit value, or -1.
constexpr int digit_value(char32_t c) noexcept {
  if (c >= U'0' && c <= U'9') return static_cast<int>(c - U'0');
  if (c >= 0xFF10 && c <= 0xFF19) return static_cast<int>(c - 0xFF10);
  return -1;
}

/// Folds a full-width ASCII form (U+FF01–U+FF5E) to ASCII; other code points unchanged.
constexpr char32_t fold_width(char32_t c) noexcept {
  return (c >= 0xFF01 && c <= 0xFF5E) ? c - 0xFF01 + 0x21 : c;
}

/// `text` for a diagnostic message: at most `max` code points, cut with an ellipsis, so that a
/// message never repeats a megabyte cell.
inline std::string_view excerpt(std::string_view text, std::size_t max, bool& cut) noexcept {
  cut = false;
  std::size_t n = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) continue;
    if (n++ == max) {
      cut = true;
      return text.substr(0, i);
    }
  }
  return text;
}

/// Appends `c` to `out` as UTF-8.
template <class String>
void append_utf8(String& out, char32_t c) {
  if (c < 0x80) { out.push_back(static_cast<char>(c)); }
  else if (c < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (c >> 6)));
    out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else if (c < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (c >> 12)));
    out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (c >> 18)));
    out.push_back(static_cast<char>(0x80 | ((c >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  }
}

}  // namespace jixiao::detail

#endif  // JIXIAO_DETAIL_UTF8_HPP
