"""Authoring tests publish into a library directory of their own, never into scenarios/."""

from __future__ import annotations

import pytest

from tests.authoring.examples import make_author
from tests.helpers import signed_in
from trainer.auth.models import Role


@pytest.fixture
def app_config(app_config, tmp_path) -> dict[str, object]:
    return {**app_config, "SCENARIO_LIBRARY": str(tmp_path / "library")}


@pytest.fixture
def author(app, users, library):
    """A signed-in client of the mentor, made an author, with the shipped library imported."""
    make_author(app, users[Role.MENTOR])
    return signed_in(app, users[Role.MENTOR])
