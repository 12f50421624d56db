// jixiao: budget performance management (预算绩效管理) for C++ and Python.
// SPDX-License-Identifier: MIT
#ifndef JIXIAO_TESTS_GUARDED_COPY_HPP
#define JIXIAO_TESTS_GUARDED_COPY_HPP

/// \file
/// GuardedCopy: a string placed so that a read past its end crashes (POSIX only; elsewhere
/// JIXIAO_TEST_GUARD_PAGES stays undefined and the tests that need it are left out).

#include <catch2/catch.hpp>

#include <cstddef>
#include <cstring>
#include <string_view>

#if defined(__unix__) || defined(__APPLE__)
#include <sys/mman.h>
#include <unistd.h>
#define JIXIAO_TEST_GUARD_PAGES 1
#endif

namespace jixiao::test {

#ifdef JIXIAO_TEST_GUARD_PAGES
/// A copy of a string whose last byte is followed by an inaccessible page: a read past the end
/// crashes instead of passing unnoticed.
class GuardedCopy {
 public:
  explicit GuardedCopy(std::string_view s) : size_(s.size()) {
    page_ = static_cast<std::size_t>(sysconf(_SC_PAGESIZE));
    const std::size_t data_pages = (s.size() + page_ - 1) / page_ + 1;
    total_ = (data_pages + 1) * page_;
    void* m = mmap(nullptr, total_, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    REQUIRE(m != MAP_FAILED);
    base_ = static_cast<char*>(m);
    char* guard = base_ + data_pages * page_;
    REQUIRE(mprotect(guard, page_, PROT_NONE) == 0);
    data_ = guard - s.size();
    if (!s.empty()) std::memcpy(data_, s.data(), s.size());
  }
  ~GuardedCopy() { munmap(base_, total_); }
  GuardedCopy(const GuardedCopy&) = delete;
  GuardedCopy& operator=(const GuardedCopy&) = delete;
  std::string_view view() const { return {data_, size_}; }

 private:
  std::size_t page_ = 0, total_ = 0, size_ = 0;
  char* base_ = nullptr;
  char* data_ = nullptr;
};
#endif

}  // namespace jixiao::test

#endif  // JIXIAO_TESTS_GUARDED_COPY_HPP
