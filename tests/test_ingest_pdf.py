"""PDF reports and the checks every report passes: pdf_text, scan_sources and source_from_upload.

A PDF's text layer goes through the same reader as a .txt; an encrypted, scanned or damaged PDF, a
file too large, or something that is not a report at all is one clear IngestError naming the file.
"""

import hashlib
import io
import time
import zipfile
from datetime import date
from pathlib import Path

import pytest
from fpdf import FPDF
from PIL import Image
from pypdf import PdfReader, PdfWriter

from dialogues.ingest import (
    MAX_REPORT_BYTES,
    IngestError,
    Sidecar,
    parse_document,
    pdf_text,
    read_sources,
    scan_sources,
    source_from_upload,
)

SIDECAR = """title = "Health Systems Dialogue 2024"
kind = "policy dialogue"
start_date = 2024-03-12
"""
HEADER = "Health Systems Dialogue 2024 | Summary report"
# A small report over two pages: title, a paragraph, then five recommendations under a heading.
REPORT_PAGES = (
    (
        "HEALTH SYSTEMS DIALOGUE 2024",
        "",
        "This report sums up the second regional dialogue on health systems, held in March 2024.",
        "",
        "Recommendations",
        "",
        "1. The Ministry of Health should train five hundred community health workers for the northern "
        "provinces and pay them from the national budget.",
        "2. The Ministry of Health should publish the national price list of essential medicines every quarter.",
        "3. The Ministry of Health should fund rural clinics from the national budget.",
    ),
    (
        "4. The Ministry of Health should report on maternal deaths to the national assembly every year.",
        "5. The Ministry of Health should review the nursing curriculum with the universities.",
    ),
)


def report_twin_text() -> str:
    """Return the report of ``REPORT_PAGES`` as a person would type it: no header, no page numbers."""
    return "\n".join(line for page in REPORT_PAGES for line in page) + "\n"


def make_pdf(pages=REPORT_PAGES, header: str = HEADER) -> bytes:
    """Return a PDF of the pages, each under a running header and over a "Page n of N" footer."""

    class Report(FPDF):
        def header(self):
            if header:
                self.set_font("Helvetica", size=8)
                self.cell(0, 6, header, align="C", new_x="LMARGIN", new_y="NEXT")
                self.ln(6)

        def footer(self):
            self.set_y(-15)
            self.set_font("Helvetica", size=8)
            self.cell(0, 6, f"Page {self.page_no()} of {len(pages)}", align="C")

    pdf = Report()
    for lines in pages:
        pdf.add_page()
        pdf.set_font("Helvetica", size=11)
        for line in lines:
            if line:
                pdf.multi_cell(0, 6, line, new_x="LMARGIN", new_y="NEXT")
            else:
                pdf.ln(6)
    return bytes(pdf.output())


def image_only_pdf() -> bytes:
    """Return a one-page PDF holding only a picture, as a scanner makes."""
    pdf = FPDF()
    pdf.add_page()
    pdf.image(Image.new("RGB", (300, 400), "white"), x=10, y=10, w=150)
    return bytes(pdf.output())


def blank_pdf() -> bytes:
    """Return a PDF of one empty page."""
    pdf = FPDF()
    pdf.add_page()
    return bytes(pdf.output())


def encrypted_pdf(user_password: str = "secret", owner_password: str | None = None) -> bytes:
    """Return the report PDF encrypted (RC4, which pypdf reads without optional libraries)."""
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(make_pdf())))
    writer.encrypt(user_password, owner_password=owner_password, algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def damaged_pdf() -> bytes:
    """Return the report PDF cut off halfway, as an interrupted download leaves it."""
    data = make_pdf()
    return data[: len(data) // 2]


def word_document() -> bytes:
    """Return the bytes of a minimal .docx (a ZIP holding word/document.xml)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as docx:
        docx.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        docx.writestr("word/document.xml", "<w:document><w:body>The Ministry should act.</w:body></w:document>")
    return out.getvalue()


PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(range(256)) * 4


def write_report(folder: Path, name: str, data: bytes | str, sidecar: str | None = SIDECAR) -> Path:
    """Write a report (and unless None its sidecar) into folder; return the report's path."""
    path = folder / name
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8")
    else:
        path.write_bytes(data)
    if sidecar is not None:
        path.with_suffix(".toml").write_text(sidecar, encoding="utf-8")
    return path


def refusal(paths) -> IngestError:
    """Return the IngestError scan_sources raises for the paths."""
    with pytest.raises(IngestError) as caught:
        scan_sources(paths)
    assert "\n" not in str(caught.value)
    return caught.value


def sidecar() -> Sidecar:
    return Sidecar(title="Health Systems Dialogue 2024", kind="policy dialogue", start_date=date(2024, 3, 12))


# --- pdf_text ------------------------------------------------------------------------------------


def test_pdf_text_keeps_the_pages_in_order_with_a_blank_line_between():
    text = pdf_text(Path("report.pdf"), make_pdf())
    first, second = text.index("3. The Ministry"), text.index("4. The Ministry")
    assert text.index("HEALTH SYSTEMS DIALOGUE 2024") < first < text.index("Page 1 of 2") < second
    assert "\n\nPage 1 of 2\n\n" in text
    assert text.endswith("Page 2 of 2\n")


def test_pdf_text_puts_page_furniture_on_lines_of_its_own():
    lines = pdf_text(Path("report.pdf"), make_pdf()).splitlines()
    assert lines.count(HEADER) == 2
    assert "Page 1 of 2" in lines and "Page 2 of 2" in lines


def test_pdf_text_ends_a_paragraph_where_the_page_leaves_a_gap():
    lines = pdf_text(Path("report.pdf"), make_pdf()).splitlines()
    heading = lines.index("Recommendations")
    assert lines[heading - 1] == "" and lines[heading + 1] == ""
    # A recommendation wrapped over two lines stays one paragraph.
    first = next(i for i, line in enumerate(lines) if line.startswith("1. The Ministry"))
    assert lines[first + 1] and not lines[first + 1].startswith("2.")


def test_pdf_text_reads_a_two_column_page_one_column_after_the_other():
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    pdf.set_xy(10, 20)
    pdf.multi_cell(90, 6, "Left column: the Ministry of Health should train nurses in every district hospital.")
    pdf.set_xy(110, 20)
    pdf.multi_cell(90, 6, "Right column: the Ministry of Finance should fund the training from the budget.")
    text = pdf_text(Path("columns.pdf"), bytes(pdf.output()))
    left, right = text.split("\n\n")
    assert left.startswith("Left column") and "district" in left and "Right" not in left
    assert right.startswith("Right column") and "budget" in right


def test_a_pdf_reads_like_its_text_twin():
    pdf = parse_document(source_from_upload("report.pdf", make_pdf(), sidecar()))
    twin = parse_document(source_from_upload("report.txt", report_twin_text().encode(), sidecar()))
    assert [r.text for r in pdf.recommendations] == [r.text for r in twin.recommendations]
    assert len(pdf.recommendations) == 5


def test_a_pdf_encrypted_only_against_changes_opens_without_a_password():
    text = pdf_text(Path("locked.pdf"), encrypted_pdf(user_password="", owner_password="owner"))
    assert "5. The Ministry of Health should review the nursing curriculum" in text


def test_refuses_an_encrypted_pdf():
    with pytest.raises(IngestError) as caught:
        pdf_text(Path("secret.pdf"), encrypted_pdf())
    assert str(caught.value) == "secret.pdf: the PDF is encrypted; save an unencrypted copy and load that"


def test_refuses_a_pdf_holding_only_an_image():
    with pytest.raises(IngestError) as caught:
        pdf_text(Path("scan.pdf"), image_only_pdf())
    assert str(caught.value) == "scan.pdf: the PDF has no text layer (a scanned image?); run it through OCR first"


def test_refuses_a_blank_pdf():
    with pytest.raises(IngestError) as caught:
        pdf_text(Path("blank.pdf"), blank_pdf())
    assert "no text layer" in str(caught.value)


def test_refuses_a_damaged_pdf_in_one_line():
    with pytest.raises(IngestError) as caught:
        pdf_text(Path("cut.pdf"), damaged_pdf())
    message = str(caught.value)
    assert message.startswith("cut.pdf: the PDF is damaged and cannot be read")
    assert "\n" not in message and "Traceback" not in message


def test_refuses_a_pdf_without_pages():
    out = io.BytesIO()
    PdfWriter().write(out)
    with pytest.raises(IngestError) as caught:
        pdf_text(Path("empty.pdf"), out.getvalue())
    assert str(caught.value) == "empty.pdf: the PDF has no pages"


def test_refuses_bytes_that_only_begin_like_a_pdf():
    with pytest.raises(IngestError) as caught:
        pdf_text(Path("noise.pdf"), b"%PDF-1.7\n" + bytes(range(256)) * 20)
    assert "damaged" in str(caught.value)


# --- files on disk -------------------------------------------------------------------------------


def test_read_sources_gives_a_pdf_its_text_and_the_checksum_of_its_bytes(tmp_path):
    data = make_pdf()
    path = write_report(tmp_path, "report.pdf", data)
    source = read_sources([path])[0]
    assert source.text == pdf_text(path, data)
    assert source.checksum == hashlib.sha256(data).hexdigest()
    assert source.sidecar.title == "Health Systems Dialogue 2024"


def test_a_folder_gives_its_reports_and_lists_the_files_it_skips(tmp_path):
    write_report(tmp_path, "a-report.pdf", make_pdf())
    write_report(tmp_path, "b-report.md", report_twin_text().replace("2024", "2023"))
    write_report(tmp_path, "README.md", "# About these reports\n", sidecar=None)
    write_report(tmp_path, "notes.txt", "Call the ministry.\n", sidecar=None)
    write_report(tmp_path, "photo.jpg", JPEG, sidecar=None)
    write_report(tmp_path, "agenda.docx", word_document(), sidecar=None)
    write_report(tmp_path, ".DS_Store", b"\x00\x00\x00\x01Bud1", sidecar=None)
    (tmp_path / "old").mkdir()

    scan = scan_sources([tmp_path])

    assert [d.path.name for d in scan.documents] == ["a-report.pdf", "b-report.md"]
    assert [(p.name, reason) for p, reason in scan.skipped] == [
        ("README.md", "no sidecar README.toml, so not a report"),
        ("agenda.docx", "not a report file (.docx)"),
        ("notes.txt", "no sidecar notes.toml, so not a report"),
        ("old", "a folder: sub-folders are not read"),
        ("photo.jpg", "not a report file (.jpg)"),
    ]


def test_read_sources_returns_the_documents_of_a_scan(tmp_path):
    write_report(tmp_path, "report.txt", report_twin_text())
    write_report(tmp_path, "README.md", "# About\n", sidecar=None)
    assert [s.path.name for s in read_sources([tmp_path])] == ["report.txt"]


def test_refuses_a_folder_of_files_that_are_not_reports(tmp_path):
    write_report(tmp_path, "README.md", "# About\n", sidecar=None)
    write_report(tmp_path, "photo.jpg", JPEG, sidecar=None)
    assert "folder holds no .txt or .md report" in str(refusal([tmp_path]))


def test_refuses_a_pdf_and_its_text_twin_sharing_one_sidecar(tmp_path):
    write_report(tmp_path, "report.pdf", make_pdf())
    write_report(tmp_path, "report.txt", report_twin_text())
    error = refusal([tmp_path])
    assert "report.txt" in str(error) and "shares the sidecar report.toml with report.pdf" in str(error)


def test_refuses_an_image_named_explicitly(tmp_path):
    path = write_report(tmp_path, "photo.png", PNG)
    assert str(refusal([path])) == (
        f"{path}: not a report: only .txt, .md and .pdf files can be loaded (this looks like a PNG image)")


def test_refuses_a_word_document_named_explicitly(tmp_path):
    path = write_report(tmp_path, "report.docx", word_document())
    assert str(refusal([path])) == (
        f"{path}: not a report: only .txt, .md and .pdf files can be loaded (this looks like a Word document)")


def test_refuses_a_file_of_another_kind_named_explicitly(tmp_path):
    path = write_report(tmp_path, "figures.csv", "year,value\n2024,3\n")
    assert "(this is a .csv file)" in str(refusal([path]))


def test_refuses_a_photo_renamed_txt(tmp_path):
    path = write_report(tmp_path, "report.txt", JPEG)
    error = refusal([path])
    assert "not a report" in str(error) and "binary file looks like a JPEG image" in str(error)


def test_refuses_a_word_document_renamed_txt(tmp_path):
    path = write_report(tmp_path, "report.txt", word_document())
    assert "looks like a Word document" in str(refusal([path]))


def test_refuses_a_word_document_renamed_pdf(tmp_path):
    path = write_report(tmp_path, "report.pdf", word_document())
    assert "looks like a Word document, named .pdf" in str(refusal([path]))


def test_refuses_a_pdf_renamed_txt_saying_how_to_load_it(tmp_path):
    path = write_report(tmp_path, "report.txt", make_pdf())
    assert "this is a PDF named .txt; rename it report.pdf" in str(refusal([path]))


def test_refuses_an_encrypted_pdf_file(tmp_path):
    path = write_report(tmp_path, "report.pdf", encrypted_pdf())
    assert str(refusal([path])) == f"{path}: the PDF is encrypted; save an unencrypted copy and load that"


def test_refuses_a_file_over_the_size_limit_without_reading_it(tmp_path, monkeypatch):
    path = write_report(tmp_path, "huge.txt", "")
    with path.open("wb") as f:
        f.truncate(51 * 1024 * 1024)  # sparse: no 51 MB written to disk
    monkeypatch.setattr(Path, "read_bytes", lambda self: pytest.fail(f"{self} was read"))
    started = time.monotonic()
    error = refusal([path])
    assert time.monotonic() - started < 0.5
    assert str(error) == f"{path}: the file is 51.0 MB; the limit for a report is 50 MB"


# --- uploads -------------------------------------------------------------------------------------


def test_an_uploaded_text_report_reads_like_a_file(tmp_path):
    data = report_twin_text().encode()
    path = write_report(tmp_path, "report.txt", data)
    upload = source_from_upload("report.txt", data, sidecar())
    assert upload.path == Path("report.txt")
    assert (upload.text, upload.checksum) == (read_sources([path])[0].text, hashlib.sha256(data).hexdigest())
    assert upload.sidecar == sidecar()


def test_an_uploaded_pdf_gives_its_text_layer():
    data = make_pdf()
    upload = source_from_upload("Report.PDF", data, sidecar())
    assert upload.text == pdf_text(Path("Report.PDF"), data)
    assert upload.checksum == hashlib.sha256(data).hexdigest()


@pytest.mark.parametrize(
    ("name", "data", "expected"),
    [
        pytest.param("big.txt", b"a" * (MAX_REPORT_BYTES + 1), "the file is 50.0 MB; the limit for a report is 50 MB",
                     id="too-large"),
        pytest.param("photo.png", PNG, "not a report: only .txt, .md and .pdf files can be loaded "
                     "(this looks like a PNG image)", id="png"),
        pytest.param("report.docx", word_document(), "(this looks like a Word document)", id="docx"),
        pytest.param("report.txt", PNG, "(this binary file looks like a PNG image)", id="png-renamed-txt"),
        pytest.param("report.txt", b"", "empty file", id="empty"),
        pytest.param("report.txt", "le minist\u00e8re devrait agir\n".encode("latin-1"), "not UTF-8", id="latin-1"),
        pytest.param("report.pdf", encrypted_pdf(), "the PDF is encrypted", id="encrypted-pdf"),
        pytest.param("report.pdf", image_only_pdf(), "the PDF has no text layer", id="scanned-pdf"),
        pytest.param("report.pdf", damaged_pdf(), "the PDF is damaged and cannot be read", id="damaged-pdf"),
        pytest.param("report.toml", SIDECAR.encode(), "this is a metadata sidecar", id="sidecar"),
    ],
)
def test_refuses_a_bad_upload(name, data, expected):
    with pytest.raises(IngestError) as caught:
        source_from_upload(name, data, sidecar())
    message = str(caught.value)
    assert message.startswith(f"{name}:") and expected in message
    assert "\n" not in message
