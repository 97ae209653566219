"""The scenario library: imported scenario versions and the catalogue."""

from flask import Blueprint

bp = Blueprint("library", __name__, url_prefix="/scenarios")

from trainer.library import routes  # noqa: E402, F401
