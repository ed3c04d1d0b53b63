"""Indicators: the RTIM 2024 health SWG report's 11 indicators, and the same structures in other layouts."""

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from dialogues.ingest import parse_document, read_sources
from dialogues.ingest.indicators import extract_indicators
from dialogues.ingest.structure import split_blocks

RTIM = Path(__file__).resolve().parent.parent / "fixtures" / "documents" / "004_4eb5d2ad2637d347.txt"
NINE_MONTHS = "2024-01/2024-09"

# name, unit, direction, group, (2024 target, line), (Jan-Sep 2024 result, line), (2025 target, line).
# The report lists the 2024 targets (lines 41-51), sorts the September results into "able to achieve"
# (4: water, latrines, NHI coverage, model villages), "tend to meet" (3: infant, under-five, maternal
# mortality) and "tend to fail" (4: underweight, stunting, skilled birth attendance, Penta 3), then
# lists the 2025 targets (lines 108-119, a blank line before item 10).
EXPECTED = [
    ("Prevalence of underweight in children under five", "%", "lower", "tend to fail",
     ("16", 41), ("24.3", 92), ("15", 108)),
    ("Prevalence of stunting among children under five", "%", "lower", "tend to fail",
     ("28", 42), ("32.8", 93), ("27", 109)),
    ("Infant mortality rate of children under one", "per 1,000 live births", "lower", "tend to meet",
     ("22", 43), ("6.77", 86), ("20", 110)),
    ("Children under five mortality rate", "per 1,000 live births", "lower", "tend to meet",
     ("32", 44), ("7.81", 87), ("30", 111)),
    ("Maternal mortality ratio", "per 100,000 live births", "lower", "tend to meet",
     ("120", 45), ("36.24", 88), ("110", 112)),
    ("Percentage of deliveries with skilled birth attendants", "%", "higher", "tend to fail",
     ("84", 46), ("60.33", 94), ("85", 113)),
    ("Immunization rate for Penta 3 for children under one", "%", "higher", "tend to fail",
     ("95", 47), ("64.87", 95), ("95", 114)),
    ("Percentage of households with access to clean water", "%", "higher", "achieved",
     ("94", 48), ("94.41", 78), ("95", 115)),
    ("Percentage of households using latrines", "%", "higher", "achieved",
     ("84", 49), ("97.13", 79), ("85", 116)),
    ("National Health Insurance Coverage rate", "%", "higher", "achieved",
     ("94.5", 50), ("94.5", 80), ("94.5", 118)),
    ("Percentage of model health village certification", "%", "higher", "achieved",
     ("84", 51), ("92.03", 82), ("85", 119)),
]


@pytest.fixture(scope="module")
def indicators():
    return parse_document(read_sources([RTIM])[0]).indicators


def test_the_rtim_report_has_eleven_indicators_in_report_order(indicators):
    assert [i.name for i in indicators] == [row[0] for row in EXPECTED]


@pytest.mark.parametrize("row", EXPECTED, ids=[row[0][:30] for row in EXPECTED])
def test_each_rtim_indicator_has_its_unit_direction_group_and_values(indicators, row):
    name, unit, direction, group, target_2024, result, target_2025 = row
    indicator = next(i for i in indicators if i.name == name)
    assert (indicator.unit, indicator.direction, indicator.reported_group, indicator.theme) == (
        unit, direction, group, "Health")
    # Underweight and stunting come from a survey (LSIS III), not from the nine months' data: their
    # figures are kept apart as survey values of the year they are reported in.
    survey = "LSIS III" in RTIM.read_text(encoding="utf-8").splitlines()[result[1] - 1]
    measured = ("2024", "survey", Decimal(result[0]), result[1], None) if survey else (
        NINE_MONTHS, "result", Decimal(result[0]), result[1], date(2024, 9, 30))
    values = [(v.period, v.kind, v.value, v.line, v.as_of) for v in indicator.values]
    assert sorted(values, key=lambda v: (v[0][:4], v[1])) == sorted([
        ("2024", "target", Decimal(target_2024[0]), target_2024[1], None),
        measured,
        ("2025", "target", Decimal(target_2025[0]), target_2025[1], None),
    ], key=lambda v: (v[0][:4], v[1]))
    assert indicator.line_span == (min(target_2024[1], result[1]), target_2025[1])


def test_raw_values_keep_the_text_as_written(indicators):
    maternal = next(i for i in indicators if i.name == "Maternal mortality ratio")
    assert [v.raw for v in maternal.values] == [
        "120 per 100,000 live births", "36.24 per100,000 live births", "110 per 100,000 live births"]


def test_indicator_list_items_are_not_recommendations():
    parsed = parse_document(read_sources([RTIM])[0])
    indicator_lines = {v.line for i in parsed.indicators for v in i.values}
    assert not any(r.line_span[0] in indicator_lines for r in parsed.recommendations)


def test_a_result_group_under_other_wording_and_glyphs_still_parses():
    text = "\n".join([
        "Targets for 2026 are as follows:",
        "",
        "1) Stock-out rate of essential medicines in district hospitals will be at 5%;",
        "2) Number of village health volunteers trained to reach 1,200;",
        "",
        "INDICATORS ON TRACK BY JUNE 2026",
        "",
        "• Number of village health volunteers trained in the first 6 months of 2026 is 700 (target 1,200)",
        "",
        "INDICATORS OFF TRACK",
        "",
        "• Stock-out rate of essential medicines in district hospitals is 9% (target 5%)",
    ])
    found = {i.name: i for i in extract_indicators(split_blocks(text)).indicators}
    stock_out = found["Stock-out rate of essential medicines in district hospitals"]
    assert (stock_out.direction, stock_out.unit, stock_out.reported_group) == ("lower", "%", "tend to fail")
    assert [(v.period, v.kind, v.value) for v in stock_out.values] == [
        ("2026", "target", Decimal("5")), ("2026-01/2026-06", "result", Decimal("9"))]
    volunteers = found["Number of village health volunteers trained"]
    assert (volunteers.unit, volunteers.direction, volunteers.reported_group) == ("number", "higher", "tend to meet")
    assert [(v.period, v.kind, v.value, v.as_of) for v in volunteers.values] == [
        ("2026", "target", Decimal("1200"), None), ("2026-01/2026-06", "result", Decimal("700"), date(2026, 6, 30))]


def test_an_indicator_table_is_read_by_its_column_headers():
    text = "\n".join([
        "| Indicator | Baseline 2020 | Target 2024 | Result Jan-Sep 2024 | Status |",
        "|---|---|---|---|---|",
        "| Maternal mortality ratio | 185 per 100,000 live births | 120 per 100,000 live births | 36.24 "
        "| tend to meet |",
        "| Percentage of households using latrines | 70% | 84% | 97.13% | achieved |",
    ])
    found = {i.name: i for i in extract_indicators(split_blocks(text)).indicators}
    maternal = found["Maternal mortality ratio"]
    assert (maternal.unit, maternal.direction, maternal.reported_group) == (
        "per 100,000 live births", "lower", "tend to meet")
    assert [(v.period, v.kind, v.value, v.line) for v in maternal.values] == [
        ("2020", "baseline", Decimal("185"), 3), ("2024", "target", Decimal("120"), 3),
        (NINE_MONTHS, "result", Decimal("36.24"), 3)]
    assert found["Percentage of households using latrines"].reported_group == "achieved"


def test_a_table_flattened_one_cell_per_line_is_read_structurally():
    text = "\n".join([
        "Indicator",
        "Target 2025",
        "Result (first 9 months of 2024)",
        "Prevalence of stunting among children under five",
        "27%",
        "32.8%",
        "Immunization rate for Penta 3",
        "95%",
        "64.87%",
    ])
    found = {i.name: i for i in extract_indicators(split_blocks(text)).indicators}
    assert set(found) == {"Prevalence of stunting among children under five", "Immunization rate for Penta 3"}
    penta = found["Immunization rate for Penta 3"]
    assert [(v.period, v.kind, v.value, v.line) for v in penta.values] == [
        (NINE_MONTHS, "result", Decimal("64.87"), 9), ("2025", "target", Decimal("95"), 8)]
    assert found["Prevalence of stunting among children under five"].direction == "lower"


def test_a_list_without_values_is_not_an_indicator_list():
    text = "The key targets for 2024 are as follows:\n\n- Improve hospital management;\n- Train more midwives;\n"
    assert extract_indicators(split_blocks(text)).indicators == ()
