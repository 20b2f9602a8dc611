"""Which shared data each page used when it was rendered, and which of it an edit of data/ changed:
so that the preview (helpcentre/preview.py) re-renders, after a data edit, only the pages that used
what changed, in the languages where it changed.

The preview's build processes turn recording on. From then on the build hands out the data wrapped
so that each read of an entry (a label, a procedure, a message...) is noted against the page being
rendered, which the plugin (helpcentre/plugin.py) names as MkDocs renders it. Reads made while no
page is being rendered (on_config or on_env, whose result may show on every page) count for every
page: when one of those entries changes, every page of the language is rendered again. The 404 page
and what on_post_build writes are made again by every build, so what they read is not kept.

Outside the preview nothing is recorded and the data is handed out as it is.
"""

from __future__ import annotations

import contextlib
import dataclasses
from collections.abc import Iterator, Mapping
from typing import Any

from .data import HelpData

Key = tuple[str, str]  # (what, id): ("labels", "billing_upgrade"), ("messages", "note_title")
ALL = "*"  # (what, ALL): the whole table was read (a list of every plan, or "known ids: ...")
# HelpData's tables, read by id; the other fields (the product's name, the support address) are on
# nearly every page (titles, the contact box): a change to them re-renders every page.
TABLES = ("plans", "labels", "procedures", "procedure_plans", "notes", "messages", "support_hours")
EVERY_PAGE = "every page"  # what reads made outside a page's rendering are noted against


class DataUse:
    """What each page read of the shared data, as the build renders it. Held by the plugin, so it
    lives as long as the preview's language process; off (nothing noted) unless started."""

    def __init__(self):
        self.recording = False
        self.current: str | None = None  # the page being rendered (its output), EVERY_PAGE, or None
        self.uses: dict[str, set[Key]] = {}  # page output -> what it read; EVERY_PAGE -> what every page may show
        self.rendered: list[str] = []  # the pages read again from their source, in order (the preview empties it)
        self._observed: tuple[HelpData, HelpData] | None = None

    def start_recording(self) -> None:
        self.recording = True

    def rendering(self, page: str | None, again: bool = False) -> None:
        """Reads from now on are the page's (its output file; `again`: it is read again from its
        source, so what it read before no longer counts); EVERY_PAGE: a step whose result every page
        may show; None: a step whose result every build makes again (not kept)."""
        if not self.recording:
            return
        self.current = page
        if again and page is not None:
            self.uses[page] = set()
            if page != EVERY_PAGE:
                self.rendered.append(page)

    @contextlib.contextmanager
    def unattributed(self):
        """Reads that no page shows (the agents' link index is made from every page at once):
        noting them for every page would make any change to a step or a label render every page
        again."""
        before, self.current = self.current, None
        try:
            yield
        finally:
            self.current = before

    def forget(self, page: str) -> None:
        self.uses.pop(page, None)

    def observed(self, data: HelpData) -> HelpData:
        """The data, with every read of a table entry noted while recording (one wrapper per
        loaded data); the data itself otherwise."""
        if not self.recording:
            return data
        if self._observed is None or self._observed[0] is not data:
            self._observed = (data, dataclasses.replace(
                data, **{table: _Watched(self, table, getattr(data, table)) for table in TABLES}))
        return self._observed[1]

    def note(self, table: str, key: str) -> None:
        if self.current is not None:
            self.uses.setdefault(self.current, set()).add((table, key))

    def pages_using(self, keys: set[Key] | None) -> set[str] | None:
        """The pages (outputs) that read one of these entries; None: every page (one of them was
        read for every page, or everything changed)."""
        if keys is None:
            return None
        tables_listed = {table for table, key in keys}

        def read_any(used: set[Key]) -> bool:
            return any((table, key) in keys or (key == ALL and table in tables_listed) for table, key in used)

        if read_any(self.uses.get(EVERY_PAGE, set())):
            return None
        return {page for page, used in self.uses.items() if page != EVERY_PAGE and read_any(used)}


class _Watched(Mapping):
    """A read-only table that notes each entry read, and the whole table when it is listed."""

    def __init__(self, use: DataUse, table: str, entries: Mapping):
        self._use, self._table, self._entries = use, table, entries

    def __getitem__(self, key):
        self._use.note(self._table, str(key))
        return self._entries[key]

    def __contains__(self, key) -> bool:
        self._use.note(self._table, str(key))
        return key in self._entries

    def __iter__(self) -> Iterator:
        self._use.note(self._table, ALL)
        return iter(self._entries)

    def __len__(self) -> int:
        self._use.note(self._table, ALL)
        return len(self._entries)


# ---------------------------------------------------------------------------
# What an edit changed, and which pages it concerns
# ---------------------------------------------------------------------------


def changed(old: HelpData, new: HelpData, lang: str) -> set[Key] | None:
    """The entries whose text in `lang` (or whose plans, kind...) differ; None: everything changed
    (the product's name or support address, or the languages)."""
    if (old.languages, old.product_name, old.support_email) != (new.languages, new.product_name, new.support_email):
        return None
    keys: set[Key] = set()
    for table in TABLES:
        before, after = getattr(old, table), getattr(new, table)
        if set(before) != set(after):
            keys.add((table, ALL))
        for key in set(before) | set(after):
            if key not in before or key not in after or \
                    in_language(before[key], lang, old.languages) != in_language(after[key], lang, new.languages):
                keys.add((table, key))
    return keys


def changed_as_shown(old: HelpData, new: HelpData, lang: str, default: str) -> set[Key] | None:
    """What changed for a reader of `lang`: its own texts and, in a translation, the default
    language's too: a translated section that shows an English text that changed gets the notice
    that it may be behind (issue 16, helpcentre/page_content.py)."""
    own = changed(old, new, lang)
    if lang == default or own is None:
        return own
    source = changed(old, new, default)
    return None if source is None else own | source


def in_language(value: Any, lang: str, languages: tuple[str, ...]) -> Any:
    """What a reader of `lang` can see of a value: its text in that language, with whatever does not
    depend on the language (plans, kind); {'en': ..., 'it': ...} -> the 'it' text."""
    if dataclasses.is_dataclass(value):
        return tuple((field.name, in_language(getattr(value, field.name), lang, languages))
                     for field in dataclasses.fields(value))
    if isinstance(value, Mapping):
        if lang in value and set(value) <= set(languages):
            return in_language(value[lang], lang, languages)
        return tuple(sorted((key, in_language(item, lang, languages)) for key, item in value.items()))
    if isinstance(value, (list, tuple)):
        return tuple(in_language(item, lang, languages) for item in value)
    return value
