"""Dialogues, their series and source documents, themes and priority issues."""

from django.conf import settings
from django.db import models
from django.db.models.functions import Coalesce
from django.urls import reverse
from django_countries.fields import CountryField


class DialogueKind(models.TextChoices):
    POLICY_DIALOGUE = "policy dialogue", "Policy dialogue"
    SIDE_MEETING = "side meeting", "Side meeting"
    PROGRESS_REPORT = "progress report", "Progress report"
    SECTOR_WORKING_GROUP = "sector working group report", "Sector working group report"
    NEWS = "news", "News"


class DocumentKind(models.TextChoices):
    SUMMARY_REPORT = "summary report", "Summary report"
    PROGRESS_REPORT = "progress report", "Progress report"
    SWG_REPORT = "SWG report", "Sector working group report"
    MEETING_REPORT = "meeting report", "Meeting report"
    NEWS = "news", "News item"


class DialogueSeries(models.Model):
    name = models.CharField(max_length=255, unique=True)
    slug = models.SlugField(max_length=255, unique=True)
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "dialogue series"

    def __str__(self) -> str:
        return self.name


class DialogueQuerySet(models.QuerySet):
    def published(self):
        """Dialogues the public may see."""
        return self.filter(published=True)

    def with_recommendation_counts(self):
        """Each dialogue with ``n_recommendations`` and its series, in one query."""
        return self.select_related("series").annotate(
            n_recommendations=models.Count("recommendations", distinct=True)
        )

    def for_detail(self):
        """A dialogue with its series, organisers and documents (without their full text)."""
        return self.select_related("series").prefetch_related(
            "organisers",
            models.Prefetch("documents", queryset=Document.objects.defer("text").order_by("title")),
        )


class DocumentQuerySet(models.QuerySet):
    def published(self):
        """Documents of published dialogues."""
        return self.filter(dialogue__published=True)

    def with_recommendation_counts(self):
        """Documents (without their full text) with their dialogue and ``n_recommendations``, in
        the dialogues' order (newest first); one query."""
        return (
            self.select_related("dialogue").defer("text")
            .annotate(n_recommendations=models.Count("recommendations"))
            .order_by("-dialogue__start_date", "dialogue__title", "dialogue_id", "title")
        )


class ThemeQuerySet(models.QuerySet):
    def public(self):
        """Themes with a recommendation or priority issue of a published dialogue."""
        from recommendations.models import Recommendation

        return self.filter(
            models.Exists(Recommendation.objects.published().filter(theme=models.OuterRef("pk")))
            | models.Exists(PriorityIssue.objects.published().filter(theme=models.OuterRef("pk")))
        )

    def with_recommendation_counts(self):
        """Each theme with ``n_recommendations``: those of published dialogues; one query."""
        from recommendations.models import Recommendation

        counts = (
            Recommendation.objects.published()
            .filter(theme=models.OuterRef("pk"))
            .order_by()
            .values("theme")
            .annotate(n=models.Count("pk"))
            .values("n")
        )
        return self.annotate(
            n_recommendations=Coalesce(
                models.Subquery(counts, output_field=models.IntegerField()), 0
            )
        )


class PriorityIssueQuerySet(models.QuerySet):
    def published(self):
        """Priority issues of published dialogues."""
        return self.filter(dialogue__published=True)


class Dialogue(models.Model):
    series = models.ForeignKey(
        DialogueSeries, null=True, blank=True, on_delete=models.PROTECT, related_name="dialogues"
    )
    edition = models.PositiveSmallIntegerField(null=True, blank=True)
    title = models.CharField(max_length=500)
    slug = models.SlugField(max_length=255, unique=True)
    kind = models.CharField(max_length=40, choices=DialogueKind, db_index=True)
    start_date = models.DateField(db_index=True)
    end_date = models.DateField(null=True, blank=True)
    place = models.CharField(max_length=255, blank=True)
    country = CountryField(blank=True, db_index=True)
    organisers = models.ManyToManyField("actors.Actor", blank=True, related_name="organised_dialogues")
    default_addressee = models.ForeignKey(
        "actors.Actor", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    language = models.CharField(max_length=10, default="en")
    source_url = models.URLField(blank=True)
    participation = models.JSONField(
        default=dict, blank=True, help_text='Figures the report gives, e.g. {"participants": 62}.'
    )
    published = models.BooleanField(default=True, db_index=True)

    objects = DialogueQuerySet.as_manager()

    class Meta:
        ordering = ["-start_date", "title"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__isnull=True) | models.Q(end_date__gte=models.F("start_date")),
                name="dialogue_ends_after_start",
            ),
            models.UniqueConstraint(
                fields=["series", "edition"], name="uniq_dialogue_series_edition"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.start_date:%Y})"

    def get_absolute_url(self) -> str:
        return reverse("dialogues:dialogue-detail", args=[self.slug])


class Document(models.Model):
    dialogue = models.ForeignKey(Dialogue, on_delete=models.CASCADE, related_name="documents")
    title = models.CharField(max_length=500)
    kind = models.CharField(max_length=40, choices=DocumentKind, db_index=True)
    source_name = models.CharField(
        max_length=255, unique=True, help_text="File name the document was loaded from."
    )
    published_on = models.DateField(null=True, blank=True)
    checksum = models.CharField(max_length=64, help_text="SHA-256 of the source file.")
    text = models.TextField(help_text="Full text, kept for citation.")
    language = models.CharField(max_length=10, default="en")
    source_url = models.URLField(blank=True)
    loaded_at = models.DateTimeField(auto_now=True)

    objects = DocumentQuerySet.as_manager()

    class Meta:
        ordering = ["dialogue", "title"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("dialogues:document-detail", args=[self.pk])

    def lines(self, start: int, end: int) -> list[str]:
        """Return lines ``start``..``end`` (1-based, inclusive) of the stored text."""
        return self.text.splitlines()[max(start - 1, 0) : end]


class Theme(models.Model):
    name = models.CharField(max_length=120, unique=True)
    slug = models.SlugField(max_length=120, unique=True)
    description = models.TextField(blank=True)

    objects = ThemeQuerySet.as_manager()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("dialogues:theme-detail", args=[self.slug])


class PriorityIssue(models.Model):
    dialogue = models.ForeignKey(Dialogue, on_delete=models.CASCADE, related_name="priority_issues")
    theme = models.ForeignKey(Theme, on_delete=models.PROTECT, related_name="priority_issues")
    number = models.PositiveSmallIntegerField()
    text = models.TextField()
    document = models.ForeignKey(
        Document, null=True, blank=True, on_delete=models.SET_NULL, related_name="priority_issues"
    )
    line_start = models.PositiveIntegerField(null=True, blank=True)
    line_end = models.PositiveIntegerField(null=True, blank=True)

    objects = PriorityIssueQuerySet.as_manager()

    class Meta:
        ordering = ["dialogue", "theme__name", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["dialogue", "theme", "number"], name="uniq_priority_issue_number"
            ),
            models.CheckConstraint(condition=models.Q(number__gte=1), name="priority_issue_number_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.theme.name} {self.number}: {self.text[:80]}"

    def get_absolute_url(self) -> str:
        return f"{self.dialogue.get_absolute_url()}#issue-{self.pk}"


class SdgGoal(models.Model):
    number = models.PositiveSmallIntegerField(primary_key=True)
    title = models.CharField(max_length=200)

    class Meta:
        ordering = ["number"]
        verbose_name = "SDG goal"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(number__gte=1, number__lte=17), name="sdg_goal_number_1_to_17"
            ),
        ]

    def __str__(self) -> str:
        return f"SDG {self.number}: {self.title}"


class ImportStatus(models.TextChoices):
    DRAFT = "draft", "Draft (under review)"
    SAVED = "saved", "Saved unpublished"
    PUBLISHED = "published", "Published"


class ReportImportQuerySet(models.QuerySet):
    def loaded(self):
        """Imports whose review was stored in the portal (saved unpublished or published)."""
        return self.exclude(status=ImportStatus.DRAFT)

    def for_list(self):
        """Imports with their dialogue and uploader, without the file, its text or the review."""
        return self.select_related("dialogue", "uploaded_by").defer("data", "text", "review")


class ReportImport(models.Model):
    """A report uploaded in the admin, and the staff review of what the reader found in it.

    The file's bytes are kept in the database, beside the review: every app server sees them,
    they are saved or rolled back with the import, and a backup holds them.
    """

    file_name = models.CharField(max_length=255, help_text="Name of the uploaded file.")
    data = models.BinaryField(help_text="The uploaded file, as it was received.")
    checksum = models.CharField(max_length=64, db_index=True, help_text="SHA-256 of the file.")
    size = models.PositiveBigIntegerField(help_text="Bytes.")
    text = models.TextField(help_text="The text the reader read (from a PDF: the extracted text).")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)
    reader_version = models.CharField(max_length=20, help_text="Version of the reader that read the file.")
    sidecar = models.JSONField(default=dict, help_text="The metadata given at upload, as sidecar keys.")
    review = models.JSONField(
        default=dict, help_text="The items as the reader found them, with the staff's edits."
    )
    status = models.CharField(max_length=20, choices=ImportStatus, default=ImportStatus.DRAFT, db_index=True)
    dialogue = models.ForeignKey(
        Dialogue, null=True, blank=True, on_delete=models.SET_NULL, related_name="imports"
    )
    loaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    loaded_at = models.DateTimeField(null=True, blank=True)

    objects = ReportImportQuerySet.as_manager()

    class Meta:
        ordering = ["-uploaded_at", "-pk"]
        constraints = [
            # Drafts may repeat (two staff may upload the same file); a stored one may not.
            models.UniqueConstraint(
                fields=["checksum"], condition=~models.Q(status="draft"), name="uniq_report_import_checksum_loaded"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.file_name} ({self.get_status_display().lower()})"
