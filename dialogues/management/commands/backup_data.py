"""Dump the whole database to one portable file (JSON, optionally gzipped)."""

from pathlib import Path

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

# Rebuilt by `migrate` on the target: content types, permissions, sessions, login-attempt logs.
# The data version only keys this server's caches: a restore moves it forward, never back.
# The terms recurrence detection looks candidates up by are derived from the wording: rebuilt on restore.
EXCLUDED = ["contenttypes", "auth.permission", "sessions", "admin.logentry", "axes",
            "recommendations.dataversion", "recurrence.recommendationterm"]


class Command(BaseCommand):
    help = "Dump every record (documents, recommendations, status history, actors, users, roles) to a file."

    def add_arguments(self, parser):
        parser.add_argument("output", type=Path, help="e.g. backup.json.gz (.gz is compressed)")

    def handle(self, *args, output, **options):
        if output.exists():
            raise CommandError(f"{output} already exists; choose a new file name.")
        if not output.parent.is_dir():
            raise CommandError(f"{output.parent} is not a folder.")
        call_command("dumpdata", *[], exclude=EXCLUDED, natural_foreign=True,
                     output=str(output), indent=None, verbosity=0)
        self.stdout.write(f"Wrote {output} ({output.stat().st_size:,} bytes).")
