"""Reading what progress needs, each in a fixed number of queries whatever the history's size."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime
from functools import cache

from sqlalchemy import ColumnElement, Select, and_, bindparam, case, func, or_, select
from sqlalchemy.orm import aliased

from scoring import DIMENSIONS, PassRule
from trainer.auth.models import Role, User
from trainer.database import db
from trainer.library.catalogue import current_versions
from trainer.library.models import ScenarioRecord, ScenarioVersion
from trainer.practice.models import Attempt, AttemptMode, Reply
from trainer.progress.evaluation import AttemptFact, ReplyFact
from trainer.progress.models import RankAward, RankSignOff, RankStanding
from trainer.progress.recommendations import CatalogueEntry
from trainer.progress.tally import SCORES, Tally
from trainer.review.grades import LISTED
from trainer.review.models import ReviewedAttemptGrade, TurnReview


def _effective(corrected, machine):
    """The mentor's value where a review set one, else the machine's."""
    return func.coalesce(corrected, machine)


_FINISHED_OF_USER = (Attempt.user_id == bindparam("user_id"), Attempt.finished_at.is_not(None))

_practice = aliased(Attempt)
_practice_version = aliased(ScenarioVersion)
# An exam certifies only what the trainee could not have copied: no practice reply of theirs at
# the same scenario (any version) came before the exam ended, so no model answer of it had been
# shown (exam transcripts show none).
_CERTIFYING = (Attempt.mode == AttemptMode.EXAM) & ~(
    select(Reply.id)
    .join(_practice, Reply.attempt_id == _practice.id)
    .join(_practice_version, _practice.scenario_version_id == _practice_version.id)
    .where(
        _practice.user_id == Attempt.user_id,
        _practice.mode == AttemptMode.PRACTICE,
        _practice_version.scenario_id == ScenarioVersion.scenario_id,
        Reply.received_at < Attempt.finished_at,
    )
    .exists()
)
# Whether a mentor's review changed the attempt's result (as trainer.review.grades lists it).
_CORRECTED = ReviewedAttemptGrade.attempt_id.is_not(None) & or_(*(
    getattr(ReviewedAttemptGrade, name).is_distinct_from(getattr(Attempt, name))
    for name in LISTED
))

# Everything evaluation reads of an attempt, with its effective grades.
_GRADES = ("politeness", "correctness", "completeness", "overall", "violation_count", "passed")
_FACTS = (
    select(
        Attempt.id, ScenarioRecord.slug, ScenarioVersion.version, ScenarioVersion.difficulty,
        ScenarioVersion.persona, Attempt.mode, Attempt.finished_at,
        *(_effective(getattr(ReviewedAttemptGrade, name), getattr(Attempt, name)).label(name)
          for name in _GRADES),
        Attempt.median_reply_ms,
    )
    .join(ScenarioVersion, Attempt.scenario_version_id == ScenarioVersion.id)
    .join(ScenarioRecord, ScenarioVersion.scenario_id == ScenarioRecord.id)
    .outerjoin(ReviewedAttemptGrade, ReviewedAttemptGrade.attempt_id == Attempt.id)
)
_REPLY_FACTS = (
    select(
        Reply.attempt_id, Reply.received_at,
        _effective(TurnReview.politeness, Reply.politeness),
        _effective(TurnReview.correctness, Reply.correctness),
        _effective(TurnReview.completeness, Reply.completeness),
        _effective(TurnReview.effective_overall, Reply.overall),
        _effective(TurnReview.effective_violation_count, Reply.violation_count),
        Reply.reply_ms,
    )
    .outerjoin(TurnReview, TurnReview.reply_id == Reply.id)
    .order_by(Reply.received_at.desc(), Reply.id.desc())
    .limit(bindparam("window"))
)

# The statements of the history are built once: building them costs about 0.6 ms, a tenth
# of a submit's server time in `make bench-practice`.
_FINISHED_ATTEMPTS = (
    _FACTS.add_columns(_CERTIFYING, _CORRECTED)
    .where(*_FINISHED_OF_USER)
    .order_by(Attempt.finished_at, Attempt.id)
)

# Only certifying attempts' replies count, and every finished attempt has a reply, so the
# latest replies that count are in the latest certifying attempts.
_LATEST_REPLIES = _REPLY_FACTS.where(Reply.attempt_id.in_(
    select(Attempt.id)
    .join(ScenarioVersion, Attempt.scenario_version_id == ScenarioVersion.id)
    .where(*_FINISHED_OF_USER, _CERTIFYING)
    .order_by(Attempt.finished_at.desc(), Attempt.id.desc())
    .limit(bindparam("window"))
))

# The same two for a few attempts named by id, all of them certifying (see deciding_attempts).
_ATTEMPTS_BY_ID = _FACTS.where(Attempt.id.in_(bindparam("ids", expanding=True)))
_REPLIES_BY_ATTEMPT = _REPLY_FACTS.where(Reply.attempt_id.in_(bindparam("ids", expanding=True)))

# The latest finished attempts' overall scores, read backwards along ix_attempts_user_finished
# whatever the length of the history.
_RECENT_OVERALL = (
    select(_effective(ReviewedAttemptGrade.overall, Attempt.overall))
    .select_from(Attempt)
    .outerjoin(ReviewedAttemptGrade, ReviewedAttemptGrade.attempt_id == Attempt.id)
    .where(
        *_FINISHED_OF_USER,
        _effective(ReviewedAttemptGrade.overall, Attempt.overall).is_not(None),
    )
    .order_by(Attempt.finished_at.desc(), Attempt.id.desc())
    .limit(bindparam("length"))
)


def certifies(attempt: Attempt) -> bool:
    """Whether this finished attempt is an exam that counts for a rank (see _CERTIFYING)."""
    return attempt.finished and bool(db.session.execute(
        select(_CERTIFYING)
        .select_from(Attempt)
        .join(ScenarioVersion, Attempt.scenario_version_id == ScenarioVersion.id)
        .where(Attempt.id == attempt.id)
    ).scalar_one())


def history_of(user_id: int, reply_window: int) -> list[AttemptFact]:
    """The user's finished attempts with their effective grades, oldest first, in two queries.

    Where a mentor reviewed an attempt or corrected a reply, the corrected grade counts.
    Replies are loaded for the `reply_window` most recent replies of certifying attempts only
    (the most any ladder requirement reads); other attempts come without their replies.
    """
    connection = db.session.connection()  # plain rows: no ORM objects to build
    attempts = connection.execute(_FINISHED_ATTEMPTS, {"user_id": user_id}).all()
    replies = _replies_by_attempt(
        connection.execute(_LATEST_REPLIES, {"user_id": user_id, "window": reply_window}).all()
        if reply_window else []
    )
    return [
        _fact(row[:-2], replies, certifying=bool(row[-2]), corrected=bool(row[-1]))
        for row in attempts
    ]


def certifying_attempts(ids: Collection[int], reply_window: int) -> list[AttemptFact]:
    """These finished certifying attempts, oldest first, as `history_of` gives them (the
    replies of the `reply_window` latest among them) but without the `corrected` mark, which
    only pages show."""
    if not ids:
        return []
    connection = db.session.connection()
    rows = connection.execute(_ATTEMPTS_BY_ID, {"ids": list(ids)}).all()
    rows.sort(key=lambda row: (row.finished_at, row.id))
    latest = [row.id for row in rows[-reply_window:]] if reply_window else []
    replies = _replies_by_attempt(
        connection.execute(_REPLIES_BY_ATTEMPT, {"ids": latest, "window": reply_window}).all()
        if latest else []
    )
    return [_fact(row, replies, certifying=True, corrected=False) for row in rows]


def _replies_by_attempt(rows) -> dict[int, list[ReplyFact]]:
    """Reply rows, latest first, grouped by attempt, each attempt's oldest first."""
    replies: dict[int, list[ReplyFact]] = {}
    for attempt_id, *fields in reversed(rows):
        replies.setdefault(attempt_id, []).append(ReplyFact(*fields))
    return replies


def _fact(row, replies: dict[int, list[ReplyFact]], *, certifying: bool,
          corrected: bool) -> AttemptFact:
    attempt_id, slug, version, difficulty, persona, mode, finished_at, *scores = row
    return AttemptFact(
        attempt_id, slug, version, difficulty, persona, str(mode), finished_at, *scores,
        replies=tuple(replies.get(attempt_id, ())), certifying=certifying, corrected=corrected,
    )


def recent_overall_of(user_id: int, length: int) -> list[int]:
    """Overall scores (effective) of the user's `length` latest finished attempts, oldest first,
    in one query whose cost does not grow with the history."""
    rows = db.session.connection().execute(
        _RECENT_OVERALL, {"user_id": user_id, "length": length}
    ).scalars().all()
    return rows[::-1]


def tallies_of(user_id: int, bars: frozenset[PassRule]) -> list[Tally]:
    """The user's finished attempts tallied as tally.tally does, in one grouped query: the
    database reads the history (along ix_attempts_user_finished), the app only a row per
    scenario version and mode played."""
    statement, ordered = _tallies(bars)
    rows = db.session.connection().execute(statement, {"user_id": user_id}).all()
    scores = len(SCORES)
    return [
        Tally(
            slug, difficulty, persona, str(mode), attempts, passed or 0,
            sums=dict(zip(SCORES, (total or 0 for total in rest[:scores]), strict=True)),
            counts=dict(zip(SCORES, rest[scores:2 * scores], strict=True)),
            passing=frozenset(bar for bar, passes in zip(ordered, rest[2 * scores:], strict=True)
                              if passes),
        )
        for slug, difficulty, persona, mode, attempts, passed, *rest in rows
    ]


@cache
def _tallies(bars: frozenset[PassRule]) -> tuple[Select, tuple[PassRule, ...]]:
    """tallies_of's statement and the order of its bars' columns, built once per ladder."""
    ordered = tuple(bars)
    facts = _FACTS.where(*_FINISHED_OF_USER).subquery()
    group = (facts.c.slug, facts.c.difficulty, facts.c.persona, facts.c.mode)
    statement = select(
        *group,
        func.count(),
        func.sum(case((facts.c.passed, 1), else_=0)),
        *(func.sum(facts.c[name]) for name in SCORES),
        *(func.count(facts.c[name]) for name in SCORES),
        *(func.max(case((_passes(facts.c, bar), 1), else_=0)) for bar in ordered),
    ).group_by(*group)
    return statement, ordered


def _passes(columns, rule: PassRule) -> ColumnElement[bool]:
    """PassRule.passes in SQL: a missing score counts as 0."""
    return and_(
        func.coalesce(columns.overall, 0) >= rule.overall,
        *(func.coalesce(columns[name], 0) >= rule.each_dimension for name in DIMENSIONS),
        func.coalesce(columns.violation_count, 0) <= rule.max_violations,
    )


# Built once, like the history's: every evaluation runs both, and building them each time took
# 0.15 ms more than the 0.09 ms the two calls take together.
_AWARDS = (
    select(RankAward).where(RankAward.user_id == bindparam("user_id"))
    .order_by(RankAward.rank_level, RankAward.awarded_at)
)
_SIGNED_OFF = select(RankSignOff.rank_id).where(RankSignOff.user_id == bindparam("user_id"))


@dataclass(frozen=True)
class EarnedWith:
    """One attempt a certificate was earned with, as its evidence recorded it."""

    title: str
    difficulty: int
    mode: str
    finished_at: datetime | None
    overall: int | None


def earned_with(award: RankAward) -> list[EarnedWith]:
    """The attempts the award's evidence names, oldest first, titled as played (one query)."""
    recorded = award.evidence.get("attempts", [])
    keys = {(item["scenario"], item["version"]) for item in recorded}
    rows = db.session.execute(
        select(ScenarioRecord.slug, ScenarioVersion.version, ScenarioVersion.title)
        .join(ScenarioRecord, ScenarioVersion.scenario_id == ScenarioRecord.id)
        .where(ScenarioRecord.slug.in_({slug for slug, _ in keys}))
    ).all() if keys else []
    titles = {(slug, version): title for slug, version, title in rows}
    earned = [
        EarnedWith(
            titles.get((item["scenario"], item["version"]), item["scenario"]),
            item["difficulty"], item["mode"],
            datetime.fromisoformat(item["finished_at"]) if item["finished_at"] else None,
            item["overall"],
        )
        for item in recorded
    ]
    return sorted(earned, key=lambda item: item.finished_at or datetime.min)


def awards_of(user_id: int) -> list[RankAward]:
    """The user's certificates, valid and revoked, oldest first."""
    return list(db.session.execute(_AWARDS, {"user_id": user_id}).scalars())


def signed_off_ranks(user_id: int) -> frozenset[str]:
    """The ids of the ranks a mentor has signed off for this user."""
    return frozenset(db.session.connection().execute(_SIGNED_OFF, {"user_id": user_id}).scalars())


def held_ranks(awards: list[RankAward]) -> dict[str, bool]:
    """Rank id -> whether its certificate is still valid."""
    return {award.rank_id: award.valid for award in awards}


def catalogue_entries() -> list[CatalogueEntry]:
    """The scenarios the catalogue offers now, as recommendation candidates (one query)."""
    rows = db.session.connection().execute(_catalogue_entries_statement()).all()
    return [CatalogueEntry(*row) for row in rows]


@cache
def _catalogue_entries_statement() -> Select:
    """Built once: the trainee's home page runs it on every view, and building it took longer
    (0.2 ms) than running it."""
    return current_versions().with_only_columns(
        ScenarioRecord.slug, ScenarioVersion.title, ScenarioVersion.difficulty,
        ScenarioVersion.persona, ScenarioVersion.domain,
    )


@dataclass(frozen=True)
class TeamRow:
    """One trainee in the team view; `standing` is None until their first evaluation."""

    user_id: int
    name: str
    email: str
    mentor_name: str | None
    standing: RankStanding | None

    @property
    def last_activity(self) -> datetime | None:
        return self.standing.last_activity_at if self.standing else None


def team_rows(viewer: User) -> list[TeamRow]:
    """The active trainees a viewer may follow, in one query: a mentor's own team, everyone
    for managers and admins."""
    mentor = aliased(User)
    query = (
        db.select(User.id, User.name, User.email, mentor.name, RankStanding)
        .outerjoin(RankStanding, RankStanding.user_id == User.id)
        .outerjoin(mentor, User.mentor_id == mentor.id)
        .where(User.role == Role.TRAINEE, User.active)
        .order_by(User.name, User.id)
    )
    if viewer.role is Role.MENTOR:
        query = query.where(User.mentor_id == viewer.id)
    return [TeamRow(*row) for row in db.session.execute(query).all()]
