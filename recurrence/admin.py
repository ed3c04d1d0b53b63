"""Admin for recurring recommendations: the queue of suggested links, decisions and links by hand."""

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.utils.formats import date_format

from recurrence import services
from recurrence.forms import ManualLinkForm
from recurrence.models import LinkStatus, RecurrenceLink


class StatusFilter(admin.SimpleListFilter):
    """The queue by default: suggested links, best scores first."""

    title = "status"
    parameter_name = "status"

    def lookups(self, request, model_admin):
        return [*LinkStatus.choices, ("all", "All")]

    def value(self):
        return super().value() or LinkStatus.SUGGESTED

    def choices(self, changelist):
        for value, label in self.lookup_choices:
            yield {"selected": self.value() == value, "display": label,
                   "query_string": changelist.get_query_string({self.parameter_name: value})}

    def queryset(self, request, queryset):
        return queryset if self.value() == "all" else queryset.filter(status=self.value())


def _wording(rec) -> str:
    return rec.text if len(rec.text) <= 400 else rec.text[:399] + "…"


def _raised(rec) -> str:
    return f"#{rec.pk}, {rec.dialogue.title} ({date_format(rec.dialogue.start_date)})"


@admin.register(RecurrenceLink)
class RecurrenceLinkAdmin(admin.ModelAdmin):
    list_display = ["earlier_wording", "later_wording", "earlier_raised", "later_raised", "score", "status",
                    "decided"]
    list_display_links = ["score"]
    list_filter = [StatusFilter, "origin"]
    search_fields = ["earlier__text", "later__text"]
    list_select_related = ["earlier__dialogue", "later__dialogue", "decided_by"]
    ordering = ["-score", "pk"]
    actions = ["confirm_links", "reject_links"]
    list_per_page = 50
    form = ManualLinkForm
    autocomplete_fields = ["earlier", "later"]
    readonly_fields = ["earlier_wording", "later_wording", "earlier_raised", "later_raised", "score", "status",
                       "origin", "features", "decided", "note", "suggested_at"]

    @admin.display(description="Raised earlier")
    def earlier_wording(self, obj):
        return _wording(obj.earlier)

    @admin.display(description="Repeated in")
    def later_wording(self, obj):
        return _wording(obj.later)

    @admin.display(description="First raised (dialogue, date)")
    def earlier_raised(self, obj):
        return _raised(obj.earlier)

    @admin.display(description="Repeated (dialogue, date)")
    def later_raised(self, obj):
        return _raised(obj.later)

    @admin.display(description="Decided")
    def decided(self, obj):
        if obj.decided_at is None:
            return "—"
        return f"{obj.decided_by or 'someone'}, {date_format(obj.decided_at, 'DATETIME_FORMAT')}"

    def get_fields(self, request, obj=None):
        return ["earlier", "later", "note"] if obj is None else self.readonly_fields

    def get_readonly_fields(self, request, obj=None):
        return [] if obj is None else self.readonly_fields

    def save_model(self, request, obj, form, change):
        link = services.link_by_hand(earlier=obj.earlier, later=obj.later, linked_by=request.user,
                                     note=obj.note)
        obj.pk = link.pk

    def has_change_permission(self, request, obj=None):
        # A link is decided through the actions; its page only shows it.
        return obj is None and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return False  # decisions are kept, so that a rejected pair is never suggested again

    @admin.action(description="Confirm the selected suggestions", permissions=["change"])
    def confirm_links(self, request, queryset):
        """Confirm every selected suggestion, or none if one was decided meanwhile."""
        self._decide(request, queryset, LinkStatus.CONFIRMED)

    @admin.action(description="Reject the selected suggestions", permissions=["change"])
    def reject_links(self, request, queryset):
        """Reject every selected suggestion, or none if one was decided meanwhile."""
        self._decide(request, queryset, LinkStatus.REJECTED)

    def _decide(self, request, queryset, decision):
        try:
            links = services.decide_links(link_ids=list(queryset.values_list("pk", flat=True)), decision=decision,
                                          decided_by=request.user)
        except ValidationError as exc:
            self.message_user(request, " ".join(exc.messages), messages.ERROR)
            return
        self.message_user(request, f"{LinkStatus(decision).label} {len(links)} link{'s' if len(links) != 1 else ''}.",
                          messages.SUCCESS)
