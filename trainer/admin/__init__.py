"""Administration: users, roles and mentors' teams."""

from flask import Blueprint

bp = Blueprint("admin", __name__, url_prefix="/admin")

from trainer.admin import routes  # noqa: E402, F401
