// jixiao: budget performance management (预算绩效管理) for C++ and Python.
// SPDX-License-Identifier: MIT
#ifndef JIXIAO_REPORT_HPP
#define JIXIAO_REPORT_HPP

/// \file
/// Reports people hand in and read: a table with its scorecard and its findings written as one
/// self-contained HTML page (inline CSS and SVG charts, printable), Markdown, JSON, or an Excel
/// workbook in the official 绩效自评表 layout.  docs/reports.md describes each format, the
/// workbook layout and the traffic-light rule.

#include <jixiao/diagnostic.hpp>
#include <jixiao/read.hpp>
#include <jixiao/scorecard.hpp>
#include <jixiao/table.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace jixiao {

struct ReportInput;

/// What a report shows of a table as read (actuals already merged, their diagnostics among the
/// read's): the table; its scorecard under `policy` when it is a self-evaluation; as findings
/// the reader's diagnostics and lint's (`lint(read)`), then the scorecard's own that lint does
/// not already report at the same cell.  What `jixiao report` and the Python `jixiao.report` show.
/// `source` (the file named in the report) defaults to the read's `file_name`.
ReportInput report_input(const TableRead& read, const ScoringPolicy& policy = ScoringPolicy::mof2020(),
                         std::string source = {});

/// What a report shows.
///
/// \code
/// jixiao::ReportInput in;
/// auto read = jixiao::read_table("tests/data/tables/self-evaluation.tsv");
/// in.table = read.table;
/// in.card = jixiao::score_table(in.table);
/// in.findings = jixiao::lint(read).diagnostics;
/// in.source = "tests/data/tables/self-evaluation.tsv";
/// \endcode
struct ReportInput {
  Table table;                     ///< the table (a target table, or a self-evaluation)
  std::optional<Scorecard> card;   ///< its scorecard; nothing for a target table without actuals
  std::vector<Diagnostic> findings;  ///< lint's and the reader's findings, shown by severity
  std::string source;              ///< the file it was read from, shown in the header
};

/// The language of a report's labels (the table's own text is shown as written).
enum class ReportLanguage : std::uint8_t {
  zh,  ///< 中文 (the default)
  en,  ///< English
};

/// How to write a report.
struct ReportOptions {
  ReportLanguage lang = ReportLanguage::zh;
};

/// 达标情况: how an indicator fared against its target, from its rule score and weight (the rule
/// score already takes the direction into account: a lower-is-better row above its limit
/// scores less than its weight).
enum class TrafficLight : std::uint8_t {
  unscored,  ///< no rule score (no actual, a unit mismatch …)
  met,       ///< full score (within 0.005 of the weight)
  partly,    ///< more than 0, less than the weight
  missed,    ///< 0
};

/// The traffic light of one scored row.
///
/// \code
/// traffic_light(s);  // met for 10 / 10, partly for 9.05 / 10, missed for 0 / 10
/// \endcode
TrafficLight traffic_light(const IndicatorScore& score) noexcept;

/// `unscored`, `met`, `partly`, `missed`.
std::string_view to_string(TrafficLight light) noexcept;

/// Escapes `& < > " '` for HTML text and attribute values: `<script>` becomes `&lt;script&gt;`.
std::string html_escape(std::string_view text);

/// The report as one self-contained HTML5 page: no network access, no scripts, no external
/// fonts.  Header (department, year, table kind), summary (total, grade, budget execution),
/// SVG bar charts of scores by function and by level 1 against their weights, every indicator
/// with target, actual, weight, score and traffic light, the published scores that differ from
/// the rules, and the findings grouped by severity.  A target table (no card) gets the target
/// overview (indicators by function and level 1) and the findings.  All table text is escaped.
/// Never throws on input; every report writer throws std::invalid_argument for a card scored
/// from another table (rows beyond the table's indicators).
[[nodiscard]] std::string report_html(const ReportInput& input, const ReportOptions& options = {});

/// The same content as GitHub-flavoured Markdown (no charts; `|` in cells escaped).
[[nodiscard]] std::string report_markdown(const ReportInput& input, const ReportOptions& options = {});

/// The report as JSON: with a card, the object `jixiao score --format json` writes
/// (docs/scoring.md) with every explanation, plus `findings`; without one, the table's header
/// and targets plus `findings`.  Indented by 2, ends with a newline.
[[nodiscard]] std::string report_json(const ReportInput& input, const ReportOptions& options = {});

/// The scorecard object alone, as `jixiao score --format json` prints it (docs/scoring.md,
/// *jixiao score output*); `file` is the name written in its `file` field.
std::string scorecard_json(const Table& table, const Scorecard& card, std::string_view file);

/// Writes an Excel workbook (.xlsx) in the official 项目/部门整体支出绩效自评表 layout: merged
/// level-1 and level-2 blocks, the budget block, 分值 and 得分 columns with a 得分合计 formula,
/// and a second sheet 审核意见 with the findings.  Without a card the sheet is the target table
/// (绩效目标表 layout).  I/O problems are returned as diagnostics (JX200), never thrown.
///
/// \code
/// auto problems = jixiao::write_report_xlsx(in, "report.xlsx");
/// // problems.empty() when the file was written
/// \endcode
[[nodiscard]] std::vector<Diagnostic> write_report_xlsx(const ReportInput& input, const std::string& path,
                                                        const ReportOptions& options = {});

}  // namespace jixiao

#endif  // JIXIAO_REPORT_HPP
