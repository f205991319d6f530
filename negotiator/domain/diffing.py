"""Provides the round-to-round diff engine: word diffs of paragraphs matched by identity.

Two levels, both pure and deterministic:

* :func:`word_diff` diffs two texts with diff-match-patch (``Diff_Timeout = 0``,
  semantic cleanup) over *tokens*, so a change always covers whole words. A token is
  a run of letters/digits (combining marks stay with their base letter), a single
  CJK character (Chinese and Japanese have no spaces), a run of whitespace, or one
  other character (punctuation; each ``[`` and ``]`` is its own token).
  ``apply_ops(word_diff(a, b)) == (a, b)`` holds for any two strings.
* :func:`diff_rounds` matches the paragraphs of two rounds by ``paragraph_id``
  (never by position) and reports a :class:`ParagraphChange` per paragraph plus a
  :class:`RoundSummary`. Only paragraphs whose text differs are word-diffed.

Change kinds (``ParagraphChange.kinds``, in this order, "unchanged" only alone):

* ``added``: absent in A and present in B, or deleted in A and not deleted in B
  (restored).
* ``deleted``: present in A and absent from B, or not deleted in A and marked
  deleted in B (a deleted paragraph stays in the text, marked deleted).
* ``moved``: the section changed, or the paragraph is off the longest increasing
  subsequence of A-positions of the common paragraphs taken in B order (so
  paragraphs merely shifted by inserts or deletes elsewhere are not moved).
* ``relabelled``: the label differs.
* ``reworded``: the texts differ once internal whitespace is collapsed.
* ``status_changed``: the status differs, other than to or from deleted (those are
  ``deleted`` and ``added``).
* ``sponsor_changed``: the sponsor differs.
* ``brackets_changed``: the number of matched ``[...]`` spans differs.
* ``unchanged``: none of the above.

Only paragraphs present in both rounds get ``moved`` ... ``brackets_changed``; a
paragraph absent from one side is only ``added`` or ``deleted``.

``ParagraphChange.ops`` always satisfies ``apply_ops(ops) == (text_a, text_b)``,
with ``""`` for an absent side: word ops when the texts differ (when they differ only
in whitespace the ops show it but the paragraph is not ``reworded``), a single
equal op when they are identical, a single insert op for a paragraph absent in A, a
single delete op for one absent from B, and no op at all for empty texts.

JSON (:func:`to_json`) is plain dicts, lists, strings, ints, floats and ``None``::

    {
      "summary": {
        "paragraphs_a": int, "paragraphs_b": int,            # all snapshots
        "live_paragraphs_a": int, "live_paragraphs_b": int,  # not deleted
        "counts": {"added": int, "deleted": int, "moved": int, "relabelled": int,
                   "reworded": int, "status_changed": int, "sponsor_changed": int,
                   "brackets_changed": int, "unchanged": int},
        "words_added": int, "words_removed": int,            # from the word ops
        "words_a": int, "words_b": int,                      # live paragraphs only
        "agreed_share_a": float, "agreed_share_b": float,    # 0.0 .. 1.0 of live
        "agreed_or_ad_ref_share_a": float, "agreed_or_ad_ref_share_b": float
      },
      "changes": [                                           # in B order
        {"kinds": [str, ...], "paragraph_id": int, "uid": str,
         "label_a": str | None, "label_b": str | None,
         "section_a": str | None, "section_b": str | None,
         "position_a": int | None, "position_b": int | None,
         "status_a": str | None, "status_b": str | None,     # Status values
         "sponsor_a": str | None, "sponsor_b": str | None,
         "brackets_a": int | None, "brackets_b": int | None,
         "words_added": int, "words_removed": int,
         "ops": [["equal" | "insert" | "delete", str], ...]}
      ]
    }

``None`` marks the side where the paragraph is absent (sponsors may also be
``None`` when there is none). Paragraphs absent from B follow the nearest paragraph
that precedes them in A and is still present in B (or come first if none does).
"""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from diff_match_patch import diff_match_patch

try:  # the C++ port of the same algorithm (google-diff-match-patch), when installed
    import fast_diff_match_patch as _fast_dmp
except ImportError:  # pragma: no cover - the pure-Python engine is the fallback
    _fast_dmp = None

from negotiator.domain.brackets import count_brackets
from negotiator.domain.model import ParagraphSnapshot, Status
from negotiator.domain.text import count_words, longest_increasing_subsequence, tokenise

OpName = Literal["equal", "insert", "delete"]

KINDS: tuple[str, ...] = (
    "added",
    "deleted",
    "moved",
    "relabelled",
    "reworded",
    "status_changed",
    "sponsor_changed",
    "brackets_changed",
    "unchanged",
)
"""Every change kind, in the order they appear in ``ParagraphChange.kinds``."""


@dataclass(frozen=True, slots=True)
class DiffOp:
    """One run of a word diff: text kept, inserted (only in the new) or deleted."""

    op: OpName
    text: str


# --- word diff --------------------------------------------------------------------------

# Tokens on both sides of a gap below which diff-match-patch alone is as fast as anchoring.
_ANCHOR_MIN = 24
# Token pairs (len(x) * len(y)) above which an unanchored gap is not bisected.
_BISECT_BUDGET = 40_000
_LIGHT_MAX = 400
_FEW = 8  # tokens peculiar to one side of a gap, at most, for bisection without anchors
_MAX_DEPTH = 100  # nested anchoring levels (prose needs two or three)
_DMP = diff_match_patch()
# The default 1.0 s deadline makes the output depend on machine speed.
_DMP.Diff_Timeout = 0
_EQUAL, _INSERT, _DELETE = (
    diff_match_patch.DIFF_EQUAL,
    diff_match_patch.DIFF_INSERT,
    diff_match_patch.DIFF_DELETE,
)
_OP_NAMES: dict[int, OpName] = {
    diff_match_patch.DIFF_EQUAL: "equal",
    diff_match_patch.DIFF_INSERT: "insert",
    diff_match_patch.DIFF_DELETE: "delete",
}


_FAST_OPS = {"=": _EQUAL, "+": _INSERT, "-": _DELETE}

Engine = Literal["c++", "python"]
ENGINES: tuple[Engine, ...] = ("c++", "python") if _fast_dmp is not None else ("python",)
"""The diff cores available here: both run diff-match-patch's ``diff_main`` (trimming,
bisection, merge) with no deadline and no line mode, so they give identical ops."""


def _bisect_python(x: str, y: str) -> list[tuple[int, str]]:
    return _DMP.diff_main(x, y, False, sys.maxsize)


def _bisect_fast(x: str, y: str) -> list[tuple[int, str]]:
    assert _fast_dmp is not None
    ops = _fast_dmp.diff(x, y, timelimit=0, checklines=False, cleanup="No", counts_only=False)
    return [(_FAST_OPS[op], chars) for op, chars in ops]


_BISECT = _bisect_fast if _fast_dmp is not None else _bisect_python


_PUA_BMP = 0xF900 - 0xE000
_PUA_PLANES = 0x10FFFE - 0xF0000
_MAX_TOKENS = _PUA_BMP + _PUA_PLANES + (0xF0000 - 0x10000)
_PUA_CHARS = "".join(map(chr, range(0xE000, 0xF900)))


def _code(n: int) -> str:
    """The character standing for the n-th distinct token of a diff.

    Private-use characters first (neither letters nor spaces, so diff-match-patch's
    cosmetic boundary scoring treats every token alike), then the other
    supplementary planes.
    """
    if n < _PUA_BMP:
        return _PUA_CHARS[n]
    n -= _PUA_BMP
    if n < _PUA_PLANES:
        return chr(0xF0000 + n)
    return chr(0x10000 + n - _PUA_PLANES)


def _encode(tokens_a: list[str], tokens_b: list[str]) -> tuple[str, str, dict[str, str]] | None:
    """Both token lists as strings of one character per token, and the way back."""
    distinct = dict.fromkeys(tokens_a)
    distinct.update(dict.fromkeys(tokens_b))
    if len(distinct) > _MAX_TOKENS:
        return None
    if len(distinct) <= _PUA_BMP:
        index = dict(zip(distinct, _PUA_CHARS, strict=False))
    else:
        index = {tok: _code(n) for n, tok in enumerate(distinct)}
    get = index.__getitem__
    return "".join(map(get, tokens_a)), "".join(map(get, tokens_b)), index


def _patience(
    x: str,
    y: str,
    diffs: list[tuple[int, str]],
    depth: int = 0,
    bisect: Callable[[str, str], list[tuple[int, str]]] = _bisect_python,
) -> None:
    """Append to ``diffs`` the diff of two token strings (one character per token).

    Like git's patience diff: after trimming the common prefix and suffix, tokens
    occurring exactly once in each side, in the same relative order, are kept as
    equalities and the gaps between them are diffed the same way. diff-match-patch
    diffs what is left (small gaps, or gaps without such anchors): with
    ``Diff_Timeout = 0`` its bisection grows with the product of the size of the text
    and of the edit, which a heavily reworded paragraph makes slow. Deterministic.
    """
    if x == y:
        if x:
            diffs.append((_EQUAL, x))
        return
    prefix = _DMP.diff_commonPrefix(x, y)
    if prefix:
        diffs.append((_EQUAL, x[:prefix]))
        x, y = x[prefix:], y[prefix:]
    suffix = _DMP.diff_commonSuffix(x, y)
    tail = ""
    if suffix:
        tail = x[len(x) - suffix :]
        x, y = x[: len(x) - suffix], y[: len(y) - suffix]
    if not x:
        diffs.append((_INSERT, y))
    elif not y:
        diffs.append((_DELETE, x))
    elif len(x) + len(y) < _ANCHOR_MIN or (
        len(x) + len(y) <= _LIGHT_MAX and len(set(x).symmetric_difference(y)) <= _FEW
    ):
        # Small, or paragraph-sized with few tokens peculiar to one side (a light
        # edit, in prose): bisection is fast. Bisection costs size x edit distance,
        # and reordered repetitive text has few peculiar tokens but a long edit,
        # hence the size cap.
        diffs.extend(bisect(x, y))
    else:
        count_x, count_y = Counter(x), Counter(y)
        where_x = {c: i for i, c in enumerate(x) if count_x[c] == 1}
        pairs = [(where_x[c], j) for j, c in enumerate(y) if count_y[c] == 1 and c in where_x]
        if depth >= _MAX_DEPTH:
            pairs = []  # pathological nesting: stop anchoring, stay within the stack
        if not pairs and len(x) * len(y) > _BISECT_BUDGET:
            # No anchor in a long gap (repetitive text, not prose): the bisection
            # could take seconds, so replace the gap wholesale. Still exact.
            diffs.extend(((_DELETE, x), (_INSERT, y)))
        elif not pairs:
            diffs.extend(bisect(x, y))
        else:
            at_x = at_y = 0
            for k in longest_increasing_subsequence([i for i, _ in pairs]):
                i, j = pairs[k]
                _patience(x[at_x:i], y[at_y:j], diffs, depth + 1, bisect)
                diffs.append((_EQUAL, x[i]))
                at_x, at_y = i + 1, j + 1
            _patience(x[at_x:], y[at_y:], diffs, depth + 1, bisect)
    if tail:
        diffs.append((_EQUAL, tail))


def _cleanup_semantic(diffs: list[tuple[int, str]], widths: dict[str, int]) -> None:
    """diff-match-patch's ``diff_cleanupSemantic`` weighing tokens by their real length.

    The equality-elimination loop is the library's own, except that an equality or
    an edit counts the characters of the tokens it stands for, not the tokens: the
    word in ``to [promote] cooperation`` is longer than the brackets added around it,
    so the diff shows two bracket insertions rather than ``promote`` replaced by
    ``[promote]``. The library's merge and sideways-shift passes follow. (Its
    overlap pass is left out: it only matters when eliminations leave a deletion and
    an insertion sharing an end, which the token-level diff rarely produces.)
    """

    def width(chars: str) -> int:
        return sum(map(widths.__getitem__, chars))

    changes = False
    equalities: list[int] = []  # indexes of equalities still candidates
    last_equality: str | None = None
    pointer = 0
    ins_before = del_before = ins_after = del_after = 0
    while pointer < len(diffs):
        op, chars = diffs[pointer]
        if op == _EQUAL:
            equalities.append(pointer)
            ins_before, ins_after = ins_after, 0
            del_before, del_after = del_after, 0
            last_equality = chars
        else:
            if op == _INSERT:
                ins_after += width(chars)
            else:
                del_after += width(chars)
            # Eliminate an equality no longer than the edits on both sides of it.
            if last_equality:
                size = width(last_equality)
                if size <= max(ins_before, del_before) and size <= max(ins_after, del_after):
                    diffs.insert(equalities[-1], (_DELETE, last_equality))
                    diffs[equalities[-1] + 1] = (_INSERT, diffs[equalities[-1] + 1][1])
                    equalities.pop()
                    if equalities:
                        equalities.pop()
                    pointer = equalities[-1] if equalities else -1
                    ins_before = del_before = ins_after = del_after = 0
                    last_equality = None
                    changes = True
        pointer += 1
    if changes:
        _DMP.diff_cleanupMerge(diffs)
    _DMP.diff_cleanupSemanticLossless(diffs)


def _cut_before(text: str, k: int) -> bool:
    """A token boundary falls before ``text[k]`` in every text sharing ``text[k-1:k+1]``.

    After an ASCII space and before a character that is not whitespace, the space run
    ends and a new token starts whatever comes before or after (no mark merging,
    which needs a letter or a mark before it).
    """
    return text[k - 1] == " " and not text[k].isspace()


def _tokens_trimmed(a: str, b: str) -> tuple[list[str], list[str]]:
    """The tokens of both texts, a long common head and tail each kept as one token.

    Edits in a paragraph are usually a few words long: tokenising, encoding and
    cleaning up the unchanged head and tail word by word is most of the cost of a
    word diff. A head (or tail) cut where a token boundary is certain (see
    :func:`_cut_before`) tokenises the same alone as inside the whole text, so the
    ops still fall on word boundaries and rebuild both texts; as one wide token it
    still weighs its full length in the semantic clean-up.
    """
    # The head ends before a[k] with k < head, so a[k-1:k+1] is common to both texts.
    k = _DMP.diff_commonPrefix(a, b) - 1
    while k > 0 and not _cut_before(a, k):
        k -= 1
    k = max(k, 0)
    tail = _DMP.diff_commonSuffix(a[k:], b[k:])
    # The tail starts at len(x) - t; its first character and the one before are common.
    t = tail - 1
    while t > 0 and not _cut_before(a, len(a) - t):
        t -= 1
    tokens_a = tokenise(a[k : len(a) - t])
    tokens_b = tokenise(b[k : len(b) - t])
    if k:
        tokens_a.insert(0, a[:k])
        tokens_b.insert(0, a[:k])
    if t > 0:
        tokens_a.append(a[len(a) - t :])
        tokens_b.append(a[len(a) - t :])
    return tokens_a, tokens_b


def word_diff(a: str, b: str, *, engine: Engine | None = None) -> tuple[DiffOp, ...]:
    """Diff two texts word by word.

    Args:
        a: The old text.
        b: The new text.
        engine: The diff core: ``"c++"`` (fast-diff-match-patch, the default where it
            is installed) or ``"python"`` (diff-match-patch); both give the same ops.

    Returns:
        Ops whose equal+delete texts concatenate to ``a`` and equal+insert texts to
        ``b``; no two consecutive ops share a kind, no op is empty, a delete comes
        before the insert that replaces it, and no op boundary splits a word.
    """
    if a == b:
        return (DiffOp("equal", a),) if a else ()
    if not a:
        return (DiffOp("insert", b),)
    if not b:
        return (DiffOp("delete", a),)
    encoded = _encode(*_tokens_trimmed(a, b))
    if encoded is None:
        # More distinct tokens than code points (texts of over a million tokens):
        # still correct, just coarse.
        return (DiffOp("delete", a), DiffOp("insert", b))
    enc_a, enc_b, index = encoded
    diffs: list[tuple[int, str]] = []
    bisect = _BISECT if engine is None else (_bisect_python if engine == "python" else _bisect_fast)
    _patience(enc_a, enc_b, diffs, 0, bisect)
    _DMP.diff_cleanupMerge(diffs)
    lookup = {char: tok for tok, char in index.items()}
    _cleanup_semantic(diffs, {char: len(tok) for char, tok in lookup.items()})
    token = lookup.__getitem__
    return tuple(DiffOp(_OP_NAMES[op], "".join(map(token, chars))) for op, chars in diffs if chars)


def apply_ops(ops: Sequence[DiffOp]) -> tuple[str, str]:
    """Rebuild ``(old, new)`` from word ops: old = equal+delete, new = equal+insert."""
    old = "".join(o.text for o in ops if o.op != "insert")
    new = "".join(o.text for o in ops if o.op != "delete")
    return old, new


# --- round diff -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ParagraphChange:
    """What happened to one paragraph between round A and round B.

    The ``*_a`` fields are ``None`` when the paragraph is absent from A, the ``*_b``
    fields when it is absent from B (``sponsor_*`` may also be ``None`` for "no
    sponsor").
    """

    paragraph_id: int
    uid: str
    kinds: tuple[str, ...]
    label_a: str | None
    label_b: str | None
    section_a: str | None
    section_b: str | None
    position_a: int | None
    position_b: int | None
    status_a: Status | None
    status_b: Status | None
    sponsor_a: str | None
    sponsor_b: str | None
    brackets_a: int | None
    brackets_b: int | None
    words_added: int
    words_removed: int
    ops: tuple[DiffOp, ...] = field(repr=False)

    @property
    def text_a(self) -> str:
        return apply_ops(self.ops)[0]

    @property
    def text_b(self) -> str:
        return apply_ops(self.ops)[1]


@dataclass(frozen=True, slots=True)
class RoundSummary:
    """Figures for a whole round diff (counts are of paragraphs having that kind)."""

    paragraphs_a: int
    paragraphs_b: int
    live_paragraphs_a: int
    live_paragraphs_b: int
    added: int
    deleted: int
    moved: int
    relabelled: int
    reworded: int
    status_changed: int
    sponsor_changed: int
    brackets_changed: int
    unchanged: int
    words_added: int
    words_removed: int
    words_a: int
    words_b: int
    agreed_share_a: float
    agreed_share_b: float
    agreed_or_ad_ref_share_a: float
    agreed_or_ad_ref_share_b: float

    @property
    def counts(self) -> dict[str, int]:
        """Paragraph count per change kind, in :data:`KINDS` order."""
        return {kind: getattr(self, kind) for kind in KINDS}


@dataclass(frozen=True, slots=True)
class RoundDiff:
    """The changes from round A to round B, in B order, and their summary."""

    changes: tuple[ParagraphChange, ...]
    summary: RoundSummary


def _normalised(text: str) -> str:
    return " ".join(text.split())


def _ordered(round_: Sequence[ParagraphSnapshot], name: str) -> list[ParagraphSnapshot]:
    ordered = sorted(round_, key=lambda p: (p.position, p.paragraph_id))
    if len({p.paragraph_id for p in ordered}) != len(ordered):
        raise ValueError(f"round {name} lists a paragraph_id twice")
    return ordered


def _words_in(ops: tuple[DiffOp, ...], op: OpName) -> int:
    return sum(count_words(o.text) for o in ops if o.op == op)


def _one_sided(p: ParagraphSnapshot, side: Literal["a", "b"]) -> ParagraphChange:
    text_ops: tuple[DiffOp, ...] = ()
    if p.text:
        text_ops = (DiffOp("delete" if side == "a" else "insert", p.text),)
    words = count_words(p.text)
    a = p if side == "a" else None
    b = p if side == "b" else None
    return ParagraphChange(
        paragraph_id=p.paragraph_id,
        uid=p.uid,
        kinds=("deleted",) if side == "a" else ("added",),
        label_a=a.label if a else None,
        label_b=b.label if b else None,
        section_a=a.section if a else None,
        section_b=b.section if b else None,
        position_a=a.position if a else None,
        position_b=b.position if b else None,
        status_a=a.status if a else None,
        status_b=b.status if b else None,
        sponsor_a=a.sponsor if a else None,
        sponsor_b=b.sponsor if b else None,
        brackets_a=count_brackets(p.text) if a else None,
        brackets_b=count_brackets(p.text) if b else None,
        words_added=words if b else 0,
        words_removed=words if a else 0,
        ops=text_ops,
    )


def _both(pa: ParagraphSnapshot, pb: ParagraphSnapshot, moved: bool) -> ParagraphChange:
    kinds: list[str] = []
    if pa.deleted and not pb.deleted:
        kinds.append("added")
    elif pb.deleted and not pa.deleted:
        kinds.append("deleted")
    if moved:
        kinds.append("moved")
    if pa.label != pb.label:
        kinds.append("relabelled")
    if pa.text == pb.text:
        ops: tuple[DiffOp, ...] = (DiffOp("equal", pa.text),) if pa.text else ()
        brackets_a = brackets_b = count_brackets(pa.text)
        added = removed = 0
    else:
        ops = word_diff(pa.text, pb.text)
        if _normalised(pa.text) != _normalised(pb.text):
            kinds.append("reworded")
        brackets_a, brackets_b = count_brackets(pa.text), count_brackets(pb.text)
        added, removed = _words_in(ops, "insert"), _words_in(ops, "delete")
    if pa.status is not pb.status and not (pa.deleted or pb.deleted):
        kinds.append("status_changed")
    if pa.sponsor != pb.sponsor:
        kinds.append("sponsor_changed")
    if brackets_a != brackets_b:
        kinds.append("brackets_changed")
    return ParagraphChange(
        paragraph_id=pb.paragraph_id,
        uid=pb.uid,
        kinds=tuple(kinds) or ("unchanged",),
        label_a=pa.label,
        label_b=pb.label,
        section_a=pa.section,
        section_b=pb.section,
        position_a=pa.position,
        position_b=pb.position,
        status_a=pa.status,
        status_b=pb.status,
        sponsor_a=pa.sponsor,
        sponsor_b=pb.sponsor,
        brackets_a=brackets_a,
        brackets_b=brackets_b,
        words_added=added,
        words_removed=removed,
        ops=ops,
    )


def _shares(round_: list[ParagraphSnapshot]) -> tuple[int, int, float, float]:
    live = [p for p in round_ if not p.deleted]
    words = sum(count_words(p.text) for p in live)
    if not live:
        return 0, words, 0.0, 0.0
    agreed = sum(1 for p in live if p.status is Status.AGREED)
    ad_ref = sum(1 for p in live if p.status is Status.AGREED_AD_REF)
    return len(live), words, agreed / len(live), (agreed + ad_ref) / len(live)


def diff_rounds(a: Sequence[ParagraphSnapshot], b: Sequence[ParagraphSnapshot]) -> RoundDiff:
    """Diff two rounds of a declaration, paragraph by paragraph, matched by ``paragraph_id``.

    Args:
        a: The paragraphs of the older round (any order; ``position`` orders them).
        b: The paragraphs of the newer round.

    Returns:
        One :class:`ParagraphChange` per paragraph in either round, in B order with
        the paragraphs gone from B after their previous neighbour in A, and the
        :class:`RoundSummary`.

    Raises:
        ValueError: A round lists the same ``paragraph_id`` twice.
    """
    ra, rb = _ordered(a, "A"), _ordered(b, "B")
    by_id_a = {p.paragraph_id: p for p in ra}
    ids_b = {p.paragraph_id for p in rb}
    rank_a = {p.paragraph_id: i for i, p in enumerate(ra)}

    common = [p for p in rb if p.paragraph_id in by_id_a]
    kept = set(longest_increasing_subsequence([rank_a[p.paragraph_id] for p in common]))
    moved_ids = {p.paragraph_id for i, p in enumerate(common) if i not in kept}
    moved_ids.update(p.paragraph_id for p in common if p.section != by_id_a[p.paragraph_id].section)

    # Paragraphs gone from B, keyed by the id of their previous neighbour in A still in B.
    gone_after: dict[int | None, list[ParagraphSnapshot]] = {}
    anchor: int | None = None
    for p in ra:
        if p.paragraph_id in ids_b:
            anchor = p.paragraph_id
        else:
            gone_after.setdefault(anchor, []).append(p)

    changes: list[ParagraphChange] = [_one_sided(p, "a") for p in gone_after.get(None, ())]
    for pb in rb:
        pa = by_id_a.get(pb.paragraph_id)
        if pa is None:
            changes.append(_one_sided(pb, "b"))
        else:
            changes.append(_both(pa, pb, pb.paragraph_id in moved_ids))
        changes.extend(_one_sided(p, "a") for p in gone_after.get(pb.paragraph_id, ()))

    counts = dict.fromkeys(KINDS, 0)
    for change in changes:
        for kind in change.kinds:
            counts[kind] += 1
    live_a, words_a, agreed_a, ad_ref_a = _shares(ra)
    live_b, words_b, agreed_b, ad_ref_b = _shares(rb)
    summary = RoundSummary(
        paragraphs_a=len(ra),
        paragraphs_b=len(rb),
        live_paragraphs_a=live_a,
        live_paragraphs_b=live_b,
        **counts,
        words_added=sum(c.words_added for c in changes),
        words_removed=sum(c.words_removed for c in changes),
        words_a=words_a,
        words_b=words_b,
        agreed_share_a=agreed_a,
        agreed_share_b=agreed_b,
        agreed_or_ad_ref_share_a=ad_ref_a,
        agreed_or_ad_ref_share_b=ad_ref_b,
    )
    return RoundDiff(changes=tuple(changes), summary=summary)


def _status(status: Status | None) -> str | None:
    return None if status is None else status.value


def to_json(diff: RoundDiff) -> dict[str, Any]:
    """Render a :class:`RoundDiff` as the JSON-safe structure documented in this module."""
    s = diff.summary
    summary: dict[str, Any] = {
        "paragraphs_a": s.paragraphs_a,
        "paragraphs_b": s.paragraphs_b,
        "live_paragraphs_a": s.live_paragraphs_a,
        "live_paragraphs_b": s.live_paragraphs_b,
        "counts": s.counts,
        "words_added": s.words_added,
        "words_removed": s.words_removed,
        "words_a": s.words_a,
        "words_b": s.words_b,
        "agreed_share_a": s.agreed_share_a,
        "agreed_share_b": s.agreed_share_b,
        "agreed_or_ad_ref_share_a": s.agreed_or_ad_ref_share_a,
        "agreed_or_ad_ref_share_b": s.agreed_or_ad_ref_share_b,
    }
    changes = [
        {
            "kinds": list(c.kinds),
            "paragraph_id": c.paragraph_id,
            "uid": c.uid,
            "label_a": c.label_a,
            "label_b": c.label_b,
            "section_a": c.section_a,
            "section_b": c.section_b,
            "position_a": c.position_a,
            "position_b": c.position_b,
            "status_a": _status(c.status_a),
            "status_b": _status(c.status_b),
            "sponsor_a": c.sponsor_a,
            "sponsor_b": c.sponsor_b,
            "brackets_a": c.brackets_a,
            "brackets_b": c.brackets_b,
            "words_added": c.words_added,
            "words_removed": c.words_removed,
            "ops": [[o.op, o.text] for o in c.ops],
        }
        for c in diff.changes
    ]
    return {"summary": summary, "changes": changes}
