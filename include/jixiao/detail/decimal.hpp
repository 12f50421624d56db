// jixiao: budget performance management (预算绩效管理) for C++ and Python.
// SPDX-License-Identifier: MIT
#ifndef JIXIAO_DETAIL_DECIMAL_HPP
#define JIXIAO_DETAIL_DECIMAL_HPP

/// \file
/// An exact decimal for numbers as written.  `202.6万` must normalise to exactly 2026000, not
/// 2025999.9999999998, so numbers are kept as mantissa × 10^exponent and rounded to double
/// once, at the end.

#include <cstdint>

namespace jixiao::detail {

/// mantissa × 10^exponent, exact while `exact` is true; `approx` carries the value once an
/// operation (a fraction, a power, more than 19 digits) cannot be exact.
class Decimal {
 public:
  constexpr Decimal() = default;
  static constexpr Decimal integer(std::uint64_t n) { Decimal d; d.mantissa_ = n; return d; }
  static Decimal inexact(double v) { Decimal d; d.exact_ = false; d.approx_ = v; return d; }

  /// The value is exactly what was written (no digit dropped, no division).
  bool exact() const noexcept { return exact_ && !truncated_; }
  bool negative() const noexcept { return negative_; }
  std::uint64_t mantissa() const noexcept { return mantissa_; }
  int exponent() const noexcept { return exponent_; }
  bool is_zero() const noexcept { return exact_ ? mantissa_ == 0 : approx_ == 0; }

  /// Appends one decimal digit (`12` then 3 gives `123`).  Past 19 significant digits the digit
  /// is dropped and only the magnitude kept (returns false): the result is still within 1e-18
  /// of the true value, far below a double's precision.
  bool push_digit(int d) noexcept;
  /// Multiplies by 10^k.
  void scale10(int k) noexcept;
  /// Multiplies by a small integer (a digit times 十/百/千 …).
  void multiply(std::uint64_t factor) noexcept;
  /// Adds another decimal.
  void add(const Decimal& other) noexcept;
  /// Flips the sign.
  void negate() noexcept { negative_ = !negative_; if (!exact_) approx_ = -approx_; }
  /// Divides by `other`: always inexact.
  void divide(const Decimal& other) noexcept;

  /// The value rounded once to the nearest double.
  double to_double() const noexcept;

 private:
  void demote() noexcept;  // switch to the inexact representation
  std::uint64_t mantissa_ = 0;
  int exponent_ = 0;
  bool negative_ = false;
  bool exact_ = true;       // the mantissa/exponent representation is in use
  bool truncated_ = false;  // digits past 19 were dropped
  double approx_ = 0;
};

}  // namespace jixiao::detail

#endif  // JIXIAO_DETAIL_DECIMAL_HPP
