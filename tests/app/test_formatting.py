from datetime import datetime

import pytest

from trainer.formatting import date_text, paragraphs, percent, score_band, value_label


@pytest.mark.parametrize(
    ("text", "html"),
    [
        ("wrapped\nline", "<p>wrapped line</p>"),
        ("one\n\ntwo", "<p>one</p><p>two</p>"),
        (
            "Facts:\n- first\n- second\n  continued",
            "<p>Facts:<br>- first<br>- second continued</p>",
        ),
        ("<b>bold</b> & co", "<p>&lt;b&gt;bold&lt;/b&gt; &amp; co</p>"),
        ("", ""),
        (None, ""),
    ],
)
def test_paragraphs(text, html):
    assert str(paragraphs(text)) == html


@pytest.mark.parametrize(
    ("style", "text"),
    [("minute", "2026-02-05 09:07"), ("day", "2026-02-05"), ("long", "05 February 2026"),
     ("time", "09:07:03")],
)
def test_a_date_has_one_text_per_style(style, text):
    assert date_text(datetime(2026, 2, 5, 9, 7, 3), style) == text


def test_a_date_without_style_is_shown_to_the_minute():
    assert date_text(datetime(2026, 2, 5, 9, 7, 3)) == "2026-02-05 09:07"


@pytest.mark.parametrize(("value", "label"), [
    ("very-angry", "Very angry"), ("calm", "Calm"), ("crm", "CRM"), ("office-it", "Office IT"),
    ("vip", "VIP"), ("ad-network", "Ad network"), ("fast-talker", "Fast talker"),
])
def test_a_stored_value_reads_as_words(value, label):
    assert value_label(value) == label


@pytest.mark.parametrize(
    ("score", "band"), [(100, "high"), (80, "high"), (79, "mid"), (60, "mid"), (59, "low"),
                        (0, "low")],
)
def test_score_bands_start_at_80_and_60(score, band):
    assert score_band(score) == band


@pytest.mark.parametrize(("share", "text"), [(0.25, "25 %"), (1 / 3, "33 %"), (0, "0 %"),
                                             (None, "—")])
def test_percent(share, text):
    assert percent(share) == text


@pytest.mark.parametrize(("value", "label"), [("fast-talker", "fast talker"), ("vip", "VIP")])
def test_a_stored_value_inside_a_sentence_keeps_its_spelling(value, label):
    assert value_label(value, sentence_start=False) == label
