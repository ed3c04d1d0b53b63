"""Staff input on recurring recommendations."""

from django import forms
from django.core.exceptions import ValidationError

from recurrence.models import RecurrenceLink
from recurrence.services import refuse_decided_pair, validate_link


class ManualLinkForm(forms.ModelForm):
    """Link two recommendations by hand: ``later`` repeats ``earlier`` (its first raising, or a step on the way)."""

    class Meta:
        model = RecurrenceLink
        fields = ["earlier", "later", "note"]
        labels = {"earlier": "Raised earlier (first raised)", "later": "Repeated in"}

    def clean(self):
        cleaned = super().clean()
        earlier, later = cleaned.get("earlier"), cleaned.get("later")
        if earlier and later:
            try:
                validate_link(earlier=earlier, later=later)
                refuse_decided_pair(earlier=earlier, later=later)
            except ValidationError as exc:
                raise ValidationError(exc.messages) from None
        return cleaned

    def validate_unique(self):
        """The service says what to do with a pair already linked; no generic "already exists" here."""
