"""Which sections of a translated page are behind their English, for the notice readers see under
such a section (issue 16, helpcentre/page_content.py), and the date of the English change it gives.

A section is behind when:
- the English page changed since the translation was recorded (`source_hash:`), in that section
  (helpcentre/translations/status.py says which; without the English version in git, the whole
  page: the notice goes under the title);
- or a data text the section shows (a procedure's steps, a note, a label, a plan's name) changed in
  English since its translation was recorded in data/translated-from.yml.
Once the translation is recorded as in step, the notice goes.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ..data import LABEL_REFERENCE, PLACEHOLDER
from ..macro_calls import quoted_ids
from . import data_texts as texts_model, history
from .policy import Config
from .sections import INTRODUCTION, split
from .status import IN_STEP, STALE, page_status


@dataclass
class DataBehind:
    """The data texts whose translation in one language is behind the English, and when each
    data file last changed."""

    stale: set[tuple[str, str]] = field(default_factory=set)   # (file, key)
    english: dict[tuple[str, str], str] = field(default_factory=dict)  # (file, key) -> English (every text)
    dates: dict[str, datetime.date] = field(default_factory=dict)  # file -> date of its last change
    procedures: dict = field(default_factory=dict)              # procedures.yml as read


def data_behind(config: Config, lang: str) -> DataBehind:
    data_dir = config.site.data
    record = texts_model.read_record(data_dir, config.site.languages)
    behind = DataBehind()
    for text in texts_model.data_texts(data_dir, config.site.languages):
        behind.english[(text.file, text.key)] = text.english
        if texts_model.state(text, lang, record) == texts_model.STALE:
            behind.stale.add((text.file, text.key))
    for file in {file for file, _ in behind.stale}:
        behind.dates[file] = changed_on(config.root, data_dir / file)
    procedures = data_dir / "procedures.yml"
    if behind.stale and procedures.is_file():
        behind.procedures = yaml.safe_load(procedures.read_text(encoding="utf-8")) or {}
    return behind


def changed_on(root: Path, path: Path) -> datetime.date:
    """The date of a file's last commit, or of its last save when that is not committed yet."""
    latest = history.last_change(root, path)
    if latest is not None:
        return datetime.date.fromisoformat(latest.date)
    return datetime.date.fromtimestamp(path.stat().st_mtime)


def shown_data(text: str, behind: DataBehind) -> set[tuple[str, str]]:
    """The data texts a section's Markdown shows, through its macro calls (and the labels they cite)."""
    used: set[tuple[str, str]] = set()
    for name, data_id in quoted_ids(text):
        if name == "procedure":
            used |= set(_procedure_keys(data_id, behind))
        elif name == "note":
            used.add(("notes.yml", f"{data_id}.text"))
        elif name == "label":
            used.add(("labels.yml", data_id))
        else:  # plan, plan_section
            used.add(("plans.yml", f"{data_id}.name"))
    for key in list(used):  # {label:x} in a step or a note shows that label
        for placeholder in PLACEHOLDER.finditer(behind.english.get(key, "")):
            label = LABEL_REFERENCE.match(placeholder.group("body"))
            if label:
                used.add(("labels.yml", label.group("id")))
    return used


def _procedure_keys(procedure: str, behind: DataBehind):
    entry = (behind.procedures.get("procedures") or {}).get(procedure) or []
    path = f"procedures.{procedure}"
    if isinstance(entry, dict):  # steps for some plans only: the other plans' notes show too
        for note in (entry.get("instead") or {}).values():
            yield "notes.yml", f"{note}.text"
        entry, path = entry.get("steps") or [], f"{path}.steps"
    for step in entry:
        if isinstance(step, dict) and "step" in step:
            yield "procedures.yml", f"steps.{step['step']}"
        elif isinstance(step, dict):
            yield "procedures.yml", f"{path}.{step.get('id')}.text"


def stale_sections(config: Config, lang: str, article: str, source: Path, translation: str,
                   behind: DataBehind) -> dict[str, datetime.date]:
    """{section id: date of the English change} for each section of a translation that is behind
    ("" is the title and introduction)."""
    found: dict[str, datetime.date] = {}
    status = page_status(config, lang, article, source, text=translation.replace("\r\n", "\n"))
    if status.state == STALE:
        date = datetime.date.fromisoformat(status.changed_on) if status.changed_on else changed_on(config.root, source)
        ours = split(translation)
        for change in status.sections:
            if change.kind == "removed":
                continue
            found[change.id if change.id in ours else INTRODUCTION] = date
        if not status.sections:  # the recorded English is not in git: the whole page
            found[INTRODUCTION] = date
    elif status.state != IN_STEP:
        return {}  # missing or never recorded: readers get the fallback or the page as it is
    if behind.stale:
        for section_id, section in split(translation).items():
            lines = translation.replace("\r\n", "\n").split("\n")[section.start - 1:section.end]
            stale = shown_data("\n".join(lines), behind) & behind.stale
            if stale:
                date = max(behind.dates[file] for file, _ in stale)
                found[section_id] = max(found.get(section_id, date), date)
    return found
