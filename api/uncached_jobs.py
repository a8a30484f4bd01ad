"""The response cache (api.response_cache) with the build jobs left out.

Why: the cache keeps a GET answer until the graph's version changes, and a job's state and
progress change while the graph does not (a build is running, or the job is still queued), so a
cached `GET /jobs/{id}` would report `queued` until the build ends. Every other path is cached
exactly as before.
"""

from __future__ import annotations

from starlette.types import Receive, Scope, Send

from api.response_cache import ResponseCache

JOBS_PREFIX = "/jobs"


class ResponseCacheExceptJobs(ResponseCache):
    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = scope.get("path", "") if scope["type"] == "http" else ""
        if path == JOBS_PREFIX or path.startswith(JOBS_PREFIX + "/"):
            await self.app(scope, receive, send)
            return
        await super().__call__(scope, receive, send)
