"""Pydantic's validation errors, rephrased for a mentor who writes scenario YAML by hand.

The model (model.py) decides what is valid; this module only finds, for each error, the object
and key it is about and says what to write instead.
"""

from __future__ import annotations

import datetime
import difflib
import json
import re
from dataclasses import dataclass
from types import NoneType, UnionType
from typing import Annotated, Any, Union, get_args, get_origin

from annotated_types import Ge, Gt, Le, Lt
from pydantic import BaseModel, ValidationError
from pydantic.fields import FieldInfo

from .model import Branch, Expect, Fact, Never, Point, Scenario, Step
from .source import Loc, SourceMap

_NOUNS: dict[type[BaseModel], str] = {
    Step: "step",
    Expect: "expect",
    Point: "point",
    Fact: "fact",
    Never: "never item",
    Branch: "next rule",
}
_NUMBER_ERRORS = {
    "int_type",
    "int_parsing",
    "int_from_float",
    "float_type",
    "float_parsing",
    "finite_number",
    "greater_than",
    "greater_than_equal",
    "less_than",
    "less_than_equal",
}


@dataclass(frozen=True)
class _Place:
    """What a pydantic location points at: a key of a model, maybe an item of its list."""

    owner: type[BaseModel]
    owner_loc: Loc
    key: str | None
    field: FieldInfo | None
    index: int | None
    target: type[BaseModel] | None

    @property
    def subject(self) -> str:
        if self.key is None:
            return "the file"
        return self.key if self.index is None else f"item {self.index + 1} of {self.key}"

    @property
    def optional(self) -> bool:
        return self.index is not None or (self.field is not None and not self.field.is_required())


def explain_validation(
    exc: ValidationError, data: object, source: SourceMap
) -> list[tuple[Loc, str]]:
    """One (location, message) pair per pydantic error of `Scenario.model_validate(data)`.

    A misspelt key ("phrase") is reported once, not also as the missing key it stands for.
    """
    placed = [(error, _place_of(error["loc"])) for error in exc.errors()]
    misspelt = {
        (place.owner_loc, _suggested_key(place))
        for error, place in placed
        if error["type"] == "extra_forbidden"
    }
    return [
        (error["loc"], _message(error, place, data, source))
        for error, place in placed
        if error["type"] != "missing" or (place.owner_loc, place.key) not in misspelt
    ]


def _message(error: Any, place: _Place, data: object, source: SourceMap) -> str:
    loc, kind, value = error["loc"], error["type"], error.get("input")
    subject = place.subject
    if kind == "missing":
        return f"missing key '{place.key}' in {_describe(place.owner_loc, data)}"
    if kind == "extra_forbidden":
        return _unknown_key(place, data)
    if value is None:
        remedy = "write a value or remove the line" if place.optional else "write a value"
        return f"{subject} is empty: {remedy}"
    if kind == "enum":
        return _unknown_choice(place, value)
    if kind in _NUMBER_ERRORS:
        message = f"{subject} must be {_number_rule(place.field)}, not {shown(value)}"
        quoted_number = isinstance(value, str) and re.fullmatch(r"\s*-?\d+(\.\d+)?\s*", value)
        return f"{message}: remove the quotes" if quoted_number else message
    if kind == "string_pattern_mismatch":
        return _bad_slug(place, value)
    if kind == "string_too_short":
        return f"{subject} must not be empty"
    if kind == "string_too_long":
        limit = error["ctx"]["max_length"]
        return f"{subject} must be at most {limit} characters long, not {len(value)}"
    if kind == "string_type":
        return _not_text(subject, value, source.scalar_text(loc))
    if kind == "too_short":
        return f"{subject} must list at least one item"
    if kind == "list_type":
        return f"{subject} must be a list (one '- ' line per item), not {shown(value)}"
    if kind == "model_type" and place.target is not None:
        keys = _keys(place.target)
        listed = ", ".join(keys) if len(keys) <= 4 else ", ".join(keys[:3]) + ", ..."
        what = _describe(loc, data) if loc else "the file"
        return f"{what} must be a mapping of keys ({listed}), not {shown(value)}"
    return f"{subject}: {error['msg']}"


def _unknown_key(place: _Place, data: object) -> str:
    message = f"unknown key '{place.key}' in {_describe(place.owner_loc, data)}"
    suggestion = _suggested_key(place)
    if suggestion:
        return f"{message}: did you mean '{suggestion}'?"
    return f"{message}: the keys here are {', '.join(_keys(place.owner))}"


def _suggested_key(place: _Place) -> str | None:
    close = difflib.get_close_matches(str(place.key), _keys(place.owner), n=1)
    return close[0] if close else None


def _unknown_choice(place: _Place, value: object) -> str:
    choices = [member.value for member in _bare(place.field.annotation)] if place.field else []
    message = f"{place.subject} {shown(value)} is not known"
    close = difflib.get_close_matches(str(value).lower(), choices, n=1)
    if close:
        return f"{message}: did you mean '{close[0]}'?"
    return f"{message}: write one of {', '.join(choices)}"


def _number_rule(field: FieldInfo | None) -> str:
    if field is None:
        return "a number"
    bounds = {type(rule): rule for rule in field.metadata}
    rule = "a whole number" if _bare(field.annotation) is int else "a number"
    if Ge in bounds and Le in bounds:
        return f"{rule} from {bounds[Ge].ge} to {bounds[Le].le}"
    if Ge in bounds:
        return f"{rule} of {bounds[Ge].ge} or more"
    if Gt in bounds:
        return f"{rule} greater than {bounds[Gt].gt}"
    if Le in bounds:
        return f"{rule} of {bounds[Le].le} or less"
    if Lt in bounds:
        return f"{rule} less than {bounds[Lt].lt}"
    return rule


def _bad_slug(place: _Place, value: str) -> str:
    named = f"{place.key} {value!r}" if place.index is None else f"{value!r} in {place.key}"
    message = f"{named} must be lowercase letters, digits and hyphens"
    suggestion = re.sub(r"[^a-z0-9]+", "-", value.lower()).strip("-")
    return f"{message}, e.g. '{suggestion}'" if suggestion else message


def _not_text(subject: str, value: object, written: str | None) -> str:
    if isinstance(value, list):
        return (
            f"{subject} must be text, not a list: for several lines write '|' after the colon "
            "and indent the lines below it"
        )
    if written is None:
        return f"{subject} must be text, not {shown(value)}"
    if isinstance(value, bool):
        read_as = "true or false"
    elif isinstance(value, datetime.date):
        read_as = "a date"
    else:
        read_as = "a number"
    return f"YAML reads {subject} as {read_as}: write it in quotes, {json.dumps(written)}"


def _describe(loc: Loc, data: object) -> str:
    """Name the object at `loc` the way an author would find it, e.g. "point 'eta' of step 2"."""
    if not loc:
        return "the scenario"
    target = _place_of(loc).target
    noun = _NOUNS.get(target, "entry") if target else "entry"
    value = data_at(data, loc)
    if isinstance(value, dict) and isinstance(value.get("id"), str):
        name = f"{noun} '{value['id']}'"
    elif isinstance(loc[-1], int):
        name = f"{noun} {loc[-1] + 1}"
    else:
        name = noun
    outer = next((loc[:end] for end in range(1, len(loc)) if _place_of(loc[:end]).target), None)
    return f"{name} of {_describe(outer, data)}" if outer else name


def _place_of(loc: Loc) -> _Place:
    """Follow `loc` through the Scenario model's fields to the key (and item) it names."""
    owner: type[BaseModel] = Scenario
    owner_loc: Loc = ()
    key: str | None = None
    field: FieldInfo | None = None
    index: int | None = None
    current: Any = Scenario
    for position, part in enumerate(loc):
        if is_model(current) and isinstance(part, str):
            owner, owner_loc, key, index = current, loc[:position], part, None
            field = _field(current, part)
            if field is None:
                return _Place(owner, owner_loc, key, None, None, None)
            current = _bare(field.annotation)
        elif isinstance(part, int) and get_origin(current) is list:
            index, current = part, _bare(get_args(current)[0])
        else:
            break
    return _Place(owner, owner_loc, key, field, index, current if is_model(current) else None)


def _field(model: type[BaseModel], key: str) -> FieldInfo | None:
    for name, field in model.model_fields.items():
        if (field.alias or name) == key:
            return field
    return None


def _keys(model: type[BaseModel]) -> list[str]:
    return [field.alias or name for name, field in model.model_fields.items()]


def _bare(annotation: Any) -> Any:
    """The type under `Annotated[...]` and `... | None`."""
    while True:
        if get_origin(annotation) is Annotated:
            annotation = get_args(annotation)[0]
        elif get_origin(annotation) in (Union, UnionType):
            annotation = next(arg for arg in get_args(annotation) if arg is not NoneType)
        else:
            return annotation


def is_model(annotation: Any) -> bool:
    """Whether a field's annotation is a nested model (its errors name the model's keys)."""
    return isinstance(annotation, type) and issubclass(annotation, BaseModel)


def data_at(data: object, loc: Loc) -> object:
    """What the YAML data holds at `loc`, or None when the location does not exist."""
    for part in loc:
        if isinstance(data, dict) and part in data:
            data = data[part]
        elif isinstance(data, list) and isinstance(part, int) and part < len(data):
            data = data[part]
        else:
            return None
    return data


def shown(value: object) -> str:
    """A value as the author wrote it in YAML, shortened when long."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return repr(value if len(value) <= 40 else value[:37] + "...")
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return str(value)
