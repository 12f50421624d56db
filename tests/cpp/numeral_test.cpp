// jixiao: budget performance management (预算绩效管理) for C++ and Python.
// SPDX-License-Identifier: MIT
//
// The internal numeral scanner and the exact decimal behind it: exactness, overflow fallback,
// the rules of Chinese numerals, fractions, and never reading past `last`.
#include <catch2/catch.hpp>

#include <jixiao/detail/decimal.hpp>
#include <jixiao/detail/numeral.hpp>

#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <string>
#include <string_view>

#include "guarded_copy.hpp"

using jixiao::detail::chinese_digit_value;
using jixiao::detail::Decimal;
using jixiao::detail::Numeral;
using jixiao::detail::NumeralOptions;
using jixiao::detail::scan_numeral;

namespace {

Decimal dec(std::uint64_t mantissa, int exponent) {
  Decimal d = Decimal::integer(mantissa);
  d.scale10(exponent);
  return d;
}

/// The result of one scan: whether it matched, how many bytes it took, what it read.
struct Scan {
  bool ok = false;
  std::size_t used = 0;
  Numeral n;
  double value() const { return n.amount.to_double(); }
};

Scan scan(std::string_view text, NumeralOptions options = {}) {
  Scan s;
  const char* first = text.data();
  s.ok = scan_numeral(first, text.data() + text.size(), options, s.n);
  s.used = static_cast<std::size_t>(first - text.data());
  return s;
}

#ifdef JIXIAO_TEST_GUARD_PAGES
using jixiao::test::GuardedCopy;
#endif

struct Case {
  const char* text;
  double value;
  int multiplier_exp;
  bool more;
  bool chinese;
};

/// Whole inputs that are one numeral: value, multiplier exponent, 余/多/几, Chinese.
const Case whole_numerals[] = {
    {"0", 0, 0, false, false},
    {"10141", 10141, 0, false, false},
    {"44,561", 44561, 0, false, false},
    {"1,000,000", 1000000, 0, false, false},
    {"０.５", 0.5, 0, false, false},
    {"７.５", 7.5, 0, false, false},
    {".5", 0.5, 0, false, false},
    {"2e5", 200000, 0, false, false},
    {"1.5e3", 1500, 0, false, false},
    {"-5", -5, 0, false, false},
    {"－５", -5, 0, false, false},
    {"−3", -3, 0, false, false},
    {"0.0900000762939453", 0.0900000762939453, 0, false, false},
    {"40k", 40000, 3, false, false},
    {"2.5M", 2500000, 6, false, false},
    // Chinese numerals
    {"零", 0, 0, false, true},
    {"十", 10, 0, false, true},
    {"十二", 12, 0, false, true},
    {"二十", 20, 0, false, true},
    {"一百零一", 101, 0, false, true},
    {"一千零一", 1001, 0, false, true},
    {"两千零五十", 2050, 0, false, true},
    {"两千四百五", 2450, 0, false, true},   // elision: the last digit stands for the next lower place
    {"三百五", 350, 0, false, true},
    {"一万三", 13000, 0, false, true},
    {"五亿零六", 500000006, 0, false, true},  // 零 cancels the elision
    {"十万零五", 100005, 0, false, true},
    {"十万八千", 108000, 0, false, true},
    {"四千零五万", 40050000, 4, false, true},
    {"八千八百八十八万八千八百八十八", 88888888, 0, false, true},
    {"壹佰伍拾", 150, 0, false, true},
    {"壹仟贰佰叁拾肆", 1234, 0, false, true},
    {"贰拾", 20, 0, false, true},
    {"负三", -3, 0, false, true},
    {"三点五", 3.5, 0, false, true},
    // multipliers
    {"1.2万", 12000, 4, false, true},
    {"202.6万", 2026000, 4, false, true},
    {"四万万", 400000000, 8, false, true},
    {"10万万", 1000000000, 8, false, true},
    {"4.78万亿", 4780000000000, 12, false, true},
    {"三点五万", 35000, 4, false, true},
    // 余/多/几: more than
    {"十余万", 100000, 4, true, true},
    {"十多万", 100000, 4, true, true},
    {"十几万", 100000, 4, true, true},
    {"几十", 10, 0, true, true},
    // positional: digits without units
    {"二〇二三", 2023, 0, false, true},
    {"三八", 38, 0, false, true},
};

}  // namespace

// =============================================================================================
// Decimal

TEST_CASE("Decimal: digits and powers of ten are exact", "[numeral]") {
  Decimal d;
  CHECK(d.exact());
  CHECK(d.is_zero());
  CHECK(d.to_double() == 0);
  for (int digit : {2, 0, 2, 6}) CHECK(d.push_digit(digit));
  CHECK(d.mantissa() == 2026);
  CHECK(d.exponent() == 0);
  d.scale10(-1);  // 202.6
  CHECK(d.to_double() == 202.6);
  d.scale10(4);   // 202.6万
  CHECK(d.exact());
  CHECK(d.to_double() == 2026000.0);
}

TEST_CASE("Decimal: additions are exact in decimal", "[numeral]") {
  Decimal a = dec(1, -1);
  a.add(dec(2, -1));
  CHECK(a.exact());
  CHECK(a.to_double() == 0.3);
  CHECK(0.1 + 0.2 != 0.3);  // binary floating point would not be
  Decimal b = dec(7, -2);   // 0.07
  b.scale10(4);
  CHECK(b.to_double() == 700.0);
  CHECK(0.07 * 1e4 != 700.0);
  Decimal c = dec(4, 3);  // 4000 + 5 = 4005
  c.add(Decimal::integer(5));
  CHECK(c.exact());
  CHECK(c.to_double() == 4005);
  Decimal z;
  z.add(dec(15, -1));
  CHECK(z.to_double() == 1.5);
  Decimal w = dec(15, -1);
  w.add(Decimal());
  CHECK(w.to_double() == 1.5);
}

TEST_CASE("Decimal: multiply, negate, divide", "[numeral]") {
  Decimal d = Decimal::integer(4);
  d.multiply(1000);
  CHECK(d.exact());
  CHECK(d.to_double() == 4000);
  d.negate();
  CHECK(d.negative());
  CHECK(d.to_double() == -4000);
  d.negate();
  CHECK_FALSE(d.negative());
  Decimal third = Decimal::integer(1);
  third.divide(Decimal::integer(3));
  CHECK_FALSE(third.exact());
  CHECK(third.to_double() == 1.0 / 3);
  // Opposite signs: the sum is still right.
  Decimal e = Decimal::integer(5);
  Decimal m = Decimal::integer(3);
  m.negate();
  e.add(m);
  CHECK(e.to_double() == 2);
}

TEST_CASE("Decimal: rounding to double happens once, correctly", "[numeral]") {
  // 2^53 + 1 is not a double: round half to even gives 2^53.
  CHECK(Decimal::integer(9007199254740993ULL).to_double() == 9007199254740992.0);
  CHECK(Decimal::integer(9007199254740995ULL).to_double() == 9007199254740996.0);
  // A mantissa past 2^53 with a negative exponent.
  CHECK(dec(12345678901234567ULL, -17).to_double() == 0.12345678901234567);
  // Exponents past the exact powers of ten.
  CHECK(dec(1, 25).to_double() == 1e25);
  CHECK(dec(1, -30).to_double() == 1e-30);
  CHECK(dec(17976931348623157ULL, 292).to_double() == std::numeric_limits<double>::max());
}

TEST_CASE("Decimal: overflow falls back to an approximate value of the right magnitude", "[numeral]") {
  SECTION("pushing more digits than 64 bits hold") {
    Decimal d;
    bool all_exact = true;
    for (int i = 0; i < 25; ++i) all_exact = d.push_digit(1) && all_exact;  // 25 ones
    CHECK_FALSE(all_exact);
    CHECK_FALSE(d.exact());
    CHECK(d.to_double() == Approx(1111111111111111111111111.0).epsilon(1e-15));
  }
  SECTION("pushing 40 nines") {
    Decimal d;
    for (int i = 0; i < 40; ++i) d.push_digit(9);
    CHECK(d.to_double() == Approx(1e40).epsilon(1e-15));
  }
  SECTION("fraction digits past 64 bits keep the value") {
    // 1.00000000000000000000001: 24 digits, then scaled by 10^-23.
    Decimal d;
    d.push_digit(1);
    for (int i = 0; i < 22; ++i) d.push_digit(0);
    d.push_digit(1);
    d.scale10(-23);
    CHECK(d.to_double() == Approx(1.0).epsilon(1e-15));
  }
  SECTION("multiplying past 64 bits") {
    Decimal d = Decimal::integer(std::numeric_limits<std::uint64_t>::max());
    d.multiply(7);
    CHECK_FALSE(d.exact());
    CHECK(d.to_double() == Approx(18446744073709551615.0 * 7).epsilon(1e-15));
  }
  SECTION("adding past 64 bits") {
    Decimal d = Decimal::integer(std::numeric_limits<std::uint64_t>::max());
    d.add(Decimal::integer(std::numeric_limits<std::uint64_t>::max()));
    CHECK(d.to_double() == Approx(2 * 18446744073709551615.0).epsilon(1e-15));
  }
  SECTION("a huge exponent is infinite, not garbage") {
    Decimal d = dec(1, 400);
    CHECK(std::isinf(d.to_double()));
    CHECK(d.to_double() > 0);
    Decimal tiny = dec(1, -400);
    CHECK(tiny.to_double() == 0);
  }
  SECTION("an inexact value keeps its sign and scale") {
    Decimal d = Decimal::inexact(2.5);
    CHECK_FALSE(d.exact());
    d.scale10(2);
    CHECK(d.to_double() == 250);
    d.negate();
    CHECK(d.to_double() == -250);
    CHECK_FALSE(d.is_zero());
    CHECK(Decimal::inexact(0).is_zero());
  }
}

// =============================================================================================
// Scanner

TEST_CASE("scan_numeral reads whole numerals", "[numeral]") {
  for (const auto& c : whole_numerals) {
    const Scan s = scan(c.text);
    INFO("input: [" << c.text << "] ok=" << s.ok << " used=" << s.used << " value=" << s.value()
                    << " mexp=" << s.n.multiplier_exp << " more=" << s.n.more << " chinese=" << s.n.chinese);
    REQUIRE(s.ok);
    CHECK(s.used == std::strlen(c.text));
    CHECK(s.value() == c.value);
    CHECK(s.n.more == c.more);
    CHECK(s.n.chinese == c.chinese);
    CHECK_FALSE(s.n.fraction);
    if (!c.chinese || c.multiplier_exp != 0) CHECK(s.n.multiplier_exp == c.multiplier_exp);
  }
}

TEST_CASE("scan_numeral: 202.6万 is exact, its multiplier is 10^4", "[numeral]") {
  const Scan s = scan("202.6万");
  REQUIRE(s.ok);
  CHECK(s.n.amount.exact());
  CHECK(s.value() == 2026000.0);
  CHECK(s.n.multiplier_exp == 4);
}

TEST_CASE("scan_numeral: elision, 零 and multiplication of section units", "[numeral]") {
  CHECK(scan("两千四百五").value() == 2450);
  CHECK(scan("五亿零六").value() == 500000006);
  CHECK(scan("四万万").value() == 4e8);
  CHECK(scan("一万三").value() == 13000);
  CHECK(scan("一千零一").value() == 1001);
  const Scan s = scan("十几万");
  CHECK(s.value() == 100000);
  CHECK(s.n.more);
  const Scan y = scan("二〇二三");
  CHECK(y.value() == 2023);
  CHECK(y.n.multiplier_exp == 0);
}

TEST_CASE("scan_numeral: fractions", "[numeral]") {
  struct F {
    const char* text;
    double value;
  };
  static const F fractions[] = {
      {"三分之一", 1.0 / 3}, {"3/5", 0.6},         {"1 3/5", 1.6},   {"-3/2", -1.5},
      {"三又二分之一", 3.5}, {"三百五十又3分之1", 350 + 1.0 / 3}, {"1 ３/5", 1.6},
  };
  for (const auto& f : fractions) {
    const Scan s = scan(f.text);
    INFO("input: [" << f.text << "] used=" << s.used << " value=" << s.value());
    REQUIRE(s.ok);
    CHECK(s.used == std::strlen(f.text));
    CHECK(s.n.fraction);
    CHECK(s.value() == Approx(f.value).epsilon(1e-15));
  }
  // A zero denominator is not a fraction.
  const Scan z = scan("1/0");
  CHECK(z.ok);
  CHECK_FALSE(z.n.fraction);
  CHECK(z.used == 1);
}

TEST_CASE("scan_numeral stops where the numeral ends", "[numeral]") {
  struct Stop {
    const char* text;
    std::size_t used;
    double value;
  };
  static const Stop stops[] = {
      {"3千人", 4, 3000},      // 千 is a multiplier after Arabic digits
      {"5千米", 1, 5},         // 千米 is a unit
      {"5千克", 1, 5},
      {"5%", 1, 5},
      {"95%以上", 2, 95},
      {"1,00", 1, 1},          // a separator needs exactly three digits
      {"12,34", 2, 12},
      {"1.2.3", 3, 1.2},
      {"5e", 1, 5},
      {"5e3x", 1, 5},          // 5e3x is not an exponent
      {"5km", 1, 5},
      {"10141人次", 5, 10141},
      {"3人/年/6.3", 1, 3},
  };
  for (const auto& st : stops) {
    const Scan s = scan(st.text);
    INFO("input: [" << st.text << "] used=" << s.used << " value=" << s.value());
    REQUIRE(s.ok);
    CHECK(s.used == st.used);
    CHECK(s.value() == st.value);
  }
}

TEST_CASE("scan_numeral rejects what is no numeral and leaves first alone", "[numeral]") {
  for (const char* text : {"", "abc", "万", "百分比", "元", "%", " 5", "≥5"}) {
    const char* first = text;
    Numeral n;
    INFO("input: [" << text << "]");
    CHECK_FALSE(scan_numeral(first, text + std::strlen(text), NumeralOptions{}, n));
    CHECK(first == text);
  }
}

TEST_CASE("scan_numeral options", "[numeral]") {
  NumeralOptions no_sep;
  no_sep.thousands_separators = false;
  const Scan s = scan("80,100", no_sep);
  REQUIRE(s.ok);
  CHECK(s.used == 2);
  CHECK(s.value() == 80);
  CHECK(scan("80,100").value() == 80100);
  NumeralOptions no_sign;
  no_sign.sign = false;
  CHECK_FALSE(scan("-5", no_sign).ok);
  CHECK(scan("-5").value() == -5);
}

TEST_CASE("scan_numeral: long digit strings keep their magnitude", "[numeral]") {
  const Scan a = scan("99999999999999999999999");  // 23 digits
  REQUIRE(a.ok);
  CHECK(a.used == 23);
  CHECK(a.value() == Approx(1e23).epsilon(1e-15));
  const Scan b = scan("1.00000000000000000000001");
  REQUIRE(b.ok);
  CHECK(b.value() == Approx(1.0).epsilon(1e-15));
  const Scan c = scan("1e400");
  REQUIRE(c.ok);
  CHECK(c.used == 5);
  CHECK(std::isinf(c.value()));
  const std::string many(1000, '7');
  const Scan d = scan(many);
  REQUIRE(d.ok);
  CHECK(d.used == many.size());
  CHECK(d.value() > 1e300);  // 7.7…e999 overflows; it must not come out as 7.8e19
}

TEST_CASE("chinese_digit_value", "[numeral]") {
  CHECK(chinese_digit_value(U'零') == 0);
  CHECK(chinese_digit_value(U'〇') == 0);
  CHECK(chinese_digit_value(U'一') == 1);
  CHECK(chinese_digit_value(U'壹') == 1);
  CHECK(chinese_digit_value(U'二') == 2);
  CHECK(chinese_digit_value(U'两') == 2);
  CHECK(chinese_digit_value(U'贰') == 2);
  CHECK(chinese_digit_value(U'叁') == 3);
  CHECK(chinese_digit_value(U'肆') == 4);
  CHECK(chinese_digit_value(U'伍') == 5);
  CHECK(chinese_digit_value(U'陆') == 6);
  CHECK(chinese_digit_value(U'柒') == 7);
  CHECK(chinese_digit_value(U'捌') == 8);
  CHECK(chinese_digit_value(U'玖') == 9);
  CHECK(chinese_digit_value(U'九') == 9);
  CHECK(chinese_digit_value(U'十') == -1);
  CHECK(chinese_digit_value(U'万') == -1);
  CHECK(chinese_digit_value(U'5') == -1);
  CHECK(chinese_digit_value(U'a') == -1);
}

// =============================================================================================
// Bounds

TEST_CASE("scan_numeral never reads past last: a string_view cut inside a UTF-8 sequence", "[numeral]") {
  // The bytes after `last` would change the reading if they were read.
  SECTION("1万 cut after the first byte of 万") {
    const std::string full = "1万";
    const char* first = full.data();
    Numeral n;
    REQUIRE(scan_numeral(first, full.data() + 2, NumeralOptions{}, n));
    CHECK(first == full.data() + 1);
    CHECK(n.amount.to_double() == 1);
    CHECK(n.multiplier_exp == 0);
  }
  SECTION("两千四百五 cut inside 千") {
    const std::string full = "两千四百五";
    for (std::size_t cut : {4u, 5u}) {
      const char* first = full.data();
      Numeral n;
      REQUIRE(scan_numeral(first, full.data() + cut, NumeralOptions{}, n));
      CHECK(first == full.data() + 3);
      CHECK(n.amount.to_double() == 2);
    }
  }
  SECTION("三 cut inside its own sequence: nothing to read") {
    const std::string full = "三";
    for (std::size_t cut : {1u, 2u}) {
      const char* first = full.data();
      Numeral n;
      CHECK_FALSE(scan_numeral(first, full.data() + cut, NumeralOptions{}, n));
      CHECK(first == full.data());
    }
  }
  SECTION("digits cut short") {
    const std::string full = "12345";
    const char* first = full.data();
    Numeral n;
    REQUIRE(scan_numeral(first, full.data() + 3, NumeralOptions{}, n));
    CHECK(n.amount.to_double() == 123);
    CHECK(first == full.data() + 3);
  }
  SECTION("separator, decimal point, exponent and fraction cut short") {
    struct Cut {
      const char* full;
      std::size_t cut;
      std::size_t used;
      double value;
    };
    static const Cut cuts[] = {
        {"44,561", 5, 2, 44},   {"1.5", 2, 1, 1},     {"2e5", 2, 1, 2},    {"3/5", 2, 1, 3},
        {"1 3/5", 4, 1, 1},     {"十余万", 7, 6, 10}, {"三分之一", 9, 3, 3}, {"１２", 5, 3, 1},
        {"-5", 1, 0, 0},
    };
    for (const auto& c : cuts) {
      const std::string full = c.full;
      const char* first = full.data();
      Numeral n;
      INFO("input: [" << c.full << "] cut at " << c.cut);
      const bool ok = scan_numeral(first, full.data() + c.cut, NumeralOptions{}, n);
      if (c.used == 0) {
        CHECK_FALSE(ok);
        continue;
      }
      REQUIRE(ok);
      CHECK(static_cast<std::size_t>(first - full.data()) == c.used);
      CHECK(n.amount.to_double() == c.value);
    }
  }
#ifdef JIXIAO_TEST_GUARD_PAGES
  SECTION("every prefix of every numeral, placed before an inaccessible page") {
    static const char* const texts[] = {
        "两千四百五", "五亿零六", "四万万", "十几万", "二〇二三", "三分之一", "3/5", "1 3/5", "1.2万",
        "44,561", "0.0900000762939453", "2e5", "40k", "负三十二", "三又二分之一", "三点五万", "百分之五十",
        "壹佰伍拾", "１２．５", "3千人", "5千米", "1e400", "十余万"};
    for (const char* t : texts) {
      const std::string full = t;
      for (std::size_t cut = 0; cut <= full.size(); ++cut) {
        GuardedCopy copy(std::string_view(full).substr(0, cut));
        const std::string_view v = copy.view();
        const char* first = v.data();
        Numeral n;
        INFO("input: [" << t << "] cut at " << cut);
        const bool ok = scan_numeral(first, v.data() + v.size(), NumeralOptions{}, n);
        CHECK(first >= v.data());
        CHECK(first <= v.data() + v.size());
        if (!ok) CHECK(first == v.data());
      }
    }
  }
#endif
}
