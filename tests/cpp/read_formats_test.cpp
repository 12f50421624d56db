// jixiao: budget performance management (预算绩效管理) for C++ and Python.
// SPDX-License-Identifier: MIT
//
// The table reader over its corpus (tests/data/tables/):
//   - the sample table as CSV, GBK, CRLF, BOM, extra empty columns, a clean one-row-per-indicator
//     layout and jixiao's JSON all read to the sample's tree (make_variants.py writes them);
//   - a project target table with split columns (指标性质 | 指标值 | 度量单位 | 指标方向);
//   - a project self-evaluation table (财预〔2020〕10号 layout: budget block, goals with outcome,
//     weights, scores, deviation reasons, total row);
//   - hostile inputs, generated here: binary junk, 10 MB cells, unbalanced quotes, only tabs,
//     an empty file, UTF-16.  They give diagnostics, never a crash or an exception, and are
//     large enough that quadratic work would take minutes (the tests do not time them);
//   - and on every one of them the reader's promise: nothing is lost.  Every non-empty input
//     line is referenced by a location in the table or by a diagnostic (check_nothing_lost).
#include <jixiao/read.hpp>

#include <jixiao/detail/cell_grid.hpp>
#include <jixiao/detail/utf8.hpp>

#include <catch2/catch.hpp>

#include "junk.hpp"

#include <cmath>
#include <cstdint>
#include <fstream>
#include <iterator>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

using jixiao::Comparator;
using jixiao::Direction;
using jixiao::Encoding;
using jixiao::Format;
using jixiao::Level1;
using jixiao::Level2;
using jixiao::Severity;
using jixiao::Table;
using jixiao::TableKind;
using jixiao::TableRead;
using jixiao::ValueKind;

namespace {

const std::string kTables = JIXIAO_TEST_DATA "/tables/";
const std::string kSample = JIXIAO_TEST_DATA "/../../examples/data/civil-affairs-2024-targets.tsv";

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  REQUIRE(in);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

TableRead read_text(std::string_view bytes, Format format = Format::automatic,
                    Encoding encoding = Encoding::automatic) {
  jixiao::ReadOptions options;
  options.format = format;
  options.encoding = encoding;
  options.file_name = "generated";
  return jixiao::read_table_text(bytes, options);
}

/// A cut-down text for failure messages.
std::string shorten(std::string_view s, std::size_t max_bytes = 80) {
  if (s.size() <= max_bytes) return std::string(s);
  std::size_t cut = max_bytes;
  while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
  return std::string(s.substr(0, cut)) + "… (" + std::to_string(s.size()) + " bytes)";
}

bool has_content(std::string_view s) {
  const char* p = s.data();
  const char* const end = p + s.size();
  while (p != end) {
    const auto c = jixiao::detail::decode_utf8(p, end);
    if (c.length == 0) break;
    if (!jixiao::detail::is_blank(c.value)) return true;
    p += c.length;
  }
  return false;
}

/// One line of the decoded text: its number, where its text is, and the line a reference to it
/// must name (itself, or for a CSV record spanning lines, the record's first line).
struct InputLine {
  std::uint32_t number = 0;
  std::string_view text;
};

/// The lines that must be referenced: for TSV every line with a non-blank character; for CSV
/// the first line of every record with a non-blank character in one of its cells (separators
/// and the quotes of quoted cells are not content).  Line ends: LF, CRLF or a lone CR.  The CSV
/// rules are RFC 4180's as the reader applies them: a quote opens a quoted cell only at the
/// start of a cell, `""` inside one is a quote, and a quote that never closes is a literal
/// character.  Written here on its own, not with the reader's splitter, so that it checks it.
std::map<std::uint32_t, std::string_view> required_lines(std::string_view text, Format format) {
  std::map<std::uint32_t, std::string_view> required;
  const char* const begin = text.data();
  const char* const end = begin + text.size();
  auto line_end = [end](const char* p) {
    while (p != end && *p != '\n' && *p != '\r') ++p;
    return p;
  };
  auto after_line_end = [end](const char* p) { return (*p == '\r' && p + 1 != end && p[1] == '\n') ? p + 2 : p + 1; };
  if (format != Format::csv) {
    // TSV: a record per line, except that a cell Excel quoted (`"` at the cell's start, closed by
    // a `"` followed by a tab, a line end or the end) may hold line ends: its record is required
    // once, at its first line.
    std::uint32_t line = 1;
    for (const char* p = begin; p != end;) {
      const std::uint32_t record_line = line;
      const char* const record_begin = p;
      const char* eol = line_end(p);
      for (const char* cell = p;;) {
        if (cell != end && *cell == '"') {
          const char* q = cell + 1;
          const char* close = nullptr;
          for (;;) {
            while (q != end && *q != '"') ++q;
            if (q == end) break;
            if (q + 1 != end && q[1] == '"') { q += 2; continue; }
            if (q + 1 == end || q[1] == '\t' || q[1] == '\n' || q[1] == '\r') close = q;
            break;
          }
          if (close) {
            for (const char* r = cell; r != close; ++r)
              if (*r == '\n' || (*r == '\r' && !(r + 1 != close && r[1] == '\n'))) ++line;
            eol = line_end(close);
            cell = close + 1;
            if (cell != end && *cell == '\t') { ++cell; continue; }
            break;
          }
        }
        while (cell != eol && *cell != '\t') ++cell;
        if (cell != eol) { ++cell; continue; }
        break;
      }
      const std::string_view s(record_begin, static_cast<std::size_t>(eol - record_begin));
      if (has_content(s)) required.emplace(record_line, s);
      if (eol == end) break;
      p = after_line_end(eol);
      ++line;
    }
    return required;
  }
  std::uint32_t line = 1;
  const char* p = begin;
  while (p != end) {
    const std::uint32_t record_line = line;
    const char* const record_begin = p;
    bool content = false;
    for (;;) {  // one cell
      const char* cell_end = nullptr;
      if (*p == '"') {
        const char* q = p + 1;
        const char* close = nullptr;
        for (;;) {
          while (q != end && *q != '"') ++q;
          if (q == end) break;
          if (q + 1 != end && q[1] == '"') {
            q += 2;
            continue;
          }
          close = q;
          break;
        }
        if (close) {
          content = content || has_content(std::string_view(p + 1, static_cast<std::size_t>(close - p - 1)));
          for (const char* r = p + 1; r != close; ++r)
            if (*r == '\r' || (*r == '\n' && r[-1] != '\r')) ++line;
          p = close + 1;
        }
      }
      cell_end = p;
      while (cell_end != end && *cell_end != ',' && *cell_end != '\n' && *cell_end != '\r') ++cell_end;
      content = content || has_content(std::string_view(p, static_cast<std::size_t>(cell_end - p)));
      p = cell_end;
      if (p == end) break;
      if (*p == ',') {
        ++p;
        continue;
      }
      p = after_line_end(p);
      ++line;
      break;
    }
    if (content) required.emplace(record_line, std::string_view(record_begin, static_cast<std::size_t>(line_end(record_begin) - record_begin)));
  }
  return required;
}

/// Every line the read refers to: the locations in its table and its diagnostics' lines.
std::set<std::uint32_t> referenced_lines(const TableRead& read) {
  std::set<std::uint32_t> lines;
  auto add = [&lines](const jixiao::SourceLocation& at) {
    if (at.known()) lines.insert(at.line);
  };
  const Table& t = read.table;
  add(t.title.at);
  for (const auto& h : t.header) add(h.value.at);
  for (const auto& g : t.goals) {
    add(g.text.at);
    add(g.outcome.at);
  }
  for (const auto& f : t.functions) add(f.name.at);
  for (const auto& i : t.indicators) {
    add(i.level1.at);
    add(i.level2.at);
    add(i.name.at);
    add(i.target_at);
    add(i.actual_at);
    add(i.weight_at);
    add(i.score_at);
    add(i.deviation.at);
  }
  for (const auto& b : t.budget) add(b.label.at);
  add(t.totals.at);
  add(t.totals.grade.at);
  for (const auto& c : t.columns) add(c.at);
  for (const auto& d : read.diagnostics)
    if (d.span.line != 0) lines.insert(d.span.line);
  return lines;
}

/// The non-empty lines of `bytes` (decoded as the read decoded them) that the read refers to
/// neither by a location in its table nor by a diagnostic, with their text.
std::vector<std::pair<std::uint32_t, std::string>> lost_lines(std::string_view bytes, const TableRead& read) {
  std::string text;
  std::vector<jixiao::Diagnostic> ignored;
  jixiao::detail::decode_text(bytes, read.encoding, text, ignored, "");
  const auto referenced = referenced_lines(read);
  std::vector<std::pair<std::uint32_t, std::string>> lost;
  for (const auto& [line, content] : required_lines(text, read.format))
    if (!referenced.count(line)) lost.emplace_back(line, shorten(content));
  return lost;
}

/// The reader's promise: every non-empty line of `bytes` ends up in the table or in a
/// diagnostic with its line number.  Reports the lines lost.
void check_nothing_lost(std::string_view bytes, const TableRead& read) {
  REQUIRE(read.format != Format::json);  // a JSON table's locations are those of its source table
  const auto lost = lost_lines(bytes, read);
  std::ostringstream message;
  for (std::size_t k = 0; k < lost.size() && k < 20; ++k) message << "\n  line " << lost[k].first << ": " << lost[k].second;
  if (lost.size() > 20) message << "\n  … and " << (lost.size() - 20) << " more";
  INFO(lost.size() << " non-empty lines are neither in the table nor in a diagnostic:" << message.str());
  CHECK(lost.empty());
}

/// Diagnostics point at lines of the input, and none has an empty code or message.  (One
/// CHECK for all: hostile inputs give hundreds of thousands of diagnostics.)
void check_diagnostics_have_lines(const TableRead& read, std::size_t line_count) {
  std::size_t bad = 0;
  std::string first_bad;
  for (const auto& d : read.diagnostics) {
    if (!d.code.empty() && !d.message.empty() && d.span.line >= 1 && d.span.line <= line_count + 1) continue;
    if (bad++ == 0) first_bad = shorten(jixiao::to_string(d), 200);
  }
  INFO(bad << " diagnostics without a line of the input (or a code, or a message); the first: " << first_bad);
  CHECK(bad == 0);
}

std::size_t count_lines(std::string_view s) {
  std::size_t n = 1;
  for (std::size_t i = 0; i < s.size(); ++i)
    if (s[i] == '\r' || (s[i] == '\n' && (i == 0 || s[i - 1] != '\r'))) ++n;
  return n;
}

std::size_t count_code(const TableRead& read, std::string_view code) {
  std::size_t n = 0;
  for (const auto& d : read.diagnostics) n += d.code == code;
  return n;
}

// ---------------------------------------------------------------------------------------------
// "The same tree"

std::string describe(const Table& t, const jixiao::Indicator& i, bool with_lines) {
  std::ostringstream os;
  if (i.function >= 0 && static_cast<std::size_t>(i.function) < t.functions.size()) {
    const auto& f = t.functions[static_cast<std::size_t>(i.function)];
    os << "function #" << i.function << " 职能" << f.number << " " << f.name.text;
  } else {
    os << "function #" << i.function;
  }
  os << " | " << i.level1.text << " (" << i.level1_kind << ") | " << i.level2.text << " (" << i.level2_kind
     << ") | 指标" << i.sequence << " | " << i.name.text << " | " << i.target.raw << " | direction "
     << static_cast<int>(i.direction);
  if (with_lines)
    os << " | lines " << i.level1.at.line << "/" << i.level2.at.line << "/" << i.name.at.line << "/" << i.target_at.line;
  return os.str();
}

/// The diagnostics that say something about the table (warnings and errors), as code@line.
std::multiset<std::string> findings(const TableRead& read, bool with_lines) {
  std::multiset<std::string> out;
  for (const auto& d : read.diagnostics)
    if (d.severity != Severity::info)
      out.insert(d.code + (with_lines ? "@" + std::to_string(d.span.line) : std::string()));
  return out;
}

/// `s` without `<p>`-like tags, its blanks collapsed to one space.
std::string without_markup(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '<') {
      const std::size_t close = s.find('>', i);
      if (close != std::string_view::npos && close - i <= 16) {
        out += ' ';
        i = close;
        continue;
      }
    }
    out += s[i];
  }
  std::string collapsed;
  for (char c : out)
    if (c != ' ' || (!collapsed.empty() && collapsed.back() != ' ')) collapsed += c;
  while (!collapsed.empty() && collapsed.back() == ' ') collapsed.pop_back();
  return collapsed;
}

/// `got` holds the same table as `want`: same header, goals, functions and indicators, with
/// targets that state the same.  `same_lines`: and at the same lines.
void check_same_tree(const TableRead& want_read, const TableRead& got_read, bool same_lines) {
  const Table& want = want_read.table;
  const Table& got = got_read.table;
  CHECK(got.kind == want.kind);
  CHECK(got.title.text == want.title.text);
  CHECK(got.year == want.year);

  REQUIRE(got.header.size() == want.header.size());
  for (std::size_t k = 0; k < want.header.size(); ++k) {
    INFO("header field " << want.header[k].key);
    CHECK(got.header[k].key == want.header[k].key);
    // A re-flowed copy may drop the markup around the goals (<p>…</p>).
    CHECK(without_markup(got.header[k].value.text) == without_markup(want.header[k].value.text));
    if (same_lines) CHECK(got.header[k].value.at.line == want.header[k].value.at.line);
  }

  REQUIRE(got.goals.size() == want.goals.size());
  for (std::size_t k = 0; k < want.goals.size(); ++k) {
    INFO("goal " << k);
    CHECK(got.goals[k].number == want.goals[k].number);
    CHECK(got.goals[k].text.text == want.goals[k].text.text);
    CHECK(got.goals[k].outcome.text == want.goals[k].outcome.text);
    if (same_lines) CHECK(got.goals[k].text.at.line == want.goals[k].text.at.line);
  }

  CHECK(got.functions.size() == want.functions.size());
  for (std::size_t k = 0; k < want.functions.size() && k < got.functions.size(); ++k) {
    INFO("function " << k);
    CHECK(got.functions[k].number == want.functions[k].number);
    CHECK(got.functions[k].name.text == want.functions[k].name.text);
    if (same_lines) CHECK(got.functions[k].name.at.line == want.functions[k].name.at.line);
  }

  REQUIRE(got.indicators.size() == want.indicators.size());
  for (std::size_t k = 0; k < want.indicators.size(); ++k) {
    const auto& w = want.indicators[k];
    const auto& g = got.indicators[k];
    INFO("indicator " << k << " (sample line " << w.name.at.line << ")");
    CHECK(describe(got, g, same_lines) == describe(want, w, same_lines));
    CHECK(jixiao::equivalent(g.target, w.target));
    CHECK(g.target.kind == w.target.kind);
  }

  CHECK(got.budget == want.budget);
  CHECK(got.totals.empty() == want.totals.empty());
  // What was wrong with the table is wrong with every copy of it (JSON keeps no diagnostics).
  if (got_read.format != Format::json) CHECK(findings(got_read, same_lines) == findings(want_read, same_lines));
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// The checker checks

TEST_CASE("check_nothing_lost finds the lines a read does not refer to", "[read][formats]") {
  SECTION("TSV: blank lines (tabs, spaces, U+3000) need no reference; CR, LF and CRLF end lines") {
    const std::string text = "a\tb\n\t \t\r\n\xE3\x80\x80\rc\n\nd";
    TableRead read = read_text(text);
    REQUIRE(read.format == Format::tsv);
    read.table = Table{};
    read.diagnostics.clear();
    std::vector<std::uint32_t> lines;
    for (const auto& [line, content] : lost_lines(text, read)) lines.push_back(line);
    CHECK(lines == std::vector<std::uint32_t>{1, 4, 6});
  }
  SECTION("CSV: a record spanning lines needs its first line only; empty cells are not content") {
    const std::string text = "a,\"b\nc\r\nd\"\n,,\"\",\n\"\"\"\",x\n\"never closed\ne";
    TableRead read = read_text(text, Format::csv);
    read.table = Table{};
    read.diagnostics.clear();
    std::vector<std::uint32_t> lines;
    for (const auto& [line, content] : lost_lines(text, read)) lines.push_back(line);
    CHECK(lines == std::vector<std::uint32_t>{1, 5, 6, 7});
  }
  SECTION("the sample without its diagnostics loses the lines only they refer to") {
    TableRead read = jixiao::read_table(kSample);
    read.diagnostics.clear();
    CHECK(lost_lines(slurp(kSample), read).empty());  // every line of the sample is in its table
    read.table.indicators.erase(read.table.indicators.begin() + 1);  // line 13
    std::vector<std::uint32_t> lines;
    for (const auto& [line, content] : lost_lines(slurp(kSample), read)) lines.push_back(line);
    CHECK(lines == std::vector<std::uint32_t>{13});
  }
}

// ---------------------------------------------------------------------------------------------
// The sample's variants

TEST_CASE("every variant of the sample table reads to the sample's tree", "[read][formats]") {
  const std::string sample_bytes = slurp(kSample);
  const TableRead sample = jixiao::read_table(kSample);
  REQUIRE(sample.table.indicators.size() == 61);
  REQUIRE(sample.table.functions.size() == 4);

  struct Variant {
    const char* file;
    Format format;
    Encoding encoding;
    bool same_lines;      // the variant keeps the sample's line numbers
    bool same_locations;  // ...and its columns: the whole table is operator== equal
  };
  const Variant variants[] = {
      {"civil-affairs.csv", Format::csv, Encoding::utf8, true, false},
      {"civil-affairs.gbk.csv", Format::csv, Encoding::gb18030, true, false},
      {"civil-affairs.crlf.tsv", Format::tsv, Encoding::utf8, true, true},
      {"civil-affairs.bom.tsv", Format::tsv, Encoding::utf8, true, true},
      {"civil-affairs.extra-columns.tsv", Format::tsv, Encoding::utf8, true, false},
      {"civil-affairs.clean.tsv", Format::tsv, Encoding::utf8, false, false},
      {"civil-affairs.json", Format::json, Encoding::utf8, true, true},
  };
  for (const Variant& v : variants) {
    DYNAMIC_SECTION(v.file) {
      const std::string path = kTables + v.file;
      const TableRead read = jixiao::read_table(path);
      CHECK(read.format == v.format);
      CHECK(read.encoding == v.encoding);
      check_same_tree(sample, read, v.same_lines);
      if (v.same_locations) CHECK(read.table == sample.table);
      if (v.format != Format::json) check_nothing_lost(slurp(path), read);
    }
  }

  SECTION("the GBK CSV reads to exactly the UTF-8 CSV's table, locations included") {
    const TableRead utf8 = jixiao::read_table(kTables + "civil-affairs.csv");
    const TableRead gbk = jixiao::read_table(kTables + "civil-affairs.gbk.csv");
    CHECK(gbk.table == utf8.table);
    // Forcing the encoding gives the same table, without the guess's JX201.
    jixiao::ReadOptions forced;
    forced.encoding = Encoding::gb18030;
    const TableRead gbk_forced = jixiao::read_table(kTables + "civil-affairs.gbk.csv", forced);
    CHECK(gbk_forced.table == utf8.table);
    CHECK(count_code(gbk, "JX201") == 1);
    CHECK(count_code(gbk_forced, "JX201") == 0);
  }

  SECTION("the CSV read as CSV when asked, and detected as CSV") {
    const std::string csv = slurp(kTables + "civil-affairs.csv");
    const TableRead asked = read_text(csv, Format::csv);
    const TableRead detected = read_text(csv);
    CHECK(detected.format == Format::csv);
    CHECK(asked.table == detected.table);
  }

  SECTION("lone CR line ends (old Mac) keep every location") {
    std::string cr = sample_bytes;
    for (char& c : cr)
      if (c == '\n') c = '\r';
    const TableRead read = read_text(cr);
    CHECK(read.format == Format::tsv);
    check_same_tree(sample, read, true);
    CHECK(read.table == sample.table);
    check_nothing_lost(cr, read);
  }

  SECTION("BOM and CRLF together") {
    std::string both = "\xEF\xBB\xBF";
    for (char c : sample_bytes) {
      if (c == '\n') both += '\r';
      both += c;
    }
    const TableRead read = read_text(both);
    CHECK(read.table == sample.table);
    check_nothing_lost(both, read);
  }

  SECTION("the sample itself loses nothing") { check_nothing_lost(sample_bytes, sample); }
}

TEST_CASE("the JSON variant is what to_json writes for the sample today", "[read][formats][json]") {
  // civil-affairs.json is jixiao's own output: when the reader's locations change, write it
  // again with tests/data/tables/make_variants.py.
  const TableRead sample = jixiao::read_table(kSample);
  std::string json = slurp(kTables + "civil-affairs.json");
  while (json.size() >= 2 && json[json.size() - 1] == '\n' && json[json.size() - 2] == '\n') json.pop_back();
  INFO("if the reader changed on purpose, re-run tests/data/tables/make_variants.py");
  CHECK(json == jixiao::to_json(sample.table));
  const TableRead read = read_text(json);
  CHECK(read.format == Format::json);
  CHECK(read.diagnostics.empty());
  CHECK(read.table == sample.table);
}

TEST_CASE("the clean layout names each core function once", "[read][formats]") {
  // Every row of a clean layout repeats 职能1: 社会救助; it is one function, not one per row.
  const TableRead read = jixiao::read_table(kTables + "civil-affairs.clean.tsv");
  CHECK(read.table.functions.size() == 4);
  std::vector<int> used;
  for (const auto& i : read.table.indicators)
    if (used.empty() || used.back() != i.function) used.push_back(i.function);
  CHECK(used == std::vector<int>{0, 1, 2, 3});
  CHECK(read.table.indicators.size() == 61);
}

// ---------------------------------------------------------------------------------------------
// A project target table with split columns

TEST_CASE("a split-column project table: operator, number and unit make one target", "[read][formats]") {
  const std::string path = kTables + "project-split-columns.tsv";
  const TableRead read = jixiao::read_table(path);
  const Table& t = read.table;
  CHECK(read.format == Format::tsv);
  CHECK(t.kind == TableKind::project_targets);
  CHECK(t.year == 2024);
  CHECK(t.title.text == "2024年项目支出绩效目标表");
  CHECK(t.field("项目名称") == "城乡居民最低生活保障补助资金");
  CHECK(t.field("主管部门") == "渚源县人民政府");
  CHECK(t.field("实施单位") == "渚源县民政局");
  REQUIRE(t.goals.size() == 2);
  CHECK(t.goals[0].number == 1);
  CHECK(t.goals[0].text.text.rfind("按时足额发放城乡低保金", 0) == 0);
  CHECK(t.goals[1].number == 2);
  CHECK(t.goals[0].text.at.line == 6);
  CHECK(t.functions.empty());

  struct Want {
    std::uint32_t line;
    const char* level1;
    const char* level2;
    const char* name;
    const char* same_as;  // the target, written in one cell
    Direction direction;
  };
  const Want want[] = {
      {8, "产出指标", "数量指标", "城市低保保障人次", "≥10141人次", Direction::higher_is_better},
      {9, "产出指标", "数量指标", "农村低保保障人次", "≥24671人次", Direction::higher_is_better},
      {10, "产出指标", "质量指标", "低保资金发放准确率", "≥95%", Direction::higher_is_better},
      {11, "产出指标", "时效指标", "低保金按月发放率", "=100%", Direction::higher_is_better},
      {12, "成本指标", "经济成本指标", "人均月发放管理成本", "≤3.5元/人", Direction::lower_is_better},
      {13, "效益指标", "社会效益指标", "困难群众基本生活水平", "稳步提升", Direction::higher_is_better},
      {14, "效益指标", "可持续影响指标", "低保政策持续发挥作用的期限", "≥12个月", Direction::higher_is_better},
      {15, "满意度指标", "服务对象满意度指标", "低保对象满意度", "≥98%", Direction::higher_is_better},
  };
  REQUIRE(t.indicators.size() == std::size(want));
  for (std::size_t k = 0; k < std::size(want); ++k) {
    const auto& i = t.indicators[k];
    const Want& w = want[k];
    INFO("line " << w.line << ": " << w.name << " read as " << jixiao::to_string(i.target));
    CHECK(i.function == -1);
    CHECK(i.level1.text == w.level1);
    CHECK(i.level2.text == w.level2);
    CHECK(i.level1_kind == jixiao::classify_level1(w.level1));
    CHECK(i.level2_kind == jixiao::classify_level2(w.level2));
    CHECK(i.name.text == w.name);
    CHECK(i.name.at.line == w.line);
    CHECK(i.target_at.line == w.line);
    CHECK(jixiao::equivalent(i.target, jixiao::parse_value(w.same_as).value));
    CHECK(i.direction == w.direction);
  }
  SECTION("the operators as written") {
    CHECK(t.indicators[0].target.op == Comparator::ge);
    CHECK(t.indicators[1].target.op == Comparator::ge);  // ≧
    CHECK(t.indicators[2].target.value == 95);
    CHECK(t.indicators[2].target.unit == "%");
    CHECK(t.indicators[3].target.op == Comparator::eq);  // ═
    CHECK(t.indicators[3].target.value == 100);
    CHECK(t.indicators[4].target.op == Comparator::le);
    CHECK(t.indicators[4].level1_kind == Level1::cost);
    CHECK(t.indicators[4].level2_kind == Level2::economic_cost);
    CHECK(t.indicators[5].target.kind == ValueKind::qualitative);
    CHECK(t.indicators[7].target.unit == "%");  // 98% under 度量单位 % is not 98%%
    CHECK(t.indicators[7].target.value == 98);
  }
  SECTION("the columns as written, and nothing to complain about") {
    std::vector<std::string> columns;
    for (const auto& c : t.columns) columns.push_back(c.text);
    CHECK(columns == std::vector<std::string>{"一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位", "指标方向"});
    for (const auto& d : read.diagnostics) {
      INFO(jixiao::to_string(d));
      CHECK(d.severity == Severity::info);
    }
  }
  check_nothing_lost(slurp(path), read);
}

// ---------------------------------------------------------------------------------------------
// A project self-evaluation table (财预〔2020〕10号 附件: 项目支出绩效自评表)

TEST_CASE("a self-evaluation table: budget block, goals with outcome, scores, total row", "[read][formats]") {
  const std::string path = kTables + "self-evaluation.tsv";
  const TableRead read = jixiao::read_table(path);
  const Table& t = read.table;
  const double nan = std::nan("");
  CHECK(t.kind == TableKind::self_evaluation);
  CHECK(t.year == 2023);
  CHECK(t.title.text == "2023年度项目支出绩效自评表");
  CHECK(t.field("项目名称") == "城乡居民最低生活保障补助资金");
  CHECK(t.field("主管部门") == "渚源县人民政府");
  CHECK(t.field("实施单位") == "渚源县民政局");

  SECTION("the budget block, total line first") {
    struct Want {
      const char* label;
      std::uint32_t line;
      double initial, full_year, executed, weight, rate, score;
    };
    const Want want[] = {
        {"年度资金总额", 6, 1300, 1350, 1287.45, 10, 95.37, 9.54},
        {"其中：当年财政拨款", 7, 1200, 1250, 1192.6, nan, 95.41, nan},
        {"上年结转资金", 8, 100, 100, 94.85, nan, 94.85, nan},
        {"其他资金", 9, 0, 0, 0, nan, nan, nan},
    };
    REQUIRE(t.budget.size() == std::size(want));
    for (std::size_t k = 0; k < std::size(want); ++k) {
      const auto& b = t.budget[k];
      const Want& w = want[k];
      INFO(w.label);
      jixiao::BudgetLine expected;
      expected.label = b.label;
      expected.initial = w.initial;
      expected.full_year = w.full_year;
      expected.executed = w.executed;
      expected.weight = w.weight;
      expected.rate = w.rate;
      expected.score = w.score;
      CHECK(b.label.text == w.label);
      CHECK(b.label.at.line == w.line);
      CHECK(b == expected);
    }
  }

  SECTION("the goal and what was achieved") {
    REQUIRE(t.goals.size() == 1);
    CHECK(t.goals[0].number == 1);
    CHECK(t.goals[0].text.text == "按时足额发放城乡低保金，保障城乡低保对象基本生活，做到应保尽保。");
    CHECK(t.goals[0].outcome.text == "全年累计保障城市低保对象10230人次、农村低保对象24702人次，低保金按月足额发放，应保尽保。");
    CHECK(t.goals[0].text.at.line == 11);
    CHECK(t.goals[0].outcome.at.line == 11);
  }

  SECTION("every indicator with its actual value, weight, score and deviation") {
    struct Want {
      std::uint32_t line;
      const char* level1;
      const char* level2;
      int seq;
      const char* name;
      const char* target;
      const char* actual;
      double weight, score;
      bool deviation;
    };
    const Want want[] = {
        {13, "产出指标", "数量指标", 1, "城市低保保障人次", "≥10141人次", "10230人次", 10, 10, false},
        {14, "产出指标", "数量指标", 2, "农村低保保障人次", "≥24671人次", "24702人次", 10, 10, false},
        {15, "产出指标", "数量指标", 3, "临时救助人次", "≥8973人次", "8120人次", 10, 9.05, true},
        {16, "产出指标", "质量指标", 1, "低保资金发放准确率", "100%", "100%", 10, 10, false},
        {17, "产出指标", "时效指标", 1, "低保金发放时间", "每月25日前", "每月25日前发放", 10, 10, false},
        {18, "效益指标", "社会效益指标", 1, "困难群众基本生活水平", "稳步提升", "稳步提升", 15, 15, false},
        {19, "效益指标", "可持续影响指标", 1, "低保政策持续发挥作用的期限", "≥12个月", "12个月", 15, 15, false},
        {20, "满意度指标", "服务对象满意度指标", 1, "低保对象满意度", "≥95%", "96.5%", 10, 10, false},
    };
    REQUIRE(t.indicators.size() == std::size(want));
    double weights = 0, scores = 0;
    for (std::size_t k = 0; k < std::size(want); ++k) {
      const auto& i = t.indicators[k];
      const Want& w = want[k];
      INFO("line " << w.line << ": " << w.name);
      CHECK(i.level1.text == w.level1);
      CHECK(i.level2.text == w.level2);
      CHECK(i.sequence == w.seq);
      CHECK(i.name.text == w.name);
      CHECK(i.name.at.line == w.line);
      CHECK(i.target.raw == w.target);
      CHECK(i.target_at.line == w.line);
      CHECK(i.actual.raw == w.actual);
      CHECK(jixiao::equivalent(i.actual, jixiao::parse_value(w.actual).value));
      CHECK(i.actual_at.line == w.line);
      CHECK(i.weight == w.weight);
      CHECK(i.weight_at.line == w.line);
      CHECK(i.score == w.score);
      CHECK(i.score_at.line == w.line);
      CHECK(i.deviation.empty() == !w.deviation);
      if (w.deviation) {
        CHECK(i.deviation.text.rfind("全年临时救助申请量低于预期", 0) == 0);
        CHECK(i.deviation.at.line == w.line);
      }
      weights += i.weight;
      scores += i.score;
    }
    CHECK(t.indicators[2].actual.value == 8120);
    CHECK(t.indicators[2].target.value == 8973);
    // The table adds up: 90 for the indicators and 10 for the budget.
    CHECK(weights == Approx(90));
    REQUIRE(!t.budget.empty());
    CHECK(weights + t.budget[0].weight == Approx(t.totals.weight));
    CHECK(scores + t.budget[0].score == Approx(t.totals.score));
  }

  SECTION("the total row: 100, the score total and the grade") {
    CHECK(t.totals.weight == 100);
    CHECK(t.totals.score == 98.59);
    CHECK(t.totals.grade.text == "优");
    CHECK(t.totals.at.line == 21);
  }

  SECTION("no error") {
    for (const auto& d : read.diagnostics) {
      INFO(jixiao::to_string(d));
      CHECK(d.severity != Severity::error);
    }
  }
  check_nothing_lost(slurp(path), read);
}

TEST_CASE("a self-evaluation table's dash placeholders (—) are empty, not bad numbers", "[read][formats]") {
  // The official form prints — in the 分值 and 得分 cells of the budget block's sub-lines.  A
  // dash placeholder is an empty cell (parse_value says so with an info JX110); it is not a
  // figure that fails to be a number.
  const TableRead read = jixiao::read_table(kTables + "self-evaluation.tsv");
  for (const auto& d : read.diagnostics) {
    INFO(jixiao::to_string(d));
    CHECK(d.severity == Severity::info);
  }
}

// ---------------------------------------------------------------------------------------------
// Hostile inputs: diagnostics, never a crash; linear work (inputs of 10 MB, untimed)

namespace {

constexpr std::size_t kBig = 10 * 1000 * 1000;

using jixiao::test::Junk;

std::string repeat(std::string_view unit, std::size_t bytes) {
  std::string s;
  s.reserve(bytes + unit.size());
  while (s.size() < bytes) s.append(unit);
  return s;
}

/// The sample with line `line` (1-based) replaced by `text`.
std::string with_line(const std::string& sample, std::uint32_t line, std::string_view text) {
  std::size_t begin = 0;
  for (std::uint32_t l = 1; l < line; ++l) begin = sample.find('\n', begin) + 1;
  std::size_t end = sample.find('\n', begin);
  if (end == std::string::npos) end = sample.size();
  return sample.substr(0, begin) + std::string(text) + sample.substr(end);
}

/// Reads hostile bytes: no exception, diagnostics with lines, nothing lost.
TableRead read_hostile(std::string_view bytes, Format format = Format::automatic,
                       Encoding encoding = Encoding::automatic) {
  TableRead read;
  REQUIRE_NOTHROW(read = read_text(bytes, format, encoding));
  check_diagnostics_have_lines(read, count_lines(bytes));
  if (read.format != Format::json) check_nothing_lost(bytes, read);
  return read;
}

}  // namespace

TEST_CASE("hostile: binary junk", "[read][hostile]") {
  for (std::uint64_t seed : {7u, 8u}) {
    Junk junk(seed);
    std::string bytes(kBig, '\0');
    for (auto& b : bytes) b = static_cast<char>(junk.next());
    DYNAMIC_SECTION("10 MB of random bytes, seed " << seed) {
      const TableRead read = read_hostile(bytes);
      CHECK(!read.diagnostics.empty());
      CHECK(count_code(read, "JX204") == 1);  // NUL bytes: an error
      CHECK(!read.ok());
    }
    DYNAMIC_SECTION("random bytes read as CSV, seed " << seed) {
      read_hostile(std::string_view(bytes).substr(0, kBig / 10), Format::csv);
    }
  }
  SECTION("junk lines between the sample's lines: the table is still read") {
    const std::string sample = slurp(kSample);
    Junk junk(9);
    std::string mixed;
    std::size_t begin = 0;
    while (begin < sample.size()) {
      std::size_t end = sample.find('\n', begin);
      if (end == std::string::npos) end = sample.size();
      mixed.append(sample, begin, end - begin);
      mixed += '\n';
      for (int k = 0; k < 40; ++k) {  // no line ends, no NUL: a line of junk
        unsigned char b = junk.next();
        if (b == '\n' || b == '\r' || b == 0) b = '?';
        mixed += static_cast<char>(b);
      }
      mixed += '\n';
      begin = end + 1;
    }
    // Read as UTF-8, the junk becomes U+FFFD and the sample's text stays; its tree is found.
    const TableRead read = read_hostile(mixed, Format::automatic, Encoding::utf8);
    CHECK(count_code(read, "JX202") >= 1);
    CHECK(read.table.functions.size() == 4);
    CHECK(read.table.indicators.size() >= 61);
    // Guessing the encoding, the junk makes it GB18030: the sample's UTF-8 becomes mojibake, but
    // still nothing is lost.
    const TableRead guessed = read_hostile(mixed);
    CHECK(guessed.encoding == Encoding::gb18030);
  }
}

TEST_CASE("hostile: a 10 MB cell", "[read][hostile]") {
  const std::string sample = slurp(kSample);
  const std::string chinese = repeat("困难群众基本生活水平稳步提升，", kBig);
  SECTION("TSV: as an indicator's name, its target, a goal and a header value") {
    struct Place {
      std::uint32_t line;
      std::string text;
    };
    const Place places[] = {
        {13, "\t\t\t\t指标2:\t" + chinese + "\t≥24671人次\t\t"},
        {14, "\t\t\t\t指标3:\t城乡特困人员\t" + chinese + "\t\t"},
        {15, "\t\t\t\t指标4:\t临时救助\t" + repeat("≥8973人次", kBig) + "\t\t"},
        {9, "年度整体绩效目标\t\t<p>目标1: " + chinese + "</p>\t\t\t"},
        {7, "部门(单位)名称\t\t" + chinese + "\t\t主管部门\t\t渚源县人民政府\t\t"},
        {3, chinese},
    };
    for (const Place& p : places) {
      DYNAMIC_SECTION("at line " << p.line) {
        const TableRead read = read_hostile(with_line(sample, p.line, p.text));
        CHECK(count_code(read, "JX205") == 1);  // the long cell is said
        for (const auto& d : read.diagnostics)
          if (d.code == "JX205") CHECK(d.span.line == p.line);
        CHECK(read.table.indicators.size() >= 60);
      }
    }
  }
  SECTION("CSV: quoted, holding commas, doubled quotes and line ends") {
    const std::string csv = slurp(kTables + "civil-affairs.csv");
    const std::string cell = "\"" + repeat("第一行,有逗号和\"\"引号\"\"\n第二行\r\n", kBig) + "\"";
    const TableRead read = read_hostile(with_line(csv, 14, ",,,,指标3:,城乡特困人员," + cell + ",,"));
    CHECK(read.format == Format::csv);
    CHECK(count_code(read, "JX205") == 1);
    CHECK(read.table.indicators.size() == 61);
  }
  SECTION("CSV: unquoted") {
    const std::string csv = slurp(kTables + "civil-affairs.csv");
    const TableRead read = read_hostile(with_line(csv, 14, ",,,,指标3:,城乡特困人员," + repeat("提升", kBig) + ",,"));
    CHECK(count_code(read, "JX205") == 1);
  }
}

TEST_CASE("hostile: a 10 MB goal cell of markup-like text", "[read][hostile]") {
  // The goals cell is stripped of markup and split at 目标N: — both must stay linear: a `<`
  // never closed must not be searched to the cell's end, and each goal's column must not be
  // counted from the cell's start.
  const std::string sample = slurp(kSample);
  for (const char* unit : {"<", "<p", "&", "&nbsp", "目标", "<p>", "</p>"}) {
    DYNAMIC_SECTION("repeated `" << unit << "`") {
      const TableRead read = read_hostile(with_line(sample, 9, "年度整体绩效目标\t\t" + repeat(unit, kBig)));
      CHECK(count_code(read, "JX205") == 1);
      CHECK(read.table.indicators.size() == 61);
    }
  }
  SECTION("many numbered goals") {
    const TableRead read =
        read_hostile(with_line(sample, 9, "年度整体绩效目标\t\t" + repeat("<p>目标1: 一是规范城乡低保政策实施</p> ", kBig)));
    REQUIRE(read.table.goals.size() > 100000);
    // Columns advance with the goals: each "目标1:" is 25 code points after the one before.
    const auto& goals = read.table.goals;
    CHECK(goals[1].text.at.column - goals[0].text.at.column == 25);
    CHECK(goals.back().text.at.column - goals[goals.size() - 2].text.at.column == 25);
    CHECK(goals.back().text.at.line == 9);
  }
}

TEST_CASE("hostile: 10 MB of indicator rows", "[read][hostile]") {
  // Layout recovery must stay linear in the number of rows, whatever the labels do.
  SECTION("every row labelled, one block (the clean layout's shape)") {
    std::string rows = "一级指标\t二级指标\t三级指标\t指标值\n";
    for (int k = 1; rows.size() < kBig; ++k) rows += "产出指标\t数量指标\t指标" + std::to_string(k) + ": 名称\t≥1人\n";
    const TableRead read = read_hostile(rows);
    CHECK(read.table.indicators.size() > 100000);
  }
  SECTION("unlabelled rows whose numbering keeps restarting") {
    std::string rows = "产出指标\t数量指标\t指标1:\t名称\t≥1人\n";
    while (rows.size() < kBig) rows += "\t\t指标1:\t名称\t≥1人\n";
    const TableRead read = read_hostile(rows);
    CHECK(read.table.indicators.size() > 100000);
  }
}

TEST_CASE("hostile: unbalanced quotes in CSV", "[read][hostile]") {
  const std::string csv = slurp(kTables + "civil-affairs.csv");
  SECTION("a quote opening a cell that never closes") {
    // Line 58 comes after the file's last quoted cell (line 41), so nothing closes the quote.
    const TableRead read = read_hostile(with_line(csv, 58, ",,,,指标2:,单位自聘人员工资,\"3人/年/6.3"));
    CHECK(count_code(read, "JX203") == 1);
    for (const auto& d : read.diagnostics)
      if (d.code == "JX203") CHECK(d.span.line == 58);
    CHECK(!read.ok());
    REQUIRE(read.table.indicators.size() == 61);  // the rest of the file is not swallowed
    CHECK(read.table.indicators[45].target.raw == "\"3人/年/6.3");
  }
  SECTION("a stray quote opening a cell pairs with the next quote in the file") {
    // RFC 4180: the cell runs from line 20 to the quote that opens line 41's quoted cell.
    const TableRead read = read_hostile(with_line(csv, 20, ",,,时效指标,指标1:,\"省市县下达救助资金,提前下达,,"));
    CHECK(count_code(read, "JX206") >= 1);
    CHECK(read.table.indicators.size() < 61);
    // ...and the place of the stray quote is pointed at.
    REQUIRE(count_code(read, "JX207") == 1);
    for (const auto& d : read.diagnostics)
      if (d.code == "JX207") CHECK(d.span.line == 20);
  }
  SECTION("a quote in the middle of a cell, and text after a closing quote") {
    const TableRead read = read_hostile(with_line(csv, 20, ",,,时效指标,指标1:,省市\"县\"下达救助资金,\"提前\"下达,,"));
    CHECK(count_code(read, "JX206") >= 1);
    CHECK(read.table.indicators.size() == 61);
  }
  SECTION("a quoted cell spanning lines, then an unclosed quote at the end") {
    std::string text = with_line(csv, 20, ",,,时效指标,指标1:,\"省市县\n下达\r\n救助资金\",提前下达,,");
    text += "\n,,,,指标9:,\"未闭合";
    read_hostile(text);
  }
  SECTION("10 MB of quotes") {
    read_hostile(repeat("\"a\",\"\n\"\"", kBig), Format::csv);
    read_hostile(repeat("\"", kBig), Format::csv);
  }
}

TEST_CASE("hostile: nothing, blanks, and the wrong encoding", "[read][hostile]") {
  SECTION("an empty file") {
    const TableRead read = read_hostile("");
    CHECK(read.table.indicators.empty());
    CHECK(read.table.title.empty());
  }
  SECTION("only tabs and line ends") {
    const TableRead read = read_hostile(repeat("\t\t\t\n\t\r\n\n\t", kBig / 10));
    CHECK(read.table.indicators.empty());
    CHECK(read.table.header.empty());
  }
  SECTION("only blanks, commas and line ends, as CSV") {
    const TableRead read = read_hostile(repeat(",, ,\n\"\",\u3000\r\n", kBig / 10), Format::csv);
    CHECK(read.table.indicators.empty());
  }
  SECTION("UTF-16 (Excel's \"Unicode text\")") {
    const std::string sample = slurp(kSample);
    // UTF-8 → UTF-16LE with a BOM, by hand (the sample is all in the BMP).
    for (bool little_endian : {true, false}) {
      std::string utf16 = little_endian ? "\xFF\xFE" : "\xFE\xFF";
      const char* p = sample.data();
      const char* const end = p + sample.size();
      while (p != end) {
        const auto c = jixiao::detail::decode_utf8(p, end);
        REQUIRE(c.value < 0x10000);
        const char lo = static_cast<char>(c.value & 0xFF), hi = static_cast<char>(c.value >> 8);
        utf16 += little_endian ? lo : hi;
        utf16 += little_endian ? hi : lo;
        p += c.length;
      }
      DYNAMIC_SECTION("UTF-16 " << (little_endian ? "little endian" : "big endian")) {
        const TableRead read = read_hostile(utf16);
        CHECK(count_code(read, "JX204") == 1);
        CHECK(!read.ok());
      }
    }
  }
}

TEST_CASE("a UTF-8 file with one stray byte stays UTF-8, the byte reported", "[read][formats]") {
  // Reading it all as GB18030 would garble every character of the table.
  std::string bytes = slurp(kSample);
  const auto at = bytes.find("城市低保");
  REQUIRE(at != std::string::npos);
  bytes.insert(at, "\xFF");
  const TableRead read = jixiao::read_table_text(bytes);
  CHECK(read.encoding == jixiao::Encoding::utf8);
  CHECK(count_code(read, "JX201") == 0);
  REQUIRE(count_code(read, "JX202") == 1);
  for (const auto& d : read.diagnostics)
    if (d.code == "JX202") CHECK(d.span.line == 12);
  REQUIRE(read.table.indicators.size() == 61);
  CHECK(read.table.indicators[1].name.text == "农村低保");
  CHECK(read.table.functions[0].name.text == "社会救助");
}

// ---------------------------------------------------------------------------------------------
// Layouts found in review.

TEST_CASE("a column jixiao does not read still counts as a column", "[read][formats]") {
  const TableRead read = jixiao::read_table_text(
      "一级指标\t二级指标\t三级指标\t评分标准\t指标值\t备注\n"
      "产出指标\t数量指标\t培训人次\t完成得满分\t≥100人次\t无\n");
  REQUIRE(read.table.indicators.size() == 1);
  CHECK(read.table.indicators[0].target.raw == "≥100人次");
  CHECK(count_code(read, "JX217") == 2);
  CHECK(count_code(read, "JX212") == 2);  // 完成得满分 and 无, said, not lost
}

TEST_CASE("labels and headings with a bracketed remark", "[read][formats]") {
  const TableRead read = jixiao::read_table_text(
      "一级指标\t二级指标\t三级指标\t年度指标值（A）\t实际完成值（B）\t分值\t得分\n"
      "产出指标（50分）\t数量指标（20分）\t培训人次\t≥100人次\t120人次\t10\t10\n");
  REQUIRE(read.table.indicators.size() == 1);
  const auto& i = read.table.indicators[0];
  CHECK(i.level1_kind == jixiao::Level1::output);
  CHECK(i.level1.text == "产出指标（50分）");  // the text as written is kept
  CHECK(i.level2_kind == jixiao::Level2::quantity);
  CHECK(i.target.raw == "≥100人次");
  CHECK(i.actual.raw == "120人次");
  CHECK(i.weight == 10);
}

TEST_CASE("a level-1 label repeated on the middle row keeps the level-2", "[read][formats]") {
  const TableRead read = jixiao::read_table_text(
      "一级指标\t二级指标\t三级指标\t指标值\n\t数量指标\t甲\t≥1人\n产出指标\t\t乙\t≥2人\n");
  REQUIRE(read.table.indicators.size() == 2);
  CHECK(read.table.indicators[1].level1.text == "产出指标");
  CHECK(read.table.indicators[1].level2.text == "数量指标");
}

TEST_CASE("a first row whose labels sit on the next row", "[read][formats]") {
  const TableRead read = jixiao::read_table_text(
      "职能1: 社会救助\n\t\t\t指标1: 甲\t≥1人\n产出指标\t数量指标\t\t指标2: 乙\t≥2人\n");
  REQUIRE(read.table.indicators.size() == 2);
  CHECK(read.table.indicators[0].level1.text == "产出指标");
  CHECK(read.table.indicators[0].level2.text == "数量指标");
  CHECK(count_code(read, "JX211") == 1);
}

TEST_CASE("a second table in the file is an error", "[read][formats]") {
  const std::string text =
      "2024年项目支出绩效目标表\n一级指标\t二级指标\t三级指标\t指标值\n产出指标\t数量指标\t甲\t≥1人\n"
      "2024年项目支出绩效目标表\n产出指标\t数量指标\t乙\t≥2人\n";
  const TableRead read = jixiao::read_table_text(text);
  CHECK(count_code(read, "JX218") == 1);
  CHECK(!read.ok());
  check_nothing_lost(text, read);
}

TEST_CASE("a directory is not a table", "[read]") {
  const TableRead read = jixiao::read_table(JIXIAO_TEST_DATA);
  CHECK(count_code(read, "JX200") == 1);
  CHECK(!read.ok());
}

TEST_CASE("labels with a blank for the colon, or Chinese numbers", "[read][formats]") {
  const TableRead read = jixiao::read_table_text(
      "职能1 社会救助\t产出指标\t数量指标\t指标1:\t甲\t≥1人\n"
      "职能二：社会福利\t产出指标\t数量指标\t指标一：\t乙\t≥2人\n\t\t\t指标二 丙\t≥3人\n");
  REQUIRE(read.table.functions.size() == 2);
  CHECK(read.table.functions[0].name.text == "社会救助");
  CHECK(read.table.functions[1].number == 2);
  CHECK(read.table.functions[1].name.text == "社会福利");
  REQUIRE(read.table.indicators.size() == 3);
  CHECK(read.table.indicators[1].sequence == 1);
  CHECK(read.table.indicators[2].sequence == 2);
  CHECK(read.table.indicators[2].name.text == "丙");
  CHECK(read.table.indicators[2].function == 1);
}

TEST_CASE("footer lines are fields, not indicators", "[read][formats]") {
  const std::string text =
      "一级指标\t二级指标\t三级指标\t指标值\n产出指标\t数量指标\t甲\t≥1人\n"
      "注：指标值为年度目标\n填表人：张三\t联系电话：12345\n";
  const TableRead read = jixiao::read_table_text(text);
  CHECK(read.table.indicators.size() == 1);
  CHECK(read.table.field("注") == "指标值为年度目标");
  CHECK(read.table.field("填表人") == "张三");
  CHECK(read.table.field("联系电话") == "12345");
  check_nothing_lost(text, read);
}

TEST_CASE("budget figures are in 万元, weights in points", "[read][formats]") {
  const TableRead read = jixiao::read_table_text(
      "项目资金（万元）\t\t年初预算数\t全年预算数\t全年执行数\t分值\t执行率\t得分\n"
      "\t年度资金总额\t50万元\t500000元\t48\t10\t96%\t9.6\n"
      "一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\n"
      "产出指标\t数量指标\t甲\t≥1人\t1人\t10分\t10分\n");
  REQUIRE(read.table.budget.size() == 1);
  CHECK(read.table.budget[0].initial == 50);
  CHECK(read.table.budget[0].full_year == 50);
  CHECK(read.table.budget[0].executed == 48);
  REQUIRE(read.table.indicators.size() == 1);
  CHECK(read.table.indicators[0].weight == 10);
  CHECK(read.table.indicators[0].score == 10);
}

TEST_CASE("a file with no indicators says so", "[read][formats]") {
  CHECK(count_code(jixiao::read_table_text(""), "JX219") == 1);
  CHECK(count_code(jixiao::read_table_text("部门(单位)名称\t民政局\n"), "JX219") == 1);
}

TEST_CASE("a category label on a row of its own with no indicator under it is reported", "[read][formats]") {
  const auto codes = [](const jixiao::TableRead& r) {
    std::vector<std::string> out;
    for (const jixiao::Diagnostic& d : r.diagnostics) out.push_back(d.code);
    return out;
  };
  // 成本指标 between two blocks, with nothing under it: JX220 at its cell.
  const jixiao::TableRead bare = jixiao::read_table_text(
      "一级指标\t二级指标\t三级指标\t指标值\n产出指标\t数量指标\t受益人数\t≥100人\n\t成本指标\t\t\n"
      "效益指标\t社会效益指标\t生活水平\t稳步提升\n");
  REQUIRE(codes(bare) == std::vector<std::string>{"JX220"});
  CHECK(bare.diagnostics[0].span.line == 3);
  CHECK(bare.diagnostics[0].span.column == 2);
  CHECK(bare.diagnostics[0].message.find("成本指标") != std::string::npos);
  // The same label at the end of the table.
  CHECK(codes(jixiao::read_table_text("一级指标\t二级指标\t三级指标\t指标值\n产出指标\t数量指标\t受益人数\t≥100人\n"
                                      "满意度指标\t\t\t\n")) == std::vector<std::string>{"JX220"});
  // Labels on rows of their own followed by their indicators (a merged cell flattened): nothing.
  CHECK(codes(jixiao::read_table_text("一级指标\t二级指标\t三级指标\t指标值\n产出指标\t\t\t\n\t数量指标\t\t\n"
                                      "\t\t受益人数\t≥100人\n")).empty());
}

TEST_CASE("an Excel workbook given to the text reader is one clear error", "[read][formats]") {
  for (const std::string_view start : {std::string_view("PK\x03\x04\x14\x00\x06\x00", 8),
                                       std::string_view("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\x00\x00", 10)}) {
    jixiao::ReadOptions o;
    o.file_name = "book.xlsx";
    const jixiao::TableRead r = jixiao::read_table_text(std::string(start) + std::string(4096, '\x01'), o);
    REQUIRE(r.diagnostics.size() == 1);
    CHECK(r.diagnostics[0].code == "JX200");
    CHECK(r.diagnostics[0].span.file == "book.xlsx");
    CHECK(r.diagnostics[0].hint.find("jixiao.read_table") != std::string::npos);
    CHECK(r.table.indicators.empty());
  }
}

TEST_CASE("stray cells: twenty a line one by one, then one diagnostic counting the rest", "[read][formats]") {
  std::string line = "标题\n";
  for (int i = 0; i < 1000; ++i) line += i ? "\tx" : "x";
  const jixiao::TableRead r = jixiao::read_table_text(line + "\n");
  std::size_t stray = 0;
  const jixiao::Diagnostic* rest = nullptr;
  for (const jixiao::Diagnostic& d : r.diagnostics) {
    if (d.code != "JX212" || d.span.line != 2) continue;
    ++stray;
    if (d.message.find("more cells") != std::string::npos) rest = &d;
  }
  CHECK(stray == 21);
  REQUIRE(rest != nullptr);
  CHECK(rest->message.find("980 more cells") == 0);
  CHECK(rest->span.column == 41);  // the 21st cell: 20 cells of one character and their tabs before it
}
