"""Indicators: periods, derived state, and the admin refusing bad values."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from recommendations.indicators import derive_state, period_bounds, progress_for_year, progress_share
from recommendations.models import IndicatorValue
from tests.factories import make_indicator, make_staff


@pytest.mark.parametrize("period", ["2024", "2024-01/2024-09", "2023-07/2024-06", "2024-01-01/2024-09-30"])
def test_years_and_ranges_are_periods(period):
    start, end = period_bounds(period)
    assert start <= end


@pytest.mark.parametrize("period", ["last year", "24", "2024/2023", "2024-13", "2024-02-30/2024-03-01", "Q3 2024"])
def test_other_text_is_not_a_period(period):
    with pytest.raises(ValidationError):
        period_bounds(period)


def test_range_bounds_cover_whole_months():
    assert [d.isoformat() for d in period_bounds("2024-01/2024-09")] == ["2024-01-01", "2024-09-30"]


@pytest.mark.parametrize("direction,target,result,partial,group,state", [
    ("higher", 90, 92, False, "", "achieved"),
    ("higher", 90, 80, False, "", "off track"),
    ("lower", 10, 8, False, "", "achieved"),
    ("lower", 10, 12, False, "", "off track"),
    ("higher", 90, 85, True, "tend to meet", "on track"),
    ("higher", 90, 85, True, "tend to fail", "off track"),
    ("higher", 90, 95, True, "tend to fail", "off track"),
    ("lower", 22, 6.77, True, "tend to meet", "on track"),
    ("higher", 90, 95, True, "", "achieved"),
    ("higher", 90, 85, True, "", "on track"),
    ("higher", 90, 50, True, "", "off track"),
    ("lower", 10, 10.5, True, "", "on track"),
    ("higher", None, 50, True, "", ""),
])
def test_derived_state(direction, target, result, partial, group, state):
    def dec(v):
        return None if v is None else Decimal(str(v))

    assert derive_state(direction=direction, target=dec(target), result=dec(result), partial=partial,
                        reported_group=group) == state


def test_progress_share_follows_the_direction():
    assert progress_share("higher", Decimal(80), Decimal(40)) == 0.5
    assert progress_share("lower", Decimal(10), Decimal(20)) == 0.5
    assert progress_share("lower", Decimal(10), Decimal(5)) == 1.0
    assert progress_share("higher", Decimal(80), Decimal(120)) == 1.0


@pytest.mark.django_db
def test_progress_for_year_takes_the_latest_result():
    indicator = make_indicator(unit="%")
    for period, kind, value in [("2024", "target", 90), ("2024-01/2024-06", "result", 60),
                                ("2024-01/2024-09", "result", 91), ("2025", "target", 95)]:
        IndicatorValue.objects.create(indicator=indicator, period=period, kind=kind, value=value)
    progress = progress_for_year(list(indicator.values.all()), year=2024, direction="higher")
    assert (progress.target, progress.result, progress.result_period, progress.state) == (
        Decimal(90), Decimal(91), "2024-01/2024-09", "achieved")


# --- the admin refuses bad values and saves nothing --------------------------------------------

def inline_post(indicator, *rows):
    data = {"name": indicator.name, "slug": indicator.slug, "unit": indicator.unit,
            "direction": indicator.direction, "dialogue": indicator.dialogue_id, "reported_group": "",
            "values-TOTAL_FORMS": len(rows), "values-INITIAL_FORMS": 0}
    for i, row in enumerate(rows):
        for key, value in row.items():
            data[f"values-{i}-{key}"] = value
    return data


@pytest.mark.django_db
@pytest.mark.parametrize("rows,message", [
    ([{"period": "2025", "kind": "result", "value": "ninety"}], "Enter a number."),
    ([{"period": "2025", "kind": "result", "value": "120"}], "A percentage must lie between 0 and 100."),
    ([{"period": "2025", "kind": "result", "value": "-3"}], "A percentage must lie between 0 and 100."),
    ([{"period": "2025", "kind": "result", "value": "70"}, {"period": "2025", "kind": "result", "value": "71"}],
     "Please correct the duplicate data"),
    ([{"period": "next year", "kind": "result", "value": "70"}], "is not a period"),
], ids=["not-a-number", "over-100", "below-0", "second-value", "bad-period"])
def test_admin_refuses_bad_indicator_values(client, rows, message):
    indicator = make_indicator(unit="%")
    client.force_login(make_staff(superuser=True))
    url = reverse("admin:recommendations_indicator_change", args=[indicator.pk])
    response = client.post(url, inline_post(indicator, *rows))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not IndicatorValue.objects.exists()


@pytest.mark.django_db
def test_admin_refuses_a_second_value_for_a_stored_period(client):
    indicator = make_indicator(unit="%")
    IndicatorValue.objects.create(indicator=indicator, period="2025", kind="result", value=70)
    client.force_login(make_staff(superuser=True))
    url = reverse("admin:recommendations_indicatorvalue_add")
    response = client.post(url, {"indicator": indicator.pk, "period": "2025", "kind": "result", "value": "75"})
    assert response.status_code == 200
    assert "already exists" in response.content.decode()
    assert IndicatorValue.objects.get().value == 70


@pytest.mark.django_db
def test_staff_enter_a_new_periods_result(client):
    indicator = make_indicator(unit="%")
    client.force_login(make_staff(superuser=True))
    url = reverse("admin:recommendations_indicator_change", args=[indicator.pk])
    response = client.post(url, inline_post(indicator, {"period": "2025", "kind": "result", "value": "88.5",
                                                        "as_of": "2025-09-30"}))
    assert response.status_code == 302
    assert IndicatorValue.objects.get().value == Decimal("88.5")
