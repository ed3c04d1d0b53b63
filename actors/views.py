"""Public pages about actors: the list by kind and one actor's recommendations."""

from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render

from actors.models import Actor
from recommendations.caching import public_page
from recommendations.models import Recommendation

PAGE_SIZE = 25
LONGEST_SHOWN = 5


@public_page
def actor_list(request):
    """Every public actor, grouped by kind, with the recommendations each is responsible for."""
    counts = Recommendation.objects.published().count_by_actor()
    actors = Actor.objects.public().order_by("kind", "name").with_counts(counts)
    return render(request, "actors/actor_list.html", {"actors": actors})


@public_page
def actor_detail(request, slug: str):
    """One actor: aliases, parent and sub-actors, status breakdown, longest-standing open asks and
    recommendations (theirs too)."""
    actor = get_object_or_404(Actor.objects.public().for_detail(), slug=slug)
    recs = Recommendation.objects.published().for_actor_tree(Actor.objects.with_descendants(actor))
    page = Paginator(recs.for_list().without_bulk_text().sorted_by("date"), PAGE_SIZE).get_page(request.GET.get("page"))
    longest = recs.longest_standing_open().select_related("dialogue")[:LONGEST_SHOWN]
    return render(request, "actors/actor_detail.html",
                  {"actor": actor, "page": page, "statuses": recs.status_counts(), "longest": longest})
