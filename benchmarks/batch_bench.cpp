// jixiao: budget performance management (预算绩效管理) for C++ and Python.
// SPDX-License-Identifier: MIT
//
// Batch scoring (aggregate.hpp), single thread, N entities × M indicator columns:
//
//   batch/score    score_batch under one policy: leaves, level-2 and level-1 sums, budget,
//                  total, grade and rank
//   batch/score_k2 the same under two policies at once
//   batch/score_reuse, batch/score_reuse_k2  the same into results whose storage is reused
//                  from one call to the next
//   batch/score_cached  batch/score_reuse on the first 800 entities only, again and again, so
//                  that its inputs and results stay in cache: what the kernel's arithmetic
//                  costs without waiting on memory (compare cells/s)
//   batch/stream   only reading the two input arrays (targets, actuals) through memory: the
//                  floor any implementation pays
//   batch/stream_all  reading every array the score calls are given (targets, actuals, upper
//                  ends, the budget columns)
//   batch/stream_leaves  reading targets and actuals and writing a leaf matrix of their shape
//                  with non-temporal stores: the memory traffic of any implementation that
//                  returns the leaves
//
// Data: when JIXIAO_BATCH_DATA names a directory written by benchmarks/batch_vs_numpy.py, the
// arrays are read from it (so that numpy and jixiao score the same numbers in the same run) and,
// when JIXIAO_BATCH_OUT names a directory, jixiao's leaves and totals are written there for the
// script to compare.  Otherwise 100,000 × 60 arrays are generated here.  docs/performance.md
// gives the commands and figures.
#include <jixiao/aggregate.hpp>

#include <benchmark/benchmark.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif
#if defined(__linux__)
#include <sys/mman.h>
#endif

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <cstdlib>
#include <fstream>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

namespace {

using jixiao::BatchDirection;
using jixiao::BatchKind;
using jixiao::RowMatrix;

struct Data {
  jixiao::BatchLayout layout;
  RowMatrix targets, actuals, uppers, weights;
  Eigen::VectorXd full_year, executed;
};

template <class T>
void read_raw(const std::string& path, T* out, std::size_t count) {
  std::ifstream in(path, std::ios::binary);
  if (!in.read(reinterpret_cast<char*>(out), static_cast<std::streamsize>(count * sizeof(T))))
    throw std::runtime_error("cannot read " + std::to_string(count) + " values from " + path);
}

template <class T>
void write_raw(const std::string& path, const T* data, std::size_t count) {
  std::ofstream out(path, std::ios::binary);
  out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(count * sizeof(T)));
  if (!out) throw std::runtime_error("cannot write " + path);
}

/// N × M storage for the inputs.  With JIXIAO_BATCH_PAGES=huge advised to 2 MB pages before
/// it is first written, as numpy (1.21 and later, on Linux) advises every large array it
/// allocates: the arrays a Python caller passes.  By default the system's pages (4 KB here), as
/// Eigen allocates them.  Both yardsticks (batch/stream*) read the same arrays, so each mode
/// compares like with like.
void input_matrix(RowMatrix& x, long n, long m) {
  x.resize(n, m);
#if defined(__linux__) && defined(MADV_HUGEPAGE)
  const char* pages = std::getenv("JIXIAO_BATCH_PAGES");
  if (!pages || std::string(pages) != "huge") return;
  constexpr std::uintptr_t huge = std::uintptr_t{1} << 21;
  const auto begin = (reinterpret_cast<std::uintptr_t>(x.data()) + huge - 1) & ~(huge - 1);
  const auto end = reinterpret_cast<std::uintptr_t>(x.data() + x.size()) & ~(huge - 1);
  if (end > begin) madvise(reinterpret_cast<void*>(begin), end - begin, MADV_HUGEPAGE);
#endif
}

Data load(const std::string& dir) {
  std::ifstream meta(dir + "/meta.txt");
  long n = 0, m = 0, g2 = 0, k = 0;
  if (!(meta >> n >> m >> g2 >> k)) throw std::runtime_error("cannot read " + dir + "/meta.txt");
  Data d;
  std::vector<std::int8_t> kinds(static_cast<std::size_t>(m)), dirs(static_cast<std::size_t>(m));
  std::vector<std::int32_t> l2(static_cast<std::size_t>(m)), l1(static_cast<std::size_t>(g2));
  read_raw(dir + "/kinds.i8", kinds.data(), kinds.size());
  read_raw(dir + "/directions.i8", dirs.data(), dirs.size());
  read_raw(dir + "/level2.i32", l2.data(), l2.size());
  read_raw(dir + "/level1.i32", l1.data(), l1.size());
  for (std::size_t j = 0; j < kinds.size(); ++j) {
    d.layout.kinds.push_back(static_cast<BatchKind>(kinds[j]));
    d.layout.directions.push_back(static_cast<BatchDirection>(dirs[j]));
    d.layout.level2.push_back(l2[j]);
  }
  d.layout.level1.assign(l1.begin(), l1.end());
  input_matrix(d.targets, n, m);
  input_matrix(d.actuals, n, m);
  input_matrix(d.uppers, n, m);
  d.weights.resize(k, m);
  d.full_year.resize(n);
  d.executed.resize(n);
  const auto cells = static_cast<std::size_t>(n * m);
  read_raw(dir + "/targets.f64", d.targets.data(), cells);
  read_raw(dir + "/actuals.f64", d.actuals.data(), cells);
  read_raw(dir + "/uppers.f64", d.uppers.data(), cells);
  read_raw(dir + "/weights.f64", d.weights.data(), static_cast<std::size_t>(k * m));
  read_raw(dir + "/full_year.f64", d.full_year.data(), static_cast<std::size_t>(n));
  read_raw(dir + "/executed.f64", d.executed.data(), static_cast<std::size_t>(n));
  return d;
}

/// 60 columns in 8 level-2 groups under 3 level-1 groups: 32 higher-is-better, 8 lower, 4 "=",
/// 4 ranges, 12 tier fractions; 2% of actuals missing.
Data generate(long n) {
  Data d;
  const long m = 60;
  for (long j = 0; j < m; ++j) {
    const BatchKind kind = j < 44 ? BatchKind::quantity : j < 48 ? BatchKind::range : BatchKind::fraction;
    const BatchDirection dir = j < 32   ? BatchDirection::higher_is_better
                               : j < 40 ? BatchDirection::lower_is_better
                               : j < 44 ? BatchDirection::equal
                                        : BatchDirection::higher_is_better;
    d.layout.kinds.push_back(kind);
    d.layout.directions.push_back(dir);
    d.layout.level2.push_back(static_cast<int>(j * 8 / m));
  }
  d.layout.level1 = {0, 0, 0, 0, 1, 1, 1, 2};
  std::mt19937_64 rng(42);
  std::uniform_real_distribution<double> u(0, 1);
  input_matrix(d.targets, n, m);
  input_matrix(d.actuals, n, m);
  input_matrix(d.uppers, n, m);
  for (long i = 0; i < n; ++i)
    for (long j = 0; j < m; ++j) {
      const double t = std::round(50 + 950 * u(rng));
      d.targets(i, j) = t;
      d.uppers(i, j) = t * 1.2;
      double a = d.layout.kinds[static_cast<std::size_t>(j)] == BatchKind::fraction
                     ? (u(rng) < 0.8 ? 1.0 : 0.7)
                     : std::round(t * (0.7 + 0.6 * u(rng)) * 10) / 10;
      if (u(rng) < 0.02) a = std::numeric_limits<double>::quiet_NaN();
      d.actuals(i, j) = a;
    }
  d.weights = RowMatrix::Constant(2, m, 90.0 / m);
  d.weights.row(1).head(30).setConstant(40.0 / 30);
  d.weights.row(1).tail(30).setConstant(40.0 / 30);
  d.full_year = Eigen::VectorXd::Constant(n, 1000);
  d.executed.resize(n);
  for (long i = 0; i < n; ++i) d.executed(i) = std::round(800 + 300 * u(rng));
  return d;
}

const Data& data() {
  static const Data d = [] {
    const char* dir = std::getenv("JIXIAO_BATCH_DATA");
    return dir ? load(dir) : generate(100000);
  }();
  return d;
}

std::vector<jixiao::ScoringPolicy> policies(long k) {
  std::vector<jixiao::ScoringPolicy> p = {jixiao::ScoringPolicy::mof2020()};
  if (k > 1) {
    jixiao::ScoringPolicy h = jixiao::ScoringPolicy::hubei();
    p.push_back(h);
  }
  return p;
}

/// Counters of a run over k policies; bytes: `arrays` N × M arrays moved per iteration (the
/// scores count their two main inputs).
void count(benchmark::State& state, const Data& d, long k, long arrays = 2) {
  const double cells = static_cast<double>(d.targets.size()) * static_cast<double>(k);
  state.counters["cells/s"] = benchmark::Counter(cells, benchmark::Counter::kIsIterationInvariantRate);
  state.counters["entities"] = static_cast<double>(d.targets.rows());
  state.counters["columns"] = static_cast<double>(d.targets.cols());
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) *
                          static_cast<std::int64_t>(arrays * d.targets.size() * static_cast<long>(sizeof(double))));
}

void batch_score(benchmark::State& state) {
  const Data& d = data();
  const long k = state.range(0);
  const auto p = policies(k);
  const RowMatrix w = d.weights.topRows(k);
  for (auto _ : state) {
    auto r = jixiao::score_batch(d.layout, d.targets, d.actuals, w, p, d.uppers, d.full_year, d.executed);
    benchmark::DoNotOptimize(r.front().total.data());
  }
  count(state, d, k);
  if (const char* out = std::getenv("JIXIAO_BATCH_OUT"); out && k == 1) {
    const auto r = jixiao::score_batch(d.layout, d.targets, d.actuals, w, p, d.uppers, d.full_year, d.executed);
    const std::string dir = out;
    write_raw(dir + "/leaf.f64", r[0].leaf.data(), static_cast<std::size_t>(r[0].leaf.size()));
    write_raw(dir + "/level1.f64", r[0].level1.data(), static_cast<std::size_t>(r[0].level1.size()));
    write_raw(dir + "/total.f64", r[0].total.data(), static_cast<std::size_t>(r[0].total.size()));
    write_raw(dir + "/rank.i32", r[0].rank.data(), static_cast<std::size_t>(r[0].rank.size()));
  }
}

/// The same with the results' storage reused from one call to the next, as a pipeline scoring
/// batch after batch does: no page faults for fresh output memory.
void batch_score_reuse(benchmark::State& state) {
  const Data& d = data();
  const long k = state.range(0);
  const auto p = policies(k);
  const RowMatrix w = d.weights.topRows(k);
  std::vector<jixiao::BatchResult> r;
  jixiao::score_batch(d.layout, d.targets, d.actuals, w, p, r, d.uppers, d.full_year, d.executed);
  for (auto _ : state) {
    jixiao::score_batch(d.layout, d.targets, d.actuals, w, p, r, d.uppers, d.full_year, d.executed);
    benchmark::DoNotOptimize(r.front().total.data());
  }
  count(state, d, k);
}

/// The sum of every cell of targets and actuals (and of the upper ends with `Uppers`): each
/// array read once, a sum the compiler cannot drop.
template <bool Uppers>
double read_cells(const Data& d) {
  const double* t = d.targets.data();
  const double* a = d.actuals.data();
  const double* u = d.uppers.data();
  const auto cell = [&](std::size_t c) { return Uppers ? t[c] + a[c] + u[c] : t[c] + a[c]; };
  const auto cells = static_cast<std::size_t>(d.targets.size());
  // Four accumulators, so that the loop waits on memory, not on the latency of one sum.
  double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
  std::size_t c = 0;
  for (; c + 4 <= cells; c += 4) {
    s0 += cell(c);
    s1 += cell(c + 1);
    s2 += cell(c + 2);
    s3 += cell(c + 3);
  }
  for (; c < cells; ++c) s0 += cell(c);
  return s0 + s1 + s2 + s3;
}

/// The two input arrays read once.
void batch_stream(benchmark::State& state) {
  const Data& d = data();
  for (auto _ : state) benchmark::DoNotOptimize(read_cells<false>(d));
  count(state, d, 1);
}

/// score_batch on the first `rows` entities, results reused: small enough to stay in cache.
void batch_score_cached(benchmark::State& state) {
  const Data& d = data();
  const Eigen::Index rows = std::min<Eigen::Index>(state.range(0), d.targets.rows());
  const auto p = policies(1);
  const RowMatrix w = d.weights.topRows(1);
  const RowMatrix t = d.targets.topRows(rows), a = d.actuals.topRows(rows), u = d.uppers.topRows(rows);
  const Eigen::VectorXd full_year = d.full_year.head(rows), executed = d.executed.head(rows);
  std::vector<jixiao::BatchResult> r;
  jixiao::score_batch(d.layout, t, a, w, p, r, u, full_year, executed);
  for (auto _ : state) {
    jixiao::score_batch(d.layout, t, a, w, p, r, u, full_year, executed);
    benchmark::DoNotOptimize(r.front().total.data());
  }
  const double cells = static_cast<double>(t.size());
  state.counters["cells/s"] = benchmark::Counter(cells, benchmark::Counter::kIsIterationInvariantRate);
  state.counters["entities"] = static_cast<double>(rows);
}

/// Every input array of the score calls read once (upper ends in full, as given).
void batch_stream_all(benchmark::State& state) {
  const Data& d = data();
  for (auto _ : state) {
    double budget = 0;
    for (Eigen::Index i = 0; i < d.full_year.size(); ++i) budget += d.full_year(i) + d.executed(i);
    benchmark::DoNotOptimize(read_cells<true>(d) + budget);
  }
  count(state, d, 1, 3);
}

/// Targets and actuals read once and a leaf matrix of their shape written (their sum, with
/// non-temporal stores where the target has them, as score_batch writes its leaves).
void batch_stream_leaves(benchmark::State& state) {
  const Data& d = data();
  RowMatrix out(d.targets.rows(), d.targets.cols());
  out.setZero();  // the pages faulted in before timing, as with reused results
  for (auto _ : state) {
    const double* t = d.targets.data();
    const double* a = d.actuals.data();
    double* o = out.data();
    const auto cells = static_cast<std::size_t>(d.targets.size());
    std::size_t c = 0;
#if defined(__SSE2__)
    for (; c < cells && reinterpret_cast<std::uintptr_t>(o + c) % 16 != 0; ++c) o[c] = t[c] + a[c];
    for (; c + 2 <= cells; c += 2)
      _mm_stream_pd(o + c, _mm_add_pd(_mm_loadu_pd(t + c), _mm_loadu_pd(a + c)));
    _mm_sfence();
#endif
    for (; c < cells; ++c) o[c] = t[c] + a[c];
    benchmark::DoNotOptimize(out.data());
    benchmark::ClobberMemory();
  }
  count(state, d, 1, 3);
}

}  // namespace

BENCHMARK(batch_score)->Name("batch/score")->Arg(1)->Unit(benchmark::kMillisecond);
BENCHMARK(batch_score)->Name("batch/score_k2")->Arg(2)->Unit(benchmark::kMillisecond);
BENCHMARK(batch_score_reuse)->Name("batch/score_reuse")->Arg(1)->Unit(benchmark::kMillisecond);
BENCHMARK(batch_score_reuse)->Name("batch/score_reuse_k2")->Arg(2)->Unit(benchmark::kMillisecond);
BENCHMARK(batch_score_cached)->Name("batch/score_cached")->Arg(800)->Unit(benchmark::kMillisecond);
BENCHMARK(batch_stream)->Name("batch/stream")->Unit(benchmark::kMillisecond);
BENCHMARK(batch_stream_all)->Name("batch/stream_all")->Unit(benchmark::kMillisecond);
BENCHMARK(batch_stream_leaves)->Name("batch/stream_leaves")->Unit(benchmark::kMillisecond);

BENCHMARK_MAIN();
