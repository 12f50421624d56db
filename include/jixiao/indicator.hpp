// jixiao: budget performance management (预算绩效管理) for C++ and Python.
// SPDX-License-Identifier: MIT
#ifndef JIXIAO_INDICATOR_HPP
#define JIXIAO_INDICATOR_HPP

/// \file
/// One performance indicator (三级指标) with its place in the three-level tree, its target and,
/// in a self-evaluation table, what was achieved and how it was scored.

#include <jixiao/value.hpp>

#include <cstdint>
#include <iosfwd>
#include <limits>
#include <string>
#include <string_view>

namespace jixiao {

/// Where something was read: 1-based line and column (code points) in the input; 0 when the
/// field was not read from text (built in code, or inferred).
struct SourceLocation {
  std::uint32_t line = 0;
  std::uint32_t column = 0;

  bool known() const noexcept { return line != 0; }
  friend bool operator==(const SourceLocation& a, const SourceLocation& b) noexcept {
    return a.line == b.line && a.column == b.column;
  }
  friend bool operator!=(const SourceLocation& a, const SourceLocation& b) noexcept { return !(a == b); }
};

/// A piece of text from the table and where it was.
struct Text {
  std::string text;
  SourceLocation at;

  bool empty() const noexcept { return text.empty(); }
  friend bool operator==(const Text& a, const Text& b) { return a.text == b.text && a.at == b.at; }
  friend bool operator!=(const Text& a, const Text& b) { return !(a == b); }
};

/// 一级指标: the canonical level-1 categories of both official trees (财预〔2015〕88号 and
/// 财预〔2021〕101号).  Local names (决策, 过程, 项目完成指标 …) are `other`, with the text kept.
enum class Level1 : std::uint8_t {
  unknown,       ///< not given
  output,        ///< 产出指标
  outcome,       ///< 效益指标
  satisfaction,  ///< 满意度指标
  cost,          ///< 成本指标 (tree B, 财预〔2021〕101号)
  other,         ///< a local name
};

/// 二级指标: the canonical level-2 categories.
enum class Level2 : std::uint8_t {
  unknown,              ///< not given
  quantity,             ///< 数量指标
  quality,              ///< 质量指标
  timeliness,           ///< 时效指标
  cost,                 ///< 成本指标 (under 产出, tree A)
  economic_benefit,     ///< 经济效益指标
  social_benefit,       ///< 社会效益指标
  ecological_benefit,   ///< 生态效益指标
  sustainability,       ///< 可持续影响指标
  service_satisfaction, ///< 服务对象满意度指标 (also 社会公众或服务对象满意度指标)
  economic_cost,        ///< 经济成本指标 (tree B)
  social_cost,          ///< 社会成本指标 (tree B)
  ecological_cost,      ///< 生态环境成本指标 (tree B)
  other,                ///< a local name
};

/// Recognises a level-1 label (`产出指标`, `产出`, `一、产出指标`).
Level1 classify_level1(std::string_view label) noexcept;
/// Recognises a level-2 label (`数量指标`, `社会效益`, `服务对象满意度指标等`).
Level2 classify_level2(std::string_view label) noexcept;
/// The level-1 category a canonical level-2 category belongs to (社会效益 → 效益), or unknown
/// when it is ambiguous (成本指标 is under 产出 in tree A and level 1 in tree B).
Level1 parent_of(Level2 level2) noexcept;

/// `output`, `outcome`, … (empty for unknown).
std::string_view to_string(Level1 level) noexcept;
/// `quantity`, `quality`, … (empty for unknown).
std::string_view to_string(Level2 level) noexcept;
/// The official Chinese name: 产出指标, 数量指标 … (empty for unknown and other).
std::string_view chinese_name(Level1 level) noexcept;
std::string_view chinese_name(Level2 level) noexcept;

/// 指标方向: whether more is better.  Tables with split columns sometimes state it (正向/反向);
/// otherwise scoring derives it from the comparator and the category.
enum class Direction : std::uint8_t { unknown, higher_is_better, lower_is_better };

/// Which of an indicator's self-evaluation cells an actuals file gave (`apply_actuals`) rather
/// than the table: their locations are in `Table::actuals_file`, the others' in the table.  A
/// file without a 分值 column leaves the table's weight, and its place, as they were.
///
/// \code
/// auto t = jixiao::read_table("self-evaluation.tsv").table;  // 实际完成值, 分值, 得分 columns
/// auto m = jixiao::apply_actuals(t, "actuals.csv");           // 三级指标,实际完成值
/// // m.table.indicators[0].merged.actual == true, .merged.weight == false: a bad 分值 cell
/// // of the table is still reported at self-evaluation.tsv
/// \endcode
struct MergedCells {
  bool actual = false;     ///< 实际完成值, at `Indicator::actual_at`
  bool weight = false;     ///< 分值, at `Indicator::weight_at`
  bool score = false;      ///< 得分, at `Indicator::score_at`
  bool deviation = false;  ///< 偏差原因分析及改进措施, at `Indicator::deviation.at`

  /// True when the file gave any of them.
  bool any() const noexcept { return actual || weight || score || deviation; }
  friend bool operator==(const MergedCells& a, const MergedCells& b) noexcept {
    return a.actual == b.actual && a.weight == b.weight && a.score == b.score && a.deviation == b.deviation;
  }
  friend bool operator!=(const MergedCells& a, const MergedCells& b) noexcept { return !(a == b); }
};

/// One indicator (三级指标).
///
/// \code
/// const jixiao::Indicator& i = table.indicators[0];
/// // i.level1.text == "产出指标", i.level1_kind == Level1::output, i.name.text == "城市低保",
/// // i.target.value == 10141, i.target.unit == "人次"
/// \endcode
struct Indicator {
  static constexpr double nan = std::numeric_limits<double>::quiet_NaN();

  int function = -1;             ///< index into Table::functions, -1 when the table has none
  Text level1;                   ///< 一级指标 as written
  Level1 level1_kind = Level1::unknown;
  Text level2;                   ///< 二级指标 as written
  Level2 level2_kind = Level2::unknown;
  int sequence = 0;              ///< N of the "指标N:" label, 0 when not numbered
  Text name;                     ///< 三级指标: the indicator itself
  Value target;                  ///< 指标值 / 年度指标值
  SourceLocation target_at;      ///< where the target cell was
  Direction direction = Direction::unknown;  ///< 正向/反向 when a column states it

  // Self-evaluation tables (绩效自评表) only.
  Value actual;                  ///< 实际完成值
  SourceLocation actual_at;
  double weight = nan;           ///< 分值
  SourceLocation weight_at;
  double score = nan;            ///< 得分 as published
  SourceLocation score_at;
  Text deviation;                ///< 偏差原因分析及改进措施
  MergedCells merged;            ///< which of the four came from `Table::actuals_file`

  friend bool operator==(const Indicator& a, const Indicator& b);
  friend bool operator!=(const Indicator& a, const Indicator& b) { return !(a == b); }
};

std::ostream& operator<<(std::ostream& os, Level1 level);
std::ostream& operator<<(std::ostream& os, Level2 level);

}  // namespace jixiao

#endif  // JIXIAO_INDICATOR_HPP
