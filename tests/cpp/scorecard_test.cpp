// jixiao: budget performance management (预算绩效管理) for C++ and Python.
// SPDX-License-Identifier: MIT
//
// A self-evaluation table scored whole: the test table's rule scores computed by hand, weights
// distributed when the table gives none, weights that do not add up, published figures that
// differ from the rules, and the Hubei policy.
#include <catch2/catch.hpp>

#include <jixiao/read.hpp>
#include <jixiao/scorecard.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

using namespace jixiao;

namespace {

constexpr double NaN = std::numeric_limits<double>::quiet_NaN();
const std::string kTables = std::string(JIXIAO_TEST_DATA) + "/tables/";

Table self_evaluation() {
  const TableRead read = read_table(kTables + "self-evaluation.tsv");
  REQUIRE(read.ok());
  return read.table;
}

std::size_t count(const Scorecard& c, std::string_view code) {
  return static_cast<std::size_t>(std::count_if(c.diagnostics.begin(), c.diagnostics.end(),
                                                [&](const Diagnostic& d) { return d.code == code; }));
}

const Diagnostic* find(const Scorecard& c, std::string_view code) {
  for (const Diagnostic& d : c.diagnostics)
    if (d.code == code) return &d;
  return nullptr;
}

const Subtotal* subtotal(const Scorecard& c, SubtotalLevel level, std::string_view l1, std::string_view l2 = {}) {
  for (const Subtotal& s : c.subtotals)
    if (s.level == level && s.level1 == l1 && s.level2 == l2) return &s;
  return nullptr;
}

Indicator row(std::string_view l1, std::string_view l2, std::string_view name, std::string_view target,
              std::string_view actual, double weight = NaN, double published = NaN) {
  Indicator i;
  i.level1.text = std::string(l1);
  i.level1_kind = classify_level1(l1);
  i.level2.text = std::string(l2);
  i.level2_kind = classify_level2(l2);
  i.name.text = std::string(name);
  i.target = parse_value(target).value;
  i.actual = parse_value(actual).value;
  i.weight = weight;
  i.score = published;
  return i;
}

/// A small table without weights: 产出 (数量 ×2, 质量 ×1), 效益 (社会效益 ×1), budget 100 / 90.
Table unweighted() {
  Table t;
  t.kind = TableKind::self_evaluation;
  t.indicators = {
      row("产出指标", "数量指标", "a", "≥100人", "100人"),
      row("产出指标", "数量指标", "b", "≥100人", "50人"),
      row("产出指标", "质量指标", "c", "≥95%", "95%"),
      row("效益指标", "社会效益指标", "d", "稳步提升", "稳步提升"),
  };
  BudgetLine b;
  b.full_year = 100;
  b.executed = 90;
  t.budget.push_back(b);
  return t;
}

}  // namespace

// subtotals_at hands out pointers into the card: not on a temporary one.
template <class T, class = void>
struct has_subtotals_at : std::false_type {};
template <class T>
struct has_subtotals_at<T, std::void_t<decltype(std::declval<T>().subtotals_at(SubtotalLevel::level1))>>
    : std::true_type {};
static_assert(has_subtotals_at<const Scorecard&>::value && !has_subtotals_at<Scorecard&&>::value);

TEST_CASE("the self-evaluation test table scored by hand", "[scorecard]") {
  const Table t = self_evaluation();
  const Scorecard c = score_table(t);
  REQUIRE(c.rows.size() == 8);
  CHECK_FALSE(c.weights_distributed);
  // Hand-computed from the table's target, actual and weight columns.
  const double want[] = {
      10,     // 10230 ≥ 10141人次
      10,     // 24702 ≥ 24671人次
      9.05,   // 8120 / 8973 × 10 = 9.0493… → 9.05
      10,     // 100% = 100%
      10,     // 每月25日前发放 against 每月25日前: the same monthly deadline, on time
      15,     // 稳步提升 repeats the target: 达成, published 15 inside [12, 15] and kept
      15,     // 12个月 ≥ 12个月
      10,     // 96.5% ≥ 95%
  };
  for (std::size_t k = 0; k < 8; ++k) {
    INFO(t.indicators[k].name.text << ": " << c.rows[k].score.explanation_zh);
    CHECK(c.rows[k].indicator == k);
    CHECK(c.rows[k].weight_source == WeightSource::table);
    CHECK(c.rows[k].score.score == want[k]);
    CHECK(c.rows[k].score.published == t.indicators[k].score);  // kept, never overwritten
  }
  CHECK(c.rows[0].score.explanation_zh == "10230人次 / ≥10141人次 → 10.00 / 10 (超额完成, 以满分计)");
  CHECK(c.indicator_weight == 90);
  CHECK(c.indicator_score == 89.05);
  CHECK(c.unscored == 0);

  // Budget: min(1287.45 / 1350, 1) × 10 = 9.5366… → 9.54.
  CHECK(c.budget.method == ScoreMethod::budget);
  CHECK(c.budget.ratio == Approx(1287.45 / 1350));
  CHECK(c.budget.weight == 10);
  CHECK(c.budget.score == 9.54);
  CHECK(c.budget.published == 9.54);

  CHECK(c.total_weight == 100);
  CHECK(c.total == 98.59);
  REQUIRE(c.grade);
  CHECK(*c.grade == Grade::excellent);
  CHECK(c.published_total == 98.59);
  CHECK(c.published_grade == "优");

  SECTION("subtotals are sums of the rounded leaves") {
    CHECK(c.subtotals_at(SubtotalLevel::level2).size() == 6);
    CHECK(c.subtotals_at(SubtotalLevel::level1).size() == 3);
    CHECK(c.subtotals_at(SubtotalLevel::function).empty());  // a project table has no functions
    const Subtotal* quantity = subtotal(c, SubtotalLevel::level2, "产出指标", "数量指标");
    REQUIRE(quantity);
    CHECK(quantity->score == 29.05);
    CHECK(quantity->weight == 30);
    CHECK(quantity->published == 29.05);
    CHECK(quantity->indicators == 3);
    const Subtotal* output = subtotal(c, SubtotalLevel::level1, "产出指标");
    REQUIRE(output);
    CHECK(output->score == 49.05);
    CHECK(output->weight == 50);
    CHECK(subtotal(c, SubtotalLevel::level1, "效益指标")->score == 30);
    CHECK(subtotal(c, SubtotalLevel::level1, "满意度指标")->score == 10);
  }

  SECTION("every published score agrees with the rules; weights add up; nothing to report") {
    CHECK(c.differences.empty());
    for (const char* code : {"JX420", "JX421", "JX422", "JX423", "JX426", "JX428"}) {
      INFO(code);
      CHECK(count(c, code) == 0);
    }
    CHECK(c.ok());
  }
}

TEST_CASE("a published score is the rule's when they agree at the policy's decimals", "[scorecard]") {
  Table t = self_evaluation();
  t.indicators[2].score = 9.3;  // the rule gives 9.05 at 2 decimals, 9 at 0
  ScoringPolicy whole = ScoringPolicy::mof2020();
  whole.decimals = 0;
  const Scorecard at0 = score_table(t, whole);
  CHECK(std::none_of(at0.differences.begin(), at0.differences.end(), [](const ScoreDifference& d) { return d.indicator == 2; }));
  const Scorecard at2 = score_table(t);
  CHECK(std::any_of(at2.differences.begin(), at2.differences.end(), [](const ScoreDifference& d) { return d.indicator == 2; }));
}

TEST_CASE("a rejected weight is left out of the level-1 check too", "[scorecard]") {
  Table t = self_evaluation();
  t.indicators[0].weight = -10;  // JX407: 产出 weighs 40 of its 50
  const Scorecard c = score_table(t);
  CHECK(count(c, "JX407") == 1);
  const Diagnostic* d = find(c, "JX427");
  REQUIRE(d != nullptr);
  CHECK(d->message.find("add up to 40") != std::string::npos);
}

TEST_CASE("published scores that differ from the rules are listed, never overwritten", "[scorecard]") {
  SECTION("the deviating copy of the test table") {
    const TableRead read = read_table(kTables + "self-evaluation-deviating.tsv");
    const Scorecard c = score_table(read.table);
    REQUIRE(c.differences.size() == 3);
    CHECK(c.differences[0].indicator == 0);  // a met target scored 7
    CHECK(c.differences[0].name == "城市低保保障人次");
    CHECK(c.differences[0].published == 7);
    CHECK(c.differences[0].rule == 10);
    CHECK(c.differences[0].difference == -3);
    CHECK(c.differences[1].indicator == 2);  // a missed target given full marks
    CHECK(c.differences[1].published == 10);
    CHECK(c.differences[1].rule == 9.05);
    CHECK(c.differences[1].difference == 0.95);
    CHECK(c.differences[2].indicator == ScoreDifference::budget_row);
    CHECK(c.differences[2].name == "预算执行率");
    CHECK(c.differences[2].published == 10);
    CHECK(c.differences[2].rule == 9.54);
    CHECK(c.differences[2].difference == 0.46);
    CHECK(c.rows[0].score.published == 7);  // kept beside
    CHECK(c.total == 98.59);                // the rule total does not move
    // The published scores add up to 97 but the table says 98.59.
    const Diagnostic* d = find(c, "JX422");
    REQUIRE(d);
    CHECK(d->severity == Severity::warning);
    CHECK(d->message.find("98.59") != std::string::npos);
    CHECK(d->message.find("97") != std::string::npos);
    CHECK(d->span.line == 21);
  }

  SECTION("a difference of 0.005 or less is rounding") {
    Table t = self_evaluation();
    t.indicators[2].score = 9.045;
    t.totals.score = 98.585;
    CHECK(score_table(t).differences.empty());
    t.indicators[2].score = 9.04;
    t.totals.score = 98.58;
    const Scorecard c = score_table(t);
    REQUIRE(c.differences.size() == 1);
    CHECK(c.differences[0].difference == -0.01);
  }

  SECTION("a published grade that the rule total does not reach") {
    Table t = self_evaluation();
    t.indicators[2].actual = parse_value("0人次").value;  // 0 of 10: rule total 98.59 − 9.05 = 89.54
    const Scorecard c = score_table(t);
    CHECK(c.total == 89.54);
    REQUIRE(c.grade);
    CHECK(*c.grade == Grade::good);
    CHECK(c.published_grade == "优");  // kept
    const Diagnostic* d = find(c, "JX423");
    REQUIRE(d);
    CHECK(d->message.find("89.54") != std::string::npos);
    CHECK(d->message.find("良") != std::string::npos);
    REQUIRE(c.differences.size() == 1);
    CHECK(c.differences[0].difference == 9.05);
    CHECK(count(c, "JX422") == 0);  // the published figures still add up among themselves
  }

  SECTION("a published score on a row the rules cannot score") {
    Table t = self_evaluation();
    t.indicators[3].actual = Value{};  // no actual value
    const Scorecard c = score_table(t);
    CHECK(count(c, "JX401") == 1);
    CHECK(count(c, "JX428") == 1);
    CHECK(c.unscored == 1);
    CHECK(c.total == 88.59);  // counted 0
    CHECK(subtotal(c, SubtotalLevel::level2, "产出指标", "质量指标")->unscored == 1);
    REQUIRE(c.differences.size() == 1);
    CHECK(c.differences[0].indicator == 3);
    CHECK(std::isnan(c.differences[0].rule));
    CHECK(std::isnan(c.differences[0].difference));
    CHECK_FALSE(c.ok());
  }
}

TEST_CASE("weights distributed from the policy when the table gives none", "[scorecard]") {
  SECTION("without satisfaction: 产出 56.25 and 效益 33.75, equally over level 2, then rows") {
    const Scorecard c = score_table(unweighted());
    CHECK(c.weights_distributed);
    CHECK(count(c, "JX424") == 1);
    REQUIRE(c.rows.size() == 4);
    CHECK(c.rows[0].weight_source == WeightSource::policy);
    CHECK(c.rows[0].score.weight == 56.25 / 2 / 2);  // 14.0625: 数量 is one of 2 groups, 2 rows
    CHECK(c.rows[1].score.weight == 56.25 / 2 / 2);
    CHECK(c.rows[2].score.weight == 56.25 / 2);      // 28.125: 质量 alone in its group
    CHECK(c.rows[3].score.weight == 33.75);          // 社会效益 alone under 效益
    CHECK(c.rows[0].score.score == 14.06);           // 14.0625 rounded half-up
    CHECK(c.rows[1].score.score == 7.03);            // 50 / 100 × 14.0625 = 7.03125
    CHECK(c.rows[2].score.score == 28.13);           // 28.125
    CHECK(c.rows[3].score.score == 33.75);
    CHECK(c.indicator_weight == 90);
    CHECK(c.indicator_score == 14.06 + 7.03 + 28.13 + 33.75);
    CHECK(c.budget.weight == 10);  // the table gives none: the policy's
    CHECK(c.budget.score == 9);
    CHECK(c.total == 91.97);  // 82.97 + 9
    CHECK(count(c, "JX420") == 0);
    CHECK(count(c, "JX421") == 0);
  }

  SECTION("with satisfaction: 50 / 30 / 10") {
    Table t = unweighted();
    t.indicators.push_back(row("满意度指标", "服务对象满意度指标", "e", "≥90%", "95%"));
    const Scorecard c = score_table(t);
    CHECK(c.rows[0].score.weight == 12.5);
    CHECK(c.rows[2].score.weight == 25);
    CHECK(c.rows[3].score.weight == 30);
    CHECK(c.rows[4].score.weight == 10);
    CHECK(c.indicator_weight == 90);
  }

  SECTION("a level 1 without a policy weight is reported and not scored") {
    Table t = unweighted();
    t.indicators.push_back(row("成本指标", "经济成本指标", "f", "≤100万元", "90万元"));
    const Scorecard c = score_table(t);
    CHECK(count(c, "JX425") == 1);
    CHECK(c.rows[4].weight_source == WeightSource::none);
    CHECK_FALSE(c.rows[4].score.scored());
    CHECK(c.unscored == 1);
  }

  SECTION("groups are per function: the same level 2 in two functions is two groups") {
    Table t = unweighted();
    t.functions = {CoreFunction{1, {"甲", {}}}, CoreFunction{2, {"乙", {}}}};
    for (Indicator& i : t.indicators) i.function = 0;
    t.indicators[1].function = 1;  // 数量 of function 乙
    const Scorecard c = score_table(t);
    // 产出 groups: (甲, 数量), (乙, 数量), (甲, 质量): 56.25 / 3 each.
    CHECK(c.rows[0].score.weight == Approx(18.75));
    CHECK(c.rows[1].score.weight == Approx(18.75));
    CHECK(c.rows[2].score.weight == Approx(18.75));
    const auto functions = c.subtotals_at(SubtotalLevel::function);
    REQUIRE(functions.size() == 2);
    CHECK(functions[0]->function == 0);
    CHECK(functions[0]->weight == 18.75 + 18.75 + 33.75);
    CHECK(functions[1]->weight == 18.75);
  }
}

TEST_CASE("weights that do not add up are accepted and reported", "[scorecard]") {
  Table t = self_evaluation();
  t.indicators[0].weight = 20;  // level 3 now 100, with the budget 110
  const Scorecard c = score_table(t);
  const Diagnostic* level3 = find(c, "JX420");
  REQUIRE(level3);
  CHECK(level3->severity == Severity::warning);
  CHECK(level3->message.find("100") != std::string::npos);
  CHECK(level3->message.find("90") != std::string::npos);
  const Diagnostic* all = find(c, "JX421");
  REQUIRE(all);
  CHECK(all->message.find("110") != std::string::npos);
  CHECK(c.rows[0].score.score == 20);  // scored out of the weight as given
  CHECK(c.total_weight == 110);
  CHECK(c.total == 108.59);
  const Diagnostic* output = find(c, "JX427");  // and 产出 is 60 of its 50
  REQUIRE(output);
  CHECK(output->message == "the 产出指标 weights add up to 60, not the policy's 50 (mof2020)");
  CHECK(output->span.line == 13);
  CHECK(count(c, "JX427") == 1);
}

TEST_CASE("level-1 weights are checked against their parent even when the total is right", "[scorecard]") {
  Table t = self_evaluation();
  for (int k = 0; k < 5; ++k) t.indicators[static_cast<std::size_t>(k)].weight = 8;  // 产出 40
  t.indicators[5].weight = 20;                                                     // 效益 20 + 20 = 40
  t.indicators[6].weight = 20;
  const Scorecard c = score_table(t);
  CHECK(count(c, "JX420") == 0);  // 40 + 40 + 10 = 90
  REQUIRE(count(c, "JX427") == 2);
  CHECK(find(c, "JX427")->message == "the 产出指标 weights add up to 40, not the policy's 50 (mof2020)");
  // Under Hubei 效益 and 满意度 share one parent: 40 + 10 = 50, not 40.
  const Scorecard h = score_table(t, ScoringPolicy::hubei());
  bool shared = false;
  for (const Diagnostic& d : h.diagnostics)
    shared = shared || d.message == "the 效益指标+满意度指标 weights add up to 50, not the policy's 40 (hubei)";
  CHECK(shared);
}

TEST_CASE("no budget block: the budget row is not scored", "[scorecard]") {
  Table t = self_evaluation();
  t.budget.clear();
  const Scorecard c = score_table(t);
  CHECK(count(c, "JX426") == 1);
  CHECK_FALSE(c.budget.scored());
  CHECK(c.total == 89.05);
  CHECK(c.total_weight == 100);
}

TEST_CASE("a table without indicators is an error, not a poor score", "[scorecard]") {
  const Scorecard empty = score_table(Table{});
  CHECK(count(empty, "JX430") == 1);
  CHECK(find(empty, "JX430")->severity == Severity::error);
  CHECK_FALSE(empty.ok());
  CHECK(count(score_table(self_evaluation()), "JX430") == 0);
}

TEST_CASE("the Hubei policy: indicator total 80, budget 20, no grade", "[scorecard]") {
  SECTION("the test table's own weights are kept and checked against 80") {
    const Scorecard c = score_table(self_evaluation(), ScoringPolicy::hubei());
    CHECK(c.policy.name == "hubei");
    CHECK(c.indicator_score == 89.05);
    CHECK(c.budget.weight == 10);  // the table's, not the policy's 20
    CHECK(c.total == 98.59);
    CHECK_FALSE(c.grade);
    CHECK(count(c, "JX423") == 0);  // no grade to compare with
    const Diagnostic* d = find(c, "JX420");
    REQUIRE(d);
    CHECK(d->message.find("80") != std::string::npos);
    CHECK(count(c, "JX421") == 0);  // 90 + 10 is still 100
  }

  SECTION("distributed: 产出 40; 效益 and 满意度 share 40; budget 20") {
    Table t = unweighted();
    t.indicators.push_back(row("满意度指标", "服务对象满意度指标", "e", "≥90%", "95%"));
    const Scorecard c = score_table(t, ScoringPolicy::hubei());
    CHECK(c.rows[0].score.weight == 10);  // 40 / 2 groups / 2 rows
    CHECK(c.rows[2].score.weight == 20);
    CHECK(c.rows[3].score.weight == 20);  // 社会效益 and 满意度: two groups of the shared 40
    CHECK(c.rows[4].score.weight == 20);
    CHECK(c.indicator_weight == 80);
    CHECK(c.budget.weight == 20);
    CHECK(c.budget.score == 18);
    CHECK(c.total_weight == 100);
    CHECK(count(c, "JX420") == 0);
  }
}

TEST_CASE("recurring deadlines compare with dates that recur alike", "[scorecard][score]") {
  // The bug this fixed: 每月25日前 / 每月25日前发放 in the test table was JX415, not scored.
  const auto s = [](std::string_view target, std::string_view actual) {
    Indicator i;
    i.target = parse_value(target).value;
    i.actual = parse_value(actual).value;
    return score_indicator(i, 10, ScoringPolicy::mof2020());
  };
  CHECK(s("每月25日前", "每月25日前发放").score == 10);
  CHECK(s("每月25日前", "每月20日前").score == 10);
  CHECK(s("每月25日前", "每月28日").score == 0);
  CHECK(s("每月25日前", "每月底").score == 0);
  CHECK(s("每年12月底前", "每年12月20日").score == 10);
  const IndicatorScore single = s("每月25日前", "2023年12月20日");  // still not comparable
  CHECK_FALSE(single.scored());
  REQUIRE_FALSE(single.diagnostics.empty());
  CHECK(single.diagnostics.back().code == "JX415");
}
