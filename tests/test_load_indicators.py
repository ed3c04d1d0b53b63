"""Indicators through the loader: the RTIM report's 11, their derived states, and bad values refused."""

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from recommendations.indicators import progress_for_year
from recommendations.models import Indicator, IndicatorValue

pytestmark = pytest.mark.django_db
SEEDS = Path(__file__).resolve().parent.parent / "fixtures" / "documents"
STATE_OF_GROUP = {"achieved": "achieved", "tend to meet": "on track", "tend to fail": "off track"}

SIDECAR = """title = "Health Sector Working Group report 2025"
kind = "sector working group report"
start_date = 2025-11-10
country = "LA"
default_addressee = "Ministry of Health"
"""
TABLE = """HEALTH SECTOR WORKING GROUP REPORT 2025

1. Indicators

| Indicator | {target} | Result Jan-Sep 2025 | Status |
|---|---|---|---|
| Immunization rate for Penta 3 of children under one | 95% | {penta} | tend to meet |
| Percentage of deliveries with skilled birth attendants | 84% | 86% | achieved |
{extra}
2. Priorities for 2026

- The Ministry of Health should expand immunisation outreach to remote districts.
"""


def write_report(tmp_path, *, target="Target 2025", penta="90.5%", extra="") -> Path:
    path = tmp_path / "swg-2025.txt"
    path.write_text(TABLE.format(target=target, penta=penta, extra=extra), encoding="utf-8")
    path.with_suffix(".toml").write_text(SIDECAR, encoding="utf-8")
    return path


def load(path) -> str:
    out = StringIO()
    call_command("load_documents", str(path), stdout=out)
    return out.getvalue()


def test_the_rtim_reports_eleven_indicators_load_with_their_values():
    load(SEEDS)
    indicators = Indicator.objects.filter(dialogue__kind="sector working group report")
    assert indicators.count() == 11
    for indicator in indicators:
        kinds = set(indicator.values.values_list("period", "kind"))
        # Two of them (underweight, stunting) are survey figures, kept apart from the nine months' results.
        measured = ("2024", "survey") if ("2024", "survey") in kinds else ("2024-01/2024-09", "result")
        assert {("2024", "target"), measured, ("2025", "target")} <= kinds, indicator.name
        assert indicator.reported_group in STATE_OF_GROUP


def test_derived_state_agrees_with_the_reports_grouping_for_all_eleven():
    load(SEEDS)
    indicators = Indicator.objects.filter(dialogue__kind="sector working group report").prefetch_related("values")
    disagreements = []
    for indicator in indicators:
        progress = progress_for_year(list(indicator.values.all()), year=2024, direction=indicator.direction,
                                     reported_group=indicator.reported_group)
        if progress.state != STATE_OF_GROUP[indicator.reported_group]:
            disagreements.append((indicator.name, indicator.reported_group, progress.state))
    assert indicators.count() == 11 and disagreements == []


def test_a_table_of_indicators_loads(tmp_path):
    load(write_report(tmp_path))
    penta = Indicator.objects.get(name__startswith="Immunization rate for Penta 3")
    assert penta.values.get(kind="result").value == 90.5
    assert penta.reported_group == "tend to meet"


def assert_refused(path, *expected):
    with pytest.raises(CommandError) as excinfo:
        load(path)
    message = str(excinfo.value)
    for text in (path.name, *expected):
        assert text in message
    assert "\n" not in message
    assert not Indicator.objects.exists() and not IndicatorValue.objects.exists()


def test_loader_refuses_a_value_that_is_not_a_number(tmp_path):
    assert_refused(write_report(tmp_path, penta="ninety percent"), ":7:", "is not a number")


def test_loader_refuses_a_percentage_over_100(tmp_path):
    assert_refused(write_report(tmp_path, penta="120%"), ":7:", "between 0 and 100")


def test_loader_refuses_a_negative_percentage(tmp_path):
    assert_refused(write_report(tmp_path, penta="-4%"), "between 0 and 100")


def test_loader_refuses_a_second_value_for_the_same_period_and_kind(tmp_path):
    extra = "| Immunization rate for Penta 3 of children under one | 95% | 70% | tend to fail |\n"
    assert_refused(write_report(tmp_path, extra=extra), "a second result", "2025-01/2025-09")


def test_loader_refuses_a_period_that_is_not_a_year_or_range(tmp_path):
    assert_refused(write_report(tmp_path, target="Target"), "is not a period")


def test_indicators_are_linked_to_the_recommendations_they_measure():
    load(SEEDS)
    coverage = Indicator.objects.get(name="National Health Insurance Coverage rate")
    linked = list(coverage.recommendations.values_list("text", flat=True))
    assert any("National Health Insurance Scheme" in text for text in linked)
    penta = Indicator.objects.get(name__startswith="Immunization rate for Penta 3")
    assert all(rec.dialogue_id == penta.dialogue_id for rec in penta.recommendations.all())
