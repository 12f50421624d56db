// jixiao: budget performance management (预算绩效管理) for C++ and Python.
// SPDX-License-Identifier: MIT
#ifndef JIXIAO_DETAIL_VALUE_GRAMMAR_DEF_HPP
#define JIXIAO_DETAIL_VALUE_GRAMMAR_DEF_HPP

/// \file
/// The grammar of a cell, in Spirit X3.  docs/grammar.md describes it for users; this file is
/// the authority.  It runs over UTF-8 bytes: keywords are byte literals and symbol tables,
/// and the pieces that need code points (blanks, numerals, units, words) are small primitive
/// parsers below.  Include only from src/value_grammar.cpp.

#include <jixiao/detail/ast.hpp>
#include <jixiao/detail/numeral.hpp>
#include <jixiao/detail/utf8.hpp>
#include <jixiao/detail/value_grammar.hpp>

#include <boost/spirit/home/x3.hpp>

#include <string_view>

namespace jixiao::detail::grammar {
namespace x3 = boost::spirit::x3;

// ---------------------------------------------------------------------------------------------
// Primitives

/// One blank code point (space, tab, U+3000 …).
struct blank_parser : x3::parser<blank_parser> {
  using attribute_type = x3::unused_type;
  static bool const has_attribute = false;
  template <class It, class Ctx, class RCtx, class Attr>
  bool parse(It& first, It const& last, Ctx const&, RCtx&, Attr&) const {
    const CodePoint c = decode_utf8(first, last);
    if (c.length == 0 || !is_blank(c.value)) return false;
    first += c.length;
    return true;
  }
};

/// A keyword whose characters may be separated by blanks (`百 分 之`), as text copied out of
/// PDFs often is.
struct spaced_word_parser : x3::parser<spaced_word_parser> {
  using attribute_type = x3::unused_type;
  static bool const has_attribute = false;
  std::u32string_view word;
  unsigned char lead[4] = {0, 0, 0, 0};  // UTF-8 of the first character, compared before decoding
  std::size_t lead_length = 0;
  constexpr explicit spaced_word_parser(std::u32string_view w) : word(w) {
    const char32_t c = w.empty() ? 0 : w[0];
    lead_length = c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
    if (lead_length == 1) {
      lead[0] = static_cast<unsigned char>(c);
    } else {
      lead[0] = static_cast<unsigned char>((lead_length == 2 ? 0xC0 : lead_length == 3 ? 0xE0 : 0xF0) |
                                           (c >> (6 * (lead_length - 1))));
      for (std::size_t i = 1; i < lead_length; ++i)
        lead[i] = static_cast<unsigned char>(0x80 | ((c >> (6 * (lead_length - 1 - i))) & 0x3F));
    }
  }
  template <class It, class Ctx, class RCtx, class Attr>
  bool parse(It& first, It const& last, Ctx const&, RCtx&, Attr&) const {
    // Most attempts fail on the first character: compare its bytes before decoding anything.
    if (static_cast<std::size_t>(last - first) < lead_length) return false;
    for (std::size_t i = 0; i < lead_length; ++i)
      if (static_cast<unsigned char>(first[i]) != lead[i]) return false;
    It q = first;
    bool head = true;
    for (char32_t w : word) {
      if (!head) {
        for (CodePoint b = decode_utf8(q, last); b.length && is_blank(b.value); b = decode_utf8(q, last)) q += b.length;
      }
      head = false;
      const CodePoint c = decode_utf8(q, last);
      if (c.length == 0 || c.value != w) return false;
      q += c.length;
    }
    first = q;
    return true;
  }
};
constexpr spaced_word_parser spaced(std::u32string_view w) { return spaced_word_parser(w); }

/// A number as written (numeral.hpp).
struct numeral_parser : x3::parser<numeral_parser> {
  using attribute_type = Numeral;
  NumeralOptions options;
  constexpr explicit numeral_parser(NumeralOptions o) : options(o) {}
  template <class It, class Ctx, class RCtx, class Attr>
  bool parse(It& first, It const& last, Ctx const&, RCtx&, Attr& attr) const {
    Numeral n;
    It q = first;
    if (!scan_numeral(q, last, options, n)) return false;
    first = q;
    x3::traits::move_to(n, attr);
    return true;
  }
};

/// Words that end a unit: comparators and connectives that follow a quantity (`95%以上`,
/// `80至90`, `30天内`).
inline bool unit_stops_at(const char* q, const char* last) {
  static constexpr std::string_view stops[] = {
      "以上", "以下", "以内", "以外", "以前", "以后", "及以", "及其", "或以", "左右", "上下",
      "之间", "之内", "之前", "之后", "内", "至", "到", "和", "与", "與", "、", "余", "多", "的",
      "并", "且", "而", "同时", "不", "大于", "小于", "高于", "低于", "等于", "超过", "少于", "多于",
      "前", "后", "每"};
  // Every unit character is checked here, so reject on the first character before comparing
  // words: each stop word starts with one of these.
  switch (decode_utf8(q, last).value) {
    case U'以': case U'及': case U'或': case U'左': case U'上': case U'之': case U'内': case U'至':
    case U'到': case U'和': case U'与': case U'與': case U'、': case U'余': case U'多': case U'的':
    case U'并': case U'且': case U'而': case U'同': case U'不': case U'大': case U'小': case U'高':
    case U'低': case U'等': case U'超': case U'少': case U'前': case U'后': case U'每':
      break;
    default:
      return false;
  }
  const std::string_view rest(q, static_cast<std::size_t>(last - q));
  for (std::string_view s : stops)
    if (rest.substr(0, s.size()) == s) return true;
  return false;
}

inline bool is_unit_symbol(char32_t c) {
  switch (c) {
    case U'%': case 0xFF05: case U'‰': case U'‱': case U'°': case U'℃': case U'℉': case U'㎡':
    case U'㎥': case U'㎞': case U'㎏': case U'Ω': case U'μ':
      return true;
    default:
      return false;
  }
}

inline bool is_unit_separator(char32_t c) {
  switch (c) {
    case U'/': case 0xFF0F: case U'·': case U'・': case U'•': case U'*': case 0xFF0A: case U'×':
    case U'.': case 0xFF0E: case U'∙': case U'⋅':
      return true;
    default:
      return false;
  }
}

inline bool is_letter(char32_t c) {
  c = fold_width(c);
  return (c >= U'a' && c <= U'z') || (c >= U'A' && c <= U'Z');
}

/// The longest unit that starts here: atoms (`元`, `人次`, `%`, `km`, `m²`) joined by `/` or
/// `·` (`元/人·月`).  An atom of more than four ideographs is not a unit but words
/// (`3项制度全面落实`); a trailing 半 belongs to the quantity (`两米半`).
inline const char* scan_unit(const char* first, const char* last) {
  constexpr int kMaxIdeographs = 4;
  auto scan_atom = [&](const char* q) -> const char* {
    CodePoint c = decode_utf8(q, last);
    if (c.length == 0) return nullptr;
    if (is_unit_symbol(c.value)) return q + c.length;
    const char* end = q;
    int ideographs = 0;
    const char* before_last = q;
    char32_t last_cp = 0;
    bool prev_letter = false;
    while (c.length) {
      const bool ideo = is_ideograph(c.value) && !unit_stops_at(end, last);
      const bool letter = is_letter(c.value);
      const bool sup = c.value == U'²' || c.value == U'³' || (prev_letter && digit_value(c.value) >= 0);
      if (!(ideo || letter || sup)) break;
      if (ideo && ++ideographs > kMaxIdeographs) return nullptr;
      prev_letter = letter || sup;
      before_last = end;
      last_cp = c.value;
      end += c.length;
      c = decode_utf8(end, last);
    }
    if (end == q) return nullptr;
    if (last_cp == U'半' && before_last != q) end = before_last;
    if (last_cp == U'半' && before_last == q) return nullptr;
    return end;
  };
  const char* end = scan_atom(first);
  if (!end) return nullptr;
  for (;;) {
    const char* q = end;
    while (true) {
      const CodePoint b = decode_utf8(q, last);
      if (b.length && is_blank(b.value)) q += b.length; else break;
    }
    const CodePoint s = decode_utf8(q, last);
    if (s.length == 0 || !is_unit_separator(s.value)) break;
    q += s.length;
    while (true) {
      const CodePoint b = decode_utf8(q, last);
      if (b.length && is_blank(b.value)) q += b.length; else break;
    }
    const char* next = scan_atom(q);
    if (!next) break;
    end = next;
  }
  return end;
}

/// A unit (see scan_unit); the attribute is the text as written.
struct unit_parser : x3::parser<unit_parser> {
  using attribute_type = std::string_view;
  template <class It, class Ctx, class RCtx, class Attr>
  bool parse(It& first, It const& last, Ctx const&, RCtx&, Attr& attr) const {
    const char* end = scan_unit(first, last);
    if (!end) return false;
    x3::traits::move_to(std::string_view(first, static_cast<std::size_t>(end - first)), attr);
    first = end;
    return true;
  }
};

/// Words up to the end of the cell, none of them a digit or a comparator symbol: what follows
/// a quantity or a date (`100%到位`, `12月底前完成`).  Must start with an ideograph or letter.
struct words_parser : x3::parser<words_parser> {
  using attribute_type = ast::Span;
  template <class It, class Ctx, class RCtx, class Attr>
  bool parse(It& first, It const& last, Ctx const&, RCtx&, Attr& attr) const {
    const CodePoint head = decode_utf8(first, last);
    if (head.length == 0 || !(is_ideograph(head.value) || is_letter(head.value))) return false;
    // A comparator left over (`5%以上以上`) is an error, not words.
    static constexpr std::string_view comparators[] = {"以上", "以下", "以内", "以外", "及以", "及其", "或以",
                                                      "左右", "上下", "之间", "之内", "内"};
    const std::string_view rest(first, static_cast<std::size_t>(last - first));
    for (std::string_view c : comparators)
      if (rest.substr(0, c.size()) == c) return false;
    for (It q = first; q != last;) {
      const CodePoint c = decode_utf8(q, last);
      const char32_t f = fold_width(c.value);
      if (digit_value(c.value) >= 0 || f == U'<' || f == U'>' || f == U'=' || c.value == U'≥' ||
          c.value == U'≤' || f == U'*')
        return false;
      q += c.length;
    }
    x3::traits::move_to(ast::Span{first, last}, attr);
    first = last;
    return true;
  }
};

/// Any text to the end of the cell (a qualitative statement).
struct rest_parser : x3::parser<rest_parser> {
  using attribute_type = ast::Span;
  template <class It, class Ctx, class RCtx, class Attr>
  bool parse(It& first, It const& last, Ctx const&, RCtx&, Attr& attr) const {
    if (first == last) return false;
    x3::traits::move_to(ast::Span{first, last}, attr);
    first = last;
    return true;
  }
};

/// A small integer for dates: 1–2 digits (ASCII, full-width, or a Chinese numeral up to 九十九),
/// or, for years, exactly four digits (`2023`, `二〇二三`).
struct date_int_parser : x3::parser<date_int_parser> {
  using attribute_type = int;
  bool year = false;
  constexpr explicit date_int_parser(bool y) : year(y) {}
  template <class It, class Ctx, class RCtx, class Attr>
  bool parse(It& first, It const& last, Ctx const&, RCtx&, Attr& attr) const {
    It q = first;
    int value = 0, digits = 0;
    for (CodePoint c = decode_utf8(q, last); c.length; c = decode_utf8(q, last)) {
      int d = digit_value(c.value);
      if (d < 0 && year) d = chinese_digit_value(c.value);
      if (d < 0 || digits == (year ? 4 : 2)) break;
      value = value * 10 + d;
      ++digits;
      q += c.length;
    }
    if (digits > 0 && value == 0) return false;  // month 0, day 0, year 0000: no date
    if (year ? digits != 4 : digits == 0) {
      if (year) return false;
      // Chinese: 一 … 九, 十, 十二, 二十, 二十五, 三十一.
      q = first;
      if (!scan_small_chinese_number(q, last, value)) return false;
    }
    first = q;
    x3::traits::move_to(value, attr);
    return true;
  }
};

constexpr blank_parser blank{};
constexpr numeral_parser numeral{NumeralOptions{true, true}};
constexpr numeral_parser numeral_no_separators{NumeralOptions{false, true}};
constexpr unit_parser unit{};
constexpr words_parser words{};
constexpr rest_parser rest{};
constexpr date_int_parser year_number{true};
constexpr date_int_parser small_number{false};

// ---------------------------------------------------------------------------------------------
// Vocabulary

/// Comparators written as symbols, before the number.
inline const x3::symbols<Comparator> symbol_ops{
    {"≥", Comparator::ge},  {"≧", Comparator::ge},  {">=", Comparator::ge},  {"＞＝", Comparator::ge},
    {"＞=", Comparator::ge}, {">＝", Comparator::ge}, {"=>", Comparator::ge}, {"⩾", Comparator::ge},
    {">", Comparator::gt},  {"＞", Comparator::gt},
    {"≤", Comparator::le},  {"≦", Comparator::le},  {"<=", Comparator::le},  {"＜＝", Comparator::le},
    {"＜=", Comparator::le}, {"<＝", Comparator::le}, {"=<", Comparator::le}, {"⩽", Comparator::le},
    {"<", Comparator::lt},  {"＜", Comparator::lt},
    {"=", Comparator::eq},  {"＝", Comparator::eq},  {"═", Comparator::eq},  {"==", Comparator::eq},
};

/// Comparators written as words, before the number (statutory usage: 超过/低于 exclude).
inline const x3::symbols<Comparator> word_ops{
    {"不低于", Comparator::ge}, {"不少于", Comparator::ge}, {"不小于", Comparator::ge},
    {"不得低于", Comparator::ge}, {"不得少于", Comparator::ge}, {"不低於", Comparator::ge},
    {"至少", Comparator::ge}, {"最少", Comparator::ge}, {"最低", Comparator::ge}, {"达到", Comparator::ge},
    {"達到", Comparator::ge}, {"达", Comparator::ge}, {"大于等于", Comparator::ge},
    {"大于或等于", Comparator::ge}, {"高于等于", Comparator::ge}, {"高于或等于", Comparator::ge},
    {"大于", Comparator::gt}, {"高于", Comparator::gt}, {"超过", Comparator::gt}, {"多于", Comparator::gt},
    {"超出", Comparator::gt}, {"大於", Comparator::gt},
    {"不高于", Comparator::le}, {"不超过", Comparator::le}, {"不多于", Comparator::le},
    {"不大于", Comparator::le}, {"不得高于", Comparator::le}, {"不得超过", Comparator::le},
    {"不超過", Comparator::le}, {"至多", Comparator::le}, {"最多", Comparator::le}, {"最高", Comparator::le},
    {"小于等于", Comparator::le}, {"小于或等于", Comparator::le}, {"低于等于", Comparator::le},
    {"控制在", Comparator::le},
    {"小于", Comparator::lt}, {"低于", Comparator::lt}, {"少于", Comparator::lt}, {"不足", Comparator::lt},
    {"不满", Comparator::lt}, {"不到", Comparator::lt}, {"未满", Comparator::lt}, {"小於", Comparator::lt},
    {"等于", Comparator::eq}, {"为", Comparator::eq}, {"為", Comparator::eq},
};

/// Every comparator that may stand before a number: symbols and words.
inline const x3::symbols<Comparator> prefix_ops = [] {
  x3::symbols<Comparator> all;
  auto copy = [&all](const std::string& key, Comparator op) { all.add(key, op); };
  symbol_ops.for_each(copy);
  word_ops.for_each(copy);
  return all;
}();

/// Comparators after the quantity.  以上/以下/以内 include the number.
inline const x3::symbols<Comparator> suffix_ops{
    {"以上", Comparator::ge}, {"及以上", Comparator::ge}, {"及其以上", Comparator::ge},
    {"或以上", Comparator::ge}, {"以上（含）", Comparator::ge}, {"以上(含)", Comparator::ge},
    {"以下", Comparator::le}, {"及以下", Comparator::le}, {"及其以下", Comparator::le},
    {"或以下", Comparator::le}, {"以内", Comparator::le}, {"及以内", Comparator::le},
    {"之内", Comparator::le}, {"内", Comparator::le}, {"以下（含）", Comparator::le},
    {"以下(含)", Comparator::le},
};

/// "About": before (约) or after (左右) the quantity.
inline const x3::symbols<x3::unused_type> approx_prefix{"约", "大约", "约为", "大概", "将近", "接近", "近", "≈"};
inline const x3::symbols<x3::unused_type> approx_suffix{"左右", "上下", "前后"};

/// Words before the quantity that state nothing by themselves (`在95%以上`, `保持在…`).
inline const x3::symbols<x3::unused_type> filler{"在", "保持在", "维持在", "保持", "维持", "确保", "保证", "介于"};

/// Range separators (`80%-90%`, `80%～90%`, `80%至90%`).
inline const x3::symbols<x3::unused_type> range_separator{"-", "－", "—", "——", "–", "~", "～", "〜", "至", "到", "−"};
/// Between separators, only with a closing 之间 (`介于80%和90%之间`).
inline const x3::symbols<x3::unused_type> between_separator{"和", "与", "與", "及", "、"};
inline const x3::symbols<x3::unused_type> range_end{"之间", "之間", "间", "間", "范围内", "区间内", "区间"};
/// Between two bounds (`≥80%且≤90%`, `大于等于0并小于230`).
inline const x3::symbols<x3::unused_type> conjunction{
    "并且", "并", "且", "而且", "而", "同时", "的同时", ",", "，", "、", ";", "；", "和", "与"};

/// Dates.
inline const x3::symbols<Comparator> date_prefix{
    {"截至", Comparator::none}, {"截止", Comparator::none}, {"截止到", Comparator::none},
    {"截至到", Comparator::none}, {"于", Comparator::none}, {"在", Comparator::none},
    {"不晚于", Comparator::le}, {"不迟于", Comparator::le}, {"最迟", Comparator::le},
    {"最晚", Comparator::le}, {"不早于", Comparator::ge}, {"≤", Comparator::le},
    {"≥", Comparator::ge}, {"<=", Comparator::le}, {">=", Comparator::ge}};
inline const x3::symbols<Comparator> date_suffix{
    {"前", Comparator::le}, {"之前", Comparator::le}, {"以前", Comparator::le}, {"内", Comparator::le},
    {"以内", Comparator::le}, {"之内", Comparator::le}, {"后", Comparator::ge}, {"之后", Comparator::ge},
    {"以后", Comparator::ge}, {"起", Comparator::ge}};
inline const x3::symbols<x3::unused_type> month_end_word{"底", "末"};
inline const x3::symbols<x3::unused_type> day_word{"日", "号", "號"};
inline const x3::symbols<x3::unused_type> date_separator{"-", "/", ".", "－", "／", "．"};

// ---------------------------------------------------------------------------------------------
// Semantic actions: fill the rule's AST node.

inline auto set = [](auto member) {
  return [member](auto& ctx) { x3::_val(ctx).*member = x3::_attr(ctx); };
};
inline auto set_unit_to = [](std::string_view u) {
  return [u](auto& ctx) { x3::_val(ctx).unit = u; };
};
inline auto set_span = [](auto member) {
  return [member](auto& ctx) {
    auto& r = x3::_attr(ctx);
    x3::_val(ctx).*member = ast::Span{r.begin(), r.end()};
  };
};

// 成: tenths of a whole (九成 = 90%); a digit or 半 after it adds tenths of 成 (七成六, 三成半).
inline auto on_cheng = [](auto& ctx) {
  auto& q = x3::_val(ctx);
  q.unit = "%";
  q.extra_exp = 1;
};
inline auto on_cheng_tenth = [](auto& ctx) {
  auto& q = x3::_val(ctx);
  Decimal t = Decimal::integer(static_cast<std::uint64_t>(x3::_attr(ctx)));
  t.scale10(-1);
  q.numeral.amount.add(t);
  q.numeral.multiplier_exp = 0;
};
// 折: 八折 = 80%, 七五折 / 75折 = 75%, 9.9折 = 99%, 半折 = 50%.
inline auto on_zhe = [](auto& ctx) {
  auto& q = x3::_val(ctx);
  q.unit = "%";
  const double v = q.numeral.amount.to_double();
  q.extra_exp = v == 0.5 ? 2 : (v < 10 ? 1 : 0);
};
inline auto on_half = [](auto& ctx) { x3::_val(ctx).half = true; };
inline auto on_approx = [](auto& ctx) { x3::_val(ctx).approximate = true; };

/// A digit or 半 counted in tenths, after 成.
struct tenth_parser : x3::parser<tenth_parser> {
  using attribute_type = int;
  template <class It, class Ctx, class RCtx, class Attr>
  bool parse(It& first, It const& last, Ctx const&, RCtx&, Attr& attr) const {
    const CodePoint c = decode_utf8(first, last);
    if (c.length == 0) return false;
    int d = digit_value(c.value);
    if (d < 0) d = chinese_digit_value(c.value);
    if (c.value == U'半') d = 5;
    if (d < 0) return false;
    // Not the start of a longer number (七成 六十 is not 76%).
    const CodePoint n = decode_utf8(first + c.length, last);
    if (n.length && (digit_value(n.value) >= 0 || chinese_digit_value(n.value) >= 0)) return false;
    first += c.length;
    x3::traits::move_to(d, attr);
    return true;
  }
};
constexpr tenth_parser tenth{};

// ---------------------------------------------------------------------------------------------
// Quantities

template <class Numeral>
auto make_quantity(Numeral num) {
  auto const percent_lead =
        (spaced(U"百分之") | spaced(U"佰分之"))[set_unit_to("%")]
      | (spaced(U"千分之") | spaced(U"仟分之"))[set_unit_to("‰")]
      | (spaced(U"万分之") | spaced(U"萬分之"))[set_unit_to("‱")];
  auto const tail =
        (spaced(U"个百分点") | spaced(U"個百分點") | spaced(U"百分点") | spaced(U"百分點"))[set_unit_to("百分点")]
      | (x3::lit("成")[on_cheng] >> -(*blank >> tenth[on_cheng_tenth]))
      | x3::lit("折")[on_zhe]
      | (unit[set(&ast::Quantity::unit)] >> -x3::lit("半")[on_half]);
  return x3::raw[
        (percent_lead >> *blank >> num[set(&ast::Quantity::numeral)])
      | (num[set(&ast::Quantity::numeral)] >> -(*blank >> tail))
      ][set_span(&ast::Quantity::span)];
}

x3::rule<class quantity_class, ast::Quantity> const quantity = "quantity";
x3::rule<class quantity_ns_class, ast::Quantity> const quantity_ns = "quantity";
auto const quantity_def = make_quantity(numeral);
auto const quantity_ns_def = make_quantity(numeral_no_separators);

// ---------------------------------------------------------------------------------------------
// Number statements

inline auto set_lower = [](auto& ctx) { x3::_val(ctx).lower = x3::_attr(ctx); };
inline auto set_upper_range = [](auto& ctx) {
  x3::_val(ctx).upper = x3::_attr(ctx);
  x3::_val(ctx).is_range = true;
};
// 10000与20000间: 间 is also a unit (rooms), so a bare 间 after the upper end closes the range.
inline auto close_bare_jian = [](auto& ctx) {
  auto& s = x3::_val(ctx);
  const std::string_view u = s.upper.unit;
  if (u == "间" || u == "間") {
    s.upper.unit = std::string_view();
  } else {
    x3::_pass(ctx) = false;
  }
};

/// A second bound after the first (`≥80%且≤90%`): the statement becomes a range.
struct Bound {
  Comparator op = Comparator::none;
  ast::Quantity quantity;
};
inline auto on_second_bound = [](auto& ctx) {
  auto& s = x3::_val(ctx);
  const Bound& b = x3::_attr(ctx);
  const Comparator a = s.prefix_op;
  const bool first_lower = a == Comparator::ge || a == Comparator::gt;
  const bool first_upper = a == Comparator::le || a == Comparator::lt;
  const bool second_lower = b.op == Comparator::ge || b.op == Comparator::gt;
  const bool second_upper = b.op == Comparator::le || b.op == Comparator::lt;
  if (first_lower && second_upper) {
    s.upper = b.quantity;
    s.lower_inclusive = a == Comparator::ge;
    s.upper_inclusive = b.op == Comparator::le;
  } else if (first_upper && second_lower) {
    s.upper = s.lower;
    s.lower = b.quantity;
    s.upper_inclusive = a == Comparator::le;
    s.lower_inclusive = b.op == Comparator::ge;
  } else {
    x3::_pass(ctx) = false;
    return;
  }
  s.is_range = true;
  s.prefix_op = Comparator::none;
};

x3::rule<class bound_class, Bound> const bound = "bound";
inline auto set_bound_op = [](auto& ctx) { x3::_val(ctx).op = x3::_attr(ctx); };
inline auto set_bound_quantity = [](auto& ctx) { x3::_val(ctx).quantity = x3::_attr(ctx); };
auto const bound_def = prefix_ops[set_bound_op] >> *blank >> quantity[set_bound_quantity];

inline auto set_prefix = [](auto& ctx) { x3::_val(ctx).prefix_op = x3::_attr(ctx); };
inline auto set_suffix = [](auto& ctx) { x3::_val(ctx).suffix_op = x3::_attr(ctx); };

// [80%,100%], (0,5]: the comma cannot be a thousands separator here.
inline auto interval_open = [](bool inclusive) {
  return [inclusive](auto& ctx) { x3::_val(ctx).lower_inclusive = inclusive; };
};
inline auto interval_close = [](bool inclusive) {
  return [inclusive](auto& ctx) {
    x3::_val(ctx).upper_inclusive = inclusive;
    x3::_val(ctx).is_range = true;
  };
};
auto const interval =
       ((x3::lit("[") | "［" | "【")[interval_open(true)] | (x3::lit("(") | "（")[interval_open(false)])
    >> *blank >> quantity_ns[set_lower] >> *blank >> (x3::lit(",") | "，" | "、" | ";" | "；") >> *blank
    >> quantity_ns[([](auto& ctx) { x3::_val(ctx).upper = x3::_attr(ctx); })] >> *blank
    >> ((x3::lit("]") | "］" | "】")[interval_close(true)] | (x3::lit(")") | "）")[interval_close(false)]);

auto const range_tail = range_separator >> *blank >> quantity[set_upper_range] >> -(*blank >> range_end);
auto const between_tail =
    between_separator >> *blank >> quantity[set_upper_range] >> *blank >> (range_end | x3::eps[close_bare_jian]);
auto const second_bound_tail = -(conjunction >> *blank) >> bound[on_second_bound];

// (含), (含95%), （不含）: whether the bound itself counts, written next to it.
inline auto on_inclusive = [](bool inclusive) {
  return [inclusive](auto& ctx) { x3::_val(ctx).inclusion = inclusive ? 1 : 2; };
};
auto const inclusion_mark =
    (x3::lit("(") | "（") >> *blank >>
    (x3::lit("不含")[on_inclusive(false)] | x3::lit("含")[on_inclusive(true)]) >> *blank >>
    -x3::omit[quantity_ns] >> *blank >> (x3::lit(")") | "）");

// 每月1次, 每年≥2次: a frequency, read as 1 次/月.
inline auto set_per = [](auto& ctx) {
  auto& s = x3::_val(ctx);
  (s.per_unit.empty() ? s.per_unit : s.per_unit2) = x3::_attr(ctx);
};

auto const single =
       -(x3::lit("每") >> unit[set_per] >> *blank >> -(x3::lit("每") >> unit[set_per] >> *blank))
    >> -(x3::raw[prefix_ops[set_prefix]][set_span(&ast::NumberStatement::prefix_span)] >> *blank)
    >> -(approx_prefix[on_approx] >> *blank)
    >> -(filler >> *blank)
    >> quantity[set_lower] >> *blank
    >> -(inclusion_mark >> *blank)
    >> -(range_tail | between_tail | second_bound_tail) >> *blank
    >> -(x3::raw[suffix_ops[set_suffix]][set_span(&ast::NumberStatement::suffix_span)] >> *blank)
    >> -(approx_suffix[on_approx] >> *blank);

number_statement_type const number_statement = "number_statement";
auto const number_statement_def =
    *blank >> (interval | single) >> *blank >> -(approx_suffix[on_approx] >> *blank) >>
    -words[set(&ast::NumberStatement::rest)];

// ---------------------------------------------------------------------------------------------
// Dates

/// A date point, or a period that one expression states (`2021年1-12月`, `2024年上半年`).
struct DatePoint {
  CalendarDate from;
  CalendarDate to;
  bool period = false;
};

inline auto set_year = [](auto& ctx) { x3::_val(ctx).from.year = x3::_attr(ctx); };
inline auto set_month = [](auto& ctx) { x3::_val(ctx).from.month = x3::_attr(ctx); };
inline auto set_day = [](auto& ctx) { x3::_val(ctx).from.day = x3::_attr(ctx); };
inline auto set_month_end = [](auto& ctx) { x3::_val(ctx).from.month_end = true; };
inline auto set_year_end = [](auto& ctx) {
  x3::_val(ctx).from.month = 12;
  x3::_val(ctx).from.month_end = true;
};
inline auto set_to_month = [](auto& ctx) {
  auto& p = x3::_val(ctx);
  p.to = p.from;
  p.to.day = 0;
  p.to.month = x3::_attr(ctx);
  p.period = true;
};
inline auto set_every = [](Recurrence r) {
  return [r](auto& ctx) { x3::_val(ctx).from.every = r; };
};
inline auto set_months = [](int m1, int m2) {
  return [m1, m2](auto& ctx) {
    auto& p = x3::_val(ctx);
    p.to = p.from;
    p.from.month = m1;
    p.to.month = m2;
    p.to.month_end = true;
    p.period = true;
  };
};
inline auto set_quarter = [](auto& ctx) {
  const int q = x3::_attr(ctx);
  auto& p = x3::_val(ctx);
  if (q < 1 || q > 4) { x3::_pass(ctx) = false; return; }
  p.to = p.from;
  p.from.month = 3 * q - 2;
  p.to.month = 3 * q;
  p.to.month_end = true;
  p.period = true;
};

x3::rule<class date_point_class, DatePoint> const date_point = "date";

auto const month_and_day =
    small_number[set_month] >> x3::lit("月") >> -x3::lit("份") >>
    -((small_number[set_day] >> day_word) | month_end_word[set_month_end] | x3::lit("中旬")[([](auto& ctx) {
        x3::_val(ctx).from.day = 20;
      })]);
auto const month_span = small_number[set_month] >> *blank >> range_separator >> *blank >>
                        small_number[set_to_month] >> x3::lit("月") >> -x3::lit("份");
auto const year_parts =
      month_span
    | month_and_day
    | x3::lit("上半年")[set_months(1, 6)]
    | x3::lit("下半年")[set_months(7, 12)]
    | (-x3::lit("第") >> small_number[set_quarter] >> x3::lit("季度"))
    | month_end_word[set_year_end]
    | x3::lit("度");   // 2024年度: the year itself
auto const iso_date = year_number[set_year] >> date_separator >> small_number[set_month] >>
                      date_separator >> small_number[set_day];

auto const date_point_def =
      iso_date
    | (year_number[set_year] >> x3::lit("年") >> -year_parts)
    | month_span
    | month_and_day
    | (-x3::lit("第") >> small_number[set_quarter] >> x3::lit("季度"))   // 第四季度: this year's
    | (x3::lit("每月")[set_every(Recurrence::monthly)] >> *blank >>
       ((small_number[set_day] >> day_word) | month_end_word[set_month_end]))
    | (x3::lit("每年")[set_every(Recurrence::yearly)] >> *blank >> month_and_day)
    // 6/30前: month/day, only where a deadline word follows (3/5 alone is a fraction).
    | (small_number[set_month] >> (x3::lit("/") | "／") >> small_number[set_day] >> &(*blank >> date_suffix));

inline auto set_from = [](auto& ctx) {
  const DatePoint& p = x3::_attr(ctx);
  auto& s = x3::_val(ctx);
  s.from = p.from;
  if (p.period) { s.to = p.to; s.is_range = true; }
};
inline auto set_to = [](auto& ctx) {
  const DatePoint& p = x3::_attr(ctx);
  auto& s = x3::_val(ctx);
  s.to = p.period ? p.to : p.from;
  s.is_range = true;
};
inline auto set_date_op = [](auto& ctx) { x3::_val(ctx).op = x3::_attr(ctx); };
inline auto set_date_op_if_none = [](auto& ctx) {
  if (x3::_val(ctx).op == Comparator::none) x3::_val(ctx).op = x3::_attr(ctx);
};

date_statement_type const date_statement = "date_statement";
auto const date_statement_def =
    *blank >> -(date_prefix[set_date_op] >> *blank) >>
    x3::raw[date_point[set_from]][set_span(&ast::DateStatement::from_span)] >>
    -(*blank >> range_separator >> *blank >>
      x3::raw[date_point[set_to]][set_span(&ast::DateStatement::to_span)]) >>
    *blank >> -(date_suffix[set_date_op_if_none] >> *blank) >> -(approx_suffix[on_approx] >> *blank) >>
    -words[set(&ast::DateStatement::rest)];

// ---------------------------------------------------------------------------------------------
// Qualitative statements and reversed units

qualitative_statement_type const qualitative_statement = "qualitative_statement";
auto const qualitative_statement_def =
    *blank >> -(symbol_ops[set(&ast::QualitativeStatement::op)] >> *blank) >>
    rest[set(&ast::QualitativeStatement::words)];

reversed_unit_statement_type const reversed_unit_statement = "reversed_unit_statement";
auto const reversed_unit_statement_def =
    *blank >> unit[set(&ast::ReversedUnitStatement::per_unit)] >> *blank >> (x3::lit("/") | "／") >> *blank >>
    quantity[set(&ast::ReversedUnitStatement::quantity)] >> *blank;

BOOST_SPIRIT_DEFINE(quantity, quantity_ns, bound, number_statement, date_point, date_statement,
                    qualitative_statement, reversed_unit_statement)

}  // namespace jixiao::detail::grammar

#endif  // JIXIAO_DETAIL_VALUE_GRAMMAR_DEF_HPP
