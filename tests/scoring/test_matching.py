"""Phrase matching: what counts as the phrase, what does not, and where the evidence is."""

from __future__ import annotations

import pytest

from scoring.matching import PhraseIndex, compile_phrase, find_first
from scoring.text import Analysis

from .conftest import find


@pytest.mark.parametrize(
    ("phrase", "reply", "matched"),
    [
        # case and punctuation
        ("which domain", "WHICH DOMAIN?", "WHICH DOMAIN"),
        ("your domain", "Please send YOUR (shop) domain!", "YOUR (shop) domain"),
        # British and American spelling
        ("apologise", "We apologize for the outage.", "apologize"),
        ("cancelled", "Your order was canceled.", "canceled"),
        ("colour", "The colors look wrong.", "colors"),
        # contractions either way
        ("do not", "Please don't restart it.", "don't"),
        ("I'm", "I am on it.", "I am"),
        ("can't", "We cannot do that.", "cannot"),
        ("manager won't", "my manager will not", "manager will not"),
        # inflection
        ("apologise", "My apologies for the wait.", "apologies"),
        ("refund", "Both refunds were issued.", "refunds"),
        # typos in longer words only
        ("password", "Reset your pasword.", "pasword"),
        ("configuration", "Check the configuraton page.", "configuraton"),
        ("receive", "You will recieve a mail.", "recieve"),
        # words in order within a short window
        ("which domain", "Which of your domains is it?", "Which of your domains"),
        (
            "understand frustrating",
            "I understand how very frustrating",
            "understand how very frustrating",
        ),
        # articles and prepositions may differ when the phrase has two other words
        ("stays in your account", "The money stays on your account.", "stays on your account"),
        ("hold off on posting", "Please hold off posting.", "hold off posting"),
        # numbers, times, dates
        ("11.30", "Back by 11:30.", "11:30"),
        ("15 minutes", "It unlocks in fifteen minutes.", "fifteen minutes"),
        ("1 July", "It starts on July 1st.", "July 1st"),
        ("3 days", "within 3 business days", "3 business days"),
        ("10%", "about 10 percent", "10 percent"),
        # names with dots and hyphens
        ("status.shop.example", "See status.shop.example. Thanks", "status.shop.example"),
        ("wi-fi", "Is your wifi on?", "wifi"),
        ("wifi", "Is your Wi-Fi on?", "Wi-Fi"),
        ("thank you for", "Thanks for waiting.", "Thanks for"),
        ("the same minimum", "PayPal has the same $100 minimum.", "the same $100 minimum"),
        ("24 hours", "It is done within a business day.", "a business day"),
        ("I am sorry", "I am so sorry about this.", "I am so sorry"),
    ],
)
def test_phrase_matches(phrase: str, reply: str, matched: str | None) -> None:
    assert find(phrase, reply) == matched


@pytest.mark.parametrize(
    ("phrase", "reply"),
    [
        ("which domain", "Which? The domain is fine."),  # not in one sentence
        ("domain which", "Which domain is it?"),  # not in order
        ("which domain", "Which of the two or three domains"),  # too far apart
        ("understand frustrating", "I understand that, but this is frustrating"),
        ("enable", "We are unable to help."),  # a real word is never a typo
        ("change", "There is no charge."),  # short words get no typo allowance
        ("by tomorrow", "I will call you tomorrow."),  # a two-word phrase keeps "by"
        ("by the 30th", "It is paid on the 30th."),  # articles do not count as words here
        ("within the hour", "We answer within 24 hours."),  # and are never left out
        ("refund", "a refinance"),
        ("3 days", "A visitor clicking 3 times in a day counts once."),  # a number keeps close
        ("a day", "The plan is in a 14-day grace period."),  # a quantity skips no number
        ("24 hours", "We can schedule it for a given day."),  # some day is no duration
        ("turn off the laptop", "Turn Wi-Fi off so the laptop is off the network."),
        ("skip the minimum", "The run skipped it because our minimum is $100."),
        # "every" counts the minutes, not the shop
        ("every shop on", "I know every minute your shop is down costs you."),
        ("every shop on", "We expect every affected shop to be back by 11:30."),  # last word kept
    ],
)
def test_phrase_does_not_match(phrase: str, reply: str) -> None:
    assert find(phrase, reply) is None


@pytest.mark.parametrize(
    ("phrase", "reply", "matched"),
    [
        ("outage confirmed", "I can't see any outage confirmed yet.", None),
        ("outage confirmed", "The outage is not confirmed.", None),
        ("outage confirmed", "The outage is confirmed.", "outage is confirmed"),
        ("outage", "There is no outage.", None),
        ("no outage", "There is no outage.", "no outage"),
        ("your fault", "It is not your fault at all.", None),
        ("you ignored", "It isn't because you ignored a warning.", None),
        ("you ignored", "Not because you ignored it: the default is comma.", None),
        ("you ignored", "It failed because you ignored it.", "you ignored"),
        ("you ignored", "It isn't working. Because you ignored it.", "you ignored"),
        ("I understand", "I don't understand.", None),
        ("contact us", "Don't hesitate to contact us.", "contact us"),
        ("outage", "No, the outage is real.", "outage"),  # the comma closes the negation
        ("outage", "We can't fix it but the outage ends soon.", "outage"),
        ("fake traffic", "We do not pay partners who send fake traffic.", "fake traffic"),
        # a phrase that says a negation itself is not cancelled by an earlier one
        ("won't come back", "The days without the code won't come back.", "won't come back"),
        ("wasn't my intention", "It was never my intention.", "was never my intention"),
        # the subject of a denied "be" or "do" is denied
        ("upgrade your plan", "Upgrading your plan isn't what fixes this.", None),
        ("head of partnerships", "Our head of partnerships doesn't take calls.", None),
        ("refund", "Refunds and compensation for lost deals aren't offered.", None),
        ("tom reyes", "Tom Reyes can't change the rate, but he can ask.", "Tom Reyes"),
        ("sorry", "Sorry the site isn't loading.", "Sorry"),
        ("refund", "I'll refund you and it isn't a problem.", "refund"),
        # ... after the rest of its noun phrase, or after another subject joined by "or"
        ("compensation for lost", "Compensation for lost deals isn't possible.", None),
        ("compensation", "Full refunds or compensation for lost deals aren't offered.", None),
        ("refund", "Full refunds or compensation for lost deals aren't offered.", None),
        ("refund", "The full refund isn't possible.", None),
        ("refund", "Please arrange a full refund, it isn't hard.", "refund"),
        ("refund", "A refund when the payment was not taken is automatic.", "refund"),
        ("refund", "We refund you if it isn't fixed.", "refund"),
        # "or" carries a negation on to the next verb
        (
            "compensation for the sales",
            "I can't give you an amount or promise compensation for the sales themselves.",
            None,
        ),
        ("compensation", "We can't give an amount, and compensation comes later.", "compensation"),
        # a bare "no" answering the words before it
        ("waiting until 30 July", "Waiting until 30 July: no. It is paid sooner.", None),
        ("pay a fee", "Pay a fee? No, never.", None),
        ("pay a fee", "Pay a fee: no problem at all.", "Pay a fee"),
    ],
)
def test_negation(phrase: str, reply: str, matched: str | None) -> None:
    assert find(phrase, reply) == matched


@pytest.mark.parametrize(
    ("phrase", "reply", "matched"),
    [
        (r"re:\b11[:.]30\b", "Back by 11:30 today.", "11:30"),
        (r"re:\b11[:.]30\b", "Back by 111:305", None),
        (r"re:INC-\d+", "see inc-4471", "inc-4471"),
        (r"re:\bshop(s)? (is|are) back\b", "Your SHOP IS BACK.", "SHOP IS BACK"),
        (r"re:\b11[:.]30\b", "It will not be back by 11:30.", None),
    ],
)
def test_regular_expressions_search_the_original_text(
    phrase: str, reply: str, matched: str | None
) -> None:
    assert find(phrase, reply) == matched


def test_evidence_points_into_the_original_reply() -> None:
    reply = "Hello!\n\nWe are SO sorry. Could you send us your shop's domain, please?"
    evidence = compile_phrase("your domain").find(Analysis(reply))
    assert evidence is not None
    assert (evidence.start, evidence.end) == (reply.index("your"), reply.index(", please"))
    assert evidence.text == "your shop's domain"


def test_first_phrase_in_author_order_wins() -> None:
    phrases = [compile_phrase(source) for source in ("apologise", "sorry")]
    evidence = find_first(phrases, Analysis("Sorry, we apologise."))
    assert evidence is not None
    assert evidence.phrase == "apologise"


def test_compiled_phrases_are_cached() -> None:
    assert compile_phrase("which domain") is compile_phrase("which domain")


def test_repeated_words_in_a_long_reply_stay_fast() -> None:
    reply = "the " * 20_000
    assert compile_phrase("the the the the x").find(Analysis(reply)) is None


def test_a_phrase_index_offers_the_phrases_a_reply_may_match_in_their_order() -> None:
    phrases = [
        compile_phrase(source)
        for source in ["calm down", r"re:\bfor\s+once\b", "your fault", r"re:\w+ly", "not a joke"]
    ]
    index = PhraseIndex(phrases)
    reply = Analysis("It is not your fault, and for once it is no joke.")
    offered = [phrase.source for phrase in index.candidates(reply)]
    # "calm down" needs "calm"; the first pattern needs "once"; the last needs "joke".
    assert offered == [r"re:\bfor\s+once\b", "your fault", r"re:\w+ly", "not a joke"]
    # Whatever is left out matches nothing.
    assert all(
        not list(phrase.find_all(reply)) for phrase in phrases if phrase.source not in offered
    )
