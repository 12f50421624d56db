// jixiao: budget performance management (预算绩效管理) for C++ and Python.
// SPDX-License-Identifier: MIT
#ifndef JIXIAO_DETAIL_VALUE_GRAMMAR_CONFIG_HPP
#define JIXIAO_DETAIL_VALUE_GRAMMAR_CONFIG_HPP

/// \file
/// The iterator and context the grammar is instantiated for.  The grammar runs over the
/// cell's UTF-8 bytes directly: no decoding pass, no allocation, and every position is a
/// pointer into the caller's text.

#include <boost/spirit/home/x3/support/unused.hpp>

namespace jixiao::detail::grammar {
using iterator_type = const char*;
using context_type = boost::spirit::x3::unused_type;
}  // namespace jixiao::detail::grammar

#endif  // JIXIAO_DETAIL_VALUE_GRAMMAR_CONFIG_HPP
