"""Trying a draft as a trainee would, in practice mode, without publishing it.

A try-out is one row per author and draft (DraftTryout), never an Attempt, so it cannot reach
anyone's progress, history, reviews or hiring results. Its replies are scored and shown with
the practice pages' own turn template.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from scoring import score_reply
from scoring.format import Scenario, Step, next_step_id
from trainer.auth.models import User
from trainer.authoring.models import DraftTryout, ScenarioDraft
from trainer.database import db
from trainer.practice.presenters import Turn, graded_turn
from trainer.practice.services import ReplyRejected, check_reply_text


@dataclass(frozen=True)
class TriedReply:
    """A try-out reply with the fields the turn template reads from a stored Reply."""

    text: str
    card: dict[str, Any]

    def __getattr__(self, name: str) -> Any:
        if name in ("politeness", "correctness", "completeness", "overall"):
            return self.card[name]
        raise AttributeError(name)


def tryout_of(draft: ScenarioDraft, user: User) -> DraftTryout | None:
    return db.session.execute(
        db.select(DraftTryout).where(DraftTryout.draft_id == draft.id,
                                     DraftTryout.user_id == user.id)
    ).scalar_one_or_none()


def start_tryout(draft: ScenarioDraft, user: User, scenario: Scenario) -> DraftTryout:
    """A fresh run from the first step of the scenario as the draft has it now (an earlier run
    of this author on this draft is replaced)."""
    earlier = tryout_of(draft, user)
    if earlier is not None:
        db.session.delete(earlier)
        db.session.flush()
    tryout = DraftTryout(
        draft_id=draft.id, user_id=user.id, replies=[], current_step=scenario.steps[0].id,
        body=scenario.model_dump(mode="json", by_alias=True),
    )
    db.session.add(tryout)
    db.session.commit()
    return tryout


def tryout_scenario(tryout: DraftTryout) -> Scenario:
    return Scenario.model_validate(tryout.body)


def reply_to_tryout(tryout: DraftTryout, text: str) -> None:
    """Score the reply to the waiting message and move on as the player does; raises
    ReplyRejected for an empty or too long reply or an ended run."""
    if tryout.current_step is None:
        raise ReplyRejected("This try-out has ended: start it again to play once more.")
    text = check_reply_text(text)
    scenario = tryout_scenario(tryout)
    step = scenario.step(tryout.current_step)
    card = score_reply(text, step)
    tryout.replies = [*tryout.replies, {"step_id": step.id, "text": text, "card": card.to_dict()}]
    following = next_step_id(scenario, step, card.scores(), card.matched_ids())
    if following is not None and scenario.step(following).closing is not None:
        tryout.closing_step, following = following, None
    tryout.current_step = following
    db.session.commit()


def tryout_turns(tryout: DraftTryout) -> list[Turn]:
    """The run so far as practice turns, ending with the message that waits or closes."""
    scenario = tryout_scenario(tryout)
    turns = [
        graded_turn(number, scenario.step(reply["step_id"]),
                    TriedReply(reply["text"], reply["card"]))  # type: ignore[arg-type]
        for number, reply in enumerate(tryout.replies, start=1)
    ]
    waiting = tryout.current_step or tryout.closing_step
    if waiting is not None:
        turns.append(Turn(number=len(turns) + 1, step=scenario.step(waiting)))
    return turns


def sample_turn(step: Step, text: str) -> Turn:
    """A sample reply scored against one step, as a graded turn with the full card."""
    card = score_reply(check_reply_text(text), step)
    return graded_turn(1, step, TriedReply(text.strip(), card.to_dict()))  # type: ignore[arg-type]
