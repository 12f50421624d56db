// jixiao: budget performance management (预算绩效管理) for C++ and Python.
// SPDX-License-Identifier: MIT
//
// The numeral scanner.  Chinese numerals are evaluated with a stack of (amount, level) entries:
// a place unit (十百千) turns the pending digit into an entry; a section unit (万亿兆) folds every
// trailing entry of a lower level into one (`四千零五万` = (4000 + 5) × 1e4) or, when nothing
// is pending, multiplies the last entry (`四万万` = 4e8, `4.78万亿`).  A final digit right after
// a unit of 100 or more stands for the next lower place (`两千四百五` = 2450, `一万三` = 13000)
// unless a 零 intervened (`五亿零六` = 500000006).
#include <jixiao/detail/numeral.hpp>
#include <jixiao/detail/utf8.hpp>

#include <cmath>
#include <new>

namespace jixiao::detail {
namespace {

int small_unit_exp(char32_t c) noexcept {
  switch (c) {
    case U'十': case U'拾': return 1;
    case U'百': case U'佰': return 2;
    case U'千': case U'仟': return 3;
    default: return -1;
  }
}

int big_unit_exp(char32_t c) noexcept {
  switch (c) {
    case U'万': case U'萬': return 4;
    case U'亿': case U'億': return 8;
    case U'兆': return 12;
    default: return -1;
  }
}

bool is_minus(char32_t c) noexcept {
  return c == U'-' || c == 0xFF0D || c == 0x2212 || c == U'负' || c == U'負';
}

/// Reads code points without ever passing `last`.
struct Cursor {
  const char* p;
  const char* last;
  CodePoint peek() const noexcept { return decode_utf8(p, last); }
  CodePoint peek_at(const char* q) const noexcept { return decode_utf8(q, last); }
  const char* after(const char* q) const noexcept {
    const CodePoint c = decode_utf8(q, last);
    return q + (c.length ? c.length : 0);
  }
  const char* skip_blanks(const char* q) const noexcept {
    for (;;) {
      const CodePoint c = decode_utf8(q, last);
      if (c.length == 0 || !is_blank(c.value)) return q;
      q += c.length;
    }
  }
  /// Matches `word` (UTF-8) at `q`, allowing blanks between its characters (`百 分 之`).
  const char* match_spaced(const char* q, std::u32string_view word) const noexcept {
    bool first = true;
    for (char32_t w : word) {
      if (!first) q = skip_blanks(q);
      first = false;
      const CodePoint c = decode_utf8(q, last);
      if (c.length == 0 || c.value != w) return nullptr;
      q += c.length;
    }
    return q;
  }
};

/// Characters that, after 千 or 兆, make it a unit prefix (千米, 千克, 兆字节) rather than a number.
bool is_metric_unit_start(char32_t c) noexcept {
  switch (c) {
    case U'米': case U'克': case U'瓦': case U'卡': case U'字': case U'比': case U'焦':
    case U'帕': case U'伏': case U'赫': case U'欧': case U'位': case U'升':
      return true;
    default:
      return false;
  }
}

bool is_ascii_letter(char32_t c) noexcept {
  c = fold_width(c);
  return (c >= U'a' && c <= U'z') || (c >= U'A' && c <= U'Z');
}

/// Arabic digits: `10141`, `44,561`, `０.５`, `.5`, `2e5`, `２.７８９０e－１`.
bool scan_arabic(Cursor& cur, const NumeralOptions& opt, Decimal& out) {
  const char* q = cur.p;
  Decimal value;
  int digits = 0;
  int group_digits = 0;   // digits since the start or the last separator
  bool grouped = false;
  for (;;) {
    const CodePoint c = cur.peek_at(q);
    const int d = c.length ? digit_value(c.value) : -1;
    if (d >= 0) {
      value.push_digit(d);
      ++digits;
      ++group_digits;
      q += c.length;
      continue;
    }
    const char32_t f = c.length ? fold_width(c.value) : 0;
    if (f == U',' && opt.thousands_separators && digits > 0 && (grouped ? group_digits == 3 : group_digits <= 3)) {
      // A separator only when exactly three digits follow it.
      const char* r = q + c.length;
      int n = 0;
      for (;;) {
        const CodePoint e = cur.peek_at(r);
        if (e.length == 0 || digit_value(e.value) < 0) break;
        ++n;
        r += e.length;
      }
      if (n == 3) {
        grouped = true;
        group_digits = 0;
        q += c.length;
        continue;
      }
    }
    break;
  }
  if (grouped && group_digits != 3) return false;
  // Fraction part.
  {
    const CodePoint c = cur.peek_at(q);
    if (c.length && fold_width(c.value) == U'.') {
      const char* r = q + c.length;
      int fdigits = 0;
      for (;;) {
        const CodePoint e = cur.peek_at(r);
        const int d = e.length ? digit_value(e.value) : -1;
        if (d < 0) break;
        value.push_digit(d);
        ++fdigits;
        r += e.length;
      }
      if (fdigits > 0) {
        value.scale10(-fdigits);
        digits += fdigits;
        q = r;
      }
    }
  }
  if (digits == 0) return false;
  // Exponent: e, E, optionally signed.
  {
    const CodePoint c = cur.peek_at(q);
    if (c.length && (fold_width(c.value) == U'e' || fold_width(c.value) == U'E')) {
      const char* r = q + c.length;
      bool neg = false;
      CodePoint s = cur.peek_at(r);
      if (s.length && (fold_width(s.value) == U'+' || is_minus(s.value)) && s.value != U'负' && s.value != U'負') {
        neg = is_minus(s.value);
        r += s.length;
      }
      int e = 0, n = 0;
      for (;;) {
        const CodePoint t = cur.peek_at(r);
        const int d = t.length ? digit_value(t.value) : -1;
        if (d < 0 || e > 400) break;
        e = e * 10 + d;
        ++n;
        r += t.length;
      }
      const CodePoint after = cur.peek_at(r);
      if (n > 0 && !(after.length && is_ascii_letter(after.value))) {
        value.scale10(neg ? -e : e);
        q = r;
      }
    }
  }
  // Power: 2^5, 2.5^-1.
  {
    const CodePoint c = cur.peek_at(q);
    if (c.length && c.value == U'^') {
      const char* r = q + 1;
      bool neg = false;
      for (;;) {
        const CodePoint s = cur.peek_at(r);
        if (s.length && (s.value == U'+' || s.value == U'-')) { neg = neg != (s.value == U'-'); r += s.length; continue; }
        break;
      }
      int e = 0, n = 0;
      for (;;) {
        const CodePoint t = cur.peek_at(r);
        const int d = t.length ? digit_value(t.value) : -1;
        if (d < 0 || e > 400) break;
        e = e * 10 + d;
        ++n;
        r += t.length;
      }
      if (n > 0) {
        value = Decimal::inexact(std::pow(value.to_double(), neg ? -e : e));
        q = r;
      }
    }
  }
  out = value;
  cur.p = q;
  return true;
}

struct Entry {
  Decimal amount;
  int level = 0;
};

/// The integer-and-decimal part of a numeral, with its units: everything but fractions.
struct IntegerScan {
  Decimal total;
  int multiplier_exp = 0;
  bool more = false;
  bool chinese = false;
  bool arabic_only = true;   // a plain Arabic number: may start a `3/5` fraction
};

bool scan_integer(Cursor& cur, const NumeralOptions& opt, IntegerScan& out) {
  constexpr int kMaxEntries = 24;
  // Storage for the entries, left uninitialised: constructing 24 Decimals on every call cost a
  // tenth of the parse time, and at most a handful are used.
  union Storage {
    Entry entries[kMaxEntries];
    Storage() {}
  } storage;
  Entry* const entries = storage.entries;
  int n = 0;
  Decimal pending;
  bool has_pending = false;
  bool pending_digit = false;   // pending is one Chinese digit (or a positional run of them)
  bool positional = false;      // 二〇二三, 三八
  int last_unit = -1;           // exponent of the unit right before the pending digit
  bool zero_gap = false;        // a 零 since the last unit
  bool any = false;
  bool chain_live = false;      // the last units multiplied everything: a multiplier
  bool last_was_unit = false;
  int chain = 0;
  const char* committed = cur.p;

  auto push = [&](const Decimal& amount, int level) {
    if (n == kMaxEntries) return false;
    new (&entries[n++]) Entry{amount, level};
    return true;
  };

  for (;;) {
    const char* q = any ? cur.skip_blanks(committed) : committed;
    const CodePoint c = cur.peek_at(q);
    if (c.length == 0) break;
    const char32_t ch = c.value;
    const int dv = digit_value(ch);
    const bool leading_point = !any && fold_width(ch) == U'.' && digit_value(cur.peek_at(q + c.length).value) >= 0;

    if (dv >= 0 || leading_point) {
      if (has_pending) break;  // two numbers side by side
      Cursor sub{q, cur.last};
      Decimal v;
      if (!scan_arabic(sub, opt, v)) break;
      pending = v;
      has_pending = true;
      pending_digit = false;
      positional = false;
      chain_live = false;
      last_was_unit = false;
      any = true;
      committed = sub.p;
      // k and M after Arabic digits: 40k, -2.5 M (not 5km, 5MB).
      const char* r = cur.skip_blanks(committed);
      const CodePoint k = cur.peek_at(r);
      const char32_t kf = k.length ? fold_width(k.value) : 0;
      if ((kf == U'k' || kf == U'K' || kf == U'M') && !is_ascii_letter(cur.peek_at(r + k.length).value)) {
        const int e = kf == U'M' ? 6 : 3;
        Decimal a = pending;
        a.scale10(e);
        if (!push(a, e)) break;
        chain_live = n == 1;
        chain = e;
        has_pending = false;
        last_unit = e;
        last_was_unit = true;
        committed = r + k.length;
      }
      continue;
    }

    if (ch == U'零' || ch == U'〇') {
      out.arabic_only = false;
      if (!any) {
        pending = Decimal::integer(0);
        has_pending = true;
        pending_digit = true;
      } else if (has_pending && pending_digit && last_unit < 0) {
        pending.push_digit(0);
        positional = true;
      } else if (has_pending) {
        break;
      } else {
        zero_gap = true;
        last_unit = -1;
      }
      any = true;
      out.chinese = true;
      last_was_unit = false;
      committed = q + c.length;
      continue;
    }

    const int cd = chinese_digit_value(ch);
    if (any && (ch == U'两' || ch == U'兩')) {
      const CodePoint nx = cur.peek_at(q + c.length);
      if (!(nx.length && (small_unit_exp(nx.value) >= 0 || big_unit_exp(nx.value) >= 0))) break;
    }
    if (cd > 0 || ch == U'几' || ch == U'幾') {
      out.arabic_only = false;
      const bool some = cd <= 0;
      const int d = some ? (any ? 0 : 1) : cd;
      if (has_pending) {
        if (!(pending_digit && last_unit < 0 && !some)) break;
        pending.push_digit(d);  // positional: 三八折, 二〇二三
        positional = true;
      } else {
        pending = Decimal::integer(static_cast<std::uint64_t>(d));
        has_pending = true;
        pending_digit = true;
        positional = false;
      }
      if (some) out.more = true;
      any = true;
      out.chinese = true;
      chain_live = false;
      last_was_unit = false;
      committed = q + c.length;
      continue;
    }

    if (ch == U'半' && !has_pending) {
      // 半百 = 50; a trailing 半 (两米半) belongs to the quantity, not here.
      const CodePoint nx = cur.peek_at(q + c.length);
      if (!(nx.length && (small_unit_exp(nx.value) >= 0 || big_unit_exp(nx.value) >= 0 || nx.value == U'成' ||
                          nx.value == U'折')))
        break;
      pending = Decimal::integer(5);
      pending.scale10(-1);
      has_pending = true;
      pending_digit = true;   // Chinese: 半百 is 50, not 0.5 hundreds
      out.arabic_only = false;
      any = true;
      committed = q + c.length;
      continue;
    }

    const int su = small_unit_exp(ch);
    if (su >= 0) {
      out.arabic_only = false;
      const char* nxp = q + c.length;
      const CodePoint nx = cur.peek_at(nxp);
      if (su == 3 && nx.length && is_metric_unit_start(nx.value)) break;                      // 千米
      if (nx.length && nx.value == U'分' && !cur.match_spaced(nxp, U"分之")) break;            // 百分比
      if (last_was_unit && !has_pending && n > 0 && entries[n - 1].level < 4) break;          // 十百
      const bool arabic_pending = has_pending && !pending_digit && !positional;
      // An implied one: 十五, 零十 (a lone leading 零 is a gap, not a zero digit).
      Decimal amount = (has_pending && !pending.is_zero()) ? pending : Decimal::integer(1);
      amount.scale10(su);
      if (!push(amount, su)) break;
      chain_live = arabic_pending && n == 1;  // 3千人: 千 is a multiplier after Arabic digits
      chain = su;
      has_pending = false;
      positional = false;
      zero_gap = false;
      last_unit = su;
      last_was_unit = true;
      any = true;
      out.chinese = true;
      committed = nxp;
      continue;
    }

    const int bu = big_unit_exp(ch);
    if (bu >= 0) {
      if (!any) break;
      out.arabic_only = false;
      const char* nxp = q + c.length;
      const CodePoint nx = cur.peek_at(nxp);
      if (bu == 12 && nx.length && is_metric_unit_start(nx.value)) break;                     // 兆字节
      if (nx.length && nx.value == U'分' && !cur.match_spaced(nxp, U"分之")) break;
      Decimal sum;
      bool summed = false;
      if (has_pending) { sum = pending; summed = true; }
      while (n > 0 && entries[n - 1].level < bu) {
        sum.add(entries[n - 1].amount);
        summed = true;
        --n;
      }
      if (summed) {
        sum.scale10(bu);
        if (!push(sum, bu)) break;
        chain = (chain_live && !has_pending) ? chain + bu : bu;
        chain_live = n == 1;
      } else if (n > 0) {
        entries[n - 1].amount.scale10(bu);  // 四万万, 4.78万亿
        entries[n - 1].level += bu;
        chain = chain_live ? chain + bu : bu;
        chain_live = n == 1;
      } else {
        break;
      }
      has_pending = false;
      positional = false;
      zero_gap = false;
      last_unit = bu;
      last_was_unit = true;
      out.chinese = true;
      committed = nxp;
      continue;
    }

    if ((ch == U'余' || ch == U'多') && any) {
      out.more = true;
      committed = q + c.length;
      continue;  // 十余万: the chain of units goes on through 余
    }

    if ((ch == U'点' || ch == U'點') && any) {
      // Decimal digits after 点, Chinese or Arabic: 三点五, 两千三点一, 四百 点 五.
      auto digit_at = [&](const char* at, int& d, const char*& next) {
        const CodePoint e = cur.peek_at(at);
        if (e.length == 0) return false;
        d = digit_value(e.value);
        if (d < 0) d = chinese_digit_value(e.value);
        next = at + e.length;
        return d >= 0;
      };
      Decimal frac;
      int count = 0;
      const char* r = nullptr;  // end of the last fraction digit (trailing blanks excluded)
      const char* at = cur.skip_blanks(q + c.length);
      int d = 0;
      const char* next = nullptr;
      while (digit_at(at, d, next)) {
        frac.push_digit(d);
        ++count;
        r = next;
        at = cur.skip_blanks(next);
      }
      if (count == 0) break;
      frac.scale10(-count);
      // Fold everything so far (with elision) into one pending amount; a section unit may follow
      // (三点五万 = 35000).
      Decimal whole;
      for (int i = 0; i < n; ++i) whole.add(entries[i].amount);
      if (has_pending) {
        Decimal p = pending;
        if (pending_digit && !positional && !zero_gap && last_unit >= 2) p.scale10(last_unit - 1);
        whole.add(p);
      }
      whole.add(frac);
      n = 0;
      pending = whole;
      has_pending = true;
      pending_digit = false;
      positional = false;
      last_unit = -1;
      chain_live = false;
      last_was_unit = false;
      committed = r;
      continue;
    }
    break;
  }

  if (!any) return false;
  Decimal total;
  for (int i = 0; i < n; ++i) total.add(entries[i].amount);
  if (has_pending) {
    Decimal p = pending;
    if (pending_digit && !positional && !zero_gap && last_unit >= 2) p.scale10(last_unit - 1);
    total.add(p);
  }
  out.total = total;
  out.multiplier_exp = (chain_live && !has_pending) ? chain : 0;
  cur.p = committed;
  return true;
}

/// An optional sign: -, －, −, 负.
bool scan_sign(Cursor& cur) {
  const CodePoint c = cur.peek();
  if (c.length && is_minus(c.value)) {
    cur.p += c.length;
    if (c.value == U'负' || c.value == U'負') cur.p = cur.skip_blanks(cur.p);
    return true;
  }
  if (c.length && (c.value == U'+' || c.value == 0xFF0B)) { cur.p += c.length; return false; }
  return false;
}

/// `B分之C` after the denominator B: the numerator, signed.
bool scan_fraction_tail(Cursor& cur, const NumeralOptions& opt, const Decimal& denominator, Decimal& out) {
  const char* r = cur.match_spaced(cur.skip_blanks(cur.p), U"分之");
  if (!r) return false;
  Cursor num{cur.skip_blanks(r), cur.last};
  const bool neg = scan_sign(num);
  IntegerScan top;
  if (!scan_integer(num, opt, top)) return false;
  Decimal v = top.total;
  if (neg) v.negate();
  if (denominator.is_zero()) return false;
  v.divide(denominator);
  out = v;
  cur.p = num.p;
  return true;
}

}  // namespace

int chinese_digit_value(char32_t c) noexcept {
  switch (c) {
    case U'零': case U'〇': return 0;
    case U'一': case U'壹': return 1;
    case U'二': case U'两': case U'兩': case U'贰': case U'貳': case U'俩': case U'倆': return 2;
    case U'三': case U'叁': case U'參': case U'叄': return 3;
    case U'四': case U'肆': return 4;
    case U'五': case U'伍': return 5;
    case U'六': case U'陆': case U'陸': return 6;
    case U'七': case U'柒': return 7;
    case U'八': case U'捌': return 8;
    case U'九': case U'玖': return 9;
    default: return -1;
  }
}

bool scan_small_chinese_number(const char*& first, const char* last, int& out) noexcept {
  const char* p = first;
  int tens = 0, units = 0;
  CodePoint c = decode_utf8(p, last);
  int d = c.length ? chinese_digit_value(c.value) : -1;
  if (d > 0) {
    units = d;
    p += c.length;
    c = decode_utf8(p, last);
  }
  if (c.length && (c.value == U'十' || c.value == U'拾')) {
    tens = units ? units : 1;
    units = 0;
    p += c.length;
    c = decode_utf8(p, last);
    d = c.length ? chinese_digit_value(c.value) : -1;
    if (d > 0) {
      units = d;
      p += c.length;
    }
  } else if (d <= 0) {
    return false;
  }
  out = tens * 10 + units;
  first = p;
  return out > 0;
}

bool scan_numeral(const char*& first, const char* last, const NumeralOptions& opt, Numeral& out) {
  Cursor cur{first, last};
  bool neg = opt.sign && scan_sign(cur);
  IntegerScan head;
  if (!scan_integer(cur, opt, head)) return false;
  Numeral result;
  result.amount = head.total;
  result.multiplier_exp = head.multiplier_exp;
  result.more = head.more;
  result.chinese = head.chinese;

  // Fractions: 三分之一, 三又三分之一, 3/5, 1 3/5.
  const char* r = cur.skip_blanks(cur.p);
  const CodePoint c = cur.peek_at(r);
  if (c.length && (c.value == U'又')) {
    Cursor tail{cur.skip_blanks(r + c.length), last};
    IntegerScan den;
    Decimal frac;
    if (scan_integer(tail, opt, den) && scan_fraction_tail(tail, opt, den.total, frac)) {
      result.amount.add(frac);
      result.multiplier_exp = 0;
      result.fraction = true;
      cur.p = tail.p;
    }
  } else if (c.length && c.value == U'分') {
    Decimal frac;
    if (scan_fraction_tail(cur, opt, head.total, frac)) {
      result.amount = frac;
      result.multiplier_exp = 0;
      result.fraction = true;
    }
  } else if (head.arabic_only && head.multiplier_exp == 0 && !head.more) {
    // Arabic fraction right after the number (3/5) or after a blank (1 3/5).
    const char* s = cur.p;
    bool mixed = false;
    CodePoint slash = cur.peek_at(s);
    if (!(slash.length && (slash.value == U'/' || slash.value == 0xFF0F)) && r != cur.p) {
      // 1 3/5: a blank, then an Arabic fraction.
      Cursor m{r, last};
      IntegerScan a;
      if (digit_value(c.value) >= 0 && scan_integer(m, opt, a) && a.arabic_only && a.multiplier_exp == 0) {
        const CodePoint sl = m.peek();
        if (sl.length && (sl.value == U'/' || sl.value == 0xFF0F)) {
          Cursor d{m.p + sl.length, last};
          IntegerScan b;
          if (digit_value(d.peek().value) >= 0 && scan_integer(d, opt, b) && b.arabic_only && !b.total.is_zero() &&
              b.multiplier_exp == 0) {
            Decimal f = a.total;
            f.divide(b.total);
            result.amount.add(f);
            result.fraction = true;
            cur.p = d.p;
            mixed = true;
          }
        }
      }
    }
    if (!mixed && slash.length && (slash.value == U'/' || slash.value == 0xFF0F)) {
      Cursor d{s + slash.length, last};
      IntegerScan b;
      if (digit_value(d.peek().value) >= 0 && scan_integer(d, opt, b) && b.arabic_only && !b.total.is_zero() &&
          b.multiplier_exp == 0) {
        // Only a fraction when nothing but the end, blanks or a unit-free stop follows:
        // `3/5` yes; `3人/年/6.3` never reaches here (the unit comes first).
        result.amount.divide(b.total);
        result.fraction = true;
        cur.p = d.p;
      }
    }
  }
  if (neg) result.amount.negate();
  first = cur.p;
  out = result;
  return true;
}

}  // namespace jixiao::detail
