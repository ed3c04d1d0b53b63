"""Read report files and their TOML sidecars from disk into ``SourceDocument`` records.

Every problem becomes one ``IngestError`` naming the file (and the line where there is one):
a missing path, an empty, binary or non-UTF-8 file, a missing or malformed sidecar, an
impossible date.

Sidecar keys (``<stem>.toml`` beside ``<stem>.txt``/``<stem>.md``):

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
from datetime import date, datetime
from pathlib import Path

from .countries import CODES
from .records import IngestError, Sidecar, SourceDocument

DOCUMENT_SUFFIXES = (".txt", ".md")
DIALOGUE_KINDS = ("policy dialogue", "side meeting", "progress report", "sector working group report", "news")
DOCUMENT_KINDS = ("summary report", "progress report", "SWG report", "news")
REQUIRED_KEYS = ("title", "kind", "start_date")

_TOML_LINE_RE = re.compile(r"at line (\d+)")
_DATE_ASSIGN_RE = re.compile(r"^\s*([A-Za-z0-9_\-]+)\s*=\s*(\d{4})-(\d{2})-(\d{2})\b")
_PARTIAL_DATE_RE = re.compile(r"^(\d{4})(?:-(\d{2}))?$")
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


def read_sources(paths: Iterable[Path | str]) -> list[SourceDocument]:
    """Return one ``SourceDocument`` per report found under ``paths``; raise ``IngestError`` on any problem.

    A path is a report file or a folder; a folder contributes its ``*.txt`` and ``*.md`` files
    (not those of sub-folders), sorted by name. Sidecars are never documents themselves. The
    same file named twice is read once.
    """
    documents: list[SourceDocument] = []
    seen: set[Path] = set()
    for path in _document_paths(paths):
        resolved = path.resolve()
        if resolved not in seen:
            seen.add(resolved)
            documents.append(read_source(path))
    return documents


def _document_paths(paths: Iterable[Path | str]) -> list[Path]:
    """Return the report files the given files and folders stand for, in a stable order."""
    found: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if not path.exists():
            raise IngestError(path, "path does not exist (no such file or folder)")
        if path.is_dir():
            inside = sorted(p for p in path.iterdir() if p.is_file() and p.suffix.lower() in DOCUMENT_SUFFIXES)
            if not inside:
                raise IngestError(path, "folder holds no .txt or .md report")
            found.extend(inside)
        elif path.suffix.lower() == ".toml":
            raise IngestError(path, "this is a metadata sidecar; give the report file it belongs to")
        else:
            found.append(path)
    return found


def read_source(path: Path) -> SourceDocument:
    """Return the decoded text, checksum and sidecar of one report file."""
    data = path.read_bytes()
    text = decode_text(path, data)
    return SourceDocument(
        path=path, text=text, checksum=hashlib.sha256(data).hexdigest(), sidecar=read_sidecar(path)
    )


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
