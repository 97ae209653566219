"""Pydantic's validation errors of the rank ladder, rephrased for the admin who edits it.

Each error becomes a ScenarioError on the line of the key it is about, naming the rank and
requirement in the admin's words ("requirement 2 (scenarios_passed) of rank 'l2'").
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping
from types import NoneType, UnionType
from typing import Annotated, Any, Union, get_args, get_origin

from pydantic import BaseModel, ValidationError

from scoring.format.errors import ScenarioError
from scoring.format.messages import data_at, is_model, shown
from scoring.format.model import SLUG_PATTERN
from scoring.format.source import Loc, SourceMap

_QUOTED_NUMBER = re.compile(r"\s*-?\d+(\.\d+)?\s*")


def explain_validation(
    exc: ValidationError,
    data: object,
    source: SourceMap,
    root: type[BaseModel],
    tags: Mapping[str, type[BaseModel]],
) -> list[ScenarioError]:
    """One located error per pydantic error of `root.model_validate(data)`.

    `tags` maps each `kind:` of the discriminated requirement union to its model; pydantic puts
    the tag into error locations, and it is dropped here so the location matches the file.
    """
    explained = []
    for error in exc.errors():
        loc = _without_tags(error["loc"], tags)
        explained.append(_located(error, loc, data, source, root, tags))
    return explained


def _located(error: Any, loc: Loc, data: object, source: SourceMap,
             root: type[BaseModel], tags: Mapping[str, type[BaseModel]]) -> ScenarioError:
    kind, value, ctx = error["type"], error.get("input"), error.get("ctx") or {}
    key = loc[-1] if loc else None
    keyed = loc
    while keyed and isinstance(keyed[-1], int):
        keyed = keyed[:-1]  # a list item belongs to the mapping that holds the list
    owner = _describe(keyed[:-1], data) if keyed else "the ladder"
    if kind in ("union_tag_invalid", "union_tag_not_found"):
        choices = list(tags)
        if kind == "union_tag_not_found":
            return source.error(loc, f"missing key 'kind' in {_describe(loc, data)}: write one "
                                f"of {', '.join(choices)}")
        message = f"requirement kind {ctx.get('tag')!r} is not known"
        return source.error((*loc, "kind"), _suggest(message, str(ctx.get("tag")), choices))
    if kind == "missing":
        return source.error(loc, f"missing key '{key}' in {owner}")
    if kind == "extra_forbidden":
        model = _model_at(loc[:-1], data, root, tags)
        keys = list(model.model_fields) if model else []
        message = f"unknown key '{key}' in {owner}"
        close = difflib.get_close_matches(str(key), keys, n=1)
        if close:
            return source.error(loc, f"{message}: did you mean '{close[0]}'?")
        return source.error(loc, f"{message}: the keys here are {', '.join(keys)}")
    subject, where = _subject(loc, data), (f" in {owner}" if loc else "")
    if value is None:
        return source.error(loc, f"{subject}{where} is empty: write a value or remove the line")
    named = f"{subject} {shown(value)}" if isinstance(key, str) else shown(value)
    if not isinstance(key, str) and loc:
        named += f" ({subject})"
    return source.error(loc, _value_message(kind, subject + where, named + where, value, ctx,
                                            error["msg"]))


def _value_message(kind: str, subject: str, named: str, value: object, ctx: dict,
                   fallback: str) -> str:
    """The message about one value; `named` shows the value itself ("mode 'exams' in ...")."""
    written = shown(value)
    bounds = {
        "greater_than_equal": ("ge", "{} or more"),
        "less_than_equal": ("le", "{} or less"),
        "greater_than": ("gt", "greater than {}"),
        "less_than": ("lt", "less than {}"),
    }
    if kind in bounds:
        name, rule = bounds[kind]
        return f"{subject} must be {rule.format(ctx[name])}, not {written}"
    if kind in ("int_type", "int_parsing", "int_from_float", "float_type", "float_parsing"):
        noun = "a whole number" if kind.startswith("int") else "a number"
        message = f"{subject} must be {noun}, not {written}"
        quoted = isinstance(value, str) and _QUOTED_NUMBER.fullmatch(value)
        return f"{message}: remove the quotes" if quoted else message
    if kind == "enum":
        choices = re.findall(r"'([^']*)'", str(ctx.get("expected", "")))
        return _suggest(f"{named} is not known", str(value), choices)
    if kind == "string_pattern_mismatch":
        suggestion = re.sub(r"[^a-z0-9]+", "-", str(value).lower()).strip("-")
        message = f"{named} must be lowercase letters, digits and hyphens"
        return f"{message}, e.g. '{suggestion}'" if suggestion else message
    if kind == "string_too_short":
        return f"{subject} must not be empty"
    if kind == "string_too_long":
        return f"{subject} must be at most {ctx['max_length']} characters long"
    if kind == "string_type":
        return f"{subject} must be text, not {written}: write it in quotes"
    if kind == "too_short":
        return f"{subject} must list at least one item"
    if kind == "list_type":
        return f"{subject} must be a list (one '- ' line per item), not {written}"
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        return f"{subject} must be a mapping of keys, not {written}"
    return f"{subject}: {fallback[0].lower()}{fallback[1:]}"


def _suggest(message: str, written: str, choices: list[str]) -> str:
    close = difflib.get_close_matches(written.lower(), choices, n=1)
    if close:
        return f"{message}: did you mean '{close[0]}'?"
    return f"{message}: write one of {', '.join(choices)}"


def _without_tags(loc: tuple, tags: Mapping[str, type[BaseModel]]) -> Loc:
    kept: list[str | int] = []
    for part in loc:
        if part in tags and kept and isinstance(kept[-1], int):
            continue
        kept.append(part)
    return tuple(kept)


def _subject(loc: Loc, data: object) -> str:
    """The key an error is about, or the list item: "item 2 of group 1 of groups"."""
    if not loc:
        return "the ladder"
    indexes = []
    while loc and isinstance(loc[-1], int):
        indexes.insert(0, loc[-1])
        loc = loc[:-1]
    key = str(loc[-1]) if loc else "the ladder"
    if len(indexes) == 2:
        return f"item {indexes[1] + 1} of group {indexes[0] + 1} of {key}"
    if indexes:
        return f"item {indexes[0] + 1} of {key}"
    return key


def _describe(loc: Loc, data: object) -> str:
    """The mapping at `loc` the way an admin finds it: "requirement 2 (reply_time) of rank 'l3'"."""
    if not loc:
        return "the ladder"
    if loc[0] != "ranks" or len(loc) < 2 or not isinstance(loc[1], int):
        return f"{'.'.join(map(str, loc))} of the ladder"
    rank = data_at(data, loc[:2])
    rank_id = rank.get("id") if isinstance(rank, dict) else None
    valid = isinstance(rank_id, str) and re.fullmatch(SLUG_PATTERN, rank_id)
    name = f"rank '{rank_id}'" if valid else f"rank {loc[1] + 1}"
    rest = loc[2:]
    if len(rest) >= 2 and rest[0] == "requirements" and isinstance(rest[1], int):
        requirement = data_at(data, loc[:4])
        kind = requirement.get("kind") if isinstance(requirement, dict) else None
        name = f"requirement {rest[1] + 1}{f' ({kind})' if isinstance(kind, str) else ''} of {name}"
        rest = rest[2:]
    return f"{'.'.join(map(str, rest))} of {name}" if rest else name


def _model_at(loc: Loc, data: object, root: type[BaseModel],
              tags: Mapping[str, type[BaseModel]]) -> type[BaseModel] | None:
    """The model whose keys are allowed at `loc` (a requirement's model follows its `kind`)."""
    current: Any = root
    for end, part in enumerate(loc, start=1):
        if isinstance(part, str) and is_model(current) and part in current.model_fields:
            current = _bare(current.model_fields[part].annotation)
        elif isinstance(part, int) and get_origin(current) is list:
            current = _bare(get_args(current)[0])
        else:
            return None
        if get_origin(current) in (Union, UnionType):
            item = data_at(data, loc[:end])
            kind = item.get("kind") if isinstance(item, dict) else None
            current = tags.get(kind) if isinstance(kind, str) else None
    return current if is_model(current) else None


def _bare(annotation: Any) -> Any:
    """The type under `Annotated[...]` and `X | None` (a union of several models stays)."""
    while True:
        if get_origin(annotation) is Annotated:
            annotation = get_args(annotation)[0]
        elif get_origin(annotation) in (Union, UnionType) and len(get_args(annotation)) == 2 \
                and NoneType in get_args(annotation):
            annotation = next(arg for arg in get_args(annotation) if arg is not NoneType)
        else:
            return annotation
