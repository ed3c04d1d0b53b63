"""Load the served portal while status updates are written in parallel: no error, no lost write.

    .venv/bin/python -m bench.bench_writes [--duration 60] [--connections 50] [--writers 4]
        [--recommendations 20000] [--reuse]

It (re)creates a PostgreSQL database with ``generate_synthetic`` data, serves it with gunicorn
under production settings (``bench.bench_portal``'s Server), and for ``--duration`` seconds
runs ``wrk`` over a mix of public pages while ``--writers`` separate processes call
``recommendations.services.record_status_update`` in a loop, half the time on a few hot
recommendations that every writer hits. It then counts the status updates (before + committed
must equal after) and checks that every touched recommendation's current status is its newest
update's. Results go to ``bench/results/writes.json``, the table to stdout; exit 1 on any
error, lost write or stale status. See ``bench/README.md``.
"""

import argparse
import contextlib
import json
import math
import os
import platform
import queue
import random
import re
import signal
import subprocess
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import urlsplit

from bench.bench_portal import (
    HOST,
    RESULTS,
    BenchError,
    Server,
    count_queries,
    database_url,
    django_env,
    fmt,
    git_commit,
    log,
    manage,
    one_by_one,
    preflight,
    prepare_database,
    psql,
    run,
    run_wrk,
    sizes,
)

ROOT = Path(__file__).resolve().parent.parent
APP_NAME = "bench_writes"  # the server's PostgreSQL application_name
WRITER_APP_NAME = "bench_writes_writer"
SEED = 1
# The page mix wrk requests: each endpoint's share of requests ("recommendation" is spread over
# the random pages query_counts lists; the others are one path each).
MIX = {"recommendation": 50, "home": 10, "list": 10, "list_filtered": 10, "list_search": 10, "actor": 10}
# An update on a random recommendation is dated today or, half the time, up to this many days back
# (it then joins the history only, unless it is still newer than the current status).
MAX_BACKDATE_DAYS = 400
# An update on a hot recommendation is dated by the clock all writers share: the date advances by
# this many days per second of the run, from duration × this many days ago to today. Every few
# updates on a hot recommendation is the newest yet (and some tie on the same day), so the current
# status keeps moving while other writers write to it: without the row lock, a writer that read the
# current date before another committed a newer one would overwrite it (a stale current status).
HOT_DAYS_PER_S = 10
# The hot recommendations change every this many seconds (the same ones for every writer), so that
# many end in a state reached under contention: only the final state can be checked.
HOT_ROUND_S = 1.0
ERROR_EXAMPLES = 5
STALE_EXAMPLES = 10


# ---------------------------------------------------------------------------------------------
# Options


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m bench.bench_writes", description=__doc__.split("\n\n")[0],
        formatter_class=argparse.ArgumentDefaultsHelpFormatter)
    parser.add_argument("--recommendations", type=int, default=20_000,
                        help="Recommendations in the database (actors = n/20, dialogues = n/200).")
    parser.add_argument("--duration", type=float, default=60.0, help="Seconds of load (and of writing).")
    parser.add_argument("--connections", type=int, default=50, help="Concurrent connections (wrk -c).")
    parser.add_argument("--threads", type=int, default=2, help="wrk threads (wrk -t).")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn sync workers.")
    parser.add_argument("--timeout", type=int, default=120, help="gunicorn worker --timeout in seconds.")
    parser.add_argument("--writers", type=int, default=4, help="Writer processes.")
    parser.add_argument("--hot", type=int, default=5,
                        help=f"Hot recommendations at a time, the same for every writer (new ones every "
                             f"{HOT_ROUND_S:g} s).")
    parser.add_argument("--hot-share", type=float, default=0.5,
                        help="Share of each writer's updates that go to a hot recommendation.")
    parser.add_argument("--reuse", action="store_true",
                        help="Keep a database that already holds the right number of recommendations.")
    parser.add_argument("--postgres", default="postgres://postgres@127.0.0.1:5432",
                        help="PostgreSQL server URL without a database name.")
    parser.add_argument("--db", default="tracker_bench_writes", help="Database (dropped and recreated).")
    parser.add_argument("--output", type=Path, default=RESULTS, help="Directory for writes.json.")
    # Internal: run as one writer process (started by the bench itself).
    parser.add_argument("--writer", type=int, metavar="INDEX", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if not re.fullmatch(r"[a-z_][a-z0-9_]{0,62}", args.db):
        parser.error(f"{args.db!r} is not a plain database name (lower-case letters, digits, _).")
    if min(args.recommendations, args.duration, args.connections, args.threads, args.workers, args.writers,
           args.hot, args.timeout) <= 0:
        parser.error("sizes, counts and durations must be positive.")
    if not 0 <= args.hot_share <= 1:
        parser.error("--hot-share is a share between 0 and 1.")
    args.threads = min(args.threads, args.connections)
    args.skip_csv = True  # for bench_portal.count_queries: the CSV is not in the mix
    return args


# ---------------------------------------------------------------------------------------------
# One writer process: python -m bench.bench_writes --writer INDEX, with DATABASE_URL set


def writer_main(args: argparse.Namespace) -> int:
    """Record status updates until --duration has passed (or SIGTERM); print one JSON line.

    Prints READY once Django is set up, then waits for a line on stdin before writing, so that
    every writer starts with the load.
    """
    import django

    django.setup()
    from django.db import close_old_connections
    from django.db.models import Q
    from django.utils import timezone

    from recommendations.models import Recommendation, Status
    from recommendations.services import record_status_update

    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda signum, frame: stop.set())
    today = timezone.localdate()
    first_hot_date = today - timedelta(days=math.ceil(args.duration * HOT_DAYS_PER_S))
    ids = list(Recommendation.objects.order_by("pk").values_list("pk", flat=True))
    # The same for every writer (none writes before all have chosen): recommendations whose current
    # status is older than the first hot date, so that the hot updates move it from the start.
    pool = list(Recommendation.objects.filter(Q(status_as_of=None) | Q(status_as_of__lt=first_hot_date))
                .order_by("pk").values_list("pk", flat=True)) or ids
    rounds = math.ceil(args.duration / HOT_ROUND_S) + 1
    hot = random.Random(SEED).sample(pool, min(args.hot * rounds, len(pool)))
    rng = random.Random(SEED * 1000 + args.writer)
    statuses = list(Status.values)
    print("READY", flush=True)
    go = sys.stdin.readline().split()  # "go EPOCH": the wall-clock start shared by all writers
    if len(go) != 2 or go[0] != "go":  # the bench went away before the load began
        return 1
    epoch = float(go[1])

    committed, touched, errors, examples, latencies = 0, set(), {}, [], []
    hot_committed = 0
    started = time.monotonic()
    deadline = started + args.duration
    while not stop.is_set() and time.monotonic() < deadline:
        is_hot = rng.random() < args.hot_share
        if is_hot:
            elapsed = time.time() - epoch
            pk = hot[(int(elapsed / HOT_ROUND_S) * args.hot + rng.randrange(args.hot)) % len(hot)]
            as_of = min(today, first_hot_date + timedelta(days=int(elapsed * HOT_DAYS_PER_S)))
        else:
            pk = rng.choice(ids)
            as_of = today - timedelta(days=0 if rng.random() < 0.5 else rng.randrange(1, MAX_BACKDATE_DAYS))
        touched.add(pk)
        call = time.perf_counter()
        try:
            record_status_update(recommendation=Recommendation(pk=pk), status=rng.choice(statuses), as_of=as_of,
                                 narrative=f"bench_writes writer {args.writer}, update {committed + 1}")
        except Exception as exc:  # every failure is counted and reported, never hidden
            name = type(exc).__name__
            errors[name] = errors.get(name, 0) + 1
            if len(examples) < ERROR_EXAMPLES:
                examples.append(f"{name} on recommendation {pk}: {exc}"[:500])
            close_old_connections()  # drop a broken connection so that the next call reconnects
            continue
        latencies.append(time.perf_counter() - call)
        committed += 1
        hot_committed += is_hot
    seconds = time.monotonic() - started
    print(json.dumps({
        "writer": args.writer, "committed": committed, "hot_committed": hot_committed, "errors": errors,
        "error_examples": examples, "seconds": round(seconds, 3), "touched": sorted(touched),
        "latencies_ms": [round(s * 1000, 2) for s in latencies],
    }), flush=True)
    return 0


class Writer:
    """A writer subprocess; its stdout lines arrive on a queue (read by a thread, so never blocking)."""

    def __init__(self, args: argparse.Namespace, index: int, env: dict[str, str]):
        cmd = [sys.executable, "-m", "bench.bench_writes", "--writer", str(index), "--duration", str(args.duration),
               "--hot", str(args.hot), "--hot-share", str(args.hot_share)]
        self.index = index
        self.log_path = args.output / f"writer-{index}.log"  # its stderr
        with self.log_path.open("w") as stderr:
            self.proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                         stderr=stderr, text=True, start_new_session=True)
        self.lines: queue.Queue = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        for line in self.proc.stdout:
            self.lines.put(line.rstrip("\n"))
        self.lines.put(None)  # end of output

    def next_line(self, timeout: float) -> str:
        try:
            line = self.lines.get(timeout=timeout)
        except queue.Empty:
            raise BenchError(f"writer {self.index} said nothing within {timeout:.0f} s") from None
        if line is None:
            self.proc.wait(5)
            raise BenchError(f"writer {self.index} exited ({self.proc.returncode}):\n{self.error_output()}")
        return line

    def go(self, epoch: float) -> None:
        self.proc.stdin.write(f"go {epoch!r}\n")
        self.proc.stdin.close()

    def error_output(self) -> str:
        return self.log_path.read_text()[-3000:]

    def stop(self) -> None:
        """TERM (the writer finishes its current update and reports), KILL after 10 s."""
        if self.proc.poll() is None:
            for sig, wait in ((signal.SIGTERM, 10), (signal.SIGKILL, 5)):
                with contextlib.suppress(ProcessLookupError):
                    self.proc.send_signal(sig)
                with contextlib.suppress(subprocess.TimeoutExpired):
                    self.proc.wait(wait)
                    break


# ---------------------------------------------------------------------------------------------
# Checks in SQL


def count_updates(args: argparse.Namespace) -> int:
    return int(psql(args, args.db, "SELECT count(*) FROM recommendations_statusupdate"))


# Touched recommendations whose current status is not their newest (as_of, recorded_at) update's.
STALE_SQL = """
WITH touched(id) AS (SELECT unnest('{{{ids}}}'::bigint[])),
latest AS (
    SELECT DISTINCT ON (u.recommendation_id) u.recommendation_id, u.status, u.as_of
    FROM recommendations_statusupdate u JOIN touched t ON t.id = u.recommendation_id
    ORDER BY u.recommendation_id, u.as_of DESC, u.recorded_at DESC, u.id DESC
)
SELECT r.id, r.current_status, r.status_as_of, l.status, l.as_of
FROM recommendations_recommendation r JOIN touched t ON t.id = r.id
LEFT JOIN latest l ON l.recommendation_id = r.id
WHERE l.recommendation_id IS NULL OR r.current_status <> l.status OR r.status_as_of IS DISTINCT FROM l.as_of
ORDER BY r.id;
"""


def stale_statuses(args: argparse.Namespace, touched: set[int]) -> list[str]:
    """One line per touched recommendation whose denormalised current status is stale."""
    if not touched:
        return []
    with tempfile.NamedTemporaryFile("w", suffix=".sql") as sql:  # too many ids for a command line
        sql.write(STALE_SQL.format(ids=",".join(map(str, sorted(touched)))))
        sql.flush()
        done = run(["psql", database_url(args, args.db), "-v", "ON_ERROR_STOP=1", "-tA", "-f", sql.name],
                   what="stale status check")
    return [line for line in done.stdout.splitlines() if line.strip()]


# ---------------------------------------------------------------------------------------------
# The run


def mixed_paths(found: dict) -> tuple[list[str], dict[str, int]]:
    """The paths wrk picks from at random, each endpoint repeated to its share of MIX."""
    detail = found["recommendation_paths"]
    per_share = len(detail) / MIX["recommendation"]
    paths, counts = list(detail), {"recommendation": len(detail)}
    for name, share in MIX.items():
        if name != "recommendation":
            counts[name] = max(1, round(share * per_share))
            paths += [found["endpoints"][name]] * counts[name]
    return paths, counts


def percentiles(values: list[float]) -> dict[str, float | None]:
    if not values:
        return dict.fromkeys(("p50", "p95", "p99", "max"))
    ordered = sorted(values)

    def at(q: float) -> float:
        return ordered[min(len(ordered) - 1, int(q * len(ordered)))]

    return {"p50": at(0.50), "p95": at(0.95), "p99": at(0.99), "max": ordered[-1]}


def bench(args: argparse.Namespace) -> dict:
    preflight(args)
    args.output.mkdir(parents=True, exist_ok=True)
    generation = prepare_database(args, args.db, sizes(args.recommendations))
    log("choosing the pages (bench.query_counts)")
    found = count_queries(args, args.db)
    paths, mix = mixed_paths(found)

    server_env = django_env(f"{database_url(args, args.db)}?application_name={APP_NAME}", debug=False)
    writer_env = django_env(f"{database_url(args, args.db)}?application_name={WRITER_APP_NAME}", debug=False)
    log("collectstatic (production manifest storage)")
    manage("collectstatic", "--noinput", env=server_env, what="collectstatic")

    before = count_updates(args)
    log(f"{before:,} status updates before")
    writers: list[Writer] = []
    reports = []
    with tempfile.TemporaryDirectory(prefix="bench-writes-") as tmp:
        paths_file = Path(tmp) / "paths.txt"
        paths_file.write_text("\n".join(paths) + "\n")
        log_path = args.output / "gunicorn-writes.log"
        log_path.write_text("")
        server = Server(args, {**server_env, "CACHE_DIR": str(Path(tmp) / "cache")}, log_path,
                        options=("--timeout", str(args.timeout)))
        try:
            log(f"starting gunicorn ({args.workers} sync workers, --timeout {args.timeout}) on {args.db}")
            server.start()
            single = {}
            for name in MIX:
                path = found["recommendation_paths"][0] if name == "recommendation" else found["endpoints"][name]
                single[name] = one_by_one(server.port, [path], budget=60)
                log(f"{name}: {path}: one by one {single[name]['ms']:.1f} ms {single[name]['statuses']}")
                if single[name]["statuses"] != [200]:
                    raise BenchError(f"{path} answered {single[name]['statuses']} before any load")
            log(f"starting {args.writers} writers")
            writers = [Writer(args, i, writer_env) for i in range(args.writers)]
            for writer in writers:
                if (line := writer.next_line(timeout=120)) != "READY":
                    raise BenchError(f"writer {writer.index} said {line!r} instead of READY")
            load_before = os.getloadavg()[0]
            epoch = time.time()
            for writer in writers:
                writer.go(epoch)
            log(f"wrk {args.connections} connections × {args.duration:g} s over {len(paths):,} paths while "
                f"{args.writers} writers write")
            load = run_wrk(args, f"http://{HOST}:{server.port}/", args.duration, paths_file)
            load_after = os.getloadavg()[0]
            for writer in writers:
                line = writer.next_line(timeout=60)
                writer.proc.wait(30)
                if writer.proc.returncode != 0:
                    raise BenchError(f"writer {writer.index} exited {writer.proc.returncode}:\n"
                                     f"{writer.error_output()}")
                reports.append(json.loads(line))
        finally:
            for writer in writers:
                writer.stop()
            server.stop()

    after = count_updates(args)
    committed = sum(r["committed"] for r in reports)
    touched = set().union(*(r["touched"] for r in reports))
    stale = stale_statuses(args, touched)
    writer_errors: dict[str, int] = {}
    for r in reports:
        for name, n in r["errors"].items():
            writer_errors[name] = writer_errors.get(name, 0) + n
    write_ms = percentiles([ms for r in reports for ms in r["latencies_ms"]])
    pg_version = psql(args, "postgres", "SHOW server_version").split()[0]
    writer_seconds = max(r["seconds"] for r in reports)
    log(f"{after:,} status updates after; {committed:,} committed; {len(stale)} stale")
    return {
        "meta": {
            "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"), "commit": git_commit(),
            "host": platform.node(), "cpus": os.cpu_count(), "python": platform.python_version(),
            "postgres": pg_version, "server": urlsplit(args.postgres).netloc, "database": args.db,
            "recommendations": args.recommendations, "public_recommendations": found["recommendations"],
            "workers": args.workers, "gunicorn_timeout_s": args.timeout, "connections": args.connections,
            "threads": args.threads, "duration_s": args.duration, "writers": args.writers, "hot": args.hot,
            "hot_share": args.hot_share, "mix": mix, "paths": found["endpoints"],
            "loadavg_before": round(load_before, 2), "loadavg_after": round(load_after, 2),
        },
        "generation": generation,
        "single_ms": {name: s["ms"] for name, s in single.items()},
        "load": load,
        "writes": {
            "before": before, "after": after, "committed": committed,
            "hot_committed": sum(r["hot_committed"] for r in reports),
            "per_writer": [r["committed"] for r in reports],
            "per_s": round(committed / writer_seconds, 1) if writer_seconds else 0.0,
            "latency_ms": write_ms,
            "errors": writer_errors,
            "error_examples": [e for r in reports for e in r["error_examples"]][:ERROR_EXAMPLES],
            "lost": before + committed - after,
            "touched": len(touched),
            "stale": len(stale),
            "stale_examples": stale[:STALE_EXAMPLES],
        },
    }


def failures(results: dict) -> list[str]:
    load, writes = results["load"], results["writes"]
    found = []
    if sum(load["errors"].values()):
        found.append("wrk errors: " + ", ".join(f"{k} {v}" for k, v in load["errors"].items() if v))
    if not load["requests"]:
        found.append("wrk completed no request")
    if sum(writes["errors"].values()):
        found.append(f"writer errors: {writes['errors']}")
    if not writes["committed"]:
        found.append("no status update was committed")
    if writes["lost"]:
        found.append(f"{writes['lost']} lost writes (before {writes['before']:,} + committed "
                     f"{writes['committed']:,} ≠ after {writes['after']:,})")
    if writes["stale"]:
        found.append(f"{writes['stale']} stale current statuses, e.g. {writes['stale_examples'][:3]}")
    return found


def markdown(results: dict) -> str:
    meta, load, writes = results["meta"], results["load"], results["writes"]
    lat, wlat = load["latency_ms"], writes["latency_ms"]
    errors = load["errors"]
    socket_errors = sum(errors[k] for k in ("connect", "read", "write", "timeout"))
    mix = ", ".join(f"{name} {share}%" for name, share in MIX.items())
    lines = [
        f"# Load with writes — {meta['date']}",
        "",
        f"{meta['recommendations']:,} synthetic recommendations on PostgreSQL {meta['postgres']}; gunicorn "
        f"{meta['workers']} sync workers (production settings, --timeout {meta['gunicorn_timeout_s']}); wrk "
        f"{meta['connections']} connections, {meta['threads']} threads, {meta['duration_s']:g} s over a page mix "
        f"({mix}); {meta['writers']} writer processes calling record_status_update, "
        f"{meta['hot_share']:.0%} of the time on {meta['hot']} hot recommendations shared by all (new ones every "
        f"{HOT_ROUND_S:g} s, dated by a shared clock); "
        f"{meta['cpus']} CPUs shared by everything (1-min load average {meta['loadavg_before']:g} before, "
        f"{meta['loadavg_after']:g} after); commit {meta['commit']}.",
        "",
        "| figure | value |",
        "|---|---:|",
        f"| wrk requests | {load['requests']:,} |",
        f"| req/s | {load['rps']:.1f} |",
        f"| latency p50 / p95 / p99 / max ms | {fmt(lat['p50'])} / {fmt(lat['p95'])} / {fmt(lat['p99'])} / "
        f"{fmt(lat['max'])} |",
        f"| non-2xx responses | {errors['non2xx']} |",
        f"| socket errors (connect / read / write / timeout) | {errors['connect']} / {errors['read']} / "
        f"{errors['write']} / {errors['timeout']} ({socket_errors}) |",
        f"| status updates committed (hot) | {writes['committed']:,} ({writes['hot_committed']:,}) |",
        f"| writes/s | {writes['per_s']:.1f} |",
        f"| write latency p50 / p99 / max ms | {fmt(wlat['p50'])} / {fmt(wlat['p99'])} / {fmt(wlat['max'])} |",
        f"| writer errors | {sum(writes['errors'].values())} |",
        f"| status updates before → after | {writes['before']:,} → {writes['after']:,} |",
        f"| lost writes | {writes['lost']} |",
        f"| recommendations touched | {writes['touched']:,} |",
        f"| stale current statuses | {writes['stale']} |",
        "",
        "1-by-1 ms before the load: " + ", ".join(f"{n} {ms:.1f}" for n, ms in results["single_ms"].items()) + ".",
    ]
    if writes["error_examples"]:
        lines += ["", "Writer errors: " + "; ".join(writes["error_examples"])]
    problems = failures(results)
    lines += ["", "**FAIL**: " + "; ".join(problems) if problems else
              "**PASS**: zero errors, zero lost writes, no stale current status."]
    return "\n".join(lines) + "\n"


def _interrupt(signum, frame):
    raise KeyboardInterrupt


def main(argv: list[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    if args.writer is not None:
        return writer_main(args)
    signal.signal(signal.SIGTERM, _interrupt)  # a TERM stops gunicorn and the writers on the way out
    try:
        results = bench(args)
    except BenchError as exc:
        print(f"bench_writes: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("bench_writes: interrupted; gunicorn and the writers stopped.", file=sys.stderr)
        return 130
    results["failures"] = failures(results)
    (args.output / "writes.json").write_text(json.dumps(results, indent=2) + "\n")
    print(markdown(results))
    return 1 if results["failures"] else 0


if __name__ == "__main__":
    sys.exit(main())
