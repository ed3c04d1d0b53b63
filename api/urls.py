"""The read API under /api/: ninja's operations, OpenAPI document and docs page, each open to
scripts on any site (CORS), and JSON answers at /api/ itself and at any other address under it."""

from django.urls import URLPattern, re_path

from api import views
from api.http import open_to_all_origins

app_name = "api"

ninja_patterns, _, _ = views.api.urls
urlpatterns = [
    # ninja's own root view (a 404 page) only gives the prefix its operations are reversed under.
    *(URLPattern(p.pattern, open_to_all_origins(views.index if p.name == "api-root" else p.callback),
                 p.default_args, p.name) for p in ninja_patterns),
    re_path(r"^(?P<path>.*)$", open_to_all_origins(views.unknown_endpoint), name="unknown-endpoint"),
]
