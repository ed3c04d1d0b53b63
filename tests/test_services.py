"""Recording status: the current status follows the newest update; bad updates change nothing."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from actors.models import Actor, ActorAlias
from actors.services import merge_actors
from recommendations.models import Recommendation, Responsibility, Status, StatusUpdate
from recommendations.services import StaleEdit, record_status_update, record_status_updates, save_recommendation_edit
from tests.factories import make_actor, make_dialogue, make_recommendation, make_staff

pytestmark = pytest.mark.django_db


def test_an_update_sets_the_current_status_and_date():
    rec = make_recommendation()
    record_status_update(recommendation=rec, status=Status.IN_PROGRESS, as_of=date(2024, 6, 1),
                         narrative="Begun", recorded_by=make_staff())
    rec.refresh_from_db()
    assert (rec.current_status, rec.status_as_of) == (Status.IN_PROGRESS, date(2024, 6, 1))


def test_backdated_update_keeps_current_status():
    rec = make_recommendation(current_status=Status.IN_PROGRESS, status_as_of=date(2024, 6, 1))
    record_status_update(recommendation=rec, status=Status.NOT_STARTED, as_of=date(2024, 1, 1),
                         narrative="Earlier report", recorded_by=make_staff())
    rec.refresh_from_db()
    assert rec.current_status == Status.IN_PROGRESS
    assert rec.status_updates.get().status == Status.NOT_STARTED


def test_an_update_bumps_the_version_for_optimistic_locking():
    rec = make_recommendation()
    record_status_update(recommendation=rec, status=Status.IN_PROGRESS, as_of=date(2024, 6, 1))
    rec.refresh_from_db()
    assert rec.version == 2


def test_future_dated_update_is_refused_and_nothing_saved():
    rec = make_recommendation()
    with pytest.raises(ValidationError) as excinfo:
        record_status_update(recommendation=rec, status=Status.IN_PROGRESS,
                             as_of=timezone.localdate() + timedelta(days=1))
    assert "future" in str(excinfo.value)
    rec.refresh_from_db()
    assert rec.current_status == Status.NO_INFORMATION and not StatusUpdate.objects.exists()


def test_unknown_status_is_refused_and_nothing_saved():
    rec = make_recommendation()
    with pytest.raises(ValidationError) as excinfo:
        record_status_update(recommendation=rec, status="half done", as_of=date(2024, 1, 1))
    assert "half done" in str(excinfo.value)
    assert not StatusUpdate.objects.exists()


def test_evidence_link_that_is_not_http_is_refused_and_nothing_saved():
    rec = make_recommendation()
    with pytest.raises(ValidationError) as excinfo:
        record_status_update(recommendation=rec, status=Status.IMPLEMENTED, as_of=date(2024, 1, 1),
                             evidence_url="javascript:alert(1)")
    assert "http" in str(excinfo.value)
    assert not StatusUpdate.objects.exists()


def test_bulk_update_with_nothing_selected_is_refused():
    with pytest.raises(ValidationError) as excinfo:
        record_status_updates(recommendations=[], status=Status.IN_PROGRESS, as_of=date(2024, 1, 1))
    assert "at least one" in str(excinfo.value)


def test_bulk_update_is_all_or_nothing():
    recs = [make_recommendation() for _ in range(3)]
    Recommendation.objects.filter(pk=recs[2].pk).delete()  # one vanishes before the update lands
    with pytest.raises(Recommendation.DoesNotExist):
        record_status_updates(recommendations=recs, status=Status.IN_PROGRESS, as_of=date(2024, 1, 1))
    assert not StatusUpdate.objects.exists()
    assert set(Recommendation.objects.values_list("current_status", flat=True)) == {Status.NO_INFORMATION}


def test_stale_edit_is_refused():
    rec = make_recommendation(text="Original wording.")
    opened = Recommendation.objects.get(pk=rec.pk)
    record_status_update(recommendation=rec, status=Status.IN_PROGRESS, as_of=date(2024, 1, 1))
    opened.text = "My edit."
    with pytest.raises(StaleEdit):
        save_recommendation_edit(recommendation=opened, seen_version=opened.version)
    rec.refresh_from_db()
    assert rec.text == "Original wording."


def test_needing_update_lists_open_recommendations_without_recent_news():
    old = make_recommendation(current_status=Status.IN_PROGRESS, status_as_of=date(2020, 1, 1))
    never = make_recommendation()
    make_recommendation(current_status=Status.IN_PROGRESS, status_as_of=timezone.localdate())
    make_recommendation(current_status=Status.IMPLEMENTED, status_as_of=date(2020, 1, 1))
    assert set(Recommendation.objects.needing_update(180)) == {old, never}


def test_merging_actors_moves_responsibilities_and_keeps_the_name_as_alias():
    keep = make_actor(name="Mekong-U.S. Partnership", acronym="MUSP")
    dup = make_actor(name="Mekong US Partnership", needs_review=True, acronym="MUSP2")
    dup.aliases.create(name="Mekong-US Partnership")
    rec_both = make_recommendation(actors=[keep, dup])
    rec_dup = make_recommendation(actors=[dup])
    child = make_actor(name="MUSP secretariat", parent=dup)
    dialogue = make_dialogue()
    dialogue.organisers.add(dup)

    merge_actors(into=keep, others=[dup])

    assert not Actor.objects.filter(pk=dup.pk).exists()
    assert list(rec_both.responsibilities.values_list("actor", flat=True)) == [keep.pk]
    assert list(rec_dup.responsibilities.values_list("actor", flat=True)) == [keep.pk]
    # "Mekong US Partnership" compares equal to the alias "Mekong-US Partnership": one alias covers both.
    assert set(ActorAlias.objects.filter(actor=keep).values_list("name", flat=True)) == {
        "Mekong-US Partnership", "MUSP2"}
    child.refresh_from_db()
    assert child.parent == keep
    assert list(dialogue.organisers.all()) == [keep]
    assert Responsibility.objects.count() == 2


def test_merging_an_actor_into_itself_is_refused():
    actor = make_actor()
    with pytest.raises(ValidationError):
        merge_actors(into=actor, others=[actor])
