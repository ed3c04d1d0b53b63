"""Cursor pagination by id: a page is the rows after the last one seen, so it never skips or repeats
a row when rows are added meanwhile, and costs the same on page 1 and page 4,000 (no OFFSET).

The cursor is opaque to clients (base64 of a small JSON object), so its content may change.
"""

import base64
import binascii
import json

from api.errors import ParameterError

MALFORMED = "The cursor is malformed: pass the next_cursor of the previous page as it was given."


def encode_cursor(after: int) -> str:
    """The cursor of the page that starts after the row with id ``after``."""
    raw = json.dumps({"after": after}, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str | None) -> int:
    """The id the page starts after (0 for the first page); ParameterError if the cursor is not ours."""
    if not cursor:
        return 0
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        after = json.loads(raw)["after"]
    except (binascii.Error, ValueError, TypeError, KeyError):
        raise ParameterError(MALFORMED, {"cursor": [MALFORMED]}) from None
    if type(after) is not int or after < 0:
        raise ParameterError(MALFORMED, {"cursor": [MALFORMED]})
    return after


def cursor_page(request, queryset, *, cursor: str | None, limit: int) -> dict:
    """One page of ``queryset`` by ascending id: ``results``, ``next_cursor`` and ``next`` (its URL).

    One query for the rows (plus the queryset's prefetches), reading one row more than the page
    to tell whether another page follows.
    """
    after = decode_cursor(cursor)
    rows = list(queryset.filter(pk__gt=after).order_by("pk")[: limit + 1])
    if len(rows) <= limit:
        return {"results": rows, "next_cursor": None, "next": None}
    rows = rows[:limit]
    next_cursor = encode_cursor(rows[-1].pk)
    query = request.GET.copy()
    query["cursor"] = next_cursor
    return {"results": rows, "next_cursor": next_cursor,
            "next": request.build_absolute_uri(f"{request.path}?{query.urlencode()}")}
