"""Structure of the book: table of contents, notebooks, chapter skeleton (fast, no kernel)."""

import json
import re

import nbformat
import pytest
from conftest import ROOT, chapter_paths, read, toc_files

from booktools import SKELETON, colab, edition, lr_search, profile
from booktools.site import ASIDE_PREFIX
from booktools.widgets import WIDGET_STATE, WIDGET_VIEW

CHAPTERS = chapter_paths()

#: The one introduction of every chapter's exercises (the chapters hold it word for word).
EXERCISES_INTRO = (
    "Try each exercise in the empty cell under it. Where the answer is a number, a shape or a word, the\n"
    "cell's comment gives a line that checks it: `book.check` says whether your answer is right without\n"
    "giving it away. Each solution, its code and its output, stays hidden until you open it (in the PDF,\n"
    "the solutions come at the end of the chapter)."
)


def ids(paths):
    return [p.stem for p in paths]


def code_cells(nb):
    return [c for c in nb.cells if c.cell_type == "code"]


def headings(nb, level):
    marker = "#" * level + " "
    return [
        line[len(marker):].strip()
        for c in nb.cells
        if c.cell_type == "markdown"
        for line in c.source.splitlines()
        if line.startswith(marker)
    ]


def test_there_are_chapters():
    assert CHAPTERS, "no notebooks in notebooks/"


def test_toc_lists_exactly_the_existing_pages():
    listed = toc_files()
    for entry in listed:
        assert any((ROOT / f"{entry}{ext}").is_file() for ext in (".md", ".ipynb")), f"{entry} missing"
    chapters = [f"notebooks/{p.stem}" for p in CHAPTERS]
    assert [e for e in listed if e.startswith("notebooks/")] == chapters, (
        "_toc.yml must list every notebook in notebooks/, in file-name order"
    )


#: Chapter 0 (tensors) has no model and chapter 1 the first one: neither has a "What changed".
FIRST = ("00", "01")
LATER = [p for p in CHAPTERS if not p.stem.startswith(FIRST)]


@pytest.mark.parametrize("path", LATER, ids=ids(LATER))
def test_what_changed_shows_a_diff(path):
    nb = read(path)
    text = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    assert "```diff" in text


def exercise_cells(nb):
    """The cells between "## Exercises" and "## Summary"."""
    start = next(i for i, c in enumerate(nb.cells) if c.cell_type == "markdown" and "## Exercises" in c.source)
    end = next(i for i, c in enumerate(nb.cells) if c.cell_type == "markdown" and "## Summary" in c.source)
    return nb.cells[start + 1:end]


def code_lines(nb):
    return {line.strip() for c in code_cells(nb) for line in c.source.splitlines() if line.strip()}


@pytest.mark.parametrize("path", LATER, ids=ids(LATER))
def test_what_changed_diff_matches_the_code(path):
    # Every `+` line of the diff is in this chapter's code, every `-` line in the previous one's.
    previous = CHAPTERS[CHAPTERS.index(path) - 1]
    nb = read(path)
    text = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    here, before = code_lines(nb), code_lines(read(previous))
    changed, wrong = 0, []
    for block in re.findall(r"```diff\n(.*?)```", text, re.S):
        for line in block.splitlines():
            sign, body = line[:1], line[1:].strip()
            if line.startswith(("+++", "---")) or sign not in "+-" or not body:
                continue
            changed += 1
            if body not in (here if sign == "+" else before):
                wrong.append(line)
    assert changed, "the diff shows no changed line"
    assert wrong == [], f"diff lines not in the code of {path.stem if wrong[0][0] == '+' else previous.stem}"


@pytest.mark.parametrize("path", CHAPTERS, ids=ids(CHAPTERS))
class TestChapter:
    def test_valid_nbformat(self, path):
        nbformat.validate(read(path))

    def test_executed_top_to_bottom_in_one_run(self, path):
        counts = [c.execution_count for c in code_cells(read(path))]
        assert None not in counts, "some code cells were never executed"
        assert counts == list(range(1, len(counts) + 1)), "re-execute with scripts/execute.py"

    def test_no_cell_raises(self, path):
        # Colab's Run all stops at the first error whatever the tags say: a deliberate error is
        # shown with `book.expect_error`, which prints it and lets the notebook go on.
        for i, cell in enumerate(code_cells(read(path))):
            assert "raises-exception" not in cell.metadata.get("tags", []), (
                f"code cell {i} is tagged raises-exception: use `with book.expect_error(...)` instead"
            )
            assert not [o for o in cell.outputs if o.output_type == "error"], f"code cell {i} raised"

    def test_widget_state_stored_for_every_widget_shown(self, path):
        nb = read(path)
        shown = [
            o.data[WIDGET_VIEW]["model_id"]
            for c in code_cells(nb)
            for o in c.outputs
            if WIDGET_VIEW in o.get("data", {})
        ]
        assert shown, "every chapter shows an interactive loss plot"
        state = nb.metadata.get("widgets", {}).get(WIDGET_STATE, {}).get("state", {})
        missing = [m for m in shown if m not in state]
        assert not missing, "widget state not stored (execute with scripts/execute.py)"

    def test_explorer_plots_drawn_by_the_current_explorer(self, path):
        # nbval does not compare widget state: a chapter not re-executed after the explorer's
        # drawing changed would keep the old plots on the site.
        from book.explorer import RENDER_VERSION

        state = json.dumps(read(path).metadata.get("widgets", {}))
        images = re.findall(r"<img src=\\\"data:image/png[^>]*>", state)
        assert images, "no explorer plot stored"
        stale = [i for i in images if f'data-render=\\"{RENDER_VERSION}\\"' not in i]
        assert not stale, (f"{len(stale)} of {len(images)} plots drawn by an older explorer: "
                           f"python scripts/execute.py notebooks/{path.name}")

    def test_no_absolute_home_paths_in_outputs(self, path):
        outputs = json.dumps([c.outputs for c in code_cells(read(path))])
        assert not re.search(r"/(root|home|Users)/", outputs)

    def test_figures_have_alt_text(self, path):
        for i, cell in enumerate(code_cells(read(path))):
            if any("image/png" in o.get("data", {}) for o in cell.outputs):
                alt = cell.metadata.get("mystnb", {}).get("image", {}).get("alt", "")
                assert len(alt) > 20, f"code cell {i} draws a figure without alt text"

    def test_title_and_promise(self, path):
        nb = read(path)
        number = int(path.stem[:2])
        first = nb.cells[0]
        assert first.cell_type == "markdown"
        assert first.source.startswith(f"# {number}. ")
        assert "**After this chapter**" in first.source

    def test_skeleton_sections_in_order(self, path):
        found = headings(read(path), 2)
        expected = SKELETON if path.stem.startswith(FIRST) else ["What changed"] + SKELETON
        positions = []
        for name in expected:
            matches = [i for i, h in enumerate(found) if h.startswith(name)]
            assert matches, f"section '## {name}' missing"
            positions.append(matches[0])
        assert positions == sorted(positions), f"sections out of order: {found}"

    def test_exercises_have_attempts_and_solutions_hidden_everywhere(self, path):
        # Per exercise: a prompt, an attempt cell of comments only, then the solution, hidden as
        # each front end shows a notebook: JupyterLab collapses its code and its output
        # (source_hidden, outputs_hidden); Colab folds the code of a titled form (cellView) and
        # opens the copy in colab/, which stores no output under a solution (test below); the
        # site folds code and output behind a toggle named for the solution (hide-cell,
        # code_prompt_show); the PDF prints solutions at the chapter's end (tests/test_pdf.py).
        cells = exercise_cells(read(path))
        solutions = [c for c in cells if colab.is_solution(c)]
        assert 2 <= len(solutions) <= 4, f"{len(solutions)} exercises"
        for k, solution in enumerate(solutions, start=1):
            where = f"exercise {k}"
            assert solution.source.splitlines()[0] == f"# @title Solution to exercise {k}", where
            assert solution.metadata.get("jupyter") == {"source_hidden": True, "outputs_hidden": True}, (
                f"{where}: JupyterLab must show neither the solution's code nor its output"
            )
            assert solution.metadata.get("cellView") == "form", where
            assert solution.metadata.get("mystnb", {}).get("code_prompt_show") == f"Solution to exercise {k}", (
                f"{where}: the site's toggle says what it hides"
            )
            attempt = cells[cells.index(solution) - 1]
            assert attempt.cell_type == "code" and attempt.source.startswith(f"# Your attempt at exercise {k}."), (
                f"{where}: an attempt cell must come right before the solution"
            )
            assert all(line.lstrip().startswith("#") for line in attempt.source.splitlines() if line.strip()), (
                f"{where}: the attempt cell holds comments only (room for the reader's code)"
            )
            assert attempt.outputs == [], f"{where}: the attempt cell shows nothing"
            prompt = cells[cells.index(attempt) - 1]
            assert prompt.cell_type == "markdown" and prompt.source.startswith(f"**Exercise {k}.**"), where
        # No solution anywhere else in the chapter.
        assert sum(colab.is_solution(c) for c in read(path).cells) == len(solutions)

    def test_the_colab_copy_is_current_and_shows_no_solution_output(self, path):
        # What the site's Colab button opens (booktools/site.py): colab/<chapter>, written by
        # scripts/execute.py. It must be exactly what booktools.colab.reader_copy makes of the chapter.
        copy_path = colab.copy_path(path)
        assert copy_path.is_file(), f"no Colab copy: run python scripts/execute.py --copies-only {path}"
        stored = nbformat.read(copy_path, as_version=4)
        assert stored == colab.reader_copy(read(path)), (
            f"{copy_path.name} is out of date: python scripts/execute.py --copies-only"
        )
        shown = [c.source.splitlines()[0] for c in stored.cells if colab.is_solution(c) and c.outputs]
        assert shown == [], f"Colab would show the output of {shown}"
        visible = [c.source.splitlines()[0] for c in stored.cells
                   if colab.is_solution(c) and c.metadata.get("cellView") != "form"]
        assert visible == [], f"Colab would show the code of {visible}"

    def test_exercises_start_with_the_books_one_introduction(self, path):
        nb = read(path)
        heading = next(c for c in nb.cells if c.cell_type == "markdown" and c.source.startswith("## Exercises"))
        assert heading.source == "## Exercises\n\n" + EXERCISES_INTRO

    def test_self_checks_use_this_chapters_answer_keys(self, path):
        # Every `book.check("N.k", ...)` names this chapter and an existing key, each key is used
        # by a solution, and an attempt cell tells the reader the call.
        from book import exercises

        number = int(path.stem[:2])
        nb = read(path)
        called = re.findall(r'book\.check\("([^"]+)"', "\n".join(c.source for c in code_cells(nb)))
        keys = exercises._chapter_keys(number)
        assert all(k.split(".")[0] == str(number) for k in called), called
        assert set(called) == set(keys), f"keys {sorted(keys)} but checks {sorted(set(called))}"
        for cell in code_cells(nb):
            for key in re.findall(r'book\.check\("([^"]+)"', cell.source):
                if "hide-cell" in cell.metadata.get("tags", []):
                    attempts = [c.source for c in code_cells(nb) if c.source.startswith("# Your attempt")]
                    assert any(f'"{key}"' in a for a in attempts), (
                        f"exercise {key}: the attempt cell should tell the reader how to check the answer"
                    )
                    assert "✓ Exercise" in "".join(o.get("text", "") for o in cell.outputs), (
                        f"exercise {key}: the stored solution does not pass its own self-check"
                    )

    def test_colab_cell_installs_this_releases_package(self, path):
        # `scripts/execute.py --copies-only` writes the line after a version change.
        first_code = code_cells(read(path))[0].source
        assert '"google.colab" in sys.modules' in first_code
        assert edition.install_line() in first_code.split("\n"), "the Colab cell installs the tag of this version"
        assert code_cells(read(path))[0].outputs == []

    def test_setup_cell_seeds(self, path):
        setup = code_cells(read(path))[1].source
        assert "book.seed_everything(" in setup and "book.use_style()" in setup

    def test_setup_cell_computes_in_the_profiles_dtype(self, path):
        # The stored outputs hold on every CPU only in float64 (booktools/profile.py).
        setup = code_cells(read(path))[1].source
        assert f"torch.set_default_dtype(torch.{profile.DTYPE})" in setup
        # ... and says so honestly (issue 17): the book's choice; real projects train in float32.
        comment = " ".join(line.lstrip("# ") for line in setup.splitlines() if line.startswith("#"))
        assert "this book's choice" in comment and "real projects train in float32" in comment, comment

    def test_no_float32_leftovers(self, path):
        # float32 appears only where a chapter shows it on purpose, with a comment saying so;
        # a bare `dtype=torch.float32` for data would undo float64.
        for i, cell in enumerate(code_cells(read(path))):
            for line in cell.source.splitlines():
                code, _, comment = line.partition("#")
                if "float32" in code or ".float()" in code:
                    assert "float32" in comment, (
                        f"code cell {i}: `{line.strip()}` computes in float32; the book computes in "
                        "float64 (say why in a comment where it is on purpose)"
                    )


#: An optional aside (issue 18): a `###` section whose heading has exactly this form. The site
#: folds it (booktools/site.py, assets/scripts/asides.js); its first paragraph tells the reader
#: that a first reading can skip it.
ASIDE_HEADING = re.compile("### " + re.escape(ASIDE_PREFIX) + r" \S.*")
ASIDE_SKIP = "a first reading can skip it"


def markdown_blocks(nb):
    """(cell index, heading line or None, paragraphs): the markdown outside code fences, cut into
    paragraphs; a heading line is a block of its own."""
    blocks = []
    for i, cell in enumerate(nb.cells):
        if cell.cell_type != "markdown":
            continue
        fenced, paragraph = False, []
        for line in cell.source.splitlines() + [""]:
            if line.lstrip().startswith(("```", "~~~")):
                fenced = not fenced
            if not fenced and re.match(r"#{1,6} ", line):
                if paragraph:
                    blocks.append((i, None, " ".join(paragraph)))
                blocks.append((i, line, None))
                paragraph = []
            elif line.strip() or fenced:
                paragraph.append(line.strip())
            elif paragraph:
                blocks.append((i, None, " ".join(paragraph)))
                paragraph = []
    return blocks


@pytest.mark.parametrize("path", CHAPTERS, ids=ids(CHAPTERS))
def test_optional_asides_have_the_form_and_say_they_can_be_skipped(path):
    blocks = markdown_blocks(read(path))
    for n, (cell, heading, _) in enumerate(blocks):
        if heading is None or not re.match(r"#+ +going deeper", heading, re.I):
            continue
        assert ASIDE_HEADING.fullmatch(heading.rstrip()), (
            f"cell {cell}: {heading!r}: an aside's heading is '### Going deeper (optional): <what>'"
        )
        first = next((text for _, h, text in blocks[n + 1:n + 2] if h is None), "")
        assert ASIDE_SKIP in " ".join(first.split()), (
            f"cell {cell}: the first paragraph of {heading!r} does not say that {ASIDE_SKIP!r}: {first[:120]!r}"
        )


def test_the_deep_dives_of_chapters_8_and_9_are_asides():
    # Issue 18: the BCE rounding analysis and Adam's step sizes leave the main path.
    expected = {"08": ["why the sigmoid belongs in the loss"], "09": ["how large are Adam's steps?"]}
    for path in CHAPTERS:
        for what in expected.get(path.stem[:2], []):
            assert f"Going deeper (optional): {what}" in headings(read(path), 3), f"{path.stem}: {what}"


#: Chapters from this one on have a "this training loop has a bug" exercise (issue 17).
FIND_THE_BUG_FROM = 6


@pytest.mark.parametrize("path", [p for p in CHAPTERS if int(p.stem[:2]) >= FIND_THE_BUG_FROM],
                         ids=ids([p for p in CHAPTERS if int(p.stem[:2]) >= FIND_THE_BUG_FROM]))
def test_one_find_the_bug_exercise_whose_fix_is_checked(path):
    # The prompt shows the buggy loop as code (the attempt cell stays empty); the solution's
    # self-check verifies the fixed loop's result.
    cells = exercise_cells(read(path))
    prompts = [c for c in cells if c.cell_type == "markdown" and c.source.startswith("**Exercise")
               and "bug" in c.source.lower() and "```python" in c.source]
    assert len(prompts) == 1, f"{len(prompts)} find-the-bug exercises"
    k = int(re.match(r"\*\*Exercise (\d+)\.\*\*", prompts[0].source).group(1))
    solution = next(c for c in cells if c.source.startswith(f"# @title Solution to exercise {k}\n"))
    assert "book.check(" in solution.source, "the fixed loop's result is checked"
    assert "backward()" in prompts[0].source or "step()" in prompts[0].source, "the prompt shows a training loop"


def test_at_most_two_exercises_count_parameters():
    # Counting parameters teaches once or twice, not six times.
    counting = [f"{p.stem} {c.source.splitlines()[0]}" for p in CHAPTERS for c in read(p).cells
                if colab.is_solution(c) and "numel()" in c.source]
    assert len(counting) <= 2, counting


def test_every_glossary_term_is_linked_from_a_chapter():
    # A term in the glossary that no chapter links is a definition the reader never meets.
    glossary = (ROOT / "pages" / "glossary.md").read_text()
    block = re.search(r"```\{glossary\}\n(.*?)```", glossary, re.S).group(1)
    terms = [line.strip() for line in block.splitlines() if line and not line[0].isspace()]
    linked = set()
    for path in CHAPTERS:
        text = "\n".join(c.source for c in read(path).cells if c.cell_type == "markdown")
        for role in re.findall(r"\{term\}`([^`]+)`", text):
            target = re.search(r"<([^>]+)>$", role)
            linked.add((target.group(1) if target else role).strip().lower())
    assert terms, "no glossary terms found"
    assert [t for t in terms if t.lower() not in linked] == []


def test_readme_states_the_pythons_of_pyproject():
    import tomllib

    classifiers = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["classifiers"]
    declared = [c.rsplit(" :: ", 1)[1] for c in classifiers
                if re.fullmatch(r"Programming Language :: Python :: 3\.\d+", c)]
    stated = re.search(r"\*\*Python ([0-9., or]+)\*\*", (ROOT / "README.md").read_text())
    assert stated, "the README's 'What the commands need' names the supported Pythons in bold"
    assert re.findall(r"3\.\d+", stated.group(1)) == declared


def test_readme_and_intro_list_the_chapters_of_the_toc():
    chapters = [f for f in toc_files() if f.startswith("notebooks/")]
    readme = re.findall(r"^\| \d+ \| \[[^]]+\]\((notebooks/[^)]+)\.ipynb\) \|", (ROOT / "README.md").read_text(), re.M)
    intro = re.findall(r"\{doc\}`\.\./(notebooks/[^`]+)`", (ROOT / "pages" / "intro.md").read_text())
    assert readme == chapters, "README's chapter table must list _toc.yml's chapters, in order"
    assert intro == chapters, "the intro's chapter list must list _toc.yml's chapters, in order"


def workflow(name):
    import yaml

    return yaml.safe_load((ROOT / ".github" / "workflows" / name).read_text())


def test_the_colab_check_runs_on_colabs_python():
    readme = (ROOT / "README.md").read_text()
    job = workflow("book.yml")["jobs"]["colab-check"]
    setup = next(step for step in job["steps"] if step.get("uses", "").startswith("actions/setup-python"))
    assert colab.PYTHON in setup["with"]["python-version"].split(), "the Colab check needs Colab's Python"
    assert f"Colab's Python ({colab.PYTHON})" in readme, "README: Colab's Python is booktools.colab.PYTHON"
    assert "python scripts/colab_check.py" in (ROOT / ".ci" / "run").read_text()


def test_every_job_has_a_timeout():
    for name in ("book.yml", "drift.yml"):
        for job_name, job in workflow(name)["jobs"].items():
            assert isinstance(job.get("timeout-minutes"), int), f"{name}: job {job_name} has no timeout-minutes"


def test_nbval_runs_on_every_platform_and_every_supported_python():
    import tomllib

    classifiers = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["classifiers"]
    declared = [c.rsplit(" ", 1)[-1] for c in classifiers if c.startswith("Programming Language :: Python :: 3.")]
    jobs = workflow("book.yml")["jobs"]
    runs = [(entry["os"], entry["python"]) for entry in jobs["nbval"]["strategy"]["matrix"]["include"]]
    runs.append((jobs["test-and-build"]["runs-on"], "3.11"))
    assert "python -m pytest notebooks" in str(jobs["nbval"]["steps"])
    linux = {python for os_name, python in runs if os_name.startswith("ubuntu") and not os_name.endswith("-arm")}
    assert linux == set(declared), "nbval runs on Linux with every supported Python"
    for platform in ("ubuntu-24.04-arm", "macos-", "windows-"):
        assert any(os_name.startswith(platform) for os_name, _ in runs), f"no nbval job on {platform}"


def test_one_version_in_pyproject_changelog_citation_and_package():
    import importlib.metadata

    import yaml

    version = edition.version()
    first = re.search(r"^## (\S+) \((\d{4}-\d\d-\d\d)\)", (ROOT / "CHANGELOG.md").read_text(), re.M)
    assert first and first[1] == version, "CHANGELOG.md's first section is this version's"
    citation = yaml.safe_load((ROOT / "CITATION.cff").read_text())
    assert str(citation["version"]) == version == str(citation["preferred-citation"]["version"])
    assert str(citation["date-released"]) == first[2], "CITATION.cff's date is the changelog's"
    assert importlib.metadata.version("book") == version, "pip install -r requirements.txt refreshes the package"
    notes = edition.changelog_notes(version)  # the release's notes: this section, nothing of the next
    assert notes.strip() and not re.search(r"^## ", notes, re.M)


def test_ruff_finds_nothing():
    # The package, tooling, scripts, tests and the chapters' code cells ([tool.ruff] in pyproject.toml).
    import subprocess
    import sys

    result = subprocess.run([sys.executable, "-m", "ruff", "check", "--no-cache", "."], cwd=ROOT,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout[-3000:]


def test_the_learning_rate_search_marks_the_lowest_median_validation_loss():
    rows = [{"setting": "s", "network": "N", "lr": lr, "loss": loss, "accuracies": [0.9, 0.91, 0.92, 0.93, 0.94]}
            for lr, loss in [(0.003, 0.5), (0.01, 0.2), (0.03, 0.7)]]
    lines = lr_search.table(rows).splitlines()
    assert lines[3] == "| s | N | 0.01 | 0.200 | 90.0 %, 92.0 %, 94.0 % | yes |"
    assert [line.endswith("| yes |") for line in lines[2:]] == [False, True, False]


def test_chapter_12_uses_the_learning_rate_its_search_table_chose():
    """The table is the script's output (`.ci/run` re-runs the search with --check); here: the
    chapter shows one choice per (setting, network), the lowest median validation loss, and its
    code trains with that choice."""
    table = lr_search.chapter_table()
    rows = [[cell.strip() for cell in line.strip("|").split("|")] for line in table.splitlines()[2:]]
    assert len(rows) == 4 * len(lr_search.CANDIDATES), "one row per (setting, network) and candidate"
    chosen = {}
    for setting, network in {(row[0], row[1]) for row in rows}:
        group = [row for row in rows if (row[0], row[1]) == (setting, network)]
        best = min(group, key=lambda row: float(row[3]))
        assert [row[5] for row in group].count("yes") == 1 and best[5] == "yes", (setting, network)
        chosen[setting, network] = float(best[2])
    nb = read(ROOT / "notebooks" / "12_cnn.ipynb")
    assignments = [re.fullmatch(r"lr = ([0-9.]+)(  # .*)?", cell.source.strip()) for cell in nb.cells
                   if cell.cell_type == "code"]
    assignments = [match for match in assignments if match]
    assert len(assignments) == 1, "chapter 12 sets its learning rate in a cell of its own, `lr = ...`"
    lr = float(assignments[0].group(1))
    assert set(chosen.values()) == {lr}, f"chapter 12 trains with lr = {lr}, the search chose {chosen}"


def test_booktools_readme_names_every_module():
    """booktools/README.md is the map of the tooling: a module it does not name is one nobody finds."""
    readme = (ROOT / "booktools" / "README.md").read_text()
    modules = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "booktools").rglob("*.py"))
    unnamed = [m for m in modules if f"`{m}`" not in readme and f"`{m.rsplit('/', 1)[-1]}`" not in readme]
    assert modules and unnamed == [], f"booktools/README.md does not name {unnamed}"
