"""Exam mode: nothing of a scenario's expectations ever reaches the candidate's browser.

Every answer the candidate receives (pages, errors, redirects, the signal endpoint) is read and
searched for the scenarios' point, fact and never labels, their phrases and model answers, and
for any score or grade, except text the page legitimately shows (customer messages, briefing,
the candidate's own replies).
"""

from __future__ import annotations

import html
import re

from tests.helpers import FIXED, CandidateBrowser, form_of, invite_to

REPLIES = [
    "Hello, thank you for your message. I am looking into this for you now.",
    "Calm down, this is not our fault at all.",
    "I have checked it and I will update you shortly. Thanks for your patience.",
]


def allowed_text(library, slugs, extra: list[str]) -> str:
    parts = list(extra)
    for slug in slugs:
        scenario = library.scenarios[slug]
        parts += [scenario.title, scenario.briefing]
        parts += [step.customer for step in scenario.steps]
    return visible(" ".join(parts))


def expectations(library, slugs) -> set[str]:
    """Every label, phrase and model answer of the scenarios (regular expressions aside)."""
    found: set[str] = set()
    for slug in slugs:
        for step in library.scenarios[slug].steps:
            if step.model_answer:
                found.add(step.model_answer.strip())
            for item in (*step.expect.points, *step.expect.facts, *step.expect.never):
                found.add(item.label)
                found.update(p for p in item.phrases if not p.startswith("re:"))
                found.update(p for p in getattr(item, "wrong", []) if not p.startswith("re:"))
    return found


def visible(body: str) -> str:
    return html.unescape(re.sub(r"\s+", " ", body)).lower()


def test_no_expectation_is_ever_sent_to_the_candidate(app, library, make_assignment):
    invited = invite_to(app, make_assignment(share_scores=False))
    browser = CandidateBrowser(app, invited.token)
    browser.get()
    browser.start()
    browser.send("")  # an error page too
    for text in REPLIES:
        page = browser.get("/play")
        if page.status_code != 200:
            break
        form = form_of(page.get_data(as_text=True))
        browser.client.post(f"/test/{invited.token}/signal",
                            data={"csrf_token": form["csrf_token"], "kind": "paste", "size": "12"})
        browser.send(text, form)
        browser.send(text, form)  # a repeat: the 'recorded once' answer
    browser.finish("Thank you, I have sorted it out for you.")
    browser.get("/done")
    assert len(browser.seen) > 10
    allowed = allowed_text(library, FIXED, [*REPLIES, "Thank you, I have sorted it out for you.",
                                            "Answer each customer as at work."])
    forbidden = {text for text in expectations(library, FIXED)
                 if len(text) >= 5 and text.lower() not in allowed}
    assert len(forbidden) > 50  # the check has something to find
    for body in browser.seen:
        page = visible(body)
        leaked = sorted(text for text in forbidden
                        if re.search(rf"(?<!\w){re.escape(text.lower())}(?!\w)", page))
        assert leaked == [], leaked
        for marker in ("politeness", "correctness", "completeness", "model answer",
                       "violation", 'class="hl', "feedback", "score"):
            assert marker not in page, marker


def test_shared_scores_appear_only_on_the_thank_you_page(app, library, make_assignment):
    invited = invite_to(app, make_assignment(share_scores=True))
    browser = CandidateBrowser(app, invited.token)
    browser.start()
    browser.finish()
    done = browser.get("/done").get_data(as_text=True)
    assert "Your scores" in done and "Politeness" in done
    assert all("Politeness" not in body for body in browser.seen[:-1])
