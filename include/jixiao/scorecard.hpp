// jixiao: budget performance management (预算绩效管理) for C++ and Python.
// SPDX-License-Identifier: MIT
#ifndef JIXIAO_SCORECARD_HPP
#define JIXIAO_SCORECARD_HPP

/// \file
/// A whole self-evaluation table (绩效自评表) scored by the rules: every indicator, subtotals per
/// level 2, level 1 and function, the budget-execution row, the total and the grade, with the
/// published scores kept beside the rule scores and every difference listed.  docs/scoring.md
/// (*Scorecard*) describes how weights are found and how totals are added.

#include <jixiao/diagnostic.hpp>
#include <jixiao/score.hpp>
#include <jixiao/table.hpp>

#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace jixiao {

/// Where an indicator's weight came from.
enum class WeightSource : std::uint8_t {
  table,   ///< the table's 分值
  policy,  ///< distributed from the policy's level-1 weights (the table gives none)
  none,    ///< neither: the row is not scored (JX407 or JX425)
};

/// One indicator of the scorecard.
struct ScorecardRow {
  std::size_t indicator = 0;  ///< index into `Table::indicators`
  WeightSource weight_source = WeightSource::none;
  IndicatorScore score;       ///< rule score, weight, published score, explanation, diagnostics
};

/// What a subtotal adds up.
enum class SubtotalLevel : std::uint8_t {
  level2,    ///< 二级指标 (within its level 1 and function)
  level1,    ///< 一级指标 (within its function)
  function,  ///< 核心职能 (department tables only)
};

/// The sum of the rounded leaf scores below one node of the tree.
struct Subtotal {
  static constexpr double nan = std::numeric_limits<double>::quiet_NaN();

  SubtotalLevel level = SubtotalLevel::level2;
  int function = -1;          ///< index into `Table::functions`, -1 when the table has none
  std::string level1;         ///< 一级指标 as written (empty for a function subtotal)
  std::string level2;         ///< 二级指标 as written (empty above level 2)
  double weight = 0;          ///< sum of the weights used
  double score = 0;           ///< sum of the rule scores (an unscored row adds 0)
  double published = nan;     ///< sum of the published scores, NaN when none is published
  std::size_t indicators = 0; ///< rows below
  std::size_t unscored = 0;   ///< rows below without a rule score
};

/// A published score that differs from the rule score by more than 0.005, or a published score
/// on a row the rules cannot score (`rule` NaN).
struct ScoreDifference {
  static constexpr std::size_t budget_row = static_cast<std::size_t>(-1);

  std::size_t indicator = budget_row;  ///< index into `Table::indicators`; `budget_row` for 预算执行率
  std::string name;                     ///< 三级指标 name, or 预算执行率
  double published = 0;
  double rule = 0;                      ///< NaN when the row has no rule score
  double difference = 0;                ///< published − rule (NaN when the row has no rule score)
};

/// A self-evaluation table scored by the rules.
///
/// Totals are sums of the rounded leaves (domain.md §4); a row without a rule score adds 0 and is
/// counted in `unscored` (JX428), so the total is a lower bound until it is fixed.
struct Scorecard {
  static constexpr double nan = std::numeric_limits<double>::quiet_NaN();

  ScoringPolicy policy;              ///< the policy used
  bool weights_distributed = false;  ///< the table gave no weights; they came from the policy (JX424)
  std::vector<ScorecardRow> rows;    ///< one per indicator, in the table's order
  std::vector<Subtotal> subtotals;   ///< level-2, level-1 and function subtotals, in order of first row
  IndicatorScore budget;             ///< 预算执行率 from `Table::budget`'s first line (not scored: JX426)
  double indicator_weight = 0;       ///< sum of the level-3 weights used
  double indicator_score = 0;        ///< sum of the level-3 rule scores
  double total_weight = 0;           ///< indicators + budget
  double total = 0;                  ///< indicators + budget: the rule total (得分合计)
  std::size_t unscored = 0;          ///< level-3 rows without a rule score
  std::optional<Grade> grade;        ///< of `total`; nothing when the policy has none (Hubei)
  double published_total = nan;      ///< 得分合计 as the table gives it, never changed
  std::string published_grade;       ///< 评级 as the table gives it
  std::vector<ScoreDifference> differences;  ///< published ≠ rule, indicators in order, then budget
  /// Every row's diagnostics (file left empty, lines from the table) and the card's own (JX420–JX439).
  std::vector<Diagnostic> diagnostics;

  /// The subtotals of one level.
  std::vector<const Subtotal*> subtotals_at(SubtotalLevel level) const&;
  /// Pointers into a temporary would dangle (`score_table(t).subtotals_at(…)`): keep the card.
  std::vector<const Subtotal*> subtotals_at(SubtotalLevel level) && = delete;
  /// True when no diagnostic is an error.
  bool ok() const noexcept;
};

/// Scores a self-evaluation table: each indicator by `score_indicator` out of its weight (the
/// table's 分值, or when no row has one, the policy's level-1 weights spread equally over the
/// level-2 groups of each level 1 and then equally over their indicators), subtotals, the budget
/// row (`score_budget` on the first budget line, weight from the table or else the policy), the
/// total and the grade.  Published scores are kept beside and compared.  Never throws on input;
/// reports JX420–JX430 besides the rows' own JX401–JX417 (JX430, an error: no indicators at all).
///
/// \code
/// auto read = jixiao::read_table("tests/data/tables/self-evaluation.tsv");
/// auto card = jixiao::score_table(read.table);
/// // card.rows[2].score.score == 9.05 (8120 / 8973 × 10), card.budget.score == 9.54,
/// // card.grade == Grade::excellent
/// \endcode
[[nodiscard]] Scorecard score_table(const Table& table, const ScoringPolicy& policy = ScoringPolicy::mof2020());

/// `table`, `policy`, `none`.
std::string_view to_string(WeightSource s) noexcept;
/// `level2`, `level1`, `function`.
std::string_view to_string(SubtotalLevel l) noexcept;

}  // namespace jixiao

#endif  // JIXIAO_SCORECARD_HPP
