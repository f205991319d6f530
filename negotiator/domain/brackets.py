"""Provides the square-bracket parser: contested text is bracketed, brackets nest.

Everything here is linear in the length of the text: one pass over the bracket characters
(found by a regular expression, so the text between them costs nothing in Python), with the
line and column of each problem kept up to date as the pass goes, and at most ``limit``
problems recorded (the rest are only counted).  The TUI runs :func:`parse_brackets` on every
keystroke and the draft reader on whole files, so a pathological input (a million stray ``]``)
must cost a pass, never a pass per bracket.

A bracketed span may cover several paragraphs (a whole option of three paragraphs in one pair
of brackets).  :func:`check_sequence` checks the balance over a sequence of paragraph texts
(the whole declaration) and :func:`bracket_balance` gives the summary of one paragraph
(``]`` it closes for earlier paragraphs, ``[`` it leaves open for later ones) that
:class:`BracketContext` combines in O(paragraphs).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

#: How many problems are recorded at most (the others are only counted).
PROBLEM_LIMIT = 100

_BRACKET_RE = re.compile(r"[\[\]]")

_STRAY = "closing bracket ']' has no opening bracket"
_UNCLOSED = "opening bracket '[' is never closed"


@dataclass(frozen=True)
class BracketSpan:
    """A matched pair: ``start`` is the index of ``[``, ``end`` the index of ``]``."""

    start: int
    end: int
    depth: int  # 1 for a top-level span

    def inner(self, text: str) -> str:
        return text[self.start + 1 : self.end]


@dataclass(frozen=True)
class BracketProblem:
    """An unbalanced bracket at ``offset`` (0-based), with its 1-based line and column.

    In a sequence of paragraphs (:func:`check_sequence`) ``paragraph`` is the 0-based index
    of the paragraph holding the bracket and offset/line/column are within its text.
    """

    offset: int
    line: int
    column: int
    char: str
    message: str
    paragraph: int = 0

    def __str__(self) -> str:
        return f"{self.message} (line {self.line}, column {self.column})"


@dataclass(frozen=True)
class BracketReport:
    """The spans and problems of one text.

    ``problems`` holds at most the ``limit`` first problems (in text order); ``unbalanced``
    counts them all.
    """

    spans: tuple[BracketSpan, ...]
    problems: tuple[BracketProblem, ...]
    unbalanced: int = 0
    closes_before: tuple[int, ...] = ()
    """Offsets of the ``]`` that close a bracket opened in an earlier paragraph."""
    open_after: tuple[int, ...] = ()
    """Offsets of the ``[`` that a later paragraph closes (set by :meth:`BracketContext.check`)."""
    elsewhere: int = 0
    """Unbalanced brackets in the other paragraphs, with this text in its place (set by
    :meth:`BracketContext.check`): e.g. a ``]`` here that closes an earlier paragraph's
    bracket too soon leaves the ``]`` meant for it without a partner."""

    @property
    def whole_text_balanced(self) -> bool:
        return self.balanced and not self.elsewhere

    @property
    def balanced(self) -> bool:
        return not self.problems

    @property
    def truncated(self) -> bool:
        """More problems were found than recorded."""
        return self.unbalanced > len(self.problems)

    @property
    def count(self) -> int:
        """Number of bracketed spans, nested ones included."""
        return len(self.spans)


class _Cursor:
    """Tracks the line and column of increasing offsets in one text, in O(text) overall."""

    __slots__ = ("line", "line_start", "pos", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = 0
        self.line = 1
        self.line_start = 0

    def where(self, offset: int) -> tuple[int, int]:
        """The 1-based line and column of ``offset`` (never smaller than the last one asked)."""
        newlines = self.text.count("\n", self.pos, offset)
        if newlines:
            self.line += newlines
            self.line_start = self.text.rfind("\n", self.pos, offset) + 1
        self.pos = offset
        return self.line, offset - self.line_start + 1


def parse_brackets(
    text: str, *, limit: int | None = PROBLEM_LIMIT, open_before: int = 0
) -> BracketReport:
    """Find every bracketed span and the unbalanced brackets in ``text``.

    Args:
        limit: record at most this many problems (``None``: all of them); the report's
            ``unbalanced`` counts every one.
        open_before: brackets opened by earlier paragraphs and still open: that many ``]``
            with nothing to close in ``text`` close them instead of being problems.  (Whether
            the ``[`` left open are closed later is for :class:`BracketContext` to say.)
    """
    spans: list[BracketSpan] = []
    problems: list[BracketProblem] = []
    if "[" not in text and "]" not in text:
        return BracketReport((), (), 0)
    stack: list[int] = []
    cursor = _Cursor(text)
    outer = open_before
    strays = 0
    closes_before: list[int] = []
    for match in _BRACKET_RE.finditer(text):
        i = match.start()
        if text[i] == "[":
            stack.append(i)
        elif stack:
            start = stack.pop()
            spans.append(BracketSpan(start, i, len(stack) + 1))
        elif outer:
            outer -= 1
            closes_before.append(i)
        else:
            strays += 1
            if limit is None or len(problems) < limit:
                line, col = cursor.where(i)
                problems.append(BracketProblem(i, line, col, "]", _STRAY))
    # Every bracket left open comes after the last stray ']' (the stack was empty then).
    for start in stack:
        if limit is not None and len(problems) >= limit:
            break
        line, col = cursor.where(start)
        problems.append(BracketProblem(start, line, col, "[", _UNCLOSED))
    spans.sort(key=lambda s: s.start)
    return BracketReport(tuple(spans), tuple(problems), strays + len(stack), tuple(closes_before))


@dataclass(frozen=True)
class Balance:
    """What one paragraph does to the brackets around it: it closes ``closes`` brackets
    opened before it and leaves ``opens`` brackets open for the paragraphs after it."""

    closes: int = 0
    opens: int = 0


@lru_cache(maxsize=65536)
def bracket_balance(text: str) -> Balance:
    """The :class:`Balance` of one paragraph's text (brackets matched inside it cancel out)."""
    if "[" not in text and "]" not in text:
        return Balance()
    depth = closes = 0
    for char in _BRACKET_RE.findall(text):
        if char == "[":
            depth += 1
        elif depth:
            depth -= 1
        else:
            closes += 1
    return Balance(closes, depth)


@dataclass(frozen=True)
class BracketContext:
    """The brackets of the other paragraphs around one paragraph being edited.

    ``before`` and ``after`` are the balances of the paragraphs before and after it, in text
    order.  :meth:`check` says which brackets of the edited text are unbalanced in the whole
    text, in O(len(text) + paragraphs).
    """

    before: tuple[Balance, ...] = ()
    after: tuple[Balance, ...] = ()

    @classmethod
    def around(cls, texts: Sequence[str], index: int) -> BracketContext:
        """The context of ``texts[index]`` among ``texts``."""
        return cls(
            tuple(bracket_balance(t) for t in texts[:index]),
            tuple(bracket_balance(t) for t in texts[index + 1 :]),
        )

    def open_before(self) -> int:
        """Brackets opened before the paragraph and still open when it starts."""
        depth = 0
        for b in self.before:
            depth = max(depth - b.closes, 0) + b.opens
        return depth

    def closed_after(self, opens: int) -> int:
        """How many of the ``opens`` brackets the paragraph leaves open the paragraphs after
        it close (they are the innermost, so later ``]`` close them first)."""
        mine, theirs = opens, 0  # theirs: brackets opened after the paragraph, still open
        for b in self.after:
            closes = b.closes
            used = min(closes, theirs)
            theirs -= used
            closes -= used
            used = min(closes, mine)
            mine -= used
            theirs += b.opens
        return opens - mine

    def check(self, text: str, *, limit: int | None = PROBLEM_LIMIT) -> BracketReport:
        """The brackets of ``text`` with the problems it has in the whole text (and the count
        of those it leaves in the other paragraphs, ``elsewhere``)."""
        outer = strays_before = 0
        for b in self.before:
            strays_before += max(b.closes - outer, 0)
            outer = max(outer - b.closes, 0) + b.opens
        local = parse_brackets(text, limit=None, open_before=outer)
        unclosed = [p for p in local.problems if p.char == "["]
        closed = self.closed_after(len(unclosed))
        # The innermost (last) open brackets are the first the later paragraphs close.
        keep = unclosed[: len(unclosed) - closed]
        problems = [p for p in local.problems if p.char == "]"] + keep
        depth, strays_after = outer - len(local.closes_before) + len(unclosed), 0
        for b in self.after:
            strays_after += max(b.closes - depth, 0)
            depth = max(depth - b.closes, 0) + b.opens
        return BracketReport(
            local.spans,
            tuple(problems[:limit] if limit is not None else problems),
            len(problems),
            local.closes_before,
            tuple(p.offset for p in unclosed[len(unclosed) - closed :]),
            strays_before + strays_after + depth - len(keep),
        )


def check_sequence(
    texts: Sequence[str], *, limit: int | None = PROBLEM_LIMIT
) -> tuple[BracketProblem, ...]:
    """The unbalanced brackets of a whole text given as its paragraphs, in text order.

    A bracket may open in one paragraph and close in a later one.  Each problem names the
    paragraph (its index in ``texts``) and the place in that paragraph's text.  At most
    ``limit`` problems are returned.
    """
    problems: list[BracketProblem] = []
    # Brackets still open: (paragraph index, offset), innermost last.
    stack: list[tuple[int, int]] = []
    full = False
    for index, text in enumerate(texts):
        if "[" not in text and "]" not in text:
            continue
        cursor = _Cursor(text)
        for match in _BRACKET_RE.finditer(text):
            i = match.start()
            if text[i] == "[":
                stack.append((index, i))
            elif stack:
                stack.pop()
            elif not full:
                line, col = cursor.where(i)
                problems.append(BracketProblem(i, line, col, "]", _STRAY, index))
                full = limit is not None and len(problems) >= limit
        if full:
            return tuple(problems)
    cursors: dict[int, _Cursor] = {}
    for index, offset in stack:
        if limit is not None and len(problems) >= limit:
            break
        cursor = cursors.setdefault(index, _Cursor(texts[index]))
        line, col = cursor.where(offset)
        problems.append(BracketProblem(offset, line, col, "[", _UNCLOSED, index))
    return tuple(problems)


@lru_cache(maxsize=65536)
def count_brackets(text: str) -> int:
    """Matched ``[`` ... ``]`` pairs in ``text``, nested ones included; strays are ignored."""
    if "[" not in text or "]" not in text:
        return 0
    depth = pairs = 0
    for char in _BRACKET_RE.findall(text):
        if char == "[":
            depth += 1
        elif depth:
            depth -= 1
            pairs += 1
    return pairs
