"""How well the reader extracts recommendations and their actors, measured against hand-made gold files.

``tests/reader_corpus/`` holds reports in layouts the seeds do not show, each with its sidecar and a
``<stem>.gold.toml``; ``tests/reader_corpus/seeds/`` holds the gold of the five seed reports in
``fixtures/documents/``. ``dialogues.ingest.grading`` explains how items are matched. The same
figures are printed by ``.venv/bin/python -m bench.bench_reader``.
"""

from datetime import date
from pathlib import Path

import pytest

from dialogues.ingest import ActorMention, IngestError, ParsedDocument, RecommendationRecord, Sidecar, SourceDocument
from dialogues.ingest.gazetteer import load_gazetteer
from dialogues.ingest.grading import (
    Gold,
    GoldItem,
    describe_errors,
    gold_files,
    grade,
    grade_file,
    load_gold,
    normalise,
    same_actors,
    score_table,
    total,
)

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "reader_corpus"
GOLD_FILES = gold_files(CORPUS, CORPUS / "seeds")
MIN_RECALL = 0.98
MIN_ACTOR_ACCURACY = 0.95
# The target is 0.02 (``bench.bench_reader --check`` holds the reader to it); the corpus stands at
# 0.025 today, eighteen passages in 721 (executive summaries' short restatements, a notice to members,
# a target that reads like an ask). This bound keeps the reader from getting worse while that gap is open.
MAX_SPURIOUS_RATE = 0.025
# Reports kept out of the corpus to measure the reader on layouts it was not shaped on: graded by
# ``bench.bench_reader tests/reader_heldout/*.gold.toml``, never tuned on; here only their gold is checked.
HELD_OUT = gold_files(ROOT / "tests" / "reader_heldout")


@pytest.fixture(scope="module")
def gazetteer():
    return load_gazetteer(ROOT / "fixtures" / "actors.toml")


@pytest.fixture(scope="module")
def scores(gazetteer):
    return [grade_file(path, gazetteer) for path in GOLD_FILES]


# --- the corpus --------------------------------------------------------------------------------


def test_every_seed_report_has_a_gold_file():
    annotated = {load_gold(path).report.resolve() for path in gold_files(CORPUS / "seeds")}
    assert annotated == {path.resolve() for path in (ROOT / "fixtures" / "documents").glob("*.txt")}


@pytest.mark.parametrize("path", GOLD_FILES + HELD_OUT, ids=lambda p: p.name.removesuffix(".gold.toml"))
def test_gold_quotes_stand_in_their_report(path):
    """Every quote is verbatim in the report (after normalising), so a miss is the reader's, not the gold's."""
    gold = load_gold(path)
    text = normalise(gold.report.read_text(encoding="utf-8"))
    absent = [q for q in [g.quote for g in gold.recommendations] + list(gold.not_recommendations)
              if normalise(q) not in text]
    assert absent == []


@pytest.mark.parametrize("path", GOLD_FILES, ids=lambda p: p.name.removesuffix(".gold.toml"))
def test_report_is_read_and_graded(path, gazetteer):
    score = grade_file(path, gazetteer)
    print(score_table([score]))
    print(describe_errors(score))
    assert score.gold == len(load_gold(path).recommendations)
    assert score.found + len(score.misses) == score.gold


def test_reader_quality_on_the_whole_corpus(scores):
    overall = total(scores)
    report = f"\n{score_table(scores)}\n\n{describe_errors(overall)}"
    assert overall.recall >= MIN_RECALL, report
    assert overall.actor_accuracy >= MIN_ACTOR_ACCURACY, report
    assert overall.spurious_rate <= MAX_SPURIOUS_RATE, report


# --- the grader itself -------------------------------------------------------------------------


def parsed_with(*items: tuple[str, tuple[str, ...]] | tuple[str, tuple[str, ...], str]) -> ParsedDocument:
    """Return a parsed document whose recommendations have the given (text, actors[, kind])."""
    source = SourceDocument(path=Path("report.txt"), text="", checksum="",
                            sidecar=Sidecar(title="T", kind="policy dialogue", start_date=date(2024, 1, 1)))
    records = tuple(
        RecommendationRecord(key=f"r-{n}", text=item[0], section="", line_span=(n, n),
                             actors=tuple(ActorMention(a) for a in item[1]),
                             kind=item[2] if len(item) > 2 else "recommendation")
        for n, item in enumerate(items, start=1))
    return ParsedDocument(source=source, recommendations=records)


def gold_with(*items: GoldItem, not_recommendations: tuple[str, ...] = ()) -> Gold:
    return Gold(path=Path("report.gold.toml"), report=Path("report.txt"), recommendations=items,
                not_recommendations=not_recommendations)


EDUCATION = GoldItem("mandate curriculum review", ("Ministries of Education",))
DONORS = GoldItem("fund migrant resource centres", ("Development partners", "ILO"))


def test_grade_perfect_match(gazetteer):
    score = grade(parsed_with(
        ("Ministries of Education should mandate curriculum review.", ("Ministries of Education",)),
        ("Development partners should fund migrant resource centres with the ILO.",
         ("development partners", "International Labour Organization")),
    ), gold_with(EDUCATION, DONORS), gazetteer)
    assert (score.gold, score.found, score.actors_right, score.extracted, score.spurious) == (2, 2, 2, 2, 0)
    assert (score.recall, score.actor_accuracy, score.spurious_rate) == (1.0, 1.0, 0.0)
    assert score.misses == () and score.wrong_actors == () and score.spurious_items == ()


def test_grade_counts_a_miss(gazetteer):
    score = grade(parsed_with(("Ministries of Education should mandate curriculum review.",
                               ("Ministries of Education",))), gold_with(EDUCATION, DONORS), gazetteer)
    assert (score.found, score.recall) == (1, 0.5)
    assert [m.item for m in score.misses] == [DONORS]


def test_grade_counts_wrong_actors(gazetteer):
    score = grade(parsed_with(
        ("Development partners should fund migrant resource centres.", ("Development partners",)),
    ), gold_with(DONORS), gazetteer)
    assert (score.found, score.actors_right, score.actor_accuracy) == (1, 0, 0.0)
    assert score.wrong_actors[0].expected == ("Development partners", "ILO")
    assert score.wrong_actors[0].found == ("Development partners",)


def test_grade_counts_a_spurious_item(gazetteer):
    score = grade(parsed_with(
        ("Ministries of Education should mandate curriculum review.", ("Ministries of Education",)),
        ("Only two countries publish data on recruitment costs.", ()),
    ), gold_with(EDUCATION), gazetteer)
    assert (score.extracted, score.spurious, score.spurious_rate) == (2, 1, 0.5)
    assert score.spurious_items[0].text.startswith("Only two countries")
    assert score.spurious_items[0].reason == "no gold recommendation"


def test_grade_counts_an_item_that_swallowed_a_non_recommendation_as_spurious(gazetteer):
    score = grade(parsed_with(
        ('"Nobody should pay for a job," she said. Ministries of Education should mandate curriculum review.',
         ("Ministries of Education",)),
    ), gold_with(EDUCATION, not_recommendations=("nobody should pay for a job",)), gazetteer)
    assert (score.found, score.spurious) == (1, 1)
    assert "nobody should pay for a job" in score.spurious_items[0].reason


def test_grade_matches_each_gold_item_once(gazetteer):
    # Two recommendations run together into one item: one is found, the other missed.
    score = grade(parsed_with(
        ("Ministries of Education should mandate curriculum review. Development partners should fund migrant "
         "resource centres.", ("Ministries of Education", "Development partners")),
    ), gold_with(EDUCATION, DONORS), gazetteer)
    assert (score.found, len(score.misses)) == (1, 1)


def test_grade_finds_the_assignment_that_matches_most(gazetteer):
    # The first item holds both quotes, the second only the first quote: both gold items are found.
    score = grade(parsed_with(
        ("Mandate curriculum review and fund migrant resource centres.", ()),
        ("Ministries of Education should mandate curriculum review.", ("Ministries of Education",)),
    ), gold_with(EDUCATION, DONORS), gazetteer)
    assert score.found == 2 and score.spurious == 0


def test_quotes_and_texts_are_normalised(gazetteer):
    gold = gold_with(GoldItem("include the full cost of recruitment in their contracts — with \u201call\u201d agencies",
                              ("Employers",)))
    parsed = parsed_with(("Employers should INCLUDE the full cost of recruit-\nment in their  contracts - with "
                          '"all" agencies.', ("employers",)))
    assert grade(parsed, gold, gazetteer).found == 1
    assert normalise("sub-\nnational  ﬁnance") == normalise("Subnational finance")


def test_fuzzy_match_forgives_ocr_noise_but_not_a_fragment(gazetteer):
    gold = gold_with(GoldItem("develop systems which more accurately estimate needs and prediction of use of vaccines"))
    noisy = parsed_with(("the CDC can work with Ministries of Health sto develop systems which more accurately "
                         "estimate neds and predicton of use of vacines", ()))
    assert grade(noisy, gold, gazetteer).found == 1
    fragment = parsed_with(("estimate needs", ()))
    assert grade(fragment, gold, gazetteer).found == 0


def test_actor_sets_compare_through_the_gazetteer(gazetteer):
    assert same_actors(["MUSP"], ["Mekong-U.S. Partnership"], gazetteer)
    assert same_actors(["the CDC", "MUSP"], ["MUSP", "CDC", "U.S. Centers for Disease Control and Prevention"],
                       gazetteer)
    assert not same_actors(["Ministry of Education"], ["Ministries of Education"], gazetteer)
    assert same_actors(["National qualification agencies"], ["national qualification agency"], gazetteer)
    assert not same_actors(["ILO"], ["ILO", "IOM"], gazetteer)
    assert same_actors([], [], gazetteer) and not same_actors([], ["the region"], gazetteer)
    # A country in brackets qualifies the name; it does not make it the country's government.
    assert not same_actors(["Department of Livestock and Fisheries (Lao PDR)"], ["Government of Lao PDR"], gazetteer)


def test_total_adds_up_reports(gazetteer):
    first = grade(parsed_with(("Ministries of Education should mandate curriculum review.", ())),
                  gold_with(EDUCATION), gazetteer)
    second = grade(parsed_with(("Something else entirely.", ())), gold_with(DONORS), gazetteer)
    overall = total([first, second])
    assert (overall.gold, overall.found, overall.actors_right, overall.extracted, overall.spurious) == (2, 1, 0, 2, 1)
    assert overall.reports == 2 and len(overall.misses) == 1 and len(overall.wrong_actors) == 1
    assert "total" in score_table([first, second])


def test_load_gold_finds_its_report(tmp_path):
    (tmp_path / "note.txt").write_text("Governments should act.\n", encoding="utf-8")
    (tmp_path / "note.gold.toml").write_text('[[recommendation]]\nquote = "act"\nactors = ["Governments"]\n',
                                             encoding="utf-8")
    gold = load_gold(tmp_path / "note.gold.toml")
    assert gold.report == tmp_path / "note.txt" and gold.recommendations == (GoldItem("act", ("Governments",)),)
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "other.gold.toml").write_text('report = "note.txt"\n', encoding="utf-8")
    assert load_gold(tmp_path / "sub" / "other.gold.toml").report == tmp_path / "note.txt"


def test_load_gold_refuses_an_unknown_kind(tmp_path):
    (tmp_path / "bad.txt").write_text("x\n", encoding="utf-8")
    (tmp_path / "bad.gold.toml").write_text('[[recommendation]]\nquote = "x"\nkind = "wish"\n', encoding="utf-8")
    with pytest.raises(IngestError, match="kind must be one of"):
        load_gold(tmp_path / "bad.gold.toml")
