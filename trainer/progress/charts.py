"""The dashboard's chart of scores over time, as inline SVG drawn on the server with pygal.

Readable without colour: each dimension has its own dash pattern (and marker size on short
series), the caption names them, and the dashboard shows the same data as a table.
No JavaScript is served: pygal's tooltip configuration script is left out. Pages show the
drawing as an image (a data: URL) with its description as the alternative text: its stylesheet
then stays inside the image, and its axis labels, drawn on the chart's own background, are not
page text that accessibility checkers cannot measure.
"""

from __future__ import annotations

import base64
import re
import sys
from collections.abc import Sequence
from functools import cache, lru_cache
from types import ModuleType
from typing import Any

from markupsafe import Markup, escape

from trainer.progress.insights import SeriesPoint

# Okabe-Ito colours (distinguishable with colour-blindness), plus a pattern per line.
LINE_STYLES = {
    "politeness": {"colour": "#0072B2", "dasharray": None, "dots": 4, "pattern": "solid line"},
    "correctness": {"colour": "#D55E00", "dasharray": "10, 5", "dots": 3,
                    "pattern": "dashed line"},
    "completeness": {"colour": "#009E73", "dasharray": "2, 6", "dots": 5,
                     "pattern": "dotted line"},
}
# Markers cost most of a chart's drawing time: only short series get them (a lone point
# needs one to show at all); long ones are told apart by their dash patterns.
MAX_POINTS_WITH_MARKERS = 12
_SCRIPT = re.compile(r"<script\b[^>]*>.*?</script>", re.DOTALL)


@cache
def _pygal() -> ModuleType:
    """pygal, imported on first use (most processes never draw a chart)."""
    import pygal
    import pygal.style

    # pygal appends a legacy import hook for its map plugins (unused here); Python 3.11 warns
    # (ImportWarning) through it on every failed import anywhere in the process: take it out.
    sys.meta_path[:] = [
        finder for finder in sys.meta_path if not isinstance(finder, pygal.PluginImportFixer)
    ]
    return pygal


def _style(colours: Sequence[str]) -> Any:
    return _pygal().style.Style(
        background="transparent",
        plot_background="transparent",
        foreground="#1d2430",
        foreground_strong="#1d2430",
        foreground_subtle="#d8dde5",
        colors=tuple(colours),
        font_family="system-ui, sans-serif",
        label_font_size=13,
        major_label_font_size=13,
        legend_font_size=14,
        value_font_size=13,
        guide_stroke_color="#c5ccd6",
        major_guide_stroke_color="#9aa3b1",
    )


def _css(*rules: str) -> list[str]:
    """pygal's own stylesheets plus rules scoped to this chart (`{{ id }}` is its selector)."""
    return ["file://style.css", "file://graph.css", *(f"inline:{rule}" for rule in rules)]


class Drawing(str):
    """An SVG drawn on the server; in a page, an image described by `label`."""

    label: str
    size: tuple[int, int]

    def __new__(cls, svg: str, label: str, size: tuple[int, int]) -> Drawing:
        drawing = super().__new__(cls, svg)
        drawing.label, drawing.size = label, size
        return drawing

    def __html__(self) -> str:
        encoded = base64.b64encode(self.encode()).decode("ascii")
        width, height = self.size
        return Markup(  # noqa: S704 (base64 and an escaped label)
            f'<img class="chart-drawing" src="data:image/svg+xml;base64,{encoded}" '
            f'alt="{escape(self.label)}" width="{width}" height="{height}">'
        )


def _svg(chart: Any, label: str) -> Drawing:
    svg = _SCRIPT.sub("", chart.render(is_unicode=True))
    svg = svg.replace("<svg ", f'<svg role="img" aria-label="{escape(label)}" ', 1)
    # pygal escapes the labels and values it writes.
    return Drawing(svg.replace('style="opacity: 0"', 'opacity="0"'), label,
                   (chart.config.width, chart.config.height))


def pattern_legend() -> str:
    """How to tell the lines apart without colour, for the chart's caption."""
    return "; ".join(f"{name.capitalize()}: {style['pattern']}"
                     for name, style in LINE_STYLES.items())


def dimension_lines(points: Sequence[Any], label: str, **options: Any) -> Drawing:
    """One line per dimension over `points` (each with a `label` and a value per dimension,
    None for a gap), in the dimensions' colours and dash patterns; `options` go to pygal."""
    chart = _pygal().Line(
        show_dots=len(points) <= MAX_POINTS_WITH_MARKERS,
        style=_style([style["colour"] for style in LINE_STYLES.values()]),
        js=[], disable_xml_declaration=True, width=760,
        legend_at_bottom=True, legend_at_bottom_columns=3, show_minor_x_labels=False,
        x_labels_major_count=8, truncate_label=-1, margin=12, allow_interruptions=True,
        css=_css(*(
            f"{{{{ id }}}}.serie-{index} .line{{stroke-width:3;stroke-linecap:round;"
            f"stroke-dasharray:{style['dasharray'] or 'none'}}}"
            for index, style in enumerate(LINE_STYLES.values())
        )),
        **options,
    )
    chart.x_labels = [point.label for point in points]
    for name, style in LINE_STYLES.items():
        chart.add(name.capitalize(), [getattr(point, name) for point in points],
                  dots_size=style["dots"])
    return _svg(chart, f"{label}: {pattern_legend()}")


@lru_cache(maxsize=512)
def scores_over_time(points: tuple[SeriesPoint, ...]) -> Drawing:
    """One line per dimension, 0..100, over the trainee's finished attempts (the same points
    give the same drawing, so it is kept for the next view)."""
    return dimension_lines(points, "Politeness, correctness and completeness over time",
                           height=340, range=(0, 100))
