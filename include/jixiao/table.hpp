// jixiao: budget performance management (预算绩效管理) for C++ and Python.
// SPDX-License-Identifier: MIT
#ifndef JIXIAO_TABLE_HPP
#define JIXIAO_TABLE_HPP

/// \file
/// A performance target table (绩效目标表) or self-evaluation table (绩效自评表): header fields,
/// annual goals, core functions and the indicator tree.  `read.hpp` builds one from a file.

#include <jixiao/indicator.hpp>

#include <cstdint>
#include <iosfwd>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

namespace jixiao {

/// Which table it is.
enum class TableKind : std::uint8_t {
  unknown,             ///< not stated
  department_targets,  ///< 部门整体支出绩效目标表 (also …批复表, …申报表)
  project_targets,     ///< 项目支出绩效目标表
  self_evaluation,     ///< 绩效自评表 (部门整体 or 项目)
};

/// `department_targets`, `project_targets`, `self_evaluation`, or empty.
std::string_view to_string(TableKind kind) noexcept;

/// 核心职能: a core function of the department, `职能1: 社会救助`.
struct CoreFunction {
  int number = 0;   ///< 1 for 职能1, 0 when unnumbered
  Text name;        ///< 社会救助

  friend bool operator==(const CoreFunction& a, const CoreFunction& b) {
    return a.number == b.number && a.name == b.name;
  }
  friend bool operator!=(const CoreFunction& a, const CoreFunction& b) { return !(a == b); }
};

/// 年度绩效目标: one numbered goal, markup removed (`目标1: 一是规范城乡低保政策实施…`).
struct Goal {
  int number = 0;   ///< 1 for 目标1, 0 when unnumbered
  Text text;        ///< the goal without its "目标N:" label
  Text outcome;     ///< 实际完成情况: what was achieved (self-evaluation tables)

  friend bool operator==(const Goal& a, const Goal& b) {
    return a.number == b.number && a.text == b.text && a.outcome == b.outcome;
  }
  friend bool operator!=(const Goal& a, const Goal& b) { return !(a == b); }
};

/// A header field the table states: key as written (`部门(单位)名称`) and value.
struct HeaderField {
  std::string key;
  Text value;

  friend bool operator==(const HeaderField& a, const HeaderField& b) { return a.key == b.key && a.value == b.value; }
  friend bool operator!=(const HeaderField& a, const HeaderField& b) { return !(a == b); }
};

/// One line of a self-evaluation table's budget block (年度资金总额, 其中：财政拨款 …).
/// Amounts as written (usually 万元); NaN when the cell is empty.
struct BudgetLine {
  static constexpr double nan = std::numeric_limits<double>::quiet_NaN();
  Text label;                 ///< 年度资金总额
  double initial = nan;       ///< 年初预算数
  double full_year = nan;     ///< 全年预算数 (A)
  double executed = nan;      ///< 全年执行数 (B)
  double weight = nan;        ///< 分值
  double rate = nan;          ///< 执行率, in percent as published
  double score = nan;         ///< 得分 as published
  /// The file its positions are in when not the table's: the actuals file that gave the row
  /// (apply_actuals, when the table had no budget block); empty otherwise.
  std::string file;

  friend bool operator==(const BudgetLine& a, const BudgetLine& b);
  friend bool operator!=(const BudgetLine& a, const BudgetLine& b) { return !(a == b); }
};

/// The total row of a self-evaluation table: 总分, 得分合计 and the grade (评级) as published.
struct Totals {
  static constexpr double nan = std::numeric_limits<double>::quiet_NaN();
  double weight = nan;        ///< 总分, usually 100
  double score = nan;         ///< 得分合计
  Text grade;                 ///< 评级 / 自评等级: 优, 良, 中, 差
  SourceLocation at;

  bool empty() const noexcept;
  friend bool operator==(const Totals& a, const Totals& b);
  friend bool operator!=(const Totals& a, const Totals& b) { return !(a == b); }
};

/// A whole table.
///
/// \code
/// auto read = jixiao::read_table("examples/data/civil-affairs-2024-targets.tsv");
/// const jixiao::Table& t = read.table;
/// // t.kind == TableKind::department_targets, t.year == 2024, t.functions.size() == 4,
/// // t.indicators.size() == 61, t.field("部门(单位)名称") == "渚源县民政局"
/// \endcode
struct Table {
  TableKind kind = TableKind::unknown;
  Text title;                        ///< 2024年部门整体支出绩效目标批复表
  int year = 0;                      ///< from the title or a (2024年度) line, 0 when not stated
  std::vector<HeaderField> header;   ///< 部门(单位)名称, 主管部门, 项目名称, 实施单位, 部门职能概述 …
  std::vector<Goal> goals;           ///< 年度(整体)绩效目标
  std::vector<CoreFunction> functions;  ///< 核心职能, in order
  std::vector<Indicator> indicators;    ///< in the table's order
  std::vector<BudgetLine> budget;    ///< self-evaluation: the budget block, total line first
  Totals totals;                     ///< self-evaluation: the total row
  std::vector<Text> columns;         ///< the column headings as written (一级指标, 指标值 …)
  /// The actuals file merged into the table (`apply_actuals`), empty when none: the file the
  /// cells each indicator's `merged` names came from, so that their locations name it.
  std::string actuals_file;

  /// The value of the header field whose key is `key` or one of its usual synonyms
  /// (`部门(单位)名称` also finds 单位名称, 部门名称, 预算单位); empty when absent.
  std::string_view field(std::string_view key) const& noexcept;
  /// A view into a temporary would dangle (`read_table(f).table.field(…)`): keep the table.
  std::string_view field(std::string_view key) && = delete;

  friend bool operator==(const Table& a, const Table& b);
  friend bool operator!=(const Table& a, const Table& b) { return !(a == b); }
};

std::ostream& operator<<(std::ostream& os, TableKind kind);

}  // namespace jixiao

#endif  // JIXIAO_TABLE_HPP
