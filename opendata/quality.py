"""The reader's quality on the project's own test reports: measured by ``manage.py reader_quality``,
kept as a small JSON file and shown on the "About the data" page.

A file rather than a row: the figures describe the code, not the data, and are remade with it.
"""

import json
import os
import tempfile
from collections.abc import Sequence
from pathlib import Path

from django.utils import timezone
from django.utils.dateparse import parse_datetime

from dialogues.ingest import load_gazetteer
from dialogues.ingest.grading import grade_file, total


def measure_reader_quality(gold_paths: Sequence[Path], *, gazetteer_path: Path) -> dict:
    """Grade the reader on these gold files; return the totals as plain figures.

    Raises IngestError (from the reader) when a report cannot be read: no partial figures.
    """
    gazetteer = load_gazetteer(gazetteer_path)
    overall = total(grade_file(path, gazetteer) for path in gold_paths)
    return {
        "measured_at": timezone.now().isoformat(timespec="seconds"),
        "reports": overall.reports,
        "gold_items": overall.gold,
        "found": overall.found,
        "extracted": overall.extracted,
        "recall": round(overall.recall, 4),
        "actor_accuracy": round(overall.actor_accuracy, 4),
        "kind_accuracy": round(overall.kind_accuracy, 4),
        "spurious_rate": round(overall.spurious_rate, 4),
    }


def write_reader_quality(figures: dict, path: Path) -> None:
    """Store the figures at ``path``, whole or not at all (a reader never sees half a file)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile("w", dir=path.parent, suffix=".tmp", delete=False, encoding="utf-8") as out:
        json.dump(figures, out, indent=2)
        out.write("\n")
    os.replace(out.name, path)


def read_reader_quality(path: Path) -> dict | None:
    """The stored figures, or None when they were never measured (or the file is not theirs)."""
    try:
        figures = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    numbers = ("reports", "gold_items", "found", "extracted", "recall", "actor_accuracy", "kind_accuracy",
               "spurious_rate")
    if not (isinstance(figures, dict) and isinstance(figures.get("measured_at"), str)
            and parse_datetime(figures["measured_at"])
            and all(isinstance(figures.get(key), int | float) for key in numbers)):
        return None
    return figures
