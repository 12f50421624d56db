// Links against the installed jixiao and checks one reading end to end.
#include <jixiao/jixiao.hpp>

#include <cstdio>

int main() {
  const auto parsed = jixiao::parse_value("≤202.6万元");
  const auto& v = parsed.value;
  const bool ok = v.kind == jixiao::ValueKind::number && v.op == jixiao::Comparator::le && v.value == 2026000.0 &&
                  v.unit == "元" && parsed.diagnostics.empty();
  std::printf("jixiao %s: %s -> %s\n", jixiao::version_string, v.raw.c_str(), ok ? "ok" : "WRONG");
  return ok ? 0 : 1;
}
