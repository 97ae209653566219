"""Integrity signals of a trainee's exam attempt: pastes and leaving the tab or the window,
recorded with the server's time while the exam runs and shown to the mentor beside the reply
times. Signals to weigh, never verdicts: a paste may be the trainee's own notes.
"""

from __future__ import annotations

import statistics
from collections import Counter
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import InstrumentedAttribute

from trainer.database import db, now_utc
from trainer.practice.models import Attempt, AttemptMode, ExamSignal, SignalKind

MAX_SIGNALS = 500  # per attempt or candidate: a page left open cannot fill the database


def below_signal_limit(owner: InstrumentedAttribute, owner_id: int) -> bool:
    """Whether the owner (an attempt, a candidate) may store another signal."""
    count = db.session.scalar(db.select(db.func.count()).where(owner == owner_id))
    return count < MAX_SIGNALS


def record_exam_signal(
    attempt: Attempt, kind: str, size: int | None, now: datetime | None = None
) -> bool:
    """Store the signal while the exam runs; False when it was ignored."""
    if attempt.mode is not AttemptMode.EXAM or not attempt.ongoing:
        return False
    if not below_signal_limit(ExamSignal.attempt_id, attempt.id):
        return False
    db.session.add(ExamSignal(
        attempt_id=attempt.id, kind=SignalKind(kind),
        size=size if kind == SignalKind.PASTE else None, recorded_at=now or now_utc(),
    ))
    db.session.commit()
    return True


@dataclass(frozen=True)
class Integrity:
    """What a mentor weighs about how an exam attempt was taken."""

    counts: Counter[SignalKind]
    pasted_characters: int
    median_reply_ms: int | None
    fastest_reply_ms: int | None

    @property
    def quiet(self) -> bool:
        return not self.counts


def integrity_of(attempt: Attempt) -> Integrity | None:
    """The attempt's signals and reply times; None for a practice attempt, and for a hiring
    candidate's (the hiring results show theirs)."""
    if attempt.mode is not AttemptMode.EXAM or attempt.user_id is None:
        return None
    times = [reply.reply_ms for reply in attempt.replies]
    return Integrity(
        counts=Counter(signal.kind for signal in attempt.signals),
        pasted_characters=sum(signal.size or 0 for signal in attempt.signals),
        median_reply_ms=round(statistics.median(times)) if times else None,
        fastest_reply_ms=min(times) if times else None,
    )
