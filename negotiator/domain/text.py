"""Provides text helpers shared by the domain: tokens, word counting, normalisation.

A word is a run of letters or digits (combining marks stay with their letter); in scripts
written without spaces (Chinese, Japanese) every character is a word.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from functools import lru_cache

# Scripts written without spaces: every character is a token (and a word).
_CJK = (
    "\u2e80-\u2fdf"  # CJK and Kangxi radicals
    "\u3005-\u3007\u3021-\u3029\u3038-\u303c"  # ideographic iteration marks and numerals
    "\u3040-\u30ff"  # hiragana, katakana
    "\u3100-\u312f\u31a0-\u31ff"  # bopomofo, katakana extensions
    "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"  # ideographs
    "\U00020000-\U0003134f"  # ideographs, supplementary planes
)
_CJK_RE = re.compile(f"[{_CJK}]")
# One CJK character | a run of other letters/digits | a run of whitespace | any one char.
_TOKEN_RE = re.compile(f"[{_CJK}]|[^\\W_{_CJK}]+|\\s+|.", re.DOTALL)
_WORD_START_RE = re.compile(r"[^\W_]")
_WORD_RE = re.compile(f"[{_CJK}]|[^\\W_{_CJK}]+")
_RUN_RE = re.compile(r"[^\W_]+")
_CJK_FIRST = _CJK[0]
# ASCII text (most drafts): the same tokens and words from narrower, faster patterns.
_ASCII_TOKEN_RE = re.compile(r"[A-Za-z0-9]+|\s+|.", re.DOTALL)
_ASCII_NOT_ALNUM = {i: " " for i in range(128) if not chr(i).isalnum()}


def _is_mark(char: str) -> bool:
    return unicodedata.category(char)[0] == "M"


def _has_marks(text: str) -> bool:
    # Combining marks start at U+0300; checking each distinct char once is cheap.
    return not text.isascii() and any(c >= "\u0300" and _is_mark(c) for c in set(text))


def _is_wordish(char: str) -> bool:
    """A letter or digit (not "_"), or a combining mark: what words are made of."""
    return char.isalnum() or _is_mark(char)


def tokenise(text: str) -> list[str]:
    """Split ``text`` into diff tokens; ``"".join(tokenise(text)) == text``.

    Combining marks (Arabic harakat, Devanagari vowel signs, decomposed accents)
    stay in the token of the letter they modify, and a run of letters carries on
    after a mark, so no token boundary ever falls inside a word.
    """
    if text.isascii():
        return _ASCII_TOKEN_RE.findall(text)  # type: ignore[no-any-return]
    tokens: list[str] = _TOKEN_RE.findall(text)
    if not _has_marks(text):
        return tokens  # the regex alone is right
    out: list[str] = []
    for tok in tokens:
        if out:
            prev_last = out[-1][-1]
            first = tok[0]
            if len(tok) == 1 and _is_mark(first) and _is_wordish(prev_last):
                out[-1] += tok  # mark after a letter, digit, CJK char or mark
                continue
            if _is_mark(prev_last) and _WORD_START_RE.match(first) and not _CJK_RE.match(first):
                out[-1] += tok  # letters continuing a word after a mark
                continue
        out.append(tok)
    return out


@lru_cache(maxsize=65536)
def count_words(text: str) -> int:
    """Words in ``text``: runs of letters/digits (with their marks); each CJK char is one.

    Memoised per text: the paragraphs of consecutive rounds mostly share their texts.
    """
    if text.isascii():
        return len(text.translate(_ASCII_NOT_ALNUM).split())
    if not _has_marks(text):
        if max(text) < _CJK_FIRST:  # no CJK: one regex over the runs
            return len(_RUN_RE.findall(text))
        return len(_WORD_RE.findall(text))
    return sum(1 for tok in tokenise(text) if _is_wordish(tok[0]))


def normalise_space(text: str) -> str:
    """Collapse runs of whitespace (line breaks included) to single spaces."""
    return " ".join(text.split())


def longest_increasing_subsequence(values: Sequence[float], *, strict: bool = True) -> list[int]:
    """Indexes (ascending) of one longest increasing subsequence of ``values``
    (strictly increasing, or non-decreasing when ``strict`` is off)."""
    find = bisect_left if strict else bisect_right
    tails: list[float] = []  # tails[k]: smallest tail value of an increasing run of k+1
    tail_at: list[int] = []  # index in values of that tail
    prev = [-1] * len(values)
    for i, v in enumerate(values):
        k = find(tails, v)
        if k == len(tails):
            tails.append(v)
            tail_at.append(i)
        else:
            tails[k] = v
            tail_at[k] = i
        prev[i] = tail_at[k - 1] if k else -1
    on: list[int] = []
    i = tail_at[-1] if tail_at else -1
    while i != -1:
        on.append(i)
        i = prev[i]
    on.reverse()
    return on
