"""Replies for support agents (issue 17): a procedure's steps as plain text, in one language, for
one plan, with the notes that apply and the article's link, ready to paste into a ticket.

Pure functions. The text comes from the same renderers as the page (helpcentre/render.py: the
HTML read as text), and what a page holds (which procedure under which section, inside which
plan-limited block, which notes) is read from the page's own HTML (helpcentre/outline.py), so a
reply says what the page says. Each language's build writes its own replies beside its pages,
one file per plan (helpcentre/plugin.py); the agents' page and the "Copy reply" buttons fetch them.
"""

from __future__ import annotations

from . import render
from .data import HelpData, procedure_anchor
from .outline import NotePlacement, PageOutline, Placement
from .text_direction import direction, isolated_against

REPLY_SUFFIX = ".txt"


def applies(scope: tuple[tuple[str, ...], ...], plan: str) -> bool:
    """Whether a part limited by `scope` shows for `plan` ("" is all plans: everything shows)."""
    return not plan or all(plan in plans for plans in scope)


def reply_file(procedure_id: str, plan: str = "") -> str:
    """The file name of a reply, beside its page: cancel-account.txt (all plans),
    cancel-account.trial.txt (one plan)."""
    name = procedure_id.replace("_", "-")
    return f"{name}.{plan}{REPLY_SUFFIX}" if plan else f"{name}{REPLY_SUFFIX}"


def reply_link(url: str, section: str, plan: str = "") -> str:
    """The article's address with the plan chosen and the section: what the reader opens."""
    return url + (f"?plan={plan}" if plan else "") + (f"#{section}" if section else "")


def reply_text(data: HelpData, lang: str, placement: Placement, notes: tuple[NotePlacement, ...],
               plan: str, heading: str, url: str) -> str:
    """The reply: the section's heading, the steps that apply to the plan (for a plan the steps are
    not for, the note the procedure gives it instead, so that its own way comes first; or a line
    saying the steps are not for it), each note on the page that applies, then the article's link
    with ?plan= and #section. With no plan (""), everything the page shows with "all plans",
    "Applies to" lines included."""
    around = direction(lang)  # a line or link running the other way is kept whole (FSI … PDI)
    parts = [isolated_against(heading, around)] if heading else []
    steps = render.procedure_text(data, lang, placement.procedure, plan) if applies(placement.scope, plan) else ""
    parts.append(steps or isolated_against(data.message(lang, "copy_reply", "not_for_plan")
                                           .replace("{plan}", data.plans[plan][lang]), around))
    parts += [render.note_text(data, lang, note.note, plan) for note in notes if applies(note.scope, plan)]
    parts.append(f"{isolated_against(data.message(lang, 'copy_reply', 'link'), around)} "
                 f"{isolated_against(reply_link(url, placement.section, plan), around)}")
    return "\n\n".join(part for part in parts if part) + "\n"


def untranslated(data: HelpData, lang: str, placement: Placement, notes: tuple[NotePlacement, ...],
                 fallback: bool) -> bool:
    """Whether a reply in `lang` shows text that is not in `lang` yet (issue 27): its article is not
    translated (the heading comes from the English page), or a step, a note or a line of its own
    is still pending in data/ (the default language's text shown in its place). Agents are told,
    before the customer gets English in a reply in their language."""
    texts = [step.text for step in data.procedures[placement.procedure]]
    texts += [data.notes[note].text for note in render.notes_after_steps(data, placement.procedure)]
    texts += [data.notes[note.note].text for note in notes]
    texts += [data.message_texts("copy_reply", key) for key in ("link", "not_for_plan")]
    return fallback or any(lang in getattr(text, "pending", ()) for text in texts)


def page_replies(data: HelpData, lang: str, outline: PageOutline, headings: dict[str, str], url: str) -> dict[str, str]:
    """Every reply of a page, for every plan and for all plans: {file name: text}."""
    return {
        reply_file(placement.procedure, plan): reply_text(data, lang, placement, outline.notes, plan,
                                                          headings.get(placement.section, ""), url)
        for placement in outline.procedures
        for plan in ("", *data.plans)
    }


def repeated_anchors(outline: PageOutline, data: HelpData) -> list[str]:
    """The procedure anchors a page has more than once (a procedure shown twice, or a heading
    given a procedure's anchor): a link to one would land on either."""
    anchors = {procedure_anchor(placement.procedure) for placement in outline.procedures}
    for placement in outline.procedures:
        anchors.update(procedure_anchor(placement.procedure, step.id) for step in data.procedures[placement.procedure])
    return sorted(anchor for anchor in anchors if outline.ids.count(anchor) > 1)
