"""Benchmark the ingest core on a synthetic corpus shaped like the seed reports.

Generates ``--docs`` documents (default 1,000) by recombining structures and sentences taken from
the seed reports in ``fixtures/documents``: Mekong-style summary reports (theme blocks of numbered
priority issues with bullet recommendations, key takeaways), AAAH-style side-meeting reports
(lead-in groups, regional/global and country-specific actions, numbered titles, next steps, support
tables), ILO-style progress reports (outcomes/outputs, anticipated priorities by level, lessons),
news items with founding members, and RTIM-style SWG reports (indicator target lists, result groups,
priorities). Each document gets a random number of themes, issues, bullets, lead-ins, countries and
indicators, random bullet glyphs, and OCR noise (a lost first letter, stray ``**`` and ``#``,
soft-wrapped bullets, words run together, paragraphs split by page breaks). Files get random names
and TOML sidecars in a temporary folder.

It then times ``read_sources`` + ``parse_document`` over the folder and prints documents per second,
both by the wall clock and by this process's CPU time. The exit status is 1 when the rate is below
``--min-rate`` or when any document fails to parse. The rate checked is the CPU-time one: on a shared
2-core machine the wall clock also counts time other processes take, while CPU time measures the
parser's own work; ``--wall`` checks the wall-clock rate instead.

Run: ``.venv/bin/python -m bench.bench_parse [--docs 1000] [--min-rate 50] [--seed 7] [--wall]``

The minimum is the reader's target: at least 50 documents a second, every sentence read for its
verb, its subject and its actors.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import tempfile
import time
from pathlib import Path

from dialogues.ingest import IngestError, default_gazetteer, default_sdgs, default_themes, parse_document, read_sources

SEEDS = Path(__file__).resolve().parents[1] / "fixtures" / "documents"
GLYPHS = ("-", "•", "\uf0b7", "*", "–", "o")
COUNTRIES = ("Mongolia", "Jordan", "Bhutan", "Samoa", "Philippines", "Indonesia", "Sri Lanka", "Myanmar", "Nepal",
             "Pakistan", "Lao PDR", "Viet Nam", "Cambodia", "Thailand", "Timor-Leste", "Bangladesh", "Fiji")
ACTORS = ("Ministries of Education", "Ministries of Health", "International donors", "Governments", "Universities",
          "NGOs and CSOs", "The MUSP", "Private sector actors, tech companies, and international donors",
          "Legislators", "Government agencies", "Researchers", "Donor partners like the United States", "the WHO",
          "the AAAH", "the ILO", "National bureaus of statistics and other statistical bodies")
THEME_WORDS = {
    "education": "education curriculum teachers students universities vocational training schools",
    "labor": "labor migration employment jobs workers wages automation employers",
    "health": "healthcare hospitals vaccines pandemic disease medical patients health system",
}
INDICATORS = (
    ("Prevalence of underweight in children under five", "%"),
    ("Prevalence of stunting among children under five", "%"),
    ("Infant mortality rate of children under one", "per 1,000 live births"),
    ("Maternal mortality ratio", "per 100,000 live births"),
    ("Percentage of deliveries with skilled birth attendants", "%"),
    ("Immunization rate for Penta 3 for children under one", "%"),
    ("Percentage of households with access to clean water", "%"),
    ("Percentage of households using latrines", "%"),
    ("National Health Insurance Coverage rate", "%"),
    ("Percentage of model health village certification", "%"),
    ("Stock-out rate of essential medicines in district hospitals", "%"),
    ("Number of village health volunteers trained", "number"),
)


class Pools:
    """Sentences and paragraphs lifted from the seed reports, to recombine."""

    def __init__(self, rng: random.Random):
        text = "\n".join(p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt")))
        # Table rows (tabs, pipes) would turn a generated statement into a table row.
        lines = [line.strip() for line in text.split("\n") if "\t" not in line and "|" not in line]
        self.rng = rng
        self.prose = [line for line in lines if len(line) > 300 and not line.startswith(("|", "-", "•"))]
        modal_sentence = r"[A-Z][^.\n]{10,200}\b(?:should|can) [^.\n]{20,250}\."
        self.should = sorted({m.group(0).strip() for m in re.finditer(modal_sentence, text)})
        self.imperative = [line.lstrip("-• ").strip() for line in lines
                           if re.match(r"^[-•]\s+(?:Establish|Promote|Develop|Facilitate|Strengthen|Create|Advocate|"
                                       r"Introduce|Encourage|Improve|Enhance|Continue|Support|Focus|Foster|Review|"
                                       r"Ensure|Increase|Prepare|Revise|Initiate)\b", line)]
        self.statements = [s for s in (re.split(r"(?<=\.)\s", p)[0] for p in self.prose) if 60 < len(s) < 300]

    def pick(self, pool: list[str], count: int) -> list[str]:
        """Return ``count`` random items of a pool (with repeats when the pool is small)."""
        return [self.rng.choice(pool) for _ in range(count)]


def noisy(rng: random.Random, text: str) -> str:
    """Return text with OCR noise: a lost first letter, stray markup, two words run together."""
    roll = rng.random()
    if roll < 0.08 and len(text) > 40 and text[0].isupper() and text[1].islower():
        return text[1:]
    if roll < 0.14:
        return text.replace(" ", " **", 1)
    if roll < 0.18:
        words = text.split(" ")
        if len(words) > 4:
            i = rng.randrange(1, len(words) - 1)
            if words[i][:1].isupper() and words[i + 1][:1].isupper():
                words[i:i + 2] = [words[i] + words[i + 1]]
        return " ".join(words)
    return text


def prose(rng: random.Random, pools: Pools, low: int, high: int) -> list[str]:
    """Return between ``low`` and ``high`` seed paragraphs, blank-line separated, some noisy."""
    out: list[str] = []
    for paragraph in pools.pick(pools.prose, rng.randint(low, high)):
        out += [noisy(rng, paragraph), ""]
    return out


def bullet(rng: random.Random, text: str, indent: str = "", glyph: str | None = None) -> str:
    """Return a bullet line, sometimes soft-wrapped onto an indented second line."""
    glyph = glyph or rng.choice(GLYPHS)
    text = noisy(rng, text)
    if rng.random() < 0.15 and len(text) > 90:
        cut = text.rfind(" ", 40, 80)
        if cut > 0:
            return f"{indent}{glyph} {text[:cut]}\n{indent} {text[cut + 1:]}"
    return f"{indent}{glyph} {text}"


def countries(rng: random.Random, count: int) -> str:
    """Return "A, B and C" for ``count`` random countries."""
    names = rng.sample(COUNTRIES, count)
    return names[0] if count == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def mekong_shape(rng: random.Random, pools: Pools) -> str:
    """Return a summary report: key takeaways, then theme blocks of numbered issues with bullets."""
    out = ["MEKONG - U.S. PARTNERSHIP TRACK 1.5 POLICY DIALOGUE", "", "Summary Report", "", "CONTENTS", ""]
    themes = rng.sample(list(THEME_WORDS), rng.randint(1, 3))
    out += [f"| {t.title()} | {10 + i} |" for i, t in enumerate(themes)] + [""]
    out += ["ABOUT THE POLICY DIALOGUE SERIES", "", *prose(rng, pools, 2, 4), "A NOTE FROM CONFERENCE CHAIR", "",
            *prose(rng, pools, 2, 5)]
    out += ["SUMMARY", "", noisy(rng, rng.choice(pools.prose)), "", "KEY TAKEAWAYS AND POLICY RECOMMENDATIONS:", ""]
    out += [bullet(rng, f"{rng.choice(pools.statements)} {rng.choice(pools.should)}", glyph="-")
            for _ in range(rng.randint(1, 4))]
    out += ["", "AGENDA", "", "| 9:00 am | Opening Plenary | |", "", "THEMATIC AREAS AND RECOMMENDATIONS", ""]
    for theme in themes:
        intro = f"The {theme} sessions explored {THEME_WORDS[theme]}. " + noisy(rng, rng.choice(pools.prose))
        out += ["", "", "", intro,
                "", *prose(rng, pools, 0, 2), "Photo: a panel discussion.", "",
                "PRIORITY ISSUES AND POLICY RECOMMENDATIONS:", ""]
        for number in range(1, rng.randint(2, 5)):
            out.append(bullet(rng, f"{number}. {rng.choice(pools.statements)} To address this gap:", glyph="-"))
            for _ in range(rng.randint(1, 5)):
                actor = rng.choice(ACTORS)
                tail = rng.choice(pools.should).split(" should ", 1)[-1]
                out.append(bullet(rng, f"{actor} should {tail}", indent=" "))
    out += ["", "FEEDBACK", "", "Key takeaways from the survey are:", ""]
    out += [f"- {rng.randint(60, 100)}% of attendees said the Dialogue was useful" for _ in range(3)]
    out += ["", f"More than {rng.randint(20, 90)} people participated in the in-person sessions.", "", "NEXT STEPS", "",
            rng.choice(pools.prose)]
    return "\n".join(out) + "\n"


def side_meeting_shape(rng: random.Random, pools: Pools) -> str:
    """Return a side-meeting report: lead-in groups, actions by level and country, titles, next steps."""
    out = ["Side Meeting Report:", "", "Strengthening Local Health Systems", "", "Executive Summary", "",
           rng.choice(pools.prose), "", "Recommendations from the conference", ""]
    for _ in range(rng.randint(2, 5)):
        actor = rng.choice(("the region", "the WHO", "the AAAH", "the region and the wider world", "governments"))
        modal = "will" if actor == "the AAAH" else "should"
        out += ["", f"To support regional collaboration, {actor} {modal}:", ""]
        out += [bullet(rng, item) for item in pools.pick(pools.imperative, rng.randint(2, 7))]
    out += ["", "Background", "", *prose(rng, pools, 3, 8), "Panel discussion 1", "", *prose(rng, pools, 3, 10),
            "Roundtable Discussions 1", ""]
    out += [bullet(rng, s) for s in pools.pick(pools.statements, 4)]
    out += ["", "Recommendations", "", "Regional actions", ""]
    out += [bullet(rng, item) for item in pools.pick(pools.imperative, rng.randint(3, 8))]
    out += ["", "Regional actions (continued)", ""]
    out += [bullet(rng, f"{countries(rng, rng.randint(1, 4))}: {item[0].lower()}{item[1:]}")
            for item in pools.pick(pools.imperative, rng.randint(1, 3))]
    out += ["", "Global actions", ""] + [bullet(rng, i) for i in pools.pick(pools.imperative, rng.randint(2, 8))]
    out += ["", "Safeguard list", "", "Specific recommendations are proposed in three areas:", ""]
    for number in range(1, rng.randint(2, 4)):
        out.append(bullet(rng, f"{number}. {rng.choice(pools.should)}", glyph="-"))
        out += [bullet(rng, s, indent=" ") for s in pools.pick(pools.imperative, rng.randint(0, 3))]
    out += ["", "Conclusion and what's next", "", "Several priorities have been identified on this topic:", ""]
    for number in range(1, rng.randint(2, 6)):
        title = rng.choice(("Enhancing LocalVoices", "Improving Migration Policies", "Closing Data Gaps"))
        out += ["", f"{number}. {title}",
                "", rng.choice(pools.statements)]
    out += ["", "For the next steps, the AAAH will conduct the following;", ""]
    out += [bullet(rng, i) for i in pools.pick(pools.imperative, rng.randint(2, 5))]
    out += ["", "Key regional needs\tExample country needing support\tExample country providing support"]
    out += [f"Ethical Recruitment Practices Implementing fair policies\t{rng.choice(COUNTRIES)} needs help\t"
            f"{rng.choice(COUNTRIES)} could help"]
    out += ["", "A total of 55 individuals participated in our side meeting.", ""]
    return "\n".join(out) + "\n"


def progress_shape(rng: random.Random, pools: Pools) -> str:
    """Return a progress report: outcomes and outputs with narrative, priorities by level, lessons."""
    out = ["International", "Labour", "Organization", "", "Progress Report", "", "1. Regional and country context", "",
           rng.choice(pools.prose), "", "2. Progress report", ""]
    for outcome in range(1, rng.randint(2, 4)):
        out += [f"Outcome {outcome}. Social health protection is extended", ""]
        for output in range(1, rng.randint(2, 4)):
            out += [f"Output {output}: Capacities are strengthened", ""]
            paragraph = rng.choice(pools.prose)
            if rng.random() < 0.3:
                cut = paragraph.rfind(" ", 100, 200)
                out += [paragraph[:cut], "", "¹ A footnote.", "", paragraph[cut + 1:].lower(), ""]
            else:
                out += [noisy(rng, paragraph), ""]
            out += prose(rng, pools, 0, 3)
    out += ["Challenges:", ""] + [bullet(rng, s) for s in pools.pick(pools.statements, 2)]
    out += ["", f"Some of the anticipated priorities for {rng.randint(2023, 2026)} include:", "",
            "At the regional level:", ""]
    out += [bullet(rng, s) for s in pools.pick(pools.imperative, rng.randint(1, 4))]
    out += ["", f"{rng.choice(COUNTRIES)}:", ""]
    out += [bullet(rng, s) for s in pools.pick(pools.imperative, rng.randint(1, 4))]
    out += ["", "Some lessons learned:", "", bullet(rng, rng.choice(pools.statements)),
            bullet(rng, "Hence, workplans should be constructed that consider absorption capacities."), ""]
    return "\n".join(out) + "\n"


def news_shape(rng: random.Random, pools: Pools) -> str:
    """Return a news item: a title, prose and a list of founding members."""
    members = rng.sample(("Mahidol University", "Seoul National University", "the ILO", "Hanoi University of Public "
                          "Health", "the Swiss Red Cross", "Viet Nam Health Strategy and Policy Institute"), 3)
    return "\n".join([
        "1. Home", "  2. News", "", "Regional knowledge hub – CONNECT- strengthens capacity", "",
        *prose(rng, pools, 1, 3), f"Founding members include {members[0]}, {members[1]} and {members[2]}.", "",
        *prose(rng, pools, 1, 4),
    ]) + "\n"


def swg_shape(rng: random.Random, pools: Pools) -> str:
    """Return an SWG report: indicator targets, result groups, next year's targets and priorities."""
    year = rng.randint(2023, 2027)
    chosen = rng.sample(INDICATORS, rng.randint(3, len(INDICATORS)))
    out = [f"## **Round Table Implementation Meeting (RTIM) {year}: Sector Working Group Report**", "",
           f"### **1. The main objectives and targets of the SWG for {year}**", "",
           f"The key targets for {year} of the health sector are as follows:", ""]
    targets = {name: rng.randint(10, 95) for name, _ in chosen}
    out += [f"{i}. {name} will remain at {targets[name]}{'%' if unit == '%' else ' ' + unit};"
            for i, (name, unit) in enumerate(chosen, 1)]
    out += ["", f"**2. What are the key results achieved in {year}?**", "",
            f"## **3) *Progress of the indicators, which by September {year} have made progress as below:***", ""]
    groups = (("A. *There are some indicators that are able to achieve*"), ("B. *Indicators tend to meet targets*"),
              ("C. *Indicators tend to fail to meet targets*"))
    split = sorted(rng.sample(range(1, len(chosen)), 2)) if len(chosen) > 2 else [1, 2]
    for heading, part in zip(groups, (chosen[: split[0]], chosen[split[0]: split[1]], chosen[split[1]:]), strict=True):
        out += ["", f"**{heading}**", ""]
        out += [f"- {name} in the first 9 months of {year} is {rng.randint(5, 99)}.{rng.randint(0, 99)}"
                f"{'%' if unit == '%' else ' ' + unit} (target {targets[name]}{'%' if unit == '%' else ''});"
                for name, unit in part]
    out += ["", f"**3.a. What are the SWG's key priorities for {year + 1}?**", "",
            f"Health sector targets by {year + 1} include:", ""]
    out += [f"{i}. {name} to **{targets[name] + 1}{'%' if unit == '%' else ' ' + unit}**;"
            for i, (name, unit) in enumerate(chosen, 1)]
    out += ["", f"In addition, the health sector in {year + 1} will focus on the following priority activities:", ""]
    out += [bullet(rng, s, glyph="-") for s in pools.pick(pools.imperative, rng.randint(3, 9))]
    out += ["", "#### **4. What are the key lessons learned?**", "", *prose(rng, pools, 1, 3),
            "##### **2) *Key challenges:***", ""]
    out += [bullet(rng, s, glyph="-") for s in pools.pick(pools.statements, 3)]
    return "\n".join(out) + "\n"


SHAPES = (
    (mekong_shape, "policy dialogue", "summary report"),
    (side_meeting_shape, "side meeting", "summary report"),
    (progress_shape, "progress report", "progress report"),
    (news_shape, "news", "news"),
    (swg_shape, "sector working group report", "SWG report"),
)


def sidecar(rng: random.Random, kind: str, document_kind: str, number: int) -> str:
    """Return a TOML sidecar for a generated document."""
    year = rng.randint(2019, 2025)
    default = 'default_addressee = "International Labour Organization"\n' if kind == "progress report" else ""
    return (f'title = "Synthetic report {number}"\nkind = "{kind}"\ndocument_kind = "{document_kind}"\n'
            f'start_date = {year}-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}\ncountry = "LA"\n{default}')


def write_corpus(folder: Path, count: int, seed: int) -> int:
    """Write ``count`` documents with sidecars into ``folder``; return the total bytes of text."""
    rng = random.Random(seed)
    pools = Pools(rng)
    total = 0
    for number in range(count):
        shape, kind, document_kind = SHAPES[number % len(SHAPES)]
        text = shape(rng, pools)
        stem = f"{rng.getrandbits(64):016x}"
        suffix = ".md" if rng.random() < 0.2 else ".txt"
        (folder / f"{stem}{suffix}").write_text(text, encoding="utf-8")
        (folder / f"{stem}.toml").write_text(sidecar(rng, kind, document_kind, number), encoding="utf-8")
        total += len(text.encode())
    return total


def main(argv: list[str] | None = None) -> int:
    """Generate the corpus, time reading and parsing it, and report documents per second."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--docs", type=int, default=1000, help="number of documents to generate")
    parser.add_argument("--min-rate", type=float, default=50.0, help="fail below this many documents/s")
    parser.add_argument("--seed", type=int, default=7, help="random seed of the corpus")
    parser.add_argument("--wall", action="store_true", help="check the wall-clock rate rather than the CPU one")
    args = parser.parse_args(argv)
    gazetteer, themes, sdgs = default_gazetteer(), default_themes(), default_sdgs()
    with tempfile.TemporaryDirectory(prefix="bench-parse-") as tmp:
        folder = Path(tmp)
        size = write_corpus(folder, args.docs, args.seed)
        started, cpu_started = time.perf_counter(), time.process_time()
        sources = read_sources([folder])
        failures = 0
        recommendations = indicators = 0
        for source in sources:
            try:
                parsed = parse_document(source, gazetteer, themes, sdgs)
            except IngestError as exc:
                failures += 1
                print(f"parse failed: {exc}", file=sys.stderr)
                continue
            recommendations += len(parsed.recommendations)
            indicators += len(parsed.indicators)
        elapsed = time.perf_counter() - started
        cpu = time.process_time() - cpu_started
    rate, cpu_rate = len(sources) / elapsed, len(sources) / cpu
    print(f"{len(sources)} documents ({size / 1e6:.1f} MB), {recommendations} recommendations, {indicators} "
          f"indicators: {elapsed:.2f} s wall = {rate:.0f} documents/s; {cpu:.2f} s CPU = {cpu_rate:.0f} documents/s")
    if failures:
        print(f"{failures} documents failed to parse", file=sys.stderr)
        return 1
    checked = rate if args.wall else cpu_rate
    if checked < args.min_rate:
        clock = "wall-clock" if args.wall else "CPU-time"
        print(f"{clock} rate below the minimum of {args.min_rate:.0f} documents/s", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
