"""The corpus-fitted part of the politeness score: strategy weights and wording weights.

benchmarks/fit_politeness.py fits a logistic regression on the Stack Exchange requests of the
Stanford Politeness Corpus (even-Id half only), telling the top quarter of the human ratings
from the bottom quarter by how often each strategy is used and by about 150 pragmatic words,
word pairs and sentence openers (the "wording"), and writes the weights, in log-odds of the
politeness score, to politeness_weights.json next to this module. This module reads that file
once per process and finds the fitted wording in a reply; it needs nothing beyond the standard
library.

Wording is looked for only among the words no strategy phrase has claimed, so "could you"
counts once (as an indirect request) and never twice.

The fit also weighs the reply's length (`length_feature`): people read a request that takes the
words to explain itself as more courteous than a curt one, and the support replies of the
development set say the same. Length has no span, so it is the one term of the score that is
not a marker; it only ever grows with more words, and it saturates.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path
from typing import Any

from .lexicon import Lexicon
from .text import Token

WEIGHTS_PATH = Path(__file__).with_name("politeness_weights.json")
# Length in words: no effect at LENGTH_REFERENCE words, none beyond LENGTH_CAP.
LENGTH_REFERENCE = 20
LENGTH_CAP = 150

# Function words: never wording on their own, only in a pair or as an opener.
STOP_WORDS = frozenset(
    """
    a an the this that these those it its i me my mine we us our ours you your yours he him his
    she her hers they them their theirs what which who whom whose where when why how there here
    is am are was were be been being do does did done have has had having will would shall
    should can could may might must ought to of in on at by for with from into onto about as
    than then so and or but if because while nor not no also too very just only all any some
    each every both either neither one ones own such same other up down out off over under
    again further once s t d ll m o re ve y
    """.split()
)

# Function words that shape how a sentence opens: a question word, an auxiliary, "not".
# Articles, pronouns and prepositions opening a sentence only say how a request was phrased
# on Stack Exchange ("This...", "The..."), which means nothing in a support reply.
OPENING_WORDS = frozenset(
    """
    what which who whom whose where when why how is am are was were do does did have has had
    can could will would shall should may might must not
    """.split()
)


@dataclass(frozen=True)
class PolitenessModel:
    """Weights in log-odds per first use; further uses count `decay` times the previous one
    (strategies keep the decay of their rule in scoring/strategies.py)."""

    strategies: dict[str, float]
    wording: dict[str, float]
    wording_decay: float
    provenance: dict[str, Any]
    # Log-odds per unit of `length_feature`, never negative: more words never cost.
    length: float = 0.0

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> PolitenessModel:
        """Raises KeyError or ValueError when the file is not what the fitting script writes."""
        return cls(
            strategies={name: float(weight) for name, weight in data["strategies"].items()},
            wording={phrase: float(weight) for phrase, weight in data["wording"].items()},
            wording_decay=float(data["wording_decay"]),
            provenance=dict(data["provenance"]),
            length=max(0.0, float(data["length"])),
        )

    @cached_property
    def lexicon(self) -> Lexicon:
        """The fitted wording as lexicon phrases, each labelled with itself."""
        return Lexicon((phrase, phrase) for phrase in self.wording)

    def find_wording(
        self, tokens: Sequence[Token], claimed: set[int]
    ) -> Iterator[tuple[str, int, int]]:
        """(phrase, first token, last token) of the fitted wording among the tokens no strategy
        has claimed, leftmost-longest and not overlapping, like the strategy lexicon."""
        return self.lexicon.find(tokens, claimed)


def length_feature(words: int) -> float:
    """ln((1 + words) / (1 + LENGTH_REFERENCE)), words counted up to LENGTH_CAP: below zero
    for a short reply, above for a long one, growing ever more slowly."""
    return math.log((1 + min(words, LENGTH_CAP)) / (1 + LENGTH_REFERENCE))


@cache
def load_model(path: Path = WEIGHTS_PATH) -> PolitenessModel:
    """The fitted model, read once per process."""
    return PolitenessModel.from_dict(json.loads(path.read_text(encoding="utf-8")))


def candidate_wording(
    tokens: Sequence[Token], claimed: set[int], evaluative: frozenset[str]
) -> Iterator[str]:
    """Every phrase that may become fitted wording, among the tokens no strategy claimed:
    a sentence opener that is a question word, an auxiliary (``^why``, ``^does``) or an
    `evaluative` word (TextBlob's sentiment words: "clear", "okay", "really"), and any word or
    pair of words made of function and evaluative words with at least one evaluative word
    ("really", "not clear", "so far"). Topic words ("email", "homework") and function words
    alone ("of the") are left out: they would learn what Stack Exchange asks about, or how long
    its requests are, not how politely they ask, and a trainee could not act on them."""
    for index, token in enumerate(tokens):
        word = token.word
        if index in claimed or not (word in STOP_WORDS or word in evaluative):
            continue
        if token.starts_sentence and (word in OPENING_WORDS or word not in STOP_WORDS):
            yield f"^{word}"
        if word not in STOP_WORDS:
            yield word
        following = index + 1
        if following >= len(tokens) or following in claimed:
            continue
        pair = tokens[following].word
        if tokens[following].sentence == token.sentence and (
            (pair in evaluative and pair not in STOP_WORDS)
            or (word not in STOP_WORDS and pair in STOP_WORDS)
        ):
            yield f"{word} {pair}"
