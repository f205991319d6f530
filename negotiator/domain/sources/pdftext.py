"""Cleans text that comes out of a PDF: one module for the draft reader and the source importers.

UN documents are published as PDF, and whatever reads them (the PDF draft reader, the readers of
the discussion guides, the mapping of recommendations, the background papers and the chair's
summaries, whether they were extracted by this program or by hand) meets the same artefacts:

* words broken with a hyphen at a line end: :func:`join_lines` rejoins them, deciding with the
  document's own words (:class:`Vocabulary`) whether ``comprehen-``/``sive`` is one word
  (``comprehensive``) or ``evidence-``/``based`` a compound (``evidence-based``); a hyphen
  before ``and``/``or``/``to`` is a suspended one and keeps a space (``problem- and
  community-oriented``); a soft hyphen is always a line-break hyphen;
* page headers and footers: document symbols (``A/CONF.234/PM.1``), job numbers
  (``V.20-07297``), page numbers (:func:`is_page_line`);
* footnote calls in the text (superscript digits, ``[^68]``) and footnote lines
  (:func:`strip_footnote_calls`, :func:`is_footnote_line`);
* ``**`` bold markers and link markup of hand conversions (:func:`clean_line`).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence

__all__ = [
    "PAGE_LINE",
    "SUPERSCRIPT_DIGITS",
    "PageFurniture",
    "Vocabulary",
    "clean_line",
    "is_footnote_line",
    "is_page_line",
    "join_lines",
    "strip_footnote_calls",
]

SUPERSCRIPT_DIGITS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_SUPERSCRIPT_RE = re.compile(f"[{SUPERSCRIPT_DIGITS}]+")
_MD_FOOTNOTE_CALL_RE = re.compile(r"\[\^\d{1,4}\]")
_LINK_RE = re.compile(r"\[([^\]\n]{1,200})\]\((?:#|https?://[^)\s]*)?\)")
_BOLD_RE = re.compile(r"\*\*|__")
_FOOTNOTE_LINE_RE = re.compile(rf"^(?:[{SUPERSCRIPT_DIGITS}]+\s*\S|\[\^\d{{1,4}}\]:)")

#: Page numbers, document symbols and job numbers on a line of their own.
PAGE_LINE = re.compile(
    r"^(?:\d{1,4}|[-–]\s*\d{1,4}\s*[-–]|(?:page|p\.)\s*\d+(?:\s*(?:of|/)\s*\d+)?"
    r"|\d{1,4}\s*/\s*\d{1,4}|[A-Z]{1,6}(?:/[A-Z0-9.\-]+){2,}|V\.\d{2}-\d{4,6}.*)$",
    re.IGNORECASE,
)
DOC_SYMBOL = re.compile(r"^[A-Z]{1,8}(?:/[A-Za-z0-9.()\-]+){1,8}(?:\s*\([A-Z]\))?$")
JOB_NUMBER = re.compile(r"^(?:V\.)?\d{2}-\d{4,6}(?:\s*\([A-Z]\))?(?:[\s\d*]*)$")
PAGE_NUMBER = re.compile(
    r"^(?:[-–—]\s*)?(?:page\s+)?\d{1,4}(?:\s*(?:/|of)\s*\d{1,4})?(?:\s*[-–—])?$", re.I
)


_RULE = re.compile(r"^[\s*_\-–—=·.]+$")


def clean_line(raw: str) -> str:
    """One line without bold markers, link markup, odd spaces or surrounding blanks."""
    s = raw.replace("\u00a0", " ").replace("\u200b", "").replace("\t", " ")
    s = _BOLD_RE.sub("", s)
    s = _LINK_RE.sub(r"\1", s)
    return s.strip()


def strip_footnote_calls(text: str) -> str:
    """Remove superscript footnote calls (``terrorism?⁶⁸``) and ``[^68]`` calls."""
    text = _SUPERSCRIPT_RE.sub("", text)
    return _MD_FOOTNOTE_CALL_RE.sub("", text)


def is_footnote_line(line: str) -> bool:
    """A footnote printed at the foot of a page (``⁶⁸ See Workshop 2.``, ``[^68]: ...``)."""
    return bool(_FOOTNOTE_LINE_RE.match(line))


def is_page_line(line: str) -> bool:
    """A page header or footer line: a page number, a document symbol or a job number."""
    s = line.strip()
    return bool(
        s
        and (PAGE_LINE.match(s) or DOC_SYMBOL.match(s) or JOB_NUMBER.match(s))
        or PAGE_NUMBER.match(s)
    )


class PageFurniture:
    """Recognises the page headers and footers of one document.

    A line is furniture when it is a document symbol, a job number, a page number or a rule,
    or when it repeats three times or more and carries a digit or a slash (``A/CONF.234/11 4``).
    """

    def __init__(self, lines: Sequence[str], extra: Sequence[str] = ()) -> None:
        counts = Counter(clean_line(x).lower() for x in lines if x.strip())
        self._repeated = {
            s
            for s, n in counts.items()
            if n >= 3 and len(s) <= 100 and (any(c.isdigit() for c in s) or "/" in s)
        }
        self._extra = {e.lower() for e in extra if e}

    def __call__(self, line: str) -> bool:
        s = line.strip()
        if not s:
            return False
        low = s.lower()
        return bool(
            DOC_SYMBOL.match(s)
            or JOB_NUMBER.match(s)
            or PAGE_NUMBER.match(s)
            or _RULE.match(s)
            or low in self._repeated
            or low in self._extra
        )


# -- line-end hyphens ----------------------------------------------------------------------

_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
# A hyphen before these words is a suspended hyphen ("problem- and community-oriented").
_SUSPENDED_HYPHEN_NEXT = frozenset({"and", "or", "nor", "to", "as"})
# Halves of compounds that UN texts write with a hyphen (non-custodial, evidence-based, ...).
_COMPOUND_LEFT = frozenset(
    "self non cross anti well follow gender evidence victim child age capacity people action "
    "community trauma human rights law".split()
)
_COMPOUND_RIGHT = frozenset(
    "based related oriented centred centered sensitive specific led driven making building "
    "wide level scale term free friendly informed up enabled disaggregated generating "
    "custodial governmental".split()
)


class Vocabulary:
    """The (lower-case) words of one document, to tell a line-break hyphen from a compound.

    Built from the document's lines (or its whole text); the halves of a word broken at a
    line end are not counted as words, a compound counts as itself and as its parts.
    """

    def __init__(self, source: str | Iterable[str] = ()) -> None:
        lines = source.split("\n") if isinstance(source, str) else source
        self.counts: Counter[str] = Counter()
        broken_before = False
        for line in lines:
            stripped = line.rstrip()
            words = _WORD.findall(stripped.lower())
            broken_after = stripped.endswith(("-", "\u00ad")) and bool(words)
            if broken_before and words:
                words = words[1:]
            if broken_after and words:
                words = words[:-1]
            for word in words:
                self.counts[word] += 1
                if "-" in word:
                    parts = word.split("-")
                    self.counts.update(parts)
                    if len(parts) > 2:  # "rule-of-law" also spells "rule-of" and "of-law"
                        self.counts.update(
                            f"{a}-{b}" for a, b in zip(parts, parts[1:], strict=False)
                        )
            if stripped:
                broken_before = broken_after

    def get(self, word: str, default: int = 0) -> int:
        return self.counts.get(word, default)

    def __contains__(self, word: object) -> bool:
        return word in self.counts

    def line_end_hyphen(self, before: str, after: str) -> str:
        """``join`` (a broken word: drop the hyphen), ``space`` (suspended hyphen) or ``keep``.

        The document's own spelling wins (``cross-border`` or ``crossborder`` elsewhere);
        failing that the hyphen is kept when both halves are words of the document or one is a
        usual half of a compound (``non-``, ``-based``), and dropped otherwise.
        """
        left, right = before.lower(), after.lower()
        if right in _SUSPENDED_HYPHEN_NEXT:
            return "space"
        hyphenated = self.counts.get(f"{left}-{right}", 0)
        joined = self.counts.get(left + right, 0)
        if hyphenated != joined:
            return "keep" if hyphenated > joined else "join"
        if len(left) >= 3 and len(right) >= 3 and left in self.counts and right in self.counts:
            return "keep"
        if left in _COMPOUND_LEFT or right in _COMPOUND_RIGHT:
            return "keep"
        return "join"


_EMPTY = Vocabulary()
_HYPHEN_END = re.compile(r"([^\W\d_]+)-$")
_WORD_START = re.compile(r"[^\W\d_]+")


def join_lines(lines: Sequence[str], vocab: Vocabulary | None = None) -> str:
    """Joins lines with single spaces, rejoining words broken by a line-end hyphen.

    Only a hyphen directly after a letter and before a lower-case letter is considered
    (``2020 –``/``2025`` and ``United Nations-``/``Habitat`` keep their space); what it is
    decides :meth:`Vocabulary.line_end_hyphen`. A soft hyphen at a line end always joins.
    """
    vocab = vocab or _EMPTY
    out = ""
    for raw in lines:
        line = " ".join(raw.split())
        if not line:
            continue
        if not out:
            out = line
            continue
        if out.endswith("\u00ad"):
            out = out[:-1] + line
            continue
        left = _HYPHEN_END.search(out)
        right = _WORD_START.match(line)
        if left and right and not line[:1].islower():
            # "Inter-"/"American": a compound when the document spells it so elsewhere
            known = vocab.get(f"{left.group(1).lower()}-{right.group(0).lower()}")
            out = out + ("" if known else " ") + line
        elif left and right:
            decision = vocab.line_end_hyphen(left.group(1), right.group(0))
            if decision == "join":
                out = out[:-1] + line
            elif decision == "space":
                out = out + " " + line
            else:
                out = out + line
        else:
            out = out + " " + line
    return out.strip()
