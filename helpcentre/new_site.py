"""`python -m helpcentre init DIR`: a new help centre that builds at once, for the next team.

It writes the starter (helpcentre/starter/): mkdocs.yml with the engine's plugins, an English home
page, one article with a procedure and a plan note, the agents' links page, and data/ with every
file the engine reads (the product, its plans and labels, the steps, the notes, the help centre's
own wording in English). Each further language is then added as `make add-language` adds one
(helpcentre/new_language.py): its data texts pending, its notice for untranslated articles, its
links published. Everything is written in a folder beside DIR and moved into place last, so a
failure leaves nothing half made.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from pathlib import Path

from .new_language import LanguageError, add_language
from .site import ENGINE

STARTER = ENGINE / "starter"
FILLED = ("mkdocs.yml", "data/product.yml")  # the files with @PLACEHOLDERS@ to fill in
PRODUCT_NAME = re.compile(r"^[^\n\"@{}]{1,80}$")


class NewSiteError(ValueError):
    """The help centre cannot be made; the message says why and what to do."""


def create(folder: Path, product: str, languages: tuple[str, ...] = ("en",), site_url: str = "",
           support: str = "") -> Path:
    """Write a new help centre into `folder` (which must not exist, or be empty); its mkdocs.yml."""
    folder = folder.resolve()
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise NewSiteError(f"{folder}: already exists and is not empty; choose a new folder")
    product = product.strip()
    if not PRODUCT_NAME.match(product):
        raise NewSiteError(f"--product {product!r}: expected the product's name, one line of plain text")
    if not languages or languages[0] != "en":
        raise NewSiteError("--languages: the first language is the one articles are written in, and the "
                           "starter is written in English: begin the list with en (e.g. en,de,es)")
    host = re.sub(r"[^a-z0-9]+", "-", product.lower()).strip("-") or "product"
    values = {"@PRODUCT@": product, "@SITE_URL@": site_url or f"https://help.{host}.example/",
              "@SUPPORT@": support or f"support@{host}.example"}
    folder.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f".{folder.name}-", dir=folder.parent))
    try:
        shutil.copytree(STARTER, work, dirs_exist_ok=True, ignore=shutil.ignore_patterns("__pycache__"))
        for name in FILLED:
            text = (work / name).read_text(encoding="utf-8")
            for placeholder, value in values.items():
                text = text.replace(placeholder, value)
            (work / name).write_text(text, encoding="utf-8")
        for code in languages[1:]:
            add_language(work, code)  # its links published too, from its trial build
        if folder.exists():
            folder.rmdir()
        work.rename(folder)
    except LanguageError as error:
        raise NewSiteError(str(error)) from None
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return folder / "mkdocs.yml"


def next_steps(config_file: Path) -> str:
    root = config_file.parent
    return (f"init: a new help centre in {root}\n"
            f"Preview it, and build it:\n"
            f"  cd {root}\n"
            f"  python -m helpcentre serve     # or: mkdocs serve\n"
            f"  python -m helpcentre build     # or: mkdocs build --strict\n"
            f"Then make it yours: data/product.yml (name, support), data/plans.yml, data/labels.yml, and the "
            f"articles in docs/en/. `python -m helpcentre check` keeps the translations in step.")
