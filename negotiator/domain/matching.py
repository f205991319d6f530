"""Provides the matching of an imported round's paragraphs to the previous round's.

A paragraph keeps its identity across rounds, so that the round diff shows moves and
rewordings instead of a deletion and an addition.  Matching, in order of confidence:

1. identical text (whitespace-normalised), when unambiguous: a move or a relabelling;
2. the same label and similar text (word-sequence similarity >= ``SAME_LABEL_MIN``, or most
   of the shorter text found in the longer: a paragraph cut down or expanded);
3. otherwise the most similar remaining pair above ``ANY_LABEL_MIN`` (reworded and moved),
   taken greedily from the best score down.

Whatever is left is a genuinely new paragraph; previous paragraphs left unmatched were
deleted in the new round.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher

SAME_LABEL_MIN = 0.4
SAME_LABEL_CONTAINED = 0.6
ANY_LABEL_MIN = 0.6
_WORD_RE = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True)
class Candidate:
    """A paragraph of the previous round: its identity, label and text."""

    paragraph_id: int
    label: str
    text: str
    deleted: bool = False


@dataclass(frozen=True)
class Incoming:
    """A paragraph of the imported draft."""

    label: str
    text: str


def _norm(text: str) -> str:
    return " ".join(text.split()).casefold()


def _words(text: str) -> list[str]:
    return _WORD_RE.findall(text.casefold())


def similarity(a: str, b: str) -> float:
    """Word-sequence similarity in [0, 1] (difflib ratio over word lists)."""
    wa, wb = _words(a), _words(b)
    if not wa and not wb:
        return 1.0
    return SequenceMatcher(None, wa, wb, autojunk=False).ratio()


def containment(a: str, b: str) -> float:
    """Share of the shorter text's words found, in order, in the longer one."""
    wa, wb = _words(a), _words(b)
    if not wa or not wb:
        return 0.0
    matched = sum(
        block.size for block in SequenceMatcher(None, wa, wb, autojunk=False).get_matching_blocks()
    )
    return matched / min(len(wa), len(wb))


def match_paragraphs(
    previous: Sequence[Candidate], incoming: Sequence[Incoming]
) -> list[int | None]:
    """For each incoming paragraph, the id of the previous paragraph it continues, or None."""
    result: list[int | None] = [None] * len(incoming)
    taken: set[int] = set()

    # 1. identical text
    by_text: dict[str, list[Candidate]] = defaultdict(list)
    for cand in previous:
        by_text[_norm(cand.text)].append(cand)
    incoming_by_text: dict[str, list[int]] = defaultdict(list)
    for i, inc in enumerate(incoming):
        incoming_by_text[_norm(inc.text)].append(i)
    for key, indexes in incoming_by_text.items():
        cands = by_text.get(key, [])
        if len(cands) == 1 and len(indexes) == 1:
            result[indexes[0]] = cands[0].paragraph_id
            taken.add(cands[0].paragraph_id)
        elif cands:  # duplicates: pair those with the same label
            for i in indexes:
                for cand in cands:
                    if cand.paragraph_id not in taken and cand.label == incoming[i].label:
                        result[i] = cand.paragraph_id
                        taken.add(cand.paragraph_id)
                        break

    # 2. same label, similar text
    by_label: dict[str, Candidate] = {}
    for cand in previous:  # a live paragraph wins over a deleted one with the same label
        if cand.label not in by_label or by_label[cand.label].deleted:
            by_label[cand.label] = cand
    for i, inc in enumerate(incoming):
        if result[i] is not None:
            continue
        cand = by_label.get(inc.label)
        if (
            cand
            and cand.paragraph_id not in taken
            and (
                similarity(cand.text, inc.text) >= SAME_LABEL_MIN
                or containment(cand.text, inc.text) >= SAME_LABEL_CONTAINED
            )
        ):
            result[i] = cand.paragraph_id
            taken.add(cand.paragraph_id)

    # 3. best remaining pairs (reworded and moved or relabelled)
    left_prev = [c for c in previous if c.paragraph_id not in taken]
    left_new = [i for i, r in enumerate(result) if r is None]
    if left_prev and left_new:
        prev_sets = [(c, set(_words(c.text))) for c in left_prev]
        pairs: list[tuple[float, int, int]] = []
        for i in left_new:
            new_set = set(_words(incoming[i].text))
            for cand, cand_set in prev_sets:
                union = len(new_set | cand_set)
                # Cheap filter first: a ratio >= ANY_LABEL_MIN needs a fair word overlap.
                if union and len(new_set & cand_set) / union >= ANY_LABEL_MIN / 2:
                    score = similarity(cand.text, incoming[i].text)
                    if score >= ANY_LABEL_MIN:
                        pairs.append((score, i, cand.paragraph_id))
        for _score, i, pid in sorted(pairs, key=lambda p: (-p[0], p[1], p[2])):
            if result[i] is None and pid not in taken:
                result[i] = pid
                taken.add(pid)
    return result
