"""Read report files and their TOML sidecars from disk (or an upload) into ``SourceDocument`` records.

A report is a ``.txt``, ``.md`` or ``.pdf`` file (a PDF is read for its text layer, see ``pdf``) of at
most ``MAX_REPORT_BYTES``, with a sidecar ``<stem>.toml`` beside it. Every problem becomes one
``IngestError`` naming the file (and the line where there is one): a missing path, a file too large,
an image, Word document or other file that is not a report, an empty, binary or non-UTF-8 file, an
encrypted, scanned or damaged PDF, a missing or malformed sidecar, an impossible date. In a folder,
files that are not reports (a README, a photo) are skipped with a reason instead.

Sidecar keys (``<stem>.toml`` beside ``<stem>.txt``/``<stem>.md``/``<stem>.pdf``):

===================  ========  ==============================================================
key                  required  value
===================  ========  ==============================================================
title                yes       non-empty string
kind                 yes       policy dialogue | side meeting | progress report |
                               sector working group report | news
start_date           yes       TOML date (``2022-07-21``), or a quoted ISO string; an undated
                               item may give only ``"2019"`` or ``"2019-06"`` (first day)
end_date             no        as start_date, not before it
series               no        string
edition              no        positive integer (place in the series)
place                no        string
country              no        ISO 3166 alpha-2 code, or ""
organisers           no        list of actor names
language             no        string, default "en"
source_url           no        http(s) URL or ""
default_addressee    no        actor who acts where the text names no one
published            no        boolean, default true
document_kind        no        summary report | progress report | SWG report | news
published_on         no        the document's own date (as start_date) when it differs
allow_empty          no        boolean, default false: the report is known to hold no
                               recommendation (a news item), so loading it is not an error
===================  ========  ==============================================================

Other keys are allowed (and ignored), so a sidecar can carry notes for humans.
"""

from __future__ import annotations

import hashlib
import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from .countries import CODES
from .pdf import pdf_text
from .records import IngestError, Sidecar, SourceDocument

DOCUMENT_SUFFIXES = (".txt", ".md", ".pdf")
MAX_REPORT_BYTES = 50 * 1024 * 1024
DIALOGUE_KINDS = ("policy dialogue", "side meeting", "progress report", "sector working group report", "news")
DOCUMENT_KINDS = ("summary report", "progress report", "SWG report", "news")
REQUIRED_KEYS = ("title", "kind", "start_date")

_TOML_LINE_RE = re.compile(r"at line (\d+)")
_DATE_ASSIGN_RE = re.compile(r"^\s*([A-Za-z0-9_\-]+)\s*=\s*(\d{4})-(\d{2})-(\d{2})\b")
_PARTIAL_DATE_RE = re.compile(r"^(\d{4})(?:-(\d{2}))?$")
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")

# How much of a file is read to tell what it is: enough for the member names a .docx or .xlsx
# lists first ("[Content_Types].xml", "word/document.xml").
_HEAD_BYTES = 64 * 1024
_PDF = "a PDF"
_SIGNATURES = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old-style Office document (.doc, .xls, .ppt)"),
)
_ZIP_MEMBERS = (
    (b"word/", "a Word document"),
    (b"xl/", "an Excel workbook"),
    (b"ppt/", "a PowerPoint presentation"),
    (b"application/vnd.oasis.opendocument", "an OpenDocument file"),
)


@dataclass(frozen=True)
class SourceScan:
    """The reports found under some paths, and the files beside them that were skipped, with why."""

    documents: tuple[SourceDocument, ...]
    skipped: tuple[tuple[Path, str], ...] = ()


def read_sources(paths: Iterable[Path | str]) -> list[SourceDocument]:
    """Return one ``SourceDocument`` per report found under ``paths``; raise ``IngestError`` on any problem.

    As ``scan_sources``, without the list of skipped files.
    """
    return list(scan_sources(paths).documents)


def scan_sources(paths: Iterable[Path | str]) -> SourceScan:
    """Return the reports found under ``paths`` and the folder files skipped; raise ``IngestError`` on any problem.

    A path is a report file or a folder. A folder contributes its reports (not those of
    sub-folders), sorted by name: the ``.txt``, ``.md`` and ``.pdf`` files with a ``<stem>.toml``
    sidecar. Its other files are skipped, each with a reason, except sidecars and hidden files. A
    file named explicitly must be a report. The same file named twice is read once; two reports
    sharing one sidecar (``report.pdf`` and ``report.txt``) are refused, as they would load twice.
    """
    found: list[Path] = []
    skipped: list[tuple[Path, str]] = []
    for raw in paths:
        path = Path(raw)
        if not path.exists():
            raise IngestError(path, "path does not exist (no such file or folder)")
        if path.is_dir():
            reports, passed_over = _folder_reports(path)
            if not reports:
                raise IngestError(path, "folder holds no .txt or .md report (nor a .pdf one) with a sidecar beside it")
            found.extend(reports)
            skipped.extend(passed_over)
        elif path.suffix.lower() == ".toml":
            raise IngestError(path, "this is a metadata sidecar; give the report file it belongs to")
        else:
            found.append(path)
    unique = _unique(found)
    _refuse_shared_sidecars(unique)
    return SourceScan(
        documents=tuple(read_source(path) for path in unique), skipped=tuple(dict.fromkeys(skipped))
    )


def _folder_reports(folder: Path) -> tuple[list[Path], list[tuple[Path, str]]]:
    """Return a folder's report files and its other files with the reason each is skipped."""
    reports: list[Path] = []
    skipped: list[tuple[Path, str]] = []
    try:
        entries = sorted(folder.iterdir())
    except OSError as exc:
        raise IngestError(folder, f"cannot read the folder: {exc.strerror or exc}") from exc
    for entry in entries:
        suffix = entry.suffix.lower()
        if entry.name.startswith(".") or suffix == ".toml":
            continue  # hidden files (.DS_Store) are the system's; sidecars go with their reports
        if entry.is_dir():
            skipped.append((entry, "a folder: sub-folders are not read"))
        elif suffix not in DOCUMENT_SUFFIXES:
            skipped.append((entry, f"not a report file ({suffix or 'no suffix'})"))
        elif not entry.with_suffix(".toml").is_file():
            skipped.append((entry, f"no sidecar {entry.stem}.toml, so not a report"))
        else:
            reports.append(entry)
    return reports, skipped


def _unique(paths: list[Path]) -> list[Path]:
    """Return the paths without repeats of the same file, in their first order."""
    seen: set[Path] = set()
    unique: list[Path] = []
    for path in paths:
        resolved = path.resolve()
        if resolved not in seen:
            seen.add(resolved)
            unique.append(path)
    return unique


def _refuse_shared_sidecars(paths: list[Path]) -> None:
    """Raise ``IngestError`` when two reports would take their metadata from the same sidecar."""
    owners: dict[Path, Path] = {}
    for path in paths:
        sidecar = path.resolve().with_suffix(".toml")
        if sidecar in owners:
            raise IngestError(path, f"shares the sidecar {sidecar.name} with {owners[sidecar].name}, so both "
                                    "would load as documents of one dialogue; load only one of them")
        owners[sidecar] = path


def read_source(path: Path) -> SourceDocument:
    """Return the text, checksum and sidecar of one report file; refuse a file too large before reading it."""
    try:
        size = path.stat().st_size
        with path.open("rb") as file:
            head = file.read(_HEAD_BYTES)
        check_report(path, size, head)
        data = path.read_bytes()
    except OSError as exc:
        raise IngestError(path, f"cannot read the file: {exc.strerror or exc}") from exc
    return SourceDocument(
        path=path, text=report_text(path, data), checksum=hashlib.sha256(data).hexdigest(),
        sidecar=read_sidecar(path),
    )


def source_from_upload(name: str, data: bytes, sidecar: Sidecar) -> SourceDocument:
    """Return the ``SourceDocument`` of an uploaded report named ``name``; the checks are those of a file on disk."""
    path = Path(name)
    return SourceDocument(
        path=path, text=report_text(path, data), checksum=hashlib.sha256(data).hexdigest(), sidecar=sidecar
    )


def report_text(path: Path, data: bytes) -> str:
    """Return the text of a report's bytes, as ``check_report`` allows: a PDF's text layer, else decoded text."""
    check_report(path, len(data), data[:_HEAD_BYTES])
    if path.suffix.lower() == ".pdf":
        return pdf_text(path, data)
    return decode_text(path, data)


def check_report(path: Path, size: int, head: bytes) -> None:
    """Raise ``IngestError`` unless a file of this name, size and first bytes can be a report.

    The kind is told by the name and confirmed by the first bytes, so that a photo or a Word
    document renamed ``.txt`` is named as what it is rather than read as text.
    """
    suffix = path.suffix.lower()
    found = file_kind(head)
    if suffix == ".toml":
        raise IngestError(path, "this is a metadata sidecar; give the report file it belongs to")
    if suffix not in DOCUMENT_SUFFIXES:
        what = f"this looks like {found}" if found else f"this is a {suffix} file" if suffix else "it has no suffix"
        raise IngestError(path, f"not a report: only .txt, .md and .pdf files can be loaded ({what})")
    if size > MAX_REPORT_BYTES:
        raise IngestError(path, f"the file is {size / 2**20:.1f} MB; the limit for a report is "
                                f"{MAX_REPORT_BYTES // 2**20} MB")
    if size == 0:
        raise IngestError(path, "empty file: there is no text to load")
    if suffix == ".pdf":
        if found not in (None, _PDF):
            raise IngestError(path, f"not a report: only .txt, .md and .pdf files can be loaded "
                                    f"(this looks like {found}, named .pdf)")
        # Readers accept a PDF header anywhere in the first kilobyte.
        if b"%PDF-" not in head[:1024]:
            raise IngestError(path, "not a PDF: there is no PDF header at its start; "
                                    "open it and save or export it as PDF again")
    elif found == _PDF:
        raise IngestError(path, f"this is a PDF named {suffix}; rename it {path.stem}.pdf to load its text")
    elif found is not None:
        raise IngestError(path, f"not a report: only .txt, .md and .pdf files can be loaded "
                                f"(this binary file looks like {found})")


def file_kind(head: bytes) -> str | None:
    """Return what a file's first bytes show it to be ("a PNG image", "a Word document", "a PDF"), or None."""
    if head.lstrip().startswith(b"%PDF-"):
        return _PDF
    for signature, kind in _SIGNATURES:
        if head.startswith(signature):
            return kind
    if head[4:12] in (b"ftypheic", b"ftypheix", b"ftypmif1"):
        return "a HEIC photo"
    if head.startswith(b"RIFF") and head[8:12] == b"WEBP":
        return "a WebP image"
    if head.startswith(b"PK\x03\x04"):
        return next((kind for member, kind in _ZIP_MEMBERS if member in head), "a ZIP archive")
    return None


def decode_text(path: Path, data: bytes) -> str:
    """Return the UTF-8 text of a report (BOM stripped, newlines as ``\\n``); refuse empty or binary files."""
    if not data.strip():
        raise IngestError(path, "empty file: there is no text to load")
    if b"\x00" in data:
        raise IngestError(path, "binary file (contains NUL bytes), not a text report")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise IngestError(
            path, f"not UTF-8: byte 0x{data[exc.start]:02x} at offset {exc.start} cannot be decoded; "
                  "convert the file to UTF-8", line=line) from exc
    if _CONTROL_RE.search(text) and len(_CONTROL_RE.findall(text)) > max(8, len(text) // 20):
        raise IngestError(path, "binary file (mostly control characters), not a text report")
    text = text.removeprefix("\ufeff")
    if not text.strip():
        raise IngestError(path, "empty file: there is no text to load")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_sidecar(path: Path) -> Sidecar:
    """Return the validated metadata of a report from its ``<stem>.toml`` sidecar."""
    sidecar_path = path.with_suffix(".toml")
    if not sidecar_path.is_file():
        raise IngestError(path, f"missing metadata sidecar {sidecar_path.name} beside the report")
    try:
        raw = sidecar_path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise IngestError(sidecar_path, f"sidecar is not UTF-8 (byte offset {exc.start})") from exc
    try:
        values = tomllib.loads(raw)
    except tomllib.TOMLDecodeError as exc:
        raise _toml_error(sidecar_path, raw, exc) from exc
    return parse_sidecar(sidecar_path, raw, values)


def _toml_error(path: Path, raw: str, exc: tomllib.TOMLDecodeError) -> IngestError:
    """Return the error for unreadable TOML, naming an impossible date as such."""
    message = str(exc)
    found = _TOML_LINE_RE.search(message)
    lines = raw.split("\n")
    line = int(found.group(1)) if found else len(lines)
    text = lines[line - 1] if 0 < line <= len(lines) else ""
    assign = _DATE_ASSIGN_RE.match(text)
    if assign:
        key, year, month, day = assign.groups()
        try:
            date(int(year), int(month), int(day))
        except ValueError:
            return IngestError(path, f"impossible date {year}-{month}-{day} for {key}", line=line)
    return IngestError(path, f"TOML syntax error: {message}", line=line)


def _key_line(raw: str, key: str) -> int | None:
    """Return the 1-based line where ``key`` is assigned in the sidecar text, if it is."""
    pattern = re.compile(rf"^\s*{re.escape(key)}\s*=")
    for number, text in enumerate(raw.split("\n"), start=1):
        if pattern.match(text):
            return number
    return None


def parse_sidecar(path: Path, raw: str, values: dict) -> Sidecar:
    """Return a ``Sidecar`` from decoded TOML values; raise ``IngestError`` for a missing or wrong key."""

    def fail(key: str, message: str) -> IngestError:
        """Return the error for a bad key, pointing at the line that assigns it."""
        return IngestError(path, message, line=_key_line(raw, key))

    for key in REQUIRED_KEYS:
        if key not in values:
            raise IngestError(path, f"missing required key {key!r}")
    title = _string(values, "title", fail)
    if not title.strip():
        raise fail("title", "title must not be empty")
    kind = _string(values, "kind", fail)
    if kind not in DIALOGUE_KINDS:
        raise fail("kind", f"unknown kind {kind!r}; expected one of: {', '.join(DIALOGUE_KINDS)}")
    start = _date(values, "start_date", fail)
    end = _date(values, "end_date", fail) if "end_date" in values else None
    if end is not None and end < start:
        raise fail("end_date", f"end_date {end.isoformat()} is before start_date {start.isoformat()}")
    country = _string(values, "country", fail, default="").strip().upper()
    if country and country not in CODES:
        raise fail("country", f"unknown country code {values['country']!r}; use ISO 3166 alpha-2, e.g. 'LA'")
    document_kind = _string(values, "document_kind", fail, default="")
    if document_kind and document_kind not in DOCUMENT_KINDS:
        raise fail("document_kind", f"unknown document_kind {document_kind!r}; "
                                    f"expected one of: {', '.join(DOCUMENT_KINDS)}")
    published_on = _date(values, "published_on", fail) if "published_on" in values else None
    source_url = _string(values, "source_url", fail, default="").strip()
    if source_url and not source_url.startswith(("http://", "https://")):
        raise fail("source_url", f"source_url must be an http(s) URL, not {source_url!r}")
    return Sidecar(
        title=title.strip(),
        kind=kind,
        start_date=start,
        end_date=end,
        series=_string(values, "series", fail, default="").strip(),
        edition=_edition(values, fail),
        place=_string(values, "place", fail, default="").strip(),
        country=country,
        organisers=_string_list(values, "organisers", fail),
        language=_string(values, "language", fail, default="en").strip() or "en",
        source_url=source_url,
        default_addressee=_string(values, "default_addressee", fail, default="").strip(),
        published=_boolean(values, "published", fail, default=True),
        document_kind=document_kind,
        published_on=published_on,
        allow_empty=_boolean(values, "allow_empty", fail, default=False),
    )


def _string(values: dict, key: str, fail, default: str | None = None) -> str:
    """Return a string value, or ``default`` when absent; a non-string is an error."""
    if key not in values:
        return default if default is not None else ""
    value = values[key]
    if not isinstance(value, str):
        raise fail(key, f"{key} must be a string, not {type(value).__name__} {value!r}")
    return value


def _string_list(values: dict, key: str, fail) -> tuple[str, ...]:
    """Return a list of non-empty strings as a tuple; anything else is an error."""
    value = values.get(key, [])
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise fail(key, f"{key} must be a list of names, e.g. [\"Stimson Center\"]")
    return tuple(v.strip() for v in value)


def _boolean(values: dict, key: str, fail, default: bool) -> bool:
    """Return a boolean value (TOML true/false), or ``default`` when absent."""
    value = values.get(key, default)
    if not isinstance(value, bool):
        raise fail(key, f"{key} must be true or false, not {value!r}")
    return value


def _edition(values: dict, fail) -> int | None:
    """Return the edition number: a positive integer, or None when absent."""
    if "edition" not in values:
        return None
    value = values["edition"]
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise fail("edition", f"edition must be a positive integer, not {value!r}")
    return value


def _date(values: dict, key: str, fail) -> date:
    """Return a date from a TOML date or a quoted ISO string ("2024-02-29", "2019-06", "2019")."""
    value = values[key]
    if isinstance(value, datetime):
        raise fail(key, f"{key} must be a date without a time, not {value.isoformat()}")
    if isinstance(value, date):
        return value
    if not isinstance(value, str):
        raise fail(key, f"{key} must be a date such as 2024-01-22, not {value!r}")
    text = value.strip()
    partial = _PARTIAL_DATE_RE.match(text)
    try:
        if partial:
            return date(int(partial.group(1)), int(partial.group(2) or 1), 1)
        return date.fromisoformat(text)
    except ValueError as exc:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            raise fail(key, f"impossible date {text} for {key}") from exc
        raise fail(key, f"cannot read {key} {value!r}; write an ISO date such as 2024-01-22") from exc
