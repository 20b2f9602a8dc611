"""Answers assistants can reuse (issue 28): /llms.txt in the llmstxt.org format lists every article of
every language with its title and description; every article has a Markdown twin beside its page
(/it/pause-billing/index.md), named in the page's head, with the macros as plain Markdown, the page's
own anchors, and a part per plan where the article differs by plan. Read from the real build."""

from __future__ import annotations

import dataclasses
import html
import http.client
import json
import re
import signal
from urllib.parse import urlparse

import pytest

from conftest import ARTICLES, LANGUAGES, ROOT, SITE, language_dir, page_path, read_page
from helpcentre import llms, render
from helpcentre.data import Step, load_data

DATA = load_data(ROOT / "data", LANGUAGES)
LIST_ITEM = re.compile(r"^- \[(?P<title>[^\]]+)\]\((?P<url>[^)]+)\)(?:: (?P<description>.+))?$")


def twin_path(site, lang: str, article: str):
    return site / page_path(lang, article).lstrip("/") / llms.TWIN


def twin(site, lang: str, article: str) -> str:
    return twin_path(site, lang, article).read_text(encoding="utf-8")


def meta_description(page) -> str:
    return page.find("meta", attrs={"name": "description"})["content"]


# --- llms.txt ----------------------------------------------------------------------------------


def test_llms_txt_lists_every_article_of_every_language_with_its_title_description_and_twin(site):
    text = (site / "llms.txt").read_text(encoding="utf-8")
    lines = text.splitlines()
    titles = {(lang, article["id"]): page["title"]  # as the agents' link index has them, from each page
              for article in json.loads((site / "links.json").read_text(encoding="utf-8"))["articles"]
              for lang, page in article["languages"].items()}
    # llmstxt.org: an H1 with the site's name, a blockquote summary, then H2 sections of link lists.
    assert lines[0] == "# Acme Campaigns Help Centre" and lines[2].startswith("> How to cancel")
    sections = [line[3:] for line in lines if line.startswith("## ")]
    assert sections == [SITE.names[lang] for lang in LANGUAGES]
    assert not [line for line in lines if line.startswith("#") and not line.startswith(("# ", "## "))]
    for lang, body in zip(LANGUAGES, text.split("\n## ")[1:]):
        entries = [LIST_ITEM.match(line) for line in body.splitlines()[1:] if line.strip()]
        assert all(entries), body
        listed = {}
        for entry in entries:
            url = urlparse(entry["url"])
            assert url.path.endswith("/" + llms.TWIN)
            listed[url.path.removesuffix(llms.TWIN)] = entry
        assert set(listed) == {page_path(lang, article) for article in ARTICLES}, lang
        for article in ARTICLES:
            entry, page = listed[page_path(lang, article)], read_page(site, lang, article)
            assert entry["title"] == titles[(lang, article)]
            assert entry["description"] == meta_description(page)
            assert twin_path(site, lang, article).is_file()
    assert "agents" not in text, "the agents' page is no article"


def test_each_language_publishes_its_own_part_which_is_an_llms_txt_of_its_own(site):
    union = (site / "llms.txt").read_text(encoding="utf-8")
    for lang in LANGUAGES:
        part = (site / llms.part_name(lang)).read_text(encoding="utf-8")
        assert part.startswith("# ") and f"\n## {SITE.names[lang]}\n" in part
        assert "## " + part.split("\n## ", 1)[1].strip() in union
    italian = (site / llms.part_name("it")).read_text(encoding="utf-8")
    assert italian.startswith("# Centro assistenza Acme Campaigns\n\n> Come annullare")


# --- The twins --------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_twin_has_the_pages_title_words_anchors_and_no_markup(site, lang):
    for article in ARTICLES:
        page, text = read_page(site, lang, article), twin(site, lang, article)
        content = page.select_one("article")
        title = content.find("h1")
        assert text.startswith(f"# {title.get_text().rstrip('¶').strip()} {{#{title['id']}}}\n"), article
        assert f"> {meta_description(page)}" in html.unescape(text)
        ids = [node["id"] for node in content.select("h2[id], h3[id], ol.procedure[id], ol.procedure > li[id]")]
        assert [anchor for anchor in ids if f"{{#{anchor}}}" not in text] == [], article
        assert not re.search(r"<[a-z/][^>]*>", text), "Markdown, no HTML"
        assert "¶" not in text and "plan-picker" not in text
        # Every link is absolute, to the site itself or an e-mail address.
        for target in re.findall(r"\]\(([^)]+)\)", text):
            assert target.startswith((SITE.site_url, "mailto:")), target
        # The page's head names it, as the alternate for tools that read Markdown.
        alternate = page.find("link", attrs={"rel": "alternate", "type": "text/markdown"})
        assert alternate["href"] == SITE.url(lang, article) + llms.TWIN


def test_steps_are_numbered_with_labels_in_bold_and_their_anchors(site):
    text = twin(site, "it", "cancel-account")
    steps = [line for line in text.splitlines() if re.match(r"^\d+\. ", line)]
    assert steps[0] == ("1. Accedi, apri il menu del profilo e scegli **Billing & Upgrade**. "
                        "{#cancel-account-open-billing}")
    assert [line.split(". ", 1)[0] for line in steps] == ["1", "2", "3", "4", "5"]
    assert steps[-1].endswith("{#cancel-account-confirm}")
    # The agents' link to that step is the page's address and the same anchor.
    assert "https://help.acme-campaigns.example/it/cancel-account/#cancel-account-steps" in text


def test_an_article_that_differs_by_plan_has_a_part_per_plan_with_only_that_plans_notes(site):
    text = twin(site, "en", "cancel-account")
    # Issue 24: each plan's own way to cancel is in #steps (the steps, or the plan's note instead).
    by_plan = text.split("## How to cancel {#steps}")[1].split("\n## ")[0]
    parts = dict(re.findall(r"### For the plan: ([^\n]+)\n\n(.*?)(?=\n### |\Z)", by_plan, re.S))
    assert list(parts) == [names["en"] for names in DATA.plans.values()]
    name = {plan: names["en"] for plan, names in DATA.plans.items()}
    notes = {name[plan]: render.note_text(DATA, "en", note).splitlines()[-1]
             for plan, note in (("monthly", "pause_instead"), ("trial", "trial_no_cancel"),
                                ("reseller", "reseller_handles_it"))}
    for plan, note in notes.items():
        assert note in parts[plan]
        assert [other for other, words in notes.items() if other != plan and words in parts[plan]] == []
    assert "On the page, for this plan: https://help.acme-campaigns.example/cancel-account/?plan=trial#steps" \
        in parts[name["trial"]]
    assert "*Applies to" not in by_plan, "each part is one plan's: no plan to name"
    # A section for one plan only is written once, saying which plan.
    pause = twin(site, "en", "pause-billing").split("## How to pause {#pause}")[1].split("\n## ")[0]
    assert f"*Applies to: {name['monthly']}*" in pause and "For the plan" not in pause
    # The steps are the same for every plan: written once.
    assert text.count("{#cancel-account-confirm}") == 1


def test_a_procedure_with_steps_for_some_plans_gives_each_plan_its_own_numbered_steps():
    steps = (Step("open", {lang: "Open billing." for lang in LANGUAGES}),
             Step("pause", {lang: "Pause it." for lang in LANGUAGES}, ("monthly",)),
             Step("write", {lang: "Write to support." for lang in LANGUAGES}, ("trial", "reseller")),
             Step("done", {lang: "Done." for lang in LANGUAGES}))
    data = dataclasses.replace(DATA, procedures={**DATA.procedures, "stop": steps})
    content = ('<h1 id="stop">Stop</h1>\n<h2 id="how">How</h2>\n' + render.procedure_html(data, "en", "stop"))
    plans = {plan: names["en"] for plan, names in data.plans.items()}
    texts = llms.TwinTexts(**{key: data.message("en", "markdown_twin", key)
                              for key in ("page", "anchors", "by_plan", "plan_part", "plan_link")})
    text = llms.markdown_twin(content, "https://x.example/stop/", "", plans, texts)
    part = lambda plan: text.split(f"### For the plan: {plans[plan]}\n")[1].split("\n### ")[0]  # noqa: E731
    assert re.findall(r"^\d+\. .*$", part("monthly"), re.M) == [
        "1. Open billing. {#stop-open}", "2. Pause it. {#stop-pause}", "3. Done. {#stop-done}"]
    assert re.findall(r"^\d+\. .*$", part("trial"), re.M) == [
        "1. Open billing. {#stop-open}", "2. Write to support. {#stop-write}", "3. Done. {#stop-done}"]
    assert "Pause it" not in part("annual_commit_monthly_pay") and "Write to" not in part("annual_commit_monthly_pay")
    assert "Where the article differs by plan, each plan has its own part" in text


def test_a_page_shown_in_english_in_another_language_says_so(site, tmp_path):
    """The twin of an untranslated page carries the readers' notice, as the page does."""
    from conftest import build_site, copy_project

    project = copy_project(tmp_path / "project")
    (project / "docs" / "it" / "trial-accounts.md").unlink()
    result = build_site(project, tmp_path / "built")
    assert result.returncode == 0, result.stderr
    text = twin(tmp_path / "built", "it", "trial-accounts")
    assert DATA.message("it", "untranslated_notice") in text and text.startswith("# Trial accounts")
    listed = (tmp_path / "built" / "llms.txt").read_text(encoding="utf-8")
    assert "- [Trial accounts](https://help.acme-campaigns.example/it/trial-accounts/index.md)" in listed


def test_nginx_serves_a_twin_as_markdown(nginx_served):
    connection = http.client.HTTPConnection(urlparse(nginx_served.url).netloc, timeout=10)
    connection.request("GET", "/fr/pause-billing/index.md")
    response = connection.getresponse()
    body = response.read().decode("utf-8")
    assert (response.status, response.getheader("Content-Type")) == (200, "text/markdown; charset=utf-8")
    assert body.startswith("# Suspendre la facturation {#pause-billing}")
    connection.request("GET", "/llms.txt")
    response = connection.getresponse()
    assert (response.status, response.getheader("Content-Type")) == (200, "text/plain; charset=utf-8")
    assert f"{nginx_served.url}/it/pause-billing/index.md" in response.read().decode("utf-8")
    connection.close()


def test_the_parallel_build_writes_llms_txt_from_every_language(tmp_path):
    from helpcentre import cli

    # cli.run, not build(): it gives this process its Ctrl-C and `kill` back when the build is done.
    assert cli.run(["build", "--config-file", str(ROOT / "mkdocs.yml"), "--site-dir", str(tmp_path / "site")]) == 0
    held = signal.pthread_sigmask(signal.SIG_BLOCK, set())
    assert not held & {signal.SIGINT, signal.SIGTERM}, "processes started from here on would ignore kill"
    text = (tmp_path / "site" / "llms.txt").read_text(encoding="utf-8")
    assert [line for line in text.splitlines() if line.startswith("## ")] == \
        [f"## {SITE.names[lang]}" for lang in LANGUAGES]
    assert (language_dir(tmp_path / "site", "fr") / "cancel-account" / llms.TWIN).is_file()
