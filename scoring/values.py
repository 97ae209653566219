"""Typed values in text: times, dates, amounts, counts, durations, percentages and versions.

A fact may say which value it states (`value: {type: time, is: "11:30"}`); a reply that gives
another value of that type states the fact wrongly, unless the scenario's briefing or the
customer's message gives that value too (the incident started at 09:40, the customer wrote
"Friday"). Values are compared normalised: "3 pm" = "15:00", "$310" = "310 dollars",
"16 July" = "July 16th", "48 hours" = "2 days" is not assumed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .format.model import ValueType

NUMBER_WORDS = {
    word: index
    for index, word in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve".split()
    )
} | {
    "a": 1,
    "an": 1,
    "half": 0.5,
    "half a": 0.5,
    "half an": 0.5,
    "a quarter of an": 0.25,
    "quarter of an": 0.25,
    "three quarters of an": 0.75,
    "fifteen": 15,
    "twenty": 20,
    "thirty": 30,
    "forty-eight": 48,
}
_MONTHS = {
    name: index + 1
    for index, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ]
    )
    for name in names
}
_WEEKDAYS = "monday tuesday wednesday thursday friday saturday sunday".split()
# Durations compared in one unit where the units convert exactly: "half an hour" = "30
# minutes", "a week" = "7 days" (business days stay days: "5 business days" = "5 days").
_SCALES = {"hour": (60, "minute"), "week": (7, "day")}
# "two and a half hours": half a unit more.
_AND_A_HALF_WORDS = r"\s+and\s+a\s+half"
_AND_A_HALF = re.compile(_AND_A_HALF_WORDS + "$", re.IGNORECASE)
_UNITS = {
    "minute": "minute",
    "min": "minute",
    "mins": "minute",
    "hour": "hour",
    "hr": "hour",
    "hrs": "hour",
    "day": "day",
    "week": "week",
    "wk": "week",
    "month": "month",
    "year": "year",
    "yr": "year",
}
_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_ORDINAL = r"(?:st|nd|rd|th)?"
_NUMBER = r"\d+(?:[.,]\d+)*"
_COUNT_WORD = "|".join(sorted(NUMBER_WORDS, key=len, reverse=True))
_PATTERNS: tuple[tuple[ValueType, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(pattern, re.IGNORECASE))
    for kind, pattern in (
        (ValueType.PERCENTAGE, rf"(?<![\w.])({_NUMBER})\s?(?:%|per ?cent\b)"),
        (
            # A currency and its number share a line: "USD" closing one list item is no
            # amount of the "2." opening the next.
            ValueType.AMOUNT,
            rf"(?:[$\u20ac\u00a3]|\b(?:usd|eur|gbp)[ \u00a0]?)({_NUMBER})(k\b)?"
            rf"|(?<![\w.])({_NUMBER})(k)?[ \u00a0]?(?:dollars?|euros?|pounds?|usd|eur|gbp|bucks)\b",
        ),
        (
            ValueType.TIME,
            r"(?<![\w.:$\u20ac\u00a3])(\d{1,2})(?:[:.](\d\d))?\s?([ap])\.?m\b\.?"
            r"|(?<![\w.:$\u20ac\u00a3])([01]?\d|2[0-3])[:.]([0-5]\d)(?![\d%]|\.\d)"
            r"|\b(noon|midday|midnight)\b",
        ),
        (
            ValueType.DATE,
            rf"\b(\d{{1,2}}){_ORDINAL}(?:\s+of)?\s+({_MONTH})\b"
            rf"|\b({_MONTH})\.?\s+(\d{{1,2}}){_ORDINAL}\b(?![:.]\d)"
            r"|\b(\d{4})-(\d{2})-(\d{2})\b"
            rf"|\b({'|'.join(_WEEKDAYS)})\b",
        ),
        (
            ValueType.DURATION,
            r"(?<![\w.:])((?:half an?|half|(?:(?:a )?quarter|three quarters) of an)(?=\s)"
            rf"|(?:{_NUMBER}|{_COUNT_WORD})(?:{_AND_A_HALF_WORDS})?)"
            rf"(?:\s?(?:-|\u2013|to|or)\s?({_NUMBER}|{_COUNT_WORD}))?"
            r"[\s-]+(?:(?:business|working|calendar|full|more|extra|whole)\s+)?"
            r"(minutes?|mins?|hours?|hrs?|days?|weeks?|wks?|months?|years?|yrs?)\b",
        ),
        (ValueType.VERSION, r"\b(?:version|ver\.?|v)\s?(\d+(?:\.\d+){0,3})\b|\b(\d+\.\d+\.\d+)\b"),
        (ValueType.COUNT, r"(?<![\w.:,$\u20ac\u00a3-])(\d{1,3}(?:,\d{3})+|\d+)(?![\w.:,%]*\d)"),
    )
)


# "One day" says "some day" ("if you change banks one day") unless a word measures time before
# it ("within one day", "takes one day") or after it ("one day later").
_ONE_DAY = re.compile(r"one\s+day", re.IGNORECASE)
_MEASURES_BEFORE = re.compile(
    r"\b(?:in|within|for|after|takes?|took|than|about|around|only|just|over|by|of|least|extra"
    r"|another|up to)\s+$",
    re.IGNORECASE,
)
_MEASURES_AFTER = re.compile(
    r"\s+(?:later|earlier|after|before|ago|left|late|delay|extension|of)\b", re.IGNORECASE
)

# "What a day!" exclaims; it measures nothing.
_EXCLAIMED = re.compile(r"\bwhat\s+$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Value:
    type: ValueType
    key: str
    start: int
    end: int


def find_values(text: str) -> tuple[Value, ...]:
    """Every typed value in the text, in order; a span belongs to its first type only (a time
    is no count, an amount no duration)."""
    found: list[Value] = []
    taken: list[tuple[int, int]] = []
    for kind, pattern in _PATTERNS:
        for match in pattern.finditer(text):
            start, end = match.span()
            if any(start < last and first < end for first, last in taken):
                continue
            if kind is ValueType.DURATION and (
                is_some_day(text, start, end) or _EXCLAIMED.search(text, max(0, start - 8), start)
            ):
                continue
            key = _key(kind, match)
            if key is None:
                continue
            found.append(Value(kind, key, start, end))
            taken.append((start, end))
    return tuple(sorted(found, key=lambda value: value.start))


def is_some_day(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] is the "one day" of "some day", no duration."""
    return (
        _ONE_DAY.fullmatch(text, start, end) is not None
        and _MEASURES_BEFORE.search(text, max(0, start - 12), start) is None
        and _MEASURES_AFTER.match(text, end) is None
    )


@lru_cache(maxsize=4096)
def value_keys(text: str, kind: ValueType) -> frozenset[str]:
    """The keys of the values of one type in a text (a briefing, a fact's value)."""
    return frozenset(value.key for value in values_of(text, kind))


def values_of(text: str, kind: ValueType) -> tuple[Value, ...]:
    return tuple(value for value in find_values(text) if value.type is kind)


def _key(kind: ValueType, match: re.Match[str]) -> str | None:
    groups = list(match.groups())
    if kind is ValueType.PERCENTAGE:
        return _plain(groups[0])
    if kind is ValueType.AMOUNT:
        number, thousands = (groups[0], groups[1]) if groups[0] else (groups[2], groups[3])
        value = float(number.replace(",", "")) * (1000 if thousands else 1)
        return f"{value:g}"
    if kind is ValueType.TIME:
        return _time(groups)
    if kind is ValueType.DATE:
        return _date(groups)
    if kind is ValueType.DURATION:
        unit = groups[2].lower()
        unit = _UNITS.get(unit if unit in _UNITS else unit.rstrip("s"), unit)
        scale, unit = _SCALES.get(unit, (1, unit))
        amount = "-".join(_amount(group, scale) for group in groups[:2] if group)
        return f"{amount} {unit}"
    if kind is ValueType.VERSION:
        return (groups[0] or groups[1]).rstrip(".")
    return _plain(groups[0])


def _amount(word: str, scale: float = 1) -> str:
    """The number of a duration's amount; "two and a half" is 2.5."""
    whole = _AND_A_HALF.sub("", word)
    number = NUMBER_WORDS.get(whole.lower())
    value = float(whole.replace(",", "")) if number is None else number
    if whole != word:
        value += 0.5
    return f"{value * scale:g}"


def _plain(number: str) -> str:
    return f"{float(number.replace(',', '')):g}"


def _time(groups: list[str | None]) -> str | None:
    hour, minutes, half, hour24, minutes24, word = groups
    if word:
        return "0:00" if word.lower() == "midnight" else "12:00"
    if hour24 is not None:
        return f"{int(hour24)}:{minutes24}"
    number = int(hour or 0)
    if not 1 <= number <= 12:
        return None
    number = number % 12 + (12 if (half or "").lower() == "p" else 0)
    return f"{number}:{minutes or '00'}"


def _date(groups: list[str | None]) -> str | None:
    day, month, month2, day2, year, month3, day3, weekday = groups
    if weekday:
        return weekday.lower()
    if year:
        return f"{int(month3)}-{int(day3)}"
    if day:
        return _month_day(month, day)
    return _month_day(month2, day2)


def _month_day(month: str | None, day: str | None) -> str | None:
    number = _MONTHS.get((month or "").lower().rstrip("."))
    if number is None or not day or not 1 <= int(day) <= 31:
        return None
    return f"{number}-{int(day)}"


# Days in each month. No case states a year, so February has 28: the day after a case's 28
# February is 1 March.
_MONTH_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def day_after(key: str) -> str | None:
    """The key of the next day: "6-3" -> "6-4", "monday" -> "tuesday"."""
    if key in _WEEKDAYS:
        return _WEEKDAYS[(_WEEKDAYS.index(key) + 1) % 7]
    month, _, day = key.partition("-")
    if not (month.isdigit() and day.isdigit()):
        return None
    month_number, day_number = int(month), int(day) + 1
    if day_number > _MONTH_DAYS[month_number - 1]:
        month_number, day_number = month_number % 12 + 1, 1
    return f"{month_number}-{day_number}"


def minutes_of(key: str) -> int:
    """Minutes since midnight of a clock time's key: "13:35" -> 815."""
    hour, _, minute = key.partition(":")
    return int(hour) * 60 + int(minute)


def time_after(key: str, minutes: int) -> str:
    """The key of the clock time so many minutes later: "9:48", 15 -> "10:03"."""
    total = (minutes_of(key) + minutes) % (24 * 60)
    return f"{total // 60}:{total % 60:02d}"
