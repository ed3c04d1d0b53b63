"""Suggest recurring recommendations across the whole database."""

import time

from django.core.management.base import BaseCommand, CommandError

from recurrence.services import NothingToCompare, detect_all, rebuild_all_chains


class Command(BaseCommand):
    help = ("Compare every recommendation with those of earlier dialogues and suggest likely repeats for "
            "staff to confirm or reject in the admin; pairs already suggested or decided are left alone. "
            "Chains are rewritten from the confirmed links (after dialogue dates were corrected).")

    def handle(self, *args, **options):
        started = time.perf_counter()
        try:
            report = detect_all()
        except NothingToCompare as exc:
            raise CommandError(exc.message) from None
        entries = rebuild_all_chains()
        self.stdout.write(f"{report.summary()} {entries:,} recommendations stand in chains of confirmed repeats. "
                          f"({time.perf_counter() - started:.1f} s)")
