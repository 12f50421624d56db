"""Notebook display (_repr_html_): a table's indicators with their diagnostics, and a scorecard
with score bars and traffic lights.  Plain HTML with inline styles (no JavaScript), so it shows
the same in Jupyter, VS Code and an exported notebook."""
from __future__ import annotations

import html
import math
from collections import defaultdict
from typing import Dict, List

from . import _core

_LIGHT = {"green": "#2e9d52", "amber": "#e0a100", "red": "#d2413a", "grey": "#b0b0b0"}
_SEVERITY_LIGHT = {"error": "red", "warning": "amber", "info": "grey"}
_STYLE = ("<style>.jx table{border-collapse:collapse;font-size:12px}"
          ".jx th,.jx td{border:1px solid #ddd;padding:2px 6px;text-align:left;vertical-align:top}"
          ".jx th{background:#f3f3f3}.jx .num{text-align:right;font-variant-numeric:tabular-nums}"
          ".jx .dot{display:inline-block;width:10px;height:10px;border-radius:50%}"
          ".jx .bar{background:#eee;width:120px;height:10px;position:relative}"
          ".jx .bar span{position:absolute;left:0;top:0;bottom:0}</style>")


def _e(x: object) -> str:
    return html.escape("" if x is None else str(x))


def _num(x: float, digits: int = 2) -> str:
    return "" if x is None or (isinstance(x, float) and math.isnan(x)) else f"{x:.{digits}f}".rstrip("0").rstrip(".")


def _dot(light: str, title: str = "") -> str:
    return f'<span class="dot" style="background:{_LIGHT[light]}" title="{_e(title)}"></span>'


def light_of(score: float, weight: float) -> str:
    """green ≥ 90% of the weight (优), amber ≥ 60%, red below, grey when not scored."""
    if score is None or weight is None or math.isnan(score) or math.isnan(weight) or weight <= 0:
        return "grey"
    share = score / weight
    return "green" if share >= 0.9 else "amber" if share >= 0.6 else "red"


def _bar(score: float, weight: float) -> str:
    if math.isnan(score) or math.isnan(weight) or weight <= 0:
        return ""
    width = max(0.0, min(1.0, score / weight)) * 100
    return f'<div class="bar"><span style="width:{width:.1f}%;background:{_LIGHT[light_of(score, weight)]}"></span></div>'


def table_html(table: "_core.Table") -> str:
    by_line: Dict[int, List["_core.Diagnostic"]] = defaultdict(list)
    for d in table.diagnostics:
        by_line[d.span.line].append(d)
    counts = {s: sum(1 for d in table.diagnostics if d.severity.name == s) for s in ("error", "warning", "info")}
    kind = table.kind.name.replace("_", " ")
    out = [_STYLE, '<div class="jx">', f"<b>{_e(table.title.text) or 'jixiao.Table'}</b> ({_e(kind)}",
           f", {table.year}" if table.year else "", f") — {len(table)} indicators; diagnostics: ",
           f"{counts['error']} errors, {counts['warning']} warnings, {counts['info']} info<br>",
           "<table><tr><th></th><th>职能</th><th>一级指标</th><th>二级指标</th><th>三级指标</th><th>指标值</th>"]
    self_eval = table.kind == _core.TableKind.self_evaluation
    if self_eval:
        out.append("<th>实际完成值</th><th>分值</th><th>得分</th>")
    out.append("<th>诊断</th></tr>")
    functions = [f.name.text for f in table.functions]
    for ind in table.indicators:
        lines = {ind.name.at.line, ind.target_at.line} - {0}
        found = [d for line in sorted(lines) for d in by_line.get(line, [])]
        worst = next((s for s in ("error", "warning", "info") if any(d.severity.name == s for d in found)), None)
        light = _dot(_SEVERITY_LIGHT[worst], worst) if worst else _dot("green", "no diagnostic")
        notes = "<br>".join(f"{_e(d.code)}: {_e(d.message)}" for d in found)
        out.append(f"<tr><td>{light}</td><td>{_e(functions[ind.function] if ind.function >= 0 else '')}</td>"
                   f"<td>{_e(ind.level1.text)}</td><td>{_e(ind.level2.text)}</td><td>{_e(ind.name.text)}</td>"
                   f"<td>{_e(ind.target.raw)}</td>")
        if self_eval:
            out.append(f"<td>{_e(ind.actual.raw)}</td><td class='num'>{_num(ind.weight)}</td>"
                       f"<td class='num'>{_num(ind.score)}</td>")
        out.append(f"<td>{notes}</td></tr>")
    out.append("</table></div>")
    return "".join(out)


def scorecard_html(card: "_core.Scorecard") -> str:
    table = card.table
    indicators = table.indicators
    functions = [f.name.text for f in table.functions]
    grade = card.grade.chinese() if card.grade is not None else "—"
    out = [_STYLE, '<div class="jx">',
           f"<b>{_e(table.title.text) or 'Scorecard'}</b> — policy {_e(card.policy.name)}: "
           f"<b>{_num(card.total)}</b> / {_num(card.total_weight)} {_dot(light_of(card.total, card.total_weight))} "
           f"评级 <b>{_e(grade)}</b>",
           f" (published {_num(card.published_total)} {_e(card.published_grade)})" if not math.isnan(card.published_total) else "",
           f"; {len(card.differences)} published scores differ; {card.unscored} rows unscored<br>",
           "<table><tr><th></th><th>职能</th><th>一级指标</th><th>二级指标</th><th>三级指标</th><th>指标值</th>"
           "<th>实际完成值</th><th>得分 / 分值</th><th></th><th>公布得分</th><th>说明</th></tr>"]
    for row in card.rows:
        ind = indicators[row.indicator]
        s = row.score
        differs = not math.isnan(s.published) and (math.isnan(s.score) or abs(s.published - s.score) > 0.005)
        published = f"<b style='color:{_LIGHT['red']}'>{_num(s.published)}</b>" if differs else _num(s.published)
        out.append(f"<tr><td>{_dot(light_of(s.score, s.weight))}</td>"
                   f"<td>{_e(functions[ind.function] if ind.function >= 0 else '')}</td>"
                   f"<td>{_e(ind.level1.text)}</td><td>{_e(ind.level2.text)}</td><td>{_e(ind.name.text)}</td>"
                   f"<td>{_e(ind.target.raw)}</td><td>{_e(ind.actual.raw)}</td>"
                   f"<td class='num'>{_num(s.score)} / {_num(s.weight)}</td><td>{_bar(s.score, s.weight)}</td>"
                   f"<td class='num'>{published}</td><td>{_e(s.explanation_zh)}</td></tr>")
    b = card.budget
    if not math.isnan(b.weight):
        out.append(f"<tr><td>{_dot(light_of(b.score, b.weight))}</td><td></td><td>预算执行率</td><td></td><td></td>"
                   f"<td></td><td></td><td class='num'>{_num(b.score)} / {_num(b.weight)}</td>"
                   f"<td>{_bar(b.score, b.weight)}</td><td class='num'>{_num(b.published)}</td>"
                   f"<td>{_e(b.explanation_zh)}</td></tr>")
    out.append("</table></div>")
    return "".join(out)
