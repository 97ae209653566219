"""Practice: playing a scenario turn by turn, instant feedback, graded transcripts."""

from flask import Blueprint, Flask

bp = Blueprint("practice", __name__, url_prefix="/practice")


def init_app(app: Flask) -> None:
    from trainer.practice import routes  # noqa: F401 (attaches the views to bp)

    app.register_blueprint(bp)
