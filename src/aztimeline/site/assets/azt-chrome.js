/* aztimeline site chrome: names for the theme's landmarks and dialogs, keyboard access to wide tables, and the
   page's own address for print. Written against roles and attributes, not one theme's markup, so it works with
   MkDocs Material and Zensical alike. Text is set with textContent/setAttribute only. */
(function () {
  "use strict";

  var lang = (document.documentElement.getAttribute("lang") || "nl").slice(0, 2) === "en" ? "en" : "nl";
  var T = {
    nl: { search: "Zoeken", menu: "Menu", permalink: "Vaste link naar", header: "Paginakop", nav: "Navigatie", table: "Tabel", scroll: "schuift horizontaal" },
    en: { search: "Search", menu: "Menu", permalink: "Permanent link to", header: "Page header", nav: "Navigation", table: "Table", scroll: "scrolls sideways" }
  }[lang];

  function text(el) { return el ? (el.textContent || "").replace(/\s+/g, " ").trim() : ""; }

  function nameOf(el) {
    var label = el.getAttribute("aria-label");
    if (label && label.trim()) return label.trim();
    var ids = (el.getAttribute("aria-labelledby") || "").split(/\s+/).filter(Boolean);
    return ids.map(function (id) {
      var ref = document.getElementById(id);
      return ref ? (ref.getAttribute("aria-label") || text(ref)) : "";
    }).join(" ").trim();
  }

  function setName(el, name) {
    el.removeAttribute("aria-labelledby");
    el.setAttribute("aria-label", name);
  }

  /* Dialogs (the theme's search) need a name: take it from the search field inside, else the word for search. */
  function nameDialogs() {
    document.querySelectorAll("[role=dialog], dialog").forEach(function (d) {
      if (nameOf(d)) return;
      var field = d.querySelector("input[aria-label], input[placeholder]");
      setName(d, field ? (field.getAttribute("aria-label") || field.getAttribute("placeholder")) : T.search);
    });
  }

  /* Navigation landmarks need a name, and no two the same: a section's menu is named after its own link. */
  function nameNavs() {
    var navs = Array.prototype.slice.call(document.querySelectorAll("nav, [role=navigation]"));
    navs.forEach(function (n) {
      if (nameOf(n)) return;
      var by = n.getAttribute("aria-labelledby");
      var ref = by ? document.getElementById(by.split(/\s+/)[0]) : null;
      var box = ref ? ref.parentElement : n.parentElement;
      var link = box ? box.querySelector("a") : null;
      setName(n, text(link) || text(ref) || T.nav);
    });
    var header = document.querySelector("header nav[aria-label=Header]");
    if (header && lang === "nl") header.setAttribute("aria-label", T.header);
    var seen = {};
    navs.forEach(function (n) {
      var name = nameOf(n);
      if (!seen[name]) { seen[name] = 1; return; }
      var outer = n.parentElement ? n.parentElement.closest("nav, [role=navigation]") : null;
      var context = outer ? nameOf(outer) : "";
      var unique = context && !seen[name + " (" + context + ")"] ? name + " (" + context + ")" : name + " " + (seen[name] + 1);
      seen[name] += 1;
      seen[unique] = 1;
      setName(n, unique);
    });
  }

  /* What is hidden from screen readers must not take keyboard focus either (a theme's hidden colour-scheme
     switch, for instance): otherwise Tab lands on something no one is told about. */
  function hiddenNotFocusable() {
    var focusable = "a[href], button, input:not([type=hidden]), select, textarea, [tabindex]:not([tabindex='-1'])";
    document.querySelectorAll("[aria-hidden='true']").forEach(function (el) {
      var items = Array.prototype.slice.call(el.querySelectorAll(focusable));
      if (el.matches(focusable)) items.push(el);
      items.forEach(function (f) { f.setAttribute("tabindex", "-1"); });
    });
  }

  /* The header opens the menu and the search with a label of a hidden checkbox: an icon, without a name in one
     theme, which the keyboard cannot reach (a keyboard user's read). Each is made a button that Enter and Space
     press, and named where it has no name. */
  function headerToggles() {
    document.querySelectorAll("header nav > label[for]").forEach(function (label) {
      var name = { __drawer: T.menu, __search: T.search }[label.getAttribute("for")];
      if (!name) return;
      if (!text(label) && !nameOf(label)) label.setAttribute("aria-label", name);
      label.setAttribute("role", "button");
      label.setAttribute("tabindex", "0");
      label.addEventListener("keydown", function (e) {
        if (e.key !== "Enter" && e.key !== " ") return;
        e.preventDefault();
        /* the theme presses it on Enter itself: press it only where nothing else did */
        var pressed = false, seen = function () { pressed = true; };
        label.addEventListener("click", seen);
        window.setTimeout(function () {
          label.removeEventListener("click", seen);
          if (!pressed) label.click();
        }, 0);
      });
    });
  }

  /* A heading's permanent link shows "¶", which a screen reader read as its name, and its title was English on
     the Dutch pages (a keyboard user's read): it is named after its heading, in the page's language. */
  function headingLinks() {
    document.querySelectorAll("a.headerlink").forEach(function (a) {
      var heading = a.parentElement, words = heading ? text(heading).replace(/\u00b6$/, "").trim() : "";
      var name = T.permalink + (words ? " \u201c" + words + "\u201d" : "");
      a.setAttribute("aria-label", name);
      a.setAttribute("title", name);
    });
  }

  /* The search's count of results is a status, told to a screen reader as it changes (a keyboard user's read). */
  function searchStatus() {
    document.querySelectorAll(".md-search-result__meta").forEach(function (m) { m.setAttribute("role", "status"); });
  }

  /* On a phone, a table of three or four columns is shown as one card per row, each value under its column's
     name, instead of columns one word wide. Explicit roles keep it a table for screen readers when the CSS
     (azt-chrome.css, narrow screens only) lays the cells out as blocks. Wider tables (numbers) scroll instead. */
  function stackTables() {
    document.querySelectorAll(".md-typeset table").forEach(function (table) {
      var heads = table.querySelectorAll("thead th");
      var rows = table.querySelectorAll("tbody tr");
      if (heads.length < 3 || heads.length > 4 || !rows.length) return;
      var names = Array.prototype.map.call(heads, function (th) { return text(th); });
      var regular = Array.prototype.every.call(rows, function (tr) {
        return tr.children.length === names.length && !tr.querySelector("[colspan], [rowspan]");
      });
      if (!regular) return;
      table.setAttribute("data-azt-stack", "");  /* an attribute, not a class: the theme styles only tables without a class */
      table.setAttribute("role", "table");
      table.querySelectorAll("thead, tbody").forEach(function (g) { g.setAttribute("role", "rowgroup"); });
      table.querySelectorAll("tr").forEach(function (tr) { tr.setAttribute("role", "row"); });
      heads.forEach(function (th) { th.setAttribute("role", "columnheader"); });
      rows.forEach(function (tr) {
        Array.prototype.forEach.call(tr.children, function (cell, i) {
          cell.setAttribute("role", cell.tagName === "TH" ? "rowheader" : "cell");
          cell.setAttribute("data-label", names[i]);
        });
      });
    });
  }

  /* A table wider than its box scrolls inside it; the box is then a named region the keyboard can reach. */
  function wideTables() {
    document.querySelectorAll(".md-typeset table").forEach(function (table) {
      var box = table.parentElement;
      while (box && box !== document.body) {
        var style = window.getComputedStyle(box);
        if (style.overflowX === "auto" || style.overflowX === "scroll") break;
        box = box.parentElement;
      }
      if (!box || box === document.body) return;
      if (box.scrollWidth > box.clientWidth) {
        var caption = table.querySelector("caption");
        var heading = null;
        for (var el = box; el && !heading; el = el.previousElementSibling || (el.parentElement && el.parentElement.previousElementSibling)) {
          if (/^H[1-6]$/.test(el.tagName)) heading = el;
          if (el === document.body) break;
        }
        var name = text(caption) || text(heading).replace(/\u00b6$/, "").trim();
        box.setAttribute("tabindex", "0");
        box.setAttribute("role", "region");
        box.setAttribute("aria-label", T.table + (name ? ": " + name : "") + " (" + T.scroll + ")");
        box.classList.add("azt-scroll");
      } else if (box.classList.contains("azt-scroll")) {
        box.removeAttribute("tabindex");
        box.removeAttribute("role");
        box.removeAttribute("aria-label");
        box.classList.remove("azt-scroll");
      }
    });
    /* the same for the timeline chart's box, which opens at its start, as time reads (scroll on for later) */
    document.querySelectorAll(".azt-timeline-scroll").forEach(function (box) {
      if (box.scrollWidth > box.clientWidth) {
        box.setAttribute("tabindex", "0");
      } else {
        box.removeAttribute("tabindex");
      }
    });
  }

  /* The address printed at the top of the page: the build writes it when it knows the site's URL; else this. */
  function printAddress() {
    /* a citation block's address, where the build knew the page's path only: this page's, at the block's anchor */
    document.querySelectorAll(".azt-cite-url[data-relative]").forEach(function (dd) {
      var anchor = dd.textContent.split("#")[1];
      dd.textContent = window.location.href.split(/[?#]/)[0] + (anchor ? "#" + anchor : "");
      dd.removeAttribute("data-relative");
    });
    document.querySelectorAll(".azt-print-url").forEach(function (p) {
      var out = p.querySelector(".azt-print-href");
      if (!out) return;
      if (!out.textContent || out.hasAttribute("data-relative")) {  /* the build knew the page's path only */
        out.textContent = window.location.href.split("#")[0];
      } else if (window.location.search && out.textContent.indexOf("?") < 0) {
        out.textContent = out.textContent + window.location.search;
      }
      /* the day the page is read, in the reader's own calendar, for one who files the printout */
      var words = p.getAttribute("data-consulted"), months = (p.getAttribute("data-months") || "").split(",");
      if (words && months.length === 12 && !p.querySelector(".azt-print-consulted")) {
        var now = new Date(), day = now.getDate() + " " + months[now.getMonth()] + " " + now.getFullYear();
        var span = document.createElement("span");
        span.className = "azt-print-consulted";
        span.textContent = " (" + words.replace("{date}", day) + ")";
        p.appendChild(span);
      }
    });
  }

  function start() {
    nameDialogs();
    nameNavs();
    headerToggles();
    searchStatus();
    headingLinks();
    hiddenNotFocusable();
    printAddress();
    /* the theme wraps tables after load; look again once it has */
    stackTables();
    wideTables();
    window.setTimeout(wideTables, 0);
    window.addEventListener("resize", wideTables);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start); else start();
})();
