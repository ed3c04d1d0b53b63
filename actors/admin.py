"""Admin for actors and their aliases."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.template.response import TemplateResponse
from django_countries.filters import CountryFilter

from actors.models import Actor, ActorAlias
from actors.services import merge_actors
from recommendations.admin import PublicDataAdmin
from recommendations.services import refresh_search_index


class MergeActorsForm(forms.Form):
    """Which of the selected actors survives the merge."""

    into = forms.ModelChoiceField(queryset=Actor.objects.none(), label="Keep this actor",
                                  widget=forms.RadioSelect, empty_label=None)

    def __init__(self, *args, actors, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["into"].queryset = actors


class ActorAliasInline(admin.TabularInline):
    model = ActorAlias
    extra = 0
    fields = ["name"]


@admin.register(Actor)
class ActorAdmin(PublicDataAdmin):
    list_display = ["name", "acronym", "kind", "country", "parent", "needs_review"]
    # Only the countries some actor is in, not every country in the world.
    list_filter = ["needs_review", "kind", ("country", CountryFilter)]
    search_fields = ["name", "acronym", "aliases__name"]
    autocomplete_fields = ["parent", "member_of"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [ActorAliasInline]
    list_select_related = ["parent"]
    actions = ["merge_selected_actors"]

    def searched_recommendations(self, obj) -> list[int]:
        return list(obj.responsibilities.values_list("recommendation_id", flat=True)) if obj.pk else []

    @admin.action(description="Merge selected actors", permissions=["change"])
    def merge_selected_actors(self, request, queryset):
        """Fold the selected actors into the one staff choose; their names stay as aliases."""
        form = MergeActorsForm(request.POST if "apply" in request.POST else None, actors=queryset)
        if queryset.count() < 2:
            self.message_user(request, "Select at least two actors to merge: an actor cannot be merged into "
                              "itself. Nothing was merged.", messages.ERROR)
            return None
        if form.is_valid():
            keep = form.cleaned_data["into"]
            try:
                merge_actors(into=keep, others=[a for a in queryset if a.pk != keep.pk])
            except ValidationError as exc:
                self.message_user(request, " ".join([*exc.messages, "Nothing was merged."]), messages.ERROR)
                return None
            # The merged actors' names are the kept one's aliases now: its recommendations are found by them.
            refresh_search_index(self.searched_recommendations(keep))
            self.message_user(request, f"Merged {queryset.count() - 1} actors into {keep.name}.", messages.SUCCESS)
            return None
        context = {**self.admin_site.each_context(request), "title": "Merge actors", "form": form,
                   "queryset": queryset, "actors": queryset.for_merge(), "opts": self.model._meta,
                   "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME}
        return TemplateResponse(request, "admin/actors/merge_actors.html", context)


@admin.register(ActorAlias)
class ActorAliasAdmin(PublicDataAdmin):
    list_display = ["name", "actor"]
    search_fields = ["name", "actor__name", "actor__acronym"]
    autocomplete_fields = ["actor"]
    list_select_related = ["actor"]

    def searched_recommendations(self, obj) -> list[int]:
        return list(obj.actor.responsibilities.values_list("recommendation_id", flat=True)) if obj.actor_id else []
