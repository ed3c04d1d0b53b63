"""What the read API takes and gives, as typed schemas: its OpenAPI document is generated from them.

Only what the public pages show: no staff names (who recorded an update), no internal flags
(actors awaiting review), no search index, no file checksums or full document texts.
"""

from datetime import date

from django_countries import countries
from ninja import Field, Schema

from actors.models import ActorKind
from recommendations.filters import FACET_LIMIT
from recommendations.models import RecommendationKind, Recurrence, Role, Status

DEFAULT_LIMIT, MAX_LIMIT = 25, 100


# --- Query parameters --------------------------------------------------------------------------------

class PageQuery(Schema):
    cursor: str = Field(None, description="Where the page starts: the `next_cursor` of the previous page, "
                                          "as given. Leave out for the first page.")
    limit: int = Field(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT, description="How many items a page holds.")


class FilterQuery(Schema):
    """The public list's filters (recommendations.filters.RecommendationFilterSet), which validates them."""

    q: str = Field(None, max_length=500, description="Search: recommendations containing every word "
                                                      "(in their text, actors, theme or dialogue).")
    theme: str = Field(None, description="A theme's slug.")
    series: str = Field(None, description="A dialogue series' slug.")
    dialogue: str = Field(None, description="A dialogue's slug.")
    priority_issue: int = Field(None, description="A priority issue's id.")
    actor: str = Field(None, description="An actor's slug: its recommendations and its sub-actors'.")
    actor_kind: str = Field(None, description="Recommendations naming an actor of this kind.",
                            json_schema_extra={"enum": ActorKind.values})
    country: str = Field(None, description="A country's ISO 3166 alpha-2 code.",
                         json_schema_extra={"enum": [code for code, _ in countries]})
    status: str = Field(None, description="The current implementation status.",
                        json_schema_extra={"enum": Status.values})
    recurring: str = Field(None, description="Raised once, repeated once or twice, or repeated 3+ times.",
                           json_schema_extra={"enum": Recurrence.values})
    sdg: int = Field(None, ge=1, le=17, description="A Sustainable Development Goal's number.")
    year: int = Field(None, ge=1900, le=2100, description="The year the dialogue started.")


class RecommendationQuery(FilterQuery, PageQuery):
    """The filters and a page; the list's own orders (``sort``) are not offered: the API lists by
    id, an order a cursor can resume whatever is added meanwhile."""


# --- Errors ------------------------------------------------------------------------------------------

class Error(Schema):
    detail: str = Field(description="What went wrong, in one sentence.")
    errors: dict[str, list[str]] = Field(default_factory=dict,
                                         description="For bad parameters: the messages for each.")


# --- Small references to related records ---------------------------------------------------------------

class Ref(Schema):
    id: int
    slug: str
    name: str


class NamedRef(Schema):
    slug: str
    name: str


class DialogueRef(Schema):
    id: int
    slug: str
    title: str
    start_date: date


class DocumentRef(Schema):
    id: int
    title: str


class PriorityIssueRef(Schema):
    id: int
    number: int
    text: str


class Responsible(Schema):
    id: int = Field(alias="actor.id")
    slug: str = Field(alias="actor.slug")
    name: str = Field(alias="actor.name")
    role: str = Field(json_schema_extra={"enum": Role.values})


# --- Recommendations ---------------------------------------------------------------------------------

class RecommendationItem(Schema):
    id: int
    text: str
    kind: str = Field(json_schema_extra={"enum": RecommendationKind.values})
    is_summary: bool
    status: str = Field(alias="current_status", json_schema_extra={"enum": Status.values})
    status_as_of: date | None
    dialogue: DialogueRef
    document_id: int
    section: str
    line_start: int
    line_end: int
    theme: NamedRef | None
    priority_issue: PriorityIssueRef | None
    actors: list[Responsible] = Field(alias="responsibilities")
    countries: list[str]
    standing_since: date = Field(description="When the ask was first raised: its chain's first dialogue, "
                                             "else its own.")
    repetitions: int = Field(description="How often a later dialogue repeated it (confirmed repeats).")

    @staticmethod
    def resolve_countries(rec) -> list[str]:
        return [place.country.code for place in rec.countries.all()]


class SdgGoalOut(Schema):
    number: int
    title: str


class StatusUpdateOut(Schema):
    status: str = Field(json_schema_extra={"enum": Status.values})
    as_of: date
    narrative: str
    evidence_url: str
    evidence_document: DocumentRef | None


class IndicatorValueOut(Schema):
    period: str
    kind: str
    value: float | None
    raw: str
    as_of: date | None


class IndicatorRef(Schema):
    id: int
    slug: str
    name: str
    unit: str
    values: list[IndicatorValueOut]


class RecommendationDetail(RecommendationItem):
    document: DocumentRef
    priority_issue: PriorityIssueRef | None
    sdg_goals: list[SdgGoalOut]
    status_history: list[StatusUpdateOut] = Field(alias="status_updates", description="Newest first.")
    indicators: list[IndicatorRef]
    repeats: list[int] = Field(description="For a summary item: the ids of the recommendations it repeats.")
    summarised_by: list[int] = Field(description="The ids of summary items repeating this one.")

    @staticmethod
    def resolve_repeats(rec) -> list[int]:
        return [other.pk for other in rec.repeats.all()]

    @staticmethod
    def resolve_summarised_by(rec) -> list[int]:
        return [other.pk for other in rec.summarised_by.all()]


# --- Facets ------------------------------------------------------------------------------------------

class FacetOption(Schema):
    value: str = Field(description="The filter's value, to pass as the parameter.")
    label: str
    count: int = Field(alias="n", description="Recommendations with this value and every other active filter.")
    selected: bool


class Facet(Schema):
    name: str = Field(description="The filter's parameter.")
    label: str
    options: list[FacetOption] = Field(description=f"At most {FACET_LIMIT} options, those with the most "
                                                   "recommendations (and the chosen one).")
    total: int = Field(description="How many options there are in all.")
    truncated: bool


class Facets(Schema):
    count: int = Field(description="Recommendations matching every active filter.")
    facets: list[Facet]


# --- Actors, dialogues, themes, priority issues, indicators ---------------------------------------------

class ActorOut(Schema):
    id: int
    slug: str
    name: str
    acronym: str
    kind: str = Field(json_schema_extra={"enum": ActorKind.values})
    country: str = Field(description="ISO 3166 alpha-2 code, or empty.")
    description: str
    parent: Ref | None
    aliases: list[str] = Field(description="Other names the actor goes by.")

    @staticmethod
    def resolve_country(actor) -> str:
        return actor.country.code or ""

    @staticmethod
    def resolve_aliases(actor) -> list[str]:
        return [alias.name for alias in actor.aliases.all()]


class ActorDetail(ActorOut):
    children: list[Ref] = Field(description="Sub-actors the public pages show.")


class DocumentOut(Schema):
    id: int
    title: str
    kind: str
    published_on: date | None
    language: str
    source_url: str


class DialogueOut(Schema):
    id: int
    slug: str
    title: str
    kind: str
    series: NamedRef | None
    edition: int | None
    start_date: date
    end_date: date | None
    place: str
    country: str = Field(description="ISO 3166 alpha-2 code, or empty.")
    language: str
    source_url: str
    participation: dict = Field(description="Figures the report gives, as it gives them.")
    organisers: list[Ref]
    documents: list[DocumentOut]
    recommendation_count: int = Field(alias="n_recommendations")

    @staticmethod
    def resolve_country(dialogue) -> str:
        return dialogue.country.code or ""


class ThemeOut(Schema):
    id: int
    slug: str
    name: str
    description: str
    recommendation_count: int = Field(alias="n_recommendations",
                                      description="Recommendations of published dialogues.")


class PriorityIssueOut(Schema):
    id: int
    number: int
    text: str
    theme: NamedRef
    dialogue: DialogueRef
    document_id: int | None
    line_start: int | None
    line_end: int | None


class ProgressOut(Schema):
    year: int
    target: float | None
    result: float | None
    result_period: str
    state: str = Field(description="achieved, on track, off track, or empty when there is nothing to compare.")


class IndicatorOut(Schema):
    id: int
    slug: str
    name: str
    unit: str
    direction: str
    dialogue: DialogueRef
    theme: NamedRef | None
    document_id: int | None
    reported_status: str = Field(description="The report's own status words, as written.")
    values: list[IndicatorValueOut]
    progress: ProgressOut | None = Field(description="Its standing in the latest year with a result "
                                                     "(else with a target).")


# --- Pages -------------------------------------------------------------------------------------------

class Page(Schema):
    next_cursor: str | None = Field(description="Pass as `cursor` for the next page; null on the last page.")
    next: str | None = Field(description="The next page's URL; null on the last page.")


class RecommendationPage(Page):
    results: list[RecommendationItem]


class ActorPage(Page):
    results: list[ActorOut]


class DialoguePage(Page):
    results: list[DialogueOut]


class ThemePage(Page):
    results: list[ThemeOut]


class PriorityIssuePage(Page):
    results: list[PriorityIssueOut]


class IndicatorPage(Page):
    results: list[IndicatorOut]
