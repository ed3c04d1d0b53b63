"""Actors: who is to act on a recommendation, and the other names they go by."""

import re

from django.db import models
from django.urls import reverse
from django_countries.fields import CountryField


def normalise_name(name: str) -> str:
    """Return the form names are compared in: lower case, no leading "the", plain spacing."""
    name = re.sub(r"[\s\u00a0]+", " ", name).strip().lower()
    name = re.sub(r"^the ", "", name)
    return re.sub(r"[^\w]+", " ", name).strip()


class ActorKind(models.TextChoices):
    GOVERNMENT = "government", "Government"
    MINISTRY = "ministry", "Ministry or government agency"
    DONOR = "donor", "Donor"
    UN_AGENCY = "un_agency", "UN agency"
    REGIONAL_BODY = "regional_body", "Regional body"
    NGO = "ngo", "NGO or civil society"
    UNIVERSITY = "university", "University"
    RESEARCH = "research", "Research institute or think tank"
    PRIVATE_SECTOR = "private_sector", "Private sector"
    NETWORK = "network", "Network or partnership"
    GROUP = "group", "Group of actors"
    OTHER = "other", "Other"


class ActorQuerySet(models.QuerySet):
    def needing_review(self):
        """Actors the loader created from a name the gazetteer did not know."""
        return self.filter(needs_review=True)

    def with_descendants(self, actor: "Actor") -> list[int]:
        """Return the ids of an actor and every actor beneath it, in one query per level."""
        ids, frontier = [actor.pk], [actor.pk]
        while frontier:
            frontier = list(self.filter(parent_id__in=frontier).values_list("pk", flat=True))
            frontier = [pk for pk in frontier if pk not in ids]  # a cycle must not loop forever
            ids.extend(frontier)
        return ids

    def ancestors(self, actor: "Actor") -> list[int]:
        """Return the ids of the actors above an actor, its parent first, in one query per level."""
        ids, parent_id = [], actor.parent_id
        while parent_id is not None and parent_id not in ids and parent_id != actor.pk:
            ids.append(parent_id)
            parent_id = self.filter(pk=parent_id).values_list("parent_id", flat=True).first()
        return ids

    def for_merge(self):
        """Actors with their parent, aliases and ``n_recommendations``, in two queries: all the
        merge confirmation shows of each."""
        return self.select_related("parent").prefetch_related("aliases").annotate(
            n_recommendations=models.Count("responsibilities__recommendation", distinct=True)
        )

    def public(self):
        """Actors the public may see: named in, or organising, a published dialogue, or parent of one."""
        from dialogues.models import Dialogue
        from recommendations.models import Responsibility

        def responsible(outer: str):
            return models.Exists(
                Responsibility.objects.filter(
                    actor_id=models.OuterRef(outer), recommendation__dialogue__published=True
                )
            )

        organising = models.Exists(
            Dialogue.objects.published().filter(organisers=models.OuterRef("pk"))
        )
        parent_of_public = models.Exists(
            Actor.objects.filter(parent_id=models.OuterRef("pk")).filter(responsible("pk"))
        )
        return self.filter(responsible("pk") | organising | parent_of_public)

    def with_counts(self, counts: dict[int, int]) -> list["Actor"]:
        """These actors as a list, each with ``n_recommendations`` taken from ``counts``
        (``RecommendationQuerySet.count_by_actor()``: one GROUP BY, not one count per actor)."""
        actors = list(self)
        for actor in actors:
            actor.n_recommendations = counts.get(actor.pk, 0)
        return actors

    def ranked(self, counts: dict[int, int], limit: int) -> list["Actor"]:
        """The ``limit`` actors with the highest ``counts``, most first, with ``n_recommendations``."""
        top = sorted(counts, key=lambda pk: (-counts[pk], pk))[:limit]
        return sorted(self.filter(pk__in=top).with_counts(counts), key=lambda a: (-a.n_recommendations, a.name))

    def for_detail(self):
        """An actor with its parent, aliases and public child actors, in a fixed number of queries."""
        return self.select_related("parent").prefetch_related(
            "aliases",
            models.Prefetch("children", queryset=Actor.objects.public().order_by("name")),
        )


class Actor(models.Model):
    name = models.CharField(max_length=255, unique=True)
    slug = models.SlugField(max_length=255, unique=True)
    acronym = models.CharField(max_length=40, blank=True)
    kind = models.CharField(max_length=20, choices=ActorKind, default=ActorKind.OTHER, db_index=True)
    country = CountryField(blank=True, db_index=True)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="children"
    )
    member_of = models.ManyToManyField(
        "self", symmetrical=False, blank=True, related_name="members",
        help_text="Networks, alliances or partnerships this actor is a member of.",
    )
    description = models.TextField(blank=True)
    needs_review = models.BooleanField(
        default=False, db_index=True, help_text="Created by the loader from a name it did not know."
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ActorQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(parent=models.F("pk")), name="actor_not_own_parent"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.acronym})" if self.acronym else self.name

    def get_absolute_url(self) -> str:
        return reverse("actors:actor-detail", args=[self.slug])


class ActorAlias(models.Model):
    actor = models.ForeignKey(Actor, on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(max_length=255)
    normalised = models.CharField(max_length=255, unique=True, editable=False)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "actor aliases"

    def __str__(self) -> str:
        return f"{self.name} → {self.actor.name}"

    def save(self, *args, **kwargs) -> None:
        # The comparison key is derived data of the name, not domain work.
        self.normalised = normalise_name(self.name)
        super().save(*args, **kwargs)
