// jixiao: budget performance management (预算绩效管理) for C++ and Python.
// SPDX-License-Identifier: MIT
#ifndef JIXIAO_AGGREGATE_HPP
#define JIXIAO_AGGREGATE_HPP

/// \file
/// Batch scoring (批量评分) with Eigen: N entities (departments, years, scenarios) × M indicator
/// columns scored in one pass, rolled up through the indicator tree by sparse aggregation
/// matrices (indicator → 二级指标 → 一级指标 → total), graded and ranked, under K weight policies
/// at once.  The numbers are those of `score_table` (a test checks it on every test table);
/// docs/scoring.md (*Batch scoring*) describes the arrays.
///
/// This is the one public header that needs Eigen (3.3 or later).

#include <jixiao/score.hpp>
#include <jixiao/scorecard.hpp>
#include <jixiao/table.hpp>

#include <Eigen/Core>
#include <Eigen/SparseCore>

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace jixiao {

/// A dense matrix in row-major order: one row per entity, as numpy lays out a C-order array,
/// so that arrays from Python pass without a copy.
using RowMatrix = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

/// How an indicator column is scored (the `kinds` array).
enum class BatchKind : std::int8_t {
  quantity = 0,  ///< target T and actual A, by the column's direction
  range = 1,     ///< inside [T, upper] → full marks (docs/scoring.md, *Ranges*)
  fraction = 2,  ///< the actual is the fraction of the weight already earned: qualitative tiers
                 ///< (0.7 for 部分达成 at the default point), deadlines (1 on time, 0 late);
                 ///< outside [0, 1] the cell is masked
};

/// Which way a quantity column counts (the `directions` array).
enum class BatchDirection : std::int8_t {
  lower_is_better = -1,  ///< ≤: the policy's reverse rule above T
  equal = 0,             ///< =: the policy's `equal` rule; a target of 0 is always exact
  higher_is_better = 1,  ///< ≥, or no comparator
};

/// The columns of a batch and the tree above them (指标体系): the kind and direction of each of
/// the M columns, the level-2 group each column belongs to, and the level-1 group of each
/// level-2 group.  Groups are numbered from 0; names are labels for reports.
///
/// \code
/// jixiao::BatchLayout l;   // 产出/数量 (2 columns), 效益/社会效益 (1 column)
/// l.kinds = {BatchKind::quantity, BatchKind::quantity, BatchKind::fraction};
/// l.directions = {BatchDirection::higher_is_better, BatchDirection::lower_is_better,
///                 BatchDirection::higher_is_better};
/// l.level2 = {0, 0, 1};
/// l.level1 = {0, 1};
/// \endcode
struct BatchLayout {
  std::vector<BatchKind> kinds;             ///< M
  std::vector<BatchDirection> directions;   ///< M (read for quantity columns only)
  std::vector<int> level2;                  ///< M: level-2 group of each column
  std::vector<int> level1;                  ///< G2: level-1 group of each level-2 group
  std::vector<std::string> level2_names;    ///< G2, or empty
  std::vector<std::string> level1_names;    ///< G1, or empty

  std::size_t columns() const noexcept { return kinds.size(); }
  std::size_t level2_groups() const noexcept { return level1.size(); }
  /// One more than the highest level-1 group number.
  std::size_t level1_groups() const noexcept;

  /// Throws std::invalid_argument naming the first inconsistency: sizes that differ, a group
  /// number out of range, a name list of the wrong length.
  void validate() const;

  /// G2 × M: entry (g, j) is 1 when column j belongs to level-2 group g.
  Eigen::SparseMatrix<double> level2_matrix() const;
  /// G1 × G2: entry (h, g) is 1 when level-2 group g belongs to level-1 group h.
  Eigen::SparseMatrix<double> level1_matrix() const;
};

/// Scores of one policy for all N entities.  A cell that cannot be scored (NaN target, actual
/// or weight; a negative or infinite weight; a negative target; a range without its upper end; a fraction outside
/// [0, 1]) is NaN in `leaf`,
/// counts 0 in the sums and 1 in `unscored`: masked, never taken for a score of 0.
struct BatchResult {
  std::string policy;            ///< the policy's name
  RowMatrix leaf;                ///< N × M rule scores, rounded as the policy says; NaN = masked
  RowMatrix level2;              ///< N × G2 subtotals (sums of rounded leaves, rounded)
  RowMatrix level1;              ///< N × G1
  Eigen::VectorXd budget;        ///< N budget-execution scores; NaN when not scored or not given
  Eigen::VectorXd total;         ///< N: level 1 + budget, rounded
  Eigen::VectorXi unscored;      ///< N: masked leaves
  /// N: 0 优, 1 良, 2 中, 3 差 (`Grade`'s order), -1 when the policy has no grades (Hubei).
  Eigen::Matrix<std::int8_t, Eigen::Dynamic, 1> grade;
  Eigen::VectorXi rank;          ///< N: 1 for the highest total; equal totals share a rank (1, 2, 2, 4)
};

/// Scores N entities × M columns under K policies.
///
/// `targets`, `actuals` (and `uppers` when a column is a range) are N × M; `weights` is K × M,
/// row k the column weights under `policies[k]`.  The budget row is scored when
/// `budget_full_year` and `budget_executed` (N each, 万元 or any one unit) are given, out of
/// `budget_weights[k]` (K; default: each policy's `weights.budget`).  Arrays are read in place
/// (Eigen::Ref: no copy of a row-major array).  Throws std::invalid_argument when the shapes do
/// not agree with each other or with `layout`.  Single-threaded; one pass over the inputs per
/// policy, eight rows at a time, vectorised for the processor it runs on (docs/scoring.md).
///
/// \code
/// auto results = jixiao::score_batch(layout, targets, actuals, weights,
///                                    {ScoringPolicy::mof2020(), ScoringPolicy::hubei()});
/// results[1].total;   // what the totals would be under the Hubei weights
/// \endcode
[[nodiscard]] std::vector<BatchResult> score_batch(
    const BatchLayout& layout, const Eigen::Ref<const RowMatrix>& targets, const Eigen::Ref<const RowMatrix>& actuals,
    const Eigen::Ref<const RowMatrix>& weights, const std::vector<ScoringPolicy>& policies,
    const Eigen::Ref<const RowMatrix>& uppers = RowMatrix(),
    const Eigen::Ref<const Eigen::VectorXd>& budget_full_year = Eigen::VectorXd(),
    const Eigen::Ref<const Eigen::VectorXd>& budget_executed = Eigen::VectorXd(),
    const Eigen::Ref<const Eigen::VectorXd>& budget_weights = Eigen::VectorXd());

/// Same, into `results` (resized to K): storage of the right size is reused, so that scoring
/// batch after batch of one shape allocates nothing after the first.
void score_batch(const BatchLayout& layout, const Eigen::Ref<const RowMatrix>& targets,
                 const Eigen::Ref<const RowMatrix>& actuals, const Eigen::Ref<const RowMatrix>& weights,
                 const std::vector<ScoringPolicy>& policies, std::vector<BatchResult>& results,
                 const Eigen::Ref<const RowMatrix>& uppers = RowMatrix(),
                 const Eigen::Ref<const Eigen::VectorXd>& budget_full_year = Eigen::VectorXd(),
                 const Eigen::Ref<const Eigen::VectorXd>& budget_executed = Eigen::VectorXd(),
                 const Eigen::Ref<const Eigen::VectorXd>& budget_weights = Eigen::VectorXd());

/// A table as a batch of one: its scorecard's rows turned into the arrays `score_batch` takes,
/// with the tree of its subtotals (level-2 and level-1 groups in the scorecard's order).
/// Quantitative rows give the numbers their rule compared (`IndicatorScore::target_value` …),
/// tier and deadline rows the fraction they earned, unscored rows NaN.
struct TableBatch {
  BatchLayout layout;
  RowMatrix targets, actuals, uppers;  ///< 1 × M
  RowMatrix weights;                   ///< 1 × M: the weights the scorecard used
  Eigen::VectorXd budget_full_year, budget_executed, budget_weights;  ///< 1 each, or empty
};

/// The batch of one for `table` as scored in `card` (from `score_table(table, policy)`).
///
/// \code
/// auto card = jixiao::score_table(table);
/// auto b = jixiao::table_batch(table, card);
/// auto r = jixiao::score_batch(b.layout, b.targets, b.actuals, b.weights, {card.policy}, b.uppers,
///                              b.budget_full_year, b.budget_executed, b.budget_weights);
/// // r[0].total(0) == card.total
/// \endcode
[[nodiscard]] TableBatch table_batch(const Table& table, const Scorecard& card);

}  // namespace jixiao

#endif  // JIXIAO_AGGREGATE_HPP
