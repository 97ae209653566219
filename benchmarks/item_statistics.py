"""A scenario's item statistics page over about 5,000 graded replies: server time and SQL
statements per request, the page and its JSON.

    .venv/bin/python -m benchmarks.item_statistics [--replies 5000] [--requests 100]
        [--database URL [--scratch]] [--seed 7]

Seeds a fresh database (a temporary SQLite file unless --database names one; its tables are
dropped and created again, so its name must contain "bench" or --scratch must be given) with the
shipped library and a history on one scenario, bulk inserted: attempts of five replies by 100
trainees, each reply one of a few answers per step graded once by the real scorer (so the
cards are real ones), a mentor's review of about a third of the attempts, and a correction of
a score or an item on about a third of the reviewed replies; `flask scenarios recount` then
counts them into the tallies. The page and its JSON are timed through the Flask test client,
and the statistics alone (the service without the page), after one warm-up request each; the
scenario's own page, with the same layout and navigation, shows what any page costs.
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from datetime import datetime, timedelta
from functools import partial
from pathlib import Path

from sqlalchemy import insert, text
from werkzeug.security import generate_password_hash

from benchmarks.progress_pages import HASH_METHOD, PASSWORD, build_app, measure, print_table
from benchmarks.progress_pages import signed_in_client as client_for
from benchmarks.review_pages import add_database_options, refuse_a_database_in_use
from scoring import SCORER_VERSION, score_reply
from scoring.format import load_library
from trainer.auth.models import Role, User
from trainer.database import db
from trainer.library.catalogue import get_current_version_or_404, parsed_scenario
from trainer.library.importer import import_library
from trainer.library.item_statistics import scenario_statistics, stored_versions_or_404
from trainer.library.item_statistics.counting import recount
from trainer.practice.models import Attempt, AttemptMode, Reply
from trainer.review.grades import effective_scores
from trainer.review.models import AttemptReview, TurnReview

ROOT = Path(__file__).resolve().parent.parent
SLUG = "hosting-shop-outage"
GOAL_MS = 50
TRAINEES = 100
REPLIES_PER_ATTEMPT = 5
MENTOR = "mentor@bench.example"
RUDE = "Calm down. It is not our fault that your shop is down, read the status page."
POLITE = "Thank you for your patience, I understand how frustrating this is."


def answers(step) -> list[str]:
    """A few answers to a step, best first: the model answer, its first sentence, a polite
    reply without content, a rude one."""
    model = step.model_answer or POLITE
    return [model, model.split(". ")[0] + ".", POLITE, RUDE]


def graded_pool(scenario) -> dict[str, list[tuple[dict, dict]]]:
    """Per answered step, its answers graded once: (reply columns, card)."""
    pool = {}
    for step in scenario.steps:
        if step.closing is not None:
            continue
        pool[step.id] = []
        for answer in answers(step):
            card = score_reply(answer, step)
            pool[step.id].append(({
                "text": answer, "politeness": card.politeness, "correctness": card.correctness,
                "completeness": card.completeness, "overall": card.overall,
                "violation_count": sum(1 for item in card.never if item.violated),
            }, card.to_dict()))
    return pool


def seed(replies: int, rng: random.Random) -> None:
    db.drop_all()
    db.create_all()
    import_library(load_library(ROOT / "scenarios"))
    version = get_current_version_or_404(SLUG)
    pool = graded_pool(parsed_scenario(version))
    password_hash = generate_password_hash(PASSWORD, method=HASH_METHOD)
    people = [{"id": 1, "email": MENTOR, "name": "Mentor", "role": Role.MENTOR,
               "password_hash": password_hash, "active": True}]
    people += [{"id": 2 + n, "email": f"trainee{n}@bench.example", "name": f"Trainee {n}",
                "role": Role.TRAINEE, "password_hash": password_hash, "active": True,
                "mentor_id": 1} for n in range(TRAINEES)]
    db.session.execute(insert(User), people)
    skills = [rng.uniform(0.2, 0.9) for _ in range(TRAINEES)]
    attempts, rows, reviews, corrections = [], [], [], []
    start = datetime(2026, 1, 1)
    steps = list(pool)
    attempt_id = reply_id = 0
    while reply_id < replies:
        attempt_id += 1
        trainee = rng.randrange(TRAINEES)
        finished = start + timedelta(minutes=attempt_id * 7)
        attempts.append({
            "id": attempt_id, "user_id": 2 + trainee, "scenario_version_id": version.id,
            "mode": AttemptMode.PRACTICE, "current_step": None, "started_at": finished,
            "finished_at": finished, "politeness": 70, "correctness": 70, "completeness": 70,
            "overall": 70, "violation_count": 0, "passed": True, "median_reply_ms": 30_000,
        })
        reviewed = rng.random() < 0.33
        if reviewed:
            reviews.append({"attempt_id": attempt_id, "comment": "Seeded review.",
                            "reviewer_id": 1, "updated_at": finished, "version": 1})
        for position, step_id in enumerate(steps[:REPLIES_PER_ATTEMPT], start=1):
            reply_id += 1
            good = rng.random() < skills[trainee]
            columns, card = rng.choice(pool[step_id][:2] if good else pool[step_id][2:])
            rows.append({**columns, "id": reply_id, "attempt_id": attempt_id, "step_id": step_id,
                         "position": position, "card": card, "scorer_version": SCORER_VERSION,
                         "served_at": finished, "received_at": finished, "reply_ms": 30_000})
            if reviewed and rng.random() < 0.33:
                corrections.append(_correction(reply_id, columns, card, rng))
    for model, batch in ((Attempt, attempts), (Reply, rows), (AttemptReview, reviews),
                         (TurnReview, corrections)):
        for begin in range(0, len(batch), 5_000):
            db.session.execute(insert(model), batch[begin:begin + 5_000])
    db.session.commit()
    db.session.execute(text("ANALYZE"))
    db.session.commit()


def _correction(reply_id: int, columns: dict, card: dict, rng: random.Random) -> dict:
    """A mentor's correction of the politeness score and, half the time, of the first point."""
    points = {item["id"]: not item["covered"] for item in card["points"][:1]
              if rng.random() < 0.5}
    politeness = max(0, min(100, columns["politeness"] + rng.choice([-20, -10, 10, 20])))
    review = TurnReview(politeness=politeness, correctness=None, completeness=None,
                        outcomes={"points": points, "facts": {}, "never": {}})
    effective = effective_scores(Reply(card=card, **columns), review)
    return {"reply_id": reply_id, "comment": "Seeded correction.", "politeness": politeness,
            "outcomes": review.outcomes, "reviewer_id": 1, "updated_at": datetime(2026, 6, 1),
            "version": 1, "effective_overall": effective.overall,
            "effective_violation_count": effective.violation_count}


def time_service(app, requests: int) -> dict[str, object]:
    """The statistics alone, in the app context: what the page's figures cost."""
    timings = []
    with app.app_context():
        for _ in range(requests + 1):
            began = time.perf_counter()
            versions = stored_versions_or_404(SLUG)
            scenario_statistics(SLUG, versions)
            timings.append((time.perf_counter() - began) * 1000)
            db.session.remove()
    timings = sorted(timings[1:])
    return {"page": "statistics alone (service)", "requests": requests,
            "p50": statistics.median(timings),
            "p95": timings[max(0, round(0.95 * len(timings)) - 1)], "max": timings[-1],
            "queries": ["-"]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--replies", type=int, default=5_000)
    parser.add_argument("--requests", type=int, default=100)
    add_database_options(parser)
    options = parser.parse_args()
    refuse_a_database_in_use(parser, options)
    with tempfile.TemporaryDirectory() as scratch:
        database = options.database or f"sqlite:///{Path(scratch) / 'bench.sqlite3'}"
        app = build_app(database)
        with app.app_context():
            began = time.perf_counter()
            seed(options.replies, random.Random(options.seed))
            seeded = time.perf_counter() - began
            began = time.perf_counter()
            attempts = recount()
            print(f"Seeded {options.replies:,} graded replies on {SLUG} in {seeded:.1f} s; "
                  f"counted {attempts:,} attempts in {time.perf_counter() - began:.1f} s. "
                  f"Database: {database.split(':')[0]}")
        mentor = client_for(app, MENTOR)
        path = f"/scenarios/{SLUG}/statistics"
        rows = [
            time_service(app, options.requests),
            measure(app, "statistics page", [partial(mentor.get, path)] * options.requests),
            measure(app, "statistics JSON", [partial(
                mentor.get, path, headers={"Accept": "application/json"})] * options.requests),
            measure(app, "scenario page (for comparison)",
                    [partial(mentor.get, f"/scenarios/{SLUG}")] * options.requests),
        ]
        print_table(rows)
        slow = [row["page"] for row in rows[:3] if row["p95"] > GOAL_MS]
        verdict = "met" if not slow else "missed by " + ", ".join(slow)
        print(f"\nGoal p95 <= {GOAL_MS} ms: {verdict}.")
        with app.app_context():
            db.session.remove()
            db.engine.dispose()


if __name__ == "__main__":
    main()
