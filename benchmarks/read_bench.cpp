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

#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#ifndef JIXIAO_SOURCE_DIR
#error "JIXIAO_SOURCE_DIR must name the source directory (set by benchmarks/CMakeLists.txt)"
#endif

namespace {

std::vector<std::string> sample_lines() {
  std::ifstream in(JIXIAO_SOURCE_DIR "/examples/data/civil-affairs-2024-targets.tsv", std::ios::binary);
  if (!in) throw std::runtime_error("cannot open the sample table");
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

/// The sample's header, then its indicator block (from the heading rows on) N times, each
/// copy's 职能k renumbered to 职能(4d+k).
std::string generate(int departments, bool csv) {
  const std::vector<std::string> lines = sample_lines();
  std::size_t body = 0;
  while (body < lines.size() && lines[body].find("职能1") == std::string::npos) ++body;
  std::string out;
  auto emit = [&](const std::string& line) {
    if (!csv) {
      out += line;
    } else {
      std::stringstream ss(line);
      bool first = true;
      for (std::string cell; std::getline(ss, cell, '\t');) {
        if (!first) out += ',';
        first = false;
        if (cell.find_first_of(",\"") != std::string::npos) {
          out += '"';
          for (char c : cell) out += c == '"' ? std::string("\"\"") : std::string(1, c);
          out += '"';
        } else {
          out += cell;
        }
      }
    }
    out += '\n';
  };
  for (std::size_t i = 0; i < body; ++i) emit(lines[i]);
  for (int d = 0; d < departments; ++d) {
    for (std::size_t i = body; i < lines.size(); ++i) {
      std::string line = lines[i];
      const auto at = line.find("职能");
      if (at != std::string::npos) {
        const std::size_t digit = at + std::string("职能").size();
        const int k = line[digit] - '0';
        line.replace(digit, 1, std::to_string(4 * d + k));
      }
      emit(line);
    }
  }
  return out;
}

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
