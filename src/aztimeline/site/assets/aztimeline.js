/* aztimeline: the as-of answer and compare pages. Every answer is already on the page as static HTML
   (one section per stretch of dates, one per pair of versions; on a large site, links to the pages that hold
   the rules and the changes), so the page works without JavaScript.
   This script only picks the section for the date or versions in the address, moves it into the answer
   box, filters it by group, and sets text with textContent: nothing from the data or the address bar is
   ever parsed as HTML. */
(function () {
  "use strict";

  function byId(id) { return document.getElementById(id); }

  function data(id) {
    var node = byId(id);
    return node ? JSON.parse(node.textContent) : null;
  }

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (m, k) { return Object.prototype.hasOwnProperty.call(values, k) ? values[k] : m; });
  }

  /* A date from the address: {day} when it is a real date, {error: "format"} or {error: "exist"} when not. */
  function checkDate(s) {
    if (typeof s !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(s)) return { error: "format" };
    var p = s.split("-").map(Number);
    var d = new Date(Date.UTC(p[0], p[1] - 1, p[2]));
    if (d.getUTCFullYear() !== p[0] || d.getUTCMonth() !== p[1] - 1 || d.getUTCDate() !== p[2]) return { error: "exist", parts: p };
    return { day: s };
  }

  function longDate(iso, months) {
    var p = iso.split("-").map(Number);
    return p[2] + " " + months[p[1] - 1] + " " + p[0];
  }

  /* Words for an impossible date: "30 februari 2020" when the month exists, else the date as typed. */
  function spokenBadDate(check, raw, months) {
    var p = check.parts;
    return p && p[1] >= 1 && p[1] <= 12 ? p[2] + " " + months[p[1] - 1] + " " + p[0] : raw;
  }

  function error(box, text) {
    var p = document.createElement("p");
    p.setAttribute("role", "alert");
    p.className = "azt-error";
    p.textContent = text;
    box.appendChild(p);
  }

  function dateError(box, check, raw, d) {
    if (check.error === "exist") error(box, fill(d.labels.date_not_exist, { date: spokenBadDate(check, raw, d.months) }));
    else error(box, d.labels.bad_date);
  }

  function segmentFor(segments, day) {
    for (var i = 0; i < segments.length; i++) {
      var s = segments[i];
      if ((s.from === null || s.from <= day) && (s.to === null || day < s.to)) return s;
    }
    return null;
  }

  function hasOwn(o, k) { return Object.prototype.hasOwnProperty.call(o, k); }

  /* The language switch keeps the question: the same parameters on the other edition's page. */
  function keepQuery(params) {
    var link = document.querySelector("nav.azt-lang a[hreflang]");
    if (!link) return;
    var q = new URLSearchParams();
    Object.keys(params).forEach(function (k) { if (params[k]) q.set(k, params[k]); });
    var s = q.toString();
    link.setAttribute("href", link.getAttribute("href").split(/[?#]/)[0] + (s ? "?" + s : ""));
  }

  function showAsof() {
    var d = data("asof-data");
    var box = byId("asof-answer");
    if (!d || !box) return;
    var L = d.labels;
    var q = new URLSearchParams(window.location.search);
    var raw = q.get("date");
    var group = q.get("group") || "";
    if (!hasOwn(d.groups, group)) group = "";
    var select = byId("asof-group");
    if (select) select.value = group;
    if (raw === null || raw === "") return;
    box.hidden = false;
    var heading = byId("asof-heading");
    var check = checkDate(raw);
    if (!check.day) {
      heading.textContent = raw;
      dateError(box, check, raw, d);
      return;
    }
    var day = check.day;
    byId("asof-date").value = day;
    keepQuery({ date: day, group: group });
    var title = group ? fill(L.asof_title_group, { date: longDate(day, d.months), group: d.groups[group] })
                      : fill(L.asof_title, { date: longDate(day, d.months) });
    heading.textContent = title;
    document.title = title + " \u00b7 " + document.title;
    var seg = segmentFor(d.segments, day);
    if (!seg) { error(box, L.nothing); return; }
    var row = byId("row-" + seg.key);
    if (row) {
      row.classList.add("azt-asked");
      row.setAttribute("aria-current", "date");
      var mark = row.querySelector(".azt-asked-mark");
      if (mark) mark.hidden = false;
    }
    var section = byId(seg.key);
    if (!section) return;
    box.appendChild(section);
    var version = section.querySelector(".azt-asof-version");
    if (version) version.id = "asof-version";
    var rules = section.getAttribute("data-rules") ? byId(section.getAttribute("data-rules")) : null;
    if (rules) {
      box.appendChild(rules);
      filterByGroup(rules, group);
      if (group && !rules.querySelector('.azt-rule[data-groups~="' + group + '"]')) {
        /* no rule of this version names the group: say so, so that the rules for everyone are not read as its rules */
        var none = document.createElement("p");
        none.className = "azt-no-group-rules";
        none.textContent = L.no_rules_for_group;
        var applied = rules.querySelector(".azt-rules-applied");
        if (applied) applied.parentNode.insertBefore(none, applied.nextSibling);
      }
      rules.querySelectorAll("a[data-group]").forEach(function (a) {
        a.setAttribute("href", "?date=" + day + "&group=" + encodeURIComponent(a.getAttribute("data-group")));
        if (a.getAttribute("data-group") === group) a.setAttribute("aria-current", "true");
      });
      var nav = rules.querySelector(".azt-groupnav ul");
      if (nav && group) {
        var li = document.createElement("li");
        var all = document.createElement("a");
        all.setAttribute("href", "?date=" + day);
        all.textContent = L.all_groups;
        li.appendChild(all);
        nav.appendChild(li);
      }
    }
    ["asof-segments", "asof-versions", "asof-all-answers"].forEach(function (id) { var e = byId(id); if (e) e.hidden = true; });
  }

  /* Only the rules (and changes) that concern the group, plus those for everyone. */
  function filterByGroup(root, group) {
    /* the static per-group lists are for readers without JavaScript; here the filter does their work */
    root.querySelectorAll(".azt-group-list").forEach(function (el) { el.hidden = true; });
    if (!group) return;
    root.querySelectorAll("[data-groups]").forEach(function (el) {
      var groups = el.getAttribute("data-groups").split(" ");
      if (groups.indexOf(group) < 0 && groups.indexOf("everyone") < 0) el.hidden = true;
    });
    root.querySelectorAll(".azt-rule-section").forEach(function (sec) {
      if (!sec.querySelector(".azt-rule:not([hidden])")) sec.hidden = true;
    });
    root.querySelectorAll(".azt-change-list").forEach(function (ul) {
      if (!ul.querySelector(".azt-change-item:not([hidden])")) {
        ul.hidden = true;
        var h = ul.previousElementSibling;
        if (h && h.classList.contains("azt-changes-around")) h.hidden = true;
      }
    });
  }

  function showCompare() {
    var d = data("compare-data");
    var box = byId("compare-answer");
    if (!d || !box) return;
    var L = d.labels;
    var q = new URLSearchParams(window.location.search);
    var a = q.get("a"), b = q.get("b"), da = q.get("da"), db = q.get("db");
    if (!a && !b && !da && !db) return;
    box.hidden = false;
    var heading = byId("compare-heading");
    if (da || db) {
      var x = checkDate(da || ""), y = checkDate(db || "");
      if (!x.day) { dateError(box, x, da || "", d); return; }
      if (!y.day) { dateError(box, y, db || "", d); return; }
      var sx = segmentFor(d.segments, x.day), sy = segmentFor(d.segments, y.day);
      if (!sx || !sx.version || !sy || !sy.version) { error(box, L.nothing); return; }
      a = sx.version; b = sy.version;
      byId("cmp-da").value = x.day;
      byId("cmp-db").value = y.day;
      keepQuery({ da: x.day, db: y.day });
    } else {
      keepQuery({ a: hasOwn(d.titles, a) ? a : "", b: hasOwn(d.titles, b) ? b : "" });
    }
    if (!hasOwn(d.titles, a) || !hasOwn(d.titles, b)) { error(box, L.nothing); return; }
    byId("cmp-a").value = a;
    byId("cmp-b").value = b;
    heading.textContent = fill(L.compare_heading, { a: d.titles[a], b: d.titles[b] });
    document.title = heading.textContent + " \u00b7 " + document.title;
    if (a === b) {
      var p = document.createElement("p");
      p.className = "azt-no-changes";
      p.textContent = fill(L.compare_none_same, { version: d.titles[a] });
      box.appendChild(p);
      return;
    }
    var pair = byId("cmp-" + a + "--" + b);
    if (pair) {
      box.appendChild(pair);
      byId("compare-pairs").hidden = true;
      return;
    }
    /* versions far apart (not compared on the page as a pair): the steps between them, in the direction asked */
    var ia = d.order.indexOf(a), ib = d.order.indexOf(b), step = ia < ib ? 1 : -1;
    var intro = document.createElement("p");
    intro.textContent = L.compare_steps;
    box.appendChild(intro);
    var ul = document.createElement("ul");
    for (var i = ia; i !== ib; i += step) {
      var li = document.createElement("li");
      var link = document.createElement("a");
      var later = step > 0 ? d.order[i] + "--" + d.order[i + step] : d.order[i + step] + "--" + d.order[i];
      /* a page too large to compare pairs itself links each step to its transition on the changes page */
      link.setAttribute("href", hasOwn(d.steps, later) ? d.steps[later]
        : "?a=" + encodeURIComponent(d.order[i]) + "&b=" + encodeURIComponent(d.order[i + step]));
      link.textContent = fill(L.compare_heading, { a: d.titles[d.order[i]], b: d.titles[d.order[i + step]] });
      li.appendChild(link);
      ul.appendChild(li);
    }
    box.appendChild(ul);
  }

  function start() { showAsof(); showCompare(); }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start); else start();
})();
