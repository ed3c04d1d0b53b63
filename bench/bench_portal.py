"""Benchmark the served portal on PostgreSQL with synthetic data: latency, throughput, SQL, CSV.

    .venv/bin/python -m bench.bench_portal [--recommendations 100000] [--duration 10]
        [--connections 8] [--reuse] [--skip-csv] [--check]

In one run it (re)creates two PostgreSQL databases and fills them with ``generate_synthetic``
(the full size and 1,000 recommendations), counts the SQL queries of every endpoint on both
(``bench/query_counts.py``), serves the full one with gunicorn under production settings,
loads each endpoint with ``wrk`` (``bench/wrk_report.lua``) from a separate process,
downloads the CSV while sampling the workers' memory, and checks the targets. Results go to
``bench/results/portal.json`` and ``bench/results/portal.md`` and the table to stdout.
See ``bench/README.md`` for what each figure means.
"""

import argparse
import contextlib
import csv
import http.client
import io
import json
import os
import platform
import re
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
LUA = ROOT / "bench" / "wrk_report.lua"
BIN = Path(sys.executable).parent
HOST = "127.0.0.1"
APP_NAME = "bench_portal"  # the server's PostgreSQL application_name, to find its queries

SMALL = 1000  # recommendations in the second database, for the query-count comparison
SEED = 1
GENERATION_LIMIT_S = 120.0
MEMORY_SAMPLE_S = 0.05

# Endpoints loaded with wrk, in report order; "csv" is downloaded instead.
LABELS = {
    "healthz": "trivial view (/healthz)",
    "home": "home",
    "list": "list, unfiltered",
    "list_filtered": "list, 3 facet filters",
    "list_search": "list, text search",
    "actor": "actor page (~2% of all)",
    "recommendation": "recommendation page (random ids)",
    "csv": "CSV download (all)",
}
# Pages loaded again with the page cache off: what a request costs when it must be rendered.
RENDERED = ("home", "list", "list_filtered", "list_search", "actor", "recommendation")
# Target p95 latencies in milliseconds.
P95_TARGETS = {"list_filtered": 150.0, "list_search": 150.0, "recommendation": 50.0}
MIN_RATIO_FILTERED = 0.30
MIN_CSV_ROWS_PER_S = 20_000
MAX_WORKER_MB = 250.0


class BenchError(Exception):
    """Something went wrong that makes the figures meaningless: stop with one message."""


# ---------------------------------------------------------------------------------------------
# Options and environments


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m bench.bench_portal", description=__doc__.split("\n\n")[0],
        formatter_class=argparse.ArgumentDefaultsHelpFormatter)
    parser.add_argument("--recommendations", type=int, default=100_000,
                        help="Recommendations in the main database (actors = n/20, dialogues = n/200).")
    parser.add_argument("--duration", type=float, default=10.0, help="Seconds of load per endpoint.")
    parser.add_argument("--warmup", type=float, default=2.0, help="Seconds of unmeasured load before each.")
    parser.add_argument("--connections", type=int, default=8, help="Concurrent connections (wrk -c).")
    parser.add_argument("--threads", type=int, default=2, help="wrk threads (wrk -t).")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers.")
    parser.add_argument("--csv-runs", type=int, default=3, help="CSV downloads (median rows/s).")
    parser.add_argument("--reuse", action="store_true",
                        help="Keep a database that already holds the right number of recommendations.")
    parser.add_argument("--skip-csv", action="store_true", help="Leave out the CSV download.")
    parser.add_argument("--skip-rendered", action="store_true",
                        help="Leave out the second pass with the page cache off (every page rendered).")
    parser.add_argument("--check", action="store_true", help="Exit 1 when a target fails.")
    parser.add_argument("--postgres", default="postgres://postgres@127.0.0.1:5432",
                        help="PostgreSQL server URL without a database name.")
    parser.add_argument("--db", default="tracker_bench", help="Main database (dropped and recreated).")
    parser.add_argument("--small-db", default="tracker_bench_small",
                        help=f"The {SMALL:,}-recommendation database (dropped and recreated).")
    parser.add_argument("--output", type=Path, default=RESULTS, help="Directory for portal.json/.md.")
    args = parser.parse_args(argv)
    for name in (args.db, args.small_db):
        if not re.fullmatch(r"[a-z_][a-z0-9_]{0,62}", name):
            parser.error(f"{name!r} is not a plain database name (lower-case letters, digits, _).")
    if args.db == args.small_db:
        parser.error("--db and --small-db must differ.")
    if args.recommendations < 1 or args.duration <= 0 or args.connections < 1 or args.threads < 1:
        parser.error("--recommendations, --duration, --connections and --threads must be positive.")
    args.threads = min(args.threads, args.connections)
    return args


def sizes(recommendations: int) -> dict[str, int]:
    """generate_synthetic's sizes: 100,000 → 5,000 actors, 500 dialogues; 1,000 → 200, 20."""
    return {"recommendations": recommendations, "actors": max(200, recommendations // 20),
            "dialogues": max(20, recommendations // 200)}


def database_url(args: argparse.Namespace, name: str) -> str:
    return f"{args.postgres.rstrip('/')}/{name}"


def django_env(database: str, *, debug: bool) -> dict[str, str]:
    """The environment of a manage.py, query-count or gunicorn process on ``database``."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update({
        "DJANGO_SETTINGS_MODULE": "portal.settings",
        "DATABASE_URL": database,
        "DEBUG": "1" if debug else "0",
        "SECRET_KEY": "bench-" + secrets.token_hex(32),
        "SECURE_SSL_REDIRECT": "0",
        # The test client (query counts) calls itself "testserver".
        "ALLOWED_HOSTS": f"{HOST},testserver" if debug else HOST,
        "LOG_LEVEL": "WARNING",
        "PYTHONUNBUFFERED": "1",
    })
    return env


def run(cmd: list[str], *, env: dict[str, str] | None = None, what: str) -> subprocess.CompletedProcess:
    """Run a command to completion; a failure stops the bench with its output."""
    done = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        raise BenchError(f"{what} failed (exit {done.returncode}):\n{done.stdout[-3000:]}{done.stderr[-3000:]}")
    return done


def manage(*arguments: str, env: dict[str, str], what: str) -> subprocess.CompletedProcess:
    return run([sys.executable, "manage.py", *arguments], env=env, what=what)


def log(message: str) -> None:
    print(f"[bench] {message}", file=sys.stderr, flush=True)


# ---------------------------------------------------------------------------------------------
# Databases


def psql(args: argparse.Namespace, database: str, sql: str) -> str:
    done = run(["psql", database_url(args, database), "-v", "ON_ERROR_STOP=1", "-tAc", sql],
               what=f"psql on {database} ({sql[:60]})")
    return done.stdout.strip()


def existing_count(args: argparse.Namespace, name: str) -> int | None:
    """How many recommendations ``name`` holds, or None if it does not exist or has no table."""
    exists = f"SELECT count(*) FROM pg_database WHERE datname = '{name}'"  # noqa: S608 - a validated name
    if psql(args, "postgres", exists) != "1":
        return None
    table = psql(args, name, "SELECT to_regclass('recommendations_recommendation') IS NOT NULL")
    if table != "t":
        return None
    return int(psql(args, name, "SELECT count(*) FROM recommendations_recommendation"))


def prepare_database(args: argparse.Namespace, name: str, size: dict[str, int]) -> dict:
    """(Re)create ``name`` with ``size`` synthetic data; return what was done and how long it took."""
    env = django_env(database_url(args, name), debug=True)
    result = {"database": name, **size, "reused": False, "generation_s": None}
    if args.reuse and existing_count(args, name) == size["recommendations"]:
        log(f"{name}: reusing its {size['recommendations']:,} recommendations")
        manage("migrate", "--noinput", env=env, what=f"migrate {name}")
        result["reused"] = True
    else:
        log(f"{name}: dropping and creating")
        psql(args, "postgres", f'DROP DATABASE IF EXISTS "{name}"')
        psql(args, "postgres", f'CREATE DATABASE "{name}"')
        manage("migrate", "--noinput", env=env, what=f"migrate {name}")
        log(f"{name}: generating {size['recommendations']:,} recommendations, {size['actors']:,} actors, "
            f"{size['dialogues']:,} dialogues")
        started = time.perf_counter()
        done = manage("generate_synthetic", *(f"--{k}={v}" for k, v in size.items()), f"--seed={SEED}",
                      env=env, what=f"generate_synthetic on {name}")
        result["generation_s"] = round(time.perf_counter() - started, 2)
        result["generation_output"] = done.stdout.strip()
        log(f"{name}: {done.stdout.strip()} (wall {result['generation_s']:.1f} s)")
    started = time.perf_counter()
    psql(args, name, "VACUUM ANALYZE")  # what autovacuum would do soon after a bulk load
    result["vacuum_analyze_s"] = round(time.perf_counter() - started, 2)
    return result


def count_queries(args: argparse.Namespace, name: str, *, filters: str = "", sql_dir: Path | None = None) -> dict:
    """Run bench/query_counts.py on database ``name``; return its JSON."""
    cmd = [sys.executable, "-m", "bench.query_counts"]
    if filters:
        cmd += ["--filters", filters]
    if args.skip_csv:
        cmd.append("--skip-csv")
    if sql_dir:
        cmd += ["--dump-sql", str(sql_dir)]
    # Pages rendered, not served from the page cache (which answers with its one version query).
    with tempfile.TemporaryDirectory(prefix="bench-counts-") as cache_dir:
        env = {**django_env(database_url(args, name), debug=True), "PUBLIC_PAGE_CACHE_SECONDS": "0",
               "CACHE_DIR": cache_dir}
        done = run(cmd, env=env, what=f"query counts on {name}")
    return json.loads(done.stdout.strip().splitlines()[-1])


# ---------------------------------------------------------------------------------------------
# The server


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


class Server:
    """gunicorn serving the portal in its own process group, restartable; ``stop()`` always."""

    def __init__(self, args: argparse.Namespace, env: dict[str, str], log_path: Path,
                 options: tuple[str, ...] = ()):
        self.args, self.env, self.log_path = args, env, log_path
        self.options = options  # more gunicorn command-line options, e.g. ("--timeout", "120")
        self.proc: subprocess.Popen | None = None
        self.port = 0
        self.restarts = 0

    def start(self) -> None:
        self.port = free_port()
        with self.log_path.open("a") as logfile:
            self.proc = subprocess.Popen(
                [str(BIN / "gunicorn"), "portal.wsgi", "--workers", str(self.args.workers),
                 "--bind", f"{HOST}:{self.port}", "--no-control-socket", *self.options],
                cwd=ROOT, env=self.env, stdout=logfile, stderr=subprocess.STDOUT, start_new_session=True)
        self._wait_until_up()

    def stop(self) -> None:
        """Quick shutdown of master and workers (QUIT to the group), KILL after 5 s."""
        proc = self.proc
        if proc is None or proc.poll() is not None:
            return
        for sig, wait in ((signal.SIGQUIT, 5), (signal.SIGKILL, None)):
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, sig)
            try:
                proc.wait(timeout=wait)
                break
            except subprocess.TimeoutExpired:
                continue

    def restart(self) -> None:
        self.stop()
        self.restarts += 1
        self.start()

    @property
    def workers(self) -> list[int]:
        return worker_pids(self.proc.pid) if self.proc else []

    def _wait_until_up(self, timeout: float = 60.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise BenchError(f"gunicorn exited ({self.proc.returncode}):\n{self._log_tail()}")
            with contextlib.suppress(OSError):
                conn = http.client.HTTPConnection(HOST, self.port, timeout=2)
                conn.request("GET", "/healthz")
                if conn.getresponse().status == 200 and len(self.workers) == self.args.workers:
                    return
            time.sleep(0.1)
        raise BenchError(f"gunicorn did not answer /healthz within {timeout:.0f} s:\n{self._log_tail()}")

    def _log_tail(self) -> str:
        return self.log_path.read_text()[-3000:]


def wait_idle(args: argparse.Namespace, server: Server, limit: float) -> float | None:
    """Wait until the workers use no CPU and the database runs no query; return the seconds waited.

    Requests wrk had in flight or queued when it stopped are still served after it has gone
    (a sync worker finishes each one). Returns None if the server is still busy after ``limit``.
    """
    started = time.monotonic()
    while time.monotonic() - started < limit:
        before = cpu_ticks(server.workers)
        time.sleep(0.3)
        quiet = cpu_ticks(server.workers) - before <= 3  # at most 10% of one CPU
        if quiet and psql(args, "postgres", BUSY_SQL) == "0":
            return round(time.monotonic() - started, 1)
    return None


# The server's queries still running (a worker killed by gunicorn's timeout leaves its query running).
_SERVER_QUERIES = "FROM pg_stat_activity WHERE application_name = 'bench_portal' AND state = 'active'"
BUSY_SQL = "SELECT count(*) " + _SERVER_QUERIES
CANCEL_SQL = "SELECT pg_cancel_backend(pid) " + _SERVER_QUERIES


def worker_pids(master: int) -> list[int]:
    """The gunicorn master's child processes (its workers), from /proc."""
    with contextlib.suppress(OSError):
        return [int(p) for p in Path(f"/proc/{master}/task/{master}/children").read_text().split()]
    pids = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError, ValueError, IndexError):
            if int(stat.read_text().rsplit(")", 1)[1].split()[1]) == master:
                pids.append(int(stat.parent.name))
    return pids


def cpu_ticks(pids: list[int]) -> int:
    """User + system CPU time of these processes, in clock ticks."""
    total = 0
    for pid in pids:
        with contextlib.suppress(OSError, ValueError, IndexError):
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])
    return total


def memory_kb(pid: int) -> dict[str, int]:
    """VmRSS and VmHWM (peak resident set) of a process, in kB; empty if it is gone."""
    found = {}
    with contextlib.suppress(OSError):
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            key, _, value = line.partition(":")
            if key in ("VmRSS", "VmHWM"):
                found[key] = int(value.split()[0])
    return found


def reset_peak(pid: int) -> bool:
    """Reset a process's VmHWM to its current RSS (Linux ≥ 4.0, own processes or root)."""
    try:
        Path(f"/proc/{pid}/clear_refs").write_text("5")
    except OSError:
        return False
    return True


# ---------------------------------------------------------------------------------------------
# Load


def run_wrk(args: argparse.Namespace, url: str, seconds: float, paths_file: Path | None = None) -> dict:
    """One wrk run against ``url``; returns the JSON line printed by wrk_report.lua."""
    cmd = ["wrk", f"-c{args.connections}", f"-t{args.threads}", f"-d{max(1, round(seconds))}s",
           "--timeout", "30s", "-s", str(LUA), url]
    if paths_file:
        cmd += ["--", str(paths_file)]
    done = run(cmd, what=f"wrk on {url}")
    for line in done.stdout.splitlines():
        if line.startswith("WRK_JSON "):
            result = json.loads(line.removeprefix("WRK_JSON "))
            if not result["requests"]:  # wrk reports zeros: nothing finished in time
                result["latency_ms"] = dict.fromkeys(result["latency_ms"])
                result["errors"]["none_completed"] = 1
            return result
    raise BenchError(f"wrk printed no WRK_JSON line for {url}:\n{done.stdout}{done.stderr}")


def one_by_one(port: int, paths: list[str], budget: float) -> dict:
    """Request ``paths`` one at a time (up to 3, within ``budget`` seconds); the best time and status.

    This is the service time without queueing, and tells whether the endpoint can be loaded
    at all in the time given.
    """
    times, statuses = [], []
    for path in paths[:3]:
        started = time.perf_counter()
        conn = http.client.HTTPConnection(HOST, port, timeout=60)
        try:
            conn.request("GET", path)
            response = conn.getresponse()
            response.read()
            statuses.append(response.status)
        except (OSError, http.client.HTTPException) as exc:
            statuses.append(f"error: {exc!r}")
        finally:
            conn.close()
        times.append(time.perf_counter() - started)
        if sum(times) > budget or statuses[-1] != 200:
            break
    return {"ms": round(min(times) * 1000, 1), "statuses": statuses}


def load_endpoints(args: argparse.Namespace, server: Server, endpoints: dict[str, str],
                   detail_paths: list[str], paths_file: Path) -> dict:
    results = {}
    # An endpoint slower than this one request at a time cannot give a fair run of --duration.
    too_slow = args.duration / 4
    for name, path in endpoints.items():
        if name == "csv":
            continue
        url = f"http://{HOST}:{server.port}{path}"
        extra = paths_file if name == "recommendation" else None
        shown = "/recommendations/<pk>/ (random)" if extra else path
        single = one_by_one(server.port, detail_paths[:3] if extra else [path] * 3, budget=too_slow)
        log(f"{name}: {shown}: one by one {single['ms']:.1f} ms {single['statuses']}")
        if single["ms"] / 1000 > too_slow or any(s != 200 for s in single["statuses"]):
            why = (f"not loaded: answered {single['statuses'][-1]}" if single["statuses"][-1] != 200
                   else f"not loaded: one request took {single['ms'] / 1000:.1f} s (> {too_slow:g} s)")
            log(f"  {why}")
            results[name] = {"path": shown, "single_ms": single["ms"], "skipped": why, "requests": 0, "rps": 0.0,
                             "latency_ms": dict.fromkeys(("p50", "p90", "p95", "p99", "mean", "max")),
                             "errors": {"not_loaded": 1}}
        else:
            log(f"  wrk {args.warmup:g} s warm-up + {args.duration:g} s")
            if args.warmup > 0:
                run_wrk(args, url, args.warmup, extra)
                settle(args, server)
            result = run_wrk(args, url, args.duration, extra)
            result.update(path=shown, single_ms=single["ms"])
            results[name] = result
            lat = result["latency_ms"]
            log(f"  p50 {fmt(lat['p50'])} ms, p95 {fmt(lat['p95'])} ms, {result['rps']:.1f} req/s, "
                f"errors {sum(result['errors'].values())}")
        results[name]["settle_s"] = settle(args, server)
    return results


def settle(args: argparse.Namespace, server: Server) -> float | None:
    """Let the server finish what the last run left; restart it if that takes too long."""
    waited = wait_idle(args, server, limit=max(30.0, 2 * args.duration))
    if waited is None:
        log("  the server is still busy with the last run's requests: cancelling its queries, restarting it")
        psql(args, "postgres", CANCEL_SQL)
        server.restart()
    elif waited > 1:
        log(f"  the server finished the last run's leftover requests in {waited:.1f} s")
    return waited


def fmt(value: float | None, digits: int = 1) -> str:
    return "—" if value is None else f"{value:.{digits}f}"


def download_csv(port: int, path: str) -> dict:
    """Download the CSV once with a streaming client; count its rows with the csv module.

    A download cut short (e.g. gunicorn's worker timeout) reports the rows received until then.
    """
    started = time.perf_counter()
    conn = http.client.HTTPConnection(HOST, port, timeout=600)
    result: dict = {"status": None, "rows": 0, "bytes": 0}
    counted = None
    try:
        conn.request("GET", path)
        response = conn.getresponse()
        result["first_byte_s"] = round(time.perf_counter() - started, 3)
        result["status"] = response.status
        if response.status == 200:
            counted = _CountingReader(response)
            reader = csv.reader(io.TextIOWrapper(io.BufferedReader(counted, 1 << 16), encoding="utf-8", newline=""))
            result["columns"] = len(next(reader, []))
            for _ in reader:
                result["rows"] += 1
        else:
            response.read()
    except (OSError, http.client.HTTPException, csv.Error, UnicodeDecodeError) as exc:
        result["status"] = f"error after {result['rows']:,} rows: {exc!r}"
    finally:
        conn.close()
    seconds = time.perf_counter() - started
    result.update(bytes=counted.size if counted else 0, seconds=round(seconds, 3),
                  rows_per_s=round(result["rows"] / seconds))
    return result


class _CountingReader(io.RawIOBase):
    """A raw stream over an HTTP response that counts the bytes read."""

    def __init__(self, response):
        self.response, self.size = response, 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        n = self.response.readinto(buffer)
        self.size += n
        return n


def csv_benchmark(args: argparse.Namespace, server: Server, path: str) -> dict:
    """Download the CSV ``--csv-runs`` times while sampling the workers' memory every 50 ms."""
    pids = server.workers
    before = {pid: memory_kb(pid) for pid in pids}
    peaks_reset = all(reset_peak(pid) for pid in pids)
    runs, max_rss, hwm = [], {}, {}
    for i in range(args.csv_runs):
        log(f"CSV download {i + 1}/{args.csv_runs}")
        box: dict = {}

        def target(box=box):
            try:
                box["result"] = download_csv(server.port, path)
            except Exception as exc:  # reported as an error in the results
                box["result"] = {"status": f"error: {exc!r}", "rows": 0}

        thread = threading.Thread(target=target, daemon=True)
        thread.start()
        while thread.is_alive():
            for pid in server.workers:
                mem = memory_kb(pid)
                if "VmRSS" in mem:
                    max_rss[pid] = max(max_rss.get(pid, 0), mem["VmRSS"])
                    hwm[pid] = max(hwm.get(pid, 0), mem["VmHWM"])
            thread.join(MEMORY_SAMPLE_S)
        runs.append(box["result"])
        log(f"  {box['result']}")
        if box["result"]["status"] != 200:
            settle(args, server)
    for pid in server.workers:  # a last look after the downloads
        mem = memory_kb(pid)
        if "VmHWM" in mem:
            hwm[pid] = max(hwm.get(pid, 0), mem["VmHWM"])
    good = [r for r in runs if r["status"] == 200]
    timed = [r for r in runs if "seconds" in r]
    mb = 1024.0
    return {
        "path": path,
        "runs": runs,
        "errors": len(runs) - len(good),
        "rows": good[0]["rows"] if good else max((r["rows"] for r in runs), default=0),
        "median_s": statistics.median(r["seconds"] for r in timed) if timed else None,
        "max_s": max(r["seconds"] for r in timed) if timed else None,
        # Of complete downloads; if none completed, the rate until each was cut short.
        "rows_per_s": round(statistics.median(r["rows_per_s"] for r in (good or timed))) if timed else 0,
        "worker_rss_before_mb": round(max((m.get("VmRSS", 0) for m in before.values()), default=0) / mb, 1),
        "worker_max_rss_mb": round(max(max_rss.values(), default=0) / mb, 1),
        "worker_vmhwm_mb": round(max(hwm.values(), default=0) / mb, 1),
        "vmhwm_reset_before": peaks_reset,
    }


# ---------------------------------------------------------------------------------------------
# Report


def evaluate(results: dict) -> list[dict]:
    """Every target as {name, ok (True/False/None for skipped), detail}."""
    targets = []
    load, counts = results["load"], results["query_counts"]

    def add(name: str, ok: bool | None, detail: str) -> None:
        targets.append({"name": name, "ok": ok, "detail": detail})

    for name, limit in P95_TARGETS.items():
        p95 = load[name]["latency_ms"]["p95"]
        add(f"{LABELS[name]}: p95 ≤ {limit:g} ms", p95 is not None and p95 <= limit,
            f"p95 {p95:.1f} ms" if p95 is not None else load[name].get("skipped", "no request completed"))
    differ = [n for n, row in counts.items() if n != "csv" and row["small"] != row["large"]]
    add(f"SQL queries per page equal at {SMALL:,} and {results['meta']['recommendations']:,}",
        not differ, "differ: " + ", ".join(f"{n} ({counts[n]['small']} vs {counts[n]['large']})" for n in differ)
        if differ else "all equal (CSV excluded: it reads in chunks of rows by design)")
    ratio = load["list_filtered"]["ratio"]
    add(f"filtered list throughput ≥ {MIN_RATIO_FILTERED:.0%} of the trivial view's", ratio >= MIN_RATIO_FILTERED,
        f"{ratio:.1%} ({load['list_filtered']['rps']:.1f} vs {load['healthz']['rps']:.1f} req/s)")
    csv_result = results.get("csv")
    if csv_result:
        add(f"CSV ≥ {MIN_CSV_ROWS_PER_S:,} rows/s", csv_result["rows_per_s"] >= MIN_CSV_ROWS_PER_S,
            f"{csv_result['rows_per_s']:,} rows/s")
        peak = max(csv_result["worker_max_rss_mb"], csv_result["worker_vmhwm_mb"])
        add(f"CSV worker peak memory < {MAX_WORKER_MB:g} MB", peak < MAX_WORKER_MB, f"peak {peak:.1f} MB")
        expected = results["meta"]["public_recommendations"]
        add("CSV has every public recommendation", csv_result["rows"] == expected,
            f"{csv_result['rows']:,} rows of {expected:,}")
    else:
        add("CSV targets", None, "skipped (--skip-csv)")
    problems = [f"{n}: {sum(r['errors'].values())} ({', '.join(f'{k} {v}' for k, v in r['errors'].items() if v)})"
                for n, r in load.items() if sum(r["errors"].values())]
    if csv_result and csv_result["errors"]:
        problems.append(f"csv: {csv_result['errors']} failed downloads")
    problems += [f"{n} answered {row[size + '_status']} at {size} size (query counts)"
                 for n, row in counts.items() for size in ("small", "large") if row[size + "_status"] != 200]
    add("zero errors everywhere", not problems, "; ".join(problems) or "none")
    generation = results["generation"]["large"]
    if generation["generation_s"] is None:
        add(f"generation under {GENERATION_LIMIT_S / 60:g} minutes", None, "skipped (--reuse kept the database)")
    else:
        add(f"generating {generation['recommendations']:,} recommendations under {GENERATION_LIMIT_S / 60:g} minutes",
            generation["generation_s"] < GENERATION_LIMIT_S, f"{generation['generation_s']:.1f} s")
    return targets


def markdown(results: dict) -> str:
    meta, load, counts = results["meta"], results["load"], results["query_counts"]
    n = meta["recommendations"]
    lines = [
        f"# Portal benchmark — {meta['date']}",
        "",
        f"{n:,} synthetic recommendations on PostgreSQL {meta['postgres']}; gunicorn {meta['workers']} "
        f"sync workers (production settings); wrk {meta['connections']} connections, {meta['threads']} threads, "
        f"{meta['duration_s']:g} s per endpoint after {meta['warmup_s']:g} s warm-up; "
        f"{meta['cpus']} CPUs shared by server, database and load generator (1-min load average "
        f"{meta['loadavg_before']:g} before, {meta['loadavg_after']:g} after); commit {meta['commit']}.",
        "",
        f"| endpoint | 1-by-1 ms | median ms | p95 ms | p99 ms | req/s | × trivial | SQL @{SMALL:,} | SQL @{n:,} "
        "| errors |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    notes = []
    for name, label in LABELS.items():
        row = counts.get(name)
        sql_small = row["small"] if row else "—"
        sql_large = row["large"] if row else "—"
        flag = " ⚠" if row and name != "csv" and row["small"] != row["large"] else ""
        if name in load:
            r = load[name]
            lat = r["latency_ms"]
            lines.append(f"| {label} | {r['single_ms']:.1f} | {fmt(lat['p50'])} | {fmt(lat['p95'])} | "
                         f"{fmt(lat['p99'])} | {r['rps']:.1f} | {r['ratio']:.3f} | {sql_small} | {sql_large}{flag} | "
                         f"{sum(r['errors'].values())} |")
            if r.get("skipped"):
                notes.append(f"{label}: {r['skipped']}.")
            if r.get("settle_s") is None:
                notes.append(f"{label}: the server was still serving this run's requests long after it and "
                             "was restarted.")
        elif name == "csv" and results.get("csv"):
            c = results["csv"]
            median = fmt(c["median_s"] and c["median_s"] * 1000, 0)
            lines.append(f"| {label} | — | {median} | {fmt(c['max_s'] and c['max_s'] * 1000, 0)} (max) | — | — | "
                         f"— | {sql_small} | {sql_large} | {c['errors']} |")
    lines += ["", "1-by-1: the best of up to 3 requests made one at a time (service time without queueing); "
                  "median/p95/p99 and req/s: under wrk; × trivial: req/s as a share of /healthz's; "
                  "SQL @: queries per request at each size (⚠ differs)."]
    lines += [f"- {note}" for note in notes]
    if results.get("csv"):
        c = results["csv"]
        lines += ["", f"**CSV**: {c['rows']:,} rows, {c['runs'][0].get('bytes', 0) / 1e6:.1f} MB, "
                      f"median {fmt(c['median_s'], 2)} s over {len(c['runs'])} downloads → "
                      f"**{c['rows_per_s']:,} rows/s**; "
                      f"worker memory: {c['worker_rss_before_mb']:.0f} MB before, max RSS seen "
                      f"**{c['worker_max_rss_mb']:.0f} MB**, VmHWM {c['worker_vmhwm_mb']:.0f} MB"
                      f"{' (reset before the downloads)' if c['vmhwm_reset_before'] else ' (since worker start)'}."]
        failed = [r for r in c["runs"] if r["status"] != 200]
        if failed:
            lines += [f"{len(failed)} of {len(c['runs'])} downloads failed (figures above: until they were cut): "
                      + "; ".join(f"{r['status']} after {r.get('seconds', 0):.1f} s" for r in failed) + "."]
    gen = results["generation"]
    lines += ["", "**Data**: " + "; ".join(
        f"{g['database']}: {g['recommendations']:,} recommendations, {g['actors']:,} actors, {g['dialogues']:,} "
        f"dialogues, " + ("reused" if g["reused"] else f"generated in {g['generation_s']:.1f} s")
        for g in gen.values())
        + f". List filters: `{meta['filters']}`; search: `{meta['search']}`; actor: {meta['star_actor']['name']} "
          f"({meta['star_actor']['responsibilities']:,} responsibilities)."]
    rendered = results.get("load_rendered")
    if rendered:
        lines += ["", "## Every page rendered (page cache off)", "",
                  "The same pages served by a second gunicorn with `PUBLIC_PAGE_CACHE_SECONDS=0`: what a request "
                  "costs when its page is not in the cache (the first visit after any change to the data). "
                  "Home figures and facet counts are still cached per data version.", "",
                  "| endpoint | 1-by-1 ms | median ms | p95 ms | p99 ms | req/s | × trivial | errors |",
                  "|---|---:|---:|---:|---:|---:|---:|---:|"]
        for name, r in rendered.items():
            lat = r["latency_ms"]
            lines.append(f"| {LABELS[name]} | {r['single_ms']:.1f} | {fmt(lat['p50'])} | {fmt(lat['p95'])} | "
                         f"{fmt(lat['p99'])} | {r['rps']:.1f} | {r['ratio']:.3f} | {sum(r['errors'].values())} |")
    lines += ["", "## Targets", ""]
    for t in results["targets"]:
        word = {True: "PASS", False: "FAIL", None: "SKIP"}[t["ok"]]
        lines.append(f"- {word} {t['name']} — {t['detail']}")
    if rendered:
        lines += ["", "The same latency and throughput targets with every page rendered (for reference):", ""]
        for name, limit in P95_TARGETS.items():
            p95 = rendered[name]["latency_ms"]["p95"]
            word = "met" if p95 is not None and p95 <= limit else "not met"
            lines.append(f"- {word}: {LABELS[name]}, p95 ≤ {limit:g} ms — p95 {fmt(p95)} ms")
        ratio = rendered["list_filtered"]["ratio"]
        lines.append(f"- {'met' if ratio >= MIN_RATIO_FILTERED else 'not met'}: filtered list throughput "
                     f"≥ {MIN_RATIO_FILTERED:.0%} of the trivial view's — {ratio:.1%}")
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------------------------------------
# Main


def preflight(args: argparse.Namespace) -> None:
    missing = [tool for tool in ("wrk", "psql") if not shutil.which(tool)]
    if missing:
        raise BenchError(f"{' and '.join(missing)} not found: apt-get install -y "
                         + " ".join({"wrk": "wrk", "psql": "postgresql-client"}[t] for t in missing))
    if not (BIN / "gunicorn").exists():
        raise BenchError(f"{BIN / 'gunicorn'} not found: install the project (make setup).")
    psql(args, "postgres", "SELECT 1")


def git_commit() -> str:
    with contextlib.suppress(OSError, subprocess.SubprocessError):
        sha = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True,
                             text=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=ROOT,
                               capture_output=True, text=True).stdout.strip()
        return f"{sha}{'+dirty' if dirty else ''}" or "unknown"
    return "unknown"


def bench(args: argparse.Namespace) -> dict:
    preflight(args)
    args.output.mkdir(parents=True, exist_ok=True)
    generation = {"large": prepare_database(args, args.db, sizes(args.recommendations)),
                  "small": prepare_database(args, args.small_db, sizes(SMALL))}

    log("counting SQL queries per request")
    large = count_queries(args, args.db, sql_dir=args.output / "sql")
    small = count_queries(args, args.small_db, filters=large["filters"], sql_dir=args.output / "sql-small")
    counts = {name: {"large": large["counts"][name]["queries"], "small": small["counts"][name]["queries"],
                     "large_status": large["counts"][name]["status"], "small_status": small["counts"][name]["status"],
                     "path": large["counts"][name]["path"]}
              for name in large["endpoints"]}

    env = django_env(f"{database_url(args, args.db)}?application_name={APP_NAME}", debug=False)
    log("collectstatic (production manifest storage)")
    manage("collectstatic", "--noinput", env=env, what="collectstatic")

    with tempfile.TemporaryDirectory(prefix="bench-portal-") as tmp:
        paths_file = Path(tmp) / "recommendation_paths.txt"
        paths_file.write_text("\n".join(large["recommendation_paths"]) + "\n")
        log(f"starting gunicorn ({args.workers} workers) on {args.db}")
        load_before = os.getloadavg()[0]
        log_path = args.output / "gunicorn.log"
        log_path.write_text("")
        # Each server starts with an empty shared page cache of its own: no page is cached before the run.
        server = Server(args, {**env, "CACHE_DIR": str(Path(tmp) / "cache")}, log_path)
        try:
            server.start()
            load = load_endpoints(args, server, large["endpoints"], large["recommendation_paths"], paths_file)
            csv_result = None if args.skip_csv else csv_benchmark(args, server, large["endpoints"]["csv"])
        finally:
            server.stop()
        restarts, rendered = server.restarts, None
        if not args.skip_rendered:
            log("second pass: page cache off (PUBLIC_PAGE_CACHE_SECONDS=0), every page rendered")
            pages = {k: v for k, v in large["endpoints"].items() if k in RENDERED}
            server = Server(args, {**env, "PUBLIC_PAGE_CACHE_SECONDS": "0", "CACHE_DIR": str(Path(tmp) / "cache-2")},
                            log_path)
            try:
                server.start()
                rendered = load_endpoints(args, server, pages, large["recommendation_paths"], paths_file)
            finally:
                server.stop()
            restarts += server.restarts
    load_after = os.getloadavg()[0]
    floor = load["healthz"]["rps"]
    for result in [*load.values(), *(rendered or {}).values()]:
        result["ratio"] = round(result["rps"] / floor, 4) if floor else 0.0

    pg_version = psql(args, "postgres", "SHOW server_version").split()[0]
    results = {
        "meta": {
            "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"), "commit": git_commit(),
            "host": platform.node(), "cpus": os.cpu_count(), "python": platform.python_version(),
            "postgres": pg_version, "server": urlsplit(args.postgres).netloc,
            "recommendations": args.recommendations, "public_recommendations": large["recommendations"],
            "workers": args.workers, "connections": args.connections, "threads": args.threads,
            "duration_s": args.duration, "warmup_s": args.warmup, "filters": large["filters"],
            "search": large["search"], "star_actor": large["star_actor"],
            "recommendation_pages": len(large["recommendation_paths"]),
            "loadavg_before": round(load_before, 2), "loadavg_after": round(load_after, 2),
            "server_restarts": restarts,
        },
        "generation": generation,
        "query_counts": counts,
        "load": load,
        "load_rendered": rendered,
        "csv": csv_result,
    }
    results["targets"] = evaluate(results)
    return results


def _interrupt(signum, frame):
    raise KeyboardInterrupt


def main(argv: list[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    # Make a TERM behave like Ctrl-C so that gunicorn is stopped on the way out.
    signal.signal(signal.SIGTERM, _interrupt)
    try:
        results = bench(args)
    except BenchError as exc:
        print(f"bench_portal: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("bench_portal: interrupted; gunicorn stopped.", file=sys.stderr)
        return 130
    (args.output / "portal.json").write_text(json.dumps(results, indent=2) + "\n")
    report = markdown(results)
    (args.output / "portal.md").write_text(report)
    print(report)
    failed = [t for t in results["targets"] if t["ok"] is False]
    return 1 if args.check and failed else 0


if __name__ == "__main__":
    sys.exit(main())
