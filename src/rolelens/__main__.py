"""Allow ``python -m rolelens``; :func:`main` is also the ``rolelens`` console script.

Importing the command line takes a tenth of a second, and Ctrl-C then came
before :func:`rolelens.cli.main` could catch it: a traceback. This module
imports nothing of the command line until :func:`main` runs, and catches it.
Ctrl-C before :func:`main` runs, while this package and then this module are
imported, is told in the same line by the hook that ``rolelens/__init__.py``
sets when the process is the ``rolelens`` command.
"""

import sys

#: The exit status of an interrupted run, as :func:`rolelens.cli.main` returns it.
EXIT_INTERRUPTED = 130


def main() -> int:
    """Run the ``rolelens`` command line on ``sys.argv``; return its exit code.

    Ctrl-C while the command line is still being imported is an interruption like
    any later one: the line ``rolelens: interrupted`` and exit status 130.
    """
    try:
        from rolelens.cli import main as run

        # Also guarded: the moments of rolelens.cli.main outside its own handler (before
        # it, and while it reports an error or an earlier Ctrl-C).
        return run()
    except KeyboardInterrupt:
        if sys.stderr is not None:  # started with stderr closed (`2>&-`): exit all the same
            try:  # noqa: SIM105  # contextlib is not imported: Ctrl-C could cut it short
                print("rolelens: interrupted", file=sys.stderr)
            except (OSError, KeyboardInterrupt):
                pass
        return EXIT_INTERRUPTED


if __name__ == "__main__":
    sys.exit(main())
