"""``python -m scoring``: JSON lines in on standard input, one JSON line out per line, in order.

The contract is in SCENARIOS.md. A bad input line answers {"error": ...} and the run goes on;
a bad scenario directory stops the run before any line is read, with exit status 2. Lines are
scored by as many processes as the machine lends this one (`--jobs`), answers still in order.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import sys
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from .engine import compile_step, score_reply
from .format import Scenario, ScenarioFormatError, load_library

EXIT_BAD_SCENARIOS = 2


class LineError(ValueError):
    """An input line that cannot be scored; its message goes into the output line."""


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m scoring",
        description="Score support replies given as JSON lines on standard input.",
    )
    parser.add_argument(
        "--scenarios",
        metavar="DIR",
        type=Path,
        help="scenario library to score against; without it only politeness is scored",
    )
    parser.add_argument(
        "--jobs",
        metavar="N",
        type=_positive,
        default=_usable_cores(),
        help="processes scoring lines side by side (default: the cores this process may use)",
    )
    args = parser.parse_args(argv)
    scenarios: Mapping[str, Scenario] = {}
    if args.scenarios is not None:
        try:
            scenarios = load_library(args.scenarios).scenarios
        except ScenarioFormatError as exc:
            for error in exc.errors:
                print(error, file=sys.stderr)
            print(f"python -m scoring: {args.scenarios}: {exc.summary()}", file=sys.stderr)
            return EXIT_BAD_SCENARIOS
        for scenario in scenarios.values():
            for step in scenario.steps:
                compile_step(step)
    for output in score_lines(sys.stdin.buffer, scenarios, args.jobs):
        sys.stdout.write(json.dumps(output) + "\n")
        sys.stdout.flush()
    return 0


def score_lines(
    lines: Iterable[bytes | str], scenarios: Mapping[str, Scenario], jobs: int = 1
) -> Iterator[dict[str, Any]]:
    """Each line's output object, in input order, each as soon as it and those before it are
    scored. With `jobs` > 1, forked workers share the lines: they inherit the compiled library
    instead of compiling it again."""
    if jobs < 2 or "fork" not in multiprocessing.get_all_start_methods():
        return (score_line(line, scenarios) for line in lines)
    return _score_in_workers(lines, scenarios, jobs)


def _score_in_workers(
    lines: Iterable[bytes | str], scenarios: Mapping[str, Scenario], jobs: int
) -> Iterator[dict[str, Any]]:
    with multiprocessing.get_context("fork").Pool(jobs, _receive, (scenarios,)) as pool:
        yield from pool.imap(_score_received, lines)


_received: Mapping[str, Scenario] = {}


def _receive(scenarios: Mapping[str, Scenario]) -> None:
    global _received
    _received = scenarios


def _score_received(line: bytes | str) -> dict[str, Any]:
    return score_line(line, _received)


def _usable_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not every platform can say which cores a process may use
        return os.cpu_count() or 1


def _positive(text: str) -> int:
    number = int(text)
    if number < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, got {number}")
    return number


def score_line(line: bytes | str, scenarios: Mapping[str, Scenario]) -> dict[str, Any]:
    """The output object for one input line: the score card's contract or an error."""
    try:
        return score_request(_parse(line), scenarios)
    except LineError as exc:
        return {"error": str(exc)}


def score_request(request: Mapping[str, Any], scenarios: Mapping[str, Scenario]) -> dict[str, Any]:
    """Score one parsed request; raises LineError naming what is wrong with it."""
    reply = request.get("reply")
    if not isinstance(reply, str):
        raise LineError("'reply' must be a string")
    scenario_id, step_id = request.get("scenario"), request.get("step")
    if scenario_id is None and step_id is None:
        return score_reply(reply).to_contract()
    if not isinstance(scenario_id, str):
        raise LineError("'scenario' must be the id of a scenario when 'step' is given")
    if not isinstance(step_id, str):
        raise LineError("'step' must be the id of a step when 'scenario' is given")
    scenario = scenarios.get(scenario_id)
    if scenario is None:
        where = "the --scenarios directory" if scenarios else "any library (see --scenarios)"
        raise LineError(f"unknown scenario {scenario_id!r}: it is not in {where}")
    try:
        step = scenario.step(step_id)
    except KeyError:
        raise LineError(f"scenario {scenario_id!r} has no step {step_id!r}") from None
    if step.closing is not None:
        raise LineError(f"step {step_id!r} is the customer's closing message: it takes no reply")
    return score_reply(reply, step).to_contract()


def _parse(line: bytes | str) -> Mapping[str, Any]:
    if not line.strip():
        raise LineError("the line is empty: write a JSON object with a 'reply'")
    try:
        request = json.loads(line)
    except (ValueError, RecursionError) as exc:
        raise LineError(f"the line is not valid JSON: {exc}") from None
    if not isinstance(request, dict):
        raise LineError("the line must be a JSON object with a 'reply'")
    return request
