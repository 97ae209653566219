"""Candidate links: their shape, how they are stored, and which one opens which candidate.

A link is the candidate's only key to their test: a new link must shut the old one, and a link
that is malformed or unknown must open nobody's test.
"""

from __future__ import annotations

import re
from datetime import datetime

import pytest

from tests.helpers import invite_to
from trainer.database import db
from trainer.hiring.models import Candidate
from trainer.hiring.tokens import candidate_for_token, issue_token, new_token, token_hash


def test_a_new_token_is_22_url_safe_characters_and_never_repeats():
    tokens = {new_token() for _ in range(50)}
    assert len(tokens) == 50
    assert all(re.fullmatch(r"[A-Za-z0-9_-]{22}", token) for token in tokens)


def test_a_token_is_stored_as_its_sha256_in_hex():
    # The SHA-256 test vector of "abc" (FIPS 180-2).
    assert token_hash("abc") == (
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")


def test_a_new_link_replaces_the_old_one(app, make_assignment):
    invited = invite_to(app, make_assignment())
    issued = datetime(2026, 3, 1, 12, 30)
    with app.app_context():
        candidate = db.session.get(Candidate, invited.id)
        token = issue_token(candidate, issued)
        db.session.commit()
        assert candidate.token_hash == token_hash(token) and token not in candidate.token_hash
        assert candidate.token_issued_at == issued
        assert candidate_for_token(token).id == invited.id
        assert candidate_for_token(invited.token) is None


def test_a_link_issued_without_a_time_is_stamped_now(app, make_assignment):
    invited = invite_to(app, make_assignment())
    with app.app_context():
        candidate = db.session.get(Candidate, invited.id)
        before = candidate.token_issued_at
        issue_token(candidate)
        assert candidate.token_issued_at >= before


@pytest.mark.parametrize(
    "change",
    [lambda t: t[:-1], lambda t: t + "A", lambda t: t[:-1] + "=", lambda t: t[:-1] + ".",
     lambda t: " " + t[1:], lambda t: t.swapcase() if t.swapcase() != t else "B" * 22],
    ids=["short", "long", "padding", "dot", "space", "other-case"],
)
def test_a_malformed_or_unknown_link_opens_nobody(app, make_assignment, change):
    invited = invite_to(app, make_assignment())
    with app.app_context():
        assert candidate_for_token(invited.token).id == invited.id
        assert candidate_for_token(change(invited.token)) is None
