// jixiao: budget performance management (预算绩效管理) for C++ and Python.
// SPDX-License-Identifier: MIT
#ifndef JIXIAO_BENCHMARKS_SAMPLE_TABLE_HPP
#define JIXIAO_BENCHMARKS_SAMPLE_TABLE_HPP

/// \file
/// The large table the benchmarks read and lint: the sample table's body repeated for N
/// departments (see read_bench.cpp).

#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#ifndef JIXIAO_SOURCE_DIR
#error "JIXIAO_SOURCE_DIR must name the source directory (set by benchmarks/CMakeLists.txt)"
#endif

namespace jixiao::bench {


inline std::vector<std::string> sample_lines() {
  std::ifstream in(JIXIAO_SOURCE_DIR "/examples/data/civil-affairs-2024-targets.tsv", std::ios::binary);
  if (!in) throw std::runtime_error("cannot open the sample table");
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

/// The sample's header, then its indicator block (from the heading rows on) N times, each
/// copy's 职能k renumbered to 职能(4d+k).
inline std::string generate(int departments, bool csv) {
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

}  // namespace jixiao::bench

#endif  // JIXIAO_BENCHMARKS_SAMPLE_TABLE_HPP
