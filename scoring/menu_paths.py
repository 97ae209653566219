"""Menu paths a reply gives that nothing in its scenario names.

"Go to Campaign > Settings > Audience" where the case's menu is Campaign > Recipients sends the
customer to a screen that does not exist, and keeps every expected word. A path is two or
more parts joined by ">" or "›", each opening with a capital ("Settings > Payouts", "Go to
PellApps > PellConnect 4.4 > Update"); its names are the capitalised words of each part (of
the first part only the last, so "Go to" is not a menu). A name that no text of the scenario
uses (`Step.said`, as for figures: briefing, customer messages, model answers, phrases of
points and facts) is reported as a wrong fact. Plain words joined by arrows ("send -> resume
sync") are notes, not menus, and are left alone; so is a step outside a scenario.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from .card import Evidence
from .case_terms import CaseTerms

FACT_ID = "supported-paths"
FACT_LABEL = "Give only menu paths the case gives"
ADVICE = (
    "{} is a menu nothing in this case names: give the path the case gives, or ask the "
    "customer what they see."
)
_PART = r"[A-Z][\w'-]*(?:[ \t]+[\w'-]+){0,3}"
_PATH = re.compile(rf"{_PART}(?:[ \t]*[>›][ \t]*{_PART})+")
_SEPARATOR = re.compile(r"[ \t]*[>›][ \t]*")
_NAME = re.compile(r"[A-Z][\w'-]*")
_WORD = re.compile(r"[a-z0-9]+")


def known_menus(texts: Iterable[str]) -> CaseTerms:
    """The words of one scenario's texts, which its menus' names must use."""
    return CaseTerms.of_texts(texts, _words)


def _uses(known: CaseTerms, name: str) -> bool:
    """Whether the scenario's texts use each word of the name, in the singular or plural."""
    return all(
        word in known.terms or word.removesuffix("s") in known.terms or word + "s" in known.terms
        for word in _words(name)
    )


def unknown_menus(text: str, known: CaseTerms) -> Iterator[Evidence]:
    """The menu names of the reply's paths that the scenario never uses, in reply order, each
    as its own evidence."""
    if not known.judges:
        return
    for path in _PATH.finditer(text):
        for name in _path_names(path):
            if not _uses(known, name.text):
                yield name


def _path_names(path: re.Match[str]) -> Iterator[Evidence]:
    offset = path.start()
    for number, (start, words) in enumerate(_parts(path.group(0))):
        names = list(_NAME.finditer(words))
        for name in names[-1:] if number == 0 else names:
            begin = offset + start + name.start()
            yield Evidence(name.group(0), name.group(0), begin, begin + len(name.group(0)))


def _parts(path: str) -> Iterator[tuple[int, str]]:
    start = 0
    for separator in _SEPARATOR.finditer(path):
        yield start, path[start : separator.start()]
        start = separator.end()
    yield start, path[start:]


def _words(text: str) -> list[str]:
    return _WORD.findall(text.lower())
