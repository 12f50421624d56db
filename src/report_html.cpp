// jixiao: budget performance management (预算绩效管理) for C++ and Python.
// SPDX-License-Identifier: MIT
//
// The HTML report: one self-contained page (inline CSS, inline SVG, no script, no external
// font) that reads on screen and prints on A4.  Every piece of table text goes through
// html_escape; nothing from the input is ever written raw.
#include "report_detail.hpp"

#include <jixiao/report.hpp>

#include <algorithm>
#include <cmath>
#include <string>

namespace jixiao {
namespace {

using detail::Label;

std::string esc(std::string_view s) { return html_escape(s); }

constexpr std::string_view css = R"(
*{box-sizing:border-box}
body{font-family:"Noto Sans CJK SC","Source Han Sans SC","PingFang SC","Microsoft YaHei",sans-serif;margin:0;color:#1f2933;background:#fff;line-height:1.5}
main{max-width:1100px;margin:0 auto;padding:24px}
h1{font-size:1.6em;margin:0 0 .3em}
h2{font-size:1.25em;border-bottom:2px solid #d9e2ec;padding-bottom:.2em;margin-top:1.6em}
h3{font-size:1.05em;margin:1em 0 .4em}
.meta{color:#52606d;margin:0;padding:0;list-style:none;display:flex;flex-wrap:wrap;gap:.4em 1.6em}
.cards{display:flex;flex-wrap:wrap;gap:12px}
.card{border:1px solid #d9e2ec;border-radius:8px;padding:10px 16px;min-width:150px;flex:1}
.card .v{font-size:1.6em;font-weight:700}
.card .k{color:#52606d;font-size:.9em}
.charts{display:flex;flex-wrap:wrap;gap:8px 24px}
.chart{flex:1 1 100%;max-width:820px;min-width:0;margin:0}
svg{max-width:100%;height:auto;display:block}
.wrap{overflow-x:auto;max-width:100%}
table{border-collapse:collapse;width:100%;font-size:.9em}
th,td{border:1px solid #d9e2ec;padding:4px 6px;vertical-align:top;text-align:left;overflow-wrap:anywhere}
th{background:#f0f4f8}
td.n{text-align:right;white-space:nowrap}
.light{display:inline-block;width:.8em;height:.8em;border-radius:50%;margin-right:.3em;vertical-align:-.05em}
.met .light{background:#2f9e44}.partly .light{background:#f0a202}.missed .light{background:#d64545}.unscored .light{background:#9aa5b1}
.sev-error{color:#b42318}.sev-warning{color:#a15c07}.sev-info{color:#1f6feb}
.findings li{margin:.2em 0}
code{font-family:ui-monospace,monospace;font-size:.95em}
.legend{color:#52606d;font-size:.9em}
footer{color:#7b8794;font-size:.8em;margin-top:2em}
@media print{main{max-width:none;padding:0}h2{break-after:avoid}tr,li,.chart{break-inside:avoid}.wrap{overflow:visible}}
@page{size:A4;margin:14mm}
)";

/// A horizontal bar chart: one row per bar, the full mark as a pale bar and the value over it.
/// Drawn in a fixed viewBox and scaled to its container, so it never overflows the page.
std::string bar_chart(std::string_view title, const std::vector<detail::Bar>& bars, int decimals, bool counts,
                      ReportLanguage l) {
  if (bars.empty()) return {};
  double most = 0;
  for (const detail::Bar& b : bars) most = std::max({most, b.full, b.value});
  if (!(most > 0)) most = 1;
  const int label_w = 190, bar_w = 300, row_h = 28, top = 8;
  const int width = label_w + bar_w + 110, height = top + row_h * static_cast<int>(bars.size()) + 8;
  std::string o = "<figure class=\"chart\"><figcaption><h3>" + esc(title) + "</h3></figcaption>\n";
  o += "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + std::to_string(width) + " " + std::to_string(height) +
       "\" width=\"" + std::to_string(width) + "\" role=\"img\" aria-label=\"" + esc(title) + "\">\n";
  int y = top;
  for (const detail::Bar& b : bars) {
    const bool unscored = std::isnan(b.value);  // grey and "—", never drawn as a missed 0
    const double full = b.full / most * bar_w, value = unscored ? 0.0 : std::max(0.0, b.value) / most * bar_w;
    const double fraction = b.full > 0 ? b.value / b.full : 0;
    const char* colour = counts     ? "#3e7cb1"
                         : unscored ? "#9aa5b1"
                         : fraction >= 0.9995 ? "#2f9e44"
                         : fraction > 0       ? "#f0a202"
                                              : "#d64545";
    // The label column is 190 px: a longer name is cut with an ellipsis (the <title> has it whole).
    std::string label = detail::clip(b.label, 14);
    o += "<g class=\"bar\"><title>" + esc(b.label) + "</title>";
    o += "<text x=\"" + std::to_string(label_w - 8) + "\" y=\"" + std::to_string(y + 18) +
         "\" text-anchor=\"end\" font-size=\"13\" fill=\"#1f2933\">" + esc(label) + "</text>";
    if (!counts)
      o += "<rect x=\"" + std::to_string(label_w) + "\" y=\"" + std::to_string(y + 4) + "\" width=\"" + detail::fixed(full, 1) +
           "\" height=\"18\" fill=\"#e4e7eb\"/>";
    o += "<rect class=\"value\" x=\"" + std::to_string(label_w) + "\" y=\"" + std::to_string(y + 4) + "\" width=\"" +
         detail::fixed(value, 1) + "\" height=\"18\" fill=\"" + colour + "\"/>";
    const std::string text = counts ? detail::shortest(b.value) + std::string(Label{" 项", ""}(l))
                                    : (unscored ? std::string("—") : detail::fixed(b.value, decimals)) + " / " +
                                          detail::weight_text(b.full);
    o += "<text x=\"" + detail::fixed(label_w + std::max(full, value) + 6, 1) + "\" y=\"" + std::to_string(y + 18) +
         "\" font-size=\"12\" fill=\"#52606d\">" + esc(text) + "</text></g>\n";
    y += row_h;
  }
  o += "</svg></figure>\n";
  return o;
}

void header(std::string& o, const ReportInput& in, ReportLanguage l) {
  const Table& t = in.table;
  const std::string title = t.title.empty() ? std::string(detail::kind_label(t.kind, l)) : t.title.text;
  o += "<!DOCTYPE html>\n<html lang=\"" + std::string(l == ReportLanguage::en ? "en" : "zh-CN") + "\">\n<head>\n";
  o += "<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  o += "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">\n";
  o += "<title>" + esc(title) + "</title>\n<style>" + std::string(css) + "</style>\n</head>\n<body>\n<main>\n";
  o += "<header>\n<h1>" + esc(title) + "</h1>\n<ul class=\"meta\">\n";
  const std::string_view subject = detail::subject(t);
  if (!subject.empty()) o += "<li>" + std::string(Label{"单位/项目：", "Department or project: "}(l)) + esc(subject) + "</li>\n";
  if (t.year) o += "<li>" + std::string(Label{"年度：", "Year: "}(l)) + std::to_string(t.year) + "</li>\n";
  o += "<li>" + std::string(Label{"表格类型：", "Table: "}(l)) + esc(detail::kind_label(t.kind, l)) + "</li>\n";
  if (!in.source.empty()) o += "<li>" + std::string(Label{"来源文件：", "Source: "}(l)) + "<code>" + esc(in.source) + "</code></li>\n";
  o += "</ul>\n</header>\n";
}

void summary(std::string& o, const ReportInput& in, ReportLanguage l) {
  const Scorecard& c = *in.card;
  const int dec = c.policy.decimals;
  o += "<section id=\"summary\">\n<h2>" + std::string(Label{"总体情况", "Summary"}(l)) + "</h2>\n<div class=\"cards\">\n";
  auto card = [&](std::string_view key, const std::string& value, const std::string& note) {
    o += "<div class=\"card\"><div class=\"k\">" + esc(key) + "</div><div class=\"v\">" + esc(value) + "</div>";
    if (!note.empty()) o += "<div class=\"k\">" + esc(note) + "</div>";
    o += "</div>\n";
  };
  const std::string published_word(Label{"表中 ", "published "}(l));
  card(Label{"得分合计", "Total"}(l), detail::fixed(c.total, dec) + " / " + detail::weight_text(c.total_weight),
       std::isnan(c.published_total) ? "" : published_word + detail::fixed(c.published_total, dec));
  card(Label{"评级", "Grade"}(l), c.grade ? std::string(detail::grade_label(*c.grade, l)) : "—",
       c.published_grade.empty() ? "" : published_word + c.published_grade);
  std::string rate = "—";
  if (!std::isnan(c.budget.ratio)) rate = detail::fixed(c.budget.ratio * 100, 2) + "%";
  card(Label{"预算执行率", "Budget execution"}(l), rate,
       c.budget.scored() ? detail::fixed(c.budget.score, dec) + " / " + detail::weight_text(c.budget.weight) : "");
  std::size_t lights[4] = {0, 0, 0, 0};
  for (const ScorecardRow& r : c.rows) ++lights[static_cast<int>(traffic_light(r.score))];
  const std::string counts = std::to_string(lights[static_cast<int>(TrafficLight::met)]) + " / " +
                             std::to_string(lights[static_cast<int>(TrafficLight::partly)]) + " / " +
                             std::to_string(lights[static_cast<int>(TrafficLight::missed)]);
  card(Label{"达成 / 部分 / 未达成", "Met / partly / missed"}(l), counts,
       lights[0] ? std::to_string(lights[0]) + std::string(Label{" 项未评分", " not scored"}(l)) : "");
  o += "</div>\n<p class=\"legend\">" + std::string(Label{"评分规则：", "Policy: "}(l)) + "<code>" + esc(c.policy.name) + "</code>";
  if (c.weights_distributed) o += Label{"（表中无分值，按规则分配）", " (the table gives no weights; distributed from the policy)"}(l);
  o += "</p>\n";
  const std::string& expl = l == ReportLanguage::en ? c.budget.explanation_en : c.budget.explanation_zh;
  if (!expl.empty()) o += "<p>" + std::string(Label{"预算执行率：", "Budget execution: "}(l)) + esc(expl) + "</p>\n";
  o += "<div class=\"charts\">\n";
  o += bar_chart(Label{"按核心职能得分", "Scores by function"}(l), detail::bars_by_function(in.table, c), dec, false, l);
  o += bar_chart(Label{"按一级指标得分", "Scores by level 1"}(l), detail::bars_by_level1(c, l), dec, false, l);
  o += "</div>\n</section>\n";
}

void overview(std::string& o, const ReportInput& in, ReportLanguage l) {
  const Table& t = in.table;
  o += "<section id=\"overview\">\n<h2>" + std::string(Label{"目标概览", "Target overview"}(l)) + "</h2>\n";
  o += "<p>" + std::to_string(t.indicators.size()) + std::string(Label{" 个三级指标", " indicators"}(l));
  if (!t.functions.empty()) o += std::string(Label{"，", ", "}(l)) + std::to_string(t.functions.size()) + std::string(Label{" 项核心职能", " core functions"}(l));
  o += Label{"。", "."}(l);
  o += "</p>\n<div class=\"charts\">\n";
  if (!t.functions.empty())
    o += bar_chart(Label{"各核心职能的指标数", "Indicators by function"}(l), detail::target_counts(t, true), 0, true, l);
  o += bar_chart(Label{"各一级指标的指标数", "Indicators by level 1"}(l), detail::target_counts(t, false), 0, true, l);
  o += "</div>\n";
  if (!t.goals.empty()) {
    o += "<h3>" + std::string(Label{"年度绩效目标", "Annual goals"}(l)) + "</h3>\n<ol>\n";
    for (const Goal& g : t.goals) o += "<li>" + esc(g.text.text) + "</li>\n";
    o += "</ol>\n";
  }
  o += "</section>\n";
}

void indicators(std::string& o, const ReportInput& in, ReportLanguage l) {
  const Table& t = in.table;
  const bool functions = !t.functions.empty();
  o += "<section id=\"indicators\">\n<h2>" + std::string(Label{"绩效指标", "Indicators"}(l)) + "</h2>\n";
  if (in.card)
    o += "<p class=\"legend\"><span class=\"met\"><span class=\"light\"></span>" + std::string(detail::light_label(TrafficLight::met, l)) +
         "</span> · <span class=\"partly\"><span class=\"light\"></span>" + std::string(detail::light_label(TrafficLight::partly, l)) +
         "</span> · <span class=\"missed\"><span class=\"light\"></span>" + std::string(detail::light_label(TrafficLight::missed, l)) +
         "</span> · <span class=\"unscored\"><span class=\"light\"></span>" + std::string(detail::light_label(TrafficLight::unscored, l)) +
         "</span>" + std::string(Label{"（按规则得分与分值判断，反向指标已计入）", " (rule score against weight; lower-is-better rows included)"}(l)) + "</p>\n";
  o += "<div class=\"wrap\"><table>\n<thead><tr>";
  if (functions) o += "<th>" + std::string(Label{"核心职能", "Function"}(l)) + "</th>";
  o += "<th>" + std::string(Label{"一级指标", "Level 1"}(l)) + "</th><th>" + std::string(Label{"二级指标", "Level 2"}(l)) +
       "</th><th>" + std::string(Label{"三级指标", "Indicator"}(l)) + "</th><th>" + std::string(Label{"指标值", "Target"}(l)) + "</th>";
  if (in.card)
    o += "<th>" + std::string(Label{"实际完成值", "Actual"}(l)) + "</th><th>" + std::string(Label{"分值", "Weight"}(l)) + "</th><th>" +
         std::string(Label{"得分", "Score"}(l)) + "</th><th>" + std::string(Label{"达标", "Status"}(l)) + "</th>";
  o += "</tr></thead>\n<tbody>\n";
  for (std::size_t k = 0; k < t.indicators.size(); ++k) {
    const Indicator& i = t.indicators[k];
    o += "<tr>";
    if (functions) o += "<td>" + esc(detail::function_label(t, i.function)) + "</td>";
    o += "<td>" + esc(i.level1.text) + "</td><td>" + esc(i.level2.text) + "</td><td>" + esc(detail::numbered_name(i)) +
         "</td><td>" + esc(i.target.raw) + "</td>";
    if (in.card && k < in.card->rows.size()) {
      const IndicatorScore& s = in.card->rows[k].score;
      const TrafficLight light = traffic_light(s);
      const std::string& expl = l == ReportLanguage::en ? s.explanation_en : s.explanation_zh;
      o += "<td>" + esc(i.actual.raw) + "</td><td class=\"n\">" + esc(detail::weight_text(s.weight)) + "</td><td class=\"n\" title=\"" +
           esc(expl) + "\">" + esc(detail::fixed(s.score, in.card->policy.decimals)) + "</td><td class=\"" +
           std::string(to_string(light)) + "\"><span class=\"light\"></span>" + std::string(detail::light_label(light, l)) + "</td>";
    }
    o += "</tr>\n";
  }
  o += "</tbody></table></div>\n</section>\n";
}

void differences(std::string& o, const ReportInput& in, ReportLanguage l) {
  const Scorecard& c = *in.card;
  const int dec = c.policy.decimals;
  o += "<section id=\"differences\">\n<h2>" + std::string(Label{"表中得分与规则不一致之处", "Published scores that differ from the rules"}(l)) + "</h2>\n";
  if (c.differences.empty()) {
    o += "<p>" + std::string(Label{"无：表中得分均与规则一致。", "None: every published score agrees with the rules."}(l)) + "</p>\n</section>\n";
    return;
  }
  o += "<div class=\"wrap\"><table>\n<thead><tr><th>" + std::string(Label{"指标", "Indicator"}(l)) + "</th><th>" +
       std::string(Label{"表中得分", "Published"}(l)) + "</th><th>" + std::string(Label{"规则得分", "Rule"}(l)) + "</th><th>" +
       std::string(Label{"差异", "Difference"}(l)) + "</th></tr></thead>\n<tbody>\n";
  for (const ScoreDifference& d : c.differences) {
    const std::string name = d.indicator == ScoreDifference::budget_row
                                 ? d.name
                                 : detail::numbered_name(in.table.indicators[d.indicator]);
    const double shown = shown_difference(d.published, d.rule, dec);  // adds up with the cells beside it
    std::string diff = detail::fixed(shown, dec);
    if (!std::isnan(shown) && shown > 0) diff = "+" + diff;
    o += "<tr><td>" + esc(name) + "</td><td class=\"n\">" + detail::fixed(d.published, dec) + "</td><td class=\"n\">" +
         (std::isnan(d.rule) ? std::string(Label{"未评分", "not scored"}(l)) : detail::fixed(d.rule, dec)) +
         "</td><td class=\"n\">" + (diff.empty() ? "—" : diff) + "</td></tr>\n";
  }
  o += "</tbody></table></div>\n</section>\n";
}

void findings(std::string& o, const ReportInput& in, ReportLanguage l) {
  o += "<section id=\"findings\">\n<h2>" + std::string(Label{"审核发现", "Review findings"}(l)) + "</h2>\n";
  if (in.findings.empty()) o += "<p>" + std::string(Label{"无。", "None."}(l)) + "</p>\n";
  for (Severity sev : {Severity::error, Severity::warning, Severity::info}) {
    std::size_t n = 0;
    for (const Diagnostic& d : in.findings) n += d.severity == sev;
    if (!n) continue;
    const std::string cls = "sev-" + std::string(to_string(sev));
    o += "<h3 class=\"" + cls + "\">" + std::string(detail::severity_label(sev, l)) + " (" + std::to_string(n) + ")</h3>\n<ul class=\"findings\">\n";
    for (const Diagnostic& d : in.findings) {
      if (d.severity != sev) continue;
      o += "<li><code class=\"" + cls + "\">" + esc(d.code) + "</code> ";
      if (d.span.line) o += "<code>" + esc(detail::finding_place(d, in.source)) + "</code> ";
      o += esc(d.message);
      if (!d.hint.empty()) o += " <span class=\"legend\">" + std::string(Label{"建议：", "hint: "}(l)) + esc(d.hint) + "</span>";
      o += "</li>\n";
    }
    o += "</ul>\n";
  }
  o += "</section>\n";
}

}  // namespace

std::string report_html(const ReportInput& in, const ReportOptions& options) {
  detail::check_card_matches(in, "report_html");
  const ReportLanguage l = options.lang;
  std::string o;
  o.reserve(16384 + in.table.indicators.size() * 600);
  header(o, in, l);
  if (in.card) summary(o, in, l);
  else overview(o, in, l);
  indicators(o, in, l);
  if (in.card) differences(o, in, l);
  findings(o, in, l);
  o += "<footer>" + std::string(Label{"由 jixiao 生成", "Generated by jixiao"}(l)) + "</footer>\n</main>\n</body>\n</html>\n";
  return o;
}

}  // namespace jixiao
