// jixiao: budget performance management (预算绩效管理) for C++ and Python.
// SPDX-License-Identifier: MIT
//
// Reports: hostile text stays text, the HTML has its sections, charts with bars and one row
// per indicator with the right traffic light; a target table gets the overview; JSON carries
// the scorecard and the findings; the workbook is written or the failure is a diagnostic.
#include <catch2/catch.hpp>

#include <jixiao/lint.hpp>
#include <jixiao/read.hpp>
#include <jixiao/report.hpp>
#include <jixiao/scorecard.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <fstream>
#include <regex>
#include <stdexcept>
#include <string>

using namespace jixiao;

namespace {

const std::string kTables = std::string(JIXIAO_TEST_DATA) + "/tables/";
const std::string kSample = std::string(JIXIAO_TEST_DATA) + "/../../examples/data/civil-affairs-2024-targets.tsv";

ReportInput input_for(const std::string& path) {
  const TableRead read = read_table(path);
  ReportInput in;
  in.table = read.table;
  if (in.table.kind == TableKind::self_evaluation) in.card = score_table(in.table);
  in.findings = lint(read).diagnostics;
  in.source = "table.tsv";
  return in;
}

std::size_t occurrences(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + what.size())) ++n;
  return n;
}

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

/// The widths of the value bars of every chart.
std::vector<double> bar_widths(const std::string& html) {
  static const std::regex bar(R"re(<rect class="value" [^>]*width="([0-9.]+)")re");
  std::vector<double> out;
  for (auto it = std::sregex_iterator(html.begin(), html.end(), bar); it != std::sregex_iterator(); ++it)
    out.push_back(std::stod((*it)[1]));
  return out;
}

}  // namespace

TEST_CASE("a card scored from another table is a programmer error in every writer", "[report]") {
  ReportInput in = input_for(kTables + "self-evaluation.tsv");
  REQUIRE(in.card);
  in.table.indicators.resize(1);  // the card still has 8 rows
  CHECK_THROWS_AS(report_html(in), std::invalid_argument);
  CHECK_THROWS_AS(report_markdown(in), std::invalid_argument);
  CHECK_THROWS_AS(report_json(in), std::invalid_argument);
  CHECK_THROWS_AS(scorecard_json(in.table, *in.card, "x"), std::invalid_argument);
  CHECK_THROWS_AS(write_report_xlsx(in, "never-written.xlsx"), std::invalid_argument);
  CHECK_FALSE(std::ifstream("never-written.xlsx").good());
}

TEST_CASE("the scorecard's weight checks appear once, under their lint codes", "[report]") {
  // Under hubei the deviating table's 产出 weighs 50 (not 40) and the indicators 90 (not 80):
  // lint passes the card's JX427 and JX420 on as JX382 and JX380, and the report lists each once.
  const TableRead read = read_table(kTables + "self-evaluation-deviating.tsv");
  const ReportInput in = report_input(read, ScoringPolicy::hubei());
  const auto count = [&](std::string_view code) {
    return std::count_if(in.findings.begin(), in.findings.end(), [&](const Diagnostic& d) { return d.code == code; });
  };
  CHECK(count("JX380") == 1);
  CHECK(count("JX420") == 0);
  CHECK(count("JX382") == 1);
  CHECK(count("JX427") == 0);
  CHECK(lint_code_of("JX427") == "JX382");
  CHECK(lint_code_of("JX401").empty());
  // 效益 30 + 满意度 10 make hubei's 40: not a finding.
  for (const Diagnostic& d : in.findings) CHECK(d.message.find("效益指标 weights") == std::string::npos);
}

TEST_CASE("html_escape escapes the five characters", "[report]") {
  CHECK(html_escape("<script>alert('x')</script> & \"q\"") ==
        "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;");
  CHECK(html_escape("城市低保 ≥10141人次") == "城市低保 ≥10141人次");
}

TEST_CASE("hostile text in a table is shown as text", "[report]") {
  ReportInput in = input_for(kTables + "self-evaluation.tsv");
  in.table.title.text = "<script>alert(1)</script>";
  in.table.indicators[0].name.text = "<img src=x onerror=alert(2)>";
  in.table.indicators[1].target.raw = "\"><svg onload=alert(3)>";
  in.table.indicators[2].name.text = "A | B </style><script>";
  Diagnostic d;
  d.code = "JX999";
  d.severity = Severity::warning;
  d.message = "<b>bold</b>";
  in.findings.push_back(d);
  in.card = score_table(in.table);
  const std::string html = report_html(in);
  const std::string l = lower(html);
  CHECK(l.find("<script") == std::string::npos);
  CHECK(l.find("<img") == std::string::npos);
  CHECK(l.find("<svg onload") == std::string::npos);
  CHECK(l.find("<b>") == std::string::npos);
  CHECK(occurrences(l, "</style>") == 1);  // only the page's own
  CHECK(html.find("&lt;script&gt;alert(1)&lt;/script&gt;") != std::string::npos);
  CHECK(html.find("&lt;img src=x onerror=alert(2)&gt;") != std::string::npos);

  const std::string md = report_markdown(in);
  CHECK(md.find("A \\| B") != std::string::npos);  // a | cannot split a table cell
}

TEST_CASE("the HTML report of a self-evaluation", "[report]") {
  const ReportInput in = input_for(kTables + "self-evaluation.tsv");
  REQUIRE(in.card);
  const std::string html = report_html(in);
  CHECK(html.rfind("<!DOCTYPE html>", 0) == 0);
  CHECK(html.find("</html>") != std::string::npos);
  for (const char* id : {"id=\"summary\"", "id=\"indicators\"", "id=\"differences\"", "id=\"findings\""})
    CHECK(html.find(id) != std::string::npos);
  CHECK(html.find("id=\"overview\"") == std::string::npos);
  CHECK(html.find("98.59 / 100") != std::string::npos);   // the total
  CHECK(html.find("95.37%") != std::string::npos);        // budget execution
  // No network: nothing is loaded from elsewhere.
  CHECK(html.find("http://") == html.find("http://www.w3.org/2000/svg"));
  CHECK(html.find("https://") == std::string::npos);
  CHECK(html.find("<script") == std::string::npos);
  // One row per indicator with its light: 7 full scores, 9.05 / 10 partly.
  CHECK(occurrences(html, "<td class=\"met\">") == 7);
  CHECK(occurrences(html, "<td class=\"partly\">") == 1);
  CHECK(occurrences(html, "<td class=\"missed\">") == 0);
  // The level-1 chart: 产出, 效益, 满意度 and the budget, every bar drawn.
  const std::vector<double> widths = bar_widths(html);
  REQUIRE(widths.size() == 4);
  CHECK(std::all_of(widths.begin(), widths.end(), [](double w) { return w > 0; }));
}

TEST_CASE("published scores that differ are listed", "[report]") {
  const ReportInput in = input_for(kTables + "self-evaluation-deviating.tsv");
  const std::string html = report_html(in);
  const auto at = html.find("id=\"differences\"");
  REQUIRE(at != std::string::npos);
  const std::string section = html.substr(at, html.find("</section>", at) - at);
  CHECK(occurrences(section, "<tr><td>") == 3);
  CHECK(section.find("-3.00") != std::string::npos);
  CHECK(section.find("+0.46") != std::string::npos);
}

TEST_CASE("a target table gets the target overview and the findings", "[report]") {
  const ReportInput in = input_for(kSample);
  REQUIRE_FALSE(in.card);
  REQUIRE(in.table.indicators.size() == 61);
  const std::string html = report_html(in);
  CHECK(html.find("id=\"overview\"") != std::string::npos);
  CHECK(html.find("id=\"summary\"") == std::string::npos);
  CHECK(occurrences(html, "<tr><td>职能") == 61);
  const std::vector<double> widths = bar_widths(html);
  CHECK(widths.size() >= 4 + 3);  // 4 functions, at least 产出/效益/满意度
  CHECK(std::all_of(widths.begin(), widths.end(), [](double w) { return w > 0; }));
  CHECK(html.find("JX330") != std::string::npos);  // 天然气费 as a quantity output
  const std::string md = report_markdown(in);
  CHECK(md.find("## 审核发现") != std::string::npos);
  CHECK(md.find("## 总体情况") == std::string::npos);
}

TEST_CASE("English labels", "[report]") {
  const ReportInput in = input_for(kTables + "self-evaluation.tsv");
  ReportOptions o;
  o.lang = ReportLanguage::en;
  const std::string html = report_html(in, o);
  CHECK(html.find("<html lang=\"en\">") != std::string::npos);
  CHECK(html.find("Scores by level 1") != std::string::npos);
  CHECK(report_markdown(in, o).find("## Review findings") != std::string::npos);
}

TEST_CASE("traffic lights follow the rule score against the weight", "[report]") {
  IndicatorScore s;
  s.weight = 10;
  CHECK(traffic_light(s) == TrafficLight::unscored);
  s.score = 10;
  CHECK(traffic_light(s) == TrafficLight::met);
  s.score = 9.05;
  CHECK(traffic_light(s) == TrafficLight::partly);
  s.score = 0;
  CHECK(traffic_light(s) == TrafficLight::missed);
  CHECK(to_string(TrafficLight::partly) == "partly");
}

TEST_CASE("the JSON report is the scorecard with the findings", "[report]") {
  ReportInput in = input_for(kTables + "self-evaluation-deviating.tsv");
  const auto j = nlohmann::json::parse(report_json(in));
  const auto card = nlohmann::json::parse(scorecard_json(in.table, *in.card, in.source));
  for (const auto& [key, value] : card.items()) CHECK(j.at(key) == value);
  CHECK(j.at("total").at("score") == 98.59);
  CHECK(j.at("findings").size() == in.findings.size());
  CHECK(j.at("indicators").at(2).at("explanation_en").get<std::string>().find("proportional") != std::string::npos);

  const auto targets = nlohmann::json::parse(report_json(input_for(kSample)));
  CHECK(targets.at("indicators").size() == 61);
  CHECK(targets.at("year") == 2024);
  CHECK(targets.at("subject") == "渚源县民政局");
}

TEST_CASE("the workbook is written, or why not is a diagnostic", "[report]") {
  const ReportInput in = input_for(kTables + "self-evaluation.tsv");
  const std::string path = "jixiao-report-test.xlsx";
  std::remove(path.c_str());
  CHECK(write_report_xlsx(in, path).empty());
  std::ifstream f(path, std::ios::binary);
  char magic[2] = {0, 0};
  f.read(magic, 2);
  CHECK(std::string(magic, 2) == "PK");  // a zip container
  f.close();
  std::remove(path.c_str());

  const auto problems = write_report_xlsx(in, "/nonexistent-dir/x.xlsx");
  REQUIRE(problems.size() == 1);
  CHECK(problems[0].code == "JX200");
  CHECK(problems[0].severity == Severity::error);
}
