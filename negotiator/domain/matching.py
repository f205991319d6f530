"""Provides the matching of an imported round's paragraphs to the previous round's.

A paragraph keeps its identity across rounds, so that the round diff shows moves and
rewordings instead of a deletion and an addition.  Real revisions renumber, reword, spell
abbreviations out, collapse options into one sentence, split a paragraph in two and merge two
into one, so matching uses the order of the text as well as its words.  In order:

1. **identical text** (whitespace and case aside), when unambiguous: a move or a relabelling;
2. **best-scoring pairs first**, from the best score down, among pairs scoring at least
   ``BEST_MIN`` (a pair with the same label wins a tie); so a weak pair sharing a label never
   takes a paragraph from a much better one;
3. **alignment**: the pairs found so far that keep the order of both drafts are anchors;
   between two consecutive anchors, the paragraphs left on both sides pair by similarity
   (at least ``GAP_MIN``), then by position when as many are left on each side and their
   similarity is at least ``POSITION_MIN``;
4. **same label** and similar text (at least ``SAME_LABEL_MIN``, or most of the shorter text
   found in the longer one);
5. a paragraph left over that holds a large part of a previous paragraph continued by its
   neighbour is a **split** of it; a previous paragraph left over whose text mostly went into
   the paragraph continuing its neighbour was **merged** into it.  The part holding more of
   the original continues it; the other part is recorded as the split or merged side.

Whatever is left is a genuinely new paragraph; previous paragraphs left unmatched were
deleted in the new round.

The similarity of two texts (:func:`score`) is the mean of a Dice coefficient over their
*content words* (function words dropped, light stemming so inflections meet, weighted by
rarity in the two drafts, and the initials of capitalised phrases added so "UNODC" meets
"United Nations Office on Drugs and Crime") and a Dice coefficient over their character
4-grams (spelling and inflection variants).  Candidates come from an inverted index of rare
content words plus the paragraphs at the same relative place, so an import costs about
O(n log n), not O(n^2).

Every pairing carries its score and a reason (:class:`Pairing`), shown in the diff and the
review so a chair can trust or correct it.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

IN_ORDER_MIN = 0.6
IN_ORDER_MARGIN = 0.1
BEST_MIN = 0.5
GAP_MIN = 0.3
POSITION_MIN = 0.2
SAME_LABEL_MIN = 0.35
SAME_LABEL_CONTAINED = 0.6
SPLIT_SHARE = 0.15  # share of the original's content a split-off part must hold
PART_OWN = 0.6  # share of a split-off (or merged) part's own content found in the other side
DELETED_PENALTY = 0.1  # a paragraph deleted earlier comes back only on a clearly better score
_CANDIDATES = 4  # detailed scores per incoming paragraph from the index
_RARE_DF = 48  # content words in more paragraphs than this are not indexed
_UNRELATED = 0.12  # content-word similarity below which the 4-grams are not compared
_NEAR = 1  # paragraphs at the same relative place that are always candidates
_GAP_PAIRS = 2500  # a gap between anchors larger than this is scored from candidates only

Kind = Literal["continues", "split", "merged"]

_WORD_RE = re.compile(r"[^\W_]+", re.UNICODE)
_STOP = frozenset(
    """a about above after again against all also an and any are as at be been before being
    below between both but by can could did do does doing down during each either for from
    further had has have having he her here hers him his how i if in into is it its itself
    just may me might more most must my no nor not now of off on once only or other our ours
    out over own same shall she should so some such than that the their theirs them then there
    these they this those through to too under until up upon very was we were what when where
    which while who whom why will with within without would you your inter alia including
    particular well""".split()
)
_FILLERS = frozenset({"of", "on", "and", "the", "for", "to", "in", "de", "la", "des", "et", "&"})
_SUFFIXES = (
    "ations",
    "ation",
    "ments",
    "ment",
    "ings",
    "ing",
    "ities",
    "ity",
    "ies",
    "ied",
    "ed",
    "es",
    "ly",
    "s",
)


_STEMS: dict[str, str] = {}
_WORD_GRAMS: dict[str, tuple[str, ...]] = {}


def _stem(word: str) -> str:
    """A light stem of a casefolded word ("strengthening" -> "strengthen"), memoised."""
    stem = _STEMS.get(word)
    if stem is None:
        stem = word
        for suffix in _SUFFIXES:
            if word.endswith(suffix) and len(word) - len(suffix) >= 4:
                stem = word[: -len(suffix)]
                break
        if len(_STEMS) < 200_000:
            _STEMS[word] = stem
    return stem


_ABBREVIATION_RE = re.compile(r"[A-Z]{2,8}s?")
_CAPITAL_RUN_RE = re.compile(
    r"(?:[A-ZÀ-ÖØ-Þ][^\W_]*[a-zß-öø-ÿ]\s+(?:(?:of|on|and|the|for|to|in|de|la|des|et|&)\s+)*)+"
    r"[A-ZÀ-ÖØ-Þ][^\W_]*[a-zß-öø-ÿ]"
)


def _runs(text: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Runs of capitalised words, each as its initials and the stems of its words.

    "the United Nations Office on Drugs and Crime" gives ("unodc", ("united", "nation", ...)),
    so that an abbreviation in one draft meets its spelled-out form in the other.
    """
    out = []
    for run in _CAPITAL_RUN_RE.finditer(text):
        words = [w for w in run.group().split() if w[0].isupper()]
        out.append(
            ("".join(w[0].lower() for w in words), tuple(_stem(w.casefold()) for w in words))
        )
    return tuple(out)


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


@dataclass(frozen=True)
class Pairing:
    """One incoming paragraph continuing a previous one, with why.

    ``kind`` is ``continues`` (the incoming paragraph keeps the previous one's identity),
    ``split`` (the incoming paragraph is a new paragraph split off the previous one, which
    another incoming paragraph continues) or ``merged`` (the previous paragraph was merged
    into the incoming one, which continues another previous paragraph).
    """

    new: int  # index in the incoming draft
    old: int  # paragraph_id of the previous paragraph
    score: float
    reason: str
    kind: Kind = "continues"


@dataclass(frozen=True)
class MatchResult:
    """The pairings of one import; ``continues[i]`` is the identity incoming ``i`` keeps."""

    continues: tuple[int | None, ...]
    pairings: tuple[Pairing, ...] = field(default=())

    def primary(self, new: int) -> Pairing | None:
        for p in self.pairings:
            if p.new == new and p.kind == "continues":
                return p
        return None

    @property
    def splits(self) -> tuple[Pairing, ...]:
        return tuple(p for p in self.pairings if p.kind == "split")

    @property
    def merges(self) -> tuple[Pairing, ...]:
        return tuple(p for p in self.pairings if p.kind == "merged")


class _Text:
    """The features of one paragraph: content tokens and character 4-grams."""

    __slots__ = ("text", "norm", "tokens", "caps", "_runs", "_grams")

    def __init__(self, text: str) -> None:
        words = _WORD_RE.findall(text)
        folded = [w.casefold() for w in words]
        self.norm = " ".join(folded)
        self.text = text
        self.tokens = frozenset([_stem(w) for w in folded if w not in _STOP])
        # abbreviations written in capitals ("UNODC", "SDGs"), as their casefolded initials
        self.caps = frozenset(
            w[:-1].casefold() if w.endswith("s") else w.casefold()
            for w in words
            if _ABBREVIATION_RE.fullmatch(w)
        )
        self._runs: tuple[tuple[str, tuple[str, ...]], ...] | None = None
        self._grams: frozenset[str] | None = None

    def runs(self) -> tuple[tuple[str, tuple[str, ...]], ...]:
        if self._runs is None:
            self._runs = _runs(self.text)
        return self._runs

    def spelled_out(self, other: _Text) -> tuple[set[str], set[str]]:
        """Tokens to add to this text and to ``other`` where ``other`` spells out one of this
        text's abbreviations: the abbreviation on ``other``'s side, its words on this side."""
        mine: set[str] = set()
        theirs: set[str] = set()
        for abbreviation in self.caps:
            if abbreviation in other.tokens:
                continue
            for initials, stems in other.runs():
                at = initials.find(abbreviation)
                if at >= 0:
                    theirs.add(_stem(abbreviation))
                    mine.update(stems[at : at + len(abbreviation)])
                    break
        return mine, theirs

    def grams(self) -> frozenset[str]:
        """Character 4-grams of each casefolded word (with its edges), computed on demand."""
        if self._grams is None:
            parts = []
            cache = _WORD_GRAMS
            for w in set(self.norm.split()):
                grams = cache.get(w)
                if grams is None:
                    padded = f" {w} "
                    grams = tuple(padded[i : i + 4] for i in range(max(len(padded) - 3, 1)))
                    if len(cache) < 200_000:
                        cache[w] = grams
                parts.append(grams)
            self._grams = frozenset().union(*parts)
        return self._grams


class _Scorer:
    """Similarity of previous and incoming paragraphs, weighted by rarity in both drafts."""

    def __init__(self, old: Sequence[_Text], new: Sequence[_Text]) -> None:
        self.old, self.new = old, new
        df: dict[str, int] = defaultdict(int)
        for t in (*old, *new):
            for tok in t.tokens:
                df[tok] += 1
        n = len(old) + len(new)
        self.df = df
        self.idf = {tok: math.log(1.0 + n / d) for tok, d in df.items()}
        self.old_w = [self.weight(t.tokens) for t in old]
        self.new_w = [self.weight(t.tokens) for t in new]
        self._cache: dict[tuple[int, int], float] = {}

    def weight(self, tokens: frozenset[str] | set[str]) -> float:
        idf = self.idf
        return sum(idf.get(t, 1.0) for t in tokens)

    def score(self, i: int, j: int) -> float:
        """Similarity in [0, 1] of incoming ``i`` and previous ``j``."""
        key = (i, j)
        cached = self._cache.get(key)
        if cached is not None:
            return cached
        a, b = self.new[i], self.old[j]
        if a.norm == b.norm:
            value = 1.0
        else:
            ta, tb = a.tokens, b.tokens
            shared = ta & tb
            total = self.new_w[i] + self.old_w[j]
            if a.caps or b.caps:  # an abbreviation meets its spelled-out form
                add_a, add_b = a.spelled_out(b) if a.caps else (set(), set())
                more_b, more_a = b.spelled_out(a) if b.caps else (set(), set())
                add_a |= more_a
                add_b |= more_b
                if add_a or add_b:
                    ta, tb = ta | add_a, tb | add_b
                    shared = ta & tb
                    total = self.weight(ta) + self.weight(tb)
            words = 2 * self.weight(shared) / total if total else 0.0
            if words < _UNRELATED:  # no spelling variant makes these texts the same
                value = words / 2
            else:
                ga, gb = a.grams(), b.grams()
                grams = 2 * len(ga & gb) / (len(ga) + len(gb)) if ga or gb else 0.0
                value = (words + grams) / 2
        self._cache[key] = value
        return value

    def share(self, part: frozenset[str], whole: frozenset[str]) -> float:
        """Share of ``whole``'s content weight found in ``part``."""
        w = self.weight(whole)
        return self.weight(part & whole) / w if w else 0.0


def score(a: str, b: str) -> float:
    """The similarity :func:`match_drafts` uses, of two texts alone (in [0, 1])."""
    ta, tb = _Text(a), _Text(b)
    return _Scorer([tb], [ta]).score(0, 0)


def similarity(a: str, b: str) -> float:
    """Kept for callers of the first matcher: the same as :func:`score`."""
    return score(a, b)


def _lis(values: Sequence[int]) -> list[int]:
    """Indexes of a longest strictly increasing subsequence of ``values``."""
    tails: list[int] = []
    tails_at: list[int] = []
    back = [-1] * len(values)
    for k, v in enumerate(values):
        pos = bisect_left(tails, v)
        if pos == len(tails):
            tails.append(v)
            tails_at.append(k)
        else:
            tails[pos] = v
            tails_at[pos] = k
        back[k] = tails_at[pos - 1] if pos else -1
    out: list[int] = []
    k = tails_at[-1] if tails_at else -1
    while k >= 0:
        out.append(k)
        k = back[k]
    return out[::-1]


def match_drafts(
    previous: Sequence[Candidate],
    incoming: Sequence[Incoming],
    *,
    fixed: Mapping[int, int | None] | None = None,
) -> MatchResult:
    """Pair each incoming paragraph with the previous paragraph it continues (see the module).

    ``fixed`` maps incoming indexes to the previous ``paragraph_id`` a chair chose (``None``:
    a new paragraph); those pairings are taken as they are, before any other.
    Deterministic: the same drafts always give the same result.
    """
    n_new, n_old = len(incoming), len(previous)
    old_t = [_Text(c.text) for c in previous]
    new_t = [_Text(p.text) for p in incoming]
    sc = _Scorer(old_t, new_t)
    old_index = {c.paragraph_id: j for j, c in enumerate(previous)}
    result: list[int | None] = [None] * n_new  # index into previous
    taken = [False] * n_old
    why: dict[int, tuple[float, str]] = {}
    closed = [False] * n_new  # decided (also "new" by a chair)

    def pair(i: int, j: int, value: float, reason: str) -> None:
        result[i] = j
        taken[j] = True
        closed[i] = True
        why[i] = (round(value, 3), reason)

    for i, pid in sorted((fixed or {}).items()):
        if not 0 <= i < n_new:
            continue
        closed[i] = True
        if pid is not None and pid in old_index and not taken[old_index[pid]]:
            pair(i, old_index[pid], sc.score(i, old_index[pid]), "chosen by the chair")

    # 1. identical text
    old_by_text: dict[str, list[int]] = defaultdict(list)
    for j, t in enumerate(old_t):
        old_by_text[t.norm].append(j)
    new_by_text: dict[str, list[int]] = defaultdict(list)
    for i, t in enumerate(new_t):
        new_by_text[t.norm].append(i)
    for key, news in new_by_text.items():
        olds = [j for j in old_by_text.get(key, []) if not taken[j]]
        news = [i for i in news if not closed[i]]
        if not olds or not news:
            continue
        if len(olds) == 1 and len(news) == 1:
            pair(news[0], olds[0], 1.0, "identical text")
            continue
        for i in news:  # duplicates: those with the same label, then in order
            for j in olds:
                if not taken[j] and previous[j].label == incoming[i].label:
                    pair(i, j, 1.0, "identical text and label")
                    break
        rest_new = [i for i in news if not closed[i]]
        rest_old = [j for j in olds if not taken[j] and not previous[j].deleted]
        for i, j in zip(rest_new, rest_old, strict=False):
            pair(i, j, 1.0, "identical text (repeated, in order)")

    # 2. in order: walking both drafts, a paragraph and the next previous one left, when they
    # score high and better than their neighbours (most of a revision; O(n) scores)
    j = 0
    for i in range(n_new):
        if closed[i]:
            if result[i] is not None:
                j = max(j, result[i] + 1)  # type: ignore[operator]
            continue
        while j < n_old and (taken[j] or previous[j].deleted):
            j += 1
        if j >= n_old:
            break
        here = sc.score(i, j)
        if here < IN_ORDER_MIN:
            continue
        rivals = [sc.score(i, k) for k in (j + 1, j + 2) if k < n_old and not taken[k]]
        if i + 1 < n_new and not closed[i + 1]:
            rivals.append(sc.score(i + 1, j))
        if all(here >= r + IN_ORDER_MARGIN for r in rivals):
            pair(i, j, here, "in order and similar")
            j += 1

    # candidates: rare content words, the same relative place, the same label
    postings: dict[str, list[int]] = defaultdict(list)
    for j, t in enumerate(old_t):
        for tok in t.tokens:
            postings[tok].append(j)
    by_label: dict[str, list[int]] = defaultdict(list)
    for j, c in enumerate(previous):
        by_label[c.label].append(j)
    candidates: list[list[int]] = []
    for i, t in enumerate(new_t):
        if closed[i]:
            candidates.append([])
            continue
        acc: dict[int, float] = defaultdict(float)
        for tok in t.tokens:
            plist = postings.get(tok)
            if plist and len(plist) <= _RARE_DF:
                w = sc.idf[tok]
                for j in plist:
                    acc[j] += w
        best = sorted(acc, key=lambda j: (-acc[j], j))[:_CANDIDATES]
        centre = round(i * n_old / n_new) if n_new else 0
        near = range(max(0, centre - _NEAR), min(n_old, centre + _NEAR + 1))
        candidates.append(sorted({*best, *near, *by_label.get(incoming[i].label, [])}))

    def bonus(i: int, j: int) -> float:
        """Tie-breaks: the same label, and the same relative place in the text."""
        same = 0.05 if previous[j].label == incoming[i].label else 0.0
        drift = abs(i / max(n_new, 1) - j / max(n_old, 1))
        return same + 0.04 * max(0.0, 1.0 - 20 * drift)

    def value(i: int, j: int) -> float:
        return sc.score(i, j) - (DELETED_PENALTY if previous[j].deleted else 0.0)

    # 3. best-scoring pairs first
    ranked: list[tuple[float, int, int]] = []
    for i in range(n_new):
        if closed[i]:
            continue
        for j in candidates[i]:
            if not taken[j]:
                v = value(i, j)
                if v >= BEST_MIN:
                    ranked.append((v + bonus(i, j), i, j))
    for _v, i, j in sorted(ranked, key=lambda r: (-r[0], r[1], r[2])):
        if not closed[i] and not taken[j]:
            pair(i, j, sc.score(i, j), "most similar")

    # 4. alignment between anchors (pairs that keep the order of both drafts)
    matched = [i for i in range(n_new) if result[i] is not None]
    order = _lis([result[i] for i in matched])  # type: ignore[misc]
    anchors = [(-1, -1)] + [(matched[k], result[matched[k]]) for k in order] + [(n_new, n_old)]
    for (i0, j0), (i1, j1) in zip(anchors, anchors[1:], strict=False):
        assert j0 is not None and j1 is not None
        gap_new = [i for i in range(i0 + 1, i1) if not closed[i]]
        gap_old = [j for j in range(j0 + 1, j1) if not taken[j] and not previous[j].deleted]
        if not gap_new or not gap_old:
            continue
        left = incoming[i0].label if i0 >= 0 else "the start"
        right = incoming[i1].label if i1 < n_new else "the end"
        between = f"between matched neighbours {left} and {right}"
        if len(gap_new) * len(gap_old) <= _GAP_PAIRS:
            pairs = [(i, j) for i in gap_new for j in gap_old]
        else:
            old_set = set(gap_old)
            pairs = [(i, j) for i in gap_new for j in candidates[i] if j in old_set]
        scored = sorted(
            ((sc.score(i, j) + bonus(i, j), i, j) for i, j in pairs),
            key=lambda r: (-r[0], r[1], r[2]),
        )
        for v, i, j in scored:
            if v >= GAP_MIN and not closed[i] and not taken[j]:
                pair(i, j, sc.score(i, j), f"similar and {between}")
        rest_new = [i for i in gap_new if not closed[i]]
        rest_old = [j for j in gap_old if not taken[j]]
        if len(rest_new) == len(rest_old):
            for i, j in zip(rest_new, rest_old, strict=True):
                if sc.score(i, j) >= POSITION_MIN:
                    pair(i, j, sc.score(i, j), f"same place {between}")

    # 5. same label, similar text
    for i in range(n_new):
        if closed[i]:
            continue
        live = [j for j in by_label.get(incoming[i].label, []) if not taken[j]]
        live.sort(key=lambda j: previous[j].deleted)
        for j in live[:1]:
            a, b = new_t[i].tokens, old_t[j].tokens
            shorter = a if sc.weight(a) <= sc.weight(b) else b
            contained = sc.share(a & b, shorter) if len(shorter) >= 3 else 0.0
            if sc.score(i, j) >= SAME_LABEL_MIN or contained >= SAME_LABEL_CONTAINED:
                pair(i, j, sc.score(i, j), "same label and similar text")

    pairings: list[Pairing] = []
    # 6. splits: a new paragraph holding a large part of what its neighbour continues
    split_of: dict[int, int] = {}
    for i in range(n_new):
        if closed[i]:
            continue
        best: tuple[float, int, int] | None = None
        for k in (i - 1, i + 1):
            if 0 <= k < n_new and result[k] is not None and k not in split_of:
                j = result[k]
                assert j is not None
                a, whole = new_t[i].tokens, old_t[j].tokens
                extra = sc.share(a - new_t[k].tokens, whole)
                own = sc.share(a & whole, a)
                if extra >= SPLIT_SHARE and own >= PART_OWN and (best is None or extra > best[0]):
                    best = (extra, k, j)
        if best is None:
            continue
        _, k, j = best
        whole = old_t[j].tokens
        # the part holding more of the original keeps its identity
        if sc.share(new_t[i].tokens, whole) > sc.share(new_t[k].tokens, whole):
            main, part = i, k
        else:
            main, part = k, i
        label = previous[j].label
        result[part] = None
        result[main] = j
        closed[main] = closed[part] = True
        why[main] = (round(sc.score(main, j), 3), f"keeps most of {label}, which was split")
        why.pop(part, None)
        split_of[part] = j
        split_of[main] = j
        pairings.append(
            Pairing(
                part,
                previous[j].paragraph_id,
                round(sc.score(part, j), 3),
                f"split off {label}",
                "split",
            )
        )
    # merges: a previous paragraph left over whose text went into its neighbour's continuation
    continued_by = {j: i for i, j in enumerate(result) if j is not None}
    merged_into: dict[int, int] = {}
    for j in range(n_old):
        if taken[j] or previous[j].deleted:
            continue
        best_m: tuple[float, int, int] | None = None
        for m in (j - 1, j + 1):
            if 0 <= m < n_old and m in continued_by:
                k = continued_by[m]
                if k in split_of:
                    continue
                whole, into = old_t[j].tokens, new_t[k].tokens
                extra = sc.share(into - old_t[m].tokens, whole)
                inside = sc.share(into & whole, whole)
                if (
                    extra >= SPLIT_SHARE
                    and inside >= PART_OWN
                    and (best_m is None or extra > best_m[0])
                ):
                    best_m = (extra, m, k)
        if best_m is None:
            continue
        _, m, k = best_m
        into = new_t[k].tokens
        if sc.share(into, old_t[j].tokens) * sc.weight(old_t[j].tokens) > sc.share(
            into, old_t[m].tokens
        ) * sc.weight(old_t[m].tokens):
            main, absorbed = j, m  # the new paragraph holds more of j: it continues j
        else:
            main, absorbed = m, j
        result[k] = main
        taken[main] = taken[absorbed] = True
        continued_by[main] = k
        continued_by.pop(absorbed, None)
        why[k] = (
            round(sc.score(k, main), 3),
            f"{previous[absorbed].label} was merged into it",
        )
        merged_into[absorbed] = k
        pairings.append(
            Pairing(
                k,
                previous[absorbed].paragraph_id,
                round(sc.score(k, absorbed), 3),
                f"merged from {previous[absorbed].label}",
                "merged",
            )
        )

    for i, j in enumerate(result):
        if j is not None:
            v, reason = why.get(i, (round(sc.score(i, j), 3), "most similar"))
            pairings.append(Pairing(i, previous[j].paragraph_id, v, reason))
    pairings.sort(key=lambda p: (p.new, p.kind != "continues", p.old))
    return MatchResult(
        tuple(previous[j].paragraph_id if j is not None else None for j in result),
        tuple(pairings),
    )


def match_paragraphs(
    previous: Sequence[Candidate], incoming: Sequence[Incoming]
) -> list[int | None]:
    """For each incoming paragraph, the id of the previous paragraph it continues, or None."""
    return list(match_drafts(previous, incoming).continues)
