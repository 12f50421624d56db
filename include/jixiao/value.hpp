// jixiao: budget performance management (预算绩效管理) for C++ and Python.
// SPDX-License-Identifier: MIT
#ifndef JIXIAO_VALUE_HPP
#define JIXIAO_VALUE_HPP

/// \file
/// What an indicator cell (指标值 or 实际完成值) states: `≥10141人次`, `≤202.6万元`, `95%以上`,
/// `稳步提升`, `2023年12月底`.  `parse_value` reads one cell; docs/grammar.md lists every
/// accepted form.

#include <jixiao/diagnostic.hpp>

#include <cstdint>
#include <iosfwd>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

namespace jixiao {

/// What kind of statement a cell makes.
enum class ValueKind : std::uint8_t {
  empty,        ///< nothing written (or only a dash placeholder such as `/` or `—`)
  number,       ///< a quantity: comparator, number, multiplier, unit (`≥10141人次`)
  qualitative,  ///< words (定性): `稳步提升`, `提前下达`, `依据…考核`
  date,         ///< a deadline or a period (时效): `2023年12月底`, `每月25日前`
  invalid,      ///< admits no single reading; the diagnostics say why
};

/// The relation a target states (指标性质).  Follows Chinese statutory usage (民法典 第1259条):
/// 以上/以下/以内 include the number, 超过/不满/低于 exclude it.
enum class Comparator : std::uint8_t {
  none,   ///< no comparator written (`100%`); scoring usually reads it as "at least"
  ge,     ///< ≥  不低于, 不少于, 至少, 达到, …以上
  gt,     ///< >  超过, 高于, 多于, 大于; also 余/多 (`十余万`)
  le,     ///< ≤  不高于, 不超过, 至多, …以下, …以内
  lt,     ///< <  低于, 少于, 不足, 不满
  eq,     ///< =  等于, 为
  range,  ///< an interval `[value, upper]` (`80%-90%`); ends inclusive unless marked
};

/// What a qualitative statement is about, where recognisable.  The words are always kept in
/// `Value::text`; the category only helps scoring and linting.
enum class Category : std::uint8_t {
  none,             ///< not recognised
  improve,          ///< 提升, 提高, 改善, 增加, 加强: higher than before
  maintain,         ///< 保持, 稳定, 持平, 不降低: no worse than before
  reduce,           ///< 降低, 减少, 下降: lower than before
  timely,           ///< 及时, 按时, 提前, 按期
  compliant,        ///< 合规, 符合, 达标, 合格, 规范, 准确
  yes,              ///< 是, 有
  no,               ///< 否, 无
  achieved,         ///< 达成年度指标 (official tier 1, 80–100% of the weight)
  partly_achieved,  ///< 部分达成年度指标并具有一定效果 (tier 2, 60–80%)
  not_achieved,     ///< 未达成年度指标且效果较差 (tier 3, 0–60%)
  rule_reference,   ///< 依据/按照/根据…: a reference to a rule, not a level
};

/// Standard a target was set against (指标值设定依据), from an annotation such as `(计划标准)`.
enum class Basis : std::uint8_t {
  none,      ///< no annotation
  plan,      ///< 计划标准
  industry,  ///< 行业标准
  history,   ///< 历史标准
  other,     ///< 其他标准
};

/// How often a date recurs: `每月25日前` is monthly.
enum class Recurrence : std::uint8_t { none, monthly, yearly };

/// A calendar date as far as it is written: `2023年12月底` has year, month and month end;
/// `12月底前` has no year; `每月25日` has only a day and recurs monthly.
struct CalendarDate {
  int year = 0;                            ///< 0: not written
  int month = 0;                           ///< 1–12, 0: not written
  int day = 0;                             ///< 1–31, 0: not written
  bool month_end = false;                  ///< 底/末: the last day of `month` (`day` filled in)
  Recurrence every = Recurrence::none;     ///< recurring deadline

  /// Nothing written (`每月底` is written: a month end that recurs).
  bool empty() const noexcept {
    return year == 0 && month == 0 && day == 0 && !month_end && every == Recurrence::none;
  }

  /// ISO 8601 with omitted parts: `2023-12-31`, `2023-12`, `2023`, `--12-31` (no year),
  /// `---25` (day of every month).  Empty for an empty date.
  std::string to_iso() const;

  friend bool operator==(const CalendarDate& a, const CalendarDate& b) noexcept {
    return a.year == b.year && a.month == b.month && a.day == b.day &&
           a.month_end == b.month_end && a.every == b.every;
  }
  friend bool operator!=(const CalendarDate& a, const CalendarDate& b) noexcept { return !(a == b); }
};

/// What one cell states.  A cheap value type: copy it, compare it, print it.
///
/// For numbers the cell is split into what was written and what it means:
/// `≤202.6万元` has `op` le, `number` 202.6, `multiplier` 1e4, `value` 2026000 and `unit` `元`.
/// Percentages stay in percent points (`95%` has value 95).
///
/// \code
/// auto v = jixiao::parse_value("95%以上").value;
/// assert(v.kind == jixiao::ValueKind::number && v.op == jixiao::Comparator::ge);
/// assert(v.value == 95 && v.unit == "%");
/// \endcode
struct Value {
  static constexpr double nan = std::numeric_limits<double>::quiet_NaN();

  std::string raw;                       ///< the cell exactly as given, byte for byte
  ValueKind kind = ValueKind::empty;     ///< what kind of statement
  Comparator op = Comparator::none;      ///< 指标性质: the relation stated
  bool approximate = false;              ///< 约, 左右, 上下: "about"
  bool lower_inclusive = true;           ///< for ranges: is `value` itself allowed?
  bool upper_inclusive = true;           ///< for ranges: is `upper` itself allowed?

  double number = nan;      ///< the number as written (the lower end of a range), before the multiplier
  double multiplier = 1;    ///< 万 = 1e4, 亿 = 1e8, 千万 = 1e7, 百万 = 1e6, 成 = 10 (of %)
  double value = nan;       ///< number × multiplier: the amount in `unit` (lower end of a range)
  double upper = nan;       ///< upper end of a range, in `unit`
  std::string unit;         ///< 度量单位 with the multiplier removed: `元`, `%`, `人次`, `元/人·月`

  std::string text;                     ///< qualitative words, trimmed; for dates, words after the date
  Category category = Category::none;   ///< what the words are about, where recognised

  CalendarDate date;       ///< a date, or the start of a period
  CalendarDate date_end;   ///< the end of a period (`op` is range), else empty

  Basis basis = Basis::none;  ///< standard named in an annotation `(计划标准)`
  std::string note;           ///< the annotation's text without its brackets

  /// A quantity was read (`kind == number`).
  bool is_number() const noexcept { return kind == ValueKind::number; }

  /// Full equality, including `raw`.  See `equivalent` for "states the same thing".
  friend bool operator==(const Value& a, const Value& b);
  friend bool operator!=(const Value& a, const Value& b) { return !(a == b); }
};

/// The result of parsing one cell: the value and what was wrong with it.
/// Diagnostic columns are 1-based code points within the cell; `span.line` is 0.
struct ValueParse {
  Value value;                          ///< what the cell states (kind invalid when it cannot be read)
  std::vector<Diagnostic> diagnostics;  ///< problems, in order of position

  /// True when no diagnostic is an error.
  bool ok() const noexcept;
};

/// Parses one cell.  Never throws on input: malformed text gives kind `invalid` and an error
/// diagnostic with its column.  Leading and trailing blanks and a final `。` are ignored.
///
/// \code
/// auto r = jixiao::parse_value("3人/年/6.3");
/// // r.value.kind == ValueKind::invalid; r.diagnostics[0].code == "JX103" (two numbers)
/// \endcode
[[nodiscard]] ValueParse parse_value(std::string_view text);

/// Same as `parse_value(text)`, reusing `out`'s storage: parsing many cells into one
/// `ValueParse` allocates nothing for the common forms.
void parse_value(std::string_view text, ValueParse& out);

/// The canonical spelling of `v`: `≥10141人次`, `≤202.6万元`, `80%～90%`, `稳步提升`,
/// `2023年12月底前`.  Parsing it gives a value `equivalent` to `v`.  An invalid value is
/// spelled as its raw text.
std::string to_string(const Value& v);

/// True when `a` and `b` state the same thing: every field but `raw` is equal (NaN equals
/// NaN); two invalid values are equivalent when their trimmed raw texts are.
bool equivalent(const Value& a, const Value& b);

/// `number`, `qualitative`, `date`, `empty`, `invalid`.
std::string_view to_string(ValueKind kind) noexcept;
/// `>=`, `>`, `<=`, `<`, `=`, `range`, or empty for none.
std::string_view to_string(Comparator op) noexcept;
/// `improve`, `maintain`, …, or empty for none.
std::string_view to_string(Category category) noexcept;
/// `plan`, `industry`, `history`, `other`, or empty for none.
std::string_view to_string(Basis basis) noexcept;

std::ostream& operator<<(std::ostream& os, ValueKind kind);
std::ostream& operator<<(std::ostream& os, Comparator op);
std::ostream& operator<<(std::ostream& os, const Value& v);

}  // namespace jixiao

#endif  // JIXIAO_VALUE_HPP
