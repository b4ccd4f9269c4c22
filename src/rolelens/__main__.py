"""Allow ``python -m rolelens``."""

import sys

from rolelens.cli import main

if __name__ == "__main__":
    sys.exit(main())
