"""How a reply is read: lists versus sentences, a point's meaning from its label, matches
that stop at "but", and tone rules that must fire, or must not, on wordings a trainee writes."""

from __future__ import annotations

import pytest

from scoring import score_reply
from scoring.matching import compile_phrase
from scoring.structure import stated_sentences, stated_share
from scoring.text import Analysis
from scoring.tone import find_tone

from .conftest import make_step


def share(text: str) -> float:
    analysis = Analysis(text)
    return stated_share(analysis, stated_sentences(analysis))


@pytest.mark.parametrize(
    "text",
    [
        "not hacked, site is safe, renewal failed, card expired, new card, Retry payment, 30 min",
        "Thank you Aisha -- booked the call 10am -- no guarantee -- 2 business days -- spam folder",
        "SLA credit fixed / account manager call re contract / rollback prevent / upgrades staged",
        "Name mismatch -> GL Digital vs Grace Liu -> names don't match -> money is safe",
        "great - reminders update automatically / no need to rebuild / DST is handled for you",
        "1) scheduled to start 1 July, Show now 2) theme update, Settings > Tracking codes",
        "Thank you for the CSV, TRK-5092, switch your tracker to UTC, UTC+2, credited in the next",
        "Sorry, Fatima, trigger, Deal stage changed, Demo done, Run on existing records",
        "hi, sorry, yes, known incident, engineers, 11:30, your domain",
        "Sorry (known incident, engineers working, 11:30, which domain)",
    ],
)
def test_a_list_of_short_parts_is_not_stated(text: str) -> None:
    assert share(text) == 0.0


@pytest.mark.parametrize(
    "text",
    [
        "Happy to email you a recap: your use case is on FR-1187, the product review is on "
        "25 July, and Clara is setting up your call with the product manager.",
        "Jobs wait there for 24 hours, so there is no rush.",
        "Then press Windows key + P and pick Extend.",
        "Our engineers are working on it, with all shops expected back by 11:30.",
        "Open Contacts -> Import history -> IMP-20931 -> Undo import, and it is done.",
        "Print again -> pick PellPrint -> tap your badge at PR-3S near the lifts.",
        "Concrete figure: EUR 250 service credit per our SLA, filed already as BILL-7731, goes "
        "on the next invoice.",
        "Open Settings > Payouts, swap GL Digital for your own name (Grace Liu, same as on the "
        "bank account) and save.",
        "Sorry, Kemal, that wasn't my intention; I'm happy to help, and I'll be quick.",
        "Sorry, Greg, direct answers: 1) No, nothing to redo; scheduled reminders move to the "
        "new time automatically within 15 minutes.",
        "For now, you can reprint on PR-2W (2nd floor, west side) or follow the animation on "
        "the PR-2E screen, but don't put your hand inside.",
        # a list inside brackets is one remark, however many items it has
        "You can hurry the review along by putting your traffic sources (site URLs, placements, "
        "ad account IDs, screenshots) into the form.",
    ],
)
def test_sentences_with_lists_orders_and_phrases_are_stated(text: str) -> None:
    assert share(text) == 1.0


def test_a_reply_written_in_notes_states_nothing() -> None:
    notes = (
        "Apology. Shop safe -> Recycle Bin (7 days). Restore ~20 min. Before launch 09:00. "
        "Option 1: restore now with me. Option 2: transfer -> team lead."
    )
    terse = (
        "Sorry, Lena. Your shop is safe in the Recycle Bin for 7 days, and a restore takes "
        "about 20 minutes, well before the launch."
    )
    assert share(notes) == 0.0
    assert share(terse) == 1.0


def test_terms_announced_with_a_colon_are_still_a_list() -> None:
    assert share("Here is everything: sorry, INC-4471, 11:30, which domain, status page") < 0.5


POLICY = make_step(
    """\
    expect:
      points:
        - id: policy-fixed
          label: Explains that the SLA credit amount is the same for every Enterprise customer
          phrases: ["fixed credit"]
    """
)


def test_a_paraphrase_of_the_label_covers_the_point() -> None:
    reply = "That amount is written into the SLA and is the same for every Enterprise customer."
    (point,) = score_reply(reply, POLICY).points
    assert point.covered and point.stated
    assert "same for every Enterprise" in point.evidence.text


def test_a_denied_paraphrase_does_not_cover_the_point() -> None:
    reply = "The SLA amount is not the same for every Enterprise customer."
    (point,) = score_reply(reply, POLICY).points
    assert not point.covered


VISIBILITY = make_step(
    """\
    expect:
      facts:
        - id: visibility
          label: Contacts of a deactivated user are visible to admins only
          phrases: ["admins only"]
    """
)


@pytest.mark.parametrize(
    ("reply", "status"),
    [
        # every content word of the label, in the reply's own order and words
        ("Only admins see a deactivated user's contacts; they stay visible there.", "right"),
        # one word changed, the one that matters: not credited
        ("When a user is deactivated, their contacts are visible only to that user.", "missing"),
        ("Contacts of a deactivated user are not visible to admins.", "missing"),
    ],
)
def test_a_fact_is_stated_in_other_words_only_with_every_word_of_its_label(
    reply: str, status: str
) -> None:
    (fact,) = score_reply(reply, VISIBILITY).facts
    assert fact.status.value == status


def test_a_match_never_spans_but() -> None:
    phrase = compile_phrase("turn off the laptop")
    assert phrase.find(Analysis("Turn wifi off but keep the laptop on.")) is None
    assert phrase.find(Analysis("Please turn the laptop off now.")) is None
    assert phrase.find(Analysis("Please turn off the laptop now.")) is not None


def test_a_space_in_a_pattern_matches_a_line_break() -> None:
    phrase = compile_phrase(r"re:\bnever have noticed without you\b")
    assert phrase.find(Analysis("we would never have noticed\nwithout you")) is not None


def test_a_stem_keeps_only_the_typos_its_length_allows() -> None:
    assert compile_phrase("shockingly").find(Analysis("It should work now.")) is None
    assert compile_phrase("definitely").find(Analysis("It will definately work.")) is not None


def rules(text: str) -> set[str]:
    return {hit.rule.id for hit in find_tone(Analysis(text))}


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("If you'd uploaded the form in March, you wouldn't be stressing now.", "blame"),
        ("Frankly, someone with nine years in the business should know this.", "condescension"),
        ("As the sticker on every dock says (easy to miss, I know!), docks stay.", "veiled-blame"),
        ("I appreciate you're busy, but the FAQ covers the time zone.", "veiled-blame"),
        ("Thank you ever so much for the CSV.", "sarcasm"),
        ("We would never have noticed without you.", "sarcasm"),
        ("Shouting at us like a toddler won't help.", "insult"),
        ("Four plugins at once on a live shop was always going to end like this.", "blame"),
        ("It is on the status page, which you may not have had a chance to check.", "veiled-blame"),
        ("It goes out on 30 April, as per the terms you accepted at sign-up.", "veiled-blame"),
        ("Keep bids on the team drive, as the file-storage policy recommends.", "veiled-blame"),
        ("In future it really does help to read the hints before saving.", "veiled-blame"),
        ("Great catch, what would I do without you? Door B, then print again.", "sarcasm"),
        ("The docks stay at their desks, which I'd have thought was obvious.", "condescension"),
        ("A charged phone would've saved us this bit, mind.", "blame"),
        ("If the tax form had been uploaded, we wouldn't be talking now.", "veiled-blame"),
        ("Had the address been in your first message, we could have checked it.", "veiled-blame"),
        ("We need the photo itself, as our request page says quite clearly.", "veiled-blame"),
        ("Thank you so much for sharing the address at last.", "sarcasm"),
        ("Please try to keep up, I'm only going through it once.", "condescension"),
        ("If you can write something other than insults for once, use the form.", "condescension"),
        ("Being short with me isn't going to make this go any faster.", "condescension"),
        ("Funny how it only slowed down when you installed the plugin, isn't it?", "sarcasm"),
        ("Sorry, Jenna, I'll try to use smaller words this time.", "condescension"),
        ("As a Gold partner you've surely read our confidentiality policy.", "veiled-blame"),
        ("Quite right, Gordon, that's rather the problem, isn't it.", "sarcasm"),
        ("Sorry Tyler, I forgot how delicate you are.", "sarcasm"),
        ("Next time, maybe set the trigger up properly.", "blame"),
        ("And no, I can't just see it. I'm not a mind reader.", "condescension"),
        ("No contingency plan, which our onboarding guide does recommend.", "veiled-blame"),
        ('"Doesn\'t work" is a bit rich when it does exactly what it was told.', "blame"),
        ("Honestly, you can do it!", "sarcasm"),
        ("Yes, some of us can write software, shocking as that may sound.", "sarcasm"),
        ("Nothing says 'urgent' quite like three exclamation marks.", "sarcasm"),
        ("Honoured you found a spare minute for it.", "sarcasm"),
        ("Typing it into that page wasn't your finest moment.", "condescension"),
        ("You'll need to pull yourself together for a minute.", "condescension"),
        ("Two question marks is a touch dramatic, mind.", "condescension"),
        ("Asking twice in a snippy tone won't change the answer.", "condescension"),
        ("Deleting it unchecked was a classic rookie mistake.", "condescension"),
        ("Just do it yourself next time.", "condescension"),
        ("Do it yourself, the button is right there.", "condescension"),
        ("Throwing a tantrum in the chat won't speed it up.", "insult"),
        ("Love the triple exclamation marks, they really help me type faster.", "sarcasm"),
        ("Finding the notice by accident was quite the adventure, I'm sure.", "sarcasm"),
        ("HEIC must have felt like the obvious choice, bless.", "sarcasm"),
        ("Sadly my mind-reading plugin is still in beta.", "sarcasm"),
        ("Slow since Monday? Funny timing, that.", "sarcasm"),
        ("Sure, the status page has had it since 9 \U0001f644 anyway, it's back now.", "sarcasm"),
        ("The minimum is $100, as your team will no doubt recall.", "veiled-blame"),
        ("It has come up before, if you cast your mind back.", "veiled-blame"),
        ("Partners who actually use the creative library do better.", "veiled-blame"),
        ("A notice hung on it all week, so one could have seen it coming.", "veiled-blame"),
        ("We did mention JPG, which may have slipped past in the excitement.", "veiled-blame"),
        ("Dodging the rule with another payout method is a bit desperate.", "insult"),
        ("If one slow morning sinks you, you have bigger problems than our uptime.", "insult"),
        ("Maybe a bit less chatting and a bit more plugging, eh?", "condescension"),
        (
            "Nine years in the business should have taught you that totals prove nothing.",
            "condescension",
        ),
        (
            "No, I don't fancy a coffee, some of us have actual work to get through.",
            "condescension",
        ),
        ("Tidying up the night before a deadline wasn't the brightest idea.", "insult"),
        ("That's exactly the sort of cowboy idea that makes a mess for the rest of us.", "insult"),
        ("Calling our team clowns really shows a lot of maturity.", "sarcasm"),
        ("It is a little rich to ask whether it was you.", "sarcasm"),
        ("Five wrong passwords, that's real dedication, Jamal.", "sarcasm"),
        ("Of course, let me explain it once more, I do so enjoy this.", "sarcasm"),
        ("The link was in the e-mail, which may have ended up overlooked.", "veiled-blame"),
        ("The figure was covered in my first e-mail, to be fair.", "veiled-blame"),
        ("We did send reminder e-mails in the weeks before.", "veiled-blame"),
        ("Had you spent five minutes on the payout page, you would know.", "veiled-blame"),
        ("The offer page has had it all along for anyone who looks.", "veiled-blame"),
        ("If stamping your foot is your idea of negotiating, good luck.", "condescension"),
        ("Five goes at the password, were you hoping it'd take pity on you?", "condescension"),
    ],
)
def test_tone_rule_fires(text: str, rule: str) -> None:
    assert rule in rules(text)


@pytest.mark.parametrize(
    "text",
    [
        "If you would like, I can call you back at 3 pm.",
        "Honestly, I can't promise a date, but I will keep you posted.",
        "Because you chose a city zone, daylight saving is handled automatically.",
        "We will pay more attention to this on our side.",
        "That was a careless mistake on our part, and I'm sorry.",
        "Sit back and relax, we are on it.",
        "Press the Input button until it's on the port you used.",
        "Next time, check the preview before you click Import.",
        "It'll come when your balance is high enough.",
        "Oh, I'm so sorry to hear that, let's get it fixed.",
        "That's the best way and good to go.",
        "Sorry, I should have said that earlier, it would've saved you some worry.",
        "If we had tested the update properly, your shop would never have gone down.",
        "If I had explained it better, you would not have needed to ask twice.",
        "Had our team tested the update, your shop would have stayed up.",
        "Thanks for your patience, the payment has finally cleared.",
        "PayPal has the same minimum, so switching won't make it faster.",
        "Our status page has the latest, and engineers expect shops back by 11:30.",
        "So that's 020 7946 0321, right?",
        "Let me use simple words, without technical terms: your disk is full.",
        "You're right that the docs describe the old layout; I've asked for an update.",
        "The reset is quicker, and you can do it from your phone.",
        "Next time maybe keep bid work on the P drive too, it's backed up every night.",
        "Love the idea of a second card, I'll add it with you now.",
        "It's not that you missed a step, the importer guessed the delimiter.",
        "I'm sorry our notice didn't reach the right person, I'm checking why.",
        "Nobody could have seen it coming, and the printer is fixed now.",
        "We did send a notice from notices@clickriver.example; I'm checking why it didn't arrive.",
        "Cheers for the CSV, that's just what we needed.",
        "Had you not spotted the error so quickly, more contacts would have been affected.",
        "Which list were you hoping to send this to?",
        "I'd hate to keep you waiting, so here are the steps.",
        "The quickest way is to do it yourself from your phone.",
        "If you'd rather do it yourself, it's under Panel > Recycle Bin.",
    ],
)
def test_ordinary_sentences_break_no_tone_rule(text: str) -> None:
    assert rules(text) == set()


def test_rude_words_quoted_from_the_customer_cost_no_politeness() -> None:
    quoted = score_reply('You wrote "your support is stupid", and I understand why you are upset.')
    own = score_reply("Your support is stupid, and I understand why you are upset.")
    assert quoted.politeness > own.politeness
    assert all(marker.strategy != "insult" for marker in quoted.markers)


def test_rubbish_said_of_what_happened_to_the_customer_is_sympathy() -> None:
    sympathy = score_reply("Sorry Greg, that's rubbish for your patients. I've found the cause.")
    insult = score_reply("Sorry Greg, your setup is rubbish. I've found the cause.")
    assert all(marker.strategy != "insult" for marker in sympathy.markers)
    assert any(marker.strategy == "insult" for marker in insult.markers)
    assert sympathy.politeness > insult.politeness


def test_a_ticket_id_in_capitals_is_no_shouting() -> None:
    card = score_reply("I've filed the credit for you (BILL-7731) and INC-4471 is closed.")
    assert all(marker.strategy != "shouting" for marker in card.markers)


def test_run_out_says_expired() -> None:
    found = compile_phrase("card expired").find(Analysis("The card on file had run out in April."))
    assert found is not None and found.text == "card on file had run out"


RUDE_CUSTOMER = make_step(customer="why the hell didnt i get paid?? you people are thieves")
KIND_CUSTOMER = make_step(customer="Thanks so much, that was really helpful!")
MOCK_THANKS = "Hi Jenna, thanks for your very warm message. Your payout is safe with us."


def test_thanks_for_kind_words_a_rude_customer_never_wrote_are_sarcasm() -> None:
    card = score_reply(MOCK_THANKS, RUDE_CUSTOMER)
    violated = [item for item in card.never if item.violated]
    assert [item.id for item in violated] == ["mock-thanks"]
    assert violated[0].evidence.text == "thanks for your very warm message"
    assert not card.passes()
    assert not any(marker.strategy == "gratitude" for marker in card.markers)


def test_thanks_for_kind_words_answer_a_customer_who_wrote_them() -> None:
    card = score_reply(MOCK_THANKS, KIND_CUSTOMER)
    assert not any(item.violated for item in card.never)
    assert not score_reply(MOCK_THANKS).never
