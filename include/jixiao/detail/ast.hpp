// jixiao: budget performance management (预算绩效管理) for C++ and Python.
// SPDX-License-Identifier: MIT
#ifndef JIXIAO_DETAIL_AST_HPP
#define JIXIAO_DETAIL_AST_HPP

/// \file
/// What the grammar recognises, before meaning is given to it (value_parse.cpp does that).
/// Plain structs; text is kept as views into the cell so that parsing allocates nothing, and
/// every piece keeps its byte range so that diagnostics can point at it.

#include <jixiao/detail/numeral.hpp>
#include <jixiao/value.hpp>

#include <string_view>

namespace jixiao::detail::ast {

/// A byte range of the cell.
struct Span {
  const char* first = nullptr;
  const char* last = nullptr;
  bool empty() const noexcept { return first == last; }
  std::string_view view() const noexcept {
    return first ? std::string_view(first, static_cast<std::size_t>(last - first)) : std::string_view();
  }
};

/// A number with its unit: `1.2万人次`, `百分之五十`, `九成`, `两米半`.
struct Quantity {
  Numeral numeral;
  std::string_view unit;      ///< as written, or a canonical spelling the grammar chose (`%`)
  int extra_exp = 0;          ///< a further multiplier from the unit word (成 = 10 percent points)
  bool half = false;          ///< a trailing 半 (`两米半` = 2.5 米)
  Span span;
};

/// A quantity statement: one bound, or a range.
struct NumberStatement {
  Comparator prefix_op = Comparator::none;   ///< ≥, 不低于 …
  Comparator suffix_op = Comparator::none;   ///< 以上, 以内 …
  Span prefix_span, suffix_span;
  bool approximate = false;                  ///< 约, 左右
  bool is_range = false;
  bool lower_inclusive = true;
  bool upper_inclusive = true;
  Quantity lower;                            ///< the quantity, or the lower end of a range
  Quantity upper;                            ///< upper end of a range
  Span rest;                                 ///< words after the quantity (`100%到位` → 到位)
  int inclusion = 0;                         ///< (含) 1, (不含) 2, none 0
  std::string_view per_unit;                 ///< 每月1次: 月
  std::string_view per_unit2;                ///< 每人每年500元: 年
};

/// A date or a period: `2023年12月底前`, `每月25日`, `2021年1月-12月`.
struct DateStatement {
  Comparator op = Comparator::none;          ///< 前 → le, 后/起 → ge
  bool approximate = false;
  bool is_range = false;
  CalendarDate from;
  CalendarDate to;
  Span from_span, to_span;
  Span rest;                                 ///< words after the date (`前完成` → 完成)
};

/// Words, optionally after a comparator (`=提高`).
struct QualitativeStatement {
  Comparator op = Comparator::none;
  Span words;
};

/// A reversed unit (`吨/1300元`): the per-unit comes first.
struct ReversedUnitStatement {
  std::string_view per_unit;                 ///< 吨
  Quantity quantity;                         ///< 1300元
};

}  // namespace jixiao::detail::ast

#endif  // JIXIAO_DETAIL_AST_HPP
