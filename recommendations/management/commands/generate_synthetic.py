"""Generate synthetic recommendations at scale for benchmarks."""

import time

from django.core.management.base import BaseCommand, CommandError

from recommendations.synthetic import SyntheticSize, generate, refuse_reason


class Command(BaseCommand):
    help = ("Generate realistic, reproducible synthetic data in bulk (dialogues, actors with a hierarchy, "
            "recommendations with several actors, countries and status histories).")

    def add_arguments(self, parser):
        parser.add_argument("--recommendations", type=int, default=1000)
        parser.add_argument("--actors", type=int, default=200)
        parser.add_argument("--dialogues", type=int, default=50)
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--force", action="store_true",
                            help="Add synthetic data even where real documents are loaded.")

    def handle(self, *args, recommendations, actors, dialogues, seed, force, **options):
        size = SyntheticSize(recommendations=recommendations, actors=actors, dialogues=dialogues, seed=seed)
        reason = refuse_reason(size, force=force)
        if reason:
            raise CommandError(reason)
        started = time.perf_counter()
        counts = generate(size)
        elapsed = time.perf_counter() - started
        summary = ", ".join(f"{n:,} {name}" for name, n in counts.items())
        self.stdout.write(f"Generated {summary} in {elapsed:.1f} s.")
