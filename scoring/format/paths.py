"""Every way a conversation can run through a scenario, and what each way proves was said.

A branching rule taken with `if: <item>` proves the item matched in that reply; a rule passed
over (first match wins) or `if: not <item>` proves it did not. Score conditions prove nothing
about items. Paths that would need an item both matched and not are left out: no reply takes
them. The loader checks that scenarios have no loops, so the paths are finite, and no step
is visited twice on one path.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from dataclasses import dataclass

from .branching import END, falls_through
from .conditions import ItemCondition, parse_condition
from .model import Scenario, Step
from .source import Loc

ItemKey = tuple[str, str]  # (step id, point or fact id)


@dataclass(frozen=True)
class Move:
    """One way out of a step: where it leads (None: the conversation ends) and what it proves."""

    target: int | None
    loc: Loc
    described: str
    matched: frozenset[ItemKey]
    unmatched: frozenset[ItemKey]


@dataclass(frozen=True)
class Path:
    """Step positions from the first step to the end, with the move taken out of each."""

    steps: tuple[int, ...]
    moves: tuple[Move, ...]

    def said_before(self, position: int) -> frozenset[ItemKey]:
        """The items proved matched by the moves that led to the path's `position`-th step."""
        return frozenset().union(*(move.matched for move in self.moves[:position]))


def moves_out(scenario: Scenario, index: int) -> list[Move]:
    """The ways out of step `index`, each with the item outcomes taking it proves."""
    step = scenario.steps[index]
    positions = {each.id: number for number, each in enumerate(scenario.steps)}
    moves: list[Move] = []
    passed_over: list[ItemCondition | None] = []  # conditions known false so far
    for number, rule in enumerate(step.next):
        condition = None if rule.if_ is None else parse_condition(rule.if_)
        item = condition if isinstance(condition, ItemCondition) else None
        proofs = [*((each, False) for each in passed_over), (item, True)]
        move = _move(
            step, proofs, None if rule.goto == END else positions[rule.goto],
            ("steps", index, "next", number), f"rule {number + 1} of step '{step.id}'",
        )
        if move is not None:
            moves.append(move)
        passed_over.append(item)
    if falls_through(step):
        following = index + 1 if index + 1 < len(scenario.steps) else None
        proofs = [(each, False) for each in passed_over]
        loc = ("steps", index, "next") if step.next else ("steps", index, "id")
        move = _move(step, proofs, following, loc, f"the default flow after step '{step.id}'")
        if move is not None:
            moves.append(move)
    return moves


def _move(
    step: Step,
    proofs: list[tuple[ItemCondition | None, bool]],
    target: int | None,
    loc: Loc,
    described: str,
) -> Move | None:
    """The move, or None when its conditions contradict each other."""
    matched: set[ItemKey] = set()
    unmatched: set[ItemKey] = set()
    for condition, holds in proofs:
        if condition is None:
            continue
        key = (step.id, condition.item)
        (unmatched if condition.negated == holds else matched).add(key)
    if matched & unmatched:
        return None
    return Move(target, loc, described, frozenset(matched), frozenset(unmatched))


def conversation_paths(scenario: Scenario) -> Iterator[Path]:
    """Every path from the first step to the end, depth first, in the order rules are written."""
    out = [moves_out(scenario, index) for index in range(len(scenario.steps))]
    pending: list[tuple[tuple[int, ...], tuple[Move, ...]]] = [((0,), ())]
    while pending:
        steps, moves = pending.pop()
        for move in reversed(out[steps[-1]]):
            if move.target is None or scenario.steps[move.target].closing is not None:
                ended = steps if move.target is None else (*steps, move.target)
                yield Path(ended, (*moves, move))
            else:
                pending.append(((*steps, move.target), (*moves, move)))



def most_replies(scenario: Scenario) -> int:
    """The most replies a conversation can ask for: the longest path's steps, closing ones
    aside."""
    return max(
        sum(1 for index in path.steps if scenario.steps[index].closing is None)
        for path in conversation_paths(scenario)
    )


def alternatives(entry: str | list[str]) -> list[str]:
    """The references of one `presupposes` entry: one, or a nested list of alternatives."""
    return [entry] if isinstance(entry, str) else entry


def resolve_entry(scenario: Scenario, step: Step, entry: str | list[str]) -> tuple[ItemKey, ...]:
    """The items one `presupposes` entry accepts, as written (any one of them will do)."""
    return tuple(resolve_reference(scenario, step, each) for each in alternatives(entry))


def resolve_reference(scenario: Scenario, step: Step, reference: str) -> ItemKey:
    """The (step id, item id) a `presupposes` entry names; raises ValueError saying what to
    write instead. A bare item id must belong to exactly one other step's points or facts."""
    step_id, _, item_id = reference.rpartition(".")
    owners = [
        each.id
        for each in scenario.steps
        if each.id != step.id
        and (not step_id or each.id == step_id)
        and item_id in _said_items(each)
    ]
    if len(owners) == 1:
        return owners[0], item_id
    if owners:
        choices = ", ".join(f"'{owner}.{item_id}'" for owner in owners)
        raise ValueError(f"'{reference}' is in several steps: write one of {choices}")
    where = f"step '{step_id}'" if step_id else "any other step"
    known = sorted(
        f"{each.id}.{item}" for each in scenario.steps if each.id != step.id
        for item in _said_items(each)
    )
    remedy = _closest(reference, known)
    raise ValueError(f"'{reference}' is no point or fact of {where}: {remedy}")


def _said_items(step: Step) -> list[str]:
    return [item.id for item in (*step.expect.points, *step.expect.facts)]


def _closest(name: str, known: list[str]) -> str:
    close = difflib.get_close_matches(name, known, n=1) or [
        each for each in known if each.endswith(f".{name.rpartition('.')[2]}")
    ][:1]
    if close:
        return f"did you mean '{close[0]}'?"
    return "name a point or fact of an earlier step" if known else "the other steps have none"
