"""Load dialogue reports (text or PDF + TOML sidecar) from files or folders."""

import json
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from dialogues.ingest import IngestError, load_gazetteer, parse_document, scan_sources, to_json
from dialogues.services import LoadError, load_documents


class Command(BaseCommand):
    help = (
        "Load dialogue reports (.txt, .md or .pdf, each with a TOML sidecar) from files or folders, all in "
        "one transaction. In a folder, files that are not reports (a README, a photo) are skipped and "
        "listed. Loading the same files again changes nothing; a changed document is updated in place "
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
            "--explain", action="store_true",
            help="Print how the reader understood each document (section by section) instead of loading it.",
        )
        parser.add_argument(
            "--allow-empty", action="store_true",
            help="Accept documents in which no recommendation is found.",
        )
        parser.add_argument(
            "--gazetteer", type=Path, default=settings.FIXTURES_DIR / "actors.toml",
            help="The actor gazetteer (TOML).",
        )

    def handle(self, *args, paths, dry_run, format, explain, allow_empty, gazetteer, **options):
        if explain and format == "json":
            raise CommandError("--explain and --format json both print instead of loading; choose one.")
        try:
            known_actors = load_gazetteer(gazetteer)
            scan = scan_sources(paths)
            if options["verbosity"] >= 1:
                for path, reason in scan.skipped:
                    self.stderr.write(f"Skipped {path}: {reason}", style_func=self.style.WARNING)
            parsed = [parse_document(source, known_actors) for source in scan.documents]
        except IngestError as exc:
            raise CommandError(str(exc)) from exc
        if explain:
            for doc in parsed:
                self.stdout.write(str(doc.source.path))
                for line in doc.explanation:
                    self.stdout.write(f"  {line}")
            return
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
            if not dry_run and all(doc.state == "unchanged" for doc in report.documents):
                self.stdout.write("Nothing changed: every document is as it was last loaded.")
        if options["verbosity"] >= 2:
            for doc in report.documents:
                for change in doc.changes:
                    self.stdout.write(f"  {doc.source_name}: {change}")
