"""An ASGI app served by uvicorn on a free loopback port in a background thread (browser tests)."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import uvicorn

from graph_loader.neo4j.embedded import free_port


@contextmanager
def serve(app: Any, start_seconds: float = 30) -> Iterator[str]:
    """Serve `app` until the block ends; yields its base URL. Fails when uvicorn does not start."""
    port = free_port()
    srv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + start_seconds
    while not srv.started:
        assert thread.is_alive() and time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        srv.should_exit = True
        thread.join(timeout=10)
