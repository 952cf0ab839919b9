/* bantin search: reads the static index in /tim-kiem/index/ (see Sources/BanTinKit/Search/SearchIndex.swift).
   Plain ES2017, no libraries. Folding and term splitting must match SearchTerms.swift exactly:
   NFC, "đ"/"Đ" → "d", NFD, drop nonspacing marks, lower case; a term is a run of [a-z0-9]. */
(function () {
  "use strict";

  var PAGE_SIZE = 10;
  var MAX_TERM_LENGTH = 40;
  /* Readers type long queries (a commune, a name, a number, the event): every word up to 12 is looked up,
     and its pairs: at most 23 buckets (make bench-search: 100 KiB gzipped at 10,000 articles). */
  var MAX_QUERY_TERMS = 12;
  /* A neighbouring pair of the query's words side by side in an article's title (or a code) counts as holding
     this much of its rarer word once more: measured on ../shared/judged, its variants and long queries
     (bench/README.md; 0 did worse on the long queries, the short ones were the same). */
  var PAIR_WEIGHT = 0.5;
  /* A word found nowhere may be one letter off: only words this long get a suggestion ("xa" has dozens). */
  var SUGGEST_MIN_LENGTH = 3;
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

  /* The query's words: folded (what matches), when typed with marks exact (what ranks first), and as typed
     (what the page names when no article holds it). */
  function queryWords(query) {
    var words = [];
    (String(query).normalize("NFC").match(/[^\s]+/g) || []).forEach(function (piece) {
      /* A piece like "18-NQ/TW" holds several terms: only a piece that is one term keeps its exact form. */
      var parts = terms(piece);
      parts.forEach(function (term) {
        var typed = piece.replace(/[^\p{L}\p{N}\p{M}]/gu, ""), letters = typed.toLowerCase();
        var whole = parts.length === 1 && fold(letters) === term;
        words.push({ term: term, exact: whole && letters !== term ? letters : null, typed: whole ? typed : term });
      });
    });
    /* A word typed twice ("giáo dục nhà giáo") takes one place of the MAX_QUERY_TERMS. */
    var seen = new Set();
    words = words.filter(function (word) {
      var key = word.term + "|" + word.exact;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
    return words.slice(0, MAX_QUERY_TERMS);
  }

  /* How much a word tells apart (BM25's idf): a word in few articles counts for much, one in most for little. */
  function idf(df, count) { return Math.log(1 + (count - df + 0.5) / (df + 0.5)); }

  /* Articles holding any of the query's words, ranked: those holding more of the query first (`cover`), each
     word weighed by its idf, so a stop word the reader typed still counts, a little. A word typed with marks
     weighs what its exact spelling's rarity says for articles using that spelling ("bò" is rare even though
     "bo", "bộ" are everywhere), its folded form's for the others; a pair of neighbouring query words side by
     side adds PAIR_WEIGHT of its rarer word. Among articles covering as much, more of the words typed with
     marks exactly, then more of the query's neighbouring words side by side, then BM25 (the same weights times
     the stored term weight), then newest (lower id). Words no article holds are left out and listed in
     `missing` (each once). */
  function rank(words, postingsByTerm, queryPairs, count) {
    var terms = new Map(), missing = [];
    words.forEach(function (word) {
      var entry = postingsByTerm[word.term];
      if (!entry) {
        if (missing.every(function (m) { return m.term !== word.term; })) missing.push(word);
        return;
      }
      if (!terms.has(word.term)) terms.set(word.term, { entry: entry, exacts: [] });
      var known = terms.get(word.term);
      if (word.exact && known.exacts.every(function (e) { return e.spelling !== word.exact; })) {
        known.exacts.push({ spelling: word.exact, bit: spellingsOf(entry).indexOf(word.exact) });
      }
    });
    var found = new Map();
    terms.forEach(function (known, term) {
      var postings = termPostings(known.entry);
      known.weight = idf(postings.size, count);
      /* Only spellings some article uses have a bit; one nobody uses ranks as if typed without marks. */
      var exacts = known.exacts.filter(function (e) { return e.bit >= 0; });
      var mask = exacts.reduce(function (bits, e) { return bits | (1 << e.bit); }, 0), exactCount = 0;
      postings.forEach(function (posting) { if (posting.mask & mask) exactCount++; });
      var exactWeight = idf(exactCount, count);
      postings.forEach(function (posting, id) {
        var result = found.get(id);
        if (!result) {
          result = { id: id, cover: 0, exact: 0, phrases: 0, score: 0, exactTerms: [] };
          found.set(id, result);
        }
        exacts.forEach(function (e) { if (posting.mask & (1 << e.bit)) result.exact++; });
        var weight = known.weight;
        if (posting.mask & mask) {
          weight = exactWeight;
          result.exactTerms.push(term);
        }
        result.cover += weight;
        result.score += weight * posting.weight;
      });
    });
    (queryPairs || []).forEach(function (pair) {
      if (!postingsByTerm[pair]) return;
      var both = pair.split(" ").map(function (term) { return terms.has(term) ? terms.get(term).weight : 0; });
      var weight = PAIR_WEIGHT * Math.min(both[0], both[1]);
      pairIds(postingsByTerm[pair]).forEach(function (id) {
        var result = found.get(id);
        if (result) { result.phrases++; result.cover += weight; }
      });
    });
    var results = Array.from(found.values());
    /* Terms are added in the same order for every article, so articles holding the same words have equal covers. */
    results.sort(function (a, b) {
      return (b.cover - a.cover) || (b.exact - a.exact) || (b.phrases - a.phrases) || (b.score - a.score) || (a.id - b.id);
    });
    results.missing = missing;
    return results;
  }

  /* True when `word` becomes `other` by changing, adding or dropping one letter, or swapping two neighbours. */
  function oneApart(word, other) {
    if (word === other || Math.abs(word.length - other.length) > 1) return false;
    var i = 0;
    while (i < word.length && i < other.length && word[i] === other[i]) i++;
    if (word.length > other.length) return word.slice(i + 1) === other.slice(i);
    if (word.length < other.length) return word.slice(i) === other.slice(i + 1);
    return word.slice(i + 1) === other.slice(i + 1) ||
      (word[i] === other[i + 1] && word[i + 1] === other[i] && word.slice(i + 2) === other.slice(i + 2));
  }

  /* For each missing word (letters only, SUGGEST_MIN_LENGTH or longer), the word one letter apart that most
     articles hold, from the index's word lists by length (w-<length>.json: folded word → articles holding it);
     only the lists of the lengths around the missing words are downloaded, and only after the results. */
  function suggest(missing, load, manifest) {
    var wanted = missing.filter(function (word) {
      return /^[a-z]+$/.test(word.term) && word.term.length >= SUGGEST_MIN_LENGTH;
    });
    var lengths = [];
    wanted.forEach(function (word) {
      for (var length = word.term.length - 1; length <= word.term.length + 1; length++) {
        if (length <= (manifest.words || 0) && lengths.indexOf(length) < 0) lengths.push(length);
      }
    });
    return Promise.all(lengths.map(function (length) {
      return load("w-" + length + ".json?v=" + manifest.version);
    })).then(function (lists) {
      var fixes = new Map();
      wanted.forEach(function (word) {
        var best = null, most = 0;
        lists.forEach(function (list) {
          Object.keys(list).forEach(function (other) {
            if (list[other] > most && oneApart(word.term, other)) { best = other; most = list[other]; }
          });
        });
        if (best) fixes.set(word.term, best);
      });
      return fixes;
    });
  }

  /* The query with each missing word as typed replaced by its suggestion. */
  function corrected(query, missing, fixes) {
    var text = String(query).normalize("NFC");
    missing.forEach(function (word) {
      if (!fixes.has(word.term)) return;
      var at = text.toLowerCase().indexOf(word.typed.toLowerCase());
      if (at >= 0) text = text.slice(0, at) + fixes.get(word.term) + text.slice(at + word.typed.length);
    });
    return text;
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
    /* Pairs as typed, before a repeated word was dropped ("nhà giáo" in "giáo dục nhà giáo"), of kept words. */
    var queryPairs = pairs(terms(query)).filter(function (pair) {
      return pair.split(" ").every(function (term) { return typed.indexOf(term) >= 0; });
    }).slice(0, MAX_QUERY_TERMS - 1), manifest;
    if (words.length === 0) return Promise.resolve({ words: words, results: [], missing: [] });
    return load("manifest.json").then(function (loaded) {
      manifest = loaded;
      var numbers = Array.from(new Set(typed.concat(queryPairs).map(function (term) { return bucket(term, manifest.buckets); })));
      return Promise.all(numbers.map(function (number) { return load("t-" + number + ".json?v=" + manifest.version); }));
    }).then(function (buckets) {
      var postings = {};
      buckets.forEach(function (file) { Object.keys(file).forEach(function (term) { postings[term] = file[term]; }); });
      var results = rank(words, postings, queryPairs, manifest.count);
      return { manifest: manifest, words: words, results: results, missing: results.missing };
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
    var note = app.querySelector(".search-note");
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

    /* "Không tìm thấy từ «…»", then, once the word lists came, "Có phải bạn muốn tìm …" as a link. */
    function showMissing(missing, others) {
      var named = missing.map(function (word) { return word.typed; }).join("», «");
      var text = (app.getAttribute("data-msg-missing") || "").split("{words}").join(named);
      if (others) text += " " + (app.getAttribute("data-msg-others") || "");
      note.textContent = text;
      note.hidden = false;
      suggest(missing, load, manifest).then(function (fixes) {
        if (fixes.size === 0) return;
        var better = corrected(query, missing, fixes);
        var parts = (app.getAttribute("data-msg-suggest") || "{query}").split("{query}");
        var link = document.createElement("a");
        link.href = "?q=" + encodeURIComponent(better);
        link.textContent = better;
        note.appendChild(document.createTextNode(" " + parts[0]));
        note.appendChild(link);
        note.appendChild(document.createTextNode(parts.slice(1).join("")));
      }).catch(function () { /* No suggestion then; the note already names the word. */ });
    }

    var load = function (name) { return fetchJSON(folder + name, name === "manifest.json" ? { cache: "no-cache" } : undefined); };
    search(query, load).then(function (found) {
      manifest = found.manifest;
      words = found.words;
      results = found.results;
      if (found.missing.length > 0) showMissing(found.missing, results.length > 0);
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
                       oneApart: oneApart, suggest: suggest, corrected: corrected, idf: idf,
                       MAX_QUERY_TERMS: MAX_QUERY_TERMS, PAGE_SIZE: PAGE_SIZE };
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
