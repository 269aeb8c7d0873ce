"""The whole book as one PDF: every chapter, equations typeset, one plot per explorer.

    python scripts/build_pdf.py                           # writes _build/pdf/book.pdf
    python scripts/build_pdf.py --out _build/html/book.pdf   # into the built site (the workflow)

The command line of `booktools.pdf` (how the PDF is made: booktools/pdf/__init__.py); it prints
what the build measured, or what went wrong (exit code 1).
"""

import argparse
import pathlib
import sys

from booktools import ROOT
from booktools.pdf import DEFAULT_OUT, PdfError, build


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=pathlib.Path, default=DEFAULT_OUT,
                        help=f"where to write the PDF (default: {DEFAULT_OUT.relative_to(ROOT)})")
    parser.add_argument("--book", type=pathlib.Path, default=ROOT, help="the book's folder (default: this clone)")
    parser.add_argument("--workdir", type=pathlib.Path,
                        help="keep the singlehtml build here (default: a temporary folder)")
    parser.add_argument("--timeout", type=float, default=120.0,
                        help="seconds to wait for MathJax and the explorers (default: 120)")
    args = parser.parse_args(argv)
    try:
        info = build(args.book.resolve(), args.out.resolve(), args.workdir and args.workdir.resolve(), args.timeout,
                     progress=lambda line: print(line, flush=True))
    except PdfError as error:
        print(error, file=sys.stderr)
        return 1
    for warning in info["warnings"]:
        print(warning)
    print(f"{args.out}: {info['pages']} pages, {info['size_mb']} MB, {len(info['documents'])} documents, "
          f"{info['explorers']} explorers, {info['math']} formulas; singlehtml build {info['singlehtml_s']} s, "
          f"total {info['total_s']} s")
    print(f"blocks wider than the page: {len(info['overflow'])}")
    for item in info["overflow"]:
        print(f"  {item}")
    if info["external_blocked"]:
        print(f"blocked {len(info['external_blocked'])} requests to other hosts: {info['external_blocked'][:3]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
