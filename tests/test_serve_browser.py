"""`make serve` in Chromium, as a writer uses it: the open page follows each save by itself. A
misspelt macro in an Italian article puts the error page in its place, with the file, the line
and the line's text; the save that fixes it brings the article back, on the same server process."""

from __future__ import annotations

from playwright.sync_api import expect

from test_serve import CHANGE_TIMEOUT, serving

TIMEOUT_MS = CHANGE_TIMEOUT * 1000


def test_the_open_page_shows_a_mistake_and_then_the_fix_by_itself(tmp_path, page):
    with serving(tmp_path) as served:
        article = served.project / "docs" / "it" / "pause-billing.md"
        original = article.read_text(encoding="utf-8")
        call = "{{ procedure('pause_billing') }}"
        line = original.splitlines().index(call) + 1
        preview = served.previews()

        page.goto(f"{served.base}/it/pause-billing/")
        title = page.locator("h1").first.inner_text()
        page.wait_for_function("() => document.readyState === 'complete'")  # the reload script is polling

        article.write_text(original.replace(call, "{{ procedur('pause_billing') }}"), encoding="utf-8")
        expect(page.locator("h1")).to_have_text("This page cannot be shown: the build stopped", timeout=TIMEOUT_MS)
        message = page.locator("pre.problem").first
        expect(message).to_contain_text(f"docs/it/pause-billing.md:{line}: 'procedur' is not a macro; did you mean procedure(…)?")
        # The writer's own line, shown under the message.
        expect(page.locator("pre.source b")).to_have_text(f"{line:>4} | {{{{ procedur('pause_billing') }}}}")

        article.write_text(original, encoding="utf-8")
        expect(page.locator("h1").first).to_have_text(title, timeout=TIMEOUT_MS)
        expect(page.locator('ol.procedure[data-procedure="pause_billing"]')).to_be_visible()  # its steps are back
        assert served.previews() == preview, "the preview was restarted"
