"""Measure the reader on the project's test reports and store the figures the "About the data" page shows."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from dialogues.ingest import IngestError
from dialogues.ingest.grading import gold_files
from opendata.quality import measure_reader_quality, write_reader_quality

CORPUS = settings.BASE_DIR / "tests" / "reader_corpus"


class Command(BaseCommand):
    help = (
        "Grade the reader against the gold files of tests/reader_corpus (and its seeds) - recall, actor "
        "accuracy, kind accuracy, spurious rate, as bench/bench_reader.py does - and write the totals to "
        "READER_QUALITY_FILE (var/reader_quality.json) for the /data/about/ page."
    )

    def add_arguments(self, parser):
        parser.add_argument("gold", nargs="*", type=Path, help="Gold files to grade (default: the whole corpus).")
        parser.add_argument("--output", type=Path, default=None,
                            help="Where to write the figures (default: the READER_QUALITY_FILE setting).")
        parser.add_argument("--gazetteer", type=Path, default=settings.FIXTURES_DIR / "actors.toml",
                            help="The actor gazetteer (TOML).")

    def handle(self, *args, gold, output, gazetteer, **options):
        paths = gold or gold_files(CORPUS, CORPUS / "seeds")
        if not paths:
            raise CommandError("No gold file to grade.")
        try:
            figures = measure_reader_quality(paths, gazetteer_path=gazetteer)
        except IngestError as exc:
            raise CommandError(f"Cannot grade the reader: {exc}") from exc
        output = output or settings.READER_QUALITY_FILE
        write_reader_quality(figures, output)
        self.stdout.write(
            f"{figures['reports']} reports, {figures['gold_items']} gold items: recall {figures['recall']:.1%}, "
            f"actor accuracy {figures['actor_accuracy']:.1%}, kind accuracy {figures['kind_accuracy']:.1%}, "
            f"spurious rate {figures['spurious_rate']:.1%}. Written to {output}."
        )
