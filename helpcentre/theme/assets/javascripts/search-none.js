// When the site's search finds nothing, offer a way on under Material's "nothing found" line:
// the most-used articles and the support address, in the page's language (the template in
// helpcentre/theme/partials/search-none.html). Material's script arrives on demand and draws the
// results itself, so this watches the line Material writes rather than Material: the line
// reads search_none.title from data/messages.yml exactly when nothing was found. Each time that
// changes, a "search-none" event on document says so (detail.found: false when nothing was found),
// for feedback.js, which records the searches that found nothing (issue 17).
(() => {
  const template = document.getElementById("help-search-none");
  const line = document.querySelector(".md-search-result__meta");
  const config = document.getElementById("__config");
  if (!template || !line || !config) return;
  const nothingFound = JSON.parse(config.textContent).translations["search.result.none"];
  let offer = null;
  new MutationObserver(() => {
    const empty = line.textContent.trim() === nothingFound;
    if (empty && !offer) {
      offer = template.content.firstElementChild.cloneNode(true);
      line.after(offer);  // before the (empty) result list, which Material keeps last
    } else if (!empty && offer) {
      offer.remove();
      offer = null;
    }
    document.dispatchEvent(new CustomEvent("search-none", { detail: { found: !empty } }));
  }).observe(line, { childList: true, characterData: true, subtree: true });
})();
