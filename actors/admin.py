"""Admin for actors and their aliases."""

from django.contrib import admin

from actors.models import Actor, ActorAlias


class ActorAliasInline(admin.TabularInline):
    model = ActorAlias
    extra = 0
    fields = ["name"]


@admin.register(Actor)
class ActorAdmin(admin.ModelAdmin):
    list_display = ["name", "acronym", "kind", "country", "parent", "needs_review"]
    list_filter = ["needs_review", "kind", "country"]
    search_fields = ["name", "acronym", "aliases__name"]
    autocomplete_fields = ["parent"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [ActorAliasInline]
    list_select_related = ["parent"]


@admin.register(ActorAlias)
class ActorAliasAdmin(admin.ModelAdmin):
    list_display = ["name", "actor"]
    search_fields = ["name", "actor__name", "actor__acronym"]
    autocomplete_fields = ["actor"]
    list_select_related = ["actor"]
