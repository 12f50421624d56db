"""Scorecard.plot(): rule scores against weights, by core function and by level-1 indicator."""
from __future__ import annotations

from typing import Any, Optional


def plot_scorecard(card: Any, ax: Optional[Any] = None) -> Any:
    """Horizontal bars (matplotlib): the weight in grey, the rule score over it, coloured by the
    share of the weight (green ≥ 90%, amber ≥ 60%, red below).  With ``ax`` (one Axes) only the
    level-1 chart is drawn on it; otherwise a Figure with one chart per level (by function when
    the table has functions).  Returns the Figure."""

    import matplotlib.pyplot as plt

    from ._html import _LIGHT, light_of

    level1 = card.subtotals_frame("level1")
    functions = card.subtotals_frame("function")
    # Level-1 totals across functions: 产出 of every function together.
    by_level1 = level1.groupby("一级指标", sort=False)[["分值", "得分"]].sum().reset_index()
    b = card.budget
    if b.weight == b.weight:  # not NaN
        by_level1.loc[len(by_level1)] = ["预算执行率", b.weight, b.score if b.score == b.score else 0.0]
    panels = [("一级指标", by_level1)]
    if len(functions):
        panels.insert(0, ("职能", functions[["职能", "分值", "得分"]]))
    if ax is not None:
        axes, fig = [ax], ax.figure
        panels = panels[-1:]
    else:
        fig, axes = plt.subplots(1, len(panels), figsize=(6 * len(panels), 0.5 + 0.45 * max(len(p[1]) for p in panels)),
                                 squeeze=False)
        axes = list(axes[0])
    _use_cjk_font(plt)
    for a, (label, frame) in zip(axes, panels):
        names = frame[label].tolist()
        y = range(len(names))
        a.barh(y, frame["分值"], color="#e6e6e6", label="分值 (weight)")
        colours = [_LIGHT[light_of(s, w)] for s, w in zip(frame["得分"], frame["分值"])]
        a.barh(y, frame["得分"], color=colours, height=0.5, label="得分 (rule score)")
        for i, (s, w) in enumerate(zip(frame["得分"], frame["分值"])):
            a.text(w, i, f" {s:.2f} / {w:g}", va="center", fontsize=8)
        a.set_yticks(list(y))
        a.set_yticklabels(names)
        a.invert_yaxis()
        a.set_title(f"得分 by {label}")
        a.set_xlim(0, max(frame["分值"].max() * 1.3, 1))
    grade = card.grade.chinese() if card.grade is not None else "—"
    fig.suptitle(f"{card.table.title.text or 'Scorecard'}: {card.total:.2f} / {card.total_weight:g} ({grade})")
    fig.tight_layout()
    return fig


def _use_cjk_font(plt: Any) -> None:
    """Use an installed CJK font when there is one, so that Chinese labels are not boxes."""
    from matplotlib import font_manager

    wanted = ("Noto Sans CJK SC", "Noto Sans CJK", "WenQuanYi Zen Hei", "WenQuanYi Micro Hei", "AR PL UMing CN",
              "SimHei", "Source Han Sans SC")
    have = {f.name for f in font_manager.fontManager.ttflist}
    for name in wanted:
        if name in have:
            plt.rcParams["font.sans-serif"] = [name] + list(plt.rcParams["font.sans-serif"])
            break
