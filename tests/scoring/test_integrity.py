"""Integrity of a grade: stated sentences versus keyword lists, the shared tone rules, typed
fact values and negation, shared phrase sets, the loader's new checks and the pass rule.

Every step is built from YAML text here, so these tests do not depend on shipped scenarios.
"""

from __future__ import annotations

import json

import pytest

from scoring import FactStatus, NeverResult, ScoreCard, score_reply
from scoring.format import ScenarioFormatError, Step, load_scenario_text
from scoring.format.model import ExampleKind, Outcome, ValueType
from scoring.matching import compile_phrase
from scoring.phrase_sets import expand, phrase_sets, tone_rules
from scoring.structure import stated_sentences, stated_share
from scoring.text import Analysis
from scoring.values import find_values

from .conftest import make_step, scenario_text


def violations(reply: str, step: Step) -> list[str]:
    return [item.id for item in score_reply(reply, step).never if item.violated]


def fact_step(label: str, phrase: str) -> Step:
    """A step whose only item is one fact with one phrase."""
    return make_step(
        f"""\
        expect:
          facts:
            - id: the-fact
              label: {label}
              phrases: [{json.dumps(phrase)}]
        """
    )


def claim_step(right: str, wrong: str) -> Step:
    """A step whose only item is one fact with one right and one wrong phrase."""
    return make_step(
        f"""\
        expect:
          facts:
            - id: the-fact
              label: States the fact
              phrases: [{json.dumps(right)}]
              wrong: [{json.dumps(wrong)}]
        """
    )


def fact_status(reply: str, step: Step) -> FactStatus:
    """The status of the step's own fact (a figure the case never gives adds one of its own)."""
    return score_reply(reply, step).facts[0].status


# A step with no never items: only the shared tone rules can fire.
NO_NEVER = make_step()

OUTAGE = make_step(
    """\
    expect:
      points:
        - id: apologise
          label: Apologises for the outage
          phrases: ["sorry"]
        - id: incident
          label: Says it is a known incident
          phrases: ["known incident"]
        - id: ask-domain
          label: Asks which domain is affected
          phrases: ["which domain"]
        - id: status-page
          label: Points to the status page
          phrases: ["status page"]
      facts:
        - id: eta
          label: Gives the expected recovery time (11:30)
          phrases: ["11:30", "half past eleven"]
          value: {type: time, is: "11:30"}
    """,
    briefing="Known incident INC-4471 on the shared hosting cluster; recovery expected at 11:30.",
)

# Known gap in scoring/phrase_sets.yaml (see the report).
KEYWORDS = "Sorry, known incident INC-4471, engineers working, 11:30, which domain, status page"
SENTENCES = (
    "I'm so sorry your shop is down. This is a known incident and our engineers are working "
    "on it right now. We expect every shop to be back by 11:30. Which domain is affected? "
    "You can follow the progress on our status page."
)


# --- 1. Stated sentences ------------------------------------------------------------------


def test_keyword_list_is_not_stated() -> None:
    analysis = Analysis(KEYWORDS)
    stated = stated_sentences(analysis)
    assert stated == frozenset()
    assert stated_share(analysis, stated) == 0.0


def test_reply_of_full_sentences_is_stated() -> None:
    analysis = Analysis(SENTENCES)
    stated = stated_sentences(analysis)
    assert stated == frozenset(range(5))
    assert stated_share(analysis, stated) == 1.0


@pytest.mark.parametrize("reply", ["So sorry!", "Kind regards, Anna", "Thanks a lot, Anna."])
def test_short_courtesy_is_stated(reply: str) -> None:
    analysis = Analysis(reply)
    assert stated_sentences(analysis) == frozenset([0])
    assert stated_share(analysis, stated_sentences(analysis)) == 1.0


@pytest.mark.parametrize(
    "reply",
    [
        "new details get re-verified in up to 2 business days, then the $310 gets resent"
        " w/in 5 business days",
        "deskdrive keeps every version for 30 days",
        "we cant see it, its a 3rd party tool outside our platform",
        "sorry greg shouldve been clearer",
        "hi jenna sorry for the confusion, totally get it's frustrating",
        "its still urs tho, stays in ur account and rolls over to next month automatically",
        "those tell other mail servers where ur company email shud go",
        "already scheduled reminders shift to 09:00 local automatically within 15 minutes",
        "mail flows normaly again by 12:10 at the latest",
        "Tom Reyes, ur account manager, asks the advertiser for a custom rate",
    ],
)
def test_informal_sentences_are_stated(reply: str) -> None:
    assert stated_sentences(Analysis(reply)) == frozenset([0])


@pytest.mark.parametrize(
    "reply",
    [
        "refund / credit, its settings, 5 business days, new card",
        "w/in 5 days, and/or, eur/nok/usd, retry payment",
    ],
)
def test_terms_with_slashes_stay_a_list(reply: str) -> None:
    assert stated_sentences(Analysis(reply)) == frozenset()


def test_a_reply_of_form_fields_states_nothing() -> None:
    fields = (
        "Phone number: 020 7946 0321\nRead back: 0-2-0 7-9-4-6 0-3-2-1, confirmed\n"
        "Page: contact page\nTiming: within 2 business days\nCourtesy: sorry, thanks"
    )
    assert stated_sentences(Analysis(fields)) == frozenset()
    signed = "Hi Priya,\nWho: dev@ (second admin)\nWhen: 2 May, 16:22\nHow: Integrations\nSupport"
    assert stated_sentences(Analysis(signed)) == frozenset()


def test_labelled_lines_that_go_on_in_sentences_are_stated() -> None:
    reply = (
        "Banner: it's published, but the start date is 1 July, so it stays hidden until "
        "tomorrow unless you click Show now.\nAnalytics: your code was in the theme header, and "
        "Friday's theme update replaced that header, so please add it again in Tracking codes.\n"
        "Phone: read me the number when you have it and I will log the edit for you."
    )
    assert len(stated_sentences(Analysis(reply))) >= 3


def test_sentences_of_fragments_are_mostly_not_stated() -> None:
    analysis = Analysis("Sorry. Known incident. Engineers working. 11:30.")
    stated = stated_sentences(analysis)
    assert 1 not in stated and 2 not in stated
    assert stated_share(analysis, stated) < 0.5


def test_share_of_no_words_is_one() -> None:
    assert stated_share(Analysis(""), frozenset()) == 1.0


# --- 2. Engine: keyword lists -------------------------------------------------------------


def test_keyword_list_scores_below_a_real_reply_and_is_capped() -> None:
    listed, real = score_reply(KEYWORDS, OUTAGE), score_reply(SENTENCES, OUTAGE)
    # Both cover every point and give the fact right: only the form differs.
    assert all(point.covered for point in listed.points)
    assert all(point.covered for point in real.points)
    assert [fact.status for fact in listed.facts] == [FactStatus.RIGHT]
    assert [fact.status for fact in real.facts] == [FactStatus.RIGHT]
    assert listed.overall < real.overall
    assert listed.overall <= 50  # Weights.list_cap
    assert listed.stated_share < 0.5 <= real.stated_share
    assert any("full sentences" in sentence for sentence in listed.feedback)
    assert not any("full sentences" in sentence for sentence in real.feedback)


def test_items_matched_only_in_fragments_are_not_stated() -> None:
    listed, real = score_reply(KEYWORDS, OUTAGE), score_reply(SENTENCES, OUTAGE)
    assert [point.stated for point in listed.points] == [False] * 4
    assert [fact.stated for fact in listed.facts] == [False]
    assert [point.stated for point in real.points] == [True] * 4
    assert [fact.stated for fact in real.facts] == [True]
    # A fragment earns part of its weight: completeness falls, but not to nothing.
    assert 0 < listed.completeness < real.completeness == 100


# --- 2. Engine: tone rules on every step --------------------------------------------------


@pytest.mark.parametrize(
    ("reply", "rule", "evidence"),
    [
        ("It's your own fault.", "blame", "your own fault"),
        (
            "As outlined in the email we sent, the upgrade needs a new password.",
            "veiled-blame",
            "As outlined in",
        ),
        pytest.param(
            "Thank you SO much for your patience.",
            "sarcasm",
            "Thank you SO much",
        ),
        ("Good luck with that.", "sarcasm", "Good luck with that"),
        ("Restart the router, you idiot.", "insult", "idiot"),
        ("Even a child could set this up.", "condescension", "Even a child"),
        (
            "As the quick-start card on the desk explains, the cable goes in the dock.",
            "veiled-blame",
            "As the quick-start card on the desk explains",
        ),
        (
            "It's covered in the setup checklist we send, but briefly: open Settings.",
            "veiled-blame",
            "It's covered in the setup checklist",
        ),
        (
            "The policy is on the intranet if you ever want a read.",
            "veiled-blame",
            "if you ever want a read",
        ),
    ],
)
def test_tone_rule_fires_on_a_step_without_never_items(
    reply: str, rule: str, evidence: str
) -> None:
    card = score_reply(reply, NO_NEVER)
    violated = [item for item in card.never if item.violated]
    assert [item.id for item in violated] == [rule]
    assert violated[0].evidence is not None
    assert evidence in violated[0].evidence.text
    assert violated[0].label == phrase_sets()[rule].label


@pytest.mark.parametrize(
    "reply",
    [
        "Thank you so much for your patience.",
        "I'm sorry, this is not your fault.",
        'You wrote "your support is stupid", and I am sorry you feel that way.',
        "Your message said \u201cyour support is stupid\u201d, and I am sorry.",
        'You said "stupid" twice, and I understand why.',
        "We keep backups for 30 days, as our policy requires.",
        "The setup guide explains each step, and I've attached it.",
    ],
)
def test_courtesy_negated_blame_and_quoted_words_are_no_violation(reply: str) -> None:
    assert violations(reply, NO_NEVER) == []


def test_match_reaching_into_a_quotation_is_no_violation() -> None:
    assert violations('You wrote "you people are idiots", and I understand.', NO_NEVER) == []


def test_step_can_switch_a_tone_rule_off() -> None:
    muted = make_step("tone: {off: [sarcasm]}")
    reply = "Good luck with that."
    assert violations(reply, NO_NEVER) == ["sarcasm"]
    assert violations(reply, muted) == []
    # Only the rule named is off.
    assert violations("It's your own fault.", muted) == ["blame"]


@pytest.mark.parametrize("item_id", ["blame", "blame-customer", "accuse"])
def test_step_never_item_named_in_reported_as_takes_the_rules_hit(item_id: str) -> None:
    step = make_step(
        f"""\
        expect:
          never:
            - id: {item_id}
              label: Holds the customer responsible
              phrases: ["you broke"]
        """
    )
    for reply in ("It's your own fault.", "You broke it, it's your own fault."):
        card = score_reply(reply, step)
        violated = [item for item in card.never if item.violated]
        assert [item.id for item in violated] == [item_id]
        assert violated[0].label == "Holds the customer responsible"
    assert violations("Which domain is it?", step) == []


def never_step(phrase: str) -> Step:
    """A step whose only item is one never item with one phrase."""
    return make_step(
        f"""\
        expect:
          never:
            - id: the-mistake
              label: Makes the mistake
              phrases: [{json.dumps(phrase)}]
        """
    )


@pytest.mark.parametrize(
    ("phrase", "reply"),
    [
        ("turn off the firewall", "Turn off the Windows firewall for a minute."),
        ("you clicked send", "You have clicked send too early."),
        ("send me your password", "Send me your username and current password."),
    ],
)
def test_never_phrase_skips_words_that_only_qualify_it(phrase: str, reply: str) -> None:
    assert violations(reply, never_step(phrase)) == ["the-mistake"]


@pytest.mark.parametrize(
    ("phrase", "reply"),
    [
        ("you ignored", "You can ignore the second warning."),  # a modal: another claim
        ("I told you", "I'll tell you what I see in the log."),
        ("I told you", "I can tell Priya for you."),
        ("your developer is", "Ask Tom (or your developer) why the script was added."),
        ("way to go", "There is another way: go to the IT bar on floor 2."),
    ],
)
def test_never_phrase_skips_no_modal_clause_opener_or_pause(phrase: str, reply: str) -> None:
    assert violations(reply, never_step(phrase)) == []


@pytest.mark.parametrize(
    "reply",
    [
        "It's the iPhone default, so you're in good company.",
        "You shouldn't have found this out by accident. I'm sorry.",
        "I understand you are short on time, so straight to it: the trigger is wrong.",
        "Priya can review the rate, that's the way to go.",
        "Brightline is entitled under the SLA to a credit of EUR 250.",
        "It is easy to repair: open the import history and click Undo.",
        "Not native multi-currency, but fine for Monday.",
        "Don't click anything on the pop-ups; SecOps will deal with it.",
        "Once things calm down, have a look at who can archive segments.",
    ],
)
def test_tone_phrases_said_of_something_else_are_no_violation(reply: str) -> None:
    assert violations(reply, NO_NEVER) == []


@pytest.mark.parametrize(
    ("reply", "rule"),
    [
        ("Please calm down, it is only a website.", "condescension"),
        ("It's your problem now, deal with it.", "condescension"),
        ("You shouldn't have deleted it without asking.", "blame"),
        ("I know you're busy, but the guide covers this.", "veiled-blame"),
        ("Way to go, the site is down again.", "sarcasm"),
        ("Tom will call at 10:00; do tell me which time zone Her Majesty prefers.", "sarcasm"),
        ("As you'll have seen on the roadmap, it is planned for Q4.", "veiled-blame"),
        ("Next time, try writing without the insults.", "condescension"),
        ("The one with the shoes? Do you think I'm psychic?", "condescension"),
        ("That is precisely why we ask everyone to keep files on the drive.", "veiled-blame"),
        ("Demanding their numbers isn't cooperation, it's just entitled.", "insult"),
    ],
)
def test_tone_phrases_said_to_the_customer_still_fire(reply: str, rule: str) -> None:
    assert rule in violations(reply, NO_NEVER)


def test_sarcasm_takes_the_courtesy_out_of_its_sentence() -> None:
    sarcastic = score_reply("Thank you SO much for waiting.")
    sincere = score_reply("Thank you so much for waiting.")
    assert sarcastic.politeness < sincere.politeness


def test_sarcasm_mutes_courtesy_in_its_own_sentence_only() -> None:
    def thanks_counted(reply: str) -> bool:
        return any(m.weight > 0 and m.start == 0 for m in score_reply(reply).markers)

    assert thanks_counted("Thank you for waiting.")
    assert not thanks_counted("Thank you for waiting, good luck with that.")
    assert thanks_counted("Thank you for waiting. Good luck with that.")
    assert (
        score_reply("Thank you for waiting, good luck with that.").politeness
        < score_reply("Thank you for waiting.").politeness
    )


# --- 3. Facts: typed values and negation --------------------------------------------------


def value_step(kind: str, value: str, phrases: str, **context: str) -> Step:
    return make_step(
        f"""\
        expect:
          facts:
            - id: fact
              label: States the value
              phrases: {phrases}
              value: {{type: {kind}, is: "{value}"}}
        """,
        **context,
    )


TIME_STEP = value_step("time", "11:30", '["11:30", "half past eleven"]')
DATE_STEP = value_step("date", "16 July", '["16 July"]')
AMOUNT_STEP = value_step("amount", "$310", '["$310"]')
DURATION_STEP = value_step("duration", "5 business days", '["5 business days"]')


@pytest.mark.parametrize(
    ("step", "reply", "status"),
    [
        (TIME_STEP, "Your shop will be back by 13:30.", FactStatus.WRONG),
        (TIME_STEP, "Your shop will be back by 11:30.", FactStatus.RIGHT),
        (TIME_STEP, "Your shop will be back by half past eleven.", FactStatus.RIGHT),
        (TIME_STEP, "Your shop will be back by 11:30, maybe 13:30.", FactStatus.WRONG),
        (DATE_STEP, "The refund reaches you by 18 July.", FactStatus.WRONG),
        (DATE_STEP, "The refund reaches you by 16 July.", FactStatus.RIGHT),
        (DATE_STEP, "The refund reaches you by July 16th.", FactStatus.RIGHT),
        # a reply that gives the fact's own value may give others in other sentences
        (DATE_STEP, "The refund reaches you by 16 July. Invoices go on 30 July.", FactStatus.RIGHT),
        (DATE_STEP, "The refund reaches you by 18 July. Invoices go on 30 July.", FactStatus.WRONG),
        (DATE_STEP, "The refund reaches you by 16 July or 30 July.", FactStatus.WRONG),
        (AMOUNT_STEP, "We will refund $300 to your card.", FactStatus.WRONG),
        (AMOUNT_STEP, "We will refund $310 to your card.", FactStatus.RIGHT),
        (AMOUNT_STEP, "We will refund 310 dollars to your card.", FactStatus.RIGHT),
        (DURATION_STEP, "The refund takes 3 business days.", FactStatus.WRONG),
        (DURATION_STEP, "The refund takes 5 business days.", FactStatus.RIGHT),
        (DURATION_STEP, "The refund takes a while.", FactStatus.MISSING),
    ],
)
def test_fact_value_of_its_type(step: Step, reply: str, status: FactStatus) -> None:
    assert fact_status(reply, step) is status


def test_wrong_value_is_the_evidence() -> None:
    (fact,) = score_reply("Your shop will be back by 13:30.", TIME_STEP).facts
    assert fact.evidence is not None and fact.evidence.text == "13:30"


@pytest.mark.parametrize(
    ("context", "reply"),
    [
        (
            {"briefing": "A database node failed at 09:40; service is expected back by 11:30."},
            "The outage started at 09:40 and your shop will be back by 11:30.",
        ),
        (
            {"customer": "My shop has been down since 10:15!"},
            "I'm sorry it has been down since 10:15; it will be back by 11:30.",
        ),
    ],
)
def test_value_given_by_briefing_or_customer_is_not_wrong(
    context: dict[str, str], reply: str
) -> None:
    phrases = '["11:30"]'
    given = value_step("time", "11:30", phrases, **context)
    assert fact_status(reply, given) is FactStatus.RIGHT
    # The same reply without that context gives a time the step never mentioned.
    assert fact_status(reply, value_step("time", "11:30", phrases)) is FactStatus.WRONG


OFF_CYCLE_STEP = value_step(
    "duration",
    "3 business days",
    '["3 business days", "off-cycle"]',
    briefing="A traffic review takes up to 10 business days.",
)


@pytest.mark.parametrize(
    ("reply", "status"),
    [
        # the briefing's value for another thing, put in the clause that states this fact
        ("Cleared earnings are paid off-cycle within 10 business days.", FactStatus.WRONG),
        ("The review takes up to 10 business days; you are then paid off-cycle.", FactStatus.RIGHT),
        (
            "The review takes up to 10 business days, and you are paid off-cycle within 3 "
            "business days.",
            FactStatus.RIGHT,
        ),
    ],
)
def test_value_of_another_thing_in_the_facts_clause_is_wrong(
    reply: str, status: FactStatus
) -> None:
    assert fact_status(reply, OFF_CYCLE_STEP) is status


BADMOUTH_STEP = make_step(
    """\
    expect:
      never:
        - id: badmouth-team
          label: Badmouths our own team
          phrases: ["dropped the ball"]
    """
)


@pytest.mark.parametrize(
    ("reply", "reported"),
    [
        # the fitted model reads the sentence as an insult: the step's item already has it
        (
            "Our migration team dropped the ball, honestly they're a complete mess.",
            ["badmouth-team"],
        ),
        # a rule's own words are an offence of their own, in the same sentence or not
        ("Our migration team dropped the ball, they're clowns.", ["badmouth-team", "insult"]),
        ("Our migration team dropped the ball. You're clowns.", ["badmouth-team", "insult"]),
    ],
)
def test_the_model_s_hit_in_a_sentence_the_step_reports_is_not_counted_twice(
    reply: str, reported: list[str]
) -> None:
    assert violations(reply, BADMOUTH_STEP) == reported


PROMISE_STEP = make_step(
    """\
    expect:
      never:
        - id: promise-rate
          label: Promises she keeps the $42 rate
          phrases: ["still get $42", "keeps $42", "stays $42"]
    """
)


@pytest.mark.parametrize(
    ("reply", "violated"),
    [
        ("Don't worry, you still get $42 from now on.", True),
        ("Until then nothing changes: you still get $42 up to and including 14 June.", False),
        ("The rate stays $42 till 14 June and is $35 from 15 June.", False),
        ("You still get $42 until the 14th inclusive.", False),
        ("Whether BrightLeaf keeps $42 is the advertiser's decision.", False),
    ],
)
def test_a_promise_bounded_by_a_date_or_in_question_commits_to_nothing(
    reply: str, violated: bool
) -> None:
    assert ("promise-rate" in violations(reply, PROMISE_STEP)) is violated


REFUND_STEP = make_step(
    """\
    expect:
      never:
        - id: promise-money
          label: Promises money back
          phrases: ["money back"]
    """
)


@pytest.mark.parametrize(
    ("reply", "violated"),
    [
        ("You will get your money back this week.", True),
        ("The SLA gives a fixed credit of EUR 250 rather than money back.", False),
        ("Instead of money back, the SLA gives a fixed credit of EUR 250.", False),
        ("Rather than arranging your money back, I've filed the SLA credit.", False),
    ],
)
def test_what_a_reply_offers_something_in_place_of_is_no_promise(
    reply: str, violated: bool
) -> None:
    assert ("promise-money" in violations(reply, REFUND_STEP)) is violated


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("If you change banks one day, check the name.", []),
        ("One day you'll thank us.", []),
        ("It takes one day.", ["1 day"]),
        ("within one day", ["1 day"]),
        ("one day later", ["1 day"]),
    ],
)
def test_one_day_is_a_duration_only_when_measured(text: str, found: list[str]) -> None:
    assert [value.key for value in find_values(text)] == found


def test_a_phrase_of_a_duration_does_not_match_the_one_day_of_some_day() -> None:
    phrase = compile_phrase("24 hours")
    assert phrase.find(Analysis("If you change banks one day, check the name.")) is None
    assert phrase.find(Analysis("It is verified within one day.")).text == "one day"


@pytest.mark.parametrize(
    ("reply", "status"),
    [
        ("This was not our mistake.", FactStatus.WRONG),
        ("This wasn't our mistake at all.", FactStatus.WRONG),
        ("This was our mistake.", FactStatus.RIGHT),
        ("Thank you for waiting.", FactStatus.MISSING),
    ],
)
def test_fact_stated_negated_is_wrong_not_missing(reply: str, status: FactStatus) -> None:
    assert fact_status(reply, fact_step("Admits the mistake was ours", "our mistake")) is status


@pytest.mark.parametrize(
    ("reply", "status"),
    [
        ("Find the Delimiter setting and change it from Comma to Semicolon.", FactStatus.RIGHT),
        ("Set it to comma this time.", FactStatus.WRONG),
        ("Set it to a comma this time.", FactStatus.WRONG),
    ],
)
def test_a_wrong_claim_is_said_in_so_many_words(reply: str, status: FactStatus) -> None:
    assert fact_status(reply, claim_step("semicolon", "set it to comma")) is status


@pytest.mark.parametrize(
    ("reply", "status"),
    [
        ("That's outside what we can see, so I have no access to it.", FactStatus.RIGHT),
        ("It is beyond what we can see: I have no access to it.", FactStatus.RIGHT),
        ("We can see everything it collects.", FactStatus.WRONG),
    ],
)
def test_wrong_phrase_in_a_denied_clause_is_not_wrong(reply: str, status: FactStatus) -> None:
    assert fact_status(reply, claim_step("no access", "we can see")) is status


@pytest.mark.parametrize(
    ("reply", "status"),
    [
        ('"Do I have to wait till 30 July?" No, it is paid off-cycle.', FactStatus.RIGHT),
        ("Yes, you have to wait till 30 July.", FactStatus.WRONG),
        # a match that only ends in quoted words is the reply's own claim
        ('You\'ll wait till "30 July", as the page says.', FactStatus.WRONG),
    ],
)
def test_wrong_phrase_wholly_inside_the_customers_quoted_words_is_theirs(
    reply: str, status: FactStatus
) -> None:
    assert fact_status(reply, claim_step("paid off-cycle", "wait till 30 july")) is status


def test_no_later_than_still_states_the_date() -> None:
    assert fact_status("Your refund will arrive no later than 16 July.", DATE_STEP) is (
        FactStatus.RIGHT
    )


@pytest.mark.parametrize(
    ("reply", "status"),
    [
        ("Nobody in IT will ever ask for your password.", FactStatus.RIGHT),
        ("We will never ask for your password.", FactStatus.RIGHT),
        ("Please send your password to IT.", FactStatus.MISSING),
    ],
)
def test_negation_said_another_way_matches(reply: str, status: FactStatus) -> None:
    step = fact_step("Says IT never asks for passwords", "will never ask for your password")
    assert fact_status(reply, step) is status


@pytest.mark.parametrize(
    ("reply", "violated"),
    [
        ("Nobody from IT will ever ask you to type your password in an e-mail.", False),
        ("No one at Pellworth will ever ask you to type your password.", False),
        ("No agent of ours would ask you to type your password anywhere.", False),
        ("Never let a caller make you type your password.", False),
        ("No other way works, you have to type your password into the reply.", True),
        ("No problem, just type your password into the reply.", True),
        ("nothing wrong with the form its fine to type your password there", True),
        ("Please type your password into the reply.", True),
    ],
)
def test_a_clause_whose_subject_denies_denies_all_it_says(reply: str, violated: bool) -> None:
    step = make_step(
        """\
        expect:
          never:
            - id: ask-password
              label: Asks for the password
              phrases: [type your password]
        """
    )
    assert ("ask-password" in violations(reply, step)) is violated


@pytest.mark.parametrize(
    ("reply", "violated"),
    [
        ("The SLA does not include a refund of this month's fee or a free month.", False),
        ("I'm not able to guarantee that we give a free month.", False),
        ("On a free month - sorry, that is not something we offer.", False),
        ("As for a free month: the SLA has none.", False),
        ("We include the fee for setup, or a free month if you prefer.", True),
        ("I can guarantee that we give a free month.", True),
        ("Once the credit is applied we give a free month.", True),
    ],
)
def test_a_negation_spreads_over_a_list_a_denied_promise_and_a_named_topic(
    reply: str, violated: bool
) -> None:
    step = make_step(
        """\
        expect:
          never:
            - id: free-month
              label: Offers a free month
              phrases: [free month]
        """
    )
    assert ("free-month" in violations(reply, step)) is violated


# --- 4. Typed values ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "kind", "key"),
    [
        ("3 pm", ValueType.TIME, "15:00"),
        ("9am", ValueType.TIME, "9:00"),
        ("12 am", ValueType.TIME, "0:00"),
        ("11.30", ValueType.TIME, "11:30"),
        ("11:30", ValueType.TIME, "11:30"),
        ("noon", ValueType.TIME, "12:00"),
        ("July 16th", ValueType.DATE, "7-16"),
        ("16 July", ValueType.DATE, "7-16"),
        ("16th of July", ValueType.DATE, "7-16"),
        ("2024-07-16", ValueType.DATE, "7-16"),
        ("Friday", ValueType.DATE, "friday"),
        ("$310", ValueType.AMOUNT, "310"),
        ("310 dollars", ValueType.AMOUNT, "310"),
        ("\u20ac40", ValueType.AMOUNT, "40"),
        ("$1.5k", ValueType.AMOUNT, "1500"),
        ("1-2 days", ValueType.DURATION, "1-2 day"),
        ("two and a half hours", ValueType.DURATION, "150 minute"),
        ("5 and a half months", ValueType.DURATION, "5.5 month"),
        ("5 business days", ValueType.DURATION, "5 day"),
        ("48 hours", ValueType.DURATION, "2880 minute"),
        ("two weeks", ValueType.DURATION, "14 day"),
        ("half an hour", ValueType.DURATION, "30 minute"),
        ("a quarter of an hour", ValueType.DURATION, "15 minute"),
        ("three quarters of an hour", ValueType.DURATION, "45 minute"),
        ("30 minutes", ValueType.DURATION, "30 minute"),
        ("a week", ValueType.DURATION, "7 day"),
        ("15%", ValueType.PERCENTAGE, "15"),
        ("25 per cent", ValueType.PERCENTAGE, "25"),
        ("version 4.2.1", ValueType.VERSION, "4.2.1"),
        ("v2.0", ValueType.VERSION, "2.0"),
        ("1,900", ValueType.COUNT, "1900"),
    ],
)
def test_find_values_type_and_key(text: str, kind: ValueType, key: str) -> None:
    assert [(value.type, value.key) for value in find_values(text)] == [(kind, key)]


def test_find_values_in_order_with_spans() -> None:
    text = "Back by 3 pm on 16 July, refund of $310 within 5 business days."
    found = find_values(text)
    assert [(value.type, value.key) for value in found] == [
        (ValueType.TIME, "15:00"),
        (ValueType.DATE, "7-16"),
        (ValueType.AMOUNT, "310"),
        (ValueType.DURATION, "5 day"),
    ]
    assert [text[value.start : value.end] for value in found] == [
        "3 pm",
        "16 July",
        "$310",
        "5 business days",
    ]


@pytest.mark.parametrize(
    "text", ["", "soon", "as quickly as we can", "INC-4471", "Oh Jamal, what a day!"]
)
def test_text_without_values(text: str) -> None:
    assert find_values(text) == ()


# --- 5. Phrase sets -----------------------------------------------------------------------


def test_expand_replaces_a_set_and_keeps_own_phrases_once() -> None:
    argue = phrase_sets()["argue"].phrases
    expanded = expand(["@argue", "own phrase", "own phrase"])
    assert expanded[: len(argue)] == tuple(dict.fromkeys(argue))
    assert expanded.count("own phrase") == 1
    assert expanded[-1] == "own phrase"
    assert len(expanded) == len(set(expanded))


def test_expand_unknown_set_raises_key_error() -> None:
    with pytest.raises(KeyError):
        expand(["@no-such-set"])


def test_every_phrase_of_every_set_is_text() -> None:
    sets = phrase_sets()
    assert sets
    for entry in sets.values():
        assert entry.phrases
        assert all(isinstance(phrase, str) and phrase.strip() for phrase in entry.phrases)


def test_no_phrase_swallows_the_next_list_entry() -> None:
    for entry in phrase_sets().values():
        for phrase in entry.phrases:
            assert "  - " not in phrase, (entry.id, phrase)


def test_tone_rules_are_the_every_step_sets() -> None:
    ids = {rule.id for rule in tone_rules()}
    assert {"blame", "veiled-blame", "sarcasm", "condescension", "insult"} <= ids
    assert "argue" not in ids
    assert all(rule.every_step for rule in tone_rules())


# --- 6. Loader ----------------------------------------------------------------------------


def load_error(text: str) -> ScenarioFormatError:
    with pytest.raises(ScenarioFormatError) as info:
        load_scenario_text(text)
    return info.value


def line_of(text: str, marker: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), 1) if marker in line)


@pytest.mark.parametrize(
    ("body", "marker", "message"),
    [
        (
            """\
            expect:
              points:
                - id: calm
                  label: Stays calm
                  phrases: ["@argu"]
            """,
            "@argu",
            "did you mean '@argue'?",
        ),
        (
            "tone: {off: [sarcsm]}\n",
            "sarcsm",
            "did you mean 'sarcasm'?",
        ),
        (
            """\
            examples:
              - reply: "You broke it."
                expect: fail
                violation: rudeness
            """,
            "rudeness",
            "no never item or tone rule",
        ),
        (
            """\
            expect:
              facts:
                - id: eta
                  label: Gives the time
                  phrases: ["11:30"]
            examples:
              - reply: "Back by 13:30."
                expect: fail
                wrong: etaa
            """,
            "etaa",
            "did you mean 'eta'?",
        ),
        (
            """\
            expect:
              facts:
                - id: eta
                  label: Gives the time
                  phrases: ["11:30"]
                  value: {type: time, is: "soon"}
            """,
            '"soon"',
            "value 'soon' of fact 'eta' is not a time",
        ),
    ],
)
def test_loader_reports_new_mistakes_helpfully(body: str, marker: str, message: str) -> None:
    text = scenario_text(body)
    error = load_error(text)
    assert len(error.errors) == 1
    assert message in error.errors[0].message
    assert error.errors[0].line == line_of(text, marker)


def test_wrong_example_names_no_fact_of_the_step() -> None:
    error = load_error(
        scenario_text(
            """\
            examples:
              - reply: "Back by 13:30."
                expect: fail
                wrong: eta
            """
        )
    )
    assert "wrong 'eta'" in str(error) and "is no fact of the step" in str(error)


def test_examples_load_with_kind_and_expect() -> None:
    step = make_step(
        """\
        expect:
          facts:
            - id: eta
              label: Gives the time
              phrases: ["11:30"]
              value: {type: time, is: "11:30"}
        examples:
          - {reply: "Sorry, we expect it back by 11:30.", expect: pass, kind: excellent}
          - {reply: "Back by 13:30.", expect: fail, kind: wrong-fact, wrong: eta}
          - {reply: "Your own fault.", expect: fail, kind: rude-sentence, violation: blame}
          - {reply: "Hello.", expect: fail}
        """
    )
    assert [(e.expect, e.kind) for e in step.examples] == [
        (Outcome.PASS, ExampleKind.EXCELLENT),
        (Outcome.FAIL, ExampleKind.WRONG_FACT),
        (Outcome.FAIL, ExampleKind.RUDE_SENTENCE),
        (Outcome.FAIL, ExampleKind.OTHER),
    ]
    assert step.examples[1].wrong == "eta" and step.examples[2].violation == "blame"
    assert step.expect.facts[0].value is not None
    assert step.expect.facts[0].value.type is ValueType.TIME


# --- 7. Pass rule and the card's round trip ----------------------------------------------


def _violation(violated: bool) -> tuple[NeverResult, ...]:
    return (NeverResult("blame", "Blames the customer", 1.0, violated),)


@pytest.mark.parametrize(
    ("scores", "violated", "passes"),
    [
        ((80, 80, 80, 80), False, True),
        ((60, 60, 60, 70), False, True),
        ((80, 80, 80, 69), False, False),
        ((59, 90, 90, 80), False, False),
        ((90, 59, 90, 80), False, False),
        ((90, 90, 59, 80), False, False),
        ((90, None, None, 90), False, False),
        ((100, 100, 100, 100), True, False),
        ((100, 100, 100, 100), False, True),
    ],
)
def test_card_passes_on_overall_each_dimension_and_no_violation(
    scores: tuple, violated: bool, passes: bool
) -> None:
    politeness, correctness, completeness, overall = scores
    card = ScoreCard(politeness, correctness, completeness, overall, never=_violation(violated))
    assert card.passes() is passes


def test_reply_with_a_tone_violation_does_not_pass() -> None:
    clean = score_reply(SENTENCES, OUTAGE)
    rude = score_reply(SENTENCES + " It's your own fault.", OUTAGE)
    assert [item.id for item in rude.never if item.violated] == ["blame"]
    assert clean.passes()
    assert not rude.passes()
    assert rude.overall <= 50  # Weights.violation_cap


@pytest.mark.parametrize("reply", [KEYWORDS, SENTENCES, SENTENCES + " It's your own fault."])
def test_card_round_trips_with_stated_fields(reply: str) -> None:
    card = score_reply(reply, OUTAGE)
    data = json.loads(json.dumps(card.to_dict()))
    assert data["stated_share"] == card.stated_share
    assert [point["stated"] for point in data["points"]] == [p.stated for p in card.points]
    assert ScoreCard.from_dict(data) == card


def test_card_without_stated_fields_loads_as_stated() -> None:
    data = score_reply(KEYWORDS, OUTAGE).to_dict()
    del data["stated_share"]
    for item in (*data["points"], *data["facts"]):
        del item["stated"]
    card = ScoreCard.from_dict(data)
    assert card.stated_share == 1.0
    assert all(item.stated for item in (*card.points, *card.facts))


PAYOUT_STEP = make_step(
    """\
    expect:
      facts:
        - id: off-cycle
          label: Cleared earnings are paid off-cycle within 3 business days
          phrases: ["3 business days", "off-cycle"]
          wrong: ["paid in the july run", "wait until 30 july"]
          value: {type: duration, is: "3 business days"}
    """,
    briefing="Cleared earnings are paid off-cycle within 3 business days; the run is 30 July.",
)


@pytest.mark.parametrize(
    ("reply", "status"),
    [
        (
            "There's a faster route than the 30 July run: off-cycle, within 3 business days.",
            "right",
        ),
        ("It's paid off-cycle within 3 business days instead of 10 business days.", "right"),
        ("It's paid in the July run, so wait until 30 July.", "wrong"),
        ("It's paid off-cycle, but later than 3 business days: within 5 business days.", "wrong"),
    ],
)
def test_what_a_reply_beats_or_replaces_is_not_its_claim(reply: str, status: str) -> None:
    assert [fact.status.value for fact in score_reply(reply, PAYOUT_STEP).facts][:1] == [status]
