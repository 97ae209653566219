"""A point's meaning matched by its label: a stated sentence that shares most of the label's
content words covers the point, however the agent words it.

Phrases catch the usual wordings; the label ("Explains the amount is fixed in the SLA for
every Enterprise customer") catches a paraphrase that says the same thing in its own order
("That amount is written into the SLA and is identical for every Enterprise contract").
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

from .card import Evidence
from .matching import NEGATIONS, negated_before
from .synonyms import synonym_table
from .text import Analysis, tokenize

# Words of a label that say what the agent does, not what the reply says.
_META = frozenset(
    """ask asks explain explains give gives tell tells say says mention mentions confirm
    confirms point points state states clarify clarifies reassure reassures offer offers
    acknowledge acknowledges customer customers him her them his their its reply replies
    clearly politely kindly gently again still instead either both also even once only
    whether how why what which when where who there here one about into onto from with
    without within than then so as if or and but not no yes do does did doing done be is are
    was were been being have has had will would can could should may might must shall the
    a an this that these those my your our it they he she we you i me us own way
    """.split()
)
# A label of this many content words or more can be matched by meaning.
MIN_CUES = 2
# The share of the label's content words a sentence must hold.
MIN_SHARE = 0.6
# A fact's label is stated only with every one of its content words, and only a label of
# this many: a wrong fact keeps most of the right one's words and changes the one that
# matters ("visible only to the user who owned them" for "visible to admins only").
FACT_CUES = 3
FACT_SHARE = 1.0


@lru_cache(maxsize=4096)
def label_cues(label: str) -> tuple[frozenset[str], ...]:
    """The label's content words, each as the set of keys that stand for it (its own key and
    its one-word synonyms)."""
    single, _ = synonym_table()
    cues = []
    seen = set()
    for token in tokenize(label):
        if token.word in _META or token.word in NEGATIONS or not token.word.isalpha():
            continue
        if token.key in seen or len(token.word) < 3:
            continue
        seen.add(token.key)
        cues.append(frozenset({token.key, *single.get(token.key, ())}))
    return tuple(cues)


def find_by_label(
    label: str,
    analysis: Analysis,
    stated: Iterable[int],
    least: int = MIN_CUES,
    share: float = MIN_SHARE,
) -> Evidence | None:
    """Evidence of the first stated sentence that holds `share` of the label's content words
    (none of them denied), for a label of at least `least` of them; else None."""
    cues = label_cues(label)
    if len(cues) < least:
        return None
    needed = max(least, round(share * len(cues) + 0.49))
    tokens = analysis.tokens
    for sentence in sorted(stated):
        indexes = analysis.sentences.get(sentence, [])
        hits: list[int] = []
        for cue in cues:
            found = next((index for index in indexes if tokens[index].key in cue), None)
            if found is not None and not negated_before(tokens, found):
                hits.append(found)
        if len(hits) >= needed:
            start, end = analysis.span(min(hits), max(hits))
            return Evidence(label, analysis.text[start:end], start, end)
    return None
