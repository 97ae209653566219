"""Identifiers a reply gives that nothing in its scenario gives.

A ticket, printer, form or incident is named by an identifier of letters and digits joined by a
hyphen ("TQ-7781", "PR-2W", "W-8BEN"). "Release it at PR-3E" where the case's printer is PR-2W
sends the customer to the wrong place and keeps every expected word, and so does a ticket
number that belongs to another case. An identifier that no text of the scenario gives
(`Step.said`, as for figures and menu paths) is reported as a wrong fact; a step outside a
scenario judges none.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from .card import Evidence
from .case_terms import CaseTerms

FACT_ID = "supported-ids"
FACT_LABEL = "Give only the identifiers the case gives"
ADVICE = (
    "{} is an identifier nothing in this case gives: quote the ticket, device or form names "
    "the case gives."
)
# Letters, a hyphen, and a part with a digit: "INC-882", "PR-2E", "W-8BEN", "KB-2291".
_IDENTIFIER = re.compile(r"\b[A-Za-z][A-Za-z0-9]*-[A-Za-z0-9]*\d[A-Za-z0-9]*\b")


def known_identifiers(texts: Iterable[str]) -> CaseTerms:
    """The identifiers of one scenario's texts, upper-cased."""
    return CaseTerms.of_texts(
        texts, lambda text: (match.group().upper() for match in _IDENTIFIER.finditer(text))
    )


def unknown_identifiers(text: str, known: CaseTerms) -> Iterator[Evidence]:
    """The reply's identifiers that the scenario never gives, in reply order."""
    if not known.judges:
        return
    for match in _IDENTIFIER.finditer(text):
        if match.group().upper() not in known.terms:
            yield Evidence(match.group(), match.group(), match.start(), match.end())
