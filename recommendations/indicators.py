"""Indicator periods and the derived state of an indicator: achieved, on track or off track.

Pure functions over plain values, used by the models' validation, the loader and the pages.
"""

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError

PERIOD_RE = re.compile(r"^(?P<start>\d{4}(?:-\d{2}(?:-\d{2})?)?)(?:/(?P<end>\d{4}(?:-\d{2}(?:-\d{2})?)?))?$")

ACHIEVED, ON_TRACK, OFF_TRACK = "achieved", "on track", "off track"
STATES = [ACHIEVED, ON_TRACK, OFF_TRACK]
# The report's own words for the same three states.
STATE_OF_REPORTED_GROUP = {"achieved": ACHIEVED, "tend to meet": ON_TRACK, "tend to fail": OFF_TRACK}


def _bound(text: str, *, end: bool) -> date:
    parts = [int(p) for p in text.split("-")]
    year = parts[0]
    month = parts[1] if len(parts) > 1 else (12 if end else 1)
    if len(parts) > 2:
        return date(year, month, parts[2])
    if not end:
        return date(year, month, 1)
    next_month = date(year + (month == 12), month % 12 + 1, 1)
    return date.fromordinal(next_month.toordinal() - 1)


def period_bounds(period: str) -> tuple[date, date]:
    """Return the first and last day of a period: a year ("2024") or a range ("2024-01/2024-09")."""
    match = PERIOD_RE.match(period.strip())
    if not match:
        raise ValidationError(
            f"“{period}” is not a period: write a year (2024) or a date range (2024-01/2024-09).",
            code="bad_period",
        )
    start_text, end_text = match["start"], match["end"] or match["start"]
    try:
        start, end = _bound(start_text, end=False), _bound(end_text, end=True)
    except ValueError:
        raise ValidationError(f"“{period}” names a day or month that does not exist.", code="bad_period") from None
    if end < start:
        raise ValidationError(f"“{period}” ends before it starts.", code="bad_period")
    return start, end


def validate_period(period: str) -> None:
    """Accept a year or a date range, nothing else."""
    period_bounds(period)


def year_of(period: str) -> int:
    """Return the calendar year a period ends in."""
    return period_bounds(period)[1].year


def is_partial(period: str) -> bool:
    """True if the period covers less than a whole calendar year."""
    start, end = period_bounds(period)
    return not (start.month == 1 and start.day == 1 and end.month == 12 and end.day == 31)


def meets(direction: str, target: Decimal, result: Decimal) -> bool:
    """True if ``result`` is at least as good as ``target`` in the indicator's direction."""
    return result <= target if direction == "lower" else result >= target


@dataclass(frozen=True)
class Progress:
    """An indicator's standing for one year: its target, latest result and derived state."""

    year: int
    target: Decimal | None
    result: Decimal | None
    result_period: str
    state: str  # achieved | on track | off track | "" (nothing to compare)
    share: float | None  # result as a share of the way to the target, 0..1, in the indicator's direction


def derive_state(*, direction: str, target: Decimal | None, result: Decimal | None, partial: bool,
                 reported_group: str = "") -> str:
    """Return achieved, on track or off track, or "" when there is nothing to compare.

    A full-year result is judged on the numbers alone: achieved if it meets the target, else off
    track. A partial-year result is judged by the report's own grouping where there is one (a
    nine-month figure can meet a yearly target and still be reported as only "tending to meet"
    because the data are incomplete); without one, it is achieved if it already meets the target,
    on track within a tenth of it, off track otherwise.
    """
    if target is None or result is None:
        return ""
    if not partial:
        return ACHIEVED if meets(direction, target, result) else OFF_TRACK
    if reported_group in STATE_OF_REPORTED_GROUP:
        return STATE_OF_REPORTED_GROUP[reported_group]
    if meets(direction, target, result):
        return ACHIEVED
    gap = abs(target - result)
    scale = abs(target) if target else Decimal(1)
    return ON_TRACK if gap <= scale / 10 else OFF_TRACK


def progress_share(direction: str, target: Decimal | None, result: Decimal | None) -> float | None:
    """Return how far the result has come towards the target, 0..1, in the indicator's direction."""
    if target is None or result is None:
        return None
    if direction == "lower":
        if result <= target:
            return 1.0
        return float(target / result) if result else 0.0
    if target == 0:
        return 1.0
    return max(0.0, min(1.0, float(result / target)))


def progress_for_year(values, *, year: int, direction: str, reported_group: str = "") -> Progress:
    """Return the standing for ``year`` from an indicator's values (objects with period, kind, value)."""
    targets = [v for v in values if v.kind == "target" and year_of(v.period) == year and v.value is not None]
    results = [v for v in values if v.kind == "result" and year_of(v.period) == year and v.value is not None]
    # Without a result for the year, a survey's figure of that year shows where the indicator stands.
    results = results or [v for v in values if v.kind == "survey" and year_of(v.period) == year and v.value is not None]
    target = targets[0].value if targets else None
    latest = max(results, key=lambda v: period_bounds(v.period)[1], default=None)
    result = latest.value if latest else None
    state = derive_state(direction=direction, target=target, result=result,
                         partial=bool(latest) and is_partial(latest.period), reported_group=reported_group)
    return Progress(year=year, target=target, result=result, result_period=latest.period if latest else "",
                    state=state, share=progress_share(direction, target, result))
