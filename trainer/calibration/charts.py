"""The calibration page's chart: kappa per dimension and month, drawn like the dashboard's
scores over time (same colours, dash patterns and pygal set-up, from trainer.progress.charts)."""

from __future__ import annotations

import math
from functools import lru_cache

from markupsafe import Markup

from trainer.calibration.services import MonthPoint
from trainer.progress.charts import (
    LINE_STYLES,
    MAX_POINTS_WITH_MARKERS,
    _css,
    _pygal,
    _style,
    _svg,
    pattern_legend,
)


@lru_cache(maxsize=64)
def agreement_over_time(points: tuple[MonthPoint, ...]) -> Markup:
    """One line per dimension: the month's quadratic-weighted kappa between scorer and mentors
    (a gap where it is undefined). The axis goes down to the lowest value, at most 0."""
    values = [getattr(point, name) for point in points for name in LINE_STYLES]
    lowest = min([value for value in values if value is not None] or [0.0])
    chart = _pygal().Line(
        show_dots=len(points) <= MAX_POINTS_WITH_MARKERS,
        style=_style([style["colour"] for style in LINE_STYLES.values()]),
        js=[], disable_xml_declaration=True, width=760, height=300,
        range=(min(0.0, math.floor(lowest * 5) / 5), 1.0), value_formatter=lambda v: f"{v:.2f}",
        legend_at_bottom=True, legend_at_bottom_columns=3, show_minor_x_labels=False,
        x_labels_major_count=8, truncate_label=-1, margin=12, allow_interruptions=True,
        css=_css(*(
            f"{{{{ id }}}}.serie-{index} .line{{stroke-width:3;stroke-linecap:round;"
            f"stroke-dasharray:{style['dasharray'] or 'none'}}}"
            for index, style in enumerate(LINE_STYLES.values())
        )),
    )
    chart.x_labels = [point.label for point in points]
    for name, style in LINE_STYLES.items():
        chart.add(name.capitalize(), [getattr(point, name) for point in points],
                  dots_size=style["dots"])
    return _svg(chart, "Agreement (kappa) between scorer and mentors per month: "
                + pattern_legend())
