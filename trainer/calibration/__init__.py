"""Calibration: how far the scorer and the mentors agree, measured over every review, and blind
grading sessions where mentors compare their grades of one transcript."""

from __future__ import annotations

from flask import Blueprint, Flask

bp = Blueprint("calibration", __name__, url_prefix="/calibration")


def init_app(app: Flask) -> None:
    """Register the views and keep the reviewed turns in step with every saved review."""
    from trainer.calibration import routes  # noqa: F401 (attaches the views to bp)
    from trainer.calibration.reviewed import on_attempt_graded
    from trainer.signals import attempt_graded

    attempt_graded.connect(on_attempt_graded, app)
    app.register_blueprint(bp)
