// Scores a built site against a judged set (bench/judged.sh): related news from the article pages, search
// from the real search.js over the real index. Usage: node judged.js JUDGED_DIR PUBLIC [--verbose] [--queries FILE]
// (--queries: other queries for the same articles, e.g. bench/judged-long-queries.json, in place of DIR's)
"use strict";
const fs = require("fs");
const path = require("path");
const search = require(path.join(__dirname, "..", "templates", "assets", "search.js"));

const [dir, site, ...flags] = process.argv.slice(2);
const verbose = flags.includes("--verbose");
const queriesFile = flags.includes("--queries") ? path.resolve(flags[flags.indexOf("--queries") + 1]) : path.join(dir, "queries.json");
const truth = JSON.parse(fs.readFileSync(path.join(dir, "truth.json"), "utf8"));
const storyOf = new Map();
for (const [story, slugs] of Object.entries(truth.stories)) for (const slug of slugs) storyOf.set(slug, story);

// An article by its slug; any other result (a document's page) by its address.
const page = (slug) => fs.readFileSync(slug.startsWith("/") ? path.join(site, slug, "index.html")
                                                            : path.join(site, "tin", slug, "index.html"), "utf8");
const slugOf = (url) => { const m = /\/tin\/([^/]+)\//.exec(url); return m ? m[1] : url; };

// Related news: how many of an article's story siblings its list shows, and whether the first is one.
let recallSum = 0, firstRight = 0, articles = 0;
for (const [story, slugs] of Object.entries(truth.stories)) {
  for (const slug of slugs) {
    const html = page(slug);
    const block = /<ul class="related-list">([\s\S]*?)<\/ul>/.exec(html);
    const listed = block ? [...block[1].matchAll(/href="([^"]+)"/g)].map((m) => slugOf(m[1])) : [];
    const siblings = slugs.filter((s) => s !== slug);
    const found = siblings.filter((s) => listed.includes(s)).length;
    recallSum += found / siblings.length;
    if (listed.length > 0 && storyOf.get(listed[0]) === story) firstRight++;
    articles++;
    if (verbose && (found < siblings.length || storyOf.get(listed[0]) !== story)) {
      console.log(`  ${slug}: ${found}/${siblings.length} siblings; list ${listed.join(", ")}`);
    }
  }
}

// Search: the words of a page as a reader sees them (title and body), to tell whether a result holds a word.
const textOf = new Map();
function pageText(slug) {
  if (!textOf.has(slug)) {
    const html = page(slug);
    const article = (/<article[\s\S]*?<\/article>/.exec(html) || [html])[0];
    const text = article.replace(/<[^>]*>/g, " ").replace(/&#(\d+);/g, (_, n) => String.fromCodePoint(+n))
      .replace(/&#x([0-9a-f]+);/gi, (_, n) => String.fromCodePoint(parseInt(n, 16)))
      .replace(/&amp;/g, "&").replace(/&quot;/g, "\"").replace(/&lt;/g, "<").replace(/&gt;/g, ">");
    textOf.set(slug, text.normalize("NFC").toLowerCase());
  }
  return textOf.get(slug);
}
const holdsWord = (slug, word) => new RegExp("(^|[^\\p{L}\\p{N}])" + word.normalize("NFC").toLowerCase() +
                                             "($|[^\\p{L}\\p{N}])", "u").test(pageText(slug));

const index = path.join(site, "tim-kiem", "index");
const load = (name) => Promise.resolve(JSON.parse(fs.readFileSync(path.join(index, name.replace(/\?.*$/, "")), "utf8")));
// Queries of a story that a variant left out are skipped, as judged-variants.py drops them from queries.json.
const queries = JSON.parse(fs.readFileSync(queriesFile, "utf8")).filter((q) => q.exact || truth.stories[q.story]);

(async () => {
  let storyHits = 0, storySlots = 0, exactHits = 0, exactSlots = 0;
  for (const query of queries) {
    const found = await search.search(query.q, load);
    const wanted = query.exact ? 5 : 3;
    const top = [];
    for (const result of found.results.slice(0, wanted)) {
      const rows = await load(`d-${Math.floor(result.id / found.manifest.chunk)}.json`);
      top.push(slugOf(rows[result.id % found.manifest.chunk][1]));
    }
    const good = top.map((slug) => query.exact ? holdsWord(slug, query.q) : storyOf.get(slug) === query.story);
    const hits = good.filter(Boolean).length;
    if (query.exact) { exactHits += hits; exactSlots += wanted; } else { storyHits += hits; storySlots += wanted; }
    if (verbose && hits < wanted) console.log(`  "${query.q}": ${hits}/${wanted}: ${top.join(", ")}`);
  }
  const figure = (n) => n.toFixed(3);
  console.log(`related: mean story recall in the list ${figure(recallSum / articles)}, first related a sibling ` +
              `${figure(firstRight / articles)} (${articles} story articles)`);
  console.log(`search: story queries' first 3 results in the story ${figure(storyHits / Math.max(storySlots, 1))} ` +
              `(${storySlots / 3} queries); exact-word queries' first 5 results holding the word as typed ` +
              `${figure(exactHits / Math.max(exactSlots, 1))} (${exactSlots / 5} queries)`);
})().catch((error) => { console.error(error); process.exit(1); });
