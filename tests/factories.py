"""Factory functions for tests: keyword-only, defaulted, each returning a saved object."""

import itertools
from datetime import date

from django.contrib.auth import get_user_model
from django.utils.text import slugify

from actors.models import Actor, ActorKind
from dialogues.models import (
    Dialogue,
    DialogueKind,
    DialogueSeries,
    Document,
    DocumentKind,
    PriorityIssue,
    Theme,
)
from recommendations.models import (
    Indicator,
    Recommendation,
    RecommendationCountry,
    Responsibility,
    Role,
    Status,
    StatusUpdate,
)

_seq = itertools.count(1)


def make_series(*, name: str | None = None) -> DialogueSeries:
    name = name or f"Dialogue series {next(_seq)}"
    return DialogueSeries.objects.create(name=name, slug=slugify(name))


def make_dialogue(*, title: str | None = None, published: bool = True, series=None, edition=None,
                  start_date: date = date(2024, 1, 1), kind: str = DialogueKind.POLICY_DIALOGUE,
                  country: str = "") -> Dialogue:
    # New Year's Day: tests date status updates from it on, and none may predate its dialogue.
    n = next(_seq)
    title = title or f"Policy dialogue {n}"
    return Dialogue.objects.create(title=title, slug=f"{slugify(title)[:200]}-{n}", kind=kind,
                                   start_date=start_date, published=published, series=series,
                                   edition=edition, country=country)


def make_document(*, dialogue: Dialogue | None = None, text: str = "Line one\nLine two\nLine three\n",
                  title: str | None = None) -> Document:
    n = next(_seq)
    dialogue = dialogue or make_dialogue()
    return Document.objects.create(dialogue=dialogue, title=title or f"Report {n}",
                                   kind=DocumentKind.SUMMARY_REPORT, source_name=f"report-{n}.txt",
                                   checksum="0" * 64, text=text)


def make_theme(*, name: str | None = None) -> Theme:
    name = name or f"Theme {next(_seq)}"
    theme, _ = Theme.objects.get_or_create(name=name, defaults={"slug": slugify(name)})
    return theme


def make_priority_issue(*, dialogue: Dialogue | None = None, theme: Theme | None = None,
                        number: int = 1, text: str = "A priority issue.") -> PriorityIssue:
    return PriorityIssue.objects.create(dialogue=dialogue or make_dialogue(), theme=theme or make_theme(),
                                        number=number, text=text)


def make_actor(*, name: str | None = None, kind: str = ActorKind.MINISTRY, parent: Actor | None = None,
               acronym: str = "", country: str = "", needs_review: bool = False) -> Actor:
    n = next(_seq)
    name = name or f"Actor {n}"
    return Actor.objects.create(name=name, slug=f"{slugify(name)[:200]}-{n}", kind=kind, parent=parent,
                                acronym=acronym, country=country, needs_review=needs_review)


def make_recommendation(*, document: Document | None = None, dialogue: Dialogue | None = None,
                        text: str | None = None, theme: Theme | None = None, priority_issue=None,
                        actors: list[Actor] = (), countries: list[str] = (),
                        current_status: str = Status.NO_INFORMATION, status_as_of: date | None = None,
                        section: str = "Recommendations", line_start: int = 1, line_end: int = 2
                        ) -> Recommendation:
    n = next(_seq)
    if document is None:
        document = make_document(dialogue=dialogue)
    text = text or f"Ministries should act on matter number {n}."
    rec = Recommendation.objects.create(
        dialogue=document.dialogue, document=document, key=f"rec-{n}", text=text, theme=theme,
        priority_issue=priority_issue, section=section, line_start=line_start, line_end=line_end,
        current_status=current_status, status_as_of=status_as_of, search_text=text)
    for actor in actors:
        Responsibility.objects.create(recommendation=rec, actor=actor, role=Role.LEAD)
    for code in countries:
        RecommendationCountry.objects.create(recommendation=rec, country=code)
    return rec


def make_recommendations(count: int, *, actors_each: int = 2, **kwargs) -> list[Recommendation]:
    document = kwargs.pop("document", None) or make_document()
    theme = kwargs.pop("theme", None) or make_theme()
    return [make_recommendation(document=document, theme=theme,
                                actors=[make_actor() for _ in range(actors_each)],
                                countries=["KH", "LA"], **kwargs) for _ in range(count)]


def make_status_update(*, recommendation: Recommendation, status: str = Status.IN_PROGRESS,
                       as_of: date = date(2024, 6, 1), narrative: str = "Work has begun.",
                       evidence_url: str = "", recorded_by=None) -> StatusUpdate:
    return StatusUpdate.objects.create(recommendation=recommendation, status=status, as_of=as_of,
                                       narrative=narrative, evidence_url=evidence_url,
                                       recorded_by=recorded_by)


def make_staff(*, username: str | None = None, superuser: bool = False, password: str = "correct-horse-1"):
    User = get_user_model()
    username = username or f"staff{next(_seq)}"
    if superuser:
        return User.objects.create_superuser(username=username, email=f"{username}@example.org",
                                             password=password)
    return User.objects.create_user(username=username, password=password, is_staff=True)


def make_indicator(*, dialogue: Dialogue | None = None, name: str | None = None, unit: str = "%",
                   direction: str = "higher") -> Indicator:
    n = next(_seq)
    name = name or f"Indicator {n}"
    return Indicator.objects.create(dialogue=dialogue or make_dialogue(), name=name,
                                    slug=f"{slugify(name)[:200]}-{n}", unit=unit, direction=direction)


# --- Public portal: aliases, indicator values and a small published world -------------------------

def make_alias(*, actor: Actor, name: str):
    from actors.models import ActorAlias

    return ActorAlias.objects.create(actor=actor, name=name)


def make_indicator_value(*, indicator: Indicator, period: str = "2024", kind: str = "target",
                         value=None, raw: str = ""):
    from recommendations.models import IndicatorValue

    return IndicatorValue.objects.create(indicator=indicator, period=period, kind=kind, value=value, raw=raw)


PORTAL_TEXT = "\n".join([
    "SUMMARY REPORT",
    "",
    "HEALTH",
    "Priority issue 1: health workers leave for better pay abroad.",
    "",
    "- Ministries of Health should fund retention bonuses for rural nurses.",
    "- The WHO should update the safeguard list every two years.",
    "",
    "EDUCATION",
    "- Ministries of Education should mandate soft skills in the curriculum.",
    "- =HYPERLINK(\"http://evil.example\") Donors should fund teacher training.",
    "",
    "CLOSING",
    "Thanks to all participants.",
])


def make_portal_world() -> dict:
    """A small published world (and one draft) covering every public page.

    Returns the objects by name so tests can reach them.
    """
    from dialogues.models import SdgGoal

    series = make_series(name="Mekong Policy Dialogues")
    dialogue = make_dialogue(title="Human Resources Dialogue", series=series, edition=4, country="KH",
                             start_date=date(2022, 7, 21))
    dialogue.participation = {"participants": 62, "online": 22, "by sector": {"government": "14%"}}
    dialogue.save()
    document = make_document(dialogue=dialogue, text=PORTAL_TEXT, title="Summary report")
    health, education = make_theme(name="Health"), make_theme(name="Education")
    issue = make_priority_issue(dialogue=dialogue, theme=health, number=1,
                                text="Health workers leave for better pay abroad.")
    government = make_actor(name="Government of Cambodia", kind=ActorKind.GOVERNMENT, country="KH")
    moh = make_actor(name="Ministry of Health", parent=government, country="KH", acronym="MOH")
    who = make_actor(name="World Health Organization", kind=ActorKind.UN_AGENCY, acronym="WHO")
    moe = make_actor(name="Ministries of Education", kind=ActorKind.GROUP)
    donors = make_actor(name="International donors", kind=ActorKind.DONOR)
    make_alias(actor=who, name="WHO")
    nurses = make_recommendation(document=document, theme=health, priority_issue=issue, actors=[moh],
                                 countries=["KH", "LA"], line_start=6, line_end=6,
                                 text="Ministries of Health should fund retention bonuses for rural nurses.",
                                 current_status=Status.IN_PROGRESS, status_as_of=date(2024, 3, 1))
    safeguard = make_recommendation(document=document, theme=health, priority_issue=issue, actors=[who],
                                    countries=["TH"], line_start=7, line_end=7,
                                    text="The WHO should update the safeguard list every two years.")
    skills = make_recommendation(document=document, theme=education, actors=[moe], countries=["KH"],
                                 line_start=10, line_end=10,
                                 text="Ministries of Education should mandate soft skills in the curriculum.",
                                 current_status=Status.IMPLEMENTED, status_as_of=date(2024, 5, 1))
    formula = make_recommendation(document=document, theme=education, actors=[donors], line_start=11,
                                  line_end=11, text='=HYPERLINK("http://evil.example") Donors should fund '
                                                    "teacher training.")
    skills.sdg_goals.add(SdgGoal.objects.get_or_create(number=4, defaults={"title": "Quality education"})[0])
    summary = make_recommendation(document=document, theme=health, actors=[moh, who], line_start=4,
                                  line_end=4, text="Health workforce retention needs money and data.")
    summary.is_summary = True
    summary.save()
    summary.repeats.add(nurses, safeguard)
    staff = make_staff(username="secret-staffer")
    update = make_status_update(recommendation=nurses, status=Status.IN_PROGRESS, as_of=date(2024, 3, 1),
                                narrative="Bonuses piloted in two provinces.",
                                evidence_url="https://example.org/evidence", recorded_by=staff)
    make_status_update(recommendation=skills, status=Status.IMPLEMENTED, as_of=date(2024, 5, 1),
                       narrative="Curriculum decree signed.", recorded_by=staff)
    indicator = make_indicator(dialogue=dialogue, name="Penta 3 immunisation rate")
    make_indicator_value(indicator=indicator, period="2024", kind="target", value=95, raw="95%")
    make_indicator_value(indicator=indicator, period="2024", kind="result", value=80, raw="80%")

    draft = make_dialogue(title="Secret Draft Dialogue", published=False, country="VN")
    draft_document = make_document(dialogue=draft, text="Draft line one\nDraft line two\n", title="Draft report")
    secret_theme = make_theme(name="Secret theme")
    secret_actor = make_actor(name="Secret Actor Agency", kind=ActorKind.NGO, country="VN")
    secret = make_recommendation(document=draft_document, theme=secret_theme, actors=[secret_actor],
                                 countries=["VN"], text="Secret draft recommendation about zebras.",
                                 current_status=Status.NOT_STARTED)
    make_status_update(recommendation=secret, status=Status.NOT_STARTED, as_of=date(2024, 2, 1),
                       narrative="Secret draft narrative.")
    draft_indicator = make_indicator(dialogue=draft, name="Secret indicator")
    from recommendations.services import refresh_all_search_index

    refresh_all_search_index()  # search_text and, on PostgreSQL, the tsvector
    return {
        "series": series, "dialogue": dialogue, "document": document, "health": health,
        "education": education, "issue": issue, "government": government, "moh": moh, "who": who,
        "moe": moe, "donors": donors, "nurses": nurses, "safeguard": safeguard, "skills": skills,
        "formula": formula, "summary": summary, "update": update, "indicator": indicator, "staff": staff,
        "draft": draft, "draft_document": draft_document, "secret_theme": secret_theme,
        "secret_actor": secret_actor, "secret": secret, "draft_indicator": draft_indicator,
    }
