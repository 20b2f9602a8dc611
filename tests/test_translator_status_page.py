"""The translators' status page in `make serve` (issue 16): languages × articles with the stale
section's English change, the data texts by file, what to run; served by the preview only, never
part of the built site."""

from __future__ import annotations

import subprocess
import time

from bs4 import BeautifulSoup

from test_serve import CHANGE_TIMEOUT, fetch, get, replace_in, serving, wait_for
from test_translation_status import RESUME_EN, RESUME_EN_NOW
from test_writer_loop import GIT

STATUS = "/_translations/"


def english_moves_on(project):
    subprocess.run([*GIT, "init", "-q"], cwd=project, check=True)
    subprocess.run([*GIT, "add", "-A"], cwd=project, check=True)
    subprocess.run([*GIT, "commit", "-qm", "the help centre"], cwd=project, check=True)
    replace_in(project / "docs/en/pause-billing.md", RESUME_EN, RESUME_EN_NOW)
    replace_in(project / "data/labels.yml", "en: Pause billing", "en: Pause your billing")
    subprocess.run([*GIT, "commit", "-qam", "English moves on"], cwd=project, check=True)


def test_the_preview_shows_what_to_translate(tmp_path):
    with serving(tmp_path, "--lang", "it", prepare=english_moves_on) as served:
        status, body = get(served.base + STATUS)
        assert status == 200
        soup = BeautifulSoup(body, "html.parser")
        rows = {row.th.get_text(strip=True): [cell.get_text(strip=True) for cell in row.find_all("td")]
                for row in soup.select("#articles + table tbody tr")}
        assert rows["pause-billing"] == ["stale (1)", "stale (1)"]
        assert rows["cancel-account"] == ["in step", "in step"]
        diff = soup.select_one("#it-pause-billing + pre").get_text()
        assert f"-{RESUME_EN}" in diff and f"+{RESUME_EN_NOW}" in diff
        data = {row.th.get_text(strip=True): [cell.get_text(strip=True) for cell in row.find_all("td")]
                for row in soup.select("#data + table tbody tr")}
        assert data["data/labels.yml"][0].startswith("1 stale of ")
        assert "make l10n-export LANG=it" in soup.get_text()

        # Made from the files at each request: a translation removed shows as missing at once.
        (served.project / "docs/it/pause-billing.md").unlink()
        status, body = get(served.base + STATUS)
        rows = {row.th.get_text(strip=True): [cell.get_text(strip=True) for cell in row.find_all("td")]
                for row in BeautifulSoup(body, "html.parser").select("#articles + table tbody tr")}
        assert rows["pause-billing"] == ["missing", "stale (1)"]


def test_the_status_page_is_not_built(site):
    assert not (site / "_translations").exists()
    assert not any("Translation status" in page.read_text(encoding="utf-8") for page in site.rglob("*.html"))


def test_the_preview_shows_the_notice_as_english_is_saved(tmp_path):
    with serving(tmp_path, "--lang", "it") as served:
        url = f"{served.base}/it/pause-billing/"
        assert 'class="help-stale"' not in fetch(url)
        labels = served.project / "data/labels.yml"
        replace_in(labels, "en: Pause billing", "en: Pause your billing")
        assert wait_for(url, 'class="help-stale"', CHANGE_TIMEOUT), "an English data edit did not show the notice"
        replace_in(labels, "en: Pause your billing", "en: Pause billing")
        deadline = time.monotonic() + CHANGE_TIMEOUT
        while 'class="help-stale"' in (fetch(url) or 'class="help-stale"') and time.monotonic() < deadline:
            time.sleep(0.1)
        assert 'class="help-stale"' not in fetch(url), "the notice stayed once the English was as recorded"

        # An English article saved: its translation says it may be behind (no git in this copy: the
        # whole page, under its title).
        replace_in(served.project / "docs/en/pause-billing.md", RESUME_EN, RESUME_EN_NOW)
        assert wait_for(url, 'class="help-stale"', CHANGE_TIMEOUT), "an English article edit did not show the notice"
        notice = BeautifulSoup(fetch(url), "html.parser").select_one("p.help-stale")
        assert notice.find_previous_sibling("h1")["id"] == "pause-billing"
        assert notice.a["href"] == "../../pause-billing/#pause-billing"
