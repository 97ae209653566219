"""Menu paths a reply gives that nothing in its scenario names.

"Go to Campaign > Settings > Audience" where the case's menu is Campaign > Recipients sends the
customer to a screen that does not exist, and keeps every expected word. A path is two or
more parts joined by ">" or "›", each opening with a capital ("Settings > Payouts", "Go to
PellApps > PellConnect 4.4 > Update"); its names are the capitalised words of each part (of
the first part only the last, so "Go to" is not a menu). A name that no text of the scenario
uses (`Step.said`, as for figures: briefing, customer messages, model answers, phrases of
points and facts) is reported as a wrong fact, and so is a step the case's menus never put
under the one before it ("Settings > Segments" where the case has Contacts > Segments and
Settings > Roles): both names exist, the screen does not. Plain words joined by arrows ("send ->
resume sync") are notes, not menus, and are left alone; so is a step outside a scenario.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from itertools import pairwise

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
_MENU = "menu:"


def known_menus(texts: Iterable[str]) -> CaseTerms:
    """The words of one scenario's texts, which its menus' names must use, and the steps of its
    paths: each step as "menu:" + its key, each step after another as "earlier>later"."""
    return CaseTerms.of_texts(texts, _terms)


def _terms(text: str) -> Iterator[str]:
    yield from _words(text)
    for path in _PATH.finditer(text):
        keys = [_key(step) for step in _steps(path)]
        for number, key in enumerate(keys):
            yield _MENU + key
            yield from (f"{key}>{later}" for later in keys[number + 1 :])


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
        steps = list(_steps(path))
        unknown = [name for step in steps for name in step if not _uses(known, name.text)]
        yield from unknown or _misplaced(steps, known, text)


def _misplaced(steps: list[list[Evidence]], known: CaseTerms, text: str) -> Iterator[Evidence]:
    """Each pair of steps, both menus of the case, that no path of the case gives in that
    order, as the evidence of the two steps together."""
    for earlier, later in pairwise(steps):
        first, second = _key(earlier), _key(later)
        if {
            _MENU + first,
            _MENU + second,
        } <= known.terms and f"{first}>{second}" not in known.terms:
            start, end = earlier[0].start, later[-1].end
            yield Evidence(text[start:end], text[start:end], start, end)


def _steps(path: re.Match[str]) -> Iterator[list[Evidence]]:
    """The names of each step of a path (of the first step only the last), in order; steps
    without a capitalised name are left out."""
    offset = path.start()
    for number, (start, words) in enumerate(_parts(path.group(0))):
        names = list(_NAME.finditer(words))
        step = [
            Evidence(name.group(0), name.group(0), begin, begin + len(name.group(0)))
            for name in (names[-1:] if number == 0 else names)
            for begin in (offset + start + name.start(),)
        ]
        if step:
            yield step


def _key(step: list[Evidence]) -> str:
    """A step's names in lower case and singular, so "Segments" and "Segment" are one menu."""
    return " ".join(word.removesuffix("s") for name in step for word in _words(name.text))


def _parts(path: str) -> Iterator[tuple[int, str]]:
    start = 0
    for separator in _SEPARATOR.finditer(path):
        yield start, path[start : separator.start()]
        start = separator.end()
    yield start, path[start:]


def _words(text: str) -> list[str]:
    return _WORD.findall(text.lower())
