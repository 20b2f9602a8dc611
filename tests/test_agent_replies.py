"""Replies for support agents (issue 17): every procedure's list and steps have anchors that are
the same in every language, published like sections; each procedure is published as plain text
per language and plan; the agents' page lists the steps and copies a reply in the language and
for the plan an agent chooses, and an article does the same for an agent who turned it on.

The expected replies are worked out here from the built pages, read with BeautifulSoup: the
steps and notes a reader of that plan sees, as they read them."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from browser_checks import axe_violations, csp_violations, watch
from conftest import LANGUAGES, ROOT, build_site, copy_project, read_page
from helpcentre import links, outline, render, replies
from helpcentre.data import Note, load_data
from test_macros import small_data

DATA = load_data(ROOT / "data", LANGUAGES)
SITE_URL = "https://help.acme-campaigns.example/"
PLANS = ("", *DATA.plans)
ASCII_SPACES = re.compile(r"[ \t\r\n]+")  # not U+202F: French keeps its narrow spaces


def link_index(site: Path) -> dict:
    return json.loads((site / links.INDEX_JSON).read_text(encoding="utf-8"))


def page_entries(site: Path):
    """(article id, language, entry) for every page of links.json that shows a procedure."""
    for article in link_index(site)["articles"]:
        for lang, entry in article["languages"].items():
            if entry["procedures"]:
                yield article["id"], lang, entry


def text_of(element, plan: str) -> str:
    for scope in element.select(".plan-scope") if plan else []:
        scope.decompose()
    return ASCII_SPACES.sub(" ", element.get_text()).strip()


def applies(element, plan: str) -> bool:
    """What plans.js shows for `plan`: the element and every plan-limited block around it list it."""
    limited = [element] + element.find_parents(attrs={"data-plans": True})
    return not plan or all(plan in part.get("data-plans", plan).split() for part in limited)


def note_lines(note, plan: str) -> str:
    shown = [paragraph for paragraph in note.find_all("p")
             if not (plan and "plan-scope" in paragraph.get("class", []))]  # "Applies to" repeats the plan
    return "\n".join(text_of(paragraph, plan) for paragraph in shown)


def procedure_part(listing, plan: str) -> str:
    """What a reader of the plan sees of a procedure: its steps; when they are for other plans only,
    the note the procedure shows that plan instead (and, with the steps, their alternatives)."""
    block = listing.find_parent(attrs={"data-procedure-by-plan": True})
    if not applies(block if block is not None else listing, plan):
        return ""  # a plan-limited block around the whole procedure hides it
    lines = []
    if applies(listing, plan):
        if block is not None and not plan:
            lines.append(text_of(block.select_one(".procedure-steps > .plan-scope"), plan))
        items = [item for item in listing.find_all("li") if applies(item, plan)]
        lines += [f"{number}. {text_of(item, plan)}" for number, item in enumerate(items, 1)]
    notes = [note_lines(note, plan) for note in block.select("div.plan-note") if applies(note, plan)] \
        if block is not None else []
    return "\n\n".join(part for part in ["\n".join(lines), *notes] if part)


def expected_reply(site: Path, lang: str, article: str, procedure: dict, heading: str, plan: str) -> str:
    """The reply, read from the built page: the section's heading, what a reader of the plan sees of
    the procedure (or the line saying none of it is for them), every other note of the page they
    see, the link."""
    page = BeautifulSoup((site / urlpath(lang, article) / "index.html").read_text(encoding="utf-8"), "html.parser")
    listing = page.find("ol", id=procedure["anchor"])
    parts = [heading, procedure_part(listing, plan) or
             DATA.message(lang, "copy_reply", "not_for_plan").replace("{plan}", DATA.plans[plan][lang])]
    for note in page.select("article div.plan-note"):
        if applies(note, plan) and note.find_parent(attrs={"data-procedure-by-plan": True}) is None:
            parts.append(note_lines(note, plan))
    address = f"{SITE_URL}{urlpath(lang, article)}" + (f"?plan={plan}" if plan else "") + f"#{procedure['section']}"
    parts.append(f"{DATA.message(lang, 'copy_reply', 'link')} {address}")
    return "\n\n".join(parts) + "\n"


def urlpath(lang: str, article: str) -> str:
    return ("" if lang == "en" else f"{lang}/") + f"{article}/"


def heading_of(entry: dict, section: str) -> str:
    return next(s["heading"] for s in entry["sections"] if s["id"] == section)


# --- Anchors: the same in every language, from data/procedures.yml ---------------------------


def test_every_procedure_and_step_has_its_anchor_the_same_in_every_language(site):
    seen = {}
    for article, lang, entry in page_entries(site):
        page = read_page(site, lang, article if article != "index" else "index")
        for procedure in entry["procedures"]:
            listing = page.find("ol", id=procedure["anchor"])
            assert listing is not None and listing["data-procedure"] == procedure["id"], (article, lang)
            expected = [f"{procedure['id'].replace('_', '-')}-{step.id}" for step in DATA.procedures[procedure["id"]]]
            assert [item["id"] for item in listing.find_all("li", recursive=False)] == expected
            assert [step["anchor"] for step in procedure["steps"]] == expected
            seen.setdefault(article, {})[lang] = [procedure["anchor"], *expected]
    assert set(seen) >= {"cancel-account", "pause-billing", "before-you-cancel", "trial-accounts"}
    for article, by_language in seen.items():
        assert list(by_language) == list(LANGUAGES) and all(a == by_language["en"] for a in by_language.values()), article
    assert seen["cancel-account"]["en"][:2] == ["cancel-account-steps", "cancel-account-open-billing"]


def test_links_json_lists_each_step_with_its_text_and_each_reply(site):
    for article, lang, entry in page_entries(site):
        page = read_page(site, lang, article)
        for procedure in entry["procedures"]:
            for step in procedure["steps"]:
                item = page.find("li", id=step["anchor"])
                assert text_of(item, "all").startswith(step["text"]), (article, lang, step)
            assert [reply["plan"] for reply in procedure["replies"]] == list(PLANS)
            for reply in procedure["replies"]:
                assert reply["url"].startswith(SITE_URL + urlpath(lang, article))
                assert (site / reply["url"].removeprefix(SITE_URL)).is_file(), reply["url"]


def test_every_step_anchor_is_published_for_agents(site):
    """data/published-links.txt (make links) lists each list and step anchor of every language."""
    manifest = set(links.read_manifest(ROOT / "data" / links.MANIFEST_FILE))
    anchors = {f"/{entry['path']}#{anchor}" for _, _, entry in page_entries(site)
               for procedure in entry["procedures"]
               for anchor in [procedure["anchor"], *(step["anchor"] for step in procedure["steps"])]}
    assert len(anchors) >= 60
    assert anchors <= manifest, sorted(anchors - manifest)[:5]
    assert "/fr/cancel-account/#cancel-account-confirm" in anchors


# --- Replies as text, one per language and plan ----------------------------------------------


def reply_data():
    """test_macros' tiny data (step 2 for the trial only), with the wording a reply needs and a
    note for every plan."""
    data = small_data()
    messages = {**data.messages, "copy_reply": {
        "not_for_plan": {lang: f"not-for-{lang} ({{plan}})" for lang in LANGUAGES},
        "link": {lang: f"link-{lang}:" for lang in LANGUAGES}}}
    notes = {**data.notes, "everyone": Note(kind="info", text={lang: f"all-{lang}" for lang in LANGUAGES})}
    return small_data(messages=messages, notes=notes)


def test_plain_text_numbers_only_the_steps_a_plan_shows():
    data = reply_data()
    assert render.procedure_text(data, "it", "leave", "monthly") == "1. open Billing-it in Acme (it)"
    assert render.procedure_text(data, "it", "leave", "trial") == "1. open Billing-it in Acme (it)\n2. trial step (it)"
    assert render.procedure_text(data, "it", "leave") == \
        "1. open Billing-it in Acme (it)\n2. trial step (it) (applies-it: trial-it)"
    assert render.note_text(data, "fr", "pause", "monthly") == "tip-fr\npause-fr"
    assert render.note_text(data, "fr", "pause", "") == "tip-fr\napplies-fr: monthly-fr · trial-fr\npause-fr"
    assert render.note_text(data, "fr", "pause", "reseller") == ""


def test_a_reply_leaves_out_what_a_plan_limited_block_hides_from_that_plan():
    """A procedure and a note for every plan, both inside a block for the monthly plan only."""
    data = reply_data()
    monthly_only = (("monthly",),)
    placement = outline.Placement("leave", "how", monthly_only)
    notes = (outline.NotePlacement("everyone", monthly_only), outline.NotePlacement("pause", (("monthly", "trial"),)))
    assert replies.reply_text(data, "en", placement, notes, "monthly", "How", "https://x/en/leave/") == (
        "How\n\n1. open Billing-en in Acme (en)\n\ninfo-en\nall-en\n\ntip-en\npause-en\n\n"
        "link-en: https://x/en/leave/?plan=monthly#how\n")
    assert replies.reply_text(data, "en", placement, notes, "trial", "How", "https://x/en/leave/") == (
        "How\n\nnot-for-en (trial-en)\n\ntip-en\npause-en\n\nlink-en: https://x/en/leave/?plan=trial#how\n")
    assert replies.reply_file("leave_now", "trial") == "leave-now.trial.txt" and replies.reply_file("leave_now") == "leave-now.txt"



def test_a_reply_gives_a_plan_the_steps_are_not_for_its_own_note_in_their_place():
    """Issue 24: the trial's note right under the heading, no "not for your plan" line before it;
    the steps' own plan gets them, then their alternative. The notes the procedure shows are not
    repeated as the page's."""
    from test_macros import limited_data
    data = limited_data()
    messages = {**data.messages, **reply_data().messages}
    data = small_data(messages=messages, notes=data.notes, procedure_plans=data.procedure_plans)
    html = render.procedure_html(data, "en", "leave")
    page = outline.read(f'<h2 id="how">How</h2>{html}<div class="admonition" data-note="everyone"></div>')
    assert page.procedures == (outline.Placement("leave", "how", ()),)
    assert [note.note for note in page.notes] == ["everyone"]
    reply = replies.reply_text(data, "en", page.procedures[0], page.notes, "trial", "How", "https://x/en/leave/")
    assert reply == "How\n\ninfo-en\ntrial-way-en\n\ninfo-en\nall-en\n\nlink-en: https://x/en/leave/?plan=trial#how\n"
    reply = replies.reply_text(data, "en", page.procedures[0], page.notes, "monthly", "How", "https://x/en/leave/")
    assert reply.startswith("How\n\n1. open Billing-en in Acme (en)\n\ntip-en\npause-en\n\ninfo-en\nall-en\n\n")


def test_each_procedure_is_published_as_text_per_language_and_plan(site):
    checked = 0
    for article, lang, entry in page_entries(site):
        for procedure in entry["procedures"]:
            heading = heading_of(entry, procedure["section"])
            for reply in procedure["replies"]:
                text = (site / reply["url"].removeprefix(SITE_URL)).read_text(encoding="utf-8")
                assert text == expected_reply(site, lang, article, procedure, heading, reply["plan"]), \
                    (article, lang, reply["plan"])
                checked += 1
    assert checked == 5 * 3 * len(PLANS)  # five procedures on four articles, three languages


def test_the_french_trial_reply_says_there_is_nothing_to_do(site):
    """A trial needs no cancelling: its reply is the trial's note, right under the heading."""
    text = (site / "fr" / "cancel-account" / "cancel-account.trial.txt").read_text(encoding="utf-8")
    assert not re.search(r"^\d+\. ", text, re.M)                        # no self-service steps
    assert text.split("\n\n")[1] == "Bon à savoir\nVous n'avez rien à faire\u202f: l'essai expire tout simplement. " \
                                    "Rien ne vous est facturé, sauf si vous passez vous-même à une formule payante."
    assert "Au lieu de résilier, vous pouvez suspendre" not in text     # the monthly plan's
    assert DATA.message("fr", "applies_to") not in text                 # no "Applies to" for the plan chosen
    assert text.endswith(f"L'article complet\u202f: {SITE_URL}fr/cancel-account/?plan=trial#steps\n")


def test_the_french_monthly_reply_gives_the_steps_then_the_pause(site):
    text = (site / "fr" / "cancel-account" / "cancel-account.monthly.txt").read_text(encoding="utf-8")
    steps = [line for line in text.splitlines() if re.match(r"\d+\. ", line)]
    assert len(steps) == len(DATA.procedures["cancel_account"])
    assert text.index("5. ") < text.index("Au lieu de résilier, vous pouvez suspendre")
    assert "Facturation et mise à niveau" in text and "<b" not in text  # the label as on screen, as text
    assert "Customer Success\u202f: sélectionnez" in text               # French typography kept


def test_steps_for_another_plan_are_not_offered_to_a_trial(site):
    text = (site / "it" / "pause-billing" / "pause-billing.trial.txt").read_text(encoding="utf-8")
    assert not re.search(r"^\d+\. ", text, re.M)
    assert "Questi passaggi non valgono per il tuo piano (Prova gratuita)." in text
    assert "Non devi fare nulla" in text and "Con questa formula non puoi mettere in pausa" not in text
    monthly = (site / "it" / "pause-billing" / "pause-billing.monthly.txt").read_text(encoding="utf-8")
    assert re.search(r"^2\. Nella pagina Fatturazione & Upgrade, seleziona Metti in pausa la fatturazione", monthly, re.M)


# --- The agents' page ----------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGUAGES)
def test_agents_page_lists_the_steps_and_links_every_reply(site, lang):
    page = read_page(site, lang, "agents")
    rows = {row["data-section"]: row for row in page.select(".agent-links__table tbody tr")
            if row["data-article"] == "cancel-account"}
    step = rows["cancel-account-confirm"]
    assert step.select_one("button.link-copy")["data-url"] == f"{SITE_URL}{urlpath(lang, 'cancel-account')}#cancel-account-confirm"
    step_text = read_page(site, lang, "cancel-account").find("li", id="cancel-account-confirm").get_text()
    assert step.find_all("td")[1].get_text(" ", strip=True) == f"5. {step_text} #cancel-account-confirm"
    holder = rows["steps"].select_one(".agent-reply")
    folder = site / "agents" if lang == "en" else site / lang / "agents"
    for code in LANGUAGES:
        base = (folder / holder[f"data-reply-{code}"]).resolve()
        assert all(Path(f"{base}{'.' + plan if plan else ''}.txt").is_file() for plan in PLANS), code
    texts = holder.select(".agent-reply__texts a")
    assert [a.get_text() for a in texts] == [DATA.message(lang, "all_plans"), *(n[lang] for n in DATA.plans.values())]
    assert all((folder / a["href"]).resolve().is_file() for a in texts)
    assert holder.select_one("button.reply-copy").get_text() == DATA.message(lang, "copy_reply", "button")
    options = page.select("#agent-reply-language option")
    assert [o["value"] for o in options] == list(LANGUAGES) and page.select_one("#agent-reply-language option[selected]")["value"] == lang
    assert [o["value"] for o in page.select("#agent-reply-plan option")] == list(PLANS)


def test_copy_reply_for_the_trial_plan_in_french(site, site_server, page):
    """From the English agents' page: French, free trial, the cancel steps: exactly what a French
    trial reader sees, with the link, read back from Chromium's clipboard."""
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_server)
    page.goto(site_server + "/agents/")
    page.select_option("#agent-reply-language", "fr")
    page.select_option("#agent-reply-plan", "trial")
    row = page.locator('.agent-links__table tr[data-article="cancel-account"][data-section="steps"]')
    row.locator("button.reply-copy").click()
    row.locator(".agent-reply__status").filter(has_text=DATA.message("en", "copy_reply", "copied")).wait_for()
    entry = next(e for a, lang, e in page_entries(site) if (a, lang) == ("cancel-account", "fr"))
    expected = expected_reply(site, "fr", "cancel-account", entry["procedures"][0], heading_of(entry, "steps"), "trial")
    assert page.evaluate("navigator.clipboard.readText()") == expected
    assert "Free trial, Français" in row.locator(".agent-reply__status").inner_text()
    # The text links follow the language chosen.
    assert row.locator(".agent-reply__texts a").nth(3).get_attribute("href").endswith("/fr/cancel-account/cancel-account.trial.txt")


def test_an_article_offers_copy_reply_only_to_an_agent_who_turned_it_on(site, site_server, page):
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_server)
    page.goto(site_server + "/it/cancel-account/?plan=monthly")
    assert page.locator(".agent-reply").count() == 0            # a reader's page: nothing added
    page.goto(site_server + "/it/agents/")
    page.check("#agent-reply-mode")
    page.goto(site_server + "/it/cancel-account/?plan=monthly")
    bar = page.locator("article .agent-reply")
    assert bar.count() == 1
    assert bar.locator(".agent-reply__text").inner_text() == DATA.plans["monthly"]["it"]
    bar.locator("button.reply-copy").click()
    bar.locator(".agent-reply__status").filter(has_text=DATA.message("it", "copy_reply", "copied")).wait_for()
    expected = (site / "it" / "cancel-account" / "cancel-account.monthly.txt").read_text(encoding="utf-8")
    assert page.evaluate("navigator.clipboard.readText()") == expected
    # Another plan in the chooser: the next reply is that plan's.
    page.select_option("[data-plan-picker] select", "reseller")
    assert bar.locator(".agent-reply__text").get_attribute("href") == "cancel-account.reseller.txt"
    page.goto(site_server + "/it/agents/")
    page.uncheck("#agent-reply-mode")
    page.goto(site_server + "/it/cancel-account/")
    assert page.locator(".agent-reply").count() == 0


def test_copy_reply_controls_are_clean_in_axe(nginx_site, page):
    """Through nginx (CSP, permissions policy): the agents' page with a reply copied, and an
    article with the agent's bar; the copy itself needs no clipboard reading."""
    seen = watch(page)
    page.goto(nginx_site + "/fr/agents/")
    page.select_option("#agent-reply-plan", "trial")
    page.check("#agent-reply-mode")
    row = page.locator('.agent-links__table tr[data-article="cancel-account"][data-section="steps"]')
    row.locator("button.reply-copy").click()
    row.locator(".agent-reply__status").filter(has_text=DATA.message("fr", "copy_reply", "copied")).wait_for()
    assert axe_violations(page) == []
    page.goto(nginx_site + "/fr/pause-billing/?plan=monthly")
    assert page.locator("article .agent-reply").count() == 2
    page.locator("article .agent-reply button").first.click()
    page.locator("article .agent-reply__status").first.filter(has_text=DATA.message("fr", "copy_reply", "copied")).wait_for()
    assert axe_violations(page) == []
    assert csp_violations(page) == [] and seen.console_errors == [] and seen.outside_requests == []


def test_without_javascript_the_agents_page_links_each_reply_as_text(nginx_site, browser):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(nginx_site + "/fr/agents/")
        row = page.locator('.agent-links__table tr[data-article="cancel-account"][data-section="steps"]')
        assert not row.locator("button.reply-copy").is_visible() and not page.locator(".agent-replies").is_visible()
        link = row.locator(".agent-reply__texts a", has_text=DATA.plans["trial"]["fr"])
        assert link.is_visible()
        with page.expect_response(lambda response: response.url.endswith(".trial.txt")) as answer:
            link.click()
        assert answer.value.headers["content-type"] == "text/plain; charset=utf-8"
        assert "Vous n'avez rien à faire" in page.locator("body").inner_text()
    finally:
        context.close()


# --- Mistakes stop the build ---------------------------------------------------------------------


def test_a_procedure_shown_twice_on_a_page_stops_the_build(tmp_path):
    project = copy_project(tmp_path / "project")
    page = project / "docs" / "en" / "trial-accounts.md"
    page.write_text(page.read_text(encoding="utf-8").replace(
        "## When the trial ends", "{{ procedure('export_contacts') }}\n\n## When the trial ends"), encoding="utf-8")
    result = build_site(project, tmp_path / "site")
    assert result.returncode != 0
    assert ("docs/en/trial-accounts.md: the anchor(s) #export-contacts-export, #export-contacts-open-contacts, "
            "#export-contacts-select-contacts, #export-contacts-steps are on the page more than once") in result.stderr


def test_a_renamed_step_id_needs_an_alias_and_then_old_links_still_land(tmp_path):
    project = copy_project(tmp_path / "project")
    procedures = project / "data" / "procedures.yml"
    procedures.write_text(procedures.read_text(encoding="utf-8").replace("- id: confirm\n", "- id: confirm-cancellation\n"),
                          encoding="utf-8")
    result = build_site(project, tmp_path / "site")
    assert result.returncode != 0
    assert ("/cancel-account/#cancel-account-confirm: the section #cancel-account-confirm is gone from "
            "cancel-account.md (en); add 'cancel-account-confirm: <new-id>'") in result.stderr
    redirects = project / "data" / "redirects.yml"
    redirects.write_text(redirects.read_text(encoding="utf-8").replace(
        "    by-plan: steps\n", "    by-plan: steps\n    cancel-account-confirm: cancel-account-confirm-cancellation\n"),
        encoding="utf-8")
    result = build_site(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr[-2000:]
    for lang in LANGUAGES:
        step = read_page(tmp_path / "site", lang, "cancel-account").find("li", id="cancel-account-confirm-cancellation")
        assert step.find("span", id="cancel-account-confirm") is not None, lang
