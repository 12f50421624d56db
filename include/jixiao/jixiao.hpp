// jixiao: budget performance management (预算绩效管理) for C++ and Python.
// SPDX-License-Identifier: MIT
#ifndef JIXIAO_JIXIAO_HPP
#define JIXIAO_JIXIAO_HPP

/// \file
/// Everything public in one include.

#include <jixiao/diagnostic.hpp>
#include <jixiao/indicator.hpp>
#include <jixiao/lint.hpp>
#include <jixiao/read.hpp>
#include <jixiao/report.hpp>
#include <jixiao/actuals.hpp>
#include <jixiao/aggregate.hpp>
#include <jixiao/score.hpp>
#include <jixiao/scorecard.hpp>
#include <jixiao/table.hpp>
#include <jixiao/value.hpp>
#include <jixiao/version.hpp>

#endif  // JIXIAO_JIXIAO_HPP
