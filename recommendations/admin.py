"""Admin for recommendations, their status history, indicators and values."""

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.response import TemplateResponse
from django.utils import timezone
from django_countries.filters import CountryFilter

from recommendations import services
from recommendations.forms import RecommendationAdminForm, StatusUpdateForm
from recommendations.models import (
    DataVersion,
    Indicator,
    IndicatorValue,
    Recommendation,
    RecommendationCountry,
    Responsibility,
    StatusUpdate,
)


class PublicDataAdmin(admin.ModelAdmin):
    """An admin whose every write marks the public data as changed, so cached counts are recomputed,
    and refreshes the search text of the recommendations the write touches (their wording, actors,
    aliases and countries are what search finds them by).

    The change form always calls ``save_related`` after ``save_model``: the version moves there, once.
    """

    def searched_recommendations(self, obj) -> list[int]:
        """Return the ids of the recommendations whose search text depends on this object."""
        return []

    def delete_model(self, request, obj):
        affected = self.searched_recommendations(obj)
        super().delete_model(request, obj)
        services.refresh_search_index(affected)
        DataVersion.objects.bump()

    def delete_queryset(self, request, queryset):
        affected = [pk for obj in queryset for pk in self.searched_recommendations(obj)]
        super().delete_queryset(request, queryset)
        services.refresh_search_index(affected)
        DataVersion.objects.bump()

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        services.refresh_search_index(self.searched_recommendations(form.instance))
        DataVersion.objects.bump()


class NeedsUpdateFilter(admin.SimpleListFilter):
    title = "needs update"
    parameter_name = "needs_update"

    def lookups(self, request, model_admin):
        from django.conf import settings

        return [("yes", f"No update for {settings.STATUS_STALE_AFTER_DAYS} days"), ("no", "Up to date")]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.needing_update()
        if self.value() == "no":
            return queryset.exclude(pk__in=queryset.needing_update().values("pk"))
        return queryset


class NoActorFilter(admin.SimpleListFilter):
    title = "responsible actor"
    parameter_name = "has_actor"

    def lookups(self, request, model_admin):
        return [("no", "None found (review)"), ("yes", "At least one")]

    def queryset(self, request, queryset):
        if self.value() == "no":
            return queryset.filter(responsibilities__isnull=True)
        if self.value() == "yes":
            return queryset.filter(responsibilities__isnull=False).distinct()
        return queryset


class PriorityIssueFilter(admin.RelatedOnlyFieldListFilter):
    """The priority issues some recommendation is under, each label's theme in the same query."""

    def field_choices(self, field, request, model_admin):
        used = model_admin.get_queryset(request).values("priority_issue")
        issues = field.related_model.objects.filter(pk__in=used).select_related("theme")
        return [(issue.pk, str(issue)) for issue in issues]


class ResponsibilityInline(admin.TabularInline):
    model = Responsibility
    extra = 0
    autocomplete_fields = ["actor"]


class RecommendationCountryInline(admin.TabularInline):
    model = RecommendationCountry
    extra = 0


class StatusUpdateInline(admin.TabularInline):
    """The history: past entries are read-only and never deleted; new ones go through the service."""

    model = StatusUpdate
    extra = 1
    fields = ["status", "as_of", "narrative", "evidence_url", "evidence_document", "recorded_by",
              "recorded_at"]
    readonly_fields = ["recorded_by", "recorded_at"]
    autocomplete_fields = ["evidence_document"]
    can_delete = False
    ordering = ["-as_of", "-recorded_at"]

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Recommendation)
class RecommendationAdmin(PublicDataAdmin):
    form = RecommendationAdminForm
    list_display = ["__str__", "dialogue", "theme", "current_status", "status_as_of", "kind", "is_summary"]
    list_filter = [
        "current_status",
        NeedsUpdateFilter,
        # Only the themes, priority issues, actors and countries some recommendation has.
        ("theme", admin.RelatedOnlyFieldListFilter),
        ("priority_issue", PriorityIssueFilter),
        "dialogue",
        ("responsibilities__actor", admin.RelatedOnlyFieldListFilter),
        ("countries__country", CountryFilter),
        NoActorFilter,
        "kind",
        "is_summary",
    ]
    search_fields = ["text", "section", "responsibilities__actor__name", "responsibilities__actor__acronym"]
    readonly_fields = ["dialogue", "document", "key", "current_status", "status_as_of"]
    autocomplete_fields = ["theme", "priority_issue", "repeats"]
    filter_horizontal = ["sdg_goals"]
    inlines = [ResponsibilityInline, RecommendationCountryInline, StatusUpdateInline]
    list_select_related = ["dialogue", "theme"]
    actions = ["record_status_update"]
    list_per_page = 50

    def searched_recommendations(self, obj) -> list[int]:
        return [obj.pk] if obj.pk else []

    def save_model(self, request, obj, form, change):
        if change:
            services.save_recommendation_edit(
                recommendation=obj, seen_version=form.cleaned_data["seen_version"]
            )
        else:
            super().save_model(request, obj, form, change)

    def save_formset(self, request, form, formset, change):
        if formset.model is not StatusUpdate:
            return super().save_formset(request, form, formset, change)
        for update in formset.save(commit=False):
            services.record_status_update(
                recommendation=form.instance, status=update.status, as_of=update.as_of,
                narrative=update.narrative, evidence_url=update.evidence_url,
                evidence_document=update.evidence_document, recorded_by=request.user,
            )
        return None

    @admin.action(description="Record status update", permissions=["add_status_update"])
    def record_status_update(self, request, queryset):
        """Enter one status update once for every selected recommendation."""
        form = StatusUpdateForm(request.POST if "apply" in request.POST else None)
        if form.is_valid():
            try:
                with transaction.atomic():
                    updates = services.record_status_updates(
                        recommendations=queryset, recorded_by=request.user, **form.cleaned_data
                    )
            except ValidationError as exc:
                self.message_user(request, " ".join([*exc.messages, "Nothing was recorded."]), messages.ERROR)
                return None
            self.message_user(request, f"Recorded a status update on {len(updates)} recommendations.",
                              messages.SUCCESS)
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": "Record a status update",
            "form": form,
            "queryset": queryset,
            "opts": self.model._meta,
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
            "today": timezone.localdate(),
        }
        return TemplateResponse(request, "admin/recommendations/record_status_update.html", context)

    def has_add_status_update_permission(self, request):
        return request.user.has_perm("recommendations.add_statusupdate")


@admin.register(StatusUpdate)
class StatusUpdateAdmin(PublicDataAdmin):
    list_display = ["recommendation", "status", "as_of", "recorded_by", "recorded_at"]
    list_filter = ["status", ("as_of", admin.DateFieldListFilter)]
    search_fields = ["narrative", "recommendation__text"]
    autocomplete_fields = ["recommendation", "evidence_document"]
    readonly_fields = ["recorded_by", "recorded_at"]
    list_select_related = ["recommendation", "recorded_by"]
    date_hierarchy = "as_of"

    def save_model(self, request, obj, form, change):
        saved = services.record_status_update(
            recommendation=obj.recommendation, status=obj.status, as_of=obj.as_of, narrative=obj.narrative,
            evidence_url=obj.evidence_url, evidence_document=obj.evidence_document, recorded_by=request.user,
        )
        obj.pk = saved.pk
        return None

    def has_change_permission(self, request, obj=None):
        # A recorded entry is history: a correction is a new entry, not an edit.
        return obj is None and super().has_change_permission(request, obj)


@admin.register(Responsibility)
class ResponsibilityAdmin(PublicDataAdmin):
    list_display = ["recommendation", "actor", "role"]
    list_filter = ["role", "actor__kind"]
    search_fields = ["actor__name", "recommendation__text"]
    autocomplete_fields = ["recommendation", "actor"]
    list_select_related = ["recommendation", "actor"]

    def searched_recommendations(self, obj) -> list[int]:
        return [obj.recommendation_id] if obj.recommendation_id else []


@admin.register(RecommendationCountry)
class RecommendationCountryAdmin(PublicDataAdmin):
    list_display = ["recommendation", "country"]
    list_filter = ["country"]
    search_fields = ["recommendation__text"]
    autocomplete_fields = ["recommendation"]

    def searched_recommendations(self, obj) -> list[int]:
        return [obj.recommendation_id] if obj.recommendation_id else []


class IndicatorValueInline(admin.TabularInline):
    model = IndicatorValue
    extra = 1
    fields = ["period", "kind", "value", "raw", "as_of", "source_line"]


@admin.register(Indicator)
class IndicatorAdmin(PublicDataAdmin):
    list_display = ["name", "unit", "direction", "dialogue", "theme", "reported_group"]
    list_filter = ["direction", "reported_group", "dialogue", "theme"]
    search_fields = ["name"]
    autocomplete_fields = ["dialogue", "document", "theme", "priority_issues", "recommendations"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [IndicatorValueInline]
    list_select_related = ["dialogue", "theme"]


@admin.register(IndicatorValue)
class IndicatorValueAdmin(PublicDataAdmin):
    list_display = ["indicator", "period", "kind", "value", "raw", "as_of"]
    list_filter = ["kind", "period"]
    search_fields = ["indicator__name", "period"]
    autocomplete_fields = ["indicator"]
    list_select_related = ["indicator"]


@admin.register(DataVersion)
class DataVersionAdmin(admin.ModelAdmin):
    """Read-only: the number moves by itself whenever public data changes."""

    list_display = ["__str__", "number"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
