"""Input no view can take, refused once for every route before any view or database sees it.

A NUL character cannot be stored by PostgreSQL (and SQLite silently cuts the text at it), so a
NUL anywhere in the path, the query string or a form field gets a clear 400 instead of a 500
deep inside a query. No form takes a file either, except the views marked `accepts_files`: a
field sent as a file would reach any other view as an object where it expects text.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from flask import Flask, current_app, request

from trainer.errors import render_error

NUL = "\x00"
NUL_REFUSED = (
    "What you sent contains a NUL character (\\0), which Frontline cannot store. "
    "Remove it and send again."
)
FILE_REFUSED = "Frontline takes no files: type the text into the form and send it again."
View = TypeVar("View", bound=Callable[..., Any])


def accepts_files(view: View) -> View:
    """Let this view receive uploaded files (it reads and checks them itself)."""
    view.accepts_files = True  # type: ignore[attr-defined]
    return view


def _fields() -> list[str]:
    """Every name and value of the query string and of a form body."""
    texts: list[str] = []
    for source in (request.args, request.form):
        for name, values in source.lists():
            texts.append(name)
            texts.extend(values)
    return texts


def refuse_unreadable_input():
    """The 400 answer for a request carrying a NUL character or a file, or None to go on."""
    if NUL in request.path or any(NUL in text for text in _fields()):
        return render_error(400, NUL_REFUSED)
    if request.files:
        view = current_app.view_functions.get(request.endpoint or "")
        if not getattr(view, "accepts_files", False):
            return render_error(400, FILE_REFUSED)
    return None


def init_app(app: Flask) -> None:
    # First of all hooks, so even the CSRF check never reads a NUL.
    app.before_request_funcs.setdefault(None, []).insert(0, refuse_unreadable_input)
