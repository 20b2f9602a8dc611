"""Consistent help (WCAG 2.2 SC 3.2.6): every article ends with the same call to action, in its language."""

from __future__ import annotations

import pytest

from conftest import read_page
from test_site import DATA, each_page


@pytest.mark.parametrize("lang,slug", each_page())
def test_every_article_ends_with_the_contact_call_to_action(site, lang, slug):
    article = read_page(site, lang, slug).find("article")
    blocks = article.find_all(class_="help-contact")
    assert len(blocks) == 1
    block = blocks[0]
    assert block is article.find_all(recursive=False)[-1], "the call to action is not the article's last block"
    assert block.find(class_="help-contact__title").get_text(strip=True) == DATA.message(lang, "contact_support", "title")
    assert block.find("a", href=f"mailto:{DATA.support_email}")
    assert DATA.support_hours[lang] in block.get_text()
