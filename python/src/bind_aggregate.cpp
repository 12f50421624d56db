// jixiao: budget performance management (预算绩效管理) for C++ and Python.
// SPDX-License-Identifier: MIT
//
// Batch scoring (aggregate.hpp) on numpy arrays.  Inputs arrive as Eigen::Ref<const RowMatrix>:
// a C-contiguous float64 array (numpy's default) is read in place; anything else (Fortran order,
// another dtype, a strided view) is converted once by pybind11, which the docstring says.
// Results are Eigen matrices moved into numpy arrays without a copy.
#include "bindings.hpp"

#include <jixiao/aggregate.hpp>

#include <pybind11/eigen.h>
#include <pybind11/numpy.h>
#include <pybind11/stl.h>

#include <cstdint>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace jixiao::python {
namespace {

using ConstRef = Eigen::Ref<const RowMatrix>;
using VectorRef = Eigen::Ref<const Eigen::VectorXd>;

std::vector<ScoringPolicy> policies_from_object(const py::handle& policy) {
  std::vector<ScoringPolicy> out;
  if (py::isinstance<py::list>(policy) || py::isinstance<py::tuple>(policy)) {
    for (const py::handle& p : policy) out.push_back(policy_from_object(p));
    if (out.empty()) throw py::value_error("score_batch: the list of policies is empty");
  } else {
    out.push_back(policy_from_object(policy));
  }
  return out;
}

/// Integers from a sequence or an integer array, each checked against [lo, hi].
template <class T>
std::vector<T> small_ints(const py::handle& obj, const char* what, int lo, int hi) {
  const auto values = py::cast<std::vector<long long>>(py::module_::import("numpy").attr("asarray")(obj).attr("tolist")());
  std::vector<T> out;
  out.reserve(values.size());
  for (std::size_t j = 0; j < values.size(); ++j) {
    if (values[j] < lo || values[j] > hi)
      throw py::value_error(std::string("score_batch: ") + what + "[" + std::to_string(j) + "] is " +
                            std::to_string(values[j]) + ", not in [" + std::to_string(lo) + ", " +
                            std::to_string(hi) + "]");
    out.push_back(static_cast<T>(values[j]));
  }
  return out;
}

BatchLayout layout_from(std::size_t m, const py::object& directions, const py::object& kinds,
                        const py::object& level2, const py::object& level1, const py::object& level2_names,
                        const py::object& level1_names) {
  BatchLayout l;
  const auto dirs = directions.is_none() ? std::vector<std::int8_t>(m, 1)
                                         : small_ints<std::int8_t>(directions, "directions", -1, 1);
  const auto ks = kinds.is_none() ? std::vector<std::int8_t>(m, 0) : small_ints<std::int8_t>(kinds, "kinds", 0, 2);
  for (std::int8_t d : dirs) l.directions.push_back(static_cast<BatchDirection>(d));
  for (std::int8_t k : ks) l.kinds.push_back(static_cast<BatchKind>(k));
  // Group numbers size the results (N × groups sums): without `level1` declaring the groups,
  // a level-2 number is below the number of columns, and a level-1 number below the number of
  // level-2 groups or columns, so that a stray 3,000,000 is an error and not gigabytes.
  const int groups_given = level1.is_none() ? 0 : static_cast<int>(py::len(level1));
  const int columns = static_cast<int>(std::max<std::size_t>(m, 1));
  l.level2 = level2.is_none() ? std::vector<int>(m, 0)
                              : small_ints<int>(level2, "level2", 0, std::max(columns, groups_given) - 1);
  if (level1.is_none()) {
    int groups = 0;
    for (int g : l.level2) groups = std::max(groups, g + 1);
    l.level1.assign(static_cast<std::size_t>(groups), 0);
  } else {
    l.level1 = small_ints<int>(level1, "level1", 0, std::max(columns, groups_given) - 1);
  }
  if (!level2_names.is_none()) l.level2_names = py::cast<std::vector<std::string>>(level2_names);
  if (!level1_names.is_none()) l.level1_names = py::cast<std::vector<std::string>>(level1_names);
  return l;
}

}  // namespace

void bind_aggregate(py::module_& m) {
  py::class_<BatchResult>(m, "BatchResult", R"doc(Scores of one policy for N entities (aggregate.hpp).

Attributes are read-only numpy arrays viewing the result's memory (no copy; ``.copy()`` one to change it): ``leaf`` (N × M, NaN =
masked), ``level2`` (N × G2), ``level1`` (N × G1), ``budget``, ``total``, ``unscored``,
``grade`` (0 优, 1 良, 2 中, 3 差, -1 no grade) and ``rank`` (1 = highest total; ties share).)doc")
      .def_readonly("policy", &BatchResult::policy)
      // References, so that pybind11 hands out read-only arrays over the result's own memory,
      // kept alive by the result (returning the matrices by value would copy them each time).
      .def_property_readonly("leaf", [](const BatchResult& r) -> const RowMatrix& { return r.leaf; },
                             py::return_value_policy::reference_internal)
      .def_property_readonly("level2", [](const BatchResult& r) -> const RowMatrix& { return r.level2; },
                             py::return_value_policy::reference_internal)
      .def_property_readonly("level1", [](const BatchResult& r) -> const RowMatrix& { return r.level1; },
                             py::return_value_policy::reference_internal)
      .def_property_readonly("budget", [](const BatchResult& r) -> const Eigen::VectorXd& { return r.budget; },
                             py::return_value_policy::reference_internal)
      .def_property_readonly("total", [](const BatchResult& r) -> const Eigen::VectorXd& { return r.total; },
                             py::return_value_policy::reference_internal)
      .def_property_readonly("unscored", [](const BatchResult& r) -> const Eigen::VectorXi& { return r.unscored; },
                             py::return_value_policy::reference_internal)
      .def_property_readonly("grade", [](const BatchResult& r) -> const decltype(r.grade)& { return r.grade; },
                             py::return_value_policy::reference_internal)
      .def_property_readonly("rank", [](const BatchResult& r) -> const Eigen::VectorXi& { return r.rank; },
                             py::return_value_policy::reference_internal)
      // Results travel between processes (multiprocessing, Dask): the state is the arrays.
      .def(py::pickle(
          [](const BatchResult& r) {
            return py::make_tuple(r.policy, r.leaf, r.level2, r.level1, r.budget, r.total, r.unscored, r.grade,
                                  r.rank);
          },
          [](const py::tuple& state) {
            if (state.size() != 9) throw py::value_error("BatchResult: a pickled state of 9 fields was expected");
            BatchResult r;
            r.policy = state[0].cast<std::string>();
            r.leaf = state[1].cast<RowMatrix>();
            r.level2 = state[2].cast<RowMatrix>();
            r.level1 = state[3].cast<RowMatrix>();
            r.budget = state[4].cast<Eigen::VectorXd>();
            r.total = state[5].cast<Eigen::VectorXd>();
            r.unscored = state[6].cast<Eigen::VectorXi>();
            r.grade = state[7].cast<decltype(r.grade)>();
            r.rank = state[8].cast<Eigen::VectorXi>();
            return r;
          }))
      .def("__repr__", [](const BatchResult& r) {
        return "<BatchResult " + r.policy + ": " + std::to_string(r.leaf.rows()) + " entities × " +
               std::to_string(r.leaf.cols()) + " columns>";
      });

  m.def(
      "score_batch",
      [](const ConstRef& targets, const ConstRef& actuals, const ConstRef& weights, const py::object& directions,
         const py::object& kinds, const py::object& policy, const py::object& level2, const py::object& level1,
         const ConstRef& uppers, const VectorRef& budget_full_year, const VectorRef& budget_executed,
         const VectorRef& budget_weights,
         const py::object& level2_names, const py::object& level1_names) -> py::object {
        const bool many = py::isinstance<py::list>(policy) || py::isinstance<py::tuple>(policy);
        const std::vector<ScoringPolicy> policies = policies_from_object(policy);
        const BatchLayout layout = layout_from(static_cast<std::size_t>(targets.cols()), directions, kinds, level2,
                                               level1, level2_names, level1_names);
        // One weight row for a single policy may come as a 1-D array.
        if (weights.rows() != static_cast<Eigen::Index>(policies.size()))
          throw py::value_error("score_batch: weights has " + std::to_string(weights.rows()) + " rows for " +
                                std::to_string(policies.size()) + " policies (one row of M weights per policy)");
        std::vector<BatchResult> results;
        try {
          py::gil_scoped_release release;
          score_batch(layout, targets, actuals, weights, policies, results, uppers, budget_full_year,
                      budget_executed, budget_weights);
        } catch (const std::invalid_argument& e) {
          throw py::value_error(e.what());
        }
        if (!many) return py::cast(std::move(results.front()));
        return py::cast(std::move(results));
      },
      py::arg("targets"), py::arg("actuals"), py::arg("weights"), py::arg("directions") = py::none(),
      py::arg("kinds") = py::none(), py::arg("policy") = "mof2020", py::kw_only(), py::arg("level2") = py::none(),
      py::arg("level1") = py::none(), py::arg("uppers") = RowMatrix(), py::arg("budget_full_year") = Eigen::VectorXd(),
      py::arg("budget_executed") = Eigen::VectorXd(), py::arg("budget_weights") = Eigen::VectorXd(),
      py::arg("level2_names") = py::none(), py::arg("level1_names") = py::none(),
      R"doc(Scores N entities × M indicator columns in one pass (C++, Eigen; the GIL is released).

``targets``, ``actuals`` (and ``uppers`` for range columns) are N × M float64 arrays; C-contiguous
arrays are read in place, others are converted once.  ``weights`` is K × M, one row per policy
(jixiao.score_batch also takes a 1-D array of M for one policy).  ``directions`` (M: 1 ≥, -1 ≤, 0 =; default all 1) and ``kinds``
(M: 0 quantity, 1 range, 2 fraction already earned, e.g. 0.7 for a partly achieved tier; default
all 0).  ``level2`` (M) and ``level1`` (G2) number the tree's groups; by default all columns form one
group.  ``budget_full_year``/``budget_executed`` (N) add the budget row out of ``budget_weights``
(K; default each policy's).  ``policy`` is a preset name, a ScoringPolicy, a dict, or a list of
them (then a list of results comes back).  NaN cells are masked: NaN leaves, counted in
``unscored``, 0 in the sums.  The numbers are those of jixiao.score on the same cells.

>>> import numpy as np, jixiao
>>> r = jixiao.score_batch(np.array([[100.0, 50.0]]), np.array([[98.0, 60.0]]), np.array([[30.0, 20.0]]),
...                        directions=[1, -1])
>>> r.leaf.tolist(), r.total.tolist()
([[29.4, 16.0]], [45.4])
)doc");

  m.def(
      "table_batch",
      [](const std::shared_ptr<ScoredTable>& scored) {
        const TableBatch b = table_batch(scored->table->table, scored->card);
        py::dict d;
        std::vector<int> kinds, directions;
        for (BatchKind k : b.layout.kinds) kinds.push_back(static_cast<int>(k));
        for (BatchDirection x : b.layout.directions) directions.push_back(static_cast<int>(x));
        d["targets"] = b.targets;
        d["actuals"] = b.actuals;
        d["uppers"] = b.uppers;
        d["weights"] = b.weights;
        d["directions"] = directions;
        d["kinds"] = kinds;
        d["level2"] = b.layout.level2;
        d["level1"] = b.layout.level1;
        d["level2_names"] = b.layout.level2_names;
        d["level1_names"] = b.layout.level1_names;
        d["budget_full_year"] = b.budget_full_year;
        d["budget_executed"] = b.budget_executed;
        d["budget_weights"] = b.budget_weights;
        return d;
      },
      py::arg("scorecard").none(false),
      "A scored table as the arrays score_batch takes (a batch of one): "
      "jixiao.score_batch(**jixiao.table_batch(card), policy=card.policy) gives the card's numbers.");

  // For the zero-copy test: the address score_batch's argument conversion sees.
  m.def("_array_address", [](const ConstRef& a) { return reinterpret_cast<std::uintptr_t>(a.data()); },
        py::arg("array"));
}

}  // namespace jixiao::python
