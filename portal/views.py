"""Project-level views that belong to no app."""

from django.http import HttpResponse
from django.views.decorators.http import require_GET


@require_GET
def healthz(request):
    """Answer "ok" without touching the database: load balancers' probe and the framework's floor."""
    return HttpResponse("ok\n", content_type="text/plain")
