"""Hand-made attempt histories for the pure rank tests: one call per attempt, defaults that pass."""

from __future__ import annotations

from datetime import datetime, timedelta

from trainer.progress.evaluation import AttemptFact, ReplyFact
from trainer.progress.ladder import Ladder, load_ladder_text

START = datetime(2026, 1, 5, 9, 0)
_ids = iter(range(1, 1_000_000))


def reply(at: datetime, score: int = 80, *, politeness: int | None = None,
          correctness: int | None = None, completeness: int | None = None,
          reply_ms: int = 30_000, violations: int = 0) -> ReplyFact:
    return ReplyFact(
        received_at=at,
        politeness=score if politeness is None else politeness,
        correctness=score if correctness is None else correctness,
        completeness=score if completeness is None else completeness,
        overall=score,
        violation_count=violations,
        reply_ms=reply_ms,
    )


def attempt(slug: str = "s1", *, day: int = 0, version: int = 1, difficulty: int = 1,
            persona: str = "rude", mode: str = "exam", score: int = 80,
            politeness: int | None = None, correctness: int | None = None,
            completeness: int | None = None, violations: int = 0, finished: bool = True,
            replies: int = 2, reply_ms: int = 30_000,
            certifying: bool | None = None) -> AttemptFact:
    """A finished attempt `day` days after START; its replies carry the attempt's scores.

    An exam certifies unless told otherwise; a practice attempt never does."""
    finished_at = START + timedelta(days=day)
    scores = {
        "politeness": score if politeness is None else politeness,
        "correctness": score if correctness is None else correctness,
        "completeness": score if completeness is None else completeness,
    }
    return AttemptFact(
        attempt_id=next(_ids),
        slug=slug,
        version=version,
        difficulty=difficulty,
        persona=persona,
        mode=mode,
        finished_at=finished_at if finished else None,
        overall=score,
        violation_count=violations,
        passed=score >= 70 and violations == 0,
        median_reply_ms=reply_ms,
        certifying=mode == "exam" if certifying is None else certifying,
        replies=tuple(
            reply(finished_at - timedelta(minutes=replies - n), score, reply_ms=reply_ms,
                  **scores)
            for n in range(replies)
        ),
        **scores,
    )


def ladder(*requirements: str, pass_rule: str = "") -> Ladder:
    """A two-rank ladder whose second rank has the given requirements (YAML flow mappings)."""
    lines = [pass_rule, "ranks:", "  - {id: start, name: Start}", "  - id: next",
             "    name: Next", "    requirements:"]
    lines += [f"      - {requirement}" for requirement in requirements]
    return load_ladder_text("\n".join(lines) + "\n", "test-ranks.yaml")
