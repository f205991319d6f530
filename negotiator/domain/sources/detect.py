"""Tells what kind of source document a text is, and reads it with the matching importer.

The kind is told from the content, not the file name, by signs every document of its family
carries whatever the congress or the layout:

* ``recommendations``: citations of regional reports, ``[AP 62(a)]``, ``[LAC 80 (b)]``, ...;
* ``guide``: "Discussion guide" in the heading, lettered "Questions for discussion";
* ``background``: "Background paper" / "Background note" in the heading;
* ``summaries``: "Chair's summary" / "Chair's summaries" in the heading.

Words in the heading (the first lines) weigh much more than the same words in the body, where
documents quote each other (the summaries mention the background notes, for instance).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from negotiator.domain.sources.base import DOCUMENT_KINDS, ParsedDocument, SourceFormatError
from negotiator.domain.sources.mapping import (
    CITATION,
    REGION_ALIASES,
    REGION_NAMES,
    reject_unreadable,
)

_HEAD_CHARS = 3000
_THRESHOLD = 5
_KNOWN_CODES = set(REGION_NAMES) | set(REGION_ALIASES)
_SIGNS: dict[str, tuple[tuple[re.Pattern[str], int, int], ...]] = {
    # kind: (pattern, weight in the heading, weight per occurrence in the body (capped))
    "guide": (
        (re.compile(r"\bdiscussion\s+guide\b", re.I), 10, 1),
        (re.compile(r"(?<!possible )\bquestions\s+for\s+discussion\b", re.I), 2, 2),
        (re.compile(r"\b(?:agenda\s+item|workshop)\s+\d+\b", re.I), 1, 0),
    ),
    "background": (
        (re.compile(r"\bbackground\s+(?:paper|note|document)\b", re.I), 10, 1),
        (re.compile(r"\bpossible\s+questions\s+for\s+discussion\b", re.I), 3, 2),
    ),
    "summaries": (
        (re.compile(r"\bchair(?:'|’|`)?s?\s+summar(?:y|ies)\b", re.I), 10, 2),
        (
            re.compile(r"\bsummar(?:y|ies)\s+of\s+the\s+(?:deliberations|discussions?)\b", re.I),
            6,
            2,
        ),
    ),
    "recommendations": (
        (re.compile(r"\bmapping\s+exercise\b", re.I), 6, 0),
        (
            re.compile(r"\brecommendations\b.{0,80}\bregional\s+preparatory\s+meetings?\b", re.I),
            3,
            0,
        ),
    ),
}
_BODY_CAP = 6


def detect_kind(text: str) -> str | None:
    """Returns ``guide``, ``recommendations``, ``background``, ``summaries`` or None.

    Reads the content only; None when no kind scores clearly (nothing found, or a tie).
    """
    if not isinstance(text, str) or not text.strip():
        return None
    head, body = text[:_HEAD_CHARS], text[_HEAD_CHARS:]
    scores = dict.fromkeys(DOCUMENT_KINDS, 0)
    for kind, signs in _SIGNS.items():
        for pattern, head_weight, body_weight in signs:
            if pattern.search(head):
                scores[kind] += head_weight
            scores[kind] += min(_BODY_CAP, body_weight * len(pattern.findall(body)))
    citations = sum(1 for m in CITATION.finditer(text) if m.group("code") in _KNOWN_CODES)
    if citations >= 3:
        scores["recommendations"] += 10 + min(10, citations // 10)
    elif citations and scores["recommendations"]:
        scores["recommendations"] += 3
    ranked = sorted(scores.items(), key=lambda kv: kv[1], reverse=True)
    (best, top), (_, second) = ranked[0], ranked[1]
    if top < _THRESHOLD or top == second:
        return None
    return best


def parse_source(
    text: str, path: str, *, kind: str | None = None, lenient: bool = False
) -> ParsedDocument:
    """Reads a source document with the importer for its kind (detected when None).

    Raises:
        SourceFormatError: empty or binary input, a kind that cannot be told or is unknown, or
            whatever the importer finds wrong with the document.
    """
    reject_unreadable(text, path)
    if kind is None:
        kind = detect_kind(text)
        if kind is None:
            raise SourceFormatError(
                path,
                None,
                "cannot tell what kind of document this is; "
                "pass --kind guide|recommendations|background|summaries",
            )
    if kind not in DOCUMENT_KINDS:
        raise SourceFormatError(
            path, None, f"unknown kind {kind!r}; use guide|recommendations|background|summaries"
        )
    return _parser(kind)(text, path, lenient=lenient)


def parse_source_pdf(
    data: bytes,
    path: str,
    *,
    kind: str | None = None,
    lenient: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> ParsedDocument:
    """Reads a source document published as PDF (see :mod:`negotiator.domain.readers.pdf`).

    The text is laid out one printed paragraph per line, as the hand conversions are; the
    mapping of recommendations, which places bullets and citations line by line, reads the
    printed lines.  An error names the page (the lines of the laid-out text mean nothing to the
    user).

    Raises:
        SourceFormatError: not a PDF, encrypted, no text layer (OCR is not done), or whatever
            the importer finds wrong with the document.
    """
    from negotiator.domain.errors import FileFormatError
    from negotiator.domain.readers.pdf import read_pdf, source_lines

    try:
        pages = read_pdf(data, path, progress=progress)
    except FileFormatError as exc:
        raise SourceFormatError(path, exc.line, exc.message) from None
    lines = source_lines(pages, layout="paragraphs")
    kind = kind or detect_kind("\n".join(text for text, _ in lines))
    if kind == "recommendations":
        lines = source_lines(pages, layout="lines")
    try:
        return parse_source("\n".join(t for t, _ in lines) + "\n", path, kind=kind, lenient=lenient)
    except SourceFormatError as exc:
        if exc.line is None or not 0 < exc.line <= len(lines):
            raise
        page = lines[exc.line - 1][1]
        raise SourceFormatError(path, None, f"page {page}: {exc.message}") from None


def _parser(kind: str) -> Callable[..., ParsedDocument]:
    # Imported on use: each importer is its own module, and the guide and background readers
    # are written separately.
    if kind == "recommendations":
        from negotiator.domain.sources.mapping import parse_mapping

        return parse_mapping
    if kind == "summaries":
        from negotiator.domain.sources.summaries import parse_summaries

        return parse_summaries
    if kind == "guide":
        from negotiator.domain.sources.guide import parse_guide

        return parse_guide
    from negotiator.domain.sources.background import parse_background

    return parse_background
