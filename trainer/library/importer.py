"""Importing the YAML library into the database, one frozen version at a time."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from scoring.format import Library, Scenario
from scoring.format.paths import most_replies
from trainer.database import db
from trainer.library.models import ScenarioRecord, ScenarioVersion


class ImportStatus(StrEnum):
    ADDED = "added"
    UPDATED = "updated"
    UNCHANGED = "unchanged"
    REFUSED = "refused"


@dataclass(frozen=True)
class ImportOutcome:
    slug: str
    version: int
    status: ImportStatus
    message: str = ""


@dataclass
class ImportReport:
    outcomes: list[ImportOutcome] = field(default_factory=list)

    def count(self, status: ImportStatus) -> int:
        return sum(1 for outcome in self.outcomes if outcome.status is status)

    @property
    def refused(self) -> list[ImportOutcome]:
        return [outcome for outcome in self.outcomes if outcome.status is ImportStatus.REFUSED]

    def summary(self) -> str:
        return ", ".join(f"{self.count(status)} {status.value}" for status in ImportStatus)


def import_library(library: Library) -> ImportReport:
    """Store new scenarios and new versions; refuse edits that did not bump `version`.

    Idempotent: importing the same library twice changes nothing the second time.
    """
    report = ImportReport()
    for slug, scenario in library.scenarios.items():
        content_hash = library.hashes[slug]
        outcome = _import_one(scenario, content_hash, library.paths[slug])
        report.outcomes.append(outcome)
    db.session.commit()
    return report


def _import_one(scenario: Scenario, content_hash: str, path: Path) -> ImportOutcome:
    record = db.session.execute(
        db.select(ScenarioRecord).where(ScenarioRecord.slug == scenario.id)
    ).scalar_one_or_none()
    if record is None:
        record = ScenarioRecord(slug=scenario.id)
        db.session.add(record)
        _store_version(record, scenario, content_hash, path)
        return ImportOutcome(scenario.id, scenario.version, ImportStatus.ADDED)
    current = record.current
    if current is None or scenario.version > current.version:
        _store_version(record, scenario, content_hash, path)
        return ImportOutcome(scenario.id, scenario.version, ImportStatus.UPDATED)
    if scenario.version < current.version:
        return ImportOutcome(
            scenario.id, scenario.version, ImportStatus.REFUSED,
            f"{path}: version {scenario.version} is older than the imported version "
            f"{current.version}; write version: {current.version + 1} or higher",
        )
    if content_hash != current.content_hash:
        return ImportOutcome(
            scenario.id, scenario.version, ImportStatus.REFUSED,
            f"{path}: the scenario changed but its version is still {scenario.version}; "
            f"write version: {scenario.version + 1} so that earlier attempts keep their meaning",
        )
    return ImportOutcome(scenario.id, scenario.version, ImportStatus.UNCHANGED)


def _store_version(
    record: ScenarioRecord, scenario: Scenario, content_hash: str, path: Path
) -> None:
    version = ScenarioVersion(
        scenario=record,
        version=scenario.version,
        content_hash=content_hash,
        title=scenario.title,
        domain=scenario.domain,
        persona=scenario.persona.value,
        channel=scenario.channel.value,
        difficulty=scenario.difficulty,
        step_count=most_replies(scenario),
        body=scenario.model_dump(mode="json", by_alias=True),
        source_path=str(path),
    )
    db.session.add(version)
    db.session.flush()
    record.current = version
