// jixiao: budget performance management (预算绩效管理) for C++ and Python.
// SPDX-License-Identifier: MIT
//
// Scoring policy, per-indicator scoring, the budget row and grades (docs/scoring.md).  The
// numeric kernel is `rule_fraction`, shared with batch scoring; everything else here decides
// which rule applies, reconciles units and explains the result.
#include <jixiao/score.hpp>

#include <jixiao/detail/json_error.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <ostream>
#include <string>
#include <string_view>
#include <system_error>
#include <utility>

namespace jixiao {
namespace {

constexpr double nan = IndicatorScore::nan;

// ---------------------------------------------------------------------------------------------
// Formatting, locale-independent (to_chars never consults the C locale).

/// Shortest spelling that reads back: 10, 7.5, 56.25.
std::string shortest(double x) {
  char buf[64];
  const auto r = std::to_chars(buf, buf + sizeof buf, x);
  return std::string(buf, r.ptr);
}

/// Fixed with `decimals` places: 9.80.
std::string fixed(double x, int decimals) {
  // Room for every double: 309 integer digits, the point, the decimals and the sign.
  char buf[360];
  const auto r = std::to_chars(buf, buf + sizeof buf, x, std::chars_format::fixed, std::clamp(decimals, 0, 17));
  if (r.ec != std::errc()) return shortest(x);
  return std::string(buf, r.ptr);
}

/// A percentage of the weight, for band texts: 80%.
std::string percent(double x) { return shortest(x) + "%"; }
/// A weight as people read it: distributed weights (50 / 77 indicators) print as 0.6494.
std::string weight_text(double w) { return shortest(round_half_up(w, 4)); }

// ---------------------------------------------------------------------------------------------
// Diagnostics

void report(IndicatorScore& s, const char* code, Severity severity, std::string message,
            SourceLocation at = {}, std::string hint = {}) {
  Diagnostic d;
  d.code = code;
  d.severity = severity;
  d.message = std::move(message);
  d.span.line = at.line;
  d.span.column = at.column;
  d.hint = std::move(hint);
  s.diagnostics.push_back(std::move(d));
}

std::string quoted(const Value& v) { return "`" + v.raw + "`"; }

// ---------------------------------------------------------------------------------------------
// Explanations

struct Label {
  const char* zh;
  const char* en;
};

void explain(IndicatorScore& s, const std::string& actual, const std::string& target, Label why, int decimals) {
  const std::string score = fixed(s.score, decimals);
  const std::string weight = weight_text(s.weight);
  s.explanation_zh = actual + " / " + target + " → " + score + " / " + weight + " (" + why.zh + ")";
  s.explanation_en = actual + " of target " + target + " → " + score + " of " + weight + " (" + why.en + ")";
}

Label over_limit_label(ReverseRule r, bool range) {
  switch (r) {
    case ReverseRule::linear:
      return range ? Label{"高于区间, 线性扣减", "above the range, linear"} : Label{"超出目标, 线性扣减", "over the limit, linear"};
    case ReverseRule::ratio:
      return range ? Label{"高于区间, 按T/A", "above the range, ratio T/A"} : Label{"超出目标, 按T/A", "over the limit, ratio T/A"};
    case ReverseRule::binary:
      break;
  }
  return range ? Label{"高于区间, 不得分", "above the range, no score"} : Label{"超出目标, 不得分", "over the limit, no score"};
}

// ---------------------------------------------------------------------------------------------
// Units

/// Target and actual amounts in one unit.
struct Amounts {
  double target = nan;
  double upper = nan;
  double actual = nan;
};

bool is_months(std::string_view u) { return u == "个月" || u == "月"; }

/// Brings the actual into the target's unit, or reports why it cannot (JX404).  Multipliers
/// (万元 → 元) were applied by the parser, so equal units compare `value`s directly.
bool reconcile(const Indicator& ind, IndicatorScore& s, Amounts& out) {
  const Value& t = ind.target;
  const Value& a = ind.actual;
  out = {t.value, t.upper, a.value};
  if (t.unit == a.unit) return true;
  if (a.unit.empty() || t.unit.empty()) {
    const bool actual_bare = a.unit.empty();
    report(s, "JX405", Severity::info,
           std::string(actual_bare ? "the actual " : "the target ") + quoted(actual_bare ? a : t) +
               " has no unit; read in the " + (actual_bare ? "target" : "actual") + "'s unit `" +
               (actual_bare ? t.unit : a.unit) + "`",
           actual_bare ? ind.actual_at : ind.target_at);
    return true;
  }
  // 12 个月 = 1 年: the only conversion between units that is never ambiguous in these tables.
  if (is_months(t.unit) && a.unit == "年") {
    out.actual *= 12;
  } else if (t.unit == "年" && is_months(a.unit)) {
    out.target *= 12;
    out.upper *= 12;
  } else if (is_months(t.unit) && is_months(a.unit)) {
    // 月 and 个月 as durations: the same unit.
  } else {
    report(s, "JX404", Severity::error,
           "the actual " + quoted(a) + " is in `" + a.unit + "` but the target " + quoted(t) + " in `" + t.unit +
               "`; not scored",
           ind.actual_at, "state the actual in the target's unit");
    return false;
  }
  report(s, "JX406", Severity::info, "the actual in `" + a.unit + "` is compared with the target in `" + t.unit +
                                          "` (12 个月 = 1 年)",
         ind.actual_at);
  return true;
}

// ---------------------------------------------------------------------------------------------
// Direction

bool is_cost(const Indicator& ind) noexcept {
  switch (ind.level2_kind) {
    case Level2::cost:
    case Level2::economic_cost:
    case Level2::social_cost:
    case Level2::ecological_cost:
      return true;
    default:
      return ind.level1_kind == Level1::cost;
  }
}

/// The rule a quantitative (non-range) row is scored by, and why.
ScoreMethod choose_method(const Indicator& ind, const ScoringPolicy& policy, IndicatorScore& s) {
  const Comparator op = ind.target.op;
  const bool says_higher = op == Comparator::ge || op == Comparator::gt;
  const bool says_lower = op == Comparator::le || op == Comparator::lt;
  if (ind.direction != Direction::unknown) {
    s.direction = ind.direction;
    s.direction_source = DirectionSource::stated;
    if ((says_higher && ind.direction == Direction::lower_is_better) ||
        (says_lower && ind.direction == Direction::higher_is_better)) {
      report(s, "JX410", Severity::warning,
             std::string("the table states ") +
                 (ind.direction == Direction::lower_is_better ? "反向 (lower is better)" : "正向 (higher is better)") +
                 " but the target " + quoted(ind.target) + " says the opposite; the stated direction is used",
             ind.target_at);
    }
  } else if (says_higher) {
    s.direction = Direction::higher_is_better;
    s.direction_source = DirectionSource::comparator;
  } else if (says_lower) {
    s.direction = Direction::lower_is_better;
    s.direction_source = DirectionSource::comparator;
  } else if (is_cost(ind)) {
    s.direction = Direction::lower_is_better;
    s.direction_source = DirectionSource::cost;
  } else if (op == Comparator::eq) {
    s.direction_source = DirectionSource::equal;
    // "= 0" is exact whatever the policy (domain.md §4): A ≤ 0 → w, else 0.
    if (policy.equal == EqualRule::exact || ind.target.value == 0) return ScoreMethod::exact;
    s.direction = Direction::higher_is_better;
  } else {
    s.direction = Direction::higher_is_better;
    s.direction_source = DirectionSource::implicit;
  }
  return s.direction == Direction::lower_is_better ? ScoreMethod::lower_is_better : ScoreMethod::higher_is_better;
}

// ---------------------------------------------------------------------------------------------
// Quantitative rows

void score_quantity(const Indicator& ind, const ScoringPolicy& policy, IndicatorScore& s) {
  Amounts m;
  if (!reconcile(ind, s, m)) return;
  const bool range = ind.target.op == Comparator::range;
  if (std::isnan(m.target) || (range && !(m.upper >= m.target))) {  // a Value built in code
    report(s, "JX402", Severity::error, "the target " + quoted(ind.target) + " holds no usable number; not scored",
           ind.target_at);
    return;
  }
  if (std::isnan(m.actual)) {
    report(s, "JX403", Severity::error, "the actual " + quoted(ind.actual) + " holds no number; not scored", ind.actual_at);
    return;
  }
  s.method = range ? ScoreMethod::range : choose_method(ind, policy, s);
  if (m.target < 0 || (range && m.upper < 0)) {
    report(s, "JX409", Severity::error, "the target " + quoted(ind.target) + " is negative; not scored", ind.target_at);
    s.method = ScoreMethod::none;
    return;
  }
  const double t = m.target;
  const double a = m.actual;
  s.target_value = t;
  s.upper_value = m.upper;
  s.actual_value = a;
  const double fraction = rule_fraction(s.method, t, a, policy, m.upper);
  s.score = round_half_up(s.weight * fraction, policy.decimals);

  Label why{"", ""};
  if (a < 0) {
    report(s, "JX408", Severity::warning, "the actual " + quoted(ind.actual) + " is negative; it scores 0",
           ind.actual_at);
    why = {"实际值为负, 不得分", "a negative actual scores 0"};
    if (t != 0) s.ratio = a / t;
  } else if (range) {
    if (a < t) {
      s.ratio = a / t;
      why = {"低于区间, 按比例", "below the range, proportional"};
    } else if (a > m.upper) {
      s.ratio = a / m.upper;
      why = over_limit_label(policy.reverse, true);
    } else {
      s.ratio = 1;
      why = {"在区间内", "inside the range"};
    }
  } else {
    if (t != 0) s.ratio = a / t;
    switch (s.method) {
      case ScoreMethod::higher_is_better:
        why = a > t ? Label{"超额完成, 以满分计", "exceeded, capped at full marks"}
              : a == t ? Label{"达到目标", "met"}
                       : Label{"按比例", "proportional"};
        break;
      case ScoreMethod::lower_is_better:
        why = a <= t ? Label{"未超过目标", "within the limit"} : over_limit_label(policy.reverse, false);
        break;
      case ScoreMethod::exact:
        why = fraction == 1 ? Label{"等于目标", "equal to the target"} : Label{"不等于目标, 不得分", "not equal to the target, no score"};
        break;
      default:
        break;
    }
  }
  explain(s, to_string(ind.actual), to_string(ind.target), why, policy.decimals);
}

// ---------------------------------------------------------------------------------------------
// Qualitative rows

/// Band [lo, hi] of a tier in percent of the weight; `hi_open` when hi itself belongs above.
struct Band {
  double lo, hi, point;
  bool hi_open;
};

Band band_of(Tier t, const TierBands& b) {
  switch (t) {
    case Tier::achieved: return {b.achieved, 100, b.achieved_point, false};
    case Tier::partly_achieved: return {b.partly, b.achieved, b.partly_point, true};
    default: return {0, b.partly, b.not_achieved_point, true};
  }
}

std::string band_text(const Band& b) {
  return "[" + percent(b.lo) + ", " + percent(b.hi) + (b.hi_open ? ")" : "]");
}

Tier tier_of(Category c) noexcept {
  switch (c) {
    case Category::achieved: return Tier::achieved;
    case Category::partly_achieved: return Tier::partly_achieved;
    case Category::not_achieved: return Tier::not_achieved;
    default: return Tier::none;
  }
}

const char* tier_en(Tier t) {
  switch (t) {
    case Tier::achieved: return "achieved";
    case Tier::partly_achieved: return "partly achieved";
    default: return "not achieved";
  }
}

void score_tier(const Indicator& ind, Tier tier, const ScoringPolicy& policy, IndicatorScore& s, bool copied) {
  s.method = ScoreMethod::qualitative;
  s.tier = tier;
  const Band band = band_of(tier, policy.tiers);
  const std::string bt = band_text(band);
  std::string zh = "档位 " + bt;
  std::string en = "band " + bt;
  if (copied) {
    zh += ", 实际值同目标";
    en += ", actual repeats the target";
  }
  double score = round_half_up(s.weight * band.point / 100, policy.decimals);
  if (!std::isnan(s.published)) {
    const double lo = s.weight * band.lo / 100;
    const double hi = s.weight * band.hi / 100;
    const double p = s.published;
    // Published scores are rounded to the policy's decimals as the rule's are: 1.88 is the top
    // of a 1.875-point band, and 1.87 its rounded bottom, not scores outside it.
    const double lo_shown = std::min(lo, round_half_up(lo, policy.decimals));
    const double hi_shown = std::max(hi, round_half_up(hi, policy.decimals));
    const bool inside = p >= lo_shown && (band.hi_open ? p < hi : p <= hi_shown);
    if (inside) {
      score = round_half_up(p, policy.decimals);
      s.published_used = true;
      report(s, "JX413", Severity::info,
             "the published score " + shortest(p) + " lies inside the band of " + std::string(chinese_name(tier)) +
                 " and is used",
             ind.score_at);
      zh += ", 采用自评得分";
      en += ", published score kept";
    } else {
      report(s, "JX412", Severity::warning,
             "the published score " + shortest(p) + " lies outside the band " + bt + " of " +
                 std::string(chinese_name(tier)) + " (" + shortest(lo) + "–" + shortest(hi) + " of " +
                 weight_text(s.weight) + "); the band's default point is used",
             ind.score_at);
      zh += ", 自评得分" + shortest(p) + "不在档位内, 取默认分";
      en += ", published " + shortest(p) + " outside the band, default point";
    }
  } else {
    zh += ", 默认分";
    en += ", default point";
  }
  s.score = score;
  const std::string sc = fixed(s.score, policy.decimals);
  const std::string w = weight_text(s.weight);
  s.explanation_zh = std::string(chinese_name(tier)) + " → " + sc + " / " + w + " (" + zh + ")";
  s.explanation_en = std::string(tier_en(tier)) + " → " + sc + " of " + w + " (" + en + ")";
}

bool same_words(const Value& t, const Value& a) {
  if (t.kind != a.kind) return false;
  if (t.kind == ValueKind::qualitative) return !t.text.empty() && t.text == a.text;
  return equivalent(t, a);
}

// ---------------------------------------------------------------------------------------------
// Deadlines

/// -1, 0, 1 comparing two dates at the precision both state; `ok` false when they share none.
int compare_dates(const CalendarDate& a, const CalendarDate& t, bool& ok) {
  ok = true;
  const bool years = a.year != 0 && t.year != 0;
  if (years && a.year != t.year) return a.year < t.year ? -1 : 1;
  if (a.month == 0 || t.month == 0) {
    ok = years;  // year-only on one side: equal years are as precise as it gets
    return 0;
  }
  if (a.month != t.month) return a.month < t.month ? -1 : 1;
  if (a.day == 0 || t.day == 0) return 0;  // same month, no day on one side: on time
  return a.day < t.day ? -1 : a.day > t.day ? 1 : 0;
}

void score_deadline(const Indicator& ind, const ScoringPolicy& policy, IndicatorScore& s) {
  s.method = ScoreMethod::deadline;
  const Value& t = ind.target;
  const Value& a = ind.actual;
  const CalendarDate& deadline = t.date_end.empty() ? t.date : t.date_end;
  const CalendarDate& done = a.date_end.empty() ? a.date : a.date_end;
  // A recurring deadline compares only with a date that recurs alike (每月25日前 / 每月20日前发放):
  // what recurs is compared, in a common year (and month, for monthly ones).
  bool ok = deadline.every == done.every;
  int cmp = 0;
  if (ok && deadline.every != Recurrence::none) {
    CalendarDate d = done, t2 = deadline;
    d.year = t2.year = 1;
    if (deadline.every == Recurrence::monthly) d.month = t2.month = 1;
    if (d.month_end && d.day == 0) d.day = 31;  // 每月底: the latest day
    if (t2.month_end && t2.day == 0) t2.day = 31;
    cmp = compare_dates(d, t2, ok);
  } else if (ok) {
    cmp = compare_dates(done, deadline, ok);
  }
  if (!ok) {
    report(s, "JX415", Severity::error,
           "the actual date " + quoted(a) + " cannot be compared with the deadline " + quoted(t) +
               " (a recurring date, or no common year and month); not scored",
           ind.actual_at);
    s.method = ScoreMethod::none;
    return;
  }
  const bool on_time = cmp <= 0;
  s.score = round_half_up(on_time ? s.weight : 0, policy.decimals);
  explain(s, to_string(a), to_string(t), on_time ? Label{"按时完成", "on time"} : Label{"逾期, 不得分", "late, no score"},
          policy.decimals);
}

// ---------------------------------------------------------------------------------------------
// Decimal rounding

double round_decimal(double x, int decimals) noexcept {
  if (!std::isfinite(x)) return x;
  decimals = std::clamp(decimals, 0, 6);
  const bool negative = x < 0;
  // 15 significant digits: d.dddddddddddddde±XX.  Enough to undo binary noise (2.675 is stored
  // as 2.67499999999999982…) while keeping every digit a table could hold.
  char buf[40];
  const auto r = std::to_chars(buf, buf + sizeof buf, std::fabs(x), std::chars_format::scientific, 14);
  const char* e = std::find(buf, r.ptr, 'e');
  int exponent = 0;
  std::from_chars(e + 1 + (e[1] == '+'), r.ptr, exponent);
  char digits[15];
  digits[0] = buf[0];
  std::copy(buf + 2, buf + 16, digits + 1);
  // The value is 0.D1D2…D15 × 10^(exponent+1); keep the digits down to 10^-decimals.
  const int keep = exponent + 1 + decimals;
  if (keep >= 15) return x;
  if (keep < 0) return negative ? -0.0 : 0.0;
  std::uint64_t n = 0;
  for (int i = 0; i < keep; ++i) n = n * 10 + static_cast<std::uint64_t>(digits[i] - '0');
  if (digits[keep] >= '5') ++n;
  char out[48];
  char* w = std::to_chars(out, out + 24, n).ptr;  // at most 20 digits
  *w++ = 'e';
  *w++ = '-';
  w = std::to_chars(w, out + sizeof out, decimals).ptr;
  double y = 0;
  std::from_chars(out, w, y);
  return negative ? -y : y;
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// Policy

ScoringPolicy ScoringPolicy::mof2020() { return ScoringPolicy{}; }

ScoringPolicy ScoringPolicy::hubei() {
  ScoringPolicy p;
  p.name = "hubei";
  p.weights = {40, 40, 0, 20};
  p.satisfaction_in_outcome = true;
  p.tiers = {80, 50, 100, 65, 25};
  p.grades.reset();
  return p;
}

std::optional<ScoringPolicy> ScoringPolicy::preset(std::string_view name) {
  if (name == "mof2020") return mof2020();
  if (name == "hubei") return hubei();
  return std::nullopt;
}

Level1Weights ScoringPolicy::level1_weights(bool has_satisfaction) const noexcept {
  Level1Weights w = weights;
  if (has_satisfaction || satisfaction_in_outcome || w.satisfaction == 0) return w;
  const double s = w.satisfaction;
  const double both = w.output + w.outcome;
  if (satisfaction_absent == Redistribution::proportional && both > 0) {
    w.output += s * weights.output / both;
    w.outcome += s * weights.outcome / both;
  } else {
    w.output += s / 2;
    w.outcome += s / 2;
  }
  w.satisfaction = 0;
  return w;
}

bool operator==(const ScoringPolicy& a, const ScoringPolicy& b) noexcept {
  return a.name == b.name && a.weights == b.weights && a.satisfaction_in_outcome == b.satisfaction_in_outcome &&
         a.satisfaction_absent == b.satisfaction_absent && a.tiers == b.tiers && a.reverse == b.reverse &&
         a.equal == b.equal && a.decimals == b.decimals && a.grades == b.grades;
}

// ---------------------------------------------------------------------------------------------
// Scoring

double round_half_up(double x, int decimals) noexcept { return round_decimal(x, decimals); }

double rule_fraction(ScoreMethod method, double target, double actual, const ScoringPolicy& policy,
                     double upper) noexcept {
  if (std::isnan(target) || std::isnan(actual) || target < 0) return nan;
  if (actual < 0) return 0;
  const auto over = [&](double t, double a) {  // a > t ≥ 0
    switch (policy.reverse) {
      case ReverseRule::linear: return t == 0 ? 0.0 : std::max(0.0, 1 - (a - t) / t);
      case ReverseRule::ratio: return t / a;
      case ReverseRule::binary: break;
    }
    return 0.0;
  };
  switch (method) {
    case ScoreMethod::higher_is_better:
      return actual >= target ? 1.0 : actual / target;
    case ScoreMethod::lower_is_better:
      return actual <= target ? 1.0 : over(target, actual);
    case ScoreMethod::exact:
      if (target == 0) return actual <= 0 ? 1.0 : 0.0;
      return std::fabs(actual - target) <= 1e-9 * std::max(1.0, std::fabs(target)) ? 1.0 : 0.0;
    case ScoreMethod::range:
      if (std::isnan(upper) || upper < target) return nan;
      if (actual < target) return actual / target;
      if (actual > upper) return over(upper, actual);
      return 1.0;
    default:
      return nan;
  }
}

IndicatorScore score_indicator(const Indicator& ind, double weight, const ScoringPolicy& policy) {
  IndicatorScore s;
  s.weight = weight;
  s.published = ind.score;
  if (std::isnan(weight) || weight < 0 || std::isinf(weight)) {
    report(s, "JX407", Severity::error,
           std::isnan(weight)   ? "no weight (分值) to score out of"
           : std::isinf(weight) ? "the weight is infinite"
                                : "the weight " + shortest(weight) + " is negative",
           ind.weight_at);
    return s;
  }
  const Value& t = ind.target;
  const Value& a = ind.actual;
  if (t.kind == ValueKind::empty || t.kind == ValueKind::invalid) {
    report(s, "JX402", Severity::error,
           t.kind == ValueKind::empty ? std::string("no target (指标值); not scored")
                                      : "the target " + quoted(t) + " cannot be read; not scored",
           ind.target_at.known() ? ind.target_at : ind.name.at);  // an empty target has no cell of its own
    return s;
  }
  if (a.kind == ValueKind::empty) {
    // No actual cell at all (a target table, an actuals file without the row): the row is
    // found by its target or its name, and named, so that two such lines can be told apart.
    const SourceLocation at = ind.actual_at.line ? ind.actual_at : ind.target_at.line ? ind.target_at : ind.name.at;
    report(s, "JX401", Severity::error,
           (ind.name.empty() ? std::string() : "`" + ind.name.text + "`: ") + "no actual value (实际完成值); not scored",
           at);
    return s;
  }
  if (a.kind == ValueKind::invalid) {
    report(s, "JX403", Severity::error, "the actual " + quoted(a) + " cannot be read; not scored", ind.actual_at);
    return s;
  }

  // An actual that states a tier is scored by it whatever the target says.
  if (const Tier tier = tier_of(a.category); tier != Tier::none) {
    score_tier(ind, tier, policy, s, false);
    return s;
  }
  if (t.kind == ValueKind::number && a.kind == ValueKind::number) {
    score_quantity(ind, policy, s);
    return s;
  }
  if (t.kind == ValueKind::date && a.kind == ValueKind::date) {
    score_deadline(ind, policy, s);
    return s;
  }
  if (t.kind == ValueKind::date && a.kind == ValueKind::qualitative && a.category == Category::timely) {
    // `按时完成` against a deadline: the table says it was met.
    s.method = ScoreMethod::deadline;
    s.score = round_half_up(weight, policy.decimals);
    explain(s, to_string(a), to_string(t), {"实际值表述为按时", "stated as on time"}, policy.decimals);
    return s;
  }
  if (same_words(t, a)) {
    score_tier(ind, Tier::achieved, policy, s, true);
    return s;
  }
  if (t.kind == ValueKind::qualitative && a.kind == ValueKind::qualitative) {
    report(s, "JX411", Severity::error,
           "the actual " + quoted(a) + " states no tier (达成/部分达成/未达成) and does not repeat the target; not scored",
           ind.actual_at, "write 达成年度指标, 部分达成年度指标并具有一定效果 or 未达成年度指标且效果较差");
    return s;
  }
  report(s, "JX414", Severity::error,
         "the actual " + quoted(a) + " (" + std::string(to_string(a.kind)) + ") cannot be compared with the target " +
             quoted(t) + " (" + std::string(to_string(t.kind)) + "); not scored",
         ind.actual_at);
  return s;
}

IndicatorScore score_indicator(const Indicator& ind, const ScoringPolicy& policy) {
  return score_indicator(ind, ind.weight, policy);
}

IndicatorScore score_budget(double full_year, double executed, double weight, const ScoringPolicy& policy) {
  IndicatorScore s;
  s.weight = weight;
  if (std::isnan(weight) || weight < 0 || std::isinf(weight)) {
    report(s, "JX407", Severity::error,
           std::isnan(weight)   ? "no weight (分值) for the budget row"
           : std::isinf(weight) ? "the budget row's weight is infinite"
                                : "the budget row's weight " + shortest(weight) + " is negative");
    return s;
  }
  if (!(full_year > 0) || std::isnan(executed) || std::isinf(full_year) || std::isinf(executed)) {
    report(s, "JX416", Severity::error,
           std::isnan(full_year)   ? std::string("the full-year budget (全年预算数) is missing; not scored")
           : !(full_year > 0)      ? "the full-year budget (全年预算数) " + shortest(full_year) + " is not a positive number; not scored"
           : std::isinf(full_year) ? std::string("the full-year budget (全年预算数) is infinite; not scored")
           : std::isnan(executed)  ? std::string("the amount executed (全年执行数) is missing; not scored")
                                   : std::string("the amount executed (全年执行数) is infinite; not scored"));
    return s;
  }
  s.method = ScoreMethod::budget;
  s.ratio = executed / full_year;
  if (executed < 0) {
    report(s, "JX417", Severity::warning,
           "the amount executed (全年执行数) " + shortest(executed) + " is negative; it scores 0");
  }
  const double fraction = std::clamp(s.ratio, 0.0, 1.0);
  s.score = round_half_up(weight * fraction, policy.decimals);
  const std::string rate = shortest(round_half_up(s.ratio * 100, 2)) + "%";
  const std::string sc = fixed(s.score, policy.decimals);
  const std::string w = weight_text(weight);
  const std::string ab = shortest(executed) + " / " + shortest(full_year);
  s.explanation_zh = "执行率 " + rate + " (" + ab + ") → " + sc + " / " + w + " (" +
                     (s.ratio > 1 ? "超过100%, 以满分计" : "min(B/A,1)×w") + ")";
  s.explanation_en = "execution " + rate + " (" + shortest(executed) + " of " + shortest(full_year) + ") → " + sc +
                     " of " + w + " (" + (s.ratio > 1 ? "over 100%, capped" : "min(B/A,1)×w") + ")";
  return s;
}

double shown_difference(double published, double rule, int decimals) noexcept {
  return round_half_up(round_half_up(published, decimals) - round_half_up(rule, decimals), decimals);
}

std::optional<Grade> grade(double total, const ScoringPolicy& policy) noexcept {
  if (!policy.grades || !std::isfinite(total)) return std::nullopt;
  const GradeThresholds& g = *policy.grades;
  if (total >= g.excellent) return Grade::excellent;
  if (total >= g.good) return Grade::good;
  if (total >= g.fair) return Grade::fair;
  return Grade::poor;
}

// ---------------------------------------------------------------------------------------------
// Names

std::string_view chinese_name(Grade g) noexcept {
  switch (g) {
    case Grade::excellent: return "优";
    case Grade::good: return "良";
    case Grade::fair: return "中";
    case Grade::poor: return "差";
  }
  return "";
}

std::string_view chinese_name(Tier t) noexcept {
  switch (t) {
    case Tier::none: return "";
    case Tier::achieved: return "达成年度指标";
    case Tier::partly_achieved: return "部分达成年度指标并具有一定效果";
    case Tier::not_achieved: return "未达成年度指标且效果较差";
  }
  return "";
}

std::string_view to_string(Grade g) noexcept {
  switch (g) {
    case Grade::excellent: return "excellent";
    case Grade::good: return "good";
    case Grade::fair: return "fair";
    case Grade::poor: return "poor";
  }
  return "";
}

std::string_view to_string(Tier t) noexcept {
  switch (t) {
    case Tier::none: return "";
    case Tier::achieved: return "achieved";
    case Tier::partly_achieved: return "partly_achieved";
    case Tier::not_achieved: return "not_achieved";
  }
  return "";
}

std::string_view to_string(ReverseRule r) noexcept {
  switch (r) {
    case ReverseRule::linear: return "linear";
    case ReverseRule::ratio: return "ratio";
    case ReverseRule::binary: return "binary";
  }
  return "";
}

std::string_view to_string(EqualRule r) noexcept {
  switch (r) {
    case EqualRule::at_least: return "at_least";
    case EqualRule::exact: return "exact";
  }
  return "";
}

std::string_view to_string(Redistribution r) noexcept {
  switch (r) {
    case Redistribution::proportional: return "proportional";
    case Redistribution::equal: return "equal";
  }
  return "";
}

std::string_view to_string(ScoreMethod m) noexcept {
  switch (m) {
    case ScoreMethod::none: return "";
    case ScoreMethod::higher_is_better: return "higher_is_better";
    case ScoreMethod::lower_is_better: return "lower_is_better";
    case ScoreMethod::exact: return "exact";
    case ScoreMethod::range: return "range";
    case ScoreMethod::qualitative: return "qualitative";
    case ScoreMethod::deadline: return "deadline";
    case ScoreMethod::budget: return "budget";
  }
  return "";
}

std::string_view to_string(DirectionSource s) noexcept {
  switch (s) {
    case DirectionSource::none: return "";
    case DirectionSource::stated: return "stated";
    case DirectionSource::comparator: return "comparator";
    case DirectionSource::cost: return "cost";
    case DirectionSource::equal: return "equal";
    case DirectionSource::implicit: return "implicit";
  }
  return "";
}

std::ostream& operator<<(std::ostream& os, Grade g) { return os << to_string(g); }
std::ostream& operator<<(std::ostream& os, Tier t) { return os << to_string(t); }

// ---------------------------------------------------------------------------------------------
// Policy JSON

namespace {

using Json = nlohmann::ordered_json;

class PolicyReader {
 public:
  explicit PolicyReader(PolicyParse& out) : out_(out) {}

  void read(std::string_view text) {
    Json j;
    try {
      j = Json::parse(text.begin(), text.end());
    } catch (const Json::parse_error& e) {
      Diagnostic d;
      d.code = "JX418";
      // nlohmann's message quotes the input as it read it, bytes that may stop inside a character.
      d.message = "malformed JSON: " + detail::json_error_reason(e.what(), text, e.byte == 0 ? 0 : e.byte - 1);
      locate(text, e.byte, d.span);
      out_.diagnostics.push_back(std::move(d));
      return;
    } catch (const Json::exception& e) {  // out_of_range: a number beyond a double (1e400)
      error("", "a number out of range: " + detail::json_error_reason(e.what()));
      return;
    }
    if (!j.is_object()) {
      error("", "a policy is a JSON object");
      return;
    }
    if (auto it = j.find("base"); it != j.end()) {
      if (!it->is_string()) {
        error("base", "expected a preset name (\"mof2020\" or \"hubei\")");
      } else if (auto p = ScoringPolicy::preset(it->get<std::string>())) {
        out_.policy = *p;
      } else {
        error("base", "unknown preset \"" + it->get<std::string>() + "\" (expected \"mof2020\" or \"hubei\")");
      }
    }
    ScoringPolicy& p = out_.policy;
    for (auto it = j.begin(); it != j.end(); ++it) {
      const std::string& key = it.key();
      const Json& v = it.value();
      if (key == "base") continue;
      if (key == "name") {
        if (v.is_string()) p.name = v.get<std::string>();
        else error(key, "expected a string");
      } else if (key == "weights") {
        read_weights(v);
      } else if (key == "satisfaction_in_outcome") {
        if (v.is_boolean()) p.satisfaction_in_outcome = v.get<bool>();
        else error(key, "expected true or false");
      } else if (key == "satisfaction_absent") {
        enumeration(key, v, p.satisfaction_absent, {Redistribution::proportional, Redistribution::equal});
      } else if (key == "tiers") {
        read_tiers(v);
      } else if (key == "reverse") {
        enumeration(key, v, p.reverse, {ReverseRule::linear, ReverseRule::ratio, ReverseRule::binary});
      } else if (key == "equal") {
        enumeration(key, v, p.equal, {EqualRule::at_least, EqualRule::exact});
      } else if (key == "decimals") {
        if (v.is_number_integer() && v.get<long long>() >= 0 && v.get<long long>() <= 6)
          p.decimals = static_cast<int>(v.get<long long>());
        else
          error(key, "expected an integer from 0 to 6");
      } else if (key == "grades") {
        read_grades(v);
      } else {
        unknown(key);
      }
    }
    // Allowed (a scenario may weigh less), but every total is then out of something else
    // than 100 and every grade boundary means something else: said once, here.
    const Level1Weights& w = p.weights;
    if (std::abs(w.total() - 100) > 1e-9) {
      Diagnostic d;
      d.code = "JX431";
      d.severity = Severity::warning;
      d.message = "`weights`: the level-1 weights add up to " + shortest(w.total()) + ", not 100 (产出 " +
                  shortest(w.output) + " + 效益 " + shortest(w.outcome) + " + 满意度 " + shortest(w.satisfaction) +
                  " + 预算执行率 " + shortest(w.budget) + "); totals are out of " + shortest(w.total()) +
                  " and the grades' thresholds are unchanged";
      out_.diagnostics.push_back(std::move(d));
    }
  }

 private:
  void error(const std::string& path, std::string message) {
    Diagnostic d;
    d.code = "JX418";
    d.message = (path.empty() ? std::string() : "`" + path + "`: ") + std::move(message);
    out_.diagnostics.push_back(std::move(d));
  }
  void unknown(const std::string& path) {
    Diagnostic d;
    d.code = "JX419";
    d.severity = Severity::warning;
    d.message = "unknown field `" + path + "` is ignored";
    out_.diagnostics.push_back(std::move(d));
  }
  static void locate(std::string_view text, std::size_t byte, SourceSpan& span) {
    // nlohmann reports the byte after the error, 1-based; count lines and code points up to it.
    const std::size_t end = std::min(byte == 0 ? 0 : byte - 1, text.size());
    span.line = 1;
    span.column = 1;
    for (std::size_t i = 0; i < end; ++i) {
      const auto c = static_cast<unsigned char>(text[i]);
      if (c == '\n') {
        ++span.line;
        span.column = 1;
      } else if ((c & 0xC0) != 0x80) {
        ++span.column;
      }
    }
  }

  template <typename E>
  void enumeration(const std::string& key, const Json& v, E& out, std::initializer_list<E> choices) {
    std::string names;
    for (E e : choices) {
      if (v.is_string() && v.get<std::string>() == to_string(e)) {
        out = e;
        return;
      }
      names += (names.empty() ? "\"" : ", \"") + std::string(to_string(e)) + "\"";
    }
    error(key, "expected one of " + names);
  }

  /// Reads the numbers of an object into fields; false when one was wrong.
  bool numbers(const std::string& path, const Json& v,
               std::initializer_list<std::pair<const char*, double*>> fields) {
    if (!v.is_object()) {
      error(path, "expected an object");
      return false;
    }
    bool ok = true;
    for (auto it = v.begin(); it != v.end(); ++it) {
      const std::string sub = path + "." + it.key();
      bool known = false;
      for (const auto& f : fields) {
        if (it.key() != f.first) continue;
        known = true;
        if (it.value().is_number() && it.value().get<double>() >= 0 && std::isfinite(it.value().get<double>())) {
          *f.second = it.value().get<double>();
        } else {
          error(sub, "expected a non-negative number");
          ok = false;
        }
      }
      if (!known) unknown(sub);
    }
    return ok;
  }

  void read_weights(const Json& v) {
    Level1Weights w = out_.policy.weights;
    if (numbers("weights", v, {{"output", &w.output}, {"outcome", &w.outcome},
                               {"satisfaction", &w.satisfaction}, {"budget", &w.budget}}))
      out_.policy.weights = w;
  }

  void read_tiers(const Json& v) {
    TierBands b = out_.policy.tiers;
    if (!numbers("tiers", v, {{"achieved", &b.achieved}, {"partly", &b.partly}, {"achieved_point", &b.achieved_point},
                              {"partly_point", &b.partly_point}, {"not_achieved_point", &b.not_achieved_point}}))
      return;
    if (!(b.partly < b.achieved && b.achieved <= 100)) {
      error("tiers", "expected 0 ≤ partly < achieved ≤ 100");
    } else if (!(b.achieved_point >= b.achieved && b.achieved_point <= 100) ||
               !(b.partly_point >= b.partly && b.partly_point < b.achieved) ||
               !(b.not_achieved_point < b.partly || (b.partly == 0 && b.not_achieved_point == 0))) {
      error("tiers", "each default point must lie inside its band");
    } else {
      out_.policy.tiers = b;
    }
  }

  void read_grades(const Json& v) {
    if (v.is_null()) {
      out_.policy.grades.reset();
      return;
    }
    GradeThresholds g = out_.policy.grades.value_or(GradeThresholds{});
    if (!numbers("grades", v, {{"excellent", &g.excellent}, {"good", &g.good}, {"fair", &g.fair}})) return;
    if (!(g.excellent > g.good && g.good > g.fair)) {
      error("grades", "expected excellent > good > fair");
      return;
    }
    out_.policy.grades = g;
  }

  PolicyParse& out_;
};

}  // namespace

bool PolicyParse::ok() const noexcept {
  return !has_errors(diagnostics);
}

PolicyParse parse_policy_json(std::string_view json) {
  PolicyParse out;
  PolicyReader(out).read(json);
  return out;
}

}  // namespace jixiao
