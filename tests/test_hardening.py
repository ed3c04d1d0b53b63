"""Hardening: throttled logins, production headers, and faults that must leave no partial write."""

from datetime import date
from io import StringIO
from pathlib import Path
from unittest import mock

import pytest
from django.core.management import call_command
from django.db import DatabaseError
from django.urls import reverse

from dialogues.models import Document
from recommendations import services as rec_services
from recommendations.models import Recommendation, Status, StatusUpdate
from tests.factories import make_recommendation, make_staff

pytestmark = pytest.mark.django_db
SEEDS = Path(__file__).resolve().parent.parent / "fixtures" / "documents"


def test_admin_login_is_throttled_after_repeated_failures(client, settings):
    make_staff(username="editor", password="the-right-password-1")
    login = reverse("admin:login")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(login, {"username": "editor", "password": "guess"})
    response = client.post(login, {"username": "editor", "password": "the-right-password-1"})
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_a_successful_login_before_the_limit_works(client):
    make_staff(username="editor", password="the-right-password-1")
    login = reverse("admin:login")
    client.post(login, {"username": "editor", "password": "guess"})
    response = client.post(login, {"username": "editor", "password": "the-right-password-1",
                                    "next": reverse("admin:index")})
    assert response.status_code == 302 and client.session.get("_auth_user_id")


def test_pages_send_the_security_headers(client):
    response = client.get(reverse("healthz"))
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "script-src 'self'" in csp and "style-src 'self'" in csp
    assert "unsafe-inline" not in csp


def test_a_database_error_half_way_through_a_load_leaves_the_database_as_before():
    real_refresh = rec_services.refresh_search_index
    calls = {"n": 0}

    def failing_refresh(ids):
        calls["n"] += 1
        if calls["n"] == 3:  # two documents stored, the third fails mid-way
            raise DatabaseError("disk full")
        return real_refresh(ids)

    with mock.patch("dialogues.services.refresh_search_index", failing_refresh), pytest.raises(DatabaseError):
        call_command("load_documents", str(SEEDS), stdout=StringIO())
    assert calls["n"] == 3
    assert not Document.objects.exists() and not Recommendation.objects.exists()


def test_a_database_error_half_way_through_a_bulk_update_leaves_the_database_as_before():
    recs = [make_recommendation() for _ in range(4)]
    real_save = StatusUpdate.save
    saved = {"n": 0}

    def failing_save(self, *args, **kwargs):
        saved["n"] += 1
        if saved["n"] == 3:
            raise DatabaseError("connection lost")
        return real_save(self, *args, **kwargs)

    with mock.patch.object(StatusUpdate, "save", failing_save), pytest.raises(DatabaseError):
        rec_services.record_status_updates(recommendations=recs, status=Status.IN_PROGRESS, as_of=date(2024, 1, 1))
    assert saved["n"] == 3
    assert not StatusUpdate.objects.exists()
    assert set(Recommendation.objects.values_list("current_status", flat=True)) == {Status.NO_INFORMATION}
