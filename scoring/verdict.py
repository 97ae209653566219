"""The one pass rule: whether a set of scores clears a bar, for a reply, an attempt or a rank."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

# The three graded dimensions, in the order every page and export shows them.
DIMENSIONS = ("politeness", "correctness", "completeness")


@dataclass(frozen=True)
class PassRule:
    """Overall and each dimension reach their bar, with no more violations than allowed.

    A score that is missing (None) counts as 0, so an ungraded dimension never passes.
    """

    overall: int = 70
    each_dimension: int = 60
    max_violations: int = 0

    def passes(
        self, overall: int | None, dimensions: Iterable[int | None], violations: int | None
    ) -> bool:
        return (
            (overall or 0) >= self.overall
            and all((score or 0) >= self.each_dimension for score in dimensions)
            and (violations or 0) <= self.max_violations
        )


DEFAULT_PASS_RULE = PassRule()
