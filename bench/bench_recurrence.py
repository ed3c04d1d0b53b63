"""Time recurrence detection for one new document against the recommendations already stored.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/tracker_bench DEBUG=1 \\
        .venv/bin/python manage.py generate_synthetic --recommendations 100000 --actors 5000 --dialogues 500
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/tracker_bench .venv/bin/python -m bench.bench_recurrence

Each run stores a new dialogue (dated after every other) with 30 recommendations worded from the
synthetic generator's own vocabulary, so that every one of them shares terms with thousands of
stored ones (the worst case for the candidate look-up), then times what a load does for them:
index their terms, look up candidates, score the pairs, store the suggestions. The run is rolled
back, so every run starts from the same database. The terms of the stored recommendations are
indexed once beforehand (as ``detect_recurrences`` or the loads that stored them would have).
Target: median < 5 s on PostgreSQL.
"""

import os
import random
import statistics
import sys
import time
from datetime import date

TARGET_SECONDS = 5.0
RUNS = 5
NEW_RECOMMENDATIONS = 30


def main() -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
    os.environ.setdefault("DEBUG", "1")
    import django

    django.setup()
    from django.db import connection, transaction

    from dialogues.models import Dialogue, Document
    from recommendations import synthetic
    from recommendations.models import Recommendation, Responsibility
    from recurrence.models import RecommendationTerm
    from recurrence.services import index_terms, suggest_recurrences

    stored = Recommendation.objects.count()
    print(f"{connection.vendor}: {stored:,} recommendations stored")
    if connection.vendor != "postgresql" or stored < 100_000:
        print("Needs PostgreSQL with at least 100,000 recommendations: see the docstring for the commands.")
        return 2
    indexed = RecommendationTerm.objects.values("recommendation_id").distinct().count()
    if indexed < stored:
        started = time.perf_counter()
        index_terms(Recommendation.objects.values_list("pk", flat=True))
        print(f"Indexed the terms of {stored:,} recommendations once: {time.perf_counter() - started:.1f} s")
    with connection.cursor() as cursor:  # as autovacuum would have, after the bulk inserts
        cursor.execute(f"VACUUM ANALYZE {RecommendationTerm._meta.db_table}")
        cursor.execute("ANALYZE")
    rng = random.Random(2026)
    texts = [f"{rng.choice(synthetic.SUBJECTS)} {rng.choice(synthetic.VERBS)} {rng.choice(synthetic.OBJECTS)} "
             f"{rng.choice(synthetic.QUALIFIERS)}, and {rng.choice(synthetic.VERBS).replace('should ', '')} "
             f"{rng.choice(synthetic.OBJECTS)}." for _ in range(NEW_RECOMMENDATIONS)]
    actor_ids = list(Responsibility.objects.values_list("actor_id", flat=True).distinct()[:200])
    theme_ids = list(Recommendation.objects.exclude(theme=None).values_list("theme_id", flat=True).distinct())
    times, suggested, candidates = [], [], []
    for run in range(RUNS):
        with transaction.atomic():
            dialogue = Dialogue.objects.create(title=f"Bench dialogue {run}", slug=f"bench-recurrence-{run}",
                                               kind="policy dialogue", start_date=date(2026, 6, 1))
            document = Document.objects.create(dialogue=dialogue, title="Bench report", kind="summary report",
                                               source_name=f"bench-recurrence-{run}.txt", checksum="0" * 64,
                                               text="\n".join(texts))
            recs = Recommendation.objects.bulk_create([
                Recommendation(dialogue=dialogue, document=document, key=f"bench-{n}", text=text,
                               theme_id=rng.choice(theme_ids), line_start=n, line_end=n)
                for n, text in enumerate(texts, start=1)])
            Responsibility.objects.bulk_create([Responsibility(recommendation=rec, actor_id=rng.choice(actor_ids))
                                                for rec in recs])
            started = time.perf_counter()
            report = suggest_recurrences(recommendation_ids=[rec.pk for rec in recs])
            times.append(time.perf_counter() - started)
            suggested.append(len(report.suggested))
            candidates.append(report.candidates)
            transaction.set_rollback(True)
    median = statistics.median(times)
    print(f"Detection for one new document of {NEW_RECOMMENDATIONS} recommendations against {stored:,}: "
          f"median {median:.2f} s over {RUNS} runs (min {min(times):.2f}, max {max(times):.2f}); "
          f"{candidates[0]:,} candidates scored, {suggested[0]} suggestions per run; "
          f"target < {TARGET_SECONDS:.0f} s: {'PASS' if median < TARGET_SECONDS else 'FAIL'}")
    return 0 if median < TARGET_SECONDS else 1


if __name__ == "__main__":
    sys.exit(main())
