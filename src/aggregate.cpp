// jixiao: budget performance management (预算绩效管理) for C++ and Python.
// SPDX-License-Identifier: MIT
//
// Batch scoring.  The rules are those of rule_fraction and score_budget (score.cpp), written
// once more for vectors of W cells (src/aggregate_kernel.ipp, compiled once per instruction
// set).  Per policy the rule family of every column is decided once (a Plan); then the rows are
// taken W at a time (a superblock) and read in memory order, each row as vectors of W cells
// whose lanes take their weight and rule from a table made once per plan; the rounded leaves
// are added up as integers (units of 10^-decimals), the W rows' units transposed in W × W
// tiles so that each column adds into its group as one vector over the rows.  docs/scoring.md
// (*Batch scoring*) says why the integer sums give round_half_up's subtotals bit for bit.
#include <jixiao/aggregate.hpp>

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <immintrin.h>
#endif
#if defined(__linux__)
#include <sys/mman.h>
#endif

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <numeric>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>

namespace jixiao {
namespace {

constexpr double nan = std::numeric_limits<double>::quiet_NaN();

#if defined(__GNUC__) || defined(__clang__)
#define JIXIAO_INLINE inline __attribute__((always_inline))
#else
#define JIXIAO_INLINE inline
#endif

[[noreturn]] void misuse(const std::string& what) { throw std::invalid_argument("jixiao::score_batch: " + what); }

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

/// The fraction rule_fraction gives a cell of rule `r`: the reference the fast loop matches,
/// used where the kernel's fast rounding cannot settle a cell (near a tie).
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

/// The rule family of a column, which decides what the kernel computes for it (the reverse
/// rule is the policy's, a template parameter of the kernel).
enum class Family : std::uint8_t { higher, lower, exact, equal_at_least, range, fraction };

Family family_of(Rule r) noexcept {
  switch (r) {
    case Rule::higher: return Family::higher;
    case Rule::lower_linear:
    case Rule::lower_ratio:
    case Rule::lower_binary: return Family::lower;
    case Rule::exact: return Family::exact;
    case Rule::equal_at_least: return Family::equal_at_least;
    case Rule::range_linear:
    case Rule::range_ratio:
    case Rule::range_binary: return Family::range;
    case Rule::fraction: break;
  }
  return Family::fraction;
}

/// round_half_up(x, d) for an x that lies within a hair of a tie (k + ½)·10^-d, decided
/// exactly without the decimal text: x = m·2^e compared, in 128-bit integers, with the point
/// where x's 15-digit reading (round_half_up reads 15 significant digits) reaches the tie.
/// -1 when it cannot decide (x exactly on that point, outside the range the arithmetic covers,
/// no 128-bit integers): round_half_up then does.
double settle_tie(double x, double scale, int decimals) noexcept {
#if defined(__SIZEOF_INT128__)
  __extension__ typedef unsigned __int128 u128;
  const double y = x * scale;
  if (!(x >= 1e-7) || !(y < 0x1p40)) return -1;
  const double k = std::floor(y);
  if (std::fabs(y - (k + 0.5)) > 0.25) return -1;  // not near a tie: not this function's case
  // E = floor(log10 x).  Near a tie x is far (relatively ≥ 1e-9) from every power of ten, which
  // lies on the grid of 10^-d or below half its first step, so comparing with doubles decides.
  static constexpr double p10[] = {1e-7, 1e-6, 1e-5, 1e-4, 1e-3, 1e-2, 1e-1, 1e0, 1e1,
                                   1e2,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8,  1e9, 1e10, 1e11, 1e12};
  int e10 = -7;
  while (e10 < 12 && x >= p10[e10 + 8]) ++e10;  // 10^e10 ≤ x < 10^(e10+1)
  const int after = 14 - e10;                   // decimals of the 15-digit reading
  if (after - decimals < 1 || after > 21) return -1;
  std::uint64_t bits = 0;
  std::memcpy(&bits, &x, sizeof bits);
  const int exponent = static_cast<int>(bits >> 52) - 1075;  // x normal (≥ 1e-7): x = m·2^exponent
  const std::uint64_t m = (bits & ((std::uint64_t{1} << 52) - 1)) | (std::uint64_t{1} << 52);
  const int shift = -(exponent + 1);
  if (shift < 1 || shift > 76) return -1;
  u128 p = 1;
  for (int i = 0; i < after; ++i) p *= 10;
  u128 q = 1;
  for (int i = 0; i < after - decimals; ++i) q *= 10;
  // The reading D = round(x·10^after) reaches the tie Θ = (2k+1)·10^(after-d)/2 exactly when
  // 2·x·10^after > 2Θ − 1, i.e. m·10^after > ((2k+1)·10^(after-d) − 1)·2^shift.
  const u128 lhs = static_cast<u128>(m) * p;
  const u128 rhs = ((static_cast<u128>(2 * static_cast<std::uint64_t>(k) + 1) * q) - 1) << shift;
  if (lhs == rhs) return -1;  // the reading itself on a tie: to_chars decides
  const double n = lhs > rhs ? k + 1 : k;
  return n / scale;
#else
  (void)x;
  (void)scale;
  (void)decimals;
  return -1;
#endif
}

/// round_half_up(x, decimals) for a value near a tie: settle_tie when it can decide.
double settle(double x, double scale, int decimals) noexcept {
  const double s = settle_tie(x, scale, decimals);
  return s >= 0 ? s : round_half_up(x, decimals);
}

/// What the kernel needs of one column under one policy.
struct ColumnPlan {
  Family family = Family::higher;
  Rule rule = Rule::higher;  ///< for the reference path near ties
  int group = 0;             ///< level-2 group
  double weight = nan;       ///< NaN when it cannot be scored (no weight, or negative: JX407)
  /// y = weight·fraction·10^d at least this far from its nearest integer is near a tie: within
  /// 1e-13·weight·10^d + 1e-12 of a half (y ≤ weight·10^d), far more than the 15-digit
  /// reading of round_half_up can move it.
  double tie_from = 0.5;
  double weight_units = nan;  ///< weight·10^d: y = fraction × this
};

/// One policy's decisions, taken before the rows are read.
struct Plan {
  const ScoringPolicy* policy = nullptr;
  ReverseRule reverse = ReverseRule::linear;
  int decimals = 2;
  double scale = 100;  ///< 10^decimals
  std::vector<ColumnPlan> columns;
  std::vector<int> level1_of;  ///< G2
  int g2 = 0, g1 = 0;
  bool budget = false;         ///< budget arrays given and a usable budget weight
  double budget_weight = nan;
  /// Every score, subtotal and total is below 10^11 units of 10^-decimals and no level-2 group
  /// has 8,192 columns, so that the kernel's integer sums are exact and its rounding trick
  /// applies; otherwise (weights in the billions) each entity goes through the scalar
  /// reference path.
  bool fits = true;
  /// Every leaf is below 2^27 units, where units_value's quotient is checked exact.
  bool small_units = true;
  /// So is every sum (their largest possible value).
  bool small_sums = true;
};

Plan make_plan(const BatchLayout& layout, const ScoringPolicy& policy, const double* weights, bool has_budget,
               double budget_weight) {
  Plan p;
  p.policy = &policy;
  p.reverse = policy.reverse;
  p.decimals = std::clamp(policy.decimals, 0, 6);
  p.scale = std::pow(10.0, p.decimals);
  const auto m = static_cast<int>(layout.columns());
  p.columns.resize(static_cast<std::size_t>(m));
  double most = 0;  // the largest possible sum, in units of 10^-decimals
  for (int j = 0; j < m; ++j) {
    ColumnPlan& c = p.columns[static_cast<std::size_t>(j)];
    c.rule = rule_of(layout.kinds[static_cast<std::size_t>(j)], layout.directions[static_cast<std::size_t>(j)], policy);
    c.family = family_of(c.rule);
    c.group = layout.level2[static_cast<std::size_t>(j)];
    c.weight = weights[j] >= 0 && std::isfinite(weights[j]) ? weights[j] : nan;  // as score_indicator's JX407
    if (c.weight == c.weight) {
      most += c.weight * p.scale;
      p.small_units &= c.weight * p.scale < 0x1p27;
      c.tie_from = 0.5 - (c.weight * p.scale * 1e-13 + 1e-12);
      c.weight_units = c.weight * p.scale;
    }
  }
  p.level1_of = layout.level1;
  p.g2 = static_cast<int>(layout.level2_groups());
  p.g1 = static_cast<int>(layout.level1_groups());
  p.budget_weight = budget_weight;
  p.budget = has_budget && budget_weight >= 0 && std::isfinite(budget_weight);
  if (p.budget) most += budget_weight * p.scale;
  // A level-2 sum also counts its masked cells in multiples of 2^40 (masked_units): exact up
  // to 8,191 columns in one group.
  std::vector<int> widths(static_cast<std::size_t>(p.g2), 0);
  for (int g : layout.level2) ++widths[static_cast<std::size_t>(g)];
  const int widest = widths.empty() ? 0 : *std::max_element(widths.begin(), widths.end());
  p.fits = most < 1e11 && std::isfinite(most) && widest < 8192;
  p.small_sums = most < 0x1p27;
  return p;
}

/// Asks Linux to back fresh, untouched storage with 2 MB pages: the first write to the leaves
/// (N × M doubles, 48 MB for 100,000 × 60) then takes one page fault per 2 MB instead of one per
/// 4 KB, which otherwise costs more than the scoring.  Only advice: without transparent huge
/// pages (or elsewhere than Linux) nothing changes.
void advise_huge_pages(const double* data, Eigen::Index count) noexcept {
#if defined(__linux__) && defined(MADV_HUGEPAGE)
  constexpr std::uintptr_t huge = std::uintptr_t{1} << 21;
  const auto begin = (reinterpret_cast<std::uintptr_t>(data) + huge - 1) & ~(huge - 1);
  const auto end = (reinterpret_cast<std::uintptr_t>(data + count)) & ~(huge - 1);
  if (end > begin) madvise(reinterpret_cast<void*>(begin), end - begin, MADV_HUGEPAGE);
#else
  (void)data;
  (void)count;
#endif
}

/// Where one call reads and writes: the caller's arrays (row strides in elements).
struct Job {
  const double* t = nullptr;
  const double* a = nullptr;
  const double* u = nullptr;  ///< null when no uppers were given
  Eigen::Index ts = 0, as = 0, us = 0;
  const double* full_year = nullptr;  ///< null when no budget arrays were given
  const double* executed = nullptr;
  Eigen::Index n = 0, m = 0;
  BatchResult* out = nullptr;
};

/// The budget row's score in units of 10^-decimals (NaN: not scored), as score_budget rounds it.
double budget_units(const Plan& p, double full_year, double executed) noexcept {
  if (!p.budget || !(full_year > 0) || std::isnan(executed) || std::isinf(full_year) || std::isinf(executed))
    return nan;
  const double b = round_half_up(p.budget_weight * std::clamp(executed / full_year, 0.0, 1.0), p.decimals);
  return std::nearbyint(b * p.scale);
}

/// One entity, cell by cell, through rule_fraction and round_half_up, its sums in doubles
/// rounded at each level: the portable path, and the one taken when the weights are too large
/// for the kernel's integer sums (Plan::fits).
void score_entity_reference(const Plan& p, const Job& job, Eigen::Index row, std::vector<double>& l2,
                            std::vector<double>& l1) {
  BatchResult& r = *job.out;
  l2.assign(static_cast<std::size_t>(p.g2), 0.0);
  l1.assign(static_cast<std::size_t>(p.g1), 0.0);
  int unscored = 0;
  for (Eigen::Index j = 0; j < job.m; ++j) {
    const ColumnPlan& c = p.columns[static_cast<std::size_t>(j)];
    const double t = job.t[row * job.ts + j];
    const double a = job.a[row * job.as + j];
    const double u = job.u ? job.u[row * job.us + j] : nan;
    const double leaf = round_half_up(c.weight * reference_fraction(c.rule, t, a, u, *p.policy), p.decimals);
    r.leaf(row, j) = leaf;
    if (leaf == leaf) l2[static_cast<std::size_t>(c.group)] += leaf;
    else ++unscored;
  }
  double indicators = 0;
  for (int g = 0; g < p.g2; ++g) {
    const double s = round_half_up(l2[static_cast<std::size_t>(g)], p.decimals);
    r.level2(row, g) = s;
    l1[static_cast<std::size_t>(p.level1_of[static_cast<std::size_t>(g)])] += s;
  }
  for (int h = 0; h < p.g1; ++h) {
    r.level1(row, h) = round_half_up(l1[static_cast<std::size_t>(h)], p.decimals);
    indicators += r.level1(row, h);
  }
  indicators = round_half_up(indicators, p.decimals);
  double budget = nan;
  if (job.full_year) {
    const double units = budget_units(p, job.full_year[row], job.executed[row]);
    budget = units / p.scale;
  }
  r.budget(row) = budget;
  r.total(row) = round_half_up(indicators + (budget == budget ? budget : 0.0), p.decimals);
  r.unscored(row) = unscored;
  const std::optional<Grade> gr = grade(r.total(row), *p.policy);
  r.grade(row) = gr ? static_cast<std::int8_t>(*gr) : std::int8_t{-1};
}

void score_rows_reference(const Plan& p, const Job& job, Eigen::Index begin, Eigen::Index end) {
  std::vector<double> l2, l1;
  for (Eigen::Index row = begin; row < end; ++row) score_entity_reference(p, job, row, l2, l1);
}

#if (defined(__GNUC__) || defined(__clang__)) && !defined(JIXIAO_NO_VECTOR_KERNEL)
#define JIXIAO_VECTOR_KERNEL 1
#if defined(__clang__)
#define JIXIAO_SHUFFLE(a, b, ...) __builtin_shufflevector(a, b, __VA_ARGS__)
#else
#pragma GCC diagnostic ignored "-Wpsabi"  // vectors pass only between inlined functions
#define JIXIAO_SHUFFLE(a, b, ...) __builtin_shuffle(a, b, Vi{__VA_ARGS__})
#endif

/// How many rows ahead the upper ends of range columns are prefetched.
constexpr Eigen::Index prefetch_rows = 64;

/// Scratch of one call: the sums of a superblock (vectors of eight, 64-byte aligned), its
/// leaves, and padded copies of its rows for the last rows or strided input.
struct Scratch {
  double* l2 = nullptr;    ///< 8 × G2, in `store`
  double* l1 = nullptr;    ///< 8 × G1, in `store`
  std::vector<double> store;
  std::vector<double> t, a, u;  ///< 8 × M + 8: the rows of a superblock when copied
  std::vector<double> leaf, added;  ///< 8 × M + 8: a superblock's leaves and the units they add
  std::vector<double> padded;  ///< 8 × 8: `added` of rows narrower than a tile
  std::vector<double> rows;    ///< 8 × 8 + 8: subtotals on their way out (put_rows)
};

/// Rows [begin, end) under a plan: the kernel of one instruction set.
using RowKernel = void (*)(const Plan& p, const Job& job, Eigen::Index begin, Eigen::Index end, Scratch& s);

// The kernel three times: for AVX-512 and AVX2 (chosen at run time) and for the baseline.
#if defined(__x86_64__)
#define JIXIAO_STREAM_STORES 1  // SSE2 and up: _mm_stream_pd, _mm_sfence
#endif
#if defined(__x86_64__) && !defined(JIXIAO_NO_CLONES)
#define JIXIAO_X86_KERNELS 1
#if defined(__clang__)
#pragma clang attribute push(__attribute__((target("avx512f,avx512dq,avx512vl,avx2,fma"))), apply_to = function)
#else
#pragma GCC push_options
#pragma GCC target("avx512f,avx512dq,avx512vl,avx2,fma")
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"  // _mm512_undefined_pd in GCC 12's own headers
#endif
#define JIXIAO_KERNEL_AVX512 1
#define JIXIAO_LANES 8
namespace avx512 {
#include "aggregate_kernel.ipp"
}  // namespace avx512
#undef JIXIAO_LANES
#undef JIXIAO_KERNEL_AVX512
#if !defined(__clang__)
#pragma GCC diagnostic pop
#endif
#if defined(__clang__)
#pragma clang attribute pop
#pragma clang attribute push(__attribute__((target("avx2,fma"))), apply_to = function)
#else
#pragma GCC pop_options
#pragma GCC push_options
#pragma GCC target("avx2,fma")
#endif
#define JIXIAO_LANES 4
namespace avx2 {
#include "aggregate_kernel.ipp"
}  // namespace avx2
#undef JIXIAO_LANES
#if defined(__clang__)
#pragma clang attribute pop
#else
#pragma GCC pop_options
#endif
#endif
#define JIXIAO_LANES 2
namespace generic {
#include "aggregate_kernel.ipp"
}  // namespace generic
#undef JIXIAO_LANES
#endif  // JIXIAO_VECTOR_KERNEL

/// The kernel versions, chosen once: the widest this processor runs, unless the environment
/// variable JIXIAO_BATCH_KERNEL names one (avx512, avx2, generic, reference), which the tests
/// use to check every version on this machine.
struct Kernel {
  const char* name;
#if defined(JIXIAO_VECTOR_KERNEL)
  RowKernel rows;  ///< null: the reference path
#endif
};

Kernel choose_kernel() {
  const char* forced = std::getenv("JIXIAO_BATCH_KERNEL");
  const std::string_view want = forced ? forced : "";
#if defined(JIXIAO_VECTOR_KERNEL)
#if defined(JIXIAO_X86_KERNELS)
  __builtin_cpu_init();
  const bool avx2 = __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
  const bool avx512 = avx2 && __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512dq") &&
                      __builtin_cpu_supports("avx512vl");
  if (avx512 && (want.empty() || want == "avx512")) return {"avx512", avx512::rows};
  if (avx2 && (want.empty() || want == "avx512" || want == "avx2")) return {"avx2", avx2::rows};
#endif
  if (want != "reference") return {"generic", generic::rows};
  return {"reference", nullptr};
#else
  return {"reference"};
#endif
}

const Kernel& kernel() {
  static const Kernel k = choose_kernel();
  return k;
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
  if (span < static_cast<double>(4 * n + 1024) && span < 1e8 && total.allFinite()) {
    // (x - lo) · 10^d lies within rounding error of a whole number in [0, span]: adding 0.5
    // and truncating finds it without a libm call per entity (llround here took 0.5 ms of
    // 100,000 entities: docs/performance.md).  The key array is the rank array itself.
    const auto buckets = static_cast<std::size_t>(span + 0.5) + 1;
    std::vector<int> above(buckets + 1, 0);  // above[k]: entities with a key greater than k
    int* key = rank.data();
    for (Eigen::Index i = 0; i < n; ++i) {
      key[i] = static_cast<int>((total(i) - lo) * scale + 0.5);
      ++above[static_cast<std::size_t>(key[i])];
    }
    int greater = 0;
    for (std::size_t k = buckets; k-- > 0;) {
      const int here = above[k];
      above[k] = greater;
      greater += here;
    }
    for (Eigen::Index i = 0; i < n; ++i) key[i] = above[static_cast<std::size_t>(key[i])] + 1;
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
  const bool has_budget = budget_full_year.size() != 0;

  Job job;
  job.t = targets.data();
  job.a = actuals.data();
  job.ts = targets.outerStride();
  job.as = actuals.outerStride();
  if (uppers.size() != 0) {
    job.u = uppers.data();
    job.us = uppers.outerStride();
  }
  if (has_budget) {
    job.full_year = budget_full_year.data();
    job.executed = budget_executed.data();
  }
  job.n = n;
  job.m = m;

  const Kernel& k = kernel();
#if defined(JIXIAO_VECTOR_KERNEL)
  Scratch scratch;
  // The sums as vectors, on 64 bytes as AVX-512 code aligns them (alignof(Vd) outside that
  // code is the baseline's 16, so neither std::vector<Vd> nor new would do).
  scratch.store.resize(static_cast<std::size_t>(8 * (g2 + g1 + 1)));
  const auto base = reinterpret_cast<std::uintptr_t>(scratch.store.data());
  scratch.l2 = reinterpret_cast<double*>((base + 63) / 64 * 64);
  scratch.l1 = scratch.l2 + 8 * g2;
  const auto padded = static_cast<std::size_t>(8 * m + 8);  // 8 rows and a vector of padding
  for (auto* v : {&scratch.t, &scratch.a, &scratch.u, &scratch.leaf, &scratch.added}) v->assign(padded, nan);
  scratch.padded.assign(64, 0.0);
  scratch.rows.assign(72, 0.0);
#endif
  std::vector<double> column_weights(static_cast<std::size_t>(m));
  results.resize(policies.size());
  for (std::size_t i = 0; i < policies.size(); ++i) {
    const ScoringPolicy& policy = policies[i];
    for (Eigen::Index j = 0; j < m; ++j)
      column_weights[static_cast<std::size_t>(j)] = weights(static_cast<Eigen::Index>(i), j);
    const double budget_weight =
        budget_weights.size() ? budget_weights(static_cast<Eigen::Index>(i)) : policy.weights.budget;
    const Plan plan = make_plan(layout, policy, column_weights.data(), has_budget, budget_weight);

    BatchResult& r = results[i];
    r.policy = policy.name;
    // Fresh storage (not reused from a previous call) advised to 2 MB pages: one page fault
    // where 4 KB pages take 512.
    const auto resize = [](RowMatrix& x, Eigen::Index rows, Eigen::Index cols) {
      const double* before = x.data();
      x.resize(rows, cols);
      if (x.data() != before) advise_huge_pages(x.data(), x.size());
    };
    resize(r.leaf, n, m);
    resize(r.level2, n, g2);
    resize(r.level1, n, g1);
    r.budget.resize(n);
    r.total.resize(n);
    r.unscored.resize(n);
    r.grade.resize(n);
    job.out = &r;
#if defined(JIXIAO_VECTOR_KERNEL)
    if (k.rows && plan.fits) k.rows(plan, job, 0, n, scratch);
    else score_rows_reference(plan, job, 0, n);
#else
    (void)k;
    score_rows_reference(plan, job, 0, n);
#endif
    rank_totals(r.total, plan.decimals, r.rank);
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
