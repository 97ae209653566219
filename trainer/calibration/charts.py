"""The calibration page's chart: kappa per dimension and month, drawn like the dashboard's
scores over time (same colours, dash patterns and pygal set-up, from trainer.progress.charts)."""

from __future__ import annotations

import math
from functools import lru_cache

from trainer.calibration.services import MonthPoint
from trainer.progress.charts import LINE_STYLES, Drawing, dimension_lines


@lru_cache(maxsize=64)
def agreement_over_time(points: tuple[MonthPoint, ...]) -> Drawing:
    """One line per dimension: the month's quadratic-weighted kappa between scorer and mentors
    (a gap where it is undefined). The axis goes down to the lowest value, at most 0."""
    values = [getattr(point, name) for point in points for name in LINE_STYLES]
    lowest = min([value for value in values if value is not None] or [0.0])
    return dimension_lines(
        points, "Agreement (kappa) between scorer and mentors per month", height=300,
        range=(min(0.0, math.floor(lowest * 5) / 5), 1.0), value_formatter=lambda v: f"{v:.2f}",
    )
