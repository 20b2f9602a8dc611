/* What readers tell the help centre (issue 17): "Was this page helpful?" at the end of every article
   (helpcentre/theme/partials/help-feedback.html), the searches that found nothing (search-none.js says
   when), and, issue 28, the searches left for another and the result a reader opened. Each answer is one GET of feedback.txt on this site, its fields in the query string, in
   this order: event, page, section, lang, plan, then vote | reason and comment | q [and result,
   position]. The site's
   nginx configuration answers it itself, 204, and logs those fields and the time, nothing else
   (serve/help-centre.conf); any other server returns the plain file, and nothing is recorded.
   No cookie is sent and nothing goes anywhere else. Without JavaScript nothing is sent at all. */
(function () {
  "use strict";

  var script = document.currentScript;
  var endpoint = script && script.getAttribute("data-endpoint");
  if (!endpoint || !window.fetch || !window.URLSearchParams) { return; }
  var page = script.getAttribute("data-page") || "";
  var root = document.documentElement;
  var MAX_QUERY = 100;   // a search is a few words; serve/help-centre.conf refuses longer ones

  function plan() { return root.getAttribute("data-plan") || ""; }

  /* The section the reader was sent to (an agent's link to #steps), if it is one on this page. */
  function linkedSection() {
    var id = decodeURIComponent(window.location.hash.slice(1));
    var target = id && document.getElementById(id);
    return target && /^H[23]$/.test(target.tagName) ? id : "";
  }

  function send(event, section, extra) {
    var fields = new URLSearchParams();
    fields.append("event", event);
    fields.append("page", page);
    fields.append("section", section);
    fields.append("lang", root.lang);
    fields.append("plan", plan());
    extra.forEach(function (pair) { fields.append(pair[0], pair[1]); });
    // keepalive: an answer given as the reader leaves the page still arrives.
    fetch(endpoint + "?" + fields.toString(), {
      credentials: "omit", cache: "no-store", keepalive: true, referrerPolicy: "no-referrer"
    }).catch(function () { /* offline: the answer is lost, the page carries on */ });
  }

  /* --- "Was this page helpful?" ------------------------------------------------------------ */

  var box = document.querySelector("[data-feedback]");
  if (box) {
    var vote = box.querySelector(".help-feedback__vote");
    var thanks = box.querySelector(".help-feedback__thanks");
    var more = box.querySelector(".help-feedback__more");
    var contact = box.querySelector(".help-feedback__contact");
    var contactLink = contact.querySelector("a");
    var sectionChoice = more.querySelector("select[name=section]");
    var messages = {
      thanks: box.getAttribute("data-thanks"),
      sent: box.getAttribute("data-sent")
    };

    /* The e-mail to support names the article, in the reader's language, with their plan and
       the part they chose: the address of exactly what they were reading. */
    var contactHref = function () {
      var address = new URL(box.getAttribute("data-url"));
      if (plan()) { address.searchParams.set("plan", plan()); }
      if (sectionChoice.value) { address.hash = sectionChoice.value; }
      var body = box.getAttribute("data-mail-body").replace("{link}", address.toString());
      return "mailto:" + box.getAttribute("data-mail") +
        "?subject=" + encodeURIComponent(box.getAttribute("data-mail-subject")) +
        "&body=" + encodeURIComponent(body);
    };
    var updateContact = function () { contactLink.setAttribute("href", contactHref()); };

    var say = function (text) {
      thanks.textContent = text;
      thanks.focus();
    };

    vote.addEventListener("click", function (event) {
      var button = event.target.closest("button[data-vote]");
      if (!button) { return; }
      var answer = button.getAttribute("data-vote");
      send("vote", linkedSection(), [["vote", answer]]);
      vote.hidden = true;
      if (answer === "no") {
        sectionChoice.value = linkedSection();
        more.hidden = false;
        contact.hidden = false;
        updateContact();
      }
      say(messages.thanks);
    });

    sectionChoice.addEventListener("change", updateContact);
    document.addEventListener("plan-change", updateContact);

    more.addEventListener("submit", function (event) {
      event.preventDefault();
      var reason = more.querySelector("input[name=reason]:checked");
      var comment = more.querySelector("textarea[name=comment]").value.trim().slice(0, 300);
      send("missing", sectionChoice.value, [["reason", reason ? reason.value : ""], ["comment", comment]]);
      more.hidden = true;
      say(messages.sent);
    });
  }

  /* --- Searches (issues 17 and 28) ---------------------------------------------------------
     Material searches as the reader types, so every unfinished word is a search. A search counts
     once the reader has stopped typing for WAIT, or when they leave the page meanwhile:
     - if it found nothing, it is recorded (`search`), each query once per page view;
     - if it found something, it is remembered: when the reader then settles on another search
       without opening a result, the one they left is recorded too (`abandoned`, a miss like the
       first), each query once per page view;
     - opening a result records `click`: the words, the article and section opened, and its
       position among the results (1 = first), so the report shows which result readers chose. */

  var WAIT = 1500;
  var pending = null;
  var recorded = {};
  var left = {};
  var shown = null;   // the last search that found something and is still open: {query, key}

  function currentQuery() {
    var field = document.querySelector(".md-search__input");
    return field ? field.value.replace(/\s+/g, " ").trim().slice(0, MAX_QUERY) : "";
  }

  function stillNothing() { return Boolean(document.querySelector(".help-search-none")); }

  function found() { return Boolean(document.querySelector(".md-search-result__item")); }

  function settle() {
    window.clearTimeout(pending);
    pending = null;
    var query = currentQuery();
    var key = query.toLowerCase();
    if (!query) { return; }
    if (shown && shown.key !== key && !left[shown.key]) {
      left[shown.key] = true;
      send("abandoned", "", [["q", shown.query]]);
    }
    shown = null;
    if (stillNothing()) {
      if (!recorded[key]) {
        recorded[key] = true;
        send("search", "", [["q", query]]);
      }
    } else if (found()) {
      shown = { query: query, key: key };
    }
  }

  function later() {
    window.clearTimeout(pending);
    pending = window.setTimeout(settle, WAIT);
  }

  document.addEventListener("search-none", function () { later(); });
  document.addEventListener("input", function (event) {
    if (event.target.matches(".md-search__input")) { later(); }
  });
  var leave = function () {
    if (pending !== null && stillNothing()) { settle(); }
  };
  window.addEventListener("pagehide", leave);
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "hidden") { leave(); }
  });

  /* The article a result leads to, from its address: the path under this language's home
     (Material's `base`), without the slashes; "index" for the home page. */
  var config = document.getElementById("__config");
  var home = config ? new URL(JSON.parse(config.textContent).base.replace(/\/?$/, "/"), window.location.href) : null;

  function opened(event) {
    var link = event.target.closest && event.target.closest(".md-search-result__item a[href]");
    var query = currentQuery();
    if (!link || !home || !query) { return; }
    var target = new URL(link.href, window.location.href);
    if (target.origin !== home.origin || target.pathname.indexOf(home.pathname) !== 0) { return; }
    var items = Array.prototype.slice.call(document.querySelectorAll(".md-search-result__item"));
    var position = items.indexOf(link.closest(".md-search-result__item")) + 1;
    var article = target.pathname.slice(home.pathname.length).replace(/\/(index\.html)?$/, "") || "index";
    var section = decodeURIComponent(target.hash.slice(1));
    window.clearTimeout(pending);
    pending = null;
    shown = null;
    send("click", /^[A-Za-z0-9_-]{1,80}$/.test(section) ? section : "",
         [["q", query], ["result", article], ["position", String(position)]]);
  }
  // Capture: Material moves to the page as the link is followed; a middle click opens a tab.
  document.addEventListener("click", opened, true);
  document.addEventListener("auxclick", function (event) { if (event.button === 1) { opened(event); } }, true);
})();
