"""Politeness markers of a reply, with spans and weights, plus TextBlob polarity.

Markers come from the strategy lexicons (scoring/strategies.py, where sentence openers such as
"What..." are phrases anchored with ^), the profanity list, three detectors of our own (shouting:
capitals, "!!!"; smileys; bare imperatives) and the corpus-fitted wording among the words left
over (scoring/politeness_model.py). Fitted strategies take their weight from the fitted file,
support rules keep their hand-set one. TextBlob's polarity is only a weak extra signal, read on
the words no marker has already counted: it scores "sorry" as negative, which an apology is
not. The reply's length adds a fitted term of its own, the only one without a span.

`find_signals` and `decayed_uses` are shared with benchmarks/fit_politeness.py, so the weights
are fitted on exactly the features the scorer computes.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from typing import NamedTuple, Protocol

from .card import Marker
from .lexicon import Lexicon
from .matching import negated_before
from .politeness_model import PolitenessModel, length_feature, load_model
from .profanity import profane_phrases
from .strategies import IMPERATIVE_VERBS, RULES, Strategy, lexicon_phrases
from .text import Analysis, Token, is_known_word

_CAPS_RUN = re.compile(r"\b[A-Z][A-Z'\u2019]*[A-Z]\b(?:[ ,]+[A-Z][A-Z'\u2019]*[A-Z]\b)*")
# "!!!", "?!", "??": a single "!!" is enthusiasm as often as anger.
_EXCLAMATIONS = re.compile(r"[!?]*(?:!!!|\?!|!\?|\?\?)[!?]*")
# Short words in capitals that are shouted rather than acronyms ("ARE YOU SERIOUS").
_LOUD_SHORT = frozenset(
    "you are not now the and why what this stop just done fix help read very your all "
    "can will was did had has have that".split()
)
# Denials written in capitals to stress a warning, not to shout.
_STRESSED_DENIALS = frozenset("not never dont doesnt didnt cant wont isnt".split())
# English words in capitals that name things in support replies rather than shout.
_ACRONYMS = frozenset(
    "post get put patch delete head options null true false error warning info debug fatal "
    "swift usd eur gbp nok sek dkk chf jpy cad aud".split()
)
# Blame and criticism that the clause denies reassure instead: "there is nothing wrong on
# your side", "nothing is wrong with your account".
_DENIABLE = frozenset([Strategy.BLAME, Strategy.CRITICISM])
_SUPPOSING = frozenset(["if", "unless"])
_SUPPOSED_REACH = 2
_PENDING_REACH = 12
# Words that make a denial about fault, within this many words of it (_clears_the_customer).
_FAULT_WORDS = frozenset(
    "wrong wrongly mistake mistakes mistype mistyped fault cause caused deserve deserved "
    "trouble break broke broken blame".split()
)
_CLEARING_REACH = 6
_SOFTENERS = frozenset(["please", "kindly"])
# Smiles, not winks or tongues (":P" reads as teasing): ":)", ":-D", "=)", "(:", "^^", and the
# smiling emoji (not the laughing, winking or devilish ones). Not inside code: "f(:)" or "a:)"
# is no smile.
_SMILEYS = re.compile(
    r"(?<![\w:;=^(])(?:[:=]-?[)\]D]|\(-?[:=]|\^_?\^)(?![\w)])"
    r"|[\u263a\U0001f600\U0001f601\U0001f603-\U0001f605\U0001f60a\U0001f642\U0001f917\U0001f44d]"
)
# The same smiles without their context: a quick test that spares most replies the search.
_SMILEY_HINT = re.compile(r":-?[)D\]]|=-?[)\]D]|\(-?[:=]|\^_?\^")


@dataclass(frozen=True, slots=True)
class PolitenessReading:
    """What the politeness detectors found; the score itself is computed by the formula."""

    markers: tuple[Marker, ...]
    polarity: float
    # Log-odds the reply's length adds (politeness_model.length_feature); no span, no marker.
    length: float = 0.0


class Signal(NamedTuple):
    """One use of a strategy, or of a fitted phrase (`feature` is then the phrase)."""

    strategy: Strategy
    feature: str
    start: int
    end: int


class _Sentiment(Protocol):
    def __call__(self, words: list[str]) -> tuple[float, float]: ...


def read_politeness(analysis: Analysis) -> PolitenessReading:
    """Every politeness marker of the reply, in text order, and the residual polarity."""
    model = load_model()
    signals, claimed = find_signals(analysis, model)
    markers = tuple(
        Marker(
            signal.strategy,
            analysis.text[signal.start : signal.end],
            signal.start,
            signal.end,
            round(_weight(signal, model) * factor, 4),
        )
        for signal, factor in decayed_uses(signals, model)
    )
    length = round(model.length * length_feature(len(analysis.tokens)), 4)
    return PolitenessReading(markers, residual_polarity(analysis, claimed), length)


def find_signals(
    analysis: Analysis, model: PolitenessModel | None
) -> tuple[list[Signal], set[int]]:
    """Strategy uses and, given a model, its fitted wording, in text order; and the tokens they
    claim (negated courtesy and neutral phrases claim their tokens too)."""
    tokens = analysis.tokens
    found: list[tuple[Strategy, str, int, int]] = []
    claimed: set[int] = set()
    for label, first, last in _lexicon().find(tokens):
        strategy = Strategy(label)
        claimed.update(range(first, last + 1))
        # "not sure I understand", "no thanks": a negated courtesy is no courtesy.
        negated = RULES[strategy].direction > 0 and negated_before(tokens, first)
        cleared = (
            strategy is Strategy.ACCUSATION
            and (_clears_the_customer(tokens, first, last) or _supposed(tokens, first))
        ) or (strategy in _DENIABLE and negated_before(tokens, first))
        # "What happened is ...", "How it works: ..." explain; only a question asks bluntly.
        stated = strategy is Strategy.DIRECT_QUESTION and not _asks(analysis, first)
        # Only the opening word is a direct start: a later "Then ..." or "And ..." goes on.
        later = tokens[first].sentence > tokens[0].sentence
        sequenced = strategy is Strategy.DIRECT_START and later
        if strategy is not Strategy.NEUTRAL and not (negated or cleared or stated or sequenced):
            found.append((strategy, strategy.value, first, last))
    for first in list(_bare_imperatives(analysis, claimed)):
        claimed.add(first)
        found.append((Strategy.BARE_IMPERATIVE, Strategy.BARE_IMPERATIVE.value, first, first))
    if model is not None:
        wording = list(model.find_wording(tokens, claimed))
        for phrase, first, last in wording:
            claimed.update(range(first, last + 1))
            found.append((Strategy.WORDING, phrase, first, last))
    signals = [
        Signal(strategy, feature, *analysis.span(first, last))
        for strategy, feature, first, last in found
    ]
    signals.extend(_shouting(analysis.text))
    signals.extend(_smileys(analysis.text))
    signals.sort(key=lambda signal: (signal.start, signal.end))
    return signals, claimed


def _supposed(tokens: Sequence[Token], first: int) -> bool:
    """Whether the words are a step still to take, not a charge: an "if" before them and a
    "yet" soon after ("if you did not take a photo yet, please do"); "in case you didn't get a
    chance to look" stays a jab."""
    before = {token.word for token in tokens[max(0, first - _SUPPOSED_REACH) : first]}
    sentence = tokens[first].sentence
    after = tokens[first : first + _PENDING_REACH]
    pending = any(token.word == "yet" and token.sentence == sentence for token in after)
    return bool(before & _SUPPOSING) and pending


def _clears_the_customer(tokens: Sequence[Token], first: int, last: int) -> bool:
    """Whether a denial is about fault: "you didn't type it wrong", "you haven't caused any
    trouble" take the blame off the customer; they accuse nobody."""
    if not {"not", "never"} & {token.word for token in tokens[first : last + 1]}:
        return False
    clause = tokens[last].clause
    following = tokens[last + 1 : last + 1 + _CLEARING_REACH]
    return any(token.clause == clause and token.word in _FAULT_WORDS for token in following)


def _asks(analysis: Analysis, index: int) -> bool:
    """Whether the sentence of token `index` ends with a question mark."""
    last = analysis.tokens[analysis.sentences[analysis.tokens[index].sentence][-1]]
    return analysis.text[last.end : last.end + 3].lstrip(" \"'\u201d)").startswith("?")


def decayed_uses(
    signals: Sequence[Signal], model: PolitenessModel
) -> Iterator[tuple[Signal, float]]:
    """Each signal with the share of its weight it counts for: 1 for the first use of a
    feature, then `decay` times the previous use."""
    uses: dict[tuple[Strategy, str], int] = {}
    for signal in signals:
        key = signal.strategy, signal.feature
        count = uses.get(key, 0)
        uses[key] = count + 1
        if signal.strategy is Strategy.WORDING:
            decay = model.wording_decay
        else:
            decay = RULES[signal.strategy].decay
        yield signal, decay**count


def _weight(signal: Signal, model: PolitenessModel) -> float:
    if signal.strategy is Strategy.WORDING:
        return model.wording[signal.feature]
    rule = RULES[signal.strategy]
    return model.strategies.get(signal.feature, rule.weight) if rule.fitted else rule.weight


@cache
def _lexicon() -> Lexicon:
    return Lexicon(
        [*lexicon_phrases(), *((Strategy.PROFANITY.value, phrase) for phrase in profane_phrases())]
    )


def _bare_imperatives(analysis: Analysis, claimed: set[int]) -> Iterator[int]:
    """The opening verb of each sentence that is an order: no "please", no question mark."""
    tokens = analysis.tokens
    for first, last in _sentences(tokens):
        opener = tokens[first]
        if opener.word not in IMPERATIVE_VERBS or first in claimed:
            continue
        if first < last and tokens[first + 1].word in ("you", "i", "we", "they", "it"):
            continue
        if any(token.word in _SOFTENERS for token in tokens[first : last + 1]):
            continue
        if "?" in analysis.text[tokens[last].end : _next_start(tokens, last, analysis.text)]:
            continue
        yield first


def _sentences(tokens: Sequence[Token]) -> Iterator[tuple[int, int]]:
    start = 0
    for index in range(1, len(tokens) + 1):
        if index == len(tokens) or tokens[index].sentence != tokens[start].sentence:
            yield start, index - 1
            start = index


def _next_start(tokens: Sequence[Token], index: int, text: str) -> int:
    return tokens[index + 1].start if index + 1 < len(tokens) else len(text)


def _shouting(text: str) -> Iterator[Signal]:
    """Runs of words in capitals with a shouted word or three words long ("I AM SO ANGRY"),
    and "!!!", "?!", "??"; not one denial stressed ("do NOT switch it off", "DONT pay")."""
    for match in _CAPS_RUN.finditer(text):
        if _is_code(text, *match.span()):
            continue
        words = re.split(r"[ ,]+", match.group())
        if len(words) == 1 and re.sub(r"['\u2019]", "", words[0]).lower() in _STRESSED_DENIALS:
            continue
        # Three words or more shout when one of them is English: "I AM SO ANGRY", not "EUR,
        # NOK, USD".
        spoken = len(words) >= 3 and any(
            is_known_word(word.lower()) and word.lower() not in _ACRONYMS for word in words
        )
        if spoken or any(_is_loud(word) for word in words):
            yield Signal(Strategy.SHOUTING, Strategy.SHOUTING.value, *match.span())
    for match in _EXCLAMATIONS.finditer(text):
        yield Signal(Strategy.SHOUTING, Strategy.SHOUTING.value, *match.span())


def _is_code(text: str, start: int, end: int) -> bool:
    """Capitals joined to a number or another code by a hyphen or underscore: a ticket or an
    incident id ("BILL-7731", "INC-4471"), not shouting."""
    return text[end : end + 1] in ("-", "_") or text[start - 1 : start] in ("-", "_")


def _smileys(text: str) -> Iterator[Signal]:
    """Smiles and smiling emoji; a reply with neither skips the search on a quick test."""
    if text.isascii() and not _SMILEY_HINT.search(text):
        return
    for match in _SMILEYS.finditer(text):
        yield Signal(Strategy.SMILEY, Strategy.SMILEY.value, *match.span())


def _is_loud(word: str) -> bool:
    """An English word of four letters or more in capitals ("NEVER"), not a code ("STDOUT")."""
    lower = word.lower()
    if lower in _LOUD_SHORT:
        return True
    return len(word) >= 4 and lower not in _ACRONYMS and is_known_word(lower)


def residual_polarity(analysis: Analysis, claimed: set[int]) -> float:
    """TextBlob's polarity of the words no marker claimed, computed on the words it knows only:
    a run of other words becomes one stand-in of the same length class, which TextBlob treats
    alike (it only asks whether an unknown word is longer than one or two letters)."""
    words = [token.word for index, token in enumerate(analysis.tokens) if index not in claimed]
    sentiment, known = _sentiment()
    compact: list[str] = []
    longest = 0
    for word in words:
        if word in known:
            if longest:
                compact.append("x" * min(longest, 3))
                longest = 0
            compact.append(word)
        else:
            longest = max(longest, len(word))
    if not compact:
        return 0.0
    return round(float(sentiment(compact)[0]), 4)


def sentiment_words() -> frozenset[str]:
    """The words TextBlob's polarity knows, negations included."""
    return _sentiment()[1]


@cache
def word_polarities() -> dict[str, float]:
    """TextBlob's polarity of each word its lexicon knows, by its first reading."""
    sentiment = _sentiment()[0]
    return {
        word: float(next(iter(readings.values()))[0])
        for word, readings in dict.items(sentiment)
        if readings
    }


@cache
def _sentiment() -> tuple[_Sentiment, frozenset[str]]:
    """TextBlob's pattern-based sentiment, imported on first use (the import takes ~0.3 s),
    and the words it scores, negations included."""
    from textblob.en import sentiment

    if not dict.__len__(sentiment):  # TextBlob loads its lexicon on first use
        sentiment.load()
    return sentiment, frozenset(dict.keys(sentiment)) | frozenset(sentiment.negations)
