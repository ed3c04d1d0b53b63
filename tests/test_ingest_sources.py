"""read_sources: seed files and sidecars in, SourceDocument out; every bad input is one clear IngestError."""

import hashlib
import shutil
from datetime import date
from pathlib import Path

import pytest

from dialogues.ingest import IngestError, read_sources

SEEDS = Path(__file__).resolve().parent.parent / "fixtures" / "documents"
MEKONG = SEEDS / "000_25e6eae930826a0d.txt"

SIDECAR = """title = "A report"
kind = "policy dialogue"
start_date = 2024-01-22
"""


def write_report(folder: Path, name: str = "report.txt", text: str = "A REPORT\n\nSome text.\n",
                 sidecar: str | None = SIDECAR) -> Path:
    """Write a report and (unless None) its sidecar; return the report's path."""
    path = folder / name
    path.write_text(text, encoding="utf-8")
    if sidecar is not None:
        path.with_suffix(".toml").write_text(sidecar, encoding="utf-8")
    return path


def refusal(paths) -> IngestError:
    """Return the IngestError read_sources raises for the paths."""
    with pytest.raises(IngestError) as caught:
        read_sources(paths)
    return caught.value


# --- the seeds -----------------------------------------------------------------------------------


def test_a_folder_gives_its_reports_sorted_and_not_their_sidecars():
    sources = read_sources([SEEDS])
    assert [s.path.name for s in sources] == sorted(p.name for p in SEEDS.glob("*.txt"))
    assert all(s.path.suffix == ".txt" for s in sources)


def test_seed_sidecars_are_read_with_their_types():
    by_name = {s.path.name: s.sidecar for s in read_sources([SEEDS])}
    mekong = by_name["000_25e6eae930826a0d.txt"]
    assert mekong.kind == "policy dialogue" and mekong.document_kind == "summary report"
    assert (mekong.start_date, mekong.end_date) == (date(2022, 7, 21), date(2022, 7, 22))
    assert mekong.edition == 4 and mekong.country == "KH" and mekong.published is True
    assert mekong.organisers == ("Stimson Center", "Cambodian Institute for Cooperation and Peace")
    ilo = by_name["001_7f8a78cfb2ec0d6e.txt"]
    assert ilo.default_addressee == "International Labour Organization"
    assert ilo.published_on == date(2023, 2, 9)
    assert by_name["002_10aa6f287b4b384a.txt"].kind == "side meeting"
    assert by_name["003_29de3d53bcf4fa13.txt"].kind == "news"
    # The news item is undated: its sidecar gives the year only, read as 1 January.
    assert by_name["003_29de3d53bcf4fa13.txt"].start_date == date(2019, 1, 1)
    rtim = by_name["004_4eb5d2ad2637d347.txt"]
    assert (rtim.kind, rtim.country, rtim.start_date.year) == ("sector working group report", "LA", 2024)


def test_checksum_is_the_sha256_of_the_raw_bytes():
    source = read_sources([MEKONG])[0]
    assert source.checksum == hashlib.sha256(MEKONG.read_bytes()).hexdigest()
    assert source.text.startswith("MEKONG - U.S. PARTNERSHIP")


def test_a_byte_order_mark_is_stripped_and_windows_newlines_become_plain(tmp_path):
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbfTITLE\r\n\r\nText.\r\n")
    path.with_suffix(".toml").write_text(SIDECAR, encoding="utf-8")
    source = read_sources([path])[0]
    assert source.text == "TITLE\n\nText.\n"
    assert source.checksum == hashlib.sha256(path.read_bytes()).hexdigest()


def test_markdown_reports_count_and_a_file_named_twice_is_read_once(tmp_path):
    write_report(tmp_path, "a.md")
    write_report(tmp_path, "b.txt")
    sources = read_sources([tmp_path, tmp_path / "a.md"])
    assert [s.path.name for s in sources] == ["a.md", "b.txt"]


def test_a_renamed_seed_reads_like_any_other(tmp_path):
    target = tmp_path / "whatever it is called.txt"
    shutil.copy(MEKONG, target)
    shutil.copy(MEKONG.with_suffix(".toml"), target.with_suffix(".toml"))
    assert read_sources([target])[0].text == read_sources([MEKONG])[0].text


# --- bad input: one line, naming the file ------------------------------------------------------


def test_refuses_a_path_that_does_not_exist(tmp_path):
    error = refusal([tmp_path / "nowhere.txt"])
    assert "nowhere.txt" in str(error) and "does not exist" in str(error)
    assert "\n" not in str(error)


def test_refuses_an_empty_file(tmp_path):
    path = write_report(tmp_path, text="")
    error = refusal([path])
    assert str(error).startswith(str(path)) and "empty" in str(error)


def test_refuses_a_whitespace_only_file(tmp_path):
    path = write_report(tmp_path, text=" \n\t\n  \n")
    assert "empty" in str(refusal([path]))


def test_refuses_a_binary_file(tmp_path):
    path = tmp_path / "scan.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    path.with_suffix(".toml").write_text(SIDECAR, encoding="utf-8")
    error = refusal([path])
    assert "scan.txt" in str(error) and "binary" in str(error)


def test_refuses_a_file_that_is_not_utf8_naming_the_byte_offset(tmp_path):
    path = write_report(tmp_path)
    path.write_bytes("line one\nle minist\u00e8re devrait agir\n".encode("latin-1"))
    error = refusal([path])
    assert "report.txt" in str(error) and "UTF-8" in str(error)
    assert "offset 18" in str(error) and error.line == 2


def test_refuses_a_missing_sidecar(tmp_path):
    path = write_report(tmp_path, sidecar=None)
    error = refusal([path])
    assert "report.txt" in str(error) and "report.toml" in str(error) and "sidecar" in str(error)


def test_refuses_a_sidecar_given_as_a_report(tmp_path):
    path = write_report(tmp_path)
    assert "sidecar" in str(refusal([path.with_suffix(".toml")]))


def test_refuses_a_folder_without_reports(tmp_path):
    (tmp_path / "notes.toml").write_text(SIDECAR, encoding="utf-8")
    assert "no .txt or .md" in str(refusal([tmp_path]))


def test_refuses_a_sidecar_with_a_toml_syntax_error_naming_its_line(tmp_path):
    path = write_report(tmp_path, sidecar='kind = "policy dialogue"\ntitle = "Unclosed\nstart_date = 2024-01-01\n')
    error = refusal([path])
    assert "report.toml" in str(error) and "TOML syntax error" in str(error) and error.line == 2


def test_refuses_a_sidecar_without_a_required_key(tmp_path):
    path = write_report(tmp_path, sidecar='title = "A report"\nkind = "news"\n')
    error = refusal([path])
    assert "report.toml" in str(error) and "start_date" in str(error)


def test_refuses_a_sidecar_with_a_value_of_the_wrong_type(tmp_path):
    path = write_report(tmp_path, sidecar=SIDECAR + "edition = \"fourth\"\n")
    error = refusal([path])
    assert "edition must be a positive integer" in str(error) and error.line == 4


def test_refuses_an_unknown_kind(tmp_path):
    path = write_report(tmp_path, sidecar=SIDECAR.replace("policy dialogue", "webinar"))
    error = refusal([path])
    assert "unknown kind 'webinar'" in str(error) and error.line == 2


def test_refuses_a_bad_country_code(tmp_path):
    path = write_report(tmp_path, sidecar=SIDECAR + 'country = "Laos"\n')
    assert "unknown country code 'Laos'" in str(refusal([path]))


def test_refuses_an_impossible_date_that_toml_itself_rejects(tmp_path):
    path = write_report(tmp_path, sidecar=SIDECAR.replace("2024-01-22", "2024-02-30"))
    error = refusal([path])
    assert "report.toml" in str(error) and "impossible date 2024-02-30 for start_date" in str(error)
    assert error.line == 3


def test_refuses_an_impossible_quoted_date(tmp_path):
    path = write_report(tmp_path, sidecar=SIDECAR.replace("2024-01-22", '"2023-02-29"'))
    assert "impossible date 2023-02-29" in str(refusal([path]))


def test_refuses_a_quoted_date_that_does_not_parse(tmp_path):
    path = write_report(tmp_path, sidecar=SIDECAR.replace("2024-01-22", '"22 January 2024"'))
    assert "cannot read start_date '22 January 2024'" in str(refusal([path]))


def test_refuses_an_end_date_before_the_start_date(tmp_path):
    path = write_report(tmp_path, sidecar=SIDECAR + "end_date = 2024-01-21\n")
    error = refusal([path])
    assert "end_date 2024-01-21 is before start_date 2024-01-22" in str(error) and error.line == 4
