"""The rank ladder: a YAML file an admin edits (ranks.yaml), as typed, validated models.

Reading reuses the scenario loader's machinery (safe YAML with line numbers, size limit, error
types), so a broken ladder is reported like a broken scenario: file, line, column and what to
write instead. docs/ranks.md describes every key.
"""

from __future__ import annotations

import hashlib
import json
import os
from functools import cached_property
from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationError

from scoring import DEFAULT_PASS_RULE, DIMENSIONS, PassRule
from scoring.format.errors import ScenarioError, ScenarioFormatError
from scoring.format.model import Persona, Slug, Text, one_or_many
from scoring.format.source import MAX_SCENARIO_BYTES, Loc, check_size, read_yaml
from trainer.progress.ladder_messages import explain_validation

EMPTY_LADDER = "the file is empty: a ladder starts with 'ranks:' and lists the ranks, lowest first"

Score = Annotated[int, Field(ge=0, le=100, strict=True)]
Difficulty = Annotated[int, Field(ge=1, le=5, strict=True)]
ReplyWindow = Annotated[int, Field(ge=1, le=1000, strict=True)]


class LadderFormatError(ScenarioFormatError):
    """Every problem of one ladder file, each with its line; str() lists them all."""


PersonaGroup = Annotated[list[Persona], BeforeValidator(one_or_many), Field(min_length=1)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class PassBar(_Strict):
    """A pass rule as the ladder writes it, checked like every other key; `rule` is the
    scoring.PassRule it stands for (ties pass)."""

    overall: Score = DEFAULT_PASS_RULE.overall
    each_dimension: Score = DEFAULT_PASS_RULE.each_dimension
    max_violations: int = Field(default=DEFAULT_PASS_RULE.max_violations, ge=0, strict=True)

    @property
    def rule(self) -> PassRule:
        return PassRule(self.overall, self.each_dimension, self.max_violations)


class DimensionMinimum(_Strict):
    politeness: Score | None = None
    correctness: Score | None = None
    completeness: Score | None = None

    def items(self) -> list[tuple[str, int]]:
        """(dimension, minimum) for the dimensions the ladder names, in the usual order."""
        return [(name, getattr(self, name)) for name in DIMENSIONS if getattr(self, name)
                is not None]


class _CountsPasses(_Strict):
    """Which attempts count as passed: hard enough and above the bar (the ladder's
    `pass_rule` unless the requirement sets its own). Only exams count (see evaluation)."""

    min_difficulty: Difficulty = 1
    pass_rule: PassBar | None = None


class ScenariosPassed(_CountsPasses):
    """`count` distinct scenarios passed at `min_difficulty` or harder."""

    kind: Literal["scenarios_passed"]
    count: int = Field(ge=1, le=1000, strict=True)


class DimensionAverage(_Strict):
    """The average of each named dimension over the last `last_replies` graded replies."""

    kind: Literal["dimension_average"]
    last_replies: ReplyWindow
    minimum: DimensionMinimum


class PersonasHandled(_CountsPasses):
    """One passed scenario for each group of personas (any persona of the group will do)."""

    kind: Literal["personas_handled"]
    groups: list[PersonaGroup] = Field(min_length=1)


class ReplyTime(_Strict):
    """The median reply time over the last `last_replies` graded replies."""

    kind: Literal["reply_time"]
    last_replies: ReplyWindow
    max_median_seconds: float = Field(gt=0, le=3600, allow_inf_nan=False)


class MentorSignOff(_Strict):
    """A mentor's approval; it arrives with mentor review, until then it stays pending."""

    kind: Literal["mentor_sign_off"]


Requirement = Annotated[
    ScenariosPassed | DimensionAverage | PersonasHandled | ReplyTime | MentorSignOff,
    Field(discriminator="kind"),
]
REQUIREMENT_KINDS: dict[str, type[_Strict]] = {
    "scenarios_passed": ScenariosPassed,
    "dimension_average": DimensionAverage,
    "personas_handled": PersonasHandled,
    "reply_time": ReplyTime,
    "mentor_sign_off": MentorSignOff,
}


class Rank(_Strict):
    id: Annotated[Slug, Field(max_length=40)]
    name: Annotated[Text, Field(max_length=80)]
    description: str = ""
    requirements: list[Requirement] = []


class Ladder(_Strict):
    """The ranks, lowest first; the first is held by everyone and has no requirements."""

    pass_rule: PassBar = PassBar()
    ranks: list[Rank] = Field(min_length=1)

    def rank(self, rank_id: str) -> Rank | None:
        return next((rank for rank in self.ranks if rank.id == rank_id), None)

    def level(self, rank_id: str) -> int | None:
        """The rank's position on the ladder (0 for the first), None when it is not on it."""
        return next((i for i, rank in enumerate(self.ranks) if rank.id == rank_id), None)

    def bar(self, requirement: _CountsPasses) -> PassRule:
        """The rule an attempt must pass to count towards `requirement`."""
        return (requirement.pass_rule or self.pass_rule).rule

    def reply_window(self) -> int:
        """The most recent replies any requirement looks at (0 when none does)."""
        windows = [
            requirement.last_replies
            for rank in self.ranks
            for requirement in rank.requirements
            if isinstance(requirement, DimensionAverage | ReplyTime)
        ]
        return max(windows, default=0)

    def digest(self) -> str:
        """sha256 of the validated content: comments and layout do not change it, edits do."""
        return self.content_digest

    @cached_property
    def content_digest(self) -> str:
        """digest(), worked out once per ladder: it takes about 0.3 ms, and every finished
        attempt compares it with the standing's."""
        canonical = json.dumps(self.model_dump(mode="json"), sort_keys=True)
        return hashlib.sha256(canonical.encode()).hexdigest()


def check_ladder(ladder: Ladder) -> list[tuple[Loc, str]]:
    """The rules a single key cannot express: unique ids and names, who has requirements."""
    problems: list[tuple[Loc, str]] = []
    ids: dict[str, int] = {}
    names: dict[str, int] = {}
    for index, rank in enumerate(ladder.ranks):
        here: Loc = ("ranks", index)
        if rank.id in ids:
            problems.append(((*here, "id"), f"rank id '{rank.id}' is also used by rank "
                             f"{ids[rank.id] + 1}: give each rank its own id"))
        if rank.name in names:
            problems.append(((*here, "name"), f"rank name '{rank.name}' is also used by rank "
                             f"{names[rank.name] + 1}: give each rank its own name"))
        ids.setdefault(rank.id, index)
        names.setdefault(rank.name, index)
        if index == 0 and rank.requirements:
            problems.append(((*here, "requirements"), f"the first rank '{rank.id}' is held by "
                             "everyone, so it has no requirements: move them to the next rank"))
        if index > 0 and not rank.requirements:
            problems.append((here, f"rank '{rank.id}' has no requirements: list at least one, "
                             "or everyone would hold it at once"))
        for number, requirement in enumerate(rank.requirements):
            problems.extend(_check_requirement(requirement, (*here, "requirements", number)))
    return problems


def _check_requirement(requirement: Requirement, here: Loc) -> list[tuple[Loc, str]]:
    if isinstance(requirement, DimensionAverage) and not requirement.minimum.items():
        return [((*here, "minimum"), "minimum names no dimension: write at least one of "
                 + ", ".join(DIMENSIONS))]
    if isinstance(requirement, PersonasHandled):
        seen: dict[Persona, int] = {}
        problems = []
        for group_index, group in enumerate(requirement.groups):
            for persona in group:
                if persona in seen and seen[persona] != group_index:
                    problems.append(((*here, "groups", group_index), f"persona '{persona}' is "
                                     f"also in group {seen[persona] + 1}: list it in one group"))
                seen.setdefault(persona, group_index)
        return problems
    return []


def load_ladder_text(text: str, file: str = "<text>") -> Ladder:
    """Parse, validate and check a ladder; raises LadderFormatError with every problem."""
    check_size(len(text.encode("utf-8")), file)
    if all(not line.strip() or line.lstrip().startswith("#") for line in text.splitlines()):
        raise LadderFormatError([ScenarioError(file, None, None, EMPTY_LADDER)])
    try:
        data, source, errors = read_yaml(text, file)
    except ScenarioFormatError as exc:
        raise LadderFormatError(exc.errors) from None
    try:
        ladder = Ladder.model_validate(data)
    except ValidationError as exc:
        errors.extend(explain_validation(exc, data, source, Ladder, REQUIREMENT_KINDS))
        raise LadderFormatError(sorted(errors, key=_position)) from None
    errors.extend(source.error(loc, message) for loc, message in check_ladder(ladder))
    if errors:
        raise LadderFormatError(sorted(errors, key=_position))
    return ladder


def load_ladder_file(path: str | os.PathLike[str]) -> Ladder:
    """Read and validate a ladder file (UTF-8); raises LadderFormatError naming the file."""
    file = str(path)
    try:
        raw = Path(path).read_bytes()[: MAX_SCENARIO_BYTES + 1]
    except OSError as exc:
        message = f"cannot read the rank ladder: {exc.strerror or exc}"
        raise LadderFormatError([ScenarioError(file, None, None, message)]) from None
    try:
        check_size(len(raw), file)
        text = raw.decode("utf-8-sig")
    except ScenarioFormatError as exc:
        raise LadderFormatError(exc.errors) from None
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        message = "the file is not UTF-8 text: save it with the UTF-8 encoding"
        raise LadderFormatError([ScenarioError(file, line, None, message)]) from None
    return load_ladder_text(text, file)


def _position(error: ScenarioError) -> tuple[int, int]:
    return error.line or 0, error.column or 0

