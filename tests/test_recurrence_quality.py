"""How well detection suggests repeats: the labelled pairs of tests/recurrence_pairs, through the database.

Every pair's two recommendations are stored in dialogues of their years, with their themes and
actors; detection runs over the whole database as ``detect_recurrences`` does; a labelled pair counts
as suggested when a link joins its two recommendations. Suggestions between recommendations of
different pairs are unlabelled: they are counted and printed, not graded.
"""

import tomllib
from datetime import date
from pathlib import Path

import pytest

from recurrence.models import RecurrenceLink
from recurrence.services import SUGGEST_AT, detect_all
from tests.factories import make_actor, make_dialogue, make_document, make_recommendation, make_theme

PAIRS = Path(__file__).parent / "recurrence_pairs"
pytestmark = pytest.mark.django_db


def load_pairs(name: str) -> list[dict]:
    return tomllib.loads((PAIRS / name).read_text(encoding="utf-8"))["pair"]


def store(pairs: list[dict]) -> list[tuple[int, int, dict]]:
    """Store every pair's recommendations (a text of one year once); return (a pk, b pk, pair)."""
    dialogues, themes, actors, recs = {}, {}, {}, {}

    def rec(text: str, meta: dict) -> int:
        key = (text, meta["year"])
        if key not in recs:
            year = meta["year"]
            if year not in dialogues:
                dialogues[year] = make_document(dialogue=make_dialogue(title=f"Dialogue {year}",
                                                                       start_date=date(year, 6, 1)))
            theme = themes.get(meta["theme"]) or themes.setdefault(meta["theme"], make_theme(name=meta["theme"]))
            named = [actors.get(n) or actors.setdefault(n, make_actor(name=n)) for n in meta["actors"]]
            recs[key] = make_recommendation(document=dialogues[year], text=text, theme=theme, actors=named).pk
        return recs[key]

    return [(rec(p["a"], p["a_meta"]), rec(p["b"], p["b_meta"]), p) for p in pairs]


def measure(pairs: list[dict]) -> dict:
    stored = store(pairs)
    detect_all()
    links = set(RecurrenceLink.objects.values_list("earlier_id", "later_id"))
    graded = {(a, b) for a, b, _ in stored}
    outcome = {"tp": 0, "fp": 0, "fn": 0, "tn": 0, "misses": [], "false": []}
    for a, b, pair in stored:
        suggested = (a, b) in links
        same = pair["label"] == "same"
        key = {(True, True): "tp", (True, False): "fp", (False, True): "fn", (False, False): "tn"}[suggested, same]
        outcome[key] += 1
        if key == "fn":
            outcome["misses"].append(pair)
        if key == "fp":
            outcome["false"].append(pair)
    outcome["precision"] = outcome["tp"] / ((outcome["tp"] + outcome["fp"]) or 1)
    outcome["recall"] = outcome["tp"] / ((outcome["tp"] + outcome["fn"]) or 1)
    outcome["unlabelled"] = len(links - graded)
    return outcome


def report(name: str, outcome: dict) -> None:
    print(f"\n{name}: precision {outcome['precision']:.1%}, recall {outcome['recall']:.1%} at score >= {SUGGEST_AT} "
          f"(tp {outcome['tp']}, fp {outcome['fp']}, fn {outcome['fn']}, tn {outcome['tn']}; "
          f"{outcome['unlabelled']} suggestions between recommendations of different pairs)")
    for pair in outcome["false"]:
        print(f"  suggested, but different: {pair['a'][:70]} | {pair['b'][:70]}")
    for pair in outcome["misses"]:
        print(f"  missed repeat: {pair['a'][:70]} | {pair['b'][:70]}")


def test_suggestions_on_the_labelled_pairs():
    outcome = measure(load_pairs("pairs.toml"))
    report("pairs.toml", outcome)
    # Measured: precision 81.1 %, recall 80.4 %. The target (90 % / 85 %) is not reached:
    # near-misses that copy an earlier ask's frame and swap its object still score as repeats.
    assert outcome["precision"] >= 0.81
    assert outcome["recall"] >= 0.80


def test_suggestions_on_the_held_out_pairs():
    outcome = measure(load_pairs("heldout.toml"))
    report("heldout.toml", outcome)
    # Measured after the weights and threshold were fixed (see README, "Measured"): 68.2 % and 75.0 %.
    assert outcome["precision"] >= 0.68
    assert outcome["recall"] >= 0.75
