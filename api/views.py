"""The read API: the public data as JSON, read-only, through the same QuerySets and FilterSet as the pages.

Each endpoint is thin glue: parameters (typed by api/schemas.py, the filters validated by the public
list's FilterSet) → a published QuerySet → one page of schema-shaped rows.
"""

from django.conf import settings
from django.http import Http404, JsonResponse
from django.urls import reverse
from ninja import NinjaAPI, Query
from ninja.errors import HttpError, Throttled, ValidationError

from actors.models import Actor
from api import schemas
from api.errors import ParameterError, filter_errors, refuse_unknown, validation_errors
from api.http import ClientRateThrottle, Docs, json_only
from api.pagination import cursor_page
from dialogues.models import Dialogue, PriorityIssue, Theme
from recommendations.caching import cached_for_version
from recommendations.filters import RecommendationFilterSet
from recommendations.models import Indicator, Recommendation

DESCRIPTION = """The public data of the Dialogue Recommendations Tracker, read-only, as JSON.

Lists are paged by id: pass a page's `next_cursor` as `cursor` to get the next one (`limit` 1–100,
25 by default). `/recommendations` and `/recommendations/facets` take the filters and search of the
public list. An unknown or invalid parameter answers 400 with a message for each. At most the
configured number of requests a minute (120 by default) from one address; more answer 429 with
`Retry-After`. A client whose Accept header refuses JSON gets 406. Any site may read the API from a
browser script (CORS).
"""

api = NinjaAPI(
    title="Dialogue Recommendations Tracker API",
    version="1",
    description=DESCRIPTION,
    urls_namespace="api",
    docs=Docs(settings={"validatorUrl": None}),  # the validator badge would load from another site
    throttle=ClientRateThrottle(),
)
api.add_decorator(json_only)

ERRORS = {400: schemas.Error, 406: schemas.Error, 429: schemas.Error}
NOT_FOUND = {404: schemas.Error, **ERRORS}


@api.exception_handler(HttpError)
def http_error(request, exc):
    """Any other error ninja raises, with its status and one sentence."""
    return api.create_response(request, {"detail": exc.message, "errors": {}}, status=exc.status_code)


@api.exception_handler(Http404)
def not_found(request, exc):
    """Nothing public at this address."""
    return api.create_response(request, {"detail": str(exc) or "Not found.", "errors": {}}, status=404)


@api.exception_handler(ParameterError)
def parameter_error(request, exc):
    """Bad input: 400 with each parameter's messages."""
    return api.create_response(request, {"detail": exc.message, "errors": exc.errors}, status=400)


@api.exception_handler(ValidationError)
def validation_error(request, exc):
    """A parameter of the wrong type or out of bounds: 400, like every other bad parameter."""
    return parameter_error(request, validation_errors(exc))


@api.exception_handler(Throttled)
def throttled(request, exc):
    """Too many requests from one address: 429 (ninja adds Retry-After)."""
    return api.create_response(request, {
        "detail": f"Too many requests: at most {settings.API_RATE_LIMIT} a minute from one address. "
                  "Retry after the number of seconds in Retry-After.", "errors": {}}, status=429)


def published_filterset(request, *query_schemas) -> RecommendationFilterSet:
    """The public list's FilterSet over published recommendations, for valid known parameters only."""
    refuse_unknown(request, *query_schemas)
    filterset = RecommendationFilterSet(request.GET, queryset=Recommendation.objects.published())
    if not filterset.is_valid():
        raise filter_errors(filterset.form)
    return filterset


def get_or_404(queryset, pk: int, what: str):
    """The row of ``queryset`` with this id, or 404 naming what was asked for."""
    found = queryset.filter(pk=pk).first()
    if found is None:
        raise Http404(f"No {what} has id {pk}.")
    return found


# --- Recommendations -----------------------------------------------------------------------------------

@api.get("/recommendations", url_name="recommendation-list", operation_id="listRecommendations",
         summary="List recommendations", tags=["recommendations"],
         response={200: schemas.RecommendationPage, **ERRORS})
def recommendation_list(request, params: Query[schemas.RecommendationQuery]):
    """Published recommendations matching the public list's filters and search, by id, a page at a time."""
    filterset = published_filterset(request, schemas.RecommendationQuery)
    recs = filterset.qs.for_list().without_bulk_text().with_standing()
    return cursor_page(request, recs, cursor=params.cursor, limit=params.limit)


@api.get("/recommendations/facets", url_name="recommendation-facets", operation_id="recommendationFacets",
         summary="Count recommendations by facet", tags=["recommendations"],
         response={200: schemas.Facets, **ERRORS})
def recommendation_facets(request, params: Query[schemas.FilterQuery]):
    """How many recommendations match the filters, and each facet's counts under the other active filters."""
    filterset = published_filterset(request, schemas.FilterQuery)
    facets = cached_for_version(f"facets:{filterset.cache_key}", filterset.facets)  # shared with the list page
    return {"count": filterset.qs.count(), "facets": facets}


@api.get("/recommendations/{id}", url_name="recommendation-detail", operation_id="getRecommendation",
         summary="Get a recommendation", tags=["recommendations"],
         response={200: schemas.RecommendationDetail, **NOT_FOUND})
def recommendation_detail(request, id: int):
    """One published recommendation with its actors, countries, indicators and dated status history."""
    refuse_unknown(request)
    return get_or_404(Recommendation.objects.published().for_detail().with_standing(), id, "published recommendation")


# --- Actors, dialogues, themes, priority issues, indicators ---------------------------------------------

@api.get("/actors", url_name="actor-list", operation_id="listActors", summary="List actors", tags=["actors"],
         response={200: schemas.ActorPage, **ERRORS})
def actor_list(request, page: Query[schemas.PageQuery]):
    """The actors the public pages show, with their parent and other names, by id."""
    refuse_unknown(request, schemas.PageQuery)
    actors = Actor.objects.public().select_related("parent").prefetch_related("aliases")
    return cursor_page(request, actors, cursor=page.cursor, limit=page.limit)


@api.get("/actors/{id}", url_name="actor-detail", operation_id="getActor", summary="Get an actor", tags=["actors"],
         response={200: schemas.ActorDetail, **NOT_FOUND})
def actor_detail(request, id: int):
    """One public actor with its parent, other names and sub-actors."""
    refuse_unknown(request)
    return get_or_404(Actor.objects.public().for_detail(), id, "public actor")


@api.get("/dialogues", url_name="dialogue-list", operation_id="listDialogues", summary="List dialogues",
         tags=["dialogues"], response={200: schemas.DialoguePage, **ERRORS})
def dialogue_list(request, page: Query[schemas.PageQuery]):
    """Published dialogues with their series, organisers, documents and number of recommendations, by id."""
    refuse_unknown(request, schemas.PageQuery)
    dialogues = Dialogue.objects.published().for_detail().with_recommendation_counts()
    return cursor_page(request, dialogues, cursor=page.cursor, limit=page.limit)


@api.get("/dialogues/{id}", url_name="dialogue-detail", operation_id="getDialogue", summary="Get a dialogue",
         tags=["dialogues"], response={200: schemas.DialogueOut, **NOT_FOUND})
def dialogue_detail(request, id: int):
    """One published dialogue with its series, organisers, documents and number of recommendations."""
    refuse_unknown(request)
    return get_or_404(Dialogue.objects.published().for_detail().with_recommendation_counts(), id,
                      "published dialogue")


@api.get("/themes", url_name="theme-list", operation_id="listThemes", summary="List themes", tags=["themes"],
         response={200: schemas.ThemePage, **ERRORS})
def theme_list(request, page: Query[schemas.PageQuery]):
    """Themes with public recommendations or priority issues, with their number of recommendations, by id."""
    refuse_unknown(request, schemas.PageQuery)
    themes = Theme.objects.public().with_recommendation_counts()
    return cursor_page(request, themes, cursor=page.cursor, limit=page.limit)


@api.get("/priority-issues", url_name="priority-issue-list", operation_id="listPriorityIssues",
         summary="List priority issues", tags=["themes"], response={200: schemas.PriorityIssuePage, **ERRORS})
def priority_issue_list(request, page: Query[schemas.PageQuery]):
    """The numbered priority issues of published dialogues, with their theme and dialogue, by id."""
    refuse_unknown(request, schemas.PageQuery)
    issues = PriorityIssue.objects.published().select_related("theme", "dialogue")
    return cursor_page(request, issues, cursor=page.cursor, limit=page.limit)


@api.get("/indicators", url_name="indicator-list", operation_id="listIndicators", summary="List indicators",
         tags=["indicators"], response={200: schemas.IndicatorPage, **ERRORS})
def indicator_list(request, page: Query[schemas.PageQuery]):
    """Indicators of published dialogues with their values (by period and kind) and progress, by id."""
    refuse_unknown(request, schemas.PageQuery)
    indicators = Indicator.objects.published().with_values()
    return cursor_page(request, indicators, cursor=page.cursor, limit=page.limit)


# --- Plain Django views beside ninja's: the API's root and the addresses under it that are not endpoints.

def index(request):
    """/api/ itself: where the documentation and the OpenAPI document are."""
    return JsonResponse({"detail": f"{api.title}, read-only. See the docs for its endpoints.",
                         "docs": request.build_absolute_uri(reverse("api:openapi-view")),
                         "openapi": request.build_absolute_uri(reverse("api:openapi-json"))})


def unknown_endpoint(request, path):
    """No endpoint at this address: 404 in JSON, pointing at the docs."""
    return JsonResponse({"detail": f"There is no API endpoint at /api/{path}: see /api/docs for those there are.",
                         "errors": {}}, status=404)
