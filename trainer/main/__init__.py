"""Each role's home page and the pages every signed-in user shares."""

from flask import Blueprint

bp = Blueprint("main", __name__)

from trainer.main import routes  # noqa: E402, F401
