"""Shared pytest configuration: database-independent helpers live in factories.py."""

import pytest
from django.db import connection


@pytest.fixture
def on_postgres(db):
    """Skip a test that proves something only PostgreSQL can show (row locks, tsvector)."""
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: run with DATABASE_URL=postgres://...")
    return True


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Hash test passwords cheaply: the suite creates many staff accounts."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with empty caches: factories write without marking the data as changed."""
    from django.core.cache import caches

    for cache in caches.all(initialized_only=False):
        cache.clear()
