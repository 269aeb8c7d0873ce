"""The one error the PDF build raises (`scripts/build_pdf.py` prints it and exits with 1)."""


class PdfError(RuntimeError):
    """The PDF cannot be built as the book wants it: the build failed, or the page or the
    printout is not what was expected (the message says what, and what to do)."""
