"""The scenario library: imported scenario versions, the catalogue and the item statistics."""

from flask import Blueprint, Flask

bp = Blueprint("library", __name__, url_prefix="/scenarios")


def init_app(app: Flask) -> None:
    from trainer.access import may_see_item_statistics
    from trainer.library import routes  # noqa: F401 (attaches the views to bp)
    from trainer.library.item_statistics.counting import on_attempt_graded
    from trainer.signals import attempt_graded

    app.register_blueprint(bp)
    app.jinja_env.globals["may_see_item_statistics"] = may_see_item_statistics
    attempt_graded.connect(on_attempt_graded, app)
