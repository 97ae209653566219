"""Integrity signals from the candidate's browser: pastes, leaving the tab or the window.

They are recorded with the server's time while the test runs and shown to the manager as
counts and a timeline: signals to weigh, not verdicts (a paste may be the candidate's own notes).
"""

from __future__ import annotations

from collections import Counter
from datetime import datetime

from trainer.database import db, now_utc
from trainer.hiring.models import Candidate, IntegritySignal
from trainer.practice.integrity import below_signal_limit
from trainer.practice.models import SignalKind


def record_signal(
    candidate: Candidate, kind: str, position: int | None, size: int | None,
    now: datetime | None = None,
) -> bool:
    """Store the signal if the test is running; False when it was ignored."""
    if not candidate.started or candidate.closed:
        return False
    if not below_signal_limit(IntegritySignal.candidate_id, candidate.id):
        return False
    db.session.add(IntegritySignal(
        candidate_id=candidate.id, kind=SignalKind(kind), position=position,
        size=size if kind == SignalKind.PASTE else None, recorded_at=now or now_utc(),
    ))
    db.session.commit()
    return True


def signal_counts(candidate: Candidate) -> Counter[SignalKind]:
    return Counter(signal.kind for signal in candidate.signals)
