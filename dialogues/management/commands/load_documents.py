"""Load dialogue reports (text + TOML sidecar) from files or folders."""

import json
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from dialogues.ingest import IngestError, load_gazetteer, parse_document, read_sources, to_json
from dialogues.services import LoadError, load_documents


class Command(BaseCommand):
    help = (
        "Load dialogue reports (text + TOML sidecar) from files or folders, all in one transaction. "
        "Loading the same files again changes nothing; a changed document is updated in place "
        "and keeps the status history staff recorded."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", type=Path, help="Report files or folders of them.")
        parser.add_argument("--dry-run", action="store_true", help="Report what would change; write nothing.")
        parser.add_argument(
            "--format", choices=["text", "json"], default="text",
            help="json: print the parsed records to stdout instead of loading them.",
        )
        parser.add_argument(
            "--allow-empty", action="store_true",
            help="Accept documents in which no recommendation is found.",
        )
        parser.add_argument(
            "--gazetteer", type=Path, default=settings.FIXTURES_DIR / "actors.toml",
            help="The actor gazetteer (TOML).",
        )

    def handle(self, *args, paths, dry_run, format, allow_empty, gazetteer, **options):
        try:
            known_actors = load_gazetteer(gazetteer)
            parsed = [parse_document(source, known_actors) for source in read_sources(paths)]
        except IngestError as exc:
            raise CommandError(str(exc)) from exc
        if not allow_empty:
            for doc in parsed:
                if not doc.recommendations and not doc.source.sidecar.allow_empty:
                    raise CommandError(
                        f"{doc.source.path}: no recommendation found; nothing was loaded "
                        f"(use --allow-empty, or allow_empty = true in its sidecar, to load such documents)."
                    )
        if format == "json":
            self.stdout.write(json.dumps(to_json(parsed, known_actors), indent=2, ensure_ascii=False))
            return
        try:
            report = load_documents(parsed, gazetteer=known_actors, dry_run=dry_run)
        except LoadError as exc:
            raise CommandError(f"{exc} Nothing was loaded.") from exc
        if options["verbosity"] >= 1:
            self.stdout.write(report.summary())
        if options["verbosity"] >= 2:
            for doc in report.documents:
                for change in doc.changes:
                    self.stdout.write(f"  {doc.source_name}: {change}")
