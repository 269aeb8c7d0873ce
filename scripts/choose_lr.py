"""Choose chapter 12's learning rate on the validation set, and print the table the chapter shows.

    python scripts/choose_lr.py            # print the table (about 3 minutes on one CPU core)
    python scripts/choose_lr.py --check    # also fail if the chapter's table differs

Each of the chapter's four (setting, network) pairs is trained with every candidate peak learning
rate, five seeds each, and measured on the validation digits only; see `booktools/lr_search.py`.
"""

from __future__ import annotations

import argparse
import sys
import time

from booktools import lr_search, profile


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if the chapter's table differs")
    args = parser.parse_args(argv)
    profile.apply()
    import torch

    torch.set_num_threads(1)
    start = time.perf_counter()
    namespace = lr_search.chapter_namespace()
    total, done = len(namespace["networks"]) * len(lr_search.CANDIDATES), 0

    def progress(line: str) -> None:
        nonlocal done
        done += 1
        print(f"  [{done}/{total}] {line}   ({time.perf_counter() - start:.0f} s so far)", file=sys.stderr, flush=True)

    result = lr_search.table(lr_search.search(namespace, progress))
    print(result)
    if args.check:
        stored = lr_search.chapter_table()
        if stored != result:
            print(f"\n{lr_search.CHAPTER.name}'s table differs from the search above:\n{stored}", file=sys.stderr)
            return 1
        print(f"\n{lr_search.CHAPTER.name}'s table matches the search.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
