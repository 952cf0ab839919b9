// Instant filtering of the documents' table on the page shown: rows whose words (data-filter, accent-free and
// lower case, as bantin folds them) hold every word typed. Without JavaScript the filter pages do the work.
(function () {
  var box = document.getElementById('loc-van-ban');
  var table = document.getElementById('danh-sach-van-ban');
  if (!box || !table) return;
  var count = document.querySelector('.document-quick-count');
  box.parentNode.hidden = false;
  function fold(text) {
    return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').toLowerCase();
  }
  var rows = Array.prototype.slice.call(table.tBodies[0].rows);
  box.addEventListener('input', function () {
    var words = fold(box.value).split(/[^0-9a-z]+/).filter(Boolean);
    var shown = 0;
    rows.forEach(function (row) {
      var text = row.getAttribute('data-filter');
      var match = words.every(function (word) { return text.indexOf(word) !== -1; });
      row.hidden = !match;
      if (match) shown += 1;
    });
    count.textContent = words.length ? shown + ' / ' + rows.length + ' văn bản' : '';
  });
})();
