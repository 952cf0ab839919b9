// Instant filtering of the documents' list: rows whose words (data-filter, accent-free and lower case, as bantin
// folds them) hold every word typed. The list's other pages are fetched the first time something is typed, so the
// filter covers the whole listing; the pagination is hidden while it filters. Without JavaScript the filter pages
// (by type, issuer, field, year) do the work.
(function () {
  var box = document.getElementById('loc-van-ban');
  var table = document.getElementById('danh-sach-van-ban');
  if (!box || !table || !window.fetch || !window.DOMParser) return;
  var count = document.querySelector('.document-quick-count');
  var pagination = document.querySelector('.pagination');
  var body = table.tBodies[0];
  box.parentNode.hidden = false;
  var own = Array.prototype.slice.call(body.rows);
  var others = [];
  var loading = null;

  function fold(text) {
    return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').toLowerCase();
  }

  // The listing's other pages, in order, their rows kept hidden until a filter shows them.
  function loadOthers() {
    if (loading) return loading;
    var first = table.getAttribute('data-first');
    var current = Number(table.getAttribute('data-page'));
    var pages = Number(table.getAttribute('data-pages'));
    var numbers = [];
    for (var n = 1; n <= pages; n += 1) if (n !== current) numbers.push(n);
    loading = Promise.all(numbers.map(function (n) {
      var url = n === 1 ? first : first + 'trang/' + n + '/';
      return fetch(url).then(function (r) { return r.ok ? r.text() : ''; }).catch(function () { return ''; });
    })).then(function (texts) {
      texts.forEach(function (html, index) {
        var list = new DOMParser().parseFromString(html, 'text/html').getElementById('danh-sach-van-ban');
        if (!list) return;
        Array.prototype.forEach.call(list.tBodies[0].rows, function (row) {
          var copy = document.importNode(row, true);
          copy.hidden = true;
          others.push(copy);
          // Newest issued first, as every page lists them: earlier pages' rows before this page's, later ones after.
          if (numbers[index] < current) body.insertBefore(copy, own[0]); else body.appendChild(copy);
        });
      });
    });
    return loading;
  }

  function apply() {
    var words = fold(box.value).split(/[^0-9a-z]+/).filter(Boolean);
    var rows = own.concat(others);
    var shown = 0;
    rows.forEach(function (row) {
      var match = words.length === 0 ? own.indexOf(row) !== -1
        : words.every(function (word) { return row.getAttribute('data-filter').indexOf(word) !== -1; });
      row.hidden = !match;
      if (match) shown += 1;
    });
    if (pagination) pagination.hidden = words.length > 0;
    count.textContent = words.length ? shown + ' văn bản phù hợp' : '';
  }

  box.addEventListener('input', function () {
    apply();
    loadOthers().then(apply);
  });
})();
