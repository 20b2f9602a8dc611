"""Load and validate the shared data in data/*.yml into typed, read-only records."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, Mapping

import yaml

from .suggest import did_you_mean

# ---------------------------------------------------------------------------
# Constants
# ---------------------------------------------------------------------------

DATA_FILES = ("product", "plans", "labels", "procedures", "notes", "messages")
ENGINE_MESSAGES = Path(__file__).with_name("messages.yml")
OTHER_DATA_FILES = ("redirects", "search-terms", "translated-from")  # read by helpcentre/links.py, helpcentre/search_terms.py
# and helpcentre/translations/data_texts.py (which translation of a data text is in step)
NOTE_KINDS = ("note", "tip", "info", "warning")
ID_PATTERN = re.compile(r"^[a-z][a-z0-9_]*$")
# A step's id is part of its anchor on the page (#<procedure>-<step>), so it is written as heading
# ids are: lower-case words joined by hyphens. "steps" is the list's own (#<procedure>-steps).
STEP_ID_PATTERN = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")
LIST_ANCHOR_SUFFIX = "steps"
# A procedure is a list of steps, or, when its steps are for some plans only, these keys
# (`alternatives` may be left out).
PROCEDURE_KEYS = ("plans", "instead", "steps")
PROCEDURE_OPTIONAL_KEYS = ("alternatives",)
PROCEDURE_FORM = ("a procedure for some plans only has 'plans: [<plan id>, …]' (whom the steps are for), "
                  "'instead:' (each other plan: '<plan id>: <note id>') and 'steps:' (the list)")
# {label:<id>} cites a product label; {product} is the product's name; {support} is the
# support address and hours, as support() shows them (a text that says "contact support" gives it).
PLACEHOLDER = re.compile(r"\{(?P<body>[^{}]*)\}")
LABEL_REFERENCE = re.compile(r"^label:(?P<id>[a-z][a-z0-9_]*)$")
NAMED_PLACEHOLDERS = ("product", "support")
COPY_REPLY_MESSAGES = ("title", "intro", "language", "plan", "button", "copied", "failed", "texts", "agent_mode",
                       "not_for_plan", "link", "untranslated")
FEEDBACK_MESSAGES = ("question", "yes", "no", "thanks", "missing", "section", "whole_page", "comment", "privacy",
                     "send", "sent", "contact", "mail_subject", "mail_body")
# The choices under "What was missing?": ids the feedback log records and the report counts.
FEEDBACK_REASONS = ("steps_differ", "my_plan", "unclear", "not_my_question")
# Wording the macros and templates put around content; a site's data/messages.yml may write each
# (and no other), and the engine's helpcentre/messages.yml has the English of every one.
REQUIRED_MESSAGES = tuple(("note_title", kind) for kind in NOTE_KINDS) + (
    ("applies_to",), ("all_plans",), ("permalink_title",),
    # The plan chooser (helpcentre/templates/plan_picker.html).
    ("plan_picker", "label"), ("plan_picker", "announce_plan"), ("plan_picker", "announce_all"),
    # Links for support agents (helpcentre/page_content.py, helpcentre/plugin.py, helpcentre/plugin.py).
    ("section_link", "copy"), ("section_link", "copied"),
    *(("agent_links", key) for key in ("filter", "article", "section", "link", "copy", "download")),
    ("redirect", "title"), ("redirect", "link"),
    # Reader experience (helpcentre/theme/main.html, helpcentre/theme/404.html).
    ("not_found", "title"), ("not_found", "text"), ("not_found", "search_button"), ("not_found", "home"),
    ("untranslated_notice",), ("search_label",), ("contact_support", "title"), ("contact_support", "text"),
    ("last_updated",),
    # Issue 16: a translated section behind its English (helpcentre/page_content.py).
    ("stale_section", "text"), ("stale_section", "link"),
    # Search (issue 12): the home page's search box, and what a search that finds nothing shows.
    *(("search_box", key) for key in ("label", "placeholder", "button")),
    *(("search_none", key) for key in ("title", "text", "contact")),
    ("search_found", "one"), ("search_found", "other"),
    # Issue 17: replies for support agents (helpcentre/plugin.py, helpcentre/theme/partials/agent-reply.html).
    *(("copy_reply", key) for key in COPY_REPLY_MESSAGES),
    # Issue 17: "Was this page helpful?" (helpcentre/theme/partials/help-feedback.html).
    *(("feedback", key) for key in FEEDBACK_MESSAGES),
    *(("feedback", "reasons", reason) for reason in FEEDBACK_REASONS),
    # Issue 28: answers assistants can reuse (helpcentre/llms.py).
    *(("markdown_twin", key) for key in ("page", "anchors", "by_plan", "plan_part", "plan_link")),
    ("llms_txt", "intro"),
)

Translations = Mapping[str, str]


class Texts(dict):
    """One text per language, as the pages show it: a language whose text is still pending
    (`de: ~`) holds the default language's text, and is listed in `pending` (so that the page can
    mark that text as being in the default language: its `lang`, and its `dir` on a right-to-left
    page)."""

    def __init__(self, texts: Mapping[str, str], pending: frozenset[str] = frozenset()):
        super().__init__(texts)
        self.pending = frozenset(pending)

    def __reduce__(self):  # pickled with its pending languages (the build's processes)
        return (Texts, (dict(self), self.pending))


class DataError(ValueError):
    """A data file is not what the help centre expects; the message says where and why."""


# ---------------------------------------------------------------------------
# Records
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Step:
    id: str  # stable: its anchor is #<procedure>-<id> in every language (procedure_anchor)
    text: Translations
    plans: tuple[str, ...] = ()


@dataclass(frozen=True)
class Note:
    kind: str
    text: Translations
    plans: tuple[str, ...] = ()


@dataclass(frozen=True)
class ProcedurePlans:
    """A procedure whose steps are for some plans only (data/procedures.yml): the plans they are
    for, the alternatives worth knowing on those plans (pausing instead of cancelling), and for
    every other plan the note that says what that plan does instead. The page, the plan chooser
    and the agents' replies all show each plan its own way from this one place."""
    plans: tuple[str, ...]
    instead: Mapping[str, str]  # plan id -> note id, for each plan not in `plans`
    alternatives: tuple[str, ...] = ()  # notes shown right after the steps, for (some of) their plans


@dataclass(frozen=True)
class HelpData:
    """Every text has one entry per language loaded (load_data's `required`); a text still
    pending in a language (`de: ~`) holds the default language's text there."""

    languages: tuple[str, ...]
    product_name: str
    support_email: str
    support_hours: Translations
    plans: Mapping[str, Translations]
    labels: Mapping[str, Translations]
    procedures: Mapping[str, tuple[Step, ...]]
    notes: Mapping[str, Note]
    messages: Mapping[str, Any]
    # Procedures limited to some plans, by procedure id; a procedure not listed is for every plan.
    procedure_plans: Mapping[str, ProcedurePlans] = field(default_factory=dict)

    def message(self, lang: str, *keys: str) -> str:
        return self.message_texts(*keys)[lang]

    def message_texts(self, *keys: str) -> Mapping[str, str]:
        node: Any = self.messages
        for key in keys:
            node = node[key]
        return node

    def shown_language(self, texts: Mapping[str, str], lang: str) -> str:
        """The language a text is shown in on a page in `lang`: the default language's while the
        text is pending in `lang`."""
        return self.languages[0] if lang in getattr(texts, "pending", ()) else lang


# ---------------------------------------------------------------------------
# YAML with line numbers
# ---------------------------------------------------------------------------


def read_utf8(path: Path, display: str) -> str:
    """A writer's file as text, read as MkDocs reads a page (a byte-order mark is allowed, and
    Windows line ends are plain ones). One that is not UTF-8 (saved as Latin-1 or Windows-1252
    by an editor) raises DataError naming the file and the line of the first byte that is not."""
    raw = path.read_bytes()
    try:
        return raw.decode("utf-8-sig").replace("\r\n", "\n").replace("\r", "\n")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        raise DataError(f"{display}:{line}: not UTF-8 text (byte 0x{raw[error.start]:02x}); "
                        "save the file with the UTF-8 encoding") from None


# libyaml's parser where PyYAML has it: the same nodes and lines, ten times faster (every language's
# build reads data/, and data/ grows with languages). Its error messages are worded differently,
# so a file that does not parse is read again by PyYAML's own parser for the message.
FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def compose_yaml(text: str) -> yaml.Node | None:
    """The text's YAML nodes, parsed by libyaml; a text that does not parse raises PyYAML's error."""
    try:
        return yaml.compose(text, Loader=FAST_LOADER)
    except yaml.YAMLError:
        return yaml.compose(text, Loader=yaml.SafeLoader)


class YamlSource:
    """One parsed YAML file, remembering the line of every key so errors can point at it.

    `YamlSource.read` reuses the parse of a file that has not changed since (name, size,
    modification time): a build asks for data/ more than once, and the preview's next build
    sees an edit at once."""

    _parsed: dict[tuple[str, str], tuple[tuple[int, int], "YamlSource"]] = {}

    @classmethod
    def read(cls, path: Path, display: str) -> "YamlSource":
        """The file parsed, or its last parse while it is unchanged. Callers do not modify
        `value`: it is shared."""
        try:
            stat = path.stat()
        except OSError:
            return cls(path, display)  # the constructor says what is wrong
        key, stamp = (str(path), display), (stat.st_mtime_ns, stat.st_size)
        cached = cls._parsed.get(key)
        if cached is None or cached[0] != stamp:
            cls._parsed[key] = cached = (stamp, cls(path, display))
        return cached[1]

    def __init__(self, path: Path, display: str):
        self.display = display
        self.lines: dict[tuple[str, ...], int] = {}
        text = read_utf8(path, display)
        try:
            node = compose_yaml(text)
        except yaml.YAMLError as error:
            # Prefer where the broken construct starts over where the parser gave up.
            mark = getattr(error, "context_mark", None) or getattr(error, "problem_mark", None)
            line = f":{mark.line + 1}" if mark else ""
            problem = getattr(error, "problem", None) or str(error)
            raise DataError(f"{display}{line}: not valid YAML ({problem})") from None
        self.value = self._build(node, ()) if node is not None else {}

    def _build(self, node: yaml.Node, path: tuple[str, ...]) -> Any:
        self.lines.setdefault(path, node.start_mark.line + 1)
        if isinstance(node, yaml.MappingNode):
            result: dict[str, Any] = {}
            for key_node, value_node in node.value:
                key = str(key_node.value)
                if key in result:
                    raise DataError(
                        f"{self.display}:{key_node.start_mark.line + 1}: "
                        f"{self.where(path)} has the key '{key}' twice; ids must be unique"
                    )
                self.lines[path + (key,)] = key_node.start_mark.line + 1
                result[key] = self._build(value_node, path + (key,))
            return result
        if isinstance(node, yaml.SequenceNode):
            return [self._build(item, path + (str(i),)) for i, item in enumerate(node.value)]
        return yaml.SafeLoader("").construct_object(node, deep=True)

    @staticmethod
    def where(path: tuple[str, ...]) -> str:
        return ".".join(path) if path else "the file"

    def error(self, path: tuple[str, ...], expected: str) -> DataError:
        line = self.lines.get(path)
        while line is None and path:
            path = path[:-1]
            line = self.lines.get(path)
        return DataError(f"{self.display}:{line or 1}: {self.where(path)}: {expected}")


# ---------------------------------------------------------------------------
# Validation
# ---------------------------------------------------------------------------


class _Validator:
    """Checks the data files' values. `languages` are the site's (the keys a text may have),
    `required` those whose texts this build needs: their missing texts are collected and
    reported together (DataError with one line each), every other mistake stops at once."""

    def __init__(self, sources: dict[str, YamlSource], languages: tuple[str, ...],
                 required: tuple[str, ...] | None = None):
        self.sources = sources
        self.languages = languages
        self.default = languages[0]
        self.required = tuple(lang for lang in languages if required is None or lang in required)
        self.missing: list[str] = []           # one line per text that lacks a required language
        self.missing_languages: set[str] = set()

    def mapping(self, file: str, path: tuple[str, ...], value: Any) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise self.sources[file].error(path, f"expected a mapping, found {_kind(value)}")
        return value

    def closed(self, file: str, path: tuple[str, ...], value: Any, allowed: tuple[str, ...]) -> dict[str, Any]:
        """A mapping whose keys must be among `allowed`: a misspelt key (plan: for plans:)
        would otherwise be ignored, and the entry would silently mean something else."""
        entries = self.mapping(file, path, value)
        return check_keys(self.sources[file], path, entries, allowed)

    def ids(self, file: str, path: tuple[str, ...], value: Any) -> dict[str, Any]:
        entries = self.mapping(file, path, value)
        for key in entries:
            if not ID_PATTERN.match(key):
                raise self.sources[file].error(
                    path + (key,), "ids are lower-case letters, digits and underscores"
                )
        return entries

    def text(self, file: str, path: tuple[str, ...], value: Any) -> str:
        if not isinstance(value, str):
            raise self.sources[file].error(path, f"expected text, found {_kind(value)}")
        if not value.strip():
            raise self.sources[file].error(path, "expected text, found an empty string")
        return value

    def translations(self, file: str, path: tuple[str, ...], value: Any) -> dict[str, str]:
        """One text per language. A language other than the default may have `~` (nothing) for
        a text not translated yet: it gets the default language's text (PENDING)."""
        entries = self.mapping(file, path, value)
        unknown = [lang for lang in entries if lang not in self.languages]
        if unknown:
            raise self.sources[file].error(
                path + (unknown[0],),
                f"'{unknown[0]}' is not a language of this site ({', '.join(self.languages)})",
            )
        missing = [lang for lang in self.required if lang not in entries]
        if missing:
            self.missing_languages.update(missing)
            self.missing.append(str(self.sources[file].error(
                path, f"missing the language(s) {', '.join(missing)}; "
                f"every entry needs {', '.join(self.languages)}")))
        if self.default not in entries:
            return {}  # reported above: nothing to show
        texts = {self.default: self.text(file, path + (self.default,), entries[self.default])}
        pending = set()
        for lang in self.required:
            if lang in texts or lang not in entries:
                continue
            if entries[lang] is None:
                pending.add(lang)
            texts[lang] = texts[self.default] if entries[lang] is None else self.text(file, path + (lang,), entries[lang])
        return Texts(texts, frozenset(pending))

    def raise_missing(self) -> None:
        """Every text the build needs that lacks a language, at once."""
        if self.missing:
            count = len(self.missing)
            pending = " or ".join(f"`{lang}: ~`" for lang in self.languages if lang in self.missing_languages)
            raise DataError("\n".join(self.missing) + "\n" + (
                f"{count} text{'s' * (count != 1)} lack{'s' * (count == 1)} a language: write "
                f"{'them' if count != 1 else 'it'}, or {pending} to show the {self.default} text "
                f"until {'they are' if count != 1 else 'it is'} translated"))

    def plan_list(self, file: str, path: tuple[str, ...], value: Any, plans: Mapping) -> tuple[str, ...]:
        if not isinstance(value, list) or not value:
            raise self.sources[file].error(path, "expected a list of plan ids, e.g. [monthly, trial]")
        for index, plan in enumerate(value):
            if plan not in plans:
                raise self.sources[file].error(
                    path + (str(index),),
                    f"unknown plan '{plan}'; known plans: {', '.join(plans)}",
                )
        return tuple(value)

    def placeholders(self, file: str, path: tuple[str, ...], text: Translations, labels: Mapping) -> None:
        for lang, value in text.items():
            for match in PLACEHOLDER.finditer(value):
                body = match.group("body")
                label = LABEL_REFERENCE.match(body)
                if label and label.group("id") in labels:
                    continue
                if body in NAMED_PLACEHOLDERS:
                    continue
                expected = (
                    f"unknown label '{label.group('id')}' in {{{body}}}; known labels: {', '.join(labels)}"
                    if label
                    else f"unknown placeholder {{{body}}}; use {{product}}, {{support}} or {{label:<id>}}"
                )
                raise self.sources[file].error(path + (lang,), expected)


def check_keys(source: "YamlSource", path: tuple[str, ...], entries: dict[str, Any],
               allowed: tuple[str, ...]) -> dict[str, Any]:
    """Fail on the first key of `entries` that is not in `allowed`, at its line."""
    for key in entries:
        if key not in allowed:
            raise source.error(path + (key,), f"unknown key '{key}'; allowed keys: {', '.join(allowed)}")
    return entries


def _kind(value: Any) -> str:
    if value is None:
        return "nothing"
    return {str: "text", list: "a list", dict: "a mapping", bool: "true/false"}.get(
        type(value), type(value).__name__
    )


def load_data(data_dir: Path, languages: tuple[str, ...] | list[str],
              required: tuple[str, ...] | None = None) -> HelpData:
    """Read every file in data/, check it against the site's languages (the default first), and
    return it typed, with the texts of the `required` languages (all by default).

    A language's build needs only its own texts and the default language's: a text missing in
    another language is that language's build's mistake, not this one's. Every text that lacks a
    required language is listed at once, each with its file and line (DataError)."""
    languages = tuple(languages)
    known = DATA_FILES + OTHER_DATA_FILES
    for path in sorted(data_dir.glob("*.y*ml")):
        if path.stem not in known or path.suffix != ".yml":
            raise DataError(f"data/{path.name}: not a data file the help centre reads "
                            f"({', '.join(name + '.yml' for name in known)}); rename or remove it")
    sources: dict[str, YamlSource] = {}
    for name in DATA_FILES:
        path = data_dir / f"{name}.yml"
        display = f"data/{name}.yml"
        if not path.is_file():
            raise DataError(f"{display}: file is missing; the help centre needs {', '.join(DATA_FILES)}")
        sources[name] = YamlSource.read(path, display)
    check = _Validator(sources, languages, required)

    product = check.closed("product", (), sources["product"].value, ("name", "support"))
    support = check.closed("product", ("support",), product.get("support"), ("email", "hours"))
    product_name = check.text("product", ("name",), product.get("name"))
    support_email = check.text("product", ("support", "email"), support.get("email"))
    support_hours = check.translations("product", ("support", "hours"), support.get("hours"))

    plans = {
        plan_id: check.translations(
            "plans", (plan_id, "name"), check.closed("plans", (plan_id,), entry, ("name",)).get("name")
        )
        for plan_id, entry in check.ids("plans", (), sources["plans"].value).items()
    }

    labels = {
        label_id: check.translations("labels", (label_id,), entry)
        for label_id, entry in check.ids("labels", (), sources["labels"].value).items()
    }

    procedures_file = check.closed("procedures", (), sources["procedures"].value, ("steps", "procedures"))
    shared_steps = {
        step_id: check.translations("procedures", ("steps", step_id), entry)
        for step_id, entry in check.ids("procedures", ("steps",), procedures_file.get("steps", {})).items()
    }
    procedures: dict[str, tuple[Step, ...]] = {}
    limited: dict[str, tuple[tuple[str, ...], dict[str, Any], list]] = {}  # checked once notes are read
    for proc_id, entries in check.ids(
        "procedures", ("procedures",), procedures_file.get("procedures")
    ).items():
        path = ("procedures", proc_id)
        if isinstance(entries, dict):
            # The long form: the steps are for some plans only, and each other plan has its note.
            entries = check.closed("procedures", path, entries, PROCEDURE_KEYS + PROCEDURE_OPTIONAL_KEYS)
            for key in PROCEDURE_KEYS:
                if key not in entries:
                    raise sources["procedures"].error(path, PROCEDURE_FORM)
            alternatives = entries.get("alternatives", [])
            if not isinstance(alternatives, list):
                raise sources["procedures"].error(path + ("alternatives",),
                                                  "expected a list of note ids, e.g. [pause_instead]")
            limited[proc_id] = (check.plan_list("procedures", path + ("plans",), entries["plans"], plans),
                                check.mapping("procedures", path + ("instead",), entries["instead"]),
                                alternatives)
            path, entries = path + ("steps",), entries["steps"]
        if not isinstance(entries, list) or not entries:
            raise sources["procedures"].error(
                path, f"expected a list of steps, found {_kind(entries)}"
            )
        steps = []
        for index, entry in enumerate(entries):
            step_path = path + (str(index),)
            entry = check.closed("procedures", step_path, entry, ("id", "step", "text", "plans"))
            step_id = _step_id(sources["procedures"], step_path, entry, [step.id for step in steps])
            if ("step" in entry) == ("text" in entry):
                raise sources["procedures"].error(
                    step_path, "a step has either 'step: <shared step id>' or 'text:' with every language"
                )
            if "step" in entry:
                if entry["step"] not in shared_steps:
                    raise sources["procedures"].error(
                        step_path + ("step",),
                        f"unknown shared step '{entry['step']}'; known steps: {', '.join(shared_steps)}",
                    )
                text = shared_steps[entry["step"]]
            else:
                text = check.translations("procedures", step_path + ("text",), entry["text"])
                check.placeholders("procedures", step_path + ("text",), text, labels)
            plans_limit = (
                check.plan_list("procedures", step_path + ("plans",), entry["plans"], plans)
                if "plans" in entry
                else ()
            )
            steps.append(Step(id=step_id, text=text, plans=plans_limit))
        procedures[proc_id] = tuple(steps)
    for step_id, text in shared_steps.items():
        check.placeholders("procedures", ("steps", step_id), text, labels)

    notes: dict[str, Note] = {}
    for note_id, entry in check.ids("notes", (), sources["notes"].value).items():
        entry = check.closed("notes", (note_id,), entry, ("kind", "text", "plans"))
        kind = entry.get("kind")
        if kind not in NOTE_KINDS:
            raise sources["notes"].error(
                (note_id, "kind") if "kind" in entry else (note_id,),
                f"kind must be one of {', '.join(NOTE_KINDS)}, found {kind!r}",
            )
        text = check.translations("notes", (note_id, "text"), entry.get("text"))
        check.placeholders("notes", (note_id, "text"), text, labels)
        plans_limit = (
            check.plan_list("notes", (note_id, "plans"), entry["plans"], plans) if "plans" in entry else ()
        )
        notes[note_id] = Note(kind=kind, text=text, plans=plans_limit)

    procedure_plans = {
        proc_id: _procedure_plans(sources["procedures"], ("procedures", proc_id), *entries, plans, notes)
        for proc_id, entries in limited.items()
    }

    written = check.mapping("messages", (), sources["messages"].value or {})  # comments only: none written
    messages = _check_messages(check, written, (), _message_tree(REQUIRED_MESSAGES))
    for keys in REQUIRED_MESSAGES:
        if _leaf(messages, keys) is None:  # not written by the site: the engine's own words, in English
            default = _leaf(engine_messages(), keys)
            node = messages
            for key in keys[:-1]:
                node = node.setdefault(key, {})
            node[keys[-1]] = {lang: default for lang in check.required}
    check.raise_missing()

    return HelpData(
        languages=languages,
        product_name=product_name,
        support_email=support_email,
        support_hours=support_hours,
        plans=plans,
        labels=labels,
        procedures=procedures,
        notes=notes,
        messages=messages,
        procedure_plans=procedure_plans,
    )


def _procedure_plans(source: YamlSource, path: tuple[str, ...], for_plans: tuple[str, ...],
                     instead: dict[str, Any], alternatives: list, plans: Mapping,
                     notes: Mapping[str, Note]) -> ProcedurePlans:
    """A procedure's `plans:`, `instead:` and `alternatives:`. Every plan gets a way: the steps, or
    its note. A plan left out would find nothing where the steps are, so that is a mistake, and so
    is a note that does not apply to the plan it stands for (the note would name another plan), or
    an alternative that would show to a plan the steps are not for."""
    for index, note_id in enumerate(alternatives):
        where = path + ("alternatives", str(index))
        if not isinstance(note_id, str) or note_id not in notes:
            raise source.error(where, f"unknown note {note_id!r}; {did_you_mean(str(note_id), list(notes))}"
                                      f"known notes: {', '.join(notes)}")
        if not notes[note_id].plans or not set(notes[note_id].plans) <= set(for_plans):
            shown_to = ", ".join(notes[note_id].plans) or "every plan"
            raise source.error(where, f"the note '{note_id}' is for {shown_to}; an alternative shows after "
                                      f"the steps, so it is for some of their plans ({', '.join(for_plans)}) only")
    for plan, note_id in instead.items():
        where = path + ("instead", plan)
        if plan not in plans:
            raise source.error(where, f"unknown plan '{plan}'; known plans: {', '.join(plans)}")
        if plan in for_plans:
            raise source.error(where, f"the steps are for '{plan}' (plans:): a plan has the steps or a note "
                                      "instead, not both")
        if not isinstance(note_id, str) or note_id not in notes:
            raise source.error(where, f"unknown note {note_id!r}; {did_you_mean(str(note_id), list(notes))}"
                                      f"known notes: {', '.join(notes)}")
        if notes[note_id].plans and plan not in notes[note_id].plans:
            raise source.error(where, f"the note '{note_id}' is for {', '.join(notes[note_id].plans)}, "
                                      f"not '{plan}'; give '{plan}' a note that applies to it")
    without = [plan for plan in plans if plan not in for_plans and plan not in instead]
    if without:
        raise source.error(path + ("instead",), f"no way for {', '.join(without)}: the steps are for "
                                                f"{', '.join(for_plans)} only, so give each other plan "
                                                f"'<plan id>: <note id>', the note that says what to do instead")
    return ProcedurePlans(plans=for_plans, instead=dict(instead), alternatives=tuple(alternatives))


def _step_id(source: YamlSource, path: tuple[str, ...], entry: dict, earlier: list[str]) -> str:
    """A step's id: given, written like a heading id, and unique in its procedure. It is the step's
    anchor in every language, and agents' links to it are published: never rename one."""
    if "id" not in entry:
        raise source.error(path, "a step needs 'id: <words-joined-by-hyphens>', its anchor on the page "
                                 "(the same in every language; never rename a published one)")
    step_id = entry["id"]
    if not isinstance(step_id, str) or not STEP_ID_PATTERN.match(step_id) or step_id == LIST_ANCHOR_SUFFIX:
        raise source.error(path + ("id",), f"a step id is lower-case words joined by hyphens, e.g. open-billing, "
                                           f"and not '{LIST_ANCHOR_SUFFIX}'; found {step_id!r}")
    if step_id in earlier:
        raise source.error(path + ("id",), f"the step id '{step_id}' is already used in this procedure; "
                                           "each step needs its own")
    return step_id


def procedure_anchor(procedure_id: str, step_id: str = LIST_ANCHOR_SUFFIX) -> str:
    """The anchor of a procedure's list (#cancel-account-steps) or of one of its steps
    (#cancel-account-open-billing): the same in every language, as heading ids are."""
    return f"{procedure_id.replace('_', '-')}-{step_id}"


def _check_messages(check: _Validator, node: Any, path: tuple[str, ...], known: dict) -> dict:
    """Messages nest as REQUIRED_MESSAGES lists them; each leaf is one text per language.
    A key it does not list is a misspelling or a message nothing shows: both are mistakes.
    Returns the messages with each leaf's texts as HelpData holds them."""
    if not known:
        return check.translations("messages", path, node)
    node = check.closed("messages", path, node, tuple(known))
    return {key: _check_messages(check, child, path + (key,), known[key]) for key, child in node.items()}


def _leaf(tree: dict, keys: tuple[str, ...]):
    node: Any = tree
    for key in keys:
        if not isinstance(node, dict) or key not in node:
            return None
        node = node[key]
    return node


@cache
def engine_messages() -> dict:
    """The engine's own wording (helpcentre/messages.yml), the English text of every message:
    what a site shows for one its data/messages.yml does not write. A message an engine adds
    therefore never breaks a site that has not written it yet."""
    source = YamlSource.read(ENGINE_MESSAGES, "helpcentre/messages.yml")
    english = {}
    for keys in REQUIRED_MESSAGES:
        leaf = _leaf(source.value or {}, keys)
        if not isinstance(leaf, dict) or not isinstance(leaf.get("en"), str):
            raise DataError(f"helpcentre/messages.yml: the engine has no English text for '{'.'.join(keys)}'")
        node = english
        for key in keys[:-1]:
            node = node.setdefault(key, {})
        node[keys[-1]] = leaf["en"]
    return english


def _message_tree(keys: tuple[tuple[str, ...], ...]) -> dict:
    tree: dict = {}
    for path in keys:
        node = tree
        for key in path:
            node = node.setdefault(key, {})
    return tree



# --- Line-aware reading for the translation check (outside the build) ---------------


def read_yaml_with_lines(path: Path, display: str) -> tuple[Any, dict[tuple[str, ...], int]]:
    """A YAML file's value and the line of every key path, read exactly as load_data reads it."""
    source = YamlSource.read(path, display)
    return source.value, source.lines
