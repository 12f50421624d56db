// jixiao: budget performance management (预算绩效管理) for C++ and Python.
// SPDX-License-Identifier: MIT
#ifndef JIXIAO_ACTUALS_HPP
#define JIXIAO_ACTUALS_HPP

/// \file
/// Year-end actual values (实际完成值) kept apart from the target table they belong to: a CSV or
/// TSV file with one row per indicator, keyed by function and indicator name or sequence, merged
/// into the table so that it can be scored like a self-evaluation table.  docs/formats.md
/// (*Actuals files*) describes the columns.

#include <jixiao/diagnostic.hpp>
#include <jixiao/read.hpp>
#include <jixiao/table.hpp>

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace jixiao {

/// A target table with the actuals of a file merged in, and what was wrong with the file.
struct ActualsRead {
  Table table;                          ///< the target table, actuals (and weights, scores) filled in
  std::vector<Diagnostic> diagnostics;  ///< JX440–JX449 and the actual cells' JX1xx, in file order
  std::size_t applied = 0;              ///< rows of the file merged into an indicator
  std::size_t missing = 0;              ///< indicators of the table the file gives no actual for

  /// True when no diagnostic is an error.
  bool ok() const noexcept;
};

/// Merges the actuals file at `path` into `targets`.  A file that cannot be opened is JX200.
///
/// \code
/// auto t = jixiao::read_table("examples/data/civil-affairs-2024-targets.tsv");
/// auto m = jixiao::apply_actuals(t.table, "examples/data/civil-affairs-2024-actuals.csv");
/// auto card = jixiao::score_table(m.table);
/// \endcode
[[nodiscard]] ActualsRead apply_actuals(const Table& targets, const std::string& path, ReadOptions options = {});

/// Merges actuals from the bytes of a file (CSV or TSV, UTF-8 or GB18030, as `read_table_text`).
///
/// Each row is matched to exactly one indicator by the key columns it fills (职能, 一级指标,
/// 二级指标, 序号, 三级指标); its 实际完成值 is parsed with `parse_value` and, when given, its
/// 分值, 得分 and 偏差原因 are set too, each marked in `Indicator::merged` so that diagnostics
/// about it name the file (the table's own cells keep the table's).  A row named 预算执行率 fills
/// the budget block.  The merged table is a self-evaluation (`TableKind::self_evaluation`).
/// Never throws on input: a row that matches no indicator (JX441) or several (JX442), a second
/// actual for one indicator (JX443), indicators left without one (JX444) and unread cells are all
/// reported with their line.  A table names one actuals file: merged into a table that already
/// holds another file's actuals, the cells of that file this one does not give keep their values
/// but not their places (JX449), so that no diagnostic points into the wrong file.
[[nodiscard]] ActualsRead apply_actuals_text(const Table& targets, std::string_view bytes, ReadOptions options = {});

}  // namespace jixiao

#endif  // JIXIAO_ACTUALS_HPP
