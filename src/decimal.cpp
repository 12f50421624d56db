// jixiao: budget performance management (预算绩效管理) for C++ and Python.
// SPDX-License-Identifier: MIT
#include <jixiao/detail/decimal.hpp>

#include <charconv>
#include <system_error>
#include <cmath>

namespace jixiao::detail {
namespace {

constexpr double kPow10[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8,  1e9,  1e10, 1e11,
                             1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
constexpr std::uint64_t kMaxExactMantissa = std::uint64_t{1} << 53;

bool mul_overflows(std::uint64_t a, std::uint64_t b, std::uint64_t& out) {
  return __builtin_mul_overflow(a, b, &out);
}

bool scale_mantissa(std::uint64_t m, int k, std::uint64_t& out) {
  out = m;
  for (; k > 0; --k)
    if (mul_overflows(out, 10, out)) return false;
  return true;
}

}  // namespace

bool Decimal::push_digit(int d) noexcept {
  if (!exact_) {
    approx_ = approx_ * 10 + (negative_ ? -d : d);
    return false;
  }
  std::uint64_t m = 0;
  if (mul_overflows(mantissa_, 10, m) || __builtin_add_overflow(m, static_cast<std::uint64_t>(d), &m)) {
    // Past 19 significant digits the rest cannot change the double; keep the magnitude only.
    ++exponent_;
    truncated_ = true;
    return false;
  }
  mantissa_ = m;
  return true;
}

void Decimal::demote() noexcept {
  if (!exact_) return;
  approx_ = to_double();
  exact_ = false;
}

void Decimal::scale10(int k) noexcept {
  if (exact_) { if (mantissa_ != 0) exponent_ += k; return; }
  approx_ *= std::pow(10.0, k);
}

void Decimal::multiply(std::uint64_t factor) noexcept {
  if (exact_) {
    std::uint64_t m = 0;
    if (!mul_overflows(mantissa_, factor, m)) {
      mantissa_ = m;
      while (mantissa_ != 0 && mantissa_ % 10 == 0) { mantissa_ /= 10; ++exponent_; }
      if (mantissa_ == 0) exponent_ = 0;
      return;
    }
    demote();
  }
  approx_ *= static_cast<double>(factor);
}

void Decimal::add(const Decimal& other) noexcept {
  if (other.is_zero()) return;
  truncated_ = truncated_ || other.truncated_;
  if (is_zero() && exact_ && other.exact_) { *this = other; return; }
  if (exact_ && other.exact_ && negative_ == other.negative_) {
    const int e = exponent_ < other.exponent_ ? exponent_ : other.exponent_;
    std::uint64_t a = 0, b = 0, sum = 0;
    if (scale_mantissa(mantissa_, exponent_ - e, a) && scale_mantissa(other.mantissa_, other.exponent_ - e, b) &&
        !__builtin_add_overflow(a, b, &sum)) {
      mantissa_ = sum;
      exponent_ = e;
      while (mantissa_ != 0 && mantissa_ % 10 == 0) { mantissa_ /= 10; ++exponent_; }
      return;
    }
  }
  const double rhs = other.to_double();
  demote();
  approx_ += rhs;
}

void Decimal::divide(const Decimal& other) noexcept {
  const double d = other.to_double();
  demote();
  approx_ /= d;
}

double Decimal::to_double() const noexcept {
  if (!exact_) return approx_;
  double v = 0;
  if (mantissa_ == 0) return negative_ ? -0.0 : 0.0;
  if (mantissa_ <= kMaxExactMantissa && exponent_ >= -22 && exponent_ <= 22) {
    // Both operands are exact doubles, so one multiplication or division rounds correctly.
    v = exponent_ >= 0 ? static_cast<double>(mantissa_) * kPow10[exponent_]
                       : static_cast<double>(mantissa_) / kPow10[-exponent_];
  } else {
    char buf[48];
    char* p = std::to_chars(buf, buf + 24, mantissa_).ptr;  // at most 20 digits
    *p++ = 'e';
    p = std::to_chars(p, buf + sizeof buf, exponent_).ptr;
    const auto res = std::from_chars(buf, p, v);  // correctly rounded
    if (res.ec == std::errc::result_out_of_range) v = exponent_ > 0 ? HUGE_VAL : 0.0;
  }
  return negative_ ? -v : v;
}

}  // namespace jixiao::detail
