"""The pure rank tests need no app: only the shipped ladder, parsed once per run."""

from __future__ import annotations

from pathlib import Path

import pytest

from trainer.progress.ladder import Ladder, load_ladder_file

SHIPPED_LADDER = Path(__file__).resolve().parents[2] / "ranks.yaml"


@pytest.fixture(scope="session")
def shipped_ladder() -> Ladder:
    return load_ladder_file(SHIPPED_LADDER)
