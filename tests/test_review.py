"""Articles that say when they are due for review (issue 28): `review_by:` and `owner:` in an English
article's front matter; `make status` lists the overdue ones with their owners, the build prints one
line each and still passes, a date that is not a date stops the build with its file and line, and a
translation inherits its English article's date (no key of its own, and dating English leaves it in
step). Every article that states a price, a percentage or a term has a date."""

from __future__ import annotations

import datetime

import pytest

from conftest import ROOT, SITE
from helpcentre import review
from helpcentre.data import load_data
from test_translation_status import commit, edit
from test_writer_loop import make, project  # noqa: F401 (project is a fixture)

PAUSE = "docs/en/pause-billing.md"
DATED = "review_by: 2027-05-25\n"


# --- The project copy, through make ---------------------------------------------------------


def test_a_past_review_date_is_listed_by_make_status_with_its_owner_and_the_build_passes(project):
    edit(project, PAUSE, DATED, "review_by: 2026-01-10\nowner: Billing team\n")
    status = make(project, "status")
    assert status.returncode == 0, status.stderr
    line = next(number for number, text in enumerate((project / PAUSE).read_text().splitlines(), 1)
                if text.startswith("review_by:"))
    assert f"  {PAUSE}:{line}: review was due on 2026-01-10 (owner: Billing team)" in status.stdout.splitlines()
    assert "Articles due for review" in status.stdout and "docs/en/cancel-account.md" not in \
        status.stdout.split("Articles due for review")[1], "an article due in the future is not listed"

    build = make(project, "build")  # strict, as CI builds
    assert build.returncode == 0, build.stderr
    assert [text for text in build.stderr.splitlines() if "review was due" in text] == \
        [f"build: {PAUSE}:{line}: review was due on 2026-01-10 (owner: Billing team)"]


def test_a_review_date_that_is_not_a_date_stops_the_build_with_its_file_and_line(project):
    (project / "site").mkdir()
    (project / "site" / "index.html").write_text("previous site", encoding="utf-8")
    edit(project, PAUSE, DATED, "review_by: 2027-02-30\n")  # YAML itself cannot build this date
    build = make(project, "build")
    assert build.returncode != 0 and "Traceback" not in build.stderr
    message = f"{PAUSE}:4: review_by: '2027-02-30' is not a date; write the day the article is due for review " \
              "as year-month-day"
    assert sum(message in text for text in build.stderr.splitlines()) == 1, build.stderr
    assert (project / "site" / "index.html").read_text(encoding="utf-8") == "previous site"
    status = make(project, "status")
    assert status.returncode != 0 and message in status.stderr and "Traceback" not in status.stderr
    check = make(project, "check")
    assert f"{PAUSE}:4: [page-invalid] review_by: '2027-02-30' is not a date" in check.stdout


def test_a_translation_inherits_the_date_and_dating_english_leaves_it_in_step(project):
    edit(project, PAUSE, DATED, "review_by: 2027-08-01\nowner: Billing team\n")
    commit(project, "English: a new review date and an owner")
    status = make(project, "status")
    assert "pause-billing                in step  in step" in status.stdout, "no text to translate changed"
    assert make(project, "check").returncode == 0
    # Written in the translation too, the date is a mistake: it would be kept in two places.
    edit(project, "docs/it/pause-billing.md", "description:", "review_by: 2027-08-01\ndescription:")
    check = make(project, "check")
    assert check.returncode != 0
    assert ("docs/it/pause-billing.md:3: [front-matter] front matter has 'review_by': a translation inherits it "
            f"from {PAUSE}; remove it here and write it there") in check.stdout


# --- The articles as they are ---------------------------------------------------------------


def test_every_article_that_states_a_price_a_percentage_or_a_term_has_a_review_date():
    found = review.reviews(SITE, load_data(SITE.data, SITE.languages))
    assert review.undated(found) == []
    stating = {item.article for item in found if item.states}
    assert {"commit-annually-pay-monthly", "cancel-account", "pause-billing"} <= stating  # 10%, twelve-month term
    for item in found:
        if item.states:
            assert item.review_by is not None and item.review_by > datetime.date(2026, 11, 25), item


def test_translations_carry_no_review_date_of_their_own():
    for lang in SITE.translations:
        for path in (SITE.docs / lang).rglob("*.md"):
            assert review.read(path.read_text(encoding="utf-8"), str(path))[0] is None, path


# --- The functions ---------------------------------------------------------------------------


@pytest.mark.parametrize("written", ["next spring", "2027-13-01", "2027-02-30", "25/05/2027", "2027-5-25", "''"])
def test_a_date_that_is_not_a_date_is_one_message_with_its_line(written):
    text = f"---\ntitle: x\ndescription: y\nreview_by: {written}\n---\n# x\n"
    problems = review.front_matter_problems(text, "docs/en/x.md")
    assert len(problems) == 1 and problems[0].startswith("docs/en/x.md:4: review_by: ")


def test_an_owner_must_name_someone():
    assert review.front_matter_problems("---\ntitle: x\nowner:\n---\n", "docs/en/x.md") == [
        "docs/en/x.md:3: owner: expected who reviews the article (a name, a team or an address), e.g. owner: Billing team"]


def test_what_goes_out_of_date_is_found_in_the_article_and_in_the_notes_it_shows():
    data = load_data(SITE.data, SITE.languages)
    assert review.statements("Pay €19 a month, 10% off, for 30 days.") == \
        ("price '€19'", "percentage '10%'", "term '30 days'")
    assert review.statements("A twelve-month term; 15 per cent; 20 EUR") == \
        ("price '20 EUR'", "percentage '15 per cent'", "term 'twelve-month'")
    assert review.statements("Open the billing page and choose Pause.") == ()
    assert review.statements("{{ note('annual_through_support') }}", data) == ("term 'twelve-month'",)


def test_six_months_from_the_last_change():
    assert review.suggested_date(datetime.date(2026, 11, 25)) == datetime.date(2027, 5, 25)
    assert review.suggested_date(datetime.date(2026, 8, 31)) == datetime.date(2027, 2, 28)
    assert review.suggested_date(datetime.date(2027, 8, 31)) == datetime.date(2028, 2, 29)


def test_the_review_keys_are_no_text_to_translate():
    english = (ROOT / PAUSE).read_text(encoding="utf-8")
    assert "review_by:" in english and "review_by:" not in review.without_review_keys(english)
    from helpcentre.translations.markdown import source_hash

    assert source_hash(english) == source_hash(english.replace(DATED, "review_by: 2030-01-01\nowner: Someone\n"))
    assert source_hash(english) != source_hash(english.replace("Pause billing", "Pause your billing"))
