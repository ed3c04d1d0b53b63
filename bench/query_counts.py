"""SQL queries per request for each benchmarked endpoint, measured in-process.

Run by ``bench/bench_portal.py`` in a subprocess, once per database, with ``DATABASE_URL``,
``DEBUG=1`` and ``SECRET_KEY`` set::

    python -m bench.query_counts [--filters QUERYSTRING] [--search WORDS] [--sample N]
                                 [--skip-csv] [--dump-sql DIR]

It picks the benchmark's paths from this database's data (the actor with the most
responsibilities, a random sample of recommendation pages, and unless given, three facet
filters with the most common theme, status and country), requests each path twice with
Django's test client, and counts the SQL queries of the second request (the first warms
per-process caches, as a long-lived worker would have). A streamed response (the CSV) is
consumed inside the capture. One JSON object goes to stdout.
"""

import argparse
import json
import os
import random
import sys
from pathlib import Path
from urllib.parse import urlencode

DEFAULT_SEARCH = "vaccine supply"
# Recommendation pages measured for their query count (the load test spreads over many more).
MEASURED_DETAIL_PAGES = 5


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--filters", default="",
                        help="The three-filter query string (default: most common theme, status, country).")
    parser.add_argument("--search", default=DEFAULT_SEARCH, help="The text search (q=).")
    parser.add_argument("--sample", type=int, default=1000,
                        help="How many recommendation pages to list for the load test.")
    parser.add_argument("--skip-csv", action="store_true", help="Do not download the CSV.")
    parser.add_argument("--dump-sql", type=Path, help="Write each endpoint's SQL to DIR/<name>.sql.")
    return parser.parse_args(argv)


def discover(*, filters: str, search: str, sample: int, skip_csv: bool) -> dict:
    """The benchmark's endpoints, chosen from this database's public data."""
    from django.db.models import Count

    from actors.models import Actor
    from recommendations.models import Recommendation, RecommendationCountry, Responsibility, Status

    public = Recommendation.objects.published()
    total = public.count()
    if not total:
        raise SystemExit("No public recommendation in this database: generate the synthetic data first.")
    star = (Responsibility.objects.filter(recommendation__in=public).values("actor_id")
            .annotate(n=Count("id")).order_by("-n", "actor_id").first())
    actor = Actor.objects.get(pk=star["actor_id"])
    if not filters:
        theme = (public.exclude(theme=None).values("theme__slug").annotate(n=Count("id"))
                 .order_by("-n", "theme__slug").first())
        status = (public.exclude(current_status=Status.NO_INFORMATION).values("current_status")
                  .annotate(n=Count("id")).order_by("-n", "current_status").first())
        country = (RecommendationCountry.objects.filter(recommendation__in=public).values("country")
                   .annotate(n=Count("id")).order_by("-n", "country").first())
        filters = urlencode({"theme": theme["theme__slug"], "status": status["current_status"],
                             "country": country["country"]})
    pks = list(public.order_by("pk").values_list("pk", flat=True))
    chosen = random.Random(1).sample(pks, min(sample, len(pks)))
    endpoints = {
        "healthz": "/healthz",
        "home": "/",
        "list": "/recommendations/",
        "list_filtered": f"/recommendations/?{filters}",
        "list_search": f"/recommendations/?{urlencode({'q': search})}",
        "actor": actor.get_absolute_url(),
        "recommendation": f"/recommendations/{chosen[0]}/",
    }
    if not skip_csv:
        endpoints["csv"] = "/recommendations.csv"
    return {
        "recommendations": total,
        "star_actor": {"name": actor.name, "slug": actor.slug, "responsibilities": star["n"]},
        "filters": filters,
        "search": search,
        "endpoints": endpoints,
        "recommendation_paths": [f"/recommendations/{pk}/" for pk in chosen],
    }


def measure(path: str, *, warm_up: bool = True) -> dict:
    """Request ``path`` and return its status, SQL query count, size and the SQL itself."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    if warm_up:
        _consume(client.get(path))
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
        size = _consume(response)
    return {"path": path, "status": response.status_code, "queries": len(captured), "bytes": size,
            "sql": [q["sql"] for q in captured.captured_queries]}


def _consume(response) -> int:
    """Read the whole body (streamed or not) and return its size in bytes."""
    if response.streaming:
        return sum(len(chunk) for chunk in response.streaming_content)
    return len(response.content)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
    import django

    django.setup()
    found = discover(filters=args.filters, search=args.search, sample=args.sample, skip_csv=args.skip_csv)
    counts = {}
    for name, path in found["endpoints"].items():
        counts[name] = measure(path, warm_up=name != "csv")
    # Recommendation pages differ (siblings, history, countries): measure a few, report the most.
    detail = [counts["recommendation"]] + [measure(p) for p in found["recommendation_paths"][1:MEASURED_DETAIL_PAGES]]
    counts["recommendation"] = max(detail, key=lambda m: m["queries"])
    counts["recommendation"]["queries_seen"] = sorted({m["queries"] for m in detail})
    if args.dump_sql:
        args.dump_sql.mkdir(parents=True, exist_ok=True)
        for name, measured in counts.items():
            text = f"-- {measured['path']}: {measured['queries']} queries\n\n"
            text += "".join(f"{sql};\n\n" for sql in measured["sql"])
            (args.dump_sql / f"{name}.sql").write_text(text)
    for measured in counts.values():
        del measured["sql"]
    found["counts"] = counts
    json.dump(found, sys.stdout)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
