"""Admin for dialogue series, dialogues, documents, themes, priority issues and SDG goals."""

from django.contrib import admin

from dialogues.models import Dialogue, DialogueSeries, Document, PriorityIssue, SdgGoal, Theme
from recommendations.admin import PublicDataAdmin


@admin.register(DialogueSeries)
class DialogueSeriesAdmin(PublicDataAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


class DocumentInline(admin.TabularInline):
    model = Document
    extra = 0
    fields = ["title", "kind", "source_name", "published_on", "checksum"]
    readonly_fields = ["source_name", "checksum"]
    show_change_link = True


@admin.register(Dialogue)
class DialogueAdmin(PublicDataAdmin):
    list_display = ["title", "series", "edition", "kind", "start_date", "place", "country", "published"]
    list_filter = ["published", "kind", "series", "country", ("start_date", admin.DateFieldListFilter)]
    search_fields = ["title", "place", "series__name"]
    autocomplete_fields = ["organisers", "default_addressee", "series"]
    prepopulated_fields = {"slug": ["title"]}
    date_hierarchy = "start_date"
    inlines = [DocumentInline]
    list_select_related = ["series"]


@admin.register(Document)
class DocumentAdmin(PublicDataAdmin):
    list_display = ["title", "dialogue", "kind", "source_name", "published_on", "loaded_at"]
    list_filter = ["kind", "dialogue__series"]
    search_fields = ["title", "source_name", "dialogue__title"]
    autocomplete_fields = ["dialogue"]
    readonly_fields = ["checksum", "loaded_at"]
    list_select_related = ["dialogue"]


@admin.register(Theme)
class ThemeAdmin(PublicDataAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name", "description"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(PriorityIssue)
class PriorityIssueAdmin(PublicDataAdmin):
    list_display = ["__str__", "dialogue", "theme", "number"]
    list_filter = ["theme", "dialogue"]
    search_fields = ["text", "dialogue__title"]
    autocomplete_fields = ["dialogue", "theme", "document"]
    list_select_related = ["dialogue", "theme"]


@admin.register(SdgGoal)
class SdgGoalAdmin(PublicDataAdmin):
    list_display = ["number", "title"]
    search_fields = ["title"]
