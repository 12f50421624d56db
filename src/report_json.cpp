// jixiao: budget performance management (预算绩效管理) for C++ and Python.
// SPDX-License-Identifier: MIT
//
// The JSON report: the scorecard object `jixiao score --format json` prints (docs/scoring.md),
// kept in one place so that the command and the report cannot drift apart, plus the findings.
#include "report_detail.hpp"

#include <jixiao/report.hpp>

#include <jixiao/detail/diagnostic_json.hpp>

#include <nlohmann/json.hpp>

#include <cmath>

namespace jixiao {
namespace {

using detail::diagnostics_json;

using Json = nlohmann::ordered_json;

Json number_or_null(double x) {
  if (std::isnan(x)) return nullptr;
  return x;
}

Json function_or_null(const Table& t, int f) {
  return f >= 0 ? Json(detail::function_label(t, f)) : Json(nullptr);
}

Json score_json(const IndicatorScore& s) {
  Json j;
  j["weight"] = number_or_null(s.weight);
  j["score"] = number_or_null(s.score);
  j["published"] = number_or_null(s.published);
  j["method"] = to_string(s.method);
  j["ratio"] = number_or_null(s.ratio);
  j["explanation_zh"] = s.explanation_zh;
  j["explanation_en"] = s.explanation_en;
  return j;
}

/// Where an indicator stands and what it aims at: the members both JSON forms start a row with.
Json indicator_json(const Table& t, std::size_t index) {
  const Indicator& i = t.indicators[index];
  Json r;
  r["index"] = index;
  r["function"] = function_or_null(t, i.function);
  r["level1"] = i.level1.text;
  r["level2"] = i.level2.text;
  r["sequence"] = i.sequence;
  r["name"] = i.name.text;
  r["target"] = i.target.raw;
  return r;
}

Json card_json(const Table& t, const Scorecard& card, std::string_view file) {
  Json j;
  j["file"] = std::string(file);
  j["title"] = t.title.text;
  j["policy"] = card.policy.name;
  j["weights_distributed"] = card.weights_distributed;
  Json rows = Json::array();
  for (const ScorecardRow& row : card.rows) {
    const Indicator& i = t.indicators[row.indicator];
    const IndicatorScore& s = row.score;
    Json r = indicator_json(t, row.indicator);
    r["actual"] = i.actual.raw;
    r["weight_source"] = to_string(row.weight_source);
    r.update(score_json(s));
    r["difference"] = s.scored() && !std::isnan(s.published) ? Json(round_half_up(s.published - s.score, 6))
                                                             : Json(nullptr);
    r["tier"] = to_string(s.tier);
    r["direction_source"] = to_string(s.direction_source);
    Json codes = Json::array();
    for (const Diagnostic& d : s.diagnostics) codes.push_back(d.code);
    r["diagnostics"] = std::move(codes);
    rows.push_back(std::move(r));
  }
  j["indicators"] = std::move(rows);
  Json subtotals = Json::array();
  for (const Subtotal& s : card.subtotals) {
    Json r;
    r["level"] = to_string(s.level);
    r["function"] = function_or_null(t, s.function);
    r["level1"] = s.level1;
    r["level2"] = s.level2;
    r["weight"] = s.weight;
    r["score"] = s.score;
    r["published"] = number_or_null(s.published);
    r["indicators"] = s.indicators;
    r["unscored"] = s.unscored;
    subtotals.push_back(std::move(r));
  }
  j["subtotals"] = std::move(subtotals);
  Json budget = score_json(card.budget);
  if (!t.budget.empty()) {
    budget["full_year"] = number_or_null(t.budget.front().full_year);
    budget["executed"] = number_or_null(t.budget.front().executed);
  }
  j["budget"] = std::move(budget);
  Json total;
  total["weight"] = card.total_weight;
  total["score"] = card.total;
  total["published"] = number_or_null(card.published_total);
  total["indicator_weight"] = card.indicator_weight;
  total["indicator_score"] = card.indicator_score;
  total["unscored"] = card.unscored;
  j["total"] = std::move(total);
  j["grade"] = card.grade ? Json(std::string(chinese_name(*card.grade))) : Json(nullptr);
  j["published_grade"] = card.published_grade.empty() ? Json(nullptr) : Json(card.published_grade);
  Json diffs = Json::array();
  for (const ScoreDifference& d : card.differences) {
    Json r;
    r["index"] = d.indicator == ScoreDifference::budget_row ? Json(nullptr) : Json(d.indicator);
    r["name"] = d.name;
    r["published"] = d.published;
    r["rule"] = number_or_null(d.rule);
    r["difference"] = number_or_null(d.difference);
    diffs.push_back(std::move(r));
  }
  j["differences"] = std::move(diffs);
  j["diagnostics"] = diagnostics_json(card.diagnostics, false);
  return j;
}

/// A target table without a card: header and targets.
Json targets_json(const Table& t, std::string_view file) {
  Json j;
  j["file"] = std::string(file);
  j["title"] = t.title.text;
  j["kind"] = to_string(t.kind);
  j["year"] = t.year ? Json(t.year) : Json(nullptr);
  j["subject"] = std::string(detail::subject(t));
  Json rows = Json::array();
  for (std::size_t k = 0; k < t.indicators.size(); ++k) {
    Json r = indicator_json(t, k);
    r["line"] = t.indicators[k].target_at.line;
    rows.push_back(std::move(r));
  }
  j["indicators"] = std::move(rows);
  return j;
}

}  // namespace

std::string scorecard_json(const Table& table, const Scorecard& card, std::string_view file) {
  detail::check_card_matches(table, card, "scorecard_json");
  return card_json(table, card, file).dump(2, ' ', false, Json::error_handler_t::replace) + '\n';
}

std::string report_json(const ReportInput& input, const ReportOptions&) {
  detail::check_card_matches(input, "report_json");
  Json j = input.card ? card_json(input.table, *input.card, input.source) : targets_json(input.table, input.source);
  j["findings"] = diagnostics_json(input.findings, true);
  return j.dump(2, ' ', false, Json::error_handler_t::replace) + '\n';
}

}  // namespace jixiao
