"""score_reply: one reply, with or without a scenario step, becomes a ScoreCard."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from . import figures, formula, identifiers, meaning, menu_paths
from .card import Evidence, FactResult, FactStatus, NeverResult, PointResult, ScoreCard
from .case_terms import CaseTerms
from .feedback import build_feedback
from .format.model import Fact, FactValue, Never, Point, Step, ValueType
from .matching import Phrase, compile_claim, compile_forbidden, compile_phrase, find_all
from .meaning import find_by_label
from .phrase_sets import expand
from .politeness import read_politeness
from .structure import stated_sentences, stated_share
from .text import Analysis
from .tone import (
    CONTEXT_RULES,
    FITTED_PHRASE,
    ToneHit,
    adjust_markers,
    find_tone,
    inside,
    overlaps,
    quoted_spans,
    rules_off_for,
    unquoted_matches,
)
from .values import value_keys, values_of

_BLANK_FEEDBACK = "Write a reply to the customer: this one has no words."
_CACHE_LIMIT = 1024


@dataclass(frozen=True, slots=True)
class CompiledStep:
    """A step's items with their phrases compiled, ready to match many replies."""

    points: tuple[tuple[Point, tuple[Phrase, ...]], ...]
    facts: tuple[tuple[Fact, tuple[Phrase, ...], tuple[Phrase, ...], frozenset[str]], ...]
    never: tuple[tuple[Never, tuple[Phrase, ...]], ...]
    tone_off: frozenset[str]
    supported_figures: figures.Supported
    known_menus: CaseTerms
    known_identifiers: CaseTerms


@dataclass(frozen=True, slots=True)
class _Reading:
    """One analysed reply: its words, which sentences it states, and its tone."""

    analysis: Analysis
    stated: frozenset[int]
    tone: tuple[ToneHit, ...]

    def is_stated(self, evidence: Evidence) -> bool:
        return self.analysis.sentence_at(evidence.start) in self.stated


# By id() of the Step; the step is kept alongside so a recycled id is never mistaken for it.
_compiled: dict[int, tuple[Step, CompiledStep]] = {}
# A bound in time right after a never item's match ("stays $42 till 14 June"), read this far.
_BOUND_REACH = 40
_UNTIL = re.compile(r"\W*(?:\w+\W+){0,2}?(?:until|till|til|through|up to)\b", re.IGNORECASE)
# ... or a day of the month alone ("keep earning $42 until the 14th").
_DAY_OF_MONTH = re.compile(r"\W*(?:the\s+)?(?:[1-9]|[12]\d|3[01])(?:st|nd|rd|th)\b", re.IGNORECASE)
_WHETHER_REACH = 4
# What a reply beats or puts something instead of (see _compared).
_COMPARED = re.compile(
    r"\b(?:instead of|rather than|(?:faster|sooner|earlier|quicker|better|shorter)"
    r"(?:\s+\w+){0,2}\s+than)\s+(?:[\w$.,:]+\s+){0,2}$",
    re.IGNORECASE,
)
_COMPARED_REACH = 48
# What a never item's match is offered in place of, a few words on ("instead of putting the
# code into the header").
_INSTEAD = re.compile(r"\b(?:instead of|rather than)\s+(?:[\w'-]+\s+){0,4}$", re.IGNORECASE)
# A sentence that opens by naming what it is about, up to a colon or a dash ("On borrowing the
# dock from the empty desk - sorry, no", "As for making sure this never happens again: ...").
_TOPIC = re.compile(
    r"(?:on|about|as for|as to|regarding|re)\s[^.!?:\n]{1,80}?(?::|\s[-\u2013\u2014]\s)",
    re.IGNORECASE,
)


def compile_step(step: Step) -> CompiledStep:
    """The compiled step, cached per Step object (phrases are also cached one by one)."""
    cached = _compiled.get(id(step))
    if cached is not None and cached[0] is step:
        return cached[1]
    expect = step.expect
    supported_figures, known_menus, known_identifiers = _read_from_case(step.said)
    compiled = CompiledStep(
        points=tuple((point, _phrases(point.phrases)) for point in expect.points),
        facts=tuple(
            (fact, _phrases(fact.phrases), _claims(fact.wrong), _allowed_values(fact, step))
            for fact in expect.facts
        ),
        never=tuple((item, _forbidden(item.phrases)) for item in expect.never),
        tone_off=frozenset(step.tone.off) | rules_off_for(step.customer),
        supported_figures=supported_figures,
        known_menus=known_menus,
        known_identifiers=known_identifiers,
    )
    if len(_compiled) >= _CACHE_LIMIT:
        _compiled.clear()
    _compiled[id(step)] = (step, compiled)
    return compiled


class _CaseReading(NamedTuple):
    supported_figures: figures.Supported
    known_menus: CaseTerms
    known_identifiers: CaseTerms


@lru_cache(maxsize=64)
def _read_from_case(said: tuple[str, ...]) -> _CaseReading:
    """What a scenario's own texts allow a reply to name, read once for all of its steps (they
    share one `said`)."""
    return _CaseReading(
        figures.Supported.of_texts(said),
        menu_paths.known_menus(said),
        identifiers.known_identifiers(said),
    )


def score_reply(
    reply: str, step: Step | None = None, weights: formula.Weights = formula.DEFAULT_WEIGHTS
) -> ScoreCard:
    """Score a reply on politeness and, given a step, correctness and completeness.

    Any text is accepted; a reply without a single word scores 0. Raises TypeError when
    `reply` is not a string.
    """
    if not isinstance(reply, str):
        raise TypeError(f"reply must be a str, not {type(reply).__name__}")
    analysis = Analysis(reply)
    compiled = compile_step(step) if step else None
    tone = find_tone(analysis, compiled.tone_off if compiled else CONTEXT_RULES)
    # Which sentences are stated matters only for a step's items: politeness alone skips it.
    stated = stated_sentences(analysis) if compiled else frozenset()
    reading = _Reading(analysis, stated, tone)
    politeness_reading = read_politeness(analysis)
    markers = adjust_markers(politeness_reading.markers, tone, analysis)
    points, facts, never = _match_step(compiled, reading) if compiled else ((), (), ())
    share = round(stated_share(analysis, stated), 4) if compiled else 1.0
    if not analysis.tokens:
        blank = None if step is None else 0
        return ScoreCard(
            0,
            blank,
            blank,
            0,
            points,
            facts,
            never,
            markers,
            politeness_reading.polarity,
            (_BLANK_FEEDBACK,),
            stated_share=share,
        )
    politeness = formula.politeness(markers, politeness_reading.polarity, politeness_reading.length)
    correctness = completeness = None
    if step is not None:
        correctness = formula.correctness(facts, never, weights, share)
        completeness = formula.completeness(points, weights, share)
    overall = formula.overall(
        politeness,
        correctness,
        completeness,
        violated=any(item.violated for item in never),
        wrong_fact=any(fact.status is FactStatus.WRONG for fact in facts),
        stated_share=share,
        weights=weights,
    )
    feedback = build_feedback(
        politeness,
        markers,
        points,
        facts,
        never,
        step_given=step is not None,
        listed=step is not None and share < weights.list_below,
    )
    return ScoreCard(
        politeness,
        correctness,
        completeness,
        overall,
        points,
        facts,
        never,
        markers,
        politeness_reading.polarity,
        feedback,
        stated_share=share,
    )


def _phrases(sources: list[str]) -> tuple[Phrase, ...]:
    return tuple(compile_phrase(source) for source in expand(sources))


def _forbidden(sources: list[str]) -> tuple[Phrase, ...]:
    return tuple(compile_forbidden(source) for source in expand(sources))


def _claims(sources: list[str]) -> tuple[Phrase, ...]:
    """A fact's `wrong` phrases, whose words must stay close: a wrong claim is said in so
    many words, and "set it to comma" is not "setting ... change it from Comma"."""
    return tuple(compile_claim(source) for source in expand(sources))


def _allowed_values(fact: Fact, step: Step) -> frozenset[str]:
    """Keys of the values of the fact's type that are not wrong: its own, and those the
    briefing or the customer's message give."""
    if fact.value is None:
        return frozenset()
    kind = fact.value.type
    own = frozenset(key for text in fact.value.is_ for key in value_keys(text, kind))
    return own | value_keys(step.context, kind)


def _match_step(
    compiled: CompiledStep, reading: _Reading
) -> tuple[tuple[PointResult, ...], tuple[FactResult, ...], tuple[NeverResult, ...]]:
    points = []
    for point, phrases in compiled.points:
        evidence, stated = _best_match(phrases, reading)
        if evidence is None or not stated:
            by_label = find_by_label(point.label, reading.analysis, reading.stated)
            if by_label is not None:
                evidence, stated = by_label, True
        points.append(
            PointResult(point.id, point.label, point.weight, evidence is not None, evidence, stated)
        )
    facts = [_match_fact(entry, reading) for entry in compiled.facts]
    text = reading.analysis.text
    figures_given = (
        Evidence(value.key, text[value.start : value.end], value.start, value.end)
        for value in figures.unsupported(text, compiled.supported_figures)
    )
    facts.extend(_first_unsupported(figures.FACT_ID, figures.FACT_LABEL, figures_given, facts))
    menus_given = menu_paths.unknown_menus(text, compiled.known_menus)
    facts.extend(_first_unsupported(menu_paths.FACT_ID, menu_paths.FACT_LABEL, menus_given, facts))
    ids_given = identifiers.unknown_identifiers(text, compiled.known_identifiers)
    facts.extend(_first_unsupported(identifiers.FACT_ID, identifiers.FACT_LABEL, ids_given, facts))
    never = []
    for item, phrases in compiled.never:
        evidence = next(
            (
                match
                for match in unquoted_matches(phrases, reading.analysis)
                if not _commits_to_nothing(reading.analysis, match)
            ),
            None,
        )
        never.append(NeverResult(item.id, item.label, item.weight, evidence is not None, evidence))
    return tuple(points), tuple(facts), _with_tone(never, reading.tone, reading.analysis)


def _commits_to_nothing(analysis: Analysis, evidence: Evidence) -> bool:
    """Whether a never item's match states today's terms or a question rather than a promise:
    it holds only until a date ("the rate stays $42 till 14 June"), is asked about ("whether
    BrightLeaf keeps $42 is the advertiser's decision") or is what the reply offers something
    in place of ("a fixed credit rather than money back"), or only names the topic of what
    follows (see _names_the_topic)."""
    if _names_the_topic(analysis, evidence) or _INSTEAD.search(
        analysis.text, max(0, evidence.start - _COMPARED_REACH), evidence.start
    ):
        return True
    after = analysis.text[evidence.end : evidence.end + _BOUND_REACH]
    bound = _UNTIL.match(after)
    if bound and (
        values_of(after[bound.end() :], ValueType.DATE) or _DAY_OF_MONTH.match(after, bound.end())
    ):
        return True
    tokens = analysis.tokens
    first = analysis.token_at(evidence.start)
    return any(
        tokens[index].word == "whether" and tokens[index].clause == tokens[first].clause
        for index in range(max(0, first - _WHETHER_REACH), first)
    )


def _names_the_topic(analysis: Analysis, evidence: Evidence) -> bool:
    """Whether the match sits in the words that open its sentence by naming what it is about
    (_TOPIC): the sentence's claim comes after them."""
    opening = analysis.tokens[analysis.sentences[analysis.sentence_at(evidence.start)][0]]
    topic = _TOPIC.match(analysis.text, opening.start)
    return topic is not None and evidence.end <= topic.end()


def _first_unsupported(
    fact_id: str, label: str, spans: Iterable[Evidence], facts: list[FactResult]
) -> Iterator[FactResult]:
    """The first figure or menu the scenario never gives, as a wrong fact of its own, unless
    a fact already reports it wrong."""
    reported = [fact.evidence for fact in facts if fact.status is FactStatus.WRONG]
    for span in spans:
        if not any(evidence and _overlaps(evidence, span) for evidence in reported):
            yield FactResult(fact_id, label, 1.0, FactStatus.WRONG, span)
            return


def _best_match(phrases: tuple[Phrase, ...], reading: _Reading) -> tuple[Evidence | None, bool]:
    """The first match stated in a sentence, else the first match in a fragment."""
    first = None
    for phrase in phrases:
        for evidence in phrase.find_all(reading.analysis):
            if reading.is_stated(evidence):
                return evidence, True
            first = first or evidence
    return first, first is None


def _with_tone(
    never: list[NeverResult], hits: tuple[ToneHit, ...], analysis: Analysis
) -> tuple[NeverResult, ...]:
    """The step's never items with the tone rules' hits: a hit is reported by the step's own
    item that the rule names in `reported_as` (or that has the rule's id), else under the
    rule's id and label. The fitted model's hit in a sentence that a step's own item already
    reports is that item's offence, not another ("the migration team dropped the ball,
    they're a mess" is badmouthing the team once): the model judges a sentence, it does not
    say which offence it is."""
    results = {item.id: item for item in never}
    reported = {
        analysis.sentence_at(item.evidence.start)
        for item in never
        if item.violated and item.evidence is not None
    }
    for hit in hits:
        fitted = hit.evidence.phrase == FITTED_PHRASE
        if fitted and analysis.sentence_at(hit.evidence.start) in reported:
            continue
        target = next(
            (item_id for item_id in (hit.rule.id, *hit.rule.reported_as) if item_id in results),
            None,
        )
        if target is None:
            results[hit.rule.id] = NeverResult(hit.rule.id, hit.rule.label, 1.0, True, hit.evidence)
        elif not results[target].violated:
            item = results[target]
            results[target] = NeverResult(item.id, item.label, item.weight, True, hit.evidence)
    return tuple(results.values())


def _match_fact(
    entry: tuple[Fact, tuple[Phrase, ...], tuple[Phrase, ...], frozenset[str]],
    reading: _Reading,
) -> FactResult:
    """Wrong when a wrong phrase matches outside the words the reply quotes (even if a right one
    does too: "do I have to wait till 30 July?" quoted is the customer's question), when the
    reply gives another value of the fact's type, or when it denies the fact and never states
    it; else right when a phrase matches or a stated sentence holds every content word of the
    label (meaning.FACT_SHARE); else missing.

    A wrong match that shares words with a right one does not count: "an hour" is not wrong
    in "a quarter of an hour" when the latter is right, and "by the 30th" does not reach across
    "by 25 April for the 30 April run".
    """
    fact, right, wrong, allowed = entry
    analysis = reading.analysis
    right_matches = find_all(right, analysis)
    quoted = quoted_spans(analysis.text)
    wrong_matches = [
        evidence
        for evidence in find_all(wrong, analysis)
        if not any(_overlaps(right_match, evidence) for right_match in right_matches)
        and not _compared(analysis.text, evidence.start)
        and not inside(quoted, evidence.start, evidence.end)
        and not _names_the_topic(analysis, evidence)
    ]
    if not wrong_matches and fact.value is not None:
        wrong_matches = _other_values(fact.value, analysis, allowed, right_matches)
    if not wrong_matches and not right_matches:
        denied = next(
            (evidence for phrase in right if (evidence := phrase.find_denied(analysis))), None
        )
        if denied is not None:
            wrong_matches = [denied]
    if wrong_matches:
        return FactResult(fact.id, fact.label, fact.weight, FactStatus.WRONG, wrong_matches[0])
    if not right_matches:
        by_label = find_by_label(
            fact.label, analysis, reading.stated, meaning.FACT_CUES, meaning.FACT_SHARE
        )
        if by_label is None:
            return FactResult(fact.id, fact.label, fact.weight, FactStatus.MISSING, None)
        return FactResult(fact.id, fact.label, fact.weight, FactStatus.RIGHT, by_label, True)
    stated = [evidence for evidence in right_matches if reading.is_stated(evidence)]
    evidence = (stated or right_matches)[0]
    return FactResult(fact.id, fact.label, fact.weight, FactStatus.RIGHT, evidence, bool(stated))


def _other_values(
    value: FactValue, analysis: Analysis, allowed: frozenset[str], right: list[Evidence]
) -> list[Evidence]:
    """The reply's values of the fact's type that are not allowed, but for those outside the
    sentences that give the fact's own value: a reply that gives the right date may name
    another for something else ("March is paid in the 30 April run. April's earnings follow
    on 30 May"), while "back by 11:30, maybe 13:30" hedges. A value the briefing gives for
    something else is wrong in the clause a right phrase states the fact in: "paid off-cycle
    within 10 business days" where the review, not the payment, takes 10."""
    text = analysis.text
    found = values_of(text, value.type)
    own = {key for source in value.is_ for key in value_keys(source, value.type)}
    stating = {analysis.sentence_at(item.start) for item in found if item.key in own}
    spans = [(item.start, item.end) for item in found]
    claimed = {
        analysis.clause_at(evidence.start)
        for evidence in right
        if not overlaps(spans, evidence.start, evidence.end)
    } - {analysis.clause_at(item.start) for item in found if item.key in own}
    return [
        Evidence(item.key, text[item.start : item.end], item.start, item.end)
        for item in found
        if item.key not in own
        and (item.key not in allowed or analysis.clause_at(item.start) in claimed)
        and (not stating or analysis.sentence_at(item.start) in stating)
        and not _compared(text, item.start)
    ]


def _compared(text: str, start: int) -> bool:
    """Whether what starts here is what the reply puts something instead of, or beats, not
    what it claims: "a faster route than the 30 July run", "instead of 48 hours" ("later
    than 30 July" still claims a date)."""
    return _COMPARED.search(text, max(0, start - _COMPARED_REACH), start) is not None


def _overlaps(right: Evidence, wrong: Evidence) -> bool:
    return right.start < wrong.end and wrong.start < right.end
