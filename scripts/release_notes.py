"""Print the release notes of a version: its section of CHANGELOG.md (the workflow's release job).

    python scripts/release_notes.py            # this version (pyproject.toml)
    python scripts/release_notes.py 1.1.0
"""

import sys

from booktools import edition

if __name__ == "__main__":
    try:
        print(edition.changelog_notes(sys.argv[1] if len(sys.argv) > 1 else edition.version()), end="")
    except ValueError as error:
        sys.exit(f"error: {error}")
