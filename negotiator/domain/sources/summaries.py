"""Reads Chair's summaries of thematic discussions (kind ``summaries``).

The summaries of the 2021-2024 thematic discussions on the Kyoto Declaration are a run of
numbered paragraphs (``57. On 5 December 2022, ...``) under this plan::

    I. Background                                        part
    II. 2021-2024 CCPCJ Thematic Discussions: ...        part
    1. 2021 Thematic Discussions – Pillar I: ...         year section (year, pillar)
    (a) Opening session                                  session
    (b) Addressing the causes, ...                       thematic session 1
    Mainstreaming a gender perspective in ...            topic inside a session
    III. Examples for innovative elements ...            part; paragraphs name the next
                                                         Congress's agenda items

Every numbered paragraph becomes one evidence item ``Summaries <n>``; the bullet lists and the
text after a page break that belong to a paragraph are joined in.  Footnotes (``¹ The Chair's
Summary ...``), footnote marks, ``**bold**`` markers and link syntax ``[text](#)`` are left out.

A section heading is told from a paragraph by the numbering: paragraphs run 1, 2, 3, ... through
the whole document, so ``1. 2021 Thematic Discussions ...`` after paragraph 12 is a heading.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import PurePath

from negotiator.domain.sources.base import (
    ParsedDocument,
    SkippedLine,
    SourceFormatError,
    SourceItem,
)
from negotiator.domain.sources.mapping import page_artefacts, reject_unreadable
from negotiator.domain.sources.pdftext import PAGE_LINE, Vocabulary, join_lines

DOCUMENT = "chair's summaries"

_SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_FOOTNOTE = re.compile(rf"^[{_SUPERSCRIPTS}]+")
_PLAIN_FOOTNOTE = re.compile(r"^(\d{1,3})\s+(?=[A-Z“\"(])")
_PART = re.compile(r"^(?:#{1,6}\s*)?(?P<num>[IVX]+)\.\s+(?P<title>\S.*)$")
_NUMBERED = re.compile(r"^(?:#{1,6}\s*)?(?P<num>\d{1,3})\.\s+(?P<rest>\S.*)$")
_SESSION = re.compile(r"^(?:#{1,6}\s*)?\((?P<letter>[a-z])\)\s+(?P<title>\S.*)$")
_BULLET = re.compile(r"^(?:[-•●▪◦–*]|\d{1,2}\))\s+(?P<rest>\S.*)$")
_BULLET_ONLY = re.compile(r"^[-•●▪◦–*]$")
_TERMINAL = re.compile(r"[.;:!?…][”\"’')\]*]*$")
_YEAR = re.compile(r"\b(?:19|20)\d{2}\b")
_PILLAR = re.compile(r"\bpillar\s+(?P<pillar>[IVX]+|\d)\b", re.IGNORECASE)
_OPENING = re.compile(r"\b(?:opening|closing)\b", re.IGNORECASE)
_AGENDA_ITEM = re.compile(
    r"\b(?:agenda\s+)?item\s+(?P<item>\d{1,2})\s+of\s+the\s+\w+\s+(?:crime\s+)?congress|"
    r"\bagenda\s+item\s+(?P<item2>\d{1,2})\b",
    re.IGNORECASE,
)
_QUOTED = re.compile(r"[“\"](?P<title>[^”\"]{8,})[”\"]")
_LINK = re.compile(r"\[([^\]\n]*)\]\([^)\s]*\)")
_HEADING_MAX = 200
_TOPIC_MAX = 120


def parse_summaries(text: str, path: str, *, lenient: bool = False) -> ParsedDocument:
    """Reads the numbered paragraphs of Chair's summaries.

    Args:
        text: the whole document as text.
        path: where it came from (for messages and the returned document).
        lenient: record what the reader cannot place as ``SkippedLine`` instead of raising.

    Returns:
        a ``ParsedDocument`` of kind ``summaries``: one ``SourceItem`` (kind ``evidence``,
        ref ``Summaries <n>``) per numbered paragraph, in document order, with fields
        ``document``, ``part``, ``year``, ``pillar``, ``session``, ``session_number``,
        ``topic``, ``agenda_item`` and ``agenda_item_title``.

    Raises:
        SourceFormatError: empty or binary input, no numbered paragraph at all, or (strict
            mode) text that cannot be placed or a gap in the paragraph numbering.
    """
    reject_unreadable(text, path)
    reader = _SummariesReader(path, lenient, text.splitlines())
    reader.run()
    if not reader.items:
        raise SourceFormatError(path, None, "no numbered paragraphs (1., 2., ...) found")
    return ParsedDocument(
        path=path,
        kind="summaries",
        title=reader.title() or PurePath(path).stem,
        items=tuple(reader.items),
        skipped=tuple(reader.skipped),
    )


@dataclass
class _Paragraph:
    number: int
    line: int
    fields: dict[str, str | int | None]
    lines: list[str] = field(default_factory=list)


class _SummariesReader:
    def __init__(self, path: str, lenient: bool, raw: list[str]) -> None:
        self.path = path
        self.lenient = lenient
        self.raw = raw
        self.artefacts = page_artefacts(raw)
        self.vocab = Vocabulary(raw)
        self.items: list[SourceItem] = []
        self.skipped: list[SkippedLine] = []
        self.front: list[list[str]] = [[]]  # blocks before the first part or paragraph
        self.started = False
        self.expected = 1
        self.last_footnote = 0
        self.part: str | None = None
        self.year: int | None = None
        self.pillar: str | None = None
        self.session: str | None = None
        self.session_number: int | None = None
        self.sessions_in_section = 0
        self.topic: str | None = None
        self.current: _Paragraph | None = None
        self.in_footnote = False
        self.after_blank = True

    # -- main loop -------------------------------------------------------------------------
    def run(self) -> None:
        for lineno, raw_line in enumerate(self.raw, start=1):
            line = raw_line.strip()
            if not line:
                self.in_footnote = False
                self.after_blank = True
                if not self.started and self.front[-1]:
                    self.front.append([])
                continue
            self._line(lineno, line)
            self.after_blank = False
        self._close()

    def _line(self, lineno: int, line: str) -> None:
        if self.in_footnote:
            return
        if _FOOTNOTE.match(line) or self._plain_footnote(line):
            self.in_footnote = True
            return
        if _BULLET_ONLY.match(line) or line in self.artefacts or PAGE_LINE.match(line):
            return
        if not self.started and line.startswith("*") and not line.startswith("**"):
            self.in_footnote = True  # "* This document has not been edited."
            return
        if self._part(lineno, line) or self._numbered(lineno, line) or self._session(line):
            return
        bullet = _BULLET.match(line)
        if bullet and self.started:
            self._continuation(lineno, bullet.group("rest"), bullet=True)
            return
        if not self.started:
            self.front[-1].append(line)
            return
        if self._topic(line):
            return
        self._continuation(lineno, line)

    def _plain_footnote(self, line: str) -> bool:
        """``3 The Chair's Summary ...``: a footnote numbered on from the previous one."""
        match = _PLAIN_FOOTNOTE.match(line)
        if not match or not self.after_blank:
            return False
        number = int(match.group(1))
        if number != self.expected and self.last_footnote < number <= self.last_footnote + 3:
            self.last_footnote = number
            return True
        return False

    # -- headings --------------------------------------------------------------------------
    def _part(self, lineno: int, line: str) -> bool:
        match = _PART.match(line)
        if not match or not _heading_like(line):
            return False
        self._close()
        self.started = True
        self.part = _clean(f"{match.group('num')}. {match.group('title')}")
        self.year = self.pillar = None
        self._reset_session()
        return True

    def _numbered(self, lineno: int, line: str) -> bool:
        match = _NUMBERED.match(line)
        if not match:
            return False
        number = int(match.group("num"))
        rest = match.group("rest")
        heading = _heading_like(line)
        if heading and (number != self.expected or _YEAR.search(rest) or _PILLAR.search(rest)):
            self._section(line, rest)
            return True
        if number < self.expected or number == 0:
            return False  # a numbered list inside a paragraph, or a quoted rule
        if number > self.expected:
            gap = f"paragraph numbering jumps from {self.expected - 1} to {number}"
            if not self.lenient:
                raise SourceFormatError(self.path, lineno, gap)
            self.skipped.append(SkippedLine(line=lineno, text=line, reason=gap))
        self._close()
        self.started = True
        self.current = _Paragraph(number, lineno, self._fields(), [rest])
        self.expected = number + 1
        return True

    def _section(self, line: str, rest: str) -> None:
        self._close()
        self.started = True
        year = _YEAR.search(rest)
        pillar = _PILLAR.search(rest)
        self.year = int(year.group(0)) if year else None
        self.pillar = pillar.group("pillar").upper() if pillar else None
        self._reset_session()

    def _session(self, line: str) -> bool:
        match = _SESSION.match(line)
        if not match or not self.started or not _heading_like(line):
            return False
        self._close()
        title = _clean(match.group("title"))
        self.session = title
        if _OPENING.search(title):
            self.session_number = None
        else:
            self.sessions_in_section += 1
            self.session_number = self.sessions_in_section
        self.topic = None
        return True

    def _topic(self, line: str) -> bool:
        """A short unnumbered heading inside a session, after a finished paragraph."""
        if not self.after_blank or len(line) > _TOPIC_MAX or not _heading_like(line):
            return False
        first = line.lstrip("*“\"'")[:1]
        if not first.isupper():
            return False
        if self.current is not None and not _TERMINAL.search(_clean(self.current.lines[-1])):
            return False  # the paragraph is cut in mid-sentence: this is its continuation
        self._close()
        self.topic = _clean(line)
        return True

    def _reset_session(self) -> None:
        self.session = None
        self.session_number = None
        self.sessions_in_section = 0
        self.topic = None

    # -- paragraphs ------------------------------------------------------------------------
    def _fields(self) -> dict[str, str | int | None]:
        return {
            "document": DOCUMENT,
            "part": self.part,
            "year": self.year,
            "pillar": self.pillar,
            "session": self.session,
            "session_number": self.session_number,
            "topic": self.topic,
            "agenda_item": None,
            "agenda_item_title": None,
        }

    def _continuation(self, lineno: int, line: str, bullet: bool = False) -> None:
        if self.current is None:
            reason = (
                "bullet point outside a numbered paragraph"
                if bullet
                else "text outside a numbered paragraph"
            )
            if not self.lenient:
                snippet = line if len(line) <= 80 else line[:77] + "..."
                raise SourceFormatError(self.path, lineno, f"{reason}: {snippet!r}")
            self.skipped.append(SkippedLine(line=lineno, text=line, reason=reason))
            return
        self.current.lines.append(line)

    def _close(self) -> None:
        paragraph = self.current
        if paragraph is None:
            return
        self.current = None
        text = _clean(join_lines([_strip_marks(t) for t in paragraph.lines], self.vocab))
        fields = dict(paragraph.fields)
        if fields["year"] is None:
            item = _AGENDA_ITEM.search(text)
            if item:
                fields["agenda_item"] = int(item.group("item") or item.group("item2"))
                quoted = _QUOTED.search(text, item.end())
                if quoted and quoted.start() - item.end() < 40:
                    fields["agenda_item_title"] = quoted.group("title").strip()
        placement = {"part": fields["part"], "session": fields["session"], "topic": fields["topic"]}
        self.items.append(
            SourceItem(
                kind="evidence",
                ref=f"Summaries {paragraph.number}",
                text=text,
                line=paragraph.line,
                fields=fields,
                placements=(placement,),
            )
        )

    def title(self) -> str | None:
        blocks = [" ".join(b) for b in self.front if b]
        if not blocks:
            return None
        named = [b for b in blocks if re.search(r"summar", b, re.IGNORECASE)]
        bold = [b for b in named or blocks if b.startswith("**")]
        chosen = (bold or named or blocks)[0]
        chosen = re.sub(r"\s*\*+$", "", chosen.replace("**", "")).strip()
        return " ".join(chosen.split())


def _strip_marks(line: str) -> str:
    """Removes bold markers, footnote marks and link syntax from one line of text."""
    line = line.replace("**", "")
    line = _LINK.sub(r"\1", line)
    return re.sub(rf"[{_SUPERSCRIPTS}]+", "", line)


def _clean(text: str) -> str:
    return " ".join(_strip_marks(text).split())


def _heading_like(line: str) -> bool:
    """Short, and not ending like a sentence (headings carry no final full stop)."""
    text = _clean(line)
    return len(text) <= _HEADING_MAX and not _TERMINAL.search(text)
