// Material's script brings search, the header title that follows the article and the table of
// contents that follows the reader. On a mid-range phone it costs about half a second of work
// (most of what Lighthouse held against our pages), and a reader who only reads needs none of
// it. So it is fetched on the first sign that the reader wants more than the text: a tap, a
// click, a key, focus, the mouse wheel, or a URL that asks for a search (?q=, which the
// not-found page sends).
//
// What it assumes of Material is checked when the site is built (helpcentre/material/on_demand.py),
// which also gives this script the bundle's path and Material's shortcut keys.
(() => {
  const { bundle, shortcuts: keys } = document.currentScript.dataset;
  const root = document.documentElement;
  const reaches = ["pointerdown", "touchstart", "keydown", "focusin", "wheel"];
  // Material's keyboard shortcuts (search: f s /; previous and next page: p , n .). When one
  // of them is what fetched the script, it is pressed again for Material once it runs.
  const shortcuts = keys.split(" ");
  let parsed = false;
  document.addEventListener("DOMContentLoaded", () => { parsed = true; }, { once: true });

  // Show what Material hides from readers without JavaScript (the search button and field);
  // `help-pending` keeps the sidebars at their natural height until Material sizes them.
  root.classList.replace("no-js", "js");
  root.classList.add("help-pending");

  function load(event) {
    reaches.forEach((type) => removeEventListener(type, load, true));
    const shortcut = event?.type === "keydown" && shortcuts.includes(event.key) && !typing(event.target) && event.key;
    if (shortcut) event.preventDefault();  // "/" must not also start the browser's quick find
    const script = document.createElement("script");
    script.src = bundle;
    script.addEventListener("load", () => {
      root.classList.remove("help-pending");
      // Material starts when its document$ sees the document, on DOMContentLoaded. When that
      // has passed already, hand it the document, as Material's instant navigation does.
      if (parsed && !started()) window.document$.next(document);
      if (shortcut) dispatchEvent(new KeyboardEvent("keydown", { key: shortcut }));
    });
    script.addEventListener("error", () => {
      // Offline, say: hide the search again rather than offer one that cannot work.
      root.classList.replace("js", "no-js");
      root.classList.remove("help-pending");
    });
    document.body.append(script);
  }

  // Has Material's document$ (a ReplaySubject) had its document? It replays it at once if so.
  function started() {
    let seen = false;
    window.document$.subscribe(() => { seen = true; }).unsubscribe();
    return seen;
  }

  function typing(target) {
    return target instanceof HTMLElement &&
      (target.isContentEditable || ["INPUT", "SELECT", "TEXTAREA"].includes(target.tagName));
  }

  // On a phone the search button opens the search with CSS alone; focus the field, as Material
  // does, while the tap still counts as the reader's, so that the keyboard comes up.
  document.addEventListener("click", (event) => {
    if (!root.classList.contains("help-pending")) return;
    if (event.target instanceof Element && event.target.closest('label[for="__search"]')) {
      document.querySelector("input.md-search__input")?.focus();
    }
  });

  // Material opens collapsed blocks (??? notes) for printing; until it is here, we do.
  addEventListener("beforeprint", () => {
    if (!root.classList.contains("help-pending")) return;
    document.querySelectorAll("details:not([open])").forEach((details) => details.setAttribute("open", ""));
  });

  if (new URL(location.href).searchParams.has("q")) load();
  // Passive, so a touch or the wheel never waits for us to scroll; keydown is not, so that
  // a "/" can be kept from the browser.
  else reaches.forEach((type) => addEventListener(type, load, { capture: true, passive: type !== "keydown" }));
})();
