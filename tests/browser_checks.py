"""Helpers for the browser tests through nginx: record console errors, requests that leave
127.0.0.1, CSP violations, and run axe-core, all in real headless Chromium."""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlparse

from conftest import ROOT

AXE_SOURCE = (ROOT / "node_modules" / "axe-core" / "axe.min.js")
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa", "best-practice"]
# Runs before any page script, so no violation is missed; init scripts are exempt from the CSP.
LISTEN_FOR_CSP = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (e) =>
  window.__cspViolations.push(`${e.violatedDirective} blocked ${e.blockedURI || "inline"} (${e.sourceFile}:${e.lineNumber})`));
"""


@dataclass
class Watch:
    console_errors: list[str] = field(default_factory=list)
    outside_requests: list[str] = field(default_factory=list)


def watch(page) -> Watch:
    """Record console errors and abort (and record) every request not to 127.0.0.1."""
    seen = Watch()
    page.on("console", lambda message: message.type == "error" and seen.console_errors.append(message.text))
    page.on("pageerror", lambda error: seen.console_errors.append(str(error)))

    def only_local(route):
        if urlparse(route.request.url).hostname == "127.0.0.1":
            route.continue_()
        else:
            seen.outside_requests.append(route.request.url)
            route.abort()

    page.route("**/*", only_local)
    page.add_init_script(LISTEN_FOR_CSP)
    return seen


def csp_violations(page) -> list[str]:
    return page.evaluate("window.__cspViolations")


def axe_violations(page) -> list[str]:
    """axe-core's violations as 'rule: target' lines. Evaluated through the DevTools protocol,
    not a <script> tag, so the page's CSP neither blocks it nor reports it."""
    assert AXE_SOURCE.exists(), "axe-core is missing: run `npm ci` (make test does it)"
    # Once per document: a test that runs axe on several states of one page (the plan chooser's)
    # would otherwise send and compile its 500 KB again for each.
    if not page.evaluate("typeof window.axe === 'object'"):
        page.evaluate(AXE_SOURCE.read_text(encoding="utf-8"))
    result = page.evaluate(
        "(tags) => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        AXE_TAGS)
    return [f"{v['id']}: {node['target']} {node.get('failureSummary', '')[:200]}"
            for v in result["violations"] for node in v["nodes"]]
