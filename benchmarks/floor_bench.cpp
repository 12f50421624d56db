// jixiao: budget performance management (预算绩效管理) for C++ and Python.
// SPDX-License-Identifier: MIT
//
// How fast could batch scoring be on this machine at best?  Idealised pieces of the work
// score_batch does (aggregate.hpp), each written as cheaply as we know how, on 100,000 × 60
// doubles of targets and actuals (the shape of jixiao_bench_batch), single thread, AVX-512:
//
//   floor/stream_scalar  read targets and actuals once: the loop of batch/stream
//   floor/stream_avx512  the same, 64-byte loads into eight accumulators
//   floor/stream_leaves  the same, writing their sum as a leaf matrix (non-temporal stores)
//   floor/rule           one rule for every cell (higher-is-better: quotient, clamp, NaN
//                        mask, scale, round, tie test, leaf value) with the leaves streamed out
//   floor/rule_rollup    … and the level-2 sums of each row (8 × 8 tiles transposed, added into
//                        8 contiguous groups)
//   floor/rule_rollup_epilogue  … and level 1, budget, total, grade, the masked-cell counts
//                        and the row-major outputs
//   floor/complete       … and what score_batch cannot leave out on this data: 4 of the 60
//                        columns are ranges [T, U] (their upper ends read, the rule over U
//                        applied), and the totals are ranked
//   floor/complete_compact  the same with the upper ends given as an N × 4 array of the range
//                        columns only, read one after another (score_batch takes N × M)
//   floor/families       floor/complete with the rule families of jixiao_bench_batch's columns
//                        (32 higher-is-better, 8 lower-is-better, 4 "=", 4 ranges, 12 fractions
//                        already earned, whose actuals are drawn as that benchmark draws them):
//                        the 32 of the 60 vectors that hold another family take one masked pass
//                        for every family (general_fraction)
//   floor/families_halves  the same, each such vector scored as two halves of 4 cells, each half
//                        of one family here (the family boundaries are multiples of 4), with
//                        that family's own rule: the cheapest of the ways tried (docs/performance.md)
//
// Each `rule*` benchmark runs once over all rows ("/100000": from memory) and 125 times over the
// first 800 rows ("/800": inputs in cache, the same 6 M cells).  Everything else score_batch
// must do is left out: the other rule families (lower-is-better, "=", fractions) and vectors
// that mix them (except in the `families` benchmarks), per-column weights, ties settled
// exactly, budget ties, the counts of unscored cells and the grades as their own arrays, any
// alignment but 64 bytes, more than one policy.  score_batch does all of this and more, so,
// short of a cheaper way to do these pieces than the ones here, it cannot be faster than
// `rule_rollup_epilogue` on the same memory, nor than `families_halves` on the benchmark's
// rules: docs/performance.md (*How fast batch scoring could be* and the sections after it).
//
// The buffers are on 2 MB pages; JIXIAO_FLOOR_PAGES=small leaves them on the system's default
// pages instead, as the arrays jixiao_bench_batch scores are (the stream's time depends on it).
#include <benchmark/benchmark.h>

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define JIXIAO_FLOOR 1
#include <immintrin.h>
#include <sys/mman.h>
#endif

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <limits>
#include <memory>
#include <new>
#include <random>
#include <stdexcept>
#include <string_view>

#if defined(JIXIAO_FLOOR)
namespace {

constexpr long rows_all = 100000, columns = 60;
constexpr int range_first = 44, range_end = 48;  // `complete`, `compact`: columns 44-47 are ranges [T, U]
constexpr int lower_first = 32, equal_first = 40, fraction_first = 48;  // `families` (below)

/// Zeroed doubles on a 2 MB boundary, advised to 2 MB pages as score_batch advises fresh leaves;
/// left to the system's default (4 KB pages here) with JIXIAO_FLOOR_PAGES=small, as the arrays of
/// jixiao_bench_batch and numpy's are.
struct Buffer {
  double* data = nullptr;
  explicit Buffer(std::size_t count) {
    const std::size_t bytes = (count * sizeof(double) + (2u << 20) - 1) / (2u << 20) * (2u << 20);
    void* p = nullptr;
    if (posix_memalign(&p, 2u << 20, bytes) != 0) throw std::bad_alloc();
    const char* pages = std::getenv("JIXIAO_FLOOR_PAGES");
    if (!pages || std::string_view(pages) != "small") madvise(p, bytes, MADV_HUGEPAGE);
    data = static_cast<double*>(p);
    for (std::size_t i = 0; i < bytes / sizeof(double); ++i) data[i] = 0;
  }
  ~Buffer() { std::free(data); }
  Buffer(const Buffer&) = delete;
  Buffer& operator=(const Buffer&) = delete;
};

/// Targets, actuals and the outputs; the numbers are drawn as jixiao_bench_batch draws them.
struct Data {
  Buffer t{rows_all * columns}, a{rows_all * columns}, u{rows_all * columns}, leaf{rows_all * columns};
  Buffer af{rows_all * columns};  ///< `families`: a, but fractions in the fraction columns
  Buffer uppers{rows_all * (range_end - range_first)};  ///< `compact`: the range columns' only
  Buffer level2{rows_all * 8}, level1{rows_all * 3 + 8}, total{rows_all}, grade{rows_all};
  Buffer full_year{rows_all}, executed{rows_all};
  std::unique_ptr<int[]> rank{new int[rows_all]};
  Data() {
    std::mt19937_64 rng(42);
    std::uniform_real_distribution<double> u(0, 1);
    for (long c = 0; c < rows_all * columns; ++c) {
      t.data[c] = std::round(50 + 950 * u(rng));
      this->u.data[c] = t.data[c] * 1.2;
      if (c % columns >= range_first && c % columns < range_end)
        uppers.data[c / columns * (range_end - range_first) + c % columns - range_first] = this->u.data[c];
      a.data[c] = std::round(t.data[c] * (0.7 + 0.6 * u(rng)) * 10) / 10;
      if (u(rng) < 0.02) a.data[c] = std::numeric_limits<double>::quiet_NaN();
    }
    // The fraction columns' actuals as jixiao_bench_batch draws them (1.0 or 0.7, 2 % missing),
    // from their own generator so that the other arrays stay as they were.
    std::mt19937_64 fractions(7);
    for (long c = 0; c < rows_all * columns; ++c) {
      af.data[c] = a.data[c];
      if (c % columns >= fraction_first) {
        af.data[c] = u(fractions) < 0.8 ? 1.0 : 0.7;
        if (u(fractions) < 0.02) af.data[c] = std::numeric_limits<double>::quiet_NaN();
      }
    }
    for (long i = 0; i < rows_all; ++i) {
      full_year.data[i] = 1000;
      executed.data[i] = std::round(800 + 300 * u(rng));
    }
  }
};

Data& data() {
  static Data d;
  return d;
}

/// The loop of batch/stream (batch_bench.cpp), compiled for the baseline as it is there.
__attribute__((noinline, target("arch=x86-64"))) double stream_scalar(const double* t, const double* a, long cells) {
  double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
  long c = 0;
  for (; c + 4 <= cells; c += 4) {
    s0 += t[c] + a[c];
    s1 += t[c + 1] + a[c + 1];
    s2 += t[c + 2] + a[c + 2];
    s3 += t[c + 3] + a[c + 3];
  }
  return s0 + s1 + s2 + s3;
}

}  // namespace

#if defined(__clang__)
#pragma clang attribute push(__attribute__((target("avx512f,avx512dq"))), apply_to = function)
#else
#pragma GCC push_options
#pragma GCC target("avx512f,avx512dq")
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"  // _mm512_undefined_pd in GCC 12's own headers
#pragma GCC diagnostic ignored "-Wuninitialized"
#endif

namespace {

double stream_avx512(const double* t, const double* a, long cells) {
  __m512d s[8];
  for (auto& x : s) x = _mm512_setzero_pd();
  for (long c = 0; c + 64 <= cells; c += 64)
    for (int k = 0; k < 8; ++k)
      s[k] = _mm512_add_pd(s[k], _mm512_add_pd(_mm512_load_pd(t + c + 8 * k), _mm512_load_pd(a + c + 8 * k)));
  __m512d r = s[0];
  for (int k = 1; k < 8; ++k) r = _mm512_add_pd(r, s[k]);
  return _mm512_reduce_add_pd(r);
}

void stream_leaves(const double* t, const double* a, double* leaf, long cells) {
  for (long c = 0; c + 8 <= cells; c += 8)
    _mm512_stream_pd(leaf + c, _mm512_add_pd(_mm512_load_pd(t + c), _mm512_load_pd(a + c)));
  _mm_sfence();
}

/// in[i] row i → out[j] column j: 8 in-lane unpacks and 16 128-bit shuffles.
inline void transpose8(const __m512d in[8], __m512d out[8]) {
  __m512d p[8], q[8];
  for (int k = 0; k < 4; ++k) {
    p[2 * k] = _mm512_unpacklo_pd(in[2 * k], in[2 * k + 1]);
    p[2 * k + 1] = _mm512_unpackhi_pd(in[2 * k], in[2 * k + 1]);
  }
  q[0] = _mm512_shuffle_f64x2(p[0], p[2], 0x88);
  q[1] = _mm512_shuffle_f64x2(p[0], p[2], 0xDD);
  q[2] = _mm512_shuffle_f64x2(p[1], p[3], 0x88);
  q[3] = _mm512_shuffle_f64x2(p[1], p[3], 0xDD);
  q[4] = _mm512_shuffle_f64x2(p[4], p[6], 0x88);
  q[5] = _mm512_shuffle_f64x2(p[4], p[6], 0xDD);
  q[6] = _mm512_shuffle_f64x2(p[5], p[7], 0x88);
  q[7] = _mm512_shuffle_f64x2(p[5], p[7], 0xDD);
  out[0] = _mm512_shuffle_f64x2(q[0], q[4], 0x88);
  out[4] = _mm512_shuffle_f64x2(q[0], q[4], 0xDD);
  out[1] = _mm512_shuffle_f64x2(q[2], q[6], 0x88);
  out[5] = _mm512_shuffle_f64x2(q[2], q[6], 0xDD);
  out[2] = _mm512_shuffle_f64x2(q[1], q[5], 0x88);
  out[6] = _mm512_shuffle_f64x2(q[1], q[5], 0xDD);
  out[3] = _mm512_shuffle_f64x2(q[3], q[7], 0x88);
  out[7] = _mm512_shuffle_f64x2(q[3], q[7], 0xDD);
}

enum class Stage { rule, rollup, epilogue, complete, compact, families, halves };

/// `families`: the rule families of jixiao_bench_batch's columns (aggregate.hpp's BatchKind and
/// BatchDirection): 0-31 higher-is-better, 32-39 lower-is-better (linear), 40-43 "=" (read as
/// higher-is-better except a target of 0), 44-47 ranges [T, U], 48-59 fractions already earned.
/// The lanes of each family in one of the 60 vectors of a block of 8 rows.
struct FamilyLanes {
  std::uint8_t higher = 0, lower = 0, equal = 0, range = 0, fraction = 0;
};

constexpr FamilyLanes family_lanes_of(int v) {
  FamilyLanes k;
  for (int l = 0; l < 8; ++l) {
    const int j = (8 * v + l) % columns;
    const auto bit = static_cast<std::uint8_t>(1u << l);
    if (j < lower_first) k.higher |= bit;
    else if (j < equal_first) k.lower |= bit;
    else if (j < range_first) k.equal |= bit;
    else if (j < range_end) k.range |= bit;
    else k.fraction |= bit;
  }
  return k;
}


/// Lanes of vector v (of the 60 a block of 8 rows has) that hold a range column.
constexpr unsigned range_lanes(int v) {
  unsigned lanes = 0;
  for (int l = 0; l < 8; ++l)
    if ((8 * v + l) % columns >= range_first && (8 * v + l) % columns < range_end) lanes |= 1u << l;
  return lanes;
}

/// Ranks of totals with two decimals, 1 for the highest and equal totals sharing one, by counting
/// as score_batch's rank_totals does (keys by adding 0.5 and truncating, written into `rank`).
void rank_by_counting(const double* total, long n, int* rank) {
  double lo = total[0], hi = total[0];
  for (long i = 1; i < n; ++i) {
    lo = std::min(lo, total[i]);
    hi = std::max(hi, total[i]);
  }
  const auto buckets = static_cast<std::size_t>((hi - lo) * 100 + 0.5) + 1;
  std::unique_ptr<int[]> above(new int[buckets]());
  for (long i = 0; i < n; ++i) ++above[static_cast<std::size_t>(rank[i] = static_cast<int>((total[i] - lo) * 100 + 0.5))];
  int greater = 0;
  for (std::size_t k = buckets; k-- > 0;) {
    const int here = above[k];
    above[k] = greater;
    greater += here;
  }
  for (long i = 0; i < n; ++i) rank[i] = above[static_cast<std::size_t>(rank[i])] + 1;
}

/// `families`: the fractions of a vector whose lanes are not all higher-is-better, every family
/// in one pass of masked operations (one or two quotients): each lane gets its family's rule
/// as aggregate.cpp's rule_fraction gives it, NaN where the cell cannot be scored.
inline __m512d general_fraction(__m512d t, __m512d a, __m512d u, const FamilyLanes& k) {
  const __m512d one = _mm512_set1_pd(1), zero = _mm512_setzero_pd();
  const __m512d not_a_number = _mm512_set1_pd(std::numeric_limits<double>::quiet_NaN());
  const auto m8 = [](unsigned x) { return static_cast<__mmask8>(x); };
  const __mmask8 at_least = m8(k.higher | k.equal), ge = _mm512_cmp_pd_mask(a, t, _CMP_GE_OQ);
  const __mmask8 le = _mm512_cmp_pd_mask(a, t, _CMP_LE_OQ);
  __m512d f;
  __mmask8 full = m8((at_least & ge) | (k.lower & le));
  if (k.lower | k.range) {
    // One quotient a lane: over the limit L (T for lower-is-better, U for a range)
    // (A - L) / L, for max(0, 1 - (A - L) / L) (0 for L = 0); below the target A / T.
    const __m512d limit = _mm512_mask_mov_pd(t, k.range, u);
    const __mmask8 within = _mm512_cmp_pd_mask(a, u, _CMP_LE_OQ);
    const __mmask8 over = m8((k.lower & ~le) | (k.range & ge & ~within));
    full = m8(full | (k.range & ge & within));
    f = _mm512_div_pd(_mm512_mask_sub_pd(a, over, a, limit), _mm512_mask_mov_pd(t, over, limit));
    __m512d below = _mm512_max_pd(_mm512_sub_pd(one, f), zero);
    below = _mm512_mask_mov_pd(below, _mm512_cmp_pd_mask(limit, zero, _CMP_EQ_OQ), zero);
    f = _mm512_mask_mov_pd(f, over, below);
  } else {
    f = _mm512_div_pd(a, t);  // below the target: A / T
  }
  f = _mm512_mask_mov_pd(f, full, one);
  if (k.equal) {  // "=" with a target of 0: met when A ≤ 0
    const __mmask8 zero_target = _mm512_mask_cmp_pd_mask(k.equal, t, zero, _CMP_EQ_OQ);
    f = _mm512_mask_mov_pd(f, zero_target, _mm512_maskz_mov_pd(_mm512_cmp_pd_mask(a, zero, _CMP_LE_OQ), one));
  }
  if (k.range) f = _mm512_mask_mov_pd(f, m8(k.range & ~_mm512_cmp_pd_mask(u, t, _CMP_GE_OQ)), not_a_number);
  const __mmask8 rules = m8(~k.fraction);
  f = _mm512_mask_mov_pd(f, m8(rules & _mm512_cmp_pd_mask(a, zero, _CMP_LT_OQ)), zero);
  f = _mm512_mask_mov_pd(
      f, m8(rules & (~_mm512_cmp_pd_mask(t, zero, _CMP_GE_OQ) | _mm512_cmp_pd_mask(a, a, _CMP_UNORD_Q))), not_a_number);
  if (k.fraction) {
    const __mmask8 earned = _mm512_mask_cmp_pd_mask(_mm512_cmp_pd_mask(a, zero, _CMP_GE_OQ), a, one, _CMP_LE_OQ);
    f = _mm512_mask_mov_pd(f, k.fraction, _mm512_mask_mov_pd(not_a_number, earned, a));
  }
  return f;
}

typedef double V4 __attribute__((vector_size(32)));
typedef long long M4 __attribute__((vector_size(32)));

enum class Family : std::uint8_t { higher, lower, equal, range, fraction };

/// `halves`: the fractions of 4 cells of one family.
template <Family F>
inline V4 quarter_fraction(V4 t, V4 a, V4 u) {
  const V4 zero = V4{} + 0.0, one = V4{} + 1.0, not_a_number = V4{} + std::numeric_limits<double>::quiet_NaN();
  if constexpr (F == Family::fraction) {
    return (a >= zero) & (a <= one) ? a : not_a_number;
  } else {
    V4 f;
    if constexpr (F == Family::higher) {
      f = a >= t ? one : a / t;
    } else if constexpr (F == Family::equal) {
      f = t == zero ? (a <= zero ? one : zero) : (a >= t ? one : a / t);
    } else if constexpr (F == Family::lower) {
      const V4 v = one - (a - t) / t;
      f = a <= t ? one : (t == zero ? zero : (zero < v ? v : zero));
    } else {
      const V4 v = one - (a - u) / u;
      const V4 above = a <= u ? one : (u == zero ? zero : (zero < v ? v : zero));
      f = a < t ? a / t : above;
      f = u >= t ? f : not_a_number;
    }
    f = a < zero ? zero : f;
    return (t >= zero) & (a == a) ? f : not_a_number;
  }
}

inline V4 quarter_of(Family f, V4 t, V4 a, V4 u) {
  switch (f) {
    case Family::higher: return quarter_fraction<Family::higher>(t, a, u);
    case Family::lower: return quarter_fraction<Family::lower>(t, a, u);
    case Family::equal: return quarter_fraction<Family::equal>(t, a, u);
    case Family::range: return quarter_fraction<Family::range>(t, a, u);
    case Family::fraction: break;
  }
  return quarter_fraction<Family::fraction>(t, a, u);
}

/// The family of the lanes 4h … 4h + 3 of vector v (one family each in this layout).
constexpr Family quarter_family(int v, int h) {
  const int j = (8 * v + 4 * h) % columns;
  return j < lower_first ? Family::higher : j < equal_first ? Family::lower : j < range_first ? Family::equal
         : j < range_end ? Family::range : Family::fraction;
}

/// Rows [0, rows), 8 at a time: 8 rows of 60 cells are 60 aligned vectors of 8 cells.
template <Stage S>
double rule_rows(Data& d, long rows) {
  alignas(64) double units_of[8 * columns];
  static constexpr int first[9] = {0, 8, 15, 23, 30, 38, 45, 53, 60};  // the 8 groups' columns
  const double* t = d.t.data;
  const double* a = S >= Stage::families ? d.af.data : d.a.data;
  const double* u = d.u.data;
  static constexpr auto families = [] {
    std::array<FamilyLanes, columns> lanes{};
    for (int v = 0; v < columns; ++v) lanes[static_cast<std::size_t>(v)] = family_lanes_of(v);
    return lanes;
  }();
  static constexpr auto halves = [] {
    std::array<std::array<Family, 2>, columns> of{};
    for (int v = 0; v < columns; ++v) of[static_cast<std::size_t>(v)] = {quarter_family(v, 0), quarter_family(v, 1)};
    return of;
  }();
  static constexpr auto ranges = [] {
    std::array<std::uint8_t, columns> lanes{};
    for (int v = 0; v < columns; ++v) lanes[static_cast<std::size_t>(v)] = static_cast<std::uint8_t>(range_lanes(v));
    return lanes;
  }();
  const __m512d weight_units = _mm512_set1_pd(150), inverse = _mm512_set1_pd(0.01), scale = _mm512_set1_pd(100);
  const __m512d one = _mm512_set1_pd(1), zero = _mm512_setzero_pd(), tie = _mm512_set1_pd(0.5 - 1e-11);
  const __m512d masked = _mm512_set1_pd(0x1p40), not_a_number = _mm512_set1_pd(std::numeric_limits<double>::quiet_NaN());
  unsigned ties = 0;
  __m512d check = zero;
  for (long r = 0; r + 8 <= rows; r += 8) {
    const long base = r * columns;
    for (int v = 0; v < columns; ++v) {
      const long c = base + 8 * v;
      _mm_prefetch(reinterpret_cast<const char*>(t + c + 256), _MM_HINT_T0);
      _mm_prefetch(reinterpret_cast<const char*>(a + c + 256), _MM_HINT_T0);
      const __m512d tv = _mm512_add_pd(_mm512_load_pd(t + c), zero), av = _mm512_load_pd(a + c);
      __m512d f = zero;
      __mmask8 usable = 0xFF;
      if constexpr (S == Stage::halves) {
        const FamilyLanes& k = families[static_cast<std::size_t>(v)];
        if (k.higher == 0xFF) {
          f = _mm512_max_pd(_mm512_min_pd(_mm512_div_pd(av, tv), one), zero);
          usable = _mm512_mask_cmp_pd_mask(_mm512_cmp_pd_mask(tv, zero, _CMP_GE_OQ), av, av, _CMP_ORD_Q);
        } else {
          __m512d uv = zero;
          if (k.range) {
            _mm_prefetch(reinterpret_cast<const char*>(u + c + 64 * columns), _MM_HINT_T0);
            uv = _mm512_maskz_load_pd(k.range, u + c);
          }
          const V4 lo = quarter_of(halves[static_cast<std::size_t>(v)][0], (V4)_mm512_castpd512_pd256(tv),
                                   (V4)_mm512_castpd512_pd256(av), (V4)_mm512_castpd512_pd256(uv));
          const V4 hi = quarter_of(halves[static_cast<std::size_t>(v)][1], (V4)_mm512_extractf64x4_pd(tv, 1),
                                   (V4)_mm512_extractf64x4_pd(av, 1), (V4)_mm512_extractf64x4_pd(uv, 1));
          f = _mm512_insertf64x4(_mm512_castpd256_pd512((__m256d)lo), (__m256d)hi, 1);
        }
      } else if constexpr (S == Stage::families) {
        const FamilyLanes& k = families[static_cast<std::size_t>(v)];
        if (k.higher == 0xFF) {
          f = _mm512_max_pd(_mm512_min_pd(_mm512_div_pd(av, tv), one), zero);
          usable = _mm512_mask_cmp_pd_mask(_mm512_cmp_pd_mask(tv, zero, _CMP_GE_OQ), av, av, _CMP_ORD_Q);
        } else {
          __m512d uv = zero;
          if (k.range) {
            _mm_prefetch(reinterpret_cast<const char*>(u + c + 64 * columns), _MM_HINT_T0);
            uv = _mm512_maskz_load_pd(k.range, u + c);
          }
          f = general_fraction(tv, av, uv, k);  // NaN where not usable
        }
      } else {
        f = _mm512_max_pd(_mm512_min_pd(_mm512_div_pd(av, tv), one), zero);
        usable = _mm512_mask_cmp_pd_mask(_mm512_cmp_pd_mask(tv, zero, _CMP_GE_OQ), av, av, _CMP_ORD_Q);
      }
      if constexpr (S >= Stage::complete && S < Stage::families) {
        if (const __mmask8 range = ranges[static_cast<std::size_t>(v)]) {
          __m512d uv;
          if constexpr (S == Stage::complete) {
            // Upper ends are read a few cells a row, which the hardware does not prefetch as it
            // does whole rows: asked for 64 rows ahead, as score_batch does.
            _mm_prefetch(reinterpret_cast<const char*>(u + c + 64 * columns), _MM_HINT_T0);
            uv = _mm512_maskz_load_pd(range, u + c);
          } else {
            // The 4 upper ends of the row this vector's range lanes are in, one after another.
            const long row = (c + __builtin_ctz(range)) / columns;
            uv = _mm512_maskz_expandloadu_pd(range, d.uppers.data + row * (range_end - range_first));
          }
          // Above the upper end U: 1 - (A - U) / U, at least 0 (the linear rule over U).
          const __m512d over = _mm512_max_pd(_mm512_sub_pd(one, _mm512_div_pd(_mm512_sub_pd(av, uv), uv)), zero);
          f = _mm512_mask_blend_pd(_mm512_mask_cmp_pd_mask(range, av, uv, _CMP_GT_OQ), f, over);
        }
      }
      const __m512d y = _mm512_mask_mul_pd(not_a_number, usable, f, weight_units);
      const __m512d rn = _mm512_roundscale_pd(y, _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC);
      ties |= _mm512_cmp_pd_mask(_mm512_abs_pd(_mm512_sub_pd(y, rn)), tie, _CMP_GE_OQ);
      const __m512d quotient = _mm512_mul_pd(rn, inverse);
      _mm512_stream_pd(d.leaf.data + c, _mm512_fmadd_pd(_mm512_fnmadd_pd(quotient, scale, rn), inverse, quotient));
      const __m512d units = _mm512_mask_blend_pd(_mm512_cmp_pd_mask(rn, rn, _CMP_ORD_Q), masked, rn);
      if constexpr (S == Stage::rule) check = _mm512_add_pd(check, units);
      else _mm512_store_pd(units_of + 8 * v, units);
    }
    if constexpr (S == Stage::rule) continue;
    __m512d column[columns];  // lane i: row r + i
    for (int j = 0; j < columns; j += 8) {
      const int from = j + 8 <= columns ? j : columns - 8;  // the last tile overlaps the one before
      __m512d row[8];
      for (int i = 0; i < 8; ++i) row[i] = _mm512_loadu_pd(units_of + i * columns + from);
      transpose8(row, column + from);
    }
    __m512d level2[8];
    for (int g = 0; g < 8; ++g) {
      __m512d s0 = column[first[g]], s1 = column[first[g] + 1];
      int j = first[g] + 2;
      for (; j + 1 < first[g + 1]; j += 2) {
        s0 = _mm512_add_pd(s0, column[j]);
        s1 = _mm512_add_pd(s1, column[j + 1]);
      }
      if (j < first[g + 1]) s0 = _mm512_add_pd(s0, column[j]);
      level2[g] = _mm512_add_pd(s0, s1);
    }
    if constexpr (S == Stage::rollup) {
      check = _mm512_add_pd(check, level2[r / 8 % 8]);
      continue;
    }
    __m512d masked_cells = zero;
    for (int g = 0; g < 8; ++g) {
      const __m512d count = _mm512_roundscale_pd(_mm512_mul_pd(level2[g], _mm512_set1_pd(0x1p-40)), _MM_FROUND_TO_NEAREST_INT);
      masked_cells = _mm512_add_pd(masked_cells, count);
      level2[g] = _mm512_fnmadd_pd(count, masked, level2[g]);
    }
    __m512d level1[8] = {_mm512_add_pd(_mm512_add_pd(level2[0], level2[1]), _mm512_add_pd(level2[2], level2[3])),
                         _mm512_add_pd(_mm512_add_pd(level2[4], level2[5]), level2[6]), level2[7], zero, zero, zero,
                         zero, zero};
    const __m512d ratio = _mm512_div_pd(_mm512_loadu_pd(d.executed.data + r), _mm512_loadu_pd(d.full_year.data + r));
    const __m512d budget = _mm512_roundscale_pd(_mm512_mul_pd(_mm512_min_pd(ratio, one), _mm512_set1_pd(1000)),
                                                _MM_FROUND_TO_NEAREST_INT);
    const __m512d total =
        _mm512_mul_pd(_mm512_add_pd(_mm512_add_pd(_mm512_add_pd(level1[0], level1[1]), level1[2]), budget), inverse);
    _mm512_stream_pd(d.total.data + r, total);  // r % 8 == 0: aligned, as every output here
    __m512d grade = _mm512_mask_blend_pd(_mm512_cmp_pd_mask(total, _mm512_set1_pd(60), _CMP_GE_OQ), _mm512_set1_pd(3), _mm512_set1_pd(2));
    grade = _mm512_mask_blend_pd(_mm512_cmp_pd_mask(total, _mm512_set1_pd(80), _CMP_GE_OQ), grade, one);
    grade = _mm512_mask_blend_pd(_mm512_cmp_pd_mask(total, _mm512_set1_pd(90), _CMP_GE_OQ), grade, zero);
    _mm512_stream_pd(d.grade.data + r, grade);
    __m512d out[8];
    for (int g = 0; g < 8; ++g) level2[g] = _mm512_mul_pd(level2[g], inverse);
    transpose8(level2, out);
    for (int i = 0; i < 8; ++i) _mm512_stream_pd(d.level2.data + (r + i) * 8, out[i]);  // a row is one line
    for (int h = 0; h < 3; ++h) level1[h] = _mm512_mul_pd(level1[h], inverse);
    transpose8(level1, out);
    alignas(64) double level1_rows[8 * 3 + 8];  // the 8 rows' 3 sums packed, then 3 lines streamed
    for (int i = 0; i < 8; ++i) _mm512_mask_storeu_pd(level1_rows + i * 3, 0x7, out[i]);
    for (int k = 0; k < 3; ++k) _mm512_stream_pd(d.level1.data + r * 3 + 8 * k, _mm512_load_pd(level1_rows + 8 * k));
    check = _mm512_add_pd(check, masked_cells);
  }
  _mm_sfence();
  if constexpr (S >= Stage::complete) rank_by_counting(d.total.data, rows, d.rank.get());
  return ties + _mm512_reduce_add_pd(check);
}

}  // namespace

#if defined(__clang__)
#pragma clang attribute pop
#else
#pragma GCC diagnostic pop
#pragma GCC pop_options
#endif

namespace {

bool has_avx512(benchmark::State& state) {
  if (__builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512dq")) return true;
  state.SkipWithError("this processor has no AVX-512");
  return false;
}

void count(benchmark::State& state) {
  state.counters["cells/s"] = benchmark::Counter(static_cast<double>(rows_all * columns),
                                                 benchmark::Counter::kIsIterationInvariantRate);
}

void floor_stream_scalar(benchmark::State& state) {
  Data& d = data();
  for (auto _ : state) benchmark::DoNotOptimize(stream_scalar(d.t.data, d.a.data, rows_all * columns));
  count(state);
}

void floor_stream_avx512(benchmark::State& state) {
  if (!has_avx512(state)) return;
  Data& d = data();
  for (auto _ : state) benchmark::DoNotOptimize(stream_avx512(d.t.data, d.a.data, rows_all * columns));
  count(state);
}

void floor_stream_leaves(benchmark::State& state) {
  if (!has_avx512(state)) return;
  Data& d = data();
  for (auto _ : state) {
    stream_leaves(d.t.data, d.a.data, d.leaf.data, rows_all * columns);
    benchmark::ClobberMemory();
  }
  count(state);
}

/// `families`: the rule of column j, one cell at a time (NaN: not scored), written as
/// rule_fraction states the rules rather than as the vector code computes them.
double family_rule(int j, double t, double a, double u) {
  const double not_a_number = std::numeric_limits<double>::quiet_NaN();
  if (j >= fraction_first) return a >= 0 && a <= 1 ? a : not_a_number;
  if (std::isnan(a) || !(t >= 0)) return not_a_number;
  if (j >= range_first && j < range_end && !(u >= t)) return a < 0 ? 0 : not_a_number;
  if (a < 0) return 0;
  const auto over = [a](double limit) { return limit == 0 ? 0 : std::max(0.0, 1 - (a - limit) / limit); };
  if (j >= range_first && j < range_end) return a < t ? a / t : a <= u ? 1 : over(u);
  if (j >= equal_first && t == 0) return a <= 0 ? 1 : 0;
  if (j >= lower_first && j < equal_first) return a <= t ? 1 : over(t);
  return a >= t ? 1 : a / t;
}

/// Every 997th row computed again one cell at a time: its leaves (every stage), and from the
/// epilogue on its level-2 and level-1 sums, total and grade (and with ranges its rank), so that
/// the vector code measured is doing the work it claims.  (The floor keeps no counts of masked
/// cells as an array: they only feed a checksum.)
bool verified(const Data& d, Stage stage) {
  static constexpr int first[9] = {0, 8, 15, 23, 30, 38, 45, 53, 60};
  static constexpr int level1_of[8] = {0, 0, 0, 0, 1, 1, 1, 2};
  const bool complete = stage >= Stage::complete, sums = stage >= Stage::epilogue;
  const auto near = [](double x, double y) { return std::fabs(x - y) <= 1e-9; };
  for (long i = 0; i < rows_all; i += 997) {
    double indicators = 0, level1[3] = {0, 0, 0};
    for (int g = 0; g < 8; ++g) {
      double units = 0;
      for (int j = first[g]; j < first[g + 1]; ++j) {
        const long c = i * columns + j;
        const double t = d.t.data[c], a = stage >= Stage::families ? d.af.data[c] : d.a.data[c], u = d.u.data[c];
        double f = std::min(a / t, 1.0);
        if (complete && j >= range_first && j < range_end && a > u) f = std::max(1 - (a - u) / u, 0.0);
        if (stage >= Stage::families) f = family_rule(j, t, a, u);
        const double leaf = d.leaf.data[c];
        if (f == f) {
          units += std::nearbyint(f * 150);
          if (!near(leaf, std::nearbyint(f * 150) / 100)) return false;
        } else if (leaf == leaf) {
          return false;  // a masked cell must be NaN
        }
      }
      indicators += units;
      level1[level1_of[g]] += units;
      if (sums && !near(d.level2.data[i * 8 + g], units / 100)) return false;
    }
    if (!sums) continue;
    for (int h = 0; h < 3; ++h)
      if (!near(d.level1.data[i * 3 + h], level1[h] / 100)) return false;
    const double budget = std::nearbyint(std::min(d.executed.data[i] / d.full_year.data[i], 1.0) * 1000);
    const double total = (indicators + budget) / 100;
    if (!near(d.total.data[i], total)) return false;
    if (d.grade.data[i] != (total >= 90 ? 0 : total >= 80 ? 1 : total >= 60 ? 2 : 3)) return false;
    if (complete) {
      int rank = 1;
      for (long k = 0; k < rows_all; ++k) rank += d.total.data[k] > d.total.data[i] + 0.005;
      if (d.rank[static_cast<std::size_t>(i)] != rank) return false;
    }
  }
  return true;
}

/// Arg: rows a pass (100000: one pass from memory; 800: 125 passes in cache).
template <Stage S>
void floor_rule(benchmark::State& state) {
  if (!has_avx512(state)) return;
  Data& d = data();
  const long rows = state.range(0), passes = rows_all / rows;
  if (rows == rows_all && !(rule_rows<S>(d, rows), verified(d, S))) {
    state.SkipWithError("the leaves, level sums, totals, grades or ranks are wrong");
    return;
  }
  for (auto _ : state) {
    double sum = 0;
    for (long k = 0; k < passes; ++k) sum += rule_rows<S>(d, rows);
    benchmark::DoNotOptimize(sum);
  }
  count(state);
}

}  // namespace

BENCHMARK(floor_stream_scalar)->Name("floor/stream_scalar")->Unit(benchmark::kMillisecond);
BENCHMARK(floor_stream_avx512)->Name("floor/stream_avx512")->Unit(benchmark::kMillisecond);
BENCHMARK(floor_stream_leaves)->Name("floor/stream_leaves")->Unit(benchmark::kMillisecond);
BENCHMARK(floor_rule<Stage::rule>)->Name("floor/rule")->Arg(100000)->Arg(800)->Unit(benchmark::kMillisecond);
BENCHMARK(floor_rule<Stage::rollup>)->Name("floor/rule_rollup")->Arg(100000)->Arg(800)->Unit(benchmark::kMillisecond);
BENCHMARK(floor_rule<Stage::epilogue>)
    ->Name("floor/rule_rollup_epilogue")
    ->Arg(100000)
    ->Arg(800)
    ->Unit(benchmark::kMillisecond);
BENCHMARK(floor_rule<Stage::complete>)->Name("floor/complete")->Arg(100000)->Arg(800)->Unit(benchmark::kMillisecond);
BENCHMARK(floor_rule<Stage::compact>)->Name("floor/complete_compact")->Arg(100000)->Arg(800)->Unit(benchmark::kMillisecond);
BENCHMARK(floor_rule<Stage::families>)->Name("floor/families")->Arg(100000)->Arg(800)->Unit(benchmark::kMillisecond);
BENCHMARK(floor_rule<Stage::halves>)->Name("floor/families_halves")->Arg(100000)->Arg(800)->Unit(benchmark::kMillisecond);
#endif  // JIXIAO_FLOOR

BENCHMARK_MAIN();
