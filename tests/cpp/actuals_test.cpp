// jixiao: budget performance management (预算绩效管理) for C++ and Python.
// SPDX-License-Identifier: MIT
//
// Actuals files merged into a target table: the sample with its example actuals scored by
// hand, every way a row is keyed, and every way a row can fail to find its indicator.
#include <catch2/catch.hpp>

#include <jixiao/actuals.hpp>
#include <jixiao/read.hpp>
#include <jixiao/scorecard.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <fstream>
#include <iterator>
#include <string>
#include <string_view>

using namespace jixiao;

namespace {

const std::string kExamples = JIXIAO_TEST_DATA "/../../examples/data/";

const Table& sample() {
  static const Table t = [] {
    TableRead r = read_table(kExamples + "civil-affairs-2024-targets.tsv");
    REQUIRE(r.table.indicators.size() == 61);
    return r.table;
  }();
  return t;
}

std::size_t count(const std::vector<Diagnostic>& ds, std::string_view code) {
  return static_cast<std::size_t>(
      std::count_if(ds.begin(), ds.end(), [&](const Diagnostic& d) { return d.code == code; }));
}

const Diagnostic* find(const std::vector<Diagnostic>& ds, std::string_view code) {
  for (const Diagnostic& d : ds)
    if (d.code == code) return &d;
  return nullptr;
}

ActualsRead merge(const std::string& csv) {
  ReadOptions o;
  o.file_name = "actuals.csv";
  return apply_actuals_text(sample(), csv, o);
}

/// The indicator of the merged table called `name` in function `f` (1-based), sequence `seq`.
const Indicator& indicator(const Table& t, int f, std::string_view name, int seq = 0) {
  for (const Indicator& i : t.indicators)
    if (i.function == f - 1 && i.name.text == name && (!seq || i.sequence == seq)) return i;
  FAIL("no indicator " << name);
  throw;
}

}  // namespace

TEST_CASE("The sample with its example actuals: every row merged, scored by the rules", "[actuals]") {
  const ActualsRead m = apply_actuals(sample(), kExamples + "civil-affairs-2024-actuals.csv");
  CHECK(m.ok());
  CHECK(m.applied == 61);
  CHECK(m.missing == 0);
  CHECK(m.diagnostics.empty());
  CHECK(m.table.kind == TableKind::self_evaluation);
  CHECK(m.table.actuals_file == kExamples + "civil-affairs-2024-actuals.csv");
  // The two 单位自聘人员工资 rows of 职能4 are told apart by 序号.
  CHECK(indicator(m.table, 4, "单位自聘人员工资", 2).actual.raw == "3人");
  CHECK(indicator(m.table, 4, "单位自聘人员工资", 10).actual.raw == "2人");
  // 持续发挥作用的期限 appears in every function: told apart by 职能.
  CHECK(indicator(m.table, 1, "持续发挥作用的期限").actual.raw == "1年");
  CHECK(indicator(m.table, 4, "持续发挥作用的期限").actual.raw == "12个月");
  const Indicator& i = indicator(m.table, 1, "临时救助");
  CHECK(i.actual_at == SourceLocation{5, 23});
  CHECK(i.deviation.text == "临时救助申请量低于预期；将建立主动发现机制");
  REQUIRE(m.table.budget.size() == 1);
  CHECK(m.table.budget[0].full_year == 2856.3);
  CHECK(m.table.budget[0].executed == 2741.2);

  const Scorecard card = score_table(m.table);
  CHECK(card.weights_distributed);
  // 产出's 50 points go equally to its 11 level-2 groups (3 + 3 + 3 + 2 over the functions),
  // then equally to each group's rows: 职能1 数量指标 has 7.
  const auto row = [&](int f, std::string_view name, int seq = 0) -> const IndicatorScore& {
    const Indicator& ind = indicator(m.table, f, name, seq);
    return card.rows[static_cast<std::size_t>(&ind - m.table.indicators.data())].score;
  };
  CHECK(row(1, "城市低保").weight == Approx(50.0 / 11 / 7));
  CHECK(row(1, "城乡特困人员").score == Approx(0.63));  // 2180 / 2263 × 0.6494 = 0.6255
  CHECK(row(1, "临时救助").score == Approx(0.59));      // 8120 / 8973 × 0.6494 = 0.5877
  CHECK(row(1, "持续发挥作用的期限").score == Approx(3.75));  // 1年 = 12个月, met (JX406)
  CHECK(row(2, "老年人意外伤害保险").score == Approx(0.56));  // 2.3万 = 23000 / 23344 × 0.5682 = 0.5598
  CHECK(row(2, "91个农村老年之家").score == Approx(0.57));    // 九十一个 = 91
  CHECK(row(1, "困难群众获得感").tier == Tier::partly_achieved);
  CHECK(row(1, "困难群众获得感").score == Approx(1.31));  // 70% of 1.875
  CHECK(row(3, "为全县符合条件的遗属发放补助金").score == Approx(1.09));  // 48 / 50 × 1.1364
  CHECK_FALSE(row(4, "单位自聘人员工资", 2).scored());  // the target admits no reading (JX402)
  CHECK(card.unscored == 5);
  CHECK(card.budget.score == Approx(9.60));  // 2741.2 / 2856.3 = 95.97% of 10
  // Diagnostics about actual cells name the actuals file; those about targets, the table.
  const Diagnostic* unitless = find(card.diagnostics, "JX405");
  REQUIRE(unitless);
  CHECK(unitless->span.file == m.table.actuals_file);
  CHECK(unitless->span.line == 8);
  const Diagnostic* no_target = find(card.diagnostics, "JX402");
  REQUIRE(no_target);
  CHECK(no_target->span.file.empty());
  CHECK(no_target->span.line == 50);
}

TEST_CASE("Rows are keyed by name, sequence, function and level 2 in any combination", "[actuals]") {
  SECTION("a unique name is enough") {
    const ActualsRead m = merge("三级指标,实际完成值\n城市低保,10230人次\n");
    CHECK(m.ok());
    CHECK(m.applied == 1);
    CHECK(m.missing == 60);
    CHECK(indicator(m.table, 1, "城市低保").actual.value == 10230);
    const Diagnostic* d = find(m.diagnostics, "JX444");
    REQUIRE(d);
    CHECK(d->severity == Severity::warning);
    CHECK(d->message.rfind("60 of 61 indicators have no actual in the file: 农村低保 (table line 13)", 0) == 0);
  }
  SECTION("a repeated name without a key that tells the rows apart is ambiguous") {
    const ActualsRead m = merge("三级指标,实际完成值\n持续发挥作用的期限,12个月\n");
    CHECK_FALSE(m.ok());
    CHECK(m.applied == 0);
    const Diagnostic* d = find(m.diagnostics, "JX442");
    REQUIRE(d);
    CHECK(d->span.file == "actuals.csv");
    CHECK(d->span.line == 2);
    CHECK(d->span.column == 1);
    CHECK(d->message.find("matches 4 indicators (line 24 可持续影响指标 持续发挥作用的期限; line 42") != std::string::npos);
  }
  SECTION("the function by number, by name, or as the table labels it") {
    for (const char* f : {"1", "社会救助", "职能1: 社会救助", "职能1 社会救助", "职能１：社会救助"}) {
      const ActualsRead m = merge(std::string("职能,三级指标,实际完成值\n") + f + ",持续发挥作用的期限,1年\n");
      INFO(f);
      CHECK(m.applied == 1);
      CHECK(indicator(m.table, 1, "持续发挥作用的期限").actual.raw == "1年");
    }
    const ActualsRead m = merge("function_no,name,actual\n2,持续发挥作用的期限,12个月\n");
    CHECK(indicator(m.table, 2, "持续发挥作用的期限").actual.raw == "12个月");
  }
  SECTION("a sequence with level 2, no name") {
    const ActualsRead m = merge("职能,二级指标,序号,实际完成值\n2,数量指标,7,九十一个\n2,质量,1,100%\n");
    CHECK(m.ok());
    CHECK(indicator(m.table, 2, "91个农村老年之家").actual.value == 91);
    CHECK(indicator(m.table, 2, "符合条件的残疾人及时纳入保障范围").actual.value == 100);  // 质量 = 质量指标
  }
  SECTION("a 指标N: label in the name column gives the sequence") {
    const ActualsRead m = merge("职能,三级指标,实际完成值\n4,指标10: 单位自聘人员工资,2人\n");
    CHECK(m.ok());
    CHECK(indicator(m.table, 4, "单位自聘人员工资", 10).actual.raw == "2人");
    CHECK(indicator(m.table, 4, "单位自聘人员工资", 2).actual.kind == ValueKind::empty);
  }
  SECTION("names match across blanks and full-width brackets") {
    const ActualsRead m = merge("三级指标,实际完成值\n残疾人生活和护理补贴（残疾人托养服务） ,10人\n");
    CHECK(m.applied == 1);
  }
  SECTION("the CSV `jixiao read` prints, with an actual column added, is an actuals file") {
    const ActualsRead m = merge(
        "function_no,function,level1,level2,seq,name,target,op,value,upper,unit,kind,actual\n"
        "1,社会救助,产出指标,数量指标,1,城市低保,≥10141人次,>=,10141,,人次,number,10230人次\n");
    CHECK(m.applied == 1);
    CHECK(count(m.diagnostics, "JX446") == 0);
    CHECK(count(m.diagnostics, "JX445") == 0);
  }
  SECTION("tab-separated and GB18030 files too") {
    const ActualsRead m = merge("三级指标\t实际完成值\n城市低保\t10230人次\n");
    CHECK(m.applied == 1);
    const std::string gbk = "\xc8\xfd\xbc\xb6\xd6\xb8\xb1\xea,\xca\xb5\xbc\xca\xcd\xea\xb3\xc9\xd6\xb5\n"  // 三级指标,实际完成值
                            "\xb3\xc7\xca\xd0\xb5\xcd\xb1\xa3,10230\n";                                     // 城市低保
    const ActualsRead g = merge(gbk);
    CHECK(g.applied == 1);
    CHECK(count(g.diagnostics, "JX201") == 1);
  }
}

TEST_CASE("Rows that cannot be merged are reported at their cell, and nothing else is lost", "[actuals]") {
  SECTION("no indicator matches") {
    const ActualsRead m = merge("职能,三级指标,实际完成值\n1,城市低保障,1\n");
    const Diagnostic* d = find(m.diagnostics, "JX441");
    REQUIRE(d);
    CHECK(d->severity == Severity::error);
    CHECK(d->message == "no indicator of the table matches 职能 1, 三级指标 城市低保障; the row is not merged");
    CHECK(d->span.line == 2);
  }
  SECTION("a second row for the same indicator: the first is kept") {
    const ActualsRead m = merge("三级指标,实际完成值\n城市低保,10230人次\n城市低保,9000人次\n");
    CHECK(indicator(m.table, 1, "城市低保").actual.value == 10230);
    const Diagnostic* d = find(m.diagnostics, "JX443");
    REQUIRE(d);
    CHECK(d->span.line == 3);
    CHECK(d->message == "a second row for `城市低保` (first on line 2); the first is kept");
  }
  SECTION("no header") {
    const ActualsRead m = merge("城市低保,10230人次\n");
    CHECK_FALSE(m.ok());
    CHECK(count(m.diagnostics, "JX440") == 1);
    CHECK(m.applied == 0);
    CHECK(m.table.kind == TableKind::department_targets);  // nothing merged: still a target table
    CHECK(merge("").diagnostics.front().code == "JX440");
  }
  SECTION("unknown columns are named; cells past the header too") {
    const ActualsRead m = merge("三级指标,实际完成值,备注\n城市低保,10230人次,已核实,多余\n");
    CHECK(m.applied == 1);
    REQUIRE(count(m.diagnostics, "JX446") == 2);
    CHECK(find(m.diagnostics, "JX446")->message == "the column `备注` is not an actuals column; it is not read");
  }
  SECTION("a target that differs from the table's: a file for another table?") {
    const ActualsRead m = merge("三级指标,指标值,实际完成值\n城市低保,≥10000人次,10230人次\n");
    const Diagnostic* d = find(m.diagnostics, "JX445");
    REQUIRE(d);
    CHECK(d->span.column == 6);
  }
  SECTION("an actual that cannot be read is reported where it is in the file") {
    const ActualsRead m = merge("三级指标,实际完成值\n城市低保,3人/年/6.3\n");
    const Diagnostic* d = find(m.diagnostics, "JX103");
    REQUIRE(d);
    CHECK(d->span.file == "actuals.csv");
    CHECK(d->span.line == 2);
    CHECK(d->span.column == 10);  // `/6.3` starts at code point 10 of the line
    CHECK(indicator(m.table, 1, "城市低保").actual.kind == ValueKind::invalid);
  }
  SECTION("weights and scores given in the file; a bad one is named") {
    const ActualsRead m = merge("三级指标,实际完成值,分值,得分\n城市低保,10230人次,10,10\n农村低保,24702人次,10分,x\n");
    CHECK(indicator(m.table, 1, "城市低保").weight == 10);
    CHECK(indicator(m.table, 1, "城市低保").score == 10);
    CHECK(indicator(m.table, 1, "城市低保").weight_at == SourceLocation{2, 14});
    CHECK(indicator(m.table, 1, "农村低保").weight == 10);
    CHECK(count(m.diagnostics, "JX447") == 1);  // `x` is not a number
  }
  SECTION("a row with an empty actual") {
    const ActualsRead m = merge("三级指标,实际完成值\n城市低保,\n");
    CHECK(count(m.diagnostics, "JX448") == 1);
    CHECK(indicator(m.table, 1, "城市低保").actual.kind == ValueKind::empty);
  }
  SECTION("a file that cannot be opened") {
    const ActualsRead m = apply_actuals(sample(), "/nonexistent/actuals.csv");
    REQUIRE(m.diagnostics.size() == 1);
    CHECK(m.diagnostics[0].code == "JX200");
  }
}

TEST_CASE("A table built in code with a function index out of range matches no function key", "[actuals]") {
  Table t;
  Indicator i;
  i.function = 0;  // but t.functions is empty
  i.name.text = "x";
  i.target = parse_value("≥10人").value;
  t.indicators.push_back(i);
  const ActualsRead by_function = apply_actuals_text(t, "职能,三级指标,实际完成值\n职能1,x,9人\n");
  CHECK(by_function.applied == 0);
  CHECK(count(by_function.diagnostics, "JX441") == 1);
  const ActualsRead by_name = apply_actuals_text(t, "三级指标,实际完成值\nx,9人\n");
  CHECK(by_name.applied == 1);
}

TEST_CASE("The budget row: amounts or a rate", "[actuals]") {
  SECTION("amounts in 万元, or in 元") {
    const ActualsRead m = merge("三级指标,全年预算数,全年执行数,分值\n预算执行率,300,200,10\n");
    REQUIRE(m.table.budget.size() == 1);
    CHECK(m.table.budget[0].full_year == 300);
    const Scorecard card = score_table(m.table);
    CHECK(card.budget.score == Approx(6.67));
    const ActualsRead yuan = merge("三级指标,全年预算数,全年执行数\n预算执行率,3000000元,2000000元\n");
    CHECK(yuan.table.budget[0].full_year == 300);
  }
  SECTION("a rate alone is B / A with A = 100") {
    const ActualsRead m = merge("三级指标,实际完成值\n预算执行率,95.37%\n");
    const Scorecard card = score_table(m.table);
    CHECK(card.budget.score == Approx(9.54));
    CHECK(merge("三级指标,实际完成值\n预算执行率,较好\n").diagnostics.front().code == "JX447");
  }
  SECTION("the row's problems are placed in the actuals file, where the row is") {
    const ActualsRead m = merge("三级指标,全年预算数,全年执行数,分值\n预算执行率,0,5,10\n");
    REQUIRE(m.table.budget.size() == 1);
    CHECK(m.table.budget[0].file == "actuals.csv");
    const Scorecard card = score_table(m.table);
    const auto jx416 = std::find_if(card.diagnostics.begin(), card.diagnostics.end(),
                                    [](const Diagnostic& d) { return d.code == "JX416"; });
    REQUIRE(jx416 != card.diagnostics.end());
    CHECK(jx416->span.file == "actuals.csv");
    CHECK(jx416->span.line == 2);
    // The line survives the table's JSON.
    CHECK(read_table_text(to_json(m.table)).table == m.table);
  }
}

TEST_CASE("Merged into a self-evaluation table, only the cells the file gives are placed in it", "[actuals]") {
  // The self-evaluation test table with the weight of 指标1 (line 13, column 42) spoiled: the
  // table's own cells keep the table's name (an empty file: the caller's, as for any table)
  // whatever the file merged into it does not give.
  std::ifstream in(JIXIAO_TEST_DATA "/tables/self-evaluation.tsv", std::ios::binary);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const std::string cell = "\t10230人次\t10\t10\t";
  const std::size_t at = text.find(cell);
  REQUIRE(at != std::string::npos);
  text.replace(at, cell.size(), "\t10230人次\tx\t10\t");
  const TableRead table = read_table_text(text);
  REQUIRE(table.table.kind == TableKind::self_evaluation);
  ReadOptions o;
  o.file_name = "actuals.csv";
  const auto diagnostic = [](const Scorecard& card, std::string_view code, std::uint32_t line) -> const Diagnostic& {
    for (const Diagnostic& d : card.diagnostics)
      if (d.code == code && d.span.line == line) return d;
    FAIL("no " << code << " on line " << line);
    throw;
  };

  SECTION("a file without weight or score columns") {
    const ActualsRead m = apply_actuals_text(table.table, "三级指标,实际完成值\n城市低保保障人次,10230人次\n农村低保保障人次,24702\n", o);
    REQUIRE(m.applied == 2);
    CHECK(m.table.indicators[0].merged.actual);
    CHECK_FALSE(m.table.indicators[0].merged.weight);
    CHECK_FALSE(m.table.indicators[0].merged.score);
    CHECK_FALSE(m.table.indicators[2].merged.any());  // not in the file
    // What came from where survives the table's JSON.
    CHECK(read_table_text(to_json(m.table)).table == m.table);
    const Scorecard card = score_table(m.table);
    // The table's bad weight cell: the table's.
    const Diagnostic& no_weight = diagnostic(card, "JX407", 13);
    CHECK(no_weight.span.file.empty());
    CHECK(no_weight.span.column == 42);
    // A published score of a row the file does not mention: the table's.
    CHECK(diagnostic(card, "JX413", 18).span.file.empty());
    // An actual from the file (24702 without its unit, line 3 of the file): the file's.
    const Diagnostic& unitless = diagnostic(card, "JX405", 3);
    CHECK(unitless.span.file == "actuals.csv");
    CHECK(unitless.span.column == 10);
  }
  SECTION("a weight column left empty on the row keeps the table's cell, and its place") {
    const ActualsRead m = apply_actuals_text(table.table, "三级指标,实际完成值,分值\n城市低保保障人次,10230人次,\n", o);
    CHECK_FALSE(m.table.indicators[0].merged.weight);
    CHECK(diagnostic(score_table(m.table), "JX407", 13).span.file.empty());
  }
  SECTION("a weight the file gives is the file's") {
    const ActualsRead m = apply_actuals_text(table.table, "三级指标,实际完成值,分值\n城市低保保障人次,10230人次,-5\n", o);
    CHECK(m.table.indicators[0].merged.weight);
    const Scorecard card = score_table(m.table);  // kept: the diagnostic below refers into it
    const Diagnostic& negative = diagnostic(card, "JX407", 2);
    CHECK(negative.span.file == "actuals.csv");
    CHECK(negative.span.column == 18);
  }
  SECTION("a weight the file cannot read leaves the table's, reported where it is") {
    const ActualsRead m = apply_actuals_text(table.table, "三级指标,实际完成值,分值\n城市低保保障人次,10230人次,x\n", o);
    CHECK(count(m.diagnostics, "JX447") == 1);
    CHECK_FALSE(m.table.indicators[0].merged.weight);
    CHECK(diagnostic(score_table(m.table), "JX407", 13).span.file.empty());
  }
}

TEST_CASE("A second actuals file: what it gives is its own, the first file's rest keeps no place", "[actuals]") {
  ReadOptions first;
  first.file_name = "first.csv";
  const ActualsRead a = apply_actuals_text(
      sample(), "三级指标,实际完成值,分值\n城市低保,10230人次,5\n农村低保,24702人次,\n", first);
  REQUIRE(a.applied == 2);
  REQUIRE(a.table.indicators[0].merged.weight);
  REQUIRE(a.table.indicators[1].merged.actual);
  REQUIRE(a.table.indicators[1].actual_at.known());

  SECTION("a different file") {
    ReadOptions second;
    second.file_name = "second.csv";
    const ActualsRead b = apply_actuals_text(a.table, "三级指标,实际完成值\n城市低保,10300人次\n", second);
    REQUIRE(b.applied == 1);
    CHECK(b.table.actuals_file == "second.csv");
    const Indicator& given = b.table.indicators[0];
    CHECK(given.merged.actual);
    CHECK(given.actual.raw == "10300人次");
    CHECK(given.actual_at == SourceLocation{2, 6});
    // The weight of the first file: kept, but neither the first file's place nor the second's.
    CHECK_FALSE(given.merged.weight);
    CHECK(given.weight == 5);
    CHECK_FALSE(given.weight_at.known());
    const Indicator& rest = b.table.indicators[1];
    CHECK_FALSE(rest.merged.any());
    CHECK(rest.actual.raw == "24702人次");
    CHECK_FALSE(rest.actual_at.known());
    const Diagnostic* d = find(b.diagnostics, "JX449");
    REQUIRE(d);
    CHECK(d->severity == Severity::warning);
    CHECK(d->span.file == "second.csv");
    CHECK(d->message.find("`first.csv`: 2 cells") != std::string::npos);
    CHECK(count(b.diagnostics, "JX449") == 1);
  }
  SECTION("the same file again keeps what it gave where it was") {
    const ActualsRead b = apply_actuals_text(a.table, "三级指标,实际完成值\n城市低保,10300人次\n", first);
    CHECK(count(b.diagnostics, "JX449") == 0);
    CHECK(b.table.indicators[0].merged.weight);
    CHECK(b.table.indicators[1].merged.actual);
    CHECK(b.table.indicators[1].actual_at == a.table.indicators[1].actual_at);
  }
  SECTION("a file that merges nothing leaves the table as it was") {
    ReadOptions second;
    second.file_name = "second.csv";
    const ActualsRead b = apply_actuals_text(a.table, "城市低保,10300人次\n", second);
    CHECK(count(b.diagnostics, "JX440") == 1);
    CHECK(b.table == a.table);
  }
}
