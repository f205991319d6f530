"""Provides what every exporter shares: the clean text, the compilation text, text hygiene.

Pure code (no SQLAlchemy, Textual or Rich): the exporters of :mod:`export_text`,
:mod:`export_html`, :mod:`export_docx` and :mod:`export_akn` render the structures built here.

* :func:`clean_paragraphs` turns a round's snapshots into the **clean text**: paragraphs not
  deleted, in document order, numbered consecutively from the declaration's first number
  (bis/ter resolved), preambular paragraphs unnumbered unless the declaration numbers them.
* :func:`final_problems` lists the paragraphs that keep a text from being final (brackets left,
  or a status other than agreed).
* :func:`compile_changes` turns a :class:`~negotiator.domain.diffing.RoundDiff` into the
  **compilation text**: every paragraph with its label, sponsor, status and tracked changes.
* :func:`xml_safe` drops what XML 1.0 cannot carry (control characters, lone surrogates).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import TypeVar

from negotiator.domain.diffing import DiffOp, ParagraphChange, RoundDiff
from negotiator.domain.labels import Label, clean_numbers
from negotiator.domain.model import ParagraphKind, ParagraphSnapshot, Status

# XML 1.0 Char: #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF].
_XML_ILLEGAL = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_safe(text: str) -> str:
    """``text`` without what XML 1.0 forbids (C0 controls but tab/LF/CR, U+FFFE/F, surrogates)."""
    return _XML_ILLEGAL.sub("", text)


def one_line(text: str) -> str:
    """Whitespace collapsed, XML-illegal characters dropped: titles and headings are one line."""
    return " ".join(xml_safe(text).split())


def is_rtl(text: str) -> bool:
    """True when the first strongly directional character is right-to-left (Arabic, Hebrew...)."""
    for char in text:
        direction = unicodedata.bidirectional(char)
        if direction in ("R", "AL"):
            return True
        if direction == "L":
            return False
    return False


@dataclass(frozen=True)
class ExportMeta:
    """About the declaration and the round exported (all optional but the title).

    ``date`` (ISO ``YYYY-MM-DD``) is the round's date, said in every export and dating the
    Akoma Ntoso expression: the service passes the day the round was frozen (or opened), so
    exporting a frozen round twice gives the same text. ``work_date`` is the day the
    declaration was created (the Akoma Ntoso work date, the same for every round; the round's
    date when unknown). ``user`` is who exports (the Word file's author) and ``generated_at``
    when (the Word file's creation time; now when ``None``).
    """

    title: str
    preface: str = ""
    first_number: int = 1
    number_preambular: bool = False
    slug: str = "declaration"
    round_name: str = ""
    compare_name: str | None = None
    date: str = "1970-01-01"
    language: str = "eng"
    work_date: str | None = None
    user: str = "negotiator"
    generated_at: datetime | None = None

    @property
    def round_label(self) -> str:
        """The round's name, or "current text" when none was given."""
        return self.round_name or "current text"

    @property
    def long_date(self) -> str:
        """The round's date as a reader writes it: "7 March 2021" (the ISO text if not a date)."""
        return long_date(self.date)


_MONTHS = (
    "January February March April May June July August September October November December"
).split()


def long_date(iso: str) -> str:
    """``"2021-03-07"`` -> ``"7 March 2021"`` (English month names; the input if not a date)."""
    match = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", iso)
    if not match or not 1 <= int(match.group(2)) <= 12:
        return iso
    year, month, day = match.groups()
    return f"{int(day)} {_MONTHS[int(month) - 1]} {year}"


# --------------------------------------------------------------------------- clean text


@dataclass(frozen=True)
class CleanParagraph:
    """A paragraph of the clean text: ``number`` is None for an unnumbered preambular paragraph."""

    uid: str
    kind: ParagraphKind
    section: str
    number: int | None
    text: str


def in_document_order(snapshots: Iterable[ParagraphSnapshot]) -> list[ParagraphSnapshot]:
    return sorted(snapshots, key=lambda p: (p.position, p.paragraph_id))


def clean_paragraphs(
    snapshots: Iterable[ParagraphSnapshot],
    *,
    first_number: int = 1,
    number_preambular: bool = False,
) -> list[CleanParagraph]:
    """The paragraphs not deleted, in document order, with their clean numbers."""
    live = [p for p in in_document_order(snapshots) if not p.deleted]
    numbers = clean_numbers(
        [Label.of(p.kind, 0) for p in live],
        first_number=first_number,
        number_preambular=number_preambular,
    )
    return [
        CleanParagraph(p.uid, p.kind, p.section, n, p.text)
        for p, n in zip(live, numbers, strict=True)
    ]


@dataclass(frozen=True)
class FinalProblem:
    """A paragraph that keeps the text from being final, and why."""

    label: str
    status: Status
    brackets: bool

    def __str__(self) -> str:
        reasons = []
        if self.brackets:
            reasons.append("brackets")
        if self.status is not Status.AGREED:
            reasons.append(self.status.value)
        return f"{self.label} ({', '.join(reasons)})"


def final_problems(snapshots: Iterable[ParagraphSnapshot]) -> list[FinalProblem]:
    """Paragraphs not deleted that still hold a square bracket or are not agreed, in order."""
    out = []
    for p in in_document_order(snapshots):
        if p.deleted:
            continue
        brackets = "[" in p.text or "]" in p.text
        if brackets or p.status is not Status.AGREED:
            out.append(FinalProblem(p.label, p.status, brackets))
    return out


# --------------------------------------------------------------------------- compilation text


@dataclass(frozen=True)
class CompiledParagraph:
    """A paragraph of the compilation text (round R compared with round A).

    ``label`` is the label at R (at A for a paragraph gone from R); ``marks`` are machine
    words ("new", "restored", "deleted", "moved", "relabelled", "status", "sponsor") and
    ``notes`` the same said for a reader ("formerly OP 4", "status: pending → agreed").
    ``segments`` are the tracked changes: ``equal`` text, ``insert`` (new since A) and
    ``delete`` (gone since A); a paragraph deleted at R is one ``delete`` segment.

    ``revisions`` are the exact changes from the paragraph's text in A's live text to its
    text in R's live text (``""`` where it is not live: new, restored, deleted): equal+delete
    give A's text, equal+insert R's, whitespace included. Word's tracked changes use them, so
    accepting all gives R and rejecting all gives A. ``live_a``/``live_b`` say whether the
    paragraph is in A's / R's text (not absent, not deleted). ``author`` and ``saved_at`` are
    who saved the paragraph's version at R and when (``None`` when not known).
    """

    uid: str
    kind: ParagraphKind
    label: str
    former_label: str | None
    section: str
    sponsor: str | None
    status: Status
    marks: tuple[str, ...]
    notes: tuple[str, ...]
    segments: tuple[DiffOp, ...] = field(repr=False)
    revisions: tuple[DiffOp, ...] = field(default=(), repr=False)
    live_a: bool = True
    live_b: bool = True
    author: str | None = None
    saved_at: datetime | None = None

    @property
    def change_author(self) -> str | None:
        """Whom a tracked change is credited to: the sponsor, else who saved the version."""
        return self.sponsor or self.author

    @property
    def deleted(self) -> bool:
        return self.status is Status.DELETED

    @property
    def new(self) -> bool:
        return "new" in self.marks


def _kind_of(label: str) -> ParagraphKind:
    try:
        return Label.parse(label).kind
    except ValueError:
        return ParagraphKind.OPERATIVE


@dataclass(frozen=True)
class Provenance:
    """Who saved a paragraph's version at the compared round, and when."""

    author: str
    saved_at: datetime | None = None


def _revisions(change: ParagraphChange, live_a: bool, live_b: bool) -> tuple[DiffOp, ...]:
    if live_a and live_b:
        return tuple(op for op in change.ops if op.text)
    if live_b:
        return (DiffOp("insert", change.text_b),) if change.text_b else ()
    if live_a:
        return (DiffOp("delete", change.text_a),) if change.text_a else ()
    return ()


def compile_change(
    change: ParagraphChange, provenance: Provenance | None = None
) -> CompiledParagraph:
    """One change of a round diff as a paragraph of the compilation text."""
    in_a, in_b = change.label_a is not None, change.label_b is not None
    live_a = in_a and change.status_a is not Status.DELETED
    live_b = in_b and change.status_b is not Status.DELETED
    label = (change.label_b if in_b else change.label_a) or ""
    status = change.status_b if change.status_b is not None else Status.DELETED
    sponsor = change.sponsor_b if in_b else change.sponsor_a
    section = (change.section_b if in_b else change.section_a) or ""
    marks: list[str] = []
    notes: list[str] = []
    segments = change.ops
    if "added" in change.kinds:
        marks.append("new" if not in_a else "restored")
        notes.append(marks[-1])
    if status is Status.DELETED:
        marks.append("deleted")
        notes.append("deleted" if "deleted" in change.kinds else "deleted before this comparison")
        text = change.text_b if in_b else change.text_a
        segments = (DiffOp("delete", text),) if text else ()
    former = None
    if "moved" in change.kinds:
        marks.append("moved")
        if change.section_a is not None and change.section_a != section:
            notes.append(
                f"moved from section “{one_line(change.section_a)}”"
                if change.section_a
                else "moved"
            )
        else:
            notes.append("moved")
    if "relabelled" in change.kinds:
        marks.append("relabelled")
        former = change.label_a
        notes.append(f"formerly {former}")
    if sponsor:
        note = f"sponsor: {one_line(sponsor)}"
        if "sponsor_changed" in change.kinds and change.sponsor_a:
            note += f" (was {one_line(change.sponsor_a)})"
        notes.append(note)
    elif "sponsor_changed" in change.kinds and change.sponsor_a:
        notes.append(f"sponsor withdrawn (was {one_line(change.sponsor_a)})")
    if "sponsor_changed" in change.kinds:
        marks.append("sponsor")
    if "status_changed" in change.kinds and change.status_a is not None:
        marks.append("status")
        notes.append(f"status: {change.status_a.value} → {status.value}")
    elif status is not Status.DELETED:
        notes.append(f"status: {status.value}")
    return CompiledParagraph(
        uid=change.uid,
        kind=_kind_of(label),
        label=label,
        former_label=former,
        section=section,
        sponsor=sponsor,
        status=status,
        marks=tuple(marks),
        notes=tuple(notes),
        segments=tuple(segments),
        revisions=_revisions(change, live_a, live_b),
        live_a=live_a,
        live_b=live_b,
        author=provenance.author if provenance else None,
        saved_at=provenance.saved_at if provenance else None,
    )


def compile_changes(
    diff: RoundDiff, provenance: Mapping[int, Provenance] | None = None
) -> list[CompiledParagraph]:
    """Every paragraph of a round diff, in the diff's order (that of round B).

    ``provenance`` maps a paragraph id to who saved its version at round B, and when.
    """
    known = provenance or {}
    return [compile_change(c, known.get(c.paragraph_id)) for c in diff.changes]


# --------------------------------------------------------------------------- grouping

T = TypeVar("T", CleanParagraph, CompiledParagraph)


def by_section(paragraphs: Sequence[T]) -> Iterator[tuple[str, list[T]]]:
    """Consecutive runs of paragraphs sharing a section, in order (a section may recur)."""
    run: list[T] = []
    for p in paragraphs:
        if run and p.section != run[0].section:
            yield run[0].section, run
            run = []
        run.append(p)
    if run:
        yield run[0].section, run


def split_edges(text: str) -> tuple[str, str, str]:
    """``(leading spaces, core, trailing spaces)``: markers hug the words, not the spaces."""
    core = text.strip()
    if not core:
        return text, "", ""
    start = text.index(core)
    return text[:start], core, text[start + len(core) :]


def display_segments(segments: Iterable[DiffOp]) -> list[tuple[str, str]]:
    """Tracked changes as shown to a reader: ``(op, text)`` with the marks hugging the words.

    The spaces at either end of an insertion or deletion become plain text (so underlining
    and strike-through cover words, and Markdown's ``**``/``~~`` stay valid), a deleted or
    inserted run of spaces alone is plain, and neighbouring plain runs are merged.
    """
    out: list[tuple[str, str]] = []

    def add(op: str, text: str) -> None:
        if not text:
            return
        if out and out[-1][0] == op:
            out[-1] = (op, out[-1][1] + text)
        else:
            out.append((op, text))

    for seg in segments:
        if seg.op == "equal":
            add("equal", seg.text)
            continue
        lead, core, trail = split_edges(seg.text)
        if not core:  # only spaces changed: show the new spacing
            if seg.op == "insert":
                add("equal", seg.text)
            continue
        add("equal", lead)
        add(seg.op, core)
        add("equal", trail)
    return out


# --------------------------------------------------------------------------- UN layout

# Words that carry on a preambular paragraph's opening phrase ("Noting with concern",
# "Bearing in mind", "Taking into account", "Recalling also", "Deeply concerned").
_OPENING_GO_ON = frozenset(
    "with in into mind account note also further furthermore moreover again once "
    "deep deeply grave great serious concern satisfaction appreciation alarm interest".split()
)
_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")


def opening_words(text: str) -> int:
    """How many characters of a preambular paragraph its opening words take (set in italics).

    The first word, the next one too after an adverb ("*Deeply concerned* about"), then the
    words that carry the phrase on ("*Noting with concern* that", "*Bearing in mind*").
    0 when the text does not start with a word.
    """
    match = _WORD.match(text)
    if not match:
        return 0
    end = match.end()
    first = match.group().lower()
    pos = end
    taken = 1
    while taken < 4 and text.startswith(" ", pos):
        nxt = _WORD.match(text, pos + 1)
        if not nxt:
            break
        word = nxt.group().lower()
        if not (word in _OPENING_GO_ON or (taken == 1 and first.endswith("ly"))):
            break
        end = pos = nxt.end()
        taken += 1
    return end
