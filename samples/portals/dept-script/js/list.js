/* Renders a column list from the list API (or from inline data) with a script pager, like many
   department sites built on front-end templates: the served HTML has an empty container. */
(function () {
  function esc(s) { return String(s).replace(/[&<>"']/g, function (c) { return {'&':'&amp;','<':'&lt;','>':'&gt;','"':'&quot;',"'":'&#39;'}[c]; }); }
  function render(box, data) {
    var html = '';
    for (var i = 0; i < data.items.length; i++) {
      var it = data.items[i];
      html += '<li><a href="' + esc(it.url) + '" target="_blank" title="' + esc(it.title) + '">' + esc(it.title) + '</a><span class="date">' + esc(it.date) + '</span></li>';
    }
    box.innerHTML = html;
    var pager = document.getElementById('pager');
    if (!pager) return;
    var p = '';
    for (var n = 1; n <= data.pageCount; n++) {
      p += n === data.page ? '<span class="current">' + n + '</span> ' : '<a href="index.html?page=' + n + '">' + n + '</a> ';
    }
    pager.innerHTML = p + '<span>共' + data.total + '条</span>';
  }
  var box = document.getElementById('list');
  if (!box) return;
  var page = parseInt((location.search.match(/[?&]page=(\d+)/) || [0, '1'])[1], 10);
  if (window.listData) {
    var size = 10, all = window.listData;
    render(box, { page: page, pageCount: Math.max(1, Math.ceil(all.length / size)), total: all.length, items: all.slice((page - 1) * size, page * size) });
    return;
  }
  fetch('/api/list?column=' + encodeURIComponent(box.getAttribute('data-column')) + '&page=' + page)
    .then(function (r) { return r.json(); })
    .then(function (data) { render(box, data); });
})();
