"""Public pages about dialogues, their documents and themes."""

from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render

from dialogues.models import Dialogue, Document, PriorityIssue, Theme
from recommendations.caching import public_page
from recommendations.models import Indicator, Recommendation

PAGE_SIZE = 25
LONGEST_SHOWN = 5


@public_page
def dialogue_list(request):
    """Every published dialogue, newest first, with its series and number of recommendations."""
    return render(request, "dialogues/dialogue_list.html",
                  {"dialogues": Dialogue.objects.published().with_recommendation_counts()})


@public_page
def dialogue_detail(request, slug: str):
    """A dialogue: documents, themes → priority issues → recommendations, figures and indicators."""
    dialogue = get_object_or_404(Dialogue.objects.published().for_detail(), slug=slug)
    recs = Recommendation.objects.filter(dialogue=dialogue)
    return render(request, "dialogues/dialogue_detail.html", {
        "dialogue": dialogue,
        "issues": PriorityIssue.objects.filter(dialogue=dialogue).select_related("theme"),
        "recs": recs.for_list().without_bulk_text().order_by("document_id", "line_start"),
        "statuses": recs.status_counts(),
        "indicators": Indicator.objects.filter(dialogue=dialogue).with_values(),
    })


@public_page
def document_detail(request, pk: int):
    """A source document's full text, one numbered, linkable line (#L12) at a time."""
    document = get_object_or_404(Document.objects.published().select_related("dialogue"), pk=pk)
    citations = document.recommendations.values_list("pk", "line_start", "line_end")
    return render(request, "dialogues/document_detail.html", {"document": document, "citations": citations})


@public_page
def theme_list(request):
    """Every theme with public recommendations, with counts."""
    return render(request, "dialogues/theme_list.html",
                  {"themes": Theme.objects.public().with_recommendation_counts()})


@public_page
def theme_detail(request, slug: str):
    """A theme: its status breakdown, longest-standing open asks, priority issues and recommendations."""
    theme = get_object_or_404(Theme.objects.public(), slug=slug)
    recs = Recommendation.objects.published().filter(theme=theme)
    page = Paginator(recs.for_list().without_bulk_text().sorted_by("date"), PAGE_SIZE).get_page(request.GET.get("page"))
    issues = PriorityIssue.objects.published().filter(theme=theme).select_related("dialogue")
    longest = recs.longest_standing_open().select_related("dialogue")[:LONGEST_SHOWN]
    return render(request, "dialogues/theme_detail.html",
                  {"theme": theme, "page": page, "statuses": recs.status_counts(), "issues": issues,
                   "longest": longest})
