"""Every admin page answers staff and turns anonymous visitors to the login page."""

from datetime import date

import pytest
from django.contrib import admin
from django.urls import reverse

from tests.factories import (
    make_actor,
    make_dialogue,
    make_indicator,
    make_priority_issue,
    make_recommendation,
    make_series,
    make_staff,
    make_status_update,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def one_of_each(client):
    """One saved object of every registered model, so every change page has something to show."""
    make_staff(username="somebody", password="right-password-1")
    login = reverse("admin:login")
    client.post(login, {"username": "somebody", "password": "wrong"})  # an attempt and a failure log
    client.post(login, {"username": "somebody", "password": "right-password-1"})  # an access log
    client.post(login, {"username": "somebody", "password": "wrong again"})  # an attempt kept
    client.logout()
    actor = make_actor(name="Ministry of Education")
    actor.aliases.create(name="MoE")
    issue = make_priority_issue()
    rec = make_recommendation(actors=[actor], countries=["KH"], priority_issue=issue,
                              dialogue=issue.dialogue)
    make_status_update(recommendation=rec)
    indicator = make_indicator(dialogue=rec.dialogue)
    indicator.values.create(period="2024", kind="target", value=90)
    make_series()
    from dialogues.models import ReportImport

    ReportImport.objects.create(
        file_name="report.txt", data=b"Line one\n", checksum="1" * 64, size=9, text="Line one\n",
        reader_version="test", sidecar={"title": "Report", "kind": "news", "start_date": "2024-01-22"},
        review={"revision": 1, "found": {"recommendations": [], "indicators": []}, "items": [],
                "actor_overrides": {}})
    from recurrence.models import RecurrenceLink

    repeated = make_recommendation(dialogue=make_dialogue(start_date=date(2025, 1, 22)), text="Act again.")
    RecurrenceLink.objects.create(earlier=rec, later=repeated, score=0.7)
    from recommendations.models import DataVersion

    DataVersion.objects.bump()


def admin_urls():
    """Yield (model, changelist url name, add url name, change url name) for every registered model."""
    for model in admin.site._registry:
        prefix = f"admin:{model._meta.app_label}_{model._meta.model_name}"
        yield model, f"{prefix}_changelist", f"{prefix}_add", f"{prefix}_change"


@pytest.mark.parametrize("model,changelist,add,change", list(admin_urls()),
                         ids=lambda v: v if isinstance(v, str) else getattr(v, "__name__", ""))
def test_admin_pages_answer_a_superuser(client, one_of_each, model, changelist, add, change):
    client.force_login(make_staff(superuser=True))
    assert client.get(reverse(changelist)).status_code == 200
    assert client.get(reverse(changelist), {"q": "health"}).status_code == 200
    assert client.get(reverse(add)).status_code in (200, 403)  # 403: history is added through its owner
    obj = model._default_manager.first()
    assert obj is not None, f"no {model.__name__} to show"
    assert client.get(reverse(change, args=[obj.pk])).status_code == 200


@pytest.mark.parametrize("model,changelist,add,change", list(admin_urls()),
                         ids=lambda v: v if isinstance(v, str) else getattr(v, "__name__", ""))
def test_admin_pages_send_anonymous_visitors_to_login(client, one_of_each, model, changelist, add, change):
    obj = model._default_manager.first()
    for url in (reverse(changelist), reverse(add), reverse(change, args=[obj.pk])):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("admin:login"))


def test_every_model_is_registered_in_the_admin():
    from django.apps import apps

    ours = [m for app in ("actors", "dialogues", "recommendations") for m in apps.get_app_config(app).get_models()]
    assert set(ours) <= set(admin.site._registry)
