// Checks search.js against the Swift side and its own ranking rules: it folds Vietnamese exactly as Swift's
// Slug.fold does (the word list SearchTests reads, scripts/fold-words.tsv), reads numbers as NumberText writes
// them, and ranks and marks small crafted indexes as docs/ARCHITECTURE.md's "Search" says. Run: node scripts/check-search-fold.js
"use strict";
const fs = require("fs");
const path = require("path");
const search = require(path.join(__dirname, "..", "templates", "assets", "search.js"));

let passed = 0, failed = 0;
function check(ok, what) { if (ok) { passed++; } else { failed++; console.log("FAIL " + what); } }

const lines = fs.readFileSync(path.join(__dirname, "fold-words.tsv"), "utf8").split("\n");
for (const line of lines) {
  if (!line || line.startsWith("#")) continue;
  const [word, expected] = line.split("\t");
  const folded = search.fold(word);
  check(folded === expected, `${JSON.stringify(word)} → ${JSON.stringify(folded)}, expected ${JSON.stringify(expected)}`);
}
// The string SearchTests.numbersAreWrittenFiveBitsALetter expects from Swift's NumberText.
check(JSON.stringify(search.numbers("ABfgBofgy4D")) === "[0,1,31,32,1000,123456]", "numbers decode as NumberText writes them");

// A tiny index in the format SearchIndex writes: S, the S symbols (mask << 3 | weight), then per article
// (gap − 1) · S + its symbol's number; a pair's ids as gap − 1.
const letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
const encode = (values) => values.map((v) => { let s = ""; do { const low = v & 31; v >>= 5; s += letters[v > 0 ? low | 32 : low]; } while (v > 0); return s; }).join("");
const term = (spellings, rows) => {
  const symbols = Array.from(new Set(rows.map(([, mask, weight]) => mask << 3 | weight)));
  let previous = -1;
  const values = [symbols.length, ...symbols];
  for (const [id, mask, weight] of rows) { values.push((id - previous - 1) * symbols.length + symbols.indexOf(mask << 3 | weight)); previous = id; }
  return spellings === null ? encode(values) : [spellings, encode(values)];
};
const pair = (ids) => { let previous = -1; return encode(ids.map((id) => { const gap = id - previous - 1; previous = id; return gap; })); };
// The string SearchTests.postingsAreWrittenAsGapsAndSymbolsOfTheirTerm expects from Swift's postingsText:
// ids 0, 2, 3 with symbols 11 (mask 1, weight 3), 20, 20 (mask 2, weight 4).
const decoded = Array.from(search.termPostings("CULBCA").entries()).map(([id, p]) => [id, p.mask, p.weight]);
check(JSON.stringify(decoded) === "[[0,1,3],[2,2,4],[3,2,4]]", "postings decode as postingsText writes them: " + JSON.stringify(decoded));
check(JSON.stringify(Array.from(search.pairIds("ABA"))) === "[0,2,3]", "pair ids decode as gaps less one");
const ranked = (query, postings, count = 100) => {
  const words = search.queryWords(query);
  return search.rank(words, postings, search.pairs(words.map((w) => w.term)), count).map((r) => r.id);
};

// "đang" typed with marks: articles holding "đang" rank above one holding only "đẳng", even a heavier one;
// without marks, the weight decides.
const dang = { dang: term(["đẳng", "đang", "đảng"], [[1, 1, 7], [2, 2, 2], [3, 4, 3], [4, 2, 1]]) };
// A word never written with marks has no spelling list: a query typed with marks matches it without them.
const plain = { "2019": term(null, [[0, 1, 3], [5, 1, 6]]), nam: term(["năm"], [[5, 1, 3], [7, 1, 3]]) };
check(ranked("2019", plain).join() === "5,0", `a term without spellings: ${ranked("2019", plain)}`);
check(ranked("nằm 2019", plain).join() === "5,0,7", `a word typed with marks the articles never use still matches: ${ranked("nằm 2019", plain)}`);
check(ranked("đang", dang).join() === "2,4,1,3", `"đang" ranks exact spellings first: ${ranked("đang", dang)}`);
check(ranked("đảng", dang).join() === "3,1,2,4", `"đảng": ${ranked("đảng", dang)}`);
check(ranked("dang", dang).join() === "1,3,2,4", `"dang" ranks by weight: ${ranked("dang", dang)}`);

// "người có công": the three words side by side beat the same words scattered, whatever the weights.
const ncc = {
  nguoi: term(["người"], [[1, 1, 7], [2, 1, 1]]), co: term(["có"], [[1, 1, 7], [2, 1, 1]]),
  cong: term(["công"], [[1, 1, 7], [2, 1, 1]]), "nguoi co": pair([2]), "co cong": pair([2]),
};
check(ranked("người có công", ncc).join() === "2,1", `phrase first: ${ranked("người có công", ncc)}`);
// A rare word counts more than a common one (BM25's idf); newer breaks ties.
const idf = { a: term(["a"], [[1, 1, 3], [2, 1, 3], [3, 1, 3]]), b: term(["b"], [[1, 1, 3], [2, 1, 3], [3, 1, 3], [5, 1, 3]]),
              rare: term(["rare"], [[3, 1, 3]]), common: term(["common"], [[1, 1, 3], [2, 1, 3], [3, 1, 3]]) };
check(ranked("a b", idf).join() === "1,2,3,5", `ties go to the newer: ${ranked("a b", idf)}`);
// Partial matches: an article holding more of the query (each word weighed by its idf) ranks above one
// holding fewer, whatever their BM25; a word in no article leaves the others' results and is named once.
check(ranked("a rare", idf).join() === "3,1,2", `the article holding both first: ${ranked("a rare", idf)}`);
check(ranked("common rare b", idf).join() === "3,1,2,5", `more of the query first: ${ranked("common rare b", idf)}`);
const heavy = { a: idf.a, rare: term(["rare"], [[3, 1, 1], [6, 1, 7]]) };
check(ranked("a rare", heavy).join() === "3,6,1,2", `holding both beats a heavier single word: ${ranked("a rare", heavy)}`);
check(ranked("rare a", { a: term(["a"], [[1, 1, 7], [2, 1, 7], [3, 1, 7]]), rare: term(["rare"], [[4, 1, 1]]) }).join() === "4,1,2,3",
      "a rarer word outweighs a commoner one");
const withMissing = search.rank(search.queryWords("a zzz Zzz b"), idf, [], 100);
check(withMissing.map((r) => r.id).join() === "1,2,3,5", `a missing word leaves the others' results: ${withMissing.map((r) => r.id)}`);
check(withMissing.missing.map((w) => w.typed).join() === "zzz", `the missing word is named once, as typed: ${JSON.stringify(withMissing.missing)}`);
// Every word counts, up to 12: the twelfth word still ranks.
const twelve = "w1 w2 w3 w4 w5 w6 w7 w8 w9 w10 w11 rare thirteen";
check(search.queryWords(twelve).length === 12 && ranked(twelve, idf).join() === "3", "the twelfth word is looked up");
// A word typed twice takes one place.
check(search.queryWords("giáo dục nhà giáo giáo").length === 3, "a repeated word is looked up once");
// A word typed with marks weighs its spelling's rarity: "bò" (one article) outweighs "sinh" (two), though
// "bo" folds "bộ" in every article.
const bo = { bo: term(["bộ", "bò"], [[1, 1, 1], [2, 1, 1], [3, 2, 1], [4, 1, 1], [5, 1, 1], [6, 1, 1]]),
             sinh: term(["sinh"], [[7, 1, 3], [8, 1, 3]]) };
check(ranked("bò sinh", bo, 10)[0] === 3, `the rare spelling first: ${ranked("bò sinh", bo, 10)}`);
check(ranked("bo sinh", bo, 10).slice(0, 2).join() === "7,8", `without marks "bo" is common: ${ranked("bo sinh", bo, 10)}`);
// Suggestions: one letter changed, added, dropped, or two neighbours swapped; the most held such word wins.
check(search.oneApart("tihn", "tinh") && search.oneApart("tin", "tinh") && search.oneApart("tinhh", "tinh") &&
      search.oneApart("tonh", "tinh") && !search.oneApart("tinh", "tinh") && !search.oneApart("toan", "tinh"), "one letter apart");
search.suggest([{ term: "tihn", typed: "Tihn" }, { term: "xq", typed: "xq" }], (name) => Promise.resolve(
  { "w-3.json?v=1": { tin: 4 }, "w-4.json?v=1": { tinh: 7, thin: 3, tint: 2 }, "w-5.json?v=1": { thinh: 2 } }[name]), { words: 5, version: "1" })
  .then((fixes) => {
    check(fixes.get("tihn") === "tinh" && fixes.size === 1, "the suggestion: " + JSON.stringify(Array.from(fixes)));
    check(search.corrected("bò Hòa Tihn", [{ term: "tihn", typed: "Tihn" }], fixes) === "bò Hòa tinh", "the query put right");
    console.log(`${passed} passed, ${failed} failed`);
    process.exit(failed === 0 ? 0 : 1);
  });
// Codes: "18-NQ/TW" and "18 nq tw" ask for the same terms and pairs.
check(JSON.stringify(search.queryWords("18-NQ/TW").map((w) => w.term)) === JSON.stringify(search.queryWords("18 nq tw").map((w) => w.term)), "codes as typed or spaced");

// Marking: with marks typed, only the exact spelling in a result holding it; else any spelling folding to it.
const words = search.queryWords("giảm dân");
const marks = search.markedWords(words, { exactTerms: ["giam"] });
check(marks.get("giam") === "giảm" && marks.get("dan") === null, "marked words follow the result's spellings");

// Same bucket numbers as SearchTests.bucketsMatchTheScript.
const buckets = { duoc: search.bucket("duoc", 64), dan: search.bucket("dan", 1024), "2018": search.bucket("2018", 7) };
check(buckets.duoc === 12 && buckets.dan === 40 && buckets["2018"] === 4, "buckets " + JSON.stringify(buckets));
