"""`python -m generator`: see cli.py."""

import sys

from generator.cli import main

sys.exit(main())
