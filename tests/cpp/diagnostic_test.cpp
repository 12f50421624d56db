// jixiao: budget performance management (预算绩效管理) for C++ and Python.
// SPDX-License-Identifier: MIT
//
// Diagnostics as data: their compiler-like spelling, severities, equality.
#include <catch2/catch.hpp>

#include <jixiao/detail/utf8.hpp>
#include <jixiao/diagnostic.hpp>
#include <jixiao/value.hpp>

#include <cstdint>
#include <cstdio>
#include <sstream>
#include <string>
#include <string_view>

using jixiao::Diagnostic;
using jixiao::Severity;
using jixiao::SourceSpan;

namespace {

Diagnostic make(std::string file, std::uint32_t line, std::uint32_t column, std::string hint = {}) {
  Diagnostic d;
  d.code = "JX101";
  d.severity = Severity::error;
  d.message = "expected a number";
  d.span.file = std::move(file);
  d.span.line = line;
  d.span.column = column;
  d.span.length = 3;
  d.hint = std::move(hint);
  return d;
}

}  // namespace

TEST_CASE("Severity spells as info, warning, error", "[diagnostic]") {
  CHECK(jixiao::to_string(Severity::info) == "info");
  CHECK(jixiao::to_string(Severity::warning) == "warning");
  CHECK(jixiao::to_string(Severity::error) == "error");
  std::ostringstream os;
  os << Severity::info << ' ' << Severity::warning << ' ' << Severity::error;
  CHECK(os.str() == "info warning error");
}

TEST_CASE("a default Diagnostic is an error with no position", "[diagnostic]") {
  const Diagnostic d;
  CHECK(d.severity == Severity::error);
  CHECK(d.span.file.empty());
  CHECK(d.span.line == 0);
  CHECK(d.span.column == 0);
  CHECK(d.span.length == 0);
}

TEST_CASE("to_string(Diagnostic) formats like a compiler", "[diagnostic]") {
  SECTION("file, line, column and hint") {
    CHECK(jixiao::to_string(make("targets.xlsx", 12, 5, "write ≥95%")) ==
          "targets.xlsx:12:5: error JX101: expected a number [hint: write ≥95%]");
  }
  SECTION("no hint: no hint brackets") {
    CHECK(jixiao::to_string(make("targets.xlsx", 12, 5)) == "targets.xlsx:12:5: error JX101: expected a number");
  }
  SECTION("no file") {
    CHECK(jixiao::to_string(make("", 1, 5)) == "1:5: error JX101: expected a number");
  }
  SECTION("file and line, no column") {
    CHECK(jixiao::to_string(make("a.csv", 7, 0)) == "a.csv:7: error JX101: expected a number");
  }
  SECTION("file only") {
    CHECK(jixiao::to_string(make("a.csv", 0, 0)) == "a.csv: error JX101: expected a number");
  }
  SECTION("nothing known about the position") {
    CHECK(jixiao::to_string(make("", 0, 0)) == "error JX101: expected a number");
    CHECK(jixiao::to_string(make("", 0, 0, "h")) == "error JX101: expected a number [hint: h]");
  }
  SECTION("a column only (a value parsed on its own has line 0)") {
    // The line is unknown, so the column is named as such rather than passing for a line.
    CHECK(jixiao::to_string(make("", 0, 2)) == "column 2: error JX101: expected a number");
    CHECK(jixiao::to_string(make("a.csv", 0, 2)) == "a.csv: column 2: error JX101: expected a number");
  }
  SECTION("the severity is spelled in place") {
    Diagnostic w = make("f", 1, 1);
    w.severity = Severity::warning;
    w.code = "JX104";
    w.message = "reversed";
    CHECK(jixiao::to_string(w) == "f:1:1: warning JX104: reversed");
    w.severity = Severity::info;
    CHECK(jixiao::to_string(w) == "f:1:1: info JX104: reversed");
  }
  SECTION("UTF-8 in file names and messages is kept as is") {
    Diagnostic d = make("指标.xlsx", 3, 2, "改为 ≥95%");
    d.message = "模板占位符";
    CHECK(jixiao::to_string(d) == "指标.xlsx:3:2: error JX101: 模板占位符 [hint: 改为 ≥95%]");
  }
  SECTION("operator<< writes the same text") {
    const Diagnostic d = make("a.csv", 2, 3, "h");
    std::ostringstream os;
    os << d;
    CHECK(os.str() == jixiao::to_string(d));
  }
}

TEST_CASE("to_string(Diagnostic) keeps to one line and shows control characters escaped", "[diagnostic]") {
  // Text from the input (a quoted cell with a line break, a binary file's escape sequence).
  Diagnostic d = make("a.tsv", 3, 1, "see\tthe\ncell");
  d.message = "the cell `多\n行` holds \x1b[31m and \x7f";
  CHECK(jixiao::to_string(d) == "a.tsv:3:1: error JX101: the cell `多\\n行` holds \\x1B[31m and \\x7F [hint: see\\tthe\\ncell]");
  // C1 controls (the 8-bit CSI U+009B, NEL U+0085), separators and bidirectional overrides.
  d.message = "a\u009b31m b\u0085c \u2028 \u202e甲\u2069";
  d.hint.clear();
  CHECK(jixiao::to_string(d) == "a.tsv:3:1: error JX101: a\\u{009B}31m b\\u{0085}c \\u{2028} \\u{202E}甲\\u{2069}");
  // The implicit directional marks reorder text as an override does: LRM, RLM and ALM.
  d.message = "`12\u200f34` `\u200e甲` `乙\u061c`";
  CHECK(jixiao::to_string(d) == "a.tsv:3:1: error JX101: `12\\u{200F}34` `\\u{200E}甲` `乙\\u{061C}`");
}

TEST_CASE("detail::hidden_char finds the characters that must not reach a terminal raw", "[diagnostic]") {
  // "3 U+200E": a hidden character's length in bytes and code point; "0" for text.
  const auto hit = [](std::size_t n, std::uint32_t cp) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%zu U+%04X", n, static_cast<unsigned>(cp));
    return n ? std::string(buf) : std::string("0");
  };
  const auto hidden = [&](std::string_view text) {
    std::uint32_t cp = 0;
    const std::size_t n = jixiao::detail::hidden_char(text, 0, cp);
    return hit(n, cp);
  };
  // C0 controls (line breaks and tabs included), DEL and C1 controls.
  CHECK(hidden("\n") == "1 U+000A");
  CHECK(hidden("\x1b[31m") == "1 U+001B");
  CHECK(hidden("\x7f") == "1 U+007F");
  CHECK(hidden("\u0085") == "2 U+0085");
  CHECK(hidden("\u009b") == "2 U+009B");
  // Line and paragraph separators, bidirectional overrides, isolates and marks.
  for (const std::uint32_t c : {0x2028u, 0x2029u, 0x202Au, 0x202Eu, 0x2066u, 0x2069u, 0x200Eu, 0x200Fu}) {
    std::string s;
    jixiao::detail::append_utf8(s, static_cast<char32_t>(c));
    CHECK(hidden(s + "x") == hit(3, c));
  }
  CHECK(hidden("\u061c甲") == "2 U+061C");
  // Their neighbours are text: the zero-width joiner, the narrow no-break space, Arabic.
  for (const std::string_view s : {"a", " ", "甲", "\u00a0", "\u200d", "\u2027", "\u202f", "\u2065", "\u206a",
                                   "\u061b", "\u061d", "\u0627"})
    CHECK(hidden(s) == "0");
  // A sequence cut short at the end of the text is not read past it.
  CHECK(hidden(std::string_view("\xe2\x80", 2)) == "0");
  CHECK(hidden(std::string_view("\xd8", 1)) == "0");
}

TEST_CASE("a diagnostic from parse_value formats with its column, code and message", "[diagnostic]") {
  const auto r = jixiao::parse_value("≥**%");
  REQUIRE(r.diagnostics.size() == 1);
  const Diagnostic& d = r.diagnostics[0];
  const std::string s = jixiao::to_string(d);
  CHECK(s.rfind("column 2: error JX102: ", 0) == 0);
  CHECK(s.find(d.message) != std::string::npos);
  if (!d.hint.empty()) {
    CHECK(s.find(" [hint: " + d.hint + "]") != std::string::npos);
  }
}

TEST_CASE("Diagnostic and SourceSpan equality compares every field", "[diagnostic]") {
  const Diagnostic base = make("a.csv", 2, 3, "h");
  CHECK(base == base);
  CHECK_FALSE(base != base);
  Diagnostic d = base;
  CHECK(d == base);

  d = base; d.code = "JX102";
  CHECK(d != base);
  d = base; d.severity = Severity::warning;
  CHECK(d != base);
  d = base; d.message = "other";
  CHECK(d != base);
  d = base; d.hint = "";
  CHECK(d != base);
  d = base; d.span.file = "b.csv";
  CHECK(d != base);
  d = base; d.span.line = 3;
  CHECK(d != base);
  d = base; d.span.column = 4;
  CHECK(d != base);
  d = base; d.span.length = 0;
  CHECK(d != base);

  SourceSpan a{"f", 1, 2, 3};
  SourceSpan b = a;
  CHECK(a == b);
  b.length = 4;
  CHECK(a != b);
  CHECK_FALSE(a == b);
}

TEST_CASE("diagnostics from the same cell are equal; from different cells are not", "[diagnostic]") {
  CHECK(jixiao::parse_value("≥**%").diagnostics == jixiao::parse_value("≥**%").diagnostics);
  CHECK(jixiao::parse_value("≥**%").diagnostics != jixiao::parse_value(" ≥**%").diagnostics);  // column differs
}
