// Checks that search.js folds Vietnamese exactly as Swift's Slug.fold does, on the same word list
// SearchTests reads (scripts/fold-words.tsv). Run: node scripts/check-search-fold.js
"use strict";
const fs = require("fs");
const path = require("path");
const search = require(path.join(__dirname, "..", "templates", "assets", "search.js"));

const lines = fs.readFileSync(path.join(__dirname, "fold-words.tsv"), "utf8").split("\n");
let passed = 0, failed = 0;
for (const line of lines) {
  if (!line || line.startsWith("#")) continue;
  const [word, expected] = line.split("\t");
  const folded = search.fold(word);
  if (folded === expected) { passed++; } else { failed++; console.log(`FAIL ${JSON.stringify(word)} → ${JSON.stringify(folded)}, expected ${JSON.stringify(expected)}`); }
}
// Ranking: the exact phrase in a title beats both words apart, which beats a body-only hit; then newer first.
const postings = { dan: [[1, 1], [3]], van: [[1, 1], [3]], "dan van": [[2], []] };
const order = search.rank(["dan", "van"], postings, search.pairs(["dan", "van"])).map((r) => r.id).join(",");
if (order === "2,1,3") { passed++; } else { failed++; console.log(`FAIL rank order ${order}, expected 2,1,3`); }
// Same bucket numbers as SearchTests.bucketsMatchTheScript.
const buckets = { duoc: search.bucket("duoc", 64), dan: search.bucket("dan", 1024), "2018": search.bucket("2018", 7) };
console.log("buckets " + JSON.stringify(buckets));
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
