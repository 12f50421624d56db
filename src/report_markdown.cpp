// jixiao: budget performance management (预算绩效管理) for C++ and Python.
// SPDX-License-Identifier: MIT
//
// The Markdown report: the HTML report's content without charts, for pipelines and reviews.
#include <jixiao/report.hpp>

#include "report_detail.hpp"

#include <jixiao/detail/utf8.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <string>

namespace jixiao {
namespace {

using detail::Label;

/// A table cell: `|` escaped, line breaks as spaces, so a cell can never break the row.
/// Appends the byte at `i` as written, or U+FFFD for a hidden character there
/// (detail::hidden_char: a control from a binary file, a bidirectional override), moving `i`
/// to its last byte.
void append_shown(std::string& out, std::string_view s, std::size_t& i) {
  std::uint32_t cp = 0;
  const std::size_t n = detail::hidden_char(s, i, cp);
  if (n == 0) {
    out += s[i];
    return;
  }
  out += "\xEF\xBF\xBD";
  i += n - 1;
}

std::string cell(std::string_view s) {
  // Text from the table is text: every ASCII character Markdown (GFM) gives a meaning inside a
  // line is backslash-escaped, so that `<script>`, `**bold**`, `[link](…)` or a `|` in a name
  // show as written and a table row stays one row.
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    switch (c) {
      case '\\': case '`': case '*': case '_': case '[': case ']': case '<': case '>':
      case '|': case '&': case '~': case '!': case '#':
        out += '\\';
        out += c;
        break;
      case '\n': case '\r': out += ' '; break;
      default: append_shown(out, s, i);
    }
  }
  return out;
}

/// A message or hint (outside a table): the parts jixiao quotes in backticks stay code spans,
/// where Markdown reads nothing, and the rest is escaped as `cell` does.  Unbalanced backticks
/// (a quote inside the quoted text): all of it escaped.
std::string prose(std::string_view s) {
  if (std::count(s.begin(), s.end(), '`') % 2 != 0) return cell(s);
  std::string out;
  std::size_t at = 0;
  while (at < s.size()) {
    const std::size_t open = s.find('`', at);
    out += cell(s.substr(at, open == std::string_view::npos ? std::string_view::npos : open - at));
    if (open == std::string_view::npos) break;
    const std::size_t close = s.find('`', open + 1);
    const std::string_view code = s.substr(open, close - open + 1);
    for (std::size_t i = 0; i < code.size(); ++i) {
      if (code[i] == '\n' || code[i] == '\r') out += ' ';
      else append_shown(out, code, i);
    }
    at = close + 1;
  }
  return out;
}

std::string light_mark(TrafficLight t) {
  switch (t) {
    case TrafficLight::met: return "🟢";
    case TrafficLight::partly: return "🟡";
    case TrafficLight::missed: return "🔴";
    case TrafficLight::unscored: break;
  }
  return "⚪";
}

void header(std::string& o, const ReportInput& in, ReportLanguage l) {
  const Table& t = in.table;
  o += "# " + cell(t.title.empty() ? std::string(detail::kind_label(t.kind, l)) : t.title.text) + "\n\n";
  const std::string_view subject = detail::subject(t);
  if (!subject.empty()) o += "- " + std::string(Label{"单位/项目", "Department or project"}(l)) + ": " + cell(subject) + "\n";
  if (t.year) o += "- " + std::string(Label{"年度", "Year"}(l)) + ": " + std::to_string(t.year) + "\n";
  o += "- " + std::string(Label{"表格类型", "Table"}(l)) + ": " + std::string(detail::kind_label(t.kind, l)) + "\n";
  if (!in.source.empty()) {
    // A code span, unless the name holds a backtick, which would end it early.
    const bool code = in.source.find('`') == std::string::npos;
    o += "- " + std::string(Label{"来源文件", "Source"}(l)) + ": " + (code ? "`" + in.source + "`" : cell(in.source)) + "\n";
  }
  o += "\n";
}

/// A target table's overview, as the HTML's: counts by function and by level 1 (tables for its
/// charts) and the goals.
void overview(std::string& o, const ReportInput& in, ReportLanguage l) {
  const Table& t = in.table;
  o += "## " + std::string(Label{"目标概览", "Target overview"}(l)) + "\n\n";
  o += std::to_string(t.indicators.size()) + std::string(Label{" 个三级指标", " indicators"}(l));
  if (!t.functions.empty())
    o += std::string(Label{"，", ", "}(l)) + std::to_string(t.functions.size()) + std::string(Label{" 项核心职能", " core functions"}(l));
  o += std::string(Label{"。", "."}(l)) + "\n\n";
  auto counts = [&](std::string_view title, const std::vector<detail::Bar>& bars) {
    if (bars.empty()) return;
    o += "### " + std::string(title) + "\n\n| | " + std::string(Label{"指标数", "Indicators"}(l)) + " |\n|---|---:|\n";
    for (const detail::Bar& b : bars) o += "| " + cell(b.label) + " | " + detail::shortest(b.value) + " |\n";
    o += "\n";
  };
  if (!t.functions.empty()) counts(Label{"各核心职能的指标数", "Indicators by function"}(l), detail::target_counts(t, true));
  counts(Label{"各一级指标的指标数", "Indicators by level 1"}(l), detail::target_counts(t, false));
  if (!t.goals.empty()) {
    o += "### " + std::string(Label{"年度绩效目标", "Annual goals"}(l)) + "\n\n";
    for (const Goal& g : t.goals)
      o += "- " + (g.number ? std::string(Label{"目标", "Goal "}(l)) + std::to_string(g.number) + std::string(Label{"：", ": "}(l)) : std::string()) +
           cell(g.text.text) + "\n";
    o += "\n";
  }
}

void summary(std::string& o, const ReportInput& in, ReportLanguage l) {
  const Scorecard& c = *in.card;
  const int dec = c.policy.decimals;
  o += "## " + std::string(Label{"总体情况", "Summary"}(l)) + "\n\n";
  o += "| " + std::string(Label{"项目", "Item"}(l)) + " | " + std::string(Label{"规则得分", "Rule score"}(l)) + " | " +
       std::string(Label{"分值", "Weight"}(l)) + " | " + std::string(Label{"表中得分", "Published"}(l)) + " |\n";
  o += "|---|---:|---:|---:|\n";
  o += "| " + std::string(Label{"得分合计", "Total"}(l)) + " | " + detail::fixed(c.total, dec) + " | " +
       detail::weight_text(c.total_weight) + " | " + detail::fixed(c.published_total, dec) + " |\n";
  o += "| " + std::string(Label{"评级", "Grade"}(l)) + " | " + (c.grade ? std::string(detail::grade_label(*c.grade, l)) : "—") +
       " |  | " + cell(c.published_grade) + " |\n";
  o += "| " + std::string(Label{"预算执行率", "Budget execution"}(l)) + " | " +
       (c.budget.scored() ? detail::fixed(c.budget.score, dec) : std::string("—")) + " | " +
       detail::weight_text(c.budget.weight) + " | " + detail::fixed(c.budget.published, dec) + " |\n";
  std::size_t lights[4] = {0, 0, 0, 0};
  for (const ScorecardRow& r : c.rows) ++lights[static_cast<int>(traffic_light(r.score))];
  o += "| " + std::string(Label{"达成 / 部分 / 未达成", "Met / partly / missed"}(l)) + " | " +
       std::to_string(lights[static_cast<int>(TrafficLight::met)]) + " / " +
       std::to_string(lights[static_cast<int>(TrafficLight::partly)]) + " / " +
       std::to_string(lights[static_cast<int>(TrafficLight::missed)]) + " |  |  |\n";
  o += "\n" + std::string(Label{"评分规则", "Policy"}(l)) + ": `" + c.policy.name + "`";
  if (c.weights_distributed) o += Label{"（分值按规则分配）", " (weights distributed from the policy)"}(l);
  if (c.unscored)
    o += l == ReportLanguage::en ? "; " + std::to_string(c.unscored) + " indicators not scored (counted 0)"
                                 : "；" + std::to_string(c.unscored) + " 个指标未评分（按 0 分计）";
  o += "\n\n";
  const std::string_view expl = l == ReportLanguage::en ? c.budget.explanation_en : c.budget.explanation_zh;
  if (!expl.empty()) o += std::string(Label{"预算执行率", "Budget execution"}(l)) + ": " + cell(expl) + "\n\n";

  auto section = [&](std::string_view title, const std::vector<detail::Bar>& bars) {
    if (bars.empty()) return;
    o += "### " + std::string(title) + "\n\n| | " + std::string(Label{"得分", "Score"}(l)) + " | " +
         std::string(Label{"分值", "Weight"}(l)) + " |\n|---|---:|---:|\n";
    for (const detail::Bar& b : bars)
      o += "| " + cell(b.label) + " | " + (std::isnan(b.value) ? std::string("—") : detail::fixed(b.value, dec)) + " | " +
           detail::weight_text(b.full) + " |\n";
    o += "\n";
  };
  section(Label{"按核心职能", "By function"}(l), detail::bars_by_function(in.table, c));
  section(Label{"按一级指标", "By level 1"}(l), detail::bars_by_level1(c, l));
}

void indicators(std::string& o, const ReportInput& in, ReportLanguage l) {
  const Table& t = in.table;
  const bool functions = !t.functions.empty();
  o += "## " + std::string(Label{"绩效指标", "Indicators"}(l)) + "\n\n|";
  if (functions) o += " " + std::string(Label{"核心职能", "Function"}(l)) + " |";
  o += " " + std::string(Label{"一级指标", "Level 1"}(l)) + " | " + std::string(Label{"二级指标", "Level 2"}(l)) + " | " +
       std::string(Label{"三级指标", "Indicator"}(l)) + " | " + std::string(Label{"指标值", "Target"}(l)) + " |";
  if (in.card)
    o += " " + std::string(Label{"实际完成值", "Actual"}(l)) + " | " + std::string(Label{"分值", "Weight"}(l)) + " | " +
         std::string(Label{"得分", "Score"}(l)) + " | " + std::string(Label{"达标", "Status"}(l)) + " |";
  o += "\n|";
  const int columns = (functions ? 1 : 0) + 4 + (in.card ? 4 : 0);
  for (int k = 0; k < columns; ++k) o += k >= columns - 3 && in.card && k < columns - 1 ? "---:|" : "---|";
  o += "\n";
  for (std::size_t k = 0; k < t.indicators.size(); ++k) {
    const Indicator& i = t.indicators[k];
    o += "|";
    if (functions) o += " " + cell(detail::function_label(t, i.function)) + " |";
    o += " " + cell(i.level1.text) + " | " + cell(i.level2.text) + " | " + cell(detail::numbered_name(i)) + " | " +
         cell(i.target.raw) + " |";
    if (in.card) {
      const IndicatorScore& s = in.card->rows[k].score;
      const TrafficLight light = traffic_light(s);
      o += " " + cell(i.actual.raw) + " | " + detail::weight_text(s.weight) + " | " +
           detail::fixed(s.score, in.card->policy.decimals) + " | " + light_mark(light) + " " +
           std::string(detail::light_label(light, l)) + " |";
    }
    o += "\n";
  }
  o += "\n";
}

void differences(std::string& o, const ReportInput& in, ReportLanguage l) {
  const Scorecard& c = *in.card;
  const int dec = c.policy.decimals;
  o += "## " + std::string(Label{"表中得分与规则不一致", "Published scores that differ from the rules"}(l)) + "\n\n";
  if (c.differences.empty()) {
    o += std::string(Label{"无。", "None."}(l)) + "\n\n";
    return;
  }
  o += "| " + std::string(Label{"指标", "Indicator"}(l)) + " | " + std::string(Label{"表中得分", "Published"}(l)) + " | " +
       std::string(Label{"规则得分", "Rule"}(l)) + " | " + std::string(Label{"差异", "Difference"}(l)) + " |\n|---|---:|---:|---:|\n";
  for (const ScoreDifference& d : c.differences) {
    const std::string name = d.indicator == ScoreDifference::budget_row
                                 ? d.name
                                 : detail::numbered_name(in.table.indicators[d.indicator]);
    const double shown = shown_difference(d.published, d.rule, dec);  // adds up with the cells beside it
    std::string diff = detail::fixed(shown, dec);
    if (!std::isnan(shown) && shown > 0) diff = "+" + diff;
    o += "| " + cell(name) + " | " + detail::fixed(d.published, dec) + " | " +
         (std::isnan(d.rule) ? std::string(Label{"未评分", "not scored"}(l)) : detail::fixed(d.rule, dec)) + " | " +
         (diff.empty() ? "—" : diff) + " |\n";
  }
  o += "\n";
}

void findings(std::string& o, const ReportInput& in, ReportLanguage l) {
  o += "## " + std::string(Label{"审核发现", "Review findings"}(l)) + "\n\n";
  if (in.findings.empty()) {
    o += std::string(Label{"无。", "None."}(l)) + "\n";
    return;
  }
  for (Severity sev : {Severity::error, Severity::warning, Severity::info}) {
    std::size_t n = 0;
    for (const Diagnostic& d : in.findings) n += d.severity == sev;
    if (!n) continue;
    o += "### " + std::string(detail::severity_label(sev, l)) + " (" + std::to_string(n) + ")\n\n";
    for (const Diagnostic& d : in.findings) {
      if (d.severity != sev) continue;
      o += "- **" + d.code + "**";
      if (d.span.line) o += " " + cell(detail::finding_place(d, in.source));
      o += " " + prose(d.message);
      if (!d.hint.empty()) o += std::string(Label{"（建议：", " (hint: "}(l)) + prose(d.hint) + std::string(Label{"）", ")"}(l));
      o += "\n";
    }
    o += "\n";
  }
}

}  // namespace

std::string report_markdown(const ReportInput& in, const ReportOptions& options) {
  detail::check_card_matches(in, "report_markdown");
  const ReportLanguage l = options.lang;
  std::string o;
  header(o, in, l);
  if (in.card) summary(o, in, l);
  else overview(o, in, l);
  indicators(o, in, l);
  if (in.card) differences(o, in, l);
  findings(o, in, l);
  return o;
}

}  // namespace jixiao
