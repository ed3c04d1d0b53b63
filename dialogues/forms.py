"""Forms of the report import: the upload with its metadata, and the review of what was found."""

from django import forms
from django.core.validators import URLValidator
from django_countries import countries

from dialogues.ingest import ActorMention, Sidecar
from dialogues.ingest.countries import CODES
from dialogues.models import DialogueKind, DocumentKind
from recommendations.models import RecommendationKind, Role

ROLES = set(Role.values)
DATE_INPUT = {"widget": forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})}
WIDE = {"widget": forms.TextInput(attrs={"class": "vTextField"})}  # the admin's width for names and titles


class ReportUploadForm(forms.Form):
    """A report file and the metadata its sidecar would hold (see ``dialogues.ingest.sources``)."""

    file = forms.FileField(
        help_text="A .txt, .md or .pdf report (a PDF needs a text layer; a scan cannot be read).",
        widget=forms.ClearableFileInput(attrs={"accept": ".txt,.md,.pdf"}), allow_empty_file=True,
    )
    title = forms.CharField(max_length=500, **WIDE)
    kind = forms.ChoiceField(choices=DialogueKind.choices, help_text="The dialogue's kind.")
    start_date = forms.DateField(
        help_text="For an undated item, the first day of its month or year.", **DATE_INPUT)
    end_date = forms.DateField(required=False, help_text="Optional; not before the start date.", **DATE_INPUT)
    place = forms.CharField(max_length=255, required=False, help_text="E.g. Phnom Penh, Cambodia.", **WIDE)
    country = forms.ChoiceField(required=False, choices=(), help_text="Where the dialogue took place.")
    organisers = forms.CharField(
        required=False, widget=forms.Textarea(attrs={"rows": 3}), help_text="One actor name a line."
    )
    series = forms.CharField(max_length=255, required=False, help_text="The series the dialogue belongs to.",
                             **WIDE)
    edition = forms.IntegerField(required=False, min_value=1, help_text="Its place in the series.")
    source_url = forms.CharField(
        max_length=200, required=False, validators=[URLValidator(schemes=["http", "https"])],
        label="Source URL", help_text="Where the report is published (http or https).", **WIDE,
    )
    default_addressee = forms.CharField(
        max_length=255, required=False, help_text="Who acts where the text names no one.", **WIDE
    )
    language = forms.CharField(max_length=10, initial="en")
    document_kind = forms.ChoiceField(
        required=False, help_text="Optional; otherwise it follows from the dialogue's kind.",
        choices=[("", "—"), *((value, label) for value, label in DocumentKind.choices if value != "meeting report")],
    )
    allow_empty = forms.BooleanField(
        required=False, label="Holds no recommendation",
        help_text="The report is known to hold none (e.g. a news item): accept it all the same.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = [("", "—"), *((code, name) for code, name in countries if code in CODES)]

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_date"), cleaned.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", "The end date is before the start date.")
        return cleaned

    def sidecar(self) -> Sidecar:
        """Return the metadata as the reader takes it (call after ``is_valid()``)."""
        data = self.cleaned_data
        return Sidecar(
            title=data["title"].strip(), kind=data["kind"], start_date=data["start_date"],
            end_date=data["end_date"], series=data["series"].strip(), edition=data["edition"],
            place=data["place"].strip(), country=data["country"], organisers=tuple(_lines(data["organisers"])),
            language=data["language"].strip() or "en", source_url=data["source_url"].strip(),
            default_addressee=data["default_addressee"].strip(), document_kind=data["document_kind"],
            allow_empty=data["allow_empty"],
        )


def _lines(text: str) -> list[str]:
    return [" ".join(line.split()) for line in text.splitlines() if line.strip()]


def actors_text(actors: list[dict]) -> str:
    """Return actors as the review form shows them: one a line, ``name | role`` unless the role is lead."""
    return "\n".join(a["name"] if a["role"] == Role.LEAD else f"{a['name']} | {a['role']}" for a in actors)


class ActorsField(forms.CharField):
    """Actors, one a line: a name, optionally followed by ``| support`` or ``| addressee``."""

    widget = forms.Textarea(attrs={"rows": 2})

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("help_text", "One a line; add “| support” or “| addressee” for a role other than lead.")
        super().__init__(**kwargs)

    def clean(self, value) -> list[dict]:
        mentions = []
        for line in _lines(super().clean(value) or ""):
            name, _, role = (part.strip() for part in line.rpartition("|")) if "|" in line else (line, "", "lead")
            role = role.lower() or Role.LEAD
            if not name:
                raise forms.ValidationError(f"“{line}” names no actor.")
            if role not in ROLES:
                raise forms.ValidationError(f"Unknown role “{role}” for {name}: use lead, support or addressee.")
            mentions.append(ActorMention(name=name[:255], role=role))
        return [{"name": m.name, "role": m.role} for m in dict.fromkeys(mentions)]


class ReviewItemForm(forms.Form):
    """Staff's version of one found (or added) item."""

    key = forms.CharField(widget=forms.HiddenInput)
    text = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}))
    kind = forms.ChoiceField(choices=RecommendationKind.choices)
    actors = ActorsField()
    dropped = forms.BooleanField(required=False, label="Drop")

    def edit(self) -> dict:
        """Return the edit as ``imports.save_review`` takes it."""
        data = self.cleaned_data
        return {"key": data["key"], "text": data["text"].strip(), "kind": data["kind"],
                "actors": data["actors"], "dropped": data["dropped"]}


ReviewItemFormSet = forms.formset_factory(ReviewItemForm, extra=0)


class AddItemForm(forms.Form):
    """An item the reader missed: its text, where it stands, and who is to act."""

    text = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}))
    line_start = forms.IntegerField(required=False, min_value=1, label="First line")
    line_end = forms.IntegerField(required=False, min_value=1, label="Last line")
    kind = forms.ChoiceField(choices=RecommendationKind.choices, initial=RecommendationKind.RECOMMENDATION)
    actors = ActorsField()

    def __init__(self, *args, lines: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.lines = lines
        for name in ("line_start", "line_end"):
            self.fields[name].widget.attrs["max"] = lines

    def clean(self):
        cleaned = super().clean()
        if not (cleaned.get("text") or "").strip():
            return cleaned  # nothing to add
        first, last = cleaned.get("line_start"), cleaned.get("line_end") or cleaned.get("line_start")
        if first is None:
            self.add_error("line_start", "Say on which line of the source the item starts.")
        elif last < first:
            self.add_error("line_end", "The last line is before the first.")
        elif last > self.lines:
            self.add_error("line_end", f"The source has {self.lines} lines.")
        return cleaned

    def added(self) -> dict | None:
        """Return the new item as ``imports.save_review`` takes it, or None when none was given."""
        data = self.cleaned_data
        if not data["text"].strip():
            return None
        first = data["line_start"]
        return {"text": data["text"].strip(), "kind": data["kind"], "actors": data["actors"],
                "line_span": [first, data["line_end"] or first]}


class ActorMapForm(forms.Form):
    """A new name as written, and the existing actor staff choose for it (or none: a new actor)."""

    name = forms.CharField(widget=forms.HiddenInput)
    actor = forms.TypedChoiceField(coerce=int, empty_value=None, required=False)

    def __init__(self, *args, actor_choices: list[tuple], **kwargs):
        super().__init__(*args, **kwargs)
        # One list for every row: a ModelChoiceField would query the actors once per new name.
        self.fields["actor"].choices = actor_choices


ActorMapFormSet = forms.formset_factory(ActorMapForm, extra=0)


class ReviewForm(forms.Form):
    """The review as opened: its revision, so that a stale page cannot overwrite newer edits."""

    revision = forms.IntegerField(widget=forms.HiddenInput)
