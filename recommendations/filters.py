"""The public list's filters: every query-string input is validated here, and facets counted.

A facet's counts follow classic faceted search: for facet F, the count beside each option
is the number of recommendations the list would show with that option chosen and every
OTHER active filter kept. Each facet is one GROUP BY over the filtered queryset (the actor
facet adds one aggregate for actors with sub-actors), so the number of queries does not
grow with the data.
"""

import hashlib
from dataclasses import dataclass, field
from functools import cached_property

import django_filters
from django import forms
from django.http import QueryDict
from django_countries import countries

from actors.models import Actor, ActorKind
from dialogues.models import Dialogue, DialogueSeries, PriorityIssue, SdgGoal, Theme
from recommendations.indicators import STATES
from recommendations.models import Recurrence, Status

SORTS = [
    ("relevance", "Relevance (when searching)"),
    ("date", "Newest dialogue first"),
    ("oldest", "Oldest dialogue first"),
    ("status", "Status"),
    ("theme", "Theme"),
    ("standing", "Standing since (longest first)"),
]
SEARCH_MAX_LENGTH = 500
# Filters the facet panel shows, in order; ``q`` and ``sort`` are not facets.
FACETS = ["theme", "series", "dialogue", "priority_issue", "actor", "actor_kind", "country", "status",
          "recurring", "sdg", "year"]
# Facets that depend on columns of the recommendation and its dialogue only are read off one
# GROUP BY (theme, dialogue, status, recurrence) on narrow columns over their base queryset, so facets
# sharing a base (all those whose own filter is not active) cost one query together.
SHARED_FACETS = ("theme", "series", "dialogue", "status", "recurring", "year")
SHARED_FIELDS = ("theme_id", "dialogue_id", "current_status", "recurrence")
_STATUS_ORDER = {value: i for i, value in enumerate(Status.values)}
_STATUS_LABELS = dict(Status.choices)
_RECURRENCE_ORDER = {value: i for i, value in enumerate(Recurrence.values)}


def _shared_option(name: str, row: dict, themes: dict, dialogues: dict):
    """How a shared facet reads a grouped row: (value, label, sort key), or None for "not set"."""
    theme, dialogue = themes.get(row["theme_id"]), dialogues[row["dialogue_id"]]
    if name == "theme":
        return theme and (theme.slug, theme.name, theme.name)
    if name == "series":
        series = dialogue.series
        return series and (series.slug, series.name, series.name)
    if name == "dialogue":
        return (dialogue.slug, f"{dialogue.title} ({dialogue.start_date:%Y})",
                (-dialogue.start_date.toordinal(), dialogue.title))
    if name == "status":
        status = row["current_status"]
        return status, _STATUS_LABELS.get(status, status), _STATUS_ORDER.get(status, 99)
    if name == "recurring":
        value = row["recurrence"]
        return value, Recurrence(value).label, _RECURRENCE_ORDER[value]
    year = dialogue.start_date.year
    return str(year), str(year), -year


# A facet offers at most this many options (those with the most recommendations, and the chosen
# one): a select of thousands of actors helps no one and costs the page its speed.
FACET_LIMIT = 40


@dataclass
class Option:
    value: str
    label: str
    n: int
    selected: bool = False


@dataclass
class Facet:
    name: str
    label: str
    options: list[Option] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    total: int = 0  # options there are, when more than those offered

    @property
    def truncated(self) -> bool:
        """Whether only the options with the most recommendations are offered."""
        return self.total > len(self.options)

    @property
    def selected(self) -> Option | None:
        """The chosen option, if any."""
        return next((o for o in self.options if o.selected), None)


class YearFilter(django_filters.Filter):
    field_class = forms.IntegerField


class RecommendationFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label="Search", method="filter_search", max_length=SEARCH_MAX_LENGTH,
        error_messages={"max_length": f"The search text is too long: use at most {SEARCH_MAX_LENGTH} "
                                      "characters."},
    )
    theme = django_filters.ModelChoiceFilter(
        label="Theme", queryset=Theme.objects.public(), to_field_name="slug",
        error_messages={"invalid_choice": "There is no such theme."},
    )
    series = django_filters.ModelChoiceFilter(
        label="Dialogue series", field_name="dialogue__series", to_field_name="slug",
        queryset=DialogueSeries.objects.filter(dialogues__in=Dialogue.objects.published()).distinct(),
        error_messages={"invalid_choice": "There is no such dialogue series."},
    )
    dialogue = django_filters.ModelChoiceFilter(
        label="Dialogue", queryset=Dialogue.objects.published(), to_field_name="slug",
        error_messages={"invalid_choice": "There is no such dialogue."},
    )
    priority_issue = django_filters.ModelChoiceFilter(
        label="Priority issue", queryset=PriorityIssue.objects.published(),
        error_messages={"invalid_choice": "There is no such priority issue."},
    )
    actor = django_filters.ModelChoiceFilter(
        label="Actor (and its sub-actors)", queryset=Actor.objects.public(), to_field_name="slug",
        method="filter_actor", error_messages={"invalid_choice": "There is no such actor."},
    )
    actor_kind = django_filters.ChoiceFilter(
        label="Kind of actor", choices=ActorKind.choices, method="filter_actor_kind",
        error_messages={"invalid_choice": "There is no such kind of actor."},
    )
    country = django_filters.ChoiceFilter(
        label="Country", choices=countries, method="filter_country",
        error_messages={"invalid_choice": "There is no country with that code."},
    )
    status = django_filters.ChoiceFilter(
        label="Status", field_name="current_status", choices=Status.choices,
        error_messages={"invalid_choice": "There is no such status."},
    )
    recurring = django_filters.ChoiceFilter(
        label="Recurring", choices=Recurrence.choices, method="filter_recurring",
        error_messages={"invalid_choice": "Choose raised once, repeated, or repeated 3+ times."},
    )
    sdg = django_filters.ModelChoiceFilter(
        label="SDG goal", queryset=SdgGoal.objects.all(), method="filter_sdg",
        error_messages={"invalid_choice": "There is no such SDG goal (1 to 17)."},
    )
    year = YearFilter(
        label="Year", method="filter_year", min_value=1900, max_value=2100,
        error_messages={"invalid": "The year must be a number, like 2024.",
                        "min_value": "The year must be 1900 or later.",
                        "max_value": "The year must be 2100 or earlier."},
    )
    sort = django_filters.ChoiceFilter(
        label="Sort by", choices=SORTS, method="keep_queryset",
        error_messages={"invalid_choice": "Unknown sort order."},
    )

    def filter_search(self, queryset, name, value):
        """Keep recommendations matching every word (ranked on PostgreSQL)."""
        return queryset.search(value)

    def filter_actor(self, queryset, name, value):
        """Keep recommendations of the actor or any actor beneath it."""
        return queryset.for_actor_tree(self.actor_tree(value))

    def actor_tree(self, actor: Actor) -> list[int]:
        """The ids of the actor and those beneath it, looked up once per request."""
        trees = self.__dict__.setdefault("_actor_trees", {})
        if actor.pk not in trees:
            trees[actor.pk] = Actor.objects.with_descendants(actor)
        return trees[actor.pk]

    def filter_actor_kind(self, queryset, name, value):
        """Keep recommendations with a responsible actor of this kind."""
        return queryset.with_actor_kind(value)

    def filter_country(self, queryset, name, value):
        """Keep recommendations concerning this country."""
        return queryset.in_country(value)

    def filter_recurring(self, queryset, name, value):
        """Keep recommendations raised once, repeated once or twice, or repeated three times or more."""
        return queryset.recurring(value)

    def filter_sdg(self, queryset, name, value):
        """Keep recommendations tagged with this goal."""
        return queryset.with_sdg_goal(value.pk)

    def filter_year(self, queryset, name, value):
        """Keep recommendations of dialogues that started in this year."""
        return queryset.in_year(value)

    def keep_queryset(self, queryset, name, value):
        """Sorting is applied after filtering, in ``filter_queryset``."""
        return queryset

    def filter_queryset(self, queryset):
        """Apply every valid filter, then the chosen (or default) order."""
        return super().filter_queryset(queryset).sorted_by(self.sort_key)

    @property
    def sort_key(self) -> str:
        """The chosen order; by default relevance when searching, else newest dialogue first."""
        chosen = self.cleaned.get("sort")
        if chosen and (chosen != "relevance" or self.search_terms):
            return chosen
        return "relevance" if self.search_terms else "date"

    @property
    def sort_choices(self) -> list[tuple[str, str, bool]]:
        """The orders on offer as (value, label, selected); the default one has an empty value.

        Relevance is offered only while searching, and is then the default.
        """
        default = "relevance" if self.search_terms else "date"
        return [("" if key == default else key, label, key == self.sort_key)
                for key, label in SORTS if key != "relevance" or self.search_terms]

    @cached_property
    def cleaned(self) -> dict:
        """The valid, non-empty inputs (invalid ones are left out and reported by the form)."""
        self.errors  # noqa: B018 - runs validation once
        return {k: v for k, v in self.form.cleaned_data.items() if v not in (None, "")}

    @property
    def search_terms(self) -> list[str]:
        """The words of the search, for highlighting; empty when not searching."""
        return str(self.cleaned.get("q", "")).split()

    @property
    def query(self) -> QueryDict:
        """The current state as a clean query: valid, non-empty parameters only, no page."""
        query = QueryDict(mutable=True)
        for name in self.cleaned:
            query[name] = self.chosen_value(name)
        return query

    def chosen_value(self, name: str) -> str:
        """A valid input in its canonical URL form: a slug, an id, a code or a number."""
        value = self.cleaned[name]
        if hasattr(value, "pk"):
            return str(getattr(value, self.filters[name].extra.get("to_field_name") or "pk"))
        return str(value)

    @property
    def has_empty_params(self) -> bool:
        """Whether the URL carries empty parameters (a submitted form): redirect to a clean one."""
        return any(v.strip() == "" for _, values in self.data.lists() for v in values)

    @property
    def clean_querystring(self) -> str:
        """The request's parameters without the empty ones (invalid ones stay, to be reported)."""
        query = QueryDict(mutable=True)
        for key, values in self.data.lists():
            kept = [v for v in values if v.strip()]
            if kept:
                query.setlist(key, kept)
        return f"?{query.urlencode()}" if query else ""

    @property
    def cache_key(self) -> str:
        """A short key for everything but the page and order: the facets depend on nothing else."""
        items = sorted((k, v) for k in self.data for v in self.data.getlist(k) if k not in ("page", "sort"))
        return hashlib.sha256(repr(items).encode()).hexdigest()

    @property
    def is_filtered(self) -> bool:
        """Whether any filter (not just an order) is active."""
        return any(name != "sort" for name in self.cleaned)

    def queryset_without(self, facet: str | None):
        """The queryset filtered by every valid filter except ``facet`` (None: all), unordered."""
        queryset = self.queryset.all()
        for name, value in self.cleaned.items():
            if name not in (facet, "sort"):
                queryset = self.filters[name].filter(queryset, value)
        return queryset

    def facets(self) -> list[Facet]:
        """Every facet with its options and counts under the other active filters."""
        chosen = {name: self.chosen_value(name) for name in self.cleaned}
        self._totals: dict[str, int] = {}
        # Priority issues are numbered per dialogue: offered once one is chosen.
        shown = [name for name in FACETS
                 if name != "priority_issue" or {"dialogue", "priority_issue"} & chosen.keys()]
        shared = self._shared_options([name for name in shown if name in SHARED_FACETS], chosen)
        facets = []
        for name in shown:
            options = (shared[name] if name in shared
                       else getattr(self, f"_options_{name}")(self.queryset_without(name)))
            for option in options:
                option.selected = option.value == chosen.get(name)
            if name in chosen and not any(o.selected for o in options):
                # Chosen, but nothing matches with the other filters: keep it visible, at 0.
                options.insert(0, Option(chosen[name], self._label(name), 0, selected=True))
            total = self._totals.get(name, len(options))
            if len(options) > FACET_LIMIT:
                keep = {id(o) for o in sorted(options, key=lambda o: (not o.selected, -o.n))[:FACET_LIMIT]}
                options = [o for o in options if id(o) in keep]
            facets.append(Facet(name=name, label=self.filters[name].label, options=options,
                                errors=list(self.form.errors.get(name, [])), total=total))
        return facets

    def _label(self, name: str) -> str:
        """The display label of a chosen value."""
        value = self.cleaned[name]
        choices = getattr(self.filters[name], "extra", {}).get("choices")
        if choices and not hasattr(value, "pk"):
            return dict(choices).get(value, str(value))
        return str(value)

    def _shared_options(self, names: list[str], chosen: dict) -> dict[str, list[Option]]:
        """Options of the shared facets: one GROUP BY per distinct base, then two label lookups."""
        bases = {name: name if name in chosen else None for name in names}
        grouped = {base: list(self.queryset_without(base).with_recurrence().count_by(*SHARED_FIELDS).order_by())
                   for base in set(bases.values())}
        ids = [(row["theme_id"], row["dialogue_id"]) for rows in grouped.values() for row in rows]
        themes = Theme.objects.in_bulk({theme for theme, _ in ids if theme})
        dialogues = Dialogue.objects.select_related("series").in_bulk({dialogue for _, dialogue in ids})
        return {name: self._rollup(name, grouped[base], themes, dialogues) for name, base in bases.items()}

    @staticmethod
    def _rollup(name: str, rows: list[dict], themes: dict, dialogues: dict) -> list[Option]:
        """Sum grouped (theme, dialogue, status, recurrence) rows into one facet's options, in its order.

        Loops over GROUP BY rows, bounded by themes x dialogues x statuses, never over
        recommendations.
        """
        totals = {}
        for row in rows:
            option = _shared_option(name, row, themes, dialogues)
            if option:
                value, label, order = option
                totals[value] = (label, order, totals.get(value, (label, order, 0))[2] + row["n"])
        return [Option(value, label, n) for value, (label, _, n) in sorted(
            totals.items(), key=lambda item: item[1][1])]

    def _options_priority_issue(self, qs):
        rows = qs.exclude(priority_issue=None).count_by(
            "priority_issue_id", "priority_issue__theme__name", "priority_issue__number",
            "priority_issue__text").order_by("priority_issue__theme__name", "priority_issue__number")
        return [Option(str(r["priority_issue_id"]), f"{r['priority_issue__theme__name']} "
                       f"{r['priority_issue__number']}: {r['priority_issue__text'][:70]}", r["n"])
                for r in rows]

    def _options_actor(self, qs):
        counts = qs.count_by_actor()
        # An actor with sub-actors counts theirs too, as the actor filter does.
        counts.update({pk: n for pk, n in qs.count_in_actor_trees().items() if n})
        chosen = self.cleaned.get("actor")
        top = sorted(counts, key=lambda pk: -counts[pk])[:FACET_LIMIT]
        if chosen and chosen.pk in counts and chosen.pk not in top:
            top.append(chosen.pk)
        self._totals["actor"] = len(counts)
        labels = Actor.objects.filter(pk__in=top).values_list("pk", "slug", "name")
        return sorted((Option(slug, name, counts[pk]) for pk, slug, name in labels),
                      key=lambda o: o.label.lower())

    def _options_actor_kind(self, qs):
        found = qs.count_by_actor_kind()
        return [Option(value, label, found[value]) for value, label in ActorKind.choices if value in found]

    def _options_country(self, qs):
        found = qs.count_by("countries__country")  # unique per (recommendation, country)
        options = [Option(r["countries__country"], countries.name(r["countries__country"]) or
                          r["countries__country"], r["n"]) for r in found if r["countries__country"]]
        return sorted(options, key=lambda o: o.label)

    def _options_sdg(self, qs):
        rows = qs.count_by("sdg_goals__number", "sdg_goals__title")  # unique per (recommendation, goal)
        return [Option(str(r["sdg_goals__number"]), f"{r['sdg_goals__number']}. {r['sdg_goals__title']}",
                       r["n"]) for r in rows if r["sdg_goals__number"] is not None]



INDICATOR_STATES = [(state, state.capitalize()) for state in STATES]


class IndicatorFilterSet(django_filters.FilterSet):
    """The indicators page's filters: dialogue and theme in SQL; the derived state on the fetched rows."""

    dialogue = django_filters.ModelChoiceFilter(
        label="Dialogue", queryset=Dialogue.objects.published().filter(indicators__isnull=False).distinct(),
        to_field_name="slug", error_messages={"invalid_choice": "There is no such dialogue."},
    )
    theme = django_filters.ModelChoiceFilter(
        label="Theme", queryset=Theme.objects.filter(indicators__isnull=False).distinct(), to_field_name="slug",
        error_messages={"invalid_choice": "There is no such theme."},
    )
    state = django_filters.ChoiceFilter(
        label="State", choices=INDICATOR_STATES, method="filter_state", empty_label="Any",
        error_messages={"invalid_choice": "There is no such state: choose achieved, on track or off track."},
    )

    def filter_state(self, queryset, name, value):
        """The state is derived, not stored: ``indicators()`` applies it to the fetched rows."""
        return queryset

    def indicators(self):
        """Return the matching indicators, values prefetched; all of them if the input was invalid."""
        queryset = self.qs if self.is_valid() else self.queryset
        state = self.form.cleaned_data.get("state") if self.is_valid() else ""
        return queryset.in_state(state) if state else list(queryset)
