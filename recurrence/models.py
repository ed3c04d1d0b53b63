"""Recurring recommendations: links between a recommendation and its repetition in a later dialogue,
the chains confirmed links make, and the terms detection looks candidates up by."""

from django.conf import settings
from django.db import models
from django.db.models import Q


class LinkStatus(models.TextChoices):
    SUGGESTED = "suggested", "Suggested"
    CONFIRMED = "confirmed", "Confirmed"
    REJECTED = "rejected", "Rejected"


class LinkOrigin(models.TextChoices):
    DETECTED = "detected", "Detected"
    BY_HAND = "by hand", "Linked by hand"


class RecurrenceLinkQuerySet(models.QuerySet):
    def suggested(self):
        """Links waiting for a staff decision."""
        return self.filter(status=LinkStatus.SUGGESTED)

    def confirmed(self):
        """Links staff confirmed (or made by hand): the only ones the public sees."""
        return self.filter(status=LinkStatus.CONFIRMED)

    def for_queue(self):
        """Links with both wordings and their dialogues, as the review queue shows them; one query."""
        return self.select_related("earlier__dialogue", "later__dialogue", "decided_by")

    def touching(self, recommendation_ids):
        """Links with one of these recommendations at either end."""
        ids = list(recommendation_ids)
        return self.filter(Q(earlier_id__in=ids) | Q(later_id__in=ids))


class RecurrenceLink(models.Model):
    """``later`` repeats ``earlier``, a recommendation of a dialogue that started before its own."""

    earlier = models.ForeignKey("recommendations.Recommendation", on_delete=models.CASCADE,
                                related_name="repeated_by_links")
    later = models.ForeignKey("recommendations.Recommendation", on_delete=models.CASCADE,
                              related_name="repeats_links")
    status = models.CharField(max_length=20, choices=LinkStatus, default=LinkStatus.SUGGESTED, db_index=True)
    origin = models.CharField(max_length=20, choices=LinkOrigin, default=LinkOrigin.DETECTED)
    score = models.FloatField(null=True, blank=True,
                              help_text="How alike the two asks read (0–1); none when linked by hand.")
    features = models.JSONField(default=dict, blank=True, help_text="What the score was made of.")
    suggested_at = models.DateTimeField(auto_now_add=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)
    note = models.CharField(max_length=500, blank=True)

    objects = RecurrenceLinkQuerySet.as_manager()

    class Meta:
        ordering = ["-score", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["earlier", "later"], name="uniq_recurrence_link"),
            models.CheckConstraint(condition=~Q(earlier=models.F("later")), name="recurrence_link_not_to_itself"),
            models.CheckConstraint(condition=Q(status__in=LinkStatus.values), name="recurrence_link_status_known"),
        ]
        indexes = [models.Index(fields=["status", "-score"], name="recurrence_link_queue_idx")]

    def __str__(self) -> str:
        return f"#{self.later_id} repeats #{self.earlier_id} ({self.get_status_display().lower()})"


class ChainEntryQuerySet(models.QuerySet):
    def of_chain(self, first_raised_id: int):
        """The entries of one chain, first raised first."""
        return self.filter(first_raised_id=first_raised_id).order_by("position")


class ChainEntry(models.Model):
    """A recommendation's place in its chain of confirmed repetitions (none: raised once).

    Kept by the services that confirm or make links, in the same transaction, so that lists can
    filter and sort by it without walking links.
    """

    recommendation = models.OneToOneField("recommendations.Recommendation", primary_key=True,
                                          on_delete=models.CASCADE, related_name="chain")
    first_raised = models.ForeignKey("recommendations.Recommendation", on_delete=models.CASCADE, related_name="+")
    first_raised_date = models.DateField(db_index=True)
    repetitions = models.PositiveIntegerField(help_text="How many times the ask was raised after the first.")
    position = models.PositiveIntegerField(help_text="1 for the first raising, 2 for the next…")
    is_latest = models.BooleanField(default=False, help_text="The latest raising of its chain.")

    objects = ChainEntryQuerySet.as_manager()

    class Meta:
        verbose_name_plural = "chain entries"
        indexes = [models.Index(fields=["first_raised", "position"], name="recurrence_chain_idx")]

    def __str__(self) -> str:
        return f"#{self.recommendation_id}: {self.position} of {self.repetitions + 1}, first #{self.first_raised_id}"


class RecommendationTerm(models.Model):
    """One term of a recommendation's wording: the table detection looks candidates up in."""

    recommendation = models.ForeignKey("recommendations.Recommendation", on_delete=models.CASCADE,
                                       related_name="+")
    # A recommendation's dialogue never changes: kept here so candidates are narrowed by date without
    # reading the recommendations table.
    dialogue = models.ForeignKey("dialogues.Dialogue", on_delete=models.CASCADE, related_name="+", db_index=False)
    term = models.CharField(max_length=64)

    class Meta:
        indexes = [models.Index(fields=["term", "recommendation", "dialogue"], name="recurrence_term_idx")]

    def __str__(self) -> str:
        return f"{self.term} (#{self.recommendation_id})"
