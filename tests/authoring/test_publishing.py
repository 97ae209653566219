"""Publishing through the importer, refusals on their lines, retiring, differences, export and
upload."""

from __future__ import annotations

import io
import re
from pathlib import Path

from tests.authoring.examples import copied_draft
from tests.helpers import post_form, signed_in, start_practice, text_of
from trainer.auth.models import Role
from trainer.authoring import publishing
from trainer.authoring.models import ScenarioDraft
from trainer.database import db
from trainer.library.catalogue import get_current_version_or_404
from trainer.library.models import ScenarioRecord
from trainer.practice.models import Attempt

SHOP = "hosting-shop-outage"
# The shipped file's version, which the imported library starts from.
SHIPPED = Path(__file__).resolve().parents[2] / "scenarios" / "web-hosting" / f"{SHOP}.yaml"
VERSION = int(re.search(r"^version: (\d+)$", SHIPPED.read_text(encoding="utf-8"), re.M).group(1))


def _set_text(app, draft_id: int, text: str) -> None:
    with app.app_context():
        draft = db.session.get(ScenarioDraft, draft_id)
        draft.text = text
        db.session.commit()


def _text(app, draft_id: int) -> str:
    with app.app_context():
        return db.session.get(ScenarioDraft, draft_id).text


def _publish(client, draft_id: int):
    page = f"/authoring/drafts/{draft_id}"
    return post_form(client, f"{page}/publish", {}, token_from=page)


def _current(app, slug: str):
    with app.app_context():
        version = get_current_version_or_404(slug)
        return version.version, version.id


def test_publishing_an_edit_makes_a_new_version_and_writes_the_file(app, users, author, tmp_path):
    attempt = start_practice(app, users[Role.TRAINEE], SHOP)
    draft_id = copied_draft(app, users[Role.MENTOR])
    text = _text(app, draft_id).replace(f"version: {VERSION}", f"version: {VERSION + 1}").replace(
        "the owner is furious", "the owner is livid")
    _set_text(app, draft_id, text)
    response = _publish(author, draft_id)
    assert response.status_code == 302
    shown = text_of(author.get(response.headers["Location"]))
    assert f"Published hosting-shop-outage version {VERSION + 1}" in shown
    version, version_id = _current(app, SHOP)
    assert version == VERSION + 1
    written = tmp_path / "library" / "web-hosting" / f"{SHOP}.yaml"
    assert written.read_text(encoding="utf-8") == text
    with app.app_context():
        assert db.session.get(Attempt, attempt.id).scenario_version_id != version_id
    diff = author.get(f"/authoring/scenarios/{SHOP}/diff?from={VERSION}&to={VERSION + 1}")
    page = diff.get_data(as_text=True)
    # The changed digits are marked inside the line, so the words of the text may split them.
    compared = text_of(diff).replace(" ", "")
    assert "diff_chg" in page and f"version:{VERSION}" in compared
    assert f"version:{VERSION + 1}" in compared


def test_a_changed_scenario_without_a_higher_version_is_refused_on_its_line(app, users, author):
    draft_id = copied_draft(app, users[Role.MENTOR])
    text = _text(app, draft_id).replace("the owner is furious", "the owner is livid")
    _set_text(app, draft_id, text)
    response = _publish(author, draft_id)
    assert response.status_code == 422
    refusal = f"Not published: line 2: the scenario changed but its version is still {VERSION}"
    assert refusal in text_of(response)
    assert _current(app, SHOP)[0] == VERSION and _text(app, draft_id) == text
    lower = text.replace(f"version: {VERSION}", f"version: {VERSION - 1}")
    _set_text(app, draft_id, lower)
    assert f"older than the imported version {VERSION}" in text_of(_publish(author, draft_id))


def test_an_id_of_another_scenario_is_refused_on_its_line(app, users, author):
    draft_id = copied_draft(app, users[Role.MENTOR])
    text = _text(app, draft_id).replace(f"id: {SHOP}", "id: hosting-ssl-expired", 1)
    _set_text(app, draft_id, text)
    response = _publish(author, draft_id)
    assert response.status_code == 422
    assert "line 1: scenario id 'hosting-ssl-expired' already belongs to another scenario" in (
        text_of(response))
    assert _text(app, draft_id) == text


def test_a_new_scenario_is_published_as_version_one(app, author, tmp_path):
    response = post_form(author, "/authoring/drafts/new", {"source": ""}, token_from="/authoring/")
    draft_id = int(response.headers["Location"].rsplit("/", 1)[1])
    slug = _text(app, draft_id).split("id: ", 1)[1].split("\n", 1)[0]
    assert _publish(author, draft_id).status_code == 302
    assert _current(app, slug)[0] == 1
    assert (tmp_path / "library" / "web-hosting" / f"{slug}.yaml").is_file()
    assert slug in text_of(author.get("/scenarios/"))


def test_an_invalid_draft_is_not_published(app, users, author):
    draft_id = copied_draft(app, users[Role.MENTOR])
    _set_text(app, draft_id, "id: x\ntitle: [open\n")
    response = _publish(author, draft_id)
    assert response.status_code == 422 and "line 2: not valid YAML" in text_of(response)


def test_retiring_takes_a_scenario_out_of_the_catalogue_and_back(app, users, author):
    attempt = start_practice(app, users[Role.TRAINEE], SHOP)
    page = f"/authoring/scenarios/{SHOP}"
    post_form(author, f"{page}/retire", {}, token_from=page)
    assert _current(app, SHOP)  # not retired without the box ticked
    post_form(author, f"{page}/retire", {"confirm": "y"}, token_from=page)
    client = signed_in(app, users[Role.TRAINEE])
    assert SHOP not in client.get("/scenarios/").get_data(as_text=True)
    assert client.get(f"/scenarios/{SHOP}").status_code == 404
    assert client.get(f"/practice/attempts/{attempt.id}").status_code == 200  # play goes on
    with app.app_context():
        record = db.session.execute(
            db.select(ScenarioRecord).where(ScenarioRecord.slug == SHOP)).scalar_one()
        assert record.retired_at is not None and len(record.versions) == 1
    post_form(author, f"{page}/restore", {}, token_from=page)
    assert client.get(f"/scenarios/{SHOP}").status_code == 200


def test_export_round_trips_through_upload(app, author):
    exported = author.get(f"/authoring/scenarios/{SHOP}/export")
    assert exported.headers["Content-Disposition"] == f'attachment; filename="{SHOP}.yaml"'
    assert exported.get_data(as_text=True) == Path(
        "scenarios/web-hosting/hosting-shop-outage.yaml").read_text(encoding="utf-8")
    response = post_form(author, "/authoring/import", {
        "file": (io.BytesIO(exported.get_data()), f"{SHOP}.yaml")}, token_from="/authoring/",
        content_type="multipart/form-data")
    assert response.status_code == 302
    draft_id = int(response.headers["Location"].rsplit("/", 1)[1])
    assert _text(app, draft_id) == exported.get_data(as_text=True)
    with app.app_context():
        assert db.session.get(ScenarioDraft, draft_id).scenario.slug == SHOP
    assert "Nothing changed" in text_of(author.get(_publish(author, draft_id).headers["Location"]))


def _upload(client, content: bytes, name: str = "mine.yaml"):
    return post_form(client, "/authoring/import", {"file": (io.BytesIO(content), name)},
                     token_from="/authoring/", content_type="multipart/form-data")


def test_an_upload_that_is_not_utf8_text_gets_the_line(author):
    response = _upload(author, b"id: x\nversion: 1\ntitle: caf\xe9\n")
    assert response.status_code == 422
    assert "mine.yaml:3:11: the file is not UTF-8 text" in text_of(response)


def test_an_upload_over_the_size_limit_is_refused(author):
    response = _upload(author, b"# " + b"x" * (256 * 1024) + b"\n")
    assert response.status_code == 422
    assert "larger than the 256 KiB limit" in text_of(response)


def test_an_invalid_upload_becomes_a_draft_as_it_is(app, author):
    content = f"id: {SHOP}\nversion: 8\ntitle: half done\n"
    response = _upload(author, content.encode())
    draft_id = int(response.headers["Location"].rsplit("/", 1)[1])
    with app.app_context():  # a file of a published scenario edits it, errors and all
        assert db.session.get(ScenarioDraft, draft_id).scenario.slug == SHOP
    content = "id: half-done\nversion: 1\ntitle: [open\n"
    response = _upload(author, content.encode())
    draft_id = int(response.headers["Location"].rsplit("/", 1)[1])
    assert _text(app, draft_id) == content
    assert "Line 3: not valid YAML" in text_of(author.get(response.headers["Location"]))


def test_a_version_published_meanwhile_is_refused_not_an_error(app, users, author, monkeypatch,
                                                                tmp_path):
    draft_id = copied_draft(app, users[Role.MENTOR])
    newer = _text(app, draft_id).replace(f"version: {VERSION}", f"version: {VERSION + 1}")
    _set_text(app, draft_id, newer)
    real = publishing.import_library

    def racing(library):
        """Another author's identical version lands first, past the importer's own check."""
        with app.app_context():
            record = db.session.execute(
                db.select(ScenarioRecord).where(ScenarioRecord.slug == SHOP)).scalar_one()
            first = record.current
            db.session.add(type(first)(
                scenario=record, version=VERSION, content_hash="x" * 64, title=first.title,
                domain=first.domain, persona=first.persona, channel=first.channel,
                difficulty=first.difficulty, step_count=first.step_count, body=first.body,
                source_path=first.source_path))
            db.session.commit()
        return real(library)

    monkeypatch.setattr(publishing, "import_library", racing)
    response = _publish(author, draft_id)
    assert response.status_code == 422
    assert "published by someone else a moment ago" in text_of(response)
    assert list((tmp_path / "library").rglob("*.yaml")) == []


def test_a_published_scenarios_page_links_its_item_statistics(author):
    page = text_of(author.get(f"/authoring/scenarios/{SHOP}"))
    assert "Item statistics" in page
    assert author.get(f"/scenarios/{SHOP}/statistics").status_code == 200
