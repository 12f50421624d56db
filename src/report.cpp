// jixiao: budget performance management (预算绩效管理) for C++ and Python.
// SPDX-License-Identifier: MIT
//
// What every report format shares: the traffic light, HTML escaping and the check that a card
// belongs to its table.
#include <jixiao/report.hpp>

#include "report_detail.hpp"

#include <jixiao/detail/utf8.hpp>
#include <jixiao/lint.hpp>

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

namespace jixiao {

TrafficLight traffic_light(const IndicatorScore& s) noexcept {
  if (!s.scored() || std::isnan(s.weight)) return TrafficLight::unscored;
  // Scores are rounded to the policy's decimals; within half a cent of the weight is full marks.
  if (s.score >= s.weight - 0.005) return TrafficLight::met;
  if (s.score > 0.005) return TrafficLight::partly;
  return TrafficLight::missed;
}

std::string_view to_string(TrafficLight light) noexcept {
  switch (light) {
    case TrafficLight::met: return "met";
    case TrafficLight::partly: return "partly";
    case TrafficLight::missed: return "missed";
    case TrafficLight::unscored: break;
  }
  return "unscored";
}

void detail::check_card_matches(const Table& table, const Scorecard& card, const char* caller) {
  const std::size_t n = table.indicators.size();
  const auto beyond = [n](std::size_t k) { return k >= n; };
  bool bad = false;
  for (const ScorecardRow& row : card.rows) bad = bad || beyond(row.indicator);
  for (const ScoreDifference& d : card.differences)
    bad = bad || (d.indicator != ScoreDifference::budget_row && beyond(d.indicator));
  if (bad)
    throw std::invalid_argument(std::string("jixiao::") + caller + ": the scorecard names indicators beyond the table's " +
                                std::to_string(n) + ": it is not this table's");
}

std::string html_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    std::uint32_t cp = 0;
    // Hidden characters (a terminal escape from a binary file, a bidirectional override) are not
    // text: U+FFFD.  Line breaks and tabs stay.
    if (const std::size_t n = detail::hidden_char(text, i, cp); n && cp != '\t' && cp != '\n' && cp != '\r') {
      out += "\xEF\xBF\xBD";
      i += n - 1;
      continue;
    }
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

ReportInput report_input(const TableRead& read, const ScoringPolicy& policy, std::string source) {
  LintOptions lint_options;
  lint_options.policy = policy;
  if (source.empty()) source = read.file_name;
  lint_options.file_name = source;
  ReportInput input;
  input.findings = lint(read, lint_options).diagnostics;
  input.source = std::move(source);
  if (read.table.kind == TableKind::self_evaluation) {
    input.card = score_table(read.table, policy);
    // The card's diagnostics that lint does not already report at the same cell, under the same
    // code or the lint code it passes the card's weight checks on as.
    for (Diagnostic d : input.card->diagnostics) {
      if (d.span.file.empty()) d.span.file = input.source;
      const std::string_view as_lint = lint_code_of(d.code);
      const bool seen = std::any_of(input.findings.begin(), input.findings.end(), [&](const Diagnostic& f) {
        return (f.code == d.code || (!as_lint.empty() && f.code == as_lint)) && f.span.line == d.span.line &&
               f.span.column == d.span.column;
      });
      if (!seen) input.findings.push_back(std::move(d));
    }
  }
  input.table = read.table;
  return input;
}

}  // namespace jixiao
