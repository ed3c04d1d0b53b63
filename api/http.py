"""The read API's HTTP rules: the rate limit, cross-origin reads, JSON only, and the docs page.

None of this knows about recommendations: it is how every answer under /api/ is given.
"""

import threading
import time
from functools import wraps

from django.conf import settings
from django.core.cache import caches
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from ninja.openapi.docs import Swagger
from ninja.throttling import BaseThrottle

WINDOW_SECONDS = 60
# Safelisted headers need no permission; these are what a script reading the API may add or read.
CORS_ALLOW_HEADERS = "Accept, Accept-Language, Content-Language, If-None-Match, If-Modified-Since"
CORS_EXPOSE_HEADERS = "ETag, Retry-After"


class ClientRateThrottle(BaseThrottle):
    """At most ``API_RATE_LIMIT`` requests a minute (a calendar minute) from one client address.

    Counts are kept in the "api-rate" cache, files every worker of the machine shares, so the
    limit holds whichever worker answers. Two requests counted at the same instant may both be
    let through (the file cache has no atomic increment): a limit for fairness, not a quota.
    The wait is kept per thread, as ninja asks for it after the check on the same object.
    """

    clock = time.time  # a built-in: not bound as a method

    def __init__(self):
        self._local = threading.local()

    def allow_request(self, request) -> bool:
        """Count the request; False once its address has made more than the limit this minute."""
        limit = settings.API_RATE_LIMIT
        if not limit:
            return True
        now = self.clock()
        window = int(now // WINDOW_SECONDS)
        self._local.wait = WINDOW_SECONDS - now % WINDOW_SECONDS
        key = f"api-rate:{self.get_ident(request)}:{window}"
        cache = caches["api-rate"]
        count = (cache.get(key) or 0) + 1
        if count > limit:
            return False
        cache.set(key, count, WINDOW_SECONDS + 1)
        return True

    def wait(self) -> float | None:
        """Seconds until the current minute ends and the client may ask again."""
        return getattr(self._local, "wait", None)


def accepts_json(request) -> bool:
    """Whether the client takes JSON: no Accept header, */*, application/* or application/json."""
    return request.accepts("application/json")


def json_only(run):
    """Answer 406 Not Acceptable, in JSON, to a client that refuses JSON: the API has no other form.

    For the API's operations, around ninja's ``Operation.run``: before parameters are read or the
    request is counted against the rate limit.
    """

    @wraps(run)
    def wrapped(request, *args, **kwargs):
        if not accepts_json(request):
            downloads = f"{reverse('recommendations:export-csv')} and {reverse('recommendations:export-json')}"
            return JsonResponse({"detail": "This API answers in JSON only: send Accept: application/json (or "
                                           f"none). The downloads of the list are at {downloads}.", "errors": {}},
                                status=406)
        return run(request, *args, **kwargs)

    return wrapped


def open_to_all_origins(view):
    """Let scripts on any site read the answers: ``Access-Control-Allow-Origin: *`` on GET, HEAD and
    OPTIONS, and a CORS preflight (OPTIONS) answered here, without the view.

    The API is read-only and takes no cookies or credentials, so any origin may read it. HEAD is
    answered as GET (ninja routes by method and knows no HEAD; the server leaves out the body).
    """

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        method = request.method
        if method == "OPTIONS":
            response = HttpResponse(status=204)
            response["Allow"] = response["Access-Control-Allow-Methods"] = "GET, HEAD, OPTIONS"
            response["Access-Control-Allow-Headers"] = CORS_ALLOW_HEADERS
            response["Access-Control-Max-Age"] = "86400"
        else:
            if method == "HEAD":
                request.method = "GET"
            response = view(request, *args, **kwargs)
            request.method = method
        if method in ("GET", "HEAD", "OPTIONS"):
            response["Access-Control-Allow-Origin"] = "*"
            response["Access-Control-Expose-Headers"] = CORS_EXPOSE_HEADERS
        return response

    return wrapped


class Docs(Swagger):
    """Swagger UI from the files ninja ships (served as static files), started by a static script.

    Nothing on the page is inline but its settings, a JSON data block no browser runs, so the
    site's Content-Security-Policy (scripts and styles from the site only) holds here too.
    """

    template = "api/docs.html"

    def render_page(self, request, api, **kwargs):
        """The docs page for ``api``, pointed at its OpenAPI document."""
        options = {**self.settings, "url": self.get_openapi_url(api, kwargs)}
        return render(request, self.template, {"api": api, "options": options})
