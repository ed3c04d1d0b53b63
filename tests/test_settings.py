"""Start-up configuration: production refuses to start without what it needs."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parent.parent


# Set by the test run itself (the browser tests need it); never part of a deployment.
NOT_INHERITED = {"DEBUG", "SECRET_KEY", "DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}


def run_manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    """Run manage.py in a fresh process with exactly this configuration."""
    base = {k: v for k, v in os.environ.items() if k not in NOT_INHERITED}
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env={**base, **env},
        capture_output=True, text=True, timeout=120,
    )


def test_production_without_secret_key_stops_with_one_line():
    result = run_manage("check", DEBUG="0")
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        "Configuration error: SECRET_KEY is not set: production settings (DEBUG off) need it in the environment."
    ]
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("url", ["not a url", "mysql://u@h/db", "postgres://u@h:notaport/db"])
def test_malformed_database_url_stops_with_one_line(url):
    result = run_manage("check", DEBUG="1", DATABASE_URL=url)
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Configuration error: DATABASE_URL")
    assert "Traceback" not in result.stderr


def test_wsgi_without_secret_key_stops_with_one_line():
    base = {k: v for k, v in os.environ.items() if k not in NOT_INHERITED}
    result = subprocess.run([sys.executable, "-c", "import portal.wsgi"], cwd=ROOT, env={**base, "DEBUG": "0"},
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert result.stderr.strip().startswith("Configuration error: SECRET_KEY is not set")
    assert "Traceback" not in result.stderr


def test_production_settings_pass_the_deployment_check():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", DEBUG="0",
                        SECRET_KEY="a-long-random-production-secret-" + "x" * 40,
                        ALLOWED_HOSTS="tracker.example.org")
    assert result.returncode == 0, result.stderr
    assert "WARNINGS" not in result.stderr and "issues" in result.stdout.lower()


def test_development_default_database_is_sqlite_under_var():
    if os.environ.get("DATABASE_URL"):
        pytest.skip("this run uses DATABASE_URL")
    assert settings.DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3"


def test_postgresql_binds_parameters_on_the_server_unless_told_not_to(monkeypatch):
    from portal.settings import database_from_url

    options = database_from_url("postgres://u@db.example.org:5432/tracker")["OPTIONS"]
    assert options["server_side_binding"] is True and options["prepare_threshold"] == 2
    assert "jit=off" in options["options"]
    monkeypatch.setenv("DATABASE_SERVER_SIDE_BINDING", "0")
    options = database_from_url("postgres://u@db.example.org:5432/tracker")["OPTIONS"]
    assert "server_side_binding" not in options and "prepare_threshold" not in options
