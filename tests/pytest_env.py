"""A pytest plugin loaded before Django: tests run on development settings.

Production settings are tested in subprocesses (tests/test_settings.py) with the
environment each case needs.
"""

import atexit
import os
import shutil
import tempfile

os.environ.setdefault("DEBUG", "1")
# Pages are cached as in production (development turns the page cache off by default).
os.environ.setdefault("PUBLIC_PAGE_CACHE_SECONDS", "3600")
# The shared page cache of a test run lives in its own directory, emptied before each test.
if "CACHE_DIR" not in os.environ:
    os.environ["CACHE_DIR"] = tempfile.mkdtemp(prefix="tracker-test-cache-")
    atexit.register(shutil.rmtree, os.environ["CACHE_DIR"], ignore_errors=True)
