/* Optional asides, folded on the site (the book's own file; see assets/README.md).

   A section whose heading starts with "Going deeper (optional):" is marked `book-aside` when the
   site is built (booktools/site.py), and assets/book.css draws it as a light box. This script
   folds each one into a <details> whose <summary> is the heading itself, closed on load: a reader
   on the main path sees the heading, says "optional", and goes on; a click, Enter or Space opens
   it. The section keeps its id, so the page's contents still link to it, and following such a
   link (or any link into the aside) opens it. The heading's permalink is removed from the
   summary (a link inside the summary would be a control inside a control). Without JavaScript
   nothing is folded: the aside stays in the page, open, in its box. Printing opens every aside in
   place (assets/scripts/pdf-link.js, and scripts/build_pdf.py for the whole book). */
(function () {
  "use strict";
  var HEADINGS = "h1, h2, h3, h4, h5, h6";

  function fold(section) {
    var heading = null;
    for (var i = 0; i < section.children.length; i++) {
      if (section.children[i].matches(HEADINGS)) { heading = section.children[i]; break; }
      if (section.children[i].matches("details.book-aside-details")) return;  // folded already
    }
    if (!heading) return;
    var link = heading.querySelector("a.headerlink");
    if (link) link.remove();
    var details = document.createElement("details");
    details.className = "book-aside-details";
    var summary = document.createElement("summary");
    summary.className = "book-aside-summary";
    var rest = Array.prototype.filter.call(section.childNodes, function (node) { return node !== heading; });
    summary.appendChild(heading);
    details.appendChild(summary);
    rest.forEach(function (node) { details.appendChild(node); });
    section.appendChild(details);
  }

  /* Open the aside that holds the element `id` names (the aside's own section, or anything in it). */
  function openFor(hash) {
    if (!hash || hash.length < 2) return;
    var id;
    try { id = decodeURIComponent(hash.slice(1)); } catch (e) { return; }
    var target = document.getElementById(id);
    if (!target) return;
    var details = target.closest("details.book-aside-details");
    if (!details && target.matches("section.book-aside")) {
      details = target.querySelector(":scope > details.book-aside-details");
    }
    if (details && !details.open) {
      details.open = true;
      target.scrollIntoView();
    }
  }

  function start() {
    document.querySelectorAll("section.book-aside").forEach(fold);
    openFor(window.location.hash);
    window.addEventListener("hashchange", function () { openFor(window.location.hash); });
    // A link to the hash already in the address bar fires no hashchange.
    document.addEventListener("click", function (event) {
      var link = event.target.closest && event.target.closest("a[href*='#']");
      if (link && link.pathname === window.location.pathname) openFor(link.hash);
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
