// Links against the installed jixiao and checks one reading end to end: a value, and a small
// table read, written as JSON and read back (which exercises the parts compiled from Spirit and
// nlohmann-json, so that a missing piece of the link fails here).
#include <jixiao/jixiao.hpp>

#include <cstdio>
#include <string>

int main() {
  const auto parsed = jixiao::parse_value("≤202.6万元");
  const auto& v = parsed.value;
  const bool value_ok = v.kind == jixiao::ValueKind::number && v.op == jixiao::Comparator::le &&
                        v.value == 2026000.0 && v.unit == "元" && parsed.diagnostics.empty();

  const auto read = jixiao::read_table_text(
      "职能1: 社会救助\t产出指标\t数量指标\t指标1:\t城市低保\t≥10141人次\n"
      "\t\t\t指标2:\t农村低保\t≥24671人次\n");
  const auto again = jixiao::read_table_text(jixiao::to_json(read.table));
  const bool table_ok = read.table.indicators.size() == 2 && read.table.functions.size() == 1 &&
                        read.table.indicators[1].level2.text == "数量指标" && again.table == read.table;

  // Reports, including the workbook: libxlsxwriter must reach the consumer's link line.
  jixiao::ReportInput in;
  in.table = read.table;
  const bool report_ok = jixiao::report_html(in).find("城市低保") != std::string::npos &&
                         jixiao::write_report_xlsx(in, "consumer-report.xlsx").empty();

  // Batch results are allocated in the library and freed here.
  bool batch_ok = false;
  {
    jixiao::BatchLayout layout;
    layout.kinds = {jixiao::BatchKind::quantity};
    layout.directions = {jixiao::BatchDirection::higher_is_better};
    layout.level2 = {0};
    layout.level1 = {0};
    jixiao::RowMatrix t(3, 1), a(3, 1), w(1, 1);
    t << 100, 100, 100;
    a << 98, 100, 50;
    w << 10;
    const auto results = jixiao::score_batch(layout, t, a, w, {jixiao::ScoringPolicy::mof2020()});
    batch_ok = results.size() == 1 && results[0].leaf(0, 0) == 9.8 && results[0].rank(1) == 1;
  }

  std::printf("jixiao %s: value %s, table %s, report %s, batch %s\n", jixiao::version_string,
              value_ok ? "ok" : "WRONG", table_ok ? "ok" : "WRONG", report_ok ? "ok" : "WRONG",
              batch_ok ? "ok" : "WRONG");
  return value_ok && table_ok && report_ok && batch_ok ? 0 : 1;
}
