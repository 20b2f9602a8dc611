"""The translation policy: which languages are translated from which (mkdocs.yml), how serious
each kind of finding is and which texts are rightly the same as English (l10n.yml), and
where a translation's source is.

A translation records the version of its source it matches as `source_hash:` in its
front matter (sha256 of the English file, first 12 hex digits).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from ..site import DOCS_DIR, Site, SiteError, load_site
from ..suggest import did_you_mean

# ---------------------------------------------------------------------------
# Constants
# ---------------------------------------------------------------------------

CONFIG_FILE = "l10n.yml"
# error: fails the check. warning: shown, passes (fails under --strict or fail_on: warning).
# pending: translation debt, a translation that is behind English: shown, passes, and fails only
# when l10n.yml says block_on_pending: true (a release that ships every language in step).
# off: hidden.
ERROR, WARNING, PENDING, OFF = "error", "warning", "pending", "off"
SEVERITIES = (ERROR, WARNING, PENDING, OFF)
POLICY_KEYS = ("source_language", "severity", "fail_on", "block_on_pending", "same_as_source")

# Every finding's code, with its default severity; l10n.yml may change any of them.
DEFAULT_SEVERITY = {
    "missing": PENDING,        # a source article without a translation (readers get English, with a notice)
    "orphan": ERROR,           # a translation whose source does not exist (or was renamed)
    "stale": PENDING,          # a section the source changed since the recorded version
    "unrecorded": PENDING,     # the translation records no source version
    "untranslated": ERROR,     # a translation, or a section of it, that is still the English text
    "macro-call": ERROR,       # a macro that does not exist, or an id the data does not have
    "front-matter": ERROR,     # front-matter keys differ
    "heading": ERROR,          # heading ids, order or levels differ
    "macro": ERROR,            # {{ ... }} calls or {% ... %} tags differ
    "template": ERROR,         # template code in a translation that its English does not have
    "admonition": ERROR,       # !!! / ??? boxes differ
    "list": ERROR,             # list shapes differ
    "table": ERROR,            # table shapes differ
    "code-block": ERROR,       # fenced code blocks differ
    "link": ERROR,             # link targets differ
    "image": ERROR,            # image sources differ
    "number": ERROR,           # numbers differ (a "10%" that became "15%")
    "url": ERROR,              # URLs differ
    "email": ERROR,            # e-mail addresses differ
    "placeholder": ERROR,      # {product} / {label:id} placeholders in data differ
    "data-missing": ERROR,     # a data text lacks a language
    "pending": WARNING,        # a data text not translated yet (`de: ~`): readers see the English
    "data-empty": ERROR,       # a data text is empty in a language
    "data-invalid": ERROR,     # the data does not load (helpcentre/data.py says why)
    "page-invalid": ERROR,     # an article does not read: not UTF-8, or front matter that is not YAML
    "same-as-source": WARNING, # a translation identical to English, not allowlisted
    "terminology": ERROR,      # a product label written by hand instead of label('id')
    "typography": ERROR,       # French: a plain space or none before ; : ? ! (or inside « »)
}


# ---------------------------------------------------------------------------
# Records
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Finding:
    path: str
    line: int
    code: str
    message: str
    language: str
    severity: str = ERROR

    def text(self) -> str:
        return f"{self.path}:{self.line}: [{self.code}] {self.message}"


@dataclass
class Config:
    site: Site
    source: str
    languages: tuple[str, ...]
    severity: dict[str, str]
    fail_on: str
    same_as_source: dict[str, set[str]]
    block_on_pending: bool = False

    @property
    def root(self) -> Path:
        return self.site.root

    @property
    def translations(self) -> tuple[str, ...]:
        return tuple(lang for lang in self.languages if lang != self.source)


class UsageError(Exception):
    """The command cannot run as asked; the message says why."""


# ---------------------------------------------------------------------------
# Paths: the site maps a translation to its source (helpcentre/site.py)
# ---------------------------------------------------------------------------


def source_path(config: Config, translation: Path) -> Path:
    """docs/<lang>/<rel>.md -> docs/<source>/<rel>.md"""
    try:
        return config.site.source_of(translation)
    except SiteError as error:
        raise UsageError(str(error)) from None


def resolve_translation(config: Config, argument: str) -> Path:
    """Accept it/slug.md, docs/it/slug.md or a path; return the translation's absolute path."""
    candidate = Path(argument)
    if not candidate.is_absolute():
        parts = candidate.parts
        if parts and parts[0] != DOCS_DIR:
            candidate = Path(DOCS_DIR, *parts)
        candidate = config.root / candidate
    language = config.site.language_of(candidate)
    if language is None:
        raise UsageError(f"{argument}: expected <language>/<page>.md, e.g. it/cancel-account.md")
    if language not in config.translations:
        raise UsageError(f"{argument}: '{language}' is not a translation language ({', '.join(config.translations)})")
    if not candidate.is_file():
        raise UsageError(f"{display(config, candidate)}: no such translation")
    return candidate


def display(config: Config, path: Path) -> str:
    return config.site.display(path)


def language_of(config: Config, path: Path) -> str:
    return config.site.language_of(path) or ""


# ---------------------------------------------------------------------------
# Configuration: languages from mkdocs.yml, policy from l10n.yml
# ---------------------------------------------------------------------------


def load_config(root: Path, site: Site | None = None) -> Config:
    """The translation policy of the project at `root`. A build passes the site MkDocs has already
    read, so that mkdocs.yml is not parsed a second time for every language and every save."""
    root = root.resolve()
    policy: dict = {}
    config_path = root / CONFIG_FILE
    if config_path.is_file():
        policy = (yaml.safe_load(config_path.read_text(encoding="utf-8")) or {}).get("translations") or {}
    if site is None:
        try:
            site = load_site(root)
        except SiteError as error:
            raise UsageError(str(error)) from None
    unknown = [key for key in policy if key not in POLICY_KEYS]
    if unknown:
        raise UsageError(f"{CONFIG_FILE}: translations.{unknown[0]}: not a setting; "
                         f"{did_you_mean(unknown[0], POLICY_KEYS)}the settings are {', '.join(POLICY_KEYS)}")
    source = policy.get("source_language", site.default)
    if source != site.default:
        raise UsageError(f"{CONFIG_FILE}: translations.source_language: '{source}' is not the site's default "
                         f"language ({site.default} in mkdocs.yml)")

    severity = dict(DEFAULT_SEVERITY)
    for code, level in (policy.get("severity") or {}).items():
        if code not in DEFAULT_SEVERITY:
            raise UsageError(f"{CONFIG_FILE}: translations.severity: unknown code '{code}'; "
                             f"{did_you_mean(code, DEFAULT_SEVERITY)}known codes: {', '.join(DEFAULT_SEVERITY)}")
        if level not in SEVERITIES:
            raise UsageError(f"{CONFIG_FILE}: translations.severity.{code}: expected {', '.join(SEVERITIES)}")
        severity[code] = level
    fail_on = policy.get("fail_on", ERROR)
    if fail_on not in (ERROR, WARNING):
        raise UsageError(f"{CONFIG_FILE}: translations.fail_on: expected error or warning, found {fail_on!r}")
    block = policy.get("block_on_pending", False)
    if not isinstance(block, bool):
        raise UsageError(f"{CONFIG_FILE}: translations.block_on_pending: expected true or false, found {block!r}")

    same: dict[str, set[str]] = {}
    for key, terms in (policy.get("same_as_source") or {}).items():
        if key != "all" and key not in site.languages:
            raise UsageError(f"{CONFIG_FILE}: translations.same_as_source: '{key}' is not a language "
                             f"of this site ({', '.join(site.languages)}) nor 'all'")
        same[key] = {str(term) for term in terms or ()}
    return Config(site, source, site.languages, severity, fail_on, same, block)
