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

  /* A date from the address: {day} when it is a real date within range (the dates the data can hold), else {error:
     "format"}, {error: "exist"} or {error: "range"}. */
  function checkDate(s, range) {
    if (typeof s !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(s)) return { error: "format" };
    var p = s.split("-").map(Number);
    var d = new Date(0);
    d.setUTCFullYear(p[0], p[1] - 1, p[2]);  /* not Date.UTC, which reads the years 0-99 as 1900-1999 */
    if (d.getUTCFullYear() !== p[0] || d.getUTCMonth() !== p[1] - 1 || d.getUTCDate() !== p[2]) return { error: "exist", parts: p };
    if (range && (s < range[0] || s > range[1])) return { error: "range", parts: p };  /* the dates the data can hold */
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
    else if (check.error === "range") {
      error(box, fill(d.labels.date_range, { date: longDate(raw, d.months), min: longDate(d.range[0], d.months), max: longDate(d.range[1], d.months) }));
    }
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

  /* A quote's link names its paragraph and, after ":~:text=", its words, which the browser marks and scrolls to. A
     browser that does not know text fragments keeps the words in the address and finds no such anchor: go to the
     paragraph. (One that knows them hides them from location.hash.) */
  (function () {
    var hash = window.location.hash, at = hash.indexOf(":~:");
    var id = decodeURIComponent(hash.slice(1, at > 0 ? at : undefined));
    var target = id ? document.getElementById(id) : null;
    if (!target) return;
    if (at > 0) target.scrollIntoView();
    /* framed as :target frames it: a browser that went to the quote's words sets no :target */
    if (!document.querySelector(":target")) target.classList.add("azt-target");
  })();

  /* ... and the place on the page: the anchor asked (a paragraph of the letter, a rule) on the other edition's page,
     whose data anchors are the same; a heading's anchor that is not there leaves the reader at the top, as before. */
  document.addEventListener("click", function (e) {
    var link = e.target && e.target.closest ? e.target.closest("nav.azt-lang a[hreflang]") : null;
    var href = link ? link.getAttribute("href") || "" : "";
    if (link && window.location.hash && href.indexOf("#") < 0) link.setAttribute("href", href + window.location.hash);
  });

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  function isoToday() {
    var n = new Date();
    function two(x) { return (x < 10 ? "0" : "") + x; }
    return n.getFullYear() + "-" + two(n.getMonth() + 1) + "-" + two(n.getDate());
  }

  /* The texts of an answer name the day as "Op deze datum"; in the answer for one day, the day itself. */
  function nameTheDay(root, d, day) {
    var words = fill(d.on.day, { date: longDate(day, d.months) });
    root.querySelectorAll("[data-on]").forEach(function (e) {
      if (e.textContent.indexOf(d.on["this"]) >= 0) e.textContent = e.textContent.split(d.on["this"]).join(words);
    });
  }

  /* The element of a list whose attribute has this value (compared as text, never put into a selector). */
  function withAttr(root, selector, name, value) {
    var all = root.querySelectorAll(selector);
    for (var i = 0; i < all.length; i++) if (all[i].getAttribute(name) === value) return all[i];
    return null;
  }

  var folds = 0;
  /* Cards folded under a heading that lists them with their status in a few words; a button shows them in full.
     Folded cards stay out of print (a hidden element is not printed), and the heading says so on paper. */
  function fold(box, title, cards, L, cls) {
    if (!cards.length) return;
    var wrap = el("div", "azt-fold" + (cls ? " " + cls : ""));
    folds += 1;
    var h = el("h3", "azt-fold-h", title);
    h.id = "azt-fold-h-" + folds;
    h.appendChild(el("span", "azt-print-only", " (" + L.folded + ")"));
    wrap.appendChild(h);
    var ul = el("ul", "azt-fold-list");
    cards.forEach(function (card) {
      var head = card.querySelector("h4");
      var li = el("li", null, (head ? head.textContent : "") + ": " + (card.getAttribute("data-short") || ""));
      ul.appendChild(li);
    });
    wrap.appendChild(ul);
    var body = el("div", "azt-fold-body");
    body.id = "azt-fold-" + folds;
    body.hidden = true;
    cards.forEach(function (card) { body.appendChild(card); });
    var button = el("button", "azt-fold-button md-button", L.show_full);
    button.type = "button";
    button.setAttribute("aria-expanded", "false");
    button.setAttribute("aria-controls", body.id);
    button.setAttribute("aria-describedby", h.id);  /* each fold's button reads the same: its heading tells them apart */
    button.addEventListener("click", function () {
      var open = body.hidden;
      body.hidden = !open;
      button.setAttribute("aria-expanded", open ? "true" : "false");
      button.textContent = open ? L.hide_full : L.show_full;
    });
    wrap.appendChild(button);
    wrap.appendChild(body);
    box.appendChild(wrap);
  }

  function groupLinks(root, day) {
    root.querySelectorAll("a[data-group]").forEach(function (a) {
      a.setAttribute("href", "?date=" + day + "&group=" + encodeURIComponent(a.getAttribute("data-group")));
    });
  }

  /* The citation block for the day asked: the day, the group, this page's address with the question, today's date. */
  function fillCite(cite, d, day, group) {
    var L = d.labels;
    var when = longDate(day, d.months);
    var who = group ? d.groups[group] : L.all_groups;
    var url = window.location.href.split(/[?#]/)[0] + "?date=" + day + (group ? "&group=" + encodeURIComponent(group) : "");
    var today = longDate(isoToday(), d.months);
    function set(cls, text) { var e = cite.querySelector(cls); if (e) e.textContent = text; }
    set(".azt-cite-date", when);
    set(".azt-cite-group", who);
    set(".azt-cite-url", url);
    var address = cite.querySelector(".azt-cite-url");
    if (address) address.removeAttribute("data-relative");  /* the day asked is in it: azt-chrome.js leaves it */
    set(".azt-cite-consulted", today);
    var line = cite.querySelector(".azt-cite-line");
    if (line) {
      line.textContent = fill(L.cite_line, {
        site: L.site, vc: d.vc, date: when, group: group ? fill(L.cite_for, { group: who }) : "",
        status: cite.getAttribute("data-status") || "", sources: cite.getAttribute("data-sources") || "", url: url,
        consulted: today, data: cite.getAttribute("data-data") || ""
      });
      line.hidden = false;
    }
  }

  /* For one group: its answer, with the cards of its rules and facts in place of the links to them. */
  function groupAnswer(box, block, group, L) {
    var sec = withAttr(block, ".azt-group-answer", "data-group", group);
    if (!sec) return;
    box.appendChild(sec);
    /* in the answer the group's heading stands right under the answer's own (h2), above its cards (h4) */
    var gh = sec.querySelector("h4.azt-group-h");
    if (gh) {
      var h3 = document.createElement("h3");
      Array.prototype.forEach.call(gh.attributes, function (a) { h3.setAttribute(a.name, a.value); });
      while (gh.firstChild) h3.appendChild(gh.firstChild);
      gh.parentNode.replaceChild(h3, gh);
    }
    if (sec.getAttribute("data-rules") === "yes") {
      var headline = sec.querySelector(".azt-group-headline");
      if (headline) headline.hidden = true;  /* the cards that follow say the same, each with its status */
    }  /* with facts about a Vc text but no rule, only the headline says that no rule names the group */
    sec.querySelectorAll(".azt-group-list").forEach(function (list) {
      list.querySelectorAll("li[data-card]").forEach(function (li) {
        var card = byId(li.getAttribute("data-card"));
        if (card) list.parentNode.insertBefore(card, list);
      });
      list.hidden = true;
    });
    /* What is not known about a card now shown above: its name links to the card, and what is unknown is still said.
       Two lawyers read "…: see its card above" under "Unknown" as the rule itself being unknown and asked for one
       line per unknown point, which outweighs an earlier reader's finding the words said twice. */
    sec.querySelectorAll(".azt-unknown li[data-about]").forEach(function (li) {
      var card = byId(li.getAttribute("data-about")), about = li.querySelector("strong");
      if (!card || !about || !sec.contains(card)) return;
      var link = el("a", null, about.textContent);
      link.setAttribute("href", "#" + card.id);
      about.textContent = "";
      about.appendChild(link);
    });
    var everyone = sec.querySelector(".azt-group-everyone");
    if (everyone) everyone.hidden = true;  /* folded below, with their cards */
  }

  function dayBefore(iso) {
    var t = new Date(iso + "T00:00:00Z");
    t.setUTCDate(t.getUTCDate() - 1);
    return t.toISOString().slice(0, 10);
  }

  /* With the script, the answers per period stand hidden (they are for readers without it): a period's link in the
     table asks for the period's first day instead of leading to a hidden answer. */
  function periodLinks(d, group) {
    d.segments.forEach(function (s) {
      var link = document.querySelector("#row-" + s.key + " a[href='#" + s.key + "']");
      var day = s.from || (s.to && dayBefore(s.to));
      if (link && day) link.setAttribute("href", "?date=" + day + (group ? "&group=" + encodeURIComponent(group) : ""));
    });
  }

  function hideAnswersPerPeriod() {
    ["asof-segments", "asof-blocks", "asof-all-answers"].forEach(function (id) { var e = byId(id); if (e) e.hidden = true; });
  }

  function showAsof() {
    var d = data("asof-data");
    var box = byId("asof-answer");
    if (!d || !box) return;
    var L = d.labels;
    var q = new URLSearchParams(window.location.search);
    var raw = q.get("date");
    var asked = q.get("group") || "";
    var group = hasOwn(d.groups, asked) ? asked : "";
    var select = byId("asof-group");
    if (select) select.value = group;
    periodLinks(d, group);
    if (raw === null || raw === "") { hideAnswersPerPeriod(); return; }  /* the form and the table of periods ask */
    box.hidden = false;
    var heading = byId("asof-heading");
    var check = checkDate(raw, d.range);
    if (!check.day) {
      heading.textContent = L.bad_date_heading;  /* never the address's text: a shared link must not write the heading */
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
    if (asked && !group) error(box, L.unknown_group);  /* a link with a group this site does not know: say so */
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
    function part(cls) { return section.querySelector(cls); }
    var status = part(".azt-status"), detail = part(".azt-status-detail"), currency = part(".azt-currency"), cite = part(".azt-cite");
    var block = seg.block ? byId(seg.block) : null;
    if (status) box.appendChild(status);
    if (day > isoToday()) {  /* a day to come was answered as if past, "had WBV 2021/2 …" (a lawyer's read) */
      var future = el("p", "azt-warning azt-future", fill(L.asof_future, { date: longDate(day, d.months), today: longDate(isoToday(), d.months) }));
      var beyond = status && status.querySelector(".azt-warning");  /* beside the warning on the search's limit */
      if (beyond) beyond.parentNode.insertBefore(future, beyond.nextSibling); else (status || box).appendChild(future);
    }
    var rest = [], facts = [];
    if (block) {
      if (group) {
        groupAnswer(box, block, group, L);
      } else {
        var nav = block.querySelector(".azt-groupnav");
        if (nav) box.appendChild(nav);
        var rules = block.querySelectorAll(".azt-rule-cards > article");
        box.appendChild(el("h3", "azt-all-rules-h", fill(L.all_rules, { n: rules.length })));
        rules.forEach(function (card) { box.appendChild(card); });
      }
      block.querySelectorAll(".azt-rule-cards > article, .azt-fact-cards > article").forEach(function (card) {
        if (card.classList.contains("azt-fact") && !group) facts.push(card); else rest.push(card);
      });
    } else if (group) {
      box.appendChild(el("p", "azt-scale-note", L.scale_groups));
    }
    if (detail) box.appendChild(detail);
    if (currency) box.appendChild(currency);
    if (cite) { fillCite(cite, d, day, group); box.appendChild(cite); }
    if (group) {
      var everyone = rest.filter(function (c) { return (c.getAttribute("data-groups") || "").split(" ").indexOf("everyone") >= 0; });
      var other = rest.filter(function (c) { return everyone.indexOf(c) < 0; });
      fold(box, fill(L.everyone_rules, { n: everyone.length }), everyone, L);
      fold(box, fill(L.other_rules, { n: other.length }), other, L, "azt-fold-other");
      var groups = block ? block.querySelector(".azt-groupnav") : null;
      if (groups) {
        var label = groups.querySelector("p strong");
        if (label) label.textContent = L.other_group;
        groups.setAttribute("aria-label", L.other_group);
        var li = el("li");
        var all = el("a", null, L.all_groups);
        all.setAttribute("href", "?date=" + day);
        li.appendChild(all);
        groups.querySelector("ul").appendChild(li);
        box.appendChild(groups);
      }
    } else {
      fold(box, fill(L.all_facts, { n: facts.length }), facts, L);
    }
    groupLinks(box, day);
    box.querySelectorAll("a[data-group]").forEach(function (a) {
      if (a.getAttribute("data-group") === group) a.setAttribute("aria-current", "true");
    });
    var version = box.querySelector(".azt-asof-version");
    if (version) version.id = "asof-version";
    nameTheDay(box, d, day);
    document.documentElement.classList.add("azt-asof-answered");  /* print: the answer, not the page around it */
    if (group) document.documentElement.classList.add("azt-asof-group");
    hideAnswersPerPeriod();
  }

  /* Two dates compared by their legal status: the section for their two stretches, the dates put in its words,
     and the known developments between them. False when the page holds no such section (a large site). */
  function compareDates(box, heading, d, first, second) {
    var L = d.labels;
    var a = first <= second ? first : second, b = first <= second ? second : first;
    var sa = segmentFor(d.segments, a), sb = segmentFor(d.segments, b);
    if (!sa || !sb) { error(box, L.nothing); return true; }
    var sec = byId("cmpd-" + sa.block + "--" + sb.block);
    if (!sec) {
      box.appendChild(el("p", "azt-scale-note", L.cmpd_none));
      return false;
    }
    var wa = longDate(a, d.months), wb = longDate(b, d.months);
    /* the versions of the two dates, where they differ: two dates of one version (1 December 2020 and 1 February
       2021, on either side of the publication) showed that version twice, as though nothing differed (an English
       reader's read); the selects then keep their own choice */
    if (sa.version !== sb.version && hasOwn(d.titles, sa.version || "") && hasOwn(d.titles, sb.version || "")) {
      byId("cmp-a").value = sa.version;
      byId("cmp-b").value = sb.version;
    }
    heading.textContent = fill(L.cmpd_heading, { a: wa, b: wb });
    document.title = heading.textContent + " \u00b7 " + document.title;
    var h = sec.querySelector(".azt-cmpd-h");
    if (h) h.hidden = true;
    sec.querySelectorAll(".azt-da").forEach(function (e) { e.textContent = wa; });
    sec.querySelectorAll(".azt-db").forEach(function (e) { e.textContent = wb; });
    sec.querySelectorAll("[data-on]").forEach(function (e) {
      var words = fill(d.on.day, { date: e.getAttribute("data-on") === "a" ? wa : wb });
      e.textContent = e.textContent.split(d.on["this"]).join(words);
    });
    /* the second date after the last date later changes were looked for: said for that date, not for its stretch */
    sec.querySelectorAll(".azt-cmpd-beyond").forEach(function (e) { e.hidden = !(b > e.getAttribute("data-after")); });
    sec.querySelectorAll(".azt-cmpd-beyond-if").forEach(function (e) { e.hidden = true; });
    var full = { ".azt-cmpd-full-a": a, ".azt-cmpd-full-b": b };
    Object.keys(full).forEach(function (cls) {
      var link = sec.querySelector(cls);
      if (link) link.setAttribute("href", d.asof + "?date=" + full[cls]);
    });
    /* the events and developments dated after the first date and on or before the second (timeline.compare_dates):
       the section lists all those dated in its two stretches, for a reader without the script; the others go */
    var dev = sec.querySelector(".azt-cmpd-dev");
    if (dev) {
      var head = dev.querySelector(".azt-cmpd-dev-h strong");
      if (head) head.textContent = fill(L.cmpd_between, { a: wa, b: wb }) + ":";
      var list = dev.querySelector("ul.azt-cmpd-dated");
      if (list) {
        Array.prototype.slice.call(list.children).forEach(function (li) {
          var day = li.getAttribute("data-date") || "";
          if (!(a < day && day <= b)) list.removeChild(li);
        });
        if (!list.children.length) list.parentNode.removeChild(list);
      }
      if (!dev.querySelector("ul.azt-cmpd-dated, .azt-developments-none")) dev.appendChild(el("p", "azt-developments-none", L.cmpd_dated_none));
    }
    box.appendChild(sec);
    answered();
    return true;
  }

  /* the page's own answer (or its error) stands alone: the lists below are for a reader without the script, and the
     first pair's text ("Op datum A en op datum B ...") read, under an error, as the answer to the dates asked */
  function answered() {
    hideComparisons();
    document.documentElement.classList.add("azt-compare-answered");
  }

  /* every comparison the page holds, for readers without the script (50,000 px on a phone): with it, the form asks */
  function hideComparisons() {
    ["compare-pairs", "compare-dates"].forEach(function (id) { var e = byId(id); if (e) e.hidden = true; });
  }

  function showCompare() {
    var d = data("compare-data");
    var box = byId("compare-answer");
    if (!d || !box) return;
    var L = d.labels;
    var q = new URLSearchParams(window.location.search);
    var a = q.get("a"), b = q.get("b"), da = q.get("da"), db = q.get("db");
    if (!a && !b && !da && !db) { hideComparisons(); return; }
    box.hidden = false;
    var heading = byId("compare-heading");
    if (da || db) {
      answered();
      var x = checkDate(da || "", d.range), y = checkDate(db || "", d.range);
      if (x.day) byId("cmp-da").value = x.day;  /* a valid date stays in its field, whatever is wrong with the other */
      if (y.day) byId("cmp-db").value = y.day;
      if (!da || !db) { error(box, L.cmpd_missing); return; }
      if (!x.day) { dateError(box, x, da, d); return; }
      if (!y.day) { dateError(box, y, db, d); return; }
      if (y.day < x.day) { var later = x; x = y; y = later; }  /* read from the earlier: the form and address say so too */
      byId("cmp-da").value = x.day;
      byId("cmp-db").value = y.day;
      keepQuery({ da: x.day, db: y.day });
      if (compareDates(box, heading, d, x.day, y.day)) return;
      var sx = segmentFor(d.segments, x.day), sy = segmentFor(d.segments, y.day);
      if (!sx || !sx.version || !sy || !sy.version) { error(box, L.nothing); return; }
      a = sx.version; b = sy.version;
    } else {
      keepQuery({ a: hasOwn(d.titles, a) ? a : "", b: hasOwn(d.titles, b) ? b : "" });
    }
    if (!hasOwn(d.titles, a) || !hasOwn(d.titles, b)) { answered(); error(box, L.unknown_version); return; }
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
      answered();
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

  /* The compare form asks one question: the two versions or the two dates, whichever the reader changed last (or,
     untouched, the dates where both are filled in). It sent both, and the dates won: a version chosen under a
     comparison of dates was dropped without a word (a lawyer's read). */
  function compareForm() {
    var form = byId("compare-form");
    if (!form) return;
    var mode = null;
    function touched(ids, what) {
      ids.forEach(function (id) {
        ["input", "change"].forEach(function (ev) { byId(id).addEventListener(ev, function () { mode = what; }); });
      });
    }
    touched(["cmp-a", "cmp-b"], "versions");
    touched(["cmp-da", "cmp-db"], "dates");
    form.addEventListener("submit", function (ev) {
      var da = byId("cmp-da").value, db = byId("cmp-db").value;
      var q = new URLSearchParams();
      if (mode === "dates" || (mode === null && (da || db))) {
        q.set("da", da);
        q.set("db", db);
      } else {
        q.set("a", byId("cmp-a").value);
        q.set("b", byId("cmp-b").value);
      }
      ev.preventDefault();
      window.location.search = q.toString();
    });
  }

  /* After the reader's own question the page loads anew with the answer: focus goes to the answer's heading, so a
     screen reader reads on from there and Tab goes on through the answer; it had stayed at the top of the page (a
     lawyer's read). So it does when the question was asked on another page (the home page's date: data-asks names
     the form it stands for). A link shared or opened again starts at the top, as any page does. */
  function rememberAsking(form, formId) {
    form.addEventListener("submit", function () { try { sessionStorage.setItem("azt-asked-" + formId, "1"); } catch (e) { /* storage off */ } });
  }

  function focusAnswer(formId, headingId) {
    var form = byId(formId), heading = byId(headingId), key = "azt-asked-" + formId, asked = false;
    if (!form || !heading) return;
    rememberAsking(form, formId);
    try { asked = sessionStorage.getItem(key) === "1"; sessionStorage.removeItem(key); } catch (e) { return; }
    if (asked && !heading.closest("[hidden]")) {
      heading.setAttribute("tabindex", "-1");
      heading.focus();
    }
  }

  function start() {
    /* the forms answer only with the script: without it they are hidden, and a line says what to do instead */
    document.querySelectorAll("[data-needs-script]").forEach(function (e) { e.hidden = false; });
    document.querySelectorAll(".azt-noscript").forEach(function (e) { e.hidden = true; });
    showAsof();
    showCompare();
    compareForm();
    focusAnswer("asof-form", "asof-heading");
    focusAnswer("compare-form", "compare-heading");
    document.querySelectorAll("form[data-asks]").forEach(function (f) { rememberAsking(f, f.getAttribute("data-asks")); });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start); else start();
})();
