// jixiao: budget performance management (预算绩效管理) for C++ and Python.
// SPDX-License-Identifier: MIT
//
// A self-evaluation table scored whole (docs/scoring.md, *Scorecard*): weights found or
// distributed, each row scored by score_indicator, subtotals as sums of rounded leaves, the
// budget row, total, grade, and the published figures compared without being touched.
#include <jixiao/scorecard.hpp>

#include <jixiao/detail/utf8.hpp>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <map>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>

namespace jixiao {
namespace {

constexpr double nan = Scorecard::nan;
/// Differences up to half a cent of a point are rounding, not disagreement.
constexpr double tolerance = 0.005 + 1e-9;

std::string shortest(double x) {
  char buf[64];
  const auto r = std::to_chars(buf, buf + sizeof buf, x);
  return std::string(buf, r.ptr);
}

/// Sums printed for people: 2 decimals, trailing zeros dropped (89.05, 90).
std::string amount(double x) { return shortest(round_half_up(x, 6)); }

void report(std::vector<Diagnostic>& out, const char* code, Severity severity, std::string message,
            SourceLocation at = {}, std::string hint = {}) {
  Diagnostic d;
  d.code = code;
  d.severity = severity;
  d.message = std::move(message);
  d.span.line = at.line;
  d.span.column = at.column;
  d.hint = std::move(hint);
  out.push_back(std::move(d));
}

/// The policy pool a level-1 category draws its weight from when weights are distributed.
enum class Pool : std::uint8_t { output, outcome, satisfaction, none };

Pool pool_of(Level1 kind, const ScoringPolicy& policy) noexcept {
  switch (kind) {
    case Level1::output: return Pool::output;
    case Level1::outcome: return Pool::outcome;
    case Level1::satisfaction: return policy.satisfaction_in_outcome ? Pool::outcome : Pool::satisfaction;
    default: return Pool::none;
  }
}

/// Weights spread from the policy: each pool's level-1 weight equally over the level-2 groups
/// (function, level 1, level 2) drawing from it, then equally over each group's rows.
std::vector<double> distribute(const Table& t, const ScoringPolicy& policy, std::vector<Diagnostic>& diags) {
  const bool has_satisfaction = std::any_of(t.indicators.begin(), t.indicators.end(), [](const Indicator& i) {
    return i.level1_kind == Level1::satisfaction;
  });
  const Level1Weights l1 = policy.level1_weights(has_satisfaction);
  const double pool_weight[] = {l1.output, l1.outcome, l1.satisfaction};

  using Group = std::tuple<int, std::string, std::string>;  // function, level 1, level 2
  std::map<Group, std::size_t> rows_in_group;
  std::map<Pool, std::map<Group, bool>> groups_in_pool;
  std::vector<std::string> unweighted_level1;
  for (const Indicator& i : t.indicators) {
    const Pool p = pool_of(i.level1_kind, policy);
    if (p == Pool::none) {
      if (std::find(unweighted_level1.begin(), unweighted_level1.end(), i.level1.text) == unweighted_level1.end())
        unweighted_level1.push_back(i.level1.text);
      continue;
    }
    const Group g{i.function, i.level1.text, i.level2.text};
    ++rows_in_group[g];
    groups_in_pool[p][g] = true;
  }
  for (const std::string& l : unweighted_level1) {
    report(diags, "JX425", Severity::warning,
           "the level-1 category `" + l + "` has no weight in the policy `" + policy.name +
               "`; its indicators get no weight and are not scored",
           {}, "give the table's weights (分值), or use 产出/效益/满意度 as level 1");
  }
  std::vector<double> w(t.indicators.size(), nan);
  for (std::size_t k = 0; k < t.indicators.size(); ++k) {
    const Indicator& i = t.indicators[k];
    const Pool p = pool_of(i.level1_kind, policy);
    if (p == Pool::none) continue;
    const Group g{i.function, i.level1.text, i.level2.text};
    const double groups = static_cast<double>(groups_in_pool[p].size());
    w[k] = pool_weight[static_cast<int>(p)] / groups / static_cast<double>(rows_in_group[g]);
  }
  return w;
}

/// A weight a row is scored out of: not NaN, negative or infinite (those are JX407 and score
/// nothing, so they weigh nothing in the sums either).
bool counts(double weight) noexcept { return weight >= 0 && std::isfinite(weight); }

/// Adds one row to a subtotal.
void add(Subtotal& s, const IndicatorScore& r) {
  ++s.indicators;
  if (counts(r.weight)) s.weight += r.weight;
  if (r.scored()) {
    s.score += r.score;
  } else {
    ++s.unscored;
  }
  if (!std::isnan(r.published)) s.published = (std::isnan(s.published) ? 0 : s.published) + r.published;
}

/// 优/优秀, 良/良好, 中/中等/合格, 差/较差/不合格 as published.
std::optional<Grade> read_grade(std::string_view text) {
  const auto starts = [&](std::string_view p) { return text.substr(0, p.size()) == p; };
  if (starts("优")) return Grade::excellent;
  if (starts("良")) return Grade::good;
  if (starts("中") || text == "合格") return Grade::fair;
  if (starts("差") || starts("较差") || text == "不合格") return Grade::poor;
  return std::nullopt;
}

std::string trim(std::string_view s) { return std::string(detail::trim_blanks(s)); }

}  // namespace

Scorecard score_table(const Table& t, const ScoringPolicy& policy) {
  Scorecard card;
  card.policy = policy;
  std::vector<Diagnostic>& diags = card.diagnostics;
  if (t.indicators.empty()) {
    // Zero points out of the budget row's weight would read as a real (poor) result.
    report(diags, "JX430", Severity::error,
           "the table has no indicators (三级指标): nothing was scored, and its total and grade mean nothing",
           t.title.at, "check that the file is a target or self-evaluation table, and read its own diagnostics");
  }
  if (t.kind != TableKind::self_evaluation && t.kind != TableKind::unknown) {
    report(diags, "JX429", Severity::warning,
           "the table is a " + std::string(to_string(t.kind)) +
               " table, not a self-evaluation (绩效自评表): it has no actual values to score",
           t.title.at);
  }

  // Weights: the table's, or when no row has one, the policy's spread over the tree.
  const bool table_weights = std::any_of(t.indicators.begin(), t.indicators.end(),
                                         [](const Indicator& i) { return !std::isnan(i.weight); });
  std::vector<double> weights(t.indicators.size(), nan);
  if (table_weights || t.indicators.empty()) {
    for (std::size_t k = 0; k < t.indicators.size(); ++k) weights[k] = t.indicators[k].weight;
  } else {
    card.weights_distributed = true;
    report(diags, "JX424", Severity::info,
           "the table gives no weights (分值); the policy's level-1 weights are spread equally over the "
           "level-2 groups and then over their indicators");
    weights = distribute(t, policy, diags);
  }

  // Rows.
  card.rows.reserve(t.indicators.size());
  for (std::size_t k = 0; k < t.indicators.size(); ++k) {
    ScorecardRow row;
    row.indicator = k;
    row.weight_source = std::isnan(weights[k]) ? WeightSource::none
                        : card.weights_distributed ? WeightSource::policy
                                                   : WeightSource::table;
    row.score = score_indicator(t.indicators[k], weights[k], policy);
    if (const Indicator& ind = t.indicators[k]; !t.actuals_file.empty() && ind.merged.any()) {
      // Cells merged from an actuals file are located in that file; the row's own cells in the
      // table, the weight or score the file did not give included.  A place that could be
      // either (the same line and column in both files) is the table's.
      const MergedCells& m = ind.merged;
      for (Diagnostic& d : row.score.diagnostics) {
        const SourceLocation at{d.span.line, d.span.column};
        if (!at.known()) continue;
        const bool merged = (m.actual && at == ind.actual_at) || (m.weight && at == ind.weight_at) ||
                            (m.score && at == ind.score_at);
        const bool own = at == ind.target_at || at == ind.name.at || (!m.actual && at == ind.actual_at) ||
                         (!m.weight && at == ind.weight_at) || (!m.score && at == ind.score_at);
        if (merged && !own) d.span.file = t.actuals_file;
      }
    }
    for (const Diagnostic& d : row.score.diagnostics) diags.push_back(d);
    card.rows.push_back(std::move(row));
  }

  // Subtotals: level 2 within level 1 within function, as sums of the rounded leaves.
  std::vector<Subtotal> level2, level1, function;
  const auto find_or_add = [](std::vector<Subtotal>& v, SubtotalLevel level, int f, const std::string& l1,
                              const std::string& l2) -> Subtotal& {
    for (Subtotal& s : v)
      if (s.function == f && s.level1 == l1 && s.level2 == l2) return s;
    Subtotal s;
    s.level = level;
    s.function = f;
    s.level1 = l1;
    s.level2 = l2;
    v.push_back(std::move(s));
    return v.back();
  };
  for (const ScorecardRow& row : card.rows) {
    const Indicator& i = t.indicators[row.indicator];
    add(find_or_add(level2, SubtotalLevel::level2, i.function, i.level1.text, i.level2.text), row.score);
    add(find_or_add(level1, SubtotalLevel::level1, i.function, i.level1.text, {}), row.score);
    if (i.function >= 0) add(find_or_add(function, SubtotalLevel::function, i.function, {}, {}), row.score);
    if (counts(row.score.weight)) card.indicator_weight += row.score.weight;
    if (row.score.scored()) card.indicator_score += row.score.score;
    else ++card.unscored;
  }
  // Sums of 2-decimal leaves are exact at 2 decimals; rounding removes the binary noise.
  for (auto* v : {&level2, &level1, &function}) {
    for (Subtotal& s : *v) {
      s.score = round_half_up(s.score, policy.decimals);
      s.weight = round_half_up(s.weight, 6);
      s.published = round_half_up(s.published, 6);
      card.subtotals.push_back(std::move(s));
    }
  }
  card.indicator_score = round_half_up(card.indicator_score, policy.decimals);
  card.indicator_weight = round_half_up(card.indicator_weight, 6);

  // The budget row: the first line of the budget block is the total (年度资金总额).
  const SourceLocation budget_at = t.budget.empty() ? SourceLocation{} : t.budget.front().label.at;
  if (t.budget.empty()) {
    card.budget.weight = policy.weights.budget;
    report(diags, "JX426", Severity::warning,
           "the table has no budget block (年度资金总额, 全年预算数, 全年执行数): the budget-execution row "
           "(预算执行率, " + shortest(policy.weights.budget) + " points) is not scored");
  } else {
    const BudgetLine& b = t.budget.front();
    const double w = std::isnan(b.weight) ? policy.weights.budget : b.weight;
    card.budget = score_budget(b.full_year, b.executed, w, policy);
    card.budget.published = b.score;
    for (Diagnostic d : card.budget.diagnostics) {
      if (!d.span.line) {
        d.span.line = budget_at.line;
        d.span.column = budget_at.column;
        if (d.span.file.empty()) d.span.file = b.file;  // a row from the actuals file is placed there
      }
      diags.push_back(std::move(d));
    }
  }

  // Totals and grade.
  card.total_weight = round_half_up(card.indicator_weight + (counts(card.budget.weight) ? card.budget.weight : 0), 6);
  card.total = round_half_up(card.indicator_score + (card.budget.scored() ? card.budget.score : 0), policy.decimals);
  card.grade = grade(card.total, policy);
  card.published_total = t.totals.score;
  card.published_grade = trim(t.totals.grade.text);

  // Weights that do not add up.
  const double indicator_total = policy.weights.total() - policy.weights.budget;
  if (!t.indicators.empty() && std::fabs(card.indicator_weight - indicator_total) > tolerance) {
    report(diags, "JX420", Severity::warning,
           "the level-3 weights add up to " + amount(card.indicator_weight) + ", not the policy's " +
               amount(indicator_total) + " (" + policy.name + ": 产出+效益+满意度)",
           {}, "scores are computed out of the weights as given");
  }
  if (!card.weights_distributed) {
    // Each level-1 category against its parent, the policy's level-1 weight (产出 50 …): a table
    // can add up to 90 and still give 效益 40 and 产出 40.
    const bool has_satisfaction = std::any_of(t.indicators.begin(), t.indicators.end(), [](const Indicator& i) {
      return i.level1_kind == Level1::satisfaction;
    });
    const Level1Weights l1 = policy.level1_weights(has_satisfaction);
    const double expected[] = {l1.output, l1.outcome, l1.satisfaction};
    const char* names[] = {"产出指标", policy.satisfaction_in_outcome ? "效益指标+满意度指标" : "效益指标", "满意度指标"};
    double sum[] = {0, 0, 0};
    bool present[] = {false, false, false};
    SourceLocation first[3];
    for (std::size_t k = 0; k < t.indicators.size(); ++k) {
      const Pool p = pool_of(t.indicators[k].level1_kind, policy);
      if (p == Pool::none || !counts(weights[k])) continue;
      const auto n = static_cast<std::size_t>(p);
      if (!present[n]) first[n] = t.indicators[k].level1.at;
      present[n] = true;
      sum[n] += weights[k];
    }
    for (std::size_t n = 0; n < 3; ++n) {
      if (!present[n] || std::fabs(sum[n] - expected[n]) <= tolerance) continue;
      report(diags, "JX427", Severity::warning,
             std::string("the ") + names[n] + " weights add up to " + amount(sum[n]) + ", not the policy's " +
                 amount(expected[n]) + " (" + policy.name + ")",
             first[n], "scores are computed out of the weights as given");
    }
  }
  if (std::fabs(card.total_weight - 100) > tolerance) {
    report(diags, "JX421", Severity::warning,
           "the weights add up to " + amount(card.total_weight) + " (indicators " + amount(card.indicator_weight) +
               " + budget " + amount(counts(card.budget.weight) ? card.budget.weight : 0) + "), not 100",
           t.totals.at);
  }
  if (card.unscored) {
    report(diags, "JX428", Severity::warning,
           std::to_string(card.unscored) + " of " + std::to_string(card.rows.size()) +
               " indicators have no rule score and count 0 in the subtotals and the total",
           {}, "see each row's diagnostics");
  }

  // Published figures beside the rule's, never changed.  Within half a unit of the policy's last
  // decimal they are the same score (at 0 decimals, a published 9.7 is the rule's 10).
  const double same_score = 0.5 * std::pow(10.0, -std::clamp(policy.decimals, 0, 6)) + 1e-9;
  const auto differs = [&](std::size_t index, const std::string& name, const IndicatorScore& s) {
    if (std::isnan(s.published)) return;
    if (s.scored() && std::fabs(s.published - s.score) <= same_score) return;
    ScoreDifference d;
    d.indicator = index;
    d.name = name;
    d.published = s.published;
    d.rule = s.score;
    d.difference = s.scored() ? round_half_up(s.published - s.score, 6) : nan;
    card.differences.push_back(std::move(d));
  };
  double published_sum = 0;
  bool any_published = false;
  for (const ScorecardRow& row : card.rows) {
    differs(row.indicator, t.indicators[row.indicator].name.text, row.score);
    if (!std::isnan(row.score.published)) {
      published_sum += row.score.published;
      any_published = true;
    }
  }
  differs(ScoreDifference::budget_row, "预算执行率", card.budget);
  if (!std::isnan(card.budget.published)) {
    published_sum += card.budget.published;
    any_published = true;
  }
  if (!std::isnan(card.published_total) && any_published &&
      std::fabs(card.published_total - published_sum) > tolerance) {
    report(diags, "JX422", Severity::warning,
           "the published total (得分合计) " + amount(card.published_total) +
               " differs from the sum of the published scores " + amount(published_sum),
           t.totals.at);
  }
  if (!card.published_grade.empty() && policy.grades) {
    const std::optional<Grade> published = read_grade(card.published_grade);
    if (!published) {
      report(diags, "JX423", Severity::warning,
             "the published grade `" + card.published_grade + "` is not one of 优, 良, 中, 差", t.totals.at);
    } else if (card.grade && *published != *card.grade) {
      report(diags, "JX423", Severity::warning,
             "the published grade " + card.published_grade + " differs from the grade of the rule total " +
                 amount(card.total) + " (" + std::string(chinese_name(*card.grade)) + ")",
             t.totals.at);
    }
  }
  return card;
}

std::vector<const Subtotal*> Scorecard::subtotals_at(SubtotalLevel level) const& {
  std::vector<const Subtotal*> out;
  for (const Subtotal& s : subtotals)
    if (s.level == level) out.push_back(&s);
  return out;
}

bool Scorecard::ok() const noexcept {
  return !has_errors(diagnostics);
}

std::string_view to_string(WeightSource s) noexcept {
  switch (s) {
    case WeightSource::table: return "table";
    case WeightSource::policy: return "policy";
    case WeightSource::none: return "none";
  }
  return "";
}

std::string_view to_string(SubtotalLevel l) noexcept {
  switch (l) {
    case SubtotalLevel::level2: return "level2";
    case SubtotalLevel::level1: return "level1";
    case SubtotalLevel::function: return "function";
  }
  return "";
}

}  // namespace jixiao
