"""Uploading a report in the admin, reviewing what was found beside the source, saving and publishing."""

import hashlib

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from actors.models import Actor, ActorAlias
from dialogues.ingest import READER_VERSION, sources
from dialogues.models import Dialogue, Document, ImportStatus, ReportImport
from recommendations.models import Recommendation, Responsibility, StatusUpdate
from tests.factories import make_actor, make_staff, make_status_update
from tests.test_ingest_pdf import encrypted_pdf, image_only_pdf

pytestmark = pytest.mark.django_db

ADD = "admin:dialogues_reportimport_add"
CHANGE = "admin:dialogues_reportimport_change"
CHANGELIST = "admin:dialogues_reportimport_changelist"

REPORT = "\n".join([
    "Report of the Health Workforce Dialogue",  # 1
    "",
    "Background",
    "",
    "The dialogue met in Vientiane to discuss the health workforce.",  # 5
    "",
    "Recommendations",
    "",
    "1. The Ministry of Health should publish the national nurse staffing plan by 2025.",  # 9
    "2. The World Health Organization should update the safeguard list every two years.",
    "3. The Rural Clinics Association should train two hundred community health workers.",
    "4. Donors should fund retention bonuses for rural nurses.",  # 12
    "",
])
REPORT_BYTES = REPORT.encode()
EDITED = "The Ministry of Health should publish the national nurse staffing plan by 2026."
ADDED = "The Ministry of Health should report on the staffing plan every year."


def staff_in(role: str):
    user = make_staff()
    user.groups.add(Group.objects.get(name=role))
    return user


def counts() -> dict:
    return {model.__name__: model.objects.count()
            for model in (ReportImport, Dialogue, Document, Recommendation, Actor, ActorAlias)}


def upload(client, name="health.txt", data=REPORT_BYTES, **metadata):
    fields = {"title": "Health Workforce Dialogue", "kind": "policy dialogue", "start_date": "2024-03-01",
              "end_date": "2024-03-02", "place": "Vientiane, Lao PDR", "country": "LA",
              "organisers": "Ministry of Health (Lao PDR)", "language": "en", **metadata}
    return client.post(reverse(ADD), {**fields, "file": SimpleUploadedFile(name, data)}, follow=True)


def review_page(client, report_import):
    response = client.get(reverse(CHANGE, args=[report_import.pk]))
    assert response.status_code == 200
    return response


def review_post(page, action="review", edit=None, drop=(), add=None, map_to=None) -> dict:
    """The review form as the page shows it, with ``edit`` (item number -> text), items dropped,
    one item added and new names mapped onto existing actors (words of the name -> Actor)."""
    items, names = page.context["item_formset"].initial, page.context["map_formset"].initial
    button = {"review": "_review", "save": "_save_unpublished", "publish": "_publish"}[action]
    data = {"revision": page.context["review_form"].initial["revision"], button: "",
            "item-TOTAL_FORMS": len(items), "item-INITIAL_FORMS": len(items),
            "map-TOTAL_FORMS": len(names), "map-INITIAL_FORMS": len(names),
            "add-kind": "recommendation"}
    for n, item in enumerate(items):
        data.update({f"item-{n}-key": item["key"], f"item-{n}-text": (edit or {}).get(n + 1, item["text"]),
                     f"item-{n}-kind": item["kind"], f"item-{n}-actors": item["actors"]})
        if n + 1 in drop or item["dropped"]:
            data[f"item-{n}-dropped"] = "on"
    for n, row in enumerate(names):
        # Matched by the words, not as the reader spells them ("The ..." or not).
        chosen = next((actor for words, actor in (map_to or {}).items() if words in row["name"]), None)
        data.update({f"map-{n}-name": row["name"], f"map-{n}-actor": chosen.pk if chosen else row["actor"] or ""})
    for field, value in (add or {}).items():
        data[f"add-{field}"] = value
    return data


def uploaded(client) -> ReportImport:
    response = upload(client)
    assert response.status_code == 200, response.content.decode()
    return ReportImport.objects.get()


@pytest.fixture
def secretariat(client):
    user = staff_in("Secretariat")
    client.force_login(user)
    return user


# --- upload ----------------------------------------------------------------------------------------

def test_upload_keeps_a_draft_and_writes_nothing_to_the_portal(client, secretariat):
    before = counts()
    response = upload(client)
    report_import = ReportImport.objects.get()
    assert response.redirect_chain[-1][0] == reverse(CHANGE, args=[report_import.pk])
    assert "4 items found" in response.content.decode()
    assert report_import.status == ImportStatus.DRAFT
    assert report_import.checksum == hashlib.sha256(REPORT.encode()).hexdigest()
    assert bytes(report_import.data) == REPORT.encode() and report_import.size == len(REPORT.encode())
    assert report_import.uploaded_by == secretariat and report_import.reader_version == READER_VERSION
    assert report_import.sidecar["title"] == "Health Workforce Dialogue"
    assert report_import.sidecar["start_date"] == "2024-03-01"
    assert {**counts(), "ReportImport": 0} == {**before, "ReportImport": 0}


def test_a_pdf_report_is_read_from_its_text_layer(client, secretariat):
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    for line in REPORT.splitlines():
        pdf.cell(0, 8, line, new_x="LMARGIN", new_y="NEXT")
    upload(client, name="health.pdf", data=bytes(pdf.output()))
    report_import = ReportImport.objects.get()
    assert report_import.file_name == "health.pdf"
    assert "The World Health Organization should update the safeguard list" in report_import.text
    assert len(report_import.review["items"]) == 4


def test_review_page_lists_found_items_beside_numbered_source_lines(client, secretariat):
    report_import = uploaded(client)
    page = review_page(client, report_import).content.decode()
    assert 'id="line-9" class="found"' in page and 'id="line-5">' in page
    assert 'href="#line-9"' in page and 'href="#item-1"' in page
    for line in REPORT.splitlines()[8:12]:
        assert line[3:] in page
    assert "matched: World Health Organization" in page
    assert "The Rural Clinics Association" in page and ">new<" in page
    assert "Publish" in page and "Save unpublished" in page


def test_upload_without_a_title_is_refused_and_saves_nothing(client, secretariat):
    response = upload(client, title="")
    assert response.status_code == 200
    assert "This field is required." in response.content.decode()
    assert not ReportImport.objects.exists()


# --- review, save, publish --------------------------------------------------------------------------

def test_reviewed_items_are_published_as_edited(client, secretariat):
    network = make_actor(name="Rural Clinics Network")
    report_import = uploaded(client)
    page = review_page(client, report_import)
    response = client.post(reverse(CHANGE, args=[report_import.pk]), review_post(
        page, action="publish", edit={1: EDITED}, drop={4},
        add={"text": ADDED, "line_start": 5, "line_end": 5, "actors": "Ministry of Health (Lao PDR)"},
        map_to={"Rural Clinics Association": network}), follow=True)
    assert "Published" in response.content.decode()
    dialogue = Dialogue.objects.get()
    assert dialogue.published and dialogue.title == "Health Workforce Dialogue"
    recs = {r.text: r for r in Recommendation.objects.filter(dialogue=dialogue)}
    assert set(recs) == {EDITED, REPORT.splitlines()[9][3:], REPORT.splitlines()[10][3:], ADDED}
    assert (recs[ADDED].line_start, recs[ADDED].line_end) == (5, 5)
    trainers = recs[REPORT.splitlines()[10][3:]]
    assert list(Responsibility.objects.filter(recommendation=trainers).values_list("actor", flat=True)) == [network.pk]
    assert not Actor.objects.filter(name="Rural Clinics Association").exists()
    assert ActorAlias.objects.get(name="Rural Clinics Association").actor == network
    report_import.refresh_from_db()
    assert report_import.status == ImportStatus.PUBLISHED and report_import.dialogue == dialogue
    assert report_import.loaded_by == secretariat
    assert report_import.checksum == Document.objects.get().checksum == hashlib.sha256(REPORT.encode()).hexdigest()
    assert report_import.uploaded_by == secretariat and report_import.reader_version == READER_VERSION


def test_save_unpublished_stores_an_unpublished_dialogue(client, secretariat):
    report_import = uploaded(client)
    page = review_page(client, report_import)
    client.post(reverse(CHANGE, args=[report_import.pk]), review_post(page, action="save"))
    dialogue = Dialogue.objects.get()
    assert not dialogue.published
    assert Recommendation.objects.filter(dialogue=dialogue).count() == 4
    report_import.refresh_from_db()
    assert report_import.status == ImportStatus.SAVED and report_import.dialogue == dialogue


def test_a_saved_import_is_published_later_with_its_new_edits(client, secretariat):
    report_import = uploaded(client)
    client.post(reverse(CHANGE, args=[report_import.pk]), review_post(review_page(client, report_import),
                                                                      action="save"))
    page = review_page(client, report_import)
    client.post(reverse(CHANGE, args=[report_import.pk]), review_post(page, action="publish", drop={4}))
    assert Dialogue.objects.get().published
    assert Recommendation.objects.count() == 3
    assert ReportImport.objects.get().status == ImportStatus.PUBLISHED


def test_storing_the_same_review_again_changes_nothing(client, secretariat):
    report_import = uploaded(client)
    client.post(reverse(CHANGE, args=[report_import.pk]), review_post(review_page(client, report_import),
                                                                      action="save"))
    stored = list(Recommendation.objects.order_by("pk").values_list("pk", "key", "text", "updated_at"))
    before = counts()
    client.post(reverse(CHANGE, args=[report_import.pk]), review_post(review_page(client, report_import),
                                                                      action="save"))
    assert list(Recommendation.objects.order_by("pk").values_list("pk", "key", "text", "updated_at")) == stored
    assert counts() == before


def test_an_override_naming_no_actor_stops_the_load(secretariat):
    from dialogues.imports import known_actors, reviewed_document
    from dialogues.services import LoadError, load_documents

    report_import = ReportImport.objects.create(
        file_name="health.txt", data=REPORT_BYTES, checksum="2" * 64, size=len(REPORT_BYTES), text=REPORT,
        reader_version=READER_VERSION,
        sidecar={"title": "Health Workforce Dialogue", "kind": "policy dialogue", "start_date": "2024-03-01"},
        review={"revision": 1, "found": {"recommendations": []}, "items": [], "actor_overrides": {}})
    parsed = reviewed_document(report_import, publish=True)
    with pytest.raises(LoadError, match="mapped to actor #999"):
        load_documents([parsed], gazetteer=known_actors(), actor_overrides={"Some Agency": 999})
    assert not Dialogue.objects.exists()


def test_saving_the_review_keeps_edits_without_storing_anything(client, secretariat):
    report_import = uploaded(client)
    page = review_page(client, report_import)
    response = client.post(reverse(CHANGE, args=[report_import.pk]), review_post(page, edit={1: EDITED}, drop={2}),
                           follow=True)
    assert "Review saved" in response.content.decode()
    assert not Dialogue.objects.exists()
    items = ReportImport.objects.get().review["items"]
    assert items[0]["text"] == EDITED and items[1]["dropped"]
    assert "edited" in response.content.decode()


def test_a_review_opened_before_someone_else_saved_it_is_refused(client, secretariat):
    report_import = uploaded(client)
    page = review_page(client, report_import)
    client.post(reverse(CHANGE, args=[report_import.pk]), review_post(page, drop={2}))
    response = client.post(reverse(CHANGE, args=[report_import.pk]), review_post(page, edit={1: EDITED}),
                           follow=True)
    assert "Someone else saved this review after you opened it" in response.content.decode()
    assert ReportImport.objects.get().review["items"][0]["text"] != EDITED


def test_an_added_item_beyond_the_last_line_is_refused(client, secretariat):
    report_import = uploaded(client)
    page = review_page(client, report_import)
    response = client.post(reverse(CHANGE, args=[report_import.pk]), review_post(
        page, action="publish", add={"text": ADDED, "line_start": 90, "line_end": 90}))
    assert response.status_code == 200
    assert "The source has 13 lines." in response.content.decode()
    assert not Dialogue.objects.exists() and len(ReportImport.objects.get().review["items"]) == 4


def test_an_unknown_actor_role_is_refused(client, secretariat):
    report_import = uploaded(client)
    page = review_page(client, report_import)
    data = review_post(page, action="publish")
    data["item-0-actors"] = "Ministry of Health | boss"
    response = client.post(reverse(CHANGE, args=[report_import.pk]), data)
    assert "Unknown role “boss”" in response.content.decode()
    assert not Dialogue.objects.exists()


def test_a_published_import_is_read_only(client, secretariat):
    report_import = uploaded(client)
    page = review_page(client, report_import)
    client.post(reverse(CHANGE, args=[report_import.pk]), review_post(page, action="publish"))
    page = review_page(client, report_import)
    assert 'name="_publish"' not in page.content.decode()
    response = client.post(reverse(CHANGE, args=[report_import.pk]), review_post(page, drop={1}))
    assert response.status_code == 403
    assert Recommendation.objects.count() == 4


# --- the same file again, and a changed version -----------------------------------------------------

def test_the_same_file_uploaded_again_is_refused(client, secretariat):
    report_import = uploaded(client)
    client.post(reverse(CHANGE, args=[report_import.pk]), review_post(review_page(client, report_import),
                                                                      action="publish"))
    before = counts()
    response = upload(client, name="health-copy.txt")
    page = response.content.decode()
    assert "This file was imported already: “health.txt”" in page
    assert f"import #{report_import.pk}, published as the dialogue “Health Workforce Dialogue”" in page
    assert counts() == before


def test_a_file_loaded_by_the_command_is_refused(client, secretariat):
    from tests.factories import make_document

    make_document(title="Loaded report", text=REPORT).__class__.objects.update(
        checksum=hashlib.sha256(REPORT.encode()).hexdigest())
    before = counts()
    response = upload(client)
    assert "This file is loaded already: it is the document “Loaded report”" in response.content.decode()
    assert counts() == before


def test_a_changed_version_keeps_the_status_history(client, secretariat):
    report_import = uploaded(client)
    client.post(reverse(CHANGE, args=[report_import.pk]), review_post(review_page(client, report_import),
                                                                      action="publish"))
    donors = Recommendation.objects.get(text__startswith="Donors")
    make_status_update(recommendation=donors, recorded_by=secretariat)
    changed = REPORT.replace("every two years", "every year")
    response = upload(client, data=changed.encode())
    assert "This file is loaded already" not in response.content.decode()
    second = ReportImport.objects.get(status=ImportStatus.DRAFT)
    page = review_page(client, second)
    assert "makes it that document" in page.content.decode()
    client.post(reverse(CHANGE, args=[second.pk]), review_post(page, action="publish", drop={4}))
    assert Recommendation.objects.filter(pk=donors.pk).exists()
    assert StatusUpdate.objects.filter(recommendation=donors).count() == 1
    assert Recommendation.objects.filter(text__endswith="every year.").exists()
    assert Document.objects.get().checksum == hashlib.sha256(changed.encode()).hexdigest()


# --- roles -----------------------------------------------------------------------------------------

def test_reviewer_can_read_imports_but_changes_nothing(client):
    client.force_login(staff_in("Secretariat"))
    report_import = uploaded(client)
    page = review_page(client, report_import)
    data = review_post(page, action="publish", drop={1})
    client.force_login(staff_in("Reviewer"))
    before, review = counts(), ReportImport.objects.get().review
    assert client.get(reverse(CHANGELIST)).status_code == 200
    reviewer_page = review_page(client, report_import).content.decode()
    assert "The World Health Organization should update" in reviewer_page and 'name="_publish"' not in reviewer_page
    assert client.get(reverse("admin:dialogues_reportimport_file", args=[report_import.pk])).status_code == 200
    assert client.post(reverse(CHANGE, args=[report_import.pk]), data).status_code == 403
    assert upload(client, name="other.txt").status_code == 403
    assert counts() == before and ReportImport.objects.get().review == review


# --- bad uploads -----------------------------------------------------------------------------------

def assert_refused(response, message: str, before: dict) -> None:
    assert response.status_code == 200
    assert message in response.content.decode()
    assert counts() == before


def test_an_image_is_refused(client, secretariat):
    before = counts()
    response = upload(client, name="photo.png", data=b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
    assert_refused(response, "only .txt, .md and .pdf files can be loaded (this looks like a PNG image)", before)


def test_an_image_renamed_txt_is_refused(client, secretariat):
    before = counts()
    response = upload(client, name="photo.txt", data=b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
    assert_refused(response, "this binary file looks like a PNG image", before)


def test_a_word_document_is_refused(client, secretariat):
    before = counts()
    data = b"PK\x03\x04" + b"\x00" * 26 + b"[Content_Types].xml" + b"\x00" * 30 + b"word/document.xml"
    response = upload(client, name="report.docx", data=data)
    assert_refused(response, "only .txt, .md and .pdf files can be loaded (this looks like a Word document)",
                   before)


def test_an_empty_file_is_refused(client, secretariat):
    before = counts()
    response = upload(client, name="empty.txt", data=b"")
    assert_refused(response, "empty.txt: empty file: there is no text to load. Nothing was saved.", before)


def test_a_file_over_the_limit_is_refused(client, secretariat, monkeypatch):
    monkeypatch.setattr(sources, "MAX_REPORT_BYTES", 100)
    before = counts()
    response = upload(client)
    assert_refused(response, "the limit for a report is", before)


def test_a_report_without_recommendations_is_refused(client, secretariat):
    before = counts()
    minutes = b"Minutes of the meeting\n\nThe participants met in Vientiane and talked about the weather.\n"
    response = upload(client, name="minutes.txt", data=minutes)
    assert_refused(response, "minutes.txt: the reader found nothing that looks like a recommendation", before)


def test_a_report_without_recommendations_is_kept_when_allowed(client, secretariat):
    minutes = b"Minutes of the meeting\n\nThe participants met in Vientiane and talked about the weather.\n"
    upload(client, name="minutes.txt", data=minutes, allow_empty="on")
    assert ReportImport.objects.get().review["items"] == []


# --- query budgets ---------------------------------------------------------------------------------

def long_report(n: int) -> bytes:
    lines = ["Report of the Long Dialogue", "", "Recommendations", ""]
    lines += [f"{i}. The Provincial Office number {i} should publish its staffing plan by 2025."
              for i in range(1, n + 1)]
    return "\n".join(lines).encode()


def test_review_page_queries_do_not_grow_with_items(client, secretariat, django_assert_max_num_queries):
    for i in range(30):
        make_actor(name=f"Existing actor {i}")
    upload(client, name="long.txt", data=long_report(40))
    report_import = ReportImport.objects.get()
    assert len(report_import.review["items"]) == 40
    with django_assert_max_num_queries(9):
        page = review_page(client, report_import)
    assert "The Provincial Office number 40" in page.content.decode()


def test_import_list_queries_do_not_grow_with_rows(client, secretariat, django_assert_max_num_queries):
    for n in range(1, 6):
        upload(client, name=f"long-{n}.txt", data=long_report(n))
    assert ReportImport.objects.count() == 5
    with django_assert_max_num_queries(10):
        assert client.get(reverse(CHANGELIST)).status_code == 200


def test_upload_form_queries_are_bounded(client, secretariat, django_assert_max_num_queries):
    with django_assert_max_num_queries(5):
        assert client.get(reverse(ADD)).status_code == 200


BROKEN_TABLE = b"\n".join([
    b"Report of the Water Dialogue",
    b"",
    b"Recommendations",
    b"",
    b"| Recommendation | Lead agency |",
    b"|---|---|",
    b"| Publish reservoir levels every week | Mekong River Commission |",
    b"| Train commune officers in drought reporting | Provincial offices | 2026 |",
    b"",
])


def test_a_table_row_with_more_cells_than_its_header_is_refused(client, secretariat):
    before = counts()
    response = upload(client, name="water.txt", data=BROKEN_TABLE)
    assert_refused(response, "water.txt:8: table row has 3 cells but its header (line 5) has 2", before)


def test_a_scanned_pdf_without_a_text_layer_is_refused(client, secretariat):
    before = counts()
    response = upload(client, name="scan.pdf", data=image_only_pdf())
    assert_refused(response, "scan.pdf: the PDF has no text layer (a scanned image?); run it through OCR first",
                   before)


def test_an_encrypted_pdf_is_refused(client, secretariat):
    before = counts()
    response = upload(client, name="locked.pdf", data=encrypted_pdf())
    assert_refused(response, "locked.pdf: the PDF is encrypted; save an unencrypted copy and load that", before)
