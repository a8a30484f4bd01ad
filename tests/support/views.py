"""What view tests look for in a page: network loads, external links, the data island."""

from __future__ import annotations

import json
import re

EXTERNAL = re.compile(r"""(?:src|href|action)\s*=\s*["']?\s*(?:https?:)?//""", re.IGNORECASE)
# What would make a page fetch something when it loads (links a user may follow are fine in exported files).
LOADS = re.compile(
    r"""\bsrc\s*=\s*["']?\s*(?:https?:)?//|url\(\s*["']?\s*(?:https?:)?//|@import|<link\b""", re.IGNORECASE
)


def payload(page: str) -> dict:
    """The data island a view page carries: exactly what the page draws."""
    match = re.search(r'<script type="application/json" id="ukg-data">(.*?)</script>', page, re.S)
    assert match, "no data island in the page"
    return json.loads(match.group(1))
