// Material's inline content script (partials/javascripts/content.html, 9.8.1), as a file:
// a URL hash naming a tab's radio input selects that tab.
var target = document.getElementById(location.hash.slice(1));
target && target.name && (target.checked = target.name.startsWith("__tabbed_"));
