"""Each politeness signal on real support phrasings, and the score they add up to."""

from __future__ import annotations

import pytest

from scoring import Strategy, score_reply
from scoring.politeness import read_politeness
from scoring.text import Analysis

NEUTRAL = "The shop runs on the new server."


def strategies(reply: str) -> list[Strategy]:
    return [Strategy(marker.strategy) for marker in read_politeness(Analysis(reply)).markers]


def politeness(reply: str) -> int:
    return score_reply(reply).politeness


POSITIVE = [
    (Strategy.GRATITUDE, "Thank you for waiting while I checked."),
    (Strategy.GRATITUDE, "Thanks for sending the screenshot."),
    (Strategy.GRATITUDE, "I really appreciate your help with the logs."),
    (Strategy.APOLOGY, "I'm so sorry your shop is down."),
    (Strategy.APOLOGY, "So sorry about the wait."),
    (Strategy.APOLOGY, "We apologise for the inconvenience."),
    (Strategy.APOLOGY, "My apologies, that was my mistake."),
    (Strategy.PLEASE, "Could you please send me the domain?"),
    (Strategy.PLEASE_START, "Please restart the router."),
    (Strategy.INDIRECT_REQUEST, "Would you mind checking the cable?"),
    (Strategy.INDIRECT_REQUEST, "Could you tell me which domain is affected?"),
    (Strategy.DIRECT_REQUEST, "Can you send me the invoice number?"),
    (Strategy.HEDGE, "It might be the cache, I think."),
    (Strategy.HEDGE, "Perhaps the update has not finished yet."),
    (Strategy.GREETING, "Hi Anna, the update is done."),
    (Strategy.GREETING, "Good morning! The update is done."),
    (Strategy.DEFERENCE, "Good question, the limit is per month."),
    (Strategy.DEFERENCE, "You're absolutely right, the invoice was wrong."),
    (Strategy.FIRST_PERSON_PLURAL, "We moved the shop to a new server."),
    (Strategy.EMPATHY, "I understand how frustrating this must be."),
    (Strategy.EMPATHY, "I can imagine how stressful a frozen payout is."),
    (Strategy.HELPFULNESS, "I'll check it right away."),
    (Strategy.HELPFULNESS, "Happy to help, have a great day!"),
    (Strategy.HELPFULNESS, "Don't hesitate to contact us again."),
    (Strategy.HELPFULNESS, "You're very welcome, Helen."),
    (Strategy.HELPFULNESS, "Glad you're back in, that was the expired password."),
    (Strategy.SMILEY, "Your refund is on its way :)"),
    (Strategy.SMILEY, "All done =) Enjoy the new plan."),
    (Strategy.SMILEY, "The shop is back \U0001f642"),
]
NEGATIVE = [
    (Strategy.ACCUSATION, "The page shows it, in case you didn't get a chance to look."),
    (Strategy.SHOUTING, "I SAID EUR, NOK, USD."),
    (Strategy.BLUNT_QUESTION, "Why didn't you read the email?"),
    (Strategy.BLUNT_QUESTION, "Are you serious? That is how it works."),
    (Strategy.DIRECT_QUESTION, "What do you want me to do about it?"),
    (Strategy.DIRECT_START, "So the shop is down, then."),
    (Strategy.SECOND_PERSON_START, "You need to update the card."),
    (Strategy.ACCUSATION, "You didn't follow the steps I sent."),
    (Strategy.BLAME, "You never read the instructions."),
    (Strategy.ACCUSATION, "You never answered the question."),
    (Strategy.BLAME, "That is your fault, not ours."),
    (Strategy.BLAME, "You should have made a backup."),
    (Strategy.BLAME, "It must be something on your side."),
    (Strategy.DISMISSIVE, "Calm down, it is only a website."),
    (Strategy.DISMISSIVE, "As I already said, the limit is 100."),
    (Strategy.DISMISSIVE, "Obviously the card has expired."),
    (Strategy.DISMISSIVE, "Read the manual."),
    (Strategy.SARCASM, "Yeah right, the server ate your files."),
    (Strategy.SARCASM, "Good luck with that."),
    (Strategy.INSULT, "Only an idiot deletes the whole site."),
    (Strategy.INSULT, "That is a stupid way to set it up."),
    (Strategy.PROFANITY, "This damn plugin breaks everything."),
    (Strategy.PROFANITY, "What the fuck did you install?"),
    (Strategy.SHOUTING, "I ALREADY TOLD YOU THE ANSWER."),
    (Strategy.SHOUTING, "The shop is back!!!"),
    (Strategy.SHOUTING, "Did you even try?!"),
    (Strategy.BARE_IMPERATIVE, "Send the logs."),
    (Strategy.CRITICISM, "That makes no sense."),
    (Strategy.MINIMISING, "It is simply a setting."),
    (Strategy.FACTUALITY, "Actually, the plan includes it."),
]


@pytest.mark.parametrize(("strategy", "reply"), POSITIVE)
def test_polite_signal_is_found_and_raises_politeness(strategy: Strategy, reply: str) -> None:
    markers = read_politeness(Analysis(reply)).markers
    found = [marker for marker in markers if marker.strategy == strategy]
    assert found, f"{strategy} not found in {reply!r}: {markers}"
    assert all(marker.weight > 0 for marker in found)
    assert all(reply[marker.start : marker.end] == marker.text for marker in found)


@pytest.mark.parametrize(("strategy", "reply"), NEGATIVE)
def test_impolite_signal_is_found_and_lowers_politeness(strategy: Strategy, reply: str) -> None:
    markers = read_politeness(Analysis(reply)).markers
    found = [marker for marker in markers if marker.strategy == strategy]
    assert found, f"{strategy} not found in {reply!r}: {markers}"
    assert all(marker.weight < 0 for marker in found)
    assert all(reply[marker.start : marker.end] == marker.text for marker in found)


@pytest.mark.parametrize(
    "reply",
    [
        "Kill the process and strip the trailing spaces.",  # technical words, not profanity
        "The master/slave replication uses a FAT32 disk.",
        "The form sends a POST request to STDOUT.",  # codes in capitals are not shouting
        "Thanks!! That did it.",  # a double "!" is enthusiasm
        "That is why we moved the shop.",  # "why" explaining, not asking
        "So sorry about the wait.",  # "so" intensifies the apology
        "No need to worry, nothing is lost.",  # reassurance, not a blunt "no"
        "You can follow the status page.",  # an offer, not a blunt "you" opener
        "You didn't type it wrong, the password had expired.",  # a denied fault clears them
        "I promise you haven't caused any trouble at all.",
        "Pause the sync so you don't get charged twice.",  # "you don't get" is not "get it"
        "What happened is that the segment was archived.",  # explains; asks nothing
        "Please unplug the cable but do NOT switch the laptop off.",  # a stressed warning
        "Your site is safe and nothing is lost.",  # reassurance, not a blunt "you" opener
        "Thanks for waiting. Then we restore the site for you.",  # a later "Then" goes on
        "No need to wait, click Test run on one deal now.",  # reassurance, not a blunt "no"
        "You don't have to sit and wait for the review.",  # relief, not a blunt "you" opener
        "Your plan has 30 minutes and you didn't use any this month.",  # a fact, no accusation
        "I just need your account e-mail to verify it's you.",  # the agent's need, not minimising
        "There is nothing wrong on your side.",  # denied blame reassures
        "Nothing is wrong with your account.",  # denied criticism reassures
        "What's wrong is the trigger setting.",  # explains the cause
        "The currency field has the options EUR, NOK, USD.",  # codes, not shouting
        "If you did not take a photo of the screen yet, please do now.",  # a step still to take
        "Everything you did this morning is back.",  # a time, not "you did this"
        "FYI, maintenance is on Saturday from 01:00 to 03:00.",  # a heads-up in chat
    ],
)
def test_ordinary_support_wording_is_not_flagged(reply: str) -> None:
    flagged = [
        marker.strategy for marker in read_politeness(Analysis(reply)).markers if marker.weight < 0
    ]
    assert flagged == []


@pytest.mark.parametrize(
    ("reply", "missing"),
    [
        ("I'm not sure I understand the question.", Strategy.EMPATHY),
        ("No thanks to you, the shop is down.", Strategy.GRATITUDE),
        ("I'm not sorry about it.", Strategy.APOLOGY),
    ],
)
def test_negated_courtesy_does_not_count(reply: str, missing: Strategy) -> None:
    assert missing not in strategies(reply)


@pytest.mark.parametrize(
    "reply",
    [
        "Set the range to a(:) in the formula.",  # code, not a smile
        "The log says error:D2 at startup.",
        "Try again :P",  # a tongue teases rather than smiles
    ],
)
def test_code_and_teasing_are_no_smiley(reply: str) -> None:
    assert Strategy.SMILEY not in strategies(reply)


def test_length_counts_without_a_marker_and_never_against_more_words() -> None:
    short, longer = (
        "The shop is back.",
        (
            "The shop is back on the server, and every order that was placed today or "
            "yesterday is there as it was before."
        ),
    )
    readings = read_politeness(Analysis(short)), read_politeness(Analysis(longer))
    assert readings[0].length < 0 < readings[1].length
    assert [marker.strategy for marker in readings[0].markers] == [
        marker.strategy for marker in readings[1].markers
    ]
    assert politeness(short) < politeness(longer)


def test_length_saturates() -> None:
    sentence = "The shop runs on the new server. "
    assert (
        read_politeness(Analysis(sentence * 30)).length
        == read_politeness(Analysis(sentence * 60)).length
    )


def test_further_uses_of_a_strategy_count_less() -> None:
    markers = read_politeness(Analysis("Sorry. So sorry. Really sorry.")).markers
    weights = [marker.weight for marker in markers if marker.strategy == Strategy.APOLOGY]
    assert weights == sorted(weights, reverse=True)
    assert weights[0] > weights[-1] > 0


def test_longest_phrase_wins_and_phrases_do_not_overlap() -> None:
    assert strategies("Thanks for nothing.") == [Strategy.SARCASM]
    assert strategies("As I already said, no.").count(Strategy.DISMISSIVE) == 1


def test_polarity_ignores_words_counted_by_a_marker() -> None:
    reading = read_politeness(Analysis("I'm sorry, this is frustrating."))
    assert reading.polarity == 0.0


@pytest.mark.parametrize(
    ("better", "worse"),
    [
        ("I'm sorry your shop is down, we're on it.", "Your shop is down, we're on it."),
        ("Could you send the domain, please?", "Send the domain."),
        ("I understand, let me check.", "Calm down, let me check."),
        ("Thanks, the shop is back.", "The shop is back, obviously."),
        (NEUTRAL, "You idiot. " + NEUTRAL),
        (NEUTRAL, NEUTRAL.upper()),
    ],
)
def test_more_polite_reply_scores_higher(better: str, worse: str) -> None:
    assert politeness(better) > politeness(worse)


def test_score_bands_for_support_replies() -> None:
    assert politeness("Hi Anna, I'm so sorry about this. Could you tell me your domain?") >= 85
    assert 45 <= politeness(NEUTRAL) <= 65
    assert politeness("Calm down. As I already said, it's your fault.") < 20
