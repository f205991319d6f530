"""Reads a "mapping" of regional recommendations (kind ``recommendations``).

A mapping groups the recommendations of the regional preparatory meetings of a Crime Congress
by part (the main theme, an agenda item with its workshop, general issues) and by theme.  Every
recommendation ends with a citation of the regional report it comes from::

    Strengthen the role of the Commission ... at the national, regional and
    international levels. [AP 62(d)]

``AP`` Asia and the Pacific, ``LAC`` Latin America and the Caribbean, ``WA`` Western Asia,
``A`` Africa, ``E`` Europe; the number is the paragraph of the region's report, the letter its
sub-paragraph.  The same citation printed under several themes is one recommendation with
several placements.

The text comes from PDF extraction, so the reader copes with: bullets on lines of their own far
from their text, Roman theme numbers detached from their headings, page numbers and repeating
page headers, footnotes between (or inside) recommendations, citations wrapped over two lines
(``[LAC`` / ``80(e)]``), and words hyphenated at a line end.  Citation variants such as
``[AP 62 (a)]``, ``[AP, para. 62 (a)]`` or ``[ESCAP 62(a)]`` are read too.

Text that ends without a citation before the next heading cannot be placed: strict mode raises
:class:`SourceFormatError` naming its line, lenient mode records a :class:`SkippedLine`.

Hyphens, page numbers and job numbers are cleaned by :mod:`negotiator.domain.sources.pdftext`;
:func:`reject_unreadable` and :func:`page_artefacts` at the end of the module are shared with the
other importers.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import PurePath

from negotiator.domain.sources.base import (
    ParsedDocument,
    SkippedLine,
    SourceFormatError,
    SourceItem,
)
from negotiator.domain.sources.pdftext import PAGE_LINE, Vocabulary, join_lines

#: Canonical region codes of the regional preparatory meetings and their names.
REGION_NAMES: dict[str, str] = {
    "AP": "Asia and the Pacific",
    "LAC": "Latin America and the Caribbean",
    "WA": "Western Asia",
    "A": "Africa",
    "E": "Europe",
}
#: Other spellings of the region codes (regional commissions, abbreviations).
REGION_ALIASES: dict[str, str] = {
    "ASP": "AP",
    "ESCAP": "AP",
    "ECLAC": "LAC",
    "ESCWA": "WA",
    "ECA": "A",
    "AFR": "A",
    "ECE": "E",
    "EUR": "E",
}

# [AP 62(a)]  [LAC 80 (b)]  [AP, para. 62 (a)]  [E 57]  [WA 14 c]
CITATION = re.compile(
    r"\[\s*(?P<code>[A-Z]{1,6})\s*[,.;:]?\s*"
    r"(?:(?:paras?|paragraphs?|¶)\.?\s*)?"
    r"(?P<num>\d{1,4})\s*"
    r"(?:\(\s*(?P<sub>[a-z]{1,4})\s*\)|(?P<bare>[a-z])\b)?"
    r"\s*\]"
)
# A citation opened at the end of a line and closed on the next one: "... Goals. [LAC".
_OPEN_CITATION = re.compile(
    r"\[\s*[A-Z]{1,6}\s*[,.;:]?\s*(?:(?:paras?|paragraphs?|¶)\.?\s*)?"
    r"(?:\d{1,4}\s*)?(?:\(\s*[a-z]{0,4}\s*)?$"
)

_BULLET_ONLY = re.compile(r"^[•●▪◦■□‣⁃∙·*–\-o]$")
_LEADING_BULLET = re.compile(r"^(?:[•●▪◦■□‣⁃∙·]|[*\-–](?=\s))\s*")
_NUMBER_ONLY = re.compile(r"^(?:[IVXLC]+\.?|[A-H]\.|\(?[ivx]+\)|\(?[a-z]\))$")
_NUMBERED_HEADING = re.compile(r"^(?:[IVXLC]+|[A-H])\.\s+(?=[A-Z“\"'‘])")
_EXPLICIT_HEADING = re.compile(
    r"^(?:#{1,6}\s+\S|\*\*[^*].*\*\*$|(?:[IVXLC]+|[A-H])\.\s+[A-Z“\"'‘])"
)
_ONE_LINE_HEADING = re.compile(r"^(?:#{1,6}\s+\S.*|\*\*[^*].*\*\*)$")
_FOOTNOTE_START = re.compile(r"^(?:\d{1,2}(?!\d)|[¹²³⁴⁵⁶⁷⁸⁹⁰]+|\*{1,3})\s*(?=[A-Z“\"(])")
# The legend of the region codes: "“[AP…]” stands for the Report of the Asia and ...".
_LEGEND = re.compile(r"\[[A-Z]{1,6}\s*(?:…|\.\.\.)\s*\]|^throughout this document\b", re.IGNORECASE)
_LEGEND_ENTRY = re.compile(
    r"\[(?P<code>[A-Z]{1,6})\s*(?:…|\.\.\.)?\s*\]?\s*[”\"]?\s+stands for\s+(?:the\s+)?"
    r"(?:Report of the\s+)?(?P<name>.+?)\s+(?:Regional Preparatory Meeting|RPM)\b",
    re.IGNORECASE,
)
# Headings of the higher level ("parts"): main theme, general issues, agenda items, workshops.
_PART = re.compile(
    r"\(\s*agenda items?\s+\d+|\(\s*workshop\s+\d+\s*\)|"
    r"^[\s“\"'*#]*(?:general issues|main theme|overall theme|agenda items?\s+\d+|workshop\s+\d+|"
    r"substantive (?:agenda )?item|cross-cutting issues)\b",
    re.IGNORECASE,
)
_PART_START_LINE = re.compile(
    r"^[\s“\"'*#]*(?:general issues|main theme|overall theme|agenda item\s+\d+|workshop\s+\d+)\b",
    re.IGNORECASE,
)
_CONNECTIVES = frozenset(
    "a an and as at between by for from in including its of on or such than that the their "
    "to which with".split()
)
_TERMINAL = re.compile(r"[.;!?][”\"’')\]]*\d{0,2}$")


def parse_mapping(text: str, path: str, *, lenient: bool = False) -> ParsedDocument:
    """Reads the recommendations of a mapping document.

    Args:
        text: the whole document as text.
        path: where it came from (for messages and the returned document).
        lenient: record text the reader cannot place as ``SkippedLine`` instead of raising.

    Returns:
        a ``ParsedDocument`` of kind ``recommendations``: one ``SourceItem`` per distinct
        citation, in order of first appearance, with one placement per appearance.

    Raises:
        SourceFormatError: empty or binary input, no recommendation at all, or (strict mode)
            text that cannot be placed.
    """
    reject_unreadable(text, path)
    no_recommendations = "no recommendations found: no citation like [AP 62(a)] in the text"
    if not CITATION.search(text):  # (a citation wrapped over two lines matches too)
        raise SourceFormatError(path, None, no_recommendations)
    reader = _MappingReader(path, lenient, text.splitlines())
    reader.run()
    if not reader.items:
        raise SourceFormatError(path, None, no_recommendations)
    items = tuple(item.to_source_item() for item in reader.items.values())
    return ParsedDocument(
        path=path,
        kind="recommendations",
        title=reader.title or PurePath(path).stem,
        items=items,
        skipped=tuple(reader.skipped),
    )


def region_of(code: str) -> str:
    """Returns the canonical region code for a printed code (``ESCAP`` -> ``AP``)."""
    return REGION_ALIASES.get(code, code)


@dataclass
class _Recommendation:
    region: str
    region_name: str | None
    paragraph: int
    subparagraph: str | None
    text: str
    line: int
    placements: list[dict[str, str | None]] = field(default_factory=list)

    @property
    def ref(self) -> str:
        sub = f"({self.subparagraph})" if self.subparagraph else ""
        return f"{self.region} {self.paragraph}{sub}"

    def to_source_item(self) -> SourceItem:
        return SourceItem(
            kind="recommendation",
            ref=self.ref,
            text=self.text,
            line=self.line,
            fields={
                "region": self.region,
                "region_name": self.region_name,
                "paragraph": self.paragraph,
                "subparagraph": self.subparagraph,
            },
            placements=tuple(self.placements),
        )


Segment = list[tuple[int, str]]


class _MappingReader:
    """One pass over the lines; ``acc`` holds text read since the last citation."""

    def __init__(self, path: str, lenient: bool, raw: list[str]) -> None:
        self.path = path
        self.lenient = lenient
        self.lines = _merge_wrapped_citations(raw)
        self.artefacts = page_artefacts(raw)
        self.vocab = Vocabulary(raw)
        self.legend: dict[str, str] = {}
        self.items: dict[str, _Recommendation] = {}
        self.skipped: list[SkippedLine] = []
        self.title: str | None = None
        self.front: list[str] = []  # heading blocks before the first part or recommendation
        self.started = False
        self.part: str | None = None
        self.theme: str | None = None
        # Text since the last citation, as segments separated by blank or bullet lines.
        self.acc: list[Segment] = []
        self.closed = False  # a separator followed the last text line
        self.page_break = False  # that separator held a page number, header or footnote

    # -- main loop -------------------------------------------------------------------------
    def run(self) -> None:
        i = 0
        n = len(self.lines)
        while i < n:
            lineno, raw_line = self.lines[i]
            line = raw_line.strip()
            i += 1
            if not line or _BULLET_ONLY.match(line) or _NUMBER_ONLY.match(line):
                self._separator()
                continue
            if self._is_artefact(line):
                self._separator(page_break=True)
                continue
            at_boundary = not self.acc or self.closed
            if at_boundary and (_LEGEND.search(line) or _FOOTNOTE_START.match(line)):
                i = self._skip_footnote(i - 1)
                continue
            self._text_line(lineno, line)
        self._flush()

    def _separator(self, page_break: bool = False) -> None:
        if self.acc:
            self.closed = True
            self.page_break = self.page_break or page_break

    def _is_artefact(self, line: str) -> bool:
        return line in self.artefacts or PAGE_LINE.match(line) is not None

    def _skip_footnote(self, start: int) -> int:
        """Skips a footnote (or the legend of the region codes) up to the next blank line."""
        j = start
        block: list[str] = []
        while j < len(self.lines):
            line = self.lines[j][1].strip()
            if not line or (_BULLET_ONLY.match(line) and j > start):
                break
            block.append(line)
            j += 1
        for match in _LEGEND_ENTRY.finditer(" ".join(block)):
            code = region_of(match.group("code"))
            self.legend.setdefault(code, " ".join(match.group("name").split()))
        if self.acc:
            self.closed = True
            self.page_break = True
        return j

    def _text_line(self, lineno: int, line: str) -> None:
        line = _LEADING_BULLET.sub("", line)
        if not line:
            return
        if self.acc and (_EXPLICIT_HEADING.match(line) or self._starts_part(line)):
            self._flush()
        elif self.acc and self.closed:
            if self._continues(line):
                if self._ends_sentence() and not _continues_sentence(self.acc[-1], line):
                    self.acc.append([])  # the next sentence after a page break
            else:
                self._flush()
        self.closed = False
        self.page_break = False
        if not self.acc:
            self.acc.append([])
        pos = 0
        for match in CITATION.finditer(line):
            before = line[pos : match.start()].strip()
            if before:
                if not self.acc:
                    self.acc.append([])
                self.acc[-1].append((lineno, before))
            self._recommendation(match, lineno)
            pos = match.end()
        rest = line[pos:].strip()
        if rest:
            if not self.acc:
                self.acc.append([])
            self.acc[-1].append((lineno, rest))
            if _ONE_LINE_HEADING.match(rest):
                self._flush()  # a marked-up heading is complete on its line

    def _starts_part(self, line: str) -> bool:
        if not _PART_START_LINE.match(line):
            return False
        last = self.acc[-1][-1][1] if self.acc and self.acc[-1] else ""
        return not _is_unfinished(last)

    def _ends_sentence(self) -> bool:
        last = " ".join(t for _, t in self.acc[-1]) if self.acc and self.acc[-1] else ""
        return bool(_TERMINAL.search(last)) and not _PART.search(last)

    def _continues(self, line: str) -> bool:
        """Whether ``line``, after a separator, goes on with the text in ``acc``."""
        if CITATION.match(line):
            return True
        if not self.acc or not self.acc[-1]:
            return False
        last = self.acc[-1][-1][1]
        if _continues_sentence(self.acc[-1], line):
            return True
        # A new sentence after a page break belongs to the text cut by the page break, unless
        # the text so far is a heading (no terminal punctuation).
        return self.page_break and self._ends_sentence() and not _PART.search(last)

    # -- results ---------------------------------------------------------------------------
    def _recommendation(self, match: re.Match[str], lineno: int) -> None:
        segments = [s for s in self.acc if s]
        self.acc = []
        self.closed = False
        if not segments:
            self._unplaceable(lineno, match.group(0), "citation without recommendation text")
            return
        self._start_body()
        first_line = segments[0][0][0]
        body = join_lines([t for s in segments for _, t in s], self.vocab)
        code = region_of(match.group("code"))
        sub = match.group("sub") or match.group("bare")
        rec = _Recommendation(
            region=code,
            region_name=REGION_NAMES.get(code) or self.legend.get(code),
            paragraph=int(match.group("num")),
            subparagraph=sub,
            text=body,
            line=first_line,
        )
        # The same citation printed again (under another theme) is the same recommendation:
        # the first text is kept, even when a later copy differs slightly (a missing full stop,
        # other line breaks, a corrected typo); the later copy adds a placement only.
        existing = self.items.setdefault(rec.ref, rec)
        existing.placements.append({"part": self.part, "theme": self.theme})

    def _start_body(self) -> None:
        """Ends the front matter at the first recommendation of a document without parts."""
        if self.started:
            return
        self.started = True
        chosen = _choose_title(self.front)
        self.title = _title_text(self.front[chosen]) if chosen is not None else None
        # A heading after the title, right before the first recommendation, is its theme.
        if self.part is None and chosen is not None and chosen < len(self.front) - 1:
            self.theme = _heading_text(self.front[-1])

    def _flush(self) -> None:
        """Reads the text in ``acc`` (not followed by a citation) as headings or orphan text."""
        segments = [s for s in self.acc if s]
        self.acc = []
        self.closed = False
        self.page_break = False
        for segment in segments:
            for piece in _split_at_part_lines(segment):
                text = join_lines([t for _, t in piece], self.vocab)
                if _PART.search(text):
                    self._part(text)
                elif _TERMINAL.search(text):
                    # Prose before the first heading or recommendation is front matter.
                    if self.started:
                        self._unplaceable(piece[0][0], text, _ORPHAN)
                elif self.started:
                    self.theme = _heading_text(text)
                else:
                    self.front.append(text)

    def _part(self, text: str) -> None:
        if not self.started:
            self.started = True
            chosen = _choose_title(self.front)
            self.title = _title_text(self.front[chosen]) if chosen is not None else None
        self.part = _heading_text(text, strip_number=False)
        self.theme = None

    def _unplaceable(self, lineno: int, text: str, reason: str) -> None:
        if not self.lenient:
            snippet = text if len(text) <= 80 else text[:77] + "..."
            raise SourceFormatError(self.path, lineno, f"{reason}: {snippet!r}")
        self.skipped.append(SkippedLine(line=lineno, text=text, reason=reason))


_ORPHAN = "text not followed by a citation like [AP 62(a)] before the next heading"


def _continues_sentence(segment: Segment, line: str) -> bool:
    """Whether ``line`` obviously continues the sentence of ``segment`` (cut by a separator)."""
    if not segment:
        return False
    last = segment[-1][1]
    first = line.lstrip()[:1]
    return first.islower() or first in ",;:)]" or _is_unfinished(last)


def _is_unfinished(line: str) -> bool:
    line = line.rstrip()
    if not line:
        return False
    if line.endswith(("-", "\u00ad", ",")):
        return True
    words = line.split()
    return words[-1].lower() in _CONNECTIVES


def _split_at_part_lines(segment: Segment) -> list[Segment]:
    """Splits a block where a part heading starts a line (title lines followed by a part)."""
    pieces: list[Segment] = [[]]
    for entry in segment:
        starts = _PART_START_LINE.match(entry[1])
        if pieces[-1] and starts and not _is_unfinished(pieces[-1][-1][1]):
            pieces.append([])
        pieces[-1].append(entry)
    return [p for p in pieces if p]


def _heading_text(text: str, *, strip_number: bool = True) -> str:
    text = text.replace("**", "").strip()
    text = re.sub(r"^#{1,6}\s+", "", text)
    if strip_number:
        text = _NUMBERED_HEADING.sub("", text)
    return text.strip()


def _choose_title(front: Sequence[str]) -> int | None:
    """The title among the front-matter blocks: one that names the exercise, else the longest."""
    if not front:
        return None
    for i, block in enumerate(front):
        if re.search(r"mapping|recommendations|compilation", block, re.IGNORECASE):
            return i
    return max(range(len(front)), key=lambda i: len(front[i]))


def _title_text(block: str) -> str:
    """The title without mark-up and without a footnote mark glued to its last word."""
    title = _heading_text(block, strip_number=False)
    return re.sub(r"(?<=[a-z])\d{1,2}$|\s*\*+$", "", title).strip()


def _merge_wrapped_citations(raw: Sequence[str]) -> list[tuple[int, str]]:
    """Numbers the lines, joining a citation wrapped over two lines (``[LAC`` / ``80(e)]``)."""
    out: list[tuple[int, str]] = []
    i = 0
    while i < len(raw):
        line = raw[i]
        opened = _OPEN_CITATION.search(line.rstrip())
        if opened:
            j = i + 1
            while j < len(raw) and j <= i + 3 and not raw[j].strip():
                j += 1
            if j < len(raw):
                joined = line.rstrip() + " " + raw[j].strip()
                match = CITATION.search(joined, opened.start())
                if match and match.start() == opened.start():
                    out.append((i + 1, joined))
                    i = j + 1
                    continue
        out.append((i + 1, line))
        i += 1
    return out


# -- shared text helpers -------------------------------------------------------------------


def reject_unreadable(text: str, path: str) -> None:
    """Raises ``SourceFormatError`` for empty or binary (non-text) input."""
    if not isinstance(text, str):
        raise SourceFormatError(path, None, "expected text, got binary data")
    if not text.strip():
        raise SourceFormatError(path, None, "the file is empty")
    if "\x00" in text:
        raise SourceFormatError(path, None, "the file is binary data, not text")
    sample = text[:20000]
    bad = sum(
        1
        for ch in sample
        if ch == "\ufffd"
        or (unicodedata.category(ch) in ("Cc", "Cs", "Co") and ch not in "\n\r\t\f\v")
    )
    if bad > max(2, len(sample) // 100):
        raise SourceFormatError(path, None, "the file looks like binary data, not text")


_HEADER_SHAPE = re.compile(r"\d|^[^a-z]*[A-Z][^a-z]*$|/")


def page_artefacts(lines: Sequence[str]) -> frozenset[str]:
    """Lines that repeat as page headers or footers (stripped), to be ignored.

    A line counts when it occurs at least three times, holds no citation and looks like a
    header (a number, a document symbol, or all capitals) and is followed by different text
    at its occurrences (a recommendation printed three times is followed by the same line).
    """
    stripped = [line.strip() for line in lines]
    counts = Counter(s for s in stripped if s)
    candidates = {
        line
        for line, count in counts.items()
        if count >= 3
        and 2 <= len(line) <= 120
        and _HEADER_SHAPE.search(line)
        and not CITATION.search(line)
        and not _BULLET_ONLY.match(line)
        and not _NUMBER_ONLY.match(line)
    }
    followers: dict[str, set[str]] = {line: set() for line in candidates}
    pending: list[str] = []  # candidates waiting for their next non-blank line
    for s in stripped:
        if not s:
            continue
        for line in pending:
            followers[line].add(s)
        pending = [s] if s in candidates else []
    for line in pending:
        followers[line].add("")
    return frozenset(line for line, after in followers.items() if len(after) > 1)
