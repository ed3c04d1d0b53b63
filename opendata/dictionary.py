"""The data dictionary: every column of the CSV download, every field of the JSON download and of
the read API's recommendations, documented once.

The dictionary page (``/data/dictionary/``) and the Table Schema of ``/data/datapackage.json`` are
both rendered from ``FIELDS``; ``tests/test_opendata.py`` fails when a download or the API gains a
field that is not described here.
"""

from dataclasses import dataclass

from recommendations.models import RecommendationKind, Role, Status

LICENCE = {
    "name": "CC-BY-4.0",
    "title": "Creative Commons Attribution 4.0 International",
    "path": "https://creativecommons.org/licenses/by/4.0/",
}
# Table Schema's field types (https://specs.frictionlessdata.io/table-schema/#types-and-formats).
TABLE_SCHEMA_TYPES = {"string", "number", "integer", "boolean", "object", "array", "date", "datetime",
                      "year", "duration", "geopoint", "geojson", "any"}


@dataclass(frozen=True)
class Field:
    """One field of the downloads, under its CSV column name (the JSON key replaces spaces by ``_``)."""

    name: str
    type: str  # its Table Schema type in the CSV
    meaning: str
    values: tuple[str, ...] = ()  # the allowed values, when it is a vocabulary
    json_type: str = ""  # when the JSON download gives it another shape than the CSV
    csv_format: str = ""  # how the CSV writes a list or a yes/no
    required: bool = True  # never empty
    api: str | None = None  # its name in the API's recommendations, when it has one
    in_downloads: bool = True  # False: only the read API gives it

    @property
    def json_name(self) -> str:
        return self.name.replace(" ", "_")

    @property
    def shape_in_json(self) -> str:
        return self.json_type or self.type


def _values(choices) -> tuple[str, ...]:
    return tuple(value for value, _ in choices)


STATUSES, KINDS, ROLES = _values(Status.choices), _values(RecommendationKind.choices), _values(Role.choices)

FIELDS: tuple[Field, ...] = (
    Field("id", "integer", "The recommendation's number in the tracker; stable, and part of its page's URL.",
          api="id"),
    Field("url", "string", "The recommendation's public page: its wording, source passage and status history."),
    Field("text", "string", "The recommendation as the report words it (only OCR damage repaired). In the CSV, "
                            "a text starting with =, +, -, @ or a tab gets a leading ' so that a spreadsheet "
                            "shows it rather than running it as a formula.", api="text"),
    Field("dialogue", "string", "The title of the dialogue (meeting) that made the recommendation.",
          json_type="string (in the API: an object with id, slug, title and start_date)", api="dialogue"),
    Field("dialogue date", "date", "The day the dialogue started (YYYY-MM-DD)."),
    Field("document", "string", "The title of the report the recommendation is quoted from.",
          json_type="string (in the API: document_id, the report's id)", api="document_id"),
    Field("section", "string", "The heading of the report's section holding the recommendation; empty when "
                               "the report has none there.", required=False, api="section"),
    Field("line start", "integer", "The first line of the recommendation in the report's stored text (1-based).",
          api="line_start"),
    Field("line end", "integer", "The last line of the recommendation in the report's stored text.",
          api="line_end"),
    Field("theme", "string", "The name of the theme the recommendation belongs to; empty when it has none.",
          json_type="string (in the API: an object with slug and name, or null)", required=False, api="theme"),
    Field("priority issue number", "integer", "The number of the dialogue's priority issue the recommendation "
                                              "answers; empty when it answers none.",
          json_type="integer or null (in the API: an object with id, number and text)", required=False,
          api="priority_issue"),
    Field("actors", "string", "Who the recommendation is addressed to, each with a role: lead (responsible), "
                              "support (a partner it names) or addressee (asked, without a lead).",
          values=ROLES, json_type="array of objects with name and role (in the API also id and slug)",
          csv_format="Name (role); Name (role)", required=False, api="actors"),
    Field("countries", "string", "The countries the recommendation concerns, as ISO 3166 alpha-2 codes.",
          json_type="array of strings", csv_format="KH; LA", required=False, api="countries"),
    Field("status", "string", "The implementation status staff last recorded: "
                              + "; ".join(f"{value} ({label})" for value, label in Status.choices) + ".",
          values=STATUSES, api="status"),
    Field("status as of", "date", "The date the current status was reported for; empty when no status has been "
                                  "recorded yet. Today minus this date is how old the status information is.",
          required=False, api="status_as_of"),
    Field("kind", "string", "What the report makes of it: a recommendation, a commitment (the meeting's own "
                            "pledge) or a priority.", values=KINDS, api="kind"),
    Field("is summary", "boolean", "Whether the item summarises other recommendations of the same report "
                                   "(e.g. a key message repeating several of them).",
          csv_format="yes / no", api="is_summary"),
    Field("indicators", "string", "The names of the indicators measuring the recommendation's progress.",
          json_type="array of strings (in the API's detail: objects with their values)", csv_format="Name; Name",
          required=False, api="indicators"),
    Field("first raised id", "integer", "The id of the earliest recommendation in its chain of confirmed "
                                        "repeats: its own id when it was raised once."),
    Field("first raised date", "date", "When the ask was first raised: the date of its chain's first dialogue, "
                                       "else of its own.", api="standing_since"),
    Field("repetitions", "integer", "How often a later dialogue repeated it (confirmed repeats).",
          api="repetitions"),
    # Only the read API's recommendation detail gives these.
    Field("document object", "object", "The report the recommendation is quoted from: its id and title.",
          api="document", in_downloads=False),
    Field("sdg goals", "array", "The Sustainable Development Goals the recommendation serves (number and title).",
          api="sdg_goals", in_downloads=False, required=False),
    Field("status history", "array", "Every status update, newest first: status, as-of date, narrative and "
                                     "evidence (a URL or a document).", api="status_history", in_downloads=False,
          required=False),
    Field("repeats", "array", "For a summary item: the ids of the recommendations it repeats.", api="repeats",
          in_downloads=False, required=False),
    Field("summarised by", "array", "The ids of the summary items repeating this one.", api="summarised_by",
          in_downloads=False, required=False),
)

DOWNLOAD_FIELDS = tuple(field for field in FIELDS if field.in_downloads)


def table_schema() -> dict:
    """The Frictionless Table Schema of the CSV download: its columns in order, typed, with vocabularies."""
    fields = []
    for field in DOWNLOAD_FIELDS:
        entry = {"name": field.name, "type": field.type, "description": field.meaning}
        if field.type == "boolean":
            entry.update(trueValues=["yes"], falseValues=["no"])
        constraints = {}
        if field.required:
            constraints["required"] = True
        if field.values and not field.csv_format:  # a list column holds several values: no enum on the cell
            constraints["enum"] = list(field.values)
        if constraints:
            entry["constraints"] = constraints
        fields.append(entry)
    return {"fields": fields, "missingValues": [""], "primaryKey": ["id"]}


def data_package(*, csv_url: str, json_url: str, dictionary_url: str, about_url: str) -> dict:
    """A Frictionless Tabular Data Package describing the CSV download (and naming the JSON one)."""
    return {
        "profile": "tabular-data-package",
        "name": "dialogue-recommendations",
        "title": "Dialogue Recommendations Tracker: recommendations and their implementation status",
        "description": "Every public recommendation of the policy dialogues the tracker follows, with its "
                       f"source passage, actors and current status. Field meanings: {dictionary_url}; "
                       f"sources and quality: {about_url}. A download of a filtered list carries the list's "
                       "permalink in its Link and X-Query-Permalink headers and its time in Last-Modified.",
        "homepage": about_url,
        "licenses": [LICENCE],
        "resources": [
            {
                "name": "recommendations",
                "path": csv_url,
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "dialect": {"delimiter": ",", "quoteChar": '"', "header": True},
                "schema": table_schema(),
            },
            {
                "name": "recommendations-json",
                "path": json_url,
                "format": "json",
                "mediatype": "application/json",
                "encoding": "utf-8",
                "description": "The same rows as a JSON array of objects: keys are the CSV column names with "
                               "spaces replaced by underscores; actors, countries and indicators are arrays.",
            },
        ],
    }
