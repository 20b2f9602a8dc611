"""Which shared data each page used when it was rendered, and which of it an edit of data/ changed:
so that the preview (helpcentre/preview.py) re-renders, after a data edit, only the pages that used
what changed, in the languages where it changed.

The preview's build processes turn recording on. From then on `building.data()` hands out the data
wrapped so that each read of an entry (a label, a procedure, a message...) is noted against the page
being rendered, which hooks/data_use.py names as MkDocs renders it. Reads made while no page is being
rendered (a hook's on_config or on_env, whose result may show on every page) count for every page:
when one of those entries changes, every page of the language is rendered again. The 404 page and
what on_post_build writes are made again by every build, so what they read is not kept.

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

_recording = False
_current: str | None = None  # the page being rendered (its output, it/x/index.html), EVERY_PAGE, or None
uses: dict[str, set[Key]] = {}  # page output -> what it read; EVERY_PAGE -> what the build read for all
rendered: list[str] = []  # the pages read again from their source, in order (the preview empties it)
_observed: dict[int, tuple[HelpData, HelpData]] = {}


def start_recording() -> None:
    global _recording
    _recording = True


def recording() -> bool:
    return _recording


def rendering(page: str | None, again: bool = False) -> None:
    """Reads from now on are the page's (its output file; `again`: it is read again from its source,
    so what it read before no longer counts); EVERY_PAGE: a step whose result every page may show;
    None: a step whose result every build makes again (not kept)."""
    global _current
    _current = page
    if again and page is not None:
        uses[page] = set()
        if page != EVERY_PAGE:
            rendered.append(page)


@contextlib.contextmanager
def unattributed():
    """Reads that no page shows (the agents' link index is made from every page at once, and a
    dirty rebuild does not refresh it): noting them for every page would make any change to a
    step or a label render every page again."""
    global _current
    before, _current = _current, None
    try:
        yield
    finally:
        _current = before


def forget(page: str) -> None:
    uses.pop(page, None)


def observed(data: HelpData) -> HelpData:
    """The data, with every read of a table entry noted (one wrapper per loaded data)."""
    if id(data) not in _observed or _observed[id(data)][0] is not data:
        _observed.clear()  # the data was loaded again: the previous wrapper is not handed out any more
        _observed[id(data)] = (data, dataclasses.replace(
            data, **{table: _Watched(table, getattr(data, table)) for table in TABLES}))
    return _observed[id(data)][1]


def _note(table: str, key: str) -> None:
    if _current is not None:
        uses.setdefault(_current, set()).add((table, key))


class _Watched(Mapping):
    """A read-only table that notes each entry read, and the whole table when it is listed."""

    def __init__(self, table: str, entries: Mapping):
        self._table, self._entries = table, entries

    def __getitem__(self, key):
        _note(self._table, str(key))
        return self._entries[key]

    def __contains__(self, key) -> bool:
        _note(self._table, str(key))
        return key in self._entries

    def __iter__(self) -> Iterator:
        _note(self._table, ALL)
        return iter(self._entries)

    def __len__(self) -> int:
        _note(self._table, ALL)
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
    that it may be behind (issue 16, hooks/stale_sections.py)."""
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


def pages_using(keys: set[Key] | None) -> set[str] | None:
    """The pages (outputs) that read one of these entries; None: every page (one of them was read
    for every page, or everything changed)."""
    if keys is None:
        return None
    tables_listed = {table for table, key in keys}

    def read_any(used: set[Key]) -> bool:
        return any((table, key) in keys or (key == ALL and table in tables_listed) for table, key in used)

    if read_any(uses.get(EVERY_PAGE, set())):
        return None
    return {page for page, used in uses.items() if page != EVERY_PAGE and read_any(used)}
