// jixiao: budget performance management (预算绩效管理) for C++ and Python.
// SPDX-License-Identifier: MIT
#ifndef JIXIAO_TESTS_JUNK_HPP
#define JIXIAO_TESTS_JUNK_HPP

#include <cstdint>

namespace jixiao::test {

/// A deterministic byte generator (64-bit LCG, high bits), so that a failure reproduces.
class Junk {
 public:
  explicit Junk(std::uint64_t seed) : state_(seed) {}
  unsigned char next() {
    state_ = state_ * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<unsigned char>(state_ >> 56);
  }

 private:
  std::uint64_t state_;
};

}  // namespace jixiao::test

#endif  // JIXIAO_TESTS_JUNK_HPP
