"""Create a staff account in one of the roles."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

ROLES = ["Secretariat", "Reviewer"]


class Command(BaseCommand):
    help = "Create a staff account in a role: Secretariat (records status) or Reviewer (reads only)."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--role", required=True, choices=[r.lower() for r in ROLES])
        parser.add_argument("--email", default="")
        parser.add_argument(
            "--password", help="Initial password; without it the account can only log in after a reset."
        )

    def handle(self, *args, username, role, email, password, **options):
        User = get_user_model()
        if User.objects.filter(username=username).exists():
            raise CommandError(f"A user named {username!r} already exists; nothing was changed.")
        group = Group.objects.filter(name__iexact=role).first()
        if group is None:
            raise CommandError(f"The {role} role is missing: run `manage.py migrate` first.")
        user = User(username=username, email=email, is_staff=True)
        if password:
            try:
                validate_password(password, user)
            except ValidationError as exc:
                raise CommandError("Password refused: " + " ".join(exc.messages)) from None
            user.set_password(password)
        else:
            user.set_unusable_password()
        with transaction.atomic():
            user.save()
            user.groups.add(group)
        self.stdout.write(f"Created staff account {username!r} in the {group.name} role.")
