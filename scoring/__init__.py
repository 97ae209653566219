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

__all__ = [
    "DEFAULT_WEIGHTS",
    "SCORER_VERSION",
    "Evidence",
    "FactResult",
    "FactStatus",
    "Marker",
    "NeverResult",
    "PointResult",
    "ScoreCard",
    "Strategy",
    "Weights",
    "score_reply",
]
