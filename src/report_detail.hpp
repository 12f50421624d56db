// jixiao: budget performance management (预算绩效管理) for C++ and Python.
// SPDX-License-Identifier: MIT
#ifndef JIXIAO_SRC_REPORT_DETAIL_HPP
#define JIXIAO_SRC_REPORT_DETAIL_HPP

// What the report writers share: labels in both languages, number formatting, the summaries
// the charts draw (by function, by level 1).  Internal to src/.

#include <jixiao/report.hpp>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

namespace jixiao::detail {

/// A scorecard given with another table (rows or differences naming indicators the table does
/// not have) is the caller's mistake, not input: std::invalid_argument, before any indexing.
void check_card_matches(const Table& table, const Scorecard& card, const char* caller);
inline void check_card_matches(const ReportInput& in, const char* caller) {
  if (in.card) check_card_matches(in.table, *in.card, caller);
}

/// One label in both languages.
struct Label {
  std::string_view zh, en;
  std::string_view operator()(ReportLanguage l) const noexcept { return l == ReportLanguage::en ? en : zh; }
};

/// `%.*f` of the value rounded half-up as the rules round (a published 2.675 shows 2.68, not
/// the binary 2.67), empty for NaN.
inline std::string fixed(double x, int decimals = 2) {
  if (std::isnan(x)) return {};
  char buf[360];  // every double: 309 integer digits, the point, the decimals and the sign
  const int d = std::clamp(decimals, 0, 17);
  std::snprintf(buf, sizeof buf, "%.*f", d, d <= 6 ? round_half_up(x, d) : x);
  return buf;
}

/// As short as it reads back (10, 9.375, 1287.45), empty for NaN.
inline std::string shortest(double x) {
  if (std::isnan(x)) return {};
  char buf[64];
  for (int p = 1; p <= 17; ++p) {
    std::snprintf(buf, sizeof buf, "%.*g", p, x);
    if (std::strtod(buf, nullptr) == x && (p == 17 || !std::strchr(buf, 'e'))) break;
  }
  return buf;
}

/// Rounded half-up to `decimals` places (for cached values and percentages).
inline double round_to(double x, int decimals) { return round_half_up(x, decimals); }

/// A weight as a reader wants it: at most 4 decimals (a distributed 0.649350… shows 0.6494).
inline std::string weight_text(double x) { return std::isnan(x) ? std::string() : shortest(round_half_up(x, 4)); }

/// `职能1 社会救助`, empty for -1.
inline std::string function_label(const Table& t, int f) {
  if (f < 0 || static_cast<std::size_t>(f) >= t.functions.size()) return {};
  const CoreFunction& c = t.functions[static_cast<std::size_t>(f)];
  return c.number ? "职能" + std::to_string(c.number) + " " + c.name.text : c.name.text;
}

/// `指标1：城市低保` as the official layout writes a level-3 name.
inline std::string numbered_name(const Indicator& i) {
  return i.sequence ? "指标" + std::to_string(i.sequence) + "：" + i.name.text : i.name.text;
}

/// The department or project the table is about: 部门(单位)名称, else 项目名称.
inline std::string_view subject(const Table& t) {
  std::string_view s = t.field("部门(单位)名称");
  if (s.empty()) s = t.field("项目名称");
  return s;
}

inline std::string_view kind_label(TableKind k, ReportLanguage l) {
  switch (k) {
    case TableKind::department_targets: return Label{"部门整体支出绩效目标表", "department performance targets"}(l);
    case TableKind::project_targets: return Label{"项目支出绩效目标表", "project performance targets"}(l);
    case TableKind::self_evaluation: return Label{"绩效自评表", "performance self-evaluation"}(l);
    case TableKind::unknown: break;
  }
  return Label{"绩效表", "performance table"}(l);
}

inline std::string_view light_label(TrafficLight t, ReportLanguage l) {
  switch (t) {
    case TrafficLight::met: return Label{"达成", "met"}(l);
    case TrafficLight::partly: return Label{"部分达成", "partly"}(l);
    case TrafficLight::missed: return Label{"未达成", "missed"}(l);
    case TrafficLight::unscored: break;
  }
  return Label{"未评分", "not scored"}(l);
}

/// 优 良 中 差, or in English.
inline std::string_view grade_label(Grade g, ReportLanguage l) {
  return l == ReportLanguage::en ? to_string(g) : chinese_name(g);
}

inline std::string_view severity_label(Severity s, ReportLanguage l) {
  switch (s) {
    case Severity::error: return Label{"错误", "Errors"}(l);
    case Severity::warning: return Label{"警告", "Warnings"}(l);
    case Severity::info: break;
  }
  return Label{"提示", "Notes"}(l);
}

/// Where a finding is: `line:column`, with its file in front when it is not the report's own
/// table (an actuals file); empty without a line.
inline std::string finding_place(const Diagnostic& d, std::string_view source) {
  if (!d.span.line) return {};
  std::string place = std::to_string(d.span.line) + ":" + std::to_string(d.span.column);
  if (!d.span.file.empty() && d.span.file != source) place = d.span.file + ":" + place;
  return place;
}

/// `text` cut to at most `code_points` code points, the last of them an ellipsis when cut.
inline std::string clip(std::string_view text, std::size_t code_points) {
  std::size_t n = 0, i = 0, cut = 0;
  for (; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) continue;  // a continuation byte
    if (n == code_points - 1) cut = i;
    if (++n > code_points) return std::string(text.substr(0, cut)) + "…";
  }
  return std::string(text);
}

/// One bar of a chart: a label, a value against a maximum (score against weight, or a count).
struct Bar {
  std::string label;
  double value = 0;
  double full = 0;
};

/// Scores by function (department tables), with the budget row last.
inline std::vector<Bar> bars_by_function(const Table& t, const Scorecard& card) {
  std::vector<Bar> out;
  for (const Subtotal* s : card.subtotals_at(SubtotalLevel::function))
    out.push_back({function_label(t, s->function), s->score, s->weight});
  return out;
}

/// Scores by level 1, added over the functions, in order of first appearance, then 预算执行率.
inline std::vector<Bar> bars_by_level1(const Scorecard& card, ReportLanguage l) {
  std::vector<Bar> out;
  for (const Subtotal* s : card.subtotals_at(SubtotalLevel::level1)) {
    Bar* b = nullptr;
    for (Bar& x : out)
      if (x.label == s->level1) b = &x;
    if (!b) b = &out.emplace_back(Bar{s->level1, 0, 0});
    b->value += s->score;
    b->full += s->weight;
  }
  if (card.budget.scored() || !std::isnan(card.budget.weight))
    out.push_back({std::string(Label{"预算执行率", "Budget execution"}(l)),
                   card.budget.scored() ? card.budget.score : Scorecard::nan,  // not scored: shown apart, not as 0
                   std::isnan(card.budget.weight) ? 0 : card.budget.weight});
  return out;
}

/// Indicator counts of a target table: by function (or, without functions, by level 1).
inline std::vector<Bar> target_counts(const Table& t, bool by_function) {
  std::vector<Bar> out;
  for (const Indicator& i : t.indicators) {
    const std::string key = by_function ? function_label(t, i.function) : i.level1.text;
    if (key.empty()) continue;
    Bar* b = nullptr;
    for (Bar& x : out)
      if (x.label == key) b = &x;
    if (!b) b = &out.emplace_back(Bar{key, 0, 0});
    b->value += 1;
  }
  double most = 0;
  for (const Bar& b : out) most = std::max(most, b.value);
  for (Bar& b : out) b.full = most;
  return out;
}

}  // namespace jixiao::detail

#endif  // JIXIAO_SRC_REPORT_DETAIL_HPP
