"""Record one status update on one or more recommendations from the command line."""

from datetime import date

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from recommendations import services
from recommendations.forms import StatusUpdateForm
from recommendations.models import Recommendation


class Command(BaseCommand):
    help = "Record a status update on recommendations (by id), all or none, as a staff user."

    def add_arguments(self, parser):
        parser.add_argument("ids", nargs="*", type=int, help="Recommendation ids.")
        parser.add_argument("--status", required=True)
        parser.add_argument("--as-of", default=None, help="YYYY-MM-DD; default today.")
        parser.add_argument("--narrative", default="")
        parser.add_argument("--evidence-url", default="")
        parser.add_argument("--user", required=True, help="Username of the staff member recording it.")

    def handle(self, *args, ids, status, as_of, narrative, evidence_url, user, **options):
        if not ids:
            raise CommandError("No recommendation given: name at least one recommendation id.")
        form = StatusUpdateForm({"status": status, "as_of": as_of or date.today().isoformat(),
                                 "narrative": narrative, "evidence_url": evidence_url})
        if not form.is_valid():
            problems = "; ".join(f"{name}: {' '.join(errors)}" for name, errors in form.errors.items())
            raise CommandError(f"Nothing recorded: {problems}")
        staff = get_user_model().objects.filter(username=user, is_staff=True, is_active=True).first()
        if staff is None or not staff.has_perm("recommendations.add_statusupdate"):
            raise CommandError(f"{user!r} is not an active staff account allowed to record status updates.")
        recs = list(Recommendation.objects.filter(pk__in=ids))
        missing = sorted(set(ids) - {r.pk for r in recs})
        if missing:
            raise CommandError(f"Nothing recorded: no recommendation with id {', '.join(map(str, missing))}.")
        try:
            updates = services.record_status_updates(recommendations=recs, recorded_by=staff, **form.cleaned_data)
        except ValidationError as exc:
            raise CommandError("Nothing recorded: " + "; ".join(exc.messages)) from None
        self.stdout.write(f"Recorded {form.cleaned_data['status']} on {len(updates)} recommendations.")
