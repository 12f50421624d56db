// jixiao: budget performance management (预算绩效管理) for C++ and Python.
// SPDX-License-Identifier: MIT
//
// How many reports per second: the sample table scored against its actuals (61 indicators,
// about 40 findings), single thread.
//
//   report/html, report/markdown, report/json, report/xlsx   one format; the table read, merged,
//                   scored and linted once outside the timed loop (xlsx writes to /tmp)
//   report/batch/N  N tables end to end from their bytes in memory: read, merge the actuals,
//                   score, lint and write the HTML (what `jixiao report` does per file, without
//                   process start-up and disk)
//
// Commands and figures: docs/performance.md.
#include <jixiao/actuals.hpp>
#include <jixiao/read.hpp>
#include <jixiao/report.hpp>

#include <benchmark/benchmark.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace {

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

const std::string& targets() {
  static const std::string s = slurp(JIXIAO_SOURCE_DIR "/examples/data/civil-affairs-2024-targets.tsv");
  return s;
}
const std::string& actuals() {
  static const std::string s = slurp(JIXIAO_SOURCE_DIR "/examples/data/civil-affairs-2024-actuals.csv");
  return s;
}

/// The sample end to end, as `jixiao report --actuals` builds it (report_input: lint, score,
/// findings).
jixiao::ReportInput build_input() {
  jixiao::TableRead read = jixiao::read_table_text(targets());
  jixiao::ActualsRead merged = jixiao::apply_actuals_text(read.table, actuals());
  read.table = std::move(merged.table);
  read.diagnostics.insert(read.diagnostics.end(), merged.diagnostics.begin(), merged.diagnostics.end());
  return jixiao::report_input(read, jixiao::ScoringPolicy::mof2020(), "civil-affairs-2024-targets.tsv");
}

template <class Write>
void one_format(benchmark::State& state, Write write) {
  const jixiao::ReportInput in = build_input();
  if (in.table.indicators.size() != 61 || !in.card) state.SkipWithError("the sample did not read and score");
  std::size_t bytes = 0;
  for (auto _ : state) {
    bytes = write(in);
    benchmark::DoNotOptimize(bytes);
  }
  state.SetItemsProcessed(state.iterations());  // reports per second
  state.counters["bytes"] = static_cast<double>(bytes);
}

void BM_html(benchmark::State& s) { one_format(s, [](const auto& in) { return jixiao::report_html(in).size(); }); }
void BM_markdown(benchmark::State& s) { one_format(s, [](const auto& in) { return jixiao::report_markdown(in).size(); }); }
void BM_json(benchmark::State& s) { one_format(s, [](const auto& in) { return jixiao::report_json(in).size(); }); }
void BM_xlsx(benchmark::State& s) {
  one_format(s, [&s](const auto& in) {
    const char* path = "/tmp/jixiao-report-bench.xlsx";
    if (!jixiao::write_report_xlsx(in, path).empty()) s.SkipWithError("cannot write /tmp/jixiao-report-bench.xlsx");
    return static_cast<std::size_t>(std::filesystem::file_size(path));
  });
}

void BM_batch(benchmark::State& state) {
  const int tables = static_cast<int>(state.range(0));
  std::size_t bytes = 0;
  for (auto _ : state) {
    bytes = 0;
    for (int k = 0; k < tables; ++k) bytes += jixiao::report_html(build_input()).size();
    benchmark::DoNotOptimize(bytes);
  }
  state.SetItemsProcessed(state.iterations() * tables);
  state.counters["MB"] = static_cast<double>(bytes) / 1e6;
}

BENCHMARK(BM_html)->Name("report/html")->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_markdown)->Name("report/markdown")->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_json)->Name("report/json")->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_xlsx)->Name("report/xlsx")->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_batch)->Name("report/batch")->Arg(1000)->Iterations(3)->Unit(benchmark::kMillisecond);

}  // namespace
BENCHMARK_MAIN();
