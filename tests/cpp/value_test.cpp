// jixiao: budget performance management (预算绩效管理) for C++ and Python.
// SPDX-License-Identifier: MIT
//
// parse_value from the user's side: every comparator word and symbol, every numeral and unit
// form, dates, qualitative categories, diagnostics with code, severity and column, robustness
// against hostile input, and the round-trip property to_string → parse_value → equivalent.
//
// Every literal input in this file lives in one of the tables below (or in misc_inputs), so that
// the [roundtrip] property and the invariant check run over all of them, together with every line
// of tests/data/value_corpus.txt.
#include <catch2/catch.hpp>

#include <jixiao/value.hpp>

#include <cmath>
#include <cstdint>
#include <cstring>
#include <fstream>
#include <limits>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "guarded_copy.hpp"

using namespace jixiao;
using namespace std::string_literals;

namespace {

constexpr double NaN = std::numeric_limits<double>::quiet_NaN();

// ---------------------------------------------------------------------------------------------
// Helpers

std::string show_double(double x) {
  if (std::isnan(x)) return "nan";
  std::ostringstream os;
  os.precision(17);
  os << x;
  return os.str();
}

std::string escape(std::string_view s) {
  std::string out;
  for (unsigned char c : s) {
    if (c < 0x20 || c == 0x7F) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\x%02X", c);
      out += buf;
    } else {
      out.push_back(static_cast<char>(c));
    }
  }
  return out;
}

/// Everything a reading holds, for failure messages.
std::string describe(const ValueParse& r) {
  const Value& v = r.value;
  std::ostringstream os;
  os << "raw=[" << escape(v.raw) << "] kind=" << to_string(v.kind) << " op=" << v.op
     << " number=" << show_double(v.number) << " multiplier=" << show_double(v.multiplier)
     << " value=" << show_double(v.value) << " upper=" << show_double(v.upper) << " unit=[" << v.unit
     << "] text=[" << escape(v.text) << "] category=" << to_string(v.category) << " date=" << v.date.to_iso()
     << " date_end=" << v.date_end.to_iso() << " basis=" << to_string(v.basis) << " note=[" << v.note
     << "] approximate=" << v.approximate << " incl=" << v.lower_inclusive << v.upper_inclusive;
  for (const auto& d : r.diagnostics) os << "\n  " << to_string(d);
  return os.str();
}

bool same(double a, double b) { return (std::isnan(a) && std::isnan(b)) || a == b; }

bool has_error(const ValueParse& r) {
  for (const auto& d : r.diagnostics)
    if (d.severity == Severity::error) return true;
  return false;
}

const Diagnostic* find_code(const ValueParse& r, std::string_view code) {
  for (const auto& d : r.diagnostics)
    if (d.code == code) return &d;
  return nullptr;
}

bool valid_utf8(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    int extra = 0;
    std::uint32_t cp = 0;
    if (c < 0x80) { ++i; continue; }
    if (c >= 0xC2 && c <= 0xDF) { extra = 1; cp = c & 0x1F; }
    else if (c >= 0xE0 && c <= 0xEF) { extra = 2; cp = c & 0x0F; }
    else if (c >= 0xF0 && c <= 0xF4) { extra = 3; cp = c & 0x07; }
    else return false;
    if (i + static_cast<std::size_t>(extra) >= s.size()) return false;
    for (int k = 1; k <= extra; ++k) {
      const auto t = static_cast<unsigned char>(s[i + static_cast<std::size_t>(k)]);
      if ((t & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (t & 0x3F);
    }
    if ((extra == 2 && cp < 0x800) || (extra == 3 && (cp < 0x10000 || cp > 0x10FFFF)) ||
        (cp >= 0xD800 && cp <= 0xDFFF))
      return false;
    i += static_cast<std::size_t>(extra) + 1;
  }
  return true;
}

std::size_t code_points(std::string_view s) {
  std::size_t n = 0;
  for (unsigned char c : s)
    if ((c & 0xC0) != 0x80) ++n;
  return n;
}

bool is_known_code(const std::string& code) {
  if (code.size() != 5 || code.compare(0, 2, "JX") != 0) return false;
  for (int i = 2; i < 5; ++i)
    if (code[static_cast<std::size_t>(i)] < '0' || code[static_cast<std::size_t>(i)] > '9') return false;
  const int n = std::stoi(code.substr(2));
  return n >= 100 && n <= 114;  // docs/diagnostics.md, "Values"
}

/// What must hold for every input, whatever it is.
void check_invariants(std::string_view text, const ValueParse& r) {
  INFO("input: [" << escape(text) << "]\n" << describe(r));
  const Value& v = r.value;
  CHECK(v.raw == std::string(text));  // byte for byte
  // An error diagnostic if and only if the value is invalid.
  CHECK(has_error(r) == (v.kind == ValueKind::invalid));
  CHECK(r.ok() == !has_error(r));
  std::uint32_t previous = 0;
  for (const auto& d : r.diagnostics) {
    CHECK(is_known_code(d.code));
    CHECK_FALSE(d.message.empty());
    CHECK(d.span.file.empty());
    CHECK(d.span.line == 0);
    CHECK(d.span.column >= 1);
    if (valid_utf8(text)) CHECK(d.span.column <= code_points(text) + 1);
    CHECK(d.span.column >= previous);  // in order of position
    previous = d.span.column;
  }
  switch (v.kind) {
    case ValueKind::number:
      CHECK(std::isfinite(v.value));
      CHECK(std::isfinite(v.number));
      CHECK(v.multiplier >= 1);
      if (v.op == Comparator::range) {
        CHECK(std::isfinite(v.upper));
        CHECK(v.upper >= v.value);
      } else {
        CHECK(std::isnan(v.upper));
      }
      // The multiplier is never left in the unit.
      CHECK(v.unit.rfind("万", 0) == std::string::npos);
      CHECK(v.unit.rfind("亿", 0) == std::string::npos);
      CHECK(v.value == Approx(v.number * v.multiplier).epsilon(1e-12));
      break;
    case ValueKind::qualitative:
      CHECK_FALSE(v.text.empty());
      CHECK(std::isnan(v.value));
      break;
    case ValueKind::date:
      CHECK_FALSE(v.date.empty());
      CHECK(std::isnan(v.value));
      break;
    case ValueKind::empty:
      CHECK(v.text.empty());
      CHECK(std::isnan(v.value));
      CHECK(v.op == Comparator::none);
      break;
    case ValueKind::invalid:
      break;
  }
}

/// Parses and checks the invariants; never lets an exception escape unnoticed.
ValueParse read(std::string_view text) {
  ValueParse r;
  REQUIRE_NOTHROW(r = parse_value(text));
  check_invariants(text, r);
  return r;
}

// ---------------------------------------------------------------------------------------------
// Tables.  Every literal input of this file is in one of them.

struct NumberCase {
  const char* text;
  Comparator op;
  double number;
  double multiplier;
  double value;
  const char* unit;
};

/// Every comparator word and symbol of the spec (statutory usage: 以上/以下/以内 include the
/// number, 超过/不满/低于 exclude it).
const NumberCase comparator_cases[] = {
    // symbols
    {"≥90%", Comparator::ge, 90, 1, 90, "%"},
    {"≤90%", Comparator::le, 90, 1, 90, "%"},
    {">90%", Comparator::gt, 90, 1, 90, "%"},
    {"<90%", Comparator::lt, 90, 1, 90, "%"},
    {"=90%", Comparator::eq, 90, 1, 90, "%"},
    {"≧90%", Comparator::ge, 90, 1, 90, "%"},
    {"≦90%", Comparator::le, 90, 1, 90, "%"},
    {"═90%", Comparator::eq, 90, 1, 90, "%"},
    {"＝90%", Comparator::eq, 90, 1, 90, "%"},
    {">=90%", Comparator::ge, 90, 1, 90, "%"},
    {"<=90%", Comparator::le, 90, 1, 90, "%"},
    {"＞＝90%", Comparator::ge, 90, 1, 90, "%"},
    {"＜＝90%", Comparator::le, 90, 1, 90, "%"},
    {"＞90%", Comparator::gt, 90, 1, 90, "%"},
    {"＜90%", Comparator::lt, 90, 1, 90, "%"},
    // >= words
    {"不低于90%", Comparator::ge, 90, 1, 90, "%"},
    {"不少于90%", Comparator::ge, 90, 1, 90, "%"},
    {"不小于90%", Comparator::ge, 90, 1, 90, "%"},
    {"至少90%", Comparator::ge, 90, 1, 90, "%"},
    {"达到90%", Comparator::ge, 90, 1, 90, "%"},
    {"大于等于90%", Comparator::ge, 90, 1, 90, "%"},
    {"90%以上", Comparator::ge, 90, 1, 90, "%"},
    {"90%及以上", Comparator::ge, 90, 1, 90, "%"},
    // <= words
    {"不高于90%", Comparator::le, 90, 1, 90, "%"},
    {"不超过90%", Comparator::le, 90, 1, 90, "%"},
    {"不多于90%", Comparator::le, 90, 1, 90, "%"},
    {"至多90%", Comparator::le, 90, 1, 90, "%"},
    {"最多90%", Comparator::le, 90, 1, 90, "%"},
    {"小于等于90%", Comparator::le, 90, 1, 90, "%"},
    {"90%以下", Comparator::le, 90, 1, 90, "%"},
    {"90%以内", Comparator::le, 90, 1, 90, "%"},
    {"90%及其以下", Comparator::le, 90, 1, 90, "%"},
    // > words
    {"大于90%", Comparator::gt, 90, 1, 90, "%"},
    {"高于90%", Comparator::gt, 90, 1, 90, "%"},
    {"超过90%", Comparator::gt, 90, 1, 90, "%"},
    {"多于90%", Comparator::gt, 90, 1, 90, "%"},
    // < words
    {"小于90%", Comparator::lt, 90, 1, 90, "%"},
    {"低于90%", Comparator::lt, 90, 1, 90, "%"},
    {"少于90%", Comparator::lt, 90, 1, 90, "%"},
    {"不足90%", Comparator::lt, 90, 1, 90, "%"},
    {"不满90%", Comparator::lt, 90, 1, 90, "%"},
    // = words
    {"等于90%", Comparator::eq, 90, 1, 90, "%"},
    {"为90%", Comparator::eq, 90, 1, 90, "%"},
    // statutory usage with other units
    {"60周岁以上", Comparator::ge, 60, 1, 60, "周岁"},
    {"18周岁以下", Comparator::le, 18, 1, 18, "周岁"},
    {"30天以内", Comparator::le, 30, 1, 30, "天"},
    {"超过60周岁", Comparator::gt, 60, 1, 60, "周岁"},
    {"不满18周岁", Comparator::lt, 18, 1, 18, "周岁"},
    {"低于60分", Comparator::lt, 60, 1, 60, "分"},
    {"超过100人", Comparator::gt, 100, 1, 100, "人"},
    {"不超过5%", Comparator::le, 5, 1, 5, "%"},
    {"低于3%", Comparator::lt, 3, 1, 3, "%"},
    {"不低于85%", Comparator::ge, 85, 1, 85, "%"},
    {"95%以上", Comparator::ge, 95, 1, 95, "%"},
    {"≥10141人次", Comparator::ge, 10141, 1, 10141, "人次"},
    {"≥12个月", Comparator::ge, 12, 1, 12, "个月"},
    {"≥1次/月", Comparator::ge, 1, 1, 1, "次/月"},
    // blanks around the parts
    {"≥ 90 %", Comparator::ge, 90, 1, 90, "%"},
    {" 不低于 90% ", Comparator::ge, 90, 1, 90, "%"},
    {"90 % 以上", Comparator::ge, 90, 1, 90, "%"},
    // no comparator
    {"100%", Comparator::none, 100, 1, 100, "%"},
};

/// Numerals: ASCII and full-width digits, separators, decimals, negatives, float artefacts,
/// Chinese numerals and financial capitals, multipliers.
const NumberCase numeral_cases[] = {
    {"5", Comparator::none, 5, 1, 5, ""},
    {"1.7", Comparator::none, 1.7, 1, 1.7, ""},
    {"44,561", Comparator::none, 44561, 1, 44561, ""},
    {"44,561人", Comparator::none, 44561, 1, 44561, "人"},
    {"1,234,567.89元", Comparator::none, 1234567.89, 1, 1234567.89, "元"},
    {"１２３４５人", Comparator::none, 12345, 1, 12345, "人"},
    {"１２３４５", Comparator::none, 12345, 1, 12345, ""},
    {"１２．５%", Comparator::none, 12.5, 1, 12.5, "%"},
    {"３.５", Comparator::none, 3.5, 1, 3.5, ""},
    {"-5%", Comparator::none, -5, 1, -5, "%"},
    {"-12.5", Comparator::none, -12.5, 1, -12.5, ""},
    {"－５", Comparator::none, -5, 1, -5, ""},
    {"负三十二", Comparator::none, -32, 1, -32, ""},
    {"0.0900000762939453", Comparator::none, 0.0900000762939453, 1, 0.0900000762939453, ""},
    {"0.30000000000000004", Comparator::none, 0.30000000000000004, 1, 0.30000000000000004, ""},
    {"99.99999999999999%", Comparator::none, 99.99999999999999, 1, 99.99999999999999, "%"},
    {".5", Comparator::none, 0.5, 1, 0.5, ""},
    {"2e5", Comparator::none, 200000, 1, 200000, ""},
    // Chinese numerals
    {"十", Comparator::none, 10, 1, 10, ""},
    {"十二", Comparator::none, 12, 1, 12, ""},
    {"二十", Comparator::none, 20, 1, 20, ""},
    {"一百零一", Comparator::none, 101, 1, 101, ""},
    {"两千四百五", Comparator::none, 2450, 1, 2450, ""},
    {"三百五", Comparator::none, 350, 1, 350, ""},
    {"一万三", Comparator::none, 13000, 1, 13000, ""},
    {"五亿零六", Comparator::none, 500000006, 1, 500000006, ""},
    {"十万零五", Comparator::none, 100005, 1, 100005, ""},
    {"八千八百八十八万八千八百八十八", Comparator::none, 88888888, 1, 88888888, ""},
    {"壹佰伍拾", Comparator::none, 150, 1, 150, ""},
    {"壹仟贰佰叁拾肆元", Comparator::none, 1234, 1, 1234, "元"},
    {"十二个月", Comparator::none, 12, 1, 12, "个月"},
    {"百分之五十", Comparator::none, 50, 1, 50, "%"},
    {"百分之九十五以上", Comparator::ge, 95, 1, 95, "%"},
    // multipliers: number as written × multiplier = value, exactly
    {"1.2万", Comparator::none, 1.2, 1e4, 12000, ""},
    {"1.2万元", Comparator::none, 1.2, 1e4, 12000, "元"},
    {"≤202.6万元", Comparator::le, 202.6, 1e4, 2026000, "元"},
    {"202.6万元", Comparator::none, 202.6, 1e4, 2026000, "元"},
    {"1.1万", Comparator::none, 1.1, 1e4, 11000, ""},
    {"0.07万", Comparator::none, 0.07, 1e4, 700, ""},
    {"5 万元", Comparator::none, 5, 1e4, 50000, "元"},
    {"3万人次", Comparator::none, 3, 1e4, 30000, "人次"},
    {"1.5亿元", Comparator::none, 1.5, 1e8, 150000000, "元"},
    {"0.3亿", Comparator::none, 0.3, 1e8, 30000000, ""},
    {"２．２亿", Comparator::none, 2.2, 1e8, 220000000, ""},
    {"2千万元", Comparator::none, 2, 1e7, 20000000, "元"},
    {"1千万", Comparator::none, 1, 1e7, 10000000, ""},
    {"3百万元", Comparator::none, 3, 1e6, 3000000, "元"},
    {"2百万", Comparator::none, 2, 1e6, 2000000, ""},
    {"3千人", Comparator::none, 3, 1e3, 3000, "人"},
    {"4.78万亿", Comparator::none, 4.78, 1e12, 4780000000000, ""},
    {"5万元以内", Comparator::le, 5, 1e4, 50000, "元"},
    {"100万元/年", Comparator::none, 100, 1e4, 1000000, "元/年"},
    // 余/多: more than
    {"十余万", Comparator::gt, 10, 1e4, 100000, ""},
    {"十多万", Comparator::gt, 10, 1e4, 100000, ""},
    {"二十余万元", Comparator::gt, 20, 1e4, 200000, "元"},
    {"3万余元", Comparator::gt, 3, 1e4, 30000, "元"},
    {"100多人", Comparator::gt, 100, 1, 100, "人"},
    {"10余人", Comparator::gt, 10, 1, 10, "人"},
    // blanks and a final 。
    {"100 人", Comparator::none, 100, 1, 100, "人"},
    {"100　人", Comparator::none, 100, 1, 100, "人"},
    {"100 %", Comparator::none, 100, 1, 100, "%"},
    {"100%。", Comparator::none, 100, 1, 100, "%"},
    {"≥95%。", Comparator::ge, 95, 1, 95, "%"},
    {"  ≥95%  ", Comparator::ge, 95, 1, 95, "%"},
    {"50人", Comparator::none, 50, 1, 50, "人"},
    {"1个", Comparator::none, 1, 1, 1, "个"},
};

/// Chinese numerals whose number-as-written/multiplier split the spec leaves open: only the value
/// is checked.
struct ValueOnlyCase {
  const char* text;
  Comparator op;
  double value;
  const char* unit;
};
const ValueOnlyCase chinese_value_cases[] = {
    {"四万万", Comparator::none, 400000000, ""},
    {"两万", Comparator::none, 20000, ""},
    {"两百万", Comparator::none, 2000000, ""},
    {"五千万元", Comparator::none, 50000000, "元"},
    {"四千零五万", Comparator::none, 40050000, ""},
    {"十二亿", Comparator::none, 1200000000, ""},
    {"十几万", Comparator::gt, 100000, ""},
    {"3万4000", Comparator::none, 34000, ""},
    {"二〇二三", Comparator::none, 2023, ""},
    {"三点五万", Comparator::none, 35000, ""},
};

/// Fractions: inexact by nature, compared with a tolerance.
const ValueOnlyCase fraction_cases[] = {
    {"三分之一", Comparator::none, 1.0 / 3, ""},
    {"3/5", Comparator::none, 0.6, ""},
    {"1 3/5", Comparator::none, 1.6, ""},
    {"-3/2", Comparator::none, -1.5, ""},
    {"三又二分之一", Comparator::none, 3.5, ""},
};

/// Units: the multiplier removed, percent spellings folded, metric prefixes kept, compound
/// units keeping their parts.
const NumberCase unit_cases[] = {
    {"5千米", Comparator::none, 5, 1, 5, "千米"},
    {"5 千米", Comparator::none, 5, 1, 5, "千米"},
    {"1.5千克", Comparator::none, 1.5, 1, 1.5, "千克"},
    {"5千克", Comparator::none, 5, 1, 5, "千克"},
    {"5公里", Comparator::none, 5, 1, 5, "公里"},
    {"5公顷", Comparator::none, 5, 1, 5, "公顷"},
    {"3.5公顷", Comparator::none, 3.5, 1, 3.5, "公顷"},
    {"10%", Comparator::none, 10, 1, 10, "%"},
    {"10％", Comparator::none, 10, 1, 10, "%"},
    {"10百分比", Comparator::none, 10, 1, 10, "%"},
    {"50 百分比", Comparator::none, 50, 1, 50, "%"},
    {"100元/人*月", Comparator::none, 100, 1, 100, "元/人·月"},
    {"100 元/人·月", Comparator::none, 100, 1, 100, "元/人·月"},
    {"100元/人·月", Comparator::none, 100, 1, 100, "元/人·月"},
    {"100元／人", Comparator::none, 100, 1, 100, "元/人"},
    {"3000元/具", Comparator::none, 3000, 1, 3000, "元/具"},
    {"1次/年", Comparator::none, 1, 1, 1, "次/年"},
    {"≥1次/季度", Comparator::ge, 1, 1, 1, "次/季度"},
    {"100人次/年以上", Comparator::ge, 100, 1, 100, "人次/年"},
    {"3.5m²", Comparator::none, 3.5, 1, 3.5, "m²"},
    {"20km", Comparator::none, 20, 1, 20, "km"},
    {"5平方米", Comparator::none, 5, 1, 5, "平方米"},
    {"两米半", Comparator::none, 2.5, 1, 2.5, "米"},
    {"3个工作日内", Comparator::le, 3, 1, 3, "个工作日"},
    {"30天内", Comparator::le, 30, 1, 30, "天"},
    {"6个百分点", Comparator::none, 6, 1, 6, "百分点"},
};

/// Ranges: both ends included, value 80 upper 90 unit %.
const char* const range_80_90_cases[] = {
    "80%-90%", "80%～90%", "80-90%", "80%至90%", "介于80%和90%之间", "80%~90%", "80%—90%", "80%到90%", "80～90%",
    "≥80%且≤90%",
};

struct RangeCase {
  const char* text;
  double value;
  double upper;
  const char* unit;
  bool lower_inclusive;
  bool upper_inclusive;
};
const RangeCase range_cases[] = {
    {"[80%,100%]", 80, 100, "%", true, true},
    {"[80,100]", 80, 100, "", true, true},
    {"(80%,90%)", 80, 90, "%", false, false},
    {"[80%,100%)", 80, 100, "%", true, false},
    {"(0,5]", 0, 5, "", false, true},
    {"10000与20000之间", 10000, 20000, "", true, true},
    {"介于80和90之间", 80, 90, "", true, true},
    {"大于等于0并小于230.3964", 0, 230.3964, "", true, false},
    {"1.2万-1.5万元", 12000, 15000, "元", true, true},
};

struct QualitativeCase {
  const char* text;
  Comparator op;
  const char* words;
  Category category;
};
const QualitativeCase qualitative_cases[] = {
    {"稳步提升", Comparator::none, "稳步提升", Category::improve},
    {"  稳步提升  ", Comparator::none, "稳步提升", Category::improve},
    {"稳步提升。", Comparator::none, "稳步提升", Category::improve},
    {"持续提升", Comparator::none, "持续提升", Category::improve},
    {"有所提高", Comparator::none, "有所提高", Category::improve},
    {"效果显著", Comparator::none, "效果显著", Category::improve},
    {"保持稳定", Comparator::none, "保持稳定", Category::maintain},
    {"持平", Comparator::none, "持平", Category::maintain},
    {"不降低", Comparator::none, "不降低", Category::maintain},
    {"逐步降低", Comparator::none, "逐步降低", Category::reduce},
    {"及时", Comparator::none, "及时", Category::timely},
    {"按时完成", Comparator::none, "按时完成", Category::timely},
    {"按期完成", Comparator::none, "按期完成", Category::timely},
    {"提前下达", Comparator::none, "提前下达", Category::timely},
    {"合规", Comparator::none, "合规", Category::compliant},
    {"符合要求", Comparator::none, "符合要求", Category::compliant},
    {"达标", Comparator::none, "达标", Category::compliant},
    {"合格", Comparator::none, "合格", Category::compliant},
    {"是", Comparator::none, "是", Category::yes},
    {"有", Comparator::none, "有", Category::yes},
    {"否", Comparator::none, "否", Category::no},
    {"无", Comparator::none, "无", Category::no},
    {"达成年度指标", Comparator::none, "达成年度指标", Category::achieved},
    {"部分达成年度指标并具有一定效果", Comparator::none, "部分达成年度指标并具有一定效果",
     Category::partly_achieved},
    {"未达成年度指标且效果较差", Comparator::none, "未达成年度指标且效果较差", Category::not_achieved},
    {"依据运营管理办法考核", Comparator::none, "依据运营管理办法考核", Category::rule_reference},
    {"按照相关规定考核", Comparator::none, "按照相关规定考核", Category::rule_reference},
    {"根据考核办法执行", Comparator::none, "根据考核办法执行", Category::rule_reference},
    {"满意", Comparator::none, "满意", Category::none},
    {"abc", Comparator::none, "abc", Category::none},
    // an operator before words
    {"=提高", Comparator::eq, "提高", Category::improve},
    {"＝提高", Comparator::eq, "提高", Category::improve},
    {"= 提高", Comparator::eq, "提高", Category::improve},
    {"≥提高", Comparator::ge, "提高", Category::improve},
    {"≤稳定", Comparator::le, "稳定", Category::maintain},
    {"=是", Comparator::eq, "是", Category::yes},
    // words led by a Chinese numeral stay words
    {"一是规范城乡低保", Comparator::none, "一是规范城乡低保", Category::compliant},
};

struct DateCase {
  const char* text;
  Comparator op;
  const char* iso;
  const char* iso_end;
  Recurrence every;
  const char* words;
};
const DateCase date_cases[] = {
    {"2023年12月底", Comparator::none, "2023-12-31", "", Recurrence::none, ""},
    {"12月底前", Comparator::le, "--12-31", "", Recurrence::none, ""},
    {"每月25日前", Comparator::le, "---25", "", Recurrence::monthly, ""},
    {"2021年1月-12月", Comparator::range, "2021-01", "2021-12", Recurrence::none, ""},
    {"2021年1-12月", Comparator::range, "2021-01", "2021-12", Recurrence::none, ""},
    {"2021年1月至12月", Comparator::range, "2021-01", "2021-12", Recurrence::none, ""},
    {"2021年1月-12月。", Comparator::range, "2021-01", "2021-12", Recurrence::none, ""},
    {"2022年12月-2023年6月", Comparator::range, "2022-12", "2023-06", Recurrence::none, ""},
    {"2023年12月底前", Comparator::le, "2023-12-31", "", Recurrence::none, ""},
    {"2023年底", Comparator::none, "2023-12-31", "", Recurrence::none, ""},
    {"2023年底前", Comparator::le, "2023-12-31", "", Recurrence::none, ""},
    {"2024年2月底", Comparator::none, "2024-02-29", "", Recurrence::none, ""},
    {"2023年2月底", Comparator::none, "2023-02-28", "", Recurrence::none, ""},
    {"2023-06-30", Comparator::none, "2023-06-30", "", Recurrence::none, ""},
    {"2023年6月30日前", Comparator::le, "2023-06-30", "", Recurrence::none, ""},
    {"6月30日前", Comparator::le, "--06-30", "", Recurrence::none, ""},
    {"12月31号前", Comparator::le, "--12-31", "", Recurrence::none, ""},
    {"二〇二三年十二月底", Comparator::none, "2023-12-31", "", Recurrence::none, ""},
    {"2023年", Comparator::none, "2023", "", Recurrence::none, ""},
    {"2024年度", Comparator::none, "2024", "", Recurrence::none, ""},
    {"2024年12月前", Comparator::le, "2024-12", "", Recurrence::none, ""},
    {"每月25日", Comparator::none, "---25", "", Recurrence::monthly, ""},
    {"每年3月31日前", Comparator::le, "--03-31", "", Recurrence::yearly, ""},
    {"2024年上半年", Comparator::range, "2024-01", "2024-06-30", Recurrence::none, ""},
    {"2024年第三季度", Comparator::range, "2024-07", "2024-09-30", Recurrence::none, ""},
    {"12月底前完成", Comparator::le, "--12-31", "", Recurrence::none, "完成"},
    {"2023年12月31日前完成", Comparator::le, "2023-12-31", "", Recurrence::none, "完成"},
    {"每月25日前报送", Comparator::le, "---25", "", Recurrence::monthly, "报送"},
};

struct BasisCase {
  const char* text;
  ValueKind kind;
  Basis basis;
  const char* note;
};
const BasisCase basis_cases[] = {
    {"≥95%(计划标准)", ValueKind::number, Basis::plan, "计划标准"},
    {"≥95%（计划标准）", ValueKind::number, Basis::plan, "计划标准"},
    {"≥95% (计划标准)", ValueKind::number, Basis::plan, "计划标准"},
    {"≥95%【计划标准】", ValueKind::number, Basis::plan, "计划标准"},
    {"95%以上(计划标准)", ValueKind::number, Basis::plan, "计划标准"},
    {"≥95%(计划标准)。", ValueKind::number, Basis::plan, "计划标准"},
    {"≥95%(行业标准)", ValueKind::number, Basis::industry, "行业标准"},
    {"≥95%（历史标准）", ValueKind::number, Basis::history, "历史标准"},
    {"≥95%(其他标准)", ValueKind::number, Basis::other, "其他标准"},
    {"稳步提升(行业标准)", ValueKind::qualitative, Basis::industry, "行业标准"},
    {"每月25日前(计划标准)", ValueKind::date, Basis::plan, "计划标准"},
    {"100%(说明)", ValueKind::number, Basis::none, "说明"},
};

struct DiagnosticCase {
  const char* text;
  const char* code;
  Severity severity;
  std::uint32_t column;
  ValueKind kind;
};
const DiagnosticCase diagnostic_cases[] = {
    {"≥**%", "JX102", Severity::error, 2, ValueKind::invalid},
    {"≥ **%", "JX102", Severity::error, 3, ValueKind::invalid},
    {"  ≥**%", "JX102", Severity::error, 4, ValueKind::invalid},  // columns count from the raw cell
    {"≥***", "JX102", Severity::error, 2, ValueKind::invalid},
    {"**", "JX102", Severity::error, 1, ValueKind::invalid},
    {"１２３４５**", "JX102", Severity::error, 6, ValueKind::invalid},  // code points, not bytes
    {"3人/年/6.3", "JX103", Severity::error, 5, ValueKind::invalid},
    {"2人/年/4.2万", "JX103", Severity::error, 5, ValueKind::invalid},
    {"5 5", "JX103", Severity::error, 3, ValueKind::invalid},
    {"吨/1300元", "JX104", Severity::warning, 1, ValueKind::number},
    {"≥abc", "JX101", Severity::error, 2, ValueKind::invalid},
    {"≥", "JX101", Severity::error, 1, ValueKind::invalid},
    {"≥95%%", "JX101", Severity::error, 5, ValueKind::invalid},
    {"1e400", "JX111", Severity::error, 1, ValueKind::invalid},
    {"≥1e400", "JX111", Severity::error, 2, ValueKind::invalid},
    {"≥95%以下", "JX112", Severity::error, 1, ValueKind::invalid},
    {"≥80%-90%", "JX112", Severity::error, 1, ValueKind::invalid},
    {"90%-80%", "JX105", Severity::warning, 1, ValueKind::number},
    {"2021年12月-1月", "JX105", Severity::warning, 1, ValueKind::date},
    {"80%-90万元", "JX106", Severity::error, 1, ValueKind::invalid},
    {"2023年2月30日", "JX109", Severity::error, 1, ValueKind::invalid},
    {"13月", "JX109", Severity::error, 1, ValueKind::invalid},
    {"较上年提高5%", "JX107", Severity::info, 1, ValueKind::qualitative},
    {"100%(说明)", "JX108", Severity::info, 5, ValueKind::number},
    {"/", "JX110", Severity::info, 1, ValueKind::empty},
    {"—", "JX110", Severity::info, 1, ValueKind::empty},
    {"-", "JX110", Severity::info, 1, ValueKind::empty},
    {"≥95%以上", "JX113", Severity::info, 5, ValueKind::number},
    {"2021年1月-12月前", "JX113", Severity::info, 1, ValueKind::date},
};

/// Invalid UTF-8: kind invalid, JX100 at the first bad byte.
struct BadUtf8Case {
  std::string text;
  std::uint32_t column;
};
const BadUtf8Case bad_utf8_cases[] = {
    {"\xFF", 1},
    {"95%\xC3", 4},
    {"\xE2\x89", 1},
    {"≥9\x80" "5%", 3},
    {"\xED\xA0\x80", 1},   // a surrogate
    {"\xC0\xAF", 1},       // overlong
    {"\xF5\x80\x80\x80", 1},
    {"稳步\xE6\x8F", 3},  // a cut ideograph
    {"\xB0\xD9\xB7\xD6\xD6\xAE", 1},  // GBK bytes
};

/// Literals used by the single tests below.
const char* const misc_inputs[] = {
    "", "   ", "　", "\t", "1e308", "1e-400", "5.", "0投诉", "≥10141人次", "80%-1e400%", "吨/1e400元", "1e400%",
    "约100人", "100人左右", "约100%", "90%左右", "10万左右", "十 余 万", "7 万5 千4 百", "10万万", "一千陆", "百三",
    "半百", "百分之百", "九成", "三成半", "七成 六", "75折", "八折", "九成以上", "40k", "10000与20000间",
    "三百五十又3分之1", "13月", "100%到位", "100%完成", "90%以上完成", "≥95%合格", "100%左右完成",
    "100%以内完成", "2023年底前完成建设", "2023年内", "1个月内", "3天", "3个工作日", "10天内完成", "30日内完成",
    "5个工作日内办结", "3个月内完成", "2小时内响应", "24小时内到达", "≥80%完成率", "元/人*月", "（计划标准）",
    "吨/1300元", "≥95%(计划标准)", "稳步提升", "2021年1月-12月", "80%-90%", "(80%,90%)", "[80%,90%]",
    "90%", "100%", "≥**%", "5", "3人/年/6.3", "1.2.3", "≥5*", "5、6", "1/0", "十百", "5%以上以上",
    "99999999999999999999999999999", "1234567890123456789012345678901234567890", "3.14159265358979323846",
    "0.1234567890123456789012345", "1.00000000000000000000001", "184467440737095516160",
    "12345678901234567890", "每人每月100元", "无投诉", "群众满意度较高", "好", "较好", "零",
    "较上年提高5%(说明)", "90%-80%(说明)", "3人/年/6.3(说明)", "≥95%以上(备注)",
};

std::vector<std::string> corpus_lines() {
  std::vector<std::string> lines;
  std::ifstream in(JIXIAO_TEST_DATA "/value_corpus.txt", std::ios::binary);
  REQUIRE(in);
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    lines.push_back(line);
  }
  REQUIRE(lines.size() > 100);
  return lines;
}

/// All literal inputs of this file, then every corpus line.
std::vector<std::string> all_inputs() {
  std::vector<std::string> all;
  for (const auto& c : comparator_cases) all.emplace_back(c.text);
  for (const auto& c : numeral_cases) all.emplace_back(c.text);
  for (const auto& c : chinese_value_cases) all.emplace_back(c.text);
  for (const auto& c : fraction_cases) all.emplace_back(c.text);
  for (const auto& c : unit_cases) all.emplace_back(c.text);
  for (const auto* c : range_80_90_cases) all.emplace_back(c);
  for (const auto& c : range_cases) all.emplace_back(c.text);
  for (const auto& c : qualitative_cases) all.emplace_back(c.text);
  for (const auto& c : date_cases) all.emplace_back(c.text);
  for (const auto& c : basis_cases) all.emplace_back(c.text);
  for (const auto& c : diagnostic_cases) all.emplace_back(c.text);
  for (const auto& c : bad_utf8_cases) all.push_back(c.text);
  for (const auto* c : misc_inputs) all.emplace_back(c);
  for (auto& line : corpus_lines()) all.push_back(std::move(line));
  return all;
}

void check_number(const NumberCase& c) {
  const ValueParse r = read(c.text);
  const Value& v = r.value;
  INFO("input: [" << c.text << "]\n" << describe(r));
  REQUIRE(v.kind == ValueKind::number);
  CHECK(v.op == c.op);
  CHECK(v.number == c.number);          // exactly the double the digits denote
  CHECK(v.multiplier == c.multiplier);
  CHECK(v.value == c.value);            // exact: 202.6万 is 2026000, not 2025999.9999999998
  CHECK(std::isnan(v.upper));
  CHECK(v.unit == c.unit);
  CHECK(r.ok());
}

std::uint64_t next_random(std::uint64_t& s) {  // xorshift64*
  s ^= s >> 12;
  s ^= s << 25;
  s ^= s >> 27;
  return s * 2685821657736338717ULL;
}

#ifdef JIXIAO_TEST_GUARD_PAGES
using jixiao::test::GuardedCopy;
#endif

}  // namespace

// =============================================================================================
// Comparators

TEST_CASE("every comparator word and symbol is read with its statutory meaning", "[value][comparator]") {
  for (const auto& c : comparator_cases) {
    CAPTURE(c.text);
    check_number(c);
  }
}

TEST_CASE("以上/以下/以内 include the number; 超过/不满/低于 exclude it", "[value][comparator]") {
  CHECK(read("60周岁以上").value.op == Comparator::ge);
  CHECK(read("18周岁以下").value.op == Comparator::le);
  CHECK(read("30天以内").value.op == Comparator::le);
  CHECK(read("超过60周岁").value.op == Comparator::gt);
  CHECK(read("不满18周岁").value.op == Comparator::lt);
  CHECK(read("低于60分").value.op == Comparator::lt);
}

TEST_CASE("a comparator stated twice the same way is read once, with an info", "[value][comparator]") {
  const auto r = read("≥95%以上");
  INFO(describe(r));
  CHECK(r.value.kind == ValueKind::number);
  CHECK(r.value.op == Comparator::ge);
  CHECK(r.value.value == 95);
  REQUIRE(find_code(r, "JX113"));
  CHECK(find_code(r, "JX113")->severity == Severity::info);
}

TEST_CASE("contradicting comparators make the cell invalid", "[value][comparator][diagnostic]") {
  const auto r = read("≥95%以下");
  INFO(describe(r));
  CHECK(r.value.kind == ValueKind::invalid);
  REQUIRE(find_code(r, "JX112"));
}

TEST_CASE("an operator before a qualitative word keeps the words", "[value][comparator][qualitative]") {
  const auto r = read("=提高");
  INFO(describe(r));
  CHECK(r.value.kind == ValueKind::qualitative);
  CHECK(r.value.op == Comparator::eq);
  CHECK(r.value.text == "提高");
  CHECK(r.value.category == Category::improve);
  CHECK(r.diagnostics.empty());
}

// =============================================================================================
// Ranges

TEST_CASE("every range spelling reads as an inclusive range 80–90 %", "[value][comparator]") {
  for (const char* text : range_80_90_cases) {
    const auto r = read(text);
    INFO("input: [" << text << "]\n" << describe(r));
    REQUIRE(r.value.kind == ValueKind::number);
    CHECK(r.value.op == Comparator::range);
    CHECK(r.value.number == 80);
    CHECK(r.value.value == 80);
    CHECK(r.value.upper == 90);
    CHECK(r.value.unit == "%");
    CHECK(r.value.lower_inclusive);
    CHECK(r.value.upper_inclusive);
    CHECK(r.ok());
  }
}

TEST_CASE("ranges with brackets, between-words and two bounds", "[value][comparator]") {
  for (const auto& c : range_cases) {
    const auto r = read(c.text);
    INFO("input: [" << c.text << "]\n" << describe(r));
    REQUIRE(r.value.kind == ValueKind::number);
    CHECK(r.value.op == Comparator::range);
    CHECK(r.value.value == c.value);
    CHECK(r.value.upper == c.upper);
    CHECK(r.value.unit == c.unit);
    CHECK(r.value.lower_inclusive == c.lower_inclusive);
    CHECK(r.value.upper_inclusive == c.upper_inclusive);
  }
}

TEST_CASE("a range written high to low is read low to high with a warning", "[value][comparator][diagnostic]") {
  const auto r = read("90%-80%");
  INFO(describe(r));
  REQUIRE(r.value.kind == ValueKind::number);
  CHECK(r.value.op == Comparator::range);
  CHECK(r.value.value == 80);
  CHECK(r.value.upper == 90);
  REQUIRE(find_code(r, "JX105"));
  CHECK(find_code(r, "JX105")->severity == Severity::warning);
}

TEST_CASE("a range with two different units is invalid and the message names both units",
          "[value][comparator][diagnostic]") {
  const auto r = read("80%-90万元");
  INFO(describe(r));
  CHECK(r.value.kind == ValueKind::invalid);
  const Diagnostic* d = find_code(r, "JX106");
  REQUIRE(d);
  CHECK(d->severity == Severity::error);
  CHECK(d->message.find('%') != std::string::npos);
  CHECK(d->message.find("元") != std::string::npos);
}

// =============================================================================================
// Numerals

TEST_CASE("numerals: digits, separators, decimals, negatives, Chinese, capitals, multipliers", "[value][numeral]") {
  for (const auto& c : numeral_cases) {
    CAPTURE(c.text);
    check_number(c);
  }
}

TEST_CASE("Chinese numerals with section units evaluate to the right value", "[value][numeral]") {
  for (const auto& c : chinese_value_cases) {
    const auto r = read(c.text);
    INFO("input: [" << c.text << "]\n" << describe(r));
    REQUIRE(r.value.kind == ValueKind::number);
    CHECK(r.value.op == c.op);
    CHECK(r.value.value == c.value);
    CHECK(r.value.unit == c.unit);
  }
}

TEST_CASE("fractions", "[value][numeral]") {
  for (const auto& c : fraction_cases) {
    const auto r = read(c.text);
    INFO("input: [" << c.text << "]\n" << describe(r));
    REQUIRE(r.value.kind == ValueKind::number);
    CHECK(r.value.value == Approx(c.value).epsilon(1e-15));
    CHECK(r.value.unit == c.unit);
  }
}

TEST_CASE("decimal numbers are exact: number × multiplier is not a double product", "[value][numeral]") {
  // The naive products are wrong in binary floating point; the library must not be.
  CHECK(0.07 * 1e4 != 700.0);
  CHECK(2.2 * 1e8 != 220000000.0);
  CHECK(read("≤202.6万元").value.value == 2026000.0);
  CHECK(read("0.07万").value.value == 700.0);
  CHECK(read("２．２亿").value.value == 220000000.0);
  CHECK(read("1.1万").value.value == 11000.0);
  CHECK(read("4.78万亿").value.value == 4780000000000.0);
}

TEST_CASE("an Excel float artefact is read as exactly that double", "[value][numeral]") {
  const auto r = read("0.0900000762939453");
  INFO(describe(r));
  CHECK(r.value.number == 0.0900000762939453);
  CHECK(r.value.value == 0.0900000762939453);
  CHECK(r.value.number != 0.09);
}

TEST_CASE("十余万 is more than 100000", "[value][numeral][comparator]") {
  const auto r = read("十余万");
  INFO(describe(r));
  REQUIRE(r.value.kind == ValueKind::number);
  CHECK(r.value.value == 100000);
  CHECK(r.value.op == Comparator::gt);
  // 余 with an explicit comparator keeps the comparator
  const auto spaced = read("十 余 万");
  CHECK(spaced.value.value == 100000);
  CHECK(spaced.value.op == Comparator::gt);
}

TEST_CASE("long digit strings are read to their magnitude, not truncated", "[value][numeral]") {
  // 29 digits: about 1e29.  Dropping digits past the 20th would give 1e20.
  {
    const auto r = read("99999999999999999999999999999");
    INFO(describe(r));
    REQUIRE(r.value.kind == ValueKind::number);
    CHECK(r.value.value == Approx(1e29).epsilon(1e-15));
  }
  {
    const auto r = read("1234567890123456789012345678901234567890");
    INFO(describe(r));
    REQUIRE(r.value.kind == ValueKind::number);
    CHECK(r.value.value == Approx(1.2345678901234568e39).epsilon(1e-15));
  }
  {
    const auto r = read("184467440737095516160");  // 2^64 × 10
    INFO(describe(r));
    REQUIRE(r.value.kind == ValueKind::number);
    CHECK(r.value.value == Approx(1.8446744073709552e20).epsilon(1e-15));
  }
  {
    const auto r = read("12345678901234567890");  // fits in 64 bits, not in 53
    INFO(describe(r));
    CHECK(r.value.value == 12345678901234567890.0);
  }
  // Many fraction digits: the value stays near the number written.
  {
    const auto r = read("3.14159265358979323846");
    INFO(describe(r));
    REQUIRE(r.value.kind == ValueKind::number);
    CHECK(r.value.value == Approx(3.141592653589793).epsilon(1e-15));
  }
  {
    const auto r = read("0.1234567890123456789012345");
    INFO(describe(r));
    REQUIRE(r.value.kind == ValueKind::number);
    CHECK(r.value.value == Approx(0.12345678901234568).epsilon(1e-15));
  }
  {
    const auto r = read("1.00000000000000000000001");
    INFO(describe(r));
    REQUIRE(r.value.kind == ValueKind::number);
    CHECK(r.value.value == Approx(1.0).epsilon(1e-15));
  }
}

TEST_CASE("a 400-digit number is too large or read as huge, never as a small number", "[value][numeral][diagnostic]") {
  for (const std::string& digits : {std::string(400, '9'), "1" + std::string(400, '0'), std::string(310, '1')}) {
    const auto r = read(digits);
    INFO("digits: " << digits.size() << "\n" << describe(r));
    if (r.value.kind == ValueKind::invalid) {
      CHECK(find_code(r, "JX111"));
    } else {
      REQUIRE(r.value.kind == ValueKind::number);
      CHECK(r.value.value >= 1e300);
    }
  }
}

TEST_CASE("long Chinese numerals keep their magnitude", "[value][numeral]") {
  std::string nines;
  for (int i = 0; i < 40; ++i) nines += "九";  // positional: 40 nines
  {
    const auto r = read(nines);
    INFO(describe(r));
    REQUIRE(r.value.kind == ValueKind::number);
    CHECK(r.value.value == Approx(1e40).epsilon(1e-15));
  }
  std::string units = "1";
  for (int i = 0; i < 100; ++i) units += "万";  // 1e400
  {
    const auto r = read(units);
    INFO(describe(r));
    CHECK(r.value.kind == ValueKind::invalid);
    CHECK(find_code(r, "JX111"));
  }
}

TEST_CASE("1e400 does not crash: invalid with JX111", "[value][numeral][diagnostic]") {
  for (const char* text : {"1e400", "≥1e400", "1e400%", "80%-1e400%", "吨/1e400元"}) {
    const auto r = read(text);
    INFO("input: [" << text << "]\n" << describe(r));
    CHECK(r.value.kind == ValueKind::invalid);
    CHECK(find_code(r, "JX111"));
  }
  const auto small = read("1e308");
  CHECK(small.value.kind == ValueKind::number);
  CHECK(small.value.value == 1e308);
  const auto tiny = read("1e-400");
  CHECK(tiny.value.kind == ValueKind::number);
  CHECK(tiny.value.value == 0);
}

TEST_CASE("approximate quantities", "[value][numeral]") {
  for (const char* text : {"约100人", "100人左右"}) {
    const auto r = read(text);
    INFO("input: [" << text << "]\n" << describe(r));
    CHECK(r.value.kind == ValueKind::number);
    CHECK(r.value.approximate);
    CHECK(r.value.value == 100);
    CHECK(r.value.unit == "人");
  }
  CHECK_FALSE(read("100人").value.approximate);
}

// =============================================================================================
// Units

TEST_CASE("units: multiplier removed, percent folded, metric prefixes and compounds kept", "[value][unit]") {
  for (const auto& c : unit_cases) {
    CAPTURE(c.text);
    check_number(c);
  }
}

TEST_CASE("千 is a count prefix only before a count, not in 千米 or 千克", "[value][unit][numeral]") {
  const auto people = read("3千人");
  CHECK(people.value.multiplier == 1000);
  CHECK(people.value.value == 3000);
  CHECK(people.value.unit == "人");
  const auto km = read("5千米");
  CHECK(km.value.multiplier == 1);
  CHECK(km.value.number == 5);
  CHECK(km.value.value == 5);
  CHECK(km.value.unit == "千米");
  const auto kg = read("1.5千克");
  CHECK(kg.value.multiplier == 1);
  CHECK(kg.value.value == 1.5);
  CHECK(kg.value.unit == "千克");
}

TEST_CASE("a reversed unit is read per unit with a warning", "[value][unit][diagnostic]") {
  const auto r = read("吨/1300元");
  INFO(describe(r));
  REQUIRE(r.value.kind == ValueKind::number);
  CHECK(r.value.value == 1300);
  CHECK(r.value.unit == "元/吨");
  const Diagnostic* d = find_code(r, "JX104");
  REQUIRE(d);
  CHECK(d->severity == Severity::warning);
  CHECK(d->span.column == 1);
  CHECK(r.ok());
}

TEST_CASE("a unit without a number is words, not a quantity", "[value][unit]") {
  const auto r = read("元/人*月");
  INFO(describe(r));
  CHECK(r.value.kind == ValueKind::qualitative);
  CHECK(std::isnan(r.value.value));
}

// =============================================================================================
// Dates

TEST_CASE("dates: deadlines and periods", "[value][date]") {
  for (const auto& c : date_cases) {
    const auto r = read(c.text);
    INFO("input: [" << c.text << "]\n" << describe(r));
    REQUIRE(r.value.kind == ValueKind::date);
    CHECK(r.value.op == c.op);
    CHECK(r.value.date.to_iso() == c.iso);
    CHECK(r.value.date_end.to_iso() == c.iso_end);
    CHECK(r.value.date.every == c.every);
    CHECK(r.value.text == c.words);
    CHECK(std::isnan(r.value.value));
    CHECK(r.ok());
  }
}

TEST_CASE("the spec's date examples field by field", "[value][date]") {
  {
    const Value v = read("2023年12月底").value;
    CHECK(v.kind == ValueKind::date);
    CHECK(v.op == Comparator::none);
    CHECK(v.date.year == 2023);
    CHECK(v.date.month == 12);
    CHECK(v.date.day == 31);
    CHECK(v.date.month_end);
    CHECK(v.date.to_iso() == "2023-12-31");
  }
  {
    const Value v = read("12月底前").value;
    CHECK(v.op == Comparator::le);
    CHECK(v.date.year == 0);
    CHECK(v.date.to_iso() == "--12-31");
  }
  {
    const Value v = read("每月25日前").value;
    CHECK(v.op == Comparator::le);
    CHECK(v.date.every == Recurrence::monthly);
    CHECK(v.date.day == 25);
    CHECK(v.date.month == 0);
    CHECK(v.date.to_iso() == "---25");
  }
  {
    const Value v = read("2021年1月-12月").value;
    CHECK(v.op == Comparator::range);
    CHECK(v.date.to_iso() == "2021-01");
    CHECK(v.date_end.to_iso() == "2021-12");
    CHECK(v.date_end.year == 2021);
  }
}

TEST_CASE("impossible dates are invalid with JX109", "[value][date][diagnostic]") {
  for (const char* text : {"2023年2月30日", "13月"}) {
    const auto r = read(text);
    INFO("input: [" << text << "]\n" << describe(r));
    CHECK(r.value.kind == ValueKind::invalid);
    CHECK(find_code(r, "JX109"));
  }
}

TEST_CASE("CalendarDate::to_iso", "[value][date]") {
  CalendarDate d;
  CHECK(d.empty());
  CHECK(d.to_iso().empty());
  d.year = 2023;
  CHECK(d.to_iso() == "2023");
  d.month = 12;
  CHECK(d.to_iso() == "2023-12");
  d.day = 31;
  CHECK(d.to_iso() == "2023-12-31");
  d.year = 0;
  CHECK(d.to_iso() == "--12-31");
  d.day = 0;
  CHECK(d.to_iso() == "--12");
  CalendarDate monthly;
  monthly.day = 25;
  monthly.every = Recurrence::monthly;
  CHECK(monthly.to_iso() == "---25");
  CalendarDate padded;
  padded.year = 2024;
  padded.month = 3;
  padded.day = 5;
  CHECK(padded.to_iso() == "2024-03-05");
  CHECK(padded == padded);
  CalendarDate other = padded;
  other.month_end = true;
  CHECK(padded != other);
}

// =============================================================================================
// Qualitative values and annotations

TEST_CASE("qualitative values: trimmed words and their category", "[value][qualitative]") {
  for (const auto& c : qualitative_cases) {
    const auto r = read(c.text);
    INFO("input: [" << c.text << "]\n" << describe(r));
    REQUIRE(r.value.kind == ValueKind::qualitative);
    CHECK(r.value.op == c.op);
    CHECK(r.value.text == c.words);
    CHECK(r.value.category == c.category);
    CHECK(std::isnan(r.value.value));
    CHECK(r.value.unit.empty());
  }
}

TEST_CASE("the three official tiers are told apart", "[value][qualitative]") {
  CHECK(read("达成年度指标").value.category == Category::achieved);
  CHECK(read("部分达成年度指标并具有一定效果").value.category == Category::partly_achieved);
  CHECK(read("未达成年度指标且效果较差").value.category == Category::not_achieved);
}

TEST_CASE("words with numbers in them are words, with an info", "[value][qualitative][diagnostic]") {
  const auto r = read("较上年提高5%");
  INFO(describe(r));
  CHECK(r.value.kind == ValueKind::qualitative);
  CHECK(r.value.text == "较上年提高5%");
  CHECK(r.value.category == Category::improve);
  REQUIRE(find_code(r, "JX107"));
  CHECK(find_code(r, "JX107")->severity == Severity::info);
}

TEST_CASE("basis annotations", "[value][qualitative]") {
  for (const auto& c : basis_cases) {
    const auto r = read(c.text);
    INFO("input: [" << c.text << "]\n" << describe(r));
    CHECK(r.value.kind == c.kind);
    CHECK(r.value.basis == c.basis);
    CHECK(r.value.note == c.note);
    CHECK(r.value.raw == c.text);
  }
  const auto r = read("≥95%(计划标准)");
  CHECK(r.value.op == Comparator::ge);
  CHECK(r.value.value == 95);
  CHECK(r.value.unit == "%");
  CHECK(r.diagnostics.empty());
  // An annotation that names no standard is kept as a note, with an info.
  const auto note = read("100%(说明)");
  REQUIRE(find_code(note, "JX108"));
  CHECK(find_code(note, "JX108")->severity == Severity::info);
}

TEST_CASE("a quantity followed by words keeps them in text", "[value][qualitative]") {
  const auto r = read("100%到位");
  INFO(describe(r));
  CHECK(r.value.kind == ValueKind::number);
  CHECK(r.value.value == 100);
  CHECK(r.value.unit == "%");
  CHECK(r.value.text == "到位");
}

// =============================================================================================
// Empty cells and raw text

TEST_CASE("empty cells, blanks and dash placeholders", "[value]") {
  for (const char* text : {"", "   ", "　", "\t"}) {
    const auto r = read(text);
    INFO("input: [" << escape(text) << "]\n" << describe(r));
    CHECK(r.value.kind == ValueKind::empty);
    CHECK(r.diagnostics.empty());
    CHECK(r.value.raw == text);
  }
  for (const char* text : {"/", "—", "-"}) {
    const auto r = read(text);
    INFO("input: [" << text << "]\n" << describe(r));
    CHECK(r.value.kind == ValueKind::empty);
    REQUIRE(find_code(r, "JX110"));
  }
}

TEST_CASE("raw keeps the cell byte for byte", "[value]") {
  const std::string inputs[] = {"  ≥95%  ", "100%。", "≥95%(计划标准)", std::string("95\0%", 4), "\xFF\xFE",
                                "稳步提升\r\n"};
  for (const auto& text : inputs) {
    const auto r = read(text);
    CHECK(r.value.raw == text);
    CHECK(r.value.raw.size() == text.size());
  }
}

// =============================================================================================
// Diagnostics

TEST_CASE("diagnostics: code, severity, column and the reading they come with", "[value][diagnostic]") {
  for (const auto& c : diagnostic_cases) {
    const auto r = read(c.text);
    INFO("input: [" << c.text << "]\n" << describe(r));
    CHECK(r.value.kind == c.kind);
    const Diagnostic* d = find_code(r, c.code);
    REQUIRE(d);
    CHECK(d->severity == c.severity);
    CHECK(d->span.column == c.column);
    CHECK_FALSE(d->message.empty());
  }
}

TEST_CASE("the spec's diagnostic examples exactly", "[value][diagnostic]") {
  {
    const auto r = read("≥**%");
    INFO(describe(r));
    CHECK(r.value.kind == ValueKind::invalid);
    REQUIRE(r.diagnostics.size() == 1);
    CHECK(r.diagnostics[0].code == "JX102");
    CHECK(r.diagnostics[0].severity == Severity::error);
    CHECK(r.diagnostics[0].span.column == 2);
    CHECK_FALSE(r.ok());
  }
  for (const char* text : {"3人/年/6.3", "2人/年/4.2万"}) {
    const auto r = read(text);
    INFO(describe(r));
    CHECK(r.value.kind == ValueKind::invalid);
    REQUIRE_FALSE(r.diagnostics.empty());
    CHECK(r.diagnostics[0].code == "JX103");
    CHECK(r.diagnostics[0].severity == Severity::error);
    CHECK(r.diagnostics[0].span.column == 5);
  }
  {
    const auto r = read("吨/1300元");
    CHECK(r.value.kind == ValueKind::number);
    REQUIRE(r.diagnostics.size() == 1);
    CHECK(r.diagnostics[0].code == "JX104");
    CHECK(r.diagnostics[0].severity == Severity::warning);
  }
}

TEST_CASE("diagnostics come in order of position, an annotation's last", "[value][diagnostic]") {
  struct Ordered {
    const char* text;
    const char* first_code;
    std::uint32_t first_column;
  };
  static const Ordered cases[] = {
      {"较上年提高5%(说明)", "JX107", 1},
      {"90%-80%(说明)", "JX105", 1},
      {"3人/年/6.3(说明)", "JX103", 5},
      {"≥95%以上(备注)", "JX113", 5},
  };
  for (const auto& c : cases) {
    const auto r = read(c.text);  // also checks that columns never decrease
    INFO("input: [" << c.text << "]\n" << describe(r));
    REQUIRE(r.diagnostics.size() == 2);
    CHECK(r.diagnostics[0].code == c.first_code);
    CHECK(r.diagnostics[0].span.column == c.first_column);
    CHECK(r.diagnostics[1].code == "JX108");
  }
}

TEST_CASE("invalid UTF-8 is invalid with JX100 at the first bad byte", "[value][diagnostic]") {
  for (const auto& c : bad_utf8_cases) {
    const auto r = read(c.text);
    INFO("input: [" << escape(c.text) << "]\n" << describe(r));
    CHECK(r.value.kind == ValueKind::invalid);
    const Diagnostic* d = find_code(r, "JX100");
    REQUIRE(d);
    CHECK(d->severity == Severity::error);
    CHECK(d->span.column == c.column);
    CHECK(r.value.raw == c.text);
  }
}

// =============================================================================================
// Robustness

TEST_CASE("every single byte as a cell", "[value][diagnostic]") {
  for (int b = 0; b < 256; ++b) {
    const std::string text(1, static_cast<char>(b));
    CAPTURE(b);
    const auto r = read(text);
    CHECK_NOTHROW(to_string(r.value));
    if (b >= 0x80) {
      // A lone byte ≥ 0x80 is never valid UTF-8.
      CHECK(r.value.kind == ValueKind::invalid);
      CHECK(find_code(r, "JX100"));
    }
    if (b >= '0' && b <= '9') {
      CHECK(r.value.kind == ValueKind::number);
      CHECK(r.value.value == b - '0');
    }
  }
}

TEST_CASE("embedded NUL bytes", "[value][diagnostic]") {
  const std::string inputs[] = {std::string("\0", 1), std::string("95\0%", 4), std::string("\0\0≥95%", 7),
                                std::string("≥95%\0", 6), std::string("稳步\0提升", 13)};
  for (const auto& text : inputs) {
    CAPTURE(escape(text));
    const auto r = read(text);
    CHECK(r.value.raw.size() == text.size());
    CHECK_NOTHROW(to_string(r.value));
  }
  // A NUL inside a number does not silently vanish: 95\0% is not 95%.
  const auto r = read(std::string("95\0%", 4));
  INFO(describe(r));
  CHECK_FALSE((r.value.kind == ValueKind::number && r.value.unit == "%" && r.value.value == 95));
}

TEST_CASE("a 100 KB cell", "[value][diagnostic]") {
  std::string digits(100 * 1024, '9');
  std::string words;
  while (words.size() < 100 * 1024) words += "稳步提升";
  std::string blanks = "≥" + std::string(100 * 1024, ' ') + "95%";
  std::string garbage;
  while (garbage.size() < 100 * 1024) garbage += "≥95%以上3人/年/";
  std::string stars(100 * 1024, '*');
  for (const std::string* text : {&digits, &words, &blanks, &garbage, &stars}) {
    const auto r = read(*text);
    CHECK(r.value.raw.size() == text->size());
    CHECK_NOTHROW(to_string(r.value));
  }
  const auto w = read(words);
  CHECK(w.value.kind == ValueKind::qualitative);
  CHECK(w.value.category == Category::improve);
  const auto b = read(blanks);
  CHECK(b.value.kind == ValueKind::number);
  CHECK(b.value.op == Comparator::ge);
  CHECK(b.value.value == 95);
  const auto s = read(stars);
  CHECK(s.value.kind == ValueKind::invalid);
  CHECK(find_code(s, "JX102"));
}

TEST_CASE("random byte strings never throw and keep the error/invalid invariant", "[value][diagnostic]") {
  std::uint64_t seed = 0x9E3779B97F4A7C15ULL;
  for (int i = 0; i < 3000; ++i) {
    const std::size_t len = next_random(seed) % 24;
    std::string text;
    for (std::size_t k = 0; k < len; ++k) text.push_back(static_cast<char>(next_random(seed) & 0xFF));
    CAPTURE(i);
    const auto r = read(text);
    CHECK_NOTHROW(to_string(r.value));
  }
}

TEST_CASE("random strings of cell tokens never throw and keep the error/invalid invariant", "[value][diagnostic]") {
  static const char* const tokens[] = {
      "0", "1", "5", "9", ".", ",", "，", "-", "～", "至", "%", "％", "万", "亿", "千", "百", "十", "余", "多",
      "一", "两", "五", "零", "〇", "壹", "佰", "分之", "又", "/", "*", "·", "元", "人", "次", "月", "年", "日",
      "底", "前", "每月", "≥", "≤", ">", "<", "=", "═", "以上", "以下", "以内", "不低于", "超过", "不满", "约",
      "左右", "(", ")", "（", "）", "[", "]", "计划标准", "提升", "稳定", "依据", "达成", "e", "E", "k", "半",
      "成", "折", " ", "　", "。", "\xFF", "\xE4", "" /* NUL */, "1e400", "介于", "之间",
      "和", "且", "并", "第", "季度", "上半年", "千米", "公顷", "百分比", "点", "负", "几",
  };
  constexpr std::size_t n_tokens = sizeof tokens / sizeof tokens[0];
  std::uint64_t seed = 20240601;
  for (int i = 0; i < 4000; ++i) {
    const std::size_t len = next_random(seed) % 9;
    std::string text;
    for (std::size_t k = 0; k < len; ++k) {
      const char* t = tokens[next_random(seed) % n_tokens];
      if (*t == '\0') text.push_back('\0');
      else text += t;
    }
    CAPTURE(escape(text));
    const auto r = read(text);
    CHECK_NOTHROW(to_string(r.value));
  }
}

#ifdef JIXIAO_TEST_GUARD_PAGES
TEST_CASE("parse_value never reads past the end of its input", "[value][diagnostic]") {
  std::vector<std::string> inputs = all_inputs();
  // Cells cut in the middle of a UTF-8 sequence or of a keyword.
  for (const char* t : {"≥95%", "两千四百五", "十余万", "2023年12月底", "80%-90%", "稳步提升(计划标准)"}) {
    const std::string s(t);
    for (std::size_t n = 0; n <= s.size(); ++n) inputs.push_back(s.substr(0, n));
  }
  for (const auto& text : inputs) {
    CAPTURE(escape(text));
    GuardedCopy copy(text);
    ValueParse r;
    REQUIRE_NOTHROW(r = parse_value(copy.view()));
    CHECK(r.value.raw == text);
    CHECK(has_error(r) == (r.value.kind == ValueKind::invalid));
  }
}
#endif

TEST_CASE("an error diagnostic if and only if the value is invalid, over every test input", "[value][diagnostic]") {
  for (const auto& text : all_inputs()) {
    CAPTURE(escape(text));
    read(text);  // checks the invariants
  }
}

// =============================================================================================
// Reusing a ValueParse

TEST_CASE("parsing into the same ValueParse gives the same result as a fresh parse", "[value]") {
  SECTION("field by field, after values that set every field") {
    const char* const first[] = {"≥95%(计划标准)", "80%-90%", "(80%,90%)", "2021年1月-12月", "每月25日前",
                                 "约100人",         "≥**%",    "吨/1300元", "稳步提升(行业标准)", "十余万",
                                 "100%到位",        "3人/年/6.3"};
    const char* const second[] = {"稳步提升", "90%", "[80%,90%]", "100%", "", "100人", "5", "1.7", "/", "=提高"};
    for (const char* a : first) {
      for (const char* b : second) {
        CAPTURE(a, b);
        ValueParse reused;
        parse_value(a, reused);
        parse_value(b, reused);
        const ValueParse fresh = parse_value(b);
        CHECK(reused.value == fresh.value);
        CHECK(reused.value.raw == b);
        CHECK(reused.value.basis == fresh.value.basis);
        CHECK(reused.value.note == fresh.value.note);
        CHECK(reused.value.approximate == fresh.value.approximate);
        CHECK(reused.value.lower_inclusive == fresh.value.lower_inclusive);
        CHECK(reused.value.upper_inclusive == fresh.value.upper_inclusive);
        CHECK(same(reused.value.upper, fresh.value.upper));
        CHECK(reused.value.date == fresh.value.date);
        CHECK(reused.value.date_end == fresh.value.date_end);
        CHECK(reused.diagnostics == fresh.diagnostics);
      }
    }
  }
  SECTION("over every test input in sequence") {
    ValueParse reused;
    for (const auto& text : all_inputs()) {
      CAPTURE(escape(text));
      parse_value(text, reused);
      const ValueParse fresh = parse_value(text);
      CHECK(reused.value == fresh.value);
      CHECK(reused.diagnostics == fresh.diagnostics);
    }
  }
}

// =============================================================================================
// Spelling, comparison, enums

TEST_CASE("to_string gives the canonical spelling", "[value]") {
  struct Spelling {
    const char* text;
    const char* canonical;
  };
  static const Spelling spellings[] = {
      {"≥10141人次", "≥10141人次"}, {"≤202.6万元", "≤202.6万元"}, {"95%以上", "≥95%"},
      {"不低于85%", "≥85%"},         {"80%-90%", "80%～90%"},         {"稳步提升", "稳步提升"},
      {"2023年12月底前", "2023年12月底前"}, {"12月底前", "12月底前"}, {"每月25日前", "每月25日前"},
      {"=提高", "=提高"},            {"≥95%(计划标准)", "≥95%(计划标准)"}, {"/", ""},
      {"", ""},                      {"≥**%", "≥**%"},                {"1.2万", "1.2万"},
      {"44,561", "44561"},           {"100元/人*月", "100元/人·月"},   {"10％", "10%"},
  };
  for (const auto& s : spellings) {
    CAPTURE(s.text);
    CHECK(to_string(read(s.text).value) == s.canonical);
  }
}

TEST_CASE("equivalent ignores raw; operator== does not", "[value]") {
  const Value a = read("≥95%").value;
  const Value b = read(" ≥95% ").value;
  const Value c = read("95%以上").value;
  CHECK(equivalent(a, b));
  CHECK(equivalent(a, c));
  CHECK(a != b);
  CHECK(a == read("≥95%").value);
  CHECK_FALSE(equivalent(a, read("≥96%").value));
  CHECK_FALSE(equivalent(a, read(">95%").value));
  CHECK_FALSE(equivalent(a, read("≥95人").value));
  // NaN fields compare equal to NaN.
  CHECK(equivalent(read("稳步提升").value, read("稳步提升").value));
  // Invalid values: by trimmed raw text.
  CHECK(equivalent(read("≥**%").value, read(" ≥**% ").value));
  CHECK_FALSE(equivalent(read("≥**%").value, read("≥***").value));
}

TEST_CASE("enum spellings and stream output", "[value]") {
  CHECK(to_string(ValueKind::number) == "number");
  CHECK(to_string(ValueKind::qualitative) == "qualitative");
  CHECK(to_string(ValueKind::date) == "date");
  CHECK(to_string(ValueKind::empty) == "empty");
  CHECK(to_string(ValueKind::invalid) == "invalid");
  CHECK(to_string(Comparator::ge) == ">=");
  CHECK(to_string(Comparator::gt) == ">");
  CHECK(to_string(Comparator::le) == "<=");
  CHECK(to_string(Comparator::lt) == "<");
  CHECK(to_string(Comparator::eq) == "=");
  CHECK(to_string(Comparator::range) == "range");
  CHECK(to_string(Comparator::none).empty());
  CHECK(to_string(Category::improve) == "improve");
  CHECK(to_string(Category::maintain) == "maintain");
  CHECK(to_string(Category::reduce) == "reduce");
  CHECK(to_string(Category::timely) == "timely");
  CHECK(to_string(Category::compliant) == "compliant");
  CHECK(to_string(Category::yes) == "yes");
  CHECK(to_string(Category::no) == "no");
  CHECK(to_string(Category::achieved) == "achieved");
  CHECK(to_string(Category::partly_achieved) == "partly_achieved");
  CHECK(to_string(Category::not_achieved) == "not_achieved");
  CHECK(to_string(Category::rule_reference) == "rule_reference");
  CHECK(to_string(Category::none).empty());
  CHECK(to_string(Basis::plan) == "plan");
  CHECK(to_string(Basis::industry) == "industry");
  CHECK(to_string(Basis::history) == "history");
  CHECK(to_string(Basis::other) == "other");
  CHECK(to_string(Basis::none).empty());
  std::ostringstream os;
  os << ValueKind::number << '|' << Comparator::ge << '|' << Comparator::none << '|' << read("≥95%").value << '|'
     << read("").value;
  CHECK(os.str() == "number|>=|none|number ≥95%|empty");
}

// =============================================================================================
// Round trip

TEST_CASE("to_string parses back to an equivalent value, over every test input and corpus line", "[roundtrip]") {
  std::size_t checked = 0;
  for (const auto& text : all_inputs()) {
    const ValueParse first = parse_value(text);
    const std::string spelled = to_string(first.value);
    const ValueParse second = parse_value(spelled);
    INFO("input: [" << escape(text) << "]\n  first:  " << describe(first) << "\n  spelled: [" << escape(spelled)
                    << "]\n  second: " << describe(second));
    CHECK(equivalent(first.value, second.value));
    if (first.value.kind != ValueKind::invalid) {
      // The canonical spelling is a fixed point and reads without an error.
      CHECK(to_string(second.value) == spelled);
      CHECK(second.ok());
    }
    ++checked;
  }
  CHECK(checked > 400);
}

TEST_CASE("the round trip also holds for each single byte", "[roundtrip]") {
  for (int b = 0; b < 256; ++b) {
    CAPTURE(b);
    const Value v = parse_value(std::string(1, static_cast<char>(b))).value;
    CHECK(equivalent(v, parse_value(to_string(v)).value));
  }
}

// ---------------------------------------------------------------------------------------------
// Found in review: each of these was read wrongly without a diagnostic.

TEST_CASE("a range's multiplier written once applies to both ends", "[value][numeral]") {
  struct Case { const char* in; double lo, hi, number, multiplier; const char* unit; };
  const Case cases[] = {
      {"50-100万元", 500000, 1000000, 50, 1e4, "元"},   {"1-2亿元", 1e8, 2e8, 1, 1e8, "元"},
      {"十至二十万", 100000, 200000, 10, 1e4, ""},       {"5-10万元/人", 50000, 100000, 5, 1e4, "元/人"},
      {"1.5-2万元", 15000, 20000, 1.5, 1e4, "元"},       {"3-5万人次", 30000, 50000, 3, 1e4, "人次"},
      {"5000-1万元", 5000, 10000, 5000, 1, "元"},  // the multiplier would put 5000 above 1万
  };
  for (const auto& c : cases) {
    INFO(c.in);
    const auto r = jixiao::parse_value(c.in);
    CHECK(r.value.op == Comparator::range);
    CHECK(r.value.value == c.lo);
    CHECK(r.value.upper == c.hi);
    CHECK(r.value.number == c.number);
    CHECK(r.value.multiplier == c.multiplier);
    CHECK(r.value.unit == c.unit);
    CHECK(r.diagnostics.empty());
  }
}

TEST_CASE("words that begin with a numeral character are words", "[value][qualitative]") {
  for (const char* w : {"一般", "百姓满意", "千方百计", "十四五规划", "一次性发放", "一站式服务", "零容忍", "三级甲等"}) {
    INFO(w);
    const auto r = jixiao::parse_value(w);
    CHECK(r.value.kind == ValueKind::qualitative);
    CHECK(r.value.text == w);
  }
  // …while counts with a measure word or unit stay counts.
  for (const char* q : {"十二个月", "两千人次", "三个工作日", "五所", "十五美元", "8亿元人民币"}) {
    INFO(q);
    CHECK(jixiao::parse_value(q).value.kind == ValueKind::number);
  }
}

TEST_CASE("month/day before a deadline word is a date", "[value][date]") {
  const auto r = jixiao::parse_value("6/30前");
  CHECK(r.value.kind == ValueKind::date);
  CHECK(r.value.op == Comparator::le);
  CHECK(r.value.date.to_iso() == "--06-30");
  CHECK(jixiao::parse_value("3/5").value.kind == ValueKind::number);  // alone: a fraction
}

TEST_CASE("month, day or year 0 is no date", "[value][date][diagnostic]") {
  for (const char* d : {"2024-00-00", "2024年2月0日", "0000年1月"}) {
    INFO(d);
    CHECK(jixiao::parse_value(d).value.kind != ValueKind::date);
  }
}

TEST_CASE("(含) and (不含) next to a bound", "[value][comparator]") {
  struct Case { const char* in; Comparator op; double value; };
  const Case cases[] = {{"90%(含)以上", Comparator::ge, 90},   {"95%（含95%）以上", Comparator::ge, 95},
                        {"≥95%(含95%)", Comparator::ge, 95},   {"≥95%(含)", Comparator::ge, 95},
                        {"≥95%（不含）", Comparator::gt, 95},  {"≤5%(不含5%)", Comparator::lt, 5}};
  for (const auto& c : cases) {
    INFO(c.in);
    const auto r = jixiao::parse_value(c.in);
    CHECK(r.value.kind == ValueKind::number);
    CHECK(r.value.op == c.op);
    CHECK(r.value.value == c.value);
    CHECK(r.ok());
    for (const auto& d : r.diagnostics) CHECK(d.code != "JX108");  // (含) is understood, not a note
  }
}

TEST_CASE("前 and 后 end a unit", "[value][unit]") {
  CHECK(jixiao::parse_value("30日前").value.unit == "日");
  CHECK(jixiao::parse_value("3天后").value.unit == "天");
}

TEST_CASE("canonical spelling keeps any power-of-ten multiplier", "[value][roundtrip]") {
  for (const char* in : {"5千亿元", "3十万人", "2十万亿", "4.78万亿"}) {
    INFO(in);
    const auto v = jixiao::parse_value(in).value;
    const auto back = jixiao::parse_value(jixiao::to_string(v)).value;
    CHECK(jixiao::equivalent(v, back));
  }
}

TEST_CASE("a unit written in brackets after a bare number is applied, with a warning", "[value][unit]") {
  const auto r = jixiao::parse_value("100（万元）");
  CHECK(r.value.value == 1000000);
  CHECK(r.value.unit == "元");
  CHECK(r.value.note.empty());
  REQUIRE(r.diagnostics.size() == 1);
  CHECK(r.diagnostics[0].code == "JX114");
  // A remark in brackets stays a remark.
  const auto remark = jixiao::parse_value("100(说明)");
  CHECK(remark.value.unit.empty());
  CHECK(remark.value.note == "说明");
}

TEST_CASE("frequencies, 'more than' after a unit, quarters", "[value][unit][date]") {
  struct Case { const char* in; Comparator op; double value; const char* unit; };
  const Case cases[] = {{"每月1次", Comparator::none, 1, "次/月"},
                        {"每年≥2次", Comparator::ge, 2, "次/年"},
                        {"每人每年500元", Comparator::none, 500, "元/人·年"},
                        {"3年多", Comparator::gt, 3, "年"}};
  for (const auto& c : cases) {
    INFO(c.in);
    const auto r = jixiao::parse_value(c.in);
    CHECK(r.value.kind == ValueKind::number);
    CHECK(r.value.op == c.op);
    CHECK(r.value.value == c.value);
    CHECK(r.value.unit == c.unit);
    CHECK(r.value.text.empty());
    CHECK(jixiao::equivalent(jixiao::parse_value(jixiao::to_string(r.value)).value, r.value));
  }
  const auto q = jixiao::parse_value("第四季度");
  CHECK(q.value.kind == ValueKind::date);
  CHECK(q.value.op == Comparator::range);
  CHECK(q.value.date.to_iso() == "--10");
  CHECK(q.value.date_end.to_iso() == "--12-31");
  CHECK(jixiao::equivalent(jixiao::parse_value(jixiao::to_string(q.value)).value, q.value));
}
