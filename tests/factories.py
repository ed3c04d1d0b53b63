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
                  start_date: date = date(2024, 1, 22), kind: str = DialogueKind.POLICY_DIALOGUE,
                  country: str = "") -> Dialogue:
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
