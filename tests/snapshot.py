"""Compare JSON-serialisable data with a committed snapshot file, and rewrite snapshots on request.

A snapshot is the data pretty-printed as JSON (two-space indent, UTF-8, keys in their own order).
A mismatch fails the test with a unified diff of the committed and the current JSON, first
``MAX_DIFF_LINES`` lines. With ``UPDATE_SNAPSHOTS=1`` in the environment the files are written
instead and the tests pass; review ``git diff tests/snapshots/`` before committing them.
"""

from __future__ import annotations

import difflib
import json
import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SNAPSHOTS = ROOT / "tests" / "snapshots"
MAX_DIFF_LINES = 80
UPDATE_HINT = "UPDATE_SNAPSHOTS=1 .venv/bin/python -m pytest tests/test_ingest_parse.py (or: make snapshots)"


def render(data: object) -> str:
    """Return data as the text of a snapshot file."""
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def updating() -> bool:
    """Return True when snapshots are to be rewritten rather than compared."""
    return os.environ.get("UPDATE_SNAPSHOTS", "").strip().lower() not in ("", "0", "false", "no")


def snapshot_diff(expected: str, actual: str, name: str, limit: int = MAX_DIFF_LINES) -> str:
    """Return the unified diff of two snapshot texts, cut to its first ``limit`` lines."""
    lines = list(difflib.unified_diff(expected.splitlines(), actual.splitlines(),
                                      fromfile=f"{name} (committed)", tofile=f"{name} (current output)",
                                      lineterm=""))
    if len(lines) > limit:
        lines = [*lines[:limit], f"... {len(lines) - limit} more diff lines"]
    return "\n".join(lines)


def assert_matches_snapshot(data: object, name: str, folder: Path = SNAPSHOTS) -> None:
    """Fail with a readable diff unless data equals the snapshot ``folder / name`` (or rewrite it)."""
    path = folder / name
    shown = path.relative_to(ROOT).as_posix() if path.is_relative_to(ROOT) else str(path)
    actual = render(data)
    if updating():
        folder.mkdir(parents=True, exist_ok=True)
        if not path.exists() or path.read_text(encoding="utf-8") != actual:
            path.write_text(actual, encoding="utf-8")
        return
    if not path.exists():
        pytest.fail(f"no snapshot {shown}; write it with {UPDATE_HINT}", pytrace=False)
    committed = json.loads(path.read_text(encoding="utf-8"))
    if committed != json.loads(actual):
        diff = snapshot_diff(render(committed), actual, shown)
        pytest.fail(f"{shown} differs from the current output:\n{diff}\n"
                    f"If the change is intended, rewrite the snapshots: {UPDATE_HINT}", pytrace=False)
