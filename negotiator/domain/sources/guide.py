"""Reads the questions of a UN Crime Congress discussion guide (document kind ``guide``).

A discussion guide is plain text extracted from a PDF. Each agenda item and workshop has a
block headed "Questions for discussion" (``C. Questions for discussion``,
``II. Questions for discussion``, ``**Questions for discussion**`` ...), usually opened by a
numbered guide paragraph ("66. Participants ... may wish to consider the following
questions:") and followed by lettered questions ``(a)``, ``a)`` or ``a.`` (or numbered
``1.``/``(1)``), possibly with sub-items ``(i)``, ``(ii)`` and sub-headings.

Extraction artefacts handled inside a question block:

* page headers and footers (document symbols such as ``A/CONF.234/PM.1``, job numbers,
  page numbers, and short lines with a digit or a slash that repeat three or more times)
  are dropped;
* footnote lines (starting with a superscript number, or ``[^n]:``) are dropped, with any
  lines wrapped directly under them; superscript footnote calls inside a question are removed;
* ``**`` bold markers and ``[text](#)`` link markup are removed;
* lines of one question are joined with single spaces, across line and page breaks;
* a hyphen at the end of a line is removed only when the word without it occurs elsewhere
  in the document and the hyphenated form does not (so ``comprehen-``/``sive`` becomes
  ``comprehensive`` while ``evidence-``/``based`` stays ``evidence-based``); a hyphen before
  ``and``/``or``/``to`` keeps a space after it (``problem- and community-oriented``).

A line inside a block that is neither a question, a sub-item, a continuation, a sub-heading,
a header/footer nor a footnote is *unplaceable*: strict mode raises ``SourceFormatError``
naming it, lenient mode records a ``SkippedLine`` and goes on.

The PDF clean-up (hyphens, headers, footnotes) is :mod:`negotiator.domain.sources.pdftext`;
the module re-exports the helpers the background-paper importer uses.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from negotiator.domain.sources.base import (
    ParsedDocument,
    SkippedLine,
    SourceFormatError,
    SourceItem,
)
from negotiator.domain.sources.pdftext import (
    PageFurniture,
    Vocabulary,
    clean_line,
    is_footnote_line,
    join_lines,
    strip_footnote_calls,
)

__all__ = [
    "PageFurniture",
    "Vocabulary",
    "clean_line",
    "detect_congress",
    "finish_text",
    "is_footnote_line",
    "join_lines",
    "ordinal_suffix",
    "parse_guide",
    "read_lines",
    "strip_footnote_calls",
]

# --------------------------------------------------------------------------------------
# Text helpers shared with ``background``
# --------------------------------------------------------------------------------------

_TERMINAL = ".?!;"


def read_lines(text: str, path: str) -> list[str]:
    """Check that ``text`` is a readable text document and split it into lines.

    Raises ``SourceFormatError`` for an empty document or for binary data (a NUL byte, or
    fewer than 90% printable characters). Line numbers of the result are 0-based indexes
    of 1-based file lines (``lines[0]`` is line 1). Form feeds (PDF page breaks) are removed
    without changing line numbers.
    """
    if not isinstance(text, str):
        raise SourceFormatError(path, None, "expected text, got binary data")
    if text.startswith("\ufeff"):
        text = text[1:]
    nul = text.find("\x00")
    if nul >= 0:
        line = text.count("\n", 0, nul) + 1
        raise SourceFormatError(path, line, "binary data (NUL byte), not a text document")
    if not text.strip():
        raise SourceFormatError(path, None, "empty document")
    total = len(text)
    textual = sum(1 for c in text if (c.isprintable() and c != "\ufffd") or c in "\n\r\t\f")
    if textual < 0.9 * total:
        raise SourceFormatError(
            path, None, "binary data (mostly non-printable characters), not a text document"
        )
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "")
    return text.split("\n")


def finish_text(parts: Sequence[str], vocab: Vocabulary | None) -> str:
    """Joined item text without footnote calls and with single spaces."""
    text = strip_footnote_calls(join_lines(parts, vocab))
    return " ".join(text.split())


_ORDINAL_WORDS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6,
    "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12,
    "thirteenth": 13, "fourteenth": 14, "fifteenth": 15, "sixteenth": 16,
    "seventeenth": 17, "eighteenth": 18, "nineteenth": 19, "twentieth": 20,
}  # fmt: skip


def ordinal_suffix(n: int) -> str:
    """``14`` -> ``"14th"``, ``21`` -> ``"21st"``, ``13`` -> ``"13th"``."""
    if 10 <= n % 100 <= 20:
        suffix = "th"
    else:
        suffix = {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _ordinal_value(word: str) -> int | None:
    w = word.lower()
    if w in _ORDINAL_WORDS:
        return _ORDINAL_WORDS[w]
    m = re.fullmatch(r"(\d{1,2})(?:st|nd|rd|th)", w)
    return int(m.group(1)) if m else None


_ORD = r"(?:" + "|".join(_ORDINAL_WORDS) + r"|\d{1,2}(?:st|nd|rd|th))"
_CONGRESS_FULL_RE = re.compile(
    rf"\b({_ORD})\s+United\s+Nations\s+Congress\s+on\s+Crime\s+Prevention", re.I
)
_CONGRESS_SHORT_RE = re.compile(
    rf"\b({_ORD})\s+(?:United\s+Nations\s+)?(?:Crime\s+)?Congress\b", re.I
)


def detect_congress(lines: Sequence[str]) -> tuple[str | None, int | None]:
    """The congress ordinal (``"14th"``) and the index of the line naming it, if found."""
    for rx, limit in ((_CONGRESS_FULL_RE, len(lines)), (_CONGRESS_SHORT_RE, 80)):
        for i, raw in enumerate(lines[:limit]):
            m = rx.search(clean_line(raw))
            if m:
                value = _ordinal_value(m.group(1))
                if value:
                    return ordinal_suffix(value), i
    return None, None


# --------------------------------------------------------------------------------------
# Guide-specific patterns
# --------------------------------------------------------------------------------------

_HEADING_PREFIX_RE = re.compile(
    r"^(?:#{1,6}\s*)?(?:(?:[IVXLC]{1,6}|[A-Za-z]|\d{1,2})[.)]\s+|\([A-Za-z0-9]{1,4}\)\s+)?"
)
_QUESTIONS_HEADING_RE = re.compile(
    r"(?:possible |suggested |key |guiding |proposed )?(?:issues and |points and )?"
    r"(?:(?:discussion )?questions (?:for|to be|proposed for) (?:further )?"
    r"(?:discussion|consideration|debate|discussed|considered)|discussion questions)"
    r"\s*[:.]?",
    re.I,
)
_ITEM_HEADING_RE = re.compile(
    r"^(?:#{1,6}\s*)?(?:(?:[IVXLC]{1,6}|[A-Z])\.\s+)?(agenda\s+item|workshop)\s+"
    r"(\d{1,2}|[IVX]{1,5})(?:\s*[.:—–-]\s*(.*)|\s*)$",
    re.I,
)
_SECTION_HEADING_RE = re.compile(
    r"^(?:#{1,6}\s*)?(?:[IVXLC]{1,6}|[A-H])\.\s+[A-Z“\"].{0,200}[^.;?!,]$"
    r"|^(?:#{1,6}\s*)?(?i:annex|notes|appendix)\b[^.;?!,]{0,60}$"
)
_TOC_RE = re.compile(r"(?:\t|\s{2,})\d{1,3}\s*$|(?:\s?\.){4,}\s*\d*\s*$")
_NUMBERED_PARA_RE = re.compile(r"^(\d{1,3})\.\s+(\S.*)$")
_PLAIN_FOOTNOTE_RE = re.compile(r"^\d{1,3}\s+(?:See|Ibid|Available|General Assembly|[A-Z]{2,})\b")
_MARKER_RE = re.compile(
    r"^(?:[-•●▪◦*–]\s*)?"
    r"(?:\((?P<p>[a-z]{1,2}|[ivx]{1,5}|\d{1,2})\)|(?P<c>[a-z]{1,2}|[ivx]{1,5}|\d{1,2})\)"
    r"|(?P<d>[a-z])\.(?=\s))\s*(?P<rest>\S.*)$"
)
_ROMANS = [
    "i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x",
    "xi", "xii", "xiii", "xiv", "xv", "xvi", "xvii", "xviii", "xix", "xx",
]  # fmt: skip


def _next_letter(letter: str | None) -> str:
    if not letter:
        return "a"
    if len(letter) == 1:
        return chr(ord(letter) + 1) if letter < "z" else "aa"
    c = letter[0]
    return (chr(ord(c) + 1) * 2) if c < "z" else letter + letter[0]


def _letter_rank(letter: str) -> int:
    return (len(letter) - 1) * 26 + (ord(letter[0]) - ord("a"))


def _is_letter(token: str) -> bool:
    return token.isalpha() and (len(token) == 1 or (len(token) == 2 and token[0] == token[1]))


def _heading_text(line: str) -> str:
    return _HEADING_PREFIX_RE.sub("", line, count=1).strip()


def _is_questions_heading(line: str) -> bool:
    if len(line) > 120 or _TOC_RE.search(line):
        return False
    return bool(_QUESTIONS_HEADING_RE.fullmatch(_heading_text(line.strip("#*: ").strip())))


def _looks_like_subheading(line: str) -> bool:
    s = _HEADING_PREFIX_RE.sub("", line, count=1).strip() or line
    if not s or len(s) > 150 or len(s.split()) > 20:
        return False
    if s[-1] in _TERMINAL + ",:":
        return False
    return s[0].isupper() or s[0] in "“\"'"


def _is_complete(text: str) -> bool:
    t = strip_footnote_calls(text).rstrip(" ”\"')")
    return bool(t) and t[-1] in _TERMINAL


def _uncapitalised_start(line: str) -> bool:
    c = line[0]
    return c.islower() or c.isdigit() or c in ",;:)]-–—”’"


# --------------------------------------------------------------------------------------
# Parser state
# --------------------------------------------------------------------------------------


@dataclass
class _Context:
    item_type: str | None = None
    item_number: int | str | None = None
    item_title: str | None = None


@dataclass
class _Question:
    line: int
    marker: str | None  # letter or number; None for paragraph-numbered questions
    paragraph: int | None
    subheading: str | None
    parts: list[str] = field(default_factory=list)
    last_roman: str | None = None  # sub-items (i), (ii) seen so far
    sub_numbers: bool = False


@dataclass
class _Block:
    line: int
    context: _Context
    paragraph: int | None = None
    intro: list[str] | None = None
    questions: list[_Question] = field(default_factory=list)
    subheading: str | None = None
    numbering: str | None = None  # "letter" | "number" | "paragraph"
    last_letter: str | None = None
    subheading_since_question: bool = False


class _GuideParser:
    def __init__(self, text: str, path: str, lenient: bool) -> None:
        self.path = path
        self.lenient = lenient
        self.raw = read_lines(text, path)
        self.lines = [clean_line(x) for x in self.raw]
        self.toc = [bool(_TOC_RE.search(r.rstrip())) and len(r) < 600 for r in self.raw]
        self.vocab = Vocabulary("\n".join(self.lines))
        self.congress, congress_idx = detect_congress(self.raw)
        self.title = self._title(congress_idx)
        extra = [self.lines[congress_idx]] if congress_idx is not None else []
        self.furniture = PageFurniture(self.raw, extra=extra)
        self.prefix = f"{self.congress} guide" if self.congress else "guide"
        self.context = _Context()
        self.block: _Block | None = None
        self.blocks: list[_Block] = []
        self.items: list[SourceItem] = []
        self.skipped: list[SkippedLine] = []
        self.refs: set[str] = set()
        # what consumed the previous non-blank line: ("question"|"intro"|"subheading"|
        # "footnote"|"title"|None, index)
        self.last_target: str | None = None
        self.last_index = -10
        self.title_open = False
        self.title_list = False

    # -- document level ------------------------------------------------------------

    def _title(self, congress_idx: int | None) -> str:
        guide_line = None
        for s in self.lines[:80]:
            if re.fullmatch(r"(?:#+\s*)?discussion guide\.?", s, re.I):
                guide_line = s.lstrip("# ").rstrip(".")
                break
        congress_line = None
        if congress_idx is not None and congress_idx < 80:
            congress_line = self.lines[congress_idx].lstrip("# ")
            if len(congress_line) > 160:
                congress_line = None
        if congress_line and guide_line:
            return f"{congress_line}: {guide_line}"
        if guide_line or congress_line:
            return guide_line or congress_line or ""
        return os.path.splitext(os.path.basename(self.path))[0] or "Discussion guide"

    def run(self) -> ParsedDocument:
        i = 0
        n = len(self.lines)
        while i < n:
            line = self.lines[i]
            if not line:
                i += 1
                continue
            if self.block is not None:
                consumed = self._in_block(i, line)
                if not consumed:
                    self._close_block()
                    self._outside(i, line)
            else:
                self._outside(i, line)
            i += 1
        self._close_block()
        if not self.items:
            if self.blocks:
                b = self.blocks[0]
                raise SourceFormatError(
                    self.path,
                    b.line,
                    "a 'Questions for discussion' heading but no questions under it",
                )
            raise SourceFormatError(
                self.path,
                None,
                "no 'Questions for discussion' block found: not a discussion guide?",
            )
        return ParsedDocument(
            path=self.path,
            kind="guide",
            title=self.title,
            items=tuple(self.items),
            skipped=tuple(self.skipped),
        )

    def _mark(self, target: str | None, i: int) -> None:
        self.last_target = target
        self.last_index = i

    def _adjacent(self, i: int) -> bool:
        return self.last_index == i - 1

    # -- outside question blocks ---------------------------------------------------

    def _outside(self, i: int, line: str) -> None:
        if self.toc[i]:
            self._mark(None, i)
            return
        if _is_questions_heading(line):
            self.block = _Block(line=i + 1, context=_Context(**vars(self.context)))
            self.blocks.append(self.block)
            self._mark("heading", i)
            return
        m = _ITEM_HEADING_RE.match(line)
        if m:
            kind = " ".join(m.group(1).lower().split())
            number_s = m.group(2)
            number: int | str = int(number_s) if number_s.isdigit() else number_s.upper()
            title = (m.group(3) or "").strip()
            self.context = _Context(kind, number, title.rstrip(".") or None)
            self.title_open = True
            self.title_list = False
            self._mark("title", i)
            return
        para = _NUMBERED_PARA_RE.match(line)
        if para:
            self.title_open = False
            self._mark(None, i)
            return
        if self.title_open and self._extends_title(i, line):
            self._mark("title", i)
            return
        self.title_open = False
        self._mark(None, i)

    def _extends_title(self, i: int, line: str) -> bool:
        """Title on the next line(s), wrapped, or followed by its (a)/(b) parts."""
        ctx = self.context
        if _SECTION_HEADING_RE.match(line) or self.furniture(line) or is_footnote_line(line):
            return False
        if not ctx.item_title:
            if _looks_like_subheading(line) or len(line) < 400:
                ctx.item_title = line.rstrip(".")
                return True
            return False
        if (ctx.item_title.endswith(":") or self.title_list) and _MARKER_RE.match(line):
            if len(line) < 200:
                ctx.item_title = join_lines([ctx.item_title, line]).rstrip(".")
                self.title_list = True
                return True
            return False
        if (
            self._adjacent(i)
            and self.last_target == "title"
            and not _MARKER_RE.match(line)
            and len(line) < 200
            and not _is_complete(ctx.item_title)
        ):
            ctx.item_title = join_lines([ctx.item_title, line], self.vocab).rstrip(".")
            return True
        return False

    # -- inside a question block ---------------------------------------------------

    def _unplaceable(self, i: int, line: str, reason: str) -> None:
        if not self.lenient:
            raise SourceFormatError(self.path, i + 1, f"{reason}: {line[:80]!r}")
        self.skipped.append(SkippedLine(line=i + 1, text=self.raw[i].strip(), reason=reason))
        self._mark("skipped", i)

    def _paragraph_text(self, i: int) -> str:
        """Line ``i`` joined with the lines wrapped under it (up to a blank line)."""
        parts = [self.lines[i]]
        for j in range(i + 1, min(len(self.lines), i + 12)):
            if not self.lines[j]:
                break
            parts.append(self.lines[j])
        return join_lines(parts)

    def _next_content(self, i: int) -> tuple[int, str] | None:
        for j in range(i + 1, min(len(self.lines), i + 80)):
            s = self.lines[j]
            if s and not self.furniture(s) and not is_footnote_line(s):
                return j, s
        return None

    def _in_block(self, i: int, line: str) -> bool:
        """Handle one non-blank line of the current block; False if the block has ended."""
        b = self.block
        assert b is not None
        q = b.questions[-1] if b.questions else None
        if self.toc[i]:
            self._mark(None, i)
            return True
        if _is_questions_heading(line):
            return False
        if _ITEM_HEADING_RE.match(line):
            return False
        if is_footnote_line(line) or (
            self.last_target == "footnote" and self._adjacent(i) and not _MARKER_RE.match(line)
        ):
            self._mark("footnote", i)
            return True
        if self.furniture(line):
            self._mark("furniture", i)
            return True
        if _SECTION_HEADING_RE.match(line):
            nxt = self._next_content(i)
            if b.questions and nxt and _MARKER_RE.match(nxt[1]) and "?" in nxt[1]:
                self._subheading(b, i, line)
                return True
            return False
        marker = _MARKER_RE.match(line)
        if marker:
            token = marker.group("p") or marker.group("c") or marker.group("d") or ""
            self._marker(b, i, line, token, marker.group("rest"), bracketed=bool(marker.group("p")))
            return True
        para = _NUMBERED_PARA_RE.match(line)
        if para:
            return self._numbered(b, i, line, int(para.group(1)), para.group(2))
        if _PLAIN_FOOTNOTE_RE.match(line) and (q is None or _is_complete(" ".join(q.parts))):
            self._mark("footnote", i)
            return True
        self._text(b, i, line)
        return True

    def _subheading(self, b: _Block, i: int, line: str) -> None:
        text = finish_text([_heading_text(line) or line], None).rstrip(":")
        if self.last_target == "subheading" and self._adjacent(i) and b.subheading:
            text = join_lines([b.subheading, text], self.vocab)
        b.subheading = text
        b.subheading_since_question = True
        self._mark("subheading", i)

    def _start_question(
        self, b: _Block, i: int, marker: str | None, text: str, paragraph: int | None
    ) -> None:
        q = _Question(line=i + 1, marker=marker, paragraph=paragraph, subheading=b.subheading)
        q.parts.append(text)
        b.questions.append(q)
        b.subheading_since_question = False
        self._mark("question", i)

    def _marker(self, b: _Block, i: int, line: str, token: str, rest: str, bracketed: bool) -> None:
        q = b.questions[-1] if b.questions else None
        shown = line.lstrip("-•●▪◦*– ").strip()
        if token.isdigit():
            number = int(token)
            if q is not None and b.numbering == "letter":
                # numbered sub-items of a lettered question
                q.parts.append(shown)
                q.sub_numbers = True
                self._mark("question", i)
                return
            if b.numbering in (None, "number"):
                b.numbering = "number"
                self._start_question(b, i, str(number), rest, b.paragraph)
                return
            self._unplaceable(i, line, "numbered item among paragraph-numbered questions")
            return
        expected_letter = _next_letter(b.last_letter)
        expected_roman = "i"
        if q is not None and q.last_roman in _ROMANS[:-1]:
            expected_roman = _ROMANS[_ROMANS.index(q.last_roman) + 1]
        # sub-item of the current question?  (i) is a sub-item unless it is the next
        # letter and the next marker is not (ii).
        if q is not None and token in _ROMANS and b.numbering == "letter":
            if q.last_roman is not None and token == expected_roman:
                self._sub_item(q, i, token, shown)
                return
            if token == "i" and q.last_roman is None:
                if token != expected_letter or self._next_marker_token(i) == "ii":
                    self._sub_item(q, i, token, shown)
                    return
        if not _is_letter(token):
            reason = f"marker ({token}) is neither the next question nor a sub-item"
            self._unplaceable(i, line, reason)
            return
        if b.numbering not in (None, "letter"):
            self._unplaceable(i, line, f"lettered item ({token}) among numbered questions")
            return
        if (
            b.last_letter is None
            or _letter_rank(token) > _letter_rank(b.last_letter)
            or (token == "a" and b.subheading_since_question)
        ):
            b.numbering = "letter"
            b.last_letter = token
            self._start_question(b, i, token, rest, b.paragraph)
            return
        self._unplaceable(i, line, f"question ({token}) out of order after ({b.last_letter})")

    def _sub_item(self, q: _Question, i: int, token: str, shown: str) -> None:
        q.parts.append(shown)
        q.last_roman = token
        self._mark("question", i)

    def _next_marker_token(self, i: int) -> str | None:
        """The token of the next marker of the same block, if any."""
        for j in range(i + 1, min(len(self.lines), i + 60)):
            s = self.lines[j]
            m = _MARKER_RE.match(s)
            if m:
                return m.group("p") or m.group("c") or m.group("d")
            if s and (
                _is_questions_heading(s)
                or _ITEM_HEADING_RE.match(s)
                or _SECTION_HEADING_RE.match(s)
                or _NUMBERED_PARA_RE.match(s)
            ):
                return None
        return None

    def _numbered(self, b: _Block, i: int, line: str, number: int, rest: str) -> bool:
        """A line ``NN. text`` inside a block: intro, numbered question, sub-heading or end."""
        asks = strip_footnote_calls(self._paragraph_text(i)).rstrip(" ”\"')").endswith("?")
        first = not b.questions and b.intro is None and b.numbering is None
        if not first and _looks_like_subheading(self._paragraph_text(i)) and "?" not in line:
            self._subheading(b, i, line)
            return True
        if first:
            if asks and "question" not in rest.lower():
                # questions printed as guide paragraphs of their own
                b.numbering = "paragraph"
                self._start_question(b, i, None, rest, number)
                return True
            b.intro = [rest]
            b.paragraph = number
            self._mark("intro", i)
            return True
        if b.numbering == "paragraph" and asks:
            self._start_question(b, i, None, rest, number)
            return True
        last = b.questions[-1].marker if b.questions else None
        expected = int(last) + 1 if last and last.isdigit() else 1
        if b.numbering in (None, "number") and asks and number == expected:
            b.numbering = "number"
            self._start_question(b, i, str(number), rest, b.paragraph)
            return True
        return False  # a body paragraph after the questions ends the block

    def _text(self, b: _Block, i: int, line: str) -> None:
        """A line without marker or number: continuation, intro, sub-heading or unplaceable."""
        q = b.questions[-1] if b.questions else None
        adjacent = self._adjacent(i)
        if adjacent and self.last_target == "question" and q is not None:
            q.parts.append(line)
            self._mark("question", i)
            return
        if adjacent and self.last_target == "intro" and b.intro is not None and q is None:
            b.intro.append(line)
            self._mark("intro", i)
            return
        if adjacent and self.last_target == "subheading" and _looks_like_subheading(line):
            self._subheading(b, i, line)
            return
        if q is None:
            if b.intro is not None and (
                _uncapitalised_start(line) or not _is_complete_or_colon(b.intro)
            ):
                b.intro.append(line)
                self._mark("intro", i)
                return
            if b.intro is None and "question" in self._paragraph_text(i).lower():
                # an unnumbered introduction ("The following questions are suggested:")
                b.intro = [line]
                self._mark("intro", i)
                return
            if _looks_like_subheading(self._paragraph_text(i)):
                self._subheading(b, i, line)
                return
            self._unplaceable(i, line, "text before the first question of the block")
            return
        if _uncapitalised_start(line) or not _is_complete(" ".join(q.parts)):
            q.parts.append(line)
            self._mark("question", i)
            return
        if _looks_like_subheading(self._paragraph_text(i)):
            self._subheading(b, i, line)
            return
        if strip_footnote_calls(line).rstrip(" ”\"')").endswith("?"):
            # a further question sentence printed as a paragraph of its own
            q.parts.append(line)
            self._mark("question", i)
            return
        self._unplaceable(i, line, "line in a question block that is not a question")

    def _close_block(self) -> None:
        b = self.block
        self.block = None
        if b is None:
            return
        ctx = b.context
        placement: Mapping[str, str | int | None] = {
            "item_type": ctx.item_type,
            "item_number": ctx.item_number,
            "item_title": ctx.item_title,
        }
        paragraph = b.paragraph
        if ctx.item_type is not None:
            where = f"{ctx.item_type} {ctx.item_number}"
        else:
            where = f"block {len(self.blocks)}"
        for q in b.questions:
            para = q.paragraph if q.paragraph is not None else paragraph
            if q.marker is None:
                ref = f"{self.prefix} {para}"
            elif para is None:
                ref = f"{self.prefix} {where}({q.marker})"
            else:
                ref = f"{self.prefix} {para}({q.marker})"
            ref = self._unique(ref)
            text = finish_text(q.parts, self.vocab)
            if not text:
                continue
            fields: dict[str, str | int | None] = {
                "congress": self.congress,
                "item_type": ctx.item_type,
                "item_number": ctx.item_number,
                "item_title": ctx.item_title,
                "paragraph": para,
                "letter": q.marker,
                "subheading": q.subheading,
            }
            self.items.append(
                SourceItem(
                    kind="question",
                    ref=ref,
                    text=text,
                    line=q.line,
                    fields=fields,
                    placements=(dict(placement),),
                )
            )

    def _unique(self, ref: str) -> str:
        if ref not in self.refs:
            self.refs.add(ref)
            return ref
        k = 2
        while f"{ref} #{k}" in self.refs:
            k += 1
        self.refs.add(f"{ref} #{k}")
        return f"{ref} #{k}"


def _is_complete_or_colon(parts: Sequence[str]) -> bool:
    t = strip_footnote_calls(" ".join(parts)).rstrip(" ”\"')")
    return bool(t) and t[-1] in _TERMINAL + ":"


def parse_guide(text: str, path: str, *, lenient: bool = False) -> ParsedDocument:
    """Read every question of every "Questions for discussion" block of a discussion guide.

    Args:
        text: the document, plain text extracted from the PDF.
        path: where it came from (used in messages and in the result).
        lenient: record unplaceable lines as ``SkippedLine`` instead of raising.

    Returns:
        a ``ParsedDocument`` of kind ``guide`` whose items are questions with ref
        ``"<14th> guide <para>(<letter>)"`` and fields ``congress``, ``item_type``,
        ``item_number``, ``item_title``, ``paragraph``, ``letter``, ``subheading``.

    Raises:
        SourceFormatError: empty or binary input, no question block, or (strict mode) a
        line inside a question block that cannot be placed.
    """
    return _GuideParser(text, path, lenient).run()
