"""Frontline's web app: `create_app` builds it from the environment (see trainer/config.py)."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from flask import Flask

from trainer import config
from trainer.bounds import DatabaseIntConverter
from trainer.database import tune_sqlite
from trainer.extensions import csrf, db, limiter, login_manager, migrate

PROJECT_ROOT = Path(__file__).resolve().parent.parent
MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def create_app(test_config: Mapping[str, Any] | None = None) -> Flask:
    app = Flask(
        __name__,
        instance_path=os.environ.get("FRONTLINE_INSTANCE", str(PROJECT_ROOT / "instance")),
        template_folder=str(PROJECT_ROOT / "templates"),
        static_folder=str(PROJECT_ROOT / "static"),
    )
    app.url_map.converters["int"] = DatabaseIntConverter  # before any route is added
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    app.config.from_mapping(config.from_environment(app.instance_path))
    if test_config is not None:
        app.config.from_mapping(test_config)
    trust_proxies(app)
    register_extensions(app)
    register_blueprints(app)
    register_template_helpers(app)
    register_commands(app)
    from trainer.errors import register_error_handlers

    register_error_handlers(app)
    from trainer import edge, security_headers

    edge.init_app(app)
    security_headers.init_app(app)
    from trainer.access import ensure_every_view_has_a_rule

    ensure_every_view_has_a_rule(app)
    return app


def trust_proxies(app: Flask) -> None:
    """Behind a reverse proxy, take the client's address, scheme and host from the headers it
    adds (rate limits count real clients, redirects and Secure cookies use https)."""
    hops = app.config.get("PROXY_HOPS", 0)
    if hops:
        from werkzeug.middleware.proxy_fix import ProxyFix

        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)


def register_extensions(app: Flask) -> None:
    db.init_app(app)
    tune_sqlite(app)
    migrate.init_app(app, db, directory=str(MIGRATIONS))
    csrf.init_app(app)
    login_manager.init_app(app)
    limiter.init_app(app)
    from trainer.mail import init_mail

    init_mail(app)
    from trainer.auth.services import load_session_user

    login_manager.user_loader(load_session_user)


def register_blueprints(app: Flask) -> None:
    from trainer import (
        admin,
        auth,
        authoring,
        calibration,
        hiring,
        library,
        main,
        practice,
        progress,
        review,
    )

    main.init_app(app)
    auth.init_app(app)
    admin.init_app(app)
    library.init_app(app)
    practice.init_app(app)
    review.init_app(app)
    progress.init_app(app)  # the rank ladder and the progress views
    calibration.init_app(app)  # agreement of scorer and mentors, calibration sessions
    hiring.init_app(app)  # test assignments for candidates, their links and results
    authoring.init_app(app)  # writing, trying and publishing scenarios in the browser


def register_template_helpers(app: Flask) -> None:
    from trainer.auth.models import Role
    from trainer.formatting import (
        HIGH_SCORE,
        MID_SCORE,
        date_text,
        duration_text,
        paragraphs,
        percent,
        score_band,
        value_label,
    )
    from trainer.navigation import navigation_for

    app.jinja_env.globals.update(
        Role=Role, navigation_for=navigation_for, HIGH_SCORE=HIGH_SCORE, MID_SCORE=MID_SCORE,
        percent=percent,
    )
    app.jinja_env.filters.update(
        paragraphs=paragraphs, date=date_text, duration=duration_text, label=value_label,
        score_band=score_band,
    )


def register_commands(app: Flask) -> None:
    from trainer.auth.cli import users_cli
    from trainer.calibration.cli import scoring_cli
    from trainer.demo import demo_cli
    from trainer.hiring.cli import hiring_cli
    from trainer.library.cli import scenarios_cli
    from trainer.progress.cli import ranks_cli

    app.cli.add_command(users_cli)
    app.cli.add_command(demo_cli)
    app.cli.add_command(scenarios_cli)
    app.cli.add_command(ranks_cli)
    app.cli.add_command(scoring_cli)
    app.cli.add_command(hiring_cli)
