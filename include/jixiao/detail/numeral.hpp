// jixiao: budget performance management (预算绩效管理) for C++ and Python.
// SPDX-License-Identifier: MIT
#ifndef JIXIAO_DETAIL_NUMERAL_HPP
#define JIXIAO_DETAIL_NUMERAL_HPP

/// \file
/// Numbers as people write them in cells: `10141`, `44,561`, `０.５`, `1.2万`, `3千`, `十二`,
/// `两千四百五`, `壹佰伍拾`, `十余万`, `二〇二三`, `三分之一`, `2e5`.  One scanner serves the
/// whole grammar (it is a Spirit primitive in value_grammar_def.hpp), because Chinese numerals
/// mix digits, place units (十百千) and section units (万亿) in ways a PEG expresses poorly:
/// `两千四百五` elides its last unit, `四万万` multiplies, `3万4000` mixes scripts.

#include <jixiao/detail/decimal.hpp>

namespace jixiao::detail {

/// A number as written.
struct Numeral {
  Decimal amount;        ///< the whole amount, multiplier included (`1.2万` → 12000)
  int multiplier_exp = 0;  ///< exponent of the trailing multiplier (`1.2万` → 4), 0 when none
  bool more = false;     ///< 余/多/几: "more than" (`十余万`)
  bool chinese = false;  ///< written with Chinese numerals
  bool fraction = false; ///< a fraction (`三分之一`, `3/5`)
};

/// Scanner options.
struct NumeralOptions {
  /// Accept `,` and `，` as thousands separators.  Off inside `[80,100]`, where a comma
  /// separates the two ends.
  bool thousands_separators = true;
  /// Accept a leading sign (`-5`, `负五`).
  bool sign = true;
};

/// Scans the longest numeral starting at `first`.  On success sets `first` past it (trailing
/// blanks are not consumed) and returns true.  Never reads past `last`.
bool scan_numeral(const char*& first, const char* last, const NumeralOptions& options, Numeral& out);

/// A small Chinese number, 一 … 九十九 (`十二`, `二十`, `三十一`), as labels and dates write them;
/// advances `first`.  False, with `first` unchanged, when there is none.
bool scan_small_chinese_number(const char*& first, const char* last, int& out) noexcept;

/// Value of a Chinese digit character (零〇 0, 一壹 1, 二两贰 2 …), or -1.
int chinese_digit_value(char32_t c) noexcept;

}  // namespace jixiao::detail

#endif  // JIXIAO_DETAIL_NUMERAL_HPP
