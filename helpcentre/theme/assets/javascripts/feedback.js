/* What readers tell the help centre (issue 17): "Was this page helpful?" at the end of every article
   (overrides/partials/help-feedback.html), and the searches that found nothing (search-none.js says
   when). Each answer is one GET of feedback.txt on this site, its fields in the query string, in
   this order: event, page, section, lang, plan, then vote | reason and comment | q. The site's
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

  /* --- Searches that found nothing ----------------------------------------------------------
     Material searches as the reader types, so "nothing found" shows for every unfinished word.
     A search is recorded once the reader has stopped typing and it still finds nothing, or when
     they leave the page meanwhile; each query once per page view. */

  var WAIT = 1500;
  var pending = null;
  var recorded = {};

  function currentQuery() {
    var field = document.querySelector(".md-search__input");
    return field ? field.value.replace(/\s+/g, " ").trim().slice(0, MAX_QUERY) : "";
  }

  function stillNothing() { return Boolean(document.querySelector(".help-search-none")); }

  function record() {
    window.clearTimeout(pending);
    pending = null;
    var query = currentQuery();
    var key = query.toLowerCase();
    if (!query || !stillNothing() || recorded[key]) { return; }
    recorded[key] = true;
    send("search", "", [["q", query]]);
  }

  function later() {
    window.clearTimeout(pending);
    pending = window.setTimeout(record, WAIT);
  }

  document.addEventListener("search-none", function (event) {
    if (event.detail.found) {
      window.clearTimeout(pending);
      pending = null;
    } else {
      later();
    }
  });
  document.addEventListener("input", function (event) {
    if (pending !== null && event.target.matches(".md-search__input")) { later(); }
  });
  var leave = function () { if (pending !== null) { record(); } };
  window.addEventListener("pagehide", leave);
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "hidden") { leave(); }
  });
})();
