"""The help centre's commands, one verb each: `python -m helpcentre <verb> --help` says more.

Every verb prints what went wrong as one message, without a traceback, and exits 1; a verb
used the wrong way exits 2; Ctrl-C or `kill` exits 130 with "interrupted".
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import json
import signal
import sys
import tempfile
import time
from dataclasses import asdict
from pathlib import Path
from typing import Callable

from . import review
from .site import CONFIG_FILE, DATA_DIR, load_site, project_root
from .translations.policy import UsageError

VERBS: dict[str, tuple[Callable, Callable]] = {}


def verb(arguments: Callable[[argparse.ArgumentParser], None] = lambda parser: None):
    """Register a function as a verb; its docstring's first line is its help."""
    def register(function: Callable) -> Callable:
        VERBS[function.__name__.replace("_", "-")] = (function, arguments)
        return function
    return register


class Failed(Exception):
    """A verb could not do its job; the message says why (printed as it is, exit status 1)."""


# ---------------------------------------------------------------------------
# Building and previewing
# ---------------------------------------------------------------------------


@verb(lambda p: (p.add_argument("--site-dir", type=Path, default=project_root() / "site"),
                 p.add_argument("--config-file", type=Path, default=project_root() / CONFIG_FILE),
                 p.add_argument("--no-strict", dest="strict", action="store_false",
                                help="do not fail on warnings (by default a warning fails, as in CI)"),
                 p.add_argument("--jobs", type=int, help="languages built at once (default: one more than the cores)")))
def build(args) -> int:
    """Build the site into site/: one process per language, swapped in at once."""
    from .build import BuildError, build as build_site

    try:
        seconds = build_site(args.config_file.resolve(), args.site_dir, strict=args.strict, processes=args.jobs)
    except BuildError as error:
        raise Failed(f"build: {error}\nbuild: failed; {args.site_dir} is unchanged") from None
    print(f"build: site built in {seconds:.1f} s into {args.site_dir}", file=sys.stderr)
    # Overdue reviews are information, never a failure: one line each, outside MkDocs' warnings.
    for item in review.overdue(_reviews(load_site(args.config_file.resolve().parent)), datetime.date.today()):
        print(f"build: {item.text()}", file=sys.stderr)
    note = _unpublished(args.site_dir, args.config_file.resolve().parent)
    if note:
        print(f"build: {note}", file=sys.stderr)
    return 0


def _unpublished(site_dir: Path, root: Path) -> str | None:
    """The build's one line about addresses not published for agents yet (helpcentre/links.py)."""
    from . import links
    from .site import load_site

    index_file = site_dir / links.INDEX_JSON
    if not index_file.is_file():
        return None
    manifest = links.read_manifest(load_site(root).data / links.MANIFEST_FILE)
    return links.unpublished_note(json.loads(index_file.read_text(encoding="utf-8")), manifest)


@verb(lambda p: (p.add_argument("--dev-addr", default="127.0.0.1:8000", help="host:port (default %(default)s)"),
                 p.add_argument("--lang", default="", help="preview this language only, e.g. it"),
                 p.add_argument("--no-restart", dest="restart", action="store_false",
                                help="do not restart when the Python code changes (how watchmedo runs the preview)")))
def serve(args) -> int:
    """Preview every language on http://127.0.0.1:8000: a saved edit shows at once, a mistake in the page."""
    import os

    from .preview import address_in_use, restarting_command, serve as preview

    if args.restart:
        problem = address_in_use(args.dev_addr)
        if problem:
            raise Failed(f"serve: {problem}")
        command = restarting_command(args.dev_addr, args.lang)
        os.execv(command[0], command)  # watchmedo runs the preview, and restarts it when its code changes
    return preview(args.dev_addr, args.lang)


# ---------------------------------------------------------------------------
# A new help centre
# ---------------------------------------------------------------------------


@verb(lambda p: (p.add_argument("folder", type=Path, help="where to write it (a new or empty folder)"),
                 p.add_argument("--product", default="Example", help="the product's name (default %(default)s)"),
                 p.add_argument("--languages", default="en", help="its languages, English first: en,de,es"),
                 p.add_argument("--url", default="", help="where it will be published, e.g. https://help.example.com/"),
                 p.add_argument("--support", default="", help="the support e-mail address")))
def init(args) -> int:
    """Start a new help centre in FOLDER: the engine's starter, which builds at once."""
    from .new_site import NewSiteError, create, next_steps

    languages = tuple(code.strip() for code in args.languages.split(",") if code.strip())
    try:
        config_file = create(args.folder, args.product, languages, args.url, args.support)
    except NewSiteError as error:
        raise Failed(f"init: {error}") from None
    print(next_steps(config_file))
    return 0


# ---------------------------------------------------------------------------
# Writing
# ---------------------------------------------------------------------------


@verb(lambda p: (p.add_argument("slug", nargs="?", default="", help="the article's file name and address, e.g. export-contacts"),
                 p.add_argument("--title", default="", help='its title, e.g. "Export your contacts"'),
                 p.add_argument("--section", default="", help="the navigation section to list it in "
                                                              "(asked when run at a terminal; else the last one)"),
                 p.add_argument("--root", type=Path, default=project_root(), help="the project (default: this one)")))
def new(args) -> int:
    """Create a new English article from the template and list it in the navigation."""
    from .new_article import NewArticleError, create, next_steps
    from .site import load_site

    site = load_site(args.root.resolve())
    try:
        path, where = create(site, args.slug.strip(), args.title, args.section.strip())
    except NewArticleError as error:
        raise Failed(f"new: {error}") from None
    print(next_steps(site, path, args.slug.strip(), where))
    return 0


# ---------------------------------------------------------------------------
# Translations
# ---------------------------------------------------------------------------


@verb(lambda p: (p.add_argument("--format", choices=("text", "json"), default="text"),
                 p.add_argument("--lang", help="only this language (e.g. it)"),
                 p.add_argument("--strict", action="store_true", help="fail on warnings too"),
                 p.add_argument("--root", type=Path, default=project_root(), help="the project (default: this one)")))
def check(args) -> int:
    """List where translations disagree with the English source; exit 1 when the check fails."""
    from .translations.check import check as check_translations

    report = check_translations(args.root, args.lang, args.strict)
    if args.format == "json":
        print(json.dumps({"findings": [asdict(f) for f in report.findings], "summary": report.summary(),
                          "errors": len(report.errors), "warnings": len(report.warnings),
                          "pending": len(report.pending), "failed": report.failed}, ensure_ascii=False, indent=2))
    else:
        for finding in report.findings:
            print(finding.text())
        print(report.summary())
    return 1 if report.failed else 0


@verb(lambda p: (p.add_argument("--format", choices=("text", "json"), default="text"),
                 p.add_argument("--lang", help="only this language (e.g. it)"),
                 p.add_argument("--root", type=Path, default=project_root(), help="the project (default: this one)")))
def status(args) -> int:
    """Each translation against its English, by language and article: in step, stale (with what
    changed, section by section), missing or pending."""
    from .translations.policy import load_config
    from .translations.status import translation_status
    from .translations.status_text import report

    config = load_config(args.root)
    if args.lang and args.lang not in config.translations:
        raise UsageError(f"--lang {args.lang}: not a translation language ({', '.join(config.translations)})")
    found = translation_status(config, (args.lang,) if args.lang else None)
    reviews = _reviews(config.site)
    today = datetime.date.today()
    if args.format == "json":
        print(json.dumps({**found.to_json(), "review": {
            "today": today.isoformat(),
            "overdue": [{**asdict(item), "review_by": item.review_by.isoformat()} for item in review.overdue(reviews, today)],
            "undated": [asdict(item) for item in review.undated(reviews)]}}, ensure_ascii=False, indent=2))
    else:
        from .translations.data_texts import data_texts, read_record
        from .translations.status_text import data_report

        data = data_report(data_texts(config.site.data, config.site.languages), read_record(config.site.data, config.site.languages),
                           found.languages)
        print("\n".join(review.status_lines(reviews, today)) + "\n")  # first: the summary of translations ends it
        print(report(found, config.block_on_pending, data))
    return 0


def _reviews(site) -> list:
    """Every English article's review date and owner (helpcentre/review.py); a date that is not a
    date is one message with its file and line."""
    from .data import DataError, load_data

    try:
        data = load_data(site.data, site.languages)
    except DataError:
        data = None  # the data's own mistake is reported by the check and the build; dates are read anyway
    try:
        return review.reviews(site, data)
    except review.ReviewError as error:
        raise Failed(str(error)) from None


def _translation_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("page", nargs="?", default="", help="the translation, e.g. it/cancel-account.md")
    parser.add_argument("--root", type=Path, default=project_root(), help="the project (default: this one)")


def _translation(args):
    from .translations.policy import load_config, resolve_translation

    if not args.page:
        raise UsageError("which translation? e.g. `make diff FILE=it/cancel-account.md` "
                         "(`make status` lists those behind English)")
    config = load_config(args.root)
    return config, resolve_translation(config, args.page)


@verb(_translation_argument)
def diff(args) -> int:
    """What changed in the English since a translation was recorded, section by section, and the
    line of the translation each change lands on."""
    from .translations.status import page_status
    from .translations.status_text import page_report

    config, translation = _translation(args)
    source = config.site.source_of(translation)
    if not source.is_file():
        raise UsageError(f"{config.site.display(translation)}: its source {config.site.display(source)} does not exist")
    article = source.relative_to(config.site.docs / config.source).as_posix().removesuffix(".md")
    print(page_report(page_status(config, config.site.language_of(translation), article, source)))
    return 0


@verb(lambda p: (_translation_argument(p),
                 p.add_argument("--force", action="store_true",
                                help="record even if the translation looks untouched or still differs"),
                 p.add_argument("--lang", help="with a data file (data/notes.yml): only this language")))
def record(args) -> int:
    """After bringing a translation in step, record the English source's current version."""
    from .translations.record import Refused, differences, record as record_translation

    if args.page.startswith(f"{DATA_DIR}/"):
        return _record_data(args)
    config, translation = _translation(args)
    try:
        print(record_translation(config, translation, force=args.force))
    except Refused as refusal:
        raise Failed(str(refusal)) from None
    if args.force:  # recorded as asked; say what still differs, for the record
        for finding in differences(config, translation):
            print(f"still differs: {finding.text()}", file=sys.stderr)
    return 0


@verb(lambda p: (p.add_argument("lang", metavar="LANG", help="the translation's language, e.g. it"),
                 p.add_argument("--all", action="store_true", help="every segment, not only what is missing or stale"),
                 p.add_argument("--output", type=Path, help="the PO file to write (default: l10n/help-centre-LANG.po)"),
                 p.add_argument("--root", type=Path, default=project_root(), help="the project (default: this one)")))
def l10n_export(args) -> int:
    """Write the segments of a language that are missing or stale (--all: every one) to a PO file for a CAT tool."""
    from .translations.exchange import export, write_catalog
    from .translations.policy import load_config

    config = load_config(args.root)
    result = export(config, args.lang, everything=args.all)
    output = args.output or args.root / "l10n" / f"help-centre-{args.lang}.po"
    write_catalog(result.catalog, output)
    shown = output.relative_to(args.root) if output.is_relative_to(args.root) else output
    if not result.segments:
        print(f"l10n-export: {args.lang} is in step with English: nothing to translate "
              f"({shown} has no segments; ALL=1 exports every one)")
        return 0
    fuzzy = sum(1 for message in result.catalog if message.id and message.fuzzy)
    print(f"l10n-export: {shown}: {result.segments} segments ({result.pages} articles, {result.data} data texts; "
          f"{fuzzy} with the old translation as a draft to review)\n"
          f"Translate it in your CAT tool, then: make l10n-import FILE={shown}")
    return 0


@verb(lambda p: (p.add_argument("file", nargs="?", default="", help="the PO file, e.g. l10n/help-centre-it.po"),
                 p.add_argument("--root", type=Path, default=project_root(), help="the project (default: this one)")))
def l10n_import(args) -> int:
    """Write a translated PO file back into docs/<lang>/ and data/, record it as in step, and check it."""
    from .translations.exchange import Refused, import_file
    from .translations.policy import load_config

    if not args.file:
        raise UsageError("which file? e.g. `make l10n-import FILE=l10n/help-centre-it.po`")
    config = load_config(args.root)
    path = Path(args.file)
    path = path if path.is_absolute() else Path.cwd() / path
    try:
        result = import_file(config, path, args.file)
    except Refused as refusal:
        raise Failed(f"l10n-import: {refusal}") from None
    for line in result.recorded:
        print(line)
    for line in result.incomplete:
        print(f"l10n-import: {line}")
    changed = ", ".join(result.written) or "nothing (every translation was as it is)"
    print(f"l10n-import: {result.lang}: changed {changed}"
          + (f"; {result.not_imported} fuzzy or empty entries left as they were" if result.not_imported else "")
          + "; make check passes")
    return 0


def _record_data(args) -> int:
    """`make record FILE=data/notes.yml [LANG=it]`: the file's translated texts, as in step."""
    from .translations.data_texts import record_file
    from .translations.policy import load_config

    config = load_config(args.root)
    file = Path(args.page).name
    if not (config.site.data / file).is_file():
        raise UsageError(f"{args.page}: no such data file")
    if args.lang and args.lang not in config.translations:
        raise UsageError(f"LANG={args.lang}: not a translation language ({', '.join(config.translations)})")
    langs = (args.lang,) if args.lang else config.translations
    try:
        done = record_file(config.root, config.site.data, config.site.languages, file, langs, args.force)
    except ValueError as refusal:
        raise Failed(f"{args.page}: not recorded, not in step with the English yet:\n  {refusal}\n"
                     f"Translate these, or, if the translation is right as it is, "
                     f"`make record FILE={args.page} FORCE=1`") from None
    print("\n".join(done) or f"{args.page}: every translation was recorded already; nothing changed")
    return 0


@verb(lambda p: (p.add_argument("code", metavar="LANG", help="the language's code, e.g. de, pt-BR"),
                 p.add_argument("--name", help="its name in the language switcher (default: its own name, e.g. Deutsch)"),
                 p.add_argument("--notice", help="the notice above an untranslated article, in the new language "
                                                 "(default: helpcentre's own, for the languages it has one for)"),
                 p.add_argument("--root", type=Path, default=project_root(), help="the project (default: this one)")))
def add_language(args) -> int:
    """Add a language: its entry in mkdocs.yml, docs/<lang>/, its data texts pending, its links."""
    from .new_language import LanguageError, add_language as scaffold, report
    from .project_writes import LockedError
    from .site import load_site

    try:
        added = scaffold(args.root, args.code, args.name, args.notice)
    except (LanguageError, LockedError) as error:
        raise Failed(f"add-language: {error}") from None
    except Exception as error:  # noqa: BLE001 - all or nothing: every file was put back as it was
        raise Failed(f"add-language: {args.code} could not be added ({type(error).__name__}: {error}); "
                     "nothing was changed") from None
    site = load_site(args.root)
    print(report(added, site.default, site.names[site.default]))
    return 0


# ---------------------------------------------------------------------------
# Links for support agents
# ---------------------------------------------------------------------------


def _links_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--site", type=Path, help="read an existing build instead of building the site")


@contextlib.contextmanager
def _built_site(existing: Path | None):
    if existing is not None:
        yield existing
        return
    from .build import BuildError, build as build_site

    with tempfile.TemporaryDirectory() as folder:
        try:
            build_site(project_root() / CONFIG_FILE, Path(folder) / "site")
        except BuildError as error:
            raise Failed(f"the site does not build:\n{error}") from None
        yield Path(folder) / "site"


@verb(_links_arguments)
def links_publish(args) -> int:
    """Add the site's new URLs and #sections to data/published-links.txt (never removes one)."""
    from . import links
    from .site import load_site

    site = load_site(project_root())
    manifest = site.data / links.MANIFEST_FILE
    _refuse_template_text(site)
    with _built_site(args.site) as site_dir:
        index = json.loads((site_dir / links.INDEX_JSON).read_text(encoding="utf-8"))
    known = set(links.read_manifest(manifest))
    new = links.published_entries(index) - known
    links.write_manifest(manifest, known | new)
    print(f"data/{links.MANIFEST_FILE}: {len(new)} new links published, {len(known | new)} in all")
    for entry in sorted(new):
        print(f"  + {entry}")
    return 0


def _refuse_template_text(site) -> None:
    """Publishing makes a section id permanent: not while an article still has the template's."""
    from .new_article import template_left

    left = [f"{site.display(path)}:{line}" for path in sorted((site.docs / site.default).rglob("*.md"))
            for line in template_left(path.read_text(encoding="utf-8", errors="replace"))]
    if left:
        raise Failed(f"links: not published: {', '.join(left)} still hold the template's text ('Replace this', "
                     "{ #replace-this-id }). Write the article, with its final section ids, then `make links` "
                     "again: a published id is permanent.")


@verb(_links_arguments)
def links_check(args) -> int:
    """Fail, naming each one, if a published URL or #section no longer works."""
    from . import links
    from .site import load_site

    site = load_site(project_root())
    with _built_site(args.site) as site_dir:
        index = json.loads((site_dir / links.INDEX_JSON).read_text(encoding="utf-8"))
    manifest = links.read_manifest(site.data / links.MANIFEST_FILE)
    problems = links.broken_links(manifest, index, links.load_redirects(site.data), site)
    if problems:
        raise Failed("\n".join(f"data/{links.MANIFEST_FILE}: {problem}" for problem in problems))
    print(f"all {len(manifest)} published links still work")
    return 0


# ---------------------------------------------------------------------------
# What readers tell us (issue 17)
# ---------------------------------------------------------------------------


@verb(lambda p: (p.add_argument("logs", nargs="*", type=Path, metavar="LOG",
                                help="the feedback log nginx writes (rotated .gz logs too)"),
                 p.add_argument("--top", type=int, default=10, help="searches shown per language (default 10)"),
                 p.add_argument("--html", type=Path, metavar="FILE",
                                help="also write the report as one HTML page with charts, which opens offline")))
def feedback_report(args) -> int:
    """Votes per article and language, what readers said was missing, searches that missed, results opened."""
    from .feedback import SERVER_LOG, FeedbackLogError, build_report, format_report

    if not args.logs:
        raise Failed(f"feedback-report: give the log nginx writes readers' feedback to: "
                     f"make feedback-report LOG={SERVER_LOG}")
    try:
        report = build_report(args.logs)
    except FeedbackLogError as error:
        raise Failed(f"feedback-report: {error}") from None
    site = load_site(project_root())
    print(format_report(report, args.top, site.languages), end="")
    if args.html is not None:
        if args.html.is_dir():
            raise Failed(f"feedback-report: HTML={args.html}: a folder; give the file to write, e.g. report.html")
        from .feedback_page import site_report_page

        page = site_report_page(report, site, ", ".join(str(log) for log in args.logs), max(args.top, 20))
        partial = args.html.with_name(f".{args.html.name}.new")
        try:
            partial.write_text(page, encoding="utf-8")
            partial.replace(args.html)
        except OSError as error:
            raise Failed(f"feedback-report: HTML={args.html}: cannot be written ({error.strerror or error})") from None
        print(f"feedback-report: {args.html}: the report as a page (opens offline)", file=sys.stderr)
    if report.skipped.count:
        print(f"feedback-report: {report.skipped.first}: not a line of the feedback log; "
              f"{report.skipped.count} such line(s) skipped", file=sys.stderr)
    return 0


# ---------------------------------------------------------------------------
# Serving with nginx
# ---------------------------------------------------------------------------


def _nginx_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--port", type=int, default=8080, help="serve on 127.0.0.1:PORT (default 8080)")
    parser.add_argument("--print-config", action="store_true",
                        help="print the site's nginx configuration (an include for conf.d/) instead of serving")
    parser.add_argument("--root", type=Path, help="with --print-config: the built site's folder on the server")
    parser.add_argument("--listen", default="80", help="with --print-config: what nginx listens on (default 80)")
    parser.add_argument("--output", type=Path, help="with --print-config: write it to this file instead "
                                                    "(replaced whole, and only when it could be rendered)")
    parser.add_argument("--feedback-log", type=Path, help="with --print-config: where nginx logs readers' feedback "
                                                          "(default /var/log/nginx/help-centre-feedback.log)")


@verb(_nginx_arguments)
def nginx(args) -> int:
    """Serve the site with nginx as in production, or print its nginx configuration."""
    import os

    from .nginx import FEEDBACK_LOG, RUNTIME_FEEDBACK_LOG, build_for_origin, nginx as run_nginx, read_project, site_config

    if args.print_config:
        if args.root is None:
            raise Failed("nginx: --print-config needs --root, the folder nginx serves the built site from")
        feedback_log = (args.feedback_log or FEEDBACK_LOG).absolute()
        config = site_config(args.root.resolve(), args.listen, read_project(), feedback_log=feedback_log)
        if args.output is None:
            print(config, end="")
        else:
            partial = args.output.with_name(f".{args.output.name}.new")
            partial.write_text(config, encoding="utf-8")
            os.replace(partial, args.output)
        return 0
    with tempfile.TemporaryDirectory(prefix="help-nginx-") as folder:
        origin = f"http://127.0.0.1:{args.port}"
        build_for_origin(origin, Path(folder) / "site")
        with run_nginx(Path(folder) / "site", args.port, Path(folder) / "nginx") as url:
            print(f"Serving {url}/ with serve/help-centre.conf; Ctrl-C to stop\n"
                  f"Readers' feedback: {Path(folder) / 'nginx' / RUNTIME_FEEDBACK_LOG} "
                  f"(make feedback-report LOG=…)", flush=True)
            while True:
                time.sleep(3600)


# ---------------------------------------------------------------------------
# The command line
# ---------------------------------------------------------------------------


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="python -m helpcentre", description=__doc__.splitlines()[0])
    verbs = top.add_subparsers(dest="verb", required=True, metavar="<verb>")
    for name, (function, arguments) in VERBS.items():
        summary = function.__doc__.splitlines()[0]
        arguments(verbs.add_parser(name, help=summary, description=summary))
    return top


def main(argv: list[str] | None = None) -> int:
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, signal.default_int_handler)  # a plain `kill` is an interruption too
    return run(argv, unblock=True)


def run(argv: list[str] | None = None, unblock: bool = False) -> int:
    """The verb of `argv` with its exit status, each failure as one message: main()'s work, which the
    tests also call in their own process (tests/commands.py)."""
    from .build import caused_by_interruption
    from .data import DataError
    from .site import SiteError

    args = parser().parse_args(argv)
    # A build holds Ctrl-C and `kill` for good once it is finishing (helpcentre/build.py). In a
    # process of its own that ends with it; in a caller's process (the tests) the caller gets its
    # signals back, or every process it starts afterwards inherits them held and ignores `kill`.
    callers_mask = signal.pthread_sigmask(signal.SIG_BLOCK, set())
    try:
        if unblock:
            signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT, signal.SIGTERM})
        return VERBS[args.verb][0](args)
    except BaseException as error:
        if caused_by_interruption(error):
            print(f"{args.verb}: interrupted" + (f"; {args.site_dir} is unchanged" if args.verb == "build" else ""),
                  file=sys.stderr)
            return 130
        if isinstance(error, Failed):
            print(error, file=sys.stderr)
            return 1
        if isinstance(error, UsageError):
            print(f"error: {error}", file=sys.stderr)
            return 2
        if isinstance(error, (DataError, SiteError)):
            print(error, file=sys.stderr)
            return 1
        if isinstance(error, Exception) and args.verb == "build":
            print(f"build: {type(error).__name__}: {error} (an unexpected error; `make build-stock` shows "
                  f"where it happened)\nbuild: failed; {args.site_dir} is unchanged", file=sys.stderr)
            return 1
        raise
    finally:
        if not unblock:
            signal.pthread_sigmask(signal.SIG_SETMASK, callers_mask)
