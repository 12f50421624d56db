// jixiao: budget performance management (预算绩效管理) for C++ and Python.
// SPDX-License-Identifier: MIT
//
// The batch scoring kernel (aggregate.cpp), included once per instruction set inside its own
// namespace, with JIXIAO_LANES set to the vector width in doubles (8 AVX-512, 4 AVX2, 2 SSE2)
// and that instruction set the target of every function here: GCC lowers a function's vector
// operations for the function's own target before inlining, so helpers outside the target
// region, or vectors wider than the target's registers, would be split into scalars.  Not a
// header: no include guard.

constexpr int W = JIXIAO_LANES;  ///< entities per vector, and columns per tile

typedef double Vd __attribute__((vector_size(8 * JIXIAO_LANES)));
typedef long long Vi __attribute__((vector_size(8 * JIXIAO_LANES)));

JIXIAO_INLINE Vd splat(double x) noexcept { return Vd{} + x; }  // a broadcast (an initializer list is not)
JIXIAO_INLINE Vd load(const double* p) noexcept {
  Vd v;
  std::memcpy(&v, p, sizeof v);
  return v;
}
JIXIAO_INLINE void store(double* p, Vd v) noexcept { std::memcpy(p, &v, sizeof v); }
/// m ? x : y lane by lane (m: all ones or all zeros per lane, as comparisons give).
JIXIAO_INLINE Vd select(Vi m, Vd x, Vd y) noexcept {
#if defined(__clang__)
  return (Vd)(((Vi)x & m) | ((Vi)y & ~m));
#else
  return m ? x : y;
#endif
}
JIXIAO_INLINE Vd fabs(Vd x) noexcept { return (Vd)((Vi)x & (Vi{} + INT64_MAX)); }
JIXIAO_INLINE bool any(Vi m) noexcept {
#if defined(JIXIAO_KERNEL_AVX512)
  return _mm512_test_epi64_mask((__m512i)m, (__m512i)m) != 0;  // one mask test, not W extracts
#else
  long long r = 0;
  for (int i = 0; i < W; ++i) r |= m[i];
  return r != 0;
#endif
}

/// The W × W transpose: in[i] is row i, out[j] column j (and the other way round).
JIXIAO_INLINE void transpose(const Vd in[W], Vd out[W]) noexcept {
#if JIXIAO_LANES == 8
  const Vd a0 = JIXIAO_SHUFFLE(in[0], in[1], 0, 8, 2, 10, 4, 12, 6, 14);
  const Vd a1 = JIXIAO_SHUFFLE(in[0], in[1], 1, 9, 3, 11, 5, 13, 7, 15);
  const Vd a2 = JIXIAO_SHUFFLE(in[2], in[3], 0, 8, 2, 10, 4, 12, 6, 14);
  const Vd a3 = JIXIAO_SHUFFLE(in[2], in[3], 1, 9, 3, 11, 5, 13, 7, 15);
  const Vd a4 = JIXIAO_SHUFFLE(in[4], in[5], 0, 8, 2, 10, 4, 12, 6, 14);
  const Vd a5 = JIXIAO_SHUFFLE(in[4], in[5], 1, 9, 3, 11, 5, 13, 7, 15);
  const Vd a6 = JIXIAO_SHUFFLE(in[6], in[7], 0, 8, 2, 10, 4, 12, 6, 14);
  const Vd a7 = JIXIAO_SHUFFLE(in[6], in[7], 1, 9, 3, 11, 5, 13, 7, 15);
  const Vd b0 = JIXIAO_SHUFFLE(a0, a2, 0, 1, 8, 9, 4, 5, 12, 13);
  const Vd b1 = JIXIAO_SHUFFLE(a1, a3, 0, 1, 8, 9, 4, 5, 12, 13);
  const Vd b2 = JIXIAO_SHUFFLE(a0, a2, 2, 3, 10, 11, 6, 7, 14, 15);
  const Vd b3 = JIXIAO_SHUFFLE(a1, a3, 2, 3, 10, 11, 6, 7, 14, 15);
  const Vd b4 = JIXIAO_SHUFFLE(a4, a6, 0, 1, 8, 9, 4, 5, 12, 13);
  const Vd b5 = JIXIAO_SHUFFLE(a5, a7, 0, 1, 8, 9, 4, 5, 12, 13);
  const Vd b6 = JIXIAO_SHUFFLE(a4, a6, 2, 3, 10, 11, 6, 7, 14, 15);
  const Vd b7 = JIXIAO_SHUFFLE(a5, a7, 2, 3, 10, 11, 6, 7, 14, 15);
  out[0] = JIXIAO_SHUFFLE(b0, b4, 0, 1, 2, 3, 8, 9, 10, 11);
  out[1] = JIXIAO_SHUFFLE(b1, b5, 0, 1, 2, 3, 8, 9, 10, 11);
  out[2] = JIXIAO_SHUFFLE(b2, b6, 0, 1, 2, 3, 8, 9, 10, 11);
  out[3] = JIXIAO_SHUFFLE(b3, b7, 0, 1, 2, 3, 8, 9, 10, 11);
  out[4] = JIXIAO_SHUFFLE(b0, b4, 4, 5, 6, 7, 12, 13, 14, 15);
  out[5] = JIXIAO_SHUFFLE(b1, b5, 4, 5, 6, 7, 12, 13, 14, 15);
  out[6] = JIXIAO_SHUFFLE(b2, b6, 4, 5, 6, 7, 12, 13, 14, 15);
  out[7] = JIXIAO_SHUFFLE(b3, b7, 4, 5, 6, 7, 12, 13, 14, 15);
#elif JIXIAO_LANES == 4
  const Vd a0 = JIXIAO_SHUFFLE(in[0], in[1], 0, 4, 2, 6);
  const Vd a1 = JIXIAO_SHUFFLE(in[0], in[1], 1, 5, 3, 7);
  const Vd a2 = JIXIAO_SHUFFLE(in[2], in[3], 0, 4, 2, 6);
  const Vd a3 = JIXIAO_SHUFFLE(in[2], in[3], 1, 5, 3, 7);
  out[0] = JIXIAO_SHUFFLE(a0, a2, 0, 1, 4, 5);
  out[1] = JIXIAO_SHUFFLE(a1, a3, 0, 1, 4, 5);
  out[2] = JIXIAO_SHUFFLE(a0, a2, 2, 3, 6, 7);
  out[3] = JIXIAO_SHUFFLE(a1, a3, 2, 3, 6, 7);
#else
  out[0] = JIXIAO_SHUFFLE(in[0], in[1], 0, 2);
  out[1] = JIXIAO_SHUFFLE(in[0], in[1], 1, 3);
#endif
}

/// Copies `count` doubles to `to` with non-temporal stores where `to` is aligned for them:
/// the leaves are written once and not read again, so they go to memory without first being
/// read into the cache (as an ordinary store's line fill would).
JIXIAO_INLINE void stream_out(double* to, const double* from, Eigen::Index count) noexcept {
#if defined(JIXIAO_STREAM_STORES)
  constexpr Eigen::Index lanes = JIXIAO_LANES;
  Eigen::Index i = 0;
  for (; i < count && reinterpret_cast<std::uintptr_t>(to + i) % (8 * lanes) != 0; ++i) to[i] = from[i];
  for (; i + lanes <= count; i += lanes) {
#if JIXIAO_LANES == 8
    _mm512_stream_pd(to + i, _mm512_loadu_pd(from + i));
#elif JIXIAO_LANES == 4
    _mm256_stream_pd(to + i, _mm256_loadu_pd(from + i));
#else
    _mm_stream_pd(to + i, _mm_loadu_pd(from + i));
#endif
  }
  for (; i < count; ++i) to[i] = from[i];
#else
  std::copy_n(from, count, to);
#endif
}

/// The policy's rule over a limit L (a > L ≥ 0), as rule_fraction's `over`.
template <ReverseRule Rev>
JIXIAO_INLINE Vd over_limit(Vd limit, Vd a) noexcept {
  const Vd zero = splat(0.0);
  if constexpr (Rev == ReverseRule::linear) {
    const Vd v = splat(1.0) - (a - limit) / limit;
    return select((Vi)(limit == zero), zero, select((Vi)(zero < v), v, zero));  // max(0, v)
  } else if constexpr (Rev == ReverseRule::ratio) {
    return limit / a;
  } else {
    return zero;
  }
}

/// rule_fraction for W cells of family F, with its operations: NaN inputs and negative
/// targets give NaN, then a negative actual gives 0, then the rule.  The quotients are the
/// same IEEE divisions as rule_fraction's, so y below is the reference's y bit for bit.
template <Family F, ReverseRule Rev>
JIXIAO_INLINE Vd cell_fraction(Vd t, Vd a, Vd u) noexcept {
  const Vd zero = splat(0.0), one = splat(1.0), not_a_number = splat(nan);
  if constexpr (F == Family::fraction) {
    // A fraction already earned lies in [0, 1]; anything else is not a score (masked).
    return select((Vi)(a >= zero) & (Vi)(a <= one), a, not_a_number);
  } else {
    Vd f;
    if constexpr (F == Family::higher) {
      f = select((Vi)(a >= t), one, a / t);
    } else if constexpr (F == Family::lower) {
      f = select((Vi)(a <= t), one, over_limit<Rev>(t, a));
    } else if constexpr (F == Family::exact || F == Family::equal_at_least) {
      const Vd at_zero = select((Vi)(a <= zero), one, zero);
      if constexpr (F == Family::exact) {
        const Vd abs_t = fabs(t);
        const Vd tolerance = splat(1e-9) * select((Vi)(one < abs_t), abs_t, one);  // 1e-9 · max(1, |T|)
        const Vd near = select((Vi)(fabs(a - t) <= tolerance), one, zero);
        f = select((Vi)(t == zero), at_zero, near);
      } else {
        f = select((Vi)(t == zero), at_zero, select((Vi)(a >= t), one, a / t));
      }
    } else {  // range [T, U]
      const Vd above = select((Vi)(a <= u), one, over_limit<Rev>(u, a));
      f = select((Vi)(a < t), a / t, above);
      f = select(~(Vi)(u >= t), not_a_number, f);  // U NaN or below T
    }
    f = select((Vi)(a < zero), zero, f);
    return select(~(Vi)(t >= zero) | (Vi)(a != a), not_a_number, f);  // T NaN or negative, A NaN
  }
}

template <ReverseRule Rev>
JIXIAO_INLINE Vd family_fraction(Family family, Vd t, Vd a, Vd u) noexcept {
  switch (family) {
    case Family::higher: return cell_fraction<Family::higher, Rev>(t, a, u);
    case Family::lower: return cell_fraction<Family::lower, Rev>(t, a, u);
    case Family::exact: return cell_fraction<Family::exact, Rev>(t, a, u);
    case Family::equal_at_least: return cell_fraction<Family::equal_at_least, Rev>(t, a, u);
    case Family::range: return cell_fraction<Family::range, Rev>(t, a, u);
    case Family::fraction: break;
  }
  return cell_fraction<Family::fraction, Rev>(t, a, u);
}

/// y ≥ 0 rounded to the nearest integer (ties to even: a tie is settled elsewhere anyway).
JIXIAO_INLINE Vd nearest(Vd y) noexcept {
#if defined(JIXIAO_KERNEL_AVX512)
  return (Vd)_mm512_roundscale_pd((__m512d)y, _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC);
#else
  const Vd big = splat(0x1p52);  // adding and taking away 2^52 rounds to nearest below 2^52
  return (y + big) - big;
#endif
}

/// units / 10^d correctly rounded, for whole units below 2^27 (`scale` = 10^d, `inverse` =
/// RN(10^-d)).  AVX-512: the product and one FMA correction (Markstein: a faithful quotient and
/// the correctly rounded reciprocal give the correctly rounded quotient); it was also checked
/// against the division for every such integer and every d ≤ 6.  Elsewhere: the division.
JIXIAO_INLINE Vd units_value(Vd units, Vd scale, Vd inverse) noexcept {
#if defined(JIXIAO_KERNEL_AVX512)
  const __m512d n = (__m512d)units, q = _mm512_mul_pd(n, (__m512d)inverse);
  return (Vd)_mm512_fmadd_pd(_mm512_fnmadd_pd(q, (__m512d)scale, n), (__m512d)inverse, q);
#else
  (void)inverse;
  return units / scale;
#endif
}

/// Units added for a masked cell instead of its score: the level-2 sums then carry the count of
/// masked cells in their multiples of 2^40, the scores below (Plan::fits: under 10^11 < 2^40),
/// all of it exact in a double (up to 8,191 masked cells per group).
constexpr double masked_units = 0x1p40;

/// The number of whole masked_units in each lane (sums are below 2^53: exact).
JIXIAO_INLINE Vd floor_masked(Vd x) noexcept {
  // x / 2^40 (exact) is the count plus a fraction below 1e11 / 2^40 < 0.1: its nearest integer.
  return nearest(x * splat(1.0 / masked_units));
}

/// The lanes of `bits` as a vector mask.
JIXIAO_INLINE Vi lane_mask(std::uint32_t bits) noexcept {
  Vi lane;
  for (int l = 0; l < W; ++l) lane[l] = 1LL << l;
  return (Vi)(((Vi{} + static_cast<long long>(bits)) & lane) != 0);
}

/// One plan laid over a row: V = ⌈M / W⌉ vectors, lane l of vector v being column v·W + l.
/// Every row has the same pattern, so it is worked out once: each lane's weight·10^d and tie
/// bound, and which rule families a vector holds in which lanes.  Lanes past the last column
/// (of the last vector, when W does not divide M) read the next row's first cells: their
/// weight is NaN and what they write is overwritten by the next row (see score_superblock).
struct Flat {
  Eigen::Index vectors = 0;                    ///< V
  std::vector<double> weight_units, tie_from;  ///< V × W
  std::vector<std::uint8_t> family;            ///< V: the vector's one family, or 255: mixed
  std::vector<std::uint32_t> family_lanes;     ///< V × 6: lanes of each family
  std::vector<std::uint8_t> reads_uppers;      ///< V

  Flat(const Plan& p, Eigen::Index m, bool has_uppers) {
    vectors = (m + W - 1) / W;
    const auto v_count = static_cast<std::size_t>(vectors);
    weight_units.assign(v_count * W, nan);
    tie_from.assign(v_count * W, 0.5);
    family.assign(v_count, 0);
    family_lanes.assign(v_count * 6, 0);
    reads_uppers.assign(v_count, 0);
    for (std::size_t v = 0; v < v_count; ++v) {
      std::uint32_t families = 0;
      for (std::size_t l = 0; l < W; ++l) {
        const std::size_t j = std::min(v * W + l, static_cast<std::size_t>(m) - 1);  // padding: as the last column
        const ColumnPlan& c = p.columns[j];
        if (v * W + l < static_cast<std::size_t>(m)) {
          weight_units[v * W + l] = c.weight_units;
          tie_from[v * W + l] = c.tie_from;
        }
        const auto f = static_cast<std::size_t>(c.family);
        family_lanes[v * 6 + f] |= 1u << l;
        families |= 1u << f;
        reads_uppers[v] |= static_cast<std::uint8_t>(has_uppers && c.family == Family::range);
      }
      family[v] = (families & (families - 1)) == 0 ? static_cast<std::uint8_t>(__builtin_ctz(families)) : 255;
    }
  }
};

/// W fractions of vector k, whichever families its lanes hold.
template <ReverseRule Rev>
JIXIAO_INLINE Vd flat_fraction(const Flat& flat, std::size_t k, Vd t, Vd a, Vd u) noexcept {
  const std::uint8_t only = flat.family[k];
  if (only != 255) return family_fraction<Rev>(static_cast<Family>(only), t, a, u);
  Vd f = splat(nan);
  for (int fam = 0; fam < 6; ++fam) {
    const std::uint32_t lanes = flat.family_lanes[k * 6 + static_cast<std::size_t>(fam)];
    if (lanes) f = select(lane_mask(lanes), family_fraction<Rev>(static_cast<Family>(fam), t, a, u), f);
  }
  return f;
}

/// Columns [begin, begin + W) of W rows, transposed: out[j] holds column begin + j.
JIXIAO_INLINE void load_tile(const double* p, Eigen::Index stride, Vd out[W]) noexcept {
  Vd rows[W];
  for (int i = 0; i < W; ++i) rows[i] = load(p + i * stride);
  transpose(rows, out);
}

/// W entities (a superblock): W rows of M cells read in memory order from t, a (and u), V
/// vectors a row; their leaves written to `leaf` and the units they add (masked_units for a
/// masked cell) to `added`, both W × M in the same order (with W cells of padding after).
/// Reads up to W cells past the W rows when W does not divide M.  `uppers_ahead` > 0 (cells):
/// the upper ends that far on are prefetched, and the targets and actuals 2 KB on.
template <ReverseRule Rev>
__attribute__((noinline)) void score_superblock(const Plan& p, const Flat& flat, const double* t,
                                                const double* a, const double* u, double* leaf, double* added,
                                                Eigen::Index m, Eigen::Index uppers_ahead) noexcept {
  const Vd scale = splat(p.scale);
#if defined(JIXIAO_KERNEL_AVX512)
  const Vd inverse = splat(1.0 / p.scale);
#endif
  const Vd masked = splat(masked_units);
  // Targets and actuals 2 KB on as well: the hardware prefetcher alone leaves the loop waiting
  // on them (measured: docs/performance.md).
  const Eigen::Index inputs_ahead = uppers_ahead ? 256 : 0;
  // Row by row, each row's vectors in turn (so that memory is read in order): a last vector's
  // lanes past the row write the next row's first leaves and units before that row's own
  // first vector overwrites them, and past the last row into the buffers' padding.
  for (std::size_t i = 0; i < W; ++i)
  for (std::size_t k = 0; k < static_cast<std::size_t>(flat.vectors); ++k) {
    const std::size_t at = i * static_cast<std::size_t>(m) + k * W;  // the vector's first cell
    if (inputs_ahead) {
      __builtin_prefetch(t + at + inputs_ahead);
      __builtin_prefetch(a + at + inputs_ahead);
    }
    const Vd tv = load(t + at), av = load(a + at);
    Vd uv = tv;
    if (flat.reads_uppers[k]) {
      // The upper ends are read at the range columns only: a few cells a row, which the
      // hardware does not prefetch as it does the whole rows of t and a.
      if (uppers_ahead) {
        __builtin_prefetch(u + at + uppers_ahead);
        __builtin_prefetch(u + at + uppers_ahead + W - 1);
      }
      uv = load(u + at);
    }
    const Vd ws = load(flat.weight_units.data() + k * W);
    Vd y;
#if defined(JIXIAO_KERNEL_AVX512)
    if (flat.family[k] == static_cast<std::uint8_t>(Family::higher)) {
      // min/max: A/T ≥ 1 exactly when A ≥ T; T + 0 turns -0 into +0, so that 0/0 and -x/+0
      // land on 1 and 0 as the rule says; T NaN or negative and A NaN masked.
      const __m512d tt = _mm512_add_pd((__m512d)tv, _mm512_setzero_pd()), aa = (__m512d)av;
      const __m512d f = _mm512_max_pd(_mm512_min_pd(_mm512_div_pd(aa, tt), _mm512_set1_pd(1.0)), _mm512_setzero_pd());
      const __mmask8 usable =
          _mm512_mask_cmp_pd_mask(_mm512_cmp_pd_mask(tt, _mm512_setzero_pd(), _CMP_GE_OQ), aa, aa, _CMP_ORD_Q);
      y = (Vd)_mm512_mask_mul_pd(_mm512_set1_pd(nan), usable, f, (__m512d)ws);
    } else
#endif
    {
      y = flat_fraction<Rev>(flat, k, tv, av, uv) * ws;  // within an ulp of (w·f)·10^d: inside tie_from
    }
    const Vd rn = nearest(y);
    const Vd off = fabs(y - rn);
    const Vd bound = load(flat.tie_from.data() + k * W);
#if defined(JIXIAO_KERNEL_AVX512)
    Vd value = p.small_units ? units_value(rn, scale, inverse) : rn / scale;
    const unsigned ties = _mm512_cmp_pd_mask((__m512d)off, (__m512d)bound, _CMP_GE_OQ);  // NaN: no tie
#else
    Vd value = rn / scale;  // rn / 10^d correctly rounded, as round_half_up's decimal parse gives it
    const Vi tie = (Vi)(off >= bound);
    unsigned ties = 0;
    if (any(tie))
      for (int l = 0; l < W; ++l) ties |= tie[l] ? 1u << l : 0u;
#endif
    Vd units = select((Vi)(rn == rn), rn, masked);
    if (ties) {
      // Near a tie: the reference fraction and round_half_up's reading decide (rare).
      for (int l = 0; l < W; ++l) {
        if (!((ties >> l) & 1)) continue;  // (padding lanes have a NaN weight: never a tie)
        const std::size_t cell = at + static_cast<std::size_t>(l);
        const ColumnPlan& c = p.columns[k * W + static_cast<std::size_t>(l)];
        const double x = c.weight * reference_fraction(c.rule, t[cell], a[cell], flat.reads_uppers[k] ? u[cell] : nan,
                                                       *p.policy);
        value[l] = settle(x, p.scale, p.decimals);
        units[l] = value[l] == value[l] ? std::nearbyint(value[l] * p.scale) : masked_units;  // (never NaN here)
      }
    }
    store(leaf + at, value);
    store(added + at, units);
  }
}

/// The superblock's level-2 sums from its `added` units (W × M, row-major): W × W tiles
/// transposed so that each column is one vector over the W rows, added into its group.
/// l2[g] lane i: row i's sum, with masked_units for each masked cell.
JIXIAO_INLINE void roll_up(const Plan& p, const double* added, Eigen::Index m, Vd* l2, double* padded) noexcept {
  const Vd zero = splat(0.0);
  for (int g = 0; g < p.g2; ++g) l2[g] = zero;
  const auto columns = static_cast<int>(m);
  const auto add = [&](const double* from, Eigen::Index stride, int begin, int counted_from, int width) {
    Vd c[W];
    load_tile(from, stride, c);
    int group = -1;
    Vd run = zero;
    for (int j = counted_from; j < width; ++j) {
      const int g = p.columns[static_cast<std::size_t>(begin + j)].group;
      if (g != group) {
        if (group >= 0) l2[group] += run;
        group = g;
        run = zero;
      }
      run += c[j];
    }
    if (group >= 0) l2[group] += run;
  };
  if (columns < W) {
    // Rows narrower than a tile: copied into W × W with zeros (which add nothing).
    std::fill(padded, padded + W * W, 0.0);
    for (int i = 0; i < W; ++i) std::copy_n(added + i * m, m, padded + i * W);
    add(padded, W, 0, 0, columns);
    return;
  }
  int j = 0;
  for (; j + W <= columns; j += W) add(added + j, m, j, 0, W);
  if (j < columns) add(added + (columns - W), m, columns - W, j - (columns - W), W);  // overlapping: not twice
}

/// W rows × `groups` subtotals, given as one vector over the rows per group, written row after
/// row to `to` (W × groups, contiguous: the outputs are row-major).  Up to W groups: one
/// transpose, each row stored whole into `buffer` (W × groups + W doubles; a row's store runs
/// into the next row, which is stored after it) and the block streamed out; more: lane by lane.
JIXIAO_INLINE void put_rows(const Vd* columns, int groups, double* buffer, double* to) noexcept {
  if (groups > W) {
    for (int i = 0; i < W; ++i)
      for (int g = 0; g < groups; ++g) to[i * groups + g] = columns[g][i];
    return;
  }
  Vd in[W], out[W];
  for (int g = 0; g < W; ++g) in[g] = g < groups ? columns[g] : splat(0.0);
  transpose(in, out);
  for (int i = 0; i < W; ++i) store(buffer + i * groups, out[i]);
  stream_out(to, buffer, W * groups);
}

/// The budget row of W entities in units of 10^-decimals (NaN: not scored), as score_budget.
JIXIAO_INLINE Vd budget_block(const Plan& p, Vd full_year, Vd executed) noexcept {
  const Vd zero = splat(0.0), one = splat(1.0), inf = splat(std::numeric_limits<double>::infinity());
  const Vi usable = (Vi)(full_year > zero) & (Vi)(executed == executed) & (Vi)(full_year != inf) &
                    (Vi)(fabs(executed) != inf);
  Vd ratio = executed / full_year;
  ratio = select((Vi)(ratio < zero), zero, select((Vi)(one < ratio), one, ratio));  // std::clamp(r, 0, 1)
  const Vd x = splat(p.budget_weight) * ratio;
  const Vd y = x * splat(p.scale);
  Vd units = nearest(y);
  const Vi tie = (Vi)(splat(0.5) - fabs(y - units) <= y * splat(1e-13) + splat(1e-12)) & usable;
  if (any(tie))
    for (int lane = 0; lane < W; ++lane)
      if (tie[lane]) units[lane] = std::nearbyint(settle(x[lane], p.scale, p.decimals) * p.scale);
  return select(usable, units, splat(nan));
}

/// Rows [begin, end) of the job, W at a time: read in place when the arrays are dense, through
/// padded copies for strided input and for the last rows (whose vectors would read past the
/// arrays).
template <ReverseRule Rev>
JIXIAO_INLINE void score_rows_vector(const Plan& p, const Job& job, Eigen::Index begin, Eigen::Index end,
                                     Scratch& s) {
  BatchResult& r = *job.out;
  const Eigen::Index m = job.m;
  const Flat flat(p, m, job.u != nullptr);
  const Vd scale = splat(p.scale);
  Vd* l2 = reinterpret_cast<Vd*>(s.l2);
  Vd* l1 = reinterpret_cast<Vd*>(s.l1);
#if defined(JIXIAO_KERNEL_AVX512)
  const Vd inverse = splat(1.0 / p.scale);
#endif
  // Rows in memory order: contiguous when each row stride is M (a dense array, as from numpy).
  const bool dense = job.ts == m && job.as == m && (!job.u || job.us == m);
  const Eigen::Index overrun = m % W ? W - m % W : 0;
  for (Eigen::Index row = begin; row < end; row += W) {
    const int rows = static_cast<int>(std::min<Eigen::Index>(W, end - row));
    // The vectors of the last row read up to W - M % W cells past it when W does not divide
    // M: fine while that many cells of later rows follow, else through the padded copy.
    if (rows == W && dense && (job.n - row - W) * m >= overrun) {
      score_superblock<Rev>(p, flat, job.t + row * m, job.a + row * m, job.u ? job.u + row * m : nullptr,
                            s.leaf.data(), s.added.data(), m, row + prefetch_rows + W <= end ? prefetch_rows * m : 0);
      stream_out(&r.leaf(row, 0), s.leaf.data(), W * m);
    } else {
      // The last rows, or strided input: copied into W padded rows first.
      std::fill(s.t.begin(), s.t.end(), nan);
      std::fill(s.a.begin(), s.a.end(), nan);
      std::fill(s.u.begin(), s.u.end(), nan);
      for (int i = 0; i < rows; ++i) {
        std::copy_n(job.t + (row + i) * job.ts, m, s.t.data() + i * m);
        std::copy_n(job.a + (row + i) * job.as, m, s.a.data() + i * m);
        if (job.u) std::copy_n(job.u + (row + i) * job.us, m, s.u.data() + i * m);
      }
      score_superblock<Rev>(p, flat, s.t.data(), s.a.data(), s.u.data(), s.leaf.data(), s.added.data(), m, 0);
      std::copy_n(s.leaf.data(), rows * m, &r.leaf(row, 0));
    }
    roll_up(p, s.added.data(), m, l2, s.padded.data());
    // Split each sum into score units and masked cells (exact: see masked_units).
    Vd unscored_count = splat(0.0);
    for (int g = 0; g < p.g2; ++g) {
      const Vd count = floor_masked(l2[g]);
      unscored_count += count;
      l2[g] -= count * splat(masked_units);
    }
    Vi unscored;
    for (int i = 0; i < W; ++i) unscored[i] = static_cast<long long>(unscored_count[i]);
    // Roll-up, exact in integers: level 1 and the total are sums of the level-2 sums.
    for (int h = 0; h < p.g1; ++h) l1[h] = splat(0.0);
    for (int g = 0; g < p.g2; ++g) l1[p.level1_of[static_cast<std::size_t>(g)]] += l2[g];
    Vd indicators = splat(0.0);
    for (int h = 0; h < p.g1; ++h) indicators += l1[h];
    Vd budget = splat(nan);
    if (p.budget) {
      Vd full_year = splat(nan), executed = splat(nan);
      if (rows == W) {
        full_year = load(job.full_year + row);
        executed = load(job.executed + row);
      } else {
        for (int i = 0; i < rows; ++i) {
          full_year[i] = job.full_year[row + i];
          executed[i] = job.executed[row + i];
        }
      }
      budget = budget_block(p, full_year, executed);
    }
    const Vd total_units = indicators + select((Vi)(budget == budget), budget, splat(0.0));
    // Each subtotal divided by 10^d once: the correctly rounded quotient, as round_half_up gives.
    const auto value = [&](Vd units) {
#if defined(JIXIAO_KERNEL_AVX512)
      if (p.small_sums) return units_value(units, scale, inverse);
#endif
      return units / scale;
    };
    for (int g = 0; g < p.g2; ++g) l2[g] = value(l2[g]);
    for (int h = 0; h < p.g1; ++h) l1[h] = value(l1[h]);
    budget = value(budget);
    const Vd total = value(total_units);
    // grade(), in its order: 优 0, 良 1, 中 2, 差 3; -1 without grades or for a NaN total.
    Vd grades = splat(-1.0);
    if (p.policy->grades) {
      const GradeThresholds& th = *p.policy->grades;
      grades = select((Vi)(total >= splat(th.fair)), splat(2.0), splat(3.0));
      grades = select((Vi)(total >= splat(th.good)), splat(1.0), grades);
      grades = select((Vi)(total >= splat(th.excellent)), splat(0.0), grades);
      grades = select((Vi)(total == total), grades, splat(-1.0));
    }
    if (rows == W) {
      put_rows(l2, p.g2, s.rows.data(), &r.level2(row, 0));
      put_rows(l1, p.g1, s.rows.data(), &r.level1(row, 0));
      store(&r.budget(row), budget);
      store(&r.total(row), total);
    } else {
      for (int i = 0; i < rows; ++i) {
        for (int g = 0; g < p.g2; ++g) r.level2(row + i, g) = l2[g][i];
        for (int h = 0; h < p.g1; ++h) r.level1(row + i, h) = l1[h][i];
        r.budget(row + i) = budget[i];
        r.total(row + i) = total[i];
      }
    }
    for (int i = 0; i < rows; ++i) {
      r.unscored(row + i) = static_cast<int>(unscored[i]);
      r.grade(row + i) = static_cast<std::int8_t>(grades[i]);
    }
  }
#if defined(JIXIAO_STREAM_STORES)
  _mm_sfence();  // the non-temporal stores visible before the caller reads the leaves
#endif
}

/// Rows [begin, end) under plan `p`.
void rows(const Plan& p, const Job& job, Eigen::Index begin, Eigen::Index end, Scratch& s) {
  switch (p.reverse) {
    case ReverseRule::linear: score_rows_vector<ReverseRule::linear>(p, job, begin, end, s); return;
    case ReverseRule::ratio: score_rows_vector<ReverseRule::ratio>(p, job, begin, end, s); return;
    case ReverseRule::binary: break;
  }
  score_rows_vector<ReverseRule::binary>(p, job, begin, end, s);
}
