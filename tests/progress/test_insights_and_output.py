"""Scores over time, strengths and weaknesses, and their charts and the certificate PDF."""

from __future__ import annotations

import re
import zlib
from dataclasses import replace
from datetime import datetime

import pytest

from tests.progress.facts import attempt
from trainer.progress.charts import pattern_legend, scores_over_time
from trainer.progress.insights import (
    dimension_means,
    persona_breakdown,
    score_series,
    weakest_spot,
)
from trainer.progress.pdf import CertificateText, certificate_pdf, unicode_font


def test_score_series_keeps_at_most_thirty_points_of_consecutive_means():
    attempts = [attempt(f"s{n}", day=n, score=40 + n % 2 * 10) for n in range(90)]
    points = score_series(attempts)
    assert len(points) == 30 and {p.attempts for p in points} == {3}
    assert points[0].politeness == round((40 + 50 + 40) / 3)
    assert points[-1].label == attempts[-1].finished_at.strftime("%d %b")


def test_score_series_is_one_point_per_attempt_when_few_and_skips_unfinished():
    attempts = [attempt("a", day=1, score=60), attempt("b", day=0, score=80),
                attempt("c", finished=False)]
    assert [p.politeness for p in score_series(attempts)] == [80, 60]
    assert score_series([]) == []


def test_points_on_the_same_day_are_told_apart_by_time_then_by_attempt_number():
    same_day = [replace(attempt(f"s{n}"), finished_at=datetime(2026, 12, 6, 9, minute))
                for n, minute in enumerate((5, 30, 30))]
    attempts = [attempt("earlier", day=-1), *same_day]
    assert [p.label for p in score_series(attempts)] == [
        "04 Jan", "06 Dec 09:05", "Attempt 3", "Attempt 4"]


def test_averaged_points_on_the_same_day_name_their_attempts():
    morning = datetime(2026, 12, 6, 9, 0)
    attempts = [replace(attempt(f"s{n}"), finished_at=morning) for n in range(5)]
    assert [p.label for p in score_series(attempts, max_points=2)] == [
        "Attempts 1-3", "Attempts 4-5"]


def test_persona_breakdown_weakest_first_and_the_weakest_cell():
    attempts = [
        attempt("a", persona="rude", score=90),
        attempt("b", persona="rude", score=70, completeness=50),
        attempt("c", persona="confused", score=60, politeness=65),
    ]
    rows = persona_breakdown(attempts)
    assert [(r.persona, r.attempts, r.passed, r.overall) for r in rows] == [
        ("confused", 1, 0, 60), ("rude", 2, 2, 80)]
    assert rows[1].completeness == 70
    spot = weakest_spot(rows)
    # a tie between two dimensions goes to the first in alphabetical order
    assert (spot.persona, spot.dimension, spot.score) == ("confused", "completeness", 60)
    assert dimension_means(attempts) == {"politeness": 75, "correctness": 73,
                                         "completeness": 67}
    assert weakest_spot([]).persona is None


def test_the_line_chart_is_svg_with_a_pattern_per_dimension_and_no_script():
    svg = str(scores_over_time(tuple(score_series([attempt("a", day=n) for n in range(5)]))))
    assert svg.startswith("<svg ") and 'role="img"' in svg and "<script" not in svg
    assert 'aria-label="Politeness, correctness and completeness over time' in svg
    for index, pattern in enumerate(["none", "10, ?5", "2, ?6"]):
        assert re.search(rf"serie-{index} \.line\{{[^}}]*stroke-dasharray:{pattern}", svg)
    assert pattern_legend() == ("Politeness: solid line; Correctness: dashed line; "
                                "Completeness: dotted line")
    assert 'class="dot' in svg  # a short series has markers


def test_long_series_are_drawn_without_markers_and_drawings_are_reused():
    points = tuple(score_series([attempt("a", day=n) for n in range(40)]))
    svg = scores_over_time(points)
    assert 'class="dot' not in str(svg) and scores_over_time(points) is svg


CERTIFICATE = CertificateText(
    name="Zoë Łukasiewicz-O'Brien", rank="Support Operator (L1)",
    awarded_at=datetime(2026, 3, 4), code="x" * 22, verify_url="http://example.test/verify/x",
)


@pytest.mark.skipif(unicode_font() is None, reason="no Unicode TrueType font on this system")
def test_certificate_pdf_with_a_unicode_font():
    pdf = certificate_pdf(CERTIFICATE, unicode_font())
    assert pdf.startswith(b"%PDF-") and pdf.rstrip().endswith(b"%%EOF")
    assert b"/Title (Frontline certificate: Support Operator \\(L1\\))" in pdf
    assert b"/FontFile2" in pdf  # the TrueType font is embedded


def test_certificate_pdf_falls_back_to_helvetica_for_any_name():
    revoked = CertificateText(**{**CERTIFICATE.__dict__, "name": "שלום 🙏 Zoë", "revoked": True})
    pdf = certificate_pdf(revoked, None)
    assert pdf.startswith(b"%PDF-") and b"Helvetica" in pdf
    text = page_text(pdf)
    assert "(???? ? Zo\xeb) Tj" in text and "(REVOKED: this certificate is no longer valid)" in text
    assert f"(Verification code: {'x' * 22}) Tj" in text


def page_text(pdf: bytes) -> str:
    """The page's drawing commands (where Helvetica text is readable), uncompressed."""
    streams = re.findall(rb"stream\n(.*?)\nendstream", pdf, re.DOTALL)
    return "".join(zlib.decompress(stream).decode("latin-1") for stream in streams)
