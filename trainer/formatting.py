"""Template filters: scenario text, dates, stored values and scores as pages show them."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

from markupsafe import Markup, escape

_LIST_ITEM = re.compile(r"^\s*(?:[-*•]|\d+[.)])\s+")

# Every time is stored in UTC; pages say so where it matters.
DATE_FORMATS = {
    "minute": "%Y-%m-%d %H:%M",  # when something happened
    "day": "%Y-%m-%d",  # in tables of many rows
    "long": "%d %B %Y",  # on certificates and ranks
    "time": "%H:%M:%S",  # within one test session
}
HIGH_SCORE, MID_SCORE = 80, 60  # where a score's band starts: high, mid, else low


def paragraphs(text: str | None) -> Markup:
    """Scenario text as HTML paragraphs: lines wrapped in the YAML source flow together.

    A blank line starts a new paragraph; a line that starts a list item keeps its own line.
    """
    blocks = []
    for block in re.split(r"\n\s*\n", (text or "").strip()):
        lines: list[str] = []
        for line in block.splitlines():
            if lines and not _LIST_ITEM.match(line):
                lines[-1] = f"{lines[-1]} {line.strip()}"
            else:
                lines.append(line.strip())
        blocks.append("<br>".join(str(escape(line)) for line in lines))
    return Markup("".join(f"<p>{block}</p>" for block in blocks if block))  # noqa: S704 (escaped)


def date_text(value: datetime, style: str = "minute") -> str:
    """A time in one of the DATE_FORMATS, the only ones pages use."""
    return value.strftime(DATE_FORMATS[style])


def duration_text(value: timedelta | int) -> str:
    """A time used or left in a test (a timedelta or seconds) as '12 min 5 s'."""
    total = value.total_seconds() if isinstance(value, timedelta) else value
    minutes, seconds = divmod(int(total), 60)
    return f"{minutes} min {seconds} s"


# Words a stored value spells in lower case that people write otherwise.
WORD_SPELLINGS = {"crm": "CRM", "it": "IT", "vip": "VIP"}


def value_label(value: object, *, sentence_start: bool = True) -> str:
    """A stored value such as a persona or a domain as words: 'very-angry' is 'Very angry',
    'office-it' is 'Office IT' ('very angry' and 'VIP' inside a sentence)."""
    text = " ".join(WORD_SPELLINGS.get(word, word) for word in str(value).lower().split("-"))
    return text[:1].upper() + text[1:] if sentence_start else text


def score_band(score: int) -> str:
    """'high', 'mid' or 'low', for a score's colour (its number is always shown beside it)."""
    if score >= HIGH_SCORE:
        return "high"
    return "mid" if score >= MID_SCORE else "low"


def percent(share: float | None) -> str:
    """A share as a whole percentage, or a dash when undefined (a function, not a macro: a
    table of items calls it a thousand times)."""
    return "—" if share is None else f"{100 * share:.0f} %"
