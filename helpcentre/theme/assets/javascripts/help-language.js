// The language switcher: open the same section (#hash) of the same article in the chosen
// language, and remember the choice for the root URL (serve/nginx.conf reads help_lang).
document.addEventListener(
  "click",
  (event) => {
    const link = event.target instanceof Element && event.target.closest(".md-select__link[hreflang]");
    if (!link) return;
    // Material's own handler would look the page up in each language's sitemap and, failing
    // that, send the reader to the language's home page; the link already names the article.
    event.stopPropagation();
    const target = new URL(link.href);
    target.hash = location.hash;
    link.href = target.href;
    document.cookie = `help_lang=${link.hreflang}; path=/; max-age=31536000; SameSite=Lax`;
  },
  true,
);
