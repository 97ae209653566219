"""What the simulated trainees type: model answers and rude replies of realistic length.

Mixing polite and rude replies sends conversations down different branches (escalations,
follow-up questions), so the load exercises the whole scenario graph, not one happy path.
"""

from __future__ import annotations

import random

from scoring.format import Step

RUDE_SHARE = 0.3
MIN_REPLY_CHARS = 300

RUDE_REPLIES = (
    "Calm down, please. Shouting at me in capital letters does not make anything happen faster. "
    "I did not break your system and honestly this is not my problem: you should have read the "
    "status page before writing in. Other customers manage to wait patiently. Try again later "
    "and maybe check your own settings first, because nine times out of ten it is the user.",
    "Look, I have a queue of people in front of you and you are not special. Whatever you did "
    "on your side is your fault, not ours. Watch your language or I will close this chat. If "
    "you cannot follow the instructions in the help centre I am not sure what you expect from "
    "me. Clear your cache, restart everything and stop writing to us every five minutes.",
    "This is a ridiculous complaint. Nobody else has reported anything, so the servers are fine "
    "and the problem is obviously your internet connection. I am not going to escalate this "
    "just because you are angry. Be respectful or go elsewhere; there are plenty of other "
    "providers if ours is not good enough for you. Read the FAQ before you contact us again.",
)

POLITE_CLOSINGS = (
    "If anything else comes up in the meantime, just reply here and I will pick it up straight "
    "away.",
    "Thank you for your patience while we sort this out; I will stay with you until it is done.",
    "Please let me know if any part of this is unclear and I will gladly explain it again.",
)


def reply_for(step: Step, rng: random.Random) -> str:
    """A rude reply about a third of the time, otherwise the model answer padded to length."""
    if rng.random() < RUDE_SHARE or not step.model_answer:
        return rng.choice(RUDE_REPLIES)
    text = " ".join(step.model_answer.split())
    closings = list(POLITE_CLOSINGS)
    rng.shuffle(closings)
    while len(text) < MIN_REPLY_CHARS and closings:
        text = f"{text} {closings.pop()}"
    return text
