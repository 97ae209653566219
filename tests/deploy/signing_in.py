"""What the deployment tests share: where the shipped library is, and a trainee signing in
through the HTTP client the load benchmarks use."""

from __future__ import annotations

from pathlib import Path

from benchmarks.load.client import Browser
from benchmarks.load.database import TRAINEE_PASSWORD, trainee_email
from tests.helpers import CSRF_FIELD

LIBRARY = Path(__file__).resolve().parents[2] / "scenarios"


def sign_in(browser: Browser, number: int, password: str = TRAINEE_PASSWORD) -> int:
    """Sign trainee `number` in from the sign-in page; the answer's status (302: signed in)."""
    token = CSRF_FIELD.search(browser.get("/login").text)[1]
    return browser.post_form("/login", {
        "csrf_token": token, "email": trainee_email(number), "password": password}).status
