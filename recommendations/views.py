"""Public pages: home, the filtered list, a recommendation, countries and indicators."""

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django_countries import countries

from actors.models import Actor
from dialogues.models import Dialogue, Theme
from recommendations.caching import cached_for_version, public_page
from recommendations.filters import IndicatorFilterSet, RecommendationFilterSet
from recommendations.models import Indicator, Recommendation, StatusUpdate

PAGE_SIZE = 25
SIBLINGS_SHOWN = 10


def home_figures() -> dict:
    """Everything the home page shows: the same for every visitor until the data changes."""
    recs = Recommendation.objects.published()
    actor_counts = recs.count_by_actor()
    return {
        "totals": recs.totals(),
        "by_theme": recs.status_breakdown_by_theme(),
        "updates": list(StatusUpdate.objects.latest_public()[:8]),
        "themes": list(Theme.objects.public().with_recommendation_counts()),
        "actor_counts": actor_counts,
        "actors": list(Actor.objects.ranked(actor_counts, 12)),
        "dialogues": list(Dialogue.objects.published().with_recommendation_counts()[:6]),
        "countries": recs.country_counts(),
    }


@public_page
def home(request):
    """Totals, the status breakdown overall and per theme, latest updates, and ways in."""
    return render(request, "recommendations/home.html", cached_for_version("home", home_figures))


@public_page
def recommendation_list(request):
    """Public list of recommendations, filtered, faceted, sorted and paginated by the query string."""
    filterset = RecommendationFilterSet(request.GET, queryset=Recommendation.objects.published())
    if filterset.has_empty_params:  # a submitted form: the same state under a clean, shareable URL
        return redirect(f"{request.path}{filterset.clean_querystring}")
    page = Paginator(filterset.qs.for_list().without_bulk_text().with_standing(), PAGE_SIZE).get_page(
        request.GET.get("page"))
    facets = cached_for_version(f"facets:{filterset.cache_key}", filterset.facets)
    return render(request, "recommendations/recommendation_list.html",
                  {"filter": filterset, "page": page, "facets": facets})


@public_page
def recommendation_detail(request, pk: int):
    """One recommendation: wording, source, actors, status history, its neighbours and its chain of repeats."""
    rec = get_object_or_404(Recommendation.objects.published().for_detail(), pk=pk)
    siblings = Recommendation.objects.published().as_links().of_priority_issue_except(rec)
    siblings = siblings[:SIBLINGS_SHOWN]  # a priority issue may gather hundreds: the list has them all
    chain = Recommendation.objects.published().chain_of(rec)
    return render(request, "recommendations/recommendation_detail.html",
                  {"rec": rec, "siblings": siblings, "chain": chain})


@public_page
def country_list(request):
    """Every country the public recommendations concern, with counts."""
    return render(request, "recommendations/country_list.html",
                  {"countries": Recommendation.objects.published().country_counts()})


@public_page
def country_detail(request, code: str):
    """A country: the recommendations concerning it, their statuses, dialogues held and actors there."""
    code = code.upper()
    recs = Recommendation.objects.published().in_country(code)
    dialogues = Dialogue.objects.published().filter(country=code)
    if code not in countries or not (recs.exists() or dialogues.exists()):
        raise Http404("No public record concerns this country.")
    page = Paginator(recs.for_list().without_bulk_text().sorted_by("date"), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "recommendations/country_detail.html", {
        "code": code, "name": countries.name(code), "page": page, "statuses": recs.status_counts(),
        "dialogues": dialogues, "actors": Actor.objects.public().filter(country=code)})


@public_page
def indicator_list(request):
    """Indicators of published dialogues with their progress, filtered by dialogue, theme and state."""
    filterset = IndicatorFilterSet(
        request.GET, queryset=Indicator.objects.published().with_values().order_by("-dialogue__start_date", "name"))
    return render(request, "recommendations/indicator_list.html",
                  {"filter": filterset, "indicators": filterset.indicators()})


@public_page
def indicator_detail(request, slug: str):
    """One indicator: what it measures and its values per period (baseline, target, result)."""
    indicator = get_object_or_404(Indicator.objects.published().with_values(), slug=slug)
    recs = indicator.recommendations.published().for_list().without_bulk_text()
    return render(request, "recommendations/indicator_detail.html", {"indicator": indicator, "recs": recs})
