"""What our theme's templates (helpcentre/theme/) ask the build for, through one object: `helpcentre`.

`{{ helpcentre.message('not_found', 'title') }}`, `{{ helpcentre.page(page).canonical }}`: each
answer is in the language being built, from the build's one context (helpcentre/language_build.py),
so no template hard-codes English or works out a language, a URL or a date itself.
"""

from __future__ import annotations

import html
import json
from dataclasses import dataclass, field

from markupsafe import Markup, escape

from . import links, llms, render, sitemap
from .data import FEEDBACK_REASONS
from .language_build import LanguageBuild
from .last_updated import LastUpdated, last_updated
from .material.seams import material_version
from .text_direction import direction
from pathlib import Path


@dataclass
class ThemeHelp:
    build: LanguageBuild
    material_bundle: str        # Material's script, which our loader fetches on demand
    material_shortcuts: str     # its single-key shortcuts, which the loader passes on
    pages: dict                 # page URL -> its sitemap.LanguagePage, as this build found them
    material_version: str = material_version()
    _offered_in: object = field(default=None, init=False, repr=False)  # the navigation _offered is for
    _offered: list = field(default_factory=list, init=False, repr=False)

    # --- Wording -------------------------------------------------------------------------

    def message(self, *keys: str, **filled: str) -> Markup:
        """The help centre's wording (data/messages.yml) in the page's language, as escaped HTML
        (render.message_html): MkDocs' templates do not escape what they print, so a translated
        message could otherwise be markup. `filled`: its {placeholders}, escaped too."""
        return render.message_html(self.build.data, self.build.lang, *keys, **filled)

    def support_contact(self) -> str:
        """The support address and hours, as the support() macro writes them."""
        return render.support_html(self.build.data, self.build.lang)

    def support_address(self) -> str:
        return self.build.data.support_email

    # --- The page -------------------------------------------------------------------------

    def page(self, page) -> sitemap.LanguagePage:
        """Where the page lives in every language: its canonical URL, its hreflang alternates,
        whether it shows the English text, its article id."""
        found = self.pages.get(page.url)
        return found if found is not None else language_page(self.build, page)

    def markdown_twin(self, page) -> str:
        """The address of the page's Markdown twin, for <link rel="alternate"> (issue 28); "" for a
        page that has none (the agents' page)."""
        if page.meta.get("agent_links"):
            return ""
        return llms.twin_url(self.build.site.url(self.build.lang, self.build.article(page.file)))

    def last_updated(self, page) -> LastUpdated:
        return last_updated(Path(page.file.abs_src_path).resolve(), self.build.lang, self.build.dates)

    # --- "Was this page helpful?" (issue 17) ------------------------------------------------

    def feedback_reasons(self) -> list[dict]:
        return [{"id": reason, "text": self.message("feedback", "reasons", reason)} for reason in FEEDBACK_REASONS]

    def feedback_page_url(self, page) -> str:
        """The article in the reader's language (an untranslated page's canonical URL is the English one)."""
        return self.build.site.url(self.build.lang, self.build.article(page.file))

    def feedback_subject(self, page) -> str:
        """The support e-mail's subject, with the title as readers see it (front matter comes escaped)."""
        return self.message("feedback", "mail_subject", title=html.unescape(page.meta.get("title") or page.title or ""))

    # --- Agents' "Copy reply" (issue 17) ----------------------------------------------------

    def reply_plan_names(self) -> Markup:
        """The plan names the "Copy reply" bar of an article shows, "" for all plans; escaped, for an
        attribute: a text from data/ never reaches a page as markup."""
        data, lang = self.build.data, self.build.lang
        names = {"": data.message(lang, "all_plans"), **{plan: names[lang] for plan, names in data.plans.items()}}
        return escape(json.dumps(names, ensure_ascii=False))

    # --- A search that finds nothing (issue 12) --------------------------------------------

    def reply_index_part(self) -> str:
        """This language's part of the link index, where the replies not all in the language yet are
        marked (issue 27: "Copy reply" says so)."""
        return links.part_name(self.build.lang)

    # --- Direction (issue 27) -------------------------------------------------------------

    def text_direction(self, lang: str) -> str:
        """'rtl' or 'ltr' for a language (CLDR): the English body of an untranslated article on an
        Arabic page is marked left to right."""
        return direction(lang)

    def nothing_found_articles(self, nav) -> list:
        """The pages a search that finds nothing offers, in the customers' words' order. Every page
        asks, with the build's one navigation: worked out once per build, not once per page (the
        search over every page for every page was 1.5 of 17 s of a 300-article language)."""
        if self._offered_in is not nav:
            pages = {self.build.article(page.file): page for page in nav.pages}
            self._offered = [pages[wanted] for wanted in self.build.terms.nothing_found if wanted in pages]
            self._offered_in = nav
        return self._offered


def language_page(build: LanguageBuild, page) -> sitemap.LanguagePage:
    article = build.article(page.file)
    noindex = "noindex" in str(page.meta.get("robots", "")).lower()  # the agents' page
    return sitemap.language_page(build.site, build.lang, article, fallback=build.shown_from_default(page.file),
                                 indexed=not noindex, translated=build.translated.get(article, ()))
