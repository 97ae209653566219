"""Item statistics: how each step of a scenario does with real trainees, for its authors.

`figures` works the figures out from plain rows; `queries` reads those rows in a fixed number
of queries and returns a ScenarioStatistics.
"""

from trainer.library.item_statistics.queries import (
    ScenarioStatistics,
    scenario_statistics,
    stored_versions_or_404,
)

__all__ = ["ScenarioStatistics", "scenario_statistics", "stored_versions_or_404"]
