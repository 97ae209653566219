"""The export of reviewed turns (command and download, read back by `python -m scoring`) and
the rescore dry run, which reports and never writes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from sqlalchemy import select, update

from tests.helpers import signed_in
from trainer.auth.models import Role
from trainer.database import db
from trainer.practice.models import Attempt, Reply

ROOT = Path(__file__).resolve().parents[2]


def export(runner, *options: str) -> list[dict]:
    result = runner.invoke(args=["scoring", "export", *options])
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines()]


def test_every_reviewed_turn_is_exported_with_the_mentors_labels(app, runner, users,
                                                                 reviewed_attempt):
    with app.app_context():
        version = db.session.get(Attempt, reviewed_attempt).scenario_version.version
    lines = export(runner)
    assert [(line["scenario"], line["step"]) for line in lines] == [
        ("hosting-shop-outage", "opening"),
        ("hosting-shop-outage", "manager-demand"),
        ("hosting-shop-outage", "lost-sales"),
    ]
    first = lines[0]
    assert set(first) == {"scenario", "step", "reply", "labels"}
    labels = first["labels"]
    assert (labels["politeness"], labels["correctness"]) == (30, 0)
    assert labels["points"]["apologise"] is True and labels["violations"] == []
    assert labels["facts"] == {"eta": "missing"}
    assert labels["corrected"] is True and labels["comment"] == "Firm, not arguing."
    assert labels["reviewer"] == users[Role.MENTOR].email
    assert (labels["scenario_version"], labels["attempt_id"]) == (version, reviewed_attempt)
    assert labels["scorer_version"] and labels["reviewed_at"] == "2026-03-02T10:00:00"
    assert [line["labels"]["corrected"] for line in lines] == [True, False, False]
    assert [line["labels"]["comment"] for line in lines[1:]] == ["", ""]


def test_corrected_only_and_to_a_file(runner, tmp_path, reviewed_attempt):
    target = tmp_path / "turns.jsonl"
    result = runner.invoke(args=["scoring", "export", "--corrected-only", "-o", str(target)])
    assert result.exit_code == 0 and "Exported 1 reviewed turn." in result.stderr
    [line] = target.read_text(encoding="utf-8").splitlines()
    assert json.loads(line)["step"] == "opening"


def test_the_export_round_trips_through_the_scoring_command(runner, reviewed_attempt):
    lines = export(runner)
    scored = subprocess.run(
        [sys.executable, "-m", "scoring", "--scenarios", "scenarios"],
        input="".join(json.dumps(line) + "\n" for line in lines),
        capture_output=True, text=True, cwd=ROOT, check=True, timeout=120,
    )
    outputs = [json.loads(line) for line in scored.stdout.splitlines()]
    assert len(outputs) == len(lines)
    for line, output in zip(lines, outputs, strict=True):
        assert "error" not in output
        labels = line["labels"]
        assert set(output["points"]) == set(labels["points"])
        assert set(output["facts"]) == set(labels["facts"])
        if not labels["corrected"]:  # the same scorer gives the same grade again
            for name in ("politeness", "correctness", "completeness", "overall", "violations"):
                assert output[name] == labels[name], name


def test_the_download_is_for_managers_and_admins(app, users, runner, reviewed_attempt):
    expected = export(runner)
    for role in (Role.MANAGER, Role.ADMIN):
        response = signed_in(app, users[role]).get("/calibration/export.jsonl")
        assert response.status_code == 200
        assert response.headers["Content-Disposition"] == (
            'attachment; filename="reviewed-turns.jsonl"')
        assert [json.loads(line) for line in response.get_data(as_text=True).splitlines()] == \
            expected
    manager = signed_in(app, users[Role.MANAGER])
    only = manager.get("/calibration/export.jsonl?corrected=only").get_data(as_text=True)
    assert len(only.splitlines()) == 1
    for role in (Role.MENTOR, Role.TRAINEE):
        assert signed_in(app, users[role]).get("/calibration/export.jsonl").status_code == 403


def snapshot(app) -> list[tuple]:
    with app.app_context():
        replies = db.session.execute(select(Reply).order_by(Reply.id)).scalars()
        attempts = db.session.execute(select(Attempt).order_by(Attempt.id)).scalars()
        return [
            (r.id, r.politeness, r.correctness, r.completeness, r.overall, r.violation_count,
             json.dumps(r.card, sort_keys=True), r.scorer_version) for r in replies
        ] + [(a.id, a.politeness, a.overall, a.passed) for a in attempts]


def test_rescore_refuses_to_write(runner, reviewed_attempt):
    result = runner.invoke(args=["scoring", "rescore"])
    assert result.exit_code == 2
    assert "never overwritten" in result.output and "--dry-run" in result.output


def test_a_dry_run_with_the_same_scorer_changes_nothing(app, runner, reviewed_attempt):
    before = snapshot(app)
    result = runner.invoke(args=["scoring", "rescore", "--dry-run"])
    assert result.exit_code == 0, result.output
    assert "Scored 3 replies of 1 attempt again" in result.output
    assert "Grades that would change: 0 of 3." in result.output
    assert "Pass/fail would flip for 0 finished attempts" in result.output
    assert "Agreement with the mentors on 3 reviewed turns" in result.output
    assert "politeness    0.94 -> 0.94" in result.output
    assert snapshot(app) == before


def test_a_dry_run_reports_what_the_scorer_would_change(app, runner, reviewed_attempt):
    with app.app_context():
        second, graded = db.session.execute(
            select(Reply.id, Reply.politeness)
            .where(Reply.attempt_id == reviewed_attempt, Reply.position == 2)
        ).one()
        # As if an older scorer had graded reply 2 at 10 and the attempt had passed.
        db.session.execute(update(Reply).where(Reply.id == second).values(politeness=10))
        db.session.execute(update(Attempt).where(Attempt.id == reviewed_attempt)
                           .values(passed=True))
        db.session.commit()
    before = snapshot(app)
    result = runner.invoke(args=["scoring", "rescore", "--dry-run"])
    assert result.exit_code == 0, result.output
    assert "Grades that would change: 1 of 3." in result.output
    politeness = next(line for line in result.output.splitlines() if " politeness " in line)
    change = graded - 10
    assert politeness.split()[1:] == ["politeness", "3", "1", f"{change / 3:+.2f}", str(change)]
    assert f"attempt {reviewed_attempt} (hosting-shop-outage): passed -> not passed" in \
        result.output
    assert snapshot(app) == before


def test_a_dry_run_of_another_scenario_scores_nothing(runner, reviewed_attempt):
    result = runner.invoke(args=["scoring", "rescore", "--dry-run", "--scenario", "other"])
    assert "Scored 0 replies of 0 attempts" in result.output
