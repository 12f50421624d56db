// jixiao: budget performance management (预算绩效管理) for C++ and Python.
// SPDX-License-Identifier: MIT
//
// How fast `parse_value` reads cells, single thread, and how often it allocates.
//
//   sample/reuse   the sample table's 61 target cells cycled to 1,000,000 values, parsed into
//                  one `ValueParse` (`parse_value(text, out)`: what a loop over a table uses)
//   sample/fresh   the same values, each returned in a fresh `ValueParse` (`parse_value(text)`)
//   corpus/reuse   tests/data/value_corpus.txt, one value a line, parsed into one `ValueParse`
//
// items_per_second is values per second; `time/value` is its inverse (s, printed with an SI
// prefix); `allocs/value` counts calls of the global operator new per value, measured after a
// warm-up pass so that the reusing cases show their steady state.
//
// `jixiao_bench_value --jixiao_per_value` prints, instead of benchmarking, every distinct input
// with its steady-state allocations and its time (median of 15 runs of 2000 parses, reusing),
// to find which forms allocate and which are slow.
//
// Commands and figures: docs/performance.md.
#include <jixiao/value.hpp>

#include <benchmark/benchmark.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>
#include <new>
#include <set>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#ifndef JIXIAO_SOURCE_DIR
#error "JIXIAO_SOURCE_DIR must name the source directory (set by benchmarks/CMakeLists.txt)"
#endif

// ---------------------------------------------------------------------------------------------
// Allocation counting: every global operator new of this program goes through here.  Counting
// only; memory comes from malloc as usual.
namespace {
std::atomic<std::size_t> g_allocations{0};
std::atomic<std::size_t> g_allocated_bytes{0};

void* counted_allocate(std::size_t size, std::size_t alignment = 0) noexcept {
  g_allocations.fetch_add(1, std::memory_order_relaxed);
  g_allocated_bytes.fetch_add(size, std::memory_order_relaxed);
  if (size == 0) size = 1;
  if (alignment > alignof(std::max_align_t)) {
    void* p = nullptr;
    return posix_memalign(&p, alignment, size) == 0 ? p : nullptr;
  }
  return std::malloc(size);
}

void* allocate_or_throw(std::size_t size, std::size_t alignment = 0) {
  if (void* p = counted_allocate(size, alignment)) return p;
  throw std::bad_alloc();
}
}  // namespace

void* operator new(std::size_t size) { return allocate_or_throw(size); }
void* operator new[](std::size_t size) { return allocate_or_throw(size); }
void* operator new(std::size_t size, const std::nothrow_t&) noexcept { return counted_allocate(size); }
void* operator new[](std::size_t size, const std::nothrow_t&) noexcept { return counted_allocate(size); }
void* operator new(std::size_t size, std::align_val_t a) { return allocate_or_throw(size, static_cast<std::size_t>(a)); }
void* operator new[](std::size_t size, std::align_val_t a) { return allocate_or_throw(size, static_cast<std::size_t>(a)); }
void* operator new(std::size_t size, std::align_val_t a, const std::nothrow_t&) noexcept {
  return counted_allocate(size, static_cast<std::size_t>(a));
}
void* operator new[](std::size_t size, std::align_val_t a, const std::nothrow_t&) noexcept {
  return counted_allocate(size, static_cast<std::size_t>(a));
}
void operator delete(void* p) noexcept { std::free(p); }
void operator delete[](void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t) noexcept { std::free(p); }
void operator delete(void* p, const std::nothrow_t&) noexcept { std::free(p); }
void operator delete[](void* p, const std::nothrow_t&) noexcept { std::free(p); }
void operator delete(void* p, std::align_val_t) noexcept { std::free(p); }
void operator delete[](void* p, std::align_val_t) noexcept { std::free(p); }
void operator delete(void* p, std::size_t, std::align_val_t) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t, std::align_val_t) noexcept { std::free(p); }
void operator delete(void* p, std::align_val_t, const std::nothrow_t&) noexcept { std::free(p); }
void operator delete[](void* p, std::align_val_t, const std::nothrow_t&) noexcept { std::free(p); }

namespace {

// ---------------------------------------------------------------------------------------------
// Inputs

constexpr std::size_t kSampleValues = 1000000;

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::vector<std::string> split(std::string_view s, char sep) {
  std::vector<std::string> parts;
  for (;;) {
    const auto at = s.find(sep);
    parts.emplace_back(s.substr(0, at));
    if (at == std::string_view::npos) return parts;
    s.remove_prefix(at + 1);
  }
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

/// `指标1:` or `指标12：`, blanks around allowed.
bool is_indicator_label(std::string_view cell) {
  cell = trim(cell);
  constexpr std::string_view prefix = "指标";
  if (cell.substr(0, prefix.size()) != prefix) return false;
  cell.remove_prefix(prefix.size());
  std::size_t digits = 0;
  while (digits < cell.size() && cell[digits] >= '0' && cell[digits] <= '9') ++digits;
  if (digits == 0) return false;
  cell.remove_prefix(digits);
  return cell == ":" || cell == "：";
}

/// The sample table's target cells: on each line, the first `指标N:` cell, then the next two
/// non-empty cells are the indicator's name and its value (a missing value is an empty cell).
std::vector<std::string> load_sample_cells() {
  const std::string tsv = read_file(JIXIAO_SOURCE_DIR "/examples/data/civil-affairs-2024-targets.tsv");
  std::vector<std::string> cells;
  for (std::string& line : split(tsv, '\n')) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    const std::vector<std::string> fields = split(line, '\t');
    for (std::size_t i = 0; i < fields.size(); ++i) {
      if (!is_indicator_label(fields[i])) continue;
      std::vector<std::string> rest;
      for (std::size_t j = i + 1; j < fields.size() && rest.size() < 2; ++j)
        if (!trim(fields[j]).empty()) rest.push_back(fields[j]);
      cells.push_back(rest.size() == 2 ? rest[1] : std::string());
      break;
    }
  }
  return cells;
}

/// tests/data/value_corpus.txt: one value a line.
std::vector<std::string> load_corpus() {
  std::string text = read_file(JIXIAO_SOURCE_DIR "/tests/data/value_corpus.txt");
  if (!text.empty() && text.back() == '\n') text.pop_back();
  std::vector<std::string> lines = split(text, '\n');
  for (std::string& l : lines)
    if (!l.empty() && l.back() == '\r') l.pop_back();
  return lines;
}

struct Inputs {
  std::vector<std::string> sample_cells;    // 61 cells, stored once
  std::vector<std::string_view> cells;      // each cell once
  std::vector<std::string_view> sample;     // the cells cycled to kSampleValues
  std::vector<std::string> corpus_lines;
  std::vector<std::string_view> corpus;
  std::size_t sample_empty = 0;
};

const Inputs& inputs() {
  static const Inputs in = [] {
    Inputs r;
    r.sample_cells = load_sample_cells();
    r.corpus_lines = load_corpus();
    if (r.sample_cells.empty()) throw std::runtime_error("no target cells found in the sample table");
    for (const auto& c : r.sample_cells) r.sample_empty += trim(c).empty();
    r.cells.assign(r.sample_cells.begin(), r.sample_cells.end());
    r.sample.reserve(kSampleValues);
    for (std::size_t i = 0; i < kSampleValues; ++i) r.sample.emplace_back(r.sample_cells[i % r.sample_cells.size()]);
    r.corpus.assign(r.corpus_lines.begin(), r.corpus_lines.end());
    return r;
  }();
  return in;
}

// ---------------------------------------------------------------------------------------------
// Benchmarks

void report(benchmark::State& state, std::size_t values_per_iteration, std::size_t allocations,
            std::size_t bytes) {
  const auto values = static_cast<double>(state.iterations()) * static_cast<double>(values_per_iteration);
  state.SetItemsProcessed(static_cast<std::int64_t>(values));
  state.counters["time/value"] =
      benchmark::Counter(static_cast<double>(values_per_iteration),
                         benchmark::Counter::kIsIterationInvariantRate | benchmark::Counter::kInvert);
  state.counters["allocs/value"] = static_cast<double>(allocations) / values;
  state.counters["bytes/value"] = static_cast<double>(bytes) / values;
}

/// Parses `values` into one reused ValueParse.  A pass over every distinct value (`warm_up`)
/// before timing brings every buffer to its final capacity, so what is measured is the steady
/// state of a long loop.
void run_reusing(benchmark::State& state, const std::vector<std::string_view>& values,
                 const std::vector<std::string_view>& warm_up) {
  jixiao::ValueParse out;
  for (std::string_view v : warm_up) jixiao::parse_value(v, out);
  const std::size_t allocations = g_allocations.load();
  const std::size_t bytes = g_allocated_bytes.load();
  for (auto _ : state) {
    for (std::string_view v : values) {
      jixiao::parse_value(v, out);
      benchmark::DoNotOptimize(out);
    }
  }
  report(state, values.size(), g_allocations.load() - allocations, g_allocated_bytes.load() - bytes);
}

/// Parses `values`, each into a fresh ValueParse returned by value.
void run_fresh(benchmark::State& state, const std::vector<std::string_view>& values,
               const std::vector<std::string_view>& warm_up) {
  for (std::string_view v : warm_up) benchmark::DoNotOptimize(jixiao::parse_value(v));
  const std::size_t allocations = g_allocations.load();
  const std::size_t bytes = g_allocated_bytes.load();
  for (auto _ : state) {
    for (std::string_view v : values) {
      jixiao::ValueParse r = jixiao::parse_value(v);
      benchmark::DoNotOptimize(r);
    }
  }
  report(state, values.size(), g_allocations.load() - allocations, g_allocated_bytes.load() - bytes);
}

std::string sample_label() {
  const Inputs& in = inputs();
  return std::to_string(in.sample_cells.size()) + " cells (" + std::to_string(in.sample_empty) +
         " empty) cycled to " + std::to_string(in.sample.size());
}

void BM_sample_reuse(benchmark::State& state) {
  state.SetLabel(sample_label());
  run_reusing(state, inputs().sample, inputs().cells);
}

void BM_sample_fresh(benchmark::State& state) {
  state.SetLabel(sample_label());
  run_fresh(state, inputs().sample, inputs().cells);
}

void BM_corpus_reuse(benchmark::State& state) {
  state.SetLabel(std::to_string(inputs().corpus.size()) + " corpus values");
  run_reusing(state, inputs().corpus, inputs().corpus);
}

BENCHMARK(BM_sample_reuse)->Name("value/sample/reuse")->Unit(benchmark::kMillisecond);
BENCHMARK(BM_sample_fresh)->Name("value/sample/fresh")->Unit(benchmark::kMillisecond);
BENCHMARK(BM_corpus_reuse)->Name("value/corpus/reuse")->Unit(benchmark::kMicrosecond);

// ---------------------------------------------------------------------------------------------
// --jixiao_per_value: steady-state allocations and time of each distinct input.

std::string describe(const jixiao::ValueParse& r) {
  std::string s(jixiao::to_string(r.value.kind));
  for (const auto& d : r.diagnostics) s += " " + d.code;
  return s;
}

/// Nanoseconds per parse of `v` into a warm `out`: median of 15 runs of 2000 parses.
double time_one(std::string_view v, jixiao::ValueParse& out) {
  constexpr int kRuns = 15, kParses = 2000;
  std::vector<double> runs;
  for (int r = 0; r < kRuns; ++r) {
    const auto start = std::chrono::steady_clock::now();
    for (int i = 0; i < kParses; ++i) {
      jixiao::parse_value(v, out);
      benchmark::DoNotOptimize(out);
    }
    runs.push_back(std::chrono::duration<double, std::nano>(std::chrono::steady_clock::now() - start).count() /
                   kParses);
  }
  std::nth_element(runs.begin(), runs.begin() + kRuns / 2, runs.end());
  return runs[kRuns / 2];
}

void per_value_report(const char* title, const std::vector<std::string_view>& values) {
  // Warm the reused ValueParse over every input first, as a long loop would.
  jixiao::ValueParse out;
  for (int pass = 0; pass < 2; ++pass)
    for (std::string_view v : values) jixiao::parse_value(v, out);

  std::printf("%s\n%8s %8s %8s  %-28s %s\n", title, "ns", "allocs", "fresh", "kind diagnostics", "value");
  std::set<std::string_view> seen;
  std::size_t total_reuse = 0, total_fresh = 0, allocating = 0, distinct = 0;
  for (std::string_view v : values) {
    if (!seen.insert(v).second) continue;
    ++distinct;
    std::size_t before = g_allocations.load();
    jixiao::parse_value(v, out);
    const std::size_t reuse = g_allocations.load() - before;
    before = g_allocations.load();
    {
      jixiao::ValueParse fresh = jixiao::parse_value(v);
      benchmark::DoNotOptimize(fresh);
    }
    const std::size_t fresh = g_allocations.load() - before;
    total_reuse += reuse;
    total_fresh += fresh;
    allocating += reuse != 0;
    std::printf("%8.0f %8zu %8zu  %-28s %.*s\n", time_one(v, out), reuse, fresh, describe(out).c_str(),
                static_cast<int>(v.size()), v.data());
  }
  std::printf("%zu distinct values, %zu allocate when reusing; allocations: reusing %zu, fresh %zu\n"
              "(ns and allocs: parse_value(text, out) into a warm out; fresh: parse_value(text))\n\n",
              distinct, allocating, total_reuse, total_fresh);
}

}  // namespace

int main(int argc, char** argv) {
  bool per_value = false;
  int kept = 1;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--jixiao_per_value") == 0) per_value = true;
    else argv[kept++] = argv[i];
  }
  argc = kept;
  try {
    inputs();
  } catch (const std::exception& e) {
    std::fprintf(stderr, "jixiao_bench_value: %s\n", e.what());
    return 2;
  }
  if (per_value) {
    const Inputs& in = inputs();
    per_value_report("sample cells", in.cells);
    per_value_report("corpus", in.corpus);
    return 0;
  }
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::AddCustomContext("sample", sample_label());
  benchmark::AddCustomContext("corpus", std::to_string(inputs().corpus.size()) + " values");
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
