"""The book's speed and weight budgets: their one home.

`scripts/benchmark.py` measures every figure below and compares it with its budget (it prints each
figure beside its budget and exits 1 when one is exceeded); the browser and PDF tests import the
weight budgets they assert. Times are wall-clock seconds on a 2-core Linux machine, set on the
faster of the two such machines measured (the full suite took 3 min 46 s there, chapter 12's
execution 58 s). Machines of the same size differ: on a 2-core AMD EPYC (the benchmark's reference
workload 0.63 to 0.70 s) the same code took 6 to 6.6 min, chapter 12's execution 88 s, and the
benchmark reported 12 time budgets over (every figure about 1.5 times the faster machine's). The
benchmark's first line names the machine and its reference time: compare those before reading a
figure as a regression. The README links here instead of repeating the numbers.
"""

#: Executing one chapter (scripts/execute.py, the book's profile), unless named below.
CHAPTER_S = 10.0

#: Chapters that train more, with their own budgets (by notebook stem).
CHAPTER_S_BY_NAME = {
    "09_regressor": 20.0,  # the loss, the learning rate and Adam against SGD, each over five seeds
    "10_digits_mlp": 15.0,
    "11_training_well": 35.0,  # five seeds per remedy, and the one-cycle schedule measured alone
    "12_cnn": 70.0,  # float64 convolutions: 20 CNN runs of 20 epochs
}

#: nbval of every chapter (`python -m pytest notebooks`, two workers).
NBVAL_S = 120.0

#: The README's full test command, `python -m pytest`.
SUITE_S = 240.0

#: The fast tests, `python -m pytest -m "not slow"`.
FAST_SUITE_S = 20.0

#: Building the site from the committed outputs.
BUILD_S = 30.0

#: What a chapter page sends on a first visit, gzipped as a gzip-serving host sends it.
PAGE_BYTES = 1_000_000

#: The whole book as one PDF: its build time and its size.
PDF_S = 90.0
PDF_BYTES = 15_000_000


def chapter_s(stem: str) -> float:
    """The budget of the chapter ``stem`` ("12_cnn")."""
    return CHAPTER_S_BY_NAME.get(stem, CHAPTER_S)


def budget(name: str) -> float:
    """The budget of a figure: a name of :data:`BUDGETS`, or ``chapter:<stem>``."""
    if name.startswith("chapter:"):
        return chapter_s(name.removeprefix("chapter:"))
    return BUDGETS[name]


#: Every budget but the chapters', by the name the benchmark reports it under.
BUDGETS = {"nbval_s": NBVAL_S, "suite_s": SUITE_S, "fast_suite_s": FAST_SUITE_S, "build_s": BUILD_S,
           "page_bytes": PAGE_BYTES, "pdf_s": PDF_S, "pdf_bytes": PDF_BYTES}
