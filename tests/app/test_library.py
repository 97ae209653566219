from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from trainer.auth.models import Role
from trainer.database import db
from trainer.library.models import ScenarioRecord, ScenarioVersion

SCENARIOS = Path(__file__).resolve().parents[2] / "scenarios"
SAMPLE = SCENARIOS / "web-hosting" / "hosting-shop-outage.yaml"


@pytest.fixture
def sample_dir(tmp_path) -> Path:
    folder = tmp_path / "library"
    folder.mkdir()
    shutil.copy(SAMPLE, folder / SAMPLE.name)
    return folder


def shipped_version() -> int:
    return int(re.search(r"^version: (\d+)$", SAMPLE.read_text(), re.MULTILINE).group(1))


def edit(folder: Path, old: str, new: str) -> None:
    path = folder / SAMPLE.name
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))


def row_counts(app) -> tuple[int, int]:
    with app.app_context():
        records = db.session.execute(db.select(db.func.count(ScenarioRecord.id))).scalar_one()
        versions = db.session.execute(db.select(db.func.count(ScenarioVersion.id))).scalar_one()
        return records, versions


# Grades every example of the shipped library: 7 s on an idle machine, near pyproject's 30 s
# limit on a busy one.
@pytest.mark.timeout(120)
def test_validate_passes_on_the_shipped_library(runner):
    result = runner.invoke(args=["scenarios", "validate"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("OK: ") and "no errors" in result.output


def test_validate_reports_every_error_with_file_and_line_and_exits_2(runner, sample_dir):
    edit(sample_dir, "persona: rude", "persona: angry")
    edit(sample_dir, "difficulty: 3", "difficulty: 9")
    result = runner.invoke(args=["scenarios", "validate", str(sample_dir)])
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert any("hosting-shop-outage.yaml:" in line and "angry" in line for line in lines)
    assert any("hosting-shop-outage.yaml:" in line and "9" in line for line in lines)
    assert lines[-1] == "Invalid: 2 errors in 1 file."


def test_validate_lists_examples_graded_otherwise_and_fails_only_when_strict(runner, sample_dir):
    first_example = "      - kind: excellent\n        expect: "
    edit(sample_dir, first_example + "pass", first_example + "fail")
    result = runner.invoke(args=["scenarios", "validate", str(sample_dir)])
    assert result.exit_code == 0, result.output
    listed = [line for line in result.output.splitlines() if "should fail but passes" in line]
    assert len(listed) == 1
    lines = (sample_dir / SAMPLE.name).read_text(encoding="utf-8").splitlines()
    line = next(number for number, text in enumerate(lines, 1) if text == "      - kind: excellent")
    assert listed[0].startswith(
        f"{sample_dir / SAMPLE.name}:{line}: example 1 (excellent) of step"
    )
    assert re.search(r"Examples: (\d+) of \1 graded", result.output) is None
    strict = runner.invoke(args=["scenarios", "validate", "--strict", str(sample_dir)])
    assert strict.exit_code == 1
    assert "should fail but passes" in strict.output


def test_validate_strict_passes_when_every_example_agrees(runner, sample_dir):
    result = runner.invoke(args=["scenarios", "validate", "--strict", str(sample_dir)])
    assert result.exit_code == 0, result.output
    assert re.search(r"Examples: (\d+) of \1 graded as labelled\.", result.output)


def test_validate_warns_about_a_phrase_a_synonym_already_matches(runner, sample_dir):
    edit(sample_dir, 'phrases: ["sorry",', 'phrases: ["sorry", "apologise",')
    quiet = runner.invoke(args=["scenarios", "validate", str(sample_dir)])
    assert quiet.exit_code == 0, quiet.output
    assert "Warnings: 1 phrase another phrase already matches (list them with --warnings)." in (
        quiet.output
    )
    listed = runner.invoke(args=["scenarios", "validate", "--warnings", str(sample_dir)])
    (warning,) = [line for line in listed.output.splitlines() if "warning: phrase" in line]
    assert warning.startswith(f"{sample_dir / SAMPLE.name}:28:30: warning: phrase 'apologise'")
    assert "'sorry'" in warning


@pytest.mark.timeout(120)  # imports the shipped library twice
def test_import_is_idempotent(app, runner):
    first = runner.invoke(args=["scenarios", "import"])
    assert first.exit_code == 0, first.output
    counts = row_counts(app)
    second = runner.invoke(args=["scenarios", "import"])
    assert second.exit_code == 0
    assert row_counts(app) == counts
    assert f"Imported: 0 added, 0 updated, {counts[0]} unchanged, 0 refused." in second.output
    assert counts[0] >= 30


def test_changed_scenario_without_version_bump_is_refused(app, runner, sample_dir):
    runner.invoke(args=["scenarios", "import", str(sample_dir)])
    edit(sample_dir, "title: ", "title: Edited ")
    result = runner.invoke(args=["scenarios", "import", str(sample_dir)])
    version = shipped_version()
    assert result.exit_code == 2
    assert (f"the scenario changed but its version is still {version}; "
            f"write version: {version + 1}") in result.output
    assert row_counts(app) == (1, 1)


def test_comment_only_edit_is_not_a_change(app, runner, sample_dir):
    runner.invoke(args=["scenarios", "import", str(sample_dir)])
    path = sample_dir / SAMPLE.name
    path.write_text("# reviewed by the support lead\n" + path.read_text())
    result = runner.invoke(args=["scenarios", "import", str(sample_dir)])
    assert result.exit_code == 0 and "1 unchanged" in result.output


def test_version_bump_adds_a_version_and_keeps_the_old_one(app, runner, sample_dir):
    runner.invoke(args=["scenarios", "import", str(sample_dir)])
    old, new = shipped_version(), shipped_version() + 1
    edit(sample_dir, "title: ", "title: Edited ")
    edit(sample_dir, f"version: {old}", f"version: {new}")
    result = runner.invoke(args=["scenarios", "import", str(sample_dir)])
    assert result.exit_code == 0, result.output
    assert f"updated: hosting-shop-outage version {new}" in result.output
    with app.app_context():
        record = db.session.execute(db.select(ScenarioRecord)).scalar_one()
        assert [v.version for v in record.versions] == [old, new]
        assert record.current.version == new and record.current.title.startswith("Edited ")
        assert not record.versions[0].title.startswith("Edited ")

    edit(sample_dir, f"version: {new}", f"version: {old}")
    older = runner.invoke(args=["scenarios", "import", str(sample_dir)])
    assert older.exit_code == 2
    assert f"version {old} is older than the imported version {new}" in older.output


def test_list_shows_current_versions(runner, library):
    listing = runner.invoke(args=["scenarios", "list"]).output.splitlines()
    assert len(listing) == len(library.scenarios)
    expected = f"hosting-shop-outage\tv{shipped_version()}\tdifficulty "
    assert any(line.startswith(expected) for line in listing)


def test_catalogue_lists_and_filters(client, login_as, library):
    login_as(Role.TRAINEE)
    everything = client.get("/scenarios/").get_data(as_text=True)
    assert f"{len(library.scenarios)} scenarios" in everything
    hosting = client.get("/scenarios/?domain=web-hosting").get_data(as_text=True)
    expected = sum(1 for s in library.scenarios.values() if s.domain == "web-hosting")
    assert f"{expected} scenario" in hosting
    assert "/scenarios/hosting-shop-outage" in hosting
    assert "/scenarios/crm-" not in hosting


@pytest.mark.parametrize("column", ["persona", "difficulty", "channel"])
def test_catalogue_filters_by_each_facet(client, login_as, library, column):
    login_as(Role.TRAINEE)
    sample = library.scenarios["hosting-shop-outage"]
    value = getattr(sample, column)
    value = value.value if hasattr(value, "value") else value
    page = client.get(f"/scenarios/?{column}={value}").get_data(as_text=True)
    matching = [s for s in library.scenarios.values()
                if str(getattr(s, column).value if hasattr(getattr(s, column), "value")
                       else getattr(s, column)) == str(value)]
    assert f">{len(matching)} scenario" in page
    for scenario in library.scenarios.values():
        assert (f"/scenarios/{scenario.id}\"" in page) == (scenario in matching)


def test_catalogue_ignores_values_it_does_not_offer(client, login_as, library):
    login_as(Role.TRAINEE)
    response = client.get("/scenarios/?difficulty=99&persona=<script>")
    assert response.status_code == 200
    assert "<script>" not in response.get_data(as_text=True)


def test_scenario_page_shows_the_briefing(client, login_as, library):
    login_as(Role.MENTOR)
    page = client.get("/scenarios/hosting-shop-outage").get_data(as_text=True)
    briefing_start = library.scenarios["hosting-shop-outage"].briefing.split("\n")[0]
    assert briefing_start[:40] in page
    assert client.get("/scenarios/no-such-scenario").status_code == 404


def test_validate_warns_about_a_conversation_that_stops_without_the_customers_last_word(
        runner, sample_dir):
    assert "ending" not in runner.invoke(args=["scenarios", "validate", str(sample_dir)]).output
    edit(sample_dir, "      - if: not explain-credit\n        goto: moving-host",
         "      - if: not explain-credit\n        goto: end")
    quiet = runner.invoke(args=["scenarios", "validate", str(sample_dir)])
    assert quiet.exit_code == 0, quiet.output
    assert ("Warnings: 1 ending without the customer's closing message (list them with "
            "--warnings).") in quiet.output
    listed = runner.invoke(args=["scenarios", "validate", "--warnings", str(sample_dir)])
    (warning,) = [line for line in listed.output.splitlines() if "closing message" in line
                  and "warning:" in line]
    # The rule's "- if:" line is the one before its "goto: end" (index + 1 - 1).
    lines = (sample_dir / SAMPLE.name).read_text(encoding="utf-8").splitlines()
    rule_line = lines.index("        goto: end")
    assert warning.startswith(f"{sample_dir / SAMPLE.name}:{rule_line}:9: warning: rule 2 of "
                              "step 'lost-sales' ends the conversation")


def test_a_message_reached_without_what_it_presupposes_is_refused(runner, sample_dir):
    edit(sample_dir, "      - if: not ask-domain\n        goto: unclear-shop",
         "      - if: overall < 1\n        goto: unclear-shop")
    result = runner.invoke(args=["scenarios", "validate", str(sample_dir)])
    assert result.exit_code == 2
    assert "step 'lost-sales' takes it as said that the agent covered 'ask-domain' of step " \
           "'opening' or 'keep-ownership' of step 'manager-demand'" in result.output
