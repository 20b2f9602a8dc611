// The page left at a moved article's old address (helpcentre/plugin.py) goes on to the new
// address with the reader's place: the ?plan= they were given and the #section they were
// sent to, which the page's meta refresh (for readers without JavaScript) cannot keep.
// A file, not an inline script, so that our Content-Security-Policy lets it run. Behind
// nginx the old address never reaches this page: nginx answers it with a 301 itself.
(() => {
  const target = new URL(document.currentScript.dataset.target, location.href);
  target.search = location.search;
  target.hash = location.hash;
  location.replace(target.href);
})();
