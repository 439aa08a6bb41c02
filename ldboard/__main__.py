"""``python -m ldboard`` behaves exactly like the ``ldboard`` command."""

import sys

from ldboard.cli import main

sys.exit(main())
