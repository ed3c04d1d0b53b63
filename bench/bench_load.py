"""Time `manage.py load_documents fixtures/documents/` into a fresh SQLite file, Django start-up included.

Target: under 3 s wall time. Run: `make bench-load` (or `python -m bench.bench_load`).
"""

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET_SECONDS = 3.0


def one_run(database: Path) -> float:
    """Migrate a fresh database, then return the wall time of one load of the seeds."""
    database.unlink(missing_ok=True)
    env = {**os.environ, "DEBUG": "1", "DATABASE_URL": f"sqlite:///{database}"}
    subprocess.run([sys.executable, "manage.py", "migrate", "--noinput", "-v0"], cwd=ROOT, env=env, check=True)
    started = time.perf_counter()
    subprocess.run([sys.executable, "manage.py", "load_documents", "fixtures/documents/", "-v0"],
                   cwd=ROOT, env=env, check=True)
    return time.perf_counter() - started


def main() -> int:
    (ROOT / "var").mkdir(exist_ok=True)
    times = [one_run(ROOT / "var" / "bench-load.sqlite3") for _ in range(5)]
    median = statistics.median(times)
    print(f"load_documents, five seeds, fresh SQLite, Django start-up included: median {median:.2f} s "
          f"over {len(times)} runs (min {min(times):.2f}, max {max(times):.2f}); target < {TARGET_SECONDS:.0f} s: "
          f"{'PASS' if median < TARGET_SECONDS else 'FAIL'}")
    return 0 if median < TARGET_SECONDS else 1


if __name__ == "__main__":
    sys.exit(main())
