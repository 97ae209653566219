"""The branch map's flags, and trying a draft without touching anyone's attempts."""

from __future__ import annotations

from tests.authoring.examples import copied_draft
from tests.helpers import post_form, text_of
from trainer.auth.models import Role
from trainer.authoring.branch_map import branch_map
from trainer.authoring.models import ScenarioDraft
from trainer.database import db
from trainer.practice.models import Attempt

FLOW = """\
id: flow-check
version: 1
title: Flow check
domain: web-hosting
persona: confused
channel: chat
difficulty: 1
steps:
  - id: opening
    customer: Hello?
    expect:
      points:
        - id: greet
          label: Greets
          phrases: ["hello"]
    next:
      - if: not greet
        goto: end
      - goto: middle
  - id: orphan
    customer: Nobody comes here.
  - id: middle
    customer: And now?
  - id: goodbye
    closing: resolved
    customer: Thanks!
"""


def _map_page(app, users, author, text: str):
    draft_id = copied_draft(app, users[Role.MENTOR])
    page = f"/authoring/drafts/{draft_id}"
    post_form(author, page, {"text": text, "revision": "1"})
    return author.get(f"{page}/map")


def test_the_map_flags_unreachable_steps_and_open_endings(app, users, author):
    response = _map_page(app, users, author, FLOW)
    shown = text_of(response)
    assert "Step 'orphan' cannot be reached from the first step." in shown
    assert "From step 'opening' (not greet) the conversation ends with no closing message." in (
        shown)
    assert 'data-step="goodbye"' in response.get_data(as_text=True)
    assert "<svg" in response.get_data(as_text=True)


def test_a_goto_to_no_step_is_named_instead_of_drawn(app, users, author):
    shown = text_of(_map_page(app, users, author, FLOW.replace("goto: middle", "goto: midle")))
    assert "no step is called 'midle'" in shown


def test_the_shipped_scenario_maps_with_every_conversation_closed(app, users, author, library):
    drawing = branch_map(library.scenarios["hosting-shop-outage"])
    assert drawing.open_paths == 0 and drawing.all_paths > 1
    assert not any(node.flagged for node in drawing.nodes)
    assert len({(node.x, node.y) for node in drawing.nodes}) == len(drawing.nodes)


def test_a_tryout_is_played_and_scored_without_an_attempt(app, users, author):
    draft_id = copied_draft(app, users[Role.MENTOR])
    page = f"/authoring/drafts/{draft_id}/try"
    post_form(author, f"{page}/start", {}, token_from=page)
    reply = ("I'm really sorry, we have a known incident with a storage cluster and expect "
             "shops back by 11:30. Which domain is your shop on?")
    response = post_form(author, f"{page}/reply", {"reply": reply}, token_from=page)
    assert response.status_code == 302
    shown = text_of(author.get(page))
    assert "Politeness" in shown and "Model answer" in shown
    with app.app_context():
        assert db.session.execute(db.select(db.func.count()).select_from(Attempt)).scalar() == 0
    empty = post_form(author, f"{page}/reply", {"reply": "  "}, token_from=page)
    assert empty.status_code == 422
    assert "The draft changed since" not in shown
    edit = f"/authoring/drafts/{draft_id}"
    with app.app_context():
        text = db.session.get(ScenarioDraft, draft_id).text
    post_form(author, edit, {"text": text.replace("JOKE", "FARCE"), "revision": "1"})
    assert "The draft changed since this run started" in text_of(author.get(page))


def test_a_sample_reply_gets_the_full_card_and_examples_are_graded(app, users, author):
    draft_id = copied_draft(app, users[Role.MENTOR])
    page = f"/authoring/drafts/{draft_id}/try"
    response = post_form(author, f"{page}/sample",
                         {"step": "opening", "reply": "It is your fault, clowns."}, token_from=page)
    shown = text_of(response)
    assert response.status_code == 200
    assert "Violations:" in shown and "Missed:" in shown
    assert "graded as labelled" in shown
