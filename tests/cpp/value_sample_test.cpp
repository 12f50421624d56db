// jixiao: budget performance management (预算绩效管理) for C++ and Python.
// SPDX-License-Identifier: MIT
//
// Every target cell (指标值) of the sample table, read from the file itself, with its full
// expected reading.  The sample is the 2024 department-wide target table of a county
// civil-affairs bureau, copied from a PDF: the first thing every feature must handle.
#include <jixiao/value.hpp>

#include <catch2/catch.hpp>

#include <cmath>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

using jixiao::Category;
using jixiao::Comparator;
using jixiao::ValueKind;

namespace {

struct Cell {
  int line;
  std::string text;
};

/// The target cells of the sample: on each line with an "指标N:" label, the second non-empty
/// cell after the label (the first is the indicator's name).  The table reader (read.hpp)
/// does this properly; here it only has to find the 61 cells.
std::vector<Cell> sample_cells() {
  std::ifstream in(JIXIAO_TEST_DATA "/../../examples/data/civil-affairs-2024-targets.tsv", std::ios::binary);
  REQUIRE(in);
  std::vector<Cell> cells;
  const std::regex label("^指标[0-9]+[:：]$");
  std::string line;
  for (int n = 1; std::getline(in, line); ++n) {
    std::vector<std::string> fields;
    std::stringstream ss(line);
    for (std::string f; std::getline(ss, f, '\t');) fields.push_back(f);
    for (std::size_t i = 0; i < fields.size(); ++i) {
      if (!std::regex_match(fields[i], label)) continue;
      std::vector<std::string> rest;
      for (std::size_t j = i + 1; j < fields.size(); ++j)
        if (!fields[j].empty()) rest.push_back(fields[j]);
      cells.push_back({n, rest.size() > 1 ? rest[1] : std::string()});
      break;
    }
  }
  return cells;
}

struct Expected {
  int line;
  const char* raw;
  ValueKind kind;
  Comparator op = Comparator::none;
  double value = jixiao::Value::nan;
  const char* unit = "";
  double number = jixiao::Value::nan;
  double multiplier = 1;
  const char* text = "";
  Category category = Category::none;
  const char* diagnostic = "";  // code of the single diagnostic expected, if any
};

constexpr auto N = ValueKind::number;
constexpr auto Q = ValueKind::qualitative;
constexpr auto E = ValueKind::empty;
constexpr auto X = ValueKind::invalid;
constexpr auto GE = Comparator::ge;
constexpr auto NO = Comparator::none;
constexpr double nan = jixiao::Value::nan;

// clang-format off
const Expected kExpected[] = {
  {12, "≥10141人次", N, GE, 10141, "人次", 10141},
  {13, "≥24671人次", N, GE, 24671, "人次", 24671},
  {14, "≥2263人次",  N, GE, 2263, "人次", 2263},
  {15, "≥8973人次",  N, GE, 8973, "人次", 8973},
  {16, "≥260人",     N, GE, 260, "人", 260},
  {17, "≥62人",      N, GE, 62, "人", 62},
  {18, "≥102人",     N, GE, 102, "人", 102},
  {19, "≥99%",       N, GE, 99, "%", 99},
  {20, "提前下达",    Q, NO, nan, "", nan, 1, "提前下达", Category::timely},
  {21, "100%",       N, NO, 100, "%", 100},
  {22, "稳步提升",    Q, NO, nan, "", nan, 1, "稳步提升", Category::improve},
  {23, "持续提升",    Q, NO, nan, "", nan, 1, "持续提升", Category::improve},
  {24, "≥12个月",    N, GE, 12, "个月", 12},
  {25, "≥98%",       N, GE, 98, "%", 98},
  {26, "100%",       N, NO, 100, "%", 100},
  {27, "≥3000人次",  N, GE, 3000, "人次", 3000},
  {28, "≥10人",      N, GE, 10, "人", 10},
  {29, "≥37人",      N, GE, 37, "人", 37},
  {30, "≥9324人",    N, GE, 9324, "人", 9324},
  {31, "≥23344人",   N, GE, 23344, "人", 23344},
  {32, "≥8个",       N, GE, 8, "个", 8},
  {33, "≥91个",      N, GE, 91, "个", 91},
  {34, "1个",        N, NO, 1, "个", 1},
  {35, "100%",       N, NO, 100, "%", 100},
  {36, "100%",       N, NO, 100, "%", 100},
  {37, "100%",       N, NO, 100, "%", 100},
  {38, "100%",       N, NO, 100, "%", 100},
  {39, "依据运营管理办法考核", Q, NO, nan, "", nan, 1, "依据运营管理办法考核", Category::rule_reference},
  {40, "100%",       N, NO, 100, "%", 100},
  {41, "100%",       N, NO, 100, "%", 100},
  {42, "≥12个月",    N, GE, 12, "个月", 12},
  {43, "≥98%",       N, GE, 98, "%", 98},
  {44, "100%",       N, NO, 100, "%", 100},
  {45, "50人",       N, NO, 50, "人", 50},
  {47, "100%",       N, NO, 100, "%", 100},
  {48, "100%",       N, NO, 100, "%", 100},
  {49, "100%",       N, NO, 100, "%", 100},
  {50, "",           E},
  {51, "提前下达",    Q, NO, nan, "", nan, 1, "提前下达", Category::timely},
  {52, "依据政策文件规定标准值", Q, NO, nan, "", nan, 1, "依据政策文件规定标准值", Category::rule_reference},
  {53, "稳步提升",    Q, NO, nan, "", nan, 1, "稳步提升", Category::improve},
  {54, "≥12个月",    N, GE, 12, "个月", 12},
  {55, "≥98%",       N, GE, 98, "%", 98},
  {56, "",           E},
  {57, "100%",       N, NO, 100, "%", 100},
  {58, "3人/年/6.3", X, NO, nan, "", nan, 1, "", Category::none, "JX103"},
  {59, "5",          N, NO, 5, "", 5},
  {60, "12",         N, NO, 12, "", 12},
  {61, "5",          N, NO, 5, "", 5},
  {62, "1.7",        N, NO, 1.7, "", 1.7},
  {63, "5",          N, NO, 5, "", 5},
  {64, "5",          N, NO, 5, "", 5},
  {65, "5",          N, NO, 5, "", 5},
  {66, "2人/年/4.2万", X, NO, nan, "", nan, 1, "", Category::none, "JX103"},
  {67, "吨/1300元",  N, NO, 1300, "元/吨", 1300, 1, "", Category::none, "JX104"},
  {68, "95%",        N, NO, 95, "%", 95},
  {69, "≥200人",     N, GE, 200, "人", 200},
  {70, "100%",       N, NO, 100, "%", 100},
  {71, "100%",       N, NO, 100, "%", 100},
  {72, "",           E},
  {73, "95%",        N, NO, 95, "%", 95},
};
// clang-format on

bool same(double a, double b) { return (std::isnan(a) && std::isnan(b)) || a == b; }

}  // namespace

TEST_CASE("every target cell of the sample table reads as expected", "[value][sample]") {
  const auto cells = sample_cells();
  REQUIRE(cells.size() == 61);
  REQUIRE(std::size(kExpected) == 61);
  int empty = 0;
  for (std::size_t i = 0; i < cells.size(); ++i) {
    const Expected& want = kExpected[i];
    const Cell& cell = cells[i];
    INFO("line " << cell.line << ": " << cell.text);
    CHECK(cell.line == want.line);
    CHECK(cell.text == want.raw);
    const auto parsed = jixiao::parse_value(cell.text);
    const auto& v = parsed.value;
    CHECK(v.raw == cell.text);
    CHECK(v.kind == want.kind);
    CHECK(v.op == want.op);
    CHECK(same(v.value, want.value));
    CHECK(same(v.number, want.number));
    CHECK(v.multiplier == want.multiplier);
    CHECK(v.unit == want.unit);
    CHECK(v.text == want.text);
    CHECK(v.category == want.category);
    if (*want.diagnostic) {
      REQUIRE(parsed.diagnostics.size() == 1);
      CHECK(parsed.diagnostics[0].code == want.diagnostic);
    } else {
      CHECK(parsed.diagnostics.empty());
    }
    if (v.kind == ValueKind::empty) ++empty;
  }
  CHECK(empty == 3);
}

TEST_CASE("the sample's unreadable cells say where and why", "[value][sample][diagnostic]") {
  SECTION("3人/年/6.3: a count, a period and an amount in one cell") {
    const auto r = jixiao::parse_value("3人/年/6.3");
    REQUIRE(r.diagnostics.size() == 1);
    const auto& d = r.diagnostics[0];
    CHECK(d.severity == jixiao::Severity::error);
    CHECK(d.span.column == 5);  // the second '/', before 6.3
    CHECK(d.span.length == 4);
    CHECK(d.message.find("6.3") != std::string::npos);
  }
  SECTION("2人/年/4.2万") {
    const auto r = jixiao::parse_value("2人/年/4.2万");
    REQUIRE(r.diagnostics.size() == 1);
    CHECK(r.diagnostics[0].span.column == 5);
  }
  SECTION("吨/1300元 is read per ton, with a warning") {
    const auto r = jixiao::parse_value("吨/1300元");
    REQUIRE(r.diagnostics.size() == 1);
    CHECK(r.diagnostics[0].severity == jixiao::Severity::warning);
    CHECK(r.diagnostics[0].hint.find("1300元/吨") != std::string::npos);
  }
}
