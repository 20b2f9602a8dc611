"""Answers assistants can reuse (issue 28): every article's Markdown twin, and /llms.txt.

The twin of /it/pause-billing/ is /it/pause-billing/index.md: beside the page's index.html, where
mkdocs-llmstxt writes its own twins, so the address would stay if the site moved to it. It is the
page's content read as Markdown by the same reader as the agents' replies (helpcentre/render.py:
the macros' own HTML read back, never a second renderer): steps as numbered lists, notes as
quotes naming their plans, labels in bold, links absolute, and every heading, list and step with
its anchor as `{#id}`, the same ids as the page and the agents' links. Where a section differs by
plan (a note or a step for some plans only), it is written once per plan that sees something in
it, as that plan's readers see it, so an assistant quotes the steps of the customer's plan.

/llms.txt follows llmstxt.org: the site's name, its description, then one section per language
listing every article with its title, its one-line description and its twin. Each language's
build writes its own part, llms-<lang>.txt (itself an llms.txt for that language), and llms.txt
is their union, written once every part is there (`write_union`), as links.json is made.

mkdocs-llmstxt (0.5, in maintenance) was looked at first: it writes one llms.txt per build, so
with one build per language the last language's would win; its twins are the final HTML through
markdownify, which drops the ids of steps and cannot tell one plan's steps from another's.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .render import PLAN_SEPARATOR, Block, markdown_blocks, markdown_text

TWIN = "index.md"          # the twin's file name, beside the page's index.html
UNION = "llms.txt"
PART = "llms-{lang}.txt"   # one language's part, published too


@dataclass(frozen=True)
class TwinTexts:
    """The twin's own words, in the page's language (data/messages.yml: markdown_twin)."""
    page: str        # "Page: {url}"
    anchors: str     # "… as {anchor}: its link is {example}."
    by_plan: str     # "… each plan has its own part: {plans}."
    plan_part: str   # "For the plan: {plan}"
    plan_link: str   # "On the page, for this plan: {link}"
    notice: str = ""  # a page shown in English in another language: the readers' notice


@dataclass(frozen=True)
class Entry:
    """One article in a language's part of llms.txt."""
    title: str
    description: str
    twin_url: str


def twin_url(page_url: str) -> str:
    """The twin's absolute address: the page's (a folder URL) and index.md."""
    return page_url + TWIN


# ---------------------------------------------------------------------------
# The twin
# ---------------------------------------------------------------------------


def markdown_twin(content: str, url: str, description: str, plans: dict[str, str], texts: TwinTexts) -> str:
    """An article's twin from its content HTML (the body Markdown made, macros included).
    `plans`: {plan id: its name in the page's language}, in the site's order."""
    everyone = markdown_blocks(content, "", url)
    by_plan = {plan: markdown_blocks(content, plan, url) for plan in plans}
    sections = list(dict.fromkeys(block.section for block in everyone))
    written: list[Block] = []
    differs = False
    for section in sections:
        part = _section(section, everyone, by_plan, plans, url, texts)
        differs = differs or part is not None
        written += part if part is not None else [block for block in everyone if block.section == section]
    title = written[:1] if written and written[0].text.startswith("# ") else []
    header = [texts.notice] if texts.notice else []
    header += [f"> {description}"] if description else []
    header.append(texts.page.replace("{url}", url))
    anchor = next((block for kind in ("anchor", "item", "heading") for block in everyone
                   if block.kind == kind and block.text.endswith("}") and "{#" in block.text and block.section), None)
    if anchor is not None:
        anchor_id = anchor.text[anchor.text.rindex("{#") + 2:-1]
        header.append(texts.anchors.replace("{anchor}", f"{{#{anchor_id}}}").replace("{example}", f"{url}#{anchor_id}"))
    if differs:
        header.append(texts.by_plan.replace("{plans}", PLAN_SEPARATOR.join(plans.values())))
    return markdown_text(title + [Block("", "paragraph", text, 0) for text in header] + written[len(title):])


def _section(section: str, everyone: list[Block], by_plan: dict[str, list[Block]], plans: dict[str, str],
             url: str, texts: TwinTexts) -> list[Block] | None:
    """A section written once per plan, or None when every plan that sees it sees the same."""
    seen = {plan: [block for block in blocks if block.section == section] for plan, blocks in by_plan.items()}
    seen = {plan: blocks for plan, blocks in seen.items() if blocks}
    if len({markdown_text(blocks) for blocks in seen.values()}) <= 1:
        return None
    own = [block for block in everyone if block.section == section]
    heading = own[:1] if own and own[0].kind == "heading" and section else []
    written = list(heading)
    for plan, blocks in seen.items():
        if heading and blocks[0].text == heading[0].text:
            blocks = blocks[1:]
        written.append(Block(section, "heading", "#" * (_level(heading) + 1) + " "
                             + texts.plan_part.replace("{plan}", plans[plan]), 0))
        link = f"{url}?plan={plan}" + (f"#{section}" if section else "")
        written.append(Block(section, "paragraph", texts.plan_link.replace("{link}", link), 0))
        written += [Block(block.section, block.kind, "#" + block.text if block.kind == "heading" else block.text,
                          block.group) for block in blocks]
    return written


def _level(heading: list[Block]) -> int:
    return len(heading[0].text) - len(heading[0].text.lstrip("#")) if heading else 1


# ---------------------------------------------------------------------------
# llms.txt
# ---------------------------------------------------------------------------


def part_name(lang: str) -> str:
    return PART.format(lang=lang)


def language_part(site_name: str, site_description: str, intro: str, language_name: str,
                  entries: list[Entry]) -> str:
    """One language's llms.txt: the site's name and description in that language, then its articles."""
    lines = [f"# {site_name}", ""]
    if site_description:
        lines += [f"> {site_description}", ""]
    lines += [intro, "", f"## {language_name}", ""]
    lines += [f"- [{entry.title}]({entry.twin_url})" + (f": {entry.description}" if entry.description else "")
              for entry in entries]
    return "\n".join(lines) + "\n"


def union(parts: list[str]) -> str:
    """llms.txt from the languages' parts, the default language's first: its name, description and
    introduction, then every part's section."""
    head, _, _ = parts[0].partition("\n## ")
    sections = ["## " + part.partition("\n## ")[2].strip() for part in parts]
    return head.rstrip() + "\n\n" + "\n\n".join(sections) + "\n"


def write_union(site_dir: Path, languages: tuple[str, ...]) -> bool:
    """Write llms.txt once every language's part is in site_dir; False until then."""
    paths = [site_dir / part_name(lang) for lang in languages]
    if not all(path.is_file() for path in paths):
        return False
    (site_dir / UNION).write_text(union([path.read_text(encoding="utf-8") for path in paths]), encoding="utf-8")
    return True
