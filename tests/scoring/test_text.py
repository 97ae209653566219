"""Tokens, spans, sentences and the normalised forms the matcher and the lexicons compare."""

from __future__ import annotations

import pytest

from scoring.text import Analysis, is_known_word, normalise_word, tokenize
from scoring.variants import americanize, expand


@pytest.mark.parametrize(
    ("raw", "words"),
    [
        ("don't", ("do", "not")),
        ("Don\u2019t", ("do", "not")),
        ("can't", ("can", "not")),
        ("cannot", ("can", "not")),
        ("won't", ("will", "not")),
        ("I'm", ("i", "am")),
        ("we'll", ("we", "will")),
        ("you're", ("you", "are")),
        ("it's", ("it", "is")),
        ("let's", ("let", "us")),
        ("shop's", ("shop",)),
        ("dont", ("do", "not")),
        ("thanks", ("thank", "you")),
        ("pls", ("please",)),
        ("w/o", ("without",)),
        ("w/in", ("within",)),
        ("thru", ("through",)),
        ("n", ("and",)),
        ("wi-fi", ("wi", "fi")),
    ],
)
def test_contractions_and_chat_forms_expand(raw: str, words: tuple[str, ...]) -> None:
    assert tuple(word for word, _ in normalise_word(raw)) == words


@pytest.mark.parametrize(
    ("british", "american"),
    [
        ("apologise", "apologize"),
        ("apologising", "apologizing"),
        ("organisation", "organization"),
        ("colour", "color"),
        ("favourite", "favorite"),
        ("centre", "center"),
        ("licence", "license"),
        ("catalogue", "catalog"),
        ("analyse", "analyze"),
        ("programme", "program"),
        # Words spelt -ise everywhere stay as they are.
        ("advise", "advise"),
        ("surprised", "surprised"),
        ("otherwise", "otherwise"),
        ("clockwise", "clockwise"),
    ],
)
def test_british_spellings_become_american(british: str, american: str) -> None:
    assert americanize(british) == american


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("apologise", "apologized"),
        ("cancelled", "canceled"),
        ("colours", "color"),
        ("refunds", "refund"),
        ("11.30", "11:30"),
        ("1,900", "1900"),
        ("30th", "30"),
        ("fifteen", "15"),
        ("didn't", "don't"),
        ("mins", "minutes"),
    ],
)
def test_variants_share_a_key(first: str, second: str) -> None:
    def keys(raw: str) -> list[str]:
        return [key for _, key in normalise_word(raw)]

    assert keys(first) == keys(second)


def test_expanded_contractions_keep_the_span_of_the_word() -> None:
    text = "Sorry, I can't."
    tokens = Analysis(text).tokens
    assert [token.word for token in tokens] == ["sorry", "i", "can", "not"]
    assert {(token.start, token.end) for token in tokens[2:]} == {(9, 14)}
    assert text[9:14] == "can't"


def test_sentences_break_at_final_punctuation_not_inside_names() -> None:
    tokens = Analysis("See status.shop.example now. Then wait! Ok?\nDone").tokens
    assert [token.sentence for token in tokens] == [0, 0, 0, 0, 0, 1, 1, 2, 3]
    assert [token.word for token in tokens if token.starts_sentence] == [
        "see",
        "then",
        "okay",
        "done",
    ]


def test_a_title_or_extension_abbreviated_ends_no_sentence() -> None:
    tokens = Analysis("Dear Mr. Aldana, call SecOps (ext. 4400). Ask the dr.\n\nThen go.").tokens
    assert [token.word for token in tokens if token.starts_sentence] == ["dear", "ask", "then"]


def test_a_wrapped_line_continues_the_sentence() -> None:
    tokens = Analysis("It is applied\nautomatically.\n\nNext one\n- a point\n2. another").tokens
    assert [token.sentence for token in tokens] == [0, 0, 0, 0, 1, 1, 2, 2, 3, 4]
    assert [token.word for token in tokens if token.starts_sentence] == [
        "it",
        "next",
        "a",
        "2",
        "another",
    ]


@pytest.mark.parametrize(
    ("text", "key", "alias", "span"),
    [
        ("3 pm", "15:00", "3", "3 pm"),
        ("3pm", "15:00", "3", "3pm"),
        ("3 p.m. sharp", "15:00", "3", "3 p.m"),
        ("12 am", "0:00", "12", "12 am"),
        ("11.30 am", "11:30", "11:30", "11.30 am"),
        ("09:00", "9:00", "", "09:00"),
        ("5k", "5000", "5", "5k"),
        ("2.5k", "2500", "2:5", "2.5k"),
        ("62 cents", "0:62", "62", "62"),
        ("half eleven", "11:30", "", "half eleven"),
        ("half past 3 today", "3:30", "", "half past 3"),
        ("quarter past nine", "9:15", "", "quarter past nine"),
        ("quarter to one", "12:45", "", "quarter to one"),
    ],
)
def test_times_and_amounts_get_one_key(text: str, key: str, alias: str, span: str) -> None:
    token = Analysis(text).tokens[0]
    assert (token.key, token.alias, text[token.start : token.end]) == (key, alias, span)


def test_clauses_break_at_commas_and_conjunctions() -> None:
    tokens = Analysis("No, it works but not here").tokens
    clauses = [token.clause for token in tokens]
    assert clauses[0] < clauses[1] == clauses[2] < clauses[3]


def test_an_arrow_parts_two_clauses() -> None:
    tokens = Analysis("No wait \u2192 reset -> done").tokens
    clauses = [token.clause for token in tokens]
    assert clauses[0] == clauses[1] < clauses[2] < clauses[3]


def test_hyphenated_word_also_indexed_as_one_word() -> None:
    analysis = Analysis("Your Wi-Fi is fine")
    assert analysis.positions["wifi"] == [1]


def test_dictionary_knows_common_and_inflected_words() -> None:
    assert is_known_word("change")
    assert is_known_word("refunds")
    assert is_known_word("unblock")
    assert not is_known_word("pasword")


def test_expand_leaves_plain_words_alone() -> None:
    assert expand("server") == ("server",)


def test_stemming_from_many_threads_gives_the_single_thread_stems():
    """A threaded server scores replies at the same time: stems must not bleed across threads."""
    from concurrent.futures import ThreadPoolExecutor

    from scoring.text import _stem

    words = [f"{stem}{ending}" for stem in ("apolog", "connect", "restor", "verif", "deliver",
                                            "escalat", "refund", "configur") for ending in
             ("ing", "ed", "ation", "ations", "ingly", "es", "e", "ement")] * 40
    expected = [_stem(word) for word in words]
    with ThreadPoolExecutor(max_workers=8) as pool:
        for _ in range(5):
            assert list(pool.map(_stem, words)) == expected


def test_chat_slash_forms_are_one_word_with_their_span() -> None:
    text = "resent w/in 5 days, w/o a fee"
    words = [(token.word, text[token.start : token.end]) for token in tokenize(text)]
    assert ("within", "w/in") in words and ("without", "w/o") in words
