"""Public pages about the open data: the data dictionary, its Data Package, and "About the data"."""

from itertools import groupby

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from dialogues.models import Document
from opendata.dictionary import FIELDS, LICENCE, data_package
from opendata.quality import read_reader_quality
from recommendations.models import Recommendation

SITE_NAME = "Dialogue Recommendations Tracker"


def dictionary(request):
    """Every column of the downloads and field of the API's recommendations: type, meaning, values."""
    return render(request, "opendata/dictionary.html", {
        "download_fields": [f for f in FIELDS if f.in_downloads],
        "api_only_fields": [f for f in FIELDS if not f.in_downloads],
        "licence": LICENCE,
    })


def datapackage(request):
    """The CSV download described as a Frictionless Tabular Data Package (Table Schema in order)."""
    url = request.build_absolute_uri
    package = data_package(csv_url=url(reverse("recommendations:export-csv")),
                           json_url=url(reverse("recommendations:export-json")),
                           dictionary_url=url(reverse("opendata:dictionary")),
                           about_url=url(reverse("opendata:about")))
    return JsonResponse(package, json_dumps_params={"indent": 2, "ensure_ascii": False})


def _aged(rows, today, *, name: str, slug: str) -> list[dict]:
    """``status_currency`` rows as name, slug, counts and ``age_days``: how old their newest
    status is (None: never updated)."""
    return [{"name": row[name], "slug": row[slug], "n": row["n"], "updated": row["updated"],
             "latest": row["latest"], "age_days": (today - row["latest"]).days if row["latest"] else None}
            for row in rows]


def about(request):
    """Sources with counts, the reader's measured quality, how current statuses are, licence, citation.

    Not kept in the page cache: the ages move with the calendar and the quality figures with the
    reader_quality command, neither with the data's version.
    """
    today = timezone.localdate()
    documents = list(Document.objects.published().with_recommendation_counts())
    sources = [{"dialogue": dialogue, "documents": docs, "n": sum(d.n_recommendations for d in docs)}
               for dialogue, docs in ((k, list(g)) for k, g in groupby(documents, key=lambda d: d.dialogue))]
    recs = Recommendation.objects.published()
    actor = {"name": "responsibilities__actor__name", "slug": "responsibilities__actor__slug"}
    by_actor = [row for row in recs.status_currency(*actor.values()) if row[actor["slug"]]]
    quality = read_reader_quality(settings.READER_QUALITY_FILE)
    if quality:
        quality["measured_at"] = parse_datetime(quality["measured_at"])
        for key in ("recall", "actor_accuracy", "kind_accuracy", "spurious_rate"):
            quality[f"{key}_percent"] = f"{quality[key]:.1%}"
    example = recs.select_related("dialogue").only(
        "pk", "text", "dialogue__title", "dialogue__slug", "dialogue__start_date").order_by("-pk").first()
    # A download's citation names its filtered list: here, the example's dialogue.
    query = f"?dialogue={example.dialogue.slug}" if example else ""
    return render(request, "opendata/about.html", {
        "sources": sources,
        "total": sum(source["n"] for source in sources),
        "quality": quality,
        "by_theme": _aged(recs.status_currency("theme__name", "theme__slug"), today,
                          name="theme__name", slug="theme__slug"),
        "by_actor": _aged(by_actor, today, **actor),
        "licence": LICENCE,
        "today": today,
        "site_name": SITE_NAME,
        "example": example,
        "example_url": request.build_absolute_uri(example.get_absolute_url()) if example else "",
        "example_list": request.build_absolute_uri(reverse("recommendations:recommendation-list")) + query,
    })
