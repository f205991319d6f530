"""Provides small text helpers shared by the domain (word counting, normalisation)."""

from __future__ import annotations

import re

_WORD_RE = re.compile(r"\w+", re.UNICODE)


def word_count(text: str) -> int:
    """Words as a reader counts them: runs of letters or digits."""
    return len(_WORD_RE.findall(text))


def normalise_space(text: str) -> str:
    """Collapse runs of whitespace (line breaks included) to single spaces."""
    return " ".join(text.split())
