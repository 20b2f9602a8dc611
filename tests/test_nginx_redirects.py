"""Old links keep the reader's place: an article that moved (data/redirects.yml) answers its old
address with a 301 from nginx, query and #section kept, in every language; and the build's
static page at the old address does the same under our Content-Security-Policy, for a host
without that configuration. In real Chromium, through nginx.

nginx's answers are checked in every language; in the browser, each behaviour runs the same
script in every language and is shown once, the languages taking turns (each language's static
page, its target and its fallback without JavaScript, are read in tests/test_links.py)."""

from __future__ import annotations

import subprocess
import sys
from urllib.parse import urlparse

import pytest

from browser_checks import watch
from conftest import LANGUAGES, QUIET_ENV, copy_project, home, turn
from test_nginx import get

# What a writer records after renaming docs/*/cancel.md to cancel-account.md, and its section
# how-to-cancel to steps (the site never had cancel.md: the test project pretends it did).
REDIRECTS = ("pages:\n  cancel.md: cancel-account.md\nsections:\n  cancel-account.md:\n    how-to-cancel: steps\n"
             "    by-plan: steps\n")  # the project's own alias (issue 24), which published links need


def prefix(lang: str) -> str:
    return home(lang).rstrip("/")


@pytest.fixture(scope="module")
def moved_project(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("moved") / "project")
    (project / "data" / "redirects.yml").write_text(REDIRECTS, encoding="utf-8")
    return project


@pytest.fixture(scope="module")
def moved_site(moved_project, tmp_path_factory):
    """The project with a moved article, built once and served twice by nginx: with the
    configuration a deploy renders (301s), and without its redirects (the static pages)."""
    from helpcentre.nginx import build_for_origin, free_port, nginx, read_project

    folder = tmp_path_factory.mktemp("moved-nginx")
    project = read_project(moved_project)
    ports = free_port(), free_port()
    build_for_origin(f"http://127.0.0.1:{ports[0]}", folder / "site", moved_project)
    with nginx(folder / "site", ports[0], folder / "with-301", project) as with_301, \
            nginx(folder / "site", ports[1], folder / "static-pages", project, redirects=False) as static_pages:
        yield {"301": with_301, "static": static_pages}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_an_old_address_is_a_301_that_keeps_the_query(moved_site, lang):
    base = moved_site["301"]
    new = f"{prefix(lang)}/cancel-account/"
    for old, location in [
        (f"{prefix(lang)}/cancel/?plan=trial", new + "?plan=trial"),
        (f"{prefix(lang)}/cancel/?plan=trial&utm_source=ticket", new + "?plan=trial&utm_source=ticket"),
        (f"{prefix(lang)}/cancel/", new),
        (f"{prefix(lang)}/cancel", new),              # one redirect, not one to add the slash first
        (f"{prefix(lang)}/cancel/index.html", new),
    ]:
        response, _ = get(base, old)
        assert (response.status, response.getheader("Location")) == (301, location), old
        assert response.getheader("Content-Security-Policy")


@pytest.mark.parametrize("lang", [turn(0)])
def test_an_agents_old_link_lands_on_the_section_with_the_plan(moved_site, page, lang):
    seen = watch(page)
    base = moved_site["301"]
    response = page.goto(f"{base}{prefix(lang)}/cancel/?plan=trial#steps")
    assert response.request.redirected_from.response().status == 301
    assert page.url == f"{base}{prefix(lang)}/cancel-account/?plan=trial#steps"
    assert page.locator("html").get_attribute("lang") == lang
    page.wait_for_function("() => document.documentElement.dataset.plan === 'trial'")  # plans.js chose it
    in_view = "id => { const r = document.getElementById(id).getBoundingClientRect(); return r.top >= 0 && r.top < innerHeight; }"
    page.wait_for_function(in_view, arg="steps")
    # A section's old id (sections: in data/redirects.yml) still leads to the section. (The
    # address gains ?plan=trial: the plan chosen above is remembered.)
    page.goto(f"{base}{prefix(lang)}/cancel/#how-to-cancel")
    landed = urlparse(page.url)
    assert (landed.path, landed.fragment) == (f"{prefix(lang)}/cancel-account/", "how-to-cancel")
    page.wait_for_function(in_view, arg="how-to-cancel")
    assert seen.console_errors == [] and seen.outside_requests == []


@pytest.mark.parametrize("lang", [turn(1)])
def test_without_the_301_the_static_page_keeps_the_place_under_our_csp(moved_site, page, lang):
    seen = watch(page)
    base = moved_site["static"]
    response = page.goto(f"{base}{prefix(lang)}/cancel/?plan=trial#steps")
    assert response.status == 200 and response.request.redirected_from is None  # the build's page
    assert "script-src 'self'" in response.headers["content-security-policy"]
    page.wait_for_url(f"{base}{prefix(lang)}/cancel-account/?plan=trial#steps")
    assert page.locator("html").get_attribute("lang") == lang
    page.wait_for_function("() => document.documentElement.dataset.plan === 'trial'")
    # An inline script would show here, as a violation the browser logs.
    assert seen.console_errors == [] and seen.outside_requests == []


@pytest.mark.parametrize("lang", [turn(2)])
def test_without_javascript_the_static_page_still_leads_on(moved_site, browser, lang):
    context = browser.new_context(java_script_enabled=False)
    try:
        tab = context.new_page()
        base = moved_site["static"]
        tab.goto(f"{base}{prefix(lang)}/cancel/?plan=trial#steps")
        tab.wait_for_url(f"{base}{prefix(lang)}/cancel-account/**")  # the meta refresh (the place is lost)
        assert tab.locator("html").get_attribute("lang") == lang
    finally:
        context.close()


def print_config(project, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "helpcentre", "nginx", "--print-config", *args], cwd=project,
                          env=QUIET_ENV, capture_output=True, text=True, timeout=120)


def test_a_deploy_gets_the_configuration_that_was_tested(moved_project, tmp_path):
    """What the README tells a deployer to run: the site's include, with every moved address,
    valid for nginx inside an http block as Debian's nginx.conf includes conf.d/."""
    result = print_config(moved_project, "--root", "/srv/help-centre/site", "--listen", "8089")
    assert result.returncode == 0, result.stderr
    config = result.stdout
    written = print_config(moved_project, "--root", "/srv/help-centre/site", "--listen", "8089",
                           "--output", str(tmp_path / "deployed.conf"))
    assert written.returncode == 0 and written.stdout == "", written.stderr
    assert (tmp_path / "deployed.conf").read_text(encoding="utf-8") == config
    assert "root /srv/help-centre/site;" in config and "listen 8089;" in config
    assert "server_name help.acme-campaigns.example;" in config  # site_url's host, beside Debian's default site
    for lang in LANGUAGES:
        assert f'"{prefix(lang)}/cancel/" "{prefix(lang)}/cancel-account/";' in config
    wrapper = tmp_path / "nginx.conf"
    (tmp_path / "help-centre.conf").write_text(config, encoding="utf-8")
    wrapper.write_text(
        f"pid {tmp_path}/nginx.pid;\nerror_log {tmp_path}/error.log;\nevents {{}}\n"
        f"http {{\n  include /etc/nginx/mime.types;\n  gzip on;\n  include {tmp_path}/help-centre.conf;\n}}\n",
        encoding="utf-8")
    from helpcentre.nginx import NGINX

    check = subprocess.run([NGINX, "-t", "-q", "-p", str(tmp_path), "-c", str(wrapper)], capture_output=True, text=True)
    assert check.returncode == 0, check.stderr


@pytest.mark.parametrize("text,message", [
    ("pages:\n  cancel.md: 3\n", "data/redirects.yml:2: pages.cancel.md: expected 'old-file.md: new-file.md'"),
    ("pages:\n  a.md: b.md\n  b.md: a.md\n", "data/redirects.yml: pages: the redirects loop"),
])
def test_a_wrong_redirects_file_gives_no_configuration(tmp_path, text, message):
    project = copy_project(tmp_path / "project")
    (project / "data" / "redirects.yml").write_text(text, encoding="utf-8")
    result = print_config(project, "--root", "/srv/help-centre/site")
    assert result.returncode == 1 and result.stdout == ""
    assert message in result.stderr and "Traceback" not in result.stderr, result.stderr
    # Written to the server's file, the last good configuration stays as it was.
    deployed = tmp_path / "help-centre.conf"
    deployed.write_text("# the last good configuration\n", encoding="utf-8")
    result = print_config(project, "--root", "/srv/help-centre/site", "--output", str(deployed))
    assert result.returncode == 1 and message in result.stderr
    assert deployed.read_text(encoding="utf-8") == "# the last good configuration\n"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["help-centre.conf", "project"]
