"""Item statistics: how each step of a scenario does with real trainees, for its authors.

`figures` works the figures out from plain rows and sums; `counting` keeps the tallies
(`models`) in step with the grades that count; `queries` reads them in a few aggregate queries
and returns a ScenarioStatistics.
"""

from trainer.library.item_statistics.queries import (
    ScenarioStatistics,
    scenario_statistics,
    stored_versions_or_404,
)

__all__ = ["ScenarioStatistics", "scenario_statistics", "stored_versions_or_404"]
