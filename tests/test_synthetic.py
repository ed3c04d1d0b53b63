"""generate_synthetic: reproducible data in bulk, and refusals that write nothing."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from actors.models import Actor
from recommendations.models import Recommendation, Responsibility, StatusUpdate
from tests.factories import make_document

pytestmark = pytest.mark.django_db


def generate(*args):
    out = StringIO()
    call_command("generate_synthetic", *args, stdout=out)
    return out.getvalue()


def test_generates_the_requested_sizes_with_histories_and_hierarchy():
    out = generate("--recommendations", "300", "--actors", "60", "--dialogues", "6", "--seed", "3")
    assert "300 recommendations" in out
    assert Recommendation.objects.count() == 300 and Actor.objects.count() == 60
    assert Responsibility.objects.count() >= 300
    assert StatusUpdate.objects.exists()
    assert Actor.objects.filter(parent__isnull=False).exists()
    latest = StatusUpdate.objects.order_by("-as_of").first()
    assert latest.recommendation.current_status != "no information"


def test_same_seed_gives_the_same_data():
    generate("--recommendations", "50", "--actors", "20", "--dialogues", "2", "--seed", "7")
    first = list(Recommendation.objects.order_by("key").values_list("key", "text", "current_status"))
    Recommendation.objects.all().delete()
    Responsibility.objects.all().delete()
    Actor.objects.all().delete()
    generate("--recommendations", "50", "--actors", "20", "--dialogues", "2", "--seed", "7")
    second = list(Recommendation.objects.order_by("key").values_list("key", "text", "current_status"))
    assert first == second


@pytest.mark.parametrize("args,message", [
    (["--recommendations", "-5"], "--recommendations must be at least 1"),
    (["--recommendations", "50000000"], "absurd"),
    (["--actors", "0"], "--actors must be at least 1"),
    (["--dialogues", "999999"], "absurd"),
], ids=["negative", "absurd-recommendations", "zero-actors", "absurd-dialogues"])
def test_refuses_bad_sizes_and_writes_nothing(args, message):
    with pytest.raises(CommandError, match=message):
        generate(*args)
    assert not Recommendation.objects.exists() and not Actor.objects.exists()


def test_refuses_a_database_with_real_documents():
    make_document()
    with pytest.raises(CommandError, match="real .non-synthetic. documents"):
        generate("--recommendations", "10", "--actors", "5", "--dialogues", "1")
    assert not Actor.objects.exists()


def test_force_adds_to_a_database_with_real_documents():
    make_document()
    generate("--recommendations", "10", "--actors", "5", "--dialogues", "1", "--force")
    assert Recommendation.objects.count() == 10
