"""Drawing a chart spec as one PNG with matplotlib (Agg backend: no display, no pyplot state).

A spec is plain JSON (see :mod:`bot.domain.reports.messages`): a title and panels of bars,
each with labels, one or more series, optional marks (a limit drawn as a line across a bar)
and a flag for stacked or horizontal bars. :func:`render_png` is synchronous and meant for a
worker thread (the outbox sender calls it with ``asyncio.to_thread``).

Chinese labels need a CJK font. :func:`cjk_font` looks for one through matplotlib's font
manager (Noto Sans CJK, Source Han Sans, WenQuanYi, …, also among system fonts installed after
matplotlib built its font cache); with none, :func:`pick_spec` draws the English spec, whose
labels are ASCII, and says so once in the log, rather than drawing boxes for characters.
"""

from __future__ import annotations

import io
import json
import logging
import threading
from collections.abc import Iterable, Mapping
from typing import Any

_LOGGER = logging.getLogger(__name__)

# Families that cover simplified Chinese, most preferred first.
CJK_FAMILIES = (
    "Noto Sans CJK SC",
    "Noto Sans SC",
    "Source Han Sans SC",
    "Source Han Sans CN",
    "WenQuanYi Micro Hei",
    "WenQuanYi Zen Hei",
    "Noto Sans CJK JP",
    "Noto Serif CJK SC",
    "AR PL UMing CN",
    "AR PL UKai CN",
    "Droid Sans Fallback",
    "Microsoft YaHei",
    "SimHei",
    "PingFang SC",
)
# Font files worth adding when matplotlib's cache predates them (lower-case name fragments).
_CJK_FILES = (
    "wqy",
    "notosanscjk",
    "notoserifcjk",
    "sourcehansans",
    "droidsansfallback",
    "ukai",
    "uming",
)

MIN_SLOTS = 3  # a panel has room for at least this many bars (or groups)
_LOCK = threading.Lock()  # matplotlib's font manager is shared state
_FOUND: list[str | None] = []  # cjk_font()'s answer, once known
KEEP_DRAWN = 4
_DRAWN: dict[str, bytes] = {}  # the last drawings by spec and font, oldest first


def pick_cjk(available: Iterable[str]) -> str | None:
    """The preferred CJK family among these font family names, or None."""
    names = set(available)
    return next((family for family in CJK_FAMILIES if family in names), None)


def cjk_font() -> str | None:
    """A CJK font family matplotlib can use on this machine, or None (looked up once)."""
    with _LOCK:
        if not _FOUND:
            _FOUND.append(_find_cjk())
            if _FOUND[0] is None:
                _LOGGER.warning(
                    "No CJK font found (e.g. apt-get install fonts-wqy-microhei): report charts"
                    " are drawn with English labels"
                )
            else:
                _LOGGER.info("Report charts use the CJK font %s", _FOUND[0])
        return _FOUND[0]


def _find_cjk() -> str | None:
    from matplotlib import font_manager

    manager = font_manager.fontManager
    found = pick_cjk(f.name for f in manager.ttflist)
    if found is not None:
        return found
    for path in font_manager.findSystemFonts():
        flat = path.lower().replace("-", "").replace("_", "")
        if any(part in flat for part in _CJK_FILES):
            try:
                manager.addfont(path)
            except (OSError, RuntimeError, ValueError):
                continue
    return pick_cjk(f.name for f in manager.ttflist)


def pick_spec(specs: Mapping[str, Any], lang: str, font: str | None) -> dict[str, Any]:
    """The spec to draw: the reader's language, unless it needs a CJK font there is none of."""
    spec = specs.get(lang) or specs["en"]
    return dict(spec) if lang == "en" or font is not None else dict(specs["en"])


def render_png(specs: Mapping[str, Any], lang: str) -> bytes:
    """Draw the chart for a reader of `lang` as PNG bytes (blocking: run it in a thread).
    The last few drawings are kept: the Monday digest to every staff chat in one language is
    drawn once."""
    font = cjk_font() if lang != "en" else None
    spec = pick_spec(specs, lang, font)
    key = json.dumps([spec, font], sort_keys=True, ensure_ascii=False)
    with _LOCK:
        if (png := _DRAWN.get(key)) is None:
            png = _DRAWN[key] = _draw(spec, font)
            while len(_DRAWN) > KEEP_DRAWN:
                del _DRAWN[next(iter(_DRAWN))]
        return png


def _draw(spec: dict[str, Any], font: str | None) -> bytes:
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    family = [font, "DejaVu Sans"] if font else ["DejaVu Sans"]
    panels: list[dict[str, Any]] = spec["panels"]
    columns = 2
    rows = (len(panels) + columns - 1) // columns
    figure = Figure(figsize=(11, 3.6 * rows), dpi=100, layout="constrained")
    FigureCanvasAgg(figure)
    figure.suptitle(spec["title"], fontsize=15, fontfamily=family)
    for index, panel in enumerate(panels):
        axes = figure.add_subplot(rows, columns, index + 1)
        _panel(axes, panel, spec.get("empty", ""), family)
    out = io.BytesIO()
    figure.savefig(out, format="png")
    return out.getvalue()


def _panel(axes: Any, panel: dict[str, Any], empty: str, family: list[str]) -> None:
    from matplotlib.ticker import MaxNLocator

    labels: list[str] = panel["labels"]
    series: list[dict[str, Any]] = panel["series"]
    axes.set_title(panel["title"], fontsize=11, fontfamily=family)
    if not labels or (not panel.get("always") and not any(any(s["values"]) for s in series)):
        axes.text(0.5, 0.5, empty, ha="center", va="center", fontfamily=family, color="grey")
        axes.set_axis_off()
        return
    horizontal = bool(panel.get("horizontal"))
    stacked = bool(panel.get("stacked"))
    width = 0.6 if stacked else 0.7 / len(series)
    bottoms = [0.0] * len(labels)
    for n, one in enumerate(series):
        values = [float(v) for v in one["values"]]
        offset = 0.0 if stacked else (n - (len(series) - 1) / 2) * width
        places = [i + offset for i in range(len(labels))]
        bar = axes.barh if horizontal else axes.bar
        drawn = bar(places, values, width, bottoms if stacked else 0.0, label=one["name"])
        if stacked:  # a zero slice has no room for its label
            shown = [f"{v:g}" if v else "" for v in values]
            axes.bar_label(drawn, labels=shown, fontsize=8, label_type="center")
        else:
            axes.bar_label(drawn, fmt="%g", fontsize=8)
        if stacked:
            bottoms = [b + v for b, v in zip(bottoms, values, strict=True)]
    if marks := panel.get("marks"):
        tallest = max([*marks["values"], *(v for one in series for v in one["values"])])
        axes.set_ylim(0, tallest * 1.15 + 1)
        for i, limit in enumerate(marks["values"]):
            axes.hlines(
                limit,
                i - 0.45,
                i + 0.45,
                colors="red",
                linestyles="--",
                linewidth=2,
                label=marks["name"] if i == 0 else None,
            )
    ticks = list(range(len(labels)))
    slots = (-0.6, max(len(labels), MIN_SLOTS) - 0.4)  # one bar is not drawn page-wide
    count_axis = axes.xaxis if horizontal else axes.yaxis
    count_axis.set_major_locator(MaxNLocator(integer=True))
    if horizontal:
        axes.set_yticks(ticks, labels, fontfamily=family, fontsize=9)
        axes.set_ylim(*slots)
        axes.invert_yaxis()
    else:
        crowded = len(labels) > 3 and max(len(label) for label in labels) > 8
        axes.set_xticks(
            ticks, labels, fontfamily=family, fontsize=9, rotation=20 if crowded else 0
        )
        axes.set_xlim(*slots)
    if len(series) > 1 or marks:
        axes.legend(prop={"family": family, "size": 8})
    axes.spines[["top", "right"]].set_visible(False)
