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

/// Text from the input shown on one line: control characters (a line break in a quoted cell,
/// a terminal escape in a binary file) as \n, \t, \xHH, so that a diagnostic stays one
/// FILE:LINE:COL line and cannot drive the terminal.
void append_printable(std::string& out, std::string_view text) {
  static constexpr char hex[] = "0123456789ABCDEF";
  for (const char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    if (c >= 0x20 && c != 0x7F) {
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
