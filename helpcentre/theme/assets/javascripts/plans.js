/* Plan-aware reading: the reader picks a plan once and sees only what applies to it.
 *
 * Contract (see README "Plan-aware reading"):
 *   - plan-specific elements carry data-plans="<id> <id>…"; the chooser is [data-plan-picker];
 *   - ?plan=<id> wins over the remembered choice; an unknown id is ignored (chooser on "all");
 *   - the choice is remembered in localStorage, shared by every article and language;
 *   - the current plan is on <html data-plan="<id>"> (absent for "all plans"), kept in the URL
 *     as ?plan=<id> so copied links carry it, and announced by a "plan-change" event on
 *     document with event.detail.plan ("" for all plans).
 * No JavaScript: no-script.css hides the chooser and every part shows with its "Applies to" label. */
(function () {
  "use strict";

  var STORAGE_KEY = "help-centre.plan";
  var root = document.documentElement;
  var picker = document.querySelector("[data-plan-picker]");

  function remembered() {
    try { return window.localStorage.getItem(STORAGE_KEY) || ""; } catch (e) { return ""; }
  }

  function remember(plan) {
    try {
      if (plan) { window.localStorage.setItem(STORAGE_KEY, plan); }
      else { window.localStorage.removeItem(STORAGE_KEY); }
    } catch (e) { /* storage disabled: the choice lasts for this page only */ }
  }

  function setPlanAttribute(plan) {
    if (plan) { root.setAttribute("data-plan", plan); } else { root.removeAttribute("data-plan"); }
  }

  if (!picker) {
    // No plan-limited content here; still tell other scripts which plan the reader chose.
    setPlanAttribute(remembered());
    return;
  }

  var select = picker.querySelector("select");
  var status = picker.querySelector("[role=status]");
  var known = Array.prototype.map.call(select.options, function (option) { return option.value; })
    .filter(function (value) { return value; });

  function isKnown(plan) { return known.indexOf(plan) !== -1; }

  function applies(element, plan) {
    return !plan || element.getAttribute("data-plans").split(/\s+/).indexOf(plan) !== -1;
  }

  // Hide the table-of-contents entries of headings inside hidden parts, so no link
  // in the sidebar leads to something the reader cannot see.
  function syncTableOfContents() {
    document.querySelectorAll("a.md-nav__link[href^='#']").forEach(function (link) {
      var target = document.getElementById(decodeURIComponent(link.getAttribute("href").slice(1)));
      var item = link.closest("li");
      if (!target || !item) { return; }
      var limited = target.closest("[data-plans]");
      item.hidden = Boolean(limited && limited.closest("[hidden]"));
    });
  }

  function keepInUrl(plan) {
    var url = new URL(window.location.href);
    if (plan) { url.searchParams.set("plan", plan); } else { url.searchParams.delete("plan"); }
    if (url.href !== window.location.href) {
      window.history.replaceState(window.history.state, "", url.href);
    }
  }

  function show(plan) {
    document.querySelectorAll("[data-plans]").forEach(function (element) {
      element.hidden = !applies(element, plan);
    });
    syncTableOfContents();
    select.value = plan;
    setPlanAttribute(plan);
    keepInUrl(plan);
    document.dispatchEvent(new CustomEvent("plan-change", { detail: { plan: plan } }));
  }

  function announce(plan) {
    var name = plan ? select.options[select.selectedIndex].text : "";
    status.textContent = plan
      ? status.getAttribute("data-message-plan").replace("{plan}", name)
      : status.getAttribute("data-message-all");
  }

  // Would the part the address points at (#section) be hidden for this plan?
  function hidesLinkTarget(plan) {
    var id = decodeURIComponent(window.location.hash.slice(1));
    var part = id && document.getElementById(id);
    for (part = part && part.closest("[data-plans]"); part; part = part.parentElement.closest("[data-plans]")) {
      if (!applies(part, plan)) { return true; }
    }
    return false;
  }

  var fromUrl = new URLSearchParams(window.location.search).get("plan");
  var initial;
  if (fromUrl !== null) {
    initial = isKnown(fromUrl) ? fromUrl : "";
    if (initial) { remember(initial); }
  } else {
    initial = isKnown(remembered()) ? remembered() : "";
    // A link to a section the remembered plan hides: show every plan on this page rather
    // than nothing where the link lands. The remembered choice is kept for other pages.
    if (initial && hidesLinkTarget(initial)) { initial = ""; }
  }

  show(initial);

  select.addEventListener("change", function () {
    var plan = isKnown(select.value) ? select.value : "";
    remember(plan);
    show(plan);
    announce(plan);
  });
})();
