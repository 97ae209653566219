"""The scenario file format as typed, validated models (the contract in docs/scenario-format.md).

Every field and its allowed values live here, so the loader never checks a field by hand.
"""

from __future__ import annotations

from collections.abc import Iterator
from enum import StrEnum
from functools import lru_cache
from typing import Annotated

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PrivateAttr,
    StringConstraints,
    model_validator,
)

SLUG_PATTERN = r"^[a-z0-9][a-z0-9-]*$"
REGEX_PREFIX = "re:"

Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN, max_length=80)]
# A point or fact of an earlier step: "item-id", or "step-id.item-id" when several steps use it.
ItemReference = Annotated[
    str, StringConstraints(pattern=r"^([a-z0-9][a-z0-9-]*\.)?[a-z0-9][a-z0-9-]*$", max_length=161)
]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]


class Persona(StrEnum):
    RUDE = "rude"
    INSULTING = "insulting"
    CONFUSED = "confused"
    IMPATIENT = "impatient"
    FAST_TALKER = "fast-talker"
    DISTRESSED = "distressed"
    DEMANDING = "demanding"
    INFORMAL = "informal"
    SUSPICIOUS = "suspicious"
    VIP = "vip"


class Channel(StrEnum):
    CHAT = "chat"
    EMAIL = "email"
    PHONE = "phone"


def one_or_many(value: object) -> object:
    """Let authors write a single value (a phrase, a persona) without list brackets."""
    return [value] if isinstance(value, str) else value


Phrases = Annotated[list[Text], BeforeValidator(one_or_many), Field(min_length=1)]
OptionalPhrases = Annotated[list[Text], BeforeValidator(one_or_many)]
# Strict, so that YAML's `yes` or `"3"` is reported instead of silently becoming a number.
Weight = Annotated[float, Field(gt=0, strict=True, allow_inf_nan=False)]


def regex_source(phrase: str) -> str | None:
    """The pattern of a `re:` phrase (surrounding spaces removed), or None for a plain phrase."""
    if phrase.startswith(REGEX_PREFIX):
        return phrase[len(REGEX_PREFIX) :].strip()
    return None


@lru_cache(maxsize=8192)
def spaced(pattern: str) -> str:
    """A `re:` phrase's pattern with each space standing for any run of spaces and line
    breaks: replies wrap."""
    return pattern.replace(" ", r"\s+")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class Point(_Strict):
    """Something a complete reply covers (completeness)."""

    id: Slug
    label: Text
    phrases: Phrases
    weight: Weight = 1.0


class ValueType(StrEnum):
    """Kinds of value a fact can hold; the reply's values of the same kind are compared."""

    TIME = "time"
    DATE = "date"
    AMOUNT = "amount"
    COUNT = "count"
    DURATION = "duration"
    PERCENTAGE = "percentage"
    VERSION = "version"


class FactValue(_Strict):
    """The value a fact states, so that another value of the same kind reads as wrong."""

    type: ValueType
    is_: Phrases = Field(alias="is")


class Fact(_Strict):
    """Information the reply must give, and give right (correctness)."""

    id: Slug
    label: Text
    phrases: Phrases
    wrong: OptionalPhrases = []
    value: FactValue | None = None
    weight: Weight = 1.0


class Never(_Strict):
    """A violation: blame, leaks, unsafe advice, arguing (correctness)."""

    id: Slug
    label: Text
    phrases: Phrases
    weight: Weight = 1.0


class Expect(_Strict):
    points: list[Point] = []
    facts: list[Fact] = []
    never: list[Never] = []


class Branch(_Strict):
    """One branching rule; `if_` absent means "always"."""

    if_: Text | None = Field(default=None, alias="if")
    goto: Slug


class Outcome(StrEnum):
    PASS = "pass"  # noqa: S105 (an outcome, not a password)
    FAIL = "fail"


class ExampleKind(StrEnum):
    """The kinds of reply an author pins down; the grade must hold against each."""

    EXCELLENT = "excellent"
    STUFFING = "stuffing"
    RUDE_SENTENCE = "rude-sentence"
    EMPTY = "empty"
    WRONG_FACT = "wrong-fact"
    SARCASM = "sarcasm"
    TYPOS = "typos"
    OFF_TOPIC = "off-topic"
    VEILED_BLAME = "veiled-blame"
    OTHER = "other"


class Example(_Strict):
    """A labelled reply to the step: how the scorer must grade it."""

    reply: Text
    expect: Outcome
    kind: ExampleKind = ExampleKind.OTHER
    # A never item of the step, or a tone rule, that must fire.
    violation: Slug | None = None
    # A fact of the step that must come out wrong.
    wrong: Slug | None = None


class Tone(_Strict):
    """The step's use of the shared tone rules (scoring/phrase_sets.yaml)."""

    off: list[Slug] = []


class Closing(StrEnum):
    """How the customer's closing message leaves the conversation."""

    RESOLVED = "resolved"
    UNHAPPY = "unhappy"
    HANDED_ON = "handed-on"


class Step(_Strict):
    id: Slug
    customer: Text
    expect: Expect = Expect()
    tone: Tone = Tone()
    model_answer: Text | None = None
    next: list[Branch] = []
    examples: list[Example] = []
    # What the agent must have said for this message to make sense: points or facts of
    # earlier steps; a nested list names alternatives, any one of which will do. The loader
    # refuses a flow that reaches the message without them.
    presupposes: Annotated[
        list[ItemReference | Annotated[list[ItemReference], Field(min_length=1)]],
        BeforeValidator(one_or_many),
    ] = []
    # Marks the customer's last word: the conversation ends with it and it takes no reply.
    closing: Closing | None = None
    # The scenario's briefing, set by the scenario: values it gives are no wrong values.
    _briefing: str = PrivateAttr(default="")
    # Everything the scenario says is so (Scenario.said), set by the scenario.
    _said: tuple[str, ...] = PrivateAttr(default=())

    @property
    def context(self) -> str:
        """What the trainee was told before replying: the briefing and the customer's message."""
        return f"{self._briefing}\n{self.customer}"

    @property
    def said(self) -> tuple[str, ...]:
        """What the whole scenario says is so; empty for a step outside a scenario."""
        return self._said


class Scenario(_Strict):
    id: Slug
    version: int = Field(ge=1, strict=True)
    title: Text
    language: str = "en"
    domain: Slug
    persona: Persona
    channel: Channel
    difficulty: int = Field(ge=1, le=5, strict=True)
    briefing: str = ""
    tags: list[Slug] = []
    steps: list[Step] = Field(min_length=1)

    @model_validator(mode="after")
    def _brief_steps(self) -> Scenario:
        said = tuple(self._texts_said())
        for step in self.steps:
            step._briefing = self.briefing
            step._said = said
        return self

    def _texts_said(self) -> Iterator[str]:
        """The briefing, the customer's messages, the model answers and the phrases of points
        and facts (not their `wrong` phrases): the figures a reply may give come from these."""
        yield self.briefing
        for step in self.steps:
            yield step.customer
            if step.model_answer:
                yield step.model_answer
            for item in (*step.expect.points, *step.expect.facts):
                yield from (text for text in item.phrases if not text.startswith(("re:", "@")))
            for fact in step.expect.facts:
                if fact.value is not None:
                    yield from fact.value.is_

    def step(self, step_id: str) -> Step:
        """Return the step with this id; raises KeyError when there is none."""
        for step in self.steps:
            if step.id == step_id:
                return step
        raise KeyError(step_id)
