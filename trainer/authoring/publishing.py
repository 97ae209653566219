"""Publishing a draft as a new scenario version, retiring scenarios, and comparing versions.

Publishing goes through the library's importer, so it keeps the importer's rules (content hash,
a version that must increase, attempts that keep their version), then writes the YAML file into
the library directory so the files stay the source of truth.
"""

from __future__ import annotations

import difflib
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from flask import current_app
from markupsafe import Markup
from sqlalchemy.exc import IntegrityError

from scoring.format import Library, Scenario, ScenarioError, content_hash
from trainer.authoring.checking import check_draft, draft_file_name
from trainer.authoring.drafts import canonical_text, record_by_slug
from trainer.authoring.models import ScenarioDraft
from trainer.database import db, now_utc
from trainer.library.importer import ImportOutcome, ImportStatus, import_library
from trainer.library.models import ScenarioRecord, ScenarioVersion


class PublishRefused(Exception):
    """Nothing was published; each error names its line in the draft."""

    def __init__(self, errors: list[ScenarioError]) -> None:
        self.errors = errors
        super().__init__("; ".join(str(error) for error in errors))


@dataclass(frozen=True)
class Published:
    outcome: ImportOutcome
    path: Path


def library_path(scenario: Scenario, record: ScenarioRecord | None) -> Path:
    """Where the scenario's file goes: where its current version came from when that file is
    inside the library directory, else <library>/<domain>/<id>.yaml."""
    library = Path(current_app.config["SCENARIO_LIBRARY"]).resolve()
    if record is not None and record.current is not None:
        current = Path(record.current.source_path).resolve()
        if current.is_relative_to(library):
            return current
    return library / scenario.domain / f"{scenario.id}.yaml"


def publish_draft(draft: ScenarioDraft) -> Published:
    """Import the draft as a new version and write its file; raises PublishRefused with the
    loader's or the importer's message on the line to fix. The draft is never changed except
    to remember which scenario it now edits."""
    file = draft_file_name(draft.slug)
    check = check_draft(draft.text, file)
    if check.scenario is None or check.source is None:
        raise PublishRefused([
            ScenarioError(file, each.line, each.column, each.message) for each in check.errors
        ])
    scenario, source = check.scenario, check.source
    record = record_by_slug(scenario.id)
    if record is not None and draft.scenario_id not in (None, record.id):
        owner = draft.scenario.slug if draft.scenario else "another"
        raise PublishRefused([source.error(("id",), (
            f"scenario id '{scenario.id}' already belongs to another scenario; this draft edits "
            f"'{owner}': keep its id, or choose an id no scenario uses"
        ))])
    if record is not None and draft.scenario_id is None:
        raise PublishRefused([source.error(("id",), (
            f"scenario id '{scenario.id}' already belongs to another scenario: choose an id no "
            "scenario uses, or copy that scenario to edit it"
        ))])
    path = library_path(scenario, record)
    staged = _stage(path, draft.text, source.file)
    library = Library({scenario.id: scenario}, {scenario.id: path},
                      {scenario.id: content_hash(scenario)})
    try:
        outcome = import_library(library).outcomes[0]
    except IntegrityError:  # the same scenario or version published at the same moment
        db.session.rollback()
        staged.unlink(missing_ok=True)
        raise PublishRefused([source.error(("version",), (
            f"version {scenario.version} of '{scenario.id}' was published by someone else a "
            "moment ago: look at the published versions, then raise the version"
        ))]) from None
    except BaseException:
        staged.unlink(missing_ok=True)
        raise
    if outcome.status is ImportStatus.REFUSED:
        staged.unlink(missing_ok=True)
        message = outcome.message.removeprefix(f"{path}: ")
        raise PublishRefused([source.error(("version",), message)])
    if outcome.status is ImportStatus.UNCHANGED:
        staged.unlink(missing_ok=True)
    else:
        os.replace(staged, path)
    draft.scenario = record_by_slug(scenario.id)
    db.session.commit()
    return Published(outcome, path)


def _stage(path: Path, text: str, file: str) -> Path:
    """The text written next to its final place, to be moved there once imported; raises
    PublishRefused when the library directory cannot be written."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, name = tempfile.mkstemp(dir=path.parent, prefix=".publishing-", suffix=".yaml")
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(text)
    except OSError as error:
        message = f"cannot write {path}: {error.strerror or error}; nothing was published"
        raise PublishRefused([ScenarioError(file, None, None, message)]) from None
    return Path(name)


def set_retired(record: ScenarioRecord, retired: bool) -> None:
    """Take the scenario out of the catalogue, or back in; its versions and attempts stay."""
    record.retired_at = now_utc() if retired else None
    db.session.commit()


# difflib leaves the header of its columns of links to the first, next and top change empty.
_DIFF_LINKS_EMPTY_HEADER = '<th class="diff_next"><br /></th>'
_DIFF_LINKS_HEADER = ('<th class="diff_next"><span class="visually-hidden">Links: f first change,'
                      ' n next change, t top</span></th>')


def version_diff(older: ScenarioVersion, newer: ScenarioVersion) -> Markup:
    """A side-by-side table of the two versions' content (escaped by difflib). The columns of
    difflib's f/n/t links get a header a screen reader can announce instead of an empty one."""
    table = difflib.HtmlDiff().make_table(
        canonical_text(older).splitlines(), canonical_text(newer).splitlines(),
        f"version {older.version}", f"version {newer.version}", context=True, numlines=3,
    )
    table = table.replace(_DIFF_LINKS_EMPTY_HEADER, _DIFF_LINKS_HEADER)
    return Markup(table)  # noqa: S704 (HtmlDiff escapes every line it shows)
