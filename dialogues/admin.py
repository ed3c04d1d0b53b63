"""Admin for dialogue series, dialogues, documents, themes, priority issues, SDG goals, and the
upload and review of new reports."""

from pathlib import PurePath

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.contrib.admin.views.main import ChangeList
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.http import content_disposition_header

from actors.models import Actor
from dialogues import imports
from dialogues.forms import (
    ActorMapFormSet,
    AddItemForm,
    ReportUploadForm,
    ReviewForm,
    ReviewItemFormSet,
    actors_text,
)
from dialogues.ingest import READER_VERSION
from dialogues.models import (
    Dialogue,
    DialogueSeries,
    Document,
    ImportStatus,
    PriorityIssue,
    ReportImport,
    SdgGoal,
    Theme,
)
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


class ReportImportChangeList(ChangeList):
    def get_queryset(self, request, exclude_parameters=None):
        # A row shows neither the text nor the review: a long report's would weigh megabytes a page.
        return super().get_queryset(request, exclude_parameters).defer("text", "review")


@admin.register(ReportImport)
class ReportImportAdmin(admin.ModelAdmin):
    """Upload a report, review what the reader found beside the source lines, then save or publish it.

    The add page is the upload form; the change page is the review. A published import is read-only:
    its recommendations are edited in their own admin from then on.
    """

    list_display = ["file_name", "status", "dialogue", "uploaded_by", "uploaded_at", "reader_version", "size"]
    list_filter = ["status", ("uploaded_at", admin.DateFieldListFilter)]
    search_fields = ["file_name", "checksum", "dialogue__title"]
    list_select_related = ["dialogue", "uploaded_by"]
    date_hierarchy = "uploaded_at"

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("dialogue", "uploaded_by", "loaded_by").defer("data")

    def get_changelist(self, request, **kwargs):
        return ReportImportChangeList

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and (
            obj is None or obj.status != ImportStatus.PUBLISHED)

    def get_urls(self):
        name = f"{self.opts.app_label}_{self.opts.model_name}_file"
        return [path("<path:object_id>/file/", self.admin_site.admin_view(self.file_view), name=name),
                *super().get_urls()]

    def add_view(self, request, form_url="", extra_context=None):
        """The upload form: the file is read and parsed, kept as a draft, and its review page opens."""
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = ReportUploadForm(request.POST, request.FILES) if request.method == "POST" else ReportUploadForm()
        if form.is_bound and form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                report_import = imports.create_import(
                    file_name=PurePath(upload.name).name, data=imports.read_upload(upload),
                    sidecar=form.sidecar(), uploaded_by=request.user, gazetteer=imports.known_actors())
            except ValidationError as exc:
                form.add_error("file", exc)
            else:
                self.log_addition(request, report_import, "Uploaded.")
                found = len(report_import.review["items"])
                self.message_user(request, f"Read {report_import.file_name}: {found} items found. Review them "
                                           f"below, then save or publish.", messages.SUCCESS)
                return redirect("admin:dialogues_reportimport_change", report_import.pk)
        context = {**self.admin_site.each_context(request), "title": "Upload a report", "form": form,
                   "opts": self.opts, "has_view_permission": self.has_view_permission(request)}
        return TemplateResponse(request, "admin/dialogues/reportimport/upload_form.html", context)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        """The review page: the source lines beside every item found, with edits, "Save unpublished"
        and "Publish" for those who may change imports."""
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        if not self.has_view_or_change_permission(request, obj):
            raise PermissionDenied
        can_change = self.has_change_permission(request, obj)
        if request.method == "POST" and not can_change:
            raise PermissionDenied
        try:
            gazetteer = imports.known_actors()
        except ValidationError as exc:
            self.message_user(request, " ".join(exc.messages), messages.ERROR)
            return redirect("admin:dialogues_reportimport_changelist")
        actors = dict(Actor.objects.order_by("name").values_list("pk", "name"))
        forms = self._review_forms(request, obj, actors, gazetteer)
        if request.method == "POST":
            response = self._review_post(request, obj, forms, gazetteer)
            if response is not None:
                return response
        context = {
            **self.admin_site.each_context(request), **self._review_context(obj, forms),
            "title": f"Review {obj.file_name}", "opts": self.opts, "original": obj, "can_change": can_change,
            "has_view_permission": True, "reader_version": READER_VERSION,
        }
        return TemplateResponse(request, "admin/dialogues/reportimport/review.html", context)

    def _review_forms(self, request, obj, actors: dict[int, str], gazetteer) -> dict:
        """Return the review's forms, bound to the POST data when there is some."""
        state = obj.review
        data = request.POST if request.method == "POST" else None
        matches = imports.match_actors(imports.review_names(obj), gazetteer=gazetteer,
                                       overrides=state["actor_overrides"], actors=actors)
        to_map = [m for m in matches.values() if m.state != "matched"]
        overrides = state["actor_overrides"]
        choices = [("", "— a new actor —"), *actors.items()]
        return {
            "review": ReviewForm(data, initial={"revision": state["revision"]}),
            "items": ReviewItemFormSet(data, prefix="item", initial=[
                {"key": i["key"], "text": i["text"], "kind": i["kind"], "actors": actors_text(i["actors"]),
                 "dropped": i["dropped"]} for i in state["items"]]),
            "add": AddItemForm(data, prefix="add", lines=imports.line_count(obj.text)),
            "map": ActorMapFormSet(data, prefix="map", form_kwargs={"actor_choices": choices}, initial=[
                {"name": m.name, "actor": overrides.get(m.name)} for m in to_map]),
            "matches": matches, "to_map": to_map,
        }

    def _review_post(self, request, obj, forms: dict, gazetteer):
        """Keep the edits and, for "Save unpublished" or "Publish", store the review; return the
        redirect, or None to show the forms again with their errors."""
        bound = [forms["review"], forms["items"], forms["add"], forms["map"]]
        if not all(form.is_valid() for form in bound):
            self.message_user(request, "Please correct the errors below.", messages.ERROR)
            return None
        # The button pressed, as the admin's own change form tells "_save" from "_continue".
        action = "publish" if "_publish" in request.POST else "save" if "_save_unpublished" in request.POST else ""
        try:
            obj = imports.save_review(
                report_import=obj, revision=forms["review"].cleaned_data["revision"],
                edits=[form.edit() for form in forms["items"]], added=forms["add"].added(),
                actor_overrides={form.cleaned_data["name"]: form.cleaned_data["actor"]
                                 for form in forms["map"] if form.cleaned_data.get("actor")},
            )
        except ValidationError as exc:
            self.message_user(request, " ".join(exc.messages), messages.ERROR)
            return redirect("admin:dialogues_reportimport_change", obj.pk)
        if action not in ("save", "publish"):
            self.log_change(request, obj, "Reviewed.")
            self.message_user(request, "Review saved; nothing is stored in the portal yet.", messages.SUCCESS)
            return redirect("admin:dialogues_reportimport_change", obj.pk)
        publish = action == "publish"
        try:
            report = imports.load_import(report_import=obj, publish=publish, loaded_by=request.user,
                                         gazetteer=gazetteer)
        except ValidationError as exc:
            self.message_user(request, "Your edits are kept in the review, but nothing was stored in the portal: "
                              + " ".join(exc.messages), messages.ERROR)
            return redirect("admin:dialogues_reportimport_change", obj.pk)
        self.log_change(request, obj, "Published." if publish else "Saved unpublished.")
        done = "Published" if publish else "Saved unpublished (the public cannot see it yet)"
        self.message_user(request, f"{done}: {report.documents[0].line()}", messages.SUCCESS)
        return redirect("admin:dialogues_reportimport_change", obj.pk)

    def _review_context(self, obj, forms: dict) -> dict:
        """Return what the review page shows beside its forms."""
        state, found = obj.review, obj.review["found"]
        records = {r["key"]: r for r in found["recommendations"]}
        matches = forms["matches"]
        items = []
        for number, (item, form) in enumerate(zip(state["items"], forms["items"].forms), start=1):
            record = records.get(item["key"]) if item["origin"] == "found" else None
            items.append({
                "number": number, "item": item, "form": form, "record": record,
                "rule": record["rule"] if record else imports.ADDED_RULE,
                "edited": record is not None and (record["text"], record["kind"], record["actors"]) != (
                    item["text"], item["kind"], item["actors"]),
                "actors": [(a, matches.get(a["name"])) for a in item["actors"]],
            })
        replaces = None
        if obj.status == ImportStatus.DRAFT:
            replaces = Document.objects.filter(source_name=obj.file_name).select_related("dialogue").defer(
                "text").first()
        return {
            "items": items, "lines": imports.source_lines(obj.text, state["items"]),
            "indicators": found["indicators"], "sidecar": obj.sidecar,
            "actor_rows": list(zip(forms["to_map"], forms["map"].forms)),
            "review_form": forms["review"], "item_formset": forms["items"], "add_form": forms["add"],
            "map_formset": forms["map"], "replaces": replaces,
        }

    def file_view(self, request, object_id):
        """The uploaded file, as it was received, as a download."""
        found = ReportImport.objects.filter(pk=object_id).only("file_name", "data", "status")
        obj = found.first() if object_id.isdigit() else None
        if obj is None:
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        if not self.has_view_or_change_permission(request, obj):
            raise PermissionDenied
        suffix = PurePath(obj.file_name).suffix.lower()
        content_type = {".pdf": "application/pdf", ".md": "text/markdown; charset=utf-8"}.get(
            suffix, "text/plain; charset=utf-8")
        response = HttpResponse(bytes(obj.data), content_type=content_type)
        response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=obj.file_name)
        return response
