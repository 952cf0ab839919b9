// What a reader's first search downloads from a built site, computed with search.js's own functions:
// the search page, search.js, style.css, the manifest, the term buckets of the query (words and word
// pairs) and the article chunks of the first 10 results; then what a
// suggestion for a word found nowhere adds (the word lists of three lengths). Usage: node first-search.js
// PUBLIC "query" ...
"use strict";
const fs = require("fs");
const path = require("path");
const zlib = require("zlib");
const search = require(path.join(__dirname, "..", "..", "templates", "assets", "search.js"));

const [site, ...queries] = process.argv.slice(2);
const index = path.join(site, "tim-kiem", "index");
const manifest = JSON.parse(fs.readFileSync(path.join(index, "manifest.json"), "utf8"));
const size = (file) => { const data = fs.readFileSync(file); return { raw: data.length, gzip: zlib.gzipSync(data).length }; };
const add = (a, b) => ({ raw: a.raw + b.raw, gzip: a.gzip + b.gzip });
const kb = (n) => (n / 1024).toFixed(1).padStart(7) + " KiB";

const pageFiles = [path.join(site, "tim-kiem", "index.html"), path.join(site, "assets", "search.js"),
                   path.join(site, "assets", "style.css"), path.join(index, "manifest.json")];
const page = pageFiles.map(size).reduce(add);
const buckets = fs.readdirSync(index).filter((f) => f.startsWith("t-")).map((f) => size(path.join(index, f)).raw);
const chunks = fs.readdirSync(index).filter((f) => f.startsWith("d-")).map((f) => size(path.join(index, f)).raw);
const total = fs.readdirSync(index).map((f) => size(path.join(index, f)).raw).reduce((a, b) => a + b, 0);
console.log(`site: ${manifest.count} articles; index: ${buckets.length} term buckets (largest ${kb(Math.max(...buckets))}), ` +
            `${chunks.length} article chunks (largest ${kb(Math.max(...chunks))}), ${kb(total)} in all`);
console.log(`page + search.js + style.css + manifest: ${kb(page.raw)} (gzip ${kb(page.gzip)})`);

let worst = 0;
(async () => {
for (const query of queries) {
  // The real search, with a loader that counts what it reads.
  let bytes = { raw: 0, gzip: 0 }, buckets = 0;
  const load = (name) => {
    const file = path.join(index, name.replace(/\?.*$/, ""));
    if (name.startsWith("t-")) { bytes = add(bytes, size(file)); buckets++; }
    return Promise.resolve(JSON.parse(fs.readFileSync(file, "utf8")));
  };
  const found = await search.search(query, load);
  const results = found.results;
  const shown = Array.from(new Set(results.slice(0, search.PAGE_SIZE).map((r) => Math.floor(r.id / manifest.chunk))));
  for (const c of shown) bytes = add(bytes, size(path.join(index, `d-${c}.json`)));
  const first = add(page, bytes);
  worst = Math.max(worst, first.raw);
  const words = search.queryWords(query).length;
  console.log(`"${query}" (${words} words): ${results.length} results, ${buckets} buckets + ${shown.length} chunks → first search ${kb(first.raw)} (gzip ${kb(first.gzip)})`);
}
// Worst case whatever the query: as many of the largest buckets as a query can ask for (its words and
// their pairs) and a page of results each in one of the largest chunks.
const sorted = (list) => list.slice().sort((a, b) => b - a);
const most = 2 * search.MAX_QUERY_TERMS - 1;
const bound = page.raw + sorted(buckets).slice(0, most).reduce((a, b) => a + b, 0) +
  sorted(chunks).slice(0, search.PAGE_SIZE).reduce((a, b) => a + b, 0);
console.log(`bound for any query (${most} largest buckets + ${search.PAGE_SIZE} largest chunks + page): ${kb(bound)}`);
// A suggestion reads the word lists of the lengths around a missing word: the worst three neighbouring lengths.
const lists = fs.readdirSync(index).filter((f) => /^w-\d+\.json$/.test(f))
  .map((f) => ({ length: +f.slice(2, -5), size: size(path.join(index, f)) })).sort((a, b) => a.length - b.length);
if (lists.length > 0) {
  let heaviest = null;
  for (let i = 0; i + 2 < lists.length; i++) {
    const three = add(add(lists[i].size, lists[i + 1].size), lists[i + 2].size);
    if (!heaviest || three.gzip > heaviest.size.gzip) heaviest = { from: lists[i].length, size: three };
  }
  const all = lists.map((l) => l.size).reduce(add);
  console.log(`word lists for suggestions: ${lists.length} files, ${kb(all.raw)} (gzip ${kb(all.gzip)}); a suggestion ` +
              (heaviest ? `reads at most ${kb(heaviest.size.raw)} (gzip ${kb(heaviest.size.gzip)}), lengths ${heaviest.from}–${heaviest.from + 2}` : "reads them all"));
}
console.log(`largest first search measured: ${kb(worst)}; bound ${kb(bound)}: ${bound < 1024 * 1024 ? "under" : "OVER"} 1 MiB`);
process.exit(Math.max(worst, bound) < 1024 * 1024 ? 0 : 1);
})();
