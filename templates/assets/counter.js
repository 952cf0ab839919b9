// Fills the visit counter's widgets from the figures file every build writes (thong-ke/so-lieu.json, about
// 2 KB) and an article's "Lượt xem" from the views file (thong-ke/luot-xem.json, every article's views under
// a short key the article's page carries; fetched by article pages only, at once with the figures), so no
// page's HTML holds a number that may be out of date. The words are the templates'; this only puts numbers
// in and un-hides what has one. Without JavaScript, or before the file arrives, the widgets show a link to
// the statistics page; a figure that is missing (no views yet) stays hidden rather than showing a 0.
(function () {
  "use strict";
  var widget = document.querySelector("[data-counter-figures]");
  if (!widget || !window.fetch || !("content" in document.createElement("template"))) return;
  var figures = get(widget.getAttribute("data-counter-figures"));
  figures.then(function (data) { if (data && data.available) show(data); });
  // An article's "Lượt xem"; on a document's page its "Lượt xem" and each file's "Lượt tải".
  var counted = document.querySelectorAll("[data-views-key]");
  if (counted.length) {
    Promise.all([figures, get(counted[0].getAttribute("data-views-from"))]).then(function (both) {
      if (!both[0] || !both[0].available || !both[1]) return;
      counted.forEach(function (element) {
        var count = both[1][element.getAttribute("data-views-key")];
        if (!count) return;
        element.querySelector("[data-views]").textContent = format(count, both[0].separator);
        element.hidden = false;
      });
    });
  }

  function get(url) {
    return fetch(url, { cache: "no-cache" })
      .then(function (response) { return response.ok ? response.json() : null; })
      .catch(function () { return null; });
  }

  function format(number, separator) {
    return String(number).replace(/\B(?=(\d{3})+(?!\d))/g, separator);
  }

  function show(figures) {
    var has = { online: figures.time !== null, time: figures.time !== null, total: figures.total > 0 };
    widget.querySelectorAll("[data-counter-field]").forEach(function (field) {
      field.textContent = figures[field.getAttribute("data-counter-field")] || "";
    });
    widget.querySelectorAll("[data-counter-show]").forEach(function (part) {
      part.hidden = !has[part.getAttribute("data-counter-show")];
    });
    var list = widget.querySelector("dl");
    if (list) list.hidden = !(has.online || has.total);

    var mostRead = document.querySelector("[data-most-read]");
    if (!mostRead) return;
    if (figures.most_read.length === 0) {
      mostRead.hidden = true;
      return;
    }
    var ol = mostRead.querySelector("ol");
    var item = mostRead.querySelector("template[data-most-read-item]");
    figures.most_read.forEach(function (entry) {
      var li = item.content.firstElementChild.cloneNode(true);
      var link = li.querySelector("a");
      link.href = entry.url;
      link.textContent = entry.title;
      li.querySelector("[data-views]").textContent = entry.views_text;
      ol.appendChild(li);
    });
    ol.hidden = false;
    var more = mostRead.querySelector("[data-most-read-link]");
    if (more) more.hidden = true;
  }
})();
