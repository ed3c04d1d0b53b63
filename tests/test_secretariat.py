"""The secretariat's admin: bulk status updates, history, optimistic locking, roles, merges, digest."""

import threading
from datetime import date, timedelta
from io import StringIO

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.core.management import CommandError, call_command
from django.db import connection, connections
from django.urls import reverse
from django.utils import timezone

from actors.models import Actor
from recommendations.models import Recommendation, Status, StatusUpdate
from tests.factories import make_actor, make_recommendation, make_staff

pytestmark = pytest.mark.django_db

CHANGELIST = "admin:recommendations_recommendation_changelist"


def staff_in(role: str, username: str | None = None):
    user = make_staff(username=username)
    user.groups.add(Group.objects.get(name=role))
    return user


def bulk_post(client, recs, **fields):
    data = {"action": "record_status_update", "_selected_action": [r.pk for r in recs], "apply": "1",
            "status": Status.IN_PROGRESS, "as_of": "2024-05-01", "narrative": "Work begun",
            "evidence_url": "https://example.org/report.pdf", **fields}
    return client.post(reverse(CHANGELIST), data, follow=True)


def test_bulk_action_records_one_update_on_each_selected_recommendation(client):
    recs = [make_recommendation() for _ in range(3)]
    user = staff_in("Secretariat")
    client.force_login(user)
    response = bulk_post(client, recs[:2])
    assert "Recorded a status update on 2 recommendations" in response.content.decode()
    assert StatusUpdate.objects.filter(recorded_by=user).count() == 2
    assert Recommendation.objects.get(pk=recs[0].pk).current_status == Status.IN_PROGRESS
    assert Recommendation.objects.get(pk=recs[2].pk).current_status == Status.NO_INFORMATION


def test_bulk_action_first_shows_the_form(client):
    recs = [make_recommendation() for _ in range(2)]
    client.force_login(staff_in("Secretariat"))
    response = client.post(reverse(CHANGELIST), {"action": "record_status_update",
                                                 "_selected_action": [r.pk for r in recs]})
    assert response.status_code == 200
    assert b"Record a status update" in response.content and b'name="as_of"' in response.content
    assert not StatusUpdate.objects.exists()


def test_bulk_action_with_nothing_selected_is_refused(client):
    make_recommendation()
    client.force_login(staff_in("Secretariat"))
    response = client.post(reverse(CHANGELIST), {"action": "record_status_update", "apply": "1", "index": "0",
                                                 "status": Status.IN_PROGRESS, "as_of": "2024-05-01"},
                           follow=True)
    assert "Items must be selected in order to perform actions on them" in response.content.decode()
    assert not StatusUpdate.objects.exists()


@pytest.mark.parametrize("field,value,message", [
    ("as_of", (date.today() + timedelta(days=3)).isoformat(), "cannot be in the future"),
    ("status", "half done", "Select a valid choice"),
    ("evidence_url", "ftp://example.org/file", "must start with http:// or https://"),
], ids=["future-date", "unknown-status", "non-http-evidence"])
def test_bulk_action_refuses_bad_input_and_saves_nothing(client, field, value, message):
    recs = [make_recommendation() for _ in range(2)]
    client.force_login(staff_in("Secretariat"))
    response = bulk_post(client, recs, **{field: value})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not StatusUpdate.objects.exists()
    assert set(Recommendation.objects.values_list("current_status", flat=True)) == {Status.NO_INFORMATION}


def change_form_data(rec, **overrides):
    data = {
        "text": rec.text, "section": rec.section, "line_start": rec.line_start, "line_end": rec.line_end,
        "kind": rec.kind, "seen_version": rec.version,
        "responsibilities-TOTAL_FORMS": 0, "responsibilities-INITIAL_FORMS": 0,
        "countries-TOTAL_FORMS": 0, "countries-INITIAL_FORMS": 0,
        "status_updates-TOTAL_FORMS": 0, "status_updates-INITIAL_FORMS": 0,
    }
    data.update(overrides)
    return data


def test_editing_a_recommendation_saves_and_bumps_the_version(client):
    rec = make_recommendation(text="Old wording.")
    client.force_login(make_staff(superuser=True))
    url = reverse("admin:recommendations_recommendation_change", args=[rec.pk])
    response = client.post(url, change_form_data(rec, text="Corrected wording."))
    assert response.status_code == 302
    rec.refresh_from_db()
    assert rec.text == "Corrected wording." and rec.version == 2


def test_editing_a_recommendation_someone_else_saved_meanwhile_is_refused(client):
    rec = make_recommendation(text="Old wording.")
    client.force_login(make_staff(superuser=True))
    url = reverse("admin:recommendations_recommendation_change", args=[rec.pk])
    opened = change_form_data(rec, text="My edit.")
    Recommendation.objects.filter(pk=rec.pk).update(text="Their edit.", version=rec.version + 1)
    response = client.post(url, opened)
    assert response.status_code == 200
    assert "Someone else saved this recommendation after you opened it" in response.content.decode()
    rec.refresh_from_db()
    assert rec.text == "Their edit."


def test_a_status_update_added_inline_sets_the_current_status(client):
    rec = make_recommendation()
    user = make_staff(superuser=True)
    client.force_login(user)
    url = reverse("admin:recommendations_recommendation_change", args=[rec.pk])
    data = change_form_data(rec, **{"status_updates-TOTAL_FORMS": 1, "status_updates-0-status": Status.IMPLEMENTED,
                                    "status_updates-0-as_of": "2024-02-01",
                                    "status_updates-0-narrative": "Law adopted"})
    assert client.post(url, data).status_code == 302
    rec.refresh_from_db()
    assert rec.current_status == Status.IMPLEMENTED
    assert rec.status_updates.get().recorded_by == user


def test_needs_update_filter(client):
    stale = make_recommendation(text="Stale one", current_status=Status.IN_PROGRESS, status_as_of=date(2020, 1, 1))
    fresh = make_recommendation(text="Fresh one", current_status=Status.IN_PROGRESS,
                                status_as_of=timezone.localdate())
    client.force_login(staff_in("Reviewer"))
    body = client.get(reverse(CHANGELIST), {"needs_update": "yes"}).content.decode()
    assert stale.text in body and fresh.text not in body


def test_actors_marked_for_review_have_their_own_filter(client):
    make_actor(name="Known Ministry")
    make_actor(name="Zorblatt Council", needs_review=True)
    client.force_login(staff_in("Reviewer"))
    body = client.get(reverse("admin:actors_actor_changelist"), {"needs_review__exact": "1"}).content.decode()
    assert "Zorblatt Council" in body and "Known Ministry" not in body


def test_merge_action_folds_actors_into_the_chosen_one(client):
    keep, dup = make_actor(name="World Health Organization"), make_actor(name="W.H.O.", needs_review=True)
    rec = make_recommendation(actors=[dup])
    client.force_login(staff_in("Secretariat"))
    response = client.post(reverse("admin:actors_actor_changelist"), {
        "action": "merge_selected_actors", "_selected_action": [keep.pk, dup.pk], "apply": "1", "into": keep.pk,
    }, follow=True)
    assert "Merged 1 actors into World Health Organization" in response.content.decode()
    assert list(rec.responsibilities.values_list("actor__name", flat=True)) == ["World Health Organization"]
    assert keep.aliases.filter(name="W.H.O.").exists()
    assert not Actor.objects.filter(pk=dup.pk).exists()


# --- roles ------------------------------------------------------------------------------------

SECRETARIAT_CAN = {
    "recommendations.add_statusupdate", "recommendations.change_recommendation", "actors.change_actor",
    "dialogues.change_dialogue", "dialogues.change_priorityissue", "dialogues.change_theme",
}


@pytest.mark.parametrize("app_model", [
    "actors.actor", "actors.actoralias", "dialogues.dialogue", "dialogues.dialogueseries", "dialogues.document",
    "dialogues.theme", "dialogues.priorityissue", "dialogues.sdggoal", "recommendations.recommendation",
    "recommendations.responsibility", "recommendations.recommendationcountry", "recommendations.statusupdate",
    "recommendations.indicator", "recommendations.indicatorvalue", "auth.user", "auth.group",
])
def test_each_role_against_each_model(app_model):
    app, model = app_model.split(".")
    secretariat, reviewer = staff_in("Secretariat"), staff_in("Reviewer")
    for perm in (f"{app}.delete_{model}",):
        assert not secretariat.has_perm(perm) and not reviewer.has_perm(perm)
    for action in ("add", "change"):
        assert not reviewer.has_perm(f"{app}.{action}_{model}")
    if app == "auth":
        for action in ("view", "add", "change"):
            assert not secretariat.has_perm(f"{app}.{action}_{model}")
    else:
        assert reviewer.has_perm(f"{app}.view_{model}") and secretariat.has_perm(f"{app}.view_{model}")
    for perm in SECRETARIAT_CAN:
        assert secretariat.has_perm(perm)


def test_reviewer_cannot_record_status_updates(client):
    rec = make_recommendation()
    client.force_login(staff_in("Reviewer"))
    response = bulk_post(client, [rec])
    assert not StatusUpdate.objects.exists()
    assert response.status_code in (200, 403)


def test_reviewer_cannot_change_a_recommendation(client):
    rec = make_recommendation(text="Untouched.")
    client.force_login(staff_in("Reviewer"))
    url = reverse("admin:recommendations_recommendation_change", args=[rec.pk])
    response = client.post(url, change_form_data(rec, text="Changed."))
    assert response.status_code == 403
    rec.refresh_from_db()
    assert rec.text == "Untouched."


def test_secretariat_cannot_delete_a_recommendation(client):
    rec = make_recommendation()
    client.force_login(staff_in("Secretariat"))
    url = reverse("admin:recommendations_recommendation_delete", args=[rec.pk])
    assert client.post(url, {"post": "yes"}).status_code == 403
    assert Recommendation.objects.filter(pk=rec.pk).exists()


def test_create_staff_makes_an_account_in_a_role():
    call_command("create_staff", "alice", "--role", "secretariat", "--email", "a@example.org", stdout=StringIO())
    from django.contrib.auth import get_user_model

    alice = get_user_model().objects.get(username="alice")
    assert alice.is_staff and not alice.is_superuser
    assert list(alice.groups.values_list("name", flat=True)) == ["Secretariat"]


def test_create_staff_refuses_an_existing_username():
    make_staff(username="bob")
    with pytest.raises(CommandError, match="already exists"):
        call_command("create_staff", "bob", "--role", "reviewer")


# --- commands ---------------------------------------------------------------------------------

def test_status_digest_groups_stale_recommendations_by_actor():
    moh = make_actor(name="Ministry of Health")
    make_recommendation(text="Train more midwives.", actors=[moh])
    make_recommendation(text="Fresh news here.", actors=[moh], current_status=Status.IN_PROGRESS,
                        status_as_of=timezone.localdate())
    out = StringIO()
    call_command("status_digest", stdout=out)
    text = out.getvalue()
    assert "1 recommendations have had no status update for 180 days" in text
    assert "Ministry of Health\n" in text and "Train more midwives." in text and "Fresh news" not in text


def test_status_digest_emails_the_secretariat():
    user = staff_in("Secretariat")
    user.email = "secretariat@example.org"
    user.save()
    make_recommendation(text="Train more midwives.", actors=[make_actor()])
    call_command("status_digest", "--email", stdout=StringIO())
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["secretariat@example.org"] and "Train more midwives." in mail.outbox[0].body


def record(*args):
    call_command("record_status", *args, stdout=StringIO())


def test_record_status_command_records_on_each_recommendation():
    recs = [make_recommendation() for _ in range(2)]
    staff_in("Secretariat", username="carol")
    record(*[str(r.pk) for r in recs], "--status", "in progress", "--as-of", "2024-03-01", "--user", "carol")
    assert StatusUpdate.objects.count() == 2


@pytest.mark.parametrize("args,message", [
    (["--status", "in progress", "--as-of", (date.today() + timedelta(days=1)).isoformat()], "future"),
    (["--status", "half done"], "valid choice"),
    (["--status", "implemented", "--evidence-url", "file:///etc/passwd"], "http"),
], ids=["future-date", "unknown-status", "non-http-evidence"])
def test_record_status_command_refuses_bad_input(args, message):
    rec = make_recommendation()
    staff_in("Secretariat", username="carol")
    with pytest.raises(CommandError, match=message):
        record(str(rec.pk), *args, "--user", "carol")
    assert not StatusUpdate.objects.exists()


def test_record_status_command_refuses_nothing_selected():
    staff_in("Secretariat", username="carol")
    with pytest.raises(CommandError, match="No recommendation given"):
        record("--status", "in progress", "--user", "carol")


# --- concurrency (PostgreSQL) -----------------------------------------------------------------

@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_simultaneous_updates_both_land(on_postgres):
    """Two connections record at once; the row lock serialises them and neither is lost."""
    from recommendations.services import record_status_update

    rec = make_recommendation()
    barrier = threading.Barrier(2)
    errors = []

    def worker(status, as_of):
        try:
            barrier.wait()
            record_status_update(recommendation=rec, status=status, as_of=as_of, narrative=status)
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(Status.IN_PROGRESS, date(2024, 5, 1))),
               threading.Thread(target=worker, args=(Status.IMPLEMENTED, date(2024, 6, 1)))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    rec.refresh_from_db()
    assert StatusUpdate.objects.filter(recommendation=rec).count() == 2
    assert (rec.current_status, rec.status_as_of) == (Status.IMPLEMENTED, date(2024, 6, 1))
    assert connection.vendor == "postgresql"
