// jixiao: budget performance management (预算绩效管理) for C++ and Python.
// SPDX-License-Identifier: MIT
#ifndef JIXIAO_DIAGNOSTIC_HPP
#define JIXIAO_DIAGNOSTIC_HPP

/// \file
/// Problems found in the input, reported as data.
///
/// The library never prints and never throws on bad input: every reader and parser returns
/// its findings as `Diagnostic`s with a stable code (`JX101`), so a pipeline can filter,
/// count and point at them.  The codes are listed in docs/diagnostics.md.

#include <cstdint>
#include <iosfwd>
#include <string>
#include <string_view>
#include <vector>

namespace jixiao {

/// How bad a finding is.
enum class Severity : std::uint8_t {
  info,     ///< worth knowing; the reading is certain
  warning,  ///< the reading is a guess or the input is dubious
  error,    ///< the input could not be read as it stands
};

/// "info", "warning" or "error".
std::string_view to_string(Severity severity) noexcept;

/// Where a finding is.  Lines and columns are 1-based; 0 means "not known".
/// Columns count Unicode code points, not bytes, so that `≥**%` puts the `*` at column 2
/// whatever the encoding.
struct SourceSpan {
  std::string file;           ///< file name, empty for a value parsed on its own
  std::uint32_t line = 0;     ///< 1-based line
  std::uint32_t column = 0;   ///< 1-based column in code points
  std::uint32_t length = 0;   ///< code points covered, 0 for a point

  friend bool operator==(const SourceSpan& a, const SourceSpan& b) {
    return a.file == b.file && a.line == b.line && a.column == b.column && a.length == b.length;
  }
  friend bool operator!=(const SourceSpan& a, const SourceSpan& b) { return !(a == b); }
};

/// One problem found in the input.
///
/// \code
/// auto parsed = jixiao::parse_value("≥**%");
/// // parsed.diagnostics[0].code == "JX102", .span.column == 2
/// \endcode
struct Diagnostic {
  std::string code;                      ///< stable identifier, e.g. "JX101"
  Severity severity = Severity::error;   ///< how bad it is
  std::string message;                   ///< what is wrong, one sentence
  SourceSpan span;                       ///< where it is
  std::string hint;                      ///< how to fix it, may be empty

  friend bool operator==(const Diagnostic& a, const Diagnostic& b) {
    return a.code == b.code && a.severity == b.severity && a.message == b.message &&
           a.span == b.span && a.hint == b.hint;
  }
  friend bool operator!=(const Diagnostic& a, const Diagnostic& b) { return !(a == b); }
};

/// Formats like a compiler: `FILE:LINE:COL: severity CODE: message [hint: …]`.
/// Unknown parts are left out; a column without a line (a cell parsed on its own) is written
/// `column 5: error JX103: …`.
std::string to_string(const Diagnostic& diagnostic);

/// True when any diagnostic is an error: what every result's `ok()` (TableRead, ValueParse,
/// Scorecard …) answers the other way round.
bool has_errors(const std::vector<Diagnostic>& diagnostics) noexcept;

/// The first diagnostic with this code, or nullptr (`find_code(read.diagnostics, "JX200")`: the
/// file could not be read at all).
const Diagnostic* find_code(const std::vector<Diagnostic>& diagnostics, std::string_view code) noexcept;

std::ostream& operator<<(std::ostream& os, Severity severity);
std::ostream& operator<<(std::ostream& os, const Diagnostic& diagnostic);

}  // namespace jixiao

#endif  // JIXIAO_DIAGNOSTIC_HPP
