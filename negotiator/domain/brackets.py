"""Provides the square-bracket parser: contested text is bracketed, brackets nest."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache


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
    """An unbalanced bracket at ``offset`` (0-based), with its 1-based line and column."""

    offset: int
    line: int
    column: int
    char: str
    message: str

    def __str__(self) -> str:
        return f"{self.message} (line {self.line}, column {self.column})"


@dataclass(frozen=True)
class BracketReport:
    spans: tuple[BracketSpan, ...]
    problems: tuple[BracketProblem, ...]

    @property
    def balanced(self) -> bool:
        return not self.problems

    @property
    def count(self) -> int:
        """Number of bracketed spans, nested ones included."""
        return len(self.spans)


def _where(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, column


def parse_brackets(text: str) -> BracketReport:
    """Find every bracketed span and every unbalanced bracket in ``text``."""
    stack: list[int] = []
    spans: list[BracketSpan] = []
    problems: list[BracketProblem] = []
    for i, ch in enumerate(text):
        if ch == "[":
            stack.append(i)
        elif ch == "]":
            if stack:
                start = stack.pop()
                spans.append(BracketSpan(start, i, len(stack) + 1))
            else:
                line, col = _where(text, i)
                problems.append(
                    BracketProblem(i, line, col, "]", "closing bracket ']' has no opening bracket")
                )
    for start in stack:
        line, col = _where(text, start)
        problems.append(
            BracketProblem(start, line, col, "[", "opening bracket '[' is never closed")
        )
    spans.sort(key=lambda s: s.start)
    problems.sort(key=lambda p: p.offset)
    return BracketReport(tuple(spans), tuple(problems))


_BRACKET_RE = re.compile(r"[\[\]]")


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
