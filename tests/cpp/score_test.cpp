// jixiao: budget performance management (预算绩效管理) for C++ and Python.
// SPDX-License-Identifier: MIT
//
// Scoring by the rules of domain.md §4: every branch of score_indicator with hand-computed
// numbers, the budget row, rounding, grades, policy presets and the JSON policy format.
#include <catch2/catch.hpp>

#include <jixiao/score.hpp>

#include <jixiao/detail/utf8.hpp>

#include <cmath>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

using namespace jixiao;

namespace {

constexpr double NaN = std::numeric_limits<double>::quiet_NaN();

Indicator row(std::string_view target, std::string_view actual, double published = NaN) {
  Indicator i;
  i.target = parse_value(target).value;
  i.actual = parse_value(actual).value;
  i.score = published;
  return i;
}

IndicatorScore score(std::string_view target, std::string_view actual, double weight = 10,
                     const ScoringPolicy& policy = ScoringPolicy::mof2020()) {
  return score_indicator(row(target, actual), weight, policy);
}

ScoringPolicy with_reverse(ReverseRule r) {
  ScoringPolicy p;
  p.reverse = r;
  return p;
}

std::vector<std::string> codes(const IndicatorScore& s) {
  std::vector<std::string> out;
  for (const auto& d : s.diagnostics) out.push_back(d.code);
  return out;
}

std::vector<std::string> codes(const PolicyParse& p) {
  std::vector<std::string> out;
  for (const auto& d : p.diagnostics) out.push_back(d.code);
  return out;
}

using Codes = std::vector<std::string>;

}  // namespace

// ---------------------------------------------------------------------------------------------
// Higher is better

TEST_CASE("higher is better: met, missed, exceeded", "[score]") {
  SECTION("missed: w × A / T, with both explanations") {
    const auto s = score("≥100%", "98%");
    CHECK(s.method == ScoreMethod::higher_is_better);
    CHECK(s.score == 9.8);
    CHECK(s.ratio == Approx(0.98));
    CHECK(s.direction == Direction::higher_is_better);
    CHECK(s.direction_source == DirectionSource::comparator);
    CHECK(s.explanation_zh == "98% / ≥100% → 9.80 / 10 (按比例)");
    CHECK(s.explanation_en == "98% of target ≥100% → 9.80 of 10 (proportional)");
    CHECK(s.diagnostics.empty());
    CHECK(s.scored());
  }
  SECTION("met exactly") {
    const auto s = score("≥95%", "95%");
    CHECK(s.score == 10);
    CHECK(s.explanation_en == "95% of target ≥95% → 10.00 of 10 (met)");
    CHECK(s.explanation_zh == "95% / ≥95% → 10.00 / 10 (达到目标)");
  }
  SECTION("exceeded: capped at w") {
    const auto s = score("≥95%", "120%");
    CHECK(s.score == 10);
    CHECK(s.ratio == Approx(120.0 / 95));
    CHECK(s.explanation_en == "120% of target ≥95% → 10.00 of 10 (exceeded, capped at full marks)");
  }
  SECTION("no comparator reads as at least") {
    const auto s = score("100%", "80%");
    CHECK(s.score == 8);
    CHECK(s.direction_source == DirectionSource::implicit);
  }
  SECTION("> as ≥") { CHECK(score(">50人", "50人").score == 10); }
  SECTION("target 0 with ≥: full marks when A ≥ 0") {
    CHECK(score("≥0", "0").score == 10);
    CHECK(score("≥0个", "3个").score == 10);
  }
  SECTION("万元 against 元: values already normalised") {
    CHECK(score("≥200万元", "1800000元").score == 9);
    CHECK(score("≥200万元", "180万元", 7.5).score == 6.75);
  }
  SECTION("published score is kept beside, never used for numbers") {
    const auto s = score_indicator(row("≥100%", "98%", 7), 10, ScoringPolicy::mof2020());
    CHECK(s.score == 9.8);
    CHECK(s.published == 7);
    CHECK_FALSE(s.published_used);
  }
  SECTION("the table's own weight") {
    Indicator i = row("≥100%", "50%");
    i.weight = 6;
    CHECK(score_indicator(i, ScoringPolicy::mof2020()).score == 3);
  }
}

// ---------------------------------------------------------------------------------------------
// Lower is better

TEST_CASE("lower is better under linear, ratio and binary", "[score]") {
  const auto linear = with_reverse(ReverseRule::linear);
  const auto ratio = with_reverse(ReverseRule::ratio);
  const auto binary = with_reverse(ReverseRule::binary);
  struct Case {
    const char* actual;
    double linear, ratio, binary;
  };
  // T = 100万元, w = 10.
  const Case cases[] = {
      {"80万元", 10, 10, 10},      // below T
      {"100万元", 10, 10, 10},     // at T
      {"120万元", 8, 8.33, 0},     // 1 − 0.2; 100/120 = 0.8333…
      {"200万元", 0, 5, 0},        // at 2T
      {"250万元", 0, 4, 0},        // beyond 2T: linear floored at 0
  };
  for (const auto& c : cases) {
    INFO(c.actual);
    CHECK(score("≤100万元", c.actual, 10, linear).score == c.linear);
    CHECK(score("≤100万元", c.actual, 10, ratio).score == c.ratio);
    CHECK(score("≤100万元", c.actual, 10, binary).score == c.binary);
  }
  const auto s = score("≤100万元", "120万元", 10, linear);
  CHECK(s.method == ScoreMethod::lower_is_better);
  CHECK(s.direction == Direction::lower_is_better);
  CHECK(s.direction_source == DirectionSource::comparator);
  CHECK(s.ratio == Approx(1.2));
  CHECK(s.explanation_zh == "120万元 / ≤100万元 → 8.00 / 10 (超出目标, 线性扣减)");
  CHECK(s.explanation_en == "120万元 of target ≤100万元 → 8.00 of 10 (over the limit, linear)");
  CHECK(score("≤100万元", "120万元", 10, ratio).explanation_en ==
        "120万元 of target ≤100万元 → 8.33 of 10 (over the limit, ratio T/A)");
  CHECK(score("≤100万元", "80万元").explanation_en == "80万元 of target ≤100万元 → 10.00 of 10 (within the limit)");
  CHECK(score("<5天", "6天").score == 8);
}

TEST_CASE("direction from the cost category and from a stated 正向/反向", "[score]") {
  SECTION("成本指标 without a comparator is lower-is-better") {
    Indicator i = row("202.6万元", "210万元");
    i.level2_kind = Level2::cost;
    const auto s = score_indicator(i, 10, ScoringPolicy::mof2020());
    CHECK(s.direction == Direction::lower_is_better);
    CHECK(s.direction_source == DirectionSource::cost);
    CHECK(s.score == 9.63);  // 10 × (1 − 7.4 / 202.6) = 9.6347…
  }
  SECTION("tree B level-1 成本指标") {
    Indicator i = row("50万元", "40万元");
    i.level1_kind = Level1::cost;
    i.level2_kind = Level2::economic_cost;
    CHECK(score_indicator(i, 10, ScoringPolicy::mof2020()).direction_source == DirectionSource::cost);
  }
  SECTION("a cost row with ≥ follows its comparator") {
    Indicator i = row("≥50万元", "40万元");
    i.level2_kind = Level2::cost;
    const auto s = score_indicator(i, 10, ScoringPolicy::mof2020());
    CHECK(s.direction == Direction::higher_is_better);
    CHECK(s.score == 8);
  }
  SECTION("stated 反向") {
    Indicator i = row("50", "60");
    i.direction = Direction::lower_is_better;
    const auto s = score_indicator(i, 10, ScoringPolicy::mof2020());
    CHECK(s.direction_source == DirectionSource::stated);
    CHECK(s.score == 8);
    CHECK(s.diagnostics.empty());
  }
  SECTION("stated direction against the comparator: stated wins, JX410") {
    Indicator i = row("≥50", "60");
    i.direction = Direction::lower_is_better;
    const auto s = score_indicator(i, 10, ScoringPolicy::mof2020());
    CHECK(s.score == 8);
    CHECK(codes(s) == Codes{"JX410"});
    CHECK(s.diagnostics[0].severity == Severity::warning);
  }
}

// ---------------------------------------------------------------------------------------------
// "=", negative actuals, ranges

TEST_CASE("= as higher-is-better, exact, and with target 0", "[score]") {
  SECTION("default: at least") {
    const auto s = score("=100%", "98%");
    CHECK(s.method == ScoreMethod::higher_is_better);
    CHECK(s.direction_source == DirectionSource::equal);
    CHECK(s.score == 9.8);
    CHECK(score("=100%", "105%").score == 10);
  }
  SECTION("policy exact") {
    ScoringPolicy p;
    p.equal = EqualRule::exact;
    CHECK(score("=100%", "98%", 10, p).score == 0);
    CHECK(score("=100%", "100%", 10, p).score == 10);
    CHECK(score("=100%", "105%", 10, p).score == 0);
    CHECK(score("=100%", "98%", 10, p).explanation_en == "98% of target =100% → 0.00 of 10 (not equal to the target, no score)");
  }
  SECTION("T = 0: A ≤ 0 → w, else 0, whatever the policy") {
    CHECK(score("=0", "0").method == ScoreMethod::exact);
    CHECK(score("=0", "0").score == 10);
    CHECK(score("=0起", "0起").score == 10);
    CHECK(score("=0", "1").score == 0);
    CHECK(score("=0", "0.5", 5).score == 0);
  }
}

TEST_CASE("a negative actual scores 0", "[score]") {
  const auto s = score("≥100", "-5");
  CHECK(s.score == 0);
  CHECK(codes(s) == Codes{"JX408"});
  CHECK(s.explanation_en == "-5 of target ≥100 → 0.00 of 10 (a negative actual scores 0)");
  CHECK(score("≤100", "-5").score == 0);
  CHECK(score("=0", "-1").score == 0);
  CHECK(rule_fraction(ScoreMethod::lower_is_better, 100, -1, ScoringPolicy{}) == 0);
}

TEST_CASE("ranges: inside full marks, outside proportional to the nearer end", "[score]") {
  CHECK(score("80%-90%", "85%").score == 10);
  CHECK(score("80%-90%", "80%").score == 10);
  CHECK(score("80%-90%", "90%").score == 10);
  const auto below = score("80%-90%", "60%");
  CHECK(below.method == ScoreMethod::range);
  CHECK(below.score == 7.5);  // 60 / 80
  CHECK(below.ratio == 0.75);
  CHECK(below.explanation_en == "60% of target 80%～90% → 7.50 of 10 (below the range, proportional)");
  CHECK(score("80%-90%", "99%").score == 9);  // linear: 1 − 9/90
  CHECK(score("80%-90%", "99%", 10, with_reverse(ReverseRule::ratio)).score == 9.09);  // 90/99
  CHECK(score("80%-90%", "99%", 10, with_reverse(ReverseRule::binary)).score == 0);
}

// ---------------------------------------------------------------------------------------------
// Qualitative

TEST_CASE("qualitative tiers and their bands", "[score]") {
  SECTION("default points, mof2020") {
    const auto a = score("稳步提升", "达成年度指标");
    CHECK(a.method == ScoreMethod::qualitative);
    CHECK(a.tier == Tier::achieved);
    CHECK(a.score == 10);
    CHECK(a.explanation_zh == "达成年度指标 → 10.00 / 10 (档位 [80%, 100%], 默认分)");
    CHECK(a.explanation_en == "achieved → 10.00 of 10 (band [80%, 100%], default point)");
    const auto p = score("稳步提升", "部分达成年度指标并具有一定效果");
    CHECK(p.tier == Tier::partly_achieved);
    CHECK(p.score == 7);
    CHECK(p.explanation_en == "partly achieved → 7.00 of 10 (band [60%, 80%), default point)");
    const auto n = score("稳步提升", "未达成年度指标且效果较差");
    CHECK(n.tier == Tier::not_achieved);
    CHECK(n.score == 3);
  }
  SECTION("variants of the tier phrases") {
    CHECK(score("稳步提升", "基本完成").tier == Tier::partly_achieved);
    CHECK(score("稳步提升", "未完成").tier == Tier::not_achieved);
    CHECK(score("稳步提升", "已完成").tier == Tier::achieved);
    CHECK(score("≥95%", "达成年度指标").score == 10);  // a tier stated against a number
  }
  SECTION("an actual that copies the target means achieved") {
    const auto s = score("稳步提升", "稳步提升");
    CHECK(s.tier == Tier::achieved);
    CHECK(s.score == 10);
    CHECK(s.explanation_en == "achieved → 10.00 of 10 (band [80%, 100%], actual repeats the target, default point)");
    CHECK(score("是", "是").tier == Tier::achieved);
  }
  SECTION("published score inside the band is used") {
    const auto s = score_indicator(row("稳步提升", "部分达成年度指标并具有一定效果", 6.5), 10, ScoringPolicy::mof2020());
    CHECK(s.score == 6.5);
    CHECK(s.published_used);
    CHECK(codes(s) == Codes{"JX413"});
    CHECK(s.explanation_en == "partly achieved → 6.50 of 10 (band [60%, 80%), published score kept)");
    CHECK(score_indicator(row("稳步提升", "达成年度指标", 8), 10, ScoringPolicy{}).score == 8);    // lower end inclusive
    CHECK(score_indicator(row("稳步提升", "达成年度指标", 10), 10, ScoringPolicy{}).score == 10);  // 100% inclusive
    // A band's ends rounded as scores are: 1.88 tops [1.5, 1.875] (a weight of 1.875 written back
    // with its rounded score), 1.5 is its bottom; 1.89 is outside.
    CHECK(codes(score_indicator(row("稳步提升", "达成年度指标", 1.88), 1.875, ScoringPolicy{})) == Codes{"JX413"});
    CHECK(codes(score_indicator(row("稳步提升", "达成年度指标", 1.5), 1.875, ScoringPolicy{})) == Codes{"JX413"});
    CHECK(codes(score_indicator(row("稳步提升", "达成年度指标", 1.89), 1.875, ScoringPolicy{})) == Codes{"JX412"});
  }
  SECTION("published score outside the band is reported; default point used") {
    const auto s = score_indicator(row("稳步提升", "部分达成年度指标并具有一定效果", 9), 10, ScoringPolicy::mof2020());
    CHECK(s.score == 7);
    CHECK_FALSE(s.published_used);
    CHECK(s.published == 9);
    CHECK(codes(s) == Codes{"JX412"});
    CHECK(s.diagnostics[0].severity == Severity::warning);
    // 8 of 10 belongs to 达成, not to 部分达成 [60%, 80%).
    CHECK(codes(score_indicator(row("稳步提升", "部分达成", 8), 10, ScoringPolicy{})) == Codes{"JX412"});
  }
  SECTION("hubei bands 80/50") {
    const auto h = ScoringPolicy::hubei();
    CHECK(score("稳步提升", "部分达成年度指标并具有一定效果", 10, h).score == 6.5);
    CHECK(score("稳步提升", "未达成年度指标且效果较差", 10, h).score == 2.5);
    CHECK(score("稳步提升", "部分达成年度指标并具有一定效果", 10, h).explanation_en ==
          "partly achieved → 6.50 of 10 (band [50%, 80%), default point)");
    // 5.5 is inside Hubei's [50%, 80%) but outside mof2020's [60%, 80%).
    CHECK(score_indicator(row("稳步提升", "部分达成", 5.5), 10, h).published_used);
    CHECK_FALSE(score_indicator(row("稳步提升", "部分达成", 5.5), 10, ScoringPolicy{}).published_used);
  }
  SECTION("configured default points") {
    ScoringPolicy p;
    p.tiers.achieved_point = 90;
    CHECK(score("稳步提升", "达成年度指标", 10, p).score == 9);
  }
  SECTION("no tier: JX411") {
    const auto s = score("稳步提升", "有所下降");
    CHECK_FALSE(s.scored());
    CHECK(codes(s) == Codes{"JX411"});
  }
}

// ---------------------------------------------------------------------------------------------
// Deadlines

TEST_CASE("dates: on or before the deadline → w, else 0", "[score]") {
  const auto on = score("2023年12月底前", "2023年12月20日");
  CHECK(on.method == ScoreMethod::deadline);
  CHECK(on.score == 10);
  CHECK(on.explanation_en == "2023年12月20日 of target 2023年12月底前 → 10.00 of 10 (on time)");
  CHECK(on.explanation_zh == "2023年12月20日 / 2023年12月底前 → 10.00 / 10 (按时完成)");
  CHECK(score("2023年12月底前", "2023年12月31日").score == 10);
  CHECK(score("2023年12月底前", "2024年1月5日").score == 0);
  CHECK(score("2023年12月底前", "2024年1月5日").explanation_en ==
        "2024年1月5日 of target 2023年12月底前 → 0.00 of 10 (late, no score)");
  CHECK(score("12月底前", "2023年11月").score == 10);  // no year on one side: months compared
  CHECK(score("2023年6月底前", "2023年6月").score == 10);  // same month, no day: on time
  CHECK(score("2023年12月底前", "按时完成").score == 10);
  const auto recurring = score("每月25日前", "2023年12月20日");
  CHECK_FALSE(recurring.scored());
  CHECK(codes(recurring) == Codes{"JX415"});
}

// ---------------------------------------------------------------------------------------------
// Units, missing and invalid values

TEST_CASE("units are reconciled or reported", "[score]") {
  SECTION("mismatch: no score, JX404") {
    const auto s = score("≥100人", "100户");
    CHECK_FALSE(s.scored());
    CHECK(s.method == ScoreMethod::none);
    CHECK(codes(s) == Codes{"JX404"});
    CHECK(s.diagnostics[0].severity == Severity::error);
  }
  SECTION("个月 against 年") {
    const auto s = score("≤12个月", "1年");
    CHECK(s.score == 10);
    CHECK(codes(s) == Codes{"JX406"});
    CHECK(score("≤1年", "18个月").score == 5);  // T = 12, A = 18: linear 1 − 6/12
    CHECK(score("≥2年", "18个月").score == 7.5);
  }
  SECTION("an actual without a unit is read in the target's") {
    const auto s = score("≥95%", "98");
    CHECK(s.score == 10);
    CHECK(codes(s) == Codes{"JX405"});
    CHECK(s.diagnostics[0].severity == Severity::info);
  }
}

TEST_CASE("missing and invalid values are not scored", "[score]") {
  SECTION("missing actual, with the cell's position") {
    Indicator i = row("≥95%", "");
    i.actual_at = {5, 7};
    const auto s = score_indicator(i, 10, ScoringPolicy{});
    CHECK_FALSE(s.scored());
    CHECK(std::isnan(s.score));
    CHECK(codes(s) == Codes{"JX401"});
    CHECK(s.diagnostics[0].span.line == 5);
    CHECK(s.diagnostics[0].span.column == 7);
  }
  CHECK(codes(score("", "98%")) == Codes{"JX402"});
  CHECK(codes(score("≥**%", "98%")) == Codes{"JX402"});
  CHECK(codes(score("≥95%", "3人/年/6.3")) == Codes{"JX403"});
  CHECK(codes(score("≥95%", "稳步提升")) == Codes{"JX414"});
  CHECK(codes(score("≥-5", "3")) == Codes{"JX409"});
  CHECK(codes(score("≥95%", "98%", NaN)) == Codes{"JX407"});
  CHECK(codes(score("≥95%", "98%", -1)) == Codes{"JX407"});
  CHECK(codes(score("≥95%", "98%", std::numeric_limits<double>::infinity())) == Codes{"JX407"});
  CHECK_FALSE(score("≥95%", "98%", std::numeric_limits<double>::infinity()).scored());
  CHECK(score("≥95%", "98%", 0).score == 0);
}

// ---------------------------------------------------------------------------------------------
// Budget, rounding, grades

TEST_CASE("budget row: min(B / A, 1) × w", "[score]") {
  const auto s = score_budget(100, 95, 10, ScoringPolicy{});
  CHECK(s.method == ScoreMethod::budget);
  CHECK(s.score == 9.5);
  CHECK(s.ratio == 0.95);
  CHECK(s.explanation_zh == "执行率 95% (95 / 100) → 9.50 / 10 (min(B/A,1)×w)");
  CHECK(s.explanation_en == "execution 95% (95 of 100) → 9.50 of 10 (min(B/A,1)×w)");
  const auto over = score_budget(100, 120, 10, ScoringPolicy{});
  CHECK(over.score == 10);
  CHECK(over.ratio == 1.2);
  CHECK(over.explanation_en == "execution 120% (120 of 100) → 10.00 of 10 (over 100%, capped)");
  CHECK(score_budget(300, 200, 10, ScoringPolicy{}).score == 6.67);
  CHECK(score_budget(1234.56, 1000, 20, ScoringPolicy::hubei()).score == 16.2);  // 16.1999…
  CHECK(codes(score_budget(0, 5, 10, ScoringPolicy{})) == Codes{"JX416"});
  CHECK(codes(score_budget(100, 95, std::numeric_limits<double>::infinity(), ScoringPolicy{})) == Codes{"JX407"});
  CHECK(codes(score_budget(NaN, 5, 10, ScoringPolicy{})) == Codes{"JX416"});
  CHECK(codes(score_budget(100, NaN, 10, ScoringPolicy{})) == Codes{"JX416"});
  CHECK_FALSE(score_budget(-1, 5, 10, ScoringPolicy{}).scored());
  const auto negative = score_budget(100, -5, 10, ScoringPolicy{});
  CHECK(negative.score == 0);
  CHECK(codes(negative) == Codes{"JX417"});
}

TEST_CASE("rounding is half-up in decimal", "[score]") {
  CHECK(round_half_up(2.675) == 2.68);   // stored as 2.67499999…
  CHECK(round_half_up(0.125) == 0.13);
  CHECK(round_half_up(9.995) == 10.0);
  CHECK(round_half_up(1.005) == 1.01);   // stored as 1.00499999…
  CHECK(round_half_up(2.665) == 2.67);
  CHECK(round_half_up(0.004) == 0);
  CHECK(round_half_up(0.005) == 0.01);
  CHECK(round_half_up(-2.675) == -2.68);
  CHECK(round_half_up(2.5, 0) == 3);
  CHECK(round_half_up(123456.785) == 123456.79);
  CHECK(round_half_up(8.333333333333334) == 8.33);
  CHECK(std::isnan(round_half_up(NaN)));
  // Through scoring: 10 × 107 / 400 = 2.675 (naive std::round(x * 100) / 100 gives 2.67).
  CHECK(score("≥400", "107").score == 2.68);
  CHECK(score("≥400", "107").explanation_en == "107 of target ≥400 → 2.68 of 10 (proportional)");
  ScoringPolicy one;
  one.decimals = 1;
  CHECK(score("≥400", "107", 10, one).score == 2.7);
  CHECK(score("≥400", "107", 10, one).explanation_en == "107 of target ≥400 → 2.7 of 10 (proportional)");
}

TEST_CASE("grades: 90/80/60 inclusive at the lower end; Hubei has none", "[score]") {
  const ScoringPolicy p;
  CHECK(grade(100, p) == Grade::excellent);
  CHECK(grade(90, p) == Grade::excellent);
  CHECK(grade(89.99, p) == Grade::good);
  CHECK(grade(80, p) == Grade::good);
  CHECK(grade(79.99, p) == Grade::fair);
  CHECK(grade(60, p) == Grade::fair);
  CHECK(grade(59.99, p) == Grade::poor);
  CHECK(grade(0, p) == Grade::poor);
  CHECK_FALSE(grade(NaN, p));
  CHECK_FALSE(grade(95, ScoringPolicy::hubei()));
  CHECK(chinese_name(Grade::excellent) == "优");
  CHECK(chinese_name(Grade::good) == "良");
  CHECK(chinese_name(Grade::fair) == "中");
  CHECK(chinese_name(Grade::poor) == "差");
  ScoringPolicy variant;
  variant.grades = GradeThresholds{80, 70, 60};
  CHECK(grade(80, variant) == Grade::excellent);
  CHECK(grade(75, variant) == Grade::good);
}

// ---------------------------------------------------------------------------------------------
// Policies

TEST_CASE("presets and satisfaction-absent redistribution", "[score]") {
  const auto m = ScoringPolicy::mof2020();
  CHECK(m == ScoringPolicy{});
  CHECK(m.weights.total() == 100);
  CHECK(m.level1_weights(true) == Level1Weights{50, 30, 10, 10});
  CHECK(m.level1_weights(false) == Level1Weights{56.25, 33.75, 0, 10});  // proportional 50:30
  ScoringPolicy eq;
  eq.satisfaction_absent = Redistribution::equal;
  CHECK(eq.level1_weights(false) == Level1Weights{55, 35, 0, 10});
  CHECK(eq.level1_weights(false).total() == 100);

  const auto h = ScoringPolicy::hubei();
  CHECK(h.name == "hubei");
  CHECK(h.weights == Level1Weights{40, 40, 0, 20});
  CHECK(h.satisfaction_in_outcome);
  CHECK(h.level1_weights(false) == h.weights);
  CHECK(h.tiers.achieved == 80);
  CHECK(h.tiers.partly == 50);
  CHECK_FALSE(h.grades);
  CHECK(ScoringPolicy::preset("hubei") == h);
  CHECK_FALSE(ScoringPolicy::preset("beijing"));
}

TEST_CASE("policies from JSON", "[score]") {
  SECTION("good") {
    const auto r = parse_policy_json(R"({
      "base": "hubei", "name": "custom", "reverse": "ratio", "equal": "exact",
      "weights": {"output": 45, "outcome": 35},
      "tiers": {"partly_point": 60},
      "satisfaction_absent": "equal", "decimals": 1,
      "grades": {"excellent": 85, "good": 75, "fair": 60}
    })");
    CHECK(r.ok());
    CHECK(r.diagnostics.empty());
    CHECK(r.policy.name == "custom");
    CHECK(r.policy.reverse == ReverseRule::ratio);
    CHECK(r.policy.equal == EqualRule::exact);
    CHECK(r.policy.weights == Level1Weights{45, 35, 0, 20});
    CHECK(r.policy.tiers.partly == 50);  // from the base
    CHECK(r.policy.tiers.partly_point == 60);
    CHECK(r.policy.satisfaction_absent == Redistribution::equal);
    CHECK(r.policy.decimals == 1);
    REQUIRE(r.policy.grades);
    CHECK(*r.policy.grades == GradeThresholds{85, 75, 60});
  }
  SECTION("empty object: mof2020; grades null: none") {
    CHECK(parse_policy_json("{}").policy == ScoringPolicy::mof2020());
    CHECK_FALSE(parse_policy_json(R"({"grades": null})").policy.grades);
  }
  SECTION("unknown fields warn") {
    const auto r = parse_policy_json(R"({"rounding": "half_up", "weights": {"cost": 10}})");
    CHECK(r.ok());
    CHECK(codes(r) == Codes{"JX419", "JX419"});
    CHECK(r.diagnostics[0].message == "unknown field `rounding` is ignored");
    CHECK(r.diagnostics[1].message == "unknown field `weights.cost` is ignored");
  }
  SECTION("bad types and values are errors; the base's value stays") {
    const auto r = parse_policy_json(
        R"({"reverse": "square", "decimals": "2", "weights": {"output": -1}, "base": "beijing",
            "tiers": {"achieved": 50, "partly": 60}, "grades": {"excellent": 60, "good": 80}})");
    CHECK_FALSE(r.ok());
    CHECK(codes(r) == Codes{"JX418", "JX418", "JX418", "JX418", "JX418", "JX418"});
    CHECK(r.diagnostics[0].message == "`base`: unknown preset \"beijing\" (expected \"mof2020\" or \"hubei\")");
    CHECK(r.diagnostics[1].message == "`reverse`: expected one of \"linear\", \"ratio\", \"binary\"");
    CHECK(r.diagnostics[2].message == "`decimals`: expected an integer from 0 to 6");
    CHECK(r.diagnostics[3].message == "`weights.output`: expected a non-negative number");
    CHECK(r.policy == ScoringPolicy::mof2020());
  }
  SECTION("malformed JSON has a line and column") {
    const auto r = parse_policy_json("{\n  \"reverse\": linear\n}");
    CHECK_FALSE(r.ok());
    REQUIRE(codes(r) == Codes{"JX418"});
    CHECK(r.diagnostics[0].span.line == 2);
    CHECK(r.diagnostics[0].span.column > 1);
    CHECK(codes(parse_policy_json("[1, 2]")) == Codes{"JX418"});
  }
  SECTION("malformed JSON stopping inside a Chinese character: a message in UTF-8, without nlohmann's prefix") {
    for (const std::string text : {"{\"name\": 湖北}", "{\"name\": \"湖北\xFF\"}", "{\"name\": \"湖北\xE6\x97"}) {
      const auto r = parse_policy_json(text);
      REQUIRE(codes(r) == Codes{"JX418"});
      const std::string& m = r.diagnostics[0].message;
      CHECK(jixiao::detail::find_invalid_utf8(m) == std::string::npos);
      CHECK(m.rfind("malformed JSON: syntax error", 0) == 0);
      CHECK(r.diagnostics[0].span.line == 1);
    }
  }
  SECTION("a number beyond a double is an error, not an exception") {
    const auto r = parse_policy_json(R"({"weights": {"output": 1e400}})");
    CHECK_FALSE(r.ok());
    REQUIRE(codes(r) == Codes{"JX418"});
    CHECK(r.diagnostics[0].message.find("out of range") != std::string::npos);
  }
  SECTION("weights that do not add up to 100 are allowed and said") {
    const auto r = parse_policy_json(R"({"weights": {"output": 10, "outcome": 10, "satisfaction": 10, "budget": 10}})");
    CHECK(r.ok());
    REQUIRE(codes(r) == Codes{"JX431"});
    CHECK(r.diagnostics[0].severity == Severity::warning);
    CHECK(r.diagnostics[0].message ==
          "`weights`: the level-1 weights add up to 40, not 100 (产出 10 + 效益 10 + 满意度 10 + 预算执行率 10); totals "
          "are out of 40 and the grades' thresholds are unchanged");
    CHECK(r.policy.weights.total() == 40);
  }
}

TEST_CASE("values built in code without a number are reported", "[score]") {
  Indicator i;
  i.target.kind = ValueKind::number;
  i.target.raw = "≥?";
  i.actual = parse_value("5").value;
  CHECK(codes(score_indicator(i, 10, ScoringPolicy{})) == Codes{"JX402"});
  i.target = parse_value("≥5").value;
  i.actual.value = NaN;
  CHECK(codes(score_indicator(i, 10, ScoringPolicy{})) == Codes{"JX403"});
}
