"""Database constraints reject what must never be stored."""

from datetime import date

import pytest
from django.db import IntegrityError, transaction

from actors.models import Actor, ActorAlias
from dialogues.models import Dialogue, PriorityIssue, SdgGoal
from recommendations.models import IndicatorValue, Recommendation, RecommendationCountry, Responsibility
from tests.factories import (
    make_actor,
    make_dialogue,
    make_document,
    make_indicator,
    make_priority_issue,
    make_recommendation,
    make_series,
    make_theme,
)

pytestmark = pytest.mark.django_db


def rejected(create) -> bool:
    """Return True if the database refuses the write ``create`` attempts."""
    try:
        with transaction.atomic():
            create()
    except IntegrityError:
        return True
    return False


def test_priority_issue_number_is_unique_within_dialogue_and_theme():
    issue = make_priority_issue(number=1)
    assert rejected(lambda: PriorityIssue.objects.create(
        dialogue=issue.dialogue, theme=issue.theme, number=1, text="Again"))


def test_same_priority_issue_number_allowed_under_another_theme():
    issue = make_priority_issue(number=1)
    PriorityIssue.objects.create(dialogue=issue.dialogue, theme=make_theme(), number=1, text="Other theme")
    assert PriorityIssue.objects.filter(dialogue=issue.dialogue, number=1).count() == 2


def test_priority_issue_number_must_be_positive():
    issue = make_priority_issue(number=1)
    assert rejected(lambda: PriorityIssue.objects.create(
        dialogue=issue.dialogue, theme=issue.theme, number=0, text="Zero"))


def test_one_indicator_value_per_indicator_period_and_kind():
    indicator = make_indicator()
    IndicatorValue.objects.create(indicator=indicator, period="2024", kind="target", value=90)
    assert rejected(lambda: IndicatorValue.objects.create(
        indicator=indicator, period="2024", kind="target", value=95))


def test_dialogue_cannot_end_before_it_starts():
    assert rejected(lambda: Dialogue.objects.create(
        title="Backwards", slug="backwards", kind="policy dialogue",
        start_date=date(2024, 5, 2), end_date=date(2024, 5, 1)))


def test_dialogue_slug_is_unique():
    make_dialogue(title="Same")
    existing = Dialogue.objects.get(title="Same")
    assert rejected(lambda: Dialogue.objects.create(
        title="Other", slug=existing.slug, kind="policy dialogue", start_date=date(2024, 1, 1)))


def test_edition_is_unique_within_a_series():
    series = make_series()
    make_dialogue(series=series, edition=4)
    assert rejected(lambda: make_dialogue(series=series, edition=4))


def test_actor_name_and_slug_are_unique():
    actor = make_actor(name="World Health Organization")
    assert rejected(lambda: Actor.objects.create(name="World Health Organization", slug="who-2"))
    assert rejected(lambda: Actor.objects.create(name="WHO again", slug=actor.slug))


def test_actor_cannot_be_its_own_parent():
    actor = make_actor()
    actor.parent_id = actor.pk
    assert rejected(lambda: actor.save())


def test_alias_is_unique_whatever_its_case_and_spacing():
    actor = make_actor()
    ActorAlias.objects.create(actor=actor, name="The MUSP")
    assert rejected(lambda: ActorAlias.objects.create(actor=make_actor(), name="musp"))


def test_recommendation_key_is_unique_within_its_document():
    rec = make_recommendation()
    assert rejected(lambda: Recommendation.objects.create(
        dialogue=rec.dialogue, document=rec.document, key=rec.key, text="Copy", line_start=1, line_end=1))


def test_recommendation_line_span_must_run_forwards():
    document = make_document()
    assert rejected(lambda: Recommendation.objects.create(
        dialogue=document.dialogue, document=document, key="x", text="Bad span", line_start=5, line_end=4))


def test_recommendation_status_must_be_known():
    document = make_document()
    assert rejected(lambda: Recommendation.objects.create(
        dialogue=document.dialogue, document=document, key="y", text="Odd", line_start=1, line_end=1,
        current_status="half done"))


def test_an_actor_is_responsible_once_per_recommendation():
    actor = make_actor()
    rec = make_recommendation(actors=[actor])
    assert rejected(lambda: Responsibility.objects.create(recommendation=rec, actor=actor, role="support"))


def test_a_country_is_listed_once_per_recommendation():
    rec = make_recommendation(countries=["KH"])
    assert rejected(lambda: RecommendationCountry.objects.create(recommendation=rec, country="KH"))


def test_an_actor_with_responsibilities_cannot_be_deleted():
    from django.db.models import ProtectedError

    actor = make_actor()
    make_recommendation(actors=[actor])
    with pytest.raises(ProtectedError):
        actor.delete()


def test_the_seventeen_sdg_goals_are_data():
    assert list(SdgGoal.objects.values_list("number", flat=True)) == list(range(1, 18))
    assert SdgGoal.objects.get(number=4).title == "Quality education"


def test_sdg_goal_number_must_lie_between_1_and_17():
    assert rejected(lambda: SdgGoal.objects.create(number=18, title="Not a goal"))


def test_every_model_has_a_readable_str():
    actor = make_actor(name="Ministry of Health", acronym="MOH")
    rec = make_recommendation(text="The Ministry of Health should act.", actors=[actor], countries=["LA"])
    assert str(actor) == "Ministry of Health (MOH)"
    assert str(rec) == "The Ministry of Health should act."
    assert str(rec.responsibilities.get()) == "Ministry of Health (Lead)"
    assert str(rec.countries.get()) == "Laos"
    assert str(rec.dialogue).endswith("(2024)")


def test_unpublished_dialogues_recommendations_are_not_published():
    visible = make_recommendation(dialogue=make_dialogue(published=True))
    make_recommendation(dialogue=make_dialogue(published=False))
    assert list(Recommendation.objects.published()) == [visible]


def test_actor_descendants_include_children_and_grandchildren():
    government = make_actor(name="Government of Lao PDR")
    ministry = make_actor(name="Ministry of Health of Lao PDR", parent=government)
    department = make_actor(name="Department of Planning", parent=ministry)
    make_actor(name="Unrelated")
    ids = Actor.objects.with_descendants(government)
    assert sorted(ids) == sorted([government.pk, ministry.pk, department.pk])
