"""Figures a reply gives that nothing in its scenario supports.

A reply that keeps every expected phrase but moves one figure ("re-sent within 3 business
days" where the case says 5, "$31.00" for $310.00) is wrong, and a typed fact catches it only
where the author wrote one. So a reply's times, dates, amounts, durations, percentages and
versions are checked against everything the scenario itself says (`Step.said`: its
briefing, the customer's messages, the model answers and the phrases of its points and facts,
never the `wrong` phrases). A figure none of them gives is reported as a wrong fact.

Only figures written with digits count, and days of the week ("archived on Tuesday" where the
case says Monday): "a day" or "midnight" are the loose talk of good replies, and so are a count
of one, "1 minute" and an amount of 1 ("EUR 1 = NOK 11.6").
A clock time is supported by a bare hour the customer wrote ("8 to 6" supports "8am to 6pm"),
and by a time of the case plus one of its durations up to an hour (09:48 and a 15-minute lock
give 10:03). A count counts only with the thing it counts, when the scenario counts that thing
too and never gives the number ("41 deals" where the case has 38 deals): "3 steps" and list
numbers are how a reply is written, not what it claims. An ordinal of a thing the case places
("the 4th floor" where the case has the 2nd), a count joined to a thing the case joins one to
("a 4-digit PIN" where it asks for 6 digits) and a quarter ("Q2" where it has Q4) must be the
case's own; "the 11th" alone is a day of the month, which a date of the case may give. A whole
number of three digits or more that is no year reads as a reference (an extension, a phone or
ticket number) and must be one the case gives. A step outside a scenario says nothing, so
nothing is judged.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from .format.model import ValueType
from .values import NUMBER_WORDS, Value, day_after, find_values, minutes_of, time_after

FACT_ID = "supported-figures"
FACT_LABEL = "Give only figures the case supports"
ADVICE = (
    "{} is a figure nothing in this case gives: state only the times, dates, amounts and "
    "durations you can confirm."
)
_COUNTED = re.compile(r"(?:st|nd|rd|th)?(?:\s+|-)([a-z]{3,})", re.IGNORECASE)
# An ordinal ("the 2nd floor") or a count joined to its thing ("a 6-digit PIN") specifies
# which one: the case's own must be given.
_SPECIFYING = re.compile(r"(?:st|nd|rd|th)\b|-", re.IGNORECASE)
# An ordinal that names no thing is a day of the month ("Monday the 14th").
_DAY_OF_MONTH = re.compile(r"(?:st|nd|rd|th)(?![\w-])(?!\s+[a-z]{3,})", re.IGNORECASE)
DAY_OF_MONTH = "day of the month"
# A quarter of the year ("on the roadmap for Q4"), counted like a thing.
_QUARTER = re.compile(r"\bQ([1-4])\b")
QUARTER = "quarter"
# Numbers as the case writes them ("2,100", "4400", "020"), and the digits that make a number
# a reference rather than loose talk: an extension, a phone or ticket number.
_NUMBER = re.compile(r"\d{1,3}(?:,\d{3})+|\d+")
_REFERENCE_DIGITS = 3
_YEARS = range(1900, 2101)
# "Today is 3 June": the case's tomorrow is a date a reply may name ("he calls you tomorrow,
# 4 June").
_TODAY_IS = re.compile(r"\btoday\s+is\s+(?:\w+day,?\s+)?$", re.IGNORECASE)
# A count in words ("two" to "twelve"; "one" and "a" are loose talk) before the thing it counts.
_COUNT_WORDS = "|".join(
    word for word, number in NUMBER_WORDS.items() if 2 <= number <= 12 and word.isalpha()
)
_COUNT_IN_WORDS = re.compile(rf"\b({_COUNT_WORDS})\b(?=(?:\s+|-)[a-z]{{3,}})", re.IGNORECASE)
_MERIDIEM = re.compile(r"[ap]\.?m\b", re.IGNORECASE)
_NOT_THINGS = frozenset("and the for more than out per times".split())
# A case's clock time plus one of its durations up to an hour is a time it gives too (a lock
# set at 09:48 for 15 minutes lifts at 10:03); longer ones add up to times it never states
# ("back by 11:30", "within 2 hours": not 13:30).
_LATER_MINUTES = 60
# ... and the time left between two of its clock times, up to two hours, is a duration it gives.
_BETWEEN_MINUTES = 120
_HALF_DAY = 12 * 60
# "100% on us", "100% sure": the whole of something, said the way people say "wholly".
_WHOLLY = "100"
# Figures people give in passing, not as claims: "1 deal" is "one deal", "done in 1 minute",
# "EUR 1 = NOK 11.6" is how a rate is written, "00:00" is midnight, where any day starts.
_LOOSE_TALK = {
    ValueType.TIME: frozenset(["0:00"]),
    ValueType.COUNT: frozenset(["0", "1"]),
    ValueType.DURATION: frozenset(["1 minute"]),
    ValueType.AMOUNT: frozenset(["1"]),
}


def _tomorrows(found: list[tuple[str, Value]]) -> frozenset[tuple[ValueType, str]]:
    """The day after each date a text calls today."""
    days = (
        day_after(value.key)
        for text, value in found
        if value.type is ValueType.DATE and _TODAY_IS.search(text, 0, value.start)
    )
    return frozenset((ValueType.DATE, day) for day in days if day is not None)


def _times_later(found: list[tuple[str, Value]]) -> frozenset[tuple[ValueType, str]]:
    """The clock times the case's times and its durations up to an hour add up to."""
    times = [value.key for _, value in found if value.type is ValueType.TIME]
    minutes = [
        int(number)
        for _, value in found
        if value.type is ValueType.DURATION
        for number, unit in [value.key.split(" ")]
        if unit == "minute" and number.isdigit() and int(number) <= _LATER_MINUTES
    ]
    return frozenset(
        (ValueType.TIME, time_after(time, added)) for time in times for added in minutes
    )


def _times_between(found: list[tuple[str, Value]]) -> frozenset[tuple[ValueType, str]]:
    """The time left between two of the case's clock times, up to two hours ("it's 1:35" and
    contracts due at 14:00: "you've still got 25 minutes"); read on a twelve-hour dial, since a
    customer's "1:35" may be the afternoon."""
    times = {minutes_of(value.key) for _, value in found if value.type is ValueType.TIME}
    gaps = {(later - earlier) % _HALF_DAY for earlier in times for later in times}
    return frozenset(
        (ValueType.DURATION, f"{gap} minute") for gap in gaps if 0 < gap <= _BETWEEN_MINUTES
    )


@dataclass(frozen=True, slots=True)
class Supported:
    """The figures of one scenario, by type; whether it judges any (not a step outside a
    scenario); the bare numbers that may name an hour; and the things it counts."""

    keys: frozenset[tuple[ValueType, str]]
    judges: bool
    hours: frozenset[int]
    counted: frozenset[str]
    specified: frozenset[tuple[str, str]]
    numbers: frozenset[int]

    @classmethod
    def of_texts(cls, texts: Iterable[str]) -> Supported:
        texts = tuple(texts)
        found = [(text, value) for text in texts for value in figures_in(text)]
        keys = (
            frozenset((value.type, value.key) for _, value in found)
            | _tomorrows(found)
            | _times_later(found)
            | _times_between(found)
        )
        hours = frozenset(
            int(float(value.key))
            for _, value in found
            if value.type is ValueType.COUNT and float(value.key).is_integer()
        )
        things = [(text, value, counted_thing(text, value)) for text, value in found]
        counted = frozenset(thing for _, _, thing in things if thing)
        specified = frozenset(filter(None, (_specified(*entry) for entry in things)))
        numbers = frozenset(
            int(number.replace(",", "")) for text in texts for number in _NUMBER.findall(text)
        )
        return cls(keys, bool(texts), hours, counted, specified, numbers)

    def supports(self, text: str, value: Value) -> bool:
        """Whether the scenario gives this figure of the reply, or does not judge it."""
        if not self.judges:
            return True
        if value.key in _LOOSE_TALK.get(value.type, ()):
            return True
        if value.type is ValueType.COUNT:
            thing = counted_thing(text, value)
            which = _specified(text, value, thing)
            if which and any(given[0] == thing for given in self.specified):
                return which in self.specified
            reference = _reference(text, value)
            if reference is not None and reference not in self.numbers:
                return False
            return (
                thing not in self.counted
                or (value.type, value.key) in self.keys
                or (thing == DAY_OF_MONTH and self._dates_on_day(value.key))
            )
        said_loosely = not (_has_digit(text[value.start : value.end]) or _is_weekday(value)) or (
            value.type is ValueType.PERCENTAGE and value.key == _WHOLLY
        )
        if said_loosely or (value.type, value.key) in self.keys:
            return True
        if value.type is ValueType.TIME:
            hour, minutes = value.key.split(":")
            return (minutes == "00" and (int(hour) % 12 or 12) in self.hours) or (
                _afternoon_unmarked(text, value)
                and (ValueType.TIME, f"{int(hour) + 12}:{minutes}") in self.keys
            )
        return False

    def _dates_on_day(self, day: str) -> bool:
        """Whether the case gives a date on this day of a month ("the 30th" for 30 April)."""
        return any(kind is ValueType.DATE and key.endswith(f"-{day}") for kind, key in self.keys)


def counted_thing(text: str, value: Value) -> str | None:
    """The word a count counts, singular ("41 deals" -> "deal"), if a word follows it."""
    if value.type is not ValueType.COUNT:
        return None
    if text[value.start : value.start + 1] == "Q":
        return QUARTER
    if _DAY_OF_MONTH.match(text, value.end):
        return DAY_OF_MONTH
    match = _COUNTED.match(text, value.end)
    word = match.group(1).lower() if match else None
    return None if word is None or word in _NOT_THINGS else word.removesuffix("s")


def unsupported(text: str, supported: Supported) -> Iterator[Value]:
    """The reply's figures that the scenario never gives."""
    return (value for value in figures_in(text) if not supported.supports(text, value))


def figures_in(text: str) -> tuple[Value, ...]:
    """The typed values of a text and its counts in words ("the other two plugins"), which
    count like counts in digits: only with a thing the case counts too."""
    values = find_values(text)
    values += tuple(
        Value(ValueType.COUNT, match.group(1), *match.span()) for match in _QUARTER.finditer(text)
    )
    words = tuple(
        Value(ValueType.COUNT, str(NUMBER_WORDS[match.group(1).lower()]), *match.span(1))
        for match in _COUNT_IN_WORDS.finditer(text)
        if not any(value.start < match.end(1) and match.start(1) < value.end for value in values)
    )
    return tuple(sorted(values + words, key=lambda value: value.start))


def _specified(text: str, value: Value, thing: str | None) -> tuple[str, str] | None:
    """The thing and number of an ordinal ("the 2nd floor"), a count joined to its thing ("a
    6-digit PIN") or a quarter ("Q4"): a case that places something on one floor, asks for
    so many digits or plans for one quarter gives no other. `thing` is the count's
    (counted_thing)."""
    if thing == QUARTER or (
        thing not in (None, DAY_OF_MONTH) and _SPECIFYING.match(text, value.end)
    ):
        return thing, value.key
    return None


def _reference(text: str, value: Value) -> int | None:
    """The number of a count that reads as a reference the case must give: a whole number
    written with at least three digits that is no year ("ext. 4040", "020 7946 0312", "offer
    3370"). Read from the digits as written: the value's key of a large count is "1e+06"."""
    digits = text[value.start : value.end].replace(",", "")
    if not digits.isdigit() or len(digits) < _REFERENCE_DIGITS:
        return None
    return None if len(digits) == 4 and int(digits) in _YEARS else int(digits)


def _afternoon_unmarked(text: str, value: Value) -> bool:
    """Whether a clock time may be the afternoon's, written without am or pm: "1:20" for
    13:20."""
    hour = int(value.key.split(":")[0])
    return 1 <= hour < 12 and not _MERIDIEM.search(text, value.start, value.end)


def _is_weekday(value: Value) -> bool:
    return value.type is ValueType.DATE and value.key.isalpha()


def _has_digit(text: str) -> bool:
    return any(char.isdigit() for char in text)
