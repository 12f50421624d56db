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

/// Columns [begin, begin + W) of W rows, transposed: out[j] holds column begin + j.
JIXIAO_INLINE void load_tile(const double* p, Eigen::Index stride, Vd out[W]) noexcept {
  Vd rows[W];
  for (int i = 0; i < W; ++i) rows[i] = load(p + i * stride);
  transpose(rows, out);
}

JIXIAO_INLINE void store_tile(double* p, Eigen::Index stride, const Vd columns[W]) noexcept {
  Vd rows[W];
  transpose(columns, rows);
  for (int i = 0; i < W; ++i) store(p + i * stride, rows[i]);
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

/// The tiles of one plan for this width: W columns each, the last overlapping the one before
/// when M is not a multiple of W (its first `counted_from` columns are recomputed and stored
/// again, the same values, but not added up twice); fewer than W columns: one narrow tile, read
/// from padded rows.
std::vector<Chunk> chunks_of(const Plan& p, bool has_uppers) {
  std::vector<Chunk> out;
  const auto m = static_cast<int>(p.columns.size());
  const auto add = [&](int begin, int width, int counted_from) {
    Chunk c{begin, width, counted_from, false};
    for (int j = begin; j < begin + width; ++j)
      c.reads_uppers |= p.columns[static_cast<std::size_t>(j)].family == Family::range;
    c.reads_uppers &= has_uppers;
    out.push_back(c);
  };
  if (m < W) {
    if (m > 0) add(0, m, 0);
    return out;
  }
  int j = 0;
  for (; j + W <= m; j += W) add(j, W, 0);
  if (j < m) add(m - W, W, j - (m - W));
  return out;
}

/// W entities: W rows read from t/a/u (row strides in elements: the caller's arrays, or a
/// padded copy), leaves written to `leaf`, level-2 sums (units of 10^-d) into l2, masked leaves
/// counted in `unscored`.  `ahead` > 0: the rows that far on are prefetched.
template <ReverseRule Rev>
JIXIAO_INLINE void score_block(const Plan& p, const std::vector<Chunk>& chunks, const double* t, Eigen::Index ts,
                               const double* a, Eigen::Index as, const double* u, Eigen::Index us, double* leaf,
                               Eigen::Index ls, Vd* l2, Vi& unscored, Eigen::Index ahead) noexcept {
  const Vd zero = splat(0.0);
  const Vd scale = splat(p.scale), inverse = splat(1.0 / p.scale);
  for (int g = 0; g < p.g2; ++g) l2[g] = zero;
  unscored = Vi{};
  for (const Chunk& c : chunks) {
    if (ahead) {
      // The hardware does not follow W interleaved row streams on its own.
      for (int i = 0; i < W; ++i) {
        __builtin_prefetch(t + (ahead + i) * ts + c.begin);
        __builtin_prefetch(a + (ahead + i) * as + c.begin);
        if (c.reads_uppers) __builtin_prefetch(u + (ahead + i) * us + c.begin);
      }
    }
    Vd tc[W], ac[W], uc[W], leaves[W], units[W];
    Vi ties[W];
    load_tile(t + c.begin, ts, tc);
    load_tile(a + c.begin, as, ac);
    if (c.reads_uppers) load_tile(u + c.begin, us, uc);
    Vi any_tie{};
    int group = -1;
    Vd sum = zero;
    for (int j = 0; j < c.width; ++j) {
      const ColumnPlan& col = p.columns[static_cast<std::size_t>(c.begin + j)];
      const Vd f = family_fraction<Rev>(col.family, tc[j], ac[j], c.reads_uppers ? uc[j] : tc[j]);
      const Vd y = (f * splat(col.weight)) * scale;  // weight × fraction, then scaled: as round_half_up sees it
      const Vd rn = nearest(y);
      // Within a hair of a half (ColumnPlan::tie_from): settled exactly below.  NaN: no tie.
      const Vi tie = (Vi)(fabs(y - rn) >= splat(col.tie_from));
      units[j] = rn;
      ties[j] = tie;
      any_tie |= tie;
      // rn / 10^d correctly rounded, as round_half_up's decimal parse gives it.
      leaves[j] = p.small_units ? units_value(rn, scale, inverse) : rn / scale;
      if (j >= c.counted_from) {
        // Summed in a register while the group lasts (columns of a group are usually next to
        // each other): adding into l2 directly would chain every column through memory.
        if (col.group != group) {
          if (group >= 0) l2[group] += sum;
          group = col.group;
          sum = zero;
        }
        const Vi scored = (Vi)(rn == rn);
        sum += select(scored, rn, zero);
        unscored -= ~scored;  // -(-1) per masked lane
      }
    }
    if (group >= 0) l2[group] += sum;
    for (int j = c.width; j < W; ++j) leaves[j] = splat(nan);
    if (any(any_tie)) {
      // Near a tie: the reference fraction and round_half_up's reading decide (rare).
      for (int j = 0; j < c.width; ++j) {
        if (!any(ties[j])) continue;
        const ColumnPlan& col = p.columns[static_cast<std::size_t>(c.begin + j)];
        for (int lane = 0; lane < W; ++lane) {
          if (!ties[j][lane]) continue;
          const double x = col.weight * reference_fraction(col.rule, tc[j][lane], ac[j][lane],
                                                           c.reads_uppers ? uc[j][lane] : nan, *p.policy);
          const double s = settle(x, p.scale, p.decimals);
          leaves[j][lane] = s;
          if (j >= c.counted_from) l2[col.group][lane] += std::nearbyint(s * p.scale) - units[j][lane];
        }
      }
    }
    store_tile(leaf + c.begin, ls, leaves);
  }
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

/// Rows [begin, end) of the job, W at a time; the last block, and every block when M < W,
/// through padded copies.
template <ReverseRule Rev>
JIXIAO_INLINE void score_rows_vector(const Plan& p, const Job& job, Eigen::Index begin, Eigen::Index end,
                                     Scratch& s) {
  BatchResult& r = *job.out;
  const Eigen::Index m = job.m;
  const Eigen::Index mp = std::max<Eigen::Index>(m, W);  // padded row length
  const std::vector<Chunk> chunks = chunks_of(p, job.u != nullptr);
  const Vd scale = splat(p.scale);
  Vd* l2 = reinterpret_cast<Vd*>(s.l2);
  Vd* l1 = reinterpret_cast<Vd*>(s.l1);
  for (Eigen::Index row = begin; row < end; row += W) {
    const int rows = static_cast<int>(std::min<Eigen::Index>(W, end - row));
    const bool padded = rows < W || m < W;
    Vi unscored;
    if (!padded) {
      // Leaves into a tile in L1, then streamed out: the block's W rows of leaves are contiguous.
      score_block<Rev>(p, chunks, job.t + row * job.ts, job.ts, job.a + row * job.as, job.as,
                       job.u ? job.u + row * job.us : nullptr, job.us, s.leaf.data(), m, l2, unscored,
                       row + prefetch_rows + W <= end ? prefetch_rows : 0);
      stream_out(&r.leaf(row, 0), s.leaf.data(), W * m);
    } else {
      std::fill(s.t.begin(), s.t.end(), nan);
      std::fill(s.a.begin(), s.a.end(), nan);
      std::fill(s.u.begin(), s.u.end(), nan);
      for (int i = 0; i < rows; ++i) {
        std::copy_n(job.t + (row + i) * job.ts, m, s.t.data() + i * mp);
        std::copy_n(job.a + (row + i) * job.as, m, s.a.data() + i * mp);
        if (job.u) std::copy_n(job.u + (row + i) * job.us, m, s.u.data() + i * mp);
      }
      score_block<Rev>(p, chunks, s.t.data(), mp, s.a.data(), mp, s.u.data(), mp, s.leaf.data(), mp, l2, unscored, 0);
      for (int i = 0; i < rows; ++i) std::copy_n(s.leaf.data() + i * mp, m, &r.leaf(row + i, 0));
    }
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
    for (int g = 0; g < p.g2; ++g) l2[g] /= scale;
    for (int h = 0; h < p.g1; ++h) l1[h] /= scale;
    budget /= scale;
    const Vd total = total_units / scale;
    for (int i = 0; i < rows; ++i) {
      const Eigen::Index e = row + i;
      for (int g = 0; g < p.g2; ++g) r.level2(e, g) = l2[g][i];
      for (int h = 0; h < p.g1; ++h) r.level1(e, h) = l1[h][i];
      r.budget(e) = budget[i];
      r.total(e) = total[i];
      r.unscored(e) = static_cast<int>(unscored[i]);
      const std::optional<Grade> gr = grade(total[i], *p.policy);
      r.grade(e) = gr ? static_cast<std::int8_t>(*gr) : std::int8_t{-1};
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
