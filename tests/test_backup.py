"""Backup and restore: a dump of every model comes back exactly."""

import gzip
from datetime import date
from io import StringIO

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command
from django.core.serializers import serialize

from recommendations.models import IndicatorValue, Recommendation, StatusUpdate
from tests.factories import (
    make_actor,
    make_indicator,
    make_priority_issue,
    make_recommendation,
    make_series,
    make_staff,
    make_status_update,
)

pytestmark = pytest.mark.django_db
APPS = ["actors", "dialogues", "recommendations"]


def everything() -> dict[str, str]:
    """Every row of every model of the portal (and users and groups), serialised in pk order."""
    rows = {}
    for label in APPS:
        for model in apps.get_app_config(label).get_models():
            if model._meta.model_name == "dataversion":  # a cache key, moved forward by a restore
                continue
            rows[model._meta.label] = serialize("json", model._base_manager.order_by("pk"))
    for label in ("auth.User", "auth.Group"):
        model = apps.get_model(label)
        rows[label] = serialize("json", model._base_manager.order_by("pk"), use_natural_foreign_keys=True)
    return rows


@pytest.fixture
def one_of_everything():
    staff = make_staff(username="recorder")
    parent = make_actor(name="Government of Lao PDR")
    actor = make_actor(name="Ministry of Health", parent=parent, acronym="MOH", country="LA")
    actor.aliases.create(name="MoH Lao")
    issue = make_priority_issue()
    issue.dialogue.series = make_series()
    issue.dialogue.edition = 3
    issue.dialogue.save()
    issue.dialogue.organisers.add(parent)
    rec = make_recommendation(dialogue=issue.dialogue, priority_issue=issue, theme=issue.theme,
                              actors=[actor], countries=["LA", "KH"])
    summary = make_recommendation(document=rec.document, text="Summary item.")
    summary.repeats.add(rec)
    rec.sdg_goals.add(3)
    make_status_update(recommendation=rec, as_of=date(2024, 2, 1), recorded_by=staff,
                       evidence_url="https://example.org/e")
    indicator = make_indicator(dialogue=rec.dialogue)
    indicator.recommendations.add(rec)
    indicator.priority_issues.add(issue)
    IndicatorValue.objects.create(indicator=indicator, period="2024-01/2024-09", kind="result", value=88)


def test_backup_and_restore_round_trip_every_model(tmp_path, one_of_everything):
    before = everything()
    dump = tmp_path / "backup.json.gz"
    call_command("backup_data", str(dump), stdout=StringIO())
    with gzip.open(dump) as f:
        assert f.read(1) == b"["
    Recommendation.objects.all().delete()  # a disaster
    assert everything() != before

    call_command("restore_data", str(dump), "--yes", stdout=StringIO())

    assert everything() == before
    assert StatusUpdate.objects.get().recorded_by.username == "recorder"


def test_restore_of_a_broken_dump_changes_nothing(tmp_path, one_of_everything):
    before = everything()
    dump = tmp_path / "broken.json"
    dump.write_text('[{"model": "recommendations.recommendation", "pk": 1, "fields": {"text": ', encoding="utf-8")
    with pytest.raises(CommandError, match="nothing was changed"):
        call_command("restore_data", str(dump), "--yes", stdout=StringIO())
    assert everything() == before


def test_backup_refuses_to_overwrite_a_file(tmp_path):
    dump = tmp_path / "exists.json"
    dump.write_text("[]", encoding="utf-8")
    with pytest.raises(CommandError, match="already exists"):
        call_command("backup_data", str(dump))
