"""Recommended next scenarios: what closes the gap to the next rank, at the right difficulty."""

from __future__ import annotations

from tests.progress.facts import attempt, ladder
from trainer.progress.evaluation import History, evaluate_rank
from trainer.progress.insights import WeakSpot, persona_breakdown, weakest_spot
from trainer.progress.recommendations import CatalogueEntry, recommend

CATALOGUE = [
    CatalogueEntry("easy-rude", "Easy rude", 1, "rude", "crm"),
    CatalogueEntry("mid-rude", "Mid rude", 2, "rude", "crm"),
    CatalogueEntry("mid-confused", "Mid confused", 2, "confused", "crm"),
    CatalogueEntry("hard-confused", "Hard confused", 4, "confused", "crm"),
    CatalogueEntry("mid-distressed", "Mid distressed", 2, "distressed", "crm"),
    CatalogueEntry("mid-vip", "Mid vip", 2, "vip", "crm"),
]
NO_WEAK_SPOT = WeakSpot(None, None, None)


def picks(the_ladder, attempts, weak=NO_WEAK_SPOT, catalogue=CATALOGUE):
    rank = the_ladder.ranks[1]
    result = evaluate_rank(the_ladder, rank, History.of(attempts))
    return recommend(the_ladder, rank, result, attempts, catalogue, weak)


def test_customer_types_still_to_handle_come_first_at_the_required_difficulty():
    the_ladder = ladder("{kind: personas_handled, groups: [rude, confused, distressed], "
                        "min_difficulty: 2}")
    chosen = picks(the_ladder, [attempt("mid-rude", difficulty=2, persona="rude")])
    assert [p.slug for p in chosen] == ["mid-confused", "mid-distressed", "hard-confused"]
    assert "no confused customer handled yet" in chosen[0].reasons
    assert any("counts for Next" in reason for reason in chosen[0].reasons)


def test_passed_scenarios_sink_and_at_most_three_are_offered():
    the_ladder = ladder("{kind: scenarios_passed, count: 4, min_difficulty: 2}")
    passed = [attempt("mid-rude", difficulty=2), attempt("mid-confused", difficulty=2)]
    chosen = picks(the_ladder, passed)
    # new scenarios at difficulty 2, then harder ones; the easy one would not count
    assert [p.slug for p in chosen] == ["mid-distressed", "mid-vip", "hard-confused"]


def test_the_weakest_area_is_trained_and_named():
    the_ladder = ladder("{kind: scenarios_passed, count: 3, min_difficulty: 2}")
    history = [attempt("mid-rude", difficulty=2, persona="rude", score=90),
               attempt("mid-vip", difficulty=2, persona="vip", score=75, correctness=61)]
    weak = weakest_spot(persona_breakdown(history))
    assert (weak.persona, weak.dimension, weak.score) == ("vip", "correctness", 61)
    chosen = picks(the_ladder, history, weak, CATALOGUE + [
        CatalogueEntry("other-vip", "Other vip", 2, "vip", "crm")])
    assert chosen[0].slug == "other-vip"
    assert "trains the weakest area: correctness with VIP customers (61)" in chosen[0].reasons


def test_an_unpractised_scenario_is_recommended_as_an_exam_a_practised_one_for_practice():
    the_ladder = ladder("{kind: scenarios_passed, count: 3}")
    assert {p.mode for p in picks(the_ladder, [])} == {"exam"}
    practised = [attempt(entry.slug, mode="practice", score=40, difficulty=entry.difficulty,
                         persona=entry.persona) for entry in CATALOGUE]
    chosen = picks(the_ladder, practised)
    assert {p.mode for p in chosen} == {"practice"}
    assert all("practised already: its exams no longer count for a rank" in p.reasons
               for p in chosen)


def test_without_open_scenario_requirements_the_level_follows_the_best_pass():
    the_ladder = ladder("{kind: reply_time, last_replies: 50, max_median_seconds: 10}")
    chosen = picks(the_ladder, [attempt("hard-confused", difficulty=4, persona="confused")])
    assert chosen[0].difficulty in (2, 4) and len(chosen) == 3
    assert picks(the_ladder, [], catalogue=[]) == []
