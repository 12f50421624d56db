// jixiao: budget performance management (预算绩效管理) for C++ and Python.
// SPDX-License-Identifier: MIT
//
// The first stage of reading a table: bytes → UTF-8 (BOM, GBK/GB18030, bad bytes, NUL) and
// UTF-8 → rows of cells (TSV, CSV with quotes, line ends), with the positions diagnostics need.
#include <catch2/catch.hpp>

#include "junk.hpp"

#include <jixiao/detail/cell_grid.hpp>
#include <jixiao/detail/utf8.hpp>

#include <chrono>
#include <cstdint>
#include <fstream>
#include <iterator>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <iconv.h>

using jixiao::Diagnostic;
using jixiao::Encoding;
using jixiao::Format;
using jixiao::Severity;
using jixiao::detail::decode_text;
using jixiao::detail::detect_format;
using jixiao::detail::Row;
using jixiao::detail::split_cells;

namespace {

const std::string file_name = "t.tsv";
const std::string fffd = "\xEF\xBF\xBD";

struct Decoded {
  std::string text;
  Encoding encoding = Encoding::automatic;
  std::vector<Diagnostic> diagnostics;
};

Decoded decode(std::string_view bytes, Encoding requested = Encoding::automatic) {
  Decoded d;
  d.encoding = decode_text(bytes, requested, d.text, d.diagnostics, file_name);
  return d;
}

struct Split {
  std::vector<Row> rows;
  std::vector<Diagnostic> diagnostics;
};

Split split(std::string_view text, Format format) {
  Split s;
  s.rows = split_cells(text, format, s.diagnostics, file_name);
  return s;
}

std::vector<std::string> texts(const Row& row) {
  std::vector<std::string> out;
  for (const auto& c : row.cells) out.push_back(c.text);
  return out;
}

std::size_t count_code(const std::vector<Diagnostic>& ds, std::string_view code) {
  std::size_t n = 0;
  for (const auto& d : ds) n += d.code == code;
  return n;
}

/// UTF-8 → GB18030 with the system's iconv, to test on real text rather than hand-made bytes.
std::string to_gb18030(const std::string& utf8) {
  iconv_t cd = iconv_open("GB18030", "UTF-8");
  REQUIRE(cd != reinterpret_cast<iconv_t>(-1));
  std::string out(utf8.size() * 2 + 16, '\0');
  char* in = const_cast<char*>(utf8.data());
  std::size_t in_left = utf8.size();
  char* o = out.data();
  std::size_t o_left = out.size();
  REQUIRE(iconv(cd, &in, &in_left, &o, &o_left) != static_cast<std::size_t>(-1));
  iconv_close(cd);
  out.resize(out.size() - o_left);
  return out;
}

using jixiao::test::Junk;

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// decode_text

TEST_CASE("decode_text: a UTF-8 BOM is stripped and does not count as a column", "[read][cell_grid]") {
  const auto d = decode("\xEF\xBB\xBF" "民政局\t95%\n");
  CHECK(d.encoding == Encoding::utf8);
  CHECK(d.text == "民政局\t95%\n");
  CHECK(d.diagnostics.empty());
  const auto s = split(d.text, Format::tsv);
  REQUIRE(s.rows.size() == 1);
  CHECK(s.rows[0].cells[1].column == 5);

  CHECK(decode("\xEF\xBB\xBF").text.empty());
  CHECK(decode("\xEF\xBB\xBF", Encoding::gb18030).text.empty());
}

TEST_CASE("decode_text: empty input", "[read][cell_grid]") {
  const auto d = decode("");
  CHECK(d.text.empty());
  CHECK(d.encoding == Encoding::utf8);
  CHECK(d.diagnostics.empty());
  CHECK(split("", Format::tsv).rows.empty());
  CHECK(split("", Format::csv).rows.empty());
  CHECK(split("", Format::json).rows.empty());
  CHECK(detect_format("") == Format::csv);
}

TEST_CASE("decode_text: valid UTF-8 is kept as it is, line ends included", "[read][cell_grid]") {
  const std::string text = "项目\t指标值\r\n民政局\t≥95%\r老年人\t😀\n";
  const auto d = decode(text);
  CHECK(d.encoding == Encoding::utf8);
  CHECK(d.text == text);
  CHECK(d.diagnostics.empty());
}

TEST_CASE("decode_text: GBK bytes read as the same text at the same positions", "[read][cell_grid]") {
  // "标题\n民政局\t95%\t\n" with 民政局 = C3 F1 D5 FE BE D6 (checked with iconv).
  const std::string utf8 = "标题\n民政局\t95%\t\n";
  const std::string gbk = to_gb18030(utf8);
  CHECK(gbk.find("\xC3\xF1\xD5\xFE\xBE\xD6") != std::string::npos);

  const auto d = decode(gbk);
  CHECK(d.encoding == Encoding::gb18030);
  CHECK(d.text == utf8);
  REQUIRE(d.diagnostics.size() == 1);
  const Diagnostic& info = d.diagnostics[0];
  CHECK(info.code == "JX201");
  CHECK(info.severity == Severity::info);
  CHECK(info.message == "read as GB18030 (GBK): the file is not UTF-8");
  CHECK(info.span.file == file_name);
  CHECK(info.span.line == 1);  // 标 is the first byte that is not UTF-8
  CHECK(info.span.column == 1);

  const auto from_gbk = split(d.text, Format::tsv);
  const auto from_utf8 = split(utf8, Format::tsv);
  REQUIRE(from_gbk.rows.size() == 2);
  REQUIRE(from_gbk.rows.size() == from_utf8.rows.size());
  for (std::size_t r = 0; r < from_gbk.rows.size(); ++r) {
    REQUIRE(from_gbk.rows[r].cells.size() == from_utf8.rows[r].cells.size());
    CHECK(from_gbk.rows[r].line == from_utf8.rows[r].line);
    for (std::size_t c = 0; c < from_gbk.rows[r].cells.size(); ++c) {
      CHECK(from_gbk.rows[r].cells[c].text == from_utf8.rows[r].cells[c].text);
      CHECK(from_gbk.rows[r].cells[c].line == from_utf8.rows[r].cells[c].line);
      CHECK(from_gbk.rows[r].cells[c].column == from_utf8.rows[r].cells[c].column);
    }
  }
  CHECK(texts(from_gbk.rows[1]) == std::vector<std::string>{"民政局", "95%", ""});
  CHECK(from_gbk.rows[1].line == 2);
  CHECK(from_gbk.rows[1].cells[1].column == 5);

  SECTION("the JX201 points at the first byte that is not UTF-8") {
    const auto late = decode("ab\ncd\n" + to_gb18030("x民"));
    REQUIRE(find_code(late.diagnostics, "JX201") != nullptr);
    CHECK(find_code(late.diagnostics, "JX201")->span.line == 3);
    CHECK(find_code(late.diagnostics, "JX201")->span.column == 2);
  }
  SECTION("forcing GB18030 converts without the JX201") {
    const auto forced = decode(gbk, Encoding::gb18030);
    CHECK(forced.encoding == Encoding::gb18030);
    CHECK(forced.text == utf8);
    CHECK(forced.diagnostics.empty());
  }
}

TEST_CASE("decode_text: GB18030 four-byte sequences", "[read][cell_grid]") {
  // 😀 = 94 39 FC 36 (outside the BMP), U+0080 = 81 30 81 30, € = A2 E3.
  const auto d = decode("\x94\x39\xFC\x36\t\x81\x30\x81\x30\t\xA2\xE3");
  CHECK(d.encoding == Encoding::gb18030);
  CHECK(d.text == "😀\t\u0080\t€");
  CHECK(count_code(d.diagnostics, "JX202") == 0);
  const auto s = split(d.text, Format::tsv);
  REQUIRE(s.rows.size() == 1);
  CHECK(s.rows[0].cells[1].column == 3);
  CHECK(s.rows[0].cells[2].column == 5);
}

TEST_CASE("decode_text: bytes valid in neither encoding become U+FFFD with a position", "[read][cell_grid]") {
  SECTION("GB18030: one JX202 per line, at the first bad byte") {
    // Line 2: a b FF c d FF → two bad bytes, one diagnostic at column 3.
    const auto d = decode(to_gb18030("民政局\n") + "ab\xFF" "cd\xFF\n\x80x");
    CHECK(d.encoding == Encoding::gb18030);
    CHECK(d.text == "民政局\nab" + fffd + "cd" + fffd + "\n" + fffd + "x");
    REQUIRE(count_code(d.diagnostics, "JX202") == 2);
    const auto* first = find_code(d.diagnostics, "JX202");
    CHECK(first->severity == Severity::warning);
    CHECK(first->span.line == 2);
    CHECK(first->span.column == 3);
    CHECK(first->span.file == file_name);
    CHECK(first->message == "byte 0xFF is not valid GB18030 and was replaced by U+FFFD");
    CHECK(d.diagnostics.back().span.line == 3);
    CHECK(d.diagnostics.back().span.column == 1);
    CHECK(d.diagnostics.back().message == "byte 0x80 is not valid GB18030 and was replaced by U+FFFD");
  }
  SECTION("a lead byte before a line end does not eat the line end") {
    const auto d = decode("a\x81\nb\x81", Encoding::gb18030);
    CHECK(d.text == "a" + fffd + "\nb" + fffd);
    REQUIRE(count_code(d.diagnostics, "JX202") == 2);
    CHECK(d.diagnostics[1].span.line == 2);
    CHECK(d.diagnostics[1].span.column == 2);
  }
  SECTION("forced UTF-8 replaces malformed sequences") {
    const auto d = decode("ok\r\n民\xFF政\xC3(\n", Encoding::utf8);
    CHECK(d.encoding == Encoding::utf8);
    CHECK(d.text == "ok\r\n民" + fffd + "政" + fffd + "(\n");
    REQUIRE(d.diagnostics.size() == 1);
    CHECK(d.diagnostics[0].code == "JX202");
    CHECK(d.diagnostics[0].message == "byte 0xFF is not valid UTF-8 and was replaced by U+FFFD");
    CHECK(d.diagnostics[0].span.line == 2);
    CHECK(d.diagnostics[0].span.column == 2);
  }
  SECTION("at most 20 lines are reported, then one summary") {
    std::string bytes;
    for (int i = 0; i < 30; ++i) bytes += "a\xFF\xFF\n";
    for (Encoding e : {Encoding::gb18030, Encoding::utf8}) {
      const auto d = decode(bytes, e);
      REQUIRE(d.diagnostics.size() == 21);
      CHECK(count_code(d.diagnostics, "JX202") == 21);
      CHECK(d.diagnostics[19].span.line == 20);
      const Diagnostic& summary = d.diagnostics[20];
      CHECK(summary.span.line == 21);
      CHECK(summary.span.column == 2);
      CHECK(summary.message.find("10 more lines from line 21") == 0);
    }
  }
}

TEST_CASE("decode_text: NUL bytes are replaced and reported once, as an error", "[read][cell_grid]") {
  const auto d = decode(std::string("a\0b\nc\0\0", 7));
  CHECK(d.text == "a" + fffd + "b\nc" + fffd + fffd);
  REQUIRE(d.diagnostics.size() == 1);
  CHECK(d.diagnostics[0].code == "JX204");
  CHECK(d.diagnostics[0].severity == Severity::error);
  CHECK(d.diagnostics[0].message == "the file contains NUL bytes; it looks binary, not a table");
  CHECK(d.diagnostics[0].span.line == 1);
  CHECK(d.diagnostics[0].span.column == 2);
  CHECK(d.diagnostics[0].hint.find("3 NUL bytes") == 0);

  SECTION("also after GB18030 conversion") {
    const auto g = decode(std::string("\xC3\xF1\n\xD5\xFE\0", 6));
    CHECK(g.encoding == Encoding::gb18030);
    CHECK(g.text == "民\n政" + fffd);
    REQUIRE(find_code(g.diagnostics, "JX204") != nullptr);
    CHECK(find_code(g.diagnostics, "JX204")->span.line == 2);
    CHECK(find_code(g.diagnostics, "JX204")->span.column == 2);
  }
  SECTION("UTF-16 (Excel's \"Unicode text\") gets a hint") {
    const auto u = decode(std::string("\xFF\xFE" "a\0\t\0b\0", 8));
    REQUIRE(find_code(u.diagnostics, "JX204") != nullptr);
    CHECK(find_code(u.diagnostics, "JX204")->hint.find("UTF-16") != std::string::npos);
  }
}

TEST_CASE("decode_text: random binary junk never crashes and every diagnostic has a line",
          "[read][cell_grid]") {
  for (std::uint64_t seed : {1u, 2u, 3u}) {
    Junk junk(seed);
    std::string bytes(300 * 1024, '\0');
    for (auto& b : bytes) b = static_cast<char>(junk.next());
    for (Encoding e : {Encoding::automatic, Encoding::utf8, Encoding::gb18030}) {
      const auto d = decode(bytes, e);
      CHECK(d.encoding != Encoding::automatic);
      CHECK(jixiao::detail::find_invalid_utf8(d.text) == std::string_view::npos);
      CHECK(d.text.find('\0') == std::string::npos);
      CHECK(count_code(d.diagnostics, "JX202") <= 21);
      CHECK(count_code(d.diagnostics, "JX204") == 1);
      for (const auto& diag : d.diagnostics) {
        CHECK(diag.span.line != 0);
        CHECK(diag.span.column != 0);
        CHECK(diag.span.file == file_name);
      }
      for (Format f : {Format::tsv, Format::csv, Format::automatic}) {
        const auto s = split(d.text, f);
        for (const auto& diag : s.diagnostics) CHECK(diag.span.line != 0);
        for (const auto& row : s.rows) {
          CHECK(row.line != 0);
          CHECK(!row.cells.empty());
        }
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------
// detect_format

TEST_CASE("detect_format: JSON by its first character, TSV by tabs outnumbering commas, else CSV",
          "[read][cell_grid]") {
  CHECK(detect_format("{\"functions\": []}") == Format::json);
  CHECK(detect_format(" \r\n [1]") == Format::csv);  // a jixiao table is an object; `[…]` is text
  CHECK(detect_format("[项目名称]\t城乡低保\n") == Format::tsv);
  CHECK(detect_format("\xEF\xBB\xBF{}") == Format::json);
  CHECK(detect_format("项目\t指标\n") == Format::tsv);
  CHECK(detect_format("\t\t\n") == Format::tsv);
  CHECK(detect_format("a,b\nc,d\n") == Format::csv);
  CHECK(detect_format("标题") == Format::csv);
  CHECK(detect_format("") == Format::csv);

  std::string titles;  // lines without separators, as above a table's header
  for (int i = 0; i < 19; ++i) titles += "标题\r\n";
  CHECK(detect_format(titles + "a\tb\n") == Format::tsv);             // line 20
  CHECK(detect_format(titles + "标题\na\tb\n") == Format::csv);       // line 21
  CHECK(detect_format("\n\n\r\n" + titles + "a\tb\n") == Format::tsv);  // blank lines do not count
  // A CSV with a tab inside a quoted cell, or a stray tab on one line, stays CSV ...
  std::string csv;
  for (int i = 0; i < 19; ++i) csv += "a,b,c\r\n";
  CHECK(detect_format(csv + "a,\"x\ty\",c\n") == Format::csv);
  CHECK(detect_format("a,b\nc\td,e\nf,g\n") == Format::csv);
  // ... and a TSV whose cells write numbers as 10,141 stays TSV.
  CHECK(detect_format("指标1:\t城市低保\t≥10,141人次\n指标2:\t农村低保\t≥24671人次\n") == Format::tsv);
  // A TSV cell Excel quoted over several lines of comma-rich text: its lines are not counted.
  std::string notes = "部门职能概述\t\"";
  for (int i = 0; i < 12; ++i) notes += "一是规范,合理确定,保障\n";
  notes += "完\"\n年度\t2024\n指标1:\t城市低保\t≥10141人次\n";
  CHECK(detect_format(notes) == Format::tsv);
  // `{` starts a JSON table only as an object: a key or `}` follows.
  CHECK(detect_format("{草稿}\t项目\n") == Format::tsv);
  CHECK(detect_format("{ \"format\": \"jixiao-table\" }") == Format::json);
}

// ---------------------------------------------------------------------------------------------
// split_cells: TSV

TEST_CASE("split_cells TSV: empty cells are kept, columns count code points", "[read][cell_grid]") {
  const auto s = split("民政局\t\t95%\t\n", Format::tsv);
  CHECK(s.diagnostics.empty());
  REQUIRE(s.rows.size() == 1);
  const Row& row = s.rows[0];
  CHECK(row.line == 1);
  REQUIRE(row.cells.size() == 4);
  CHECK(texts(row) == std::vector<std::string>{"民政局", "", "95%", ""});
  CHECK(row.cells[0].column == 1);
  CHECK(row.cells[1].column == 5);  // after 民政局 and its tab
  CHECK(row.cells[2].column == 6);
  CHECK(row.cells[3].column == 10);
  for (const auto& c : row.cells) CHECK(c.line == 1);
}

TEST_CASE("split_cells TSV: LF, CRLF and lone CR end lines; empty lines give no row", "[read][cell_grid]") {
  const auto s = split("a\tb\r\nc\rd\n\re\r\n\r\n\t\t\n  \nf", Format::tsv);
  REQUIRE(s.rows.size() == 7);
  CHECK(texts(s.rows[0]) == std::vector<std::string>{"a", "b"});
  CHECK(s.rows[0].line == 1);
  CHECK(texts(s.rows[1]) == std::vector<std::string>{"c"});
  CHECK(s.rows[1].line == 2);
  CHECK(texts(s.rows[2]) == std::vector<std::string>{"d"});
  CHECK(s.rows[2].line == 3);
  // line 4 is the empty line between "\n" and "\r"
  CHECK(texts(s.rows[3]) == std::vector<std::string>{"e"});
  CHECK(s.rows[3].line == 5);
  // line 6 is empty; a line of tabs or blanks is a row of empty or blank cells
  CHECK(texts(s.rows[4]) == std::vector<std::string>{"", "", ""});
  CHECK(s.rows[4].line == 7);
  CHECK(texts(s.rows[5]) == std::vector<std::string>{"  "});
  CHECK(s.rows[5].line == 8);
  CHECK(texts(s.rows[6]) == std::vector<std::string>{"f"});
  CHECK(s.rows[6].line == 9);
  CHECK(s.rows[6].cells[0].line == 9);
}

TEST_CASE("split_cells TSV: Excel's quoted cells; other quotes are plain characters", "[read][cell_grid]") {
  SECTION("a quoted cell may hold a tab, a line break and \"\"") {
    const auto s = split("\"a\tb\"\tc\n\"城市低保\n(含分散供养)\"\t≥1人\n\"提前\"\"下达\"\"\"\n", Format::tsv);
    REQUIRE(s.rows.size() == 3);
    CHECK(texts(s.rows[0]) == std::vector<std::string>{"a\tb", "c"});
    CHECK(texts(s.rows[1]) == std::vector<std::string>{"城市低保\n(含分散供养)", "≥1人"});
    CHECK(s.rows[1].line == 2);
    CHECK(s.rows[1].cells[1].line == 3);
    CHECK(s.rows[1].cells[1].column == 10);  // after `(含分散供养)"` (8) and the tab
    CHECK(texts(s.rows[2]) == std::vector<std::string>{"提前\"下达\""});
    CHECK(s.rows[2].line == 4);
    CHECK(s.diagnostics.empty());
  }
  SECTION("a quote that does not close a cell is a character") {
    const auto s = split("\"a\tb\"c\n\"甲\t≥1人\n", Format::tsv);
    REQUIRE(s.rows.size() == 2);
    CHECK(texts(s.rows[0]) == std::vector<std::string>{"\"a", "b\"c"});
    CHECK(texts(s.rows[1]) == std::vector<std::string>{"\"甲", "≥1人"});
  }
}

TEST_CASE("split_cells: the sample table gives one row per non-empty line, at its line",
          "[read][cell_grid]") {
  std::ifstream in(JIXIAO_TEST_DATA "/../../examples/data/civil-affairs-2024-targets.tsv", std::ios::binary);
  REQUIRE(in);
  const std::string bytes{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  const auto d = decode(bytes);
  CHECK(d.encoding == Encoding::utf8);
  CHECK(d.diagnostics.empty());
  CHECK(detect_format(d.text) == Format::tsv);

  // The physical lines that have something on them, counted independently.
  std::vector<std::uint32_t> expected_lines;
  std::uint32_t line = 1;
  std::size_t start = 0;
  for (;;) {
    const std::size_t eol = d.text.find('\n', start);
    const std::size_t stop = eol == std::string::npos ? d.text.size() : eol;
    if (stop != start) expected_lines.push_back(line);
    if (eol == std::string::npos) break;
    start = eol + 1;
    ++line;
  }
  CHECK(expected_lines.size() == 68);  // 73 physical lines, 5 of them empty

  const auto s = split(d.text, Format::automatic);
  CHECK(s.diagnostics.empty());
  REQUIRE(s.rows.size() == expected_lines.size());
  for (std::size_t i = 0; i < s.rows.size(); ++i) {
    CHECK(s.rows[i].line == expected_lines[i]);
    for (const auto& c : s.rows[i].cells) CHECK(c.line == expected_lines[i]);
  }

  SECTION("the same table saved as GBK reads the same") {
    const auto g = decode(to_gb18030(bytes));
    CHECK(g.encoding == Encoding::gb18030);
    CHECK(g.text == d.text);
  }
}

// ---------------------------------------------------------------------------------------------
// split_cells: CSV

TEST_CASE("split_cells CSV: quoted cells hold separators, quotes and line ends", "[read][cell_grid]") {
  SECTION("quoted comma") {
    const auto s = split("\"a,b\",c\n", Format::csv);
    CHECK(s.diagnostics.empty());
    REQUIRE(s.rows.size() == 1);
    CHECK(texts(s.rows[0]) == std::vector<std::string>{"a,b", "c"});
    CHECK(s.rows[0].cells[0].column == 2);  // after the opening quote
    CHECK(s.rows[0].cells[1].column == 7);
  }
  SECTION("doubled quote") {
    const auto s = split("\"say \"\"hi\"\"\",b,\"\"", Format::csv);
    CHECK(s.diagnostics.empty());
    REQUIRE(s.rows.size() == 1);
    CHECK(texts(s.rows[0]) == std::vector<std::string>{"say \"hi\"", "b", ""});
    CHECK(s.rows[0].cells[1].column == 14);
    CHECK(s.rows[0].cells[2].column == 17);
  }
  SECTION("a record spans lines; each cell has its own position") {
    const auto s = split("x,\"line1\r\nline2\",y\nz,\"民\n\n政\"\n", Format::csv);
    CHECK(s.diagnostics.empty());
    REQUIRE(s.rows.size() == 2);
    CHECK(texts(s.rows[0]) == std::vector<std::string>{"x", "line1\r\nline2", "y"});
    CHECK(s.rows[0].line == 1);
    CHECK(s.rows[0].cells[1].line == 1);
    CHECK(s.rows[0].cells[1].column == 4);
    CHECK(s.rows[0].cells[2].line == 2);
    CHECK(s.rows[0].cells[2].column == 8);
    CHECK(texts(s.rows[1]) == std::vector<std::string>{"z", "民\n\n政"});
    CHECK(s.rows[1].line == 3);
  }
  SECTION("empty cells, blank lines and line ends") {
    const auto s = split(",a,\r\n\r\nb\rc,\n", Format::csv);
    REQUIRE(s.rows.size() == 3);
    CHECK(texts(s.rows[0]) == std::vector<std::string>{"", "a", ""});
    CHECK(s.rows[0].cells[2].column == 4);
    CHECK(texts(s.rows[1]) == std::vector<std::string>{"b"});
    CHECK(s.rows[1].line == 3);
    CHECK(texts(s.rows[2]) == std::vector<std::string>{"c", ""});
    CHECK(s.rows[2].line == 4);
  }
  SECTION("Chinese text and full-width commas are not separators") {
    const auto s = split("民政局，养老,≥95%", Format::csv);
    REQUIRE(s.rows.size() == 1);
    CHECK(texts(s.rows[0]) == std::vector<std::string>{"民政局，养老", "≥95%"});
    CHECK(s.rows[0].cells[1].column == 8);
  }
}

TEST_CASE("split_cells CSV: an unbalanced quote is reported and no row is lost", "[read][cell_grid]") {
  const auto s = split("h1,h2\na,\"b,c\nd,e\n\nf\n", Format::csv);
  REQUIRE(count_code(s.diagnostics, "JX203") == 1);
  const Diagnostic& d = *find_code(s.diagnostics, "JX203");
  CHECK(d.severity == Severity::error);
  CHECK(d.span.line == 2);
  CHECK(d.span.column == 3);
  CHECK(d.span.file == file_name);
  REQUIRE(s.rows.size() == 4);
  CHECK(texts(s.rows[1]) == std::vector<std::string>{"a", "\"b", "c"});
  CHECK(s.rows[1].cells[1].column == 3);  // the quote is now part of the text
  CHECK(s.rows[1].cells[2].column == 6);
  CHECK(texts(s.rows[2]) == std::vector<std::string>{"d", "e"});
  CHECK(s.rows[2].line == 3);
  CHECK(texts(s.rows[3]) == std::vector<std::string>{"f"});
  CHECK(s.rows[3].line == 5);

  SECTION("quotes after the unbalanced one still pair up") {
    // Past a quote that never closes, every run of quotes has an even length, so a later
    // quoted cell closes within its own run: `""""` is a cell holding one quote.
    const auto t = split("\"a\nb,\"\"\"\",c\n", Format::csv);
    CHECK(count_code(t.diagnostics, "JX203") == 1);
    REQUIRE(t.rows.size() == 2);
    CHECK(texts(t.rows[0]) == std::vector<std::string>{"\"a"});
    CHECK(texts(t.rows[1]) == std::vector<std::string>{"b", "\"", "c"});
    CHECK(t.rows[1].line == 2);
  }
  SECTION("a lone quote at the end of the file") {
    const auto t = split("a,b\n\"", Format::csv);
    CHECK(count_code(t.diagnostics, "JX203") == 1);
    REQUIRE(t.rows.size() == 2);
    CHECK(texts(t.rows[1]) == std::vector<std::string>{"\""});
  }
}

TEST_CASE("split_cells CSV: stray quotes are literal, reported once per file", "[read][cell_grid]") {
  SECTION("a quote in the middle of an unquoted cell") {
    const auto s = split("ab\"c,d\"e\nf\"\n", Format::csv);
    REQUIRE(s.rows.size() == 2);
    CHECK(texts(s.rows[0]) == std::vector<std::string>{"ab\"c", "d\"e"});
    CHECK(texts(s.rows[1]) == std::vector<std::string>{"f\""});
    REQUIRE(s.diagnostics.size() == 1);
    CHECK(s.diagnostics[0].code == "JX206");
    CHECK(s.diagnostics[0].severity == Severity::warning);
    CHECK(s.diagnostics[0].span.line == 1);
    CHECK(s.diagnostics[0].span.column == 3);
  }
  SECTION("text after a closing quote is appended") {
    const auto s = split("\"ab\"cd,e\n\"x\" ,y\n", Format::csv);
    REQUIRE(s.rows.size() == 2);
    CHECK(texts(s.rows[0]) == std::vector<std::string>{"abcd", "e"});
    CHECK(s.rows[0].cells[1].column == 8);
    CHECK(texts(s.rows[1]) == std::vector<std::string>{"x ", "y"});
    REQUIRE(s.diagnostics.size() == 1);
    CHECK(s.diagnostics[0].code == "JX206");
    CHECK(s.diagnostics[0].span.line == 1);
    CHECK(s.diagnostics[0].span.column == 5);
  }
}

// ---------------------------------------------------------------------------------------------
// Size and speed

TEST_CASE("split_cells: a 10 MB cell is kept whole, with a JX205, in linear time", "[read][cell_grid]") {
  const std::size_t big = 10u * 1024 * 1024;
  const std::string payload(big, 'a');
  const auto start = std::chrono::steady_clock::now();

  SECTION("TSV") {
    const auto s = split("x\t" + payload + "\ty\n", Format::tsv);
    REQUIRE(s.rows.size() == 1);
    REQUIRE(s.rows[0].cells.size() == 3);
    CHECK(s.rows[0].cells[1].text.size() == big);
    CHECK(s.rows[0].cells[2].column == big + 4);
    REQUIRE(s.diagnostics.size() == 1);
    CHECK(s.diagnostics[0].code == "JX205");
    CHECK(s.diagnostics[0].severity == Severity::warning);
    CHECK(s.diagnostics[0].span.line == 1);
    CHECK(s.diagnostics[0].span.column == 3);
    CHECK(s.diagnostics[0].message.find(std::to_string(big) + " bytes") != std::string::npos);
  }
  SECTION("CSV, unquoted") {
    const auto s = split("x," + payload + ",y", Format::csv);
    REQUIRE(s.rows.size() == 1);
    CHECK(s.rows[0].cells[1].text.size() == big);
    CHECK(count_code(s.diagnostics, "JX205") == 1);
  }
  SECTION("CSV, quoted, with line ends and doubled quotes inside") {
    std::string quoted = "x,\"";
    for (std::size_t i = 0; i < big / 64; ++i) quoted += std::string(60, 'b') + "\"\"\r\n";
    quoted += "\",y\nz\n";
    const auto s = split(quoted, Format::csv);
    REQUIRE(s.rows.size() == 2);
    CHECK(s.rows[0].cells[1].text.size() == big / 64 * 63);
    CHECK(s.rows[0].cells[2].line == big / 64 + 1);
    CHECK(s.rows[1].line == big / 64 + 2);
    REQUIRE(count_code(s.diagnostics, "JX205") == 1);
    CHECK(find_code(s.diagnostics, "JX205")->span.column == 4);
  }
  SECTION("CSV, a quote that never closes") {
    const auto s = split("x,\"" + payload + "\n" + payload, Format::csv);
    REQUIRE(s.rows.size() == 2);
    CHECK(count_code(s.diagnostics, "JX203") == 1);
    CHECK(count_code(s.diagnostics, "JX205") == 2);
  }
  SECTION("decoding it") {
    const auto d = decode(payload + "\xFF");
    CHECK(d.text.size() == big + 3);
    const auto u = decode(payload + "\xFF", Encoding::utf8);
    CHECK(u.text.size() == big + 3);
  }
  // Quadratic work on 10 MB would take minutes; linear takes well under a second even in a
  // debug build under the sanitizers.
  CHECK(seconds_since(start) < 5.0);
}

TEST_CASE("split_cells: many small rows and many quotes are linear too", "[read][cell_grid]") {
  std::string tsv;
  std::string csv;
  for (int i = 0; i < 200000; ++i) {
    tsv += "民政局\t95%\t\r\n";
    csv += "\"a,\"\"b\"\"\",c\"d,\"e\nf\"\n";
  }
  std::string quotes;  // quotes, separators and line ends at random
  Junk junk(42);
  const char alphabet[] = {'"', '"', ',', '\n', '\r', 'a'};
  for (int i = 0; i < 1000000; ++i) quotes += alphabet[junk.next() % sizeof alphabet];

  const auto start = std::chrono::steady_clock::now();
  const auto t = split(tsv, Format::tsv);
  CHECK(t.rows.size() == 200000);
  CHECK(t.rows.back().line == 200000);
  const auto c = split(csv, Format::csv);
  CHECK(c.rows.size() == 200000);
  CHECK(c.rows.back().line == 399999);
  const auto q = split(quotes, Format::csv);
  CHECK(!q.rows.empty());
  CHECK(count_code(q.diagnostics, "JX203") <= 1);
  CHECK(seconds_since(start) < 5.0);
}

TEST_CASE("split_cells and decode_text never read past the end of their input", "[read][cell_grid]") {
  // Each input sits in a heap block of exactly its size, with no terminating NUL, so that the
  // address sanitizer catches a read one past the end.
  const char* const inputs[] = {"a,", "\"", "\"a\"", "\"a\"\"", "a\r", "x\t", "\"a\"b", "a,\"",
                                "\xEF\xBB", "\xC3", "\x81\x30\x81", "\r\n\r"};
  for (const char* input : inputs) {
    const std::size_t n = std::char_traits<char>::length(input);
    const std::unique_ptr<char[]> block(new char[n]);
    std::char_traits<char>::copy(block.get(), input, n);
    const std::string_view text(block.get(), n);
    for (Format f : {Format::tsv, Format::csv, Format::automatic}) {
      const auto s = split(text, f);
      for (const auto& row : s.rows) CHECK(row.line != 0);
    }
    CHECK(detect_format(text) != Format::automatic);
    for (Encoding e : {Encoding::automatic, Encoding::utf8, Encoding::gb18030}) decode(text, e);
  }
  const auto s = split("a,b,", Format::csv);
  REQUIRE(s.rows.size() == 1);
  CHECK(texts(s.rows[0]) == std::vector<std::string>{"a", "b", ""});
  CHECK(s.rows[0].cells[2].column == 5);
}
