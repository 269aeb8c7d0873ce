"""pytest plugin, loaded by `-p booktools.pytest_plugin` in pyproject.toml's addopts.

It applies the execution profile before any kernel starts, whatever the command line names
(`python -m pytest`, `pytest notebooks/`, one notebook...), and prints it in the header.
"""

from booktools import profile


def pytest_configure(config):
    """Every kernel this session starts (nbval's, the execute command's) runs under the profile."""
    profile.apply()


def pytest_report_header(config):
    return profile.summary()
