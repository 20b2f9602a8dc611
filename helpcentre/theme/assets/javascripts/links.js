/* Copy links for support agents: the copy button in each h2/h3 and the buttons and filter of the
   agents' link table; and "Copy reply" (issue 17): a procedure's steps as plain text, in a chosen
   language, for a chosen plan, from the files each language's build publishes beside its pages
   (helpcentre/replies.py). Wording comes from the page (data-* attributes), not from here. */
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

  /* --- Copy reply (issue 17) -------------------------------------------------------------
     A reply's holder (.agent-reply) names, for each language, where its files are without the
     ending: data-reply-fr="../cancel-account/cancel-account"; the plan's file adds ".<plan>.txt",
     all plans ".txt" (replies.reply_file). The agents' page chooses the language and the plan
     with its two selects; an article in agent mode uses its own language and the reader's plan
     (<html data-plan>, README "Plan-aware reading"). */

  var AGENT_MODE_KEY = "help-centre.agent";
  var root = document.documentElement;
  var replyLanguage = document.getElementById("agent-reply-language");
  var replyPlan = document.getElementById("agent-reply-plan");
  var agentMode = document.getElementById("agent-reply-mode");

  function inAgentMode() {
    try { return window.localStorage.getItem(AGENT_MODE_KEY) === "1"; } catch (e) { return false; }
  }

  var template = document.getElementById("help-agent-reply");
  var planNames = template ? JSON.parse(template.getAttribute("data-plan-names")) : {};

  function chosenLanguage() { return replyLanguage ? replyLanguage.value : root.lang; }
  function chosenPlan() {
    if (replyPlan) { return replyPlan.value; }
    var plan = root.getAttribute("data-plan") || "";
    return Object.prototype.hasOwnProperty.call(planNames, plan) ? plan : "";
  }

  function replyUrl(holder, lang, plan) {
    var base = holder.getAttribute("data-reply-" + lang);
    return base === null ? null : base + (plan ? "." + plan : "") + ".txt";
  }

  /* The text is fetched when the button is pressed. Safari lets a page write to the clipboard only
     while it handles the click, so the write starts at once with an item that waits for the text. */
  function copyReply(url) {
    var text = fetch(url, { credentials: "same-origin" }).then(function (response) {
      if (!response.ok) { throw new Error("no reply at " + url); }
      return response.text();
    });
    if (window.ClipboardItem && navigator.clipboard && navigator.clipboard.write && window.isSecureContext) {
      var item = new window.ClipboardItem({
        "text/plain": text.then(function (value) { return new Blob([value], { type: "text/plain" }); })
      });
      return navigator.clipboard.write([item]).catch(function () { return text.then(copyText); });
    }
    return text.then(copyText);
  }

  /* Issue 27: a reply that is not all in its language yet (its article not translated, or a step
     or note still in English) says so beside it and once copied. Each language's part of the link
     index (links-<lang>.json, at the site's root) marks such a procedure "untranslated". */
  var indexParts = {};
  var partPattern = (document.querySelector(".agent-replies") || template || root).getAttribute("data-index-part");

  function untranslatedReplies(lang) {
    var url = partPattern ? partPattern.replace("LANG", lang) : null;
    if (!url) { return Promise.resolve({}); }
    if (!indexParts[url]) {
      indexParts[url] = fetch(url, { credentials: "same-origin" })
        .then(function (response) { return response.ok ? response.json() : { articles: [] }; })
        .then(function (index) {
          var found = {};
          index.articles.forEach(function (article) {
            var page = article.languages[lang] || {};
            (page.procedures || []).forEach(function (procedure) {
              if (procedure.untranslated) { found[article.id + " " + procedure.id] = true; }
            });
          });
          return found;
        })
        .catch(function () { return {}; });
    }
    return indexParts[url];
  }

  function replyArticle(holder) {
    var row = holder.closest("tr[data-article]");
    return row ? row.getAttribute("data-article") : holder.getAttribute("data-article");
  }

  function isUntranslated(holder, lang) {
    return untranslatedReplies(lang).then(function (found) {
      return found[replyArticle(holder) + " " + holder.getAttribute("data-procedure")] === true;
    });
  }

  function showUntranslated(holders) {
    var lang = chosenLanguage();
    holders.forEach(function (holder) {
      var note = holder.querySelector(".agent-reply__untranslated");
      if (note) { isUntranslated(holder, lang).then(function (flag) { note.hidden = !flag; }); }
    });
  }

  function replyStatus(holder, text) {
    var status = holder.querySelector(".agent-reply__status");
    if (!status) { return; }
    status.textContent = "";
    window.setTimeout(function () { status.textContent = text; }, 50);
  }

  function selectedText(select, fallback) {
    return select ? select.options[select.selectedIndex].text : fallback;
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest("button.reply-copy");
    if (!button) { return; }
    var holder = button.closest(".agent-reply");
    var url = replyUrl(holder, chosenLanguage(), chosenPlan());
    var done = button.getAttribute("data-copied") + ": " +
      selectedText(replyPlan, holder.getAttribute("data-plan-name") || "") +
      (replyLanguage ? ", " + selectedText(replyLanguage, "") : "");
    var failed = button.getAttribute("data-failed");
    if (url === null) { replyStatus(holder, failed); return; }
    var untranslated = isUntranslated(holder, chosenLanguage());
    copyReply(url).then(function () {
      untranslated.then(function (flag) {
        var note = holder.querySelector(".agent-reply__untranslated");
        replyStatus(holder, done + (flag && note ? " " + note.textContent : ""));
      });
    }, function () { replyStatus(holder, failed); });
  });

  /* The agents' page: its text links follow the chosen language (their names are the plans'),
     and the agent mode is switched on or off for this browser. */
  function syncTextLinks() {
    document.querySelectorAll(".agent-links .agent-reply").forEach(function (holder) {
      var plans = replyPlan ? Array.prototype.map.call(replyPlan.options, function (o) { return o.value; }) : [];
      holder.querySelectorAll(".agent-reply__texts a").forEach(function (link, index) {
        var url = replyUrl(holder, chosenLanguage(), plans[index] || "");
        if (url !== null) { link.setAttribute("href", url); }
      });
    });
  }

  var agentHolders = Array.prototype.slice.call(document.querySelectorAll(".agent-links .agent-reply"));
  if (replyLanguage) {
    replyLanguage.addEventListener("change", function () { syncTextLinks(); showUntranslated(agentHolders); });
    showUntranslated(agentHolders);
  }
  if (agentMode) {
    agentMode.checked = inAgentMode();
    agentMode.addEventListener("change", function () {
      try {
        if (agentMode.checked) { window.localStorage.setItem(AGENT_MODE_KEY, "1"); }
        else { window.localStorage.removeItem(AGENT_MODE_KEY); }
      } catch (e) { /* storage disabled: nothing to remember */ }
    });
  }

  /* An article, for an agent who turned agent mode on: a "Copy reply" bar under each procedure,
     from the page's template (helpcentre/theme/partials/agent-reply.html); readers never see it. */
  if (template && inAgentMode()) {
    var bars = [];
    document.querySelectorAll("article ol.procedure[data-procedure]").forEach(function (list) {
      var bar = template.content.firstElementChild.cloneNode(true);
      bar.setAttribute("data-reply-" + root.lang, list.getAttribute("data-procedure").replace(/_/g, "-"));
      bar.setAttribute("data-procedure", list.getAttribute("data-procedure"));
      bar.setAttribute("data-article", template.getAttribute("data-article"));
      // After the other plans' notes too, when the steps are for some plans only.
      (list.closest("[data-procedure-by-plan]") || list).after(bar);
      bars.push(bar);
    });
    var showPlan = function () {
      var plan = chosenPlan();
      bars.forEach(function (bar) {
        bar.setAttribute("data-plan-name", planNames[plan]);
        var link = bar.querySelector(".agent-reply__text");
        link.setAttribute("href", replyUrl(bar, root.lang, plan));
        link.textContent = planNames[plan];
      });
    };
    showPlan();
    showUntranslated(bars);
    document.addEventListener("plan-change", showPlan);
  }

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
