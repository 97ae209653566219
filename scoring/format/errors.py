"""Errors in scenario files, each tied to a file, a line and a column where known.

Mentors fix scenario files by hand, so every problem names the place to look and what to write.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class ScenarioError:
    """One problem in one scenario file; line and column count from 1."""

    file: str
    line: int | None
    column: int | None
    message: str

    def __str__(self) -> str:
        place = [self.file]
        if self.line is not None:
            place.append(str(self.line))
            if self.column is not None:
                place.append(str(self.column))
        return f"{':'.join(place)}: {self.message}"


class ScenarioFormatError(Exception):
    """Every problem found in one file or one library, reported together."""

    def __init__(self, errors: Iterable[ScenarioError]) -> None:
        self.errors = list(errors)
        super().__init__(str(self))

    def __str__(self) -> str:
        return "\n".join(str(error) for error in self.errors)

    def summary(self) -> str:
        """One line for the end of a report, e.g. "3 errors in 2 files"."""
        count = len(self.errors)
        files = len({error.file for error in self.errors})
        return f"{_plural(count, 'error')} in {_plural(files, 'file')}"


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"
