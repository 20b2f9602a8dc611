"""`python -m helpcentre <command>`: the help centre's commands (`make help` lists the targets
that call them)."""

import signal

# Ctrl-C and `kill` are held from the first line until a command can report them as an
# interruption: one arriving while Python imports would otherwise end in a traceback.
signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM})

from helpcentre.cli import main  # noqa: E402

raise SystemExit(main())
