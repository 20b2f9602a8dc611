"""The help centre's MkDocs plugin (`plugins: - helpcentre` in mkdocs.yml): what the engine adds to
a site built by MkDocs, Material for MkDocs, mkdocs-static-i18n and mkdocs-macros.

One build per language (mkdocs-static-i18n builds them one after another in one process; `make
build` and the preview give each its own process), and for each a `LanguageBuild` made once when it
starts (helpcentre/language_build.py). What the plugin keeps from one build to the next (the
preview builds again after every save) is what each page's rendering found, by language and page
(`PageRecord`): a page not rendered again keeps its record, and one rendered again replaces it, so
the link index, the sitemap and the search index of every build are whole and never doubled.

Each MkDocs event below does its steps in the order written. Priorities place an event's steps
among the other plugins' only, each said why: mkdocs-static-i18n (-100 on config, files and post
build; 50 on page markdown and context), Material's search (0: indexes a page in on_page_context),
mkdocs-macros (0: renders a page's text in on_page_markdown).
"""

from __future__ import annotations

import html as html_text
import os
import posixpath
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from urllib.parse import urljoin

from jinja2 import FileSystemBytecodeCache
from mkdocs.config import base
from mkdocs.config.config_options import ExtraScriptValue
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.utils import get_relative_url

from . import (language_build, links, llms, outline as page_outline, page_content, render, replies, search_found,
               search_index, sitemap, sources, text_direction, theme_listing)
from .data import DataError
from .data_use import EVERY_PAGE, DataUse
from .fingerprints import add_fingerprints, content_hash, needs_fingerprint
from .language_build import LanguageBuild
from .material import blocks, conformance, inline_scripts, language_words, on_demand, search_config, search_worker
from .page_markdown import escape_front_matter, line_of_id, title_id, with_title_id
from .site import BUILD_LANGUAGE_VARIABLE
from .theme_help import ThemeHelp, language_page
from .translations.notices import stale_sections

log = get_plugin_logger("helpcentre")

THEME = Path(__file__).with_name("theme")  # our templates and assets, between the site's own and Material's
# Our scripts, no third party, each `defer` so none holds up the first paint: the plan chooser,
# copy-link buttons and the agents' link table, what a search that finds nothing offers (issue 12),
# and the language switcher that keeps the section and remembers the choice.
STYLESHEETS = ("assets/stylesheets/help.css",)
SCRIPTS = ("assets/javascripts/plans.js", "assets/javascripts/links.js", "assets/javascripts/search-none.js",
           "assets/javascripts/help-language.js")
AGENT_PAGE_FLAG = "agent_links"  # front matter of the agents' page: its table goes where it says
AGENT_TABLE = '<div class="agent-links" data-agent-links-placeholder></div>'
AGENT_TEXTS = ("filter", "article", "section", "link", "copy", "download")
REPLY_TEXTS = ("title", "intro", "language", "plan", "button", "copied", "failed", "texts", "agent_mode",
               "untranslated")
SECTION_LEVELS = (2, 3)

# Where our steps stand among the other plugins' (see the module's docstring).
BEFORE_I18N_SORTS_FILES = -90
AFTER_I18N_SORTS_FILES = -110
AFTER_MACROS_RENDER_TEXT = -10
AFTER_SEARCH_INDEXES_PAGE = -50
AFTER_SEARCH_WRITES_ITS_INDEX = -50  # and before mkdocs-static-i18n builds the other languages
AFTER_I18N_BUILDS_THE_OTHERS = -110


class HelpCentreConfig(base.Config):
    pass


@dataclass
class PageRecord:
    """What one page's rendering found, kept until the page is rendered again."""

    outline: page_outline.PageOutline
    links: links.PageLinks | None                  # None: not in the link index (the agents' page)
    replies: dict[str, str] = field(default_factory=dict)  # reply file beside the page -> its text
    language_page: sitemap.LanguagePage | None = None      # its languages, for the sitemap
    search: list[dict] = field(default_factory=list)       # its entries in the search index
    twin: str | None = None                                # its Markdown twin, for assistants (issue 28)
    llms: llms.Entry | None = None                         # its line in this language's llms.txt


class HelpCentrePlugin(BasePlugin[HelpCentreConfig]):
    supports_multiple_instances = False

    def __init__(self):
        self.builds: list[LanguageBuild] = []  # the language builds under way, the innermost last
        self.records: dict[str, dict[str, PageRecord]] = {}  # language -> page src_uri -> its record
        self.data_use = DataUse()  # which page read which data: recorded in the preview only
        self.kept = language_build.KeptWhileDataUnchanged()
        # One language per process (`make build`, the preview); HELP_BUILD_LANGUAGE=it does the same.
        self.only_language: str | None = None
        self.render_only = None  # the preview: which pages a build renders again (helpcentre/render_plan.py)
        self.last_data = None    # the preview: the shared data as its last build read it, to compare a save with
        self.progress = None     # in a language's own process: what it is doing, for the parent to watch

    @property
    def build(self) -> LanguageBuild:
        return self.builds[-1]

    # --- The configuration ----------------------------------------------------------------

    def on_startup(self, *, command, dirty):
        """MkDocs keeps a plugin that has this event for as long as `mkdocs serve` runs (and our
        preview's processes keep theirs): its page records then last from one build to the next."""
        self.command = command

    def on_config(self, config):  # before mkdocs-static-i18n's (-100): it picks its language then
        self.data_use.rendering(EVERY_PAGE, again=True)  # until the first page: what every page may show
        only = self.only_language or os.environ.get(BUILD_LANGUAGE_VARIABLE, "").strip()
        if only:
            self._build_only(config, only)
        if str(THEME) not in config.theme.dirs:  # mkdocs-static-i18n runs on_config again for each language
            config.theme.dirs.insert(1 if config.theme.custom_dir else 0, str(THEME))
        theme_listing.list_installed_folders_once(config.theme)
        _add_assets(config)
        return config

    def _build_only(self, config, lang: str) -> None:
        """One language's build: with `build: false` on the others (mkdocs-static-i18n's own
        setting) it builds no other language after this one; `current_language` is the one it
        builds first, which it otherwise sets to the default language."""
        i18n = config.plugins["i18n"]
        locales = [language.locale for language in i18n.config.languages]
        if lang not in locales:
            raise PluginError(f"{BUILD_LANGUAGE_VARIABLE}={lang}: expected one of the site's languages: "
                              + ", ".join(locales))
        for language in i18n.config.languages:
            language.build = language.locale == lang
        i18n.current_language = lang

    def on_pre_build(self, config):
        self._doing("")
        lang = config.theme["language"]  # mkdocs-static-i18n sets it for each language's build
        self.builds.append(language_build.start(config, lang, self.kept))
        self.build.data = self.data_use.observed(self.build.data)
        if self.build.searching.plain:  # information: strict builds stop on warnings
            log.info(self.build.searching.warning())

    def _doing(self, what: str) -> None:
        """Say what this build is at, when a parent process watches it (helpcentre/language_process.py):
        a page's file, or "" for the rest of the build."""
        if self.progress is not None:
            self.progress.doing(what)

    def on_build_error(self, error):
        self.builds.clear()  # the whole build stops, the languages built inside the default one's too

    # --- The files ---------------------------------------------------------------------------

    @event_priority(BEFORE_I18N_SORTS_FILES)
    def _files_of_this_language(self, files, config):
        """Only the files this language publishes: its own folder of docs/, the default language's
        (the pages it falls back to) and whatever lies outside the language folders. MkDocs lists
        every file under docs/, and mkdocs-static-i18n goes through all of them for every language it
        builds; without this, a language's build would cost more with every other language."""
        site, lang = self.build.site, self.build.lang
        others = set(site.languages) - {site.default, lang}
        docs = str(Path(config.docs_dir)) + "/"
        return Files([file for file in files if not (file.src_uri.partition("/")[0] in others
                                                     and (file.abs_src_path or "").startswith(docs))])

    @event_priority(AFTER_I18N_SORTS_FILES)
    def _files_sorted(self, files, config):
        inline_scripts.add_script_files(files, config)  # the files Material's inline scripts become (CSP)
        build = self.build
        build.files = files
        build.fingerprinted = {file.dest_uri: file for file in files if needs_fingerprint(file.dest_uri)}
        kept = self.records.setdefault(build.lang, {})
        for gone in set(kept) - {file.src_uri for file in files.documentation_pages()}:
            del kept[gone]  # a page removed since the last build
        if self.render_only is not None:
            self.render_only.apply(files, kept)
        return files

    on_files = CombinedEvent(_files_of_this_language, _files_sorted)

    def on_nav(self, nav, config, files):
        self.build.nav_order = [self.build.article(page.file) for page in nav.pages]
        return nav

    # --- Each page ---------------------------------------------------------------------------

    def on_pre_page(self, page, config, files):
        self.data_use.rendering(page.file.dest_uri, again=True)  # its text and front matter
        self._doing(self.build.source_name(page.file))
        return page

    @event_priority(AFTER_MACROS_RENDER_TEXT)
    def on_page_markdown(self, markdown, page, config, files):
        build = self.build
        escape_front_matter(page, build.data.product_name, build.source_name(page.file))
        # Markdown's toc writes this title on every heading's ¶ link; MkDocs makes the page's
        # Markdown converter from mdx_configs right after this event.
        config["mdx_configs"].setdefault("toc", {})["permalink_title"] = build.message("permalink_title")
        return with_title_id(markdown, title_id(build.article(page.file)))

    def on_page_content(self, content, page, config, files):
        build = self.build
        outline = page_outline.read(content)
        where = build.source_name(page.file)
        article = build.article(page.file)
        anchor = title_id(article)
        if outline.ids.count(anchor) > 1:
            line = line_of_id(Path(page.file.abs_src_path), anchor)
            raise PluginError(f"{where}{f':{line}' if line else ''}: heading id '{anchor}' is the anchor of the "
                              "page's title (the file's name, the same in every language); give this heading "
                              "another id")
        agents_page = bool(page.meta.get(AGENT_PAGE_FLAG))
        edits = page_outline.Insertions()
        page_content.section_link_buttons(outline, list(_section_ids(page.toc)), build.message("section_link", "copy"),
                                          where, edits)
        if build.policy is not None and page.file.abs_src_path and not build.shown_from_default(page.file):
            self._stale_notices(outline, page, article, edits)
        record = PageRecord(outline, None if agents_page else self._page_links(page, outline))
        if not agents_page:
            self._markdown_twin(record, page, article, edits.into(content))
        if outline.procedures:
            repeated = replies.repeated_anchors(outline, build.data)
            if repeated:
                raise PluginError(
                    f"{where}: the anchor(s) #{', #'.join(repeated)} are on the page more than once; show each "
                    "procedure once per page, and give no heading a procedure's anchor (#<procedure>-steps, "
                    "#<procedure>-<step id>)")
            headings = {item.id: html_text.unescape(item.title) for item in _toc_items(page.toc)}
            record.replies = replies.page_replies(build.data, build.lang, outline, headings,
                                                  build.site.url(build.lang, article))
        page_content.section_aliases(outline, build.redirects.aliases(article), f"data/{links.REDIRECTS_FILE}: "
                                     f"sections: {article}.md", build.lang, edits)
        self.records[build.lang][page.file.src_uri] = record
        tail = (AGENT_TABLE if agents_page else "") + page_content.copy_status(build.message("section_link", "copied"))
        self._doing("")
        return edits.into(content) + tail

    def _markdown_twin(self, record: PageRecord, page, article: str, content: str) -> None:
        """The article as Markdown for assistants, and its line in this language's llms.txt (issue 28,
        helpcentre/llms.py): its steps, notes and anchors as the page has them, one part per plan
        where the article differs by plan."""
        build = self.build
        data, lang = build.data, build.lang
        url = build.site.url(lang, article)
        description = html_text.unescape(page.meta.get("description") or "")  # front matter comes escaped
        texts = llms.TwinTexts(**{key: data.message(lang, "markdown_twin", key)
                                  for key in ("page", "anchors", "by_plan", "plan_part", "plan_link")},
                               notice=data.message(lang, "untranslated_notice") if build.shown_from_default(page.file)
                               else "")
        record.twin = llms.markdown_twin(content, url, description,
                                         {plan: names[lang] for plan, names in data.plans.items()}, texts)
        record.llms = llms.Entry(html_text.unescape(page.meta.get("title") or page.title or article), description,
                                 llms.twin_url(url))

    def _stale_notices(self, outline, page, article: str, edits) -> None:
        """Under each translated section behind its English (issue 16): a page shown from the English
        has the untranslated notice instead (our theme's main.html)."""
        build = self.build
        source = build.site.source(build.default, article)
        if not source.is_file():
            return
        path = Path(page.file.abs_src_path).resolve()
        found = stale_sections(build.policy, build.lang, article, source, path.read_text(encoding="utf-8-sig"),
                               build.data_behind())
        if found:
            english = get_relative_url(build.site.page_path(build.default, article) or ".", page.url or ".")
            page_content.stale_notices(outline, found, title_id(article), english, build.lang, build.default,
                                       build.message("stale_section", "text"), build.message("stale_section", "link"),
                                       build.source_name(page.file), edits)

    def _page_links(self, page, outline) -> links.PageLinks:
        """The page in the link index: the title readers see in <title> and the h1 (not the nav
        label, "Home"), its sections and the procedures it shows (issue 17)."""
        build = self.build
        with self.data_use.unattributed():  # the index is the agents' page's, made from every page at once
            procedures = [
                links.ProcedureLinks(
                    id=placement.procedure,
                    anchor=_anchor(placement.procedure),
                    section=placement.section,
                    steps=tuple(links.StepLink(step.id, _anchor(placement.procedure, step.id),
                                               render.step_text(build.data, build.lang, placement.procedure, number))
                                for number, step in enumerate(build.data.procedures[placement.procedure])),
                    replies=tuple((plan, replies.reply_file(placement.procedure, plan))
                                  for plan in ("", *build.data.plans)),
                    # Its replies show text not in this language yet (issue 27: "Copy reply" says so).
                    untranslated=replies.untranslated(build.data, build.lang, placement, outline.notes,
                                                      build.shown_from_default(page.file)),
                )
                for placement in outline.procedures
            ]
        return links.PageLinks(title=html_text.unescape(page.meta.get("title") or page.title),  # front matter is escaped
                               path=page.url, sections=[links.Section(item.id, html_text.unescape(item.title))
                                                        for item in _toc_items(page.toc)
                                                        if item.level in SECTION_LEVELS],
                               procedures=procedures)

    # --- The templates -----------------------------------------------------------------------

    def on_env(self, env, config, files):
        """Every page's Markdown is rendered by now (MkDocs renders it all before any template)."""
        build = self.build
        self.data_use.rendering(EVERY_PAGE)  # between the pages' text and their templates
        env.bytecode_cache = FileSystemBytecodeCache()  # compiled templates kept between builds and processes
        env.loader = language_words.with_missing_language(env.loader, build.lang, config.theme.dirs)
        blocks.check_replaced_blocks()
        bundle = on_demand.checked_bundle(env, files)
        search_worker.check_search_worker(files)
        build.fallbacks = {file.page.url for file in files.documentation_pages()
                           if file.page is not None and build.shown_from_default(file)}
        env.globals["helpcentre"] = ThemeHelp(build, bundle.path, bundle.shortcuts, build.language_pages)
        with self.data_use.unattributed():
            build.index_part = links.link_index(build.site.site_url, (build.lang,), {
                build.article(file): {build.lang: record.links}
                for file in files.documentation_pages()
                if (record := self.records[build.lang].get(file.src_uri)) is not None and record.links is not None
            })
        # Until a page sets its own (the not-found page is rendered first): each language's home.
        self._switcher(config, [(code, "/" + build.site.prefix(code)) for code in build.site.languages])
        return env

    def on_pre_template(self, template, template_name, config):
        self.data_use.rendering(None)  # the 404 page and the like: made again by every build
        return template

    @event_priority(AFTER_SEARCH_INDEXES_PAGE)  # and after mkdocs-static-i18n's (50)
    def on_page_context(self, context, page, config, nav):
        build = self.build
        self.data_use.rendering(page.file.dest_uri)  # its template and what is added to its HTML
        self._doing(build.source_name(page.file))
        record = self.records[build.lang][page.file.src_uri]
        record.language_page = build.language_pages[page.url] = language_page(build, page)
        self._switcher(config, record.language_page.links)
        record.search = self._search_entries(config, build)
        if page.meta.get(AGENT_PAGE_FLAG):
            page.content = page.content.replace(AGENT_TABLE, self._agent_table(page))
        if len(record.outline.plans) >= 2:  # after the search indexed it: the chooser's words find nothing
            page.content = _with_plan_picker(page.content, render.plan_picker_html(build.data, build.lang))
        return context

    def _switcher(self, config, links_by_language) -> None:
        """Material's language switcher reads config.extra.alternate. mkdocs-static-i18n fills it
        only when it builds several languages in one process, per page, as an attribute (which Jinja
        reads before the key); it is set here the same way for every page of every build."""
        site = self.build.site
        config.extra.alternate = [{"name": site.names[code], "link": link, "lang": code}
                                  for code, link in links_by_language]

    def _search_entries(self, config, build: LanguageBuild) -> list[dict]:
        """The entries Material's search just added for this page (it adds a page's entries at once,
        in its on_page_context): kept with the page, so a build that renders some pages only still
        writes the whole index, each page's entries once."""
        entries = _material_search(config).search_index.entries
        added = entries[build.search_seen:]
        build.search_seen = len(entries)
        return added

    def _agent_table(self, page) -> str:
        build = self.build
        data, lang, site = build.data, build.lang, build.site
        return render.TEMPLATES.get_template("agent_links.html").render(
            rows=_agent_rows(site, data, lang, page.url, build.index_part),
            text={key: data.message(lang, "agent_links", key) for key in AGENT_TEXTS},
            reply_text={key: data.message(lang, "copy_reply", key) for key in REPLY_TEXTS},
            languages=[(code, site.names[code]) for code in site.languages], lang=lang,
            plans=[("", data.message(lang, "all_plans"))] + [(plan, names[lang]) for plan, names in data.plans.items()],
            json_url=links.INDEX_JSON, csv_url=links.INDEX_CSV, root=links.relative_url(page.url, ""),
            part_name=links.part_name("LANG"),
        )

    def on_post_page(self, output, page, config):
        build = self.build
        record = self.records[build.lang][page.file.src_uri]
        if record.replies:  # the agents' replies, beside the page (issue 17)
            folder = Path(config.site_dir) / page.url
            folder.mkdir(parents=True, exist_ok=True)
            for name, text in record.replies.items():
                (folder / name).write_text(text, encoding="utf-8")
        if record.twin is not None:
            folder = Path(config.site_dir) / page.url
            folder.mkdir(parents=True, exist_ok=True)
            (folder / llms.TWIN).write_text(record.twin, encoding="utf-8")
        output = self._finish_html(output, f"the page of {build.source_name(page.file)}")
        self._doing("")
        return output

    def on_post_template(self, output, template_name, config):
        build = self.build
        if template_name == sitemap.INDEX:
            # The index of the languages' sitemaps is the default language's; the others' builds
            # leave it alone (MkDocs skips an empty output).
            return sitemap.index_xml(build.site) if build.lang == build.default else ""
        if not template_name.endswith(".html"):
            return output
        output = self._finish_html(output, f"the theme's {template_name}")
        if template_name == "404.html" and build.lang != build.default:
            # Each language's not-found page in its own folder (nginx serves <lang>/404.html under
            # /<lang>/); the root keeps the default language's.
            target = Path(config.site_dir) / build.lang / "404.html"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(output, encoding="utf-8")
            return ""
        return output

    def _finish_html(self, output: str, where: str) -> str:
        """A whole page as Material wrote it, made right: valid and named (conformance), its assets'
        URLs fingerprinted, its search pointed at its language's index and our worker, and its
        direction on <html>, every run of text in the other direction marked (issue 27)."""
        build = self.build
        output = conformance.conform(output, build.message("search_label"), where)
        output = add_fingerprints(output, self._hash_of)
        output = search_config.rebased_search(output, build.prefix, build.message("search_none", "title"), where,
                                              search_found.words(build.data, build.lang))
        page_direction = text_direction.direction(build.lang)
        return text_direction.mark_directions(text_direction.with_html_direction(output, page_direction, where),
                                              page_direction)

    def _hash_of(self, path: str) -> str | None:
        build = self.build
        if path not in build.hashes:
            file = build.fingerprinted.get(path)
            build.hashes[path] = content_hash(file.content_bytes) if file is not None else None
        return build.hashes[path]

    # --- The end of a language's build ---------------------------------------------------------

    @event_priority(AFTER_SEARCH_WRITES_ITS_INDEX)
    def _write_language_outputs(self, config):
        """This language's index of links, pages at its moved articles' old addresses, its sitemap
        and its search index, each from every page's record."""
        self.data_use.rendering(None)  # what this step writes is written again by every build
        build = self.build
        site_dir = Path(config.site_dir)
        pages = [(file, self.records[build.lang][file.src_uri]) for file in build.files.documentation_pages()
                 if file.src_uri in self.records[build.lang]]
        self._write_link_index(build, site_dir)
        self._write_redirect_pages(build, site_dir, {file.page.url for file, _ in pages})
        (site_dir / sitemap.language_sitemap(build.lang)).write_text(
            sitemap.urlset_xml([record.language_page for _, record in pages if record.language_page]), encoding="utf-8")
        self._write_search_index(build, site_dir, config, [entry for _, record in pages for entry in record.search])
        self._write_llms_part(build, site_dir, config, {build.article(file): record.llms for file, record in pages
                                                        if record.llms is not None})

    @event_priority(AFTER_I18N_BUILDS_THE_OTHERS)
    def _after_the_other_languages(self, config):
        """mkdocs-static-i18n builds the other languages inside the default language's build, and
        then writes a search index of them all at the root: the root's is the default language's."""
        build = self.builds.pop()
        root_index = Path(config.site_dir) / search_index.INDEX
        if build.lang == build.default:
            root_index.write_text(build.search_text, encoding="utf-8")
        else:
            root_index.unlink(missing_ok=True)
        _forget_search_state(config)

    on_post_build = CombinedEvent(_write_language_outputs, _after_the_other_languages)

    def _write_llms_part(self, build: LanguageBuild, site_dir: Path, config, entries: dict) -> None:
        """This language's part of /llms.txt, its articles in the navigation's order; llms.txt itself
        once every language's part is in (as links.json)."""
        order = [article for article in dict.fromkeys(build.nav_order + list(entries)) if article in entries]
        part = llms.language_part(config.site_name, config.site_description or "", build.message("llms_txt", "intro"),
                                  build.site.names[build.lang], [entries[article] for article in order])
        (site_dir / llms.part_name(build.lang)).write_text(part, encoding="utf-8")
        llms.write_union(site_dir, build.site.languages)

    def _write_link_index(self, build: LanguageBuild, site_dir: Path) -> None:
        """This language's part of the link index, once its published links (data/published-links.txt)
        are checked: none may stop working without a redirect (data/redirects.yml)."""
        index, site = build.index_part, build.site
        try:
            manifest = [entry for entry in links.read_manifest(site.data / links.MANIFEST_FILE)
                        if links.entry_language(site, entry) == build.lang]
        except DataError as error:
            raise PluginError(str(error)) from None

        def heading_line(lang: str, article: str, heading_id: str) -> int | None:
            return dict(sources.heading_ids(site.source(lang, article))).get(heading_id)

        def english_sections(article: str) -> list[str]:
            return [heading_id for heading_id, _ in sources.heading_ids(site.source(site.default, article))]

        problems = links.broken_links(manifest, index, build.redirects, site, heading_line, english_sections)
        if problems:
            raise PluginError(f"published links no longer work (data/{links.MANIFEST_FILE}):\n  " + "\n  ".join(problems))
        note = links.unpublished_note(index, manifest)
        if note:  # information, not a warning: a strict build must pass while an article is being written
            log.info(f"links ({build.lang}): {note}")
        (site_dir / links.part_name(build.lang)).write_text(links.index_json(index), encoding="utf-8")
        links.write_union(site_dir, build.site)  # links.json and links.csv, once every language's part is in

    def _write_redirect_pages(self, build: LanguageBuild, site_dir: Path, served: set[str]) -> None:
        """This language's pages at the old addresses of moved articles (data/redirects.yml `pages:`)."""
        moved = links.moved_paths(build.redirects, build.site, (build.lang,))
        for old in build.redirects.pages:
            old_path = build.site.page_path(build.lang, old)
            new_path = moved["/" + old_path].removeprefix("/")
            if old_path in served:
                raise PluginError(f"data/{links.REDIRECTS_FILE}: pages: {old}.md: the page still exists "
                                  f"(/{old_path}); remove the redirect or the page")
            if new_path not in served:
                raise PluginError(f"data/{links.REDIRECTS_FILE}: pages: {old}.md: "
                                  f"{build.redirects.final_article(old)}.md is not a page "
                                  f"of the site (/{new_path} is missing)")
            page = links.redirect_page_html(
                target_url=links.relative_url(old_path, new_path),
                canonical_url=urljoin(build.site.site_url or "/", new_path),
                script_url=posixpath.relpath(links.REDIRECT_SCRIPT, old_path or "."),
                title=build.message("redirect", "title"), link_text=build.message("redirect", "link"), lang=build.lang)
            target = site_dir / old_path / "index.html"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(add_fingerprints(page, partial(_published_hash, site_dir)), encoding="utf-8")

    def _write_search_index(self, build: LanguageBuild, site_dir: Path, config, entries: list[dict]) -> None:
        """This language's own index (helpcentre/search_index.py), at <lang>/search/; the root's is
        the default language's."""
        search = _material_search(config)
        words = {build.site.page_path(build.default, article): by_language[build.lang]
                 for article, by_language in build.terms.words.items() if build.lang in by_language}  # none while pending
        # Every other language's index has the default language's words too (issue 27).
        source_words = {} if build.lang == build.default else {
            build.site.page_path(build.default, article): by_language[build.default]
            for article, by_language in build.terms.words.items()}
        ignored = [*build.terms.ignored[build.lang], *build.data.product_name.lower().split()]
        material = {"config": {key: search.search_index.config[key] for key in search_index.MATERIAL_CONFIG_KEYS},
                    "docs": entries}
        text = search_index.dumps(search_index.language_index(material, build.lang, build.prefix, words, ignored,
                                                              build.searching, source_words))
        target = site_dir / build.prefix / search_index.INDEX
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        build.search_text = text


# ---------------------------------------------------------------------------
# Small helpers
# ---------------------------------------------------------------------------


def _add_assets(config) -> None:
    """Our stylesheet and scripts, first, unless the site lists them itself."""
    listed_css = [str(path) for path in config.extra_css]
    config.extra_css[:0] = [path for path in STYLESHEETS if path not in listed_css]
    listed_js = [str(script) for script in config.extra_javascript]
    ours = []
    for path in SCRIPTS:
        if path not in listed_js:
            script = ExtraScriptValue(path)
            script.defer = True
            ours.append(script)
    config.extra_javascript[:0] = ours


def _material_search(config):
    return config.plugins["material/search"]


def _forget_search_state(config) -> None:
    """The search state other plugins keep from one build to the next, emptied once it has served.
    Plugins live as long as `mkdocs serve` (and our preview's processes), and both doubled the index
    at every save: mkdocs-static-i18n stacks up every build's search entries in a list it never
    empties (`extend_search_entries`) and puts them all back into Material's index; Material, told
    the build is dirty, adds its previous index (`search_index_prev`) to the next. We write every
    language's index ourselves, from each page's entries, so neither is needed after the build."""
    i18n = config.plugins.get("i18n")
    if i18n is not None and not getattr(i18n, "building", False):
        i18n.search_entries.clear()
    _material_search(config).search_index_prev = None


def _published_hash(site_dir: Path, path: str) -> str | None:
    file = site_dir / path
    return content_hash(file.read_bytes()) if file.is_file() else None


def _anchor(procedure: str, step: str | None = None) -> str:
    from .data import procedure_anchor

    return procedure_anchor(procedure) if step is None else procedure_anchor(procedure, step)


def _toc_items(toc):
    for item in toc:
        yield item
        yield from _toc_items(item.children)


def _section_ids(toc):
    for item in _toc_items(toc):
        if item.level in SECTION_LEVELS:
            yield item.id


def _with_plan_picker(content: str, picker: str) -> str:
    """The content with the chooser right under its title: after its first </h1>, or first of
    all when the article has no '# Title' of its own (Material writes the title above it)."""
    at = content.find("</h1>")
    at = 0 if at == -1 else at + len("</h1>")
    return content[:at] + "\n" + picker + "\n" + content[at:]


def _agent_rows(site, data, lang: str, here: str, index: dict) -> list[dict]:
    """The agents' table: every link of this language; the row of a section that shows procedures
    also has their replies: where each language's reply files are, relative to this page (the
    "Copy reply" button adds the chosen plan), and a link to each plan's text in this language."""
    plans = [("", data.message(lang, "all_plans")), *((plan, names[lang]) for plan, names in data.plans.items())]
    shown: dict[tuple[str, str], list[dict]] = {}
    for article in index["articles"]:
        for procedure in article["languages"][lang]["procedures"]:
            shown.setdefault((article["id"], procedure["section"]), []).append(procedure)
    rows = []
    for row in links.link_rows(index, lang):
        row = {**row, "replies": []}
        for procedure in shown.get((row["article"], row["section"]), []):
            name = replies.reply_file(procedure["id"]).removesuffix(replies.REPLY_SUFFIX)
            folder = links.relative_url(here, site.page_path(lang, row["article"]))
            row["replies"].append({
                "procedure": procedure["id"],
                "bases": [(code, links.relative_url(here, site.page_path(code, row["article"])) + name)
                          for code in site.languages],
                "texts": [(plan_name, folder + replies.reply_file(procedure["id"], plan)) for plan, plan_name in plans],
            })
        rows.append(row)
    return rows
