#!/usr/bin/env python
"""Django's command-line utility for administrative tasks."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "marketplace.settings")
    # manage.py is the developer's tool: development settings unless told otherwise.
    # Servers start from marketplace/wsgi.py, where DEBUG stays off by default;
    # production commands (migrate, collectstatic) run with DEBUG=false set.
    os.environ.setdefault("DEBUG", "true")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
