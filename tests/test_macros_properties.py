"""Property: whatever text the data holds, every macro renders well-formed HTML that shows the text
exactly as written — escaped, never interpreted as markup or Markdown."""

from __future__ import annotations

import xml.etree.ElementTree as ElementTree

from hypothesis import given, settings
from hypothesis import strategies as st

from helpcentre import render
from test_macros import small_data

from conftest import LANGUAGES
from helpcentre.data import Note, Step

# Any printable text; braces are placeholders in step and note text, validated when data loads.
# U+FFFE and U+FFFF are not characters at all (XML, which reads the HTML here, refuses them).
ANY_TEXT = st.text(st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\ufffe\uffff"),
                   min_size=1, max_size=80)
PLAIN_TEXT = ANY_TEXT.filter(lambda text: "{" not in text and "}" not in text)


def parse(html: str) -> ElementTree.Element:
    """Parse strictly: an unclosed tag or a bare '<' or '&' fails here."""
    return ElementTree.fromstring(f"<root>{html}</root>")


def text_of(element: ElementTree.Element) -> str:
    return "".join(element.itertext())


@settings(max_examples=150, deadline=None)
@given(ANY_TEXT)
def test_label_text_is_shown_verbatim(text):
    data = small_data(labels={"billing": {lang: text for lang in LANGUAGES}})
    tree = parse(render.label_html(data, "it", "billing"))
    assert [element.tag for element in tree] == ["b"]
    assert text_of(tree) == text


@settings(max_examples=150, deadline=None)
@given(ANY_TEXT, PLAIN_TEXT)
def test_note_text_and_plan_names_are_shown_verbatim(plan_name, body):
    data = small_data(
        plans={"trial": {lang: plan_name for lang in LANGUAGES}},
        notes={"n": Note(kind="warning", text={lang: body for lang in LANGUAGES}, plans=("trial",))},
    )
    box = parse(render.note_html(data, "fr", "n")).find("div")
    paragraphs = box.findall("p")
    assert text_of(paragraphs[-1]) == body
    assert text_of(paragraphs[1]).endswith(plan_name)
    assert box.get("data-plans") == "trial"


@settings(max_examples=150, deadline=None)
@given(st.lists(PLAIN_TEXT, min_size=1, max_size=5))
def test_procedure_steps_are_shown_verbatim_and_in_order(texts):
    data = small_data(procedures={"p": tuple(Step(id=f"step-{number}", text={lang: t for lang in LANGUAGES})
                                             for number, t in enumerate(texts))})
    items = parse(render.procedure_html(data, "en", "p")).find("ol").findall("li")
    assert [text_of(item) for item in items] == texts


@settings(max_examples=100, deadline=None)
@given(ANY_TEXT)
def test_product_name_and_support_hours_are_shown_verbatim(text):
    data = small_data(product_name=text, support_hours={lang: text for lang in LANGUAGES})
    assert text_of(parse(render.product_name(data))) == text
    assert text in text_of(parse(render.support_html(data, "it")))
