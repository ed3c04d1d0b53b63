"""A pytest plugin loaded before Django: tests run on development settings.

Production settings are tested in subprocesses (tests/test_settings.py) with the
environment each case needs.
"""

import os

os.environ.setdefault("DEBUG", "1")
