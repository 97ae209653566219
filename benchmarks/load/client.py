"""A small keep-alive HTTP client that behaves like one browser tab: cookies, forms, timing.

Built on the standard library's http.client rather than a full client library because the
driver shares the machine's two cores with the server it measures: every millisecond of CPU
the client spends parsing is a millisecond the server does not get.
"""

from __future__ import annotations

import http.client
import json
import time
from dataclasses import dataclass
from email.message import Message
from functools import cached_property
from http.cookies import CookieError, SimpleCookie
from typing import Any
from urllib.parse import urlencode

USER_AGENT = "frontline-practice-load/1"
TIMEOUT_SECONDS = 15.0
# gunicorn drops keep-alive connections idle for 2 s by default. Reconnecting before that means a
# request is never written to a socket the server is closing, so no POST needs a retry.
MAX_IDLE_SECONDS = 1.0
NETWORK_ERRORS = (OSError, http.client.HTTPException)


@dataclass(frozen=True)
class Response:
    status: int
    headers: Message
    body: bytes
    seconds: float  # client-side latency: from sending the request to the body's last byte

    @property
    def location(self) -> str:
        return self.headers.get("Location", "")

    @property
    def content_type(self) -> str:
        return self.headers.get("Content-Type", "")

    @cached_property
    def text(self) -> str:
        return self.body.decode("utf-8")

    @cached_property
    def data(self) -> Any:
        """The JSON body, parsed once however often it is read."""
        return json.loads(self.body)


class Browser:
    """One persistent connection and one cookie jar; not thread-safe (one per trainee)."""

    def __init__(self, host: str, port: int) -> None:
        self.host = host
        self.port = port
        self.cookies: dict[str, str] = {}
        self._connection: http.client.HTTPConnection | None = None
        self._last_used = 0.0

    def get(self, path: str, *, accept: str = "text/html") -> Response:
        return self._send("GET", path, b"", {"Accept": accept})

    def post_form(
        self, path: str, fields: dict[str, str], *, accept: str = "text/html"
    ) -> Response:
        """POST url-encoded fields, as a plain HTML form does."""
        body = urlencode(fields).encode()
        headers = {"Accept": accept, "Content-Type": "application/x-www-form-urlencoded"}
        return self._send("POST", path, body, headers)

    def close(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None

    def _send(self, method: str, path: str, body: bytes, headers: dict[str, str]) -> Response:
        """Send one request and read the whole answer; the time includes any reconnect."""
        started = time.perf_counter()
        connection = self._open_connection(started)
        headers = {"User-Agent": USER_AGENT, **headers}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        try:
            connection.request(method, path, body=body or None, headers=headers)
            answer = connection.getresponse()
            payload = answer.read()
        except NETWORK_ERRORS:
            self.close()
            raise
        finished = time.perf_counter()
        self._last_used = finished
        if answer.will_close:
            self.close()
        self._store_cookies(answer.headers)
        return Response(answer.status, answer.headers, payload, finished - started)

    def _open_connection(self, now: float) -> http.client.HTTPConnection:
        if self._connection is not None and now - self._last_used > MAX_IDLE_SECONDS:
            self.close()
        if self._connection is None:
            self._connection = http.client.HTTPConnection(
                self.host, self.port, timeout=TIMEOUT_SECONDS
            )
        return self._connection

    def _store_cookies(self, headers: Message) -> None:
        """Keep cookies the server sets and forget the ones it expires (Max-Age=0)."""
        for header in headers.get_all("Set-Cookie") or []:
            jar = SimpleCookie()
            try:
                jar.load(header)
            except CookieError:
                continue
            for name, morsel in jar.items():
                if morsel["max-age"] == "0" or not morsel.value:
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = morsel.value

