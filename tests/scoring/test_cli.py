"""``python -m scoring`` through a real subprocess, against the contract in SCENARIOS.md."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import BROKEN, CONTRACT_KEYS, SCENARIOS


def run(lines: list[str], *arguments: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "scoring", *arguments],
        input="".join(f"{line}\n" for line in lines),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def scored(reply: str, scenario: str = "test-shop-outage", step: str = "opening") -> str:
    return json.dumps({"scenario": scenario, "step": step, "reply": reply})


def test_one_output_line_per_input_line_in_order() -> None:
    lines = [
        scored("I'm sorry! Which domain is it? Back by 15:00."),
        json.dumps({"reply": "text with no scenario: politeness only"}),
        "this is not json",
        "[1, 2]",
        scored("hi", scenario="no-such-scenario"),
        scored("hi", step="no-such-step"),
        json.dumps({"scenario": "test-shop-outage", "step": "opening"}),
        json.dumps({"reply": 42}),
        "",
        scored("It's your fault, there is no outage."),
    ]
    result = run(lines, "--scenarios", str(SCENARIOS))
    assert result.returncode == 0, result.stderr
    outputs = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(outputs) == len(lines)
    good, plain, *errors, last = outputs
    assert list(good) == CONTRACT_KEYS
    assert good["points"] == {"apologise": True, "ask-domain": True}
    assert good["facts"] == {"eta": "right"} and good["violations"] == []
    assert plain["correctness"] is None and plain["completeness"] is None
    assert plain["overall"] == plain["politeness"] and plain["points"] == {}
    assert all(list(error) == ["error"] and error["error"] for error in errors)
    assert "no-such-scenario" in errors[2]["error"] and "no-such-step" in errors[3]["error"]
    assert last["facts"] == {"eta": "wrong"} and last["violations"] == ["blame"]


def test_without_scenarios_only_politeness_is_scored() -> None:
    result = run([json.dumps({"reply": "Calm down."}), scored("hello")])
    first, second = (json.loads(line) for line in result.stdout.splitlines())
    assert first["politeness"] < 40 and first["correctness"] is None
    assert "unknown scenario" in second["error"]


@pytest.mark.parametrize("directory", [BROKEN, Path("/no/such/directory")])
def test_bad_scenario_directory_stops_with_status_2(directory: Path) -> None:
    result = run([scored("hello")], "--scenarios", str(directory))
    assert result.returncode == 2
    assert result.stdout == ""
    if directory == BROKEN:
        assert f"{BROKEN / 'broken.yaml'}:5:" in result.stderr
        assert "persona 'angry'" in result.stderr
    else:
        assert str(directory) in result.stderr


def test_answers_each_line_as_it_arrives() -> None:
    with subprocess.Popen(
        [sys.executable, "-m", "scoring", "--scenarios", str(SCENARIOS)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    ) as process:
        assert process.stdin is not None and process.stdout is not None
        for reply in ("First reply, sorry.", "Second reply, thanks."):
            process.stdin.write(scored(reply) + "\n")
            process.stdin.flush()
            assert list(json.loads(process.stdout.readline())) == CONTRACT_KEYS
        process.stdin.close()
        assert process.wait(timeout=30) == 0


def test_a_closing_message_takes_no_reply() -> None:
    library = Path(__file__).resolve().parents[2] / "scenarios"
    result = run([scored("Glad to help!", "hosting-shop-outage", "fine-then")],
                 "--scenarios", str(library))
    assert json.loads(result.stdout) == {
        "error": "step 'fine-then' is the customer's closing message: it takes no reply"}


def test_workers_answer_exactly_as_one_process_does() -> None:
    library = Path(__file__).resolve().parents[2] / "scenarios"
    replies = [
        "I'm sorry your shop is down. Which domain is it? We expect it back by 15:00.",
        "Honestly this is your own fault.",
        "Thank you for your patience, the certificate renews within 30 minutes.",
    ]
    plain = [json.dumps({"reply": reply}) for reply in replies]
    graded = [scored(reply, "hosting-shop-outage", "opening") for reply in replies]
    lines = [*plain, *graded] * 4
    lines.insert(5, "this is not json")
    alone = run(lines, "--scenarios", str(library), "--jobs", "1")
    shared = run(lines, "--scenarios", str(library), "--jobs", "3")
    assert alone.returncode == shared.returncode == 0, shared.stderr
    assert len(alone.stdout.splitlines()) == len(lines)
    assert shared.stdout == alone.stdout


def test_jobs_must_be_a_positive_number() -> None:
    result = run([scored("hello")], "--jobs", "0")
    assert result.returncode == 2 and "--jobs: must be at least 1, got 0" in result.stderr
    assert result.stdout == ""
