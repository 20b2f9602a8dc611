// The help centre's search worker: Material's own worker, with matching that takes the
// reader's words as they come. Pages point Material at this file instead of its worker
// (helpcentre/material/search_config.py), with Material's file name in ?material=.
//
// Material gives each language its own index with lunr's stemmer and stop words for that
// language (mkdocs.yml: plugins: search: pipeline) and adds a * to every word, so a word
// finds the words it begins. On top of that, this file:
// - makes accents not matter: the index and the reader's words lose their accents before
//   they are stemmed, so "resilier", "résilier" and "résiliation" meet in "resili";
// - stems the reader's words as the index's were, so "annullamento" finds "annullare" and
//   "cancellation" finds "Cancel your account" (a word's own stem counts most, the longer
//   words it merely begins count less: "partir" is not "partenaire");
// - leaves out words that say nothing about what the reader wants: the language's stop
//   words, data/search-terms.yml's ignored_words and the product's name;
// - forgives one typo (a letter added, dropped or changed, or two swapped) in a word of
//   five letters or more that the site does not have: the most frequent word of the site
//   one typo away is searched instead ("résillier", "downgarde", "gratutia");
// - puts first the articles whose page or one section holds the most of the reader's
//   words, then Material's order (titles, headings, the customers' words, text).
// Each word the reader types stays one word of Material's query, so its ranking and its
// "missing" note work as for any query.
// A language lunr has no stemmer for (helpcentre/search_language.py) has an index of plain
// words: its config leaves every step out ("pipeline": []); the reader's words then lose only
// their accents and the punctuation around them, as the index's did.
(() => {
  "use strict";

  // Material's message types (integrations/search/worker/message), checked against Material's
  // source when the site is built (helpcentre/material/search_worker.py).
  const SETUP = 0;
  const QUERY = 2;
  const RESULT = 3;
  const SHORTEST_PREFIX = 3;  // shorter beginnings of words match too much to mean anything
  const SHORTEST_TYPO = 5;    // words this long or longer may carry one typo
  const OWN_STEM_BOOST = 10;  // a word's own stem, against the longer words it begins

  let language = "en";
  let pipeline = new Set(["trimmer", "stopWordFilter", "stemmer"]);  // the index's steps
  let ignored = new Set();
  let siteWords = new Map();  // every word of the site's text, accents removed -> count
  let terms = [];             // the index's terms (stems, accents removed), sorted
  let termSet = new Set();

  const fold = (text) => text.normalize("NFD").replace(/[\u0300-\u036f]/g, "")
    .replace(/œ/g, "oe").replace(/æ/g, "ae");
  const EDGES = /^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu;  // what is not a letter or digit, around a word
  const unchanged = (token) => token;

  // Added before Material's own listener, so it sees each message first.
  addEventListener("message", (event) => {
    const message = event.data;
    if (!message) return;
    if (message.type === SETUP) setUp(message.data);
    if (message.type === QUERY && typeof message.data === "string") message.data = rewrite(message.data);
  });

  const post = self.postMessage.bind(self);
  self.postMessage = (message) => post(message && message.type === RESULT ? mostWordsFirst(message) : message);

  importScripts(new URL(self.location.href).searchParams.get("material"));
  const lunr = self.lunr;

  // Index side: in the index Material is about to build, accents go after the stop words
  // (whose lists have them) and before the stemmer. Query words arrive stemmed already
  // (`rewrite`), so lunr's query pipeline only folds them.
  function foldToken(token) {
    return token.update(fold);
  }
  lunr.Pipeline.registerFunction(foldToken, "helpFoldAccents");
  // Plain words: lunr's own trimmer knows only a-z, so it would cut "ł" or "ś" off a word.
  function trimWord(token) {
    return token.update((word) => word.replace(EDGES, ""));
  }
  lunr.Pipeline.registerFunction(trimWord, "helpTrimWord");
  const add = lunr.Builder.prototype.add;
  lunr.Builder.prototype.add = function (doc, attributes) {
    if (this.pipeline._stack.indexOf(foldToken) === -1) {
      if (!pipeline.has("trimmer")) this.pipeline.add(trimWord);
      const { stemmer } = steps();
      if (this.pipeline._stack.indexOf(stemmer) !== -1) this.pipeline.before(stemmer, foldToken);
      else this.pipeline.add(foldToken);
      this.searchPipeline.reset();
      this.searchPipeline.add(foldToken);
    }
    return add.call(this, doc, attributes);
  };
  const build = lunr.Builder.prototype.build;
  lunr.Builder.prototype.build = function () {
    const index = build.call(this);
    terms = Object.keys(index.invertedIndex).sort();
    termSet = new Set(terms);
    return index;
  };

  function setUp({ config, docs }) {
    language = config.lang[0] || "en";
    pipeline = new Set(config.pipeline || pipeline);
    ignored = new Set((config.ignored_words || []).map((word) => fold(word.toLowerCase())));
    const separator = new RegExp(config.separator, "g");
    siteWords = new Map();
    for (const doc of docs) {
      const text = [doc.title, doc.text, doc.keywords].join(" ").replace(/<[^>]*>/g, " ");
      for (const word of fold(text.toLowerCase()).split(separator)) {
        const clean = word.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, "");
        if (clean) siteWords.set(clean, (siteWords.get(clean) || 0) + 1);
      }
    }
  }

  // lunr's steps for the index's language (Material has loaded them by the first query), those
  // the index left out doing nothing (and plain words trimmed as the index's were).
  function steps() {
    const own = language === "en" ? lunr : lunr[language];
    const steps = own && own.stemmer ? own : lunr;
    return {
      trimmer: pipeline.has("trimmer") ? steps.trimmer : trimWord,
      stopWordFilter: pipeline.has("stopWordFilter") ? steps.stopWordFilter : unchanged,
      stemmer: pipeline.has("stemmer") ? steps.stemmer : unchanged,
    };
  }

  function rewrite(query) {
    if (!terms.length) return query;
    const { trimmer, stopWordFilter, stemmer } = steps();
    const stem = (word) => stemmer(new lunr.Token(word)).toString();
    const words = query.toLowerCase().split(lunr.tokenizer.separator)
      .map((word) => trimmer(new lunr.Token(word)).toString())
      .filter((word) => word && stopWordFilter(new lunr.Token(word)) && !ignored.has(fold(word)));
    if (!words.length) return query;
    return words.map((word) => {
      const folded = fold(word);
      const own = stem(folded);
      if (termSet.has(own)) return `${own}^${OWN_STEM_BOOST} ${own}`;
      const start = beginning(folded, own);
      if (begins(start) || folded.length < SHORTEST_TYPO) return start;
      const meant = oneTypoAway(folded);
      if (!meant) return start;
      const stemmed = stem(meant);
      return termSet.has(stemmed) ? `${stemmed}^${OWN_STEM_BOOST} ${stemmed}` : beginning(meant, stemmed);
    }).join(" ");
  }

  // What a word and its stem share ("clos" for closing/close): the part to look for when
  // the stem is not a word of the index (the reader may still be typing).
  function beginning(word, stem) {
    let length = 0;
    while (length < word.length && length < stem.length && word[length] === stem[length]) length += 1;
    return length >= SHORTEST_PREFIX ? word.slice(0, length) : word;
  }

  // Does any term of the index begin with `prefix`? (binary search in the sorted terms)
  function begins(prefix) {
    let low = 0;
    let high = terms.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (terms[middle] < prefix) low = middle + 1;
      else high = middle;
    }
    return low < terms.length && terms[low].startsWith(prefix);
  }

  // The site's most frequent word one typo away from `word`, or null.
  function oneTypoAway(word) {
    let best = null;
    let bestCount = 0;
    for (const [candidate, count] of siteWords) {
      if (count > bestCount && oneTypoApart(word, candidate)) {
        best = candidate;
        bestCount = count;
      }
    }
    return best;
  }

  // True when b is a with one letter added, dropped or changed, or two neighbours swapped.
  function oneTypoApart(a, b) {
    if (a === b || Math.abs(a.length - b.length) > 1) return false;
    let start = 0;
    while (start < a.length && start < b.length && a[start] === b[start]) start += 1;
    const restA = a.slice(start);
    const restB = b.slice(start);
    return restA.slice(1) === restB.slice(1) ||  // changed
      restA.slice(1) === restB ||                 // dropped
      restA === restB.slice(1) ||                 // added
      (restA[0] === restB[1] && restA[1] === restB[0] && restA.slice(2) === restB.slice(2));  // swapped
  }

  // Material lists articles by the score of their best section. Those whose page or one
  // section holds more of the reader's words go first, in Material's order among them:
  // otherwise one word in a title ("billed": Pause billing) beats the article that holds
  // every word ("billed after closing account": After you cancel).
  function mostWordsFirst(message) {
    const found = (article) => Math.max(...article.map((doc) =>
      Object.values(doc.terms || {}).filter(Boolean).length));
    const ranked = message.data.items.map((article, order) => ({ article, order, found: found(article) }));
    ranked.sort((a, b) => b.found - a.found || a.order - b.order);
    return { ...message, data: { ...message.data, items: ranked.map(({ article }) => article) } };
  }
})();
