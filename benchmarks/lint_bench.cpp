// jixiao: budget performance management (预算绩效管理) for C++ and Python.
// SPDX-License-Identifier: MIT
//
// How fast lint checks a large table, single thread, on the table read_bench.cpp reads: the
// sample table's body (4 core functions, 61 indicators, about 25 findings) repeated for N
// departments.  The table is read once, outside the timed loop.
//
//   lint/table/N   lint_table: the rules alone
//   lint/read/N    lint(TableRead): the rules, the reader's diagnostics merged in, duplicates
//                  dropped, everything sorted (what `jixiao lint` does after reading)
//
// Counters: rows (indicators) per second, findings per run.  Commands and figures:
// docs/performance.md.
#include <jixiao/lint.hpp>
#include <jixiao/read.hpp>

#include <benchmark/benchmark.h>

#include "sample_table.hpp"

#include <string>

namespace {

void run(benchmark::State& state, bool with_read_diagnostics) {
  const int departments = static_cast<int>(state.range(0));
  const jixiao::TableRead read = jixiao::read_table_text(jixiao::bench::generate(departments, false));
  const std::size_t rows = read.table.indicators.size();
  if (rows != static_cast<std::size_t>(departments) * 61) state.SkipWithError("wrong number of indicators read");
  std::size_t findings = 0;
  for (auto _ : state) {
    jixiao::LintReport r = with_read_diagnostics ? jixiao::lint(read) : jixiao::lint_table(read.table);
    findings = r.diagnostics.size();
    benchmark::DoNotOptimize(r);
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * rows));
  state.counters["findings"] = static_cast<double>(findings);
  state.counters["ns/row"] = benchmark::Counter(static_cast<double>(rows),
                                                benchmark::Counter::kIsIterationInvariantRate |
                                                    benchmark::Counter::kInvert);
}

void BM_lint_table(benchmark::State& state) { run(state, false); }
void BM_lint_read(benchmark::State& state) { run(state, true); }

BENCHMARK(BM_lint_table)->Name("lint/table")->Arg(100)->Arg(1000)->Arg(10000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_lint_read)->Name("lint/read")->Arg(100)->Arg(1000)->Arg(10000)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
