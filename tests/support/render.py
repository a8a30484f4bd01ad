"""Render a view the way a user does: `ukg render … --out FILE` in a subprocess."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def render_practice_file(tmp_path: Path) -> Path:
    """Run `ukg render practice craftsman-school --out …` as a user would; the file it wrote."""
    out = tmp_path / "x.html"
    result = subprocess.run(
        [sys.executable, "-m", "ukg", "render", "practice", "craftsman-school", "--out", str(out)],
        capture_output=True,
        text=True,
        env=dict(os.environ),
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    return out
