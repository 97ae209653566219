"""Menu paths a reply gives that its scenario never names: a wrong fact of their own."""

from __future__ import annotations

import pytest

from scoring import score_reply
from scoring.menu_paths import FACT_ID, known_menus, unknown_menus

from .conftest import make_step, wrong_fact_evidence

STEP = make_step(
    """\
    expect:
      points:
        - id: reselect
          label: Says to select the segment again
          phrases: ["select it again", "choose it again"]
    model_answer: Open Campaign > Recipients and select "Members 2024" again.
    """,
    briefing=(
        "The segment was archived. Restore it under Contacts > Segments > Archived; the "
        "campaign then needs it selected again. Prevention: Settings > Roles."
    ),
    customer="The campaign still says zero recipients!",
)


def menu_fact(reply: str) -> str | None:
    return wrong_fact_evidence(reply, STEP, FACT_ID)


@pytest.mark.parametrize(
    ("reply", "evidence"),
    [
        ("Go to Campaign > Settings > Audience and select it again.", "Audience"),
        ("Please open Campaign › Delivery and choose it again.", "Delivery"),
        ("Open Windows Settings > Windows Update, then select it again.", "Windows"),
        # both menus exist, but the case never puts Segments under Settings
        (
            "Go to Settings > Segments > Archived, restore it, select it again.",
            "Settings > Segments",
        ),
        ("Open Archived > Segments and select it again.", "Archived > Segments"),
    ],
)
def test_a_menu_the_case_never_names_is_a_wrong_fact(reply: str, evidence: str) -> None:
    assert menu_fact(reply) == evidence
    card = score_reply(reply, STEP)
    assert not card.passes()
    assert any(evidence in line and "nothing in this case names" in line for line in card.feedback)


@pytest.mark.parametrize(
    "reply",
    [
        'Go to Campaign > Recipients and select "Members 2024" again.',
        "Open Contacts > Segments > Archived, restore it, then select it again in Recipients.",
        "Go to Settings > Role and turn off archiving for others.",  # singular of Roles
        "restore it -> select it again -> send",  # notes, not a menu
        "Campaign > Recipients > select it again and you're done.",  # a lower-case step
        "Open Contacts > Archived, restore it, then select it again.",  # a step skipped
        "Go to Contacts > Segment > Archived and restore it.",  # the singular is the same menu
    ],
)
def test_the_case_s_own_menus_and_plain_notes_are_left_alone(reply: str) -> None:
    assert menu_fact(reply) is None


def test_only_the_last_capitalised_word_before_the_first_step_is_a_menu() -> None:
    known = known_menus(["Campaign > Recipients"])
    assert list(unknown_menus("Then Go Ahead And open Campaign > Recipients", known)) == []
    reply = "Open Campaign > Recipients > Audience"
    names = list(unknown_menus(reply, known))
    assert [(name.text, name.start) for name in names] == [("Audience", reply.index("Aud"))]


def test_a_step_outside_a_scenario_judges_no_menu() -> None:
    assert list(unknown_menus("Open Campaign > Audience", known_menus([]))) == []
