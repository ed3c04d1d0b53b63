"""Restore a dump made by backup_data into this database, replacing what it holds."""

from pathlib import Path

from django.apps import apps
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from recommendations.models import DataVersion, Recommendation
from recurrence.services import index_terms

REPLACED_APPS = ["actors", "dialogues", "recommendations", "auth", "recurrence"]


class Command(BaseCommand):
    help = ("Replace the data of this (migrated) database with a backup_data dump, in one transaction: "
            "if anything fails, the database is left as it was.")

    def add_arguments(self, parser):
        parser.add_argument("dump", type=Path)
        parser.add_argument("--yes", action="store_true", help="Do not ask; replace the current data.")

    def handle(self, *args, dump, yes, **options):
        if not dump.is_file():
            raise CommandError(f"{dump}: no such file.")
        if not yes and self._holds_data():
            answer = input("This replaces every record in the database. Type 'yes' to go on: ")
            if answer.strip().lower() != "yes":
                raise CommandError("Restore cancelled; nothing was changed.")
        try:
            with transaction.atomic():
                self._clear()
                call_command("loaddata", str(dump), verbosity=0)
                index_terms(Recommendation.objects.values_list("pk", flat=True))
                DataVersion.objects.bump()
        except Exception as exc:  # loaddata reports a bad dump as one of several exception types
            raise CommandError(f"{dump}: restore failed ({exc}); nothing was changed.") from None
        self.stdout.write(f"Restored {dump}.")

    def _holds_data(self) -> bool:
        return any(m.objects.exists() for label in REPLACED_APPS[:3] for m in apps.get_app_config(label).get_models())

    def _clear(self) -> None:
        """Delete every row the dump will bring back, children before parents."""
        models = [m for label in REPLACED_APPS for m in apps.get_app_config(label).get_models(include_auto_created=True)
                  if m._meta.model_name not in ("permission", "dataversion")]
        # Foreign keys are checked at commit (deferred), so the order of deletion does not matter.
        for model in models:
            model._base_manager.all()._raw_delete(connection.alias)
