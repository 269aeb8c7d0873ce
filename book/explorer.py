"""Interactive loss plots that work live *and* on a static page.

:class:`LossExplorer` trains once per point of a small hyperparameter grid,
draws one loss plot per run, and shows them behind one slider per
hyperparameter.

Where it works, and how:

- **ipywidgets 8** (Jupyter, and the book's static site): the plots sit in a
  ``widgets.Stack`` whose ``selected_index`` is ``jslink``-ed to the slider.
  The link lives in the browser, so moving the slider switches plots even
  when no kernel is running.
- **ipywidgets 7** (Colab ships 7.7.1, which has no ``Stack``): one plot is
  shown and the live kernel swaps it when the slider moves (``observe``).

A run whose loss becomes NaN or infinite is drawn as a labelled "diverged"
plot instead of crashing the explorer.

Every run starts from ``seed_everything(seed)`` with the default dtype set to
``dtype`` (float64, as in the chapters), inside :func:`book.seeding.preserved_state`:
building an explorer leaves the random generators and the default dtype of the
notebook exactly as they were.
"""

from __future__ import annotations

import base64
import html
import io
import itertools
import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

import ipywidgets as widgets
import matplotlib as mpl
import numpy as np
import torch
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, MaxNLocator
from PIL import Image

from book.seeding import preserved_state, seed_everything
from book.style import PALETTE, STYLE

#: Plot size in pixels; small PNGs keep every chapter page light.
WIDTH, HEIGHT, DPI = 440, 280, 80

#: What a slider changes, in words: its visible label and its accessible name (a screen reader
#: says "learning rate (lr)", not "lr"). Names not listed here are shown as they are.
LABELS = {
    "lr": "learning rate",
    "epochs": "epochs",
    "momentum": "momentum",
    "w0": "starting weight",
    "negative_slope": "negative slope",
    "hidden": "hidden units",
    "batch_size": "batch size",
    "optimizer": "optimizer",
    "optimizer_name": "optimizer",
    "weight_decay": "weight decay",
    "steps": "steps",
}

#: The version of the drawing: raised whenever the plots change, stored in every image
#: (``data-render``), so that a test finds chapters whose stored plots an older explorer drew.
RENDER_VERSION = 4

#: CSS class of every explorer's outer box; the site's script finds explorers by it.
CSS_CLASS = "book-explorer"


@dataclass(frozen=True)
class Run:
    """One training run: its hyperparameters and its loss after every step."""

    params: dict
    losses: np.ndarray
    #: What ``train`` returned besides the losses, when it returned a dict (see LossExplorer).
    info: Mapping = field(default_factory=dict)

    @property
    def diverged(self) -> bool:
        """True when some loss is NaN or infinite."""
        return not bool(np.all(np.isfinite(self.losses)))

    @property
    def diverged_at(self) -> int | None:
        """Index of the first NaN or infinite loss, or None."""
        bad = np.flatnonzero(~np.isfinite(self.losses))
        return int(bad[0]) if bad.size else None

    @property
    def final_loss(self) -> float:
        """The last loss, or NaN for a diverged run."""
        return math.nan if self.diverged else float(self.losses[-1])


def _label(value) -> str:
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def _fmt_loss(loss: float, floor: float = 0.0) -> str:
    """3 significant digits; a loss below ``floor`` (rounding level) as "below 1e-N"."""
    if math.isnan(loss):
        return "diverged"
    if abs(loss) < floor:
        return f"below {floor:.0e}".replace("e-0", "e-")
    return f"{loss:.3g}"


def _minor_label(value: float, _position=None) -> str:
    """A log axis's minor tick as a plain number, only at 2, 3 and 5 times a power of ten."""
    if value <= 0:
        return ""
    mantissa = round(value / 10.0 ** math.floor(math.log10(value)), 6)
    return f"{value:g}" if mantissa in (2, 3, 5) else ""


def _fmt_level(level: float) -> str:
    """A power of ten or an axis limit, in one or two digits: "1e-11", "0.0004"."""
    return f"{level:.1g}".replace("e-0", "e-")


#: A final loss this many times smaller than the starting losses is rounding noise: its digits
#: change with the CPU's code path even in float64, so it is printed as "below 1e-N".
ROUNDING_LEVEL = 1e-12


def _as_values(name: str, values) -> list:
    """A grid's values as a list of plain Python values: lists, tuples, ranges, 1-D NumPy arrays
    and 1-D torch tensors are accepted (learners pass ``np.logspace(-3, 0, 4)``)."""
    if isinstance(values, (np.ndarray, torch.Tensor)):
        if values.ndim != 1:
            raise ValueError(f"grid[{name!r}] must be one-dimensional, got shape {tuple(values.shape)}")
        return values.tolist()
    if isinstance(values, (str, bytes, Mapping)) or not isinstance(values, Sequence):
        raise TypeError(
            f"grid[{name!r}] must be a list of values (a list, tuple, range or 1-D array), "
            f"got {type(values).__name__}"
        )
    return [v.item() if isinstance(v, (np.generic, torch.Tensor)) and np.size(v) == 1 else v for v in values]


def _check_grid(grid) -> dict[str, list]:
    if not isinstance(grid, Mapping):
        raise TypeError(
            "grid must be a dict mapping hyperparameter names to lists of values, "
            f"e.g. {{'lr': [0.01, 0.1]}}; got {type(grid).__name__}"
        )
    if not grid:
        raise ValueError("grid is empty: give one or two hyperparameters, e.g. {'lr': [0.01, 0.1]}")
    if len(grid) > 2:
        raise ValueError(
            f"grid has {len(grid)} hyperparameters ({', '.join(map(str, grid))}); "
            "the explorer shows one or two"
        )
    checked = {}
    for name, values in grid.items():
        if not isinstance(name, str) or not name.isidentifier():
            raise TypeError(f"hyperparameter names must be identifiers (str), got {name!r}")
        values = _as_values(name, values)
        if len(values) == 0:
            raise ValueError(f"grid[{name!r}] is empty: give at least one value")
        labels = [_label(v) for v in values]
        if len(set(labels)) != len(labels):
            raise ValueError(f"grid[{name!r}] has repeated values: {labels}")
        checked[name] = list(values)
    return checked


def _as_losses(result, params: dict) -> np.ndarray:
    where = ", ".join(f"{k}={_label(v)}" for k, v in params.items())
    if isinstance(result, (str, bytes, Mapping)) or not hasattr(result, "__len__"):
        raise TypeError(
            f"train({where}) must return a sequence of losses (a list of numbers), "
            f"got {type(result).__name__}"
        )
    if hasattr(result, "detach"):  # a torch tensor
        result = result.detach().cpu().reshape(-1).tolist()
    try:
        losses = np.array([float(v) for v in result], dtype=np.float64)
    except (TypeError, ValueError) as err:
        raise TypeError(
            f"train({where}) must return a sequence of numbers; "
            f"could not read its items as numbers ({err})"
        ) from None
    if losses.size == 0:
        raise ValueError(f"train({where}) returned no losses")
    return losses


def _img_tag(png: io.BytesIO, alt: str) -> str:
    # A 16-colour palette PNG is a fraction of the size and reads the same.
    small = io.BytesIO()
    Image.open(png).convert("RGB").quantize(colors=16).save(small, format="png", optimize=True)
    data = base64.b64encode(small.getvalue()).decode("ascii")
    return (
        f'<img src="data:image/png;base64,{data}" alt="{html.escape(alt)}" '
        f'width="{WIDTH}" height="{HEIGHT}" data-render="{RENDER_VERSION}" style="max-width:100%;height:auto">'
    )


class LossExplorer:
    """Loss curves over a grid of one or two hyperparameters, behind sliders.

    Parameters
    ----------
    train:
        A function called as ``train(*data, **params)`` for every point of the
        grid; it returns the loss after each step (a list of numbers or a 1-D
        tensor), or a dict with these losses under ``"losses"`` and any other
        results (a validation accuracy, say) under other keys: those are kept
        in ``run.info`` for each of :attr:`runs`, so that results come out
        through return values, never through globals. A run that stops by
        recording NaN can say why under ``"reason"`` ("the training loss passed
        1e6"): the plot prints it instead of "the loss became inf or nan".
    grid:
        ``{"name": [values, ...]}`` with one or two names. Values may be
        numbers, booleans or strings (``{"optimizer": ["SGD", "Adam"]}``).
    data:
        Positional arguments passed to every run before the grid's values, so that
        ``train`` takes its data as arguments instead of reading globals:
        ``LossExplorer(train, {"lr": [0.1, 1.0]}, data=(x, y))`` calls
        ``train(x, y, lr=0.1)``, then ``train(x, y, lr=1.0)``.
    seed:
        Every run starts from ``seed_everything(seed)``, so each run is
        repeatable and independent of the order of the grid.
    dtype:
        PyTorch's default dtype during the runs (float64, as in the chapters:
        the plots are then the same on every computer).
    xlabel, ylabel:
        Axis labels of the plots (the chapters record one loss per epoch).
    start:
        The x value of the first loss: 1 (default) when ``train`` records the loss after
        epoch 1, 2, ...; 0 when it records it before the first step. The x axis has integer
        ticks.
    metric:
        What ``train`` returns, as the notes on the plots and :meth:`table`
        name it ("final loss 0.12"); for example ``"validation error"``.
    logy:
        Log-scale loss axis; ``None`` chooses it when the losses span more
        than two orders of magnitude.
    labels:
        ``{"name": "what it is"}``: the sliders' labels, added to the defaults in
        :data:`LABELS` (``lr`` is labelled "learning rate (lr)").

    Display the explorer as the last expression of a cell. :meth:`table`
    gives the final losses as text.
    """

    def __init__(
        self,
        train: Callable[..., Sequence[float]],
        grid: Mapping[str, Sequence],
        *,
        data: Sequence = (),
        seed: int = 0,
        dtype: torch.dtype = torch.float64,
        xlabel: str = "epoch",
        ylabel: str = "loss",
        start: int = 1,
        metric: str = "loss",
        logy: bool | None = None,
        labels: Mapping[str, str] | None = None,
    ):
        if not callable(train):
            raise TypeError(
                "train must be a function called as train(**params) that returns "
                f"the losses, got {type(train).__name__}"
            )
        self.grid = _check_grid(grid)
        for name, text in (("xlabel", xlabel), ("ylabel", ylabel), ("metric", metric)):
            if not isinstance(text, str):
                raise TypeError(f"{name} must be a string, got {type(text).__name__}")
        if not metric.strip():
            raise ValueError("metric must name what train returns, e.g. 'loss'")
        if isinstance(start, bool) or not isinstance(start, int):
            raise TypeError(f"start must be an int (the x value of the first loss), got {start!r}")
        if logy is not None and not isinstance(logy, bool):
            raise TypeError(f"logy must be True, False or None, got {logy!r}")
        if not isinstance(dtype, torch.dtype) or not dtype.is_floating_point:
            raise TypeError(f"dtype must be a floating-point torch dtype such as torch.float64, got {dtype!r}")
        if isinstance(data, (str, bytes, Mapping)) or not isinstance(data, Sequence):
            raise TypeError(
                "data must be a tuple of the arguments every run gets, e.g. data=(x, y); "
                f"got {type(data).__name__}"
            )
        labels = {} if labels is None else labels
        if not isinstance(labels, Mapping) or not all(isinstance(v, str) for v in labels.values()):
            raise TypeError("labels must map hyperparameter names to words, e.g. {'lr': 'learning rate'}")
        unknown = set(labels) - set(self.grid)
        if unknown:
            raise ValueError(f"labels names {sorted(unknown)}, which are not in the grid {list(self.grid)}")
        self.data = tuple(data)
        self.labels = {name: {**LABELS, **labels}.get(name, name) for name in self.grid}
        self.seed, self.dtype = seed, dtype
        self.names = list(self.grid)
        self._xlabel, self._ylabel, self.metric, self.start = xlabel, ylabel, metric, start
        self.runs = self._train_all(train)
        self.floor = self._rounding_floor()
        self._limits, self.logy = self._axis_limits(logy)
        self.images = self._render_all()
        self.widget = self._build_widget()

    def _rounding_floor(self) -> float:
        """The power of ten below which a final loss is rounding noise (see ROUNDING_LEVEL)."""
        starts = [abs(r.losses[0]) for r in self.runs if np.isfinite(r.losses[0])]
        scale = max(starts + [1.0])
        return 10.0 ** math.ceil(math.log10(ROUNDING_LEVEL * scale))

    def _train_all(self, train) -> list[Run]:
        """One run per grid point, each from the same seed, none touching the notebook's state."""
        runs = []
        for values in itertools.product(*self.grid.values()):
            params = dict(zip(self.names, values))
            with preserved_state():
                seed_everything(self.seed)
                torch.set_default_dtype(self.dtype)
                try:
                    result = train(*self.data, **params)
                except Exception as err:
                    # The learner's own exception, unchanged, with a note saying which run raised it.
                    where = ", ".join(f"{k}={_label(v)}" for k, v in params.items())
                    err.add_note(f"(raised by train({where}), called by LossExplorer)")
                    raise
            info = {}
            if isinstance(result, Mapping):
                if "losses" not in result:
                    where = ", ".join(f"{k}={_label(v)}" for k, v in params.items())
                    raise TypeError(
                        f"train({where}) returned a dict without 'losses': return the losses, "
                        "or a dict such as {'losses': losses, 'accuracy': accuracy}"
                    )
                info = {k: v for k, v in result.items() if k != "losses"}
                if "reason" in info and not isinstance(info["reason"], str):
                    where = ", ".join(f"{k}={_label(v)}" for k, v in params.items())
                    raise TypeError(f"train({where}) returned a 'reason' that is not a string: {info['reason']!r}")
                result = result["losses"]
            runs.append(Run(params, _as_losses(result, params), info))
        return runs

    # ---------------------------------------------------------------- results
    def final_losses(self) -> dict[tuple, float]:
        """``{(value, ...): final loss}``; NaN marks a diverged run."""
        return {tuple(r.params.values()): r.final_loss for r in self.runs}

    def best(self) -> Run:
        """The run with the lowest final loss (diverged runs never win)."""
        finite = [r for r in self.runs if not r.diverged]
        if not finite:
            raise ValueError("every run diverged: there is no best run")
        return min(finite, key=lambda r: r.final_loss)

    def table(self) -> str:
        """The final losses as a small text table."""
        if len(self.names) == 1:
            (name,) = self.names
            rows = [[name, f"final {self.metric}"]]
            rows += [[_label(r.params[name]), _fmt_loss(r.final_loss, self.floor)] for r in self.runs]
        else:
            a, b = self.names
            rows = [[f"{a} \\ {b}"] + [_label(v) for v in self.grid[b]]]
            finals = iter(self.runs)
            for va in self.grid[a]:
                rows.append([_label(va)] + [_fmt_loss(next(finals).final_loss, self.floor) for _ in self.grid[b]])
        widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
        return "\n".join(
            "  ".join(cell.rjust(w) for cell, w in zip(row, widths)).rstrip() for row in rows
        )

    def __repr__(self) -> str:
        sizes = ", ".join(f"{n}: {len(v)} values" for n, v in self.grid.items())
        diverged = sum(r.diverged for r in self.runs)
        return f"LossExplorer({sizes}; {len(self.runs)} runs, {diverged} diverged)"

    def _repr_mimebundle_(self, include=None, exclude=None):
        # Our own text/plain (checked by nbval) instead of the widget tree's
        # repr, which would hold every image.
        return {
            "text/plain": repr(self),
            "application/vnd.jupyter.widget-view+json": {
                "version_major": 2,
                "version_minor": 0,
                "model_id": self.widget.model_id,
            },
        }

    # --------------------------------------------------------------- drawing
    def _axis_limits(self, logy):
        finite = np.concatenate([r.losses[np.isfinite(r.losses)] for r in self.runs])
        if finite.size == 0:
            return (0.0, 1.0), bool(logy)
        starts = [r.losses[0] for r in self.runs if np.isfinite(r.losses[0])]
        hi = float(finite.max())
        if starts:  # a run that blows up (but stays finite) must not flatten the others
            hi = min(hi, 100 * max(max(starts), 1e-12))
        positive = finite[finite > 0]
        lo_pos = max(float(positive.min()), hi * 1e-10) if positive.size else 0.0
        if logy is None:
            logy = bool(positive.size and hi > 0 and hi / lo_pos > 100)
        if logy:
            if hi <= 0:
                raise ValueError("logy=True needs positive losses")
            return (lo_pos / 2, hi * 2), True
        lo = min(0.0, float(finite.min()))
        pad = 0.05 * (hi - lo or 1.0)
        return (lo - pad, hi + pad), False

    def _render_all(self) -> list[str]:
        """One figure, redrawn per run: the run in colour, the others in grey.

        The run's title and its note (final value, or where and why it diverged) sit above the
        axes, where they cannot cover a curve. On a log axis, a loss below the axis (0, or rounding
        noise) is drawn as a triangle on the bottom edge with a label, never as a plateau.
        """
        with mpl.rc_context(STYLE):
            fig = Figure(figsize=(WIDTH / DPI, HEIGHT / DPI), dpi=DPI)
            FigureCanvasAgg(fig)
            ax = fig.add_subplot()
            others = [ax.plot(*self._curve(r.losses), color="0.75", linewidth=1.0)[0] for r in self.runs]
            (line,) = ax.plot([], [], linewidth=2.2)
            (below,) = ax.plot([], [], "v", markersize=6, clip_on=False)
            (cross,) = ax.plot([], [], "x", color=PALETTE[3], markersize=10, markeredgewidth=2.5)
            below_text = ax.annotate("", (0, 0), xytext=(4, 6), textcoords="offset points", fontsize=9,
                                     ha="left", va="bottom", color="0.2")  # placed per run
            note = ax.annotate("", (0, 1), xycoords="axes fraction", xytext=(0, 4),
                               textcoords="offset points", ha="left", va="bottom", fontsize=10)
            ax.set_yscale("log" if self.logy else "linear")
            ax.set_ylim(*self._limits)
            if self.logy and self._limits[1] / self._limits[0] < 100:
                # Less than two decades: plain numbers ("0.6", "2"), not "6 x 10^-1".
                ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:g}"))
                ax.yaxis.set_minor_formatter(FuncFormatter(_minor_label))
            longest = max(len(r.losses) for r in self.runs)
            ax.set_xlim(self.start, self.start + longest - 1 if longest > 1 else self.start + 1)
            ax.xaxis.set_major_locator(MaxNLocator(integer=True))
            ax.set_xlabel(self._xlabel)
            ax.set_ylabel(self._ylabel)
            # The layout once, with text of the same height as every run's: the axes stay put.
            ax.set_title("Ag", loc="left", fontsize=11, pad=20)
            note.set_text("Ag")
            fig.tight_layout(pad=0.4)
            images = []
            for i, run in enumerate(self.runs):
                for j, other in enumerate(others):
                    other.set_visible(j != i)
                title = ", ".join(f"{self.labels[k]} = {_label(v)}" for k, v in run.params.items())
                ax.set_title(title, loc="left", fontsize=11, pad=20)
                losses = run.losses
                if run.diverged:
                    losses = run.losses[: run.diverged_at]
                shown_x, shown_y = self._curve(losses)
                line.set_data(shown_x, shown_y)
                line.set_color(PALETTE[3] if run.diverged else PALETTE[0])
                below_x, below_label = self._below_axis(losses)
                below.set_data(below_x, [self._limits[0]] * len(below_x))
                below.set_color(PALETTE[3] if run.diverged else PALETTE[0])
                below_text.set_text(f"\u25bc {below_label}" if below_label else "")
                if run.diverged:
                    k = run.diverged_at
                    # The cross stands at the epoch the note names, at the last finite value.
                    cross.set_data([self.start + k] if k else [], self._clip(run.losses[:k])[-1:])
                    reason = run.info.get("reason") or f"the {self.metric} became inf or nan"
                    summary = f"diverged at {self._xlabel} {self.start + k}: {reason}"
                    note.set_color(PALETTE[3])
                else:
                    cross.set_data([], [])
                    summary = f"final {self.metric} {_fmt_loss(run.final_loss, self.floor)}"
                    note.set_color("0.2")
                note.set_text(summary)
                if below_x:
                    self._place_below_label(fig, ax, below_text, note, below_x[0])
                raw = io.BytesIO()
                fig.savefig(raw, format="png", metadata={"Software": None})
                alt = f"Curve of the {self.metric} for {title}: {summary}."
                if below_label:
                    alt += f" Triangles on the bottom edge: {below_label}."
                images.append(_img_tag(raw, alt))
            self._figure = fig  # the last frame, kept for the tests of the layout
        return images

    def _place_below_label(self, fig, ax, text, note, x) -> None:
        """Above the axes at the right, on the note's line, where it covers no curve; where the
        note leaves no room, beside the first triangle, on the side where the words fit inside
        the axes; else from the axes' left edge."""
        renderer = fig.canvas.get_renderer()
        text.xy, text.xycoords = (1, 1), "axes fraction"
        text.set_horizontalalignment("right")
        text.set_position((0, 4))
        box, taken = text.get_window_extent(renderer=renderer), note.get_window_extent(renderer=renderer)
        if box.x0 > taken.x1 + 8 and box.x1 <= fig.bbox.x1:
            return
        inside = ax.get_window_extent()
        for ha, dx in (("left", 4), ("right", -4)):
            text.xy = (x, self._limits[0])
            text.xycoords = "data"
            text.set_horizontalalignment(ha)
            text.set_position((dx, 6))
            box = text.get_window_extent(renderer=fig.canvas.get_renderer())
            if box.x0 >= inside.x0 and box.x1 <= inside.x1:
                return
        text.xy = (0, 0)
        text.xycoords = "axes fraction"
        text.set_horizontalalignment("left")
        text.set_position((4, 6))

    def _x(self, n: int) -> np.ndarray:
        """The x values of ``n`` losses: ``start``, ``start + 1``, ..."""
        return np.arange(self.start, self.start + n)

    def _curve(self, losses: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The line as drawn: on a log axis it stops where the loss drops below the axis, going
        down to the bottom edge at the first such point (a triangle marks every one of them)."""
        x, y = self._x(len(losses)), self._clip(losses)
        if self.logy:
            under = losses < self._limits[0]
            first = under & ~np.concatenate([[False], under[:-1]])  # the first of each stretch below
            y = np.where(under & ~first, np.nan, y)
        return x, y

    def _below_axis(self, losses: np.ndarray) -> tuple[list, str]:
        """x values of the losses below a log axis, and a label for them ("" when there are none)."""
        if not self.logy:
            return [], ""
        under = np.flatnonzero(losses < self._limits[0])
        if under.size == 0:
            return [], ""
        xs = [int(v) for v in self._x(len(losses))[under]]
        # Below the rounding floor ("below 1e-11", as the table says), else below the axis, given
        # as the power of ten above its bottom (a round number, and still true).
        level = self.floor if np.all(np.abs(losses[under]) < self.floor) else 10.0 ** math.ceil(
            math.log10(self._limits[0]))
        where = f"{self._xlabel} {xs[0]}" if len(xs) == 1 else f"{self._xlabel} {xs[0]} on"
        if len(xs) > 1 and xs != list(range(xs[0], xs[0] + len(xs))):
            where = f"{self._xlabel} {xs[0]} on, at times"
        value = "0" if np.all(losses[under] == 0) else f"below {_fmt_level(level)}"
        return xs, f"{self.metric} {value} from {where}" if len(xs) > 1 else f"{self.metric} {value} at {where}"

    def _clip(self, losses: np.ndarray) -> np.ndarray:
        """The losses as drawn: clipped to the log axis, rounded to 6 significant digits.

        Rounding keeps the plots identical on every computer: a last-bit difference (another
        CPU's rounding) can otherwise move one anti-aliased pixel of a curve.
        """
        lo, _ = self._limits
        shown = np.maximum(losses, lo) if self.logy else np.asarray(losses, dtype=np.float64)
        return np.array([float(f"{v:.6g}") for v in shown])

    # --------------------------------------------------------------- widgets
    def _build_widget(self):
        self.sliders = [
            widgets.SelectionSlider(
                options=[(_label(v), i) for i, v in enumerate(values)],
                value=0,
                description=self.slider_label(name),
                continuous_update=True,
                style={"description_width": "initial"},
                layout=widgets.Layout(width="400px"),
            )
            for name, values in self.grid.items()
        ]
        if hasattr(widgets, "Stack"):
            view = self._stack_view()
        else:
            view = self._swap_view()
        box = widgets.VBox([*self.sliders, view])
        box.add_class(CSS_CLASS)
        return box

    def slider_label(self, name: str) -> str:
        """The slider's label, which says what it changes: "learning rate (lr)"."""
        label = self.labels[name]
        return name if label == name else f"{label} ({name})"

    def _stack_view(self):
        """ipywidgets 8: every plot is on the page; links in the browser pick one."""
        pages = [widgets.HTML(value=img) for img in self.images]
        if len(self.sliders) == 1:
            stacks = [widgets.Stack(children=pages, selected_index=0)]
            outer = stacks[0]
        else:
            n = len(self.grid[self.names[1]])
            stacks = [
                widgets.Stack(children=pages[i : i + n], selected_index=0)
                for i in range(0, len(pages), n)
            ]
            outer = widgets.Stack(children=stacks, selected_index=0)
        self.links = [widgets.jslink((self.sliders[0], "index"), (outer, "selected_index"))]
        if len(self.sliders) == 2:
            self.links += [
                widgets.jslink((self.sliders[1], "index"), (stack, "selected_index"))
                for stack in stacks
            ]
        return outer

    def _swap_view(self):
        """ipywidgets 7 (Colab): one plot, swapped by the kernel when a slider moves."""
        view = widgets.HTML(value=self.images[0])
        n = len(self.grid[self.names[1]]) if len(self.sliders) == 2 else 1

        def show(_change=None):
            indices = [s.index for s in self.sliders]
            flat = indices[0] * n + indices[1] if len(indices) == 2 else indices[0]
            view.value = self.images[flat]

        for slider in self.sliders:
            slider.observe(show, names="index")
        self.links = []
        return view
