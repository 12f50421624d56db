// jixiao: budget performance management (预算绩效管理) for C++ and Python.
// SPDX-License-Identifier: MIT
#ifndef JIXIAO_DETAIL_VALUE_GRAMMAR_HPP
#define JIXIAO_DETAIL_VALUE_GRAMMAR_HPP

/// \file
/// The grammar's rules, declared.  Their definitions (value_grammar_def.hpp) are compiled once,
/// in src/value_grammar.cpp, so that only that file pays for Spirit's templates.

#include <jixiao/detail/ast.hpp>
#include <jixiao/detail/value_grammar_config.hpp>

#include <boost/spirit/home/x3.hpp>

namespace jixiao::detail::grammar {
namespace x3 = boost::spirit::x3;

using number_statement_type = x3::rule<class number_statement_class, ast::NumberStatement>;
using date_statement_type = x3::rule<class date_statement_class, ast::DateStatement>;
using qualitative_statement_type = x3::rule<class qualitative_statement_class, ast::QualitativeStatement>;
using reversed_unit_statement_type = x3::rule<class reversed_unit_statement_class, ast::ReversedUnitStatement>;

BOOST_SPIRIT_DECLARE(number_statement_type, date_statement_type, qualitative_statement_type,
                     reversed_unit_statement_type)

}  // namespace jixiao::detail::grammar

namespace jixiao::detail {
/// `≥10141人次`, `80%-90%`, `介于80%和90%之间`, `十余万`, `95%以上`.
grammar::number_statement_type const& number_statement();
/// `2023年12月底`, `12月底前`, `每月25日前`, `2021年1月-12月`.
grammar::date_statement_type const& date_statement();
/// `稳步提升`, `=提高`.
grammar::qualitative_statement_type const& qualitative_statement();
/// `吨/1300元`.
grammar::reversed_unit_statement_type const& reversed_unit_statement();
}  // namespace jixiao::detail

#endif  // JIXIAO_DETAIL_VALUE_GRAMMAR_HPP
