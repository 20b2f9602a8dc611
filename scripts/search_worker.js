// The site's search worker (Material's, wrapped by ours: assets/javascripts/workers/help-search.js)
// run in Node as a browser runs it, on a built site's index: to fold words, search, and see why the
// articles come in their order, in a second instead of a browser session. The tests use it for
// the worker's own functions (tests/test_search_folding.py); `make search-quality` stays the
// measure, in Chromium.
//
//   node scripts/search_worker.js site/ it "pausa" "disdire abbonamento"     one JSON list of articles per search
//   node scripts/search_worker.js site/ it --explain "pausa"                 and what each word counted for
//   node scripts/search_worker.js site/ ar --fold الإلغاء فوترة               each word as the index holds it
"use strict";

const fs = require("fs");
const path = require("path");
const vm = require("vm");

const SETUP = 0;
const QUERY = 2;
const RESULT = 3;

function worker(site) {
  const folder = path.join(site, "assets", "javascripts", "workers");
  const material = fs.readdirSync(folder).find((name) => /^search\.[0-9a-f]+\.min\.js$/.test(name));
  const listeners = [];
  const sent = [];
  const scope = {
    console, URL, setTimeout,
    addEventListener: (type, listener) => listeners.push(listener),
    postMessage: (message) => sent.push(message),
    location: { href: `http://localhost/assets/javascripts/workers/help-search.js?material=${material}` },
  };
  scope.self = scope;
  scope.importScripts = (...urls) => {
    for (const url of urls) {
      const file = path.join(site, decodeURIComponent(new URL(url, scope.location.href).pathname));
      vm.runInContext(fs.readFileSync(file, "utf8"), scope, { filename: file });
    }
  };
  vm.createContext(scope);
  vm.runInContext(fs.readFileSync(path.join(folder, "help-search.js"), "utf8"), scope);

  // One message in, the worker's answer out (Material answers asynchronously).
  async function send(message) {
    sent.length = 0;
    for (const listener of listeners) await listener({ data: message });
    for (let tries = 0; tries < 1000 && !sent.length; tries += 1) await new Promise((done) => setTimeout(done, 0));
    return sent.slice();
  }
  return { scope, send };
}

async function main() {
  const [site, lang, ...rest] = process.argv.slice(2);
  const explain = rest.includes("--explain");
  const folding = rest.includes("--fold");
  const words = rest.filter((word) => word !== "--explain" && word !== "--fold");
  const { scope, send } = worker(site);
  const index = JSON.parse(fs.readFileSync(path.join(site, lang === "en" ? "" : lang, "search", "search_index.json"), "utf8"));
  await send({ type: SETUP, data: { ...index, options: { suggest: false } } });
  if (folding) {
    console.log(JSON.stringify(words.map((word) => scope.helpSearch.fold(word))));
    return;
  }
  const answers = [];
  for (const words_ of words) {
    const [answer] = (await send({ type: QUERY, data: words_ })).filter((message) => message.type === RESULT);
    const found = answer.data.items.map((article) => article[0].location.split("#")[0].replace(/\/$/, "") || "index");
    answers.push(explain ? { search: words_, found, why: scope.helpSearch.explain() } : found);
  }
  console.log(JSON.stringify(answers, null, explain ? 1 : 0));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
