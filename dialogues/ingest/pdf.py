"""Read the text layer of a PDF report with pypdf.

pypdf is pure Python (no system libraries to install on the server) and its plain extraction follows
the content stream's reading order, so a two-column report comes out one column after the other
rather than with its columns interleaved line by line.

The text is pypdf's, line for line, with blank lines added where the reader needs them, since a
PDF has none of its own: where the page leaves a gap wider than its usual line spacing (between
paragraphs, under a heading), where the text jumps back up the page (the next column), and between
pages, so that running headers, footers and page numbers stand on their own lines.

Every problem becomes one ``IngestError`` naming the file: an encrypted PDF, a PDF without a text
layer (a scan) and a damaged one. No pypdf exception leaves this module.
"""

from __future__ import annotations

import io
import logging
import re
from dataclasses import dataclass, field
from math import hypot
from pathlib import Path
from statistics import quantiles

from pypdf import PasswordType, PdfReader

from .records import IngestError

# A page of a real report holds hundreds of characters; a scan holds none, or a few from a stamp
# or a page number. Below this many visible characters per page on average there is no text layer.
MIN_CHARACTERS_PER_PAGE = 20
# A gap between two lines this much wider than the page's usual line spacing ends a paragraph.
PARAGRAPH_GAP = 1.4

_CONTROL_RE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")

# pypdf logs a warning for every flaw it works around in a damaged file ("EOF marker not found"),
# which would print beside the one line the reader reports; its errors still get through.
logging.getLogger("pypdf").setLevel(logging.ERROR)


@dataclass
class _Line:
    """One line of pypdf's output with the baseline and font size of its first visible text."""

    parts: list[str] = field(default_factory=list)
    y: float | None = None
    size: float = 0.0

    @property
    def text(self) -> str:
        """Return the line as pypdf wrote it, without trailing spaces."""
        return "".join(self.parts).rstrip()


def pdf_text(path: Path, data: bytes) -> str:
    """Return the text layer of a PDF, pages separated by a blank line; raise ``IngestError`` if there is none."""
    reader = _open(path, data)
    try:
        pages = list(reader.pages)
    except Exception as exc:  # pypdf raises many kinds on a damaged file; all mean the same to staff
        raise _damaged(path, exc) from exc
    if not pages:
        raise IngestError(path, "the PDF has no pages")
    texts = [_page_text(path, number, page) for number, page in enumerate(pages, start=1)]
    text = "\n\n".join(t for t in texts if t)
    visible = sum(not c.isspace() for c in text)
    if visible < MIN_CHARACTERS_PER_PAGE * len(pages):
        raise IngestError(path, "the PDF has no text layer (a scanned image?); run it through OCR first")
    return text + "\n"


def _open(path: Path, data: bytes) -> PdfReader:
    """Return a reader for the PDF, decrypted when it opens without a password; refuse any other encryption."""
    try:
        reader = PdfReader(io.BytesIO(data))
        encrypted = reader.is_encrypted
    except Exception as exc:  # pypdf raises many kinds on a damaged file; all mean the same to staff
        raise _damaged(path, exc) from exc
    if encrypted:
        # Many published reports are encrypted only to restrict printing or copying: they open with
        # an empty password. Without the optional AES library decrypt() raises; that copy is refused too.
        try:
            opened = reader.decrypt("") != PasswordType.NOT_DECRYPTED
        except Exception:
            opened = False
        if not opened:
            raise IngestError(path, "the PDF is encrypted; save an unencrypted copy and load that")
    return reader


def _page_text(path: Path, number: int, page) -> str:
    """Return one page's text with a blank line at each paragraph gap and column change."""
    lines = [_Line()]

    def visit(text: str, cm, tm, font_dict, font_size) -> None:
        for index, piece in enumerate(text.split("\n")):
            if index:
                lines.append(_Line())
            line = lines[-1]
            line.parts.append(piece)
            if line.y is None and piece.strip():
                matrix = _multiply(tm, cm)
                line.y, line.size = matrix[5], abs(font_size * hypot(matrix[2], matrix[3]))

    try:
        page.extract_text(visitor_text=visit)
    except Exception as exc:  # pypdf raises many kinds on a damaged page; all mean the same to staff
        raise _damaged(path, exc, page=number) from exc
    return _CONTROL_RE.sub("", "\n".join(_with_paragraph_gaps(lines))).strip("\n")


def _with_paragraph_gaps(lines: list[_Line]) -> list[str]:
    """Return the lines' text with a blank line wherever the baseline drops more than a paragraph gap."""
    placed = [line for line in lines if line.y is not None]
    steps = sorted(a.y - b.y for a, b in zip(placed, placed[1:], strict=False) if a.y - b.y > a.size / 2)
    # The usual line spacing: most steps are from one line to the next, fewer are paragraph gaps.
    spacing = quantiles(steps, n=4)[0] if len(steps) > 1 else (steps[0] if steps else 0.0)
    out: list[str] = []
    previous: _Line | None = None
    for line in lines:
        if line.y is not None and previous is not None and _breaks(previous, line, spacing):
            out.append("")
        if line.y is not None:
            previous = line
        out.append(line.text)
    return out


def _breaks(above: _Line, below: _Line, spacing: float) -> bool:
    """Return True when ``below`` starts a new paragraph: a wide gap, or a jump up the page (a new column)."""
    step = above.y - below.y
    height = max(above.size, below.size, 1.0)
    if step < 0:
        # A small rise is a superscript or a baseline shift; a rise by a line or more is a new column.
        return -step > 0.8 * height
    return spacing > 0 and step > PARAGRAPH_GAP * spacing and step > height


def _multiply(tm, cm) -> tuple[float, ...]:
    """Return the product of the text matrix and the current transformation matrix (both ``a b c d e f``)."""
    t, m = [float(v) for v in tm], [float(v) for v in cm]
    return (
        t[0] * m[0] + t[1] * m[2], t[0] * m[1] + t[1] * m[3],
        t[2] * m[0] + t[3] * m[2], t[2] * m[1] + t[3] * m[3],
        t[4] * m[0] + t[5] * m[2] + m[4], t[4] * m[1] + t[5] * m[3] + m[5],
    )


def _damaged(path: Path, exc: Exception, page: int | None = None) -> IngestError:
    """Return the error for a PDF pypdf cannot read, with pypdf's reason on one line."""
    reason = " ".join(str(exc).split())[:120] or type(exc).__name__
    where = f" (page {page})" if page else ""
    return IngestError(path, f"the PDF is damaged and cannot be read{where}: {reason}; "
                             "open it and save or export it again")
