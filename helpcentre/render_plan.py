"""Which pages a preview's build renders again: the one answer to MkDocs' "is this file modified?".

MkDocs' dirty build renders a page when `File.is_modified()` says so (its output is older than its
source). The preview knows better what a save concerns (helpcentre/preview_changes.py): the saved
page in each language that shows it, the pages whose shared data changed (helpcentre/data_use.py),
every page when the theme or mkdocs.yml changed. The plugin asks `RenderPlan.wants` for each page
instead, and nothing on disk is touched to steer MkDocs.
"""

from __future__ import annotations

from dataclasses import dataclass

from . import data_use as data_use_model
from .data import DataError, load_data
from .site import site_from_config


@dataclass(frozen=True)
class RenderPlan:
    everything: bool = False
    pages: frozenset[str] = frozenset()  # outputs to render again (it/pause-billing/index.html)

    def wants(self, file, rendered_before: bool) -> bool:
        return self.everything or not rendered_before or file.dest_uri in self.pages

    def apply(self, files, records: dict) -> None:
        """Answer MkDocs' question for every page of this build: `file.is_modified()`."""
        for file in files.documentation_pages():
            wanted = self.wants(file, file.src_uri in records)
            file.is_modified = (lambda wanted=wanted: wanted)


def render_plan(request, plugin, config) -> RenderPlan:
    """The pages this language's build renders again for a request (helpcentre/language_process.py):
    those it names, and, when data/ changed, those that used an entry whose text, as this language's
    readers see it, changed since the data was last loaded here."""
    site = site_from_config(config)
    lang = plugin.only_language
    try:
        data = load_data(site.data, site.languages)
    except DataError:
        data = None  # the build stops on it and says where
    before, plugin.last_data = plugin.last_data, data or plugin.last_data  # the next save is compared with this one
    if request.everything or before is None:
        return RenderPlan(everything=True)
    pages = set(request.pages)
    if request.data_changed and data is not None:
        changed = plugin.data_use.pages_using(data_use_model.changed_as_shown(before, data, lang, site.default))
        if changed is None:
            return RenderPlan(everything=True)
        pages |= changed
    return RenderPlan(pages=frozenset(pages))
