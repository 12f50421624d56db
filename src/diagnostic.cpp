// jixiao: budget performance management (预算绩效管理) for C++ and Python.
// SPDX-License-Identifier: MIT
#include <jixiao/diagnostic.hpp>

#include <jixiao/detail/utf8.hpp>

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

const Diagnostic* find_code(const std::vector<Diagnostic>& diagnostics, std::string_view code) noexcept {
  for (const Diagnostic& d : diagnostics)
    if (d.code == code) return &d;
  return nullptr;
}

bool has_errors(const std::vector<Diagnostic>& diagnostics) noexcept {
  for (const Diagnostic& d : diagnostics)
    if (d.severity == Severity::error) return true;
  return false;
}

namespace {

/// Text from the input shown on one line: hidden characters (detail::hidden_char: a line break
/// in a quoted cell, a terminal escape in a binary file, a bidirectional override) as \n, \t,
/// \xHH or \u{HHHH}, so that a diagnostic stays one FILE:LINE:COL line and reads as it is.
void append_printable(std::string& out, std::string_view text) {
  static constexpr char hex[] = "0123456789ABCDEF";
  for (std::size_t i = 0; i < text.size(); ++i) {
    std::uint32_t cp = 0;
    const std::size_t n = detail::hidden_char(text, i, cp);
    if (n == 0) {
      out += text[i];
    } else if (cp == '\n') {
      out += "\\n";
    } else if (cp == '\r') {
      out += "\\r";
    } else if (cp == '\t') {
      out += "\\t";
    } else if (n == 1) {
      out += "\\x";
      out += hex[cp >> 4];
      out += hex[cp & 0xF];
    } else {
      out += "\\u{";
      for (int shift = 12; shift >= 0; shift -= 4) out += hex[(cp >> shift) & 0xF];
      out += '}';
    }
    i += n ? n - 1 : 0;
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
