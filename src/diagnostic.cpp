// jixiao: budget performance management (预算绩效管理) for C++ and Python.
// SPDX-License-Identifier: MIT
#include <jixiao/diagnostic.hpp>

#include <ostream>
#include <string>
#include <string_view>

namespace jixiao {

std::string_view to_string(Severity severity) noexcept {
  switch (severity) {
    case Severity::info: return "info";
    case Severity::warning: return "warning";
    case Severity::error: return "error";
  }
  return "error";
}

bool has_errors(const std::vector<Diagnostic>& diagnostics) noexcept {
  for (const Diagnostic& d : diagnostics)
    if (d.severity == Severity::error) return true;
  return false;
}

namespace {

/// The length of a UTF-8 sequence at `p` that must not reach a terminal raw: a C1 control
/// (U+0080–U+009F, such as the 8-bit CSI), a line or paragraph separator (U+2028, U+2029) or a
/// bidirectional override or isolate (U+202A–U+202E, U+2066–U+2069), which can make a message
/// read as something else; 0 otherwise.
std::size_t hidden_sequence(std::string_view text, std::size_t p, unsigned& code_point) noexcept {
  const auto b = [&](std::size_t k) { return p + k < text.size() ? static_cast<unsigned char>(text[p + k]) : 0u; };
  if (b(0) == 0xC2 && b(1) >= 0x80 && b(1) <= 0x9F) {
    code_point = b(1);
    return 2;
  }
  if (b(0) == 0xE2 && ((b(1) == 0x80 && b(2) >= 0xA8 && b(2) <= 0xAE) || (b(1) == 0x81 && b(2) >= 0xA6 && b(2) <= 0xA9))) {
    code_point = 0x2000u + ((b(1) & 0x3Fu) << 6) + (b(2) & 0x3Fu);
    return 3;
  }
  return 0;
}

/// Text from the input shown on one line: control characters (a line break in a quoted cell,
/// a terminal escape in a binary file) as \n, \t, \xHH, \u{HHHH}, so that a diagnostic stays one
/// FILE:LINE:COL line and cannot drive the terminal.
void append_printable(std::string& out, std::string_view text) {
  static constexpr char hex[] = "0123456789ABCDEF";
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char ch = text[i];
    const auto c = static_cast<unsigned char>(ch);
    unsigned code_point = 0;
    if (const std::size_t n = hidden_sequence(text, i, code_point)) {
      out += "\\u{";
      for (int shift = 12; shift >= 0; shift -= 4) out += hex[(code_point >> shift) & 0xF];
      out += '}';
      i += n - 1;
    } else if (c >= 0x20 && c != 0x7F) {
      out += ch;
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c == '\t') {
      out += "\\t";
    } else {
      out += "\\x";
      out += hex[c >> 4];
      out += hex[c & 0xF];
    }
  }
}

}  // namespace

std::string to_string(const Diagnostic& d) {
  std::string out;
  if (!d.span.file.empty()) out += d.span.file + ':';
  if (d.span.line != 0) {
    out += std::to_string(d.span.line) + ':';
    if (d.span.column != 0) out += std::to_string(d.span.column) + ':';
  } else if (d.span.column != 0) {
    // A cell parsed on its own has a column but no line: say so, or "2:" reads as a line.
    if (!out.empty()) out += ' ';
    out += "column " + std::to_string(d.span.column) + ':';
  }
  if (!out.empty()) out += ' ';
  out += to_string(d.severity);
  out += ' ';
  out += d.code;
  out += ": ";
  append_printable(out, d.message);
  if (!d.hint.empty()) {
    out += " [hint: ";
    append_printable(out, d.hint);
    out += ']';
  }
  return out;
}

std::ostream& operator<<(std::ostream& os, Severity severity) { return os << to_string(severity); }
std::ostream& operator<<(std::ostream& os, const Diagnostic& d) { return os << to_string(d); }

}  // namespace jixiao
