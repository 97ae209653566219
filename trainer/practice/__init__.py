"""Practice: playing a scenario turn by turn, instant feedback, graded transcripts."""

from flask import Blueprint

bp = Blueprint("practice", __name__, url_prefix="/practice")

from trainer.practice import routes  # noqa: E402, F401
