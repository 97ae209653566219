"""Scenario authoring in the browser: drafts, their checks and branch map, try-outs, publishing.

The YAML files stay the source of truth: publishing goes through the library's importer and
writes the file into the library directory.
"""

from flask import Blueprint, Flask

bp = Blueprint("authoring", __name__, url_prefix="/authoring")


def init_app(app: Flask) -> None:
    from trainer.authoring import (  # noqa: F401 (attach the views to bp)
        library_routes,
        routes,
        tryout_routes,
    )

    app.register_blueprint(bp)
