"""Progress and certification: the rank ladder, dashboards, certificates and their verification.

The pure modules (ladder, evaluation, standing, insights, recommendations) import nothing of the
web app, so the views are only loaded by `init_app`.
"""

from __future__ import annotations

from pathlib import Path

from flask import Blueprint, Flask

bp = Blueprint("progress", __name__)

LADDER_EXTENSION = "frontline.rank_ladder"
DEFAULT_LADDER = Path(__file__).resolve().parents[2] / "ranks.yaml"


def init_app(app: Flask) -> None:
    """Load and validate the rank ladder, register the views, and evaluate the trainee whenever
    an attempt is graded.

    The ladder is RANK_LADDER (from FRONTLINE_RANKS), by default ranks.yaml at the project
    root. Raises LadderFormatError naming the file and line of each problem.
    """
    from trainer.progress import routes  # noqa: F401 (attaches the views to bp)
    from trainer.progress.ladder import load_ladder_file

    path = app.config.get("RANK_LADDER") or DEFAULT_LADDER
    app.extensions[LADDER_EXTENSION] = load_ladder_file(path)
    app.register_blueprint(bp)
    from trainer.progress.upkeep import reevaluate_after_grading
    from trainer.signals import attempt_graded

    attempt_graded.connect(reevaluate_after_grading, app)
