from __future__ import annotations

from flask import render_template, request
from flask_login import current_user
from wtforms import SelectChoice

from trainer.access import allowed_when, may_see_item_statistics, signed_in
from trainer.answers import wants_json
from trainer.auth.models import Role
from trainer.database import db
from trainer.formatting import value_label
from trainer.library import bp
from trainer.library.catalogue import (
    CatalogueFilter,
    current_versions,
    facet_values,
    get_current_version_or_404,
    parsed_scenario,
    sorted_versions,
)
from trainer.library.forms import CatalogueFilterForm, StatisticsFilterForm
from trainer.library.item_statistics import scenario_statistics, stored_versions_or_404
from trainer.library.item_statistics.figures import THRESHOLDS
from trainer.library.play_status import PlayStatus, play_statuses

ANY = ""
DEFAULT_ORDER = "difficulty"
ORDERS = [SelectChoice("difficulty", "Difficulty"), SelectChoice("title", "Title"),
          SelectChoice("domain", "Domain")]
STATUS_ORDER = SelectChoice("status", "Your status")  # only trainees have one


def _choices(column: str) -> list[SelectChoice]:
    return [SelectChoice(ANY, "Any")] + [
        SelectChoice(str(value), value_label(value))
        for value in facet_values(column)
    ]


def _chosen(form: CatalogueFilterForm) -> CatalogueFilter:
    """Only values offered in the menus filter; anything else is ignored."""
    picked = {
        name: getattr(form, name).data
        for name in ("domain", "persona", "channel", "difficulty")
        if getattr(form, name).data and getattr(form, name).validate(form)
    }
    if "difficulty" in picked:
        picked["difficulty"] = int(picked["difficulty"])
    if form.q.data and form.q.validate(form):
        picked["text"] = form.q.data.strip()
    return CatalogueFilter(**picked)


def _order(form: CatalogueFilterForm) -> str:
    """The order asked for when the menu offers it, else the default."""
    if form.sort.data and form.sort.validate(form):
        return form.sort.data
    form.sort.data = DEFAULT_ORDER
    return DEFAULT_ORDER


@bp.route("/")
@signed_in
def catalogue():
    form = CatalogueFilterForm(request.args)
    for name in ("domain", "persona", "channel", "difficulty"):
        getattr(form, name).choices = _choices(name)
    trainee = current_user.role is Role.TRAINEE
    form.sort.choices = ORDERS + ([STATUS_ORDER] if trainee else [])
    statuses = play_statuses(current_user.id) if trainee else {}
    versions = db.session.execute(current_versions(_chosen(form))).scalars().all()
    return render_template(
        "library/catalogue.html", form=form, show_status=trainee, statuses=statuses,
        not_played=PlayStatus.NOT_PLAYED,
        versions=sorted_versions(versions, _order(form), statuses),
    )


@bp.route("/<slug>")
@signed_in
def detail(slug: str):
    version = get_current_version_or_404(slug)
    return render_template(
        "library/detail.html", version=version, scenario=parsed_scenario(version)
    )


@bp.route("/<slug>/statistics")
@allowed_when(may_see_item_statistics)
def statistics(slug: str):
    """Each step's figures over every version, or one (`?version=N`); JSON to a client that
    asks for it. An unknown version shows every version, and says so."""
    versions = stored_versions_or_404(slug)
    form = StatisticsFilterForm(request.args)
    form.version.choices = [SelectChoice(ANY, "All versions")] + [
        SelectChoice(str(stored.version), f"Version {stored.version}") for stored in versions
    ]
    version, problem = None, None
    if form.version.data:
        if form.version.validate(form):
            version = int(form.version.data)
        else:
            problem = (f"This scenario has no version {form.version.data[:20]}: "
                       "the figures cover every version.")
            form.version.data = ANY
    figures = scenario_statistics(slug, versions, version)
    if wants_json():
        return {"error": problem, **figures.to_json()}
    return render_template(
        "library/statistics.html", statistics=figures, form=form, problem=problem,
        thresholds=THRESHOLDS,
    )
