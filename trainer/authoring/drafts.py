"""Drafts: creating them blank, as a copy or from an uploaded file, and saving them with an
optimistic lock so that two authors never overwrite each other silently."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from pathlib import Path

import yaml
from flask import abort
from sqlalchemy.orm import joinedload

from scoring.format import ScenarioFormatError, content_hash, load_scenario_text
from scoring.format.source import read_yaml
from trainer.auth.models import User
from trainer.authoring.models import ScenarioDraft
from trainer.database import db, now_utc
from trainer.library.catalogue import parsed_scenario
from trainer.library.models import ScenarioRecord, ScenarioVersion

BLANK = Path(__file__).with_name("blank.yaml")
NUL = "\x00"


class DraftConflict(Exception):
    """Someone saved the draft since the revision the author started from."""

    def __init__(self, draft: ScenarioDraft) -> None:
        self.draft = draft
        who = draft.updated_by.name if draft.updated_by else "Another author"
        super().__init__(
            f"{who} saved this draft meanwhile (revision {draft.revision}). Your text is kept "
            "in the editor and was not saved: compare, then save yours over theirs or load theirs."
        )


@dataclass(frozen=True)
class DraftName:
    """What a draft's text says it is, read without judging the rest; blank when unreadable."""

    slug: str = ""
    title: str = ""


def draft_name(text: str) -> DraftName:
    try:
        data = read_yaml(text, "draft")[0]
    except ScenarioFormatError:
        return DraftName()
    if not isinstance(data, dict):
        return DraftName()
    slug, title = data.get("id"), data.get("title")
    return DraftName(
        slug[:80] if isinstance(slug, str) else "", title[:200] if isinstance(title, str) else ""
    )


def get_draft_or_404(draft_id: int) -> ScenarioDraft:
    """The draft with this id; 404 when there is none (only authors reach the views)."""
    return db.get_or_404(ScenarioDraft, draft_id)


def record_by_slug(slug: str) -> ScenarioRecord | None:
    return db.session.execute(
        db.select(ScenarioRecord).where(ScenarioRecord.slug == slug)
    ).scalar_one_or_none()


def get_record_or_404(slug: str) -> ScenarioRecord:
    """The scenario with this id, retired or not; 404 when there is none."""
    record = record_by_slug(slug)
    if record is None or record.current is None:
        abort(404)
    return record


def version_text(version: ScenarioVersion) -> str:
    """The YAML of a stored version: its file as written when the file still holds exactly this
    version (comments and layout kept), else the stored content written out."""
    path = Path(version.source_path)
    try:
        text = path.read_text(encoding="utf-8-sig")
        if content_hash(load_scenario_text(text, str(path))) == version.content_hash:
            return text
    except (OSError, UnicodeDecodeError, ScenarioFormatError):
        pass
    return canonical_text(version)


def canonical_text(version: ScenarioVersion) -> str:
    """The stored content of a version as YAML, the same for the same content."""
    body = parsed_scenario(version).model_dump(mode="json", by_alias=True, exclude_defaults=True)
    return yaml.safe_dump(body, sort_keys=False, allow_unicode=True, width=100)


def create_draft(author: User, text: str, scenario: ScenarioRecord | None = None) -> ScenarioDraft:
    """A new draft holding `text` as given, even when it does not load yet."""
    name = draft_name(text)
    draft = ScenarioDraft(
        text=text, slug=name.slug, title=name.title, scenario=scenario,
        created_by_id=author.id, updated_by_id=author.id,
    )
    db.session.add(draft)
    db.session.commit()
    return draft


def blank_text() -> str:
    """The blank template, with a scenario id of its own so that it loads as it is."""
    slug = f"new-scenario-{secrets.token_hex(3)}"
    return BLANK.read_text(encoding="utf-8").replace("{slug}", slug)


def save_draft(draft: ScenarioDraft, text: str, revision: int, author: User) -> ScenarioDraft:
    """Store `text` as the draft's next revision when nobody saved since `revision`.

    One UPDATE compares and sets, so two saves at once cannot both win. Raises DraftConflict
    (with the draft as it is now) when the revision is stale, and ValueError for a NUL.
    """
    if NUL in text:
        raise ValueError("The text contains a NUL character (\\0), which cannot be stored.")
    name = draft_name(text)
    changed = db.session.execute(
        db.update(ScenarioDraft)
        .where(ScenarioDraft.id == draft.id, ScenarioDraft.revision == revision)
        .values(
            text=text, revision=revision + 1, slug=name.slug or draft.slug,
            title=name.title or draft.title, updated_by_id=author.id, updated_at=now_utc(),
        )
        .execution_options(synchronize_session=False)
    ).rowcount
    db.session.commit()
    db.session.refresh(draft)
    if changed != 1:
        raise DraftConflict(draft)
    return draft


def drafts_newest_first():
    return (
        db.select(ScenarioDraft)
        .options(joinedload(ScenarioDraft.scenario), joinedload(ScenarioDraft.updated_by))
        .order_by(ScenarioDraft.updated_at.desc())
    )


def drafts_of(record: ScenarioRecord):
    """The drafts editing this scenario, newest first."""
    return drafts_newest_first().where(ScenarioDraft.scenario_id == record.id)


def library_records():
    """Every imported scenario, retired ones included, by id."""
    return (
        db.select(ScenarioRecord)
        .options(joinedload(ScenarioRecord.current))
        .order_by(ScenarioRecord.slug)
    )
