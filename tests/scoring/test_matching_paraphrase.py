"""Matching across wrapped lines, support synonyms, number formats and clause pauses."""

from __future__ import annotations

import pytest

from scoring.synonyms import synonym_table

from .conftest import find


@pytest.mark.parametrize(
    ("phrase", "reply", "matched"),
    [
        # a wrapped line is not the end of a sentence
        (
            "don't need to file",
            "It is automatic, so\nyou don't need to file it.",
            "don't need to file",
        ),
        ("credit applied", "The credit is\n  applied automatically.", "credit is\n  applied"),
        # synonyms of support vocabulary, the evidence in the reply's own words
        ("extra charge", "That will be a small extra fee.", "extra fee"),
        ("refund", "You will get your money back.", "money back"),
        ("directly into the dock", "Plug it straight into the dock.", "straight into the dock"),
        # an order after a short negated clause is no item of a denied list of verbs
        ("close the pop-ups", "Don't panic, close the pop-ups first.", "close the pop-ups"),
        ("close the pop-ups", "Don't click it. Close the pop-ups or call us.", "Close the pop-ups"),
        ("escalate", "I'll pass this on to my lead.", "pass this on"),
        ("don't reply", "Please do not answer the attackers.", "do not answer"),
        ("every shop on", "We expect every affected shop on it back.", "every affected shop on"),
        ("restore", "We can recover the site.", "recover"),
        ("password reset", "Please reset your password.", "reset your password"),
        ("2 business days", "It takes two working days.", "two working days"),
        ("update automatically", "They update on their own.", "update on their own"),
        ("no sign of", "I don't see any sign of a break-in.", "don't see any sign of"),
        ("unable to share", "Sorry, I can't share that.", "can't share"),
        ("cannot share", "We are not able to share it.", "not able to share"),
        ("I checked", "I had a quick look at it.", "I had a quick look"),
        ("installed recently", "Have you installed anything lately?", "installed anything lately"),
        ("another usb port", "Try another USB socket.", "another USB socket"),
        # "the" also stands for "our", "this", "that"
        ("below the minimum", "It is below our minimum.", "below our minimum"),
        # nouns the stemmer leaves apart from their verb
        ("recover", "Recovery takes a minute.", "Recovery"),
        # "it" or "them" inside a phrase stands for what it names
        ("yank it out", "Then yank the paper out of the tray.", "yank the paper out"),
        ("send it again", "Send your document again.", "Send your document again"),
        ("set them up again", "Set the reminders up again.", "Set the reminders up again"),
        # an article inside a phrase may be left out
        ("send the hours", "send hours and photo.", "send hours"),
        # clock times in words
        ("11:30", "Back around half eleven.", "half eleven"),
        ("11.30", "Back by half past eleven.", "half past eleven"),
        ("2:45", "Call at quarter to three.", "quarter to three"),
        # times, amounts and currencies written either way
        ("15:00", "We are back by 3 pm.", "3 pm"),
        ("3pm", "Back at 15.00 today.", "15.00"),
        ("3 p.m.", "Back at 3pm.", "3pm"),
        ("9:00", "From 09:00 on.", "09:00"),
        ("11:30", "By 11.30 am at the latest.", "11.30 am"),
        ("$100", "The minimum is 100 dollars.", "100"),
        ("100 dollars", "The minimum is USD 100.", "100"),
        ("$0.62", "Your EPC is 62 cents.", "62"),
        ("62 cents", "Your EPC is $0.62.", "0.62"),
        ("$5,000", "Gold starts at $5k a month.", "5k"),
    ],
)
def test_paraphrases_match(phrase: str, reply: str, matched: str) -> None:
    assert find(phrase, reply) == matched


@pytest.mark.parametrize(
    ("phrase", "reply"),
    [
        # a blank line or a list marker does end a sentence
        ("credit applied", "The credit is\n\napplied later."),
        ("credit applied", "- the credit\n- applied later"),
        ("credit applied", "1. the credit\n2. applied later"),
        # a negated synonym is still negated
        ("extra charge", "There is no extra fee."),
        ("escalate", "I can't pass this on."),
        # a negation opening a list of verbs denies each of them
        ("close the pop-ups", "Don't click, close or call anything in the pop-ups."),
        ("call the number", "Don't click them, close them or call the number in them."),
        # skipped words never cross a comma, colon or dash
        ("switch off the laptop", "Switch Wi-Fi off now, but keep the laptop on."),
        # prepositions stay when the phrase has fewer than two content words
        ("that's on you", "That's the last thing you need."),
        ("in your balance", "It was deducted from your balance."),
        # "the" is never "your": whose it is can matter
        ("the fault", "It is your fault."),
        # a pronoun stands for a thing named with a determiner, not for any word or none
        ("switch it off", "Switch Wi-Fi off now."),
        ("get it out", "I'll get Kopira out to you."),
        ("yank it out", "Don't yank out anything."),
        ("delete it", "Delete the file."),
        # a left-out article is not replaced by another word
        ("within the hour", "Within 24 hours."),
        # half an hour is a length of time, not a clock time
        ("12:30", "It takes half an hour."),
        # a time is not its bare hour, and 3 pm is not 3 am
        ("3 pm", "Call 3 and ask."),
        ("3 pm", "We open at 3 am."),
    ],
)
def test_paraphrases_do_not_overreach(phrase: str, reply: str) -> None:
    assert find(phrase, reply) is None


def test_a_bare_hour_still_finds_a_time() -> None:
    assert find("at 3", "Call us at 3 pm.") == "at 3 pm"


def test_synonym_groups_are_symmetric() -> None:
    single, longer = synonym_table()
    for key, others in single.items():
        if key != "the":
            assert all(key in single[other] for other in others), key
    for member, others in longer.items():
        assert all(member in longer[other] for other in others), member
