"""Two small fixes for the book's site, as a Sphinx extension (see `_config.yml`).

1. Jupyter Book 1 registers some inline scripts twice on every page; the second copy of
   sphinx-thebe's `const THEBE_JS_URL` is a JavaScript error. The book does not use thebe (it
   launches Colab instead), so its scripts are dropped and any other duplicate is removed.
2. The widget renderer (`@jupyter-widgets/html-manager`) typesets labels with the MathJax 2 API,
   which MathJax 3 lacks; `assets/scripts/mathjax2-shim.js` (the book's own) forwards those calls to MathJax 3.
"""


def _clean_scripts(app, pagename, templatename, context, doctree):
    scripts = context.get("script_files")
    if not scripts:
        return
    seen, kept = set(), []
    for script in scripts:
        body = script.attributes.get("body", "")
        if "THEBE_JS_URL" in body or "sphinx-thebe" in (script.filename or ""):
            continue
        key = (script.filename, body)
        if key in seen:
            continue
        seen.add(key)
        kept.append(script)
    scripts[:] = kept


def setup(app):
    app.add_js_file("scripts/mathjax2-shim.js", priority=100)
    app.connect("html-page-context", _clean_scripts, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
