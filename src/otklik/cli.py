"""The ``otklik`` console script: Otklik's own commands and every Django command.

``otklik demo`` and ``otklik serve`` are management commands of this project, so the
one entry point passes everything to Django's command runner.
"""

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "otklik.settings")
    from django.core.management import execute_from_command_line

    argv = list(sys.argv if argv is None else argv)
    argv[0] = "otklik"
    if argv[1:2] == ["demo"]:
        # The demo is served over plain HTTP on 127.0.0.1, so cookies cannot be Secure.
        os.environ.setdefault("OTKLIK_HTTPS", "0")
    execute_from_command_line(argv)


if __name__ == "__main__":
    main()
