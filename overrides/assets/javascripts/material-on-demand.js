// Material's script brings search, the header title that follows the article and the table of
// contents that follows the reader. On a mid-range phone it costs about half a second of work
// (most of what Lighthouse held against our pages), and a reader who only reads needs none of
// it. So it is fetched on the first sign that the reader wants more than the text: a tap, a
// click, a key, focus, the mouse wheel, or a URL that asks for a search (?q=, which the
// not-found page sends).
(() => {
  const bundle = document.currentScript.dataset.bundle;
  const root = document.documentElement;
  const reaches = ["pointerdown", "touchstart", "keydown", "focusin", "wheel"];
  let parsed = false;
  document.addEventListener("DOMContentLoaded", () => { parsed = true; }, { once: true });

  // Show what Material hides from readers without JavaScript (the search button and field);
  // `help-pending` keeps the sidebars at their natural height until Material sizes them.
  root.classList.replace("no-js", "js");
  root.classList.add("help-pending");

  function load() {
    reaches.forEach((type) => removeEventListener(type, load, true));
    const script = document.createElement("script");
    script.src = bundle;
    script.addEventListener("load", () => {
      root.classList.remove("help-pending");
      // Material starts on DOMContentLoaded; when that has passed already, say it again.
      if (parsed) document.dispatchEvent(new Event("DOMContentLoaded"));
    });
    script.addEventListener("error", () => {
      // Offline, say: hide the search again rather than offer one that cannot work.
      root.classList.replace("js", "no-js");
      root.classList.remove("help-pending");
    });
    document.body.append(script);
  }

  // On a phone the search button opens the search with CSS alone; focus the field, as Material
  // does, while the tap still counts as the reader's, so that the keyboard comes up.
  document.addEventListener("click", (event) => {
    if (!root.classList.contains("help-pending")) return;
    if (event.target instanceof Element && event.target.closest('label[for="__search"]')) {
      document.querySelector("input.md-search__input")?.focus();
    }
  });

  if (new URL(location.href).searchParams.has("q")) load();
  else reaches.forEach((type) => addEventListener(type, load, { capture: true, passive: true }));
})();
