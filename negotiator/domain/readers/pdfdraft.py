"""Reads a draft published as PDF into the draft format.

The printed paragraphs come from :func:`negotiator.domain.readers.pdf.paragraphs` (page headers
and footers left out); then:

* footnote blocks at the foot of the pages are left out (their calls in the text too);
* a paragraph that starts with its number (``21.``, in the margin or not, ``OP 21 bis.``) is a
  draft paragraph; lines starting with ``(a)``, ``(i)``... are its sub-paragraphs;
* a short line in bold or in a larger font without a number is a heading: the first one,
  before any paragraph, is the title, the others are section headings;
* words broken with a hyphen at a line end are rejoined (see
  :mod:`negotiator.domain.sources.pdftext`).

The result is text in the draft format, read with the same rules as a text draft, with the page
of each line for the error messages.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from negotiator.domain.readers.pdf import PdfLine, PdfPage, paragraphs, read_pdf
from negotiator.domain.sources.pdftext import Vocabulary, join_lines

__all__ = ["PdfDraft", "read_pdf_draft"]

_LABEL_START = re.compile(
    r"^(?:\*\*)?(?:(?:PP|OP)\s*)?\d{1,5}(?:\s+[a-z]{3,12})?\s*[.)](?:\s|$)", re.I
)
_SUB_ITEM = re.compile(r"^\(?(?:[a-z]{1,3}|[ivxlc]{1,6}|\d{1,2})\)\s")


@dataclass
class PdfDraft:
    lines: list[str]
    where: list[str]
    footnotes: int = 0
    notes: list[str] = field(default_factory=list)


def _body_size(pages: Sequence[PdfPage]) -> float:
    sizes: Counter[float] = Counter()
    for page in pages:
        for line in page.lines:
            if not line.furniture and not line.footnote:
                sizes[round(line.size, 1)] += len(line.text)
    return sizes.most_common(1)[0][0] if sizes else 0.0


def read_pdf_draft(
    data: bytes, path: str, *, progress: Callable[[int, int], None] | None = None
) -> PdfDraft:
    """The draft in a PDF as draft-format lines.

    Raises:
        FileFormatError: not a PDF, encrypted, or without a text layer (OCR is not done).
    """
    pages = read_pdf(data, path, progress=progress)
    return draft_from_pages(pages)


def draft_from_pages(pages: Sequence[PdfPage]) -> PdfDraft:
    body = _body_size(pages)
    vocab = Vocabulary(line.text for page in pages for line in page.lines if not line.furniture)
    draft = PdfDraft([], [])
    in_paragraph = False
    seen_heading_or_paragraph = False

    def emit(line: str, where: str, *, blank: bool) -> None:
        if blank and draft.lines:
            draft.lines.append("")
            draft.where.append(where)
        draft.lines.append(line)
        draft.where.append(where)

    for group in paragraphs(pages):
        first: PdfLine = group[0]
        if first.footnote:
            draft.footnotes += 1
            continue
        text = join_lines([line.text for line in group], vocab)
        where = f"page {first.page}"
        headingish = (first.bold or (body and first.size >= 1.15 * body)) and len(text) <= 250
        if headingish and not _LABEL_START.match(text) and not _SUB_ITEM.match(text):
            if not seen_heading_or_paragraph:
                emit(f"# {text}", where, blank=True)
            else:
                emit(f"## {text}", where, blank=True)
            seen_heading_or_paragraph = True
            in_paragraph = False
            continue
        if in_paragraph and _SUB_ITEM.match(text):
            emit(text, where, blank=False)
            continue
        emit(text, where, blank=True)
        in_paragraph = True
        seen_heading_or_paragraph = seen_heading_or_paragraph or bool(_LABEL_START.match(text))
    if draft.footnotes:
        n = draft.footnotes
        draft.notes.append(f"{n} footnote{'s' if n != 1 else ''} left out")
    return draft
