"""A small response cache for the read endpoints.

Answers to GET requests (status 200) are kept per path and query string, up to
`max_entries` answers of at most `max_bytes` each, least recently used first out. They stay
valid while the store does not change: the store's version (the number of documents and the
highest document id, read at most once per `check_every` seconds) is part of every entry, so
an ingest by another process is seen within that time, and a write through this server
clears the cache at once. Each worker process has its own cache.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from typing import Any

from dossier.api.guards import route_path

Scope = dict[str, Any]
Message = dict[str, Any]


class ResponseCache:
    """ASGI middleware; `version` returns the store's current version (any hashable)."""

    def __init__(
        self,
        app: Any,
        version: Callable[[], object],
        *,
        max_entries: int = 1024,
        max_bytes: int = 1_000_000,
        check_every: float = 1.0,
        skip: tuple[str, ...] = ("/docs", "/redoc", "/openapi.json", "/health"),
    ) -> None:
        self.app = app
        self.version_of_store = version
        self.max_entries = max_entries
        self.max_bytes = max_bytes
        self.check_every = check_every
        self.skip = skip
        self._entries: OrderedDict[tuple[str, bytes], tuple[object, list[Message]]] = OrderedDict()
        self._lock = threading.Lock()
        self._version: object = None
        self._checked = 0.0
        self.hits = 0
        self.misses = 0

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
            self._checked = 0.0

    def _current_version(self) -> object:
        now = time.monotonic()
        if now - self._checked >= self.check_every:
            self._version = self.version_of_store()
            self._checked = now
        return self._version

    async def __call__(self, scope: Scope, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path = route_path(scope)
        if scope.get("method") != "GET" or path.startswith(self.skip):
            if scope.get("method") not in ("GET", "HEAD", "OPTIONS"):
                self.clear()  # a write: whatever it changed is not served from memory
            await self.app(scope, receive, send)
            return
        key = (path, bytes(scope.get("query_string", b"")))
        version = self._current_version()
        with self._lock:
            entry = self._entries.get(key)
            if entry is not None and entry[0] == version:
                self._entries.move_to_end(key)
                self.hits += 1
                messages = entry[1]
            else:
                messages = []
        if messages:
            for message in messages:
                await send(message)
            return
        self.misses += 1
        recorded: list[Message] = []
        size = 0
        keep = True

        async def recording_send(message: Message) -> None:
            nonlocal size, keep
            if message["type"] == "http.response.start" and message.get("status") != 200:
                keep = False
            if message["type"] == "http.response.body":
                size += len(message.get("body", b""))
                keep = keep and size <= self.max_bytes
            if keep:
                recorded.append(message)
            await send(message)

        await self.app(scope, receive, recording_send)
        if keep and recorded and not recorded[-1].get("more_body", False):
            with self._lock:
                self._entries[key] = (version, recorded)
                self._entries.move_to_end(key)
                while len(self._entries) > self.max_entries:
                    self._entries.popitem(last=False)
