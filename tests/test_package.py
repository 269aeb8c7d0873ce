"""Unit tests of the companion package `book`."""

import math
import random

import ipywidgets as widgets
import matplotlib as mpl
import numpy as np
import pytest
import torch

import book
from book import explorer as explorer_module


def decreasing(lr):
    return [1.0 / (1 + lr * step) for step in range(20)]


# ------------------------------------------------------------------ seeding
def test_seed_everything_repeats_every_generator():
    book.seed_everything(3)
    first = (random.random(), np.random.rand(), torch.rand(1).item())
    book.seed_everything(3)
    assert (random.random(), np.random.rand(), torch.rand(1).item()) == first
    assert torch.are_deterministic_algorithms_enabled()


@pytest.mark.parametrize("bad", ["0", 1.5, True, None])
def test_seed_everything_rejects_non_integers(bad):
    with pytest.raises(TypeError, match="seed must be an int"):
        book.seed_everything(bad)


def test_seed_everything_sets_the_thread_count_only_when_asked():
    before = torch.get_num_threads()
    try:
        book.seed_everything(0, threads=2)
        assert torch.get_num_threads() == 2
        book.seed_everything(0)
        assert torch.get_num_threads() == 2
        book.seed_everything(0, threads=1)
        assert torch.get_num_threads() == 1
    finally:
        torch.set_num_threads(before)


def test_preserved_state_restores_generators_dtype_and_determinism():
    book.seed_everything(5)
    torch.use_deterministic_algorithms(False)
    expected = (random.random(), np.random.rand(), torch.rand(1).item())
    book.seed_everything(5)
    torch.use_deterministic_algorithms(False)
    with book.seeding.preserved_state():
        book.seed_everything(99)
        torch.set_default_dtype(torch.float16)
        torch.use_deterministic_algorithms(True)
        random.random(), np.random.rand(), torch.rand(3)
    assert torch.get_default_dtype() == torch.float32
    assert not torch.are_deterministic_algorithms_enabled()
    assert (random.random(), np.random.rand(), torch.rand(1).item()) == expected
    torch.use_deterministic_algorithms(True)


@pytest.mark.parametrize("bad, error", [(0, ValueError), (1.0, TypeError), (True, TypeError)])
def test_seed_everything_rejects_bad_thread_counts(bad, error):
    with pytest.raises(error, match="threads must be"):
        book.seed_everything(0, threads=bad)


def test_seed_everything_rejects_out_of_range():
    with pytest.raises(ValueError, match="seed must be in"):
        book.seed_everything(-1)


# -------------------------------------------------------------------- style
def test_style_is_opaque_and_colour_blind_safe():
    with mpl.rc_context():
        book.use_style()
        assert mpl.rcParams["figure.facecolor"] == "white"
        assert mpl.rcParams["savefig.transparent"] is False
        colours = mpl.rcParams["axes.prop_cycle"].by_key()["color"]
        assert [c.upper() for c in colours] == [c.upper() for c in book.PALETTE]
    assert len(set(book.PALETTE)) == 8


# ----------------------------------------------------------------- explorer
def test_one_parameter_grid_trains_once_per_value_with_fresh_seed():
    seen = []

    def train(lr):
        seen.append((lr, torch.rand(1).item()))
        return decreasing(lr)

    explorer = book.LossExplorer(train, {"lr": [0.1, 0.2, 0.5]}, seed=7)
    assert [lr for lr, _ in seen] == [0.1, 0.2, 0.5]
    # Every run starts from the same seed, whatever the order of the grid.
    assert len({r for _, r in seen}) == 1
    assert len(explorer.images) == 3
    assert explorer.final_losses() == {(0.1,): decreasing(0.1)[-1], (0.2,): decreasing(0.2)[-1],
                                       (0.5,): decreasing(0.5)[-1]}
    assert explorer.best().params == {"lr": 0.5}


def test_explorer_leaves_generators_and_dtype_as_they_were():
    book.seed_everything(11)
    expected = (random.random(), np.random.rand(), torch.rand(1).item())
    book.seed_everything(11)
    dtypes = []

    def train(lr):
        dtypes.append(torch.get_default_dtype())
        torch.rand(5), np.random.rand(5), random.random()
        return decreasing(lr)

    book.LossExplorer(train, {"lr": [0.1, 0.2]})
    assert dtypes == [torch.float64, torch.float64], "every run computes in float64"
    assert torch.get_default_dtype() == torch.float32, "the notebook's dtype is restored"
    assert (random.random(), np.random.rand(), torch.rand(1).item()) == expected
    book.LossExplorer(train, {"lr": [0.1]}, dtype=torch.float32)
    assert dtypes[-1] == torch.float32


def test_explorer_rejects_a_dtype_that_is_not_floating_point():
    with pytest.raises(TypeError, match="floating-point torch dtype"):
        book.LossExplorer(decreasing, {"lr": [0.1]}, dtype=torch.int64)


def test_images_show_each_run_with_alt_text():
    explorer = book.LossExplorer(decreasing, {"lr": [0.1, 1.0]})
    assert all(img.startswith('<img src="data:image/png;base64,') for img in explorer.images)
    assert 'alt="Curve of the loss for learning rate = 0.1: final loss 0.345."' in explorer.images[0]
    assert explorer.images[0] != explorer.images[1]


def test_metric_names_what_train_returns():
    def train(lr):
        return [0.5, 0.2] if lr < 1 else [0.5, float("nan")]

    explorer = book.LossExplorer(train, {"lr": [0.1, 2.0]}, metric="validation error")
    assert explorer.table().splitlines()[0].split() == ["lr", "final", "validation", "error"]
    alt = 'alt="Curve of the validation error for learning rate = 0.1: final validation error 0.2."'
    assert alt in explorer.images[0]
    # x counts from 1 (start=1): the NaN at index 1 is epoch 2.
    assert "diverged at epoch 2: the validation error became inf or nan." in explorer.images[1]


@pytest.mark.parametrize("kwargs, error, message", [
    ({"metric": ""}, ValueError, "metric must name"),
    ({"metric": None}, TypeError, "metric must be a string"),
    ({"ylabel": 3}, TypeError, "ylabel must be a string"),
])
def test_labels_must_be_text(kwargs, error, message):
    with pytest.raises(error, match=message):
        book.LossExplorer(decreasing, {"lr": [0.1]}, **kwargs)


def test_two_parameter_table_and_repr():
    def train(lr, momentum):
        return [1.0, lr * momentum]

    explorer = book.LossExplorer(train, {"lr": [0.1, 1.0], "momentum": [0.0, 0.5]})
    # a loss of exactly 0 is below any rounding level too (another CPU may give 1e-30)
    assert explorer.table().splitlines() == [
        "lr \\ momentum            0   0.5",
        "          0.1  below 1e-12  0.05",
        "            1  below 1e-12   0.5",
    ]
    assert repr(explorer) == "LossExplorer(lr: 2 values, momentum: 2 values; 4 runs, 0 diverged)"
    bundle = explorer._repr_mimebundle_()
    assert bundle["text/plain"] == repr(explorer)
    assert bundle["application/vnd.jupyter.widget-view+json"]["model_id"] == explorer.widget.model_id


def test_diverged_runs_are_labelled_not_raised():
    def train(lr):
        return [1.0, 10.0, float("inf"), float("nan")] if lr > 1 else [1.0, 0.5, 0.25, 0.125]

    explorer = book.LossExplorer(train, {"lr": [0.1, 2.0]})
    diverged = explorer.runs[1]
    assert diverged.diverged and diverged.diverged_at == 2 and math.isnan(diverged.final_loss)
    assert "diverged at epoch 3" in explorer.images[1]
    alt = 'alt="Curve of the loss for learning rate = 2: diverged at epoch 3: the loss became inf or nan."'
    assert alt in explorer.images[1]
    assert explorer.table().splitlines()[-1].split() == ["2", "diverged"]
    assert "1 diverged" in repr(explorer)


def test_every_run_diverged_still_draws_but_has_no_best():
    explorer = book.LossExplorer(lambda lr: [float("nan")], {"lr": [1.0]})
    assert "diverged at epoch 1" in explorer.images[0]
    with pytest.raises(ValueError, match="every run diverged"):
        explorer.best()


def test_accepts_tensors_and_lists_of_scalar_tensors():
    a = book.LossExplorer(lambda lr: torch.tensor([1.0, lr]), {"lr": [0.5]})
    b = book.LossExplorer(lambda lr: [torch.tensor(1.0), torch.tensor(lr)], {"lr": [0.5]})
    assert a.final_losses() == b.final_losses() == {(0.5,): 0.5}


def test_categorical_values():
    explorer = book.LossExplorer(lambda opt: [1.0, 0.1 if opt == "Adam" else 0.5],
                                 {"opt": ["SGD", "Adam"]})
    assert explorer.table().splitlines()[1:] == [" SGD         0.5", "Adam         0.1"]


def test_ipywidgets8_links_sliders_to_stacks_in_the_browser():
    explorer = book.LossExplorer(lambda a, b: [a + b], {"a": [1.0, 2.0, 3.0], "b": [0.0, 1.0]})
    outer = explorer.widget.children[-1]
    assert isinstance(outer, widgets.Stack) and len(outer.children) == 3
    assert all(isinstance(inner, widgets.Stack) and len(inner.children) == 2 for inner in outer.children)
    ends = {(link.source[0].description, link.source[1], link.target[1]) for link in explorer.links}
    assert ends == {("a", "index", "selected_index"), ("b", "index", "selected_index")}
    assert len(explorer.links) == 1 + 3  # slider a -> outer stack, slider b -> each inner stack
    assert all(isinstance(link, widgets.jslink.__globals__["Link"]) for link in explorer.links)


def test_ipywidgets7_fallback_swaps_the_plot_from_the_kernel(monkeypatch):
    # Colab's ipywidgets 7.7.1 has no Stack: the kernel swaps the plot instead.
    monkeypatch.delattr(widgets, "Stack")
    explorer = book.LossExplorer(lambda a, b: [a * 10 + b], {"a": [1.0, 2.0], "b": [0.0, 1.0, 2.0]})
    view = explorer.widget.children[-1]
    assert isinstance(view, widgets.HTML) and explorer.links == []
    assert view.value == explorer.images[0]
    slider_a, slider_b = explorer.sliders
    slider_a.index = 1
    slider_b.index = 2
    assert view.value == explorer.images[1 * 3 + 2]
    assert "a = 2, b = 2" in view.value


@pytest.mark.parametrize(
    "train, grid, error, message",
    [
        (42, {"lr": [0.1]}, TypeError, "train must be a function"),
        (decreasing, {}, ValueError, "grid is empty"),
        (decreasing, [("lr", [0.1])], TypeError, "grid must be a dict"),
        (decreasing, {"lr": []}, ValueError, r"grid\['lr'\] is empty"),
        (decreasing, {"lr": 0.1}, TypeError, r"grid\['lr'\] must be a list"),
        (decreasing, {"lr": "0.1"}, TypeError, r"grid\['lr'\] must be a list"),
        (decreasing, {"lr": [0.1, 0.1]}, ValueError, "repeated values"),
        (decreasing, {"a": [1], "b": [1], "c": [1]}, ValueError, "shows one or two"),
        (decreasing, {"learning rate": [0.1]}, TypeError, "identifiers"),
        (lambda lr: 3.0, {"lr": [0.1]}, TypeError, r"train\(lr=0.1\) must return a sequence"),
        (lambda lr: ["a"], {"lr": [0.1]}, TypeError, "sequence of numbers"),
        (lambda lr: [], {"lr": [0.1]}, ValueError, "returned no losses"),
        (lambda lr: {"loss": 1.0}, {"lr": [0.1]}, TypeError, "without .losses."),
            (lambda lr: {"losses": 1.0}, {"lr": [0.1]}, TypeError, "must return a sequence"),
    ],
)
def test_bad_arguments_raise_clear_errors(train, grid, error, message):
    with pytest.raises(error, match=message):
        book.LossExplorer(train, grid)


def test_failing_train_function_keeps_its_exception_and_names_the_setting():
    # The learner's own exception type, not a RuntimeError around it; a note names the run.
    def train(lr):
        raise ZeroDivisionError("boom")

    with pytest.raises(ZeroDivisionError, match="boom") as caught:
        book.LossExplorer(train, {"lr": [0.5]})
    assert any("train(lr=0.5)" in note for note in caught.value.__notes__)


@pytest.mark.parametrize(
    "values",
    [np.array([0.1, 0.5]), np.logspace(-1, np.log10(0.5), 2), torch.tensor([0.1, 0.5]), (0.1, 0.5),
     [np.float64(0.1), 0.5]],
    ids=["ndarray", "logspace", "tensor", "tuple", "numpy scalars"],
)
def test_grid_values_may_be_arrays_tensors_or_tuples(values):
    explorer = book.LossExplorer(lambda lr: [1.0, 1.0 - lr], {"lr": values})
    assert explorer.grid["lr"] == pytest.approx([0.1, 0.5])
    assert all(type(v) is float for v in explorer.grid["lr"])
    assert explorer.table().splitlines()[1].split() == ["0.1", "0.9"]


def test_grid_values_may_be_a_range():
    explorer = book.LossExplorer(lambda hidden: [1.0, 1.0 / hidden], {"hidden": range(1, 4)})
    assert explorer.grid["hidden"] == [1, 2, 3]


def test_grid_values_must_be_one_dimensional():
    with pytest.raises(ValueError, match="one-dimensional"):
        book.LossExplorer(decreasing, {"lr": np.ones((2, 2))})


def test_a_diverged_run_says_why_when_train_returns_a_reason():
    def train(lr):
        if lr > 1:
            return {"losses": [0.5, float("nan")], "reason": "the training loss passed 1e6"}
        return [0.5, 0.4]

    explorer = book.LossExplorer(train, {"lr": [0.1, 2.0]}, metric="validation error")
    assert "diverged at epoch 2: the training loss passed 1e6." in explorer.images[1]
    assert "inf or nan" not in explorer.images[1]
    with pytest.raises(TypeError, match="reason"):
        book.LossExplorer(lambda lr: {"losses": [1.0], "reason": 3}, {"lr": [0.1]})


def test_x_axis_counts_from_start_with_integer_ticks():
    def ticks(explorer):
        return explorer._x(3).tolist()

    assert ticks(book.LossExplorer(decreasing, {"lr": [0.1]})) == [1, 2, 3]
    assert ticks(book.LossExplorer(decreasing, {"lr": [0.1]}, xlabel="step", start=0)) == [0, 1, 2]
    with pytest.raises(TypeError, match="start"):
        book.LossExplorer(decreasing, {"lr": [0.1]}, start=1.0)


def test_a_zero_loss_on_a_log_axis_is_marked_below_the_axis_not_drawn_as_a_plateau():
    # Chapter 0's lr = 0.5: the loss is 9, then exactly 0 from the second step on.
    def train(lr):
        return [9.0] + [0.0] * 19 if lr == 0.5 else [9.0 * 0.64**k for k in range(20)]

    explorer = book.LossExplorer(train, {"lr": [0.1, 0.5]}, xlabel="step", start=0)
    assert explorer.logy
    zero_run = explorer.runs[1]
    x, y = explorer._curve(zero_run.losses)
    # The line goes down to the bottom edge once, at step 1, and stops there: no plateau.
    assert y[1] == pytest.approx(explorer._limits[0]) and np.isnan(y[2:]).all()
    xs, label = explorer._below_axis(zero_run.losses)
    assert xs == list(range(1, 20))
    assert label == "loss 0 from step 1 on"  # exactly 0, and drawn as what it is
    assert "Triangles on the bottom edge: loss 0 from step 1 on." in explorer.images[1]
    assert explorer._below_axis(np.array([9.0, 1e-30, 0.0]))[1] == "loss below 1e-11 from step 1 on"
    assert explorer._below_axis(explorer.runs[0].losses) == ([], "")


def test_bad_logy():
    with pytest.raises(TypeError, match="logy"):
        book.LossExplorer(decreasing, {"lr": [0.1]}, logy="yes")


def test_log_axis_chosen_when_losses_span_orders_of_magnitude():
    assert book.LossExplorer(lambda lr: [1.0, 1e-6], {"lr": [1.0]}).logy is True
    assert book.LossExplorer(lambda lr: [1.0, 0.5], {"lr": [1.0]}).logy is False


def test_images_stay_small():
    explorer = book.LossExplorer(decreasing, {"lr": [0.1, 0.2, 0.5, 1.0]})
    assert max(len(img) for img in explorer.images) < 20_000  # base64 characters per plot
    assert explorer_module.WIDTH <= 480


def test_a_final_loss_at_rounding_level_is_shown_as_a_bound_not_as_noise():
    # 1e-29 after starting at 16 is rounding noise (its digits change with the CPU even in float64)
    def train(lr):
        return [16.0, 1.0, 1e-29] if lr > 0.5 else [16.0, 1.0, 0.00123]

    explorer = book.LossExplorer(train, {"lr": [0.1, 1.0]})
    assert explorer.floor == 1e-10
    assert explorer.table().splitlines()[1:] == ["0.1      0.00123", "  1  below 1e-10"]
    assert "final loss below 1e-10." in explorer.images[1]
    assert "e-29" not in explorer.table() + "".join(explorer.images)


def test_plots_do_not_depend_on_last_bit_differences():
    # Another CPU rounds differently in the last bits; the drawn curves must not change.
    def train(nudge):
        return [16.5 * 0.94 ** k * (1 + nudge * (k % 3)) for k in range(30)]

    explorer = book.LossExplorer(train, {"nudge": [0.0, 3e-16]})
    a, b = (r.losses for r in explorer.runs)
    assert a.tolist() != b.tolist()
    assert explorer._clip(a).tolist() == explorer._clip(b).tolist()


# ------------------------------------------------------------- explorer: data, labels, results
def test_data_is_passed_to_every_run_before_the_grid_values():
    seen = []

    def train(x, y, lr):
        seen.append((x, y, lr))
        return [1.0, 0.5]

    book.LossExplorer(train, {"lr": [0.1, 1.0]}, data=("x", "y"))
    assert seen == [("x", "y", 0.1), ("x", "y", 1.0)]


@pytest.mark.parametrize("data", [torch.zeros(3), {"x": 1}, "xy"])
def test_data_must_be_a_tuple_of_arguments(data):
    with pytest.raises(TypeError, match="data must be a tuple"):
        book.LossExplorer(decreasing, {"lr": [0.1]}, data=data)


def test_sliders_say_what_they_change():
    explorer = book.LossExplorer(lambda lr, w0: decreasing(lr), {"lr": [0.1, 1.0], "w0": [1, 2]})
    assert [s.description for s in explorer.sliders] == ["learning rate (lr)", "starting weight (w0)"]
    assert "book-explorer" in explorer.widget._dom_classes
    custom = book.LossExplorer(lambda size: decreasing(size), {"size": [1, 2]}, labels={"size": "hidden units"})
    assert custom.sliders[0].description == "hidden units (size)"
    unnamed = book.LossExplorer(lambda size: decreasing(size), {"size": [1, 2]})
    assert unnamed.sliders[0].description == "size"


@pytest.mark.parametrize("labels, error, message", [
    ({"nope": "x"}, ValueError, "not in the grid"),
    ({"lr": 3}, TypeError, "labels must map"),
    (["lr"], TypeError, "labels must map"),
])
def test_bad_labels(labels, error, message):
    with pytest.raises(error, match=message):
        book.LossExplorer(decreasing, {"lr": [0.1]}, labels=labels)


def test_train_can_return_results_besides_the_losses():
    explorer = book.LossExplorer(lambda lr: {"losses": decreasing(lr), "accuracy": lr / 10}, {"lr": [1.0, 2.0]})
    assert [run.info for run in explorer.runs] == [{"accuracy": 0.1}, {"accuracy": 0.2}]
    assert explorer.runs[1].final_loss == pytest.approx(decreasing(2.0)[-1])
    with pytest.raises(TypeError, match="without 'losses'"):
        book.LossExplorer(lambda lr: {"loss": [1.0]}, {"lr": [1.0]})


# ------------------------------------------------------------------ expect_error
def test_expect_error_prints_type_and_message_and_goes_on(capsys):
    with book.expect_error(RuntimeError) as caught:
        torch.zeros(2, 3) @ torch.zeros(2, 3)
    out = capsys.readouterr().out
    assert out.startswith("RuntimeError: mat1 and mat2 shapes cannot be multiplied (2x3 and 2x3)")
    assert isinstance(caught.error, RuntimeError)


def test_expect_error_fails_loudly_when_nothing_fails():
    with pytest.raises(book.ExpectedErrorMissing, match="expected ValueError, but the code ran without an error"):
        with book.expect_error(ValueError):
            pass


def test_expect_error_lets_an_unexpected_error_through():
    with pytest.raises(KeyError):
        with book.expect_error(ValueError):
            raise KeyError("a real bug")


def test_expect_error_checks_the_message_when_asked(capsys):
    with book.expect_error(ValueError, match="shape"):
        raise ValueError("wrong shape")
    assert capsys.readouterr().out == "ValueError: wrong shape\n"
    with pytest.raises(book.ExpectedErrorMissing, match="matching 'dtype'"):
        with book.expect_error(ValueError, match="dtype"):
            raise ValueError("wrong shape")


def test_expect_error_wraps_long_messages(capsys):
    with book.expect_error(RuntimeError, width=40):
        raise RuntimeError("word " * 30)
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) > 3 and all(len(line) <= 40 for line in lines)
    assert all(line.startswith("    ") for line in lines[1:])


@pytest.mark.parametrize("kwargs, error", [
    ({"expected": "RuntimeError"}, TypeError),
    ({"expected": int}, TypeError),
    ({"expected": RuntimeError, "match": 3}, TypeError),
    ({"expected": RuntimeError, "width": 5}, ValueError),
])
def test_expect_error_rejects_bad_arguments(kwargs, error):
    with pytest.raises(error):
        book.expect_error(**kwargs)


# ------------------------------------------------------------------ exercise self-checks
@pytest.fixture
def answer_keys(tmp_path, monkeypatch):
    from book import exercises

    (tmp_path / "98.json").write_text(
        '{"98.1": {"value": -5.0, "hint": "w x must equal y"}, "98.2": {"shape": [4, 3]},'
        ' "98.3": {"choice": "Dead neuron"}, "98.4": {"value": 0.0, "abs": 1e-6}}'
    )
    monkeypatch.setattr(exercises, "ANSWERS", tmp_path)
    exercises._chapter_keys.cache_clear()
    yield exercises
    exercises._chapter_keys.cache_clear()


@pytest.mark.parametrize("exercise, answer", [
    ("98.1", -5.0), ("98.1", torch.tensor([-5.001])), ("98.1", -5), ("98.2", torch.zeros(4, 3)),
    ("98.2", (4, 3)), ("98.3", "dead  neuron"), ("98.4", 1e-7), ("98.4", np.float64(0.0)),
])
def test_check_accepts_right_answers(answer_keys, capsys, exercise, answer):
    assert book.check(exercise, answer) is None
    assert capsys.readouterr().out == f"✓ Exercise {exercise}: correct.\n"


@pytest.mark.parametrize("exercise, answer, shown", [
    ("98.1", 5.0, "5"), ("98.1", math.nan, "nan"), ("98.2", torch.zeros(3, 4), "shape (3, 4)"),
    ("98.3", "alive", "'alive'"), ("98.4", 1e-3, "0.001"),
])
def test_check_says_not_yet_without_giving_the_answer(answer_keys, capsys, exercise, answer, shown):
    book.check(exercise, answer)
    out = capsys.readouterr().out
    assert out.startswith(f"✗ Exercise {exercise}: not yet (your answer: {shown}).")
    assert "-5" not in out.replace("(your answer: 5)", "")


def test_check_prints_the_hint(answer_keys, capsys):
    book.check("98.1", 2.0)
    assert capsys.readouterr().out.endswith("Hint: w x must equal y\n")


@pytest.mark.parametrize("exercise, answer, error, message", [
    ("98.9", 1.0, KeyError, "chapter 98 has: 98.1, 98.2, 98.3, 98.4"),
    ("2-1", 1.0, ValueError, "chapter.number"),
    (2.1, 1.0, ValueError, "chapter.number"),
    ("98.1", "five", TypeError, "must be a number"),
    ("98.1", torch.zeros(2), TypeError, "one number; got 2"),
    ("98.2", 12, TypeError, "must be a shape"),
    ("98.3", 3, TypeError, "must be a string"),
])
def test_check_rejects_bad_input_clearly(answer_keys, exercise, answer, error, message):
    with pytest.raises(error, match=message):
        book.check(exercise, answer)


def test_layout_clips_no_label_and_the_note_sits_above_the_curves():
    # Chapter 11's "validation loss" label was clipped to "alidation loss"; notes covered curves.
    explorer = book.LossExplorer(lambda lr: [2.5, 1.25, 0.625], {"lr": [0.1]},
                                 ylabel="validation loss", metric="validation loss")
    fig = explorer._figure
    renderer = fig.canvas.get_renderer()
    (ax,) = fig.axes
    page = fig.bbox
    texts = [ax.yaxis.label, ax.xaxis.label, ax.title, ax._left_title, *ax.texts,
             *ax.get_yticklabels(), *ax.get_xticklabels()]
    for text in (t for t in texts if t.get_text()):
        box = text.get_window_extent(renderer)
        assert page.x0 <= box.x0 and box.x1 <= page.x1 and page.y0 <= box.y0 and box.y1 <= page.y1, text.get_text()
    note = next(t for t in ax.texts if t.get_text().startswith("final validation loss"))
    assert note.get_window_extent(renderer).y0 >= ax.get_window_extent(renderer).y1, "the note is above the axes"
    locator = ax.xaxis.get_major_locator()
    assert all(float(t).is_integer() for t in locator.tick_values(1, 3)), "integer epoch ticks"
