"""Caching of aggregates that are the same for every visitor, keyed by the public data's version."""

from collections.abc import Callable
from typing import Any

from django.core.cache import cache

from recommendations.models import DataVersion

TIMEOUT_SECONDS = 3600


def cached_for_version(name: str, compute: Callable[[], Any]) -> Any:
    """Return ``compute()``, reusing the value computed for the same name and data version.

    The version is read from the database on each call (one cheap query), so a change any app
    server records is seen by all of them at once; stale entries are never read again and expire.
    Without a recorded version (no write has gone through the portal yet) nothing is cached.
    """
    version = DataVersion.objects.current()
    if not version:
        return compute()
    key = f"v{version}:{name}"
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, TIMEOUT_SECONDS)
    return value
