"""Publishing drafts, and the published scenarios: versions, differences, retiring, export."""

from __future__ import annotations

from flask import Response, flash, redirect, render_template, request, url_for

from trainer.access import authors
from trainer.authoring import bp
from trainer.authoring.drafts import (
    drafts_of,
    get_draft_or_404,
    get_record_or_404,
    version_text,
)
from trainer.authoring.forms import ConfirmForm, DraftTextForm, PlainForm
from trainer.authoring.publishing import PublishRefused, publish_draft, set_retired, version_diff
from trainer.authoring.routes import render_editor
from trainer.database import db
from trainer.library.importer import ImportStatus


@bp.route("/drafts/<int:draft_id>/publish", methods=["POST"])
@authors
def publish(draft_id: int):
    draft = get_draft_or_404(draft_id)
    form = PlainForm()
    if not form.validate_on_submit():
        flash("This page had been open too long: publish again.", "error")
        return redirect(url_for("authoring.edit", draft_id=draft.id))
    try:
        published = publish_draft(draft)
    except PublishRefused as refused:
        editor = DraftTextForm(formdata=None, text=draft.text, revision=draft.revision)
        message = "Not published: " + "; ".join(
            f"line {error.line}: {error.message}" if error.line else error.message
            for error in refused.errors
        )
        return render_editor(draft, editor, message, 422)
    outcome = published.outcome
    if outcome.status is ImportStatus.UNCHANGED:
        flash(f"Nothing changed: version {outcome.version} of {outcome.slug} is already "
              "published.", "success")
    else:
        flash(f"Published {outcome.slug} version {outcome.version} and wrote "
              f"{published.path.name}.", "success")
    return redirect(url_for("authoring.scenario", slug=outcome.slug))


@bp.route("/scenarios/<slug>")
@authors
def scenario(slug: str):
    """A published scenario: its versions, what changed between them, retiring, export."""
    record = get_record_or_404(slug)
    return render_template(
        "authoring/scenario.html", record=record, versions=list(reversed(record.versions)),
        retire_form=ConfirmForm(), restore_form=PlainForm(),
        drafts=db.session.execute(drafts_of(record)).scalars().all(),
    )


@bp.route("/scenarios/<slug>/diff")
@authors
def diff(slug: str):
    record = get_record_or_404(slug)
    by_number = {version.version: version for version in record.versions}
    newer = by_number.get(request.args.get("to", type=int) or record.current.version)
    older = by_number.get(request.args.get("from", type=int) or 0)
    if older is None and newer is not None:
        older = max((v for v in record.versions if v.version < newer.version),
                    key=lambda v: v.version, default=newer)
    if newer is None or older is None:
        flash("Choose two versions of this scenario.", "error")
        return redirect(url_for("authoring.scenario", slug=slug))
    return render_template("authoring/diff.html", record=record, older=older, newer=newer,
                           table=version_diff(older, newer), versions=record.versions)


@bp.route("/scenarios/<slug>/retire", methods=["POST"])
@authors
def retire(slug: str):
    record = get_record_or_404(slug)
    form = ConfirmForm()
    if not form.validate_on_submit():
        flash("Not retired: tick the box to confirm.", "error")
    else:
        set_retired(record, True)
        flash(f"{slug} is out of the catalogue; its versions and attempts are kept.", "success")
    return redirect(url_for("authoring.scenario", slug=slug))


@bp.route("/scenarios/<slug>/restore", methods=["POST"])
@authors
def restore(slug: str):
    record = get_record_or_404(slug)
    if PlainForm().validate_on_submit():
        set_retired(record, False)
        flash(f"{slug} is back in the catalogue.", "success")
    return redirect(url_for("authoring.scenario", slug=slug))


@bp.route("/scenarios/<slug>/export")
@authors
def export(slug: str):
    """The current version as its YAML file, to commit to the library's repository."""
    record = get_record_or_404(slug)
    return Response(
        version_text(record.current), mimetype="application/yaml",
        headers={"Content-Disposition": f'attachment; filename="{record.slug}.yaml"'},
    )
