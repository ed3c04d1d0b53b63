"""The indicators page: progress against target, filters by dialogue, theme and state, bad input."""

import pytest
from django.urls import reverse

from recommendations.models import IndicatorValue
from tests.factories import make_dialogue, make_indicator, make_recommendation, make_theme

pytestmark = pytest.mark.django_db
URL = "/indicators/"


def indicator_with(*, name, target, result, direction="higher", dialogue=None, theme=None, partial=True, group=""):
    indicator = make_indicator(name=name, direction=direction, dialogue=dialogue)
    indicator.theme, indicator.reported_group = theme, group
    indicator.save()
    period = "2024-01/2024-09" if partial else "2024"
    IndicatorValue.objects.create(indicator=indicator, period="2024", kind="target", value=target)
    IndicatorValue.objects.create(indicator=indicator, period=period, kind="result", value=result)
    return indicator


@pytest.fixture
def indicators():
    health, water = make_theme(name="Health"), make_theme(name="Water")
    dialogue = make_dialogue(title="Round table 2024")
    return {
        "water": indicator_with(name="Households with clean water", target=94, result=94.41, dialogue=dialogue,
                                theme=water, group="achieved"),
        "penta": indicator_with(name="Penta 3 immunisation", target=95, result=64.87, dialogue=dialogue,
                                theme=health, group="tend to fail"),
        "imr": indicator_with(name="Infant mortality rate", target=22, result=6.77, direction="lower",
                              dialogue=dialogue, theme=health, group="tend to meet"),
        "hidden": indicator_with(name="Secret indicator", target=1, result=1,
                                 dialogue=make_dialogue(published=False)),
    }


def test_indicators_page_shows_progress_bars_and_states(client, indicators):
    body = client.get(URL).content.decode()
    assert "Households with clean water" in body and "Secret indicator" not in body
    assert '<progress class="indicator-progress state-off-track" max="100" value="68"' in body  # 64.87 / 95
    assert body.count("<progress") == 3
    assert "Off track" in body and "On track" in body and "Achieved" in body


@pytest.mark.parametrize("query,shown,hidden", [
    ("state=off+track", ["Penta 3 immunisation"], ["Households with clean water", "Infant mortality rate"]),
    ("state=on+track", ["Infant mortality rate"], ["Penta 3 immunisation"]),
    ("theme=water", ["Households with clean water"], ["Penta 3 immunisation"]),
])
def test_indicators_page_filters(client, indicators, query, shown, hidden):
    body = client.get(f"{URL}?{query}").content.decode()
    for name in shown:
        assert name in body
    for name in hidden:
        assert name not in body


def test_indicators_page_filters_by_dialogue(client, indicators):
    other = indicator_with(name="Other dialogue's indicator", target=5, result=5, dialogue=make_dialogue())
    body = client.get(URL, {"dialogue": other.dialogue.slug}).content.decode()
    assert "Other dialogue&#x27;s indicator" in body and "Penta 3" not in body


@pytest.mark.parametrize("query", ["state=sideways", "theme=nope", "dialogue=" + "x" * 5000])
def test_indicators_page_bad_filters_give_a_message(client, indicators, query):
    response = client.get(f"{URL}?{query}")
    assert response.status_code == 200
    assert "were not understood" in response.content.decode()


def test_indicators_page_queries_are_bounded(client, indicators, django_assert_max_num_queries):
    for n in range(20):
        indicator_with(name=f"Extra indicator {n}", target=50, result=40, dialogue=indicators["penta"].dialogue)
    with django_assert_max_num_queries(8):
        assert client.get(URL).status_code == 200


def test_recommendation_page_shows_the_indicators_measuring_it(client, indicators):
    rec = make_recommendation(dialogue=indicators["penta"].dialogue, text="Expand immunisation outreach.")
    indicators["penta"].recommendations.add(rec)
    body = client.get(rec.get_absolute_url()).content.decode()
    assert "Indicators measuring progress" in body and "Penta 3 immunisation" in body


def test_dialogue_page_shows_its_indicator_table_with_progress(client, indicators):
    body = client.get(indicators["penta"].dialogue.get_absolute_url()).content.decode()
    assert "Penta 3 immunisation" in body and "<progress" in body


def test_indicator_detail_page(client, indicators):
    response = client.get(reverse("recommendations:indicator-detail", args=[indicators["penta"].slug]))
    assert response.status_code == 200
