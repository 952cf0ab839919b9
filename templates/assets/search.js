/* bantin search: reads the static index in /tim-kiem/index/ (see Sources/BanTinKit/Search/SearchIndex.swift).
   Plain ES2017, no libraries. Folding and term splitting must match SearchTerms.swift exactly:
   NFC, "đ"/"Đ" → "d", NFD, drop nonspacing marks, lower case; a term is a run of [a-z0-9]. */
(function () {
  "use strict";

  var PAGE_SIZE = 10;
  var MAX_TERM_LENGTH = 40;
  /* At most 6 words (and their 5 pairs) are looked up: 11 buckets at worst keeps the first search
     under 1 MB on a 10,000-article site (make bench-search). */
  var MAX_QUERY_TERMS = 6;
  var MARKS = (function () {
    try { return new RegExp("\\p{Mn}", "gu"); } catch (e) { return /[\u0300-\u036f]/g; }
  })();

  function fold(text) {
    return String(text).normalize("NFC").replace(/[đĐ]/g, "d").normalize("NFD").replace(MARKS, "").toLowerCase();
  }

  function terms(text) {
    var found = fold(text).match(/[a-z0-9]+/g) || [];
    return found.filter(function (term) { return term.length <= MAX_TERM_LENGTH; });
  }

  /* FNV-1a, 32 bits, over the term's bytes (terms are ASCII), as SearchTerms.bucket. */
  function bucket(term, count) {
    var hash = 0x811c9dc5;
    for (var i = 0; i < term.length; i++) {
      hash ^= term.charCodeAt(i);
      hash = Math.imul(hash, 0x01000193) >>> 0;
    }
    return hash % Math.max(count, 1);
  }

  /* Whole numbers as SearchIndex writes them (NumberText): 5 bits per letter, least significant first;
     the upper 32 letters of the alphabet say another letter follows. */
  var DIGITS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  function numbers(text) {
    var out = [], value = 0, shift = 0;
    for (var i = 0; i < text.length; i++) {
      var digit = DIGITS.indexOf(text.charAt(i));
      value += (digit & 31) * Math.pow(2, shift);
      if (digit & 32) { shift += 5; } else { out.push(value); value = 0; shift = 0; }
    }
    return out;
  }

  /* A term's entry: [spellings, postings], or only postings for a word never written with marks. Postings:
     S, S symbols (mask << 3 | weight), then per article (gap − 1) · S + symbol number (SearchIndex.swift). */
  function spellingsOf(entry) { return typeof entry === "string" ? [] : entry[0]; }
  function termPostings(entry) {
    var values = numbers(typeof entry === "string" ? entry : entry[1]), found = new Map(), id = -1;
    var count = values[0], symbols = values.slice(1, 1 + count);
    for (var i = 1 + count; i < values.length; i++) {
      id += Math.floor(values[i] / count) + 1;
      var symbol = symbols[values[i] % count];
      found.set(id, { weight: symbol & 7, mask: Math.floor(symbol / 8) });
    }
    return found;
  }
  /* A pair's ids, each written as its gap from the previous one less one. */
  function pairIds(entry) {
    var ids = new Set(), id = -1;
    numbers(entry).forEach(function (gap) { id += gap + 1; ids.add(id); });
    return ids;
  }

  /* Neighbouring query words, as the index stores neighbouring words ("dan van"). */
  function pairs(queryTerms) {
    var found = [];
    for (var i = 0; i + 1 < queryTerms.length; i++) found.push(queryTerms[i] + " " + queryTerms[i + 1]);
    return Array.from(new Set(found));
  }

  /* The query's words: folded (what must match) and, when typed with marks, exact (what ranks first). */
  function queryWords(query) {
    var words = [];
    (String(query).normalize("NFC").toLowerCase().match(/[^\s]+/g) || []).forEach(function (piece) {
      /* A piece like "18-NQ/TW" holds several terms: only a piece that is one term keeps its exact form. */
      var parts = terms(piece);
      parts.forEach(function (term) {
        var letters = piece.replace(/[^\p{L}\p{N}\p{M}]/gu, "");
        words.push({ term: term, exact: parts.length === 1 && fold(letters) === term && letters !== term ? letters : null });
      });
    });
    return words.slice(0, MAX_QUERY_TERMS);
  }

  /* Articles holding every folded term, ranked: those holding more of the words typed with marks exactly
     first, then more of the query's neighbouring words side by side, then by BM25 (idf times the stored term
     weight), then newest (lower id). */
  function rank(words, postingsByTerm, queryPairs, count) {
    var lists = [];
    for (var t = 0; t < words.length; t++) {
      var entry = postingsByTerm[words[t].term];
      if (!entry) return [];
      var exactBit = words[t].exact ? spellingsOf(entry).indexOf(words[t].exact) : -1;
      lists.push({ word: words[t], postings: termPostings(entry), bit: exactBit });
    }
    var unique = new Map();
    lists.forEach(function (list) { unique.set(list.word.term + "|" + list.word.exact, list); });
    lists = Array.from(unique.values());
    lists.sort(function (a, b) { return a.postings.size - b.postings.size; });
    var pairSets = (queryPairs || []).map(function (pair) { return postingsByTerm[pair] ? pairIds(postingsByTerm[pair]) : new Set(); });
    var results = [];
    lists[0].postings.forEach(function (_, id) {
      var score = 0, exact = 0, exactTerms = [];
      for (var i = 0; i < lists.length; i++) {
        var posting = lists[i].postings.get(id);
        if (!posting) return;
        var df = lists[i].postings.size;
        score += Math.log(1 + (count - df + 0.5) / (df + 0.5)) * posting.weight;
        if (lists[i].word.exact && lists[i].bit >= 0 && (posting.mask & (1 << lists[i].bit))) {
          exact++;
          exactTerms.push(lists[i].word.term);
        }
      }
      var phrases = pairSets.filter(function (ids) { return ids.has(id); }).length;
      results.push({ id: id, exact: exact, phrases: phrases, score: score, exactTerms: exactTerms });
    });
    results.sort(function (a, b) {
      return (b.exact - a.exact) || (b.phrases - a.phrases) || (b.score - a.score) || (a.id - b.id);
    });
    return results;
  }

  /* Which words to mark in a result: folded term → the exact spelling when the result holds the word as
     typed with marks (only that spelling is marked), else null (any spelling folding to it). */
  function markedWords(words, result) {
    var wanted = new Map();
    words.forEach(function (word) {
      var exact = word.exact && result.exactTerms.indexOf(word.term) >= 0 ? word.exact : null;
      if (!wanted.has(word.term) || exact) wanted.set(word.term, exact);
    });
    return wanted;
  }

  /* The search itself, for the page and for bench/judged.js: `load(name)` gives an index file's JSON. */
  function search(query, load) {
    var words = queryWords(query);
    var typed = words.map(function (word) { return word.term; });
    var queryPairs = pairs(typed), manifest;
    if (words.length === 0) return Promise.resolve({ words: words, results: [] });
    return load("manifest.json").then(function (loaded) {
      manifest = loaded;
      var numbers = Array.from(new Set(typed.concat(queryPairs).map(function (term) { return bucket(term, manifest.buckets); })));
      return Promise.all(numbers.map(function (number) { return load("t-" + number + ".json?v=" + manifest.version); }));
    }).then(function (buckets) {
      var postings = {};
      buckets.forEach(function (file) { Object.keys(file).forEach(function (term) { postings[term] = file[term]; }); });
      return { manifest: manifest, words: words, results: rank(words, postings, queryPairs, manifest.count) };
    });
  }

  /* Appends `text` to `parent`, wrapping each word that matched (see markedWords) in <mark>.
     Text goes in through text nodes only, never as HTML. */
  function appendMarked(parent, text, wanted) {
    var chars = Array.from(String(text).normalize("NFC"));
    var folded = chars.map(fold);
    var isWord = function (piece) { return /^[a-z0-9]+$/.test(piece); };
    var plainStart = 0, i = 0;
    while (i < chars.length) {
      if (!isWord(folded[i])) { i++; continue; }
      var j = i, word = "";
      /* Combining marks fold to "" and stay with their letter. */
      while (j < chars.length && (isWord(folded[j]) || folded[j] === "")) { word += folded[j]; j++; }
      var original = chars.slice(i, j).join("");
      if (wanted.has(word) && (wanted.get(word) === null || wanted.get(word) === original.toLowerCase())) {
        if (i > plainStart) parent.appendChild(document.createTextNode(chars.slice(plainStart, i).join("")));
        var mark = document.createElement("mark");
        mark.textContent = original;
        parent.appendChild(mark);
        plainStart = j;
      }
      i = j;
    }
    if (plainStart < chars.length) parent.appendChild(document.createTextNode(chars.slice(plainStart).join("")));
  }

  function fetchJSON(url, options) {
    return fetch(url, options).then(function (response) {
      if (!response.ok) throw new Error(url + ": " + response.status);
      return response.json();
    });
  }

  function start() {
    var app = document.getElementById("tim-kiem-ket-qua");
    if (!app) return;
    var input = document.getElementById("tu-khoa");
    var status = app.querySelector(".search-message");
    var list = app.querySelector(".search-results");
    var more = app.querySelector(".search-more button");
    var folder = app.getAttribute("data-index");
    var message = function (key, values) {
      var text = app.getAttribute("data-msg-" + key) || "";
      Object.keys(values || {}).forEach(function (name) { text = text.split("{" + name + "}").join(values[name]); });
      status.textContent = text;
    };
    app.hidden = false;

    var query = (new URLSearchParams(window.location.search).get("q") || "").trim();
    if (input) input.value = query;
    /* The header's box shows the query too, and the page title names it (words from the template). */
    var headerInput = document.getElementById("o-tim-kiem");
    if (headerInput) headerInput.value = query;
    var titlePattern = app.getAttribute("data-title");
    if (query && titlePattern) document.title = titlePattern.split("{query}").join(query);
    if (queryWords(query).length === 0) { message("empty"); return; }
    message("loading");

    var manifest, results, words, shown = 0, chunks = new Map();

    function chunk(number) {
      if (!chunks.has(number)) {
        chunks.set(number, fetchJSON(folder + "d-" + number + ".json?v=" + manifest.version));
      }
      return chunks.get(number);
    }

    function render(result, row) {
      var wanted = markedWords(words, result);
      var item = document.createElement("li");
      item.className = "search-result";
      var heading = document.createElement("h2");
      heading.className = "search-result-title";
      var link = document.createElement("a");
      link.href = row[1];
      appendMarked(link, row[0], wanted);
      heading.appendChild(link);
      item.appendChild(heading);
      var meta = document.createElement("p");
      meta.className = "item-meta";
      var time = document.createElement("time");
      time.setAttribute("datetime", row[3]);
      time.textContent = row[2];
      meta.appendChild(time);
      var category = manifest.categories[row[4]];
      if (category) {
        var separator = document.createElement("span");
        separator.className = "item-sep";
        separator.setAttribute("aria-hidden", "true");
        separator.textContent = " | ";
        var categoryLink = document.createElement("a");
        categoryLink.className = "item-category";
        categoryLink.href = category[1];
        categoryLink.textContent = category[0];
        meta.appendChild(separator);
        meta.appendChild(categoryLink);
      }
      item.appendChild(meta);
      if (row[5]) {
        var snippet = document.createElement("p");
        snippet.className = "search-result-snippet";
        appendMarked(snippet, row[5], wanted);
        item.appendChild(snippet);
      }
      list.appendChild(item);
    }

    function showMore() {
      var page = results.slice(shown, shown + PAGE_SIZE);
      shown += page.length;
      more.hidden = true;
      return Promise.all(page.map(function (result) {
        return chunk(Math.floor(result.id / manifest.chunk)).then(function (rows) {
          return rows[result.id % manifest.chunk];
        });
      })).then(function (rows) {
        rows.forEach(function (row, index) { if (row) render(page[index], row); });
        more.hidden = shown >= results.length;
      });
    }

    var load = function (name) { return fetchJSON(folder + name, name === "manifest.json" ? { cache: "no-cache" } : undefined); };
    search(query, load).then(function (found) {
      manifest = found.manifest;
      words = found.words;
      results = found.results;
      if (results.length === 0) { message("none", { query: query }); return; }
      message("count", { count: results.length, query: query });
      return showMore();
    }).catch(function () {
      message("error");
    });
    more.addEventListener("click", function () { showMore().catch(function () { message("error"); }); });
  }

  if (typeof module === "object" && module.exports) {
    module.exports = { search: search, fold: fold, terms: terms, pairs: pairs, bucket: bucket, numbers: numbers,
                       termPostings: termPostings, pairIds: pairIds, queryWords: queryWords, rank: rank, markedWords: markedWords,
                       MAX_QUERY_TERMS: MAX_QUERY_TERMS, PAGE_SIZE: PAGE_SIZE };
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
