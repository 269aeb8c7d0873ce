/* The whole book as a PDF, and printing one page (the book's own file; see assets/README.md).

   1. The theme's download menu (the arrow icon at the top of every page) gets an entry "Whole book
      (.pdf)": book.pdf at the site's root (scripts/build_pdf.py makes it; the workflow deploys it).
   2. Printing a page (Ctrl+P, or the menu's ".pdf") prints it as the book's PDF does
      (assets/print.css): light colours even in dark mode, optional asides ("Going deeper",
      assets/scripts/asides.js) unfolded where they stand, and hidden solutions unfolded and moved
      to a section "Solutions to the exercises" at the end of the page, so that no answer is
      printed under its exercise. All of it is undone after printing. (The whole book's PDF moves
      the solutions itself, scripts/build_pdf.py, and marks its page `book-pdf`.) */
(function () {
  "use strict";
  var root = document.documentElement.getAttribute("data-content_root") || "";

  function addLink() {
    var menu = document.querySelector(".dropdown-download-buttons .dropdown-menu");
    if (!menu || menu.querySelector(".btn-download-book-pdf-button")) return;
    var link = document.createElement("a");
    link.href = root + "book.pdf";
    link.className = "btn btn-sm btn-download-book-pdf-button dropdown-item";
    link.title = "Download the whole book as one PDF";
    link.setAttribute("data-bs-placement", "left");
    link.innerHTML = '<span class="btn__icon-container"><i class="fas fa-book"></i></span>' +
      '<span class="btn__text-container">Whole book (.pdf)</span>';
    var item = document.createElement("li");
    item.appendChild(link);
    menu.appendChild(item);
  }

  var restore = [];
  window.addEventListener("beforeprint", function () {
    var html = document.documentElement;
    if (html.dataset.theme === "dark") {
      html.dataset.theme = "light";
      restore.push(function () { html.dataset.theme = "dark"; });
    }
    // Hidden solutions (moved below) and optional asides (printed where they stand) unfold.
    document.querySelectorAll("details.hide:not([open]), details.book-aside-details:not([open])").forEach(function (details) {
      details.open = true;
      restore.push(function () { details.open = false; });
    });
    // The whole book's PDF (marked `book-pdf`) has moved them chapter by chapter already.
    var article = document.querySelector("article.bd-article");
    if (article && !document.documentElement.classList.contains("book-pdf")) {
      moveSolutions(article.querySelector("section") || article, restore);
    }
  });

  /* Move every hidden solution inside `container` into a section "Solutions to the exercises"
     appended to it, each under a label "Solution to exercise N". With `restore`, push what puts
     everything back. Also used by the whole book's PDF (booktools/pdf/prepare.js), once per chapter. */
  function moveSolutions(container, restore) {
    var solutions = container.querySelectorAll(".cell.tag_hide-cell");
    if (!solutions.length) return null;
    var end = document.createElement("section");
    end.className = "book-print-solutions";
    end.innerHTML = "<h2>Solutions to the exercises</h2>";
    Array.prototype.forEach.call(solutions, function (cell) {
      var number = (cell.textContent.match(/Solution to exercise (\d+)/) || [])[1] || "";
      var label = document.createElement("p");
      label.innerHTML = "<strong>Solution to exercise " + number + "</strong>";
      var mark = document.createComment("solution");
      cell.parentNode.replaceChild(mark, cell);
      end.appendChild(label);
      end.appendChild(cell);
      if (restore) restore.push(function () { mark.parentNode.replaceChild(cell, mark); });
    });
    container.appendChild(end);
    if (restore) restore.push(function () { end.remove(); });
    return end;
  }
  window.bookMoveSolutions = moveSolutions;

  window.addEventListener("afterprint", function () {
    while (restore.length) restore.pop()();
  });

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", addLink);
  } else {
    addLink();
  }
})();
