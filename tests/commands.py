"""The writer's commands in a copy of the project, as the tests run them: `make <target> KEY=value`.

make itself says what it runs (`make -n`, the Makefile's own quoting and checks); each
`python -m helpcentre <verb>` it names then runs in this process (helpcentre.cli.run), in the
project's folder, instead of starting a Python that imports MkDocs and Babel again for every
command. What make alone does (its own checks of the variables) runs in a shell, as make would.
The commands that build (`make build`, `links`, `add-language`, `serve`) and the tests of make
itself use `real_make`."""

from __future__ import annotations

import contextlib
import io
import os
import shlex
import subprocess
from dataclasses import dataclass
from pathlib import Path

from helpcentre import cli

QUIET = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true", "PYTHONDONTWRITEBYTECODE": "1"}


@dataclass
class Ran:
    returncode: int
    stdout: str
    stderr: str


def real_make(project: Path, *args: str) -> subprocess.CompletedProcess:
    """`make <args>` as a writer types it. The environment is the suite's own (.venv linked in):
    make is told not to rebuild it, whatever the copied files' times."""
    ready = next((project / ".venv").glob(".ready-*"))
    return subprocess.run(["make", "--no-print-directory", "-o", str(ready.relative_to(project)), *args],
                          cwd=project, env=QUIET, stdin=subprocess.DEVNULL, capture_output=True, text=True,
                          timeout=300)


# The targets that build the site (each language in a process forked from the one that runs the
# command) or run a server: run as a writer types them.
BUILDING = ("build", "build-stock", "links", "add-language", "serve", "bench", "audit", "search-quality", "test")


def make(project: Path, *args: str) -> Ran | subprocess.CompletedProcess:
    """`make <args>`, each `python -m helpcentre` it runs run in this process (see the module's docstring)."""
    if any(arg in BUILDING for arg in args):
        return real_make(project, *args)
    planned = real_make(project, "-n", *args)
    if planned.returncode != 0:
        return Ran(planned.returncode, planned.stdout, planned.stderr)
    out, err = io.StringIO(), io.StringIO()
    for line in planned.stdout.splitlines():
        words = shlex.split(line)
        if len(words) > 3 and words[1:3] == ["-m", "helpcentre"]:
            with contextlib.chdir(project), contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
                try:
                    code = cli.run(words[3:])
                except SystemExit as exit_:  # argparse: a verb used the wrong way
                    code = exit_.code if isinstance(exit_.code, int) else 2
        else:
            shell = subprocess.run(["sh", "-c", line], cwd=project, env=QUIET, capture_output=True, text=True)
            out.write(shell.stdout)
            err.write(shell.stderr)
            code = shell.returncode
        if code != 0:
            err.write(f"make: *** [Makefile] Error {code}\n")
            return Ran(2, out.getvalue(), err.getvalue())
    return Ran(0, out.getvalue(), err.getvalue())
