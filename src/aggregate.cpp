// jixiao: budget performance management (预算绩效管理) for C++ and Python.
// SPDX-License-Identifier: MIT
//
// Batch scoring.  The rules are those of rule_fraction and score_budget (score.cpp), written
// once more as loops over arrays: per policy, the rule of each column is decided once, then the
// inputs are read in blocks of rows small enough to stay in cache while the block's leaves are
// scored, summed through the sparse tree matrices, graded and written.  Rounding takes a fast
// path that gives round_half_up's result bit for bit, falling back to it near a tie.
#include <jixiao/aggregate.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <numeric>
#include <optional>
#include <stdexcept>
#include <string>
#include <tuple>
#include <utility>

namespace jixiao {
namespace {

constexpr double nan = std::numeric_limits<double>::quiet_NaN();

// The scoring loops are compiled for AVX-512, AVX2 and the baseline, the best chosen at load
// time (GCC/Clang function multiversioning): wider vectors divide more cells at once.  The
// arithmetic is the same IEEE operations in every clone (no FMA contraction: aggregate.cpp is
// compiled with -ffp-contract=off), so every clone gives the same doubles.
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__)) && !defined(JIXIAO_NO_CLONES)
#define JIXIAO_VECTOR_CLONES __attribute__((target_clones("avx512f", "avx2", "default")))
#else
#define JIXIAO_VECTOR_CLONES
#endif
#if defined(__GNUC__) || defined(__clang__)
#define JIXIAO_INLINE inline __attribute__((always_inline))
#else
#define JIXIAO_INLINE inline
#endif
/// Rows per block: the block's sums buffer (64 × M) stays in L1/L2 between scoring and roll-up.
constexpr Eigen::Index block_rows = 64;
/// How many rows ahead the sparse reads of `uppers` are prefetched.
constexpr Eigen::Index prefetch_rows = 16;

inline void prefetch(const double* p) noexcept {
#if defined(__GNUC__) || defined(__clang__)
  __builtin_prefetch(p);
#else
  (void)p;
#endif
}

[[noreturn]] void misuse(const std::string& what) { throw std::invalid_argument("jixiao::score_batch: " + what); }

/// round_half_up for a non-negative x (a weight times a fraction) in a form the compiler can
/// vectorise: adding and taking away 2^52 rounds y = x × 10^d to the nearest integer, which is
/// half-up wherever y is not within a hair of a half.  Where it may be (or where y is too large
/// for the trick) the result is -1, never a score: round_half_up, which reads the 15-digit
/// decimal, then decides.  The division by 10^d is correctly rounded, as round_half_up's decimal
/// parse is, so both give the same double.  NaN stays NaN.
struct FastRound {
  double scale;
  JIXIAO_INLINE double operator()(double x) const noexcept {
    const double y = x * scale;
    const double rn = (y + 0x1p52) - 0x1p52;
    const double d = y - rn;
    const bool near = (0.5 - std::fabs(d) <= y * 1e-13 + 1e-12) || y >= 1e12;
    const double r = rn / scale;
    return near ? -1.0 : r;
  }
};

/// The rule of one column under one policy, decided before the loops.
enum class Rule : std::uint8_t {
  higher,         ///< A ≥ T → 1, else A / T
  lower_linear,   ///< A ≤ T → 1, else max(0, 1 − (A − T) / T)
  lower_ratio,    ///< A ≤ T → 1, else T / A
  lower_binary,   ///< A ≤ T → 1, else 0
  exact,          ///< A = T (relative 1e-9) → 1; T = 0: A ≤ 0 → 1
  equal_at_least, ///< "=" read as higher, except T = 0: exact
  range_linear,   ///< range; above: linear on the upper end
  range_ratio,
  range_binary,
  fraction,       ///< A is the fraction
};

Rule rule_of(BatchKind kind, BatchDirection dir, const ScoringPolicy& p) {
  const auto pick = [&p](Rule linear, Rule ratio, Rule binary) {
    switch (p.reverse) {
      case ReverseRule::linear: return linear;
      case ReverseRule::ratio: return ratio;
      case ReverseRule::binary: break;
    }
    return binary;
  };
  switch (kind) {
    case BatchKind::fraction: return Rule::fraction;
    case BatchKind::range: return pick(Rule::range_linear, Rule::range_ratio, Rule::range_binary);
    case BatchKind::quantity: break;
  }
  switch (dir) {
    case BatchDirection::higher_is_better: return Rule::higher;
    case BatchDirection::lower_is_better: return pick(Rule::lower_linear, Rule::lower_ratio, Rule::lower_binary);
    case BatchDirection::equal: break;
  }
  return p.equal == EqualRule::exact ? Rule::exact : Rule::equal_at_least;
}

/// Each column's rule as 0/1 masks, one array per rule, so that a row is one loop over all its
/// columns whatever their rules: the loop computes every rule's value for each cell and selects.
struct ColumnMasks {
  std::vector<double> weight;  ///< the column's weight; NaN when it cannot be scored (JX407)
  std::vector<double> fraction, higher, lower, exact, equal_at_least, range;
  std::vector<Rule> rule;      ///< for the near-tie path

  void assign(const BatchLayout& layout, const ScoringPolicy& policy, const double* weights) {
    const std::size_t m = layout.columns();
    for (auto* v : {&weight, &fraction, &higher, &lower, &exact, &equal_at_least, &range}) v->assign(m, 0.0);
    rule.assign(m, Rule::higher);
    for (std::size_t j = 0; j < m; ++j) {
      const Rule r = rule_of(layout.kinds[j], layout.directions[j], policy);
      rule[j] = r;
      weight[j] = weights[j] >= 0 ? weights[j] : nan;
      switch (r) {
        case Rule::fraction: fraction[j] = 1; break;
        case Rule::higher: higher[j] = 1; break;
        case Rule::lower_linear:
        case Rule::lower_ratio:
        case Rule::lower_binary: lower[j] = 1; break;
        case Rule::exact: exact[j] = 1; break;
        case Rule::equal_at_least: equal_at_least[j] = 1; break;
        case Rule::range_linear:
        case Rule::range_ratio:
        case Rule::range_binary: range[j] = 1; break;
      }
    }
  }
};

/// One row, every column, for the policy's reverse rule `Rev`.  Each rule's value is that of
/// rule_fraction, computed with the same operations: NaN inputs and negative targets give NaN,
/// then a negative actual gives 0, then the rule; over a limit L (T for ≤, the upper end for
/// ranges) the reverse rule.  No branch and no reduction the compiler cannot vectorise.
/// Returns the number of cells FastRound could not settle (marked -1 in `leaf`).
template <ReverseRule Rev>
JIXIAO_INLINE std::int64_t score_cells(const ColumnMasks& c, const double* __restrict t, const double* __restrict a,
                                       const double* __restrict u, double* __restrict leaf,
                                       double* __restrict summed, Eigen::Index m, FastRound fast,
                                       std::int64_t& masked) noexcept {
  const double* __restrict w = c.weight.data();
  const double* __restrict fr = c.fraction.data();
  const double* __restrict hi = c.higher.data();
  const double* __restrict lo = c.lower.data();
  const double* __restrict ex = c.exact.data();
  const double* __restrict eq = c.equal_at_least.data();
  const double* __restrict rg = c.range.data();
  std::int64_t near = 0;
  std::int64_t nan_cells = 0;
  for (Eigen::Index j = 0; j < m; ++j) {
    const double tj = t[j];
    const double aj = a[j];
    const double uj = u[j];
    const bool is_range = rg[j] != 0;  // loaded first: no load may sit under a condition
    const double limit = is_range ? uj : tj;
    const double q = aj / tj;
    double over;
    if constexpr (Rev == ReverseRule::linear) {
      const double d = (aj - limit) / limit;
      over = limit == 0 ? 0.0 : std::max(0.0, 1 - d);
    } else if constexpr (Rev == ReverseRule::ratio) {
      over = limit / aj;
    } else {
      over = 0.0;
    }
    const double above = aj <= limit ? 1.0 : over;
    const double higher = aj >= tj ? 1.0 : q;
    const double exact_near = std::fabs(aj - tj) <= 1e-9 * std::max(1.0, std::fabs(tj)) ? 1.0 : 0.0;
    const double exact = tj == 0 ? (aj <= 0 ? 1.0 : 0.0) : exact_near;
    const double equal = tj == 0 ? exact : higher;
    double range = aj < tj ? q : above;
    range = ((uj != uj) | (uj < tj)) ? nan : range;
    const double m_hi = hi[j], m_lo = lo[j], m_ex = ex[j], m_eq = eq[j], m_fr = fr[j];
    double f = m_eq != 0 ? equal : range;
    f = m_ex != 0 ? exact : f;
    f = m_lo != 0 ? above : f;
    f = m_hi != 0 ? higher : f;
    f = aj < 0 ? 0.0 : f;
    f = ((tj != tj) | (aj != aj) | (tj < 0)) ? nan : f;
    // A fraction already earned lies in [0, 1]; anything else is not a score (masked).
    const double earned = ((aj >= 0) & (aj <= 1)) ? aj : nan;
    f = m_fr != 0 ? earned : f;
    // FastRound, spelled out so that its tie test feeds the count.
    const double y = w[j] * f * fast.scale;
    const double rn = (y + 0x1p52) - 0x1p52;
    const double dist = y - rn;
    const bool tie = (0.5 - std::fabs(dist) <= y * 1e-13 + 1e-12) | (y >= 1e12);
    const double s = rn / fast.scale;
    leaf[j] = tie ? -1.0 : s;
    summed[j] = s == s ? s : 0.0;
    near += tie;
    nan_cells += s != s;
  }
  masked += nan_cells;
  return near;
}

/// The fraction rule_fraction gives a cell of rule `r`: the reference the fast loop matches,
/// used where FastRound cannot settle the rounding.
double reference_fraction(Rule r, double t, double a, double u, const ScoringPolicy& policy) noexcept {
  switch (r) {
    case Rule::fraction: return (a >= 0 && a <= 1) ? a : nan;
    case Rule::higher: return rule_fraction(ScoreMethod::higher_is_better, t, a, policy);
    case Rule::lower_linear:
    case Rule::lower_ratio:
    case Rule::lower_binary: return rule_fraction(ScoreMethod::lower_is_better, t, a, policy);
    case Rule::exact: return rule_fraction(ScoreMethod::exact, t, a, policy);
    case Rule::equal_at_least:
      return rule_fraction(t == 0 ? ScoreMethod::exact : ScoreMethod::higher_is_better, t, a, policy);
    case Rule::range_linear:
    case Rule::range_ratio:
    case Rule::range_binary: return rule_fraction(ScoreMethod::range, t, a, policy, u);
  }
  return nan;
}

/// One entity's cells; returns the masked ones and counts in `near` the cells left for
/// round_half_up.  The function the clones are of.
JIXIAO_VECTOR_CLONES
int score_row(const ColumnMasks& c, ReverseRule rev, const double* t, const double* a, const double* u, double* leaf,
              double* summed, Eigen::Index m, FastRound fast, std::int64_t& near) noexcept {
  std::int64_t masked = 0;
  switch (rev) {
    case ReverseRule::linear: near = score_cells<ReverseRule::linear>(c, t, a, u, leaf, summed, m, fast, masked); break;
    case ReverseRule::ratio: near = score_cells<ReverseRule::ratio>(c, t, a, u, leaf, summed, m, fast, masked); break;
    case ReverseRule::binary: near = score_cells<ReverseRule::binary>(c, t, a, u, leaf, summed, m, fast, masked); break;
  }
  return static_cast<int>(masked);
}

/// out = S · x for a compressed row-major S whose entries are all 1 (the tree matrices).
void sparse_times(const Eigen::SparseMatrix<double, Eigen::RowMajor>& s, const double* x, double* out) noexcept {
  const auto* outer = s.outerIndexPtr();
  const auto* inner = s.innerIndexPtr();
  const double* value = s.valuePtr();
  for (Eigen::Index g = 0; g < s.outerSize(); ++g) {
    double sum = 0;
    for (auto k = outer[g]; k < outer[g + 1]; ++k) sum += value[k] * x[inner[k]];
    out[g] = sum;
  }
}

/// Ranks by total, highest first, equal totals sharing the better rank (1, 2, 2, 4).  Totals
/// are rounded to `decimals` places, so they are integers in units of 10^-decimals: a counting
/// sort when their range is small, a comparison sort otherwise.
void rank_totals(const Eigen::VectorXd& total, int decimals, Eigen::VectorXi& rank) {
  const Eigen::Index n = total.size();
  rank.resize(n);
  if (n == 0) return;
  const double scale = std::pow(10.0, decimals);
  const double lo = total.minCoeff();
  const double hi = total.maxCoeff();
  const double span = (hi - lo) * scale;
  if (span < static_cast<double>(4 * n + 1024) && span < 1e8) {
    const auto buckets = static_cast<std::size_t>(std::llround(span)) + 1;
    std::vector<int> above(buckets + 1, 0);  // above[k]: entities with a key greater than k
    std::vector<std::size_t> key(static_cast<std::size_t>(n));
    for (Eigen::Index i = 0; i < n; ++i) {
      key[static_cast<std::size_t>(i)] = static_cast<std::size_t>(std::llround((total(i) - lo) * scale));
      ++above[key[static_cast<std::size_t>(i)]];
    }
    int greater = 0;
    for (std::size_t k = buckets; k-- > 0;) {
      const int here = above[k];
      above[k] = greater;
      greater += here;
    }
    for (Eigen::Index i = 0; i < n; ++i) rank(i) = above[key[static_cast<std::size_t>(i)]] + 1;
    return;
  }
  std::vector<Eigen::Index> order(static_cast<std::size_t>(n));
  std::iota(order.begin(), order.end(), Eigen::Index{0});
  std::sort(order.begin(), order.end(), [&total](Eigen::Index a, Eigen::Index b) { return total(a) > total(b); });
  for (std::size_t p = 0; p < order.size(); ++p) {
    const Eigen::Index e = order[p];
    rank(e) = (p > 0 && total(e) == total(order[p - 1])) ? rank(order[p - 1]) : static_cast<int>(p + 1);
  }
}

void check_shapes(const BatchLayout& layout, const Eigen::Ref<const RowMatrix>& targets,
                  const Eigen::Ref<const RowMatrix>& actuals, const Eigen::Ref<const RowMatrix>& weights,
                  const std::vector<ScoringPolicy>& policies, const Eigen::Ref<const RowMatrix>& uppers,
                  const Eigen::Ref<const Eigen::VectorXd>& full_year, const Eigen::Ref<const Eigen::VectorXd>& executed,
                  const Eigen::Ref<const Eigen::VectorXd>& budget_weights) {
  layout.validate();
  const auto m = static_cast<Eigen::Index>(layout.columns());
  const auto shape = [](const auto& x) { return std::to_string(x.rows()) + " × " + std::to_string(x.cols()); };
  if (targets.cols() != m) misuse("targets are " + shape(targets) + " but the layout has " + std::to_string(m) + " columns");
  if (actuals.rows() != targets.rows() || actuals.cols() != m)
    misuse("actuals are " + shape(actuals) + ", targets " + shape(targets) + ": they must have the same shape");
  if (weights.rows() != static_cast<Eigen::Index>(policies.size()) || weights.cols() != m)
    misuse("weights are " + shape(weights) + "; they must be K × M = " + std::to_string(policies.size()) + " × " +
           std::to_string(m) + " (one row per policy)");
  if (policies.empty()) misuse("no policy given");
  const bool has_range = std::find(layout.kinds.begin(), layout.kinds.end(), BatchKind::range) != layout.kinds.end();
  if (uppers.size() != 0 && (uppers.rows() != targets.rows() || uppers.cols() != m))
    misuse("uppers are " + shape(uppers) + ", targets " + shape(targets) + ": they must have the same shape");
  if (has_range && uppers.size() == 0 && targets.rows() != 0) misuse("a range column needs the uppers array");
  if (full_year.size() != executed.size())
    misuse("budget_full_year has " + std::to_string(full_year.size()) + " entries, budget_executed " +
           std::to_string(executed.size()));
  if (full_year.size() != 0 && full_year.size() != targets.rows())
    misuse("the budget arrays have " + std::to_string(full_year.size()) + " entries for " +
           std::to_string(targets.rows()) + " entities");
  if (budget_weights.size() != 0 && budget_weights.size() != static_cast<Eigen::Index>(policies.size()))
    misuse("budget_weights has " + std::to_string(budget_weights.size()) + " entries for " +
           std::to_string(policies.size()) + " policies");
}

}  // namespace

std::size_t BatchLayout::level1_groups() const noexcept {
  int most = -1;
  for (int g : level1) most = std::max(most, g);
  return static_cast<std::size_t>(most + 1);
}

void BatchLayout::validate() const {
  const auto fail = [](const std::string& what) { throw std::invalid_argument("jixiao::BatchLayout: " + what); };
  const std::size_t m = kinds.size();
  if (directions.size() != m || level2.size() != m)
    fail("kinds, directions and level2 must have one entry per column (" + std::to_string(kinds.size()) + ", " +
         std::to_string(directions.size()) + ", " + std::to_string(level2.size()) + ")");
  for (std::size_t j = 0; j < m; ++j) {
    const auto k = static_cast<int>(kinds[j]);
    const auto d = static_cast<int>(directions[j]);
    if (k < 0 || k > 2) fail("kinds[" + std::to_string(j) + "] is " + std::to_string(k) + ", not 0, 1 or 2");
    if (d < -1 || d > 1) fail("directions[" + std::to_string(j) + "] is " + std::to_string(d) + ", not -1, 0 or 1");
    if (level2[j] < 0 || static_cast<std::size_t>(level2[j]) >= level1.size())
      fail("level2[" + std::to_string(j) + "] is " + std::to_string(level2[j]) + " but there are " +
           std::to_string(level1.size()) + " level-2 groups");
  }
  for (std::size_t g = 0; g < level1.size(); ++g)
    if (level1[g] < 0) fail("level1[" + std::to_string(g) + "] is negative");
  if (!level2_names.empty() && level2_names.size() != level1.size())
    fail("level2_names has " + std::to_string(level2_names.size()) + " names for " + std::to_string(level1.size()) +
         " groups");
  if (!level1_names.empty() && level1_names.size() != level1_groups())
    fail("level1_names has " + std::to_string(level1_names.size()) + " names for " +
         std::to_string(level1_groups()) + " groups");
}

Eigen::SparseMatrix<double> BatchLayout::level2_matrix() const {
  std::vector<Eigen::Triplet<double>> entries;
  entries.reserve(level2.size());
  for (std::size_t j = 0; j < level2.size(); ++j)
    entries.emplace_back(level2[j], static_cast<int>(j), 1.0);
  Eigen::SparseMatrix<double> s(static_cast<Eigen::Index>(level1.size()), static_cast<Eigen::Index>(level2.size()));
  s.setFromTriplets(entries.begin(), entries.end());
  return s;
}

Eigen::SparseMatrix<double> BatchLayout::level1_matrix() const {
  std::vector<Eigen::Triplet<double>> entries;
  entries.reserve(level1.size());
  for (std::size_t g = 0; g < level1.size(); ++g) entries.emplace_back(level1[g], static_cast<int>(g), 1.0);
  Eigen::SparseMatrix<double> s(static_cast<Eigen::Index>(level1_groups()), static_cast<Eigen::Index>(level1.size()));
  s.setFromTriplets(entries.begin(), entries.end());
  return s;
}

void score_batch(const BatchLayout& layout, const Eigen::Ref<const RowMatrix>& targets,
                 const Eigen::Ref<const RowMatrix>& actuals, const Eigen::Ref<const RowMatrix>& weights,
                 const std::vector<ScoringPolicy>& policies, std::vector<BatchResult>& results,
                 const Eigen::Ref<const RowMatrix>& uppers, const Eigen::Ref<const Eigen::VectorXd>& budget_full_year,
                 const Eigen::Ref<const Eigen::VectorXd>& budget_executed,
                 const Eigen::Ref<const Eigen::VectorXd>& budget_weights) {
  check_shapes(layout, targets, actuals, weights, policies, uppers, budget_full_year, budget_executed, budget_weights);
  const Eigen::Index n = targets.rows();
  const auto m = static_cast<Eigen::Index>(layout.columns());
  const auto g2 = static_cast<Eigen::Index>(layout.level2_groups());
  const auto g1 = static_cast<Eigen::Index>(layout.level1_groups());
  // Transposed, so that a block of rows (b × M) times the matrix gives the block's sums (b × G2).
  // The tree as sparse aggregation matrices in compressed rows: row g of `level2` lists the
  // columns of level-2 group g, row h of `level1` the level-2 groups of level-1 group h.
  Eigen::SparseMatrix<double, Eigen::RowMajor> level2 = layout.level2_matrix();
  Eigen::SparseMatrix<double, Eigen::RowMajor> level1 = layout.level1_matrix();
  level2.makeCompressed();
  level1.makeCompressed();
  const bool has_budget = budget_full_year.size() != 0;
  const double* up = uppers.size() != 0 ? uppers.data() : nullptr;

  results.resize(policies.size());
  RowMatrix summed(block_rows, m);  // the block's leaves with masked cells as 0: what is added up
  RowMatrix l2(block_rows, g2);
  RowMatrix l1(block_rows, g1);
  ColumnMasks columns;
  std::vector<double> column_weights(static_cast<std::size_t>(m));
  for (std::size_t k = 0; k < policies.size(); ++k) {
    const ScoringPolicy& policy = policies[k];
    const int decimals = std::clamp(policy.decimals, 0, 6);
    const FastRound fast{std::pow(10.0, decimals)};
    const auto round = [&fast, decimals](double x) {
      const double r = fast(x);
      return r < 0 ? round_half_up(x, decimals) : r;
    };
    for (Eigen::Index j = 0; j < m; ++j) column_weights[static_cast<std::size_t>(j)] = weights(static_cast<Eigen::Index>(k), j);
    columns.assign(layout, policy, column_weights.data());
    const bool any_range = std::any_of(columns.range.begin(), columns.range.end(), [](double x) { return x != 0; });
    const double budget_weight =
        budget_weights.size() ? budget_weights(static_cast<Eigen::Index>(k)) : policy.weights.budget;

    BatchResult& r = results[k];
    r.policy = policy.name;
    r.leaf.resize(n, m);
    r.level2.resize(n, g2);
    r.level1.resize(n, g1);
    r.budget.resize(n);
    r.total.resize(n);
    r.unscored.resize(n);
    r.grade.resize(n);

    for (Eigen::Index r0 = 0; r0 < n; r0 += block_rows) {
      const Eigen::Index b = std::min(block_rows, n - r0);
      for (Eigen::Index i = 0; i < b; ++i) {
        const Eigen::Index row = r0 + i;
        const double* t = targets.data() + row * targets.outerStride();
        const double* a = actuals.data() + row * actuals.outerStride();
        const double* u = up ? up + row * uppers.outerStride() : nullptr;
        if (any_range && row + prefetch_rows < n) {
          // Range columns read a few cells of each row of `uppers`: a strided stream the
          // hardware does not prefetch on its own.
          const double* ahead = up + (row + prefetch_rows) * uppers.outerStride();
          for (Eigen::Index j = 0; j < m; j += 8) prefetch(ahead + j);
        }
        double* leaf = &r.leaf(row, 0);
        double* sums = &summed(i, 0);
        std::int64_t near = 0;
        // Without uppers no column reads them (a range column needs them: check_shapes).
        r.unscored(row) = score_row(columns, policy.reverse, t, a, u ? u : t, leaf, sums, m, fast, near);
        for (Eigen::Index j = 0; near > 0 && j < m; ++j) {
          if (!(leaf[j] < 0)) continue;
          const auto c = static_cast<std::size_t>(j);
          const double f = reference_fraction(columns.rule[c], t[j], a[j], u ? u[j] : nan, policy);
          leaf[j] = round_half_up(columns.weight[c] * f, decimals);
          sums[j] = leaf[j] == leaf[j] ? leaf[j] : 0.0;
          --near;
        }
      }
      // Roll up through the tree: sparse sums, then the policy's rounding at each level.
      // Each block row times the transposed matrices: a sparse matrix-vector product per row,
      // over the compressed storage, while the row is still in cache.
      for (Eigen::Index i = 0; i < b; ++i) {
        sparse_times(level2, &summed(i, 0), &l2(i, 0));
        sparse_times(level1, &l2(i, 0), &l1(i, 0));
      }
      for (Eigen::Index i = 0; i < b; ++i) {
        const Eigen::Index row = r0 + i;
        for (Eigen::Index g = 0; g < g2; ++g) r.level2(row, g) = round(l2(i, g));
        for (Eigen::Index h = 0; h < g1; ++h) r.level1(row, h) = round(l1(i, h));
        double budget = nan;
        if (has_budget && budget_weight >= 0) {
          const double a = budget_full_year(row);
          const double e = budget_executed(row);
          if (a > 0 && !std::isnan(e) && !std::isinf(a) && !std::isinf(e))
            budget = round(budget_weight * std::clamp(e / a, 0.0, 1.0));
        }
        r.budget(row) = budget;
        const double indicators = round(l1.row(i).sum());
        r.total(row) = round(indicators + (budget == budget ? budget : 0.0));
        const std::optional<Grade> gr = grade(r.total(row), policy);
        r.grade(row) = gr ? static_cast<std::int8_t>(*gr) : std::int8_t{-1};
      }
    }
    rank_totals(r.total, decimals, r.rank);
  }
}

std::vector<BatchResult> score_batch(const BatchLayout& layout, const Eigen::Ref<const RowMatrix>& targets,
                                     const Eigen::Ref<const RowMatrix>& actuals,
                                     const Eigen::Ref<const RowMatrix>& weights,
                                     const std::vector<ScoringPolicy>& policies,
                                     const Eigen::Ref<const RowMatrix>& uppers,
                                     const Eigen::Ref<const Eigen::VectorXd>& budget_full_year,
                                     const Eigen::Ref<const Eigen::VectorXd>& budget_executed,
                                     const Eigen::Ref<const Eigen::VectorXd>& budget_weights) {
  std::vector<BatchResult> results;
  score_batch(layout, targets, actuals, weights, policies, results, uppers, budget_full_year, budget_executed,
              budget_weights);
  return results;
}

TableBatch table_batch(const Table& table, const Scorecard& card) {
  if (card.rows.size() != table.indicators.size())
    throw std::invalid_argument("jixiao::table_batch: the scorecard has " + std::to_string(card.rows.size()) +
                                " rows for a table of " + std::to_string(table.indicators.size()) +
                                " indicators: it is not this table's");
  TableBatch b;
  const auto m = static_cast<Eigen::Index>(card.rows.size());
  b.targets.setConstant(1, m, nan);
  b.actuals.setConstant(1, m, nan);
  b.uppers.setConstant(1, m, nan);
  b.weights.setConstant(1, m, nan);
  BatchLayout& l = b.layout;
  // Groups in the scorecard's order: level 2 within level 1 within function.
  std::vector<std::pair<int, std::string>> level1_keys;
  std::vector<std::tuple<int, std::string, std::string>> level2_keys;
  for (const ScorecardRow& row : card.rows) {
    const Indicator& ind = table.indicators[row.indicator];
    const IndicatorScore& s = row.score;
    const auto j = static_cast<Eigen::Index>(l.kinds.size());

    const std::pair<int, std::string> k1{ind.function, ind.level1.text};
    auto p1 = std::find(level1_keys.begin(), level1_keys.end(), k1);
    if (p1 == level1_keys.end()) {
      level1_keys.push_back(k1);
      l.level1_names.push_back(ind.level1.text);
      p1 = level1_keys.end() - 1;
    }
    const std::tuple<int, std::string, std::string> k2{ind.function, ind.level1.text, ind.level2.text};
    auto p2 = std::find(level2_keys.begin(), level2_keys.end(), k2);
    if (p2 == level2_keys.end()) {
      level2_keys.push_back(k2);
      l.level2_names.push_back(ind.level2.text);
      l.level1.push_back(static_cast<int>(p1 - level1_keys.begin()));
      p2 = level2_keys.end() - 1;
    }
    l.level2.push_back(static_cast<int>(p2 - level2_keys.begin()));

    BatchKind kind = BatchKind::quantity;
    BatchDirection dir = BatchDirection::higher_is_better;
    b.weights(0, j) = s.weight;
    switch (s.method) {
      case ScoreMethod::higher_is_better:
      case ScoreMethod::lower_is_better:
      case ScoreMethod::exact:
        dir = s.direction_source == DirectionSource::equal ? BatchDirection::equal
              : s.method == ScoreMethod::lower_is_better  ? BatchDirection::lower_is_better
              : s.method == ScoreMethod::exact            ? BatchDirection::equal
                                                          : BatchDirection::higher_is_better;
        b.targets(0, j) = s.target_value;
        b.actuals(0, j) = s.actual_value;
        break;
      case ScoreMethod::range:
        kind = BatchKind::range;
        b.targets(0, j) = s.target_value;
        b.uppers(0, j) = s.upper_value;
        b.actuals(0, j) = s.actual_value;
        break;
      case ScoreMethod::qualitative: {
        kind = BatchKind::fraction;
        const TierBands& t = card.policy.tiers;
        const double point = s.tier == Tier::achieved          ? t.achieved_point
                             : s.tier == Tier::partly_achieved ? t.partly_point
                                                               : t.not_achieved_point;
        b.actuals(0, j) = s.published_used ? s.published / s.weight : point / 100;
        break;
      }
      case ScoreMethod::deadline:
        kind = BatchKind::fraction;
        b.actuals(0, j) = s.score > 0 ? 1.0 : 0.0;
        break;
      case ScoreMethod::none:
      case ScoreMethod::budget:
        break;  // NaN: masked, as the scorecard counts it unscored
    }
    l.kinds.push_back(kind);
    l.directions.push_back(dir);
  }
  if (!table.budget.empty()) {
    const BudgetLine& line = table.budget.front();
    b.budget_full_year = Eigen::VectorXd::Constant(1, line.full_year);
    b.budget_executed = Eigen::VectorXd::Constant(1, line.executed);
    b.budget_weights = Eigen::VectorXd::Constant(1, card.budget.weight);
  }
  return b;
}

}  // namespace jixiao
