"""Provides negotiation labels (``OP 5``, ``OP 5 bis``, ``PP 3``): parsing, ordering, insertion.

During a negotiation a paragraph keeps its label; a paragraph inserted after ``OP 5`` becomes
``OP 5 bis``, then ``OP 5 ter`` and so on.  Consecutive numbers are computed only for a clean
text (:func:`clean_numbers`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from negotiator.domain.model import ParagraphKind

#: Latin multiplicative adverbs used for inserted paragraphs, in order (index 1 = bis).
SUFFIXES: tuple[str, ...] = (
    "",
    "bis",
    "ter",
    "quater",
    "quinquies",
    "sexies",
    "septies",
    "octies",
    "novies",
    "decies",
    "undecies",
    "duodecies",
    "terdecies",
    "quaterdecies",
    "quindecies",
    "sexdecies",
    "septdecies",
    "octodecies",
    "novodecies",
    "vicies",
)
_SUFFIX_INDEX = {name: i for i, name in enumerate(SUFFIXES) if name}

_SUFFIX_RE = "|".join(sorted(_SUFFIX_INDEX, key=len, reverse=True))
LABEL_RE = re.compile(
    rf"^(?:(?P<kind>PP|OP)\s*)?(?P<number>\d{{1,5}})(?:\s*(?P<suffix>{_SUFFIX_RE}))?$",
    re.IGNORECASE,
)


@dataclass(frozen=True, order=True)
class Label:
    """A paragraph label.  Orders as ``PP`` before ``OP``, then number, then suffix.

    ``suffix`` is the index into :data:`SUFFIXES` (0 for none, 1 for bis, 2 for ter...).
    """

    kind_order: int
    number: int
    suffix: int = 0

    @property
    def kind(self) -> ParagraphKind:
        return ParagraphKind.PREAMBULAR if self.kind_order == 0 else ParagraphKind.OPERATIVE

    @classmethod
    def of(cls, kind: ParagraphKind, number: int, suffix: int = 0) -> Label:
        if number < 0:
            raise ValueError("a paragraph number cannot be negative")
        if not 0 <= suffix < len(SUFFIXES):
            raise ValueError(f"no label suffix number {suffix}")
        return cls(0 if kind is ParagraphKind.PREAMBULAR else 1, number, suffix)

    @classmethod
    def parse(cls, text: str, default_kind: ParagraphKind = ParagraphKind.OPERATIVE) -> Label:
        """Parse ``OP 5 bis``, ``PP 3``, ``5 ter`` or ``21``.

        Raises:
            ValueError: when the text is not a label.
        """
        match = LABEL_RE.match(" ".join(text.strip().rstrip(".").split()))
        if not match:
            raise ValueError(
                f"not a paragraph label: {text!r} (expected e.g. 'OP 5', 'OP 5 bis', 'PP 3')"
            )
        kind_text = match.group("kind")
        kind = ParagraphKind(kind_text.upper()) if kind_text else default_kind
        suffix = _SUFFIX_INDEX[match.group("suffix").lower()] if match.group("suffix") else 0
        return cls.of(kind, int(match.group("number")), suffix)

    def __str__(self) -> str:
        base = f"{self.kind.value} {self.number}"
        return f"{base} {SUFFIXES[self.suffix]}" if self.suffix else base

    def next_insertion(self, taken: Iterable[Label]) -> Label:
        """The label for a paragraph inserted after this one: the next free bis/ter/...

        Raises:
            ValueError: when every suffix for this number is taken.
        """
        used = {
            label.suffix
            for label in taken
            if label.kind_order == self.kind_order and label.number == self.number
        }
        for suffix in range(self.suffix + 1, len(SUFFIXES)):
            if suffix not in used:
                return Label(self.kind_order, self.number, suffix)
        raise ValueError(f"no free insertion label after {self}")


def clean_numbers(
    labels: Sequence[Label], *, first_number: int = 1, number_preambular: bool = False
) -> list[int | None]:
    """Consecutive numbers for a clean text, in the given (document) order.

    Operative paragraphs are numbered from ``first_number``; preambular paragraphs are
    unnumbered (``None``) unless ``number_preambular`` is set, in which case the whole
    declaration is numbered consecutively.
    """
    out: list[int | None] = []
    n = first_number
    for label in labels:
        if label.kind is ParagraphKind.PREAMBULAR and not number_preambular:
            out.append(None)
            continue
        out.append(n)
        n += 1
    return out
