"""Recurring recommendations: detection, staff decisions, links by hand, chains, pages and exports."""

import csv
import io
import json
from datetime import date
from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.urls import reverse

from recommendations.models import Status
from recurrence import similarity
from recurrence.models import ChainEntry, LinkOrigin, LinkStatus, RecommendationTerm, RecurrenceLink
from recurrence.services import decide_links, detect_all, index_terms, link_by_hand, suggest_recurrences
from tests.factories import (
    make_actor,
    make_dialogue,
    make_document,
    make_recommendation,
    make_staff,
    make_theme,
)

pytestmark = pytest.mark.django_db

REGISTRY = "Ministries of Health should establish a national registry of health workers who leave to work abroad."
REGISTRY_AGAIN = ("Ministries of Health should set up a national registry of the health workers who leave to work "
                  "abroad.")
REGISTRY_THIRD = ("Ministries of Health should establish national registries of health workers who leave for work "
                  "abroad.")
UNRELATED = "Universities should offer internships to final-year engineering students."


def raised(text: str, year: int, *, theme=None, actors=(), published=True, **kwargs):
    """A recommendation of a dialogue of its own that started on 1 June of ``year``."""
    dialogue = make_dialogue(start_date=date(year, 6, 1), published=published, title=f"Dialogue of {year}")
    rec = make_recommendation(document=make_document(dialogue=dialogue), text=text, theme=theme,
                              actors=list(actors), **kwargs)
    index_terms([rec.pk])  # as a load does
    return rec


@pytest.fixture
def health():
    return make_theme(name="Health workforce migration")


@pytest.fixture
def ministries():
    return make_actor(name="Ministries of Health")


@pytest.fixture
def staff():
    return make_staff(superuser=True)


def links():
    return list(RecurrenceLink.objects.order_by("pk").values_list("earlier_id", "later_id", "status"))


def snapshot():
    """Everything recurrence keeps, to show that a refused input changed nothing."""
    return (links(), list(ChainEntry.objects.order_by("pk").values_list()),
            list(RecurrenceLink.objects.order_by("pk").values_list("decided_by", "decided_at")))


# --- The wording model -----------------------------------------------------------------------------

def test_terms_fold_spelling_numbers_and_generic_verbs():
    assert similarity.terms("Establish five labor centers") == similarity.terms("Set up 5 labour centres")


def test_identical_wordings_score_high_and_unrelated_ones_zero():
    idf = similarity.idf_from({}, 100)
    same = similarity.compare(similarity.Wording.of(REGISTRY), similarity.Wording.of(REGISTRY), idf=idf,
                              shared_theme=True, shared_actor=True)
    other = similarity.compare(similarity.Wording.of(REGISTRY), similarity.Wording.of(UNRELATED), idf=idf,
                               shared_theme=True, shared_actor=True)
    assert same.score > 0.9
    assert other.score == 0.0


def test_a_swapped_object_in_a_copied_frame_lowers_the_score():
    idf = similarity.idf_from({}, 100)
    base = "Governments should create a transboundary early warning system for floods in the lower Mekong basin."
    swap = ("Governments should create a transboundary early warning system for dengue outbreaks in the lower "
            "Mekong basin.")
    reworded = "Establish a flood early warning system shared across the borders of the lower Mekong countries."
    scores = {text: similarity.compare(similarity.Wording.of(base), similarity.Wording.of(text), idf=idf,
                                       shared_theme=True, shared_actor=True) for text in (swap, reworded)}
    assert scores[swap].features["copied_swap"] > 0
    assert scores[swap].score < scores[reworded].score


# --- Detection on load and on demand ---------------------------------------------------------------

def test_detection_suggests_a_repeat_from_an_earlier_dialogue(health, ministries):
    first = raised(REGISTRY, 2019, theme=health, actors=[ministries])
    again = raised(REGISTRY_AGAIN, 2023, theme=health, actors=[ministries])
    raised(UNRELATED, 2021, theme=health)
    report = suggest_recurrences(recommendation_ids=[again.pk])
    assert links() == [(first.pk, again.pk, LinkStatus.SUGGESTED)]
    link = RecurrenceLink.objects.get()
    assert link.origin == LinkOrigin.DETECTED and link.score >= 0.5 and "cosine" in link.features
    assert len(report.suggested) == 1
    assert not ChainEntry.objects.exists()  # a suggestion is never applied by itself


def test_detection_of_an_older_document_links_it_as_the_first_raised(health, ministries):
    later = raised(REGISTRY_AGAIN, 2023, theme=health, actors=[ministries])
    older = raised(REGISTRY, 2019, theme=health, actors=[ministries])  # a back-dated report loaded last
    suggest_recurrences(recommendation_ids=[older.pk])
    assert links() == [(older.pk, later.pk, LinkStatus.SUGGESTED)]


def test_recommendations_of_the_same_date_are_not_compared(health, ministries):
    one = raised(REGISTRY, 2023, theme=health, actors=[ministries])
    raised(REGISTRY_AGAIN, 2023, theme=health, actors=[ministries])
    suggest_recurrences(recommendation_ids=[one.pk])
    assert links() == []


def test_a_rejected_pair_is_never_suggested_again(health, ministries, staff):
    first = raised(REGISTRY, 2019, theme=health, actors=[ministries])
    again = raised(REGISTRY_AGAIN, 2023, theme=health, actors=[ministries])
    suggest_recurrences(recommendation_ids=[again.pk])
    decide_links(link_ids=[RecurrenceLink.objects.get().pk], decision=LinkStatus.REJECTED, decided_by=staff)
    detect_all()
    suggest_recurrences(recommendation_ids=[again.pk, first.pk])
    assert links() == [(first.pk, again.pk, LinkStatus.REJECTED)]


def test_loading_documents_suggests_repeats_in_the_same_transaction(tmp_path, health, ministries):
    from dialogues.ingest import load_gazetteer, parse_document, read_sources
    from dialogues.services import load_documents

    first = raised(REGISTRY, 2019, theme=health, actors=[ministries])
    (tmp_path / "report.txt").write_text(f"RECOMMENDATIONS\n\n- {REGISTRY_AGAIN}\n", encoding="utf-8")
    (tmp_path / "report.toml").write_text('title = "Later dialogue"\nkind = "policy dialogue"\n'
                                         'start_date = 2024-03-01\n', encoding="utf-8")
    from django.conf import settings

    parsed = [parse_document(s) for s in read_sources([tmp_path])]
    gazetteer = load_gazetteer(settings.FIXTURES_DIR / "actors.toml")
    load_documents(parsed, gazetteer=gazetteer, dry_run=True)
    assert links() == []  # a dry run writes nothing, suggestions included
    load_documents(parsed, gazetteer=gazetteer)
    assert [(e, status) for e, _, status in links()] == [(first.pk, LinkStatus.SUGGESTED)]


def test_detect_command_on_an_empty_database_says_there_is_nothing_to_compare():
    with pytest.raises(CommandError, match="Nothing to compare: the database holds no recommendations"):
        call_command("detect_recurrences")
    assert not RecommendationTerm.objects.exists()


def test_detect_command_with_one_dialogue_date_says_there_is_nothing_to_compare(health):
    raised(REGISTRY, 2019, theme=health)
    with pytest.raises(CommandError, match="Nothing to compare: every recommendation comes from dialogues of one"):
        call_command("detect_recurrences")
    assert links() == []


def test_detect_command_suggests_across_the_database(health, ministries):
    first = raised(REGISTRY, 2019, theme=health, actors=[ministries])
    again = raised(REGISTRY_AGAIN, 2023, theme=health, actors=[ministries])
    out = StringIO()
    call_command("detect_recurrences", stdout=out)
    assert links() == [(first.pk, again.pk, LinkStatus.SUGGESTED)]
    assert "suggested 1 links" in out.getvalue()


# --- Staff decisions ---------------------------------------------------------------------------------

@pytest.fixture
def chain_of_three(health, ministries):
    recs = [raised(text, year, theme=health, actors=[ministries])
            for text, year in ((REGISTRY, 2018), (REGISTRY_AGAIN, 2021), (REGISTRY_THIRD, 2024))]
    detect_all()
    return recs


def test_confirming_links_builds_the_chain(chain_of_three, staff):
    first, second, third = chain_of_three
    decide_links(link_ids=RecurrenceLink.objects.values_list("pk", flat=True), decision=LinkStatus.CONFIRMED,
                 decided_by=staff)
    entries = {e.recommendation_id: e for e in ChainEntry.objects.all()}
    assert {pk: (e.position, e.first_raised_id, e.repetitions) for pk, e in entries.items()} == {
        first.pk: (1, first.pk, 2), second.pk: (2, first.pk, 2), third.pk: (3, first.pk, 2)}
    assert entries[third.pk].is_latest and entries[first.pk].first_raised_date == date(2018, 6, 1)
    assert set(RecurrenceLink.objects.values_list("decided_by", flat=True)) == {staff.pk}


def test_confirming_a_suggestion_someone_rejected_meanwhile_is_refused(chain_of_three, staff):
    link = RecurrenceLink.objects.order_by("pk").first()
    other = make_staff(username="bob")
    decide_links(link_ids=[link.pk], decision=LinkStatus.REJECTED, decided_by=other)
    before = snapshot()
    everything = list(RecurrenceLink.objects.values_list("pk", flat=True))
    with pytest.raises(ValidationError, match=rf"link #{link.pk} was rejected by bob on .*Nothing was changed"):
        decide_links(link_ids=everything, decision=LinkStatus.CONFIRMED, decided_by=staff)
    assert snapshot() == before


# --- Links by hand -----------------------------------------------------------------------------------

def test_linking_by_hand_confirms_at_once(health, staff):
    first = raised(REGISTRY, 2019, theme=health)
    later = raised("Create a register of emigrating nurses.", 2022, theme=health)
    link = link_by_hand(earlier=first, later=later, linked_by=staff, note="Same ask, per the chair's summary")
    assert (link.status, link.origin, link.decided_by) == (LinkStatus.CONFIRMED, LinkOrigin.BY_HAND, staff)
    assert ChainEntry.objects.get(recommendation=later).first_raised == first


def test_linking_a_recommendation_to_itself_is_refused(health, staff):
    rec = raised(REGISTRY, 2019, theme=health)
    before = snapshot()
    with pytest.raises(ValidationError, match="A recommendation cannot repeat itself"):
        link_by_hand(earlier=rec, later=rec, linked_by=staff)
    assert snapshot() == before


def test_linking_to_a_later_dialogue_as_first_raised_is_refused(health, staff):
    later = raised(REGISTRY_AGAIN, 2023, theme=health)
    earlier = raised(REGISTRY, 2019, theme=health)
    before = snapshot()
    with pytest.raises(ValidationError, match=rf"The first raised must come from an earlier dialogue: #{later.pk} "
                                              r"\(Dialogue of 2023, .*\) did not start before"):
        link_by_hand(earlier=later, later=earlier, linked_by=staff)
    assert snapshot() == before


def test_a_link_that_would_make_a_cycle_is_refused(health, staff):
    a = raised(REGISTRY, 2019, theme=health)
    b = raised(REGISTRY_AGAIN, 2021, theme=health)
    link_by_hand(earlier=a, later=b, linked_by=staff)
    # The first dialogue's date is corrected afterwards: it took place after the second.
    a.dialogue.start_date = date(2023, 6, 1)
    a.dialogue.save()
    a.refresh_from_db()
    before = snapshot()
    with pytest.raises(ValidationError, match=rf"would make a cycle: confirmed links already lead from #{a.pk} "
                                              rf"to #{b.pk} \(#{a.pk} → #{b.pk}\)"):
        link_by_hand(earlier=b, later=a, linked_by=staff)
    assert snapshot() == before


def test_linking_a_rejected_pair_by_hand_is_refused(chain_of_three, staff):
    first, second, _ = chain_of_three
    decide_links(link_ids=RecurrenceLink.objects.filter(earlier=first, later=second).values_list("pk", flat=True),
                 decision=LinkStatus.REJECTED, decided_by=staff)
    before = snapshot()
    with pytest.raises(ValidationError, match="These two are already rejected"):
        link_by_hand(earlier=first, later=second, linked_by=staff)
    assert snapshot() == before


# --- The admin queue ---------------------------------------------------------------------------------

def test_admin_queue_shows_suggestions_side_by_side(client, chain_of_three, staff):
    client.force_login(staff)
    response = client.get(reverse("admin:recurrence_recurrencelink_changelist"))
    page = response.content.decode()
    assert response.status_code == 200
    assert REGISTRY in page and REGISTRY_AGAIN in page and "Dialogue of 2018" in page


def test_admin_bulk_confirm_action(client, chain_of_three, staff):
    client.force_login(staff)
    ids = list(RecurrenceLink.objects.values_list("pk", flat=True))
    response = client.post(reverse("admin:recurrence_recurrencelink_changelist"),
                           {"action": "confirm_links", "_selected_action": ids}, follow=True)
    assert "Confirmed 3 links." in response.content.decode()
    assert set(RecurrenceLink.objects.values_list("status", flat=True)) == {LinkStatus.CONFIRMED}


def test_admin_bulk_reject_of_a_stale_selection_changes_nothing(client, chain_of_three, staff):
    client.force_login(staff)
    link = RecurrenceLink.objects.order_by("pk").first()
    decide_links(link_ids=[link.pk], decision=LinkStatus.CONFIRMED, decided_by=make_staff(username="carol"))
    before = snapshot()
    response = client.post(reverse("admin:recurrence_recurrencelink_changelist") + "?status=all",
                           {"action": "reject_links",
                            "_selected_action": list(RecurrenceLink.objects.values_list("pk", flat=True))},
                           follow=True)
    assert f"link #{link.pk} was confirmed by carol" in response.content.decode()
    assert snapshot() == before


def test_admin_add_form_links_by_hand_and_reports_bad_input(client, health, staff):
    client.force_login(staff)
    first, later = raised(REGISTRY, 2019, theme=health), raised(UNRELATED, 2022, theme=health)
    add = reverse("admin:recurrence_recurrencelink_add")
    refused = client.post(add, {"earlier": later.pk, "later": first.pk, "note": ""})
    assert refused.status_code == 200
    assert "The first raised must come from an earlier dialogue" in refused.content.decode()
    assert links() == []
    client.post(add, {"earlier": first.pk, "later": later.pk, "note": "Same ask"})
    assert links() == [(first.pk, later.pk, LinkStatus.CONFIRMED)]


def test_reviewers_cannot_decide(client, chain_of_three):
    from django.contrib.auth.models import Group

    reviewer = make_staff(username="rita")
    reviewer.groups.add(Group.objects.get(name="Reviewer"))
    client.force_login(reviewer)
    ids = list(RecurrenceLink.objects.values_list("pk", flat=True))
    client.post(reverse("admin:recurrence_recurrencelink_changelist"),
                {"action": "confirm_links", "_selected_action": ids})
    assert set(RecurrenceLink.objects.values_list("status", flat=True)) == {LinkStatus.SUGGESTED}


# --- Public pages and downloads ----------------------------------------------------------------------

@pytest.fixture
def confirmed_chain(chain_of_three, staff):
    decide_links(link_ids=RecurrenceLink.objects.values_list("pk", flat=True), decision=LinkStatus.CONFIRMED,
                 decided_by=staff)
    return chain_of_three


def test_recommendation_page_shows_its_chain(client, confirmed_chain):
    first, second, third = confirmed_chain
    page = client.get(second.get_absolute_url()).content.decode()
    assert "Raised before and since" in page
    assert "first raised at" in page.lower() and "Dialogue of 2018" in page and "repeated 2 times since" in page
    assert first.get_absolute_url() in page and third.get_absolute_url() in page


def test_recommendation_page_without_a_chain_shows_none(client, health):
    rec = raised(REGISTRY, 2019, theme=health)
    assert "Raised before and since" not in client.get(rec.get_absolute_url()).content.decode()


def test_suggested_links_are_not_public(client, chain_of_three):
    assert "Raised before and since" not in client.get(chain_of_three[1].get_absolute_url()).content.decode()


def test_recommendation_page_with_a_chain_keeps_its_query_budget(client, confirmed_chain,
                                                                 django_assert_max_num_queries):
    with django_assert_max_num_queries(13):  # the page's 12, plus the chain
        assert client.get(confirmed_chain[1].get_absolute_url()).status_code == 200


def test_list_recurring_facet_and_filter(client, confirmed_chain, health):
    raised(UNRELATED, 2020, theme=health)
    response = client.get(reverse("recommendations:recommendation-list"))
    recurring = next(f for f in response.context["facets"] if f.name == "recurring")
    assert {o.value: o.n for o in recurring.options} == {"once": 1, "repeated": 3}
    filtered = client.get(reverse("recommendations:recommendation-list"), {"recurring": "once"})
    assert [r.text for r in filtered.context["page"]] == [UNRELATED]


def test_list_refuses_an_unknown_recurring_value(client, confirmed_chain):
    response = client.get(reverse("recommendations:recommendation-list"), {"recurring": "always"})
    assert response.status_code == 200
    assert "Choose raised once, repeated, or repeated 3+ times." in response.content.decode()


def test_list_sorts_by_standing_since(client, confirmed_chain, health):
    old_once = raised(UNRELATED, 2020, theme=health)
    response = client.get(reverse("recommendations:recommendation-list"), {"sort": "standing"})
    order = [r.pk for r in response.context["page"]]
    # The chain stands since 2018 (its newest raising first within it), then the ask of 2020.
    assert order[-1] == old_once.pk and set(order[:3]) == {r.pk for r in confirmed_chain}


def test_theme_and_actor_pages_show_longest_standing_open_asks(client, confirmed_chain, health, ministries):
    third = confirmed_chain[2]
    closed = raised(UNRELATED, 2017, theme=health, actors=[ministries], current_status=Status.IMPLEMENTED)
    for url in (health.get_absolute_url(), ministries.get_absolute_url()):
        page = client.get(url).content.decode()
        assert "Longest-standing open asks" in page
        assert third.get_absolute_url() in page and "raised 3 times" in page
        assert closed.get_absolute_url() not in page.split("Longest-standing open asks")[1].split("</section>")[0]


def test_exports_carry_first_raised_and_repetitions(client, confirmed_chain, health):
    first, _, third = confirmed_chain
    once = raised(UNRELATED, 2020, theme=health)
    rows = {int(r["id"]): r for r in csv.DictReader(io.StringIO(
        b"".join(client.get(reverse("recommendations:export-csv")).streaming_content).decode()))}
    assert (rows[third.pk]["first raised id"], rows[third.pk]["first raised date"], rows[third.pk]["repetitions"]) == (
        str(first.pk), "2018-06-01", "2")
    assert (rows[once.pk]["first raised id"], rows[once.pk]["repetitions"]) == (str(once.pk), "0")
    data = {r["id"]: r for r in json.loads(b"".join(
        client.get(reverse("recommendations:export-json")).streaming_content))}
    assert (data[third.pk]["first_raised_id"], data[third.pk]["first_raised_date"], data[third.pk]["repetitions"]) == (
        first.pk, "2018-06-01", 2)


def test_backup_and_restore_keep_links_and_chains(tmp_path, confirmed_chain):
    before = snapshot()
    dump = tmp_path / "backup.json"
    call_command("backup_data", str(dump), stdout=StringIO())
    call_command("restore_data", str(dump), "--yes", stdout=StringIO())
    assert snapshot()[:2] == before[:2]  # links and chains (a dump keeps times to the millisecond)
    assert RecommendationTerm.objects.exists()  # rebuilt, not dumped


def test_publishing_an_uploaded_report_suggests_repeats(client):
    from django.contrib.auth.models import Group

    from recurrence.models import RecurrenceLink as Link
    from tests import test_report_import as imports

    earlier = raised("Donors should fund retention bonuses for rural nurses.", 2020)
    user = make_staff()
    user.groups.add(Group.objects.get(name="Secretariat"))
    client.force_login(user)
    report_import = imports.uploaded(client)
    assert not Link.objects.exists()  # the upload only reads the file
    page = imports.review_page(client, report_import)
    client.post(reverse(imports.CHANGE, args=[report_import.pk]), imports.review_post(page, action="publish"))
    link = Link.objects.get()
    assert (link.earlier, link.status) == (earlier, LinkStatus.SUGGESTED)
    assert link.later.dialogue.title == "Health Workforce Dialogue"
