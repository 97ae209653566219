"""The review page of a 20-turn transcript and the calibration page over 10,000 reviewed turns:
latency and SQL statements per page, at two sizes of the review history.

    .venv/bin/python -m benchmarks.review_pages [--turns 10000] [--small 1000]
        [--requests 100] [--database URL [--scratch]] [--seed 7]

Seeds a fresh database (a temporary SQLite file unless --database names one; its tables are
dropped and created again, so its name must contain "bench" or --scratch must be given) with the
shipped library, a synthetic 20-step scenario and its 20-turn transcript (played and reviewed
through the services), then a reviewed history: attempts of three replies on the shipped
scenarios with random grades and cards, a review per attempt and a correction on about a third
of the replies, bulk inserted; `flask scoring rebuild` then derives the reviewed turns. Both
pages are timed through the Flask test client with `--small` reviewed turns, then with
`--turns`, and their SQL statements are counted each time (they should not change).
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from datetime import datetime, timedelta
from functools import partial
from pathlib import Path

import yaml
from sqlalchemy import func, insert, select, text
from sqlalchemy.engine import make_url
from werkzeug.security import generate_password_hash

from benchmarks.progress_pages import (
    GOAL_MS,
    HASH_METHOD,
    PASSWORD,
    build_app,
    measure,
    print_table,
)
from benchmarks.progress_pages import signed_in_client as client_for
from scoring import SCORER_VERSION
from scoring.format import load_library
from trainer.auth.models import Role, User
from trainer.calibration.models import ReviewedTurn
from trainer.calibration.reviewed import rebuild
from trainer.database import db
from trainer.library.catalogue import current_versions, get_current_version_or_404, parsed_scenario
from trainer.library.importer import import_library
from trainer.practice.models import Attempt, AttemptMode, Reply
from trainer.practice.services import scenario_of, start_attempt, submit_reply
from trainer.review.models import AttemptReview, TurnReview
from trainer.review.services import ReviewInput, TurnInput, save_review

ROOT = Path(__file__).resolve().parent.parent
LONG_SLUG = "bench-twenty-steps"
STEPS = 20
REPLIES_PER_ATTEMPT = 3
MENTOR, TRAINEE, MANAGER = ("mentor@bench.example", "trainee@bench.example",
                             "manager@bench.example")


def twenty_step_scenario() -> dict:
    """A linear scenario of STEPS steps, each with two points, a fact and a never item."""
    steps = [{
        "id": f"step-{n:02d}",
        "customer": f"Message {n}: the invoice total is wrong again and nobody answers me.",
        "expect": {
            "points": [
                {"id": f"apologise-{n}", "label": "Apologises for the trouble",
                 "phrases": ["sorry", "apologise"]},
                {"id": f"ask-invoice-{n}", "label": "Asks for the invoice number",
                 "phrases": ["invoice number", "which invoice"]},
            ],
            "facts": [{"id": f"refund-time-{n}", "label": "Refunds take 5 working days",
                       "phrases": ["5 working days", "five working days"],
                       "wrong": ["tomorrow"]}],
            "never": [{"id": f"blame-{n}", "label": "Blames the customer",
                       "phrases": ["your fault"]}],
        },
        "model_answer": "I'm sorry about the invoice. Which invoice number is it? A corrected "
                        "amount is refunded within 5 working days.",
    } for n in range(1, STEPS + 1)]
    return {
        "id": LONG_SLUG, "version": 1, "title": "Twenty messages about an invoice",
        "language": "en", "domain": "billing", "persona": "impatient", "channel": "chat",
        "difficulty": 2, "briefing": "You support an invoicing service.", "steps": steps,
    }


def seed_people() -> dict[str, int]:
    password_hash = generate_password_hash(PASSWORD, method=HASH_METHOD)
    people = [("Mentor", MENTOR, Role.MENTOR, None), ("Manager", MANAGER, Role.MANAGER, None),
              ("Trainee", TRAINEE, Role.TRAINEE, 1)]
    db.session.execute(insert(User), [
        {"id": n, "name": name, "email": email, "role": role, "mentor_id": mentor,
         "password_hash": password_hash, "active": True}
        for n, (name, email, role, mentor) in enumerate(people, start=1)
    ])
    db.session.commit()
    return {email: n for n, (_, email, _, _) in enumerate(people, start=1)}


def play_long_transcript(scratch: Path, ids: dict[str, int]) -> int:
    """Import the 20-step scenario, play it to the end and review it; returns the attempt id."""
    source = scratch / "bench"
    source.mkdir()
    (source / f"{LONG_SLUG}.yaml").write_text(yaml.safe_dump(twenty_step_scenario()))
    import_library(load_library(source))
    trainee, mentor = db.session.get(User, ids[TRAINEE]), db.session.get(User, ids[MENTOR])
    attempt = start_attempt(trainee, get_current_version_or_404(LONG_SLUG), AttemptMode.EXAM)
    while attempt.current_step is not None:
        step = scenario_of(attempt).step(attempt.current_step)
        rude = len(attempt.replies) % 4 == 0
        submit_reply(attempt, step.id, "That's your fault, read the invoice." if rude
                     else step.model_answer)
    turns = [TurnInput(reply.id, 0, scores={"politeness": 40}, comment="Blunt but fair.")
             if reply.position % 4 == 1 else TurnInput(reply.id, 0) for reply in attempt.replies]
    save_review(attempt, mentor, ReviewInput(0, "Benchmark review.", turns))
    return attempt.id


def _card(step, rng: random.Random, scores: list[int]) -> dict:
    def item(entry, **outcome):
        return {"id": entry.id, "label": entry.label, "weight": entry.weight, **outcome,
                "evidence": None}

    return {
        "politeness": scores[0], "correctness": scores[1], "completeness": scores[2],
        "overall": round(sum(scores) / 3),
        "points": [item(p, covered=rng.random() < 0.7) for p in step.expect.points],
        "facts": [item(f, status=rng.choice(["right", "right", "missing", "wrong"]))
                  for f in step.expect.facts],
        "never": [item(n, violated=rng.random() < 0.1) for n in step.expect.never],
        "markers": [], "polarity": 0.0, "feedback": [], "version": SCORER_VERSION,
    }


def seed_history(turns: int, ids: dict[str, int], rng: random.Random) -> None:
    """Reviewed attempts up to `turns` reviewed replies in all (bulk inserts), then rebuild."""
    versions = list(db.session.execute(current_versions()).scalars())
    versions = [(v, parsed_scenario(v)) for v in versions if v.slug != LONG_SLUG]
    have = db.session.execute(select(func.count()).select_from(ReviewedTurn)).scalar() or 0
    next_attempt = (db.session.execute(select(func.max(Attempt.id))).scalar() or 0) + 1
    next_reply = first_reply = (db.session.execute(select(func.max(Reply.id))).scalar() or 0) + 1
    attempts, replies, reviews, corrections = [], [], [], []
    start = datetime(2026, 1, 1)
    attempt_id = next_attempt - 1
    while next_reply - first_reply < turns - have:
        attempt_id += 1
        version, scenario = rng.choice(versions)
        finished = start + timedelta(minutes=rng.randint(0, 365 * 24 * 60))
        attempts.append({
            "id": attempt_id, "user_id": ids[TRAINEE], "scenario_version_id": version.id,
            "mode": AttemptMode.PRACTICE, "current_step": None, "started_at": finished,
            "finished_at": finished, "politeness": 70, "correctness": 70, "completeness": 70,
            "overall": 70, "violation_count": 0, "passed": True, "median_reply_ms": 30_000,
        })
        answered = [step for step in scenario.steps if step.closing is None]
        for position, step in enumerate(answered[:REPLIES_PER_ATTEMPT], start=1):
            scores = [max(0, min(100, round(rng.gauss(70, 18)))) for _ in range(3)]
            card = _card(step, rng, scores)
            replies.append({
                "id": next_reply, "attempt_id": attempt_id, "step_id": step.id,
                "position": position, "text": "Seeded reply.", "politeness": scores[0],
                "correctness": scores[1], "completeness": scores[2], "overall": card["overall"],
                "violation_count": sum(n["violated"] for n in card["never"]), "card": card,
                "scorer_version": SCORER_VERSION, "served_at": finished, "received_at": finished,
                "reply_ms": 30_000,
            })
            if rng.random() < 0.33:
                points = card["points"]
                flipped = {p["id"]: not p["covered"] for p in points[:1] if rng.random() < 0.5}
                corrections.append({
                    "reply_id": next_reply, "comment": "Seeded correction.",
                    "politeness": max(0, min(100, scores[0] + rng.choice([-30, -15, 15, 30]))),
                    "correctness": None, "completeness": None, "reviewer_id": ids[MENTOR],
                    "outcomes": {"points": flipped, "facts": {}, "never": {}},
                    "updated_at": finished + timedelta(days=1), "version": 1,
                })
            next_reply += 1
        reviews.append({"attempt_id": attempt_id, "comment": "Seeded review.",
                        "reviewer_id": ids[MENTOR], "updated_at": finished + timedelta(days=1),
                        "version": 1})
    for model, rows in ((Attempt, attempts), (Reply, replies), (AttemptReview, reviews),
                        (TurnReview, corrections)):
        for begin in range(0, len(rows), 5_000):
            db.session.execute(insert(model), rows[begin:begin + 5_000])
    db.session.commit()
    rebuild()
    db.session.execute(text("ANALYZE"))
    db.session.commit()


def add_database_options(parser: argparse.ArgumentParser) -> None:
    """--database, --scratch and --seed, for a benchmark that empties the database it seeds."""
    parser.add_argument("--database", help="SQLAlchemy URL (default: a temporary SQLite file)")
    parser.add_argument("--scratch", action="store_true",
                        help="the database may be emptied even without 'bench' in its name")
    parser.add_argument("--seed", type=int, default=7)


def refuse_a_database_in_use(parser: argparse.ArgumentParser, options) -> None:
    """Stop unless the database to empty is named for benchmarks or --scratch was given."""
    if (options.database and "bench" not in (make_url(options.database).database or "")
            and not options.scratch):
        parser.error("the database is emptied first: give one with 'bench' in its name, "
                     "or --scratch")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--turns", type=int, default=10_000)
    parser.add_argument("--small", type=int, default=1_000)
    parser.add_argument("--requests", type=int, default=100)
    add_database_options(parser)
    options = parser.parse_args()
    refuse_a_database_in_use(parser, options)
    rng = random.Random(options.seed)
    with tempfile.TemporaryDirectory() as scratch:
        database = options.database or f"sqlite:///{Path(scratch) / 'bench.sqlite3'}"
        app = build_app(database)
        with app.app_context():
            db.drop_all()
            db.create_all()
            import_library(load_library(ROOT / "scenarios"))
            ids = seed_people()
            long_attempt = play_long_transcript(Path(scratch), ids)
        mentor, manager = client_for(app, MENTOR), client_for(app, MANAGER)
        print(f"Database: {database.split(':')[0]}; review page: attempt {long_attempt} "
              f"({STEPS} turns)")
        rows = []
        for size in (options.small, options.turns):
            with app.app_context():
                began = time.perf_counter()
                seed_history(size, ids, rng)
                count = db.session.execute(select(func.count()).select_from(ReviewedTurn))
                size = count.scalar()
            print(f"History of {size:,} reviewed turns seeded and rebuilt in "
                  f"{time.perf_counter() - began:.1f} s.")
            rows.append(measure(app, f"review page, 20 turns ({size:,} reviewed turns)",
                                [partial(mentor.get, f"/review/attempts/{long_attempt}")]
                                * options.requests))
            rows.append(measure(app, f"calibration page ({size:,} reviewed turns)",
                                [partial(manager.get, "/calibration")] * options.requests))
        slow = print_table(rows)
        review_queries = {q for row in rows[0::2] for q in row["queries"]}
        calibration_queries = {q for row in rows[1::2] for q in row["queries"]}
        constant = len(review_queries) == 1 and len(calibration_queries) == 1
        verdict = "met" if not slow else "missed by " + ", ".join(slow)
        print(f"\nGoal p95 <= {GOAL_MS} ms: {verdict}. Queries independent of the history: "
              f"{'yes' if constant else 'no'}.")
        with app.app_context():
            db.session.remove()
            db.engine.dispose()


if __name__ == "__main__":
    main()
