"""What Colab runs: the versions the book's Colab check installs (scripts/colab_check.py).

Colab preinstalls torch, NumPy, matplotlib, scikit-learn and ipywidgets; the chapters install only
the companion package there. These are the versions that matter to the chapters (ipywidgets 7
has no ``Stack``: the explorer falls back to swapping plots from the kernel). The README and the
workflow name the same versions; tests/test_structure.py checks that they do.
"""

#: Colab's Python (the workflow's Colab check runs on it, among others).
PYTHON = "3.12"

#: The packages whose Colab versions differ from requirements.txt in ways the chapters notice.
PACKAGES = {"ipywidgets": "7.7.1", "matplotlib": "3.10.0", "scikit-learn": "1.6.1"}


def pins() -> list[str]:
    """``["ipywidgets==7.7.1", ...]``, for pip."""
    return [f"{name}=={version}" for name, version in PACKAGES.items()]
