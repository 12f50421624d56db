// jixiao: budget performance management (预算绩效管理) for C++ and Python.
// SPDX-License-Identifier: MIT
//
// Batch scoring: the same numbers as score_table on every test table and policy; a small batch
// computed by hand (masks, roll-up, grades at their boundaries, ranks with ties, two policies);
// the fast rounding against round_half_up; shapes that do not agree.
#include <catch2/catch.hpp>

#include <jixiao/actuals.hpp>
#include <jixiao/aggregate.hpp>
#include <jixiao/read.hpp>
#include <jixiao/scorecard.hpp>

#include <cmath>
#include <limits>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

using namespace jixiao;

namespace {

constexpr double NaN = std::numeric_limits<double>::quiet_NaN();
const std::string kData = JIXIAO_TEST_DATA;

std::vector<std::pair<std::string, Table>> test_tables() {
  std::vector<std::pair<std::string, Table>> out;
  for (const char* f : {"self-evaluation.tsv", "self-evaluation-deviating.tsv", "project-split-columns.tsv",
                        "civil-affairs.csv", "civil-affairs.json"})
    out.emplace_back(f, read_table(kData + "/tables/" + f).table);
  const Table sample = read_table(kData + "/../../examples/data/civil-affairs-2024-targets.tsv").table;
  out.emplace_back("sample + actuals",
                   apply_actuals(sample, kData + "/../../examples/data/civil-affairs-2024-actuals.csv").table);
  return out;
}

std::vector<ScoringPolicy> test_policies() {
  ScoringPolicy strict = ScoringPolicy::mof2020();
  strict.name = "strict";
  strict.reverse = ReverseRule::ratio;
  strict.equal = EqualRule::exact;
  strict.decimals = 1;
  ScoringPolicy binary = ScoringPolicy::mof2020();
  binary.name = "binary";
  binary.reverse = ReverseRule::binary;
  binary.decimals = 3;
  return {ScoringPolicy::mof2020(), ScoringPolicy::hubei(), strict, binary};
}

/// A one-column batch that scores all (fraction 1) of a weight `x`: its leaf is round(x).
double batch_round(double x, int decimals) {
  BatchLayout l;
  l.kinds = {BatchKind::fraction};
  l.directions = {BatchDirection::higher_is_better};
  l.level2 = {0};
  l.level1 = {0};
  ScoringPolicy p;
  p.decimals = decimals;
  RowMatrix t = RowMatrix::Constant(1, 1, NaN), a = RowMatrix::Ones(1, 1), w = RowMatrix::Constant(1, 1, x);
  return score_batch(l, t, a, w, {p})[0].leaf(0, 0);
}

}  // namespace

TEST_CASE("Batch and single scoring give identical numbers on every test table", "[aggregate]") {
  for (const auto& [name, table] : test_tables()) {
    for (const ScoringPolicy& policy : test_policies()) {
      INFO(name << " under " << policy.name);
      const Scorecard card = score_table(table, policy);
      const TableBatch b = table_batch(table, card);
      const BatchResult r = score_batch(b.layout, b.targets, b.actuals, b.weights, {policy}, b.uppers,
                                        b.budget_full_year, b.budget_executed, b.budget_weights)
                                .front();
      REQUIRE(r.leaf.cols() == static_cast<Eigen::Index>(card.rows.size()));
      for (std::size_t j = 0; j < card.rows.size(); ++j) {
        const IndicatorScore& s = card.rows[j].score;
        INFO("row " << j << ": " << s.explanation_en);
        if (s.scored()) {
          CHECK(r.leaf(0, static_cast<Eigen::Index>(j)) == s.score);  // bit for bit
        } else {
          CHECK(std::isnan(r.leaf(0, static_cast<Eigen::Index>(j))));
        }
      }
      const auto level2 = card.subtotals_at(SubtotalLevel::level2);
      const auto level1 = card.subtotals_at(SubtotalLevel::level1);
      REQUIRE(r.level2.cols() == static_cast<Eigen::Index>(level2.size()));
      REQUIRE(r.level1.cols() == static_cast<Eigen::Index>(level1.size()));
      for (std::size_t g = 0; g < level2.size(); ++g) CHECK(r.level2(0, static_cast<Eigen::Index>(g)) == level2[g]->score);
      for (std::size_t g = 0; g < level1.size(); ++g) CHECK(r.level1(0, static_cast<Eigen::Index>(g)) == level1[g]->score);
      if (card.budget.scored()) CHECK(r.budget(0) == card.budget.score);
      else CHECK(std::isnan(r.budget(0)));
      CHECK(r.total(0) == card.total);
      CHECK(r.unscored(0) == static_cast<int>(card.unscored));
      CHECK(r.grade(0) == (card.grade ? static_cast<int>(*card.grade) : -1));
      CHECK(r.rank(0) == 1);
    }
  }
}

TEST_CASE("A batch computed by hand: masks, roll-up, grades, ranks and two policies", "[aggregate]") {
  // 产出 (level 1 #0): 数量 = columns 0, 1; 时效 = column 2.  效益 (#1): column 3.
  BatchLayout l;
  l.kinds = {BatchKind::quantity, BatchKind::quantity, BatchKind::fraction, BatchKind::range};
  l.directions = {BatchDirection::higher_is_better, BatchDirection::lower_is_better, BatchDirection::higher_is_better,
                  BatchDirection::higher_is_better};
  l.level2 = {0, 0, 1, 2};
  l.level1 = {0, 0, 1};
  l.level2_names = {"数量指标", "时效指标", "社会效益指标"};
  l.level1_names = {"产出指标", "效益指标"};
  RowMatrix targets(5, 4), actuals(5, 4), uppers(5, 4);
  // ≥100, ≤50, (tier), [80, 90]
  targets << 100, 50, NaN, 80,  //
      100, 50, NaN, 80,         //
      100, 50, NaN, 80,         //
      100, 50, NaN, 80,         //
      100, 50, NaN, 80;
  uppers.setConstant(NaN);
  uppers.col(3).setConstant(90);
  actuals << 100, 40, 1.0, 85,  // all met: 30 + 20 + 10 + 30 = 90, + budget 10 = 100
      98, 60, 0.7, 60,          // 29.4 + 16 (linear: 1 − 10/50) + 7 + 22.5 (60/80) = 74.9
      NaN, 50, 1.0, 99,         // masked + 20 + 10 + 27 (linear: 1 − 9/90) = 57
      -5, 100, 0.3, 90,         // 0 (negative) + 0 (100 = 2T) + 3 + 30 = 33
      100, 40, 1.0, 85;         // as the first
  RowMatrix weights(2, 4);
  weights << 30, 20, 10, 30,  // "mof2020"
      20, 20, 20, 20;          // a second weighting
  Eigen::VectorXd full(5), executed(5);
  full << 100, 100, 100, 0, 100;
  executed << 100, 95, 120, 50, 79.5;
  ScoringPolicy ratio = ScoringPolicy::mof2020();
  ratio.name = "ratio";
  ratio.reverse = ReverseRule::ratio;
  const auto results = score_batch(l, targets, actuals, weights, {ScoringPolicy::mof2020(), ratio}, uppers, full, executed);
  REQUIRE(results.size() == 2);
  const BatchResult& r = results[0];
  CHECK(r.policy == "mof2020");
  CHECK(r.leaf(1, 0) == 29.4);
  CHECK(r.leaf(1, 1) == 16);
  CHECK(r.leaf(1, 3) == 22.5);
  CHECK(std::isnan(r.leaf(2, 0)));  // masked, not zero
  CHECK(r.unscored(2) == 1);
  CHECK(r.unscored(0) == 0);
  CHECK(r.leaf(3, 0) == 0);
  CHECK(r.level2(1, 0) == 45.4);  // 29.4 + 16
  CHECK(r.level1(1, 0) == 52.4);  // + 7
  CHECK(r.level1(1, 1) == 22.5);
  CHECK(r.budget(0) == 10);
  CHECK(r.budget(1) == 9.5);
  CHECK(r.budget(2) == 10);          // capped at 100%
  CHECK(std::isnan(r.budget(3)));    // A = 0: not scored
  CHECK(r.budget(4) == 7.95);
  CHECK(r.total(0) == 100);
  CHECK(r.total(1) == 84.4);         // 74.9 + 9.5
  CHECK(r.total(2) == 67);           // 57 + 10
  CHECK(r.total(3) == 33);
  CHECK(r.total(4) == 97.95);        // 90 + 7.95
  CHECK(r.grade(0) == static_cast<int>(Grade::excellent));
  CHECK(r.grade(1) == static_cast<int>(Grade::good));
  CHECK(r.grade(2) == static_cast<int>(Grade::fair));
  CHECK(r.grade(3) == static_cast<int>(Grade::poor));
  CHECK(r.rank(0) == 1);
  CHECK(r.rank(4) == 2);
  CHECK(r.rank(1) == 3);
  CHECK(r.rank(2) == 4);
  CHECK(r.rank(3) == 5);
  // The second policy: its own weights, its own reverse rule.
  const BatchResult& q = results[1];
  CHECK(q.policy == "ratio");
  CHECK(q.leaf(1, 1) == 16.67);  // 20 × 50 / 60
  CHECK(q.leaf(1, 3) == 15);     // 20 × 60 / 80
  CHECK(q.leaf(3, 1) == 10);     // 20 × 50 / 100
  CHECK(q.total(0) == 90);       // 80 + 10

  SECTION("grade boundaries are inclusive at the lower end") {
    BatchLayout one;
    one.kinds = {BatchKind::fraction};
    one.directions = {BatchDirection::higher_is_better};
    one.level2 = {0};
    one.level1 = {0};
    RowMatrix t = RowMatrix::Constant(6, 1, NaN), a(6, 1), w = RowMatrix::Constant(1, 1, 100);
    a << 0.9, 0.8999, 0.8, 0.7999, 0.6, 0.5999;
    const BatchResult g = score_batch(one, t, a, w, {ScoringPolicy::mof2020()}).front();
    const std::vector<int> expected = {0, 1, 1, 2, 2, 3};
    for (Eigen::Index i = 0; i < 6; ++i) CHECK(g.grade(i) == expected[static_cast<std::size_t>(i)]);
    CHECK(score_batch(one, t, a, w, {ScoringPolicy::hubei()}).front().grade(0) == -1);  // no grades
  }
  SECTION("a fraction outside [0, 1] is not a score: masked") {
    RowMatrix odd = actuals;
    odd(0, 2) = 1.2;
    odd(1, 2) = -0.3;
    const BatchResult m = score_batch(l, targets, odd, weights.topRows(1), {ScoringPolicy::mof2020()}, uppers, full,
                                      executed).front();
    CHECK(std::isnan(m.leaf(0, 2)));
    CHECK(std::isnan(m.leaf(1, 2)));
    CHECK(m.unscored(0) == 1);
    CHECK(m.unscored(1) == 1);
    CHECK(m.total(0) == 90);  // 30 + 20 + 30 + budget 10
  }
  SECTION("ties share a rank") {
    RowMatrix same = actuals;
    same.row(1) = same.row(0);
    Eigen::VectorXd e2 = executed;
    e2(1) = 100;
    const BatchResult t = score_batch(l, targets, same, weights.topRows(1), {ScoringPolicy::mof2020()}, uppers, full, e2).front();
    CHECK(t.rank(0) == 1);
    CHECK(t.rank(1) == 1);
    CHECK(t.rank(4) == 3);
  }
}

TEST_CASE("Batch rounding is round_half_up, bit for bit", "[aggregate]") {
  for (double x : {2.675, 1.005, 0.125, 0.135, 1.115, 2.5, 0.5, 0.0049999999999999, 8.345, 9.995, 1234.565, 0.0})
    for (int d : {0, 1, 2, 3, 6}) {
      INFO(x << " to " << d);
      CHECK(batch_round(x, d) == round_half_up(x, d));
    }
  std::mt19937_64 rng(20261128);
  std::uniform_real_distribution<double> u(0, 200);
  for (int i = 0; i < 20000; ++i) {
    // Values on and next to every tie of two decimals, and anywhere.
    const double tie = std::floor(u(rng) * 100) / 100 + 0.005;
    for (double x : {tie, std::nextafter(tie, 0.0), std::nextafter(tie, 1e9), u(rng)}) {
      INFO(x);
      REQUIRE(batch_round(x, 2) == round_half_up(x, 2));
    }
  }
}

TEST_CASE("Random cells: the batch kernel is rule_fraction", "[aggregate]") {
  std::mt19937_64 rng(7);
  std::uniform_real_distribution<double> u(-10, 300);
  const std::vector<ScoringPolicy> policies = test_policies();
  BatchLayout l;
  l.kinds = {BatchKind::quantity, BatchKind::quantity, BatchKind::quantity, BatchKind::range};
  l.directions = {BatchDirection::higher_is_better, BatchDirection::lower_is_better, BatchDirection::equal,
                  BatchDirection::higher_is_better};
  l.level2 = {0, 0, 0, 0};
  l.level1 = {0};
  const Eigen::Index n = 3000;
  RowMatrix t(n, 4), a(n, 4), up(n, 4);
  for (Eigen::Index i = 0; i < n; ++i)
    for (Eigen::Index j = 0; j < 4; ++j) {
      t(i, j) = i % 17 == 0 ? 0.0 : std::round(u(rng));  // targets of 0 too
      a(i, j) = i % 13 == 0 ? t(i, j) : std::round(u(rng) * 10) / 10;
      up(i, j) = t(i, j) + std::round(u(rng) / 3);
    }
  RowMatrix w = RowMatrix::Constant(static_cast<Eigen::Index>(policies.size()), 4, 7.5);
  const auto results = score_batch(l, t, a, w, policies, up);
  for (std::size_t k = 0; k < policies.size(); ++k) {
    const ScoringPolicy& p = policies[k];
    for (Eigen::Index i = 0; i < n; ++i) {
      const ScoreMethod eq = (p.equal == EqualRule::exact || t(i, 2) == 0) ? ScoreMethod::exact
                                                                             : ScoreMethod::higher_is_better;
      const ScoreMethod methods[] = {ScoreMethod::higher_is_better, ScoreMethod::lower_is_better, eq, ScoreMethod::range};
      for (Eigen::Index j = 0; j < 4; ++j) {
        const double expected = round_half_up(7.5 * rule_fraction(methods[j], t(i, j), a(i, j), p, up(i, j)), p.decimals);
        INFO(p.name << " T=" << t(i, j) << " A=" << a(i, j) << " U=" << up(i, j) << " column " << j);
        if (std::isnan(expected)) REQUIRE(std::isnan(results[k].leaf(i, j)));
        else REQUIRE(results[k].leaf(i, j) == expected);
      }
    }
  }
}

TEST_CASE("Shapes that do not agree are API misuse", "[aggregate]") {
  BatchLayout l;
  l.kinds = {BatchKind::quantity, BatchKind::quantity};
  l.directions = {BatchDirection::higher_is_better, BatchDirection::higher_is_better};
  l.level2 = {0, 1};
  l.level1 = {0, 0};
  const RowMatrix x = RowMatrix::Ones(3, 2);
  const std::vector<ScoringPolicy> one = {ScoringPolicy::mof2020()};
  CHECK_NOTHROW(score_batch(l, x, x, RowMatrix::Ones(1, 2), one));
  CHECK_THROWS_AS(score_batch(l, x, RowMatrix::Ones(2, 2), RowMatrix::Ones(1, 2), one), std::invalid_argument);
  CHECK_THROWS_WITH(score_batch(l, x, x, RowMatrix::Ones(2, 2), one),
                    "jixiao::score_batch: weights are 2 × 2; they must be K × M = 1 × 2 (one row per policy)");
  CHECK_THROWS_AS(score_batch(l, RowMatrix::Ones(3, 3), RowMatrix::Ones(3, 3), RowMatrix::Ones(1, 3), one),
                  std::invalid_argument);
  CHECK_THROWS_AS(score_batch(l, x, x, RowMatrix::Ones(1, 2), one, RowMatrix(), Eigen::VectorXd::Ones(2),
                              Eigen::VectorXd::Ones(2)),
                  std::invalid_argument);  // budget for 2 of 3 entities
  BatchLayout bad = l;
  bad.level2 = {0, 2};
  CHECK_THROWS_WITH(bad.validate(), "jixiao::BatchLayout: level2[1] is 2 but there are 2 level-2 groups");
  bad = l;
  bad.kinds.push_back(BatchKind::range);
  CHECK_THROWS_AS(bad.validate(), std::invalid_argument);
  bad = l;
  bad.kinds[0] = BatchKind::range;  // a range column without uppers
  CHECK_THROWS_WITH(score_batch(bad, x, x, RowMatrix::Ones(1, 2), one),
                    "jixiao::score_batch: a range column needs the uppers array");
}

TEST_CASE("The tree matrices are the sparse sums the roll-up uses", "[aggregate]") {
  BatchLayout l;
  l.kinds.assign(4, BatchKind::quantity);
  l.directions.assign(4, BatchDirection::higher_is_better);
  l.level2 = {0, 0, 1, 2};
  l.level1 = {0, 0, 1};
  const Eigen::MatrixXd s2 = l.level2_matrix();
  const Eigen::MatrixXd s1 = l.level1_matrix();
  Eigen::MatrixXd e2(3, 4), e1(2, 3);
  e2 << 1, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1;
  e1 << 1, 1, 0, 0, 0, 1;
  CHECK(s2 == e2);
  CHECK(s1 == e1);
  CHECK(l.level1_groups() == 2);
}

TEST_CASE("Every way through the batch kernel gives the same numbers", "[aggregate]") {
  // Many rows (the vector path, rows that run into the next) against the same rows one at a
  // time (the padded path) and against a strided view of them (the copied path): widths that
  // are and are not a multiple of the vector width, groups that are not contiguous, every
  // rule, NaN, -0, zero and negative inputs, and actuals on rounding ties.
  std::mt19937_64 rng(20261129);
  std::uniform_real_distribution<double> u(0, 1);
  for (const Eigen::Index m : {1, 3, 8, 13, 60, 61}) {
    BatchLayout l;
    for (Eigen::Index j = 0; j < m; ++j) {
      const double r = u(rng);
      l.kinds.push_back(r < 0.6 ? BatchKind::quantity : r < 0.75 ? BatchKind::range : BatchKind::fraction);
      const double d = u(rng);
      l.directions.push_back(d < 0.6   ? BatchDirection::higher_is_better
                             : d < 0.8 ? BatchDirection::lower_is_better
                                       : BatchDirection::equal);
      l.level2.push_back(static_cast<int>(u(rng) * 5));  // groups interleaved
    }
    l.level1 = {0, 1, 0, 2, 1};
    const Eigen::Index n = 203;
    RowMatrix t(n, m), a(n, m), up(n, m);
    for (Eigen::Index i = 0; i < n; ++i)
      for (Eigen::Index j = 0; j < m; ++j) {
        const double r = u(rng);
        t(i, j) = r < 0.03 ? NaN : r < 0.06 ? 0.0 : r < 0.08 ? -0.0 : r < 0.09 ? -5.0 : std::round(1 + 999 * u(rng));
        const double s = u(rng);
        a(i, j) = l.kinds[static_cast<std::size_t>(j)] == BatchKind::fraction
                      ? (s < 0.7 ? 1.0 : s < 0.9 ? 0.7 : s < 0.95 ? 1.5 : NaN)
                  : s < 0.03 ? NaN
                  : s < 0.06 ? -3.0
                  : s < 0.2  ? t(i, j) * 0.97  // on a tie for weight 1.5
                             : std::round(t(i, j) * (0.5 + u(rng)) * 10) / 10;
        up(i, j) = u(rng) < 0.05 ? NaN : t(i, j) + std::round(100 * u(rng));
      }
    RowMatrix w(2, m);
    for (Eigen::Index j = 0; j < m; ++j) {
      w(0, j) = u(rng) < 0.3 ? 1.5 : std::round(u(rng) * 1000) / 100;
      w(1, j) = j == 0 ? NaN : 2.5;
    }
    Eigen::VectorXd fy(n), ex(n);
    for (Eigen::Index i = 0; i < n; ++i) {
      fy(i) = u(rng) < 0.05 ? 0.0 : 1000;
      ex(i) = std::round(700 + 400 * u(rng)) / 10 * 10;
    }
    const std::vector<ScoringPolicy> policies = {ScoringPolicy::mof2020(), test_policies()[2]};
    const auto all = score_batch(l, t, a, w, policies, up, fy, ex);

    // The same numbers in a wider buffer: a strided view.
    RowMatrix tw = RowMatrix::Constant(n, m + 3, 7.0), aw = tw, uw = tw;
    tw.leftCols(m) = t;
    aw.leftCols(m) = a;
    uw.leftCols(m) = up;
    using Strided = Eigen::Map<const RowMatrix, 0, Eigen::OuterStride<>>;
    const Strided ts(tw.data(), n, m, Eigen::OuterStride<>(m + 3)), as(aw.data(), n, m, Eigen::OuterStride<>(m + 3)),
        us(uw.data(), n, m, Eigen::OuterStride<>(m + 3));
    const auto strided = score_batch(l, ts, as, w, policies, us, fy, ex);

    for (std::size_t k = 0; k < policies.size(); ++k) {
      INFO("M = " << m << ", policy " << policies[k].name);
      const auto same = [](const auto& x, const auto& y) {
        return x.size() == y.size() &&
               (x.array() == y.array() || (x.array() != x.array() && y.array() != y.array())).all();
      };
      CHECK(same(all[k].leaf, strided[k].leaf));
      CHECK(same(all[k].level2, strided[k].level2));
      CHECK(same(all[k].total, strided[k].total));
      CHECK(all[k].unscored == strided[k].unscored);
      for (Eigen::Index i = 0; i < n; i += 7) {
        INFO("row " << i);
        const auto one = score_batch(l, t.middleRows(i, 1), a.middleRows(i, 1), w, policies, up.middleRows(i, 1),
                                     fy.segment(i, 1), ex.segment(i, 1));
        REQUIRE(same(RowMatrix(all[k].leaf.row(i)), one[k].leaf));
        REQUIRE(same(RowMatrix(all[k].level2.row(i)), one[k].level2));
        REQUIRE(same(RowMatrix(all[k].level1.row(i)), one[k].level1));
        CHECK(same(Eigen::VectorXd(all[k].budget.segment(i, 1)), one[k].budget));
        CHECK(all[k].total(i) == one[k].total(0));
        CHECK(all[k].unscored(i) == one[k].unscored(0));
        CHECK(all[k].grade(i) == one[k].grade(0));
        // And each leaf is round_half_up(weight × rule_fraction), as single scoring has it.
        for (Eigen::Index j = 0; j < m; ++j) {
          const ScoringPolicy& p = policies[k];
          const auto kind = l.kinds[static_cast<std::size_t>(j)];
          const auto dir = l.directions[static_cast<std::size_t>(j)];
          double f = NaN;
          const double tt = t(i, j), aa = a(i, j);
          if (kind == BatchKind::fraction) f = (aa >= 0 && aa <= 1) ? aa : NaN;
          else if (kind == BatchKind::range) f = rule_fraction(ScoreMethod::range, tt, aa, p, up(i, j));
          else if (dir == BatchDirection::higher_is_better) f = rule_fraction(ScoreMethod::higher_is_better, tt, aa, p);
          else if (dir == BatchDirection::lower_is_better) f = rule_fraction(ScoreMethod::lower_is_better, tt, aa, p);
          else
            f = rule_fraction(
                (p.equal == EqualRule::exact || tt == 0) ? ScoreMethod::exact : ScoreMethod::higher_is_better, tt, aa, p);
          const double weight = w(static_cast<Eigen::Index>(k), j);
          const double expected = weight >= 0 ? round_half_up(weight * f, p.decimals) : NaN;
          INFO("column " << j << ": T=" << tt << " A=" << aa << " U=" << up(i, j) << " w=" << weight);
          if (std::isnan(expected)) CHECK(std::isnan(all[k].leaf(i, j)));
          else CHECK(all[k].leaf(i, j) == expected);
        }
      }
    }
  }
}

TEST_CASE("Weights too large for the kernel's integer sums take the reference path", "[aggregate]") {
  // 10^10 points at 2 decimals is 10^12 units: beyond what the vector kernel adds up exactly.
  BatchLayout l;
  l.kinds = {BatchKind::quantity, BatchKind::quantity, BatchKind::fraction};
  l.directions = {BatchDirection::higher_is_better, BatchDirection::lower_is_better, BatchDirection::higher_is_better};
  l.level2 = {0, 1, 1};
  l.level1 = {0, 0};
  RowMatrix t(9, 3), a(9, 3);
  for (Eigen::Index i = 0; i < 9; ++i) {
    t.row(i) << 100, 50, NaN;
    a.row(i) << 97 + static_cast<double>(i), 49 + static_cast<double>(i) * 0.5, i % 2 ? 0.7 : 1.0;
  }
  RowMatrix w(1, 3);
  w << 1e10, 3.3e9, 1.5;
  const ScoringPolicy p = ScoringPolicy::mof2020();
  const BatchResult r = score_batch(l, t, a, w, {p}).front();
  for (Eigen::Index i = 0; i < 9; ++i) {
    INFO("row " << i);
    const double l0 = round_half_up(1e10 * rule_fraction(ScoreMethod::higher_is_better, t(i, 0), a(i, 0), p), 2);
    const double l1 = round_half_up(3.3e9 * rule_fraction(ScoreMethod::lower_is_better, t(i, 1), a(i, 1), p), 2);
    const double l2 = round_half_up(1.5 * a(i, 2), 2);
    CHECK(r.leaf(i, 0) == l0);
    CHECK(r.leaf(i, 1) == l1);
    CHECK(r.leaf(i, 2) == l2);
    CHECK(r.level2(i, 0) == round_half_up(l0, 2));
    CHECK(r.level2(i, 1) == round_half_up(l1 + l2, 2));
    CHECK(r.total(i) == round_half_up(round_half_up(r.level2(i, 0) + r.level2(i, 1), 2), 2));
    CHECK(r.unscored(i) == 0);
  }
}

TEST_CASE("An infinite weight masks its column, as a negative one does", "[aggregate]") {
  // As score_indicator's and score_budget's JX407: an infinite weight scores nothing, rather
  // than an infinite total graded 优.
  constexpr double inf = std::numeric_limits<double>::infinity();
  BatchLayout l;
  l.kinds = {BatchKind::quantity, BatchKind::quantity};
  l.directions = {BatchDirection::higher_is_better, BatchDirection::lower_is_better};
  l.level2 = {0, 0};
  l.level1 = {0};
  RowMatrix t(9, 2), a(9, 2), w(2, 2);
  for (Eigen::Index i = 0; i < 9; ++i) {
    t.row(i) << 100, 50;
    a.row(i) << 98, 40;
  }
  w << inf, 20,  //
      -inf, 20;
  Eigen::VectorXd full = Eigen::VectorXd::Constant(9, 100), executed = Eigen::VectorXd::Constant(9, 90);
  Eigen::VectorXd budget_weights(2);
  budget_weights << inf, 10;
  const auto r = score_batch(l, t, a, w, {ScoringPolicy::mof2020(), ScoringPolicy::mof2020()}, RowMatrix(), full,
                             executed, budget_weights);
  for (Eigen::Index i = 0; i < 9; ++i) {
    INFO("row " << i);
    CHECK(std::isnan(r[0].leaf(i, 0)));
    CHECK(r[0].leaf(i, 1) == 20);
    CHECK(r[0].unscored(i) == 1);
    CHECK(std::isnan(r[0].budget(i)));  // an infinite budget weight: not scored
    CHECK(r[0].total(i) == 20);
    CHECK(r[0].grade(i) == static_cast<std::int8_t>(Grade::poor));
    CHECK(std::isnan(r[1].leaf(i, 0)));
    CHECK(r[1].budget(i) == 9);
    CHECK(r[1].total(i) == 29);
  }
}
