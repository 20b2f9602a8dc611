// The help centre's search worker: Material's own worker, with matching that takes the
// reader's words as they come. Pages point Material at this file instead of its worker
// (helpcentre/material/search_config.py), with Material's file name in ?material=.
//
// Material gives each language its own index with lunr's stemmer and stop words for that
// language (mkdocs.yml: plugins: search: pipeline) and adds a * to every word, so a word
// finds the words it begins. On top of that, this file:
// - folds the ways a word is written into one, in the index and in the reader's words, before
//   they are stemmed: accents, Hebrew points, Arabic hamza forms, ta marbuta, alef maqsura,
//   tatweel, diacritics and article, Persian ی/ک (the rules come with the index, from
//   helpcentre/search_folding.py), so "resilier" meets "résiliation" and فوترة meets الفوترة;
// - trims what is not a letter or a digit of any script around a word (lunr's trimmers know
//   only their own language's letters, and would erase the English of a page on an Arabic site);
// - stems the reader's words as the index's were, so "annullamento" finds "annullare" and
//   "cancellation" finds "Cancel your account" (a word's own stem counts most, the longer
//   words it merely begins count less: "partir" is not "partenaire");
// - leaves out words that say nothing about what the reader wants: the language's stop
//   words, data/search-terms.yml's ignored_words and the product's name;
// - forgives one typo (a letter added, dropped or changed, or two swapped) in a word of
//   five letters or more that the site does not have: the most frequent word of the site
//   one typo away is searched instead ("résillier", "downgarde", "gratutia");
// - ranks the articles by how much of the reader's words are theirs (`rank`): each word counts
//   by where the article has it (its title and its customers' words first, then its headings,
//   then its text) and by how few articles have it, so a word every article shares ("cancel",
//   "account") weighs little, and the article whose own word it is comes first; Material's
//   order decides between equals.
// Each word the reader types stays one word of Material's query, so its highlighting and its
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

  // How much a word found in one place of an article counts (`rank`).
  const WEIGHT = { title: 10, keywords: 8, heading: 3, source_keywords: 4, text: 0.5 };
  const PREFIX_WEIGHT = 0.5;  // a longer word the reader's word begins, against the word itself
  const REPEATED = 0.5;       // a word written n times in a place counts 1 + REPEATED * ln(n) times

  let language = "en";
  let pipeline = new Set(["stopWordFilter", "stemmer"]);  // the index's steps
  let ignored = new Set();
  let siteWords = new Map();  // every word of the site's text, folded -> count
  let index = null;           // lunr's index, once built
  let terms = [];             // the index's terms (stems of folded words), sorted
  let termSet = new Set();
  let queried = [];           // the last query's words as searched: [{ term, exact }]

  // Folding (helpcentre/search_folding.py): the rules arrive with the index's config.
  let marks = /[\u0300-\u036f]/gu;
  let letters = new Map([["œ", "oe"], ["æ", "ae"]]);
  let lettersPattern = /[œæ]/gu;
  let articles = [];
  let shortestAfterArticle = 3;
  const foldText = (text) => text.normalize("NFD").replace(marks, "")
    .replace(lettersPattern, (letter) => letters.get(letter)).normalize("NFC");
  function fold(word) {
    let folded = foldText(word);
    for (;;) {
      const article = articles.find((one) => folded.startsWith(one)
        && folded.length - one.length >= shortestAfterArticle);
      if (!article) return folded;
      folded = folded.slice(article.length);
    }
  }
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
  self.postMessage = (message) => post(message && message.type === RESULT ? rank(message) : message);
  self.helpSearch = { fold, explain: () => explain() };  // for scripts/search_worker.js and the tests

  importScripts(new URL(self.location.href).searchParams.get("material"));
  const lunr = self.lunr;

  // Index side: in the index Material is about to build, words are folded after the stop words
  // (whose lists have their accents) and before the stemmer. Query words arrive stemmed already
  // (`rewrite`), so lunr's query pipeline only folds them.
  function foldToken(token) {
    return token.update(fold);
  }
  lunr.Pipeline.registerFunction(foldToken, "helpFoldAccents");
  // lunr's trimmers know only their own language's letters (English's only a-z: "ł" or "ś" cut
  // off a word; Arabic's no Latin letter: the English of a page not translated yet erased).
  function trimWord(token) {
    return token.update((word) => word.replace(EDGES, ""));
  }
  lunr.Pipeline.registerFunction(trimWord, "helpTrimWord");
  const add = lunr.Builder.prototype.add;
  lunr.Builder.prototype.add = function (doc, attributes) {
    if (this.pipeline._stack.indexOf(foldToken) === -1) {
      // First: the stop words and the stemmer must see the word without its comma or quote.
      if (!pipeline.has("trimmer")) this.pipeline._stack.unshift(trimWord);
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
    index = build.call(this);
    terms = Object.keys(index.invertedIndex).sort();
    termSet = new Set(terms);
    return index;
  };

  function setUp({ config, docs }) {
    language = config.lang[0] || "en";
    pipeline = new Set(config.pipeline || pipeline);
    if (config.folding) {
      const rules = config.folding;
      marks = new RegExp(rules.marks, "gu");
      letters = new Map(Object.entries(rules.letters));
      lettersPattern = new RegExp([...letters.keys()].join("|"), "gu");
      articles = rules.articles;
      shortestAfterArticle = rules.shortest_after_article;
    }
    ignored = new Set((config.ignored_words || []).map((word) => fold(word.toLowerCase())));
    const separator = new RegExp(config.separator, "g");
    siteWords = new Map();
    for (const doc of docs) {
      const text = [doc.title, doc.text, doc.keywords, doc.source_keywords].join(" ").replace(/<[^>]*>/g, " ");
      for (const word of text.toLowerCase().split(separator)) {
        const clean = fold(word.replace(EDGES, ""));
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
    queried = [];
    if (!terms.length) return query;
    const { trimmer, stopWordFilter, stemmer } = steps();
    const stem = (word) => stemmer(new lunr.Token(word)).toString();
    const words = query.toLowerCase().split(lunr.tokenizer.separator)
      .map((word) => trimmer(new lunr.Token(word)).toString())
      .filter((word) => word && stopWordFilter(new lunr.Token(word)) && !ignored.has(fold(word)));
    if (!words.length) return query;
    const searched = words.map((word) => {
      const folded = fold(word);
      const own = stem(folded);
      if (termSet.has(own)) return { term: own, exact: true };
      const start = beginning(folded, own);
      if (begins(start) || folded.length < SHORTEST_TYPO) return { term: start, exact: false };
      const meant = oneTypoAway(folded);
      if (!meant) return { term: start, exact: false };
      const stemmed = stem(meant);
      return termSet.has(stemmed) ? { term: stemmed, exact: true } : { term: beginning(meant, stemmed), exact: false };
    });
    queried = searched.filter((word, at) => searched.findIndex((other) => other.term === word.term) === at);
    return searched.map(({ term, exact }) => exact ? `${term}^${OWN_STEM_BOOST} ${term}` : term).join(" ");
  }

  // What a word and its stem share ("clos" for closing/close): the part to look for when
  // the stem is not a word of the index (the reader may still be typing).
  function beginning(word, stem) {
    let length = 0;
    while (length < word.length && length < stem.length && word[length] === stem[length]) length += 1;
    return length >= SHORTEST_PREFIX ? word.slice(0, length) : word;
  }

  // Where the terms beginning with `prefix` start in the sorted terms (binary search).
  function firstBeginning(prefix) {
    let low = 0;
    let high = terms.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (terms[middle] < prefix) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  // Does any term of the index begin with `prefix`?
  function begins(prefix) {
    const at = firstBeginning(prefix);
    return at < terms.length && terms[at].startsWith(prefix);
  }

  // The terms of the index a searched word matches: itself and the longer words it begins, as
  // Material's query (every word with a *) matches them.
  function matching(term) {
    const found = [];
    for (let at = firstBeginning(term); at < terms.length && terms[at].startsWith(term); at += 1) found.push(terms[at]);
    return found;
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

  // Material lists articles by the score of their best section: one word in a heading of
  // another article ("Would a pause be better?") beats the article whose subject it is, and a
  // word every article has ("cancel") counts as much as the one that says what the reader wants
  // ("trial"). So the articles are ranked again here, by how much of the reader's words are
  // theirs: for each word, the most a place of the article that has it counts (WEIGHT: title
  // and customers' words first, a longer word the reader's word begins counting less), times
  // how rare the word is among the articles (BM25's inverse document frequency); Material's order
  // decides between equals.
  function rank(message) {
    if (!index || !queried.length) return message;
    const scores = articleScores();
    const ranked = message.data.items.map((article, order) => ({
      article, order, score: scores.get(pageOf(article[0].location)) || 0,
    }));
    ranked.sort((a, b) => b.score - a.score || a.order - b.order);
    return { ...message, data: { ...message.data, items: ranked.map(({ article }) => article) } };
  }

  const pageOf = (location) => location.split("#")[0];

  // For each searched word, what it counts for in each article that has it: the sum, over the
  // places of the article that have it (title, customers' words, headings, text...), of the most
  // one of them counts there (WEIGHT, less for a longer word it merely begins, more for a word
  // written there again); times how rare the word is among the articles.
  function wordScores() {
    const pages = new Set(Object.keys(index.fieldVectors).map((key) => pageOf(key.slice(key.indexOf("/") + 1))));
    return queried.map(({ term, exact }) => {
      const places = new Map();  // article -> place -> the most the word counts there
      for (const found of matching(term)) {
        const closeness = found === term && exact ? 1 : PREFIX_WEIGHT;
        const postings = index.invertedIndex[found];
        for (const field of index.fields) {
          for (const [location, metadata] of Object.entries(postings[field] || {})) {
            const page = pageOf(location);
            const place = field === "title" ? (location === page ? "title" : "heading") : field;
            const times = ((metadata.position || []).length) || 1;
            const weight = (WEIGHT[place] || 1) * closeness * (1 + REPEATED * Math.log(times));
            const mine = places.get(page) || new Map();
            mine.set(place, Math.max(mine.get(place) || 0, weight));
            places.set(page, mine);
          }
        }
      }
      const rarity = Math.log(1 + (pages.size - places.size + 0.5) / (places.size + 0.5));
      return { term, rarity, places };
    });
  }

  function articleScores() {
    const scores = new Map();
    for (const { rarity, places } of wordScores()) {
      for (const [page, mine] of places) {
        const weight = [...mine.values()].reduce((sum, one) => sum + one, 0);
        scores.set(page, (scores.get(page) || 0) + rarity * weight);
      }
    }
    return scores;
  }

  // What each word counted for, article by article (for whoever tunes the weights).
  function explain() {
    return wordScores().map(({ term, rarity, places }) => `${term} (rarity ${rarity.toFixed(2)}): ` +
      [...places].map(([page, mine]) => `${page} ` + [...mine].map(([place, weight]) =>
        `${place} ${(rarity * weight).toFixed(1)}`).join(" + ")).join("; ")).join("\n");
  }
})();
