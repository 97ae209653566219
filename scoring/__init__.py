"""Frontline's scoring engine: a pure library (no Flask, no database)."""

from .card import (
    SCORER_VERSION,
    Evidence,
    FactResult,
    FactStatus,
    Marker,
    NeverResult,
    PointResult,
    ScoreCard,
)
from .engine import score_reply
from .formula import DEFAULT_WEIGHTS, Weights
from .strategies import Strategy
from .verdict import DEFAULT_PASS_RULE, DIMENSIONS, PassRule

__all__ = [
    "DEFAULT_PASS_RULE",
    "DEFAULT_WEIGHTS",
    "DIMENSIONS",
    "SCORER_VERSION",
    "Evidence",
    "FactResult",
    "FactStatus",
    "Marker",
    "NeverResult",
    "PassRule",
    "PointResult",
    "ScoreCard",
    "Strategy",
    "Weights",
    "score_reply",
]
