// jixiao: budget performance management (预算绩效管理) for C++ and Python.
// SPDX-License-Identifier: MIT
#ifndef JIXIAO_DETAIL_TEXT_HPP
#define JIXIAO_DETAIL_TEXT_HPP

/// \file
/// string_view tests C++17 lacks (starts_with and ends_with arrive in C++20).

#include <string_view>

namespace jixiao::detail {

constexpr bool starts_with(std::string_view s, std::string_view p) noexcept { return s.substr(0, p.size()) == p; }
constexpr bool ends_with(std::string_view s, std::string_view p) noexcept {
  return s.size() >= p.size() && s.substr(s.size() - p.size()) == p;
}
constexpr bool contains(std::string_view s, std::string_view p) noexcept {
  return s.find(p) != std::string_view::npos;
}

}  // namespace jixiao::detail

#endif  // JIXIAO_DETAIL_TEXT_HPP
