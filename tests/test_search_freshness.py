"""Search finds what staff wrote: an edit in the admin refreshes the search text of the recommendations it touches."""

import pytest
from django.urls import reverse

from recommendations.models import Recommendation, Responsibility
from recommendations.services import refresh_search_index
from tests.factories import make_actor, make_recommendation, make_staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client):
    client.force_login(make_staff(superuser=True))
    return client


def searched(rec: Recommendation) -> str:
    return Recommendation.objects.get(pk=rec.pk).search_text


def test_an_alias_added_in_the_admin_makes_the_actors_recommendations_findable_by_it(staff_client):
    actor = make_actor(name="Ministry of Public Works")
    rec = make_recommendation(actors=[actor])
    refresh_search_index([rec.pk])
    assert "Bina Marga" not in searched(rec)
    response = staff_client.post(reverse("admin:actors_actoralias_add"), {"actor": actor.pk, "name": "Bina Marga"})
    assert response.status_code == 302
    assert "Bina Marga" in searched(rec)


def test_an_actor_given_in_the_admin_makes_the_recommendation_findable_by_its_name(staff_client):
    rec = make_recommendation(actors=[])
    refresh_search_index([rec.pk])
    actor = make_actor(name="Coastal Zone Authority")
    response = staff_client.post(reverse("admin:recommendations_responsibility_add"),
                                 {"recommendation": rec.pk, "actor": actor.pk, "role": "lead"})
    assert response.status_code == 302
    assert "Coastal Zone Authority" in searched(rec)


def test_a_responsibility_deleted_in_the_admin_leaves_the_actors_name_unfound(staff_client):
    actor = make_actor(name="Fisheries Inspectorate")
    rec = make_recommendation(actors=[actor])
    refresh_search_index([rec.pk])
    assert "Fisheries Inspectorate" in searched(rec)
    responsibility = Responsibility.objects.get(recommendation=rec, actor=actor)
    url = reverse("admin:recommendations_responsibility_delete", args=[responsibility.pk])
    assert staff_client.post(url, {"post": "yes"}).status_code == 302
    assert "Fisheries Inspectorate" not in searched(rec)
