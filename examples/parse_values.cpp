// jixiao: budget performance management (预算绩效管理) for C++ and Python.
// SPDX-License-Identifier: MIT
//
// Reads a few target values (指标值) the way they are written in real tables and prints what
// each states.  Build: part of the project (examples/); run: build/examples/example_parse_values
#include <jixiao/jixiao.hpp>

#include <iostream>

int main() {
  const char* cells[] = {"≥10141人次", "≤202.6万元", "95%以上", "稳步提升", "2023年12月底", "3人/年/6.3"};
  int invalid = 0;
  jixiao::ValueParse parsed;  // reused across cells
  for (const char* cell : cells) {
    jixiao::parse_value(cell, parsed);
    const jixiao::Value& v = parsed.value;
    std::cout << cell << " -> " << v.kind;
    if (v.is_number()) {
      std::cout << ", " << v.op << ' ' << v.value << ' ' << v.unit;
    } else if (v.kind == jixiao::ValueKind::date) {
      std::cout << ", " << v.op << ' ' << v.date.to_iso();
    } else if (v.kind == jixiao::ValueKind::qualitative) {
      std::cout << ", " << v.text << " (" << jixiao::to_string(v.category) << ')';
    }
    std::cout << '\n';
    for (const auto& d : parsed.diagnostics) std::cout << "    " << d << '\n';
    if (v.kind == jixiao::ValueKind::invalid) ++invalid;
  }
  // The last cell states two numbers and must be reported, not guessed.
  return invalid == 1 ? 0 : 1;
}
