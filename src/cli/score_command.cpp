// jixiao: budget performance management (预算绩效管理) for C++ and Python.
// SPDX-License-Identifier: MIT
//
// `jixiao score`: score a self-evaluation table by the rules and show, beside the published
// scores, where they differ: as text a person reads, as JSON (docs/scoring.md, *Scorecard*), or
// as CSV with one row per indicator.  Diagnostics go to standard error, like `jixiao read`.
#include "commands.hpp"
#include "csv_field.hpp"
#include "printable.hpp"
#include "policy_option.hpp"

#include <jixiao/actuals.hpp>
#include <jixiao/read.hpp>
#include <jixiao/report.hpp>
#include <jixiao/scorecard.hpp>

#include <fmt/core.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <iostream>
#include <memory>
#include <string>

namespace jixiao::cli {
namespace {

struct ScoreCommandOptions {
  std::string file;
  std::string actuals;
  std::string policy = "mof2020";
  std::string format = "text";
};

/// A score with the policy's decimals (9.05), empty for NaN; rounded half-up as the rules round
/// (a published 2.675 shows 2.68, not the binary 2.67).
std::string points(double x, int decimals) {
  return std::isnan(x) ? std::string() : fmt::format("{:.{}f}", round_half_up(x, decimals), decimals);
}
/// A weight or amount as short as it reads back (10, 9.375), empty for NaN.
std::string number(double x) { return std::isnan(x) ? std::string() : fmt::format("{}", x); }
/// A signed difference (-1.00, +0.50).
std::string signed_points(double x, int decimals) {
  return std::isnan(x) ? std::string("—") : fmt::format("{:+.{}f}", round_half_up(x, decimals), decimals);
}

std::string function_label(const Table& t, int f) {
  if (f < 0) return {};
  const CoreFunction& c = t.functions[static_cast<std::size_t>(f)];
  return c.number ? fmt::format("职能{} {}", c.number, c.name.text) : c.name.text;
}

/// `产出指标/数量指标 指标1 城市低保保障人次`, after `职能1 社会救助 · ` in department tables.
std::string row_label(const Table& t, const Indicator& i) {
  std::string s;
  if (i.function >= 0) s = function_label(t, i.function) + " · ";
  s += i.level1.text + "/" + i.level2.text + " ";
  if (i.sequence) s += fmt::format("指标{} ", i.sequence);
  return s + i.name.text;
}

std::string subtotal_label(const Table& t, const Subtotal& s) {
  std::string label;
  if (s.function >= 0) label = function_label(t, s.function);
  if (!s.level1.empty()) label += (label.empty() ? "" : " · ") + s.level1;
  if (s.level == SubtotalLevel::level2) label += "/" + s.level2;
  return label;
}

/// The first error of a row that could not be scored: `JX415`.
std::string why_unscored(const IndicatorScore& s) {
  for (const Diagnostic& d : s.diagnostics)
    if (d.severity == Severity::error) return d.code + ": " + d.message;
  return "no rule score";
}

void print_text(std::ostream& out, const Table& t, const Scorecard& card) {
  const int dec = card.policy.decimals;
  // Each record is one line, composed whole and shown through printable(): cell text (a line
  // break in a cell Excel quoted, an escape sequence from a binary or hostile file) can neither
  // split it nor reach the terminal raw.
  const auto line = [&out](const std::string& text) { out << printable(text) << '\n'; };
  line((t.title.empty() ? std::string("self-evaluation") : t.title.text) + " — policy " + card.policy.name +
       (card.weights_distributed ? " (weights distributed from the policy)" : ""));
  for (const ScorecardRow& row : card.rows) {
    const IndicatorScore& s = row.score;
    line(row_label(t, t.indicators[row.indicator]) + ": " +
         (s.scored() ? s.explanation_zh : "未评分 / not scored (" + why_unscored(s) + ")"));
  }
  out << "\nsubtotals:\n";
  for (const Subtotal& s : card.subtotals) {
    std::string text = "  " + subtotal_label(t, s) + ": " + points(s.score, dec) + " / " + number(s.weight);
    if (!std::isnan(s.published)) text += " (published " + points(s.published, dec) + ")";
    if (s.unscored) text += fmt::format(" [{} not scored]", s.unscored);
    line(text);
  }
  const IndicatorScore& b = card.budget;
  out << '\n';
  std::string text = "预算执行率: " + (b.scored() ? b.explanation_zh : "未评分 / not scored (" + why_unscored(b) + ")");
  if (!std::isnan(b.published)) text += " (published " + points(b.published, dec) + ")";
  line(text);
  text = "total: " + points(card.total, dec) + " / " + number(card.total_weight);
  if (!std::isnan(card.published_total)) text += " (published " + points(card.published_total, dec) + ")";
  if (card.unscored) text += fmt::format(" [{} indicators not scored, counted 0]", card.unscored);
  line(text);
  text = "grade: " + (card.grade              ? std::string(chinese_name(*card.grade))
                      : !card.policy.grades   ? std::string("none (policy)")
                                              : std::string("none (the total is not a finite number)"));
  if (!card.published_grade.empty()) text += " (published " + card.published_grade + ")";
  line(text);
  out << "\npublished scores that differ from the rules:" << (card.differences.empty() ? " none" : "") << '\n';
  for (const ScoreDifference& d : card.differences) {
    const std::string name = d.indicator == ScoreDifference::budget_row
                                 ? d.name
                                 : row_label(t, t.indicators[d.indicator]);
    line("  " + name + ": published " + points(d.published, dec) + ", rule " +
         (std::isnan(d.rule) ? std::string("not scored") : points(d.rule, dec)) + ", difference " +
         signed_points(shown_difference(d.published, d.rule, dec), dec));
  }
}

void print_csv(const Table& t, const Scorecard& card) {
  const int dec = card.policy.decimals;
  std::cout << "function,level1,level2,seq,name,target,actual,weight,rule_score,published_score,difference\n";
  for (const ScorecardRow& row : card.rows) {
    const Indicator& i = t.indicators[row.indicator];
    const IndicatorScore& s = row.score;
    const std::string diff =
        s.scored() && !std::isnan(s.published) ? points(shown_difference(s.published, s.score, dec), dec) : "";
    const std::string cells[] = {function_label(t, i.function), i.level1.text, i.level2.text,
                                 i.sequence ? std::to_string(i.sequence) : "", i.name.text, i.target.raw,
                                 i.actual.raw, number(s.weight), points(s.score, dec), points(s.published, dec), diff};
    std::string line;
    for (const std::string& c : cells) line += (line.empty() && &c == &cells[0] ? "" : ",") + csv_field(c);
    std::cout << line << '\n';
  }
}

}  // namespace

Runner add_score_command(CLI::App& app) {
  auto opts = std::make_shared<ScoreCommandOptions>();
  auto* sub = app.add_subcommand("score", "Score a self-evaluation table (绩效自评表) by the rules");
  sub->add_option("FILE", opts->file, "The self-evaluation table: tab-separated text, CSV or jixiao JSON")
      ->required();
  sub->add_option("--actuals", opts->actuals,
                  "An actuals file (CSV or TSV: 职能, 三级指标 or 序号, 实际完成值 …; docs/formats.md) "
                  "merged into FILE, a target table");
  sub->add_option("--policy", opts->policy, "A preset (mof2020, hubei) or a policy JSON file (docs/scoring.md)");
  sub->add_option("--format", opts->format, "Output: text (explained), json (docs/scoring.md) or csv (one row per indicator)")
      ->check(CLI::IsMember({"text", "json", "csv"}));
  sub->footer(
      "Diagnostics go to standard error as FILE:LINE:COL: severity CODE: message.\n"
      "Exit status: 0 without error diagnostics; 1 with errors in the table, the actuals file or the scoring (an\n"
      "indicator that could not be scored, a table without indicators; the rest is still scored); 2 for a bad policy,\n"
      "a FILE or actuals file that cannot be opened, or output that could not be written.");
  return [opts]() {
    const std::optional<ScoringPolicy> policy = load_policy(opts->policy, "score");
    if (!policy) return 2;
    TableRead read = read_table(opts->file);
    for (const Diagnostic& d : read.diagnostics) std::cerr << to_string(d) << '\n';
    // A file that cannot be opened is an I/O error, as for lint: no scorecard of nothing.
    if (find_code(read.diagnostics, "JX200")) return 2;
    bool ok = read.ok();
    if (!opts->actuals.empty()) {
      ActualsRead merged = apply_actuals(read.table, opts->actuals);
      if (find_code(merged.diagnostics, "JX200")) {
        for (const Diagnostic& d : merged.diagnostics) std::cerr << to_string(d) << '\n';
        return 2;
      }
      for (const Diagnostic& d : merged.diagnostics) std::cerr << to_string(d) << '\n';
      ok = ok && merged.ok();
      read.table = std::move(merged.table);
    }
    const Scorecard card = score_table(read.table, *policy);
    ok = ok && card.ok();  // a row that could not be scored is an error a pipeline must see
    for (Diagnostic d : card.diagnostics) {
      if (d.span.file.empty()) d.span.file = opts->file;  // cells from the actuals file name it already
      std::cerr << to_string(d) << '\n';
    }
    if (opts->format == "json") {
      std::cout << scorecard_json(read.table, card, opts->file);
    } else if (opts->format == "csv") {
      print_csv(read.table, card);
    } else {
      print_text(std::cout, read.table, card);
    }
    std::cout.flush();
    return ok ? 0 : 1;
  };
}

}  // namespace jixiao::cli
