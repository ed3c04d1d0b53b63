"""List the recommendations that need a status update, grouped by actor."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.core.management.base import BaseCommand, CommandError

from recommendations.models import Recommendation, Responsibility


class Command(BaseCommand):
    help = (
        "List open recommendations with no status update for N days (STATUS_STALE_AFTER_DAYS), "
        "grouped by responsible actor; print them, or e-mail them with --email."
    )

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=None, help="Days without an update (default: setting).")
        parser.add_argument("--email", action="store_true", help="E-mail the digest instead of printing it.")
        parser.add_argument(
            "--to", nargs="+", default=None,
            help="Recipients; default: every active Secretariat account with an e-mail address.",
        )

    def handle(self, *args, days, email, to, **options):
        if days is not None and days < 0:
            raise CommandError("--days must be zero or more.")
        days = settings.STATUS_STALE_AFTER_DAYS if days is None else days
        body = digest_text(days)
        if not email:
            self.stdout.write(body)
            return
        recipients = to or list(
            get_user_model().objects.filter(groups__name="Secretariat", is_active=True)
            .exclude(email="").values_list("email", flat=True)
        )
        if not recipients:
            raise CommandError("No recipients: give --to, or add e-mail addresses to Secretariat accounts.")
        send_mail(f"Recommendations needing a status update ({days} days)", body,
                  settings.DEFAULT_FROM_EMAIL, recipients)
        self.stdout.write(f"Sent the digest to {len(recipients)} recipients.")


def digest_text(days: int) -> str:
    """Return the digest: per actor, each stale recommendation with its status and age."""
    stale = Recommendation.objects.needing_update(days)
    rows = (
        Responsibility.objects.filter(recommendation__in=stale)
        .select_related("actor", "recommendation", "recommendation__dialogue")
        .order_by("actor__name", "recommendation__dialogue__start_date", "recommendation__line_start")
    )
    lines, current = [], None
    for resp in rows:
        if resp.actor_id != current:
            current = resp.actor_id
            lines.append(f"\n{resp.actor.name}")
        rec = resp.recommendation
        since = f"last update {rec.status_as_of:%Y-%m-%d}" if rec.status_as_of else "never updated"
        lines.append(f"  #{rec.pk} [{rec.get_current_status_display()}; {since}] {rec}")
    unassigned = stale.filter(responsibilities__isnull=True)
    if unassigned.exists():
        lines.append("\nNo responsible actor (review the extraction)")
        lines.extend(f"  #{rec.pk} {rec}" for rec in unassigned)
    header = f"{stale.count()} recommendations have had no status update for {days} days or more."
    return header + "\n" + "\n".join(lines) if lines else header
