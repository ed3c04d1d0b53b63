"""Writes on actors that span rows: merging duplicates."""

from django.core.exceptions import ValidationError
from django.db import transaction

from actors.models import Actor, ActorAlias, normalise_name


@transaction.atomic
def merge_actors(*, into: Actor, others: list[Actor]) -> Actor:
    """Fold ``others`` into ``into``: responsibilities, aliases, children and organiser links move,
    and each merged name (and acronym) stays as an alias so later loads resolve to ``into``."""
    from dialogues.models import Dialogue
    from recommendations.models import DataVersion, Responsibility

    if not others:
        raise ValidationError("Select at least two actors: the one to keep and one or more to merge into it.")
    if all(a.pk == into.pk for a in others):
        raise ValidationError(f"“{into.name}” cannot be merged into itself: select another actor to merge into it.")
    others = [a for a in others if a.pk != into.pk]
    target = Actor.objects.select_for_update().get(pk=into.pk)
    ids = [a.pk for a in others]
    # Folding a parent into its own sub-actor would leave the tree upside down (the sub-actor's
    # siblings under it, and a cycle if the chain is read again): the sub-actor is merged upwards.
    above = Actor.objects.ancestors(target)
    for other in others:
        if other.pk in above:
            raise ValidationError(
                f"“{target.name}” is a sub-actor of “{other.name}”: an actor cannot be merged into its own "
                f"sub-actor. Keep “{other.name}” and merge “{target.name}” into it instead."
            )
    merged = list(Actor.objects.select_for_update().filter(pk__in=ids))
    # A recommendation both actors were responsible for keeps one responsibility: the target's.
    already = set(Responsibility.objects.filter(actor=target).values_list("recommendation_id", flat=True))
    Responsibility.objects.filter(actor_id__in=ids, recommendation_id__in=already).delete()
    seen: set[int] = set()
    for resp in Responsibility.objects.filter(actor_id__in=ids).order_by("role", "pk"):
        if resp.recommendation_id in seen:
            resp.delete()
            continue
        seen.add(resp.recommendation_id)
        resp.actor = target
        resp.save(update_fields=["actor"])
    ActorAlias.objects.filter(actor_id__in=ids).update(actor=target)
    Actor.objects.filter(parent_id__in=ids).exclude(pk=target.pk).update(parent=target)
    if target.parent_id in ids:
        target.parent = None
        target.save(update_fields=["parent"])
    Dialogue.objects.filter(default_addressee_id__in=ids).update(default_addressee=target)
    for dialogue in Dialogue.objects.filter(organisers__in=ids).distinct():
        dialogue.organisers.remove(*ids)
        dialogue.organisers.add(target)
    names = [a.name for a in merged] + [a.acronym for a in merged if a.acronym]
    Actor.objects.filter(pk__in=ids).delete()
    known = set(ActorAlias.objects.values_list("normalised", flat=True))
    own = {normalise_name(target.name), normalise_name(target.acronym)}
    for name in names:
        key = normalise_name(name)
        if key and key not in known and key not in own:
            ActorAlias.objects.create(actor=target, name=name)
            known.add(key)
    DataVersion.objects.bump()
    return target
