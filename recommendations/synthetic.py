"""Synthetic data at scale: realistic, reproducible, inserted in bulk.

Used by ``manage.py generate_synthetic`` for benchmarks and load tests. Everything it creates
is marked: documents are named ``synthetic/...`` and actors' slugs start with ``syn-``.
"""

import random
from dataclasses import dataclass
from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from actors.models import Actor, ActorKind
from dialogues.models import Dialogue, DialogueSeries, Document, PriorityIssue, Theme
from recommendations.models import (
    DataVersion,
    Recommendation,
    RecommendationCountry,
    Responsibility,
    Role,
    Status,
    StatusUpdate,
)
from recommendations.services import update_search_vectors

SYNTHETIC_PREFIX = "synthetic/"
LIMITS = {"recommendations": 1_000_000, "actors": 100_000, "dialogues": 20_000}

THEMES = ["Education", "Labor", "Health", "Health workforce migration", "Social health protection",
          "Social protection", "Youth Engagement", "Climate resilience", "Digital economy", "Water security"]
COUNTRIES = ["KH", "LA", "MM", "TH", "VN", "ID", "PH", "MY", "MN", "BT", "NP", "LK", "BD", "FJ", "WS", "TL"]
SUBJECTS = ["Ministries of Health", "Ministries of Education", "International donors", "Governments",
            "Universities", "Private sector actors", "NGOs", "Legislators", "Regional bodies", "Development partners"]
VERBS = ["should strengthen", "should establish", "should fund", "should review", "should expand", "should monitor",
         "should harmonise", "should integrate", "should invest in", "should train", "should coordinate",
         "should evaluate", "should digitise", "should simplify", "should promote"]
OBJECTS = ["primary health care", "teacher training", "vaccine supply chains", "labour migration channels",
           "social protection floors", "health worker retention", "rural clinics", "vocational education",
           "data collection standards", "gender-disaggregated statistics", "curriculum review",
           "public-private partnerships", "universal health coverage", "skills recognition", "emergency preparedness",
           "mental health services", "digital literacy", "climate adaptation", "water sanitation",
           "maternal health", "immunisation coverage", "pension systems", "unemployment insurance",
           "disability benefits", "child nutrition"]
QUALIFIERS = ["in border provinces", "for women and girls", "across the Mekong sub-region", "with ASEAN partners",
              "through regional networks", "for migrant workers", "in remote districts", "for ethnic minorities",
              "by 2030", "with dedicated budget lines", "using open data", "with community participation"]
ACTOR_WORDS = ["Health", "Education", "Labour", "Finance", "Planning", "Social Welfare", "Foreign Affairs",
               "Agriculture", "Information", "Statistics", "Interior", "Public Works"]
NARRATIVES = ["A working group was formed.", "Budget was allocated in the annual plan.",
              "The ministry reported partial roll-out.", "No action reported this period.",
              "A decree was adopted.", "Pilot completed in two provinces."]
STATUS_PATH = [Status.NOT_STARTED, Status.IN_PROGRESS, Status.PARTIALLY_IMPLEMENTED, Status.IMPLEMENTED]


@dataclass
class SyntheticSize:
    recommendations: int
    actors: int
    dialogues: int
    seed: int = 1


def refuse_reason(size: SyntheticSize, *, force: bool) -> str:
    """Return why this generation must not run, or "" if it may."""
    for name, limit in LIMITS.items():
        value = getattr(size, name)
        if value < 1:
            return f"--{name} must be at least 1 (got {value})."
        if value > limit:
            return f"--{name} {value} is absurd: at most {limit:,} (nothing was written)."
    if size.actors < 2:
        return "--actors must be at least 2."
    real = Document.objects.exclude(source_name__startswith=SYNTHETIC_PREFIX).exists()
    if real and not force:
        return ("This database holds real (non-synthetic) documents; refusing to mix synthetic data in. "
                "Use --force to add it anyway. Nothing was written.")
    return ""


@transaction.atomic
def generate(size: SyntheticSize) -> dict[str, int]:
    """Create dialogues, actors, recommendations, responsibilities and status histories in bulk."""
    rng = random.Random(size.seed)
    run = f"{size.seed}-{Document.objects.filter(source_name__startswith=SYNTHETIC_PREFIX).count()}"
    themes = [Theme.objects.get_or_create(name=name, defaults={"slug": name.lower().replace(" ", "-")})[0]
              for name in THEMES]
    series = [DialogueSeries.objects.get_or_create(name=f"Synthetic dialogue series {i + 1}",
                                                   defaults={"slug": f"syn-series-{run}-{i + 1}"})[0]
              for i in range(max(1, size.dialogues // 10))]
    actors = _actors(rng, size.actors, run)
    dialogues, documents = _dialogues(rng, size.dialogues, series, run)
    issues = _issues(rng, dialogues, themes)
    recs, counts = _recommendations(rng, size.recommendations, documents, issues, actors)
    update_search_vectors(Recommendation.objects.filter(document__in=documents))
    DataVersion.objects.bump()
    return {"dialogues": len(dialogues), "actors": len(actors), "recommendations": len(recs), **counts}


def _actors(rng, count, run) -> list[Actor]:
    governments = max(1, count // 20)
    tops = Actor.objects.bulk_create([
        Actor(name=f"Government of {COUNTRIES[i % len(COUNTRIES)]} ({i + 1}) [{run}]", slug=f"syn-{run}-{i + 1}",
              kind=ActorKind.GOVERNMENT, country=COUNTRIES[i % len(COUNTRIES)], acronym=f"SA{i + 1}")
        for i in range(governments)], batch_size=2000)
    kinds = [ActorKind.MINISTRY, ActorKind.MINISTRY, ActorKind.DONOR, ActorKind.NGO, ActorKind.UNIVERSITY,
             ActorKind.UN_AGENCY, ActorKind.GROUP]
    # A hierarchy: ministries and agencies sit under a government.
    rest = Actor.objects.bulk_create([
        Actor(name=f"Ministry of {ACTOR_WORDS[i % len(ACTOR_WORDS)]} {COUNTRIES[i % len(COUNTRIES)]}-{i + 1} [{run}]",
              slug=f"syn-{run}-{i + 1}", kind=rng.choice(kinds), country=COUNTRIES[i % len(COUNTRIES)],
              acronym=f"SA{i + 1}", parent=tops[rng.randrange(governments)])
        for i in range(governments, count)], batch_size=2000)
    return tops + rest


def _dialogues(rng, count, series, run):
    dialogues = Dialogue.objects.bulk_create([
        Dialogue(title=f"Synthetic policy dialogue {i + 1}", slug=f"syn-dialogue-{run}-{i + 1}",
                 kind="policy dialogue", start_date=date(2015, 1, 1) + timedelta(days=rng.randrange(3650)),
                 series=series[i % len(series)], edition=None, country=rng.choice(COUNTRIES),
                 place="Synthetic City", participation={"participants": rng.randrange(20, 300)})
        for i in range(count)], batch_size=2000)
    documents = Document.objects.bulk_create([
        Document(dialogue=d, title=f"{d.title} — summary report", kind="summary report",
                 source_name=f"{SYNTHETIC_PREFIX}{run}/{d.slug}.txt", checksum="0" * 64,
                 text="\n".join(f"Synthetic line {n}." for n in range(1, 41)))
        for d in dialogues], batch_size=2000)
    return dialogues, documents


def _issues(rng, dialogues, themes):
    objs = []
    for d in dialogues:
        for theme in rng.sample(themes, 3):
            objs.extend(PriorityIssue(dialogue=d, theme=theme, number=n, text=_sentence(rng, "There is a gap in"))
                        for n in range(1, 4))
    return PriorityIssue.objects.bulk_create(objs, batch_size=5000)


def _sentence(rng, lead: str) -> str:
    return f"{lead} {rng.choice(OBJECTS)} {rng.choice(QUALIFIERS)}."


def _recommendations(rng, count, documents, issues, actors):
    """Create the recommendations with their final status and search text, then their relations."""
    by_dialogue: dict[int, list[PriorityIssue]] = {}
    for issue in issues:
        by_dialogue.setdefault(issue.dialogue_id, []).append(issue)
    star = actors[min(len(actors) - 1, len(actors) // 20)]  # one actor with about 2% of everything
    today = timezone.localdate()
    recs, plans = [], []
    for i in range(count):
        document = documents[i % len(documents)]
        issue = rng.choice(by_dialogue[document.dialogue_id])
        text = (f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)} {rng.choice(QUALIFIERS)}, "
                f"and {rng.choice(VERBS).replace('should ', '')} {rng.choice(OBJECTS)}.")
        chosen = {a.pk: a for a in rng.sample(actors, min(len(actors), rng.randint(1, 4)))}
        if i % 50 == 0:
            chosen[star.pk] = star
        history, as_of = [], date(2019, 1, 1) + timedelta(days=rng.randrange(1500))
        for step in range(rng.randint(0, 4)):
            status = STATUS_PATH[min(step, len(STATUS_PATH) - 1)] if rng.random() > 0.1 else Status.SUPERSEDED
            history.append((status, min(as_of, today)))
            as_of += timedelta(days=rng.randrange(30, 400))
        line = 1 + (i // len(documents)) % 38
        recs.append(Recommendation(
            dialogue_id=document.dialogue_id, document=document, key=f"syn-{i + 1}", text=text,
            theme_id=issue.theme_id, priority_issue=issue, section="PRIORITY ISSUES AND POLICY RECOMMENDATIONS",
            line_start=line, line_end=line + 1,
            search_text=f"{text} {' '.join(a.name for a in chosen.values())}",
            current_status=history[-1][0] if history else Status.NO_INFORMATION,
            status_as_of=history[-1][1] if history else None))
        plans.append((list(chosen), rng.sample(COUNTRIES, rng.randint(0, 3)), history))
    recs = Recommendation.objects.bulk_create(recs, batch_size=5000)
    resp, countries, updates = [], [], []
    for rec, (actor_ids, codes, history) in zip(recs, plans):
        resp.extend(Responsibility(recommendation_id=rec.pk, actor_id=actor_id,
                                   role=Role.LEAD if n == 0 else Role.SUPPORT) for n, actor_id in enumerate(actor_ids))
        countries.extend(RecommendationCountry(recommendation_id=rec.pk, country=code) for code in codes)
        updates.extend(StatusUpdate(recommendation_id=rec.pk, status=status, as_of=as_of,
                                    narrative=rng.choice(NARRATIVES), evidence_url="https://example.org/evidence")
                       for status, as_of in history)
    Responsibility.objects.bulk_create(resp, batch_size=10000)
    RecommendationCountry.objects.bulk_create(countries, batch_size=10000)
    StatusUpdate.objects.bulk_create(updates, batch_size=10000)
    return recs, {"responsibilities": len(resp), "countries": len(countries), "status updates": len(updates)}
