"""load_documents on what staff actually hand it: PDFs, folders with a README or a photo beside the
reports, files that are not reports at all. A PDF loads like its .txt twin; every bad input is one
clear line, a non-zero exit and an unchanged database."""

import json
import os
import subprocess
import sys
import time
from dataclasses import replace
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from dialogues.models import Dialogue, Document
from recommendations.models import Recommendation
from tests.test_ingest_pdf import (
    JPEG,
    PNG,
    SIDECAR,
    blank_pdf,
    damaged_pdf,
    encrypted_pdf,
    image_only_pdf,
    make_pdf,
    report_twin_text,
    word_document,
    write_report,
)

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parent.parent

OTHER_SIDECAR = SIDECAR.replace("Health Systems Dialogue 2024", "Education Dialogue 2023").replace(
    "2024-03-12", "2023-05-02")


def load(*paths, **options) -> tuple[str, str]:
    """Run the command; return what it wrote to stdout and to stderr."""
    out, err = StringIO(), StringIO()
    call_command("load_documents", *[str(p) for p in paths], stdout=out, stderr=err, **options)
    return out.getvalue(), err.getvalue()


def counts() -> tuple[int, int, int]:
    return Dialogue.objects.count(), Document.objects.count(), Recommendation.objects.count()


def recommendation_texts() -> list[str]:
    return list(Recommendation.objects.order_by("line_start").values_list("text", flat=True))


@pytest.fixture
def loaded(tmp_path) -> tuple[int, int, int]:
    """One report already loaded, so that "unchanged" means more than an empty database."""
    folder = tmp_path / "loaded"
    folder.mkdir()
    load(write_report(folder, "education.txt", report_twin_text(), sidecar=OTHER_SIDECAR))
    assert counts()[2] == 5
    return counts()


def assert_refused(paths, expected: str, **options) -> str:
    """Assert the command refuses the paths with one line holding ``expected`` and writes nothing."""
    before = counts()
    with pytest.raises(CommandError) as caught:
        load(*paths, **options)
    message = str(caught.value)
    assert "\n" not in message and "Traceback" not in message
    assert expected in message
    assert counts() == before
    return message


# --- PDFs ----------------------------------------------------------------------------------------


def test_a_pdf_report_loads_like_its_text_twin(tmp_path):
    twin = write_report(tmp_path, "twin.txt", report_twin_text())
    twin_json = json.loads(load(twin, format="json")[0])
    pdf = write_report(tmp_path, "report.pdf", make_pdf())

    out, _ = load(pdf)

    assert "report.pdf: new:" in out
    assert recommendation_texts() == [r["text"] for r in twin_json["documents"][0]["recommendations"]]
    assert len(recommendation_texts()) == 5
    document = Document.objects.get(source_name="report.pdf")
    assert "Page 2 of 2" in document.text  # the text as read, so line spans point into it


def test_json_format_reads_a_pdf_without_writing(tmp_path):
    path = write_report(tmp_path, "report.pdf", make_pdf())
    data = json.loads(load(path, format="json")[0])
    assert data["documents"][0]["path"].endswith("report.pdf")
    assert [r["text"][:33] for r in data["documents"][0]["recommendations"]] == [
        "The Ministry of Health should tra", "The Ministry of Health should pub", "The Ministry of Health should fun",
        "The Ministry of Health should rep", "The Ministry of Health should rev"]
    assert counts() == (0, 0, 0)


def test_loading_the_same_pdf_again_changes_nothing(tmp_path):
    path = write_report(tmp_path, "report.pdf", make_pdf())
    load(path)
    before, texts = counts(), recommendation_texts()

    out, _ = load(path)

    assert counts() == before and recommendation_texts() == texts
    assert "0 new, 0 updated, 1 unchanged" in out and "Nothing changed" in out


def test_refuses_a_pdf_without_a_text_layer(loaded, tmp_path):
    path = write_report(tmp_path, "scan.pdf", image_only_pdf())
    message = assert_refused([path], "the PDF has no text layer (a scanned image?); run it through OCR first")
    assert message.startswith(str(path))


def test_refuses_a_blank_pdf(loaded, tmp_path):
    path = write_report(tmp_path, "blank.pdf", blank_pdf())
    assert_refused([path], f"{path}: the PDF has no text layer")


def test_refuses_an_encrypted_pdf(loaded, tmp_path):
    path = write_report(tmp_path, "secret.pdf", encrypted_pdf())
    assert_refused([path], f"{path}: the PDF is encrypted; save an unencrypted copy and load that")


def test_refuses_a_damaged_pdf(loaded, tmp_path):
    path = write_report(tmp_path, "cut.pdf", damaged_pdf())
    assert_refused([path], f"{path}: the PDF is damaged and cannot be read")


def test_a_bad_pdf_beside_good_reports_stops_the_whole_load(loaded, tmp_path):
    write_report(tmp_path, "a-good.pdf", make_pdf())
    write_report(tmp_path, "b-secret.pdf", encrypted_pdf(), sidecar=OTHER_SIDECAR)
    assert_refused([tmp_path], "b-secret.pdf: the PDF is encrypted")


# --- files that are not reports ------------------------------------------------------------------


def test_refuses_a_file_over_the_size_limit_quickly(loaded, tmp_path):
    path = write_report(tmp_path, "huge.txt", "")
    with path.open("wb") as f:
        f.truncate(51 * 1024 * 1024)  # sparse: fast to make, and reading it would show in the time
    started = time.monotonic()
    assert_refused([path], f"{path}: the file is 51.0 MB; the limit for a report is 50 MB")
    assert time.monotonic() - started < 1


def test_refuses_an_image_named_explicitly(loaded, tmp_path):
    path = write_report(tmp_path, "photo.png", PNG, sidecar=None)
    assert_refused([path], f"{path}: not a report: only .txt, .md and .pdf files can be loaded "
                           "(this looks like a PNG image)")


def test_refuses_a_word_document_named_explicitly(loaded, tmp_path):
    path = write_report(tmp_path, "report.docx", word_document(), sidecar=None)
    assert_refused([path], f"{path}: not a report: only .txt, .md and .pdf files can be loaded "
                           "(this looks like a Word document)")


def test_refuses_a_photo_renamed_txt(loaded, tmp_path):
    path = write_report(tmp_path, "report.txt", JPEG)
    assert_refused([path], "(this binary file looks like a JPEG image)")


def test_refuses_a_pdf_and_its_text_twin_in_one_folder(loaded, tmp_path):
    write_report(tmp_path, "report.pdf", make_pdf())
    write_report(tmp_path, "report.txt", report_twin_text())
    assert_refused([tmp_path], "shares the sidecar report.toml with report.pdf")


def test_refuses_a_folder_holding_no_report(loaded, tmp_path):
    write_report(tmp_path, "README.md", "# About these reports\n", sidecar=None)
    write_report(tmp_path, "photo.jpg", JPEG, sidecar=None)
    assert_refused([tmp_path], "folder holds no .txt or .md report")


def test_a_folder_loads_its_report_and_lists_the_files_it_skips(tmp_path):
    write_report(tmp_path, "README.md", "# About these reports\n\nEach report has a sidecar.\n", sidecar=None)
    write_report(tmp_path, "photo.jpg", JPEG, sidecar=None)
    write_report(tmp_path, "report.txt", report_twin_text())

    out, err = load(tmp_path)

    assert "report.txt: new:" in out
    assert counts() == (1, 1, 5)
    assert err.splitlines() == [
        f"Skipped {tmp_path / 'README.md'}: no sidecar README.toml, so not a report",
        f"Skipped {tmp_path / 'photo.jpg'}: not a report file (.jpg)",
    ]


def test_skipped_files_are_not_listed_at_verbosity_zero(tmp_path):
    write_report(tmp_path, "README.md", "# About\n", sidecar=None)
    write_report(tmp_path, "report.txt", report_twin_text())
    _, err = load(tmp_path, verbosity=0)
    assert err == "" and counts() == (1, 1, 5)


# --- --explain -----------------------------------------------------------------------------------


def test_explain_prints_each_document_and_its_explanation_and_loads_nothing(tmp_path, monkeypatch):
    from dialogues.management.commands import load_documents as command

    parse = command.parse_document
    monkeypatch.setattr(command, "parse_document", lambda source, gazetteer: replace(
        parse(source, gazetteer), explanation=("line 5 'Recommendations': recommendations", "line 7: item")))
    pdf = write_report(tmp_path, "report.pdf", make_pdf())
    text = write_report(tmp_path, "other.txt", report_twin_text(), sidecar=OTHER_SIDECAR)

    out, _ = load(pdf, text, explain=True)

    assert out.splitlines() == [
        str(pdf), "  line 5 'Recommendations': recommendations", "  line 7: item",
        str(text), "  line 5 'Recommendations': recommendations", "  line 7: item",
    ]
    assert counts() == (0, 0, 0)


def test_explain_shows_a_document_without_recommendations_too(tmp_path):
    path = write_report(tmp_path, "minutes.txt", "MINUTES\n\nThe meeting opened at nine.\n")
    out, _ = load(path, explain=True)
    assert out.splitlines()[0] == str(path)
    assert counts() == (0, 0, 0)


def test_refuses_explain_together_with_json(loaded, tmp_path):
    path = write_report(tmp_path, "report.txt", report_twin_text())
    assert_refused([path], "--explain and --format json", explain=True, format="json")


def test_the_explain_option_is_listed_in_the_help():
    from dialogues.management.commands.load_documents import Command

    assert "--explain" in Command().create_parser("manage.py", "load_documents").format_help()


def test_a_damaged_pdf_exits_non_zero_with_one_line_and_no_pypdf_warnings(tmp_path):
    path = write_report(tmp_path, "cut.pdf", damaged_pdf())
    result = subprocess.run(
        [sys.executable, "manage.py", "load_documents", str(path)],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
        env={**os.environ, "DEBUG": "1", "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}"},
    )
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(f"CommandError: {path}: the PDF is damaged and cannot be read: ")


def test_a_table_row_with_more_cells_than_its_header_is_refused(tmp_path, loaded):
    report = tmp_path / "water.txt"
    report.write_text("\n".join([
        "Report of the Water Dialogue", "", "Recommendations", "",
        "| Recommendation | Lead agency |",
        "|---|---|",
        "| Publish reservoir levels every week | Mekong River Commission |",
        "| Train commune officers in drought reporting | Provincial offices | 2026 |",
        "",
    ]), encoding="utf-8")
    report.with_suffix(".toml").write_text(OTHER_SIDECAR, encoding="utf-8")
    with pytest.raises(CommandError) as raised:
        load(report)
    assert str(raised.value) == (f"{report}:8: table row has 3 cells but its header (line 5) has 2; "
                                 "fix the row or the header")
    assert counts() == loaded
