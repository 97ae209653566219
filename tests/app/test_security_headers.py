"""Security headers on every answer, and templates the Content-Security-Policy can allow."""

from __future__ import annotations

import base64
import re
from pathlib import Path

from flask import render_template_string

from tests.helpers import PRODUCTION_KEY
from trainer import create_app
from trainer.auth.models import Role
from trainer.progress.charts import dimension_lines
from trainer.progress.insights import SeriesPoint

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
INLINE = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>|\son[a-z]+\s*=|\sstyle\s*=", re.IGNORECASE)


def assert_secure(response) -> None:
    policy = response.headers["Content-Security-Policy"]
    assert "script-src 'self';" in policy and "'unsafe-inline'" not in policy
    assert "frame-ancestors 'none'" in policy
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_every_kind_of_answer_carries_the_headers(client, login_as):
    for path in ("/login", "/no-such-page", "/healthz", "/static/js/practice.js"):
        response = client.get(path)
        response.close()  # the static file's handle
        assert_secure(response)
        assert response.headers["Referrer-Policy"] == "same-origin"
        assert "Strict-Transport-Security" not in response.headers  # not in development
    # The candidate's pages keep their stricter policy (tests/hiring/test_candidate.py).
    login_as(Role.TRAINEE)
    assert_secure(client.get("/home"))


def test_production_asks_browsers_for_https_only(tmp_path, monkeypatch):
    monkeypatch.setenv("FRONTLINE_INSTANCE", str(tmp_path))
    monkeypatch.setenv("FRONTLINE_ENV", "production")
    monkeypatch.setenv("SECRET_KEY", PRODUCTION_KEY)
    app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'db.sqlite3'}"})
    response = app.test_client().get("/healthz")
    assert response.headers["Strict-Transport-Security"].startswith("max-age=31536000")


def test_no_template_has_inline_script_event_handlers_or_style_attributes():
    offenders = [
        f"{path.relative_to(TEMPLATES)}: {match.group(0).strip()}"
        for path in TEMPLATES.rglob("*.html")
        for match in INLINE.finditer(path.read_text())
    ]
    assert offenders == []


def test_a_chart_is_an_image_whose_stylesheet_stays_inside_it(app, client):
    points = [SeriesPoint("Mon", 1, 50, 60, 70), SeriesPoint("Tue", 1, 55, 65, 75)]
    chart = dimension_lines(points, "Scores")
    with app.test_request_context():
        html = render_template_string("{{ chart }}", chart=chart)
    image = re.fullmatch(r'<img class="chart-drawing" src="data:image/svg\+xml;base64,([^"]+)" '
                         r'alt="Scores: Politeness: solid line; [^"]+" width="\d+" height="\d+">',
                         html)
    assert image and base64.b64decode(image.group(1)).decode() == str(chart)
    assert "<style" in str(chart) and " style=" not in str(chart)
    policy = client.get("/login").headers["Content-Security-Policy"]
    assert re.search(r"style-src 'self' 'nonce-[\w-]{20,}';", policy)
    assert "img-src 'self' data:" in policy


def test_each_answer_gets_its_own_style_nonce(client):
    policies = {client.get("/login").headers["Content-Security-Policy"] for _ in range(3)}
    assert len(policies) == 3
