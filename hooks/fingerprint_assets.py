"""Put a content hash on every asset URL a page names (help.css?h=<hash>), so that nginx can let
browsers keep our CSS and JS for a year and a deploy still reaches every reader at once
(macros/fingerprints.py says how; serve/help-centre.conf keys the caching on it).

The hash is of the file the build publishes, read from its source (the theme, overrides/) when a
page first names it. Listed before hooks/not_found_per_language.py, which saves each language's
404 page as it is rendered."""

from __future__ import annotations



from mkdocs.plugins import event_priority

from helpcentre.fingerprints import add_fingerprints, content_hash, needs_fingerprint

_files: dict = {}    # site path -> the MkDocs File that publishes it (this build's)
_hashes: dict = {}   # site path -> content hash, computed when a page first names the file


# Once every file is in: after mkdocs-static-i18n (-100) and hooks/material_inline_scripts.py (-110).
@event_priority(-120)
def on_files(files, config):
    _files.clear()
    _hashes.clear()
    _files.update((file.dest_uri, file) for file in files if needs_fingerprint(file.dest_uri))
    return files


def _hash_of(path: str) -> str | None:
    if path not in _hashes:
        file = _files.get(path)
        _hashes[path] = content_hash(file.content_bytes) if file is not None else None
    return _hashes[path]


def on_post_page(output, page, config):
    return add_fingerprints(output, _hash_of)


def on_post_template(output, template_name, config):
    return add_fingerprints(output, _hash_of) if template_name.endswith(".html") else output
