"""Preview the help centre with live reload, restarting the server when macro code changes.

`mkdocs serve` rebuilds on edits to docs/, data/ and overrides/ (see `watch:` in
mkdocs.yml), but it imports macros/ once and never reloads it, so a Python edit
would need a manual restart. This wrapper does that restart for the writer.

With --lang it (make serve LANG=it) only that language is built
(hooks/one_language.py) and only the edited article is rebuilt (mkdocs --dirty),
so a save shows in about a second even on a large site. A dirty rebuild does not
re-render the other pages, so there an edit to data/ or overrides/ restarts the
server too (a fresh one-language build).
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer

from .site import BUILD_LANGUAGE_VARIABLE, PROJECT_ROOT as ROOT

CODE_DIRS = ("macros", "helpcentre", "hooks")
DEBOUNCE_SECONDS = 0.3
# Not "opened"/"closed_no_write": the server itself reads the files when it imports them.
WRITES = ("created", "modified", "moved", "deleted", "closed")


LANGUAGE_VARIABLE = BUILD_LANGUAGE_VARIABLE  # read by hooks/one_language.py
# What a dirty (one-language) rebuild would not show on every page: restart instead.
SHARED_DIRS = ("data", "overrides")


class _CodeChanged(FileSystemEventHandler):
    def __init__(self, changed: threading.Event, suffix: str = ".py"):
        self.changed = changed
        self.suffix = suffix

    def on_any_event(self, event: FileSystemEvent) -> None:
        # Editors (and sed -i) often write a temporary file and rename it over the
        # original, so the .py name may be the destination of a move.
        paths = (str(event.src_path), str(getattr(event, "dest_path", "") or ""))
        if event.event_type in WRITES and any(path.endswith(self.suffix) for path in paths if path):
            self.changed.set()


def serve(dev_addr: str, lang: str = "") -> int:
    """Preview on dev_addr until Ctrl-C; with `lang`, that language only."""

    changed = threading.Event()
    observer = Observer()
    for folder in CODE_DIRS:
        observer.schedule(_CodeChanged(changed), str(ROOT / folder), recursive=True)
    command = [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", dev_addr, "--livereload"]
    environment = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    if lang:
        for folder in SHARED_DIRS:
            observer.schedule(_CodeChanged(changed, suffix=""), str(ROOT / folder), recursive=True)
        command.append("--dirty")
        environment[LANGUAGE_VARIABLE] = lang
        print(f"serve: previewing '{lang}' only: open http://{dev_addr}/{lang}/ "
              f"(/ if '{lang}' is the default language)", file=sys.stderr, flush=True)
    observer.start()
    try:
        while True:
            changed.clear()
            server = subprocess.Popen(command, cwd=ROOT, env=environment)
            while not changed.wait(timeout=0.5):
                if server.poll() is not None:
                    return server.returncode
            changed.wait(DEBOUNCE_SECONDS)  # let an editor finish writing before restarting
            print("serve: macro code (or, with --lang, data or theme) changed, restarting the preview server", file=sys.stderr, flush=True)
            server.terminate()
            server.wait()
    except KeyboardInterrupt:
        return 0
    finally:
        observer.stop()
        if "server" in locals() and server.poll() is None:
            server.terminate()
            server.wait()
