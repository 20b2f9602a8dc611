"""Each language's build gets only the files it publishes: its own folder of docs/, the default
language's (the pages it falls back to) and whatever lies outside the language folders.

MkDocs lists every file under docs/, and mkdocs-static-i18n then goes through all of them, for
every language it builds; so without this, a language's build would cost more with every other
language the site has (README, "Fast builds"). The same selection as helpcentre/sources.py's
built_here, which the source checks read.
"""

from __future__ import annotations

import os

from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files

from helpcentre import building


@event_priority(-90)  # before mkdocs-static-i18n sorts the files by language (priority -100)
def on_files(files, config):
    site = building.site(config)
    others = set(site.languages) - {site.default, building.language(config)}
    docs = os.path.join(config.docs_dir, "")
    return Files([file for file in files if not (file.src_uri.partition("/")[0] in others
                                                 and (file.abs_src_path or "").startswith(docs))])
