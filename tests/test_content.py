"""What the articles say (issue 13), read on the real build in every language: the answer comes
first, the seed facts of the content brief are all there, the cancel path uses the product's
own labels in order, and every "contact support" gives the address."""

from __future__ import annotations

import re

import pytest

from conftest import ARTICLES, LANGUAGES, ROOT, read_page
from helpcentre.data import PLACEHOLDER, load_data

DATA = load_data(ROOT / "data", LANGUAGES)
TASK_ARTICLES = [article for article in ARTICLES if article != "index"]

# The seed facts of ../shared/content-brief.md, as the parts of the data each article must show
# (so the check holds in every language): procedures, notes, labels, and a support address.
SEED_FACTS = {
    "cancel-account": {
        "procedures": ["cancel_account"],
        "notes": ["primary_admin_only", "pause_instead", "annual_through_support", "trial_no_cancel",
                  "reseller_handles_it"],
        "sections": {"change-your-mind": ["confirm_cancellation"]},
        "support": True,  # sorry to see you go: tell support what is not working
    },
    "pause-billing": {"procedures": ["pause_billing", "resume_billing"], "notes": ["pause_monthly_only"],
                      "list_items": {"while-paused": 3}},
    "downgrade-plan": {"notes": ["pause_instead"], "support": True},
    "commit-annually-pay-monthly": {"notes": ["annual_through_support"], "support": True,
                                    "sections": {"cancelling": ["billing_page"]}},
    "trial-accounts": {"notes": ["trial_no_cancel"], "procedures": ["export_contacts"]},
    "reseller-accounts": {"notes": ["reseller_handles_it"]},
    "before-you-cancel": {"procedures": ["export_contacts"], "sections": {"download-results": ["reports"]},
                          "list_items": {"connected-services": 2}},
    "after-you-cancel": {"support": True},
}
# Data ids of the cancel path, in the order a reader meets them on screen (content brief).
CANCEL_PATH = ["billing_upgrade", "billing_page", "change_payment_method", "change_payment_method",
               "cancel_my_account", "book_session", "confirm_cancellation"]
# The product's Italian screens, word for word (content brief, "The product's Italian screens").
ITALIAN_SCREENS = {
    "billing_upgrade": "Billing & Upgrade",          # the profile-menu entry, left in English
    "billing_page": "Fatturazione & Upgrade",        # the page, as running text names it
    "change_payment_method": "Modifica metodo di pagamento",
    "cancel_my_account": "Annulla il mio account",
    "confirm_cancellation": "Conferma annullamento",
}
# English wording that tells the reader to get in touch with support.
CONTACT_SUPPORT = re.compile(r"\b(contact|write to|ask)\s+(our\s+)?(customer\s+)?support\b", re.I)


def each_task_page():
    return [(lang, slug) for lang in LANGUAGES for slug in TASK_ARTICLES]


def each_seeded_page():
    return [(lang, slug) for lang in LANGUAGES for slug in SEED_FACTS]


def body(page):
    """The article without the call to action and date that every page ends with."""
    article = page.find("article")
    for extra in article.select(".help-contact, .help-updated"):
        extra.decompose()
    return article


def section(article, section_id):
    """The elements from a heading to the next heading of the same level."""
    heading = article.find(id=section_id)
    assert heading is not None, f"no section #{section_id}"
    parts = []
    for sibling in heading.find_all_next():
        if sibling.name == heading.name:
            break
        parts.append(sibling)
    return parts


def test_every_article_with_seed_facts_is_there():
    """The content brief's articles all exist (a new article, `make new`, has no seed facts)."""
    assert set(SEED_FACTS) <= set(TASK_ARTICLES)


@pytest.mark.parametrize("lang,slug", each_task_page())
def test_the_article_answers_before_its_first_section(site, lang, slug):
    """Title, then one paragraph that answers: no box, list or heading comes first."""
    children = [child for child in body(read_page(site, lang, slug)).find_all(recursive=False)
                if not child.has_attr("data-plan-picker") and "section-alias" not in child.get("class", [])]
    assert children[0].name == "h1"
    assert children[1].name == "p", f"{lang}/{slug} opens with <{children[1].name}>, not its answer"
    assert children[2].name == "h2" or children[2].get("class") == ["plan-section"]
    answer = children[1].get_text(" ", strip=True)
    # The support address and hours are part of an answer, not words to read through.
    answer = answer.replace(f"{DATA.support_email} ({DATA.support_hours[lang]})", "")
    assert len(re.findall(r"[.!?…](?=\s|$)", answer)) <= 2, f"{lang}/{slug}: more than two sentences"
    assert len(answer.split()) <= 60, f"{lang}/{slug}: {len(answer.split())} words before the first section"


@pytest.mark.parametrize("lang,slug", each_seeded_page())
def test_the_seed_facts_are_all_there(site, lang, slug):
    facts = SEED_FACTS[slug]
    article = body(read_page(site, lang, slug))
    shown_procedures = [ol["data-procedure"] for ol in article.select("ol.procedure")]
    shown_notes = [box["data-note"] for box in article.select("[data-note]")]
    assert set(facts.get("procedures", [])) <= set(shown_procedures), shown_procedures
    assert set(facts.get("notes", [])) <= set(shown_notes), shown_notes
    for section_id, labels in facts.get("sections", {}).items():
        shown = [label.get_text() for part in section(article, section_id) for label in part.select(".ui-label")]
        for label in labels:
            assert DATA.labels[label][lang] in shown, f"#{section_id} does not cite {label}"
    for section_id, count in facts.get("list_items", {}).items():
        items = [item for part in section(article, section_id) if part.name == "ul" for item in part.find_all("li")]
        assert len(items) == count, f"#{section_id}"
    if facts.get("support"):
        assert article.select(f'a[href="mailto:{DATA.support_email}"]'), "no support address"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_cancel_path_cites_the_screens_in_order(site, lang):
    steps = read_page(site, lang, "cancel-account").select_one('ol.procedure[data-procedure="cancel_account"]')
    assert [label.get_text() for label in steps.select(".ui-label")] == [DATA.labels[i][lang] for i in CANCEL_PATH]


def test_italian_labels_are_the_italian_screens_word_for_word():
    assert {label: DATA.labels[label]["it"] for label in ITALIAN_SCREENS} == ITALIAN_SCREENS
    assert DATA.plans["annual_commit_monthly_pay"]["it"] == "Impegno annuale, pagamento mensile"


@pytest.mark.parametrize("slug", TASK_ARTICLES)
def test_every_contact_support_gives_the_address(site, slug):
    """Checked on the English words; every language then shows as many addresses."""
    english = body(read_page(site, "en", slug))
    for block in english.find_all(["p", "li"]):
        if CONTACT_SUPPORT.search(block.get_text(" ")):
            assert block.select_one("a[href^='mailto:']"), f"en/{slug}: {block.get_text(' ', strip=True)!r}"
    count = len(english.select("a[href^='mailto:']"))
    for lang in LANGUAGES:
        assert len(body(read_page(site, lang, slug)).select("a[href^='mailto:']")) == count, lang


def test_every_data_text_that_says_contact_support_gives_the_address():
    texts = {f"note {note_id}": note.text["en"] for note_id, note in DATA.notes.items()}
    texts |= {f"procedure {proc_id} step {number}": step.text["en"]
              for proc_id, steps in DATA.procedures.items() for number, step in enumerate(steps, 1)}
    for where, text in texts.items():
        if CONTACT_SUPPORT.search(text):
            assert "{support}" in {match.group(0) for match in PLACEHOLDER.finditer(text)}, where


def test_no_english_text_puts_a_or_an_before_the_product_name():
    """'an {product}' reads wrong once the product is renamed; say 'your {product} account'."""
    sources = [path.read_text(encoding="utf-8") for path in (ROOT / "docs" / "en").glob("*.md")]
    sources += [path.read_text(encoding="utf-8") for path in (ROOT / "data").glob("*.yml")]
    article_before_name = re.compile(r"\b(a|an)\s+(\{product\}|\{\{\s*product\(\)\s*\}\})", re.I)
    assert [match.group(0) for text in sources for match in article_before_name.finditer(text)] == []
