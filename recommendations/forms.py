"""Validation of what staff enter: status updates, bulk updates, recommendation edits."""

from django import forms
from django.utils import timezone

from dialogues.models import Document
from recommendations.models import Recommendation, Status, validate_http_url, validate_not_future


class StatusUpdateForm(forms.Form):
    """One status update, entered once for one or many recommendations."""

    status = forms.ChoiceField(choices=Status.choices)
    as_of = forms.DateField(
        label="As of", validators=[validate_not_future], widget=forms.DateInput(attrs={"type": "date"}),
        help_text="The date the status was true; not in the future.",
    )
    narrative = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), required=False)
    evidence_url = forms.CharField(
        label="Evidence link", required=False, max_length=1000, validators=[validate_http_url],
        help_text="An http:// or https:// link to the evidence.",
    )
    evidence_document = forms.ModelChoiceField(queryset=Document.objects.all(), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["as_of"].initial = timezone.localdate()


class RecommendationAdminForm(forms.ModelForm):
    """A recommendation edit that is refused if someone else saved in between."""

    seen_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Recommendation
        fields = ["text", "section", "line_start", "line_end", "theme", "priority_issue", "kind",
                  "is_summary", "repeats", "sdg_goals"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["seen_version"].initial = self.instance.version

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk:
            # The admin view runs in a transaction: this lock holds until the save is done.
            current = Recommendation.objects.select_for_update().only("version").get(pk=self.instance.pk)
            if cleaned.get("seen_version") != current.version:
                raise forms.ValidationError(
                    "Someone else saved this recommendation after you opened it. Nothing was saved: "
                    "reload the page to see their changes, then make yours again.",
                    code="stale",
                )
        return cleaned
