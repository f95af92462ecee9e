"""`python -m generator`: see cli.py.

Run outside the environment `make site` makes (a bare `python3 -m generator`),
the libraries are missing: say how to run it instead of a traceback.
"""

import sys

try:
    from generator.cli import main
except ModuleNotFoundError as exc:
    print(
        f"python -m generator: error: {exc.name} is not installed here; run it in Seloste's environment, "
        "which `make site` makes: `make check`, `make release`, `make serve`, or `.venv/bin/python -m generator …`",
        file=sys.stderr,
    )
    sys.exit(2)

sys.exit(main())
