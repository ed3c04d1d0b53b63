#!/usr/bin/env python
"""Django's command-line utility for the Dialogue Recommendations Tracker."""

import os
import sys


def main() -> None:
    """Run a management command; bad configuration stops with one line, not a traceback."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
    from django.core.exceptions import ImproperlyConfigured

    try:
        from django.conf import settings
        from django.core.management import execute_from_command_line

        settings.INSTALLED_APPS  # noqa: B018 - read settings now so a bad one stops here
        execute_from_command_line(sys.argv)
    except ImproperlyConfigured as exc:
        sys.stderr.write(f"Configuration error: {exc}\n")
        sys.exit(1)


if __name__ == "__main__":
    main()
