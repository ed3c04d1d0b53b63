"""Caching keyed by the public data's version: aggregates and whole public pages.

Everything cached here is the same for every visitor until the public data changes, and every
change the portal makes (a load, a status update, a staff edit, a merge) moves the version
forward in the same transaction. The version is read from the database on each request (one
cheap query), so a change any app server records is seen by all of them at once: a cached page
or count can never show a stale status. Stale entries are never read again and expire.
"""

import hashlib
import logging
from collections.abc import Callable
from functools import cache, wraps
from importlib import import_module
from pathlib import Path
from typing import Any

import django
from django.apps import apps
from django.conf import settings
from django.core.cache import caches
from django.utils.cache import patch_cache_control, set_response_etag

from recommendations.models import DataVersion

TIMEOUT_SECONDS = 3600
# What makes up the code whose output is cached.
CODE_SUFFIXES = {".py", ".html", ".txt", ".css", ".js", ".svg", ".toml"}
logger = logging.getLogger(__name__)


@cache
def code_version() -> str:
    """A digest of the code, templates and static files this process serves, part of every key.

    A deployment changes it, so the shared cache (which outlives restarts) never hands the new
    release a page rendered by the old one, with its old markup and old static file names.
    Computed once per process (a few hundred small files).
    """
    roots = [Path(config.path) for config in apps.get_app_configs()  # the project's own apps
             if Path(config.path).is_relative_to(settings.BASE_DIR) and "site-packages" not in config.path]
    roots += [Path(folder) for engine in settings.TEMPLATES for folder in engine.get("DIRS", [])]
    roots += [Path(folder) for folder in settings.STATICFILES_DIRS]
    roots.append(Path(import_module(settings.ROOT_URLCONF).__file__).parent)
    digest = hashlib.blake2b(django.get_version().encode(), digest_size=8)
    for root in sorted(set(roots)):
        for path in sorted(file for file in root.rglob("*") if file.is_file()
                           and file.suffix in CODE_SUFFIXES and "__pycache__" not in file.parts):
            digest.update(str(path.relative_to(root)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def cache_get(key: str, seconds: int = TIMEOUT_SECONDS) -> Any:
    """The value under ``key`` from this worker's memory, else from the cache the workers share
    (then kept in memory too, for ``seconds``); None if neither has it."""
    value = caches["default"].get(key)
    if value is None:
        try:
            value = caches["shared"].get(key)
        except OSError as exc:  # an unreadable CACHE_DIR costs speed, never a page
            logger.warning("Shared cache unreadable, rendering instead: %s", exc)
            return None
        if value is not None:
            caches["default"].set(key, value, seconds)
    return value


def cache_set(key: str, value: Any, seconds: int = TIMEOUT_SECONDS) -> None:
    """Keep ``value`` in this worker's memory and in the shared cache."""
    caches["default"].set(key, value, seconds)
    try:
        caches["shared"].set(key, value, seconds)
    except OSError as exc:  # a full disk or a read-only CACHE_DIR: keep serving
        logger.warning("Shared cache not written: %s", exc)


def cached_for_version(name: str, compute: Callable[[], Any]) -> Any:
    """Return ``compute()``, reusing the value computed for the same name and data version.

    Without a recorded version (no write has gone through the portal yet) nothing is cached.
    """
    version = DataVersion.objects.current()
    if not version:
        return compute()
    key = f"v{version}:{code_version()}:{name}"
    value = cache_get(key)
    if value is None:
        value = compute()
        cache_set(key, value)
    return value


def page_cache_key(request, version: str) -> str:
    """The cache key of a public page: data version, host and the full path with its query string."""
    where = f"{request.get_host()}\n{request.get_full_path()}".encode()
    return f"v{version}:{code_version()}:page:{hashlib.blake2b(where, digest_size=16).hexdigest()}"


def public_page(view):
    """Serve a public page from the cache while the public data's version is unchanged.

    Only GET and HEAD answers with status 200 that set no cookie are kept: the same bytes for
    every visitor (public templates show nothing about the user). A response carries an ETag, so
    a browser revalidating a page it has (``ConditionalGetMiddleware``) gets "304 Not Modified",
    and ``Cache-Control: no-cache`` so it always does revalidate rather than show an old status.
    ``PUBLIC_PAGE_CACHE_SECONDS=0`` turns the page cache off (every request renders).
    """

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        seconds = settings.PUBLIC_PAGE_CACHE_SECONDS
        version = DataVersion.objects.current() if seconds and request.method in ("GET", "HEAD") else ""
        if not version:
            return view(request, *args, **kwargs)
        key = page_cache_key(request, version)
        response = cache_get(key, seconds)
        if response is None:
            response = view(request, *args, **kwargs)
            if response.status_code == 200 and not response.streaming and not response.cookies:
                # Set before caching, so that the cached copy has it and no hit hashes the page again.
                set_response_etag(response)
                patch_cache_control(response, no_cache=True)
                cache_set(key, response, seconds)
        return response

    return wrapped
