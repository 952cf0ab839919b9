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

  function ungap(gaps) {
    var ids = [], id = 0;
    for (var i = 0; i < gaps.length; i++) { id += gaps[i]; ids.push(id); }
    return ids;
  }

  /* Neighbouring query words, as the index stores neighbouring title words ("dan van"). */
  function pairs(queryTerms) {
    var found = [];
    for (var i = 0; i + 1 < queryTerms.length; i++) found.push(queryTerms[i] + " " + queryTerms[i + 1]);
    return Array.from(new Set(found));
  }

  /* Articles that hold every term: the most query phrases in the title first, then the most title
     words, then newest (lower id) first. */
  function rank(queryTerms, postingsByTerm, queryPairs) {
    var titleHits = new Map(), matched = new Map(), pairHits = new Map();
    (queryPairs || []).forEach(function (pair) {
      var lists = postingsByTerm[pair];
      if (lists) ungap(lists[0]).forEach(function (id) { pairHits.set(id, (pairHits.get(id) || 0) + 1); });
    });
    for (var t = 0; t < queryTerms.length; t++) {
      var lists = postingsByTerm[queryTerms[t]];
      if (!lists) return [];
      ungap(lists[0]).forEach(function (id) {
        titleHits.set(id, (titleHits.get(id) || 0) + 1);
        matched.set(id, (matched.get(id) || 0) + 1);
      });
      ungap(lists[1]).forEach(function (id) { matched.set(id, (matched.get(id) || 0) + 1); });
    }
    var results = [];
    matched.forEach(function (count, id) {
      if (count === queryTerms.length) {
        results.push({ id: id, phrases: pairHits.get(id) || 0, score: titleHits.get(id) || 0 });
      }
    });
    results.sort(function (a, b) { return (b.phrases - a.phrases) || (b.score - a.score) || (a.id - b.id); });
    return results;
  }

  /* Appends `text` to `parent`, wrapping each word whose folded form is a query term in <mark>.
     Text goes in through text nodes only, never as HTML. */
  function appendMarked(parent, text, wanted) {
    var chars = Array.from(String(text));
    var folded = chars.map(fold);
    var isWord = function (piece) { return /^[a-z0-9]+$/.test(piece); };
    var plainStart = 0, i = 0;
    while (i < chars.length) {
      if (!isWord(folded[i])) { i++; continue; }
      var j = i, word = "";
      /* Combining marks fold to "" and stay with their letter. */
      while (j < chars.length && (isWord(folded[j]) || folded[j] === "")) { word += folded[j]; j++; }
      if (wanted.has(word)) {
        if (i > plainStart) parent.appendChild(document.createTextNode(chars.slice(plainStart, i).join("")));
        var mark = document.createElement("mark");
        mark.textContent = chars.slice(i, j).join("");
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
    var typed = terms(query).slice(0, MAX_QUERY_TERMS);
    var queryTerms = Array.from(new Set(typed));
    var queryPairs = pairs(typed);
    if (queryTerms.length === 0) { message("empty"); return; }
    message("loading");

    var manifest, results, shown = 0, chunks = new Map();
    var wanted = new Set(queryTerms);

    function chunk(number) {
      if (!chunks.has(number)) {
        chunks.set(number, fetchJSON(folder + "d-" + number + ".json?v=" + manifest.version));
      }
      return chunks.get(number);
    }

    function render(id, row) {
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
        rows.forEach(function (row, index) { if (row) render(page[index].id, row); });
        more.hidden = shown >= results.length;
      });
    }

    fetchJSON(folder + "manifest.json", { cache: "no-cache" }).then(function (loaded) {
      manifest = loaded;
      var numbers = Array.from(new Set(queryTerms.concat(queryPairs).map(function (term) { return bucket(term, manifest.buckets); })));
      return Promise.all(numbers.map(function (number) {
        return fetchJSON(folder + "t-" + number + ".json?v=" + manifest.version);
      }));
    }).then(function (buckets) {
      var postings = {};
      buckets.forEach(function (terms) { Object.keys(terms).forEach(function (term) { postings[term] = terms[term]; }); });
      results = rank(queryTerms, postings, queryPairs);
      if (results.length === 0) { message("none", { query: query }); return; }
      message("count", { count: results.length, query: query });
      return showMore();
    }).catch(function () {
      message("error");
    });
    more.addEventListener("click", function () { showMore().catch(function () { message("error"); }); });
  }

  function search(query, load) {
    var typed = terms(query).slice(0, MAX_QUERY_TERMS);
    var queryTerms = Array.from(new Set(typed)), queryPairs = pairs(typed), manifest;
    return load("manifest.json").then(function (loaded) {
      manifest = loaded;
      var numbers = Array.from(new Set(queryTerms.concat(queryPairs).map(function (term) { return bucket(term, manifest.buckets); })));
      return Promise.all(numbers.map(function (number) { return load("t-" + number + ".json"); }));
    }).then(function (buckets) {
      var postings = {};
      buckets.forEach(function (t) { Object.keys(t).forEach(function (term) { postings[term] = t[term]; }); });
      return { manifest: manifest, results: rank(queryTerms, postings, queryPairs) };
    });
  }

  if (typeof module === "object" && module.exports) {
    module.exports = { search: search, fold: fold, terms: terms, pairs: pairs, bucket: bucket, ungap: ungap, rank: rank,
                       MAX_QUERY_TERMS: MAX_QUERY_TERMS, PAGE_SIZE: PAGE_SIZE };
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
