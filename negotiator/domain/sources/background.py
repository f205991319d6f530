"""Reads a background paper for the thematic discussions on a declaration (kind ``background``).

A background paper (e.g. the 2021 CCPCJ thematic discussions on implementing the Kyoto
Declaration) is organised in thematic sessions. Each session quotes operative paragraphs of
the declaration verbatim, under topic headings ("IN THE KYOTO DECLARATION, MEMBER STATES
ENDEAVOURED TO ...:", "Evidence-based crime prevention", "22. Enhance ..."), then gives
background, then "Possible questions for discussion" as bullets (and sometimes a question
printed as a paragraph of its own between two bullets).

Returned items:

* every quoted paragraph, ``SourceItem(kind="evidence", ref="Kyoto 22")``, its text verbatim
  without its number (only the paper's own footnote calls are removed). A paragraph quoted
  twice gives one item with one placement per quotation;
* every possible question, ``SourceItem(kind="question", ref="2021 background Q5")``,
  numbered 1.. in document order across sessions.

Lines inside a quotation or question section that cannot be placed raise
``SourceFormatError`` (strict) or are recorded as ``SkippedLine`` (lenient).
"""

from __future__ import annotations

import os
import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field

from negotiator.domain.sources.base import (
    ParsedDocument,
    SkippedLine,
    SourceFormatError,
    SourceItem,
)
from negotiator.domain.sources.guide import (
    PageFurniture,
    Vocabulary,
    clean_line,
    finish_text,
    is_footnote_line,
    read_lines,
    strip_footnote_calls,
)

__all__ = ["parse_background"]

_WORD_NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7}
_ROMAN_NUMBERS = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5, "vi": 6, "vii": 7, "viii": 8}
_SESSION_RE = re.compile(
    r"(?:^|[\s–—:-])(?:thematic\s+)?session\s+"
    r"(\d{1,2}|[ivx]{1,4}|one|two|three|four|five|six|seven)"
    r"\b\s*(?:[:.–—-]\s*(.*))?$",
    re.I,
)
_DECLARATION_INTRO_RE = re.compile(
    r"\bin\s+the\s+([A-Z][\w-]+)\s+declaration\b.*\b(?:endeavou?red|committed|undertook|"
    r"resolved|decided|following\s+actions|pledged)",
    re.I,
)
_DECLARATION_NAME_RE = re.compile(r"\b([A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)\s+Declaration\b")
_NUMBERED_RE = re.compile(r"^(\d{1,3})\.\s+(\S.*)$")
_BULLET_RE = re.compile(r"^(?:[-•●▪◦*–]|\d{1,2}[.)]|\(?[a-z]\))\s+(\S.*)$")
_QUESTIONS_HEADING_RE = re.compile(
    r"(?:(?:possible|suggested|guiding|key)\s+)?(?:(?:discussion\s+)?questions"
    r"(?:\s+for\s+(?:further\s+)?discussion)?(?:\s+(?:include|are|could\s+include|may\s+include))?"
    r"|discussion\s+questions)\s*[:.]?",
    re.I,
)
_SECTION_WORDS = re.compile(
    r"(?:background|introduction|conclusions?|recommendations?|annex(?:\s+\w+)?|references|"
    r"notes|way\s+forward|summary)\s*:?",
    re.I,
)
_PILLAR_RANGE_RE = re.compile(
    r"\bpillar\s+([IVX]{1,4})\b[^()\d]{0,40}?(?:paras?\.?|paragraphs?)\s*"
    r"(\d{1,3})\s*[-–]\s*(\d{1,3})",
    re.I,
)
_PILLAR_FOCUS_RE = re.compile(r"\bfocus(?:es|ed)?\s+on\s+pillar\s+([IVX]{1,4})\b", re.I)
_YEAR_RE = re.compile(r"\b(19[5-9]\d|20[0-9]\d)\b")
_TERMINAL = ".?!;:,"


def _session_number(token: str) -> int | None:
    t = token.lower()
    if t.isdigit():
        return int(t)
    return _WORD_NUMBERS.get(t) or _ROMAN_NUMBERS.get(t)


def _is_all_caps_heading(line: str) -> bool:
    letters = [c for c in line if c.isalpha()]
    return len(letters) >= 4 and all(c.isupper() for c in letters) and len(line) <= 400


def _looks_like_topic(line: str) -> bool:
    s = line.strip()
    if not s or len(s) > 150 or len(s.split()) > 20 or s[-1] in _TERMINAL:
        return False
    return s[0].isupper()


def _uncapitalised_start(line: str) -> bool:
    c = line[0]
    return c.islower() or c in ",;:)]-–—”’"


@dataclass
class _Pending:
    kind: str  # "evidence" | "question"
    line: int
    parts: list[str]
    number: int | None = None  # declaration paragraph
    fields: dict[str, str | int | None] = field(default_factory=dict)


class _BackgroundParser:
    def __init__(self, text: str, path: str, lenient: bool) -> None:
        self.path = path
        self.lenient = lenient
        self.raw = read_lines(text, path)
        self.lines = [clean_line(x) for x in self.raw]
        joined = "\n".join(self.lines)
        self.vocab = Vocabulary(joined)
        self.furniture = PageFurniture(self.raw)
        self.title, self.year = self._title_and_year()
        self.declaration = self._declaration_name(joined)
        self.pillar_ranges = [
            (m.group(1).upper(), int(m.group(2)), int(m.group(3)))
            for m in _PILLAR_RANGE_RE.finditer(joined)
        ]
        focus = {m.group(1).upper() for m in _PILLAR_FOCUS_RE.finditer(joined)}
        self.pillar_focus = focus.pop() if len(focus) == 1 else None
        self.mode = "other"  # "other" | "quotes" | "questions"
        self.session: int | None = None
        self.session_title: str | None = None
        self.session_title_open = False
        self.topic: str | None = None
        self.current: _Pending | None = None
        self.done: list[_Pending] = []
        self.skipped: list[SkippedLine] = []
        self.last_index = -10
        self.last_target: str | None = None

    # -- document level ------------------------------------------------------------

    def _title_and_year(self) -> tuple[str, int | None]:
        first: list[str] = []
        start = None
        for i, s in enumerate(self.lines):
            if not s:
                if first:
                    break
                continue
            if len(s) > 200:
                break
            if start is None:
                start = i
            first.append(s)
        title = " ".join(first)
        for s in self.lines[(start or 0) + len(first) : (start or 0) + len(first) + 8]:
            if re.fullmatch(r"background\s+(?:paper|note)", s, re.I) and (
                s.lower() not in title.lower()
            ):
                title = f"{title} – {s}" if title else s
                break
        if not title:
            title = os.path.splitext(os.path.basename(self.path))[0] or "Background paper"
        year: int | None = None
        head: list[str] = []
        for s in self.lines:
            if len(s) > 200:
                break
            head.append(s)
        years = _YEAR_RE.findall(" ".join(head))
        if years:
            year = int(Counter(years).most_common(1)[0][0])
        else:
            for s in self.lines:
                if _SESSION_RE.search(s) and _YEAR_RE.search(s):
                    year = int(_YEAR_RE.search(s).group(1))  # type: ignore[union-attr]
                    break
        return title, year

    @staticmethod
    def _declaration_name(text: str) -> str:
        m = _DECLARATION_INTRO_RE.search(text)
        if m:
            return m.group(1).capitalize()
        names = Counter(
            n
            for n in _DECLARATION_NAME_RE.findall(text)
            if n.split()[0] not in {"The", "This", "That"}
        )
        return names.most_common(1)[0][0] if names else "Declaration"

    def _pillar(self, n: int) -> str | None:
        for pillar, lo, hi in self.pillar_ranges:
            if lo <= n <= hi:
                return pillar
        return self.pillar_focus

    def run(self) -> ParsedDocument:
        for i, line in enumerate(self.lines):
            if line:
                self._line(i, line)
        self._flush()
        questions = [p for p in self.done if p.kind == "question"]
        evidence = [p for p in self.done if p.kind == "evidence"]
        if not questions and not evidence:
            raise SourceFormatError(
                self.path,
                None,
                "no quoted declaration paragraphs and no 'Possible questions for discussion' "
                "found: not a background paper?",
            )
        if not questions and not self.lenient:
            raise SourceFormatError(self.path, None, "no 'Possible questions for discussion' found")
        return ParsedDocument(
            path=self.path,
            kind="background",
            title=self.title,
            items=tuple(self._items()),
            skipped=tuple(self.skipped),
        )

    def _items(self) -> list[SourceItem]:
        items: list[SourceItem] = []
        by_paragraph: dict[int, int] = {}
        k = 0
        prefix = f"{self.year} background" if self.year else "background"
        for p in self.done:
            text = finish_text(p.parts, self.vocab)
            if not text:
                continue
            if p.kind == "evidence":
                assert p.number is not None
                placement: Mapping[str, str | int | None] = {
                    "session": p.fields["session"],
                    "topic": p.fields["topic"],
                }
                if p.number in by_paragraph:
                    j = by_paragraph[p.number]
                    old = items[j]
                    items[j] = SourceItem(
                        kind=old.kind,
                        ref=old.ref,
                        text=old.text,
                        line=old.line,
                        fields=old.fields,
                        placements=(*old.placements, placement),
                    )
                    continue
                by_paragraph[p.number] = len(items)
                items.append(
                    SourceItem(
                        kind="evidence",
                        ref=f"{self.declaration} {p.number}",
                        text=text,
                        line=p.line,
                        fields=p.fields,
                        placements=(placement,),
                    )
                )
            else:
                k += 1
                fields = dict(p.fields)
                fields["number"] = k
                items.append(
                    SourceItem(
                        kind="question",
                        ref=f"{prefix} Q{k}",
                        text=text,
                        line=p.line,
                        fields=fields,
                        placements=(
                            {
                                "session": fields["session"],
                                "session_title": fields["session_title"],
                            },
                        ),
                    )
                )
        return items

    # -- line by line --------------------------------------------------------------

    def _mark(self, target: str | None, i: int) -> None:
        self.last_target = target
        self.last_index = i

    def _adjacent(self, i: int) -> bool:
        return self.last_index == i - 1

    def _flush(self) -> None:
        if self.current is not None:
            self.done.append(self.current)
            self.current = None

    def _unplaceable(self, i: int, line: str, reason: str) -> None:
        if not self.lenient:
            raise SourceFormatError(self.path, i + 1, f"{reason}: {line[:80]!r}")
        self.skipped.append(SkippedLine(line=i + 1, text=self.raw[i].strip(), reason=reason))
        self._mark("skipped", i)

    def _is_session_heading(self, line: str) -> re.Match[str] | None:
        if len(line) > 400 or line.rstrip().endswith("."):
            return None
        m = _SESSION_RE.search(line)
        if m is None or _session_number(m.group(1)) is None:
            return None
        head = line[: m.start()].strip(" –—:-")
        if head and not (_is_all_caps_heading(head) or _YEAR_RE.search(head)):
            return None
        return m

    def _line(self, i: int, line: str) -> None:
        m = self._is_session_heading(line)
        if m:
            self._flush()
            self.session = _session_number(m.group(1))
            self.session_title = (m.group(2) or "").strip() or None
            self.session_title_open = self.session_title is None
            self.mode = "quotes"  # quotations usually follow the session heading
            self.topic = None
            self._mark("session", i)
            return
        if self.session_title_open:
            self.session_title_open = False
            if _looks_like_topic(line) or _is_all_caps_heading(line):
                self.session_title = line
                self._mark("session", i)
                return
        if is_footnote_line(line) or (
            self.last_target == "footnote" and self._adjacent(i) and not _BULLET_RE.match(line)
        ):
            self._mark("footnote", i)
            return
        if self.furniture(line):
            self._mark("furniture", i)
            return
        if _DECLARATION_INTRO_RE.search(line) and len(line) < 400:
            self._flush()
            self.mode = "quotes"
            self.topic = None
            self._mark("intro", i)
            return
        stripped = line.strip("#*: ").strip()
        if _QUESTIONS_HEADING_RE.fullmatch(stripped):
            if self.mode != "questions":
                self._flush()
            self.mode = "questions"
            self._mark("intro", i)
            return
        if _SECTION_WORDS.fullmatch(stripped) or (
            _is_all_caps_heading(line) and self.mode != "other" and len(line) < 200
        ):
            self._flush()
            self.mode = "other"
            self._mark("heading", i)
            return
        if self.mode == "quotes":
            self._quote_line(i, line)
        elif self.mode == "questions":
            self._question_line(i, line)
        else:
            self._mark(None, i)

    def _quote_line(self, i: int, line: str) -> None:
        m = _NUMBERED_RE.match(line)
        if m and not _looks_like_topic(line):
            self._flush()
            n = int(m.group(1))
            self.current = _Pending(
                kind="evidence",
                line=i + 1,
                parts=[m.group(2)],
                number=n,
                fields={
                    "document": "background paper",
                    "year": self.year,
                    "paragraph": n,
                    "topic": self.topic,
                    "session": self.session,
                    "pillar": self._pillar(n),
                },
            )
            self._mark("evidence", i)
            return
        cur = self.current
        if cur is not None and self._adjacent(i) and self.last_target == "evidence":
            cur.parts.append(line)
            self._mark("evidence", i)
            return
        if cur is not None and (
            _uncapitalised_start(line) or strip_footnote_calls(" ".join(cur.parts))[-1:] not in ".;"
        ):
            cur.parts.append(line)
            self._mark("evidence", i)
            return
        if _looks_like_topic(line):
            self._flush()
            if self.last_target == "topic" and self._adjacent(i) and self.topic:
                self.topic = f"{self.topic} {line}"
            else:
                self.topic = strip_footnote_calls(line)
            self._mark("topic", i)
            return
        if cur is None and self.topic is None:
            # prose between a session heading and the quotations: not a quotation section
            self.mode = "other"
            self._mark(None, i)
            return
        self._unplaceable(i, line, "line among the quoted declaration paragraphs")

    def _question_line(self, i: int, line: str) -> None:
        m = _BULLET_RE.match(line)
        cur = self.current
        if m:
            self._start_question(i, m.group(1))
            return
        if cur is not None and self._adjacent(i) and self.last_target == "question":
            cur.parts.append(line)
            self._mark("question", i)
            return
        if cur is not None and _uncapitalised_start(line):
            cur.parts.append(line)
            self._mark("question", i)
            return
        if "?" in line:
            # a question printed as a paragraph of its own
            self._start_question(i, line)
            return
        if cur is None and line.rstrip().endswith(":"):
            self._mark("intro", i)
            return
        self._unplaceable(i, line, "line among the questions for discussion that is not a question")

    def _start_question(self, i: int, text: str) -> None:
        self._flush()
        self.current = _Pending(
            kind="question",
            line=i + 1,
            parts=[text],
            fields={
                "document": "background paper",
                "year": self.year,
                "session": self.session,
                "session_title": self.session_title,
            },
        )
        self._mark("question", i)


def parse_background(text: str, path: str, *, lenient: bool = False) -> ParsedDocument:
    """Read the quoted declaration paragraphs and the possible questions of a background paper.

    Args:
        text: the document, plain text extracted from the PDF.
        path: where it came from (used in messages and in the result).
        lenient: record unplaceable lines as ``SkippedLine`` instead of raising (and accept a
            paper that quotes paragraphs but has no questions).

    Returns:
        a ``ParsedDocument`` of kind ``background``: evidence items ``"Kyoto 22"`` with fields
        ``document``, ``year``, ``paragraph``, ``topic``, ``session``, ``pillar``; question
        items ``"2021 background Q5"`` with fields ``document``, ``year``, ``session``,
        ``session_title``, ``number``.

    Raises:
        SourceFormatError: empty or binary input, nothing to import, or (strict mode) a line
        that cannot be placed inside a quotation or question section.
    """
    return _BackgroundParser(text, path, lenient).run()
