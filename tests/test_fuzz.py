"""Hostile requests: thousands of generated query strings, paths and headers; never a 5xx."""

from urllib.parse import quote, urlencode

import pytest
from django.test import Client
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from recommendations.models import Status
from tests.factories import make_actor, make_dialogue, make_document, make_indicator, make_recommendation, make_theme

pytestmark = pytest.mark.django_db

PARAMS = ["q", "theme", "series", "dialogue", "priority_issue", "actor", "actor_kind", "country", "status",
          "sdg", "year", "sort", "page", "format", "next", "utm_source"]
NASTY = ["", " ", "'", '"', "<script>alert(1)</script>", "%00", "\x00", "../../etc/passwd", "-1", "0",
         "99999999999999999999", "1e9", "NaN", "null", "[]", "{}", "\u202e", "\ud7ff", "😀", "DROP TABLE x;--",
         "a" * 10_000, "%", "%%", "%zz", "\\", "$where", "__proto__", "1 OR 1=1", "\t\r\n"]


@pytest.fixture
def portal_data():
    """A small published world, plus an unpublished dialogue that must stay hidden."""
    theme = make_theme(name="Health")
    parent = make_actor(name="Government of Cambodia")
    actor = make_actor(name="Ministry of Health", parent=parent)
    document = make_document(dialogue=make_dialogue(title="Health dialogue", country="KH"),
                             text="\n".join(f"Line {n} of the report." for n in range(1, 30)))
    recs = [make_recommendation(document=document, theme=theme, actors=[actor], countries=["KH"],
                                current_status=Status.IN_PROGRESS) for _ in range(3)]
    make_recommendation(dialogue=make_dialogue(published=False), theme=theme, actors=[actor])
    make_indicator(dialogue=document.dialogue)
    return {"theme": theme, "actor": actor, "dialogue": document.dialogue, "document": document, "rec": recs[0]}


def public_paths(data) -> list[str]:
    """Every kind of public URL, with real and with nonsense identifiers."""
    return [
        "/", "/recommendations/", "/recommendations.csv", "/recommendations.json",
        f"/recommendations/{data['rec'].pk}/", "/recommendations/{junk}/",
        "/actors/", f"/actors/{data['actor'].slug}/", "/actors/{junk}/",
        "/dialogues/", f"/dialogues/{data['dialogue'].slug}/", "/dialogues/{junk}/",
        "/dialogues/themes/", f"/dialogues/themes/{data['theme'].slug}/", "/dialogues/themes/{junk}/",
        f"/dialogues/documents/{data['document'].pk}/", "/dialogues/documents/{junk}/",
        "/countries/", "/countries/KH/", "/countries/{junk}/", "/indicators/", "/indicators/{junk}/",
        "/feeds/updates/", f"/feeds/actors/{data['actor'].slug}/", "/feeds/actors/{junk}/",
        f"/feeds/themes/{data['theme'].slug}/", "/feeds/themes/{junk}/", "/{junk}", "/healthz",
    ]


text = st.one_of(st.sampled_from(NASTY), st.text(max_size=60), st.integers(-10**12, 10**12).map(str))
query = st.lists(st.tuples(st.one_of(st.sampled_from(PARAMS), st.text(max_size=12)), text), max_size=8)
junk = st.one_of(st.sampled_from(["0", "-1", "999999999", "x" * 300, "%2e%2e", "null"]),
                 st.text(min_size=1, max_size=40).map(lambda s: quote(s, safe="")))
# A WSGI server hands headers over as bytes decoded as latin-1, whatever the client sent.
header = text.map(lambda s: s.encode("utf-8").decode("latin-1").replace("\n", " ").replace("\r", " "))
headers = st.fixed_dictionaries({}, optional={
    "HTTP_ACCEPT_LANGUAGE": header, "HTTP_ACCEPT": header, "HTTP_USER_AGENT": header, "HTTP_REFERER": header,
    "HTTP_COOKIE": header, "HTTP_X_FORWARDED_FOR": header, "HTTP_IF_MODIFIED_SINCE": header, "HTTP_RANGE": header,
    "HTTP_IF_NONE_MATCH": header, "HTTP_X_FORWARDED_PROTO": header,
})


# No shrinking phase: a failure is reported as found, the suite stays within its time.
@settings(max_examples=2200, deadline=None, derandomize=True, phases=[Phase.explicit, Phase.generate],
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(path_index=st.integers(min_value=0, max_value=10_000), junk_part=junk, params=query, extra=headers,
       method=st.sampled_from(["get", "get", "get", "head"]))
def test_no_public_url_answers_5xx_to_hostile_input(portal_data, path_index, junk_part, params, extra, method):
    paths = public_paths(portal_data)
    path = paths[path_index % len(paths)].replace("{junk}", junk_part)
    url = f"{path}?{urlencode(params)}" if params else path
    client = Client(raise_request_exception=False)
    response = getattr(client, method)(url, **extra)
    assert response.status_code < 500, (url, extra, response.status_code)
    if response.status_code == 200 and response.get("Content-Type", "").startswith("text/html"):
        assert b"<script>alert(1)</script>" not in response.content
