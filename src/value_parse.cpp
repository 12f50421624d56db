// jixiao: budget performance management (预算绩效管理) for C++ and Python.
// SPDX-License-Identifier: MIT
//
// From cell text to Value: trims the cell, splits off an annotation, tries the grammar's
// statements in order (date, quantity, reversed unit, words) and gives the result its meaning:
// comparators reconciled, multipliers applied exactly, units normalised, dates checked.
#include <jixiao/value.hpp>

#include <jixiao/detail/decimal.hpp>
#include <jixiao/detail/text.hpp>
#include <jixiao/detail/utf8.hpp>
#include <jixiao/detail/value_grammar.hpp>

#include <algorithm>
#include <cmath>
#include <string>

namespace jixiao {
namespace {

using detail::contains;
using detail::ends_with;
using detail::starts_with;

using detail::CodePoint;
using detail::decode_utf8;
using detail::Decimal;
namespace ast = detail::ast;
namespace x3 = boost::spirit::x3;


/// Skips blanks forwards.
const char* skip_blanks(const char* p, const char* last) {
  for (;;) {
    const CodePoint c = decode_utf8(p, last);
    if (c.length == 0 || !detail::is_blank(c.value)) return p;
    p += c.length;
  }
}

/// Start of the last code point before `last` (never before `first`).
const char* previous_code_point(const char* first, const char* last) {
  const char* p = last;
  while (p != first) {
    --p;
    if ((static_cast<unsigned char>(*p) & 0xC0) != 0x80) break;
  }
  return p;
}

/// Trims blanks and a sentence end (。 ； ， and their ASCII forms) from the right.
const char* trim_right(const char* first, const char* last) {
  while (last != first) {
    const char* p = previous_code_point(first, last);
    const CodePoint c = decode_utf8(p, last);
    if (detail::is_blank(c.value) || c.value == U'。' || c.value == U'；' || c.value == U';' ||
        c.value == U'，' || c.value == U',' || c.value == U'．' || c.value == U'、') {
      last = p;
      continue;
    }
    // A final full stop, but not a decimal point's dot before nothing (`5.` stays a number).
    if (c.value == U'.') { last = p; continue; }
    break;
  }
  return last;
}

bool has_digit(const char* first, const char* last) {
  for (const char* p = first; p != last;) {
    const CodePoint c = decode_utf8(p, last);
    if (detail::digit_value(c.value) >= 0) return true;
    p += c.length ? c.length : 1;
  }
  return false;
}

int days_in_month(int year, int month) {
  static constexpr int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month == 2) {
    if (year == 0) return 29;
    const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return leap ? 29 : 28;
  }
  return days[month - 1];
}

/// Canonical unit: multiplier words were taken by the numeral, so what is left is normalised
/// only in spelling: `％`/`百分比` → `%`, `个百分点` → `百分点`, separators → `/` and `·`,
/// full-width letters → ASCII.
void normalise_unit(std::string_view in, std::string& out) {
  // Fast path, the common case: ASCII letters, %, and ideographs (U+4000–U+9FFF, lead bytes
  // E4–E9) need no change.
  bool plain = true;
  for (std::size_t i = 0; i < in.size() && plain; ++i) {
    const auto b = static_cast<unsigned char>(in[i]);
    if (b >= 0xE4 && b <= 0xE9 && i + 2 < in.size()) { i += 2; continue; }
    plain = (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || b == '%';
  }
  if (plain && in != "百分比" && in != "百分率" && in != "百分点" && in != "个百分点" && in != "千分比") {
    out.assign(in.data(), in.size());
    return;
  }
  out.clear();
  if (in == "％" || in == "%" || in == "百分比" || in == "百分率") { out = "%"; return; }
  if (in == "个百分点" || in == "個百分點" || in == "百分点" || in == "百分點") { out = "百分点"; return; }
  if (in == "千分比") { out = "‰"; return; }
  const char* p = in.data();
  const char* const last = p + in.size();
  while (p != last) {
    const CodePoint c = decode_utf8(p, last);
    p += c.length ? c.length : 1;
    if (detail::is_blank(c.value)) continue;
    switch (c.value) {
      case U'/': case 0xFF0F: out.push_back('/'); continue;
      case U'·': case U'・': case U'•': case U'*': case 0xFF0A: case U'×': case U'.': case 0xFF0E:
      case U'∙': case U'⋅':
        out += "·";
        continue;
      case 0xFF05: out.push_back('%'); continue;
      default: break;
    }
    detail::append_utf8(out, detail::fold_width(c.value));
  }
}

/// Measure words and units that may follow a Chinese numeral (`十二个月`, `两千人次`, `三所`).
/// After Arabic digits any short run of ideographs is taken as a unit; after a Chinese numeral
/// it must be one of these (or start a compound with one), because words begin with numeral
/// characters too (一般, 百姓, 千方百计, 十四五规划).
bool is_known_unit(std::string_view unit) {
  static constexpr std::string_view known[] = {
      "个", "次", "人", "人次", "户", "户次", "年", "月", "个月", "天", "日", "周", "小时", "分钟", "项", "家",
      "所", "座", "处", "条", "件", "份", "本", "册", "套", "台", "辆", "艘", "架", "张", "只", "头", "株", "棵",
      "亩", "公顷", "平方米", "平方公里", "立方米", "米", "千米", "公里", "吨", "千克", "公斤", "斤", "两", "克",
      "元", "期", "批", "场", "届", "名", "位", "床", "间", "栋", "幢", "层", "篇", "部", "门", "校", "班", "支",
      "队", "组", "村", "镇", "乡", "区", "县", "起", "例", "宗", "课时", "学时", "轮", "遍", "倍", "个工作日",
      "工作日", "周岁", "岁", "千瓦", "千瓦时", "兆瓦", "度", "百分点", "个百分点", "%", "‰", "‱", "点", "分",
      "星", "级", "类", "种", "块", "片", "段", "个点", "单", "笔", "册次", "场次", "期次", "班次", "车次",
      "字节", "千字节", "兆字节", "比特", "千比特", "赫兹", "兆赫兹", "千卡", "卡", "升", "毫升", "公升", "米半",
      "打", "双", "对", "根", "盏", "辆次", "架次", "所次", "个次", "家次", "条次", "项次", "次数", "成", "折",
      "美元", "日元", "欧元", "港元", "英镑", "元人民币", "人民币", "块钱", "角", "分钱"};
  auto known_atom = [](std::string_view a) {
    for (std::string_view k : known)
      if (a == k) return true;
    return false;
  };
  // Compounds: every atom between / and · must be known (元/人·月).
  std::size_t start = 0;
  for (std::size_t i = 0; i <= unit.size(); ++i) {
    const bool sep = i == unit.size() || unit[i] == '/' || unit.substr(i, 2) == "·";
    if (!sep) continue;
    if (!known_atom(unit.substr(start, i - start))) return false;
    start = i + (i < unit.size() && unit[i] == '/' ? 1 : 2);
  }
  return true;
}

Category classify(std::string_view t) {
  if (t.empty()) return Category::none;
  static constexpr std::string_view rule[] = {"依据", "依照", "按照", "根据", "参照", "遵照", "按规定", "执行"};
  for (auto w : rule)
    if (starts_with(t, w)) return Category::rule_reference;
  if (contains(t, "未达成") || contains(t, "未完成") || contains(t, "未达到") || contains(t, "效果较差"))
    return Category::not_achieved;
  if (contains(t, "部分达成") || contains(t, "部分完成") || contains(t, "基本达成") || contains(t, "基本完成") ||
      contains(t, "一定效果"))
    return Category::partly_achieved;
  if (contains(t, "达成") || t == "完成" || t == "已完成" || t == "全部完成" || contains(t, "达到预期") ||
      contains(t, "完成年度"))
    return Category::achieved;
  static constexpr std::string_view maintain[] = {"不降低", "不低于", "不下降", "保持", "稳定", "持平", "维持", "不减少"};
  for (auto w : maintain)
    if (contains(t, w)) return Category::maintain;
  static constexpr std::string_view reduce[] = {"降低", "减少", "下降", "压减", "缩短", "减轻"};
  for (auto w : reduce)
    if (contains(t, w)) return Category::reduce;
  static constexpr std::string_view improve[] = {"提升", "提高", "改善", "增加", "增长", "加强", "增强",
                                                 "优化", "好转", "上升", "扩大", "完善", "明显", "显著"};
  for (auto w : improve)
    if (contains(t, w)) return Category::improve;
  static constexpr std::string_view timely[] = {"及时", "按时", "提前", "准时", "按期", "如期", "限时"};
  for (auto w : timely)
    if (contains(t, w)) return Category::timely;
  static constexpr std::string_view compliant[] = {"合规", "符合", "达标", "合格", "规范", "准确", "到位", "落实"};
  for (auto w : compliant)
    if (contains(t, w)) return Category::compliant;
  if (t == "是" || t == "有" || t == "能" || t == "已") return Category::yes;
  if (t == "否" || t == "无" || t == "没有" || t == "未") return Category::no;
  return Category::none;
}

Basis classify_basis(std::string_view note) {
  if (contains(note, "计划")) return Basis::plan;
  if (contains(note, "行业")) return Basis::industry;
  if (contains(note, "历史")) return Basis::history;
  if (contains(note, "其他") || contains(note, "其它")) return Basis::other;
  return Basis::none;
}

class Parser {
 public:
  Parser(std::string_view text, ValueParse& out) : out_(out), v_(out.value) {
    base_ = text.data();
    end_ = base_ + text.size();
  }

  void run();

 private:
  // Diagnostics -------------------------------------------------------------------------------
  std::uint32_t column(const char* p) const { return 1 + detail::count_code_points(base_, p); }
  void report(const char* code, Severity severity, std::string message, const char* first, const char* last,
              std::string hint = {}) {
    Diagnostic d;
    d.code = code;
    d.severity = severity;
    d.message = std::move(message);
    d.span.column = first ? column(first) : 0;
    d.span.length = first ? detail::count_code_points(first, last) : 0;
    d.hint = std::move(hint);
    out_.diagnostics.push_back(std::move(d));
  }
  static std::string quote(const char* first, const char* last) {
    bool cut = false;
    const std::string_view e = detail::excerpt(std::string_view(first, static_cast<std::size_t>(last - first)), 40, cut);
    return "`" + std::string(e) + (cut ? "…`" : "`");
  }
  void make_invalid() {
    v_.kind = ValueKind::invalid;
    v_.op = Comparator::none;
    v_.number = v_.value = v_.upper = Value::nan;
    v_.multiplier = 1;
    v_.unit.clear();
    v_.text.clear();
    v_.category = Category::none;
    v_.date = v_.date_end = CalendarDate{};
  }

  // Steps ---------------------------------------------------------------------------------------
  void scan_features();
  void apply_bracketed_unit();
  void split_annotation();
  bool is_dash_placeholder() const;
  bool check_placeholder();
  bool try_date();
  bool try_number();
  bool try_reversed_unit();
  void fail_number(const char* progress);
  void read_words();
  bool build_quantity(const ast::Quantity& q, double& number, double& multiplier, double& value, std::string& unit);

  ValueParse& out_;
  Value& v_;
  const char* base_;
  const char* end_;
  const char* first_ = nullptr;  // the statement, trimmed, without its annotation
  const char* last_ = nullptr;
  std::string unit_scratch_;
  int annotation_inclusion_ = 0;  // a trailing (含) 1 or (不含) 2
  bool has_star_ = false;        // what scan_features found in the statement
  bool has_slash_ = false;
  bool has_date_word_ = false;
  int date_separators_ = 0;
};

void Parser::run() {
  const std::size_t bad = detail::find_invalid_utf8(std::string_view(base_, static_cast<std::size_t>(end_ - base_)));
  if (bad != std::string_view::npos) {
    make_invalid();
    report("JX100", Severity::error, "the cell is not valid UTF-8", base_ + bad, base_ + bad + 1,
           "convert the file to UTF-8 (GBK tables are converted by the table reader)");
    return;
  }
  first_ = skip_blanks(base_, end_);
  last_ = trim_right(first_, end_);
  split_annotation();
  if (first_ == last_) return;  // empty
  if (is_dash_placeholder()) {
    report("JX110", Severity::info, "a dash placeholder " + quote(first_, last_) + " is read as an empty cell",
           first_, last_);
    return;
  }
  scan_features();
  if (has_star_ && check_placeholder()) return;
  if (try_date() || try_number() || try_reversed_unit()) return;
  read_words();
}

void Parser::split_annotation() {
  if (first_ == last_) return;
  const char* close = previous_code_point(first_, last_);
  const CodePoint c = decode_utf8(close, last_);
  char32_t open_cp = 0;
  if (c.value == U')') open_cp = U'(';
  else if (c.value == U'）') open_cp = U'（';
  else if (c.value == U'】') open_cp = U'【';
  else return;
  // The matching opening bracket, searching backwards (annotations do not nest).
  const char* p = close;
  while (p != first_) {
    p = previous_code_point(first_, p);
    const CodePoint o = decode_utf8(p, last_);
    if (o.value == open_cp || o.value == U'(' || o.value == U'（' || o.value == U'【') {
      const char* inner_first = p + o.length;
      const bool digits = has_digit(inner_first, close);
      if (p == first_ && digits) return;   // (0,5]: an interval, not an annotation
      if (digits) return;                  // (80,90) after something: not an annotation either
      const char* inner_last = close;
      const char* inner = skip_blanks(inner_first, inner_last);
      v_.note.assign(inner, static_cast<std::size_t>(trim_right(inner, inner_last) - inner));
      v_.basis = classify_basis(v_.note);
      if (v_.note == "含") annotation_inclusion_ = 1;       // ≥95%(含): the bound counts, as ≥ says
      else if (v_.note == "不含") annotation_inclusion_ = 2;  // ≥95%(不含): it does not
      else if (v_.basis == Basis::none && !v_.note.empty())
        report("JX108", Severity::info, "the annotation " + quote(p, last_) + " names no known standard; kept as a note",
               p, last_);
      last_ = trim_right(first_, p);
      return;
    }
  }
}

bool Parser::is_dash_placeholder() const {
  const std::string_view s(first_, static_cast<std::size_t>(last_ - first_));
  return s == "/" || s == "／" || s == "-" || s == "－" || s == "—" || s == "——" || s == "--" || s == "\\" ||
         s == "–" || s == "一一";
}

// `≥**%` and friends: a national template's placeholder left in.
bool Parser::check_placeholder() {
  char32_t prev = 0;
  for (const char* p = first_; p != last_;) {
    const CodePoint c = decode_utf8(p, last_);
    if (c.value == U'*' || c.value == 0xFF0A) {
      const CodePoint next = decode_utf8(p + c.length, last_);
      const bool between_units = detail::is_ideograph(prev) && next.length && detail::is_ideograph(next.value);
      if (!between_units) {
        make_invalid();
        report("JX102", Severity::error, "a template placeholder " + quote(p, last_) + " was left in the cell", p,
               last_, "replace the asterisks with the target number");
        return true;
      }
    }
    prev = c.value;
    p += c.length;
  }
  return false;
}

bool Parser::build_quantity(const ast::Quantity& q, double& number, double& multiplier, double& value,
                            std::string& unit) {
  Decimal amount = q.numeral.amount;
  if (q.half) {
    Decimal half = Decimal::integer(5);
    half.scale10(-1);
    amount.add(half);
  }
  Decimal written = amount;
  written.scale10(-q.numeral.multiplier_exp);
  amount.scale10(q.extra_exp);
  number = written.to_double();
  static constexpr double powers[] = {1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12,
                                      1e13, 1e14, 1e15, 1e16};
  const int e = q.numeral.multiplier_exp + q.extra_exp;
  multiplier = (e >= 0 && e <= 16) ? powers[e] : std::pow(10.0, e);
  value = amount.to_double();
  normalise_unit(q.unit, unit);
  if (!std::isfinite(value) || !std::isfinite(number)) {
    make_invalid();
    report("JX111", Severity::error, "the number " + quote(q.span.first, q.span.last) + " is too large", q.span.first,
           q.span.last);
    return false;
  }
  return true;
}

// One pass over the statement's bytes for what decides which rules to try: most cells are
// neither dates nor reversed units, and saying so cheaply halves the parse time.
void Parser::scan_features() {
  const auto* p = reinterpret_cast<const unsigned char*>(first_);
  const auto* const end = reinterpret_cast<const unsigned char*>(last_);
  for (; p != end; ++p) {
    switch (*p) {
      case '*': has_star_ = true; break;
      case '/': has_slash_ = true; ++date_separators_; break;
      case '-': case '.': ++date_separators_; break;
      case 0xEF:  // full-width forms: ＊ EF BC 8A, ／ EF BC 8F, － EF BC 8D, ． EF BC 8E
        if (end - p >= 3 && p[1] == 0xBC) {
          has_star_ = has_star_ || p[2] == 0x8A;
          has_slash_ = has_slash_ || p[2] == 0x8F;
          date_separators_ += p[2] == 0x8F || p[2] == 0x8D || p[2] == 0x8E;
        }
        break;
      case 0xE5:  // 年 E5 B9 B4, 季 E5 AD A3
        has_date_word_ = has_date_word_ || (end - p >= 3 && ((p[1] == 0xB9 && p[2] == 0xB4) ||
                                                             (p[1] == 0xAD && p[2] == 0xA3)));
        break;
      case 0xE6:  // 月 E6 9C 88
        has_date_word_ = has_date_word_ || (end - p >= 3 && p[1] == 0x9C && p[2] == 0x88);
        break;
      default: break;
    }
  }
}

bool Parser::try_date() {
  // Every date form has 年 or 月, two ISO separators (2023-12-31), or a slash (6/30前).
  if (!has_date_word_ && date_separators_ < 2 && !has_slash_) return false;
  ast::DateStatement d;
  const char* p = first_;
  if (!x3::parse(p, last_, detail::date_statement(), d) || p != last_) return false;
  v_.kind = ValueKind::date;
  v_.approximate = d.approximate;
  v_.date = d.from;
  if (d.is_range) {
    v_.op = Comparator::range;
    v_.date_end = d.to;
    if (v_.date_end.year == 0) v_.date_end.year = v_.date.year;
    if (v_.date_end.every == Recurrence::none) v_.date_end.every = v_.date.every;
    if (d.op != Comparator::none)
      report("JX113", Severity::info, "a comparator on a period is ignored: the period states both ends", first_,
             last_);
  } else {
    v_.op = d.op;
  }
  auto check = [&](CalendarDate& date, const ast::Span& span) {
    const char* f = span.first ? span.first : first_;
    const char* l = span.first ? span.last : last_;
    if (date.year != 0 && (date.year < 1900 || date.year > 2199)) {
      report("JX109", Severity::error, "the year " + std::to_string(date.year) + " is not plausible", f, l);
      return false;
    }
    if (date.month != 0 && (date.month < 1 || date.month > 12)) {
      report("JX109", Severity::error, "there is no month " + std::to_string(date.month), f, l);
      return false;
    }
    if (date.day != 0) {
      const int max = date.month ? days_in_month(date.year, date.month) : 31;
      if (date.day < 1 || date.day > max) {
        report("JX109", Severity::error,
               "there is no day " + std::to_string(date.day) +
                   (date.month ? " in month " + std::to_string(date.month) : std::string(" in a month")),
               f, l);
        return false;
      }
    }
    if (date.month_end && date.month != 0) date.day = days_in_month(date.year, date.month);
    return true;
  };
  if (!check(v_.date, d.from_span) || (d.is_range && !check(v_.date_end, d.to_span))) {
    make_invalid();
    return true;
  }
  if (d.is_range) {
    auto key = [](const CalendarDate& c) { return c.year * 10000 + c.month * 100 + c.day; };
    if (key(v_.date_end) < key(v_.date))
      report("JX105", Severity::warning, "the period ends before it starts", first_, last_,
             "check the order of the two dates");
  }
  if (!d.rest.empty()) v_.text.assign(d.rest.first, static_cast<std::size_t>(d.rest.last - d.rest.first));
  return true;
}

bool Parser::try_number() {
  ast::NumberStatement n;
  const char* p = first_;
  const bool ok = x3::parse(p, last_, detail::number_statement(), n);
  if (!ok || p != last_) {
    // Not a number statement.  Is it one gone wrong, or words?
    const CodePoint c = decode_utf8(first_, last_);
    const char32_t f = detail::fold_width(c.value);
    const bool numberish = detail::digit_value(c.value) >= 0 || f == U'.' || f == U'-' || f == U'+' ||
                           c.value == 0x2212 || f == U'<' || f == U'>' || f == U'=' || c.value == U'≥' ||
                           c.value == U'≤' || c.value == U'≧' || c.value == U'≦' || c.value == U'═' ||
                           (ok && !n.lower.span.empty() && !n.lower.numeral.chinese);
    if (!numberish) return false;
    if (try_reversed_unit()) return true;
    // A comparator before words is a qualitative statement (`=提高`).
    {
      ast::QualitativeStatement q;
      const char* w = first_;
      if (x3::parse(w, last_, detail::qualitative_statement(), q) && q.op != Comparator::none &&
          q.words.first && !has_digit(q.words.first, q.words.last)) {
        const CodePoint h = decode_utf8(q.words.first, q.words.last);
        if (detail::is_ideograph(h.value)) return false;
      }
    }
    fail_number(ok ? p : first_);
    return true;
  }
  ast::Quantity lower = n.lower;
  // Words led by a Chinese numeral are words (`一是规范…`, `一般`, `十四五规划`, `零容忍`), not a
  // count: after a Chinese numeral only a known measure word or unit makes a quantity.
  const bool chinese_led = lower.numeral.chinese && !lower.span.empty() &&
                          detail::digit_value(decode_utf8(lower.span.first, lower.span.last).value) < 0;
  if (chinese_led && !n.is_range &&
      ((lower.unit.empty() && !n.rest.empty() && n.prefix_op == Comparator::none &&
        n.suffix_op == Comparator::none) ||
       (!lower.unit.empty() && !is_known_unit(lower.unit))))
    return false;

  // A unit cannot start with a place or section unit (`十百`, `5万万万元` aside, which the
  // numeral takes): that is a malformed numeral, not a unit called 百.
  for (const ast::Quantity* q : {static_cast<const ast::Quantity*>(&lower), static_cast<const ast::Quantity*>(&n.upper)}) {
    const std::string_view u = q->unit;
    if (u.empty() || u == "百分比" || u == "百分率" || u == "百分点" || u == "百分點") continue;
    static constexpr std::string_view numeral_units[] = {"十", "拾", "百", "佰", "万", "萬", "亿", "億"};
    for (std::string_view nu : numeral_units)
      if (u.substr(0, nu.size()) == nu) {
        fail_number(u.data());
        return true;
      }
  }
  v_.kind = ValueKind::number;
  v_.approximate = n.approximate;
  if (!build_quantity(lower, v_.number, v_.multiplier, v_.value, v_.unit)) return true;

  if (n.is_range) {
    double un = 0, um = 1, uv = 0;
    std::string& upper_unit = unit_scratch_;
    if (!build_quantity(n.upper, un, um, uv, upper_unit)) return true;
    // 50-100万元: the multiplier, like the unit, is written once, on the upper end.  Not when
    // that would put the lower end above the upper (5000-1万元 is 5000 to 10000).
    if (lower.unit.empty() && lower.numeral.multiplier_exp == 0 && lower.extra_exp == 0 &&
        n.upper.numeral.multiplier_exp > 0) {
      ast::Quantity scaled = lower;
      scaled.numeral.amount.scale10(n.upper.numeral.multiplier_exp);
      scaled.numeral.multiplier_exp = n.upper.numeral.multiplier_exp;
      double sn = 0, sm = 1, sv = 0;
      std::string su;
      if (build_quantity(scaled, sn, sm, sv, su) && sv <= uv) {
        v_.number = sn;
        v_.multiplier = sm;
        v_.value = sv;
      }
    }
    if (v_.unit.empty()) {
      v_.unit = upper_unit;   // 80-90%: the unit is written once
    } else if (!upper_unit.empty() && upper_unit != v_.unit) {
      std::string message = "the two ends of the range have different units (" + v_.unit + " and " + upper_unit + ")";
      make_invalid();
      report("JX106", Severity::error, std::move(message), lower.span.first, n.upper.span.last,
             "write both ends in the same unit");
      return true;
    }
    v_.op = Comparator::range;
    v_.upper = uv;
    v_.lower_inclusive = n.lower_inclusive;
    v_.upper_inclusive = n.upper_inclusive;
    if (v_.upper < v_.value) {
      report("JX105", Severity::warning, "the range is written high to low; read as " + quote(n.upper.span.first,
             n.upper.span.last) + " to " + quote(lower.span.first, lower.span.last),
             lower.span.first, n.upper.span.last, "write the lower end first");
      std::swap(v_.value, v_.upper);
      std::swap(v_.lower_inclusive, v_.upper_inclusive);
      v_.number = un;
      v_.multiplier = um;
    }
    if (n.prefix_op != Comparator::none || n.suffix_op != Comparator::none) {
      const ast::Span& s = n.prefix_op != Comparator::none ? n.prefix_span : n.suffix_span;
      make_invalid();
      report("JX112", Severity::error, "a range cannot also carry the comparator " + quote(s.first, s.last),
             s.first, s.last, "write either a range (80%-90%) or a bound (≥80%)");
      return true;
    }
  } else {
    const Comparator a = n.prefix_op;
    const Comparator b = n.suffix_op;
    auto upward = [](Comparator c) { return c == Comparator::ge || c == Comparator::gt; };
    auto downward = [](Comparator c) { return c == Comparator::le || c == Comparator::lt; };
    if (a != Comparator::none && b != Comparator::none) {
      if ((upward(a) && upward(b)) || (downward(a) && downward(b))) {
        v_.op = a;
        report("JX113", Severity::info, "the comparator is stated twice (" + quote(n.prefix_span.first,
               n.prefix_span.last) + " and " + quote(n.suffix_span.first, n.suffix_span.last) + "); read as " +
               std::string(to_string(a)), n.suffix_span.first, n.suffix_span.last);
      } else {
        make_invalid();
        report("JX112", Severity::error, "the comparators " + quote(n.prefix_span.first, n.prefix_span.last) +
               " and " + quote(n.suffix_span.first, n.suffix_span.last) + " contradict each other",
               n.prefix_span.first, n.suffix_span.last, "keep one of them");
        return true;
      }
    } else {
      v_.op = a != Comparator::none ? a : b;
    }
    if (lower.numeral.more) {
      if (v_.op == Comparator::none) v_.op = Comparator::gt;  // 十余万: more than 100000
    }
    // （不含）: the bound itself does not count.
    if (n.inclusion == 2 || annotation_inclusion_ == 2) {
      if (v_.op == Comparator::ge) v_.op = Comparator::gt;
      if (v_.op == Comparator::le) v_.op = Comparator::lt;
    }
  }
  if (!n.rest.empty()) v_.text.assign(n.rest.first, static_cast<std::size_t>(n.rest.last - n.rest.first));
  if ((v_.text == "多" || v_.text == "余") && v_.op == Comparator::none) {
    v_.op = Comparator::gt;  // 3年多, like 10多个: more than
    v_.text.clear();
  }
  if (!n.per_unit.empty()) {
    // 每月1次 → 1 次/月
    normalise_unit(n.per_unit, unit_scratch_);
    v_.unit += '/';
    v_.unit += unit_scratch_;
    if (!n.per_unit2.empty()) {  // 每人每年500元 → 500 元/人·年
      normalise_unit(n.per_unit2, unit_scratch_);
      v_.unit += "·";
      v_.unit += unit_scratch_;
    }
  }
  apply_bracketed_unit();
  return true;
}

// `100（万元）`: the unit written in the annotation's brackets, the number without one.  Left in
// the note, the value would be read 10,000 times too small with only an info.
void Parser::apply_bracketed_unit() {
  if (!v_.unit.empty() || v_.note.empty() || v_.basis != Basis::none || annotation_inclusion_ != 0) return;
  ValueParse unit_only;
  parse_value("1" + v_.note, unit_only);
  const Value& u = unit_only.value;
  if (u.kind != ValueKind::number || u.op != Comparator::none || u.unit.empty() || !u.text.empty() ||
      !unit_only.diagnostics.empty() || !is_known_unit(u.unit))
    return;  // (说明), (备注): a remark, kept as the note
  v_.unit = u.unit;
  v_.multiplier *= u.value;
  v_.value *= u.value;
  if (v_.op == Comparator::range) v_.upper *= u.value;
  v_.note.clear();
  // The annotation is understood now: its info gives way to a warning that says how it was read.
  for (auto it = out_.diagnostics.begin(); it != out_.diagnostics.end(); ++it)
    if (it->code == "JX108") {
      const SourceSpan span = it->span;
      out_.diagnostics.erase(it);
      Diagnostic d;
      d.code = "JX114";
      d.severity = Severity::warning;
      d.message = "the unit is written in brackets; read as " + to_string(v_);
      d.span = span;
      d.hint = "write the unit after the number: " + to_string(v_);
      out_.diagnostics.push_back(std::move(d));
      break;
    }
}

bool Parser::try_reversed_unit() {
  if (!has_slash_) return false;  // 吨/1300元 needs its slash
  ast::ReversedUnitStatement r;
  const char* p = first_;
  if (!x3::parse(p, last_, detail::reversed_unit_statement(), r) || p != last_) return false;
  if (r.quantity.unit.empty()) return false;
  v_.kind = ValueKind::number;
  if (!build_quantity(r.quantity, v_.number, v_.multiplier, v_.value, v_.unit)) return true;
  normalise_unit(r.per_unit, unit_scratch_);
  v_.unit += '/';
  v_.unit += unit_scratch_;
  report("JX104", Severity::warning,
         "the unit is written before the number; read as " + quote(r.quantity.span.first, r.quantity.span.last) +
             " per " + std::string(r.per_unit),
         first_, last_, "write it as " + std::string(r.quantity.span.first, r.quantity.span.last) + "/" +
                            std::string(r.per_unit));
  return true;
}

void Parser::fail_number(const char* progress) {
  make_invalid();
  progress = skip_blanks(progress, last_);
  if (progress == first_) {
    // Nothing read: skip a comparator to point at what should have been a number.
    ast::QualitativeStatement q;
    const char* p = first_;
    x3::parse(p, last_, detail::qualitative_statement(), q);
    const char* at = q.words.first ? q.words.first : first_;
    report("JX101", Severity::error,
           at == first_ ? "expected a number at " + quote(at, last_)
                        : "expected a number after " + quote(first_, at) + ", found " + quote(at, last_),
           at, last_, "write a number such as ≥95% or words such as 稳步提升");
    return;
  }
  if (has_digit(progress, last_)) {
    report("JX103", Severity::error,
           "more than one number: " + quote(first_, progress) + " is followed by " + quote(progress, last_) +
               ", so the cell admits no single reading",
           progress, last_, "state one quantity per indicator, e.g. split the count and the amount");
    return;
  }
  report("JX101", Severity::error, "unexpected " + quote(progress, last_) + " after " + quote(first_, progress),
         progress, last_);
}

void Parser::read_words() {
  ast::QualitativeStatement q;
  const char* p = first_;
  x3::parse(p, last_, detail::qualitative_statement(), q);
  v_.kind = ValueKind::qualitative;
  v_.op = q.op;
  const char* wf = q.words.first ? q.words.first : first_;
  const char* wl = q.words.first ? q.words.last : last_;
  wf = skip_blanks(wf, wl);
  v_.text.assign(wf, static_cast<std::size_t>(wl - wf));
  v_.category = classify(v_.text);
  if (has_digit(wf, wl))
    report("JX107", Severity::info, "the numbers in " + quote(wf, wl) + " are not read: the cell is taken as words",
           wf, wl, "if a quantity is meant, write it on its own (e.g. ≥5%)");
}

void reset(Value& v, std::string_view text) {
  v.raw.assign(text.data(), text.size());
  v.kind = ValueKind::empty;
  v.op = Comparator::none;
  v.approximate = false;
  v.lower_inclusive = v.upper_inclusive = true;
  v.number = v.value = v.upper = Value::nan;
  v.multiplier = 1;
  v.unit.clear();
  v.text.clear();
  v.category = Category::none;
  v.date = v.date_end = CalendarDate{};
  v.basis = Basis::none;
  v.note.clear();
}

}  // namespace

bool ValueParse::ok() const noexcept {
  return !has_errors(diagnostics);
}

void parse_value(std::string_view text, ValueParse& out) {
  reset(out.value, text);
  out.diagnostics.clear();
  Parser(text, out).run();
  if (out.diagnostics.size() > 1)
    std::stable_sort(out.diagnostics.begin(), out.diagnostics.end(),
                     [](const Diagnostic& a, const Diagnostic& b) { return a.span.column < b.span.column; });
}

ValueParse parse_value(std::string_view text) {
  ValueParse out;
  parse_value(text, out);
  return out;
}

}  // namespace jixiao
