/* aztimeline: the as-of and compare widgets. Data comes from JSON embedded in the page; text is set with
   textContent only, so nothing from the data or the address bar is ever parsed as HTML. */
(function () {
  "use strict";

  function validDate(s) {
    if (typeof s !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(s)) return null;
    var p = s.split("-").map(Number);
    var d = new Date(Date.UTC(p[0], p[1] - 1, p[2]));
    if (d.getUTCFullYear() !== p[0] || d.getUTCMonth() !== p[1] - 1 || d.getUTCDate() !== p[2]) return null;
    return s;
  }

  function rowFor(rows, day) {
    for (var i = 0; i < rows.length; i++) {
      var r = rows[i];
      if ((r.from === null || r.from <= day) && (r.to === null || day < r.to)) return r;
    }
    return null;
  }

  function el(tag, text, attrs) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = text;
    if (attrs) Object.keys(attrs).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    return e;
  }

  function link(item) {
    return el("a", item.title, { href: item.url });
  }

  function listOf(items, none) {
    if (!items.length) return el("p", none);
    var ul = el("ul");
    items.forEach(function (it) { var li = el("li"); li.appendChild(link(it)); ul.appendChild(li); });
    return ul;
  }

  function data(id) {
    var node = document.getElementById(id);
    return node ? JSON.parse(node.textContent) : null;
  }

  function showAsof() {
    var d = data("asof-data");
    var box = document.getElementById("asof-answer");
    if (!d || !box) return;
    var L = d.labels;
    var raw = new URLSearchParams(window.location.search).get("date");
    if (raw === null || raw === "") return;
    box.hidden = false;
    box.textContent = "";
    var day = validDate(raw);
    if (!day) {
      box.appendChild(el("p", L.bad_date, { role: "alert", "class": "azt-error" }));
      return;
    }
    document.getElementById("asof-date").value = day;
    var row = rowFor(d.rows, day);
    box.appendChild(el("h2", L.asof_label + " " + day + "?", { id: "asof-heading" }));
    if (!row || !row.version) {
      box.appendChild(el("p", (row && row.note) || L.nothing));
      return;
    }
    var p = el("p");
    p.appendChild(el("strong", L.version + ": "));
    var a = link(row.version);
    a.id = "asof-version";
    a.setAttribute("data-version", row.version.id);
    p.appendChild(a);
    box.appendChild(p);
    if (row.note) box.appendChild(el("p", row.note, { "class": "azt-muted" }));
    if (row.status) {
      var s = el("p");
      s.appendChild(el("strong", L.status + ": "));
      s.appendChild(document.createTextNode(row.status));
      box.appendChild(s);
    }
    box.appendChild(el("h3", L.uncodified));
    box.appendChild(listOf(row.uncodified, L.none));
    box.appendChild(el("h3", L.pending));
    box.appendChild(listOf(row.pending, L.none));
    var share = el("p");
    share.appendChild(el("a", L.share, { href: "?date=" + day, id: "asof-share" }));
    box.appendChild(share);
  }

  function showCompare() {
    var d = data("compare-data");
    var box = document.getElementById("compare-answer");
    if (!d || !box) return;
    var q = new URLSearchParams(window.location.search);
    var a = q.get("a"), b = q.get("b");
    var da = q.get("da"), db = q.get("db");
    if (!a && !b && !da && !db) return;
    box.hidden = false;
    box.textContent = "";
    if (da || db) {
      var x = validDate(da || ""), y = validDate(db || "");
      if (!x || !y) { box.appendChild(el("p", d.labels.bad_date, { role: "alert", "class": "azt-error" })); return; }
      var rx = rowFor(d.rows, x), ry = rowFor(d.rows, y);
      if (!rx || !rx.version || !ry || !ry.version) { box.appendChild(el("p", d.labels.nothing, { role: "alert" })); return; }
      a = rx.version.id; b = ry.version.id;
      document.getElementById("cmp-da").value = x;
      document.getElementById("cmp-db").value = y;
    }
    var ia = d.order.indexOf(a), ib = d.order.indexOf(b);
    if (ia < 0 || ib < 0) { box.appendChild(el("p", d.labels.nothing, { role: "alert" })); return; }
    document.getElementById("cmp-a").value = a;
    document.getElementById("cmp-b").value = b;
    var lo = Math.min(ia, ib), hi = Math.max(ia, ib);
    var items = [];
    d.transitions.forEach(function (t) {
      var f = d.order.indexOf(t.from), to = d.order.indexOf(t.to);
      if (f >= lo && to <= hi) t.changes.forEach(function (c) { items.push(c); });
    });
    box.appendChild(el("h2", a + " \u2192 " + b));
    if (!items.length) { box.appendChild(el("p", d.labels.no_changes)); return; }
    var ul = el("ul", null, { id: "compare-list" });
    items.forEach(function (c) {
      var li = el("li"); li.appendChild(link(c)); li.appendChild(document.createTextNode(" (" + c.kind + ")")); ul.appendChild(li);
    });
    box.appendChild(ul);
  }

  function start() { showAsof(); showCompare(); }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start); else start();
})();
