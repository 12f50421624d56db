// jixiao: budget performance management (预算绩效管理) for C++ and Python.
// SPDX-License-Identifier: MIT
//
// How fast `read_table_text` reads a large table, single thread: the sample table's body (its
// 4 core functions and 61 indicators, messy layout included) repeated for N departments, with
// the functions renumbered so that every block is a new function.  Run with N = 1,000 and
// 10,000 to see that the time per row does not grow with the size of the input.
//
//   read/tsv/N   the generated TSV
//   read/csv/N   the same table as CSV (quoted where needed)
//
// Counters: rows (indicators) per second, input bytes per second.  Commands and figures:
// docs/performance.md.
#include <jixiao/read.hpp>

#include <benchmark/benchmark.h>

#include "sample_table.hpp"

#include <string>

namespace {

using jixiao::bench::generate;

void read(benchmark::State& state, bool csv) {
  const int departments = static_cast<int>(state.range(0));
  const std::string text = generate(departments, csv);
  std::size_t rows = 0;
  for (auto _ : state) {
    jixiao::TableRead r = jixiao::read_table_text(text);
    rows = r.table.indicators.size();
    benchmark::DoNotOptimize(r);
  }
  if (rows != static_cast<std::size_t>(departments) * 61) state.SkipWithError("wrong number of indicators read");
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * rows));
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * text.size()));
  state.counters["MB"] = static_cast<double>(text.size()) / 1e6;
  state.counters["ns/row"] = benchmark::Counter(static_cast<double>(rows),
                                                benchmark::Counter::kIsIterationInvariantRate |
                                                    benchmark::Counter::kInvert);
}

void BM_read_tsv(benchmark::State& state) { read(state, false); }
void BM_read_csv(benchmark::State& state) { read(state, true); }

BENCHMARK(BM_read_tsv)->Name("read/tsv")->Arg(100)->Arg(1000)->Arg(10000)->Arg(20000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_read_csv)->Name("read/csv")->Arg(100)->Arg(1000)->Arg(10000)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
