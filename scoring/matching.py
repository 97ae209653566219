"""Scenario phrases matched against an analysed reply, returning evidence spans.

A plain phrase matches when its words occur in one sentence of the reply, in order, with at
most MAX_GAP other words between two of them, compared by key (case, punctuation, spelling
variant, contraction and inflection do not matter), long words allowing a typo or two. A match
does not count when a negation ("not", "no", "never", "can't", ...) stands before it in the
same clause or inside it: "I can't see any outage" does not match "outage", nor when the match
opens its clause and "is not", "doesn't" or the like follows it ("refunds aren't something we
offer"). Negation words written in the phrase itself are simply words to match: "no outage"
matches "there is no outage", and such a phrase is not cancelled by an earlier negation. A
number in a phrase keeps its next word close: "3 days" matches "3 business days", not "3 times
in a day".
Prepositions may differ in phrases of two or more content words, an article inside a phrase
may be left out, "it" or "them" inside a phrase also matches what it names ("yank it out" =
"yank the paper out"), a day and a month match in either order, and support synonyms
(scoring/synonyms.py) stand in for one another, the evidence always being the reply's own
words. A phrase starting with ``re:`` is a case-insensitive regular expression searched in the
original text, subject to the same look-back for negation. The rules, with examples, are in
docs/scoring.md.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import NamedTuple

from rapidfuzz.distance import OSA

from .card import Evidence
from .format.model import regex_source, spaced
from .literals import may_match, required_strings
from .synonyms import synonym_table
from .text import Analysis, Token, adjectives, tokenize
from .values import NUMBER_WORDS, is_some_day

MAX_GAP = 3
# How far apart the words of a wrong claim may be.
CLAIM_GAP = 1
# After a number the next phrase word follows at once or one word later: "3 days" is "3
# business days", not "3 times in a day".
MAX_GAP_AFTER_NUMBER = 1
# ... and that word qualifies the unit; these words start another part ("net-30 so March
# earnings" is not "30 March") or make "a day" some day ("a given day" is no duration).
_NOT_QUALIFIERS = frozenset(
    "and or nor so but then because as if when to given certain particular specific".split()
)
# Units that make "a" or "one" before them a number: "a day" is "24 hours".
_TIME_UNITS = frozenset("minute minutes hour hours day days week weeks month months".split())
NEGATION_REACH = 6
NEGATIONS = frozenset(
    "not no never none nothing nobody nowhere neither nor without hardly barely unable".split()
)
# "don't hesitate to contact us", "not only", "no problem": the negation does not reach on.
# Negations of a verb, which another negation in the reply may express ("will never ask" =
# "nobody will ever ask"); "nothing" or "no" name a thing instead ("thanks for nothing").
_VERB_NEGATIONS = frozenset(["not", "never", "ever"])
# "outside what we can see", "beyond what we can do": the clause that follows is denied.
_OUTSIDE_WHAT = frozenset(["outside", "beyond"])
# "isn't live until Thursday", "won't arrive till 11:30": the negation says nothing happens
# before the time, which it states.
_UNTIL = frozenset(["until", "till", "til"])
# "no later than 16 July", "no more than 3 days", "no matter", "no wonder": comparisons and
# set phrases that deny nothing.
_NOT_NEGATING_BEFORE = frozenset(
    "only hesitate problem problems worries worry doubt later earlier sooner more less fewer "
    "matter wonder exception".split()
)
# A match that is the subject of a denied "be" or "do" is denied too: "upgrading your plan isn't
# what fixes this", "refunds and compensation aren't something we offer". Modals are left out:
# "Tom can't change the rate, but he can ask" still offers Tom.
_AUXILIARIES = frozenset("is are was were be do does did".split())
_COORDINATORS = frozenset("and or nor".split())
_NEGATION_CARRIERS = frozenset(["or", "nor"])
# A negation spreads over a list: before its "or" it may sit this many words back ("does not
# include a cash refund of this month's fee or compensation for the lost deals").
_CARRIED_REACH = 10
# A denied promise denies what it would promise, as far on as a negation reaches from the verb
# ("I'm not able to guarantee that the rate stays at $42").
_COMMITMENT_VERBS = frozenset("guarantee promise ensure confirm say tell".split())
# Clause openers a negation just before denies as a whole: "it isn't because you ignored
# the preview" says no one ignored anything.
_DENIED_OPENERS = frozenset(["because"])
# Subjects that deny their whole clause when they open it before its verb ("no" before a
# noun: "no agent will"), and the verbs that show it.
_DENYING_SUBJECTS = frozenset("nobody nothing none neither no".split())
_FINITE_VERBS = frozenset(
    "is are was were do does did has have had will would can could shall should may might "
    "must".split()
)
# A negation and its verb: "don't click", "do not call", "never open".
_NEGATED_VERB_WORDS = 3
# ... and the object each verb of such a list may take: "don't click them, close them".
_LISTED_OBJECTS = frozenset(["it", "them"])
_BARE_NO = frozenset(["no", "nope"])
_ANSWER_MARK = re.compile(r"[:?\u2013\u2014]|\s-\s")
_AFTER_ANSWER = re.compile(r"\s*[,.!;]")
_SUBJECT_PRONOUNS = frozenset("i you we they he she it this that there".split())
# Words of a noun phrase around a match that may stand between it and its verb.
_SUBJECT_WORDS = 4
# Adjectives, or determiners, that may stand before the first word of a subject.
_MODIFIERS = 2
# Words that end a subject: a pronoun, or a word that opens a clause of its own.
_NOT_IN_SUBJECT = _SUBJECT_PRONOUNS | frozenset(
    "when if so as once until before after since where can could will would should may might "
    "must have has had".split()
)
# Prepositions that a phrase of two or more content words can do without or swap: "hold off
# on posting" matches "hold off posting", "stays in your account" matches "stays on your
# account". "by tomorrow" keeps its "by", and so does a phrase its last word: the author wrote
# it to bound the match ("every shop on" the cluster is not "every affected shop"); articles
# follow ARTICLES below.
FUNCTION_WORDS = frozenset("of for to in on at by with from into onto about".split())
# A form of "be" before a participle inside a phrase, which terse writing leaves out ("nothing
# deleted" for "nothing was deleted").
BE_FORMS = frozenset("is are was were be been".split())
IRREGULAR_PARTICIPLES = frozenset("lost gone done sent paid".split())
# Pronouns that stand for the thing itself: inside a phrase, "it" or "them" also matches a
# noun phrase of up to MAX_GAP words opening with a determiner ("yank it out" matches "yank
# the paper out", "send it again" "send your document again"), not any word ("switch it off"
# is not "switch Wi-Fi off").
PRONOUN_SLOTS = frozenset(["it", "them"])
SLOT_DETERMINERS = frozenset("the a an this that these those my your our his her their its".split())
# Words that open a noun phrase and count or pick its thing: a determiner in the words skipped
# after one opens another noun phrase, so the thing that follows is not theirs ("every minute
# your shop is down" is not "every shop").
_QUANTIFIERS = frozenset("every each all any no some both either neither".split())
# Inside a phrase an article may be left out, but not replaced: "send the hours" matches the
# terse "send hours", while "within the hour" is still not "within 24 hours".
ARTICLES = frozenset(["a", "an", "the"])
# Only content words count: "in your balance" and "that's on you" keep their prepositions.
_NOT_COUNTED = FUNCTION_WORDS | frozenset(
    "a an the my your our his her its their this that these those i you we he she it they me "
    "us him them am is are was were be been being do does did have has had will would can "
    "could shall should may might must not".split()
)
MONTHS = frozenset(
    "januari februari march april may june juli august septemb octob novemb decemb "
    "jan feb mar apr jun jul aug sep sept oct nov dec".split()
)
# Currency words next to a number say nothing more: "$100" = "100 dollars" = "USD 100".
CURRENCY = frozenset("dollar usd eur euro gbp pound buck cent ct".split())
# Words that turn a sentence round: a match never spans them ("turn Wi-Fi off but keep the
# laptop on" does not say "turn off the laptop").
_CONTRASTS = frozenset("but however although though whereas yet instead".split())
# "so" before the subject of a clause joins two statements: "turn Wi-Fi off so the laptop is
# off the network" does not say "turn off the laptop" (but "I am so sorry" is "I am sorry").
_CLAUSE_SUBJECTS = frozenset(
    "the a an it its you your we our they their he she this that there i".split()
)
# What the words skipped inside a match may not contain (brackets may: "your (shop) domain").
_PAUSE = re.compile(r"[,;:\u2013\u2014]|\s-\s")
# Words a forbidden phrase may not skip: a modal or a word opening a clause says something
# else ("you can ignore" is not "you ignored", "I'll tell you" is not "I told you", "your
# developer) why it was" is not "your developer is"); nor may it skip a pause or a bracket.
_OWN_MOOD = frozenset(
    "can could may might will would shall should must when why who what where how which whether"
    .split()
)
_OWN_BREAK = re.compile(rf"{_PAUSE.pattern}|[()\[\]]")
# Bounds the search for a phrase whose words repeat all over a very long reply.
_SEARCH_BUDGET = 2000
# Bounds the versions of a phrase made with synonyms of several words.
_MAX_VERSIONS = 12


def max_edits(word: str) -> int:
    """Typos tolerated in a phrase word: none below 6 letters, one up to 8, then two."""
    if len(word) < 6 or not word.isalpha():
        return 0
    return 1 if len(word) < 9 else 2


@dataclass(frozen=True, slots=True)
class _Word:
    word: str
    key: str
    edits: int
    optional: bool = False
    # Keys of one-word synonyms that match as well ("fee" for "charge").
    others: tuple[str, ...] = ()
    # Put in by a synonym of several words: never left out ("on" of "on its own").
    fixed: bool = False
    # A pronoun inside the phrase, which the words naming the thing may replace.
    slot: bool = False
    # An article inside the phrase, which the reply may leave out.
    elided: bool = False
    # Follows a number: comes at once or one word later ("3 business days", not "3 times in
    # a day").
    after_number: bool = False


def _passive(words: Sequence[_Word], index: int) -> bool:
    """Whether the word at `index` is a form of "be" before a participle."""
    following = words[index + 1].word if index + 1 < len(words) else ""
    return words[index].word in BE_FORMS and (
        following.endswith("ed") or following in IRREGULAR_PARTICIPLES
    )


def _changed(word: _Word, **fields: bool) -> _Word:
    """The word with these fields, copied only when one differs: most words of a phrase keep
    theirs, and compiling the library's ten thousand phrases copies words by the hundred
    thousand otherwise."""
    if all(getattr(word, name) == value for name, value in fields.items()):
        return word
    return replace(word, **fields)


class Phrase:
    """One compiled phrase; `find` returns the first match that is not negated, or None.

    A phrase that says a negation ("will never ask for your password") also matches its
    positive words denied in the reply ("nobody will ever ask for your password"), and
    `find_denied` gives the first match whose claim the reply denies ("it was not our
    mistake" for "our mistake"): a fact stated the other way round.
    """

    __slots__ = (
        "source", "_variants", "_regex", "_says_negation", "_positive", "_max_gap", "_needs",
        "_regex_needs", "_plain",
    )
    _variants: tuple[tuple[_Word, ...], ...]

    def __init__(self, source: str, max_gap: int = MAX_GAP, plain: bool = False) -> None:
        self.source = source
        self._max_gap = max_gap
        # Words skipped inside a match hold no modal, clause opener, pause or bracket.
        self._plain = plain
        pattern = regex_source(source)
        self._regex = None if pattern is None else re.compile(spaced(pattern), re.IGNORECASE)
        self._regex_needs = (
            None if pattern is None else required_strings(spaced(pattern), re.IGNORECASE)
        )
        # A phrase that says a negation itself ("won't come back") is not cancelled by an
        # earlier one ("the days without the code won't come back").
        self._says_negation = pattern is None and any(
            token.word in NEGATIONS for token in tokenize(source)
        )
        self._positive = _positive_version(source, plain) if self._says_negation else None
        # A point or fact may be stated tersely; a claim or a never item keeps its "be".
        terse = max_gap == MAX_GAP and not plain
        variants: list[tuple[_Word, ...]] = []
        for words in _synonym_versions(list(_phrase_words(source))):
            if sum(word.word not in _NOT_COUNTED for word in words) >= 2:
                words = [
                    _changed(
                        word,
                        optional=(
                            word.word in FUNCTION_WORDS
                            or terse and 0 < index and _passive(words, index)
                        )
                        and not word.fixed
                        and index < len(words) - 1,
                    )
                    for index, word in enumerate(words)
                ]
            words = [
                _changed(word, slot=word.word in PRONOUN_SLOTS, elided=word.word in ARTICLES)
                if 0 < index < len(words) - 1 and not word.fixed
                else word
                for index, word in enumerate(words)
            ]
            variants.extend((tuple(words), *_swapped_dates(words)))
        self._variants = tuple(_marked_after_numbers(words) for words in variants)
        self._needs = _needed_keys(self._variants)

    def find(self, analysis: Analysis) -> Evidence | None:
        return next(self.find_all(analysis), None)

    @property
    def pattern_needs(self) -> frozenset[str] | None:
        """For a pattern, the strings one of which its every match holds (see literals.py)."""
        return self._regex_needs

    @property
    def needs(self) -> frozenset[str] | None:
        """Word keys one of which every match needs (its denied form's too); None for a
        pattern or a phrase that can match without any fixed word."""
        if self._regex is not None or self._needs is None:
            return None
        if self._positive is None:
            return self._needs
        positive = self._positive.needs
        return None if positive is None else self._needs | positive

    def forms(self) -> frozenset[tuple[str, ...]]:
        """Every wording this phrase matches as written, synonyms reduced to one key each, so
        that two phrases that say the same thing share a form ("refund" and "money back")."""
        return frozenset(
            tuple(min((word.key, *word.others)) for word in words) for words in self._variants
        )

    def find_all(self, analysis: Analysis) -> Iterator[Evidence]:
        """Every match that is not negated, in text order of its first word."""
        for evidence, negated in self._all(analysis):
            if not negated:
                yield evidence
        if self._positive is not None:
            for evidence, negated in self._positive._all(analysis):
                if negated:
                    yield replace(evidence, phrase=self.source)

    def find_denied(self, analysis: Analysis) -> Evidence | None:
        """The first match the reply denies ("not our mistake"), for phrases that say no
        negation themselves; None otherwise."""
        if self._says_negation:
            return None
        return next((evidence for evidence, negated in self._all(analysis) if negated), None)

    def _all(self, analysis: Analysis) -> Iterator[tuple[Evidence, bool]]:
        if self._regex is not None:
            if may_match(self._regex_needs, analysis.folded):
                yield from _find_regex(self._regex, self.source, analysis)
            return
        if self._needs is not None and analysis.positions.keys().isdisjoint(self._needs):
            return
        for words in self._variants:
            candidates = []
            for word in words:
                positions = _positions(word, analysis)
                if not positions and not (word.optional or word.slot or word.elided):
                    break
                candidates.append(_Candidate(
                    positions, word.optional, word.slot, word.elided, word.after_number
                ))
            else:
                yield from self._matches(candidates, analysis, _gives_quantity(words))

    def _matches(
        self, candidates: list[_Candidate], analysis: Analysis, counts: bool
    ) -> Iterator[tuple[Evidence, bool]]:
        for path in _paths(candidates, analysis, self._max_gap, counts, self._plain):
            start, end = analysis.span(path[0], path[-1])
            if counts and is_some_day(analysis.text, start, end):
                continue
            negated = _negated(path, analysis, look_back=not self._says_negation)
            yield Evidence(self.source, analysis.text[start:end], start, end), negated


def _positive_version(source: str, plain: bool = False) -> Phrase | None:
    """The phrase without its negation words, when content words remain ("will never ask
    for your password" -> "will ask for your password")."""
    words = [token.word for token in tokenize(source)]
    if any(word in NEGATIONS and word not in _VERB_NEGATIONS for word in words):
        return None
    remaining = [word for word in words if word not in _VERB_NEGATIONS]
    if sum(word not in _NOT_COUNTED for word in remaining) < 2:
        return None
    return (compile_forbidden if plain else compile_phrase)(" ".join(remaining))


@lru_cache(maxsize=8192)
def compile_phrase(source: str) -> Phrase:
    """The compiled phrase, cached: a scenario's phrases are compiled once per process."""
    return Phrase(source)


def compile_claim(source: str) -> Phrase:
    """A phrase whose words may be at most CLAIM_GAP words apart."""
    return Phrase(source, max_gap=CLAIM_GAP)


@lru_cache(maxsize=8192)
def compile_forbidden(source: str) -> Phrase:
    """A `never` phrase: its words may be apart as other phrases' may, but the words between
    must not say something of their own (see _OWN_MOOD)."""
    return Phrase(source, plain=True)


@lru_cache(maxsize=2048)
def compile_idiom(source: str) -> Phrase:
    """A phrase whose words must follow one another, as an idiom's do: "your highness" is not
    "your balance is high"."""
    return Phrase(source, max_gap=0, plain=True)


def _phrase_words(source: str) -> list[_Word]:
    """The phrase's words, read like a reply ("3 pm" is one word, the time 15:00). A
    hyphenated word is one word: "wi-fi" matches "Wi-Fi" and "wifi". Currency words next to a
    number are left out."""
    words = []
    for token in tokenize(source):
        raw = source[token.start : token.end]
        if "-" in raw:
            if token.alias:
                word = raw.lower().replace("-", "")
                words.append(_Word(word, token.alias, max_edits(word)))
            continue
        words.append(_Word(token.word, token.key, max_edits(token.word)))
    return [
        word
        for index, word in enumerate(words)
        if word.key not in CURRENCY
        or not any(
            0 <= near < len(words) and words[near].key[:1].isdigit()
            for near in (index - 1, index + 1)
        )
    ]


def _needed_keys(variants: Sequence[Sequence[_Word]]) -> frozenset[str] | None:
    """Keys one of which every match needs: of each wording, the longest (so the rarest) word
    that is never left out, replaced or misspelt. None when some wording has no such word."""
    needed: set[str] = set()
    for words in variants:
        fixed = [w for w in words if not (w.optional or w.slot or w.elided or w.edits)]
        if not fixed:
            return None
        word = max(fixed, key=lambda w: len(w.word))
        needed.update((word.key, *word.others))
    return frozenset(needed)


def _crosses_a_joint(analysis: Analysis, previous: int, position: int) -> bool:
    """Whether the words skipped between two matched words join two statements: a "because"
    or a "so" that opens a clause (see _CLAUSE_SUBJECTS), or a new clause after a pause or a
    contrast ("turn Wi-Fi off, but keep the laptop on")."""
    tokens, skipped = analysis.tokens, range(previous + 1, position)
    if any(
        tokens[index].word == "because"
        or tokens[index].word == "so"
        and tokens[index + 1].word in _CLAUSE_SUBJECTS
        for index in skipped
    ):
        return True
    return tokens[position].clause != tokens[previous].clause and bool(
        _PAUSE.search(analysis.text, tokens[previous].end, tokens[position].start)
        or any(tokens[index].word in _CONTRASTS for index in skipped)
    )


def _says_its_own(analysis: Analysis, previous: int, position: int) -> bool:
    tokens = analysis.tokens
    return any(token.word in _OWN_MOOD for token in tokens[previous + 1 : position]) or bool(
        _OWN_BREAK.search(analysis.text, tokens[previous].end, tokens[position].start)
    )


def _skips_a_number(tokens: Sequence[Token], previous: int, position: int) -> bool:
    return any(token.key[:1].isdigit() for token in tokens[previous + 1 : position])


def _skips_to_another_noun_phrase(tokens: Sequence[Token], previous: int, position: int) -> bool:
    return tokens[previous].word in _QUANTIFIERS and any(
        token.word in SLOT_DETERMINERS for token in tokens[previous + 1 : position]
    )


def _gives_quantity(words: Sequence[_Word]) -> bool:
    """Whether a phrase gives a quantity ("24 hours", "a day"): it then skips no number."""
    return any(word.key[:1].isdigit() or word.word in NUMBER_WORDS for word in words)


def _marked_after_numbers(words: tuple[_Word, ...]) -> tuple[_Word, ...]:
    """The words, each one that follows a number marked so (after any date swap), and so a
    unit of time after a number word ("a day")."""
    return tuple(
        replace(word, after_number=True)
        if index
        and (
            words[index - 1].key[:1].isdigit()
            or words[index - 1].word in NUMBER_WORDS
            and word.word in _TIME_UNITS
        )
        else word
        for index, word in enumerate(words)
    )


def _synonym_versions(words: list[_Word]) -> list[list[_Word]]:
    """The phrase as written, then once with each synonym of several words put in; every
    word of every version also matches its one-word synonyms (scoring/synonyms.py)."""
    single, longer = synonym_table()

    def with_others(version: list[_Word]) -> list[_Word]:
        return [
            replace(word, others=tuple(sorted(single[word.key]))) if word.key in single else word
            for word in version
        ]

    versions = [with_others(words)]
    keys = [word.key for word in words]
    for start in range(len(words)):
        for end in range(start + 1, min(start + 4, len(words)) + 1):
            for other in longer.get(tuple(keys[start:end]), ()):
                inserted = [_Word(key, key, 0, fixed=True) for key in other]
                versions.append(with_others([*words[:start], *inserted, *words[end:]]))
                if len(versions) >= _MAX_VERSIONS:
                    return versions
    return versions


def _swapped_dates(words: list[_Word]) -> Iterator[tuple[_Word, ...]]:
    """The phrase with a day and a month the other way round: "1 July" also matches
    "July 1st", "30th of April" also "April 30"."""
    for index in range(len(words) - 1):
        day, month = words[index], words[index + 1]
        rest = 2
        if month.word in ("of", "the") and index + 2 < len(words):
            month, rest = words[index + 2], 3
        if _is_day(day) and month.key in MONTHS:
            yield (*words[:index], month, day, *words[index + rest :])
        elif day.key in MONTHS and _is_day(month):
            yield (*words[:index], month, day, *words[index + rest :])


def _is_day(word: _Word) -> bool:
    return word.key.isdigit() and 1 <= int(word.key) <= 31


def find_first(phrases: Iterable[Phrase], analysis: Analysis) -> Evidence | None:
    """Evidence of the first phrase (in the author's order) that matches, or None."""
    for phrase in phrases:
        evidence = phrase.find(analysis)
        if evidence is not None:
            return evidence
    return None


class PhraseIndex:
    """Many phrases in their order, found by the words they need: a reply is tried only
    against the phrases whose words it has."""

    def __init__(self, phrases: Iterable[Phrase]) -> None:
        self.phrases = tuple(phrases)
        self._always: list[int] = []
        self._by_key: dict[str, list[int]] = {}
        self._by_string: dict[str, list[int]] = {}
        for index, phrase in enumerate(self.phrases):
            needs, strings = phrase.needs, phrase.pattern_needs
            if needs is not None:
                for key in needs:
                    self._by_key.setdefault(key, []).append(index)
            elif strings is not None:
                for string in strings:
                    self._by_string.setdefault(string, []).append(index)
            else:
                self._always.append(index)

    def candidates(self, analysis: Analysis) -> list[Phrase]:
        """The phrases that may match the reply, in their order."""
        found = set(self._always)
        by_key = self._by_key
        for key in analysis.positions:
            found.update(by_key.get(key, ()))
        folded = analysis.folded
        for string, indexes in self._by_string.items():
            if string in folded:
                found.update(indexes)
        return [self.phrases[index] for index in sorted(found)]


def find_all(phrases: Iterable[Phrase], analysis: Analysis) -> list[Evidence]:
    """Every match of every phrase."""
    return [evidence for phrase in phrases for evidence in phrase.find_all(analysis)]


def _find_regex(
    regex: re.Pattern[str], source: str, analysis: Analysis
) -> Iterator[tuple[Evidence, bool]]:
    tokens = analysis.tokens
    for match in regex.finditer(analysis.text):
        if match.end() == match.start():
            continue
        negated = bool(tokens) and negated_before(tokens, analysis.token_at(match.start()))
        yield Evidence(source, match.group(), match.start(), match.end()), negated


def _positions(word: _Word, analysis: Analysis) -> Sequence[int]:
    exact = analysis.positions.get(word.key, ())
    if word.others:
        found = [position for key in word.others for position in analysis.positions.get(key, ())]
        if found:
            exact = sorted({*exact, *found})
    if not word.edits:
        return exact
    typos = [
        position
        for candidate, key, positions in analysis.typo_candidates.get(word.word[0], ())
        if key != word.key and _within(word, candidate, key)
        for position in positions
    ]
    return sorted([*exact, *typos]) if typos else exact


def _within(word: _Word, candidate: str, key: str) -> bool:
    """Whether a reply word is a typo of the phrase word, as written or as stemmed."""
    if abs(len(candidate) - len(word.word)) <= word.edits:
        if OSA.distance(candidate, word.word, score_cutoff=word.edits) <= word.edits:
            return True
    # The stem is shorter than the word: it allows only the typos its own length allows
    # ("shockingly" keeps two, its stem "shock" none, so "should" is no typo of it).
    edits = min(word.edits, max_edits(word.key))
    return bool(edits) and OSA.distance(key, word.key, score_cutoff=edits) <= edits


class _Candidate(NamedTuple):
    """Where one phrase word occurs in the reply, and whether it may be left out."""

    positions: Sequence[int]
    optional: bool
    slot: bool
    elided: bool
    after_number: bool


def _paths(
    candidates: list[_Candidate],
    analysis: Analysis,
    gap: int = MAX_GAP,
    counts: bool = False,
    plain: bool = False,
) -> Iterator[list[int]]:
    """Every way to place the phrase words in order, within one sentence and `gap` apart;
    an optional word is placed when it can be, else left out; a pronoun slot is placed or
    else replaced by words opening with a determiner; an elided article is placed or else
    left out with no word in its place. Words skipped between two phrase words never include
    a comma, semicolon, colon or dash: "switch Wi-Fi off now, but keep the laptop on" does
    not say "switch off the laptop"; and in a phrase that gives a quantity, no number ("a
    14-day period" is not "a day", while "the same $100 minimum" is "the same minimum")."""
    tokens = analysis.tokens
    budget = [_SEARCH_BUDGET]

    def extend(level: int, path: list[int], skipped: str = "") -> Iterator[list[int]]:
        if level == len(candidates):
            yield path
            return
        positions, optional, slot, elided, after_number = candidates[level]
        max_gap = min(gap, MAX_GAP_AFTER_NUMBER) if after_number else gap
        for position in positions:
            if budget[0] <= 0:
                return
            if path:
                previous = path[-1]
                if position <= previous:
                    continue
                if skipped == "slot" and (
                    position == previous + 1 or tokens[previous + 1].word not in SLOT_DETERMINERS
                ):
                    continue
                if skipped == "article" and position != previous + 1:
                    continue
                if position - previous - 1 > max_gap:
                    break
                if counts and _skips_a_number(tokens, previous, position):
                    continue
                if plain and _says_its_own(analysis, previous, position):
                    continue
                if _skips_to_another_noun_phrase(tokens, previous, position):
                    continue
                if (
                    after_number
                    and position > previous + 1
                    and tokens[previous + 1].word in _NOT_QUALIFIERS
                ):
                    continue
                if tokens[position].sentence != tokens[previous].sentence:
                    break
                if position - previous > 1 and _crosses_a_joint(analysis, previous, position):
                    break
            budget[0] -= 1
            yield from extend(level + 1, [*path, position])
        if optional:
            yield from extend(level + 1, path, skipped)
        elif slot:
            yield from extend(level + 1, path, "slot")
        elif elided:
            yield from extend(level + 1, path, "article")

    yield from extend(0, [])


def _is_negation(tokens: Sequence[Token], index: int) -> bool:
    following = index + 1
    if tokens[index].word in _OUTSIDE_WHAT:
        return following < len(tokens) and tokens[following].word == "what"
    if tokens[index].word not in NEGATIONS:
        return False
    return following >= len(tokens) or tokens[following].word not in _NOT_NEGATING_BEFORE


def _negated(path: list[int], analysis: Analysis, look_back: bool) -> bool:
    tokens = analysis.tokens
    inside = set(path)
    for index in range(path[0] + 1, path[-1]):
        if index not in inside and _is_negation(tokens, index):
            return True
    if look_back and negated_before(tokens, path[0]):
        return True
    return _denied_subject(path, analysis) or _answered_no(path[-1], analysis)


def _negated_verb_list(tokens: Sequence[Token], start: int) -> bool:
    """Whether the clause opening at `start` goes on a list of verbs a short negated clause
    began ("Don't click, close or call anything": "close" is denied too). The clause must open
    with one verb, and perhaps "it" or "them", that "or" or a further comma follows ("don't
    click them, close them or call the number"), and the clause before it must be a negation
    and its verb alone, or with "it" or "them"."""
    after = start + 1
    if after < len(tokens) and tokens[after].word in _LISTED_OBJECTS:
        after += 1
    if tokens[start - 1].sentence != tokens[start].sentence or after >= len(tokens):
        return False
    if not (
        tokens[after].word in _NEGATION_CARRIERS or tokens[after].clause != tokens[start].clause
    ):
        return False
    words = _NEGATED_VERB_WORDS + (tokens[start - 1].word in _LISTED_OBJECTS)
    opening = start - 1
    while opening > 0 and tokens[opening - 1].clause == tokens[start - 1].clause:
        opening -= 1
        if start - opening > words:
            return False
    negated = any(_is_negation(tokens, index) for index in range(opening, start))
    return negated and start - opening > 1


def _answered_no(last: int, analysis: Analysis) -> bool:
    """Whether a bare "no" answers the match right after a colon, question mark or dash
    ("Waiting until 30 July: no.", "Pay a fee? No, never.")."""
    tokens, answer = analysis.tokens, last + 1
    if answer >= len(tokens) or tokens[answer].word not in _BARE_NO:
        return False
    if not _ANSWER_MARK.search(analysis.text, tokens[last].end, tokens[answer].start):
        return False
    after = answer + 1
    return after >= len(tokens) or bool(
        _AFTER_ANSWER.match(analysis.text, tokens[answer].end, tokens[after].start)
    )


def _denied_subject(path: list[int], analysis: Analysis) -> bool:
    """Whether the match is (in) the subject of a denied verb: it opens its clause, after a
    determiner or a coordinated subject, and "is not", "doesn't" or the like follows it, after
    the rest of its noun phrase or another subject ("our head of partnerships doesn't take
    calls", "full refunds or compensation for lost deals aren't something we offer")."""
    tokens = analysis.tokens
    if not _opens_subject(analysis, path[0]):
        return False
    verb = _verb_after_subject(analysis, path[-1])
    return (
        verb is not None
        and verb + 1 < len(tokens)
        and tokens[verb].sentence == tokens[path[-1]].sentence
        and _is_negation(tokens, verb + 1)
    )


def _opens_subject(analysis: Analysis, first: int) -> bool:
    """Whether token `first` opens its clause, after determiners and adjectives ("the full
    refund") or after another subject joined by "and" or "or" ("full refunds or
    compensation")."""
    tokens = analysis.tokens
    modifiers = adjectives()
    for words in (modifiers, SLOT_DETERMINERS):
        skipped = 0
        while first and tokens[first - 1].word in words and skipped < _MODIFIERS:
            first, skipped = first - 1, skipped + 1
    if not first or tokens[first - 1].clause != tokens[first].clause:
        return True
    if tokens[first - 1].word not in _COORDINATORS:
        return False
    for index in range(first - 2, max(first - 2 - _SUBJECT_WORDS, -1), -1):
        if tokens[index].word in _NOT_IN_SUBJECT or _is_negation(tokens, index):
            return False
        if not index or tokens[index - 1].clause != tokens[index].clause:
            return True
    return False


def _verb_after_subject(analysis: Analysis, last: int) -> int | None:
    """The auxiliary that follows a subject ending at token `last`, after at most
    `_SUBJECT_WORDS` more words of it ("compensation for lost | deals aren't", "refunds | and
    compensation aren't"); None when a pronoun, a pause or another clause comes first."""
    tokens = analysis.tokens
    index, limit = last + 1, last + 1 + _SUBJECT_WORDS
    while index < len(tokens) and index <= limit:
        word = tokens[index].word
        if word in _AUXILIARIES:
            return index
        new_clause = tokens[index].clause != tokens[index - 1].clause
        # A determiner after anything but a preposition opens another noun phrase ("sorry
        # the site isn't loading").
        new_phrase = word in SLOT_DETERMINERS and tokens[index - 1].word not in FUNCTION_WORDS
        if word in _NOT_IN_SUBJECT or new_phrase or (new_clause and word not in _COORDINATORS):
            return None
        if _PAUSE.search(analysis.text, tokens[index - 1].end, tokens[index].start):
            return None
        if word in _COORDINATORS:
            limit = index + 1 + _SUBJECT_WORDS
        index += 1
    return None


def _denies_next_clause(tokens: Sequence[Token], last: int) -> bool:
    """Whether the clause after token `last` opens with a word a negation just before denies
    as a whole ("it isn't | because you ignored the preview")."""
    opener = last + 1
    return (
        tokens[opener].word in _DENIED_OPENERS
        and tokens[opener].sentence == tokens[last].sentence
        and _is_negation(tokens, last)
    )


def negated_before(tokens: Sequence[Token], first: int) -> bool:
    """Whether a negation precedes token `first` (or the end of the reply) in the same clause;
    an "or" between them widens the reach, as it carries the negation on ("I can't give you
    an amount or promise compensation for the sales"). A clause whose subject is a denial
    denies all it says, however far on ("Nobody from IT will ever ask you to type your
    password")."""
    return _negation_within_reach(tokens, first) or _opened_by_denial(tokens, first)


def _opened_by_denial(tokens: Sequence[Token], first: int) -> bool:
    """Whether the clause holding token `first` opens with a denying subject before it
    ("nobody", "no one", "no agent", "never", "none of us"; not "no problem")."""
    if first >= len(tokens):
        return False
    opening = first
    while opening and tokens[opening - 1].clause == tokens[first].clause:
        opening -= 1
    if opening == first or not _is_negation(tokens, opening):
        return False
    if tokens[opening].word == "never":
        return True
    # A subject only when its verb follows: "nothing wrong on our side its just the trigger"
    # denies nothing after it.
    return tokens[opening].word in _DENYING_SUBJECTS and any(
        token.word in _FINITE_VERBS for token in tokens[opening + 1 : first][: _SUBJECT_WORDS + 1]
    )


def _negation_within_reach(tokens: Sequence[Token], first: int) -> bool:
    clause = tokens[min(first, len(tokens) - 1)].clause
    reach, index = NEGATION_REACH, first - 1
    while index >= 0 and first - index <= reach:
        if tokens[index].clause != clause:
            return _denies_next_clause(tokens, index) or _negated_verb_list(tokens, index + 1)
        if tokens[index].word in _UNTIL:
            return False
        if _is_negation(tokens, index):
            return True
        if tokens[index].word in _NEGATION_CARRIERS:
            reach = first - index + _CARRIED_REACH
        elif tokens[index].word in _COMMITMENT_VERBS:
            reach = max(reach, first - index + NEGATION_REACH)
        index -= 1
    return False
