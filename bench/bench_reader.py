"""Measure how well the reader extracts recommendations and their actors, against hand-made gold files.

Reads every ``*.gold.toml`` in ``tests/reader_corpus`` (reports in layouts the seeds do not show:
numbered paragraphs, agenda outcomes, a press release, two-column PDF text, text tables...) and in
``tests/reader_corpus/seeds`` (the five seed reports of ``fixtures/documents``), parses each report with
the project gazetteer (``fixtures/actors.toml``) and grades what it extracted
(``dialogues.ingest.grading``): recall (gold items found), actor accuracy (found items whose set of
actors is right) and the spurious rate (extracted items that are no gold recommendation, or that
swallowed a passage marked as none). Prints one line per report and the totals, then the misses,
wrong actors and spurious items (``--errors N`` shows the first N of each, ``--errors 0`` none).

The exit status is 1 with ``--check`` when a total misses the targets the test suite holds the reader
to (``tests/test_reader_quality.py``: recall >= 98 %, actor accuracy >= 95 %, spurious <= 2 %), or when
a report cannot be parsed.

Run: ``.venv/bin/python -m bench.bench_reader [--errors 20] [--check] [GOLD ...]``
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from dialogues.ingest import IngestError, load_gazetteer
from dialogues.ingest.grading import describe_errors, gold_files, grade_file, score_table, total

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "reader_corpus"
TARGETS = {"recall": 0.98, "actor accuracy": 0.95, "spurious rate": 0.02}


def main(argv: list[str] | None = None) -> int:
    """Grade the reader on every gold file (or those given) and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("gold", nargs="*", type=Path, help="gold files to grade (default: the whole corpus)")
    parser.add_argument("--errors", type=int, default=20, help="show at most this many misses, wrong actors and "
                                                                "spurious items each (default 20; -1 for all)")
    parser.add_argument("--check", action="store_true", help="exit 1 when a total misses its target")
    args = parser.parse_args(argv)
    gazetteer = load_gazetteer(ROOT / "fixtures" / "actors.toml")
    paths = args.gold or gold_files(CORPUS, CORPUS / "seeds")
    scores, failures = [], 0
    for path in paths:
        try:
            scores.append(grade_file(path, gazetteer))
        except IngestError as exc:
            failures += 1
            print(f"cannot grade {path}: {exc}", file=sys.stderr)
    print(score_table(scores))
    overall = total(scores)
    if args.errors != 0:
        errors = describe_errors(overall, limit=None if args.errors < 0 else args.errors)
        if errors:
            print()
            print(errors)
    figures = {"recall": overall.recall, "actor accuracy": overall.actor_accuracy,
               "spurious rate": overall.spurious_rate}
    missed = [name for name, value in figures.items()
              if (value > TARGETS[name] if name == "spurious rate" else value < TARGETS[name])]
    print()
    print(f"kind right: {overall.kinds_right}/{overall.found} found items ({overall.kind_accuracy:.1%})")
    for name, value in figures.items():
        mark = "below target" if name in missed else "ok"
        bound = "<=" if name == "spurious rate" else ">="
        print(f"{name}: {value:.1%} (target {bound} {TARGETS[name]:.0%}) {mark}")
    if args.check and (missed or failures):
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
