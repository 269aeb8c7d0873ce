"""The tooling package: widget models named by content, the execution profile."""

import copy
import os
import uuid

import nbformat
import pytest

from booktools import profile
from booktools.widgets import WIDGET_STATE, WIDGET_VIEW, content_names, name_models_by_content


def model(name, **state):
    return {"model_name": name, "model_module": "@jupyter-widgets/controls",
            "model_module_version": "2.0.0", "state": state}


def small_notebook(ids):
    """A slider and an HTML plot in a box, two layouts with identical content, a jslink."""
    box, slider, html, lay1, lay2, link = ids
    state = {
        lay1: model("LayoutModel", width="400px"),
        lay2: model("LayoutModel", width="400px"),
        slider: model("SelectionSliderModel", description="lr", layout=f"IPY_MODEL_{lay1}"),
        html: model("HTMLModel", value="<img>", layout=f"IPY_MODEL_{lay2}"),
        box: model("VBoxModel", children=[f"IPY_MODEL_{slider}", f"IPY_MODEL_{html}"]),
        link: model("LinkModel", source=[f"IPY_MODEL_{slider}", "index"], target=[f"IPY_MODEL_{html}", "x"]),
    }
    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("explorer", id="explorer-cell")
    cell.outputs = [nbformat.v4.new_output("display_data", data={
        "text/plain": "explorer", WIDGET_VIEW: {"version_major": 2, "version_minor": 0, "model_id": box}})]
    nb.cells = [cell]
    nb.metadata["widgets"] = {WIDGET_STATE: {"state": state, "version_major": 2, "version_minor": 0}}
    return nb


def random_ids():
    return [uuid.uuid4().hex for _ in range(6)]


def test_same_widgets_with_other_random_ids_give_the_same_bytes():
    a, b = small_notebook(random_ids()), small_notebook(random_ids())
    assert nbformat.writes(a) != nbformat.writes(b)
    name_models_by_content(a)
    name_models_by_content(b)
    assert nbformat.writes(a) == nbformat.writes(b)


def test_naming_keeps_every_reference_valid_and_tells_identical_models_apart():
    nb = small_notebook(random_ids())
    name_models_by_content(nb)
    state = nb.metadata["widgets"][WIDGET_STATE]["state"]
    assert len(state) == 6, "two models with the same content must keep two names"
    text = nbformat.writes(nb)
    for model_id in state:
        assert len(model_id) == 32
    shown = nb.cells[0].outputs[0].data[WIDGET_VIEW]["model_id"]
    assert shown in state and state[shown]["model_name"] == "VBoxModel"
    for ref in state[shown]["state"]["children"]:
        assert ref.removeprefix("IPY_MODEL_") in state
    assert text.count("IPY_MODEL_") == 6


def test_naming_is_idempotent():
    nb = small_notebook(random_ids())
    name_models_by_content(nb)
    once = nbformat.writes(nb)
    name_models_by_content(nb)
    assert nbformat.writes(nb) == once


def test_a_changed_model_renames_itself_and_its_users():
    ids = random_ids()
    a, b = small_notebook(ids), small_notebook(ids)
    b.metadata["widgets"][WIDGET_STATE]["state"][ids[2]]["state"]["value"] = "<img changed>"
    names_a = content_names(a.metadata["widgets"][WIDGET_STATE]["state"])
    names_b = content_names(b.metadata["widgets"][WIDGET_STATE]["state"])
    changed = {m for m in ids if names_a[m] != names_b[m]}
    box, slider, html, lay1, lay2, link = ids
    # the HTML and its users (box, link) get new names, so a stale reference cannot survive
    assert {html, box, link} <= changed


def test_profile_environment_and_thread_override():
    env = profile.environment()
    assert env["OMP_NUM_THREADS"] == "1" and env["PYTHONHASHSEED"] == "0"
    assert profile.environment(threads=2)["OMP_NUM_THREADS"] == "2"
    with pytest.raises(ValueError, match="positive int"):
        profile.environment(threads=0)


def test_profile_is_applied_in_this_session_and_summarised():
    # booktools/pytest_plugin.py applies it before any kernel starts
    for name, value in profile.ENV.items():
        assert os.environ.get(name) == value
    assert "float64" in profile.summary() and "OMP_NUM_THREADS=1" in profile.summary()


def test_naming_without_widget_state_changes_nothing():
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("1 + 1")]
    before = copy.deepcopy(nb)
    name_models_by_content(nb)
    assert nb == before


def test_icon_codepoints_reads_aliases_and_used_icons_reads_classes(tmp_path):
    from booktools import icons

    css = '.fa-sun:before{content:"\\f185"}.fa-pencil,.fa-pencil-alt:before{content:"\\f303"}.x{color:red}'
    assert icons.icon_codepoints(css) == {"fa-sun": 0xF185, "fa-pencil-alt": 0xF303}
    (tmp_path / "a.html").write_text('<i class="fa-solid fa-sun"></i><span class="other">')
    assert icons.used_icons(tmp_path) == {"fa-solid", "fa-sun"} | icons.SCRIPT_ICONS


def test_the_check_record_names_this_environment_and_is_ignored_elsewhere(tmp_path, monkeypatch):
    from booktools import edition

    monkeypatch.setattr(edition, "CHECK_RECORD", tmp_path / "nbval-passed.json")
    monkeypatch.delenv(edition.CHECKING_RUN, raising=False)  # as in a build outside a test run
    assert edition.last_check() is None
    assert "nbval did not check them" in edition.outputs_sentence()
    record = edition.record_check(13)
    assert edition.last_check() == record
    sentence = edition.outputs_sentence()
    assert f"last checked by nbval on {record['date']}" in sentence and f"PyTorch {record['PyTorch']}" in sentence
    assert edition.footer().startswith(f"<p>Version {edition.version()}. ")
    other = {**record, "PyTorch": "0.0.1"}  # made in another environment: not this build's check
    edition.CHECK_RECORD.write_text(__import__("json").dumps(other))
    assert edition.last_check() is None


def test_the_install_line_names_this_release():
    import nbformat

    from booktools import edition

    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(
        'import sys\n\nif "google.colab" in sys.modules:\n    %pip install --quiet "git+https://x/y@main"')])
    assert edition.set_install_line(nb) is True
    assert nb.cells[0].source.endswith(f'@v{edition.version()}"') and edition.set_install_line(nb) is False


def test_release_notes_are_the_versions_section():
    import pytest

    from booktools import edition

    assert "first tagged release" in edition.changelog_notes(edition.version())
    with pytest.raises(ValueError, match="no section for version 0.0.1"):
        edition.changelog_notes("0.0.1")


def test_budgets_name_existing_chapters_and_resolve_every_figure():
    from booktools import budgets, chapter_paths

    stems = {path.stem for path in chapter_paths()}
    assert set(budgets.CHAPTER_S_BY_NAME) <= stems, "a chapter budget names a chapter that does not exist"
    assert budgets.budget("chapter:12_cnn") == budgets.CHAPTER_S_BY_NAME["12_cnn"]
    assert budgets.budget("chapter:03_leaky_relu") == budgets.CHAPTER_S
    assert budgets.budget("suite_s") == budgets.SUITE_S


def test_a_checking_run_names_itself_on_the_pages_it_builds(monkeypatch):
    from booktools import edition

    monkeypatch.setenv(edition.CHECKING_RUN, "2030-01-02")
    sentence = edition.outputs_sentence()
    assert "checked by nbval on 2030-01-02" in sentence and "in the test run that built this page" in sentence


def test_dispatch_configurations_run_every_level_up_to_the_cpus_best_then_two_threads():
    from booktools.dispatch import configurations

    names = [(c["name"], c["env"]) for c in configurations("AVX512")]
    assert names == [
        ("default, 1 thread", {"ATEN_CPU_CAPABILITY": "default", "MKL_CBWR": "COMPATIBLE"}),
        ("avx2, 1 thread", {"ATEN_CPU_CAPABILITY": "avx2", "MKL_CBWR": "AVX2"}),
        ("avx512, 1 thread", {"ATEN_CPU_CAPABILITY": "avx512", "MKL_CBWR": "AVX512"}),
        ("avx512, 2 threads", {"ATEN_CPU_CAPABILITY": "avx512", "MKL_CBWR": "AVX512"}),
    ]
    arm = ["default, 1 thread", "sve256, 1 thread", "sve256, 2 threads"]
    assert [c["name"] for c in configurations("SVE256")] == arm
    assert [c["threads"] for c in configurations("DEFAULT")] == [1, 2]


def test_dispatch_compare_names_a_cell_whose_text_differs_between_runs():
    from booktools.dispatch import compare, observe

    def chapter(printed, png="iVBOR"):
        nb = nbformat.v4.new_notebook()
        nb.cells = [nbformat.v4.new_code_cell("print(1)", outputs=[nbformat.v4.new_output("stream", text="1\n")]),
                    nbformat.v4.new_code_cell("x", outputs=[nbformat.v4.new_output(
                        "execute_result", data={"text/plain": printed, "image/png": png}, execution_count=2)])]
        return {"seconds": 1.0, **observe(nb)}

    same = compare([chapter("0.1234"), chapter("0.1234")])
    assert same["fragile_cells"] == [] and same["pictures_differ"] == [] and same["examples"] == {}
    differ = compare([chapter("0.1234"), chapter("0.1234"), chapter("0.1235", png="iVBOx")])
    assert differ["fragile_cells"] == [1] and differ["pictures_differ"] == [1]
    assert len(differ["examples"][1]) == 2 and "0.1235" in differ["examples"][1][1]
    assert differ["explorer_state_differs"] is False
