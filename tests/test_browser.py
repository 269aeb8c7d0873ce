"""The site as readers get it: build it, serve it on 127.0.0.1, open it in headless Chromium.

Needs Debian's `chromium` (installed by `.ci/run`; or set CHROMIUM to another Chromium binary).
Skip these tests with `-m "not browser"`.
"""

import base64
import io
import re

import pytest
from conftest import ROOT, toc_files  # noqa: F401
from PIL import Image
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from book.explorer import LABELS
from booktools.browser import SHOW_EXPLORERS, gzip_bytes, offline, serve
from booktools.budgets import PAGE_BYTES
from booktools.widgets import WIDGET_VIEW

pytestmark = [pytest.mark.browser, pytest.mark.slow]  # builds the site

CHAPTERS = [f for f in toc_files() if f.startswith("notebooks/")]
#: Every page is opened three ways: as a first visit (empty storage), in light and in dark mode.
FIRST_VISIT = "first visit"
THEMES = [FIRST_VISIT, "light", "dark"]


@pytest.fixture(scope="session")
def server(site):
    with serve(site) as url:
        yield url


class Visit:
    """A page opened with every request outside the local server blocked and recorded."""

    def __init__(self, browser, server, path, theme="light"):
        self.page = browser.new_page(viewport={"width": 1200, "height": 900})
        seen = offline(self.page, server)
        self.external, self.errors, self.failed = seen["external"], seen["errors"], seen["failed"]
        self.responses = []
        self.page.on("response", lambda r: self.responses.append(r))
        if theme != FIRST_VISIT:  # a first visit has nothing in localStorage
            self.page.add_init_script(
                f"localStorage.setItem('theme', '{theme}'); localStorage.setItem('mode', '{theme}');"
            )
        self.page.goto(f"{server}/{path}")
        self.page.wait_for_load_state("networkidle")

    def visible_plots(self):
        return self.page.evaluate(
            """() => [...document.querySelectorAll('.widget-html-content img')]
                     .filter(img => img.offsetParent !== null).map(img => img.alt)"""
        )

    def close(self):
        self.page.close()


#: The rules a change of theme can affect: the DOM is the same in light and dark mode, only
#: the colours change. The first audit of a page runs every rule, in light mode.
COLOUR_RULES = ["color-contrast", "link-in-text-block"]


def axe_violations(page, theme, rules=None):
    """axe-core's violations on `page` in `theme`: {impact: ["rule: target (message)", ...]}.

    `preload: false`: axe would otherwise re-fetch the stylesheets' `@import`s relative to the
    page, not to the stylesheet (a 404 that is axe's, not the site's); only the
    css-orientation-lock rule needs them.
    """
    from axe_playwright_python.sync_playwright import Axe

    # The audit reads the colours a reader sees once the theme has switched, not mid-transition.
    page.add_style_tag(content="*, *::before, *::after { transition: none !important; }")
    page.evaluate(f"document.documentElement.dataset.theme = '{theme}'")
    found = {}
    options = {"preload": False, "resultTypes": ["violations"]}
    if rules:
        options["runOnly"] = {"type": "rule", "values": rules}
    for violation in Axe().run(page, options=options).response["violations"]:
        for node in violation["nodes"]:
            why = (node.get("any") or node.get("all") or node.get("none") or [{}])[0].get("message", "")
            found.setdefault(violation["impact"], []).append(f"{violation['id']}: {node['target']} ({why})")
    return found


def assert_accessible(page, where):
    """0 serious or critical axe-core violations in light mode, and in dark mode for the colours."""
    for theme, rules in (("light", None), ("dark", COLOUR_RULES)):
        found = axe_violations(page, theme, rules)
        counts = {impact: len(nodes) for impact, nodes in sorted(found.items())}
        print(f"axe {where} {theme}: {counts or 'none'} {found.get('moderate', '')}")
        assert not found.get("serious") and not found.get("critical"), f"{where}, {theme} mode: {found}"


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_chapter_page_is_light_accessible_and_its_explorers_work_offline(browser, server, chapter, config):
    visit = Visit(browser, server, f"{chapter}.html", FIRST_VISIT)
    page = visit.page
    first_visit = gzip_bytes(visit.responses)
    print(f"{chapter}: {first_visit / 1e6:.3f} MB gzip on a first visit")
    assert first_visit <= PAGE_BYTES, f"{first_visit / 1e6:.2f} MB sent on a first visit"
    assert page.locator(".book-explorer").count() == 0, "the widget renderer loaded before it was needed"

    # Scrolling to an explorer brings the renderer; every explorer then shows one plot.
    assert page.evaluate(SHOW_EXPLORERS)
    explorers = page.locator(f"script[type='{WIDGET_VIEW}']").count()
    page.wait_for_function(f"document.querySelectorAll('.book-explorer[data-book-a11y]').length === {explorers}",
                           timeout=30000)
    before = visit.visible_plots()
    assert len(before) == explorers, f"each explorer shows exactly one plot, got {before}"

    # Every slider says what it changes; the keyboard moves it, with a visible focus; the live
    # region then holds the alt text of the plot now shown.
    abbreviations = {short for short, words in LABELS.items() if short != words}
    names = page.locator(".book-explorer [role=slider]").evaluate_all("els => els.map(e => e.ariaLabel)")
    assert names and all(name and name not in abbreviations for name in names), f"sliders named {names}"
    handle = page.locator(".book-explorer [role=slider]").first
    page.keyboard.press("Tab")  # keyboard mode, so :focus-visible applies
    handle.focus()
    outline = handle.evaluate("e => getComputedStyle(e).outlineStyle + ' ' + getComputedStyle(e).outlineWidth")
    assert outline.split()[0] != "none" and outline.split()[1] != "0px", f"no visible focus: {outline}"
    page.keyboard.press("End")
    page.wait_for_function(  # the first explorer's visible plot changes (no fixed sleep)
        """before => [...document.querySelectorAll('.widget-html-content img')]
                     .filter(img => img.offsetParent !== null).map(img => img.alt)[0] !== before""",
        arg=before[0], timeout=10000)
    after = visit.visible_plots()
    assert len(after) == explorers
    assert after != before, "moving the slider did not change the plot"
    # explorers.js writes the live region just after the plot switches (a task later): wait for it.
    region = ".book-explorer .book-sr-only[aria-live=polite]"
    try:
        page.wait_for_function("([sel, alt]) => document.querySelector(sel).textContent === alt",
                               arg=[region, after[0]], timeout=10000)
    except PlaywrightTimeout:
        pass  # the assertion below says what it holds instead
    live = page.locator(region).first.text_content()
    assert live == after[0], "the live region does not announce the plot now shown"

    assert_accessible(page, chapter)

    # The Colab button opens the chapter's Colab copy (no stored output under the solutions), and
    # every image, the explorers' plots included, has an alt text.
    from booktools.colab import COPIES

    repo = config["repository"]
    org_repo = repo["url"].removeprefix("https://github.com/")
    name = chapter.removeprefix("notebooks/")
    colab = f"https://colab.research.google.com/github/{org_repo}/blob/{repo['branch']}/{COPIES}/{name}.ipynb"
    assert page.locator(f"a[href='{colab}']").count() >= 1
    missing_alt = page.evaluate(
        "() => [...document.querySelectorAll('article img')].filter(i => !i.alt.trim()).map(i => i.src.slice(0, 80))"
    )
    assert missing_alt == []
    assert visit.external == [], "requests left the machine"
    assert visit.failed == [], "requests failed (missing file?)"
    assert visit.errors == [], "console errors"
    visit.close()


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("path", ["index.html", "pages/intro.html", "pages/glossary.html",
                                  "pages/bibliography.html"])
def test_other_pages_load_cleanly(browser, server, path, theme):
    visit = Visit(browser, server, path, theme)
    assert visit.page.locator("article h1").count() == 1
    assert visit.external == [] and visit.failed == [] and visit.errors == []
    assert gzip_bytes(visit.responses) <= PAGE_BYTES
    if theme == FIRST_VISIT:
        assert_accessible(visit.page, path)
    visit.close()


def test_a_page_without_widgets_loads_no_widget_renderer(browser, server):
    visit = Visit(browser, server, "pages/glossary.html")
    assert not [r.url for r in visit.responses if "widgets/embed.js" in r.url or "explorers.js" in r.url]
    visit.close()


def test_first_visit_resolves_the_theme_without_errors(browser, server):
    visit = Visit(browser, server, f"{CHAPTERS[0]}.html", FIRST_VISIT)
    assert visit.page.evaluate("localStorage.getItem('mode')") in (None, "auto")
    assert visit.page.evaluate("document.documentElement.dataset.theme") in ("light", "dark")
    assert visit.errors == [], "console errors on a first visit"
    visit.close()


def test_search_finds_chapters(browser, server):
    visit = Visit(browser, server, "search.html?q=neuron")
    visit.page.wait_for_selector("#search-results li", timeout=15000)
    results = visit.page.locator("#search-results li").all_inner_texts()
    assert any("single neuron" in r.lower() for r in results), results
    assert visit.external == [] and visit.errors == []
    visit.close()


def test_dark_mode_keeps_figures_opaque(browser, server, site):
    visit = Visit(browser, server, f"{CHAPTERS[0]}.html", theme="dark")
    assert visit.page.evaluate("document.documentElement.dataset.theme") == "dark"
    visit.page.evaluate(SHOW_EXPLORERS)
    visit.page.wait_for_selector(".widget-readout", timeout=30000)
    readout = visit.page.evaluate(
        """() => { const r = document.querySelector('.widget-readout');
                   const area = r.closest('.widget-subarea') || document.body;
                   return [getComputedStyle(r).color, getComputedStyle(area).backgroundColor]; }"""
    )
    assert readout[0] != readout[1], "slider readout invisible in dark mode"
    pngs = [p.read_bytes() for p in (site / "_images").glob("*.png")]
    html = "".join(p.read_text() for p in (site / "notebooks").glob("*.html"))
    pngs += [base64.b64decode(m) for m in re.findall(r"data:image/png;base64,([A-Za-z0-9+/=]+)", html)]
    assert pngs
    for png in pngs:
        image = Image.open(io.BytesIO(png)).convert("RGBA")
        assert image.getextrema()[3][0] == 255, "a figure has a transparent background"
    visit.close()


def test_printing_at_once_prints_each_explorers_first_plot(browser, server):
    # Ctrl+P right after a page opens: the renderer has not drawn the explorers yet (it loads when
    # one comes near the screen) and cannot finish before the print, so explorers.js copies each
    # explorer's first plot from the stored widget state, for print only, and removes it after.
    visit = Visit(browser, server, f"{CHAPTERS[1]}.html")
    page = visit.page
    explorers = page.locator(f"script[type='{WIDGET_VIEW}']").count()
    page.emulate_media(media="print")
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    shown = page.evaluate("""() => [...document.querySelectorAll('.book-print-fallback img')]
                             .filter(img => img.offsetParent !== null).map(img => img.alt)""")
    assert len(shown) == explorers, f"{len(shown)} plots printed for {explorers} explorers"
    page.evaluate("window.dispatchEvent(new Event('afterprint'))")
    page.emulate_media(media="screen")
    assert page.locator(".book-print-fallback").count() == 0, "the print copy stays after printing"
    page.evaluate(SHOW_EXPLORERS)
    page.wait_for_selector(".book-explorer img", state="visible", timeout=30000)
    assert visit.visible_plots()[:1] == shown[:1], "the printed plot is not the one the site shows first"
    assert visit.errors == [] and visit.failed == []
    visit.close()


#: An optional aside ("Going deeper (optional): ...", issue 18), folded on the site by
#: assets/scripts/asides.js: chapter 9's on Adam's steps.
ASIDE_PAGE = next((c for c in CHAPTERS if c.startswith("notebooks/09_")), None)
ASIDE_TITLE = "Going deeper (optional): how large are Adam's steps?"
ASIDE_ID = "going-deeper-optional-how-large-are-adam-s-steps"


def aside_state(page):
    """(open, a code cell of the aside visible, the aside's heading text with plain apostrophes)
    for chapter 9's aside."""
    return page.evaluate(
        """(id) => { const s = document.getElementById(id);
                     const d = s && s.querySelector(':scope > details.book-aside-details');
                     const cell = s && s.querySelector('.cell .cell_input');
                     const h = d && d.querySelector(':scope > summary > :is(h1, h2, h3)');
                     // checkVisibility: a closed <details> hides its content with content-visibility.
                     return [d ? d.open : null, !!(cell && cell.checkVisibility()),
                             h ? h.textContent.trim().replace(/\u2019/g, "'") : null]; }""", ASIDE_ID)


@pytest.mark.skipif(ASIDE_PAGE is None, reason="no chapter 9")
def test_an_optional_aside_is_folded_opens_on_click_and_by_link(browser, server):
    visit = Visit(browser, server, f"{ASIDE_PAGE}.html")
    page = visit.page
    # Folded on load, its heading the summary; the page's contents still link to its id.
    assert aside_state(page) == [False, False, ASIDE_TITLE]
    assert page.locator(f".bd-sidebar-secondary a[href='#{ASIDE_ID}']").count() == 1
    summary = page.locator(f"#{ASIDE_ID} > details > summary")
    style = page.evaluate("(id) => getComputedStyle(document.getElementById(id)).borderLeftWidth", ASIDE_ID)
    assert style not in ("", "0px"), "the aside is not drawn as a box"
    # A click opens it and closes it again; so does the keyboard.
    summary.click()
    assert aside_state(page)[:2] == [True, True]
    summary.click()
    assert aside_state(page)[:2] == [False, False]
    summary.focus()
    page.keyboard.press("Enter")
    assert aside_state(page)[:2] == [True, True]
    assert visit.errors == [] and visit.failed == []
    visit.close()
    # Following a link to the aside opens it.
    visit = Visit(browser, server, f"{ASIDE_PAGE}.html#{ASIDE_ID}")
    assert aside_state(visit.page)[:2] == [True, True]
    visit.close()


@pytest.mark.skipif(ASIDE_PAGE is None, reason="no chapter 9")
def test_an_optional_aside_prints_open_in_place_and_folds_again(browser, server):
    visit = Visit(browser, server, f"{ASIDE_PAGE}.html")
    page = visit.page
    order = """(id) => [...document.querySelectorAll('article section[id]')].map(s => s.id).indexOf(id)"""
    where = page.evaluate(order, ASIDE_ID)
    page.emulate_media(media="print")
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    assert aside_state(page)[:2] == [True, True], "the aside is not printed open"
    assert page.evaluate(order, ASIDE_ID) == where, "the aside moved"
    assert page.evaluate(
        "(id) => !!document.getElementById(id).closest('.book-print-solutions')", ASIDE_ID) is False
    page.evaluate("window.dispatchEvent(new Event('afterprint'))")
    page.emulate_media(media="screen")
    assert aside_state(page)[:2] == [False, False], "the aside stays open after printing"
    assert visit.errors == []
    visit.close()


@pytest.mark.skipif(ASIDE_PAGE is None, reason="no chapter 9")
def test_without_javascript_an_optional_aside_is_readable_in_its_box(browser, server):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{server}/{ASIDE_PAGE}.html")
    assert page.locator(f"section.book-aside#{ASIDE_ID} .cell_input").first.is_visible()
    assert page.locator(f"#{ASIDE_ID} h3").first.inner_text().replace("\u2019", "'").startswith(ASIDE_TITLE)
    assert page.locator(f"#{ASIDE_ID} details").count() == 0, "folded without JavaScript"
    context.close()
