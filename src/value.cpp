// jixiao: budget performance management (预算绩效管理) for C++ and Python.
// SPDX-License-Identifier: MIT
#include <jixiao/value.hpp>

#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <ostream>

namespace jixiao {
namespace {

/// Shortest text that reads back to the same double.
std::string format_number(double x) {
  char buf[400];
  const double a = std::fabs(x);
  // Fixed notation for everything a cell plausibly holds; scientific beyond.
  const auto r = (a == 0 || (a >= 1e-6 && a < 1e21)) ? std::to_chars(buf, buf + sizeof buf, x, std::chars_format::fixed)
                                                      : std::to_chars(buf, buf + sizeof buf, x);
  return std::string(buf, r.ptr);
}

/// The Chinese word for a power-of-ten multiplier: 万, 亿, 十万, 千亿, 万亿 …; empty for 1 or
/// for a multiplier that is not a power of ten.
std::string multiplier_word(double m) {
  int e = 0;
  for (double p = 1; p < m && e < 30; p *= 10) ++e;
  if (e == 0 || std::pow(10.0, e) != m) return {};
  static constexpr const char* small[] = {"", "十", "百", "千"};
  auto below_wan = [](int k) { return std::string(small[k]); };
  if (e < 4) return below_wan(e);
  if (e < 8) return below_wan(e - 4) + "万";
  if (e == 12) return "万亿";
  if (e < 12) return below_wan(e - 8) + "亿";
  return below_wan((e - 8) % 4) + std::string((e - 8) >= 4 ? "万" : "") + "亿";
}

std::string_view symbol(Comparator op) {
  switch (op) {
    case Comparator::ge: return "≥";
    case Comparator::gt: return ">";
    case Comparator::le: return "≤";
    case Comparator::lt: return "<";
    case Comparator::eq: return "=";
    default: return {};
  }
}

/// `9成` rather than `9十%`: 成 is the only multiplier a percentage carries.
std::string quantity_text(double written, double multiplier, const std::string& unit) {
  std::string s = format_number(written);
  if (unit == "%" && multiplier == 10) return s + "成";
  if (unit == "%" && multiplier == 100) return s + "百%";
  s += multiplier_word(multiplier);
  if (unit == "百分点") return s + "个百分点";
  return s + unit;
}

bool same_double(double a, double b) { return (std::isnan(a) && std::isnan(b)) || a == b; }

std::string date_text(const CalendarDate& d) {
  std::string s;
  if (d.every == Recurrence::monthly) s += "每月";
  if (d.every == Recurrence::yearly) s += "每年";
  if (d.year) s += std::to_string(d.year) + "年";
  if (d.month) s += std::to_string(d.month) + "月";
  if (d.month_end) {
    s += d.month ? "底" : (d.year ? "年底" : "底");
  } else if (d.day) {
    s += std::to_string(d.day) + "日";
  }
  return s;
}

}  // namespace

std::string CalendarDate::to_iso() const {
  if (empty() && !month_end) return {};
  char buf[32];
  const int d = day;
  if (year && month && d) std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, d);
  else if (year && month) std::snprintf(buf, sizeof buf, "%04d-%02d", year, month);
  else if (year) std::snprintf(buf, sizeof buf, "%04d", year);
  else if (month && d) std::snprintf(buf, sizeof buf, "--%02d-%02d", month, d);
  else if (month) std::snprintf(buf, sizeof buf, "--%02d", month);
  else if (d) std::snprintf(buf, sizeof buf, "---%02d", d);
  else std::snprintf(buf, sizeof buf, "---31");  // 每月底: the last day of every month
  return buf;
}

bool operator==(const Value& a, const Value& b) { return a.raw == b.raw && equivalent(a, b); }

bool equivalent(const Value& a, const Value& b) {
  if (a.kind != b.kind) return false;
  if (a.kind == ValueKind::invalid) {
    auto trim = [](std::string_view s) {
      while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
      while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
      return s;
    };
    return trim(a.raw) == trim(b.raw);
  }
  return a.op == b.op && a.approximate == b.approximate && a.lower_inclusive == b.lower_inclusive &&
         a.upper_inclusive == b.upper_inclusive && same_double(a.number, b.number) &&
         same_double(a.multiplier, b.multiplier) && same_double(a.value, b.value) &&
         same_double(a.upper, b.upper) && a.unit == b.unit && a.text == b.text && a.category == b.category &&
         a.date == b.date && a.date_end == b.date_end && a.basis == b.basis && a.note == b.note;
}

std::string to_string(const Value& v) {
  std::string s;
  switch (v.kind) {
    case ValueKind::empty:
      break;
    case ValueKind::invalid:
      return v.raw;
    case ValueKind::number:
      if (v.op == Comparator::range) {
        const double upper_written = v.upper / v.multiplier;
        const std::string lo = quantity_text(v.number, v.multiplier, v.unit);
        const std::string hi = quantity_text(upper_written, v.multiplier, v.unit);
        if (v.lower_inclusive && v.upper_inclusive) {
          s = lo + "～" + hi;
        } else {
          s = (v.lower_inclusive ? "[" : "(") + lo + "," + hi + (v.upper_inclusive ? "]" : ")");
        }
      } else {
        s += symbol(v.op);
        s += quantity_text(v.number, v.multiplier, v.unit);
      }
      if (v.approximate) s += "左右";
      if (!v.text.empty() && !v.approximate && v.op != Comparator::range && !v.unit.empty() &&
          static_cast<unsigned char>(v.unit.back()) >= 0x80 && v.unit != "‰" && v.unit != "‱") {
        // `≤10天 完成`: without the blank the words would read as part of the unit.
        s += ' ';
      } else if (!v.text.empty() && !v.unit.empty() && std::isalpha(static_cast<unsigned char>(v.unit.back()))) {
        s += ' ';
      }
      s += v.text;
      break;
    case ValueKind::qualitative:
      s += symbol(v.op);
      s += v.text;
      break;
    case ValueKind::date:
      s = date_text(v.date);
      if (v.op == Comparator::range) {
        s += "～" + date_text(v.date_end);
      } else if (v.op == Comparator::le) {
        s += "前";
      } else if (v.op == Comparator::ge) {
        s += "后";
      }
      if (v.approximate) s += "左右";
      s += v.text;
      break;
  }
  if (!v.note.empty()) s += "(" + v.note + ")";
  return s;
}

std::string_view to_string(ValueKind kind) noexcept {
  switch (kind) {
    case ValueKind::empty: return "empty";
    case ValueKind::number: return "number";
    case ValueKind::qualitative: return "qualitative";
    case ValueKind::date: return "date";
    case ValueKind::invalid: return "invalid";
  }
  return "invalid";
}

std::string_view to_string(Comparator op) noexcept {
  switch (op) {
    case Comparator::none: return "";
    case Comparator::ge: return ">=";
    case Comparator::gt: return ">";
    case Comparator::le: return "<=";
    case Comparator::lt: return "<";
    case Comparator::eq: return "=";
    case Comparator::range: return "range";
  }
  return "";
}

std::string_view to_string(Category c) noexcept {
  switch (c) {
    case Category::none: return "";
    case Category::improve: return "improve";
    case Category::maintain: return "maintain";
    case Category::reduce: return "reduce";
    case Category::timely: return "timely";
    case Category::compliant: return "compliant";
    case Category::yes: return "yes";
    case Category::no: return "no";
    case Category::achieved: return "achieved";
    case Category::partly_achieved: return "partly_achieved";
    case Category::not_achieved: return "not_achieved";
    case Category::rule_reference: return "rule_reference";
  }
  return "";
}

std::string_view to_string(Basis b) noexcept {
  switch (b) {
    case Basis::none: return "";
    case Basis::plan: return "plan";
    case Basis::industry: return "industry";
    case Basis::history: return "history";
    case Basis::other: return "other";
  }
  return "";
}

std::ostream& operator<<(std::ostream& os, ValueKind kind) { return os << to_string(kind); }
std::ostream& operator<<(std::ostream& os, Comparator op) {
  const auto s = to_string(op);
  return os << (s.empty() ? std::string_view("none") : s);
}
std::ostream& operator<<(std::ostream& os, const Value& v) {
  os << v.kind;
  if (v.kind != ValueKind::empty) os << ' ' << to_string(v);
  return os;
}

}  // namespace jixiao
