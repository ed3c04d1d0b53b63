"""Atom feeds of the latest status updates: overall, per actor (with sub-actors), per theme.

Items carry the status, date, narrative and evidence link, never who recorded them, and
only updates of published dialogues' recommendations.
"""

from datetime import UTC, datetime, time

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from actors.models import Actor
from dialogues.models import Theme
from recommendations.models import StatusUpdate

FEED_SIZE = 50


class LatestStatusUpdatesFeed(Feed):
    """The latest status updates on any public recommendation."""

    feed_type = Atom1Feed
    title = "Latest status updates — Dialogue Recommendations Tracker"
    subtitle = "What is happening to the recommendations made at policy dialogues."
    description_template = "recommendations/feed_item_description.html"

    def link(self):
        return reverse("recommendations:home")

    def updates(self, obj):
        """The updates this feed shows, newest first."""
        return StatusUpdate.objects.latest_public()

    def items(self, obj=None):
        return self.updates(obj)[:FEED_SIZE]

    def item_title(self, item):
        return f"{item.get_status_display()}: {item.recommendation}"

    def item_link(self, item):
        return f"{item.recommendation.get_absolute_url()}#update-{item.pk}"

    def item_pubdate(self, item):
        return datetime.combine(item.as_of, time(), tzinfo=UTC)

    def item_updateddate(self, item):
        return item.recorded_at

    def item_categories(self, item):
        theme = item.recommendation.theme
        return [theme.name] if theme else []


class ActorStatusUpdatesFeed(LatestStatusUpdatesFeed):
    """The latest status updates on recommendations of one actor and the actors beneath it."""

    def get_object(self, request, slug):
        return get_object_or_404(Actor.objects.public(), slug=slug)

    def title(self, obj):
        return f"Status updates: {obj.name} — Dialogue Recommendations Tracker"

    def link(self, obj):
        return obj.get_absolute_url()

    def updates(self, obj):
        return StatusUpdate.objects.latest_public().for_actor_tree(Actor.objects.with_descendants(obj))


class ThemeStatusUpdatesFeed(LatestStatusUpdatesFeed):
    """The latest status updates on recommendations of one theme."""

    def get_object(self, request, slug):
        return get_object_or_404(Theme.objects.public(), slug=slug)

    def title(self, obj):
        return f"Status updates: {obj.name} — Dialogue Recommendations Tracker"

    def link(self, obj):
        return obj.get_absolute_url()

    def updates(self, obj):
        return StatusUpdate.objects.latest_public().filter(recommendation__theme=obj)
