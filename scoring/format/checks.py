"""Whole-scenario checks that a single field cannot express, run once the model validates.

Each problem comes back as (data path, message) so the loader can point at the line to fix.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator

from ..phrase_sets import phrase_sets, set_name, tone_rules
from ..values import value_keys
from .branching import END, falls_through
from .conditions import ItemCondition, parse_condition
from .model import Scenario, Step, regex_source, spaced
from .paths import alternatives, conversation_paths, resolve_entry, resolve_reference
from .source import Loc

Problem = tuple[Loc, str]
Edge = tuple[int, Loc]  # (position of the step it leads to, where the edge is written)

_ITEM_KINDS = {"points": "point", "facts": "fact", "never": "never item"}
_LOOP_REMEDY = "change a goto so that every path reaches the end"


def check_scenario(scenario: Scenario) -> list[Problem]:
    """Every problem of the scenario's ids, regular expressions, conditions and step flow.

    The flow (unreachable steps, loops) is checked only once step ids and gotos are sound,
    since a misspelt goto would otherwise also be reported as an unreachable step.
    """
    wiring = [*_step_ids(scenario), *_gotos(scenario)]
    problems = [
        *wiring,
        *_item_ids(scenario),
        *_regexes(scenario),
        *_set_references(scenario),
        *_values(scenario),
        *_tone(scenario),
        *_examples(scenario),
        *_conditions(scenario),
        *_dead_rules(scenario),
        *_closings(scenario),
        *_references(scenario),
    ]
    if not wiring:
        edges = _edges(scenario)
        flow = [*_unreachable(scenario, edges), *_loops(scenario, edges)]
        problems += flow
        if not flow and not problems:
            problems += _presuppositions(scenario)
    return problems


def _step_ids(scenario: Scenario) -> Iterator[Problem]:
    first: dict[str, int] = {}
    for index, step in enumerate(scenario.steps):
        if step.id == END:
            message = f"step id '{END}' is reserved for 'goto: {END}': choose another id"
        elif step.id in first:
            message = (
                f"step id '{step.id}' is also used by step {first[step.id] + 1}: "
                "give each step its own id"
            )
        else:
            first[step.id] = index
            continue
        yield ("steps", index, "id"), message


def _item_ids(scenario: Scenario) -> Iterator[Problem]:
    """Points, facts and never items share one namespace per step, since `if:` names them."""
    for index, step in enumerate(scenario.steps):
        first: dict[str, str] = {}
        for kind, position, item_id in _items(step):
            if item_id not in first:
                first[item_id] = f"{_ITEM_KINDS[kind]} {position + 1}"
                continue
            message = (
                f"id '{item_id}' in step '{step.id}' is also used by {first[item_id]}: "
                "give each point, fact and never item its own id"
            )
            yield ("steps", index, "expect", kind, position, "id"), message


def _gotos(scenario: Scenario) -> Iterator[Problem]:
    ids = [step.id for step in scenario.steps]
    for index, step in enumerate(scenario.steps):
        for position, rule in enumerate(step.next):
            if rule.goto == END or rule.goto in ids:
                continue
            close = difflib.get_close_matches(rule.goto, ids, n=1)
            if close:
                remedy = f"did you mean '{close[0]}'?"
            else:
                remedy = f"write one of {', '.join(ids)} or '{END}'"
            message = f"goto '{rule.goto}' in step '{step.id}' names no step: {remedy}"
            yield ("steps", index, "next", position, "goto"), message


def _phrases(scenario: Scenario) -> Iterator[tuple[Loc, str]]:
    """Every phrase of every point, fact and never item, right or wrong, with where it is."""
    for index, step in enumerate(scenario.steps):
        for kind in _ITEM_KINDS:
            for position, item in enumerate(getattr(step.expect, kind)):
                for key in ("phrases", "wrong"):
                    for number, phrase in enumerate(getattr(item, key, [])):
                        yield ("steps", index, "expect", kind, position, key, number), phrase


def _regexes(scenario: Scenario) -> Iterator[Problem]:
    for loc, phrase in _phrases(scenario):
        message = _regex_problem(phrase)
        if message:
            yield loc, message


def _set_references(scenario: Scenario) -> Iterator[Problem]:
    """Every "@name" among the phrases names a shared set (scoring/phrase_sets.yaml)."""
    known = list(phrase_sets())
    for loc, phrase in _phrases(scenario):
        name = set_name(phrase)
        if name is not None and name not in known:
            choice = _choice(name, [f"@{each}" for each in known], prefix="@")
            yield loc, f"phrase set '{phrase}' is not known: {choice}"


def _values(scenario: Scenario) -> Iterator[Problem]:
    """Each value a fact states can be read as a value of its type."""
    for index, step in enumerate(scenario.steps):
        for position, fact in enumerate(step.expect.facts):
            if fact.value is None:
                continue
            for number, text in enumerate(fact.value.is_):
                if not value_keys(text, fact.value.type):
                    message = (
                        f"value '{text}' of fact '{fact.id}' is not a {fact.value.type.value}: "
                        f"write it as the reply would, e.g. {_VALUE_EXAMPLES[fact.value.type]}"
                    )
                    loc = ("steps", index, "expect", "facts", position, "value", "is", number)
                    yield loc, message


_VALUE_EXAMPLES = {
    "time": '"11:30" or "3 pm"',
    "date": '"16 July" or "Friday"',
    "amount": '"$310" or "40 euros"',
    "count": '"1,900"',
    "duration": '"5 business days" or "48 hours"',
    "percentage": '"15%"',
    "version": '"version 4.2"',
}


def _tone(scenario: Scenario) -> Iterator[Problem]:
    rules = [rule.id for rule in tone_rules()]
    for index, step in enumerate(scenario.steps):
        for position, rule in enumerate(step.tone.off):
            if rule not in rules:
                message = f"tone rule '{rule}' is not known: {_choice(rule, rules)}"
                yield ("steps", index, "tone", "off", position), message


def _examples(scenario: Scenario) -> Iterator[Problem]:
    """An example names never items (or tone rules) and facts of its own step."""
    rules = [rule.id for rule in tone_rules()]
    for index, step in enumerate(scenario.steps):
        never = [item.id for item in step.expect.never] + rules
        facts = [fact.id for fact in step.expect.facts]
        for position, example in enumerate(step.examples):
            loc = ("steps", index, "examples", position)
            if example.violation is not None and example.violation not in never:
                message = (
                    f"violation '{example.violation}' of example {position + 1} in step "
                    f"'{step.id}' is no never item or tone rule: "
                    f"{_choice(example.violation, never)}"
                )
                yield (*loc, "violation"), message
            if example.wrong is not None and example.wrong not in facts:
                message = (
                    f"wrong '{example.wrong}' of example {position + 1} in step '{step.id}' "
                    f"is no fact of the step: {_choice(example.wrong, facts)}"
                )
                yield (*loc, "wrong"), message


def _choice(name: str, known: list[str], prefix: str = "") -> str:
    close = difflib.get_close_matches(prefix + name, known, n=1)
    if close:
        return f"did you mean '{close[0]}'?"
    return f"write one of {', '.join(known)}" if known else "remove it"


def _regex_problem(phrase: str) -> str | None:
    pattern = regex_source(phrase)
    if pattern is None:
        return None
    if not pattern:
        return f"phrase {phrase!r} has no pattern: write a regular expression after 're:'"
    try:
        compiled = re.compile(pattern)
    except re.error as exc:
        return f"phrase {phrase!r} is not a valid regular expression: {exc}"
    try:
        compiled = re.compile(spaced(pattern))
    except re.error as exc:
        return (
            f"phrase {phrase!r} breaks once each space in it stands for any run of spaces, as "
            f"it does when matching ({exc}): write '\\s' for one space there"
        )
    if compiled.search(""):
        return f"phrase {phrase!r} matches every reply, even an empty one: make it stricter"
    return None


def _conditions(scenario: Scenario) -> Iterator[Problem]:
    for index, step in enumerate(scenario.steps):
        item_ids = [item_id for _, _, item_id in _items(step)]
        for position, rule in enumerate(step.next):
            if rule.if_ is None:
                continue
            try:
                condition = parse_condition(rule.if_)
            except ValueError as exc:
                message = f"if '{rule.if_}' in step '{step.id}' cannot be read: {exc}"
            else:
                if not isinstance(condition, ItemCondition) or condition.item in item_ids:
                    continue
                message = (
                    f"if '{rule.if_}' names no point, fact or never item of step "
                    f"'{step.id}': {_item_remedy(condition.item, item_ids)}"
                )
            yield ("steps", index, "next", position, "if"), message


def _item_remedy(item: str, item_ids: list[str]) -> str:
    close = difflib.get_close_matches(item, item_ids, n=1)
    if close:
        return f"did you mean '{close[0]}'?"
    if item_ids:
        return f"write one of {', '.join(item_ids)}"
    return "the step has none"


def _dead_rules(scenario: Scenario) -> Iterator[Problem]:
    """A rule without `if` always applies, so rules written after it never run."""
    for index, step in enumerate(scenario.steps):
        always = next((n for n, rule in enumerate(step.next) if rule.if_ is None), None)
        if always is not None and always + 1 < len(step.next):
            message = (
                f"next rule {always + 2} of step '{step.id}' is never used: "
                f"rule {always + 1} has no 'if', so it always applies"
            )
            yield ("steps", index, "next", always + 1), message


def _unreachable(scenario: Scenario, edges: list[list[Edge]]) -> Iterator[Problem]:
    reached, todo = {0}, [0]
    while todo:
        for target, _ in edges[todo.pop()]:
            if target not in reached:
                reached.add(target)
                todo.append(target)
    first = scenario.steps[0].id
    for index, step in enumerate(scenario.steps):
        if index not in reached:
            message = (
                f"step '{step.id}' cannot be reached from the first step '{first}': "
                f"add 'goto: {step.id}' to a step that leads here, or remove it"
            )
            yield ("steps", index, "id"), message


def _loops(scenario: Scenario, edges: list[list[Edge]]) -> Iterator[Problem]:
    """Report each edge that closes a loop, walking depth-first without recursion."""
    done: set[int] = set()
    for start in range(len(edges)):
        if start in done:
            continue
        path, pending = [start], [iter(edges[start])]
        while pending:
            edge = next(pending[-1], None)
            if edge is None:
                done.add(path.pop())
                pending.pop()
            elif edge[0] in path:
                loop = [*path[path.index(edge[0]) :], edge[0]]
                names = " -> ".join(scenario.steps[index].id for index in loop)
                yield edge[1], f"the steps go round in a loop ({names}): {_LOOP_REMEDY}"
            elif edge[0] not in done:
                path.append(edge[0])
                pending.append(iter(edges[edge[0]]))


def _edges(scenario: Scenario) -> list[list[Edge]]:
    """For each step, where the conversation can go next: gotos, then the default flow."""
    positions = {step.id: index for index, step in enumerate(scenario.steps)}
    edges = []
    for index, step in enumerate(scenario.steps):
        step_edges = [
            (positions[rule.goto], ("steps", index, "next", number, "goto"))
            for number, rule in enumerate(step.next)
            if rule.goto != END
        ]
        if falls_through(step) and index + 1 < len(scenario.steps):
            step_edges.append((index + 1, ("steps", index, "id")))
        edges.append(step_edges)
    return edges


def _items(step: Step) -> Iterator[tuple[str, int, str]]:
    for kind in _ITEM_KINDS:
        for position, item in enumerate(getattr(step.expect, kind)):
            yield kind, position, item.id


_CLOSING_REMEDY = "a closing message ends the conversation and takes no reply: remove"


def _closings(scenario: Scenario) -> Iterator[Problem]:
    """A closing message is the customer's last word: nothing to grade, nowhere to go."""
    if scenario.steps[0].closing is not None:
        message = "the first step cannot be a closing message: the trainee must reply to it"
        yield ("steps", 0, "closing"), message
    for index, step in enumerate(scenario.steps):
        if step.closing is None:
            continue
        extras = [
            name
            for name, present in (
                ("expect", any(True for _ in _items(step))),
                ("model_answer", step.model_answer is not None),
                ("next", bool(step.next)),
                ("examples", bool(step.examples)),
                ("tone", bool(step.tone.off)),
            )
            if present
        ]
        for name in extras:
            yield ("steps", index, name), f"step '{step.id}' is a closing message: " + (
                f"{_CLOSING_REMEDY} its '{name}'"
            )


def _references(scenario: Scenario) -> Iterator[Problem]:
    """Each `presupposes` entry names one point or fact of another step."""
    for index, step in enumerate(scenario.steps):
        for position, entry in enumerate(step.presupposes):
            nested = not isinstance(entry, str)
            for number, reference in enumerate(alternatives(entry)):
                try:
                    resolve_reference(scenario, step, reference)
                except ValueError as exc:
                    message = f"presupposes of step '{step.id}': {exc}"
                    loc = ("steps", index, "presupposes", position)
                    yield ((*loc, number) if nested else loc), message


def _presuppositions(scenario: Scenario) -> list[Problem]:
    """No path reaches a message before the agent has said what the message takes as said.

    Runs on a scenario without other problems, so every reference resolves."""
    needs = {
        index: [resolve_entry(scenario, step, entry) for entry in step.presupposes]
        for index, step in enumerate(scenario.steps)
        if step.presupposes
    }
    problems: dict[tuple[Loc, tuple[tuple[str, str], ...]], str] = {}
    for path in conversation_paths(scenario):
        for position, index in enumerate(path.steps):
            said = path.said_before(position)
            for items in needs.get(index, []):
                if any(item in said for item in items):
                    continue
                step = scenario.steps[index]
                if position == 0:
                    loc: Loc = ("steps", index, "presupposes")
                    way, leaving = "it is the first message", None
                else:
                    move = path.moves[position - 1]
                    loc, way = move.loc, f"{move.described} can lead there without it"
                    leaving = scenario.steps[path.steps[position - 1]].id
                # The remedy names the item of the step the conversation leaves, if it has one.
                condition = next((item for owner, item in items if owner == leaving), items[0][1])
                named = " or ".join(f"'{item}' of step '{owner}'" for owner, item in items)
                problems[loc, items] = (
                    f"step '{step.id}' takes it as said that the agent covered {named}, but "
                    f"{way}: take that way only 'if: {condition}', and send the other replies "
                    "to a message that does not assume it"
                )
    return [(loc, message) for (loc, _), message in problems.items()]
