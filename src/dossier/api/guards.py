"""What every request passes before an endpoint sees it, and what every response gets.

* a body larger than `max_body` bytes is refused with 413 before it is read (from its
  Content-Length, or while it streams in when it has none);
* a query string with a NUL or another control character, or that is not UTF-8 once
  percent-decoded, is refused with 400 (no parameter of this API needs one);
* every response carries security headers: no MIME sniffing, no framing, no referrer, and
  a Content-Security-Policy: for JSON one that allows nothing, for HTML pages their own
  resources only, for the interactive docs what their viewer needs.
"""

from __future__ import annotations

import json
import re
from typing import Any
from urllib.parse import unquote_to_bytes

Scope = dict[str, Any]
Message = dict[str, Any]

DEFAULT_MAX_BODY = 2_000_000  # bytes: POST /analyze takes texts of up to 1,000,000 characters
_CONTROL = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
SECURITY_HEADERS = [
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=()"),
]
API_CSP = b"default-src 'none'; frame-ancestors 'none'"
# the docs pages load Swagger UI / ReDoc: scripts and styles from their CDN, inline setup
DOCS_CSP = (
    b"default-src 'none'; script-src 'self' 'unsafe-inline' https://cdn.jsdelivr.net; "
    b"style-src 'self' 'unsafe-inline' https://cdn.jsdelivr.net https://fonts.googleapis.com; "
    b"img-src 'self' data: https://fastapi.tiangolo.com; font-src https://fonts.gstatic.com; "
    b"connect-src 'self'; frame-ancestors 'none'"
)
DOCS_PATHS = ("/docs", "/redoc")


def route_path(scope: Scope) -> str:
    """The request path within this app: without the prefix it is mounted at (the web UI
    mounts the API at /api, and Starlette keeps the full path in ``scope["path"]``)."""
    path = str(scope.get("path", ""))
    root = str(scope.get("root_path", ""))
    if root and path.startswith(root):
        return path[len(root) :] or "/"
    return path


# pages of the app itself (HTML that is not the docs): their own scripts and styles only
PAGE_CSP = b"default-src 'self'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'"


class Guard:
    """ASGI middleware applying the rules above."""

    def __init__(self, app: Any, max_body: int = DEFAULT_MAX_BODY) -> None:
        self.app = app
        self.max_body = max_body

    async def __call__(self, scope: Scope, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        problem = query_problem(scope.get("query_string", b""))
        if problem:
            await _reply(send, 400, problem)
            return
        length = _content_length(scope)
        if length is not None and length > self.max_body:
            await _reply(send, 413, f"request body over {self.max_body:,} bytes")
            return
        docs = route_path(scope).startswith(DOCS_PATHS)
        started = False
        received = 0
        too_large = False

        async def limited_receive() -> Message:
            nonlocal received, too_large
            message: Message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_body:
                    too_large = True
                    raise _TooLarge
            return message

        async def send_with_headers(message: Message) -> None:
            nonlocal started
            if too_large:
                # the endpoint saw its body cut short and answered something else
                if not started:
                    started = True
                    await _reply(send, 413, f"request body over {self.max_body:,} bytes")
                return
            if message["type"] == "http.response.start":
                started = True
                headers = [(k, v) for k, v in message.get("headers", []) if k.lower() != b"server"]
                headers.extend(SECURITY_HEADERS)
                if not any(k.lower() == b"content-security-policy" for k, _ in headers):
                    headers.append((b"content-security-policy", _policy(headers, docs)))
                message = {**message, "headers": headers}
            await send(message)

        try:
            await self.app(scope, limited_receive, send_with_headers)
        except _TooLarge:
            if not started:
                await _reply(send, 413, f"request body over {self.max_body:,} bytes")


def _policy(headers: list[tuple[bytes, bytes]], docs: bool) -> bytes:
    """Nothing at all for data (JSON); the docs viewer's needs; own resources for pages."""
    if docs:
        return DOCS_CSP
    kind = next((v for k, v in headers if k.lower() == b"content-type"), b"")
    return PAGE_CSP if kind.startswith(b"text/html") else API_CSP


class _TooLarge(Exception):
    pass


def query_problem(query: bytes) -> str | None:
    """Why a raw query string is refused, or None."""
    if not query:
        return None
    decoded = unquote_to_bytes(query.replace(b"+", b" "))
    if _CONTROL.search(decoded):
        return "query parameters may not contain control characters (such as NUL)"
    try:
        decoded.decode("utf-8")
    except UnicodeDecodeError:
        return "query parameters must be UTF-8"
    return None


def _content_length(scope: Scope) -> int | None:
    for key, value in scope.get("headers", []):
        if key.lower() == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None


async def _reply(send: Any, status: int, detail: str) -> None:
    body = json.dumps({"detail": detail}).encode()
    headers = [
        (b"content-type", b"application/json"),
        (b"content-length", str(len(body)).encode()),
        (b"connection", b"close"),
        *SECURITY_HEADERS,
        (b"content-security-policy", API_CSP),
    ]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})
