"""The secretariat's desk: admin filters offering what exists, merges shown and refused, copies of
loaded reports, and status updates that cannot belong to their recommendation."""

import hashlib
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from actors.models import Actor, ActorAlias
from actors.services import merge_actors
from dialogues.models import Document
from recommendations.models import Recommendation, Responsibility, Status, StatusUpdate
from recommendations.services import record_status_update
from tests.factories import (
    make_actor,
    make_alias,
    make_dialogue,
    make_document,
    make_priority_issue,
    make_recommendation,
    make_theme,
)
from tests.test_load_documents import copy_seed, load, snapshot
from tests.test_report_import import REPORT_BYTES, counts, upload
from tests.test_secretariat import change_form_data, staff_in

pytestmark = pytest.mark.django_db

ACTORS = "admin:actors_actor_changelist"
RECOMMENDATIONS = "admin:recommendations_recommendation_changelist"


def filter_choices(response, title: str) -> list[str]:
    """The labels a changelist's filter offers, "All" left out."""
    spec = next(spec for spec in response.context["cl"].filter_specs if str(spec.title).lower() == title.lower())
    return [str(choice["display"]) for choice in spec.choices(response.context["cl"])][1:]


# --- filters that offer only what exists -----------------------------------------------------------

def test_actor_country_filter_lists_only_countries_with_actors(client):
    make_actor(country="KH")
    make_actor(country="LA")
    make_actor()
    client.force_login(staff_in("Reviewer"))
    response = client.get(reverse(ACTORS))
    assert filter_choices(response, "Country") == ["Cambodia", "Laos"]


def test_actor_country_filter_narrows_the_list(client):
    make_actor(name="Cambodian Ministry", country="KH")
    make_actor(name="Lao Ministry", country="LA")
    client.force_login(staff_in("Reviewer"))
    body = client.get(reverse(ACTORS), {"country": "KH"}).content.decode()
    assert "Cambodian Ministry" in body and "Lao Ministry" not in body


def test_recommendation_theme_filter_lists_only_themes_with_recommendations(client):
    make_recommendation(theme=make_theme(name="Health"))
    make_theme(name="Fisheries")
    client.force_login(staff_in("Reviewer"))
    # "-": the recommendations without a theme.
    assert filter_choices(client.get(reverse(RECOMMENDATIONS)), "theme") == ["Health", "-"]


def test_recommendation_priority_issue_filter_lists_only_issues_with_recommendations(client):
    dialogue = make_dialogue()
    health = make_theme(name="Health")
    used = make_priority_issue(dialogue=dialogue, theme=health, number=1, text="Nurses leave.")
    make_priority_issue(dialogue=dialogue, theme=health, number=2, text="Clinics close.")
    rec = make_recommendation(dialogue=dialogue, theme=health, priority_issue=used)
    client.force_login(staff_in("Reviewer"))
    response = client.get(reverse(RECOMMENDATIONS))
    assert filter_choices(response, "priority issue") == ["Health 1: Nurses leave.", "-"]
    listed = client.get(reverse(RECOMMENDATIONS), {"priority_issue__id__exact": used.pk}).context["cl"].result_list
    assert list(listed) == [rec]


def test_recommendation_country_filter_lists_only_countries_with_recommendations(client):
    make_recommendation(countries=["VN"])
    client.force_login(staff_in("Reviewer"))
    assert filter_choices(client.get(reverse(RECOMMENDATIONS)), "Country") == ["Vietnam"]


def test_actor_changelist_queries_do_not_grow_with_rows(client, django_assert_max_num_queries):
    parent = make_actor(country="TH")
    for n in range(30):
        make_actor(country=["KH", "LA", "VN"][n % 3], parent=parent)
    client.force_login(staff_in("Reviewer"))
    with django_assert_max_num_queries(10):
        assert client.get(reverse(ACTORS)).status_code == 200


def test_recommendation_changelist_queries_do_not_grow_with_rows(client, django_assert_max_num_queries):
    for _ in range(30):
        dialogue = make_dialogue()
        theme = make_theme()
        make_recommendation(dialogue=dialogue, theme=theme, actors=[make_actor()], countries=["KH"],
                            priority_issue=make_priority_issue(dialogue=dialogue, theme=theme))
    client.force_login(staff_in("Reviewer"))
    with django_assert_max_num_queries(14):
        assert client.get(reverse(RECOMMENDATIONS)).status_code == 200


# --- merging actors --------------------------------------------------------------------------------

def merge_post(client, actors, into=None, apply=True):
    data = {"action": "merge_selected_actors", "_selected_action": [a.pk for a in actors]}
    if apply:
        data.update(apply="1", into=(into or actors[0]).pk)
    return client.post(reverse(ACTORS), data, follow=True)


def actor_rows() -> dict:
    return {
        "actors": sorted(Actor.objects.values_list("pk", "name", "parent_id")),
        "aliases": sorted(ActorAlias.objects.values_list("name", "actor_id")),
        "responsibilities": sorted(Responsibility.objects.values_list("recommendation_id", "actor_id")),
    }


def test_merge_confirmation_shows_each_actors_recommendation_count_and_aliases(client):
    who = make_actor(name="World Health Organization")
    make_alias(actor=who, name="OMS")
    dup = make_actor(name="W.H.O.")
    make_alias(actor=dup, name="WHO Geneva")
    make_alias(actor=dup, name="World Health Org.")
    for _ in range(3):
        make_recommendation(actors=[dup])
    make_recommendation(actors=[who, dup])
    client.force_login(staff_in("Secretariat"))
    response = merge_post(client, [who, dup], apply=False)
    shown = {actor.name: (actor.n_recommendations, [a.name for a in actor.aliases.all()])
             for actor in response.context["actors"]}
    assert shown == {"World Health Organization": (1, ["OMS"]),
                     "W.H.O.": (4, ["WHO Geneva", "World Health Org."])}
    body = response.content.decode()
    assert "<td>W.H.O.</td><td>—</td><td>4</td>" in body and "WHO Geneva; World Health Org." in body
    assert Actor.objects.filter(pk=dup.pk).exists()


def test_merge_confirmation_queries_do_not_grow_with_actors(client, django_assert_max_num_queries):
    actors = [make_actor(parent=make_actor()) for _ in range(20)]
    for actor in actors:
        make_alias(actor=actor, name=f"{actor.name} alias")
        make_recommendation(actors=[actor])
    client.force_login(staff_in("Secretariat"))
    with django_assert_max_num_queries(12):
        assert merge_post(client, actors, apply=False).status_code == 200


def test_merging_an_actor_into_itself_is_refused_in_the_admin(client):
    actor = make_actor(name="Ministry of Health")
    make_recommendation(actors=[actor])
    before = actor_rows()
    client.force_login(staff_in("Secretariat"))
    response = merge_post(client, [actor, actor], into=actor)
    assert "an actor cannot be merged into itself. Nothing was merged." in response.content.decode()
    assert actor_rows() == before


def test_merging_an_actor_into_itself_is_refused_by_the_service():
    actor = make_actor(name="Ministry of Health")
    with pytest.raises(ValidationError, match="“Ministry of Health” cannot be merged into itself"):
        merge_actors(into=actor, others=[actor])


def test_merging_an_actor_into_its_own_sub_actor_is_refused_in_the_admin(client):
    ministry = make_actor(name="Ministry of Health")
    department = make_actor(name="Department of Nursing", parent=ministry)
    make_recommendation(actors=[ministry])
    make_alias(actor=ministry, name="MoH")
    before = actor_rows()
    client.force_login(staff_in("Secretariat"))
    response = merge_post(client, [ministry, department], into=department)
    assert ("“Department of Nursing” is a sub-actor of “Ministry of Health”: an actor cannot be merged into "
            "its own sub-actor.") in response.content.decode()
    assert "Nothing was merged." in response.content.decode()
    assert actor_rows() == before


def test_merging_an_actor_into_a_sub_actor_further_down_is_refused():
    ministry = make_actor(name="Ministry of Health")
    department = make_actor(name="Department of Nursing", parent=ministry)
    unit = make_actor(name="Rural Nursing Unit", parent=department)
    before = actor_rows()
    with pytest.raises(ValidationError, match="“Rural Nursing Unit” is a sub-actor of “Ministry of Health”"):
        merge_actors(into=unit, others=[ministry])
    assert actor_rows() == before


def test_merging_a_sub_actor_into_its_parent_still_works():
    ministry = make_actor(name="Ministry of Health")
    department = make_actor(name="Department of Nursing", parent=ministry)
    merge_actors(into=ministry, others=[department])
    assert list(Actor.objects.values_list("name", flat=True)) == ["Ministry of Health"]


# --- an exact copy of a loaded report --------------------------------------------------------------

def test_dry_run_of_an_exact_copy_names_the_loaded_document(tmp_path):
    (tmp_path / "first").mkdir()
    original = copy_seed(tmp_path / "first")
    load(original)
    document = Document.objects.get()
    copy = copy_seed(tmp_path, name="the-same-report.txt")
    out = load(copy, dry_run=True)
    assert (f"the-same-report.txt: unchanged: the same file as the document “{document.title}” "
            f"({original.name}) of the dialogue “{document.dialogue.title}”, loaded already; nothing loaded") in out
    assert "0 new, 0 updated, 1 unchanged" in out


def test_loading_an_exact_copy_changes_nothing(tmp_path):
    (tmp_path / "first").mkdir()
    load(copy_seed(tmp_path / "first"))
    before = snapshot()
    out = load(copy_seed(tmp_path, name="the-same-report.txt"))
    assert snapshot() == before
    assert "Nothing changed" in out


def test_uploading_an_exact_copy_in_the_admin_names_the_loaded_document(client):
    make_document(title="Loaded report").__class__.objects.update(
        checksum=hashlib.sha256(REPORT_BYTES).hexdigest())
    client.force_login(staff_in("Secretariat"))
    before = counts()
    body = upload(client, name="another-name.txt").content.decode()
    assert "This file is loaded already: it is the document “Loaded report”" in body
    assert counts() == before


# --- status updates that cannot belong to their recommendation -------------------------------------

EARLY = "a status update cannot be dated 01 January 2024, before it."


def status_rows() -> dict:
    return {"updates": StatusUpdate.objects.count(),
            "current": sorted(Recommendation.objects.values_list("pk", "current_status", "status_as_of"))}


def test_service_refuses_an_update_dated_before_the_dialogue():
    rec = make_recommendation(dialogue=make_dialogue(title="Nursing dialogue", start_date=date(2024, 3, 1)))
    before = status_rows()
    with pytest.raises(ValidationError, match="“Nursing dialogue”, began on 01 March 2024"):
        record_status_update(recommendation=rec, status=Status.IN_PROGRESS, as_of=date(2024, 1, 1))
    assert status_rows() == before


def test_an_update_dated_on_the_dialogues_first_day_is_recorded():
    rec = make_recommendation(dialogue=make_dialogue(start_date=date(2024, 3, 1)))
    record_status_update(recommendation=rec, status=Status.IN_PROGRESS, as_of=date(2024, 3, 1))
    assert Recommendation.objects.get(pk=rec.pk).current_status == Status.IN_PROGRESS


def test_admin_refuses_an_update_dated_before_the_dialogue(client):
    rec = make_recommendation(dialogue=make_dialogue(title="Nursing dialogue", start_date=date(2024, 3, 1)))
    before = status_rows()
    client.force_login(staff_in("Secretariat"))
    response = client.post(reverse("admin:recommendations_statusupdate_add"), {
        "recommendation": rec.pk, "status": Status.IN_PROGRESS, "as_of": "2024-01-01", "narrative": "Early"})
    assert response.status_code == 200
    assert EARLY in response.content.decode()
    assert status_rows() == before


def test_admin_inline_refuses_an_update_dated_before_the_dialogue(client):
    rec = make_recommendation(dialogue=make_dialogue(start_date=date(2024, 3, 1)))
    before = status_rows()
    client.force_login(staff_in("Secretariat"))
    data = change_form_data(rec, **{"status_updates-TOTAL_FORMS": 1, "status_updates-0-status": Status.IMPLEMENTED,
                                    "status_updates-0-as_of": "2024-01-01"})
    response = client.post(reverse("admin:recommendations_recommendation_change", args=[rec.pk]), data)
    assert response.status_code == 200
    assert EARLY in response.content.decode()
    assert status_rows() == before


def test_bulk_action_refuses_an_update_dated_before_a_dialogue(client):
    fine = make_recommendation(dialogue=make_dialogue(start_date=date(2023, 6, 1)))
    early = make_recommendation(dialogue=make_dialogue(start_date=date(2024, 3, 1)))
    before = status_rows()
    client.force_login(staff_in("Secretariat"))
    response = client.post(reverse(RECOMMENDATIONS), {
        "action": "record_status_update", "_selected_action": [fine.pk, early.pk], "apply": "1",
        "status": Status.IN_PROGRESS, "as_of": "2024-01-01", "narrative": ""}, follow=True)
    assert f"{EARLY} Nothing was recorded." in response.content.decode()
    assert status_rows() == before


def test_service_refuses_evidence_from_another_dialogue():
    rec = make_recommendation(dialogue=make_dialogue(title="Nursing dialogue"))
    other = make_document(title="Fisheries report", dialogue=make_dialogue(title="Fisheries dialogue"))
    before = status_rows()
    with pytest.raises(ValidationError, match="The document “Fisheries report” belongs to the dialogue "
                                              "“Fisheries dialogue”, not to this recommendation's"):
        record_status_update(recommendation=rec, status=Status.IN_PROGRESS, as_of=date(2024, 6, 1),
                             evidence_document=other)
    assert status_rows() == before


def test_evidence_from_the_recommendations_own_dialogue_is_recorded():
    rec = make_recommendation()
    progress = make_document(title="Progress report", dialogue=rec.dialogue)
    update = record_status_update(recommendation=rec, status=Status.IN_PROGRESS, as_of=date(2024, 6, 1),
                                  evidence_document=progress)
    assert StatusUpdate.objects.get(pk=update.pk).evidence_document == progress


def test_admin_refuses_evidence_from_another_dialogue(client):
    rec = make_recommendation(dialogue=make_dialogue(title="Nursing dialogue"))
    other = make_document(title="Fisheries report", dialogue=make_dialogue(title="Fisheries dialogue"))
    before = status_rows()
    client.force_login(staff_in("Secretariat"))
    response = client.post(reverse("admin:recommendations_statusupdate_add"), {
        "recommendation": rec.pk, "status": Status.IN_PROGRESS, "as_of": "2024-06-01",
        "evidence_document": other.pk})
    assert response.status_code == 200
    assert ("The document “Fisheries report” belongs to the dialogue “Fisheries dialogue”, not to this "
            "recommendation&#x27;s dialogue, “Nursing dialogue”") in response.content.decode()
    assert status_rows() == before
