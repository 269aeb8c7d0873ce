// Is the page ready to print? (booktools/pdf/printing.py waits for it with Playwright's
// wait_for_function.) Ready: MathJax has typeset every formula, and every explorer shows its plot
// (the one a reader sees first on the site). With `report` true, the counts instead:
// {math: formulas, raw: formulas not typeset, views: widget views, plots: views showing a plot}.
(report) => {
  const math = [...document.querySelectorAll('.math')];
  const views = [...document.querySelectorAll('script[type="application/vnd.jupyter.widget-view+json"]')];
  // The renderer puts each view in a <div class="widget-subarea"> just before its <script>.
  const shown = views.filter(v => {
    const area = v.previousElementSibling;
    return area && area.classList.contains('widget-subarea') && [...area.querySelectorAll('img')]
      .some(img => img.complete && img.naturalWidth > 0 && img.offsetParent !== null);
  });
  const status = {math: math.length, raw: math.filter(m => !m.querySelector('mjx-container')).length,
                  views: views.length, plots: shown.length};
  return report ? status : Boolean(status.math && !status.raw && status.plots === status.views);
}
