// jixiao: budget performance management (预算绩效管理) for C++ and Python.
// SPDX-License-Identifier: MIT
//
// jixiao's JSON schema for tables (docs/formats.md): write → read gives an equal Table and
// writing again gives the same bytes; hand-written JSON with values as raw text; every way the
// input can be wrong is a diagnostic with its code, path or position, never an exception.
#include <catch2/catch.hpp>

#include <jixiao/detail/table_json.hpp>
#include <jixiao/detail/utf8.hpp>
#include <jixiao/read.hpp>
#include <jixiao/table.hpp>

#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdint>
#include <cstring>
#include <fstream>
#include <limits>
#include <random>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

using jixiao::Category;
using jixiao::Comparator;
using jixiao::Diagnostic;
using jixiao::Indicator;
using jixiao::Severity;
using jixiao::Table;
using jixiao::TableKind;
using jixiao::TableRead;
using jixiao::Text;
using jixiao::Value;
using jixiao::ValueKind;

namespace {

constexpr double quiet_nan = std::numeric_limits<double>::quiet_NaN();
using Json = nlohmann::ordered_json;
constexpr double inf = std::numeric_limits<double>::infinity();

TableRead read(std::string_view json, std::string file = "t.json") {
  jixiao::ReadOptions options;
  options.file_name = std::move(file);
  TableRead out;
  jixiao::detail::read_table_json(json, options, out);
  return out;
}

std::size_t count(const TableRead& r, std::string_view code) {
  std::size_t n = 0;
  for (const Diagnostic& d : r.diagnostics) n += d.code == code;
  return n;
}

bool has_error(const TableRead& r) {
  for (const Diagnostic& d : r.diagnostics)
    if (d.severity == Severity::error) return true;
  return false;
}

/// The first diagnostic with `code` whose message contains `fragment`, or null.
const Diagnostic* find(const TableRead& r, std::string_view code, std::string_view fragment = {}) {
  for (const Diagnostic& d : r.diagnostics)
    if (d.code == code && d.message.find(fragment) != std::string::npos) return &d;
  return nullptr;
}

std::string all_messages(const TableRead& r) {
  std::string s;
  for (const Diagnostic& d : r.diagnostics) s += jixiao::to_string(d) + '\n';
  return s;
}

Text text(std::string s, std::uint32_t line = 0, std::uint32_t column = 0) { return Text{std::move(s), {line, column}}; }

Value parsed(std::string_view raw) { return jixiao::parse_value(raw).value; }

Indicator indicator(int function, std::string level1, std::string level2, std::string name, std::string_view target,
                    std::uint32_t line) {
  Indicator i;
  i.function = function;
  i.level1 = text(level1, line, 3);
  i.level1_kind = jixiao::classify_level1(level1);
  i.level2 = text(level2, line, 4);
  i.level2_kind = jixiao::classify_level2(level2);
  i.name = text(std::move(name), line, 5);
  i.target = parsed(target);
  i.target_at = {line, 6};
  return i;
}

/// A self-evaluation table using every field of the model.
Table full_table() {
  Table t;
  t.kind = TableKind::self_evaluation;
  t.title = text("2024年度项目支出绩效自评表", 1, 1);
  t.year = 2024;
  t.header = {{"项目名称", text("城乡低保资金", 3, 2)},
              {"主管部门", text("渚源县民政局", 3, 5)},
              {"备注", text("")},                                            // empty, location unknown
              {"符号", text("tab\there \"quoted\" back\\slash\nnewline \x01 😀", 0, 7)},  // column, no line
              {"", text("值", 4, 0)}};                                        // line, no column
  t.goals = {{1, text("一是规范城乡低保政策实施，确保应保尽保。", 6, 2), text("已完成", 6, 5)},
             {0, text("无编号的目标"), text("")}};
  t.functions = {{1, text("社会救助", 8, 1)}, {2, text("养老服务", 20, 1)}, {0, text("")}};

  t.indicators.push_back(indicator(0, "产出指标", "数量指标", "城市低保", "≥10141人次", 10));
  t.indicators.back().sequence = 1;
  t.indicators.back().actual = parsed("10200人次");
  t.indicators.back().actual_at = {10, 7};
  t.indicators.back().weight = 10;
  t.indicators.back().weight_at = {10, 8};
  t.indicators.back().score = 9.5;
  t.indicators.back().score_at = {10, 9};
  t.indicators.back().deviation = text("无偏差", 10, 10);
  t.indicators.back().merged.actual = true;  // from actuals-2024.csv; the weight and score the table's
  t.indicators.back().merged.deviation = true;

  t.indicators.push_back(indicator(0, "成本指标", "经济成本指标", "补助资金", "≤202.6万元", 11));
  t.indicators.back().direction = jixiao::Direction::lower_is_better;
  t.indicators.back().actual = parsed("198.53万元");
  t.indicators.back().weight = quiet_nan;  // not scored
  t.indicators.back().score = quiet_nan;

  t.indicators.push_back(indicator(0, "产出指标", "质量指标", "覆盖率", "80%-90%", 12));
  t.indicators.push_back(indicator(1, "效益指标", "社会效益指标", "服务水平", "稳步提升", 21));
  t.indicators.back().direction = jixiao::Direction::higher_is_better;
  t.indicators.push_back(indicator(1, "产出指标", "时效指标", "发放时间", "每月25日前", 22));
  t.indicators.push_back(indicator(1, "产出指标", "时效指标", "完成时间", "2023年12月底前", 23));
  t.indicators.push_back(indicator(1, "产出指标", "时效指标", "实施期", "2021年1月-2021年12月", 24));
  t.indicators.push_back(indicator(1, "满意度指标", "服务对象满意度指标", "满意度", "≥95%(计划标准)", 25));
  t.indicators.push_back(indicator(-1, "决策", "项目立项", "立项规范性", "3人/年/6.3", 26));  // invalid
  t.indicators.push_back(indicator(-1, "", "", "占位", "/", 27));                         // empty, raw kept

  // A value built in code: its raw text is not what the reading says, and its doubles are odd.
  Indicator built;
  built.name = text("代码构造");
  built.target.raw = "随便写的";
  built.target.kind = ValueKind::number;
  built.target.op = Comparator::range;
  built.target.approximate = true;
  built.target.lower_inclusive = false;
  built.target.upper_inclusive = true;
  built.target.number = -0.0;
  built.target.multiplier = quiet_nan;
  built.target.value = 4.9406564584124654e-324;  // the smallest subnormal
  built.target.upper = inf;
  built.target.unit = "元/人·月";
  built.target.text = "及以上";
  built.target.category = Category::compliant;
  built.target.date = {2024, 2, 29, true, jixiao::Recurrence::yearly};
  built.target.date_end = {0, 0, 31, true, jixiao::Recurrence::monthly};
  built.target.basis = jixiao::Basis::industry;
  built.target.note = "含";
  built.actual.raw = "";
  built.actual.kind = ValueKind::qualitative;  // raw empty but not the default Value
  built.actual.upper = -inf;
  built.weight = 0.1 + 0.2;
  built.score = 1e21;
  t.indicators.push_back(built);

  t.budget = {{text("年度资金总额", 30, 1), 120.5, 130, 128.37, 10, 98.75, 9.87},
              {text("其中：财政拨款", 31, 1), 100, 110, 109.9, quiet_nan, 99.91, quiet_nan},
              {text("其他资金"), quiet_nan, quiet_nan, quiet_nan, quiet_nan, quiet_nan, quiet_nan, "actuals-2024.csv"}};
  t.totals.weight = 100;
  t.totals.score = 92.37;
  t.totals.grade = text("优", 40, 6);
  t.totals.at = {40, 1};
  t.columns = {text("一级指标", 9, 1), text("二级指标", 9, 2), text("三级指标", 9, 3), text("指标值", 9, 4),
               text("")};
  t.actuals_file = "actuals-2024.csv";
  return t;
}

/// Fails to compile when a field is added to the model: the schema (src/table_json.cpp,
/// docs/formats.md) and full_table() above must then learn it too.
[[maybe_unused]] void schema_covers_every_field(const Table& t, const Indicator& i, const Value& v,
                                                const jixiao::CalendarDate& d, const jixiao::Goal& g,
                                                const jixiao::CoreFunction& f, const jixiao::HeaderField& h,
                                                const jixiao::BudgetLine& b, const jixiao::Totals& s,
                                                const Text& x, const jixiao::SourceLocation& at,
                                                const jixiao::MergedCells& m) {
  [[maybe_unused]] const auto& [t1, t2, t3, t4, t5, t6, t7, t8, t9, t10, t11] = t;
  [[maybe_unused]] const auto& [i1, i2, i3, i4, i5, i6, i7, i8, i9, i10, i11, i12, i13, i14, i15, i16, i17, i18] = i;
  [[maybe_unused]] const auto& [v1, v2, v3, v4, v5, v6, v7, v8, v9, v10, v11, v12, v13, v14, v15, v16, v17] = v;
  [[maybe_unused]] const auto& [d1, d2, d3, d4, d5] = d;
  [[maybe_unused]] const auto& [g1, g2, g3] = g;
  [[maybe_unused]] const auto& [f1, f2] = f;
  [[maybe_unused]] const auto& [h1, h2] = h;
  [[maybe_unused]] const auto& [b1, b2, b3, b4, b5, b6, b7, b8] = b;
  [[maybe_unused]] const auto& [s1, s2, s3, s4] = s;
  [[maybe_unused]] const auto& [x1, x2] = x;
  [[maybe_unused]] const auto& [at1, at2] = at;
  [[maybe_unused]] const auto& [m1, m2, m3, m4] = m;
}

std::uint64_t bits(double x) {
  std::uint64_t b;
  std::memcpy(&b, &x, sizeof b);
  return b;
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

constexpr std::string_view head = R"({"format": "jixiao-table", "version": 1)";

}  // namespace

// ---------------------------------------------------------------------------------------------
// Round trips

TEST_CASE("A table using every field round-trips through JSON", "[read][json]") {
  const Table t = full_table();
  // The fixture is what it claims to be.
  REQUIRE(t.indicators[2].target.op == Comparator::range);
  REQUIRE(t.indicators[4].target.kind == ValueKind::date);
  REQUIRE(t.indicators[6].target.kind == ValueKind::date);
  REQUIRE(t.indicators[6].target.op == Comparator::range);
  REQUIRE(t.indicators[7].target.basis == jixiao::Basis::plan);
  REQUIRE(t.indicators[8].target.kind == ValueKind::invalid);
  REQUIRE(t.indicators[9].target.kind == ValueKind::empty);
  REQUIRE(t.indicators[9].target.raw == "/");

  const std::string json = jixiao::to_json(t);
  const TableRead r = read(json);
  INFO(all_messages(r));
  CHECK(r.diagnostics.empty());
  CHECK(r.format == jixiao::Format::json);
  CHECK(r.table == t);
  for (std::size_t n = 0; n < t.indicators.size(); ++n) {
    INFO("indicator " << n);
    CHECK(r.table.indicators[n] == t.indicators[n]);
  }
  // Equality treats -0 as 0; the bits must survive too.
  CHECK(std::signbit(r.table.indicators[10].target.number));
  CHECK(bits(r.table.indicators[10].target.value) == bits(4.9406564584124654e-324));
  CHECK(std::isnan(r.table.indicators[10].target.multiplier));
  CHECK(r.table.indicators[10].target.upper == inf);
  CHECK(r.table.indicators[10].actual.upper == -inf);
  CHECK(jixiao::to_json(r.table) == json);  // byte-identical
}

TEST_CASE("The JSON has the documented shape", "[read][json]") {
  const std::string json = jixiao::to_json(full_table());
  CHECK(json.back() == '\n');
  CHECK(json.find("城市低保") != std::string::npos);  // UTF-8 as is, not \u escapes
  const auto j = Json::parse(json);
  std::vector<std::string> keys;
  for (const auto& item : j.items()) keys.push_back(item.key());
  CHECK(keys == std::vector<std::string>{"format", "version", "kind", "title", "year", "header", "goals", "functions",
                                         "indicators", "budget", "totals", "columns", "actuals_file"});
  CHECK(j["format"] == "jixiao-table");
  CHECK(j["version"] == 1);
  CHECK(j["kind"] == "self_evaluation");
  CHECK(j["title"] == Json{{"text", "2024年度项目支出绩效自评表"}, {"line", 1}, {"column", 1}});
  CHECK(j["header"][2]["value"] == Json{{"text", ""}});  // no location: no line or column
  CHECK(j["header"][3]["value"]["line"] == 0);                       // one known: both written

  const auto& first = j["indicators"][0];
  CHECK(first["level1_kind"] == "output");
  CHECK(first["target"]["raw"] == "≥10141人次");
  CHECK(first["target"]["op"] == ">=");
  CHECK(first["target"]["value"] == 10141.0);
  CHECK(first["target"]["upper"].is_null());  // NaN
  CHECK(first["target"]["date"].is_null());   // empty date
  CHECK(first["target_at"] == Json{{"line", 10}, {"column", 6}});
  CHECK(first["direction"] == "");
  CHECK(first["merged"] == Json{{"actual", true}, {"weight", false}, {"score", false}, {"deviation", true}});

  const auto& second = j["indicators"][1];
  CHECK(second["weight"].is_null());
  CHECK(second["direction"] == "lower_is_better");
  CHECK_FALSE(second.contains("weight_at"));  // unknown location: left out
  CHECK_FALSE(second.contains("merged"));     // nothing from an actuals file: left out

  CHECK(j["indicators"][2]["actual"].is_null());  // the default Value
  CHECK(j["indicators"][4]["target"]["date"] ==
        Json{{"year", 0}, {"month", 0}, {"day", 25}, {"month_end", false}, {"every", "monthly"}});
  CHECK(j["indicators"][10]["target"]["upper"] == "Infinity");
  CHECK(j["budget"][1]["weight"].is_null());
  CHECK(j["totals"]["at"] == Json{{"line", 40}, {"column", 1}});
}

TEST_CASE("An empty table round-trips and writes defaults compactly", "[read][json]") {
  const Table t;
  const std::string json = jixiao::to_json(t);
  const auto j = Json::parse(json);
  CHECK(j["kind"] == "");
  CHECK(j["year"] == 0);
  CHECK(j["indicators"].empty());
  CHECK(j["totals"].is_null());
  const TableRead r = read(json);
  CHECK(r.diagnostics.empty());
  CHECK(r.table == t);
  CHECK(jixiao::to_json(r.table) == json);
}

TEST_CASE("Every enumerator round-trips by name", "[read][json]") {
  Table t;
  t.kind = TableKind::project_targets;
  for (int l1 = 0; l1 <= static_cast<int>(jixiao::Level1::other); ++l1) {
    for (int l2 = 0; l2 <= static_cast<int>(jixiao::Level2::other); ++l2) {
      Indicator i;
      i.level1_kind = static_cast<jixiao::Level1>(l1);
      i.level2_kind = static_cast<jixiao::Level2>(l2);
      i.direction = static_cast<jixiao::Direction>((l1 + l2) % 3);
      i.target.raw = "x";
      i.target.kind = static_cast<ValueKind>(l2 % 5);
      i.target.op = static_cast<Comparator>(l2 % 7);
      i.target.category = static_cast<Category>(l2 % 12);
      i.target.basis = static_cast<jixiao::Basis>(l2 % 5);
      i.target.date.every = static_cast<jixiao::Recurrence>(l2 % 3);
      t.indicators.push_back(i);
    }
  }
  for (TableKind kind : {TableKind::unknown, TableKind::department_targets, TableKind::project_targets,
                         TableKind::self_evaluation}) {
    t.kind = kind;
    const TableRead r = read(jixiao::to_json(t));
    INFO(all_messages(r));
    CHECK(r.diagnostics.empty());
    CHECK(r.table == t);
  }
}

TEST_CASE("Doubles round-trip bit for bit", "[read][json]") {
  std::mt19937_64 random(20240601);
  Table t;
  std::vector<double> written;
  for (int n = 0; n < 2000; ++n) {
    double x;
    do {
      const std::uint64_t b = random();
      std::memcpy(&x, &b, sizeof x);
    } while (std::isnan(x));
    written.push_back(x);
  }
  for (double x : {0.0, -0.0, 0.1, 0.1 + 0.2, 1.0 / 3, 202.6, 2026000.0, 1e21, 1e22, 9007199254740993.0,
                   std::numeric_limits<double>::max(), std::numeric_limits<double>::min(),
                   std::numeric_limits<double>::denorm_min(), std::numeric_limits<double>::lowest(), inf, -inf})
    written.push_back(x);
  for (std::size_t n = 0; n < written.size(); n += 6) {
    jixiao::BudgetLine line;
    double* fields[] = {&line.initial, &line.full_year, &line.executed, &line.weight, &line.rate, &line.score};
    for (std::size_t k = 0; k < 6; ++k) *fields[k] = n + k < written.size() ? written[n + k] : quiet_nan;
    t.budget.push_back(line);
  }
  const std::string json = jixiao::to_json(t);
  const TableRead r = read(json);
  REQUIRE(r.diagnostics.empty());
  REQUIRE(r.table.budget.size() == t.budget.size());
  std::size_t different = 0;
  for (std::size_t n = 0; n < t.budget.size(); ++n) {
    const auto& a = t.budget[n];
    const auto& b = r.table.budget[n];
    different += bits(a.initial) != bits(b.initial) || bits(a.full_year) != bits(b.full_year) ||
                 bits(a.executed) != bits(b.executed) || bits(a.weight) != bits(b.weight) ||
                 bits(a.rate) != bits(b.rate) || bits(a.score) != bits(b.score);
  }
  CHECK(different == 0);
  CHECK(jixiao::to_json(r.table) == json);
}

TEST_CASE("Ten thousand indicators round-trip", "[read][json]") {
  Table t;
  t.kind = TableKind::department_targets;
  t.title = text("2024年部门整体支出绩效目标批复表", 1, 1);
  t.functions = {{1, text("社会救助", 2, 1)}};
  const char* targets[] = {"≥10141人次", "≤202.6万元", "95%以上", "稳步提升", "2023年12月底前", "80%-90%", "十余万", ""};
  for (int n = 0; n < 10000; ++n) {
    Indicator i = indicator(n % 2 - 1, "产出指标", "数量指标", "指标" + std::to_string(n), targets[n % 8],
                            static_cast<std::uint32_t>(n + 3));
    i.sequence = n + 1;
    i.weight = n % 7 == 0 ? quiet_nan : n * 0.01;
    t.indicators.push_back(std::move(i));
  }
  const std::string json = jixiao::to_json(t);
  const TableRead r = read(json);
  CHECK(r.diagnostics.empty());
  CHECK(r.table.indicators.size() == 10000);
  CHECK(r.table == t);
  CHECK(jixiao::to_json(r.table) == json);
}

TEST_CASE("A table holding text that is not UTF-8 cannot be written", "[read][json]") {
  Table t;
  t.title = text("\xB2\xE2\xCA\xD4");  // GBK 测试, not converted
  CHECK_THROWS_AS(jixiao::to_json(t), std::invalid_argument);
}

// ---------------------------------------------------------------------------------------------
// Hand-written JSON

TEST_CASE("Hand-written JSON may give values only as raw text", "[read][json]") {
  const std::string json = std::string(head) + R"(,
    "kind": "department_targets",
    "title": "2024年部门整体支出绩效目标表",
    "header": [{"key": "部门(单位)名称", "value": "渚源县民政局"}],
    "functions": [{"number": 1, "name": "社会救助"}],
    "indicators": [
      {"function": 0, "level1": "产出指标", "level1_kind": "output", "name": "城市低保", "target": "≥10141人次"},
      {"level1": "产出指标", "level2": "数量指标",
       "name": {"text": "资金", "line": 7, "column": 2}, "target": {"raw": "≤202.6万元"}, "weight": 10},
      {"level1": "产出指标", "level1_kind": "other", "name": "时间", "target": {"raw": "2023年12月底前"}, "actual": null}
    ]
  })";
  const TableRead r = read(json);
  INFO(all_messages(r));
  CHECK(r.diagnostics.empty());
  const Table& t = r.table;
  CHECK(t.kind == TableKind::department_targets);
  CHECK(t.title.text == "2024年部门整体支出绩效目标表");
  CHECK_FALSE(t.title.at.known());
  CHECK(t.field("部门(单位)名称") == "渚源县民政局");
  REQUIRE(t.indicators.size() == 3);
  CHECK(t.indicators[0].function == 0);
  CHECK(t.indicators[0].level1_kind == jixiao::Level1::output);
  CHECK(t.indicators[0].level2_kind == jixiao::Level2::unknown);
  CHECK(t.indicators[1].level1_kind == jixiao::Level1::output);   // classified from the text
  CHECK(t.indicators[1].level2_kind == jixiao::Level2::quantity);
  CHECK(t.indicators[2].level1_kind == jixiao::Level1::other);     // given: kept as given
  CHECK(t.indicators[0].target == parsed("≥10141人次"));
  CHECK(t.indicators[1].function == -1);
  CHECK(t.indicators[1].name == text("资金", 7, 2));
  CHECK(t.indicators[1].target.value == 2026000);
  CHECK(t.indicators[1].weight == 10);
  CHECK(std::isnan(t.indicators[1].score));
  CHECK(t.indicators[2].target == parsed("2023年12月底前"));
  CHECK(t.indicators[2].actual == Value{});
  // What was read writes out in full and reads back the same.
  CHECK(read(jixiao::to_json(t)).table == t);
}

TEST_CASE("A raw value that does not parse reports the parser's diagnostics with the path", "[read][json]") {
  const TableRead r = read(std::string(head) + R"(, "indicators": [{"name": "a"}, {"name": "b", "target": "3人/年/6.3"}]})",
                           "plan.json");
  REQUIRE(r.table.indicators.size() == 2);
  CHECK(r.table.indicators[1].target.kind == ValueKind::invalid);
  CHECK(r.table.indicators[1].target.raw == "3人/年/6.3");
  const Diagnostic* d = find(r, "JX103");
  REQUIRE(d != nullptr);
  CHECK(d->severity == Severity::error);
  CHECK(d->message.find("(in `indicators[1].target`)") != std::string::npos);
  CHECK(d->span.file == "plan.json");
  CHECK(d->span.line == 0);
  CHECK(d->span.column == 5);  // within the cell, as parse_value reports it
}

TEST_CASE("A stored invalid value is read as stored, without re-parsing", "[read][json]") {
  Table t;
  t.indicators.push_back(indicator(-1, "", "", "x", "≥**%", 3));
  REQUIRE(t.indicators[0].target.kind == ValueKind::invalid);
  const TableRead r = read(jixiao::to_json(t));
  CHECK(r.diagnostics.empty());
  CHECK(r.table == t);
}

TEST_CASE("Reading fields beside a raw value without kind are ignored with a warning", "[read][json]") {
  const TableRead r =
      read(std::string(head) + R"(, "indicators": [{"name": "a", "target": {"raw": "95%以上", "unit": "元"}}]})");
  CHECK(r.table.indicators[0].target == parsed("95%以上"));
  const Diagnostic* d = find(r, "JX232", "`indicators[0].target.unit`");
  REQUIRE(d != nullptr);
  CHECK(d->severity == Severity::warning);
  CHECK_FALSE(has_error(r));
}

TEST_CASE("A value with kind is taken as given; missing reading fields take their defaults", "[read][json]") {
  const TableRead r = read(std::string(head) + R"(, "indicators": [{"name": "a",
      "target": {"raw": "很多", "kind": "number", "value": 5, "unit": "人"}}]})");
  CHECK(r.diagnostics.empty());
  const Value& v = r.table.indicators[0].target;
  CHECK(v.raw == "很多");
  CHECK(v.kind == ValueKind::number);
  CHECK(v.value == 5);
  CHECK(v.unit == "人");
  CHECK(v.multiplier == 1);
  CHECK(std::isnan(v.number));
  CHECK(v.op == Comparator::none);
}

// ---------------------------------------------------------------------------------------------
// Malformed JSON

TEST_CASE("Malformed JSON is JX230 with the line and the column in code points", "[read][json]") {
  SECTION("a stray token after Chinese text") {
    const TableRead r = read("{\n  \"title\": \"中文\" x\n}", "bad.json");
    REQUIRE(r.diagnostics.size() == 1);
    const Diagnostic& d = r.diagnostics[0];
    CHECK(d.code == "JX230");
    CHECK(d.severity == Severity::error);
    CHECK(d.span.file == "bad.json");
    CHECK(d.span.line == 2);
    CHECK(d.span.column == 17);  // `  "title": "中文" ` is 16 code points
    CHECK(d.message.rfind("malformed JSON: ", 0) == 0);
    CHECK(d.message.find("json.exception") == std::string::npos);
    CHECK(r.table == Table{});
  }
  SECTION("empty input") {
    const TableRead r = read("");
    REQUIRE(count(r, "JX230") == 1);
    CHECK(r.diagnostics[0].span.line == 1);
    CHECK(r.diagnostics[0].span.column == 1);
  }
  SECTION("input that ends too early points just past its end") {
    const TableRead r = read("{\"format\": \"jixiao-table\",\n \"title\": \"表");
    REQUIRE(count(r, "JX230") == 1);
    CHECK(r.diagnostics[0].span.line == 2);
    CHECK(r.diagnostics[0].span.column == 13);  // ` "title": "表` is 12 code points
  }
  SECTION("a missing comma points at the start of the next key") {
    const TableRead r = read("{\r\n\"format\": \"jixiao-table\"\r\n  \"ver\\\"sion\": 1}");
    REQUIRE(count(r, "JX230") == 1);
    CHECK(r.diagnostics[0].span.line == 3);
    CHECK(r.diagnostics[0].span.column == 3);
  }
  SECTION("a trailing comma") {
    const TableRead r = read("{\"format\": \"jixiao-table\",\n \"year\": 2024,\n}");
    REQUIRE(count(r, "JX230") == 1);
    CHECK(r.diagnostics[0].span.line == 3);
    CHECK(r.diagnostics[0].span.column == 1);
  }
  SECTION("malformed UTF-8 inside a string; the message stays valid UTF-8") {
    const TableRead r = read("{\"title\": \"\xFF\"}");
    REQUIRE(count(r, "JX230") == 1);
    CHECK(r.diagnostics[0].span.column == 12);
    CHECK(r.diagnostics[0].message.find('\xFF') == std::string::npos);
  }
  SECTION("a literal that stops inside a Chinese character is quoted up to it, still UTF-8") {
    // The parser gives up on the first byte of 中 (three bytes): its `last read` ends there.
    const TableRead r = read("{\"title\": 中文}");
    REQUIRE(count(r, "JX230") == 1);
    const std::string& m = r.diagnostics[0].message;
    CHECK(jixiao::detail::find_invalid_utf8(m) == std::string::npos);
    CHECK(m.find("\xEF\xBF\xBD") == std::string::npos);  // no U+FFFD for a character the input has whole
    CHECK(r.diagnostics[0].span.column == 11);
    // Where nlohmann says what it expected after the quote, that stays.
    const TableRead key = read("{\"标题\" 中}");
    REQUIRE(count(key, "JX230") == 1);
    CHECK(key.diagnostics[0].message ==
          "malformed JSON: syntax error while parsing object separator - invalid literal; last read: '\"标题\" '; "
          "expected ':'");
  }
  SECTION("a long unterminated string is quoted in part, cut between characters") {
    std::string doc = "{\"title\": \"";
    for (int k = 0; k < 1000; ++k) doc += "中";
    const TableRead r = read(doc);
    REQUIRE(count(r, "JX230") == 1);
    const std::string& m = r.diagnostics[0].message;
    CHECK(jixiao::detail::find_invalid_utf8(m) == std::string::npos);
    CHECK(m.find("\xEF\xBF\xBD") == std::string::npos);
    CHECK(m.size() < 400);  // not the thousand characters
    CHECK(m.find("中中…'") != std::string::npos);
  }
  SECTION("a cut never ends inside nlohmann's <U+XXXX> for a control character") {
    // `"` and 30 to 39 characters, then the line feed nlohmann quotes as the 8 code points
    // `<U+000A>`: up to 31 the token fits in the 40-code-point excerpt whole; from 32 to 38 the
    // cut falls inside `<U+000A>`, at 39 just before it.
    for (int before = 30; before <= 39; ++before) {
      std::string doc = "{\"title\": \"";
      for (int k = 0; k < before; ++k) doc += "中";
      doc += "\n\"}";
      const TableRead r = read(doc);
      REQUIRE(count(r, "JX230") == 1);
      const std::string& m = r.diagnostics[0].message;
      INFO(m);
      CHECK(m.find("U+000A") != std::string::npos);  // nlohmann's reason names it
      const std::size_t quote = m.find("last read: '");
      REQUIRE(quote != std::string::npos);
      const std::string read_part = m.substr(quote);
      if (before + 9 <= 40) CHECK(read_part.find("<U+000A>'") != std::string::npos);
      else CHECK(read_part.find("<U+") == std::string::npos);
    }
  }
  SECTION("a number too large for a double") {
    const TableRead r = read(std::string(head) + R"(, "year": 1e400})");
    REQUIRE(count(r, "JX230") == 1);
    CHECK(r.diagnostics[0].message.find("1e400") != std::string::npos);
  }
  SECTION("deep nesting does not exhaust the stack") {
    const TableRead r = read(std::string(100000, '[') + std::string(100000, ']'));
    CHECK(count(r, "JX233") == 1);  // well-formed, but not a table
  }
}

// ---------------------------------------------------------------------------------------------
// Schema violations

TEST_CASE("A wrong type is JX231 naming the JSON path; the rest is still read", "[read][json]") {
  const TableRead r = read(std::string(head) + R"(,
    "title": "标题",
    "year": "2024",
    "goals": [{"number": 1.5, "text": "目标"}],
    "functions": [{"number": 1, "name": 7}],
    "indicators": [
      {"name": "a"}, {"name": "b"}, {"name": "c", "merged": {"actual": 1, "deviation": true}},
      {"name": "d", "target": {"raw": "≥5", "kind": "number", "value": "5"}, "weight": 10}
    ],
    "budget": {},
    "totals": {"weight": 100, "score": true}
  })");
  CHECK(r.table.title.text == "标题");
  CHECK(r.table.year == 0);
  const Diagnostic* d = find(r, "JX231", "`indicators[3].target.value`");
  REQUIRE(d != nullptr);
  CHECK(d->severity == Severity::error);
  CHECK(d->message.find("a number or null") != std::string::npos);
  CHECK(d->message.find("a string") != std::string::npos);
  CHECK(d->span.file == "t.json");
  CHECK(find(r, "JX231", "`year`") != nullptr);
  CHECK(find(r, "JX231", "`goals[0].number` should be an integer") != nullptr);
  CHECK(find(r, "JX231", "`functions[0].name`") != nullptr);
  CHECK(find(r, "JX231", "`budget` should be an array") != nullptr);
  CHECK(find(r, "JX231", "`totals.score`") != nullptr);
  CHECK(find(r, "JX231", "`indicators[2].merged.actual` should be true or false") != nullptr);
  CHECK(count(r, "JX231") == 7);
  // Partial data: everything else was read.
  REQUIRE(r.table.indicators.size() == 4);
  CHECK(r.table.indicators[3].target.raw == "≥5");
  CHECK(r.table.indicators[3].weight == 10);
  CHECK(r.table.indicators[2].merged.deviation);
  CHECK_FALSE(r.table.indicators[2].merged.actual);
  CHECK(r.table.goals.at(0).text.text == "目标");
  CHECK(r.table.totals.weight == 100);
}

TEST_CASE("Unknown enumerator names and out-of-range integers are JX231", "[read][json]") {
  const TableRead r = read(std::string(head) + R"(,
    "kind": "annual_report",
    "year": 99999999999,
    "functions": [{"number": 99999999999999999999, "name": "f"}],
    "indicators": [{"name": {"text": "a", "line": -1, "column": 4294967296},
                    "level1_kind": "产出", "target": {"raw": "", "kind": "empty", "op": "≥"}}]
  })");
  CHECK(find(r, "JX231", "`kind` is \"annual_report\", not one of \"department_targets\"") != nullptr);
  CHECK(find(r, "JX231", "`year` is 99999999999, out of range") != nullptr);
  // Beyond 64 bits the parser has a double: still out of range, not "a fraction or exponent".
  CHECK(find(r, "JX231", "`functions[0].number` is 1e+20, out of range") != nullptr);
  CHECK(find(r, "JX231", "`indicators[0].name.line` is -1, out of range") != nullptr);
  CHECK(find(r, "JX231", "`indicators[0].name.column`") != nullptr);
  CHECK(find(r, "JX231", "`indicators[0].level1_kind` is \"产出\"") != nullptr);
  CHECK(find(r, "JX231", "`indicators[0].target.op`") != nullptr);
  CHECK(r.table.kind == TableKind::unknown);
  CHECK(r.table.indicators[0].name.text == "a");
}

TEST_CASE("A missing required field is JX231 naming it", "[read][json]") {
  const TableRead r = read(std::string(head) + R"(,
    "header": [{"key": "项目名称"}],
    "indicators": [{"target": "≥5"}, {"name": "b", "target": {"kind": "number"}}, 42],
    "budget": [{"initial": 1}]
  })");
  CHECK(find(r, "JX231", "required field `header[0].value` is missing") != nullptr);
  CHECK(find(r, "JX231", "`indicators[0].name`") != nullptr);
  CHECK(find(r, "JX231", "`indicators[1].target.raw`") != nullptr);
  CHECK(find(r, "JX231", "`indicators[2]` should be an object, not an integer") != nullptr);
  CHECK(find(r, "JX231", "`budget[0].label`") != nullptr);
  // Elements are kept, so that indices stay the document's.
  REQUIRE(r.table.indicators.size() == 3);
  CHECK(r.table.indicators[0].target == parsed("≥5"));
  CHECK(r.table.indicators[1].target.kind == ValueKind::number);
  CHECK(r.table.indicators[2] == Indicator{});
  CHECK(r.table.budget.at(0).initial == 1);
}

TEST_CASE("An indicator's function must index the core functions", "[read][json]") {
  const TableRead r = read(std::string(head) + R"(,
    "functions": [{"name": "社会救助"}],
    "indicators": [{"name": "a", "function": 0}, {"name": "b", "function": 1}, {"name": "c", "function": -2}]
  })");
  CHECK(r.table.indicators[0].function == 0);
  CHECK(r.table.indicators[1].function == -1);
  CHECK(r.table.indicators[2].function == -1);
  CHECK(find(r, "JX231", "`indicators[1].function` is 1") != nullptr);
  CHECK(count(r, "JX231") == 2);
}

TEST_CASE("An unknown field is a JX232 warning naming its path", "[read][json]") {
  const TableRead r = read(std::string(head) + R"(,
    "titel": "拼错",
    "indicators": [{"name": "a", "target": {"raw": "≥5", "kind": "number", "colour": "red"}, "targt": "x",
                    "merged": {"budget": true}}],
    "totals": {"at": {"line": 1, "col": 2}}
  })");
  CHECK(count(r, "JX232") == 5);
  CHECK(find(r, "JX232", "`titel`") != nullptr);
  CHECK(find(r, "JX232", "`indicators[0].merged.budget`") != nullptr);
  CHECK(find(r, "JX232", "`indicators[0].target.colour`") != nullptr);
  CHECK(find(r, "JX232", "`indicators[0].targt`") != nullptr);
  CHECK(find(r, "JX232", "`totals.at.col`") != nullptr);
  CHECK(r.diagnostics.at(0).severity == Severity::warning);
  CHECK_FALSE(has_error(r));
  CHECK(r.table.totals.at.line == 1);
}

TEST_CASE("Format and version are checked: JX233", "[read][json]") {
  SECTION("missing format, still read") {
    const TableRead r = read(R"({"version": 1, "title": "表"})");
    CHECK(count(r, "JX233") == 1);
    CHECK(r.diagnostics.size() == 1);
    CHECK(r.table.title.text == "表");
  }
  SECTION("another format") {
    const TableRead r = read(R"({"format": "jixiao-report", "version": 1})");
    CHECK(find(r, "JX233", "\"jixiao-report\"") != nullptr);
  }
  SECTION("format of the wrong type") {
    CHECK(count(read(R"({"format": 1, "version": 1})"), "JX233") == 1);
  }
  SECTION("unsupported version, still read") {
    const TableRead r = read(R"({"format": "jixiao-table", "version": 2, "year": 2024})");
    const Diagnostic* d = find(r, "JX233", "version");
    REQUIRE(d != nullptr);
    CHECK(d->severity == Severity::error);
    CHECK(r.table.year == 2024);
  }
  SECTION("version missing, or not an integer") {
    CHECK(count(read(R"({"format": "jixiao-table"})"), "JX233") == 1);
    CHECK(count(read(R"({"format": "jixiao-table", "version": "1"})"), "JX233") == 1);
    CHECK(count(read(R"({"format": "jixiao-table", "version": 1.5})"), "JX233") == 1);
    CHECK(count(read(R"({"format": "jixiao-table", "version": -1})"), "JX233") == 1);
  }
  SECTION("not an object") {
    for (const char* doc : {"[]", "\"jixiao-table\"", "null", "42"}) {
      const TableRead r = read(doc);
      CHECK(count(r, "JX233") == 1);
      CHECK(r.diagnostics.size() == 1);
    }
  }
  SECTION("all good") {
    CHECK(read(std::string(head) + "}").diagnostics.empty());
  }
}

TEST_CASE("Reading resets the table and appends to existing diagnostics", "[read][json]") {
  TableRead out;
  out.table.year = 1999;
  out.diagnostics.push_back(Diagnostic{"JX200", Severity::info, "earlier", {}, {}});
  jixiao::detail::read_table_json(std::string(head) + R"(, "title": "表", "foo": 1})", {}, out);
  CHECK(out.table.year == 0);
  CHECK(out.table.title.text == "表");
  REQUIRE(out.diagnostics.size() == 2);
  CHECK(out.diagnostics[0].code == "JX200");
  CHECK(out.diagnostics[1].code == "JX232");
  CHECK(out.diagnostics[1].span.file.empty());
}

TEST_CASE("read_table_text recognises the JSON and gives the table back", "[read][json]") {
  const Table t = full_table();
  const std::string json = jixiao::to_json(t);
  for (const std::string& bytes : {json, "\xEF\xBB\xBF" + json}) {  // with and without a BOM
    const TableRead r = jixiao::read_table_text(bytes);
    INFO(all_messages(r));
    CHECK(r.format == jixiao::Format::json);
    CHECK(r.diagnostics.empty());
    CHECK(r.table == t);
  }
}

// ---------------------------------------------------------------------------------------------
// The documentation

TEST_CASE("The example in docs/formats.md is what to_json writes", "[read][json]") {
  const std::string doc = read_file(JIXIAO_TEST_DATA "/../../docs/formats.md");
  REQUIRE_FALSE(doc.empty());
  // The first ```json block is the complete example; the second the hand-written one.
  std::vector<std::string> blocks;
  for (std::size_t at = doc.find("```json\n"); at != std::string::npos; at = doc.find("```json\n", at)) {
    at += 8;
    const std::size_t end = doc.find("```\n", at);
    REQUIRE(end != std::string::npos);
    blocks.push_back(doc.substr(at, end - at));
    at = end;
  }
  REQUIRE(blocks.size() >= 2);
  const TableRead complete = read(blocks[0]);
  INFO(all_messages(complete));
  CHECK(complete.diagnostics.empty());
  CHECK(jixiao::to_json(complete.table) == blocks[0]);
  const TableRead minimal = read(blocks[1]);
  INFO(all_messages(minimal));
  CHECK(minimal.diagnostics.empty());
  CHECK_FALSE(minimal.table.indicators.empty());
}
