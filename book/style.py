"""One plot style for the whole book."""

import matplotlib as mpl

#: The Okabe-Ito palette: eight colours that colour-blind readers can tell apart.
PALETTE = (
    "#0072B2",  # blue
    "#E69F00",  # orange
    "#009E73",  # green
    "#D55E00",  # vermillion
    "#CC79A7",  # reddish purple
    "#56B4E9",  # sky blue
    "#F0E442",  # yellow
    "#000000",  # black
)

STYLE = {
    "axes.prop_cycle": mpl.cycler(color=PALETTE),
    # Opaque white backgrounds: a transparent figure turns black-on-black in dark mode.
    "figure.facecolor": "white",
    "axes.facecolor": "white",
    "savefig.facecolor": "white",
    "savefig.transparent": False,
    "figure.figsize": (5.0, 3.2),
    "figure.dpi": 80,  # small PNGs keep the pages light
    "font.size": 10,
    "axes.grid": True,
    "grid.alpha": 0.3,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "lines.linewidth": 2.0,
}


def use_style() -> None:
    """Apply the book's plot style to every figure drawn after this call."""
    mpl.rcParams.update(STYLE)
