// jixiao: budget performance management (预算绩效管理) for C++ and Python.
// SPDX-License-Identifier: MIT
#ifndef JIXIAO_SCORE_HPP
#define JIXIAO_SCORE_HPP

/// \file
/// Scoring a self-evaluation (绩效自评) by the rules of 财预〔2020〕10号 and local practice:
/// a `ScoringPolicy` holds every choice the rules leave open, `score_indicator` scores one
/// indicator, `score_budget` the budget-execution row, `grade` turns a total into 优/良/中/差.
/// docs/scoring.md states each rule with a worked example.

#include <jixiao/diagnostic.hpp>
#include <jixiao/indicator.hpp>
#include <jixiao/value.hpp>

#include <cstdint>
#include <iosfwd>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace jixiao {

/// How a lower-is-better indicator (反向指标) scores above its limit T.  财预〔2020〕10号 gives
/// no formula, so deployed systems differ.
enum class ReverseRule : std::uint8_t {
  linear,  ///< w × (1 − (A − T) / T), 0 at A ≥ 2T (a deployed provincial system)
  ratio,   ///< w × T / A (the national template's note)
  binary,  ///< 0
};

/// How a target written with "=" is scored.
enum class EqualRule : std::uint8_t {
  at_least,  ///< as higher-is-better: A ≥ T → w, else w × A / T (the usual reading)
  exact,     ///< A = T → w, else 0
};

/// Where the satisfaction weight (满意度) goes when a table has no satisfaction indicator.
enum class Redistribution : std::uint8_t {
  proportional,  ///< to 产出 and 效益 in proportion to their weights (50:30 → 56.25 / 33.75)
  equal,         ///< half each (55 / 35)
};

/// A qualitative tier (定性指标档次).
enum class Tier : std::uint8_t {
  none,             ///< not a tier-scored row
  achieved,         ///< 达成年度指标
  partly_achieved,  ///< 部分达成年度指标并具有一定效果
  not_achieved,     ///< 未达成年度指标且效果较差
};

/// 评级.
enum class Grade : std::uint8_t {
  excellent,  ///< 优
  good,       ///< 良
  fair,       ///< 中
  poor,       ///< 差
};

/// The level-1 weights (一级指标分值) of a policy, in points out of 100.
struct Level1Weights {
  double output = 50;        ///< 产出指标
  double outcome = 30;       ///< 效益指标 (with 满意度 when `satisfaction_in_outcome`)
  double satisfaction = 10;  ///< 满意度指标
  double budget = 10;        ///< 预算执行率

  double total() const noexcept { return output + outcome + satisfaction + budget; }
  friend bool operator==(const Level1Weights& a, const Level1Weights& b) noexcept {
    return a.output == b.output && a.outcome == b.outcome && a.satisfaction == b.satisfaction &&
           a.budget == b.budget;
  }
  friend bool operator!=(const Level1Weights& a, const Level1Weights& b) noexcept { return !(a == b); }
};

/// The qualitative tier bands, in percent of the weight: achieved is [achieved, 100],
/// partly achieved [partly, achieved), not achieved [0, partly); and the point inside each band
/// that a row scores when the table gives no score of its own.
struct TierBands {
  double achieved = 80;              ///< lower end of 达成年度指标
  double partly = 60;                ///< lower end of 部分达成年度指标并具有一定效果
  double achieved_point = 100;       ///< default for 达成 (a met target: full marks, as for numbers)
  double partly_point = 70;          ///< default for 部分达成 (the band's middle)
  double not_achieved_point = 30;    ///< default for 未达成 (the band's middle)

  friend bool operator==(const TierBands& a, const TierBands& b) noexcept {
    return a.achieved == b.achieved && a.partly == b.partly && a.achieved_point == b.achieved_point &&
           a.partly_point == b.partly_point && a.not_achieved_point == b.not_achieved_point;
  }
  friend bool operator!=(const TierBands& a, const TierBands& b) noexcept { return !(a == b); }
};

/// Grade thresholds, inclusive at the lower end: 优 ≥ excellent, 良 [good, excellent),
/// 中 [fair, good), 差 < fair.
struct GradeThresholds {
  double excellent = 90;
  double good = 80;
  double fair = 60;

  friend bool operator==(const GradeThresholds& a, const GradeThresholds& b) noexcept {
    return a.excellent == b.excellent && a.good == b.good && a.fair == b.fair;
  }
  friend bool operator!=(const GradeThresholds& a, const GradeThresholds& b) noexcept { return !(a == b); }
};

/// Every choice domain.md §4 leaves to the evaluator, as a plain value: build one in code,
/// start from a preset, or read one from JSON (`parse_policy_json`).
///
/// \code
/// auto p = jixiao::ScoringPolicy::mof2020();
/// p.reverse = jixiao::ReverseRule::ratio;          // a local variant
/// auto h = jixiao::ScoringPolicy::hubei();         // budget 20, 产出 40, 效益+满意度 40
/// \endcode
struct ScoringPolicy {
  std::string name = "mof2020";                 ///< a label for reports
  Level1Weights weights;                        ///< 产出 50, 效益 30, 满意度 10, 预算执行率 10
  /// 效益 and 满意度 share one weight (`weights.outcome`; `weights.satisfaction` is 0), as in Hubei.
  bool satisfaction_in_outcome = false;
  Redistribution satisfaction_absent = Redistribution::proportional;
  TierBands tiers;                              ///< 80 / 60
  ReverseRule reverse = ReverseRule::linear;
  EqualRule equal = EqualRule::at_least;
  int decimals = 2;                             ///< per-indicator rounding, half-up (四舍五入), 0–6
  std::optional<GradeThresholds> grades = GradeThresholds{};  ///< none: no grade (Hubei)

  /// 财预〔2020〕10号 as most provinces apply it; the default.
  static ScoringPolicy mof2020();
  /// Hubei: 预算执行率 20, 产出 40, 效益+满意度 40, tier bands 80/50, no grade.
  static ScoringPolicy hubei();
  /// The preset called `name` (`mof2020`, `hubei`), or nothing.
  static std::optional<ScoringPolicy> preset(std::string_view name);

  /// The level-1 weights to use for a table with or without a satisfaction indicator: without
  /// one, its weight moves to 产出 and 效益 as `satisfaction_absent` says.
  ///
  /// \code
  /// ScoringPolicy::mof2020().level1_weights(false);  // 产出 56.25, 效益 33.75, 满意度 0, budget 10
  /// \endcode
  Level1Weights level1_weights(bool has_satisfaction) const noexcept;

  friend bool operator==(const ScoringPolicy& a, const ScoringPolicy& b) noexcept;
  friend bool operator!=(const ScoringPolicy& a, const ScoringPolicy& b) noexcept { return !(a == b); }
};

/// A policy read from JSON, and what was wrong with the text (JX418, JX419).
struct PolicyParse {
  ScoringPolicy policy;                 ///< the base preset with every valid field applied
  std::vector<Diagnostic> diagnostics;  ///< in document order

  /// True when no diagnostic is an error.
  bool ok() const noexcept;
};

/// Reads a policy from JSON (format in docs/scoring.md): a `base` preset, then fields that
/// override it.  Never throws on input: malformed JSON, wrong types and out-of-range values are
/// JX418 errors (the field keeps the base's value), unknown fields JX419 warnings.
///
/// \code
/// auto r = jixiao::parse_policy_json(R"({"base": "mof2020", "reverse": "ratio"})");
/// // r.ok(), r.policy.reverse == ReverseRule::ratio
/// \endcode
[[nodiscard]] PolicyParse parse_policy_json(std::string_view json);

/// How a row was scored.
enum class ScoreMethod : std::uint8_t {
  none,              ///< not scored (see the diagnostics)
  higher_is_better,  ///< A ≥ T → w, else w × A / T
  lower_is_better,   ///< A ≤ T → w, else the policy's reverse rule
  exact,             ///< "=" scored exactly (policy, or a target of 0)
  range,             ///< inside [lo, hi] → w
  qualitative,       ///< a tier and a point in its band
  deadline,          ///< a date: on or before the deadline → w, else 0
  budget,            ///< min(B / A, 1) × w
};

/// Why a row was read as higher- or lower-is-better.
enum class DirectionSource : std::uint8_t {
  none,        ///< no direction applies (qualitative, dates, ranges)
  stated,      ///< the table's 正向/反向 column (`Indicator::direction`)
  comparator,  ///< ≥ > (higher) or ≤ < (lower)
  cost,        ///< a cost indicator (成本指标) without ≥ or >: lower is better
  equal,       ///< "=" read by the policy's `equal` rule
  implicit,    ///< no comparator: "at least" (domain.md §4)
};

/// The rule score of one row with everything needed to explain it.  `score` is NaN when the row
/// cannot be scored; the diagnostics then say why.
struct IndicatorScore {
  static constexpr double nan = std::numeric_limits<double>::quiet_NaN();

  ScoreMethod method = ScoreMethod::none;
  double score = nan;        ///< rule score, rounded by the policy (half-up); NaN: not scored
  double weight = nan;       ///< the weight w it was scored out of
  double ratio = nan;        ///< achievement A / T (B / A for budget), unclamped; NaN when none
  /// The numbers a quantitative rule compared, in one unit (after 万元/元 and 个月/年 are
  /// reconciled): what batch scoring (`aggregate.hpp`) takes as arrays.  NaN when none.
  double target_value = nan;
  double upper_value = nan;   ///< a range's upper end
  double actual_value = nan;
  Tier tier = Tier::none;    ///< qualitative rows
  bool published_used = false;  ///< qualitative: the table's score lay inside the band and was kept
  double published = nan;    ///< 得分 as published (`Indicator::score`), kept beside, never changed
  Direction direction = Direction::unknown;
  DirectionSource direction_source = DirectionSource::none;
  std::string explanation_zh;  ///< `98% / ≥100% → 9.80 / 10 (按比例)`
  std::string explanation_en;  ///< `98% of target ≥100% → 9.80 of 10 (proportional)`
  std::vector<Diagnostic> diagnostics;

  /// A rule score was computed.
  bool scored() const noexcept { return score == score; }
};

/// Scores one indicator out of `weight` points: target against actual by the rule its
/// comparator, category or stated direction calls for (docs/scoring.md).  `weight` is passed
/// separately because a scorecard may distribute it from level-1 weights; `ind.score` is kept as
/// `published` and, for qualitative rows, used when it lies inside the tier's band.  Diagnostic
/// spans carry the line and column of the target or actual cell when known.  Never throws.
///
/// \code
/// Indicator i;
/// i.target = parse_value("≥100%").value;
/// i.actual = parse_value("98%").value;
/// auto s = score_indicator(i, 10, ScoringPolicy::mof2020());
/// // s.score == 9.8, s.ratio == 0.98, s.explanation_en == "98% of target ≥100% → 9.80 of 10 (proportional)"
/// \endcode
[[nodiscard]] IndicatorScore score_indicator(const Indicator& ind, double weight, const ScoringPolicy& policy);

/// Same, out of the table's own weight (`ind.weight`).
[[nodiscard]] IndicatorScore score_indicator(const Indicator& ind, const ScoringPolicy& policy);

/// The budget-execution row (预算执行率): min(B / A, 1) × w, rounded.  A ≤ 0 or not a number, or
/// B not a number, gives no score (JX416); a negative B scores 0 (JX417).  A and B in the same
/// unit (a table's 万元 columns as they stand).
///
/// \code
/// score_budget(100, 95, 10, ScoringPolicy::mof2020()).score;  // 9.5
/// \endcode
[[nodiscard]] IndicatorScore score_budget(double full_year, double executed, double weight, const ScoringPolicy& policy);

/// The fraction of the weight a quantitative row earns, unrounded, from plain numbers already in
/// one unit: the kernel `score_indicator` uses, for batch code that holds arrays.  `method` is
/// higher_is_better, lower_is_better, exact or range (`upper` is the range's upper end); a
/// negative actual gives 0.  NaN for a NaN input, a negative target, or another method.
double rule_fraction(ScoreMethod method, double target, double actual, const ScoringPolicy& policy,
                     double upper = IndicatorScore::nan) noexcept;

/// Rounds half-up (四舍五入, away from zero) to `decimals` places, in decimal: the double is first
/// read to 15 significant digits, so 2.675 (stored as 2.67499999…) gives 2.68.  NaN stays NaN;
/// `decimals` is taken as 0 to 6 (what a policy allows), outside that range clamped.
double round_half_up(double x, int decimals = 2) noexcept;

/// published − rule as a page shows them, both at `decimals` places (half-up): a published 1.005
/// shows 1.01, so against a rule score of 10.00 the difference shows −8.99, not the exact −8.995
/// that rounds to −9.00.  NaN when either is NaN.
double shown_difference(double published, double rule, int decimals) noexcept;

/// The grade of a total, or nothing when the policy has no grades (Hubei) or the total is not a
/// finite number (NaN, or infinite from weights beyond any real table).
///
/// \code
/// grade(90, ScoringPolicy::mof2020());   // Grade::excellent (优 ≥ 90)
/// grade(89.99, ScoringPolicy::mof2020());  // Grade::good
/// \endcode
std::optional<Grade> grade(double total, const ScoringPolicy& policy) noexcept;

/// 优, 良, 中, 差.
std::string_view chinese_name(Grade g) noexcept;
/// 达成年度指标, 部分达成年度指标并具有一定效果, 未达成年度指标且效果较差 (empty for none).
std::string_view chinese_name(Tier t) noexcept;

/// `excellent`, `good`, `fair`, `poor`.
std::string_view to_string(Grade g) noexcept;
/// `achieved`, `partly_achieved`, `not_achieved` (empty for none).
std::string_view to_string(Tier t) noexcept;
/// `linear`, `ratio`, `binary`.
std::string_view to_string(ReverseRule r) noexcept;
/// `at_least`, `exact`.
std::string_view to_string(EqualRule r) noexcept;
/// `proportional`, `equal`.
std::string_view to_string(Redistribution r) noexcept;
/// `higher_is_better`, …, `budget` (empty for none).
std::string_view to_string(ScoreMethod m) noexcept;
/// `stated`, `comparator`, `cost`, `equal`, `implicit` (empty for none).
std::string_view to_string(DirectionSource s) noexcept;

std::ostream& operator<<(std::ostream& os, Grade g);
std::ostream& operator<<(std::ostream& os, Tier t);

}  // namespace jixiao

#endif  // JIXIAO_SCORE_HPP
