"""Mentor review: corrected grades and comments beside the frozen machine grade, with an audit."""

from flask import Blueprint

bp = Blueprint("review", __name__, url_prefix="/review")

from trainer.review import routes  # noqa: E402, F401
