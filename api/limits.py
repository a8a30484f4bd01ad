"""Request-body size limit: bodies over MAX_BODY_BYTES get 413 before any route sees them.

Why an ASGI middleware and not a check in the route: FastAPI reads and parses the whole body
before the route runs, so a 50 MB JSON would be held in memory and parsed first. Here a declared
Content-Length over the limit is refused at once, unread; a body without one (chunked) is read up
to the limit and refused as soon as it passes it. A body within the limit is replayed to the app.
"""

from __future__ import annotations

import json
from collections.abc import Mapping

from starlette.types import ASGIApp, Message, Receive, Scope, Send

MAX_BODY_BYTES = 1024 * 1024  # 1 MB: far above any /cypher request, far below what hurts the server


class BodyTooLarge(Exception):
    """The request body passed MAX_BODY_BYTES."""


class BodySizeLimit:
    """ASGI middleware: 413 `payload_too_large` (api.errors shape) for request bodies over `limit` bytes."""

    def __init__(self, app: ASGIApp, limit: int = MAX_BODY_BYTES, paths: Mapping[str, int] | None = None) -> None:
        self.app = app
        self.limit = limit
        self.paths = dict(paths or {})  # exact paths with a limit of their own (uploads: api.routers.documents)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.paths.get(scope.get("path", ""), self.limit)
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > limit):
            await self._refuse(send, f"this one declares {declared.decode('latin-1')[:20]} bytes", limit)
            return
        try:
            messages = await self._read_body(receive, limit)
        except BodyTooLarge:
            await self._refuse(send, "this one is larger", limit)
            return
        pending = list(messages)

        async def replay() -> Message:
            return pending.pop(0) if pending else await receive()

        await self.app(scope, replay, send)

    async def _read_body(self, receive: Receive, limit: int) -> list[Message]:
        """The request's body messages, read until the last one; BodyTooLarge past the limit."""
        messages: list[Message] = []
        size = 0
        while True:
            message = await receive()
            messages.append(message)
            if message["type"] != "http.request":
                return messages  # http.disconnect: let the app see it
            size += len(message.get("body", b""))
            if size > limit:
                raise BodyTooLarge
            if not message.get("more_body", False):
                return messages

    async def _refuse(self, send: Send, which: str, limit: int) -> None:
        body = json.dumps(
            {
                "error": "payload_too_large",
                "detail": f"the request body is limited to {limit} bytes; {which}",
            }
        ).encode()
        await send(
            {
                "type": "http.response.start",
                "status": 413,
                "headers": [
                    (b"content-type", b"application/json"),
                    (b"content-length", str(len(body)).encode()),
                    (b"connection", b"close"),
                ],
            }
        )
        await send({"type": "http.response.body", "body": body})
