/* Copy links for support agents: the copy button in each h2/h3 and the buttons and filter of the
   agents' link table. Wording comes from the page (data-copied on the live region), not from here. */
(function () {
  "use strict";

  /* The page's absolute address as published (site_url), not the host the reader happens to use. */
  function pageUrl() {
    var canonical = document.querySelector('link[rel="canonical"]');
    var url = new URL(canonical ? canonical.href : location.href);
    url.search = "";
    url.hash = "";
    return url;
  }

  /* The plan chooser keeps the chosen plan in ?plan=; a copied section link carries it along. */
  function sectionUrl(id) {
    var url = pageUrl();
    var plan = new URLSearchParams(location.search).get("plan");
    if (plan) url.searchParams.set("plan", plan);
    url.hash = id;
    return url.toString();
  }

  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text).catch(function () { return fallbackCopy(text); });
    }
    return fallbackCopy(text);
  }

  function fallbackCopy(text) {
    var field = document.createElement("textarea");
    field.value = text;
    field.setAttribute("readonly", "");
    field.style.position = "fixed";
    field.style.opacity = "0";
    document.body.appendChild(field);
    field.select();
    var copied = document.execCommand("copy");
    document.body.removeChild(field);
    return copied ? Promise.resolve() : Promise.reject(new Error("copy refused"));
  }

  /* Emptied first, so copying twice announces twice. */
  function announce(text) {
    var status = document.querySelector(".link-copy-status");
    if (!status) return;
    status.textContent = "";
    window.setTimeout(function () {
      status.textContent = status.getAttribute("data-copied") + ": " + text;
    }, 50);
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest("button.section-copy, button.link-copy");
    if (!button) return;
    event.preventDefault();
    var url = button.classList.contains("section-copy")
      ? sectionUrl(button.getAttribute("data-section"))
      : button.getAttribute("data-url");
    button.setAttribute("data-copied-url", url);
    copyText(url).then(function () { announce(url); });
  });

  /* Filter the agents' table: every word typed must appear in the row. */
  document.addEventListener("input", function (event) {
    if (!event.target.matches(".agent-links__filter")) return;
    var words = event.target.value.toLowerCase().split(/\s+/).filter(Boolean);
    document.querySelectorAll(".agent-links__table tbody tr").forEach(function (row) {
      var haystack = row.getAttribute("data-search");
      row.hidden = !words.every(function (word) { return haystack.indexOf(word) !== -1; });
    });
  });
})();
