"""Reads the text layer of a PDF, line by line with its layout (PDFium, via pypdfium2).

A UN document published as PDF carries, besides its text: a page header and footer (the
document symbol ``A/CONF.234/L.3``, the page number, the job number ``V.20-07297``), footnote
blocks at the foot of the pages (in a smaller font) with their calls in the text (small digits),
paragraph numbers in the left margin and bold run-in headings.  :func:`read_pdf` gives the lines
of every page with their position, font size and weight, and tells apart the page furniture and
the footnotes; :func:`pdf_source_text` gives the text the source importers read (one line per
printed line, bold lines marked ``**...**`` as in the hand-converted corpus, pages separated by
a form feed); :mod:`negotiator.domain.readers.pdfdraft` builds a draft from the lines.

A file that is not a PDF, is encrypted, or has no text layer (a scan: OCR is not done) is
refused with a :class:`~negotiator.domain.errors.FileFormatError` naming the file.
"""

from __future__ import annotations

import ctypes
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from negotiator.domain.errors import FileFormatError
from negotiator.domain.sources.pdftext import (
    DOC_SYMBOL,
    JOB_NUMBER,
    PAGE_NUMBER,
    Vocabulary,
    is_page_line,
    join_lines,
)

__all__ = [
    "PdfLine",
    "PdfPage",
    "line_pitch",
    "paragraphs",
    "read_pdf",
    "source_lines",
    "source_text",
]

_FORCE_BOLD = 1 << 18
_HEADER_ZONE = 0.09  # share of the page height at the top and the bottom for headers/footers


@dataclass(frozen=True)
class PdfLine:
    """One printed line: its text, page (1-based), left edge, top and bottom (points from the
    top of the page), font size and weight of its first character."""

    text: str
    page: int
    x0: float
    top: float
    bottom: float
    size: float
    bold: bool
    furniture: bool = False
    footnote: bool = False


@dataclass(frozen=True)
class PdfPage:
    number: int
    height: float
    lines: tuple[PdfLine, ...]


def _open(data: bytes, path: str) -> pdfium.PdfDocument:
    if not data.lstrip()[:1024].startswith(b"%PDF-") and b"%PDF-" not in data[:1024]:
        raise FileFormatError(path, None, "not a PDF file (no %PDF- header)")
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        code = pdfium_c.FPDF_GetLastError()
        if code == pdfium_c.FPDF_ERR_PASSWORD:
            raise FileFormatError(
                path, None, "the PDF is encrypted (password-protected): save it without a password"
            ) from None
        if code == pdfium_c.FPDF_ERR_SECURITY:
            raise FileFormatError(
                path, None, "the PDF uses a security scheme that cannot be read"
            ) from None
        raise FileFormatError(path, None, f"the PDF is damaged or not a PDF ({exc})") from None


def _font(textpage: pdfium.PdfTextPage, index: int) -> tuple[float, bool]:
    raw = textpage.raw
    size = float(pdfium_c.FPDFText_GetFontSize(raw, index))
    buffer = ctypes.create_string_buffer(96)
    flags = ctypes.c_int(0)
    pdfium_c.FPDFText_GetFontInfo(raw, index, buffer, 96, ctypes.byref(flags))
    name = buffer.value.decode("latin-1", "replace").lower()
    weight = pdfium_c.FPDFText_GetFontWeight(raw, index)
    bold = (
        weight >= 600
        or bool(flags.value & _FORCE_BOLD)
        or any(w in name for w in ("bold", "black", "heavy", "semibold", "demi"))
    )
    return size, bold


def _page_lines(page: pdfium.PdfPage, number: int) -> tuple[list[PdfLine], float]:
    height = float(page.get_height())
    textpage = page.get_textpage()
    try:
        text = textpage.get_text_range()
        count = textpage.count_chars()
        aligned = len(text) == count  # text index == char index (no surrogate pairs)
        out: list[PdfLine] = []
        pos = 0
        for raw_line in text.split("\r\n"):
            start, pos = pos, pos + len(raw_line) + 2
            # PDFium joins a line that ends with a hyphen to the next one and reports the
            # hyphen as U+FFFE: split there again, the hyphen rule decides (pdftext).
            offset = start
            for piece in raw_line.split("\ufffe"):
                hyphen = offset + len(piece) < start + len(raw_line)
                line = _line(
                    textpage, piece + ("-" if hyphen else ""), offset, number, height, aligned
                )
                if line is not None:
                    out.append(line)
                offset += len(piece) + 1
        return out, height
    finally:
        textpage.close()


def _line(
    textpage: pdfium.PdfTextPage, line: str, start: int, number: int, height: float, aligned: bool
) -> PdfLine | None:
    line = line.replace("\r", " ").replace("\n", " ")
    stripped = line.strip()
    if not stripped:
        return None
    first = start + (len(line) - len(line.lstrip()))
    last = start + len(line.rstrip()) - 1
    if not aligned:
        first = pdfium_c.FPDFText_GetCharIndexFromTextIndex(textpage.raw, first)
        last = pdfium_c.FPDFText_GetCharIndexFromTextIndex(textpage.raw, last)
    left, bottom, _right, top = textpage.get_charbox(first, loose=True)
    size, bold = _font(textpage, first)
    if bold and last > first:
        bold = _font(textpage, last)[1]
    if aligned:
        stripped = _drop_small_digits(textpage, line, start, size)
    return PdfLine(
        text=stripped,
        page=number,
        x0=float(left),
        top=height - float(top),
        bottom=height - float(bottom),
        size=size,
        bold=bold,
    )


def _drop_small_digits(textpage: pdfium.PdfTextPage, line: str, start: int, size: float) -> str:
    """The line without footnote calls: digits in a font much smaller than the line's, glued
    to the end of a word (``crime²``, ``prevention,3``)."""
    if not any(c.isdigit() for c in line):
        return line.strip()
    chars = list(line)
    for i, c in enumerate(line):
        if c.isdigit() and i > 0 and not line[i - 1].isspace():
            small = pdfium_c.FPDFText_GetFontSize(textpage.raw, start + i)
            if small and small < 0.8 * size and (line[i - 1].isalpha() or line[i - 1] in ".,;:)”’"):
                chars[i] = ""
    return "".join(chars).strip()


_DIGITS = re.compile(r"\d+")


def _shape(text: str) -> str:
    return _DIGITS.sub("#", " ".join(text.split())).lower()


def read_pdf(
    data: bytes, path: str, *, progress: Callable[[int, int], None] | None = None
) -> list[PdfPage]:
    """The lines of every page, with page furniture and footnotes flagged.

    Raises:
        FileFormatError: not a PDF, encrypted, damaged, or without a text layer.
    """
    document = _open(data, path)
    try:
        pages: list[tuple[list[PdfLine], float]] = []
        total = len(document)
        if total == 0:
            raise FileFormatError(path, None, "the PDF has no pages")
        images = 0
        for index in range(total):
            page = document[index]
            try:
                lines, height = _page_lines(page, index + 1)
                if not lines:
                    images += sum(
                        1 for obj in page.get_objects(max_depth=2) if obj.type == 3
                    )  # FPDF_PAGEOBJ_IMAGE
            finally:
                page.close()
            pages.append((lines, height))
            if progress is not None:
                progress(index + 1, total)
    finally:
        document.close()
    if not any(lines for lines, _ in pages):
        what = "scanned page images" if images else "no text"
        raise FileFormatError(
            path,
            None,
            f"the PDF has no text layer ({what}): OCR is not done; "
            "use the PDF as published (with its text) or the Word file",
        )
    return _flag(pages)


def _flag(pages: list[tuple[list[PdfLine], float]]) -> list[PdfPage]:
    """Flags headers/footers (by place and shape, or repeated on many pages) and footnotes."""
    sizes: Counter[float] = Counter()
    for lines, _ in pages:
        for line in lines:
            sizes[round(line.size, 1)] += len(line.text)
    body = sizes.most_common(1)[0][0] if sizes else 0.0
    # Lines in the header/footer zones repeating (digits aside) on a third of the pages.
    zone_shapes: Counter[str] = Counter()
    for lines, height in pages:
        seen = {
            _shape(x.text)
            for x in lines
            if x.top < height * _HEADER_ZONE or x.bottom > height * (1 - _HEADER_ZONE)
        }
        zone_shapes.update(seen)
    repeated = {
        s for s, n in zone_shapes.items() if len(pages) >= 3 and n >= max(3, len(pages) / 3)
    }
    out: list[PdfPage] = []
    for number, (lines, height) in enumerate(pages, start=1):
        flagged: list[PdfLine] = []
        in_notes = False
        for i, line in enumerate(lines):
            in_zone = line.top < height * _HEADER_ZONE or line.bottom > height * (1 - _HEADER_ZONE)
            furniture = in_zone and (
                (_shape(line.text) in repeated and _header_like(line.text))
                or _is_header_text(line.text)
                or line.size < body * 0.75
            )
            if not furniture and line.size and body and line.size < body * 0.9:
                # a footnote block: small lines at the foot of the page, the first numbered
                rest = lines[i:]
                if in_notes or (
                    re.match(r"^(?:\d{1,3}|[*†‡])\s*\S", line.text)
                    and all(x.size < body * 0.9 for x in rest)
                ):
                    in_notes = True
            flagged.append(
                PdfLine(
                    **{
                        **line.__dict__,
                        "furniture": furniture,
                        "footnote": in_notes and not furniture,
                    }
                )
            )
        out.append(PdfPage(number, height, tuple(flagged)))
    return out


_PARAGRAPH_START = re.compile(r"^(?:\(?[a-z]{1,3}\)|\d{1,4}\.)\s+\S")


def _header_like(text: str) -> bool:
    """A running header repeats, but so may the first line of a page's paragraph: a header is
    short and does not start with a paragraph number."""
    return len(text.split()) <= 10 and not _PARAGRAPH_START.match(text)


def _is_header_text(text: str) -> bool:
    """A header or footer: a symbol, a job number, a page number, or a mix of these."""
    s = " ".join(text.split())
    if is_page_line(s):
        return True
    parts = s.split(" ")
    return all(
        DOC_SYMBOL.match(p) or JOB_NUMBER.match(p) or PAGE_NUMBER.match(p) or p in {"*", "-"}
        for p in parts
    ) or bool(re.fullmatch(r"(?:V\.)?\d{2}-\d{4,6}\s*(?:\([A-Z]\))?\s*[\d\s*]*", s))


_ITEM_START = re.compile(
    r"^(?:\(?[a-z]{1,3}\)|\(?[ivxlc]{1,6}\)|\d{1,3}\.(?:\s|$)|[IVX]{1,5}\.\s|[A-H]\.\s|[•●▪◦■]\s?|[-–]\s)"
)
_NUMBERED_START = re.compile(r"^(?:(?:PP|OP)\s*)?\d{1,4}(?:\s+[a-z]{3,12})?\.\s+[A-Z“\"]")
_TERMINAL_END = re.compile(r"[.;:?!][”\"’')\]]*$")
_SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


def paragraphs(pages: Sequence[PdfPage]) -> list[list[PdfLine]]:
    """The printed paragraphs: lines grouped by paragraph spacing, items, font weight and
    footnotes, across page breaks (a sentence broken by a page goes on). Furniture is left out.
    """
    out: list[list[PdfLine]] = []
    notes: list[list[PdfLine]] = []  # footnotes waiting for the next body paragraph
    previous: PdfLine | None = None
    for page in pages:
        kept = [line for line in page.lines if not line.furniture]
        body = [line for line in kept if not line.footnote]
        pitch = line_pitch(body)
        for line in kept:
            if line.footnote:
                if not notes or re.match(r"^(?:\d{1,3}|[*†‡])\s", line.text):
                    notes.append([line])
                else:
                    notes[-1].append(line)
                continue
            if previous is None:
                new = True
            elif line.bold != previous.bold:
                new = True
            elif line.page != previous.page:
                new = bool(_NUMBERED_START.match(line.text) or _ITEM_START.match(line.text)) or (
                    bool(_TERMINAL_END.search(previous.text)) and not line.text[:1].islower()
                )
            else:
                new = (
                    line.top - previous.top > 1.45 * pitch
                    or bool(_NUMBERED_START.match(line.text))
                    or (
                        bool(_ITEM_START.match(line.text))
                        and bool(_TERMINAL_END.search(previous.text))
                    )
                )
            if new:
                out.extend(notes)
                notes = []
                out.append([line])
            else:
                out[-1].append(line)
            previous = line
    out.extend(notes)
    return out


def source_text(pages: Sequence[PdfPage], *, layout: str = "paragraphs") -> str:
    """The text of a source document in a PDF, for the source importers.

    ``layout="paragraphs"`` lays it out as the hand conversions of the corpus are: one line per
    printed paragraph (words broken at a line end rejoined), a blank line between paragraphs,
    bold paragraphs marked ``**...**``, footnotes with a superscript number (``⁶⁸ See ...``).
    ``layout="lines"`` keeps every printed line, for readers that place bullets and citations
    line by line (the mapping of recommendations).
    Page headers and footers are left out of both.
    """
    return "\n".join(text for text, _ in source_lines(pages, layout=layout)) + "\n"


def source_lines(pages: Sequence[PdfPage], *, layout: str = "paragraphs") -> list[tuple[str, int]]:
    """The lines of :func:`source_text`, each with the page it comes from."""
    out: list[tuple[str, int]] = []
    if layout == "lines":
        for page in pages:
            out += [
                (_source_line(line.text, line), page.number)
                for line in page.lines
                if not line.furniture
            ]
        return out
    vocab = Vocabulary(line.text for page in pages for line in page.lines)
    for group in paragraphs(pages):
        text = _source_line(join_lines([line.text for line in group], vocab), group[0])
        out += [(text, group[0].page), ("", group[-1].page)]
    return out


_SPACE_BEFORE_COMMA = re.compile(r"(?<=\w) +(?=[,;.](?:\s|$))")


def _source_line(text: str, first: PdfLine) -> str:
    text = _SPACE_BEFORE_COMMA.sub("", text)  # left where a footnote call was not drawn
    if first.footnote:
        number = re.match(r"^(\d{1,3})\s*(.*)$", text)
        if number:
            return number.group(1).translate(_SUPERSCRIPT) + " " + number.group(2)
    elif first.bold:
        return f"**{text}**"
    return text


def line_pitch(lines: Sequence[PdfLine]) -> float:
    """The usual distance between the tops of two consecutive lines of a page."""
    gaps = sorted(
        round(b.top - a.top, 1) for a, b in zip(lines, lines[1:], strict=False) if b.top > a.top
    )
    if not gaps:
        return 14.0
    return max(1.0, gaps[len(gaps) // 4])
