"""Administration: users, roles and mentors' teams."""

from flask import Blueprint, Flask

bp = Blueprint("admin", __name__, url_prefix="/admin")


def init_app(app: Flask) -> None:
    from trainer.admin import routes, team_routes  # noqa: F401 (attaches the views to bp)

    app.register_blueprint(bp)
