// jixiao: budget performance management (预算绩效管理) for C++ and Python.
// SPDX-License-Identifier: MIT
#ifndef JIXIAO_DETAIL_TABLE_JSON_HPP
#define JIXIAO_DETAIL_TABLE_JSON_HPP

/// \file
/// jixiao's JSON schema for tables (docs/formats.md): the reading half.  The writing half is
/// the public `jixiao::to_json(const Table&)`.

#include <jixiao/read.hpp>

#include <string_view>

namespace jixiao::detail {

/// Reads a table in jixiao's JSON schema from UTF-8 text into `out.table`, appending
/// diagnostics (malformed JSON with its line and column, schema violations with the JSON path).
void read_table_json(std::string_view utf8, const ReadOptions& options, TableRead& out);

}  // namespace jixiao::detail

#endif  // JIXIAO_DETAIL_TABLE_JSON_HPP
