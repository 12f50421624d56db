// jixiao: budget performance management (预算绩效管理) for C++ and Python.
// SPDX-License-Identifier: MIT
#ifndef JIXIAO_LINT_HPP
#define JIXIAO_LINT_HPP

/// \file
/// Checking a table against the official guidance (绩效目标审核: completeness, relevance,
/// appropriateness, feasibility), the way a compiler checks code: every finding is a
/// `Diagnostic` with a stable code (JX300–JX399), pointed at its cell, with a hint.  The rule
/// catalogue is `lint_rules()`; docs/rules.md documents every code with an example.

#include <jixiao/diagnostic.hpp>
#include <jixiao/read.hpp>
#include <jixiao/score.hpp>
#include <jixiao/table.hpp>

#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace jixiao {

/// What a rule is about; the codes of a family share a number range.
enum class RuleFamily : std::uint8_t {
  completeness,     ///< JX300–JX309: 完整性, empty targets, missing categories and header fields
  value,            ///< JX310–JX329: 指标值 and 度量单位, values and units
  classification,   ///< JX330–JX349: 指标归类, an indicator under the wrong category
  consistency,      ///< JX350–JX369: 一致性, names against targets, repeats
  satisfaction,     ///< JX370–JX379: 满意度指标
  self_evaluation,  ///< JX380–JX399: 绩效自评, weights and scores
};

/// One rule of the catalogue.  A value: `lint_rules()` lists them all.
struct LintRule {
  std::string_view code;        ///< stable identifier, `JX330`
  RuleFamily family;            ///< what it is about
  Severity severity;            ///< default severity
  std::string_view title_zh;    ///< 标题: `数量/质量指标中列入了资金或费用`
  std::string_view title_en;    ///< title: `money listed as a quantity or quality output`
  std::string_view hint;        ///< the usual fix (a finding may give a more precise one)
};

/// 指标体系: which official indicator tree a table follows.
enum class IndicatorTree : std::uint8_t {
  automatic,  ///< decided from the table: B when a level-1 成本指标 or a tree-B level 2 occurs, else A
  a,          ///< 财预〔2015〕88号 / 财预〔2020〕10号: 成本指标 is a level 2 under 产出指标
  b,          ///< 财预〔2021〕101号: 成本指标 is a level 1 (经济/社会/生态环境成本指标)
};

/// What to check and how to grade it.
///
/// \code
/// jixiao::LintOptions o = *jixiao::LintOptions::profile("strict");
/// o.disabled.insert("JX316");                       // no "no comparator" infos
/// o.severity["JX330"] = jixiao::Severity::error;    // money as a quantity output is an error here
/// \endcode
struct LintOptions {
  IndicatorTree tree = IndicatorTree::automatic;
  /// For review (审核): every info a lint rule reports is raised to a warning.
  bool strict = false;
  /// Codes not reported: lint rules, and in `lint(const TableRead&)` also the reader's codes.
  std::set<std::string, std::less<>> disabled;
  /// Severities that replace the default, by code (applied after `strict`).
  std::map<std::string, Severity, std::less<>> severity;
  /// The policy the self-evaluation rules score with (weights expected, rounding).
  ScoringPolicy policy = ScoringPolicy::mof2020();
  /// File name put in the findings' spans; `lint(read)` takes the read's (`TableRead::file_name`)
  /// when this is empty.
  std::string file_name;

  /// The named profile: `default` (tree detected), `tree_a`, `tree_b`, `strict` (tree detected,
  /// infos raised to warnings), or nothing for another name.
  static std::optional<LintOptions> profile(std::string_view name);
};

/// What lint found.
struct LintReport {
  std::vector<Diagnostic> diagnostics;  ///< sorted by line, column, code
  IndicatorTree tree = IndicatorTree::a;  ///< the tree checked against (never automatic)

  /// Findings of this severity.
  std::size_t count(Severity severity) const noexcept;
  /// True when a finding is at `severity` or above.
  bool any_at_least(Severity severity) const noexcept;
};

/// The rule catalogue, in code order.
const std::vector<LintRule>& lint_rules();

/// The rule with this code, or nullptr.
const LintRule* find_lint_rule(std::string_view code) noexcept;

/// The lint code a scorecard diagnostic is reported under by `lint` (JX420 → JX380, JX421 →
/// JX381, JX427 → JX382: the scorecard's weight checks), or empty for the others.
std::string_view lint_code_of(std::string_view scorecard_code) noexcept;

/// Checks a table against every enabled rule and returns only lint's findings (JX3xx), with
/// the table's lines and columns and `options.file_name`.  Never throws on input.
///
/// Without the reader's diagnostics at hand it reports everything it sees, including an empty
/// or invalid target (JX300, JX310); `lint(const TableRead&)` leaves those to the reader.
///
/// \code
/// auto read = jixiao::read_table("examples/data/civil-affairs-2024-targets.tsv");
/// auto report = jixiao::lint_table(read.table);
/// // report.diagnostics contains JX330 at 59:9: `天然气费` is a cost, not a quantity output (数量指标)
/// \endcode
[[nodiscard]] LintReport lint_table(const Table& table, const LintOptions& options = {});

/// Checks a table as read: the reader's diagnostics (JX1xx, JX2xx) and lint's findings
/// together, sorted by position, so that nothing the reader found is lost.  A lint finding the
/// reader already reports at the same cell is left out (an empty target is the reader's JX210,
/// an unreadable one its JX1xx error; see docs/rules.md).  `options.disabled` and
/// `options.severity` apply to the reader's codes too; `strict` only to lint's.
///
/// \code
/// jixiao::LintOptions o;
/// o.file_name = "t.tsv";
/// auto report = jixiao::lint(jixiao::read_table("t.tsv"), o);
/// for (const auto& d : report.diagnostics) std::cout << d << '\n';
/// \endcode
[[nodiscard]] LintReport lint(const TableRead& read, const LintOptions& options = {});

/// `completeness`, `value`, `classification`, `consistency`, `satisfaction`, `self_evaluation`.
std::string_view to_string(RuleFamily family) noexcept;
/// `auto`, `tree_a`, `tree_b`.
std::string_view to_string(IndicatorTree tree) noexcept;

}  // namespace jixiao

#endif  // JIXIAO_LINT_HPP
