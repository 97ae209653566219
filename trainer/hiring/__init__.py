"""Hiring test assignments: one-time candidate links, server-side time limits, blind comparison.

Managers create assignments and invite candidates (manager_routes), candidates take the test
through their link (candidate_routes), managers compare and grade the results (results_routes).
"""

from flask import Blueprint, Flask

bp = Blueprint("hiring", __name__)


def init_app(app: Flask) -> None:
    from trainer.hiring import candidate_routes, manager_routes, results_routes  # noqa: F401
    app.register_blueprint(bp)
