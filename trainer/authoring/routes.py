"""The authoring home, creating drafts, and the editor with its checks, autosave and map."""

from __future__ import annotations

from flask import flash, jsonify, redirect, render_template, request, url_for
from flask_login import current_user
from wtforms import SelectChoice

from scoring.format import ScenarioFormatError
from scoring.format.loader import decode_scenario_bytes
from scoring.format.source import MAX_SCENARIO_BYTES
from trainer.access import authors
from trainer.authoring import bp
from trainer.authoring.branch_map import MapUnavailable, map_of_text
from trainer.authoring.checking import check_draft, draft_file_name
from trainer.authoring.drafts import (
    DraftConflict,
    blank_text,
    create_draft,
    draft_name,
    drafts_newest_first,
    get_draft_or_404,
    get_record_or_404,
    library_records,
    record_by_slug,
    save_draft,
    version_text,
)
from trainer.authoring.forms import BLANK, DraftTextForm, NewDraftForm, PlainForm, UploadForm
from trainer.database import db
from trainer.edge import accepts_files
from trainer.errors import render_error
from trainer.security_headers import csp_nonce


def _new_draft_form() -> NewDraftForm:
    form = NewDraftForm()
    form.source.choices = [SelectChoice(BLANK, "A blank template")] + [
        SelectChoice(record.slug, f"A copy of {record.slug}")
        for record in db.session.execute(library_records()).scalars()
    ]
    return form


def _home(upload: UploadForm | None = None, upload_errors: list | None = None, status=200):
    return render_template(
        "authoring/home.html",
        drafts=db.session.execute(drafts_newest_first()).scalars().all(),
        records=db.session.execute(library_records()).scalars().all(),
        new_form=_new_draft_form(), upload_form=upload or UploadForm(),
        upload_errors=upload_errors or [],
    ), status


@bp.route("/")
@authors
def drafts():
    return _home()


@bp.route("/drafts/new", methods=["POST"])
@authors
def new_draft():
    form = _new_draft_form()
    if not form.validate_on_submit():
        flash("Choose a blank template or a scenario to copy.", "error")
        return redirect(url_for("authoring.drafts"))
    if form.source.data == BLANK:
        draft = create_draft(current_user, blank_text())
    else:
        record = get_record_or_404(form.source.data)
        draft = create_draft(current_user, version_text(record.current), record)
    return redirect(url_for("authoring.edit", draft_id=draft.id))


@bp.route("/import", methods=["POST"])
@accepts_files
@authors
def upload():
    """A scenario file becomes a draft as it is; a file that cannot be read as text is refused
    with the loader's message and its line."""
    form = UploadForm()
    if not form.validate_on_submit():
        return _home(form, status=422)
    file = form.file.data
    name = file.filename or "upload.yaml"
    try:
        text = decode_scenario_bytes(file.stream.read(MAX_SCENARIO_BYTES + 1), name)
    except ScenarioFormatError as error:
        return _home(form, error.errors, status=422)
    if "\x00" in text:
        return _home(form, [f"{name}: the file contains a NUL character (\\0): remove it"], 422)
    # A file of a published scenario edits it, even while it has errors to fix.
    slug = draft_name(text).slug
    draft = create_draft(current_user, text, record_by_slug(slug) if slug else None)
    flash(f"Imported {name} as a draft; publish it to make it a version.", "success")
    return redirect(url_for("authoring.edit", draft_id=draft.id))


def render_editor(draft, form: DraftTextForm, conflict: str | None = None, status: int = 200):
    check = check_draft(form.text.data, draft_file_name(draft.slug))
    return render_template(
        "authoring/edit.html", draft=draft, form=form, check=check, conflict=conflict,
        publish_form=PlainForm(), csp_nonce=csp_nonce(),
    ), status


@bp.route("/drafts/<int:draft_id>", methods=["GET", "POST"])
@authors
def edit(draft_id: int):
    """The editor; its plain form saves without JavaScript, with the same revision check."""
    draft = get_draft_or_404(draft_id)
    form = DraftTextForm()
    if request.method == "GET":
        form.text.data, form.revision.data = draft.text, draft.revision
        return render_editor(draft, form)
    if not form.validate_on_submit():
        return render_editor(draft, form, status=422)
    typed = form.text.data or ""
    try:
        save_draft(draft, typed, form.revision.data, current_user)
    except DraftConflict as conflict:
        form.revision.raw_data = None  # the field shows the revision saving now writes over
        form.revision.data = draft.revision
        form.text.data = typed
        return render_editor(draft, form, str(conflict), 409)
    except ValueError as error:
        return render_editor(draft, form, str(error), 400)
    flash(f"Saved (revision {draft.revision}).", "success")
    return redirect(url_for("authoring.edit", draft_id=draft.id))


def _json_text() -> tuple[str | None, dict]:
    data = request.get_json(silent=True)
    if not isinstance(data, dict) or not isinstance(data.get("text"), str):
        return None, {}
    return data["text"], data


@bp.route("/drafts/<int:draft_id>/autosave", methods=["POST"])
@authors
def autosave(draft_id: int):
    """JSON {text, revision}: 200 with the new revision, or 409 with the draft as it is now."""
    draft = get_draft_or_404(draft_id)
    text, data = _json_text()
    revision = data.get("revision")
    if text is None or not isinstance(revision, int) or isinstance(revision, bool):
        return render_error(400, "Send the text and the revision it was based on.")
    try:
        save_draft(draft, text, revision, current_user)
    except DraftConflict as conflict:
        return jsonify(error=str(conflict), revision=draft.revision, text=draft.text,
                       updated_by=draft.updated_by.name if draft.updated_by else None), 409
    except ValueError as error:
        return render_error(400, str(error))
    return jsonify(revision=draft.revision, saved_at=draft.updated_at.isoformat())


@bp.route("/drafts/<int:draft_id>/check", methods=["POST"])
@authors
def check(draft_id: int):
    """JSON {text}: the loader's problems on their lines, as the editor underlines them."""
    draft = get_draft_or_404(draft_id)
    text, _ = _json_text()
    if text is None:
        return render_error(400, "Send the text to check.")
    result = check_draft(text, draft_file_name(draft.slug))
    return jsonify(
        loads=result.scenario is not None,
        problems=[vars(problem) for problem in result.problems],
    )


@bp.route("/drafts/<int:draft_id>/map")
@authors
def map_page(draft_id: int):
    draft = get_draft_or_404(draft_id)
    check = check_draft(draft.text, draft_file_name(draft.slug))
    try:
        drawing, unavailable = map_of_text(draft.text, check.scenario), None
    except MapUnavailable as error:
        drawing, unavailable = None, str(error)
    return render_template("authoring/map.html", draft=draft, check=check, drawing=drawing,
                           unavailable=unavailable)
