"""Tokens of a reply with character spans into the original text, sentences and clauses.

Every token carries two normalised forms: `word` (lower case, contractions expanded, American
spelling) for lexicons, and `key` (the stem of `word`, accents folded) for phrase matching.
Normalisation is cached per distinct raw word, so scoring many replies stays cheap.
"""

from __future__ import annotations

import importlib.util
import re
import threading
import unicodedata
from bisect import bisect_right
from functools import cache, cached_property, lru_cache
from pathlib import Path
from typing import NamedTuple

import snowballstemmer

from .literals import fold
from .variants import expand, lemma

WORD_PATTERN = re.compile(
    r"\b[wW]/(?:o|in)\b"
    r"|\d+(?:[.,:]\d+)*(?:st|nd|rd|th)?(?![^\W\d_])|\d+(?:[.,:]\d+)*|%"
    r"|[^\W\d_]+(?:['\u2019\u02bc-][^\W\d_]+)*"
)
# Gaps only: a full stop ends a sentence when whitespace follows ("shop.example" is one name).
# A single line break does not: e-mails and YAML text wrap their lines mid-sentence. A blank
# line does, and so does a list marker opening a line ("- ", "* ", "\u2022 ", "2. ", "b) ").
_SENTENCE_BREAK = re.compile(
    r"[!?\u2026\u3002\uff01\uff1f\u061f]|\.\S*\s|\n[^\S\n]*\n"
    r"|\n[^\S\n]*[-*+>\u2022\u2023\u25aa\u2013\u2014]\s"
)
_LIST_NUMBER = re.compile(r"(?:\d{1,2}|[a-z])[.)]\s")
# Abbreviations whose full stop ends no sentence ("Dear Mr. Aldana", "SecOps (ext. 4400)").
_ABBREVIATIONS = frozenset("mr mrs ms dr prof ext approx tel vs".split())
_AFTER_ABBREVIATION = re.compile(r"\.[^\S\n]+")
# Times with am/pm become a 24-hour key ("3 pm" = "3pm" = "15:00" = "15.00"), amounts in
# thousands a plain number ("5k" = "5,000"), cents a decimal ("62 cents" = "$0.62").
_TIME = re.compile(r"(?<![\d.:,])(\d{1,2})(?:[:.](\d\d))?\s?([ap])\.?m\b", re.IGNORECASE)
_THOUSANDS = re.compile(r"(?<![\d.:,])(\d{1,3}(?:\.\d)?)k\b", re.IGNORECASE)
_CENTS = re.compile(r"(?<![\d.:,])(\d{1,2})\s?(?:cents?|ct)\b", re.IGNORECASE)
# Clock times in words: "half past eleven" = "half eleven" = 11:30, "quarter to 3" = 2:45.
_HOURS = "one two three four five six seven eight nine ten eleven twelve".split()
_CLOCK = re.compile(
    rf"\b(?:(half|quarter)\s+(past|to)|(half))\s+({'|'.join(_HOURS)}|1[0-2]|[1-9])\b"
    r"(?!\s*(?:hours?|days?|weeks?|months?|years?|minutes?|of)\b)",
    re.IGNORECASE,
)
# Cheap tests that one of these may match: most replies skip them altogether (substrings are
# much faster to look for than a case-insensitive "half|quarter").
_NUMBER_HINT = re.compile(r"\d[\d.:]*\s?(?:[ap]\.?m|k|cents?|ct)\b", re.IGNORECASE)
_CLOCK_HINTS = ("alf", "ALF", "uarter", "UARTER")
# Arrows part the steps of a path or a chain ("no waiting -> reset.pellworth.example").
_CLAUSE_BREAK = re.compile(r"[,;:()\[\]\u2013\u2014\u2192\"\u201c\u201d]|\s-\s|->|=>")
# Words that open a new clause: negation before them does not reach the words after them.
CLAUSE_WORDS = frozenset(
    "and but however although though because while whereas yet unless who which whose whom".split()
)
# A snowball stemmer keeps the word it works on in itself: one per thread, or threads that
# score at the same time (a threaded server) corrupt each other's stems.
_THREAD = threading.local()


def _stemmer() -> snowballstemmer.stemmer:
    stemmer = getattr(_THREAD, "stemmer", None)
    if stemmer is None:
        stemmer = _THREAD.stemmer = snowballstemmer.stemmer("english")
    return stemmer


class Token(NamedTuple):
    word: str
    key: str
    start: int
    end: int
    sentence: int
    clause: int
    starts_sentence: bool
    # Key of a whole hyphenated word ("wi-fi" -> "wifi"), on its first part only.
    alias: str = ""


@lru_cache(maxsize=65536)
def normalise_word(raw: str) -> tuple[tuple[str, str], ...]:
    """The (word, key) pairs of one raw word: ``Don't`` -> (("do", "do"), ("not", "not"))."""
    lower = raw.lower()
    if lower[0].isdigit():
        return ((lower, _number_key(lower)),)
    return tuple((word, _stem(lemma(word))) for word in expand(lower))


@lru_cache(maxsize=8192)
def joined_key(raw: str) -> str:
    """The key of a hyphenated word written as one word ("E-mail" -> key of "email")."""
    return "".join(key for _, key in normalise_word(raw.replace("-", "")))


def _number_key(number: str) -> str:
    """Times, thousands and ordinals written either way compare equal: 11.30 = 11:30 (and
    09:00 = 9:00), 1,900 = 1900, 30th = 30."""
    number = number.rstrip("stndrh")
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+", number):
        return number.replace(",", "")
    number = number.replace(".", ":")
    return number[1:] if len(number) == 5 and number[0] == "0" and number[2] == ":" else number


def _stem(word: str) -> str:
    if not word.isascii():
        folded = unicodedata.normalize("NFKD", word)
        word = "".join(char for char in folded if not unicodedata.combining(char))
    return _stemmer().stemWord(word)


def _number_spans(text: str) -> dict[int, tuple[int, str, str]]:
    """Number expressions spanning more than one word pattern, by start offset: (end, key,
    alias), the alias being the key the first number would have on its own."""
    spans: dict[int, tuple[int, str, str]] = {}
    for match in _TIME.finditer(text):
        hour, minutes, half = int(match.group(1)), match.group(2) or "00", match.group(3)
        if 1 <= hour <= 12 and int(minutes) < 60:
            hour = hour % 12 + (12 if half.lower() == "p" else 0)
            alias = _number_key(match.group(1) + (f":{minutes}" if match.group(2) else ""))
            spans[match.start()] = (match.end(), f"{hour}:{minutes}", alias)
    for match in _THOUSANDS.finditer(text):
        thousands = round(float(match.group(1)) * 1000)
        spans[match.start()] = (match.end(), str(thousands), _number_key(match.group(1)))
    for match in _CLOCK.finditer(text):
        part, direction, half, hour = match.groups()
        hour_number = int(hour) if hour.isdigit() else _HOURS.index(hour.lower()) + 1
        if direction and direction.lower() == "to":
            hour_number, minutes = (hour_number - 2) % 12 + 1, 45
        else:
            minutes = 15 if (part or half).lower() == "quarter" else 30
        spans[match.start()] = (match.end(), f"{hour_number}:{minutes}", "")
    for match in _CENTS.finditer(text):
        spans[match.start()] = (match.end(1), f"0:{int(match.group(1)):02d}", match.group(1))
    return spans


def tokenize(text: str) -> tuple[Token, ...]:
    """Split text into tokens; expanded contractions share the span of the word they came from."""
    tokens: list[Token] = []
    make = tuple.__new__  # the fast path of Token(...): this runs for every word of every reply
    sentence = clause = previous_end = 0
    hinted = _NUMBER_HINT.search(text) or any(hint in text for hint in _CLOCK_HINTS)
    numbers = _number_spans(text) if hinted else {}
    skip_to = 0
    for match in WORD_PATTERN.finditer(text):
        start, end = match.span()
        if start < skip_to:
            continue
        opens = not tokens
        gap = text[previous_end:start]
        if not opens and gap and gap != " " and not _abbreviated(tokens[-1].word, gap):
            if _SENTENCE_BREAK.search(gap) or ("\n" in gap and _LIST_NUMBER.match(text, start)):
                sentence, clause, opens = sentence + 1, clause + 1, True
            elif _CLAUSE_BREAK.search(gap):
                clause += 1
        raw = match.group()
        if start in numbers:
            end, key, alias = numbers[start]
            skip_to = end
            tokens.append(make(Token, (key, key, start, end, sentence, clause, opens, alias)))
            previous_end = end
            continue
        alias = joined_key(raw) if "-" in raw else ""
        for word, key in normalise_word(raw):
            if word in CLAUSE_WORDS and not opens and tokens:
                clause += 1
            tokens.append(make(Token, (word, key, start, end, sentence, clause, opens, alias)))
            opens, alias = False, ""
        previous_end = end
    return tuple(tokens)


def _abbreviated(word: str, gap: str) -> bool:
    return word in _ABBREVIATIONS and _AFTER_ABBREVIATION.fullmatch(gap) is not None


class Analysis:
    """A reply tokenised once and shared by the politeness detectors and the phrase matcher."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.tokens = tokenize(text)
        positions: dict[str, list[int]] = {}
        for index, token in enumerate(self.tokens):
            positions.setdefault(token.key, []).append(index)
            if token.alias:
                positions.setdefault(token.alias, []).append(index)
        self.positions = positions

    def span(self, first: int, last: int) -> tuple[int, int]:
        """Character span in the original text from token `first` to token `last` inclusive."""
        return self.tokens[first].start, self.tokens[last].end

    def token_at(self, offset: int) -> int:
        """Index of the first token that ends after `offset` (len(tokens) when none does)."""
        return bisect_right(self._ends, offset)

    def sentence_at(self, offset: int) -> int:
        """The number of the sentence at `offset` (the last sentence past the last word);
        needs at least one token."""
        return self._token_near(offset).sentence

    def clause_at(self, offset: int) -> int:
        """The number of the clause at `offset`, as `sentence_at`."""
        return self._token_near(offset).clause

    def _token_near(self, offset: int) -> Token:
        return self.tokens[min(self.token_at(offset), len(self.tokens) - 1)]

    @cached_property
    def sentences(self) -> dict[int, list[int]]:
        """The token indexes of each sentence, by sentence number."""
        found: dict[int, list[int]] = {}
        for index, token in enumerate(self.tokens):
            found.setdefault(token.sentence, []).append(index)
        return found

    @cached_property
    def folded(self) -> str:
        """The text case-folded, for testing which `re:` patterns could match at all."""
        return fold(self.text)

    @cached_property
    def _ends(self) -> list[int]:
        return [token.end for token in self.tokens]

    @cached_property
    def typo_candidates(self) -> dict[str, list[tuple[str, str, list[int]]]]:
        """Words that may be misspelt (alphabetic, 5+ letters, not in the dictionary) as
        (word, key, positions), by first letter: typos rarely hit the first letter."""
        buckets: dict[str, list[tuple[str, str, list[int]]]] = {}
        for key, positions in self.positions.items():
            word = self.tokens[positions[0]].word
            if len(word) >= 5 and word.isalpha() and not is_known_word(word):
                buckets.setdefault(word[0], []).append((word, key, positions))
        return buckets


def is_known_word(word: str) -> bool:
    """Whether a lower-case word (or its form without a plural or verb ending) is English."""
    words = _dictionary()
    if word in words or word in _MODERN_WORDS:
        return True
    for ending in ("s", "es", "ed", "d", "ing"):
        if word.endswith(ending) and word[: -len(ending)] in words:
            return True
    return word.endswith("ing") and word[:-3] + "e" in words


# Everyday support vocabulary missing from that older word list.
_MODERN_WORDS = frozenset(
    """backup blog browser checkout chatbot cybersecurity dashboard desktop download email
    firewall hashtag homepage hostname inbox laptop login logout malware offline online
    outage password plugin popup reboot reinstall router screenshot signup smartphone
    spreadsheet subdomain timestamp touchscreen unblock uninstall unlock unsubscribe upload
    username voicemail webinar webpage website whitelist wifi workflow""".split()
)


@cache
def _dictionary() -> frozenset[str]:
    """The word list TextBlob ships for its spelling corrector (about 29,000 words)."""
    lines = read_package_file("textblob", "en/en-spelling.txt").splitlines()
    return frozenset(line.split()[0] for line in lines if line and not line.startswith(";"))


@cache
def adjectives() -> frozenset[str]:
    """The words whose usual part of speech is an adjective, by the tagger lexicon TextBlob
    ships (Brill's, from the Brown corpus and the Penn Treebank)."""
    lines = read_package_file("textblob", "en/en-lexicon.txt").splitlines()
    return frozenset(
        parts[0].lower()
        for parts in (line.split() for line in lines if line and not line.startswith(";"))
        if len(parts) > 1 and parts[1] == "JJ"
    )


def read_package_file(package: str, relative: str) -> str:
    """A data file shipped inside an installed package, read without importing the package."""
    spec = importlib.util.find_spec(package)
    if spec is None or spec.origin is None:
        raise RuntimeError(f"the package {package!r} is not installed")
    return (Path(spec.origin).parent / relative).read_text(encoding="utf-8")
