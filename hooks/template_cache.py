"""Keep the theme's compiled templates between builds (Jinja's bytecode cache).

Every build compiles Material's templates and ours afresh: about 0.3 s of CPU per language,
paid three times by `make build` (one process per language) and again by the preview at
every restart. Jinja stores the compiled code in a private folder of the system's temp
directory, keyed by template file and checked against its source, so an edited template is
compiled again. Writes are atomic, so the language processes can share the cache.
"""

from __future__ import annotations

from jinja2 import FileSystemBytecodeCache


def on_env(env, config, files):
    env.bytecode_cache = FileSystemBytecodeCache()
    return env
