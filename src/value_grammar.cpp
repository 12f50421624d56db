// jixiao: budget performance management (预算绩效管理) for C++ and Python.
// SPDX-License-Identifier: MIT
//
// The only translation unit that instantiates the Spirit X3 grammar.
#include <jixiao/detail/value_grammar_def.hpp>

namespace jixiao::detail::grammar {
BOOST_SPIRIT_INSTANTIATE(number_statement_type, iterator_type, context_type)
BOOST_SPIRIT_INSTANTIATE(date_statement_type, iterator_type, context_type)
BOOST_SPIRIT_INSTANTIATE(qualitative_statement_type, iterator_type, context_type)
BOOST_SPIRIT_INSTANTIATE(reversed_unit_statement_type, iterator_type, context_type)
}  // namespace jixiao::detail::grammar

namespace jixiao::detail {
grammar::number_statement_type const& number_statement() { return grammar::number_statement; }
grammar::date_statement_type const& date_statement() { return grammar::date_statement; }
grammar::qualitative_statement_type const& qualitative_statement() { return grammar::qualitative_statement; }
grammar::reversed_unit_statement_type const& reversed_unit_statement() { return grammar::reversed_unit_statement; }
}  // namespace jixiao::detail
