"""Translation status: for every language and article, whether the translation is in step with
the English, and for a stale one, which sections the English changed since it was recorded,
with the change and the line of the translation it lands on.

One model for `make status` (a table, and the diff under each stale section), `make diff` (one
page), `make record` (which refuses a page whose stale sections were not touched), the check's
`stale` findings (one per section) and whatever else shows translation debt: a status page in
the preview, a notice on a stale section, an export for translators. `Status.to_json()` is the
same model for tools.

States of a translation:
- in step: it records the English version that is there now;
- stale: it records an older English version; `sections` says what changed since;
- missing: there is no translation yet (readers get the English page with a notice);
- pending: a translation exists but was never recorded as in step (being written, or still the
  English text): readers get it as it is.
Missing, stale and pending are translation debt: the check passes on it unless l10n.yml says
`block_on_pending: true`.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from pathlib import Path

from ..site import DOCS_DIR
from . import history
from .markdown import FRONT_MATTER, RECORD_LINE, source_hash
from .policy import Config
from .sections import SectionChange, changes

IN_STEP, STALE, MISSING, PENDING = "in step", "stale", "missing", "pending"
STATES = (IN_STEP, STALE, MISSING, PENDING)


@dataclass(frozen=True)
class PageStatus:
    article: str                    # the article's id (its file name without .md)
    language: str
    state: str                      # one of STATES
    source: str                     # docs/en/<article>.md
    translation: str                # docs/<language>/<article>.md (not there when missing)
    current: str                    # the English version now (source_hash)
    recorded: str | None = None     # the English version the translation records
    recorded_line: int = 0          # the line of its source_hash:
    since: str | None = None        # the commit of the recorded English version, when git has it
    changed_on: str | None = None   # the date of the English page's last commit (None: not committed yet)
    sections: tuple[SectionChange, ...] = ()  # stale: each section the English changed since
    history_known: bool = True      # stale: whether the recorded English version was found in git
    still_english: bool = False     # the translation's text is the English's, word for word (a copy)

    @property
    def file(self) -> str:
        """The translation as `make diff` and `make record` take it: it/pause-billing.md."""
        return self.translation.split("/", 1)[1]


@dataclass
class Status:
    source_language: str
    languages: tuple[str, ...]      # the translations' languages
    articles: tuple[str, ...]       # every English article, in file order
    pages: dict[tuple[str, str], PageStatus] = field(default_factory=dict)  # (language, article)

    def page(self, language: str, article: str) -> PageStatus:
        return self.pages[(language, article)]

    @property
    def debt(self) -> list[PageStatus]:
        """Every translation not in step, language by language."""
        return [self.pages[(lang, article)] for lang in self.languages for article in self.articles
                if self.pages[(lang, article)].state != IN_STEP]

    def to_json(self) -> dict:
        return {"source_language": self.source_language, "languages": list(self.languages),
                "articles": list(self.articles),
                "pages": [{**asdict(page), "file": page.file} for page in self.pages.values()]}


# ---------------------------------------------------------------------------
# Working it out
# ---------------------------------------------------------------------------


def article_files(config: Config) -> dict[str, Path]:
    """Every English article by id, in file order (docs/en/**.md)."""
    folder = config.site.docs / config.source
    return {path.relative_to(folder).as_posix().removesuffix(".md"): path
            for path in sorted(folder.rglob("*.md"), key=Path.as_posix)} if folder.is_dir() else {}


def page_status(config: Config, lang: str, article: str, source: Path,
                english: str | None = None, text: str | None = None) -> PageStatus:
    """One translation's status; reads git only for a stale one. The check passes the texts it
    has read already (`text` None: the file is read, if it is there)."""
    relative = source.relative_to(config.site.docs / config.source).as_posix()
    translation = config.site.docs / lang / relative
    if english is None:
        english = source.read_text(encoding="utf-8-sig", errors="replace").replace("\r\n", "\n")
    base = dict(article=article, language=lang, source=f"{DOCS_DIR}/{config.source}/{relative}",
                translation=f"{DOCS_DIR}/{lang}/{relative}", current=source_hash(english))
    if text is None and translation.is_file():
        text = translation.read_text(encoding="utf-8-sig", errors="replace").replace("\r\n", "\n")
    if text is None:
        return PageStatus(state=MISSING, **base)
    base["still_english"] = _body(text) == _body(english)
    record = RECORD_LINE.search(text.split("\n---", 1)[0]) if text.startswith("---") else None
    if record is None:
        return PageStatus(state=PENDING, **base)
    recorded, line = record.group("value"), text.count("\n", 0, record.start()) + 1
    if recorded == base["current"]:
        return PageStatus(state=IN_STEP, recorded=recorded, recorded_line=line, **base)
    then = history.english_then(config.root, source, recorded)
    latest = history.last_change(config.root, source)
    return PageStatus(state=STALE, recorded=recorded, recorded_line=line,
                      since=then.commit if then else None, changed_on=latest.date if latest else None,
                      sections=tuple(changes(then.text, english, text)) if then else (),
                      history_known=then is not None, **base)


def _body(text: str) -> str:
    front = FRONT_MATTER.match(text)
    return text[front.end():].strip() if front else text.strip()


def translation_status(config: Config, languages: tuple[str, ...] | None = None) -> Status:
    """Every translation's status, in the given languages (every translation language by default)."""
    languages = tuple(lang for lang in (languages or config.translations) if lang != config.source)
    files = article_files(config)
    status = Status(config.source, languages, tuple(files))
    for lang in languages:
        for article, source in files.items():
            status.pages[(lang, article)] = page_status(config, lang, article, source)
    return status
