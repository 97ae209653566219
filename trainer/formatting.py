"""Template filters for text written in scenario files."""

from __future__ import annotations

import re

from markupsafe import Markup, escape

_LIST_ITEM = re.compile(r"^\s*(?:[-*•]|\d+[.)])\s+")


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
