"""Issue 24, read on the real build: every plan gets its own way first (on the page as the plan
chooser shows it for that plan, and in the agents' plain-text replies), and every language reads
as written: French keeps its narrow no-break spaces all the way to the output, Italian and French
pages end in their own language, and no fact appears that no source gives."""

from __future__ import annotations

import json
import re
from pathlib import Path

import markdown
import pytest
from bs4 import BeautifulSoup

from conftest import LANGUAGES, ROOT, language_dir, read_page
from helpcentre import render
from helpcentre.data import load_data
from helpcentre.toc_titles import heading_name
from helpcentre.translations import typography

DATA = load_data(ROOT / "data", LANGUAGES)
TRANSLATIONS = [lang for lang in LANGUAGES if lang != "en"]
# Plans whose way to cancel is not the self-service flow: support (end of term), or the reseller.
NOT_SELF_SERVICE = ("annual_commit_monthly_pay", "reseller")
NUMBERED = re.compile(r"^\d+\. ", re.M)


def articles_of(site: Path, lang: str) -> list[Path]:
    """Every article page of a language, the agents' page left out (it lists every step for agents)."""
    folder = language_dir(site, lang)
    pages = [folder / "index.html"] + sorted(folder.glob("*/index.html"))
    return [page for page in pages if page.parent.name not in ("agents", *TRANSLATIONS, "search", "assets")]


def for_plan(page: BeautifulSoup, plan: str) -> BeautifulSoup:
    """The article as plans.js shows it to a reader who chose `plan`: on a page with the chooser,
    every part whose data-plans does not list the plan is hidden (a page without it hides nothing)."""
    article = page.find("article")
    if article.select_one("[data-plan-picker]"):
        for part in article.select("[data-plans]"):
            if not part.decomposed and plan not in part["data-plans"].split():
                part.decompose()
    return article


def replies(site: Path, lang: str, plan: str) -> list[Path]:
    return sorted(language_dir(site, lang).glob(f"*/*.{plan}.txt"))


# --- Every plan its own way --------------------------------------------------------------------


@pytest.mark.parametrize("plan", NOT_SELF_SERVICE)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_self_service_confirm_step_for_support_or_reseller_plans(site, lang, plan):
    """Neither the replies nor any page as that plan's reader sees it tell them to press
    "Confirm cancellation": they cancel through support or their reseller."""
    confirm = DATA.labels["confirm_cancellation"][lang]
    texts = replies(site, lang, plan)
    assert len(texts) >= 5, texts
    for reply in texts:
        assert confirm not in reply.read_text(encoding="utf-8"), reply
    for page in articles_of(site, lang):
        article = for_plan(BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser"), plan)
        assert confirm not in article.get_text(), page


@pytest.mark.parametrize("plan", [plan for plan in DATA.plans if plan not in DATA.procedure_plans["cancel_account"].plans])
@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_cancel_reply_gives_the_plans_own_way_first(site, lang, plan):
    """Right under the heading: the plan's note (support, the reseller, or nothing to do for a
    trial), and no numbered step anywhere."""
    text = (language_dir(site, lang) / "cancel-account" / f"cancel-account.{plan}.txt").read_text(encoding="utf-8")
    note = DATA.procedure_plans["cancel_account"].instead[plan]
    assert text.split("\n\n")[1] == render.note_text(DATA, lang, note, plan)
    assert not NUMBERED.search(text)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_trial_reply_says_there_is_nothing_to_do(site, lang):
    nothing_to_do = {"en": "There is nothing to do", "it": "Non devi fare nulla", "fr": "Vous n'avez rien à faire"}
    text = (language_dir(site, lang) / "cancel-account" / "cancel-account.trial.txt").read_text(encoding="utf-8")
    assert text.split("\n\n")[1].splitlines()[1].startswith(nothing_to_do[lang])


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_monthly_plan_gets_the_steps_then_the_pause(site, lang):
    text = (language_dir(site, lang) / "cancel-account" / "cancel-account.monthly.txt").read_text(encoding="utf-8")
    steps = NUMBERED.findall(text)
    assert len(steps) == len(DATA.procedures["cancel_account"])
    pause = render.note_text(DATA, lang, "pause_instead", "monthly")
    assert text.index(DATA.labels["confirm_cancellation"][lang]) < text.index(pause)


@pytest.mark.parametrize("plan", [plan for plan in DATA.plans if plan not in DATA.notes["pause_instead"].plans])
@pytest.mark.parametrize("lang", LANGUAGES)
def test_pausing_is_offered_only_to_plans_that_can_pause(site, lang, plan):
    for page in articles_of(site, lang):
        article = for_plan(BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser"), plan)
        if not article.select_one("[data-plan-picker]"):
            continue
        assert not article.select('[data-note="pause_instead"]'), page
        assert not article.select('a[href*="pause-billing/"]'), page  # a link to the pause article


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_monthly_plan_says_it_has_no_commitment(lang):
    no_commitment = {"en": "no commitment", "it": "senza vincoli", "fr": "sans engagement"}
    assert no_commitment[lang] in DATA.plans["monthly"][lang]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_applies_to_never_joins_plan_names_with_a_comma(site, lang):
    """"Commit annually, pay monthly" has a comma: the only commas in a list of plans are the names'."""
    applies_to = DATA.message(lang, "applies_to")
    by_name = {names[lang]: plan for plan, names in DATA.plans.items()}
    checked = 0
    for page in articles_of(site, lang):
        for scope in BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").select("article .plan-scope"):
            listed = scope.get_text().strip().strip("()").removeprefix(applies_to).strip()
            holder = scope.find_parent(attrs={"data-plans": True})
            names = [DATA.plans[plan][lang] for plan in holder["data-plans"].split()]
            assert listed.count(",") == sum(name.count(",") for name in names), (page, listed)
            assert listed.split(render.PLAN_SEPARATOR) == names and all(name in by_name for name in names)
            checked += 1
    assert checked >= 10


# --- Facts no source gives --------------------------------------------------------------------


def every_output(site: Path):
    for path in sorted(site.rglob("*")):
        if path.suffix in (".html", ".txt", ".md", ".json", ".csv") and path.is_file():
            yield path, path.read_text(encoding="utf-8")


def test_no_bare_cet_in_the_support_hours(site):
    """"CET" is wrong half the year (CEST); the hours name the time zone as a reader says it."""
    found = [path for path, text in every_output(site) if re.search(r"\bCET\b", text)]
    assert found == []


def test_no_promise_that_no_source_gives(site):
    """Support confirming "the date your new price starts" is in no source (issue 24)."""
    promises = {"en": "new price starts", "it": "nuovo prezzo", "fr": "nouveau tarif"}
    for lang, words in promises.items():
        assert words not in read_page(site, lang, "downgrade-plan").get_text(), lang


# --- Each language to the end of the page -----------------------------------------------------


@pytest.mark.parametrize("lang", TRANSLATIONS)
def test_no_english_theme_footer(site, lang):
    for page in articles_of(site, lang):
        footer = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").select_one("footer")
        assert "Made with" not in footer.get_text(), page
        assert not footer.select('a[href*="mkdocs-material"]'), page


def test_the_italian_headings_keep_the_products_words(site):
    """The content brief: the commitment's heading keeps "Commit Annually, Pay Monthly"; the
    product's Italian says "mettere in pausa la fatturazione", not "sospendere"."""
    assert "Commit Annually, Pay Monthly" in read_page(site, "it", "commit-annually-pay-monthly").find("h1").get_text()
    assert read_page(site, "it", "pause-billing").find("h1").get_text().strip("¶ ") == "Mettere in pausa la fatturazione"


# --- French typography in what the build wrote -----------------------------------------------


def page_texts(html: str):
    """What a reader gets of a built page: its text (scripts and code left out, the page config's
    JSON read as strings), and the attribute values it shows or announces."""
    soup = BeautifulSoup(html, "html.parser")
    for script in soup.find_all("script"):
        if script.get("type") == "application/json":
            yield from json_strings(json.loads(script.string or "null"))
        script.decompose()
    for tag in soup.find_all(["style", "code", "pre"]):
        tag.decompose()
    yield soup.get_text()
    for element in soup.find_all(True):
        for value in element.attrs.values():
            yield " ".join(value) if isinstance(value, list) else value


def json_strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from json_strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from json_strings(item)


def french_outputs(site: Path):
    """(file, text) for every French page, its Markdown twin, plain-text reply and JSON the build wrote."""
    french = language_dir(site, "fr")
    for path in sorted(french.rglob("*.html")):
        for text in page_texts(path.read_text(encoding="utf-8")):
            yield path, text
    for path in sorted([*french.rglob("*.txt"), *french.rglob("*.md")]):
        yield path, path.read_text(encoding="utf-8")
    for path in [site / "links-fr.json", *sorted(french.rglob("*.json"))]:
        for text in json_strings(json.loads(path.read_text(encoding="utf-8"))):
            yield path, text


def test_french_output_keeps_every_narrow_space(site):
    """The sources have U+202F before ; : ? ! (make check): so must every page, reply and JSON."""
    files = set()
    found = []
    for path, text in french_outputs(site):
        files.add(path)
        found += [f"{path.relative_to(site)}: {problem.message()}" for problem in typography.output_problems(text)]
    assert found == []
    assert site / "links-fr.json" in files and {path.suffix for path in files} >= {".html", ".txt", ".json"}


def test_the_output_check_finds_a_plain_space():
    assert [problem.found for problem in typography.output_problems("Vous changez d'avis ?")] == ["a plain space"]
    assert [problem.found for problem in typography.output_problems("Quelle partie\n?")] == ["a line break"]
    # A mark right after a word is the sources' check; in output it is an address or a file name.
    assert list(typography.output_problems("help.css?h=1 https://x.example/?plan=trial")) == []
    assert list(typography.output_problems("Vous changez d'avis\u202f?")) == []


def test_the_table_of_contents_keeps_a_headings_narrow_space():
    """Python-Markdown's toc names a heading with whitespace collapsed, U+202F included."""
    md = markdown.Markdown(extensions=["toc", "attr_list", "helpcentre.toc_titles"])
    md.convert("## Vous changez d'avis\u202f? { #change }\n\n## Tout est *prêt*\u00a0!\n")
    assert [token["name"] for token in md.toc_tokens] == ["Vous changez d'avis\u202f?", "Tout est prêt\u00a0!"]
    assert heading_name("<em>Tout</em> est\n  prêt\u202f?") == "Tout est prêt\u202f?"
