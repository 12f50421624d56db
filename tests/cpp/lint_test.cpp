// jixiao: budget performance management (预算绩效管理) for C++ and Python.
// SPDX-License-Identifier: MIT
//
// Lint: every rule on a small table that triggers it and on a near miss that must not, the
// split of work with the reader (no finding twice), options and profiles, and the catalogue
// against docs/rules.md.
#include <catch2/catch.hpp>

#include <jixiao/actuals.hpp>
#include <jixiao/lint.hpp>
#include <jixiao/read.hpp>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

using namespace jixiao;

namespace {

const std::string kData = JIXIAO_TEST_DATA;

/// A project target table with every header field and one indicator per level 1; `rows` are
/// `一级\t二级\t三级\t指标值` lines added after them (line 9 on).
std::string project(const std::vector<std::string>& rows, bool satisfaction = true) {
  std::string t =
      "2024年项目支出绩效目标表\n"
      "项目名称\t城乡低保\n"
      "主管部门\t渚源县人民政府\n"
      "年度目标\t目标1：保障低保对象基本生活。\n"
      "一级指标\t二级指标\t三级指标\t指标值\n"
      "产出指标\t数量指标\t城市低保保障人次\t≥10141人次\n"
      "效益指标\t社会效益指标\t困难群众基本生活水平\t稳步提升\n";
  if (satisfaction) t += "满意度指标\t服务对象满意度指标\t低保对象满意度\t≥90%\n";
  for (const std::string& r : rows) t += r + "\n";
  return t;
}

TableRead read(const std::string& text) { return read_table_text(text); }

std::vector<std::string> codes(const LintReport& r) {
  std::vector<std::string> out;
  for (const Diagnostic& d : r.diagnostics) out.push_back(d.code);
  return out;
}

bool has(const LintReport& r, std::string_view code) {
  return std::any_of(r.diagnostics.begin(), r.diagnostics.end(), [&](const Diagnostic& d) { return d.code == code; });
}

std::size_t count(const LintReport& r, std::string_view code) {
  return static_cast<std::size_t>(std::count_if(r.diagnostics.begin(), r.diagnostics.end(),
                                                [&](const Diagnostic& d) { return d.code == code; }));
}

const Diagnostic& get(const LintReport& r, std::string_view code) {
  for (const Diagnostic& d : r.diagnostics)
    if (d.code == code) return d;
  FAIL("no " << code << " in the report");
  throw;  // not reached
}

/// Lint's findings on a project table with `rows` added.
LintReport lint_rows(const std::vector<std::string>& rows, const LintOptions& o = {}) {
  return lint_table(read(project(rows)).table, o);
}

Indicator indicator(int function, std::string l1, std::string l2, std::string name, std::string_view target,
                    std::uint32_t line) {
  Indicator i;
  i.function = function;
  i.level1 = {l1, {line, 1}};
  i.level1_kind = classify_level1(l1);
  i.level2 = {l2, {line, 2}};
  i.level2_kind = classify_level2(l2);
  i.name = {std::move(name), {line, 3}};
  i.target = parse_value(target).value;
  i.target_at = {line, 4};
  return i;
}

/// A department table built in code: two functions with the same three indicators.
Table department() {
  Table t;
  t.kind = TableKind::department_targets;
  t.header = {{"部门(单位)名称", {"渚源县民政局", {2, 2}}}, {"主管部门", {"渚源县人民政府", {2, 4}}}};
  t.goals = {{1, {"保障基本民生", {3, 2}}, {}}};
  t.functions = {{1, {"社会救助", {4, 1}}}, {2, {"社会福利", {8, 1}}}};
  std::uint32_t line = 5;
  for (int f = 0; f < 2; ++f) {
    t.indicators.push_back(indicator(f, "产出指标", "数量指标", "城市低保", "≥100人次", line++));
    t.indicators.push_back(indicator(f, "效益指标", "可持续影响指标", "持续发挥作用的期限", "≥12个月", line++));
    t.indicators.push_back(indicator(f, "满意度指标", "服务对象满意度指标", "受益群体满意度", "≥90%", line++));
    ++line;
  }
  return t;
}

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  REQUIRE(in);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string replace(std::string s, std::string_view from, std::string_view to) {
  const auto at = s.find(from);
  REQUIRE(at != std::string::npos);
  return s.replace(at, from.size(), to);
}

}  // namespace

TEST_CASE("a file that cannot be opened gets its JX200 and no finding about its (absent) content", "[lint]") {
  const TableRead r = read_table(std::string(JIXIAO_TEST_DATA) + "/no-such-table.tsv");
  const LintReport report = lint(r);
  REQUIRE(report.diagnostics.size() == 1);
  CHECK(report.diagnostics[0].code == "JX200");
}

TEST_CASE("lint's findings name the file the table was read from", "[lint]") {
  const std::string path = kData + "/../../examples/data/civil-affairs-2024-targets.tsv";
  const TableRead r = read_table(path);
  CHECK(r.file_name == path);
  const LintReport report = lint(r);
  REQUIRE_FALSE(report.diagnostics.empty());
  for (const Diagnostic& d : report.diagnostics) CHECK(d.span.file == path);
  LintOptions o;
  o.file_name = "other.tsv";
  const LintReport named = lint(r, o);
  CHECK(std::any_of(named.diagnostics.begin(), named.diagnostics.end(), [](const Diagnostic& d) { return d.span.file == "other.tsv"; }));
}

TEST_CASE("a clean table has no finding", "[lint]") {
  const TableRead r = read(project({"产出指标\t质量指标\t低保资金发放准确率\t≥95%",
                                    "产出指标\t时效指标\t低保金发放时间\t每月25日前",
                                    "产出指标\t成本指标\t人均管理成本\t≤3.5元/人"}));
  REQUIRE(r.diagnostics.empty());
  const LintReport report = lint(r);
  CHECK(report.diagnostics.empty());
  CHECK(report.tree == IndicatorTree::a);
  CHECK(lint(r, *LintOptions::profile("strict")).diagnostics.empty());
  CHECK(lint_table(department()).diagnostics.empty());
}

TEST_CASE("completeness: empty target (JX300), left to the reader's JX210", "[lint]") {
  const TableRead r = read(project({"产出指标\t质量指标\t发放准确率\t"}));
  const LintReport alone = lint_table(r.table);
  REQUIRE(has(alone, "JX300"));
  CHECK(get(alone, "JX300").span.line == 9);
  const LintReport both = lint(r);
  CHECK_FALSE(has(both, "JX300"));
  CHECK(has(both, "JX210"));
  CHECK_FALSE(has(lint_rows({"产出指标\t质量指标\t发放准确率\t≥95%"}), "JX300"));
}

TEST_CASE("completeness: a function without 产出, 效益 or 满意度 (JX301)", "[lint]") {
  const LintReport r = lint_table(read(project({}, false)).table);
  REQUIRE(has(r, "JX301"));
  CHECK(get(r, "JX301").message == "the table has no 满意度指标 indicator");
  CHECK_FALSE(has(lint_rows({}), "JX301"));

  Table t = department();
  t.indicators.erase(t.indicators.begin() + 1);  // 社会救助 loses its only 效益 indicator
  const LintReport d = lint_table(t);
  REQUIRE(codes(d) == std::vector<std::string>{"JX301"});
  CHECK(get(d, "JX301").message == "the core function `社会救助` has no 效益指标 indicator");
  CHECK(get(d, "JX301").span.line == 4);

  // Local trees (决策/过程/产出/效益) are not held to the official categories.
  Table local = department();
  for (Indicator& i : local.indicators)
    if (i.level1_kind == Level1::satisfaction) {
      i.level1 = {"过程", i.level1.at};
      i.level1_kind = classify_level1("过程");
    }
  CHECK_FALSE(has(lint_table(local), "JX301"));
}

TEST_CASE("completeness: a category without indicators (JX302)", "[lint]") {
  Table t = department();
  t.indicators[0].level2 = {};
  t.indicators[0].level2_kind = Level2::unknown;
  Indicator nameless = indicator(1, "产出指标", "成本指标", "", "", 20);
  t.indicators.push_back(nameless);
  const LintReport r = lint_table(t);
  REQUIRE(count(r, "JX302") == 2);
  CHECK(r.diagnostics[0].message == "the level-1 category `产出指标` has no level-2 category (二级指标)");
  CHECK(r.diagnostics[1].message == "the level-2 category `成本指标` has no indicator (三级指标)");
  CHECK_FALSE(has(lint_table(department()), "JX302"));
}

TEST_CASE("completeness: header fields and goals (JX303, JX304)", "[lint]") {
  std::string text = project({});
  text = replace(text, "主管部门\t渚源县人民政府\n", "");
  text = replace(text, "年度目标\t目标1：保障低保对象基本生活。\n", "");
  const LintReport r = lint_table(read(text).table);
  CHECK(get(r, "JX303").message == "the table does not state the supervising department (主管部门)");
  CHECK(has(r, "JX304"));
  CHECK(codes(r).size() == 2);

  // A field written without a value: the reader's JX216 says it, at the same cell.
  const TableRead empty = read(replace(project({}), "主管部门\t渚源县人民政府", "主管部门\t"));
  CHECK(has(lint_table(empty.table), "JX303"));
  const LintReport both = lint(empty);
  CHECK(has(both, "JX216"));
  CHECK_FALSE(has(both, "JX303"));
}

TEST_CASE("values: invalid value (JX310) and placeholders (JX311), not twice", "[lint]") {
  const TableRead r = read(project({"产出指标\t数量指标\t单位自聘人员\t3人/年/6.3",
                                    "产出指标\t质量指标\t苗木成活率(≥**%)\t≥**%"}));
  const LintReport alone = lint_table(r.table);
  CHECK(has(alone, "JX310"));
  CHECK(count(alone, "JX311") == 2);
  const LintReport both = lint(r);
  CHECK_FALSE(has(both, "JX310"));
  CHECK(has(both, "JX103"));
  CHECK(has(both, "JX102"));
  // The placeholder in the name is lint's alone; the one in the target is the reader's JX102.
  REQUIRE(count(both, "JX311") == 1);
  const Diagnostic& p = get(both, "JX311");
  CHECK(p.span.line == 10);
  CHECK(p.span.column == 11 + 7);  // the name starts at column 11; `**` is its 8th code point
  CHECK_FALSE(has(lint_rows({"产出指标\t质量指标\t苗木成活率\t≥95%"}), "JX311"));
}

TEST_CASE("values: float artefact (JX312) and Excel date serial (JX313)", "[lint]") {
  const LintReport r = lint_rows({"产出指标\t质量指标\t抽检合格率\t≥0.0900000762939453%",
                                  "产出指标\t时效指标\t完成时间\t44561"});
  CHECK(get(r, "JX312").span.column == 18);  // the target starts at 17, the number after ≥
  const Diagnostic& serial = get(r, "JX313");
  CHECK(serial.message == "the timeliness target `44561` looks like an Excel date serial (2021年12月31日)");
  CHECK(serial.hint == "write the date itself: 2021年12月31日前");
  const LintReport near = lint_rows({"产出指标\t质量指标\t抽检合格率\t≥0.09%", "产出指标\t数量指标\t受益人数\t≥44561人",
                                     "产出指标\t时效指标\t完成时间\t2021年12月31日前"});
  CHECK_FALSE(has(near, "JX312"));
  CHECK_FALSE(has(near, "JX313"));
}

TEST_CASE("values: a rate above 100% (JX314)", "[lint]") {
  CHECK(has(lint_rows({"产出指标\t质量指标\t资金发放准确率\t≥120%"}), "JX314"));
  CHECK_FALSE(has(lint_rows({"效益指标\t经济效益指标\t农民收入增长率\t≥120%"}), "JX314"));
  CHECK_FALSE(has(lint_rows({"产出指标\t质量指标\t资金发放准确率\t100%"}), "JX314"));
}

TEST_CASE("values: a bare number (JX315) and no comparator (JX316)", "[lint]") {
  const LintReport r = lint_rows({"产出指标\t数量指标\t培训场次\t≥5", "产出指标\t数量指标\t培训人数\t50人"});
  CHECK(get(r, "JX315").span.line == 9);
  const Diagnostic& c = get(r, "JX316");
  CHECK(c.severity == Severity::info);
  CHECK(c.message == "the target `50人` has no comparator; it is scored as at least 50人 (≥50人)");
  // Near misses: rates and units in the name need no unit; ≥, 100% and costs need no comparator.
  const LintReport near = lint_rows({"满意度指标\t服务对象满意度指标\t政策知晓率\t≥95", "产出指标\t数量指标\t造林面积(亩)\t≥500",
                                     "产出指标\t数量指标\t培训人数\t≥50人", "产出指标\t质量指标\t发放准确率\t100%",
                                     "产出指标\t成本指标\t人均成本\t3.5元/人"});
  CHECK_FALSE(has(near, "JX315"));
  CHECK_FALSE(has(near, "JX316"));
}

TEST_CASE("classification: money as a quantity or quality output (JX330)", "[lint]") {
  const LintReport r = lint_rows({"产出指标\t数量指标\t天然气费\t5", "产出指标\t质量指标\t培训单价\t≤300元/人",
                                  "产出指标\t数量指标\t单位自聘人员工资\t3人/年/6.3"});
  REQUIRE(count(r, "JX330") == 3);
  const Diagnostic& gas = r.diagnostics[0];
  CHECK(gas.code == "JX330");
  CHECK(gas.message == "`天然气费` is a cost, not a quantity output (数量指标)");
  CHECK(gas.hint == "move it to 产出指标/成本指标 and give it a unit (元 or 万元)");
  CHECK(gas.span.line == 9);
  CHECK(gas.span.column == 11);
  CHECK(gas.span.length == 4);
  CHECK_FALSE(has(r, "JX315"));  // the hint already asks for the unit
  CHECK(get(r, "JX330").severity == Severity::warning);
  // Counts and rates of money-related things are not money; costs under 成本指标 are in place.
  const LintReport near = lint_rows({"产出指标\t数量指标\t残疾人补贴(以奖代补资金)\t≥37人",
                                     "产出指标\t数量指标\t补助资金发放户数\t≥100户",
                                     "产出指标\t质量指标\t补助资金发放准确率\t≥95%",
                                     "产出指标\t成本指标\t天然气费\t≤5万元"});
  CHECK_FALSE(has(near, "JX330"));
}

TEST_CASE("classification: tree B moves costs to level 1", "[lint]") {
  const std::string cost_l1 = "成本指标\t经济成本指标\t人均管理成本\t≤3.5元/人";
  const LintReport b = lint_rows({cost_l1, "产出指标\t质量指标\t天然气费\t5"});
  CHECK(b.tree == IndicatorTree::b);
  CHECK(get(b, "JX330").hint == "move it to 成本指标/经济成本指标 and give it a unit (元 or 万元)");
  CHECK_FALSE(has(b, "JX333"));
  // A tree-A cost under 产出 in a tree-B table (JX333), and tree B forced on a tree-A table.
  CHECK(has(lint_rows({cost_l1, "产出指标\t成本指标\t办公费\t≤5万元"}), "JX333"));
  LintOptions a;
  a.tree = IndicatorTree::a;
  const LintReport forced = lint_rows({cost_l1}, a);
  CHECK(forced.tree == IndicatorTree::a);
  CHECK(get(forced, "JX333").message ==
        "成本指标 as a level-1 category is tree B (财预〔2021〕101号), but the table follows tree A");
  CHECK(has(lint_rows({"产出指标\t成本指标\t办公费\t≤5万元"}, *LintOptions::profile("tree_b")), "JX333"));
  CHECK_FALSE(has(lint_rows({"产出指标\t成本指标\t办公费\t≤5万元"}), "JX333"));
  // Tree B expects a cost indicator in every function (JX301).
  CHECK(get(lint_table(department(), *LintOptions::profile("tree_b")), "JX301").message ==
        "the core function `社会救助` has no 成本指标 indicator");
}

TEST_CASE("classification: a count under 质量 (JX331), a rate under 数量 (JX335)", "[lint]") {
  const LintReport r = lint_rows({"产出指标\t质量指标\t培训人次\t≥200人", "产出指标\t数量指标\t补助发放率\t100%"});
  CHECK(get(r, "JX331").message == "`培训人次` counts 人 (≥200人): a quantity, not a quality output (质量指标)");
  CHECK(get(r, "JX335").severity == Severity::info);
  const LintReport near = lint_rows({"产出指标\t质量指标\t培训合格率\t≥95%", "产出指标\t数量指标\t培训人次\t≥200人",
                                     "产出指标\t时效指标\t发放周期\t≤1个月"});
  CHECK_FALSE(has(near, "JX331"));
  CHECK_FALSE(has(near, "JX335"));
}

TEST_CASE("classification: a level 2 under the wrong level 1 (JX332)", "[lint]") {
  Table t = department();
  t.indicators[0].level2 = {"社会效益指标", {5, 2}};
  t.indicators[0].level2_kind = Level2::social_benefit;
  const LintReport r = lint_table(t);
  CHECK(get(r, "JX332").message == "`社会效益指标` belongs under 效益指标, not under `产出指标`");
  CHECK(get(r, "JX332").span.line == 5);
  // The reader puts a stray 社会效益指标 under 效益 itself (JX213): nothing for lint to add.
  CHECK_FALSE(has(lint_rows({"\t社会效益指标\t生活质量\t稳步提升"}), "JX332"));
}

TEST_CASE("classification: inputs stated as outcomes (JX334)", "[lint]") {
  const LintReport r = lint_rows({"效益指标\t社会效益指标\t资金到位率\t100%", "效益指标\t社会效益指标\t资金按时发放率\t100%"});
  CHECK(count(r, "JX334") == 2);
  const LintReport near = lint_rows({"产出指标\t时效指标\t资金按时发放率\t100%",
                                     "效益指标\t社会效益指标\t受助对象生活水平\t稳步提升"});
  CHECK_FALSE(has(near, "JX334"));
}

TEST_CASE("consistency: the same indicator twice (JX350)", "[lint]") {
  const LintReport r = lint_rows({"产出指标\t数量指标\t城市低保保障人次\t≥10000人次"});
  CHECK(get(r, "JX350").message == "`城市低保保障人次` is listed twice (first at line 6)");
  CHECK(get(r, "JX350").span.line == 9);
  // The same name in two functions is the boilerplate case, not a repeat.
  CHECK_FALSE(has(lint_table(department()), "JX350"));
}

TEST_CASE("consistency: a number in the name (JX351, JX352)", "[lint]") {
  const LintReport r = lint_rows({"产出指标\t数量指标\t8个社区日间照料中心\t≥9个",
                                  "产出指标\t时效指标\t补助标准：3000元/具\t依据政策文件规定标准值",
                                  "产出指标\t数量指标\t冬季取暖用煤140吨\t≤1300元/吨"});
  CHECK(get(r, "JX351").message == "the name says 8个 but the target is `≥9个`");
  CHECK(get(r, "JX351").span.line == 9);
  REQUIRE(count(r, "JX352") == 2);
  CHECK(get(r, "JX352").message ==
        "the name `补助标准：3000元/具` states 3000元/具, which the target `依据政策文件规定标准值` does not");
  const LintReport near = lint_rows({"产出指标\t数量指标\t91个农村老年之家\t≥91个",
                                     "产出指标\t数量指标\t为8个社区发放工资\t100%",
                                     "产出指标\t时效指标\t2024年补助发放\t2024年12月底前",
                                     "产出指标\t数量指标\tG20会议保障\t≥3次"});
  CHECK_FALSE(has(near, "JX351"));
  CHECK_FALSE(has(near, "JX352"));
}

TEST_CASE("consistency: boilerplate with different targets across functions (JX353)", "[lint]") {
  Table t = department();
  t.indicators[4].target = parse_value("≥6个月").value;
  const LintReport r = lint_table(t);
  REQUIRE(codes(r) == std::vector<std::string>{"JX353"});
  CHECK(r.diagnostics[0].severity == Severity::info);
  CHECK(r.diagnostics[0].message == "`持续发挥作用的期限` has the target `≥6个月` here but `≥12个月` in `社会救助`");
  CHECK(r.diagnostics[0].span.line == 10);
}

TEST_CASE("satisfaction: not a percentage, 100%, below 80% (JX370–JX372)", "[lint]") {
  const auto sat = [](const std::string& target) {
    return lint_table(read(project({"满意度指标\t服务对象满意度指标\t群众满意度\t" + target})).table);
  };
  CHECK(has(sat("满意"), "JX370"));
  CHECK(has(sat("≥90人"), "JX370"));
  CHECK(has(sat("100%"), "JX371"));
  CHECK(has(sat("≥100%"), "JX371"));
  CHECK(get(sat("≥70%"), "JX372").severity == Severity::info);
  for (const char* fine : {"≥95%", "≥80%", "90%以上"}) {
    const LintReport r = sat(fine);
    CHECK_FALSE(has(r, "JX370"));
    CHECK_FALSE(has(r, "JX371"));
    CHECK_FALSE(has(r, "JX372"));
  }
}

TEST_CASE("self-evaluation: weights, scores, actuals and published scores (JX380–JX385)", "[lint]") {
  const std::string base = slurp(kData + "/tables/self-evaluation.tsv");
  CHECK(lint_table(read(base).table).diagnostics.empty());

  // 产出 40 and 满意度 20 instead of 50 and 10: the totals still add up.
  std::string moved = replace(base, "低保金发放时间\t每月25日前\t每月25日前发放\t10\t10", "低保金发放时间\t每月25日前\t每月25日前发放\t0\t0");
  moved = replace(moved, "低保对象满意度\t≥95%\t96.5%\t10\t10", "低保对象满意度\t≥95%\t96.5%\t20\t20");
  const LintReport m = lint_table(read(moved).table);
  CHECK(count(m, "JX382") == 2);
  CHECK_FALSE(has(m, "JX380"));

  std::string bad = replace(base, "城市低保保障人次\t≥10141人次\t10230人次\t10\t10", "城市低保保障人次\t≥10141人次\t≥10141人次\t20\t22");
  const LintReport r = lint_table(read(bad).table);
  CHECK(get(r, "JX380").message == "the level-3 weights add up to 100, not the policy's 90 (mof2020: 产出+效益+满意度)");
  CHECK(has(r, "JX381"));
  CHECK(get(r, "JX383").span.line == 13);
  CHECK(get(r, "JX384").message.find("`≥10141人次`") != std::string::npos);
  CHECK(has(r, "JX385"));

  const LintReport d = lint_table(read(slurp(kData + "/tables/self-evaluation-deviating.tsv")).table);
  CHECK(codes(d) == std::vector<std::string>{"JX385", "JX385", "JX385"});
  CHECK(d.diagnostics[0].span.line == 6);  // 预算执行率, on the budget block's first line
  CHECK(d.diagnostics[1].message.rfind("the published score 7 of `城市低保保障人次` differs from the rule score 10 (", 0) == 0);
  CHECK(d.diagnostics[1].span.line == 13);

  // Target tables are not scored.
  CHECK_FALSE(has(lint_table(read(project({})).table), "JX385"));
}

TEST_CASE("self-evaluation after actuals: a finding names the file its cell is in", "[lint]") {
  // The actuals file gives 城市低保保障人次 an actual with a comparator (JX384) and a score above
  // its weight (JX383, JX385); the table's own 农村低保保障人次 has a score above its weight too.
  const std::string base = replace(slurp(kData + "/tables/self-evaluation.tsv"),
                                   "农村低保保障人次\t≥24671人次\t24702人次\t10\t10", "农村低保保障人次\t≥24671人次\t24702人次\t10\t11");
  ReadOptions a;
  a.file_name = "actuals.csv";
  const ActualsRead m =
      apply_actuals_text(read(base).table, "三级指标,实际完成值,得分\n城市低保保障人次,≥10230人次,12\n", a);
  REQUIRE(m.applied == 1);
  LintOptions o;
  o.file_name = "self.tsv";
  const LintReport r = lint_table(m.table, o);
  const auto at = [&](std::string_view code, std::uint32_t line) -> const Diagnostic& {
    for (const Diagnostic& d : r.diagnostics)
      if (d.code == code && d.span.line == line) return d;
    FAIL("no " << code << " on line " << line);
    throw;  // not reached
  };
  CHECK(at("JX384", 2).span.file == "actuals.csv");
  CHECK(at("JX384", 2).span.column == 10);
  CHECK(at("JX383", 2).span.file == "actuals.csv");
  CHECK(at("JX385", 2).span.file == "actuals.csv");
  CHECK(at("JX383", 14).span.file == "self.tsv");  // the table's own score cell

  SECTION("a budget row the file gave to a table without one") {
    const ActualsRead t = apply_actuals_text(read(project({})).table,
                                             "三级指标,全年预算数,全年执行数,分值,得分\n预算执行率,300,200,10,12\n", a);
    REQUIRE(t.table.budget.size() == 1);
    const LintReport b = lint_table(t.table, o);
    CHECK(get(b, "JX383").span.file == "actuals.csv");
    CHECK(get(b, "JX385").span.file == "actuals.csv");
  }
}

TEST_CASE("options: disable, re-grade, strict", "[lint]") {
  const std::vector<std::string> rows = {"产出指标\t数量指标\t培训人数\t50人", "产出指标\t数量指标\t天然气费\t5"};
  LintOptions o;
  o.disabled.insert("JX330");
  o.severity["JX316"] = Severity::error;
  const LintReport r = lint_rows(rows, o);
  CHECK_FALSE(has(r, "JX330"));
  CHECK(get(r, "JX316").severity == Severity::error);
  CHECK(has(r, "JX315"));  // with JX330 off, the bare number is reported on its own
  CHECK(r.any_at_least(Severity::error));
  CHECK(r.count(Severity::error) == 1);

  const LintReport strict = lint_rows(rows, *LintOptions::profile("strict"));
  CHECK(get(strict, "JX316").severity == Severity::warning);
  CHECK(strict.count(Severity::info) == 0);

  // Disabling and re-grading apply to the reader's codes too, in lint(TableRead).
  const TableRead sample = read_table(kData + "/../../examples/data/civil-affairs-2024-targets.tsv");
  LintOptions quiet;
  quiet.disabled = {"JX103", "JX211"};
  quiet.severity["JX210"] = Severity::error;
  const LintReport s = lint(sample, quiet);
  CHECK_FALSE(has(s, "JX103"));
  CHECK_FALSE(has(s, "JX211"));
  CHECK(get(s, "JX210").severity == Severity::error);

  CHECK_FALSE(LintOptions::profile("lenient"));
  CHECK(LintOptions::profile("tree_a")->tree == IndicatorTree::a);
}

TEST_CASE("the sample: findings sorted by position, file named, none on the clean rows", "[lint]") {
  const std::string path = kData + "/../../examples/data/civil-affairs-2024-targets.tsv";
  LintOptions o;
  o.file_name = path;
  const LintReport r = lint(read_table(path), o);
  CHECK(std::is_sorted(r.diagnostics.begin(), r.diagnostics.end(), [](const Diagnostic& a, const Diagnostic& b) {
    return a.span.line < b.span.line || (a.span.line == b.span.line && a.span.column < b.span.column);
  }));
  for (const Diagnostic& d : r.diagnostics) {
    CHECK(d.span.file == path);
    // 社会救助's output block and 社会福利's quantities (lines 12–33) are clean but for the
    // one satisfaction target of 100% (line 26).
    if (d.span.line >= 12 && d.span.line <= 33) CHECK((d.code == "JX371" && d.span.line == 26));
  }
  CHECK(r.count(Severity::error) == 2);  // the reader's two JX103
}

TEST_CASE("the catalogue: stable codes in family ranges, documented", "[lint]") {
  const std::vector<LintRule>& rules = lint_rules();
  REQUIRE(rules.size() >= 30);
  const std::string doc = slurp(kData + "/../../docs/rules.md");
  const std::string diagnostics = slurp(kData + "/../../docs/diagnostics.md");
  for (std::size_t k = 0; k < rules.size(); ++k) {
    const LintRule& r = rules[k];
    INFO(r.code);
    if (k) CHECK(rules[k - 1].code < r.code);
    const int n = std::stoi(std::string(r.code.substr(2)));
    const std::pair<int, int> range = r.family == RuleFamily::completeness     ? std::pair{300, 309}
                                      : r.family == RuleFamily::value          ? std::pair{310, 329}
                                      : r.family == RuleFamily::classification ? std::pair{330, 349}
                                      : r.family == RuleFamily::consistency    ? std::pair{350, 369}
                                      : r.family == RuleFamily::satisfaction   ? std::pair{370, 379}
                                                                               : std::pair{380, 399};
    CHECK(n >= range.first);
    CHECK(n <= range.second);
    CHECK_FALSE(r.title_zh.empty());
    CHECK_FALSE(r.title_en.empty());
    CHECK_FALSE(r.hint.empty());
    CHECK(find_lint_rule(r.code) == &r);
    CHECK(doc.find("### " + std::string(r.code)) != std::string::npos);
  }
  CHECK(find_lint_rule("JX103") == nullptr);
  CHECK(diagnostics.find("docs/rules.md") != std::string::npos);
}
