"""The preview's languages (helpcentre/preview.py): one long-lived process per language
(helpcentre/language_process.py), which renders that language's pages again on each request.

The processes are forked from a server process started before the preview has any thread, with
MkDocs already imported. A process that dies, or is stopped for taking too long, is reported with
why (helpcentre/language_process.py) and started again at once; its language is built whole at the
next save, which is what brings its pages back.
"""

from __future__ import annotations

import multiprocessing
from pathlib import Path

from .language_process import LanguageProcess, Outcome, Request, collect, serve_requests


class Languages:
    def __init__(self, config_file: Path, work: Path, serve_url: str):
        self.config_file, self.work, self.serve_url = config_file, work, serve_url  # serve_url: the site's address
        self.context = multiprocessing.get_context("forkserver")
        self.context.set_forkserver_preload(["helpcentre.language_process", "helpcentre.plugin"])
        self.processes: dict[str, LanguageProcess] = {}
        self.unbuilt: set[str] = set()  # languages whose process has not built yet: their first build is whole

    def folder(self, lang: str) -> Path:
        return self.work / "languages" / lang

    def keep_only(self, languages: tuple[str, ...]) -> None:
        """A process for each of these languages, and none for any other."""
        for lang in [lang for lang in self.processes if lang not in languages]:
            self.processes.pop(lang).stop()
            self.unbuilt.discard(lang)
        for lang in languages:
            if lang not in self.processes:
                self._start(lang)

    def _start(self, lang: str) -> None:
        self.folder(lang).mkdir(parents=True, exist_ok=True)
        self.processes[lang] = LanguageProcess(self.context, lang, serve_requests,
                                               (self.config_file, self.folder(lang), False, self.serve_url))
        self.unbuilt.add(lang)

    def revive(self) -> dict[str, str]:
        """Start again the processes that died while idle (the system's out-of-memory killer, say):
        why each died. Their language builds whole at its next request."""
        dead = {lang: process for lang, process in self.processes.items() if not process.process.is_alive()}
        for lang, process in dead.items():
            process.process.join(timeout=1)
            del self.processes[lang]
            process.stop()
            self._start(lang)
        return {lang: process.death() for lang, process in dead.items()}

    def build(self, requests: dict[str, Request]) -> dict[str, Outcome]:
        """Each language's build, all at once (a process not built yet builds whole). One that did not
        answer (it died, or was stopped for taking too long) is replaced at once by a new process."""
        for lang, request in requests.items():
            self.processes[lang].send(Request() if lang in self.unbuilt else request)
            self.unbuilt.discard(lang)
        outcomes = collect([self.processes[lang] for lang in requests])
        for lang in outcomes:
            if not self.processes[lang].process.is_alive():
                self.processes.pop(lang).stop()
                self._start(lang)
        return outcomes

    def stop_all(self) -> None:
        for process in self.processes.values():
            process.stop(grace=0.5)
        self.processes.clear()
