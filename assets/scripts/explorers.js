/* The book's explorers on the static site (the book's own file; see assets/README.md).

   1. Light first visits. The widget renderer (vendor/widgets/embed.js, 0.46 MB gzipped) is loaded
      only when an explorer comes near the screen (or at once, if the page opens at one), not with
      the page: a reader who never scrolls to an explorer never downloads it. It renders on the
      window's "load" event, which has fired by then: its handler is caught and called here.
   2. Accessibility. Each explorer slider gets an accessible name (its label: "learning rate
      (lr)"), and a polite live region announces the alt text of the plot the slider shows.
   3. Printing (Ctrl+P) before the renderer has drawn an explorer: the renderer cannot finish
      before the page is printed, so the plot a reader sees first is copied from the page's
      stored widget state into the page, for print only (assets/print.css), and removed after. */
(function () {
  "use strict";
  var VIEW = 'script[type="application/vnd.jupyter.widget-view+json"]';
  var here = document.currentScript;
  var embedUrl = here.getAttribute("data-embed");
  var requested = false;

  function loadRenderer() {
    if (requested) return;
    requested = true;
    var caught = [];
    var add = window.addEventListener;
    window.addEventListener = function (type, listener, options) {
      if (type === "load") { caught.push(listener); return; }
      return add.call(this, type, listener, options);
    };
    var script = document.createElement("script");
    script.src = embedUrl;
    script.onload = script.onerror = function () {
      window.addEventListener = add;
      caught.forEach(function (listener) { listener.call(window, new Event("load")); });
    };
    document.head.appendChild(script);
  }

  function visibleImage(explorer) {
    var images = explorer.querySelectorAll("img");
    for (var i = 0; i < images.length; i++) {
      if (images[i].offsetParent !== null) return images[i];
    }
    return null;
  }

  function label(slider) {
    var box = slider.closest(".widget-slider, .widget-hslider, .jupyter-widget-slider") || slider.parentElement;
    var text = box && box.querySelector(".widget-label, label");
    return text ? text.textContent.trim() : "";
  }

  function enhance(explorer) {
    if (explorer.dataset.bookA11y) return;
    var sliders = explorer.querySelectorAll('[role="slider"]');
    if (!sliders.length || !visibleImage(explorer)) return;  // not rendered yet
    explorer.dataset.bookA11y = "1";
    var live = document.createElement("p");
    live.className = "book-sr-only";
    live.setAttribute("aria-live", "polite");
    explorer.appendChild(live);
    sliders.forEach(function (slider) {
      var name = label(slider);
      if (name) slider.setAttribute("aria-label", name);
      new MutationObserver(function () {
        // The linked Stack switches plots in the same tick; read the alt text after it.
        setTimeout(function () {
          var image = visibleImage(explorer);
          if (image) live.textContent = image.alt;
        }, 0);
      }).observe(slider, { attributes: true, attributeFilter: ["aria-valuenow", "aria-valuetext"] });
    });
  }

  // The stored widget state of the page: {model_id: {model_name, state}}.
  function widgetModels() {
    var models = {};
    document.querySelectorAll('script[type="application/vnd.jupyter.widget-state+json"]').forEach(function (tag) {
      try {
        var state = JSON.parse(tag.textContent).state || {};
        Object.keys(state).forEach(function (id) { models[id] = state[id]; });
      } catch (error) { /* not a state this script knows: nothing to print from it */ }
    });
    return models;
  }

  // The HTML of the page a Stack shows first (nested Stacks for two sliders), or "".
  function firstPlot(models, id) {
    var model = models[id];
    if (!model) return "";
    var state = model.state || {};
    var children = (state.children || []).map(function (c) { return String(c).replace("IPY_MODEL_", ""); });
    if (model.model_name === "HTMLModel") return state.value || "";
    if (model.model_name === "StackModel") return firstPlot(models, children[state.selected_index || 0]);
    for (var i = 0; i < children.length; i++) {  // a box: its Stack
      var html = firstPlot(models, children[i]);
      if (html) return html;
    }
    return "";
  }

  var printed = [];
  function printFallbacks() {
    var models = null;
    document.querySelectorAll(VIEW).forEach(function (view) {
      var area = view.parentElement;
      if (area.querySelector(".book-explorer img, .book-print-fallback")) return;  // drawn already
      models = models || widgetModels();
      var html = firstPlot(models, JSON.parse(view.textContent).model_id);
      if (!html) return;
      var box = document.createElement("div");
      box.className = "book-print-fallback";
      box.innerHTML = html;
      area.appendChild(box);
      printed.push(box);
    });
  }

  function start() {
    var views = document.querySelectorAll(VIEW);
    if (!views.length) return;
    new MutationObserver(function () {
      document.querySelectorAll(".book-explorer").forEach(enhance);
    }).observe(document.body, { childList: true, subtree: true });
    if (!("IntersectionObserver" in window)) { loadRenderer(); return; }
    var near = new IntersectionObserver(function (entries) {
      if (entries.some(function (e) { return e.isIntersecting; })) {
        near.disconnect();
        loadRenderer();
      }
    }, { rootMargin: "800px 0px" });
    views.forEach(function (view) { near.observe(view.parentElement); });
    window.addEventListener("beforeprint", function () { printFallbacks(); loadRenderer(); });
    window.addEventListener("afterprint", function () {
      while (printed.length) printed.pop().remove();
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
