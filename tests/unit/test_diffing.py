"""Tests the round-to-round diff engine: golden diffs, moves, brackets, summary, properties."""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from negotiator.domain import diffing
from negotiator.domain.diffing import (
    DiffOp,
    apply_ops,
    count_brackets,
    count_words,
    diff_rounds,
    to_json,
    word_diff,
)
from negotiator.domain.model import ParagraphKind, ParagraphSnapshot, Status

OP, PP = ParagraphKind.OPERATIVE, ParagraphKind.PREAMBULAR


def para(
    pid: int,
    label: str,
    text: str,
    position: int,
    *,
    section: str = "Operative",
    status: Status = Status.PENDING,
    sponsor: str | None = None,
    kind: ParagraphKind = OP,
) -> ParagraphSnapshot:
    return ParagraphSnapshot(
        paragraph_id=pid,
        uid=f"para_{pid}",
        label=label,
        kind=kind,
        section=section,
        position=position,
        text=text,
        status=status,
        sponsor=sponsor,
    )


def eq(text: str) -> DiffOp:
    return DiffOp("equal", text)


def ins(text: str) -> DiffOp:
    return DiffOp("insert", text)


def dele(text: str) -> DiffOp:
    return DiffOp("delete", text)


# --- a hand-made pair of rounds with every change kind ----------------------------------

ROUND_A = [
    para(
        1,
        "PP1",
        "Recalling the Doha Declaration,",
        0,
        section="Preamble",
        kind=PP,
        status=Status.AGREED_AD_REF,
    ),
    para(2, "PP2", "Noting with concern the threats,", 1, section="Preamble", kind=PP),
    para(3, "OP1", "Decide to strengthen cooperation.", 2),
    para(4, "OP2", "Urge Member States to [consider] ratifying.", 3),
    para(5, "OP3", "Invite donors to contribute.", 4),
    para(6, "OP4", "Request the Secretary-General to report.", 5, sponsor="EU"),
    para(7, "OP5", "Decide to remain seized of the matter.", 6),
    para(9, "OP6", "Encourage regional coordination.", 7),
]

ROUND_B = [
    para(
        1,
        "PP1",
        "Recalling the Doha Declaration,",
        0,
        section="Preamble",
        kind=PP,
        status=Status.AGREED_AD_REF,
    ),
    para(8, "PP2", "Welcoming the progress made,", 1, section="Preamble", kind=PP),
    para(3, "OP1", "Decide to further strengthen cooperation.", 2),
    para(6, "OP4", "Request the Secretary-General to report.", 3, sponsor="EU"),
    para(4, "OP2", "Urge Member States to [consider] ratifying [the Convention].", 4),
    para(5, "OP3", "Invite donors to contribute.", 5, status=Status.AGREED),
    para(7, "OP5", "Decide to remain seized of the matter.", 6, status=Status.DELETED),
    para(9, "OP 6", "Encourage regional coordination.", 7, sponsor="G77 and China"),
]


def test_golden_kinds_and_order() -> None:
    diff = diff_rounds(ROUND_A, ROUND_B)
    got = [(c.paragraph_id, c.kinds) for c in diff.changes]
    assert got == [
        (1, ("unchanged",)),
        (2, ("deleted",)),  # gone from B: after its previous neighbour in A
        (8, ("added",)),
        (3, ("reworded",)),
        (6, ("moved",)),
        (4, ("reworded", "brackets_changed")),
        (5, ("status_changed",)),
        (7, ("deleted",)),  # still in the text, marked deleted
        (9, ("relabelled", "sponsor_changed")),
    ]


def test_golden_ops_and_fields() -> None:
    changes = {c.paragraph_id: c for c in diff_rounds(ROUND_A, ROUND_B).changes}
    assert changes[1].ops == (eq("Recalling the Doha Declaration,"),)
    assert changes[2].ops == (dele("Noting with concern the threats,"),)
    assert changes[8].ops == (ins("Welcoming the progress made,"),)
    assert changes[3].ops == (
        eq("Decide to "),
        ins("further "),
        eq("strengthen cooperation."),
    )
    assert changes[4].ops == (
        eq("Urge Member States to [consider] ratifying"),
        ins(" [the Convention]"),
        eq("."),
    )
    assert changes[6].ops == (eq("Request the Secretary-General to report."),)

    gone = changes[2]
    assert (gone.label_a, gone.label_b) == ("PP2", None)
    assert (gone.section_a, gone.section_b) == ("Preamble", None)
    assert (gone.position_a, gone.position_b) == (1, None)
    assert (gone.status_a, gone.status_b) == (Status.PENDING, None)
    assert (gone.brackets_a, gone.brackets_b) == (0, None)
    assert (gone.words_added, gone.words_removed) == (0, 5)

    new = changes[8]
    assert (new.label_a, new.label_b, new.position_a, new.position_b) == (None, "PP2", None, 1)
    assert (new.words_added, new.words_removed) == (4, 0)

    assert (changes[4].brackets_a, changes[4].brackets_b) == (1, 2)
    assert (changes[4].words_added, changes[4].words_removed) == (2, 0)
    assert (changes[3].words_added, changes[3].words_removed) == (1, 0)
    assert (changes[5].status_a, changes[5].status_b) == (Status.PENDING, Status.AGREED)
    assert (changes[7].status_a, changes[7].status_b) == (Status.PENDING, Status.DELETED)
    assert (changes[9].label_a, changes[9].label_b) == ("OP6", "OP 6")
    assert (changes[9].sponsor_a, changes[9].sponsor_b) == (None, "G77 and China")
    assert (changes[6].position_a, changes[6].position_b) == (5, 3)


def test_golden_summary_is_exact() -> None:
    s = diff_rounds(ROUND_A, ROUND_B).summary
    assert s.counts == {
        "added": 1,
        "deleted": 2,
        "moved": 1,
        "relabelled": 1,
        "reworded": 2,
        "status_changed": 1,
        "sponsor_changed": 1,
        "brackets_changed": 1,
        "unchanged": 1,
    }
    assert (s.paragraphs_a, s.paragraphs_b) == (8, 8)
    assert (s.live_paragraphs_a, s.live_paragraphs_b) == (8, 7)
    # further; the Convention; Welcoming the progress made
    assert s.words_added == 1 + 2 + 4
    # Noting with concern the threats
    assert s.words_removed == 5
    # 4+5+4+6+4+6+7+3 ("Secretary-General" is two words), and B without paragraph 7.
    assert s.words_a == 39
    assert s.words_b == 4 + 4 + 5 + 6 + 8 + 4 + 3
    assert s.agreed_share_a == 0.0
    assert s.agreed_or_ad_ref_share_a == 1 / 8
    assert s.agreed_share_b == 1 / 7
    assert s.agreed_or_ad_ref_share_b == 2 / 7


def test_to_json_is_json_safe_and_documented_shape() -> None:
    data = to_json(diff_rounds(ROUND_A, ROUND_B))
    assert json.loads(json.dumps(data)) == data
    assert set(data) == {"summary", "changes"}
    assert data["summary"]["counts"]["deleted"] == 2
    first = data["changes"][4]
    assert first == {
        "kinds": ["moved"],
        "paragraph_id": 6,
        "uid": "para_6",
        "label_a": "OP4",
        "label_b": "OP4",
        "section_a": "Operative",
        "section_b": "Operative",
        "position_a": 5,
        "position_b": 3,
        "status_a": "pending",
        "status_b": "pending",
        "sponsor_a": "EU",
        "sponsor_b": "EU",
        "brackets_a": 0,
        "brackets_b": 0,
        "words_added": 0,
        "words_removed": 0,
        "ops": [["equal", "Request the Secretary-General to report."]],
    }
    gone = data["changes"][1]
    assert gone["label_b"] is None and gone["status_b"] is None
    assert gone["ops"] == [["delete", "Noting with concern the threats,"]]


def test_input_order_does_not_matter_only_position() -> None:
    forward = diff_rounds(ROUND_A, ROUND_B)
    shuffled = diff_rounds(list(reversed(ROUND_A)), ROUND_B[3:] + ROUND_B[:3])
    assert shuffled == forward


def test_duplicate_paragraph_id_is_refused() -> None:
    with pytest.raises(ValueError, match="paragraph_id twice"):
        diff_rounds(ROUND_A, [*ROUND_B, replace(ROUND_B[0], position=99)])


# --- moved vs shifted ------------------------------------------------------------------

BASE = [para(i, f"OP{i}", f"Paragraph number {i}.", i - 1) for i in range(1, 7)]


def _renumber(round_: list[ParagraphSnapshot]) -> list[ParagraphSnapshot]:
    return [replace(p, position=i) for i, p in enumerate(round_)]


def _kinds(a: list[ParagraphSnapshot], b: list[ParagraphSnapshot]) -> dict[int, tuple[str, ...]]:
    return {c.paragraph_id: c.kinds for c in diff_rounds(a, b).changes}


def test_shifted_by_insert_and_delete_is_not_moved() -> None:
    new = para(100, "OP0", "A brand new paragraph.", 0)
    b = _renumber([new, *BASE[:2], *BASE[3:]])  # insert at the top, drop paragraph 3
    kinds = _kinds(BASE, b)
    assert kinds.pop(100) == ("added",)
    assert kinds.pop(3) == ("deleted",)
    assert set(kinds.values()) == {("unchanged",)}
    # Paragraphs 1 and 2 shifted down, yet were not moved.
    shifted = {c.paragraph_id: (c.position_a, c.position_b) for c in diff_rounds(BASE, b).changes}
    assert (shifted[1], shifted[2]) == ((0, 1), (1, 2))


def test_moving_one_paragraph_marks_only_that_one() -> None:
    b = _renumber([BASE[5], *BASE[:5]])  # last paragraph to the top
    kinds = _kinds(BASE, b)
    assert kinds == {
        6: ("moved",),
        1: ("unchanged",),
        2: ("unchanged",),
        3: ("unchanged",),
        4: ("unchanged",),
        5: ("unchanged",),
    }
    b = _renumber([*BASE[1:4], BASE[0], *BASE[4:]])  # first paragraph down three places
    assert [pid for pid, k in _kinds(BASE, b).items() if "moved" in k] == [1]


def test_section_change_is_a_move_even_in_place() -> None:
    b = [*BASE[:2], replace(BASE[2], section="Follow-up"), *BASE[3:]]
    assert _kinds(BASE, b)[3] == ("moved",)


def test_deleted_paragraph_is_placed_after_its_previous_neighbour_in_a() -> None:
    b = _renumber([BASE[5], BASE[0], BASE[2], BASE[4]])  # drop 2 and 4; 6 to the top
    order = [c.paragraph_id for c in diff_rounds(BASE, b).changes]
    assert order == [6, 1, 2, 3, 4, 5]
    first_gone = _renumber([BASE[1], BASE[2]])  # drop 1 (no previous neighbour) and 4, 5, 6
    order = [c.paragraph_id for c in diff_rounds(BASE, first_gone).changes]
    assert order == [1, 2, 3, 4, 5, 6]


def test_restored_paragraph_is_added_and_whitespace_only_is_not_reworded() -> None:
    a = [replace(BASE[0], status=Status.DELETED), BASE[1]]
    b = [BASE[0], replace(BASE[1], text="Paragraph  number\n2. ")]
    changes = diff_rounds(a, b).changes
    assert changes[0].kinds == ("added",)
    assert changes[1].kinds == ("unchanged",)
    assert apply_ops(changes[1].ops) == (BASE[1].text, "Paragraph  number\n2. ")


# --- brackets and words ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("no brackets", 0),
        ("[one]", 1),
        ("[one] and [two]", 2),
        ("[outer [inner] text]", 2),
        ("[[[deep]]]", 3),
        ("[a [b] [c [d]]]", 4),
        ("unclosed [bracket", 0),
        ("stray ] then [pair]", 1),
        ("[open [nested] but outer never closed", 1),
        ("]", 0),
    ],
)
def test_count_brackets(text: str, expected: int) -> None:
    assert count_brackets(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", 0),
        ("Decide to act.", 3),
        ("Secretary-General, 2030 Agenda", 4),
        ("snake_case", 2),
        ("Les États membres décident", 4),
        ("Государства-члены решают", 3),
        ("تقرر الدول الأعضاء", 3),
        ("كَتَبَ الوَلَدُ", 2),  # harakat are combining marks inside the words
        ("我们决定加强合作。", 8),
        ("UNODC 与 会员国", 5),
    ],
)
def test_count_words(text: str, expected: int) -> None:
    assert count_words(text) == expected


# --- word diff -------------------------------------------------------------------------


def test_word_diff_golden() -> None:
    assert word_diff("The cat sat on the mat.", "The dog sat on the mat.") == (
        eq("The "),
        dele("cat"),
        ins("dog"),
        eq(" sat on the mat."),
    )
    assert word_diff("same", "same") == (eq("same"),)
    assert word_diff("", "") == ()
    assert word_diff("", "new") == (ins("new"),)
    assert word_diff("old", "") == (dele("old"),)


def test_word_diff_changes_whole_words_not_letters() -> None:
    # A character diff would keep "re" and "ing"; a word diff replaces the word.
    ops = word_diff("reviewing the report", "revising the report")
    assert ops == (dele("reviewing"), ins("revising"), eq(" the report"))


def test_brackets_are_tokens_of_their_own() -> None:
    ops = word_diff("to promote cooperation", "to [promote] cooperation")
    assert ops == (eq("to "), ins("["), eq("promote"), ins("]"), eq(" cooperation"))


UNICODE_PAIRS = [
    (
        "Les États membres décident de coopérer.",
        "Les États membres décident de renforcer la coopération.",
        (
            eq("Les États membres décident de "),
            dele("coopérer"),
            ins("renforcer la coopération"),
            eq("."),
        ),
    ),
    (
        "Los Estados Miembros acuerdan promover la cooperación.",
        "Los Estados Miembros acuerdan promover la cooperación internacional.",
        (
            eq("Los Estados Miembros acuerdan promover la cooperación"),
            ins(" internacional"),
            eq("."),
        ),
    ),
    (
        "Государства-члены решают укрепить сотрудничество.",
        "Государства-члены решают существенно укрепить сотрудничество.",
        (eq("Государства-члены решают "), ins("существенно "), eq("укрепить сотрудничество.")),
    ),
    (
        "تقرر الدول الأعضاء تعزيز التعاون.",
        "تقرر الدول الأعضاء تعزيز التعاون الدولي.",
        (eq("تقرر الدول الأعضاء تعزيز التعاون"), ins(" الدولي"), eq(".")),
    ),
    (
        "كَتَبَ الوَلَدُ",
        "كَتَبَ البِنْتُ",
        (eq("كَتَبَ "), dele("الوَلَدُ"), ins("البِنْتُ")),
    ),
    (
        "我们决定加强合作。",
        "我们决定加强国际合作。",
        (eq("我们决定加强"), ins("国际"), eq("合作。")),
    ),
]


@pytest.mark.parametrize(("a", "b", "expected"), UNICODE_PAIRS)
def test_unicode_samples_survive(a: str, b: str, expected: tuple[DiffOp, ...]) -> None:
    ops = word_diff(a, b)
    assert ops == expected
    assert apply_ops(ops) == (a, b)


def test_unicode_paragraphs_survive_a_round_diff() -> None:
    a = [para(i, f"OP{i}", old, i) for i, (old, _, _) in enumerate(UNICODE_PAIRS)]
    b = [replace(p, text=new) for p, (_, new, _) in zip(a, UNICODE_PAIRS, strict=True)]
    for change, (old, new, _) in zip(diff_rounds(a, b).changes, UNICODE_PAIRS, strict=True):
        assert change.kinds == ("reworded",)
        assert (change.text_a, change.text_b) == (old, new)
    data = json.loads(json.dumps(to_json(diff_rounds(a, b)), ensure_ascii=False))
    assert data["changes"][5]["ops"] == [
        ["equal", "我们决定加强"],
        ["insert", "国际"],
        ["equal", "合作。"],
    ]


def test_diff_timeout_is_unlimited() -> None:
    assert diffing._DMP.Diff_Timeout == 0


def test_determinism() -> None:
    a = [para(i, f"OP{i}", f"Word {i} " * 30 + "end", i) for i in range(40)]
    b = [replace(p, text=p.text.replace(f"Word {p.paragraph_id}", "Term", 7)) for p in reversed(a)]
    b = _renumber(b)
    first, second = diff_rounds(a, b), diff_rounds(a, b)
    assert first == second
    assert to_json(first) == to_json(second)
    long_a = " ".join(f"w{i % 997}" for i in range(3000))
    long_b = " ".join(f"w{(i * 7) % 1009}" for i in range(3000))
    assert word_diff(long_a, long_b) == word_diff(long_a, long_b)


def test_repetitive_long_texts_stay_exact_and_do_not_hang() -> None:
    # No token occurs once: no anchor, and bisecting 6,000 tokens would take seconds.
    long_a = " ".join(f"w{i % 97}" for i in range(3000))
    long_b = " ".join(f"w{(i * 7) % 101}" for i in range(3000))
    ops = word_diff(long_a, long_b)
    assert apply_ops(ops) == (long_a, long_b)
    # Short repetitive texts are still diffed finely.
    short_a, short_b = "a b a b a b", "a b a c a b"
    assert word_diff(short_a, short_b) == (eq("a b a "), dele("b"), ins("c"), eq(" a b"))


# --- properties ------------------------------------------------------------------------


def _is_word_char(char: str) -> bool:
    return bool(re.match(r"[^\W_]", char)) or unicodedata.category(char).startswith("M")


def _is_wide(char: str) -> bool:
    # CJK ideographs and kana are wide; each may stand alone as a word.
    return unicodedata.east_asian_width(char) in ("W", "F")


def _splits_a_word(before: str, after: str) -> bool:
    """Would a boundary between these two characters cut a word in two?"""
    if unicodedata.category(after).startswith("M") and _is_word_char(before):
        return True  # a combining mark torn from its letter
    return (
        _is_word_char(before)
        and _is_word_char(after)
        and not _is_wide(before)
        and not _is_wide(after)
    )


def _boundaries(ops: tuple[DiffOp, ...], side: str) -> list[tuple[str, str]]:
    """The (char before, char after) of every op boundary within the old or new text."""
    texts = [o.text for o in ops if o.op in ("equal", side)]
    return [(x[-1], y[0]) for x, y in zip(texts, texts[1:], strict=False)]


def _check(a: str, b: str) -> None:
    ops = word_diff(a, b)
    assert apply_ops(ops) == (a, b)
    assert all(o.text for o in ops), "empty op"
    assert all(x.op != y.op for x, y in zip(ops, ops[1:], strict=False)), "unmerged ops"
    for side in ("delete", "insert"):
        for before, after in _boundaries(ops, side):
            assert not _splits_a_word(before, after), (before, after, ops)


WORDS = [
    "the",
    "State",
    "États",
    "[",
    "]",
    " ",
    "  ",
    ",",
    ".",
    "государства",
    "الدول",
    "كَتَبَ",
    "合作",
    "国",
    "e\u0301",
    "\u0301",
    "ab",
    "a",
    "b",
    "\n",
    "-",
]
wordy_text = st.lists(st.sampled_from(WORDS), max_size=40).map("".join)


@settings(max_examples=400, deadline=None)
@given(st.text(), st.text())
def test_property_any_two_texts(a: str, b: str) -> None:
    _check(a, b)


@settings(max_examples=400, deadline=None)
@given(wordy_text, wordy_text)
def test_property_wordy_texts(a: str, b: str) -> None:
    _check(a, b)


@settings(max_examples=300, deadline=None)
@given(wordy_text, st.lists(st.tuples(st.integers(0, 40), st.sampled_from(WORDS)), max_size=5))
def test_property_small_edits(a: str, edits: list[tuple[int, str]]) -> None:
    tokens = diffing.tokenise(a)
    for at, word in edits:
        tokens.insert(min(at, len(tokens)), word)
    _check(a, "".join(tokens))


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), min_size=0, max_size=60), st.data())
def test_property_tokenise_is_lossless_and_never_splits(text: str, data: st.DataObject) -> None:
    tokens = diffing.tokenise(text)
    assert "".join(tokens) == text
    for x, y in zip(tokens, tokens[1:], strict=False):
        assert not _splits_a_word(x[-1], y[0]), (x, y)


def test_the_split_checker_can_fail() -> None:
    # Guard against a vacuous property: these boundaries must be caught.
    assert _splits_a_word("r", "e")
    assert _splits_a_word("e", "\u0301")
    assert _splits_a_word("ك", "َ")
    assert not _splits_a_word("合", "作")
    assert not _splits_a_word("s", " ")
    bad = (DiffOp("equal", "re"), DiffOp("delete", "viewing"), DiffOp("insert", "vising"))
    assert any(_splits_a_word(x, y) for x, y in _boundaries(bad, "delete"))


# --- the two diff cores -------------------------------------------------------------------


def test_the_cpp_core_is_installed() -> None:
    # The speed targets assume the C++ core; the Python one stays for comparison.
    assert diffing.ENGINES == ("c++", "python")


def _same_ops_on_both_engines(a: str, b: str) -> None:
    fast = word_diff(a, b, engine="c++")
    slow = word_diff(a, b, engine="python")
    assert fast == slow, (a, b)
    assert apply_ops(fast) == (a, b)


@settings(max_examples=300, deadline=None)
@given(st.text(), st.text())
def test_property_engines_agree_on_any_two_texts(a: str, b: str) -> None:
    _same_ops_on_both_engines(a, b)


@settings(max_examples=300, deadline=None)
@given(wordy_text, wordy_text)
def test_property_engines_agree_on_wordy_texts(a: str, b: str) -> None:
    _same_ops_on_both_engines(a, b)


@settings(max_examples=200, deadline=None)
@given(wordy_text, st.lists(st.tuples(st.integers(0, 40), st.sampled_from(WORDS)), max_size=5))
def test_property_engines_agree_on_small_edits(a: str, edits: list[tuple[int, str]]) -> None:
    tokens = diffing.tokenise(a)
    for at, word in edits:
        tokens.insert(min(at, len(tokens)), word)
    _same_ops_on_both_engines(a, "".join(tokens))


def test_engines_agree_on_the_stress_rounds() -> None:
    # Real-sized paragraphs with 1-4 word edits and brackets, as the benchmark diffs them.
    from benchmarks.workloads import large_workload

    rounds = large_workload()
    pairs = []
    for older, newer in ((rounds[0], rounds[-1]), (rounds[9], rounds[10])):
        texts = {p.paragraph_id: p.text for p in older}
        pairs += [(texts[p.paragraph_id], p.text) for p in newer if p.paragraph_id in texts]
    assert sum(a != b for a, b in pairs) > 100
    for a, b in pairs:
        _same_ops_on_both_engines(a, b)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(max_codepoint=127)))
def test_property_ascii_fast_paths_match_the_unicode_rules(text: str) -> None:
    from negotiator.domain import text as textmod

    assert textmod.tokenise(text) == textmod._TOKEN_RE.findall(text)
    assert textmod.count_words(text) == len(textmod._WORD_RE.findall(text))


@settings(max_examples=300, deadline=None)
@given(wordy_text, wordy_text, wordy_text)
def test_property_a_common_head_and_tail_change_no_word_boundary(
    head: str, middle: str, tail: str
) -> None:
    # Paragraph-sized texts sharing a head and a tail: the trimmed diff still rebuilds
    # both texts and never splits a word, whatever sits at the cut.
    a = f"{head} The State {middle} shall  {tail}"
    b = f"{head} The States{tail} shall {middle}{tail}"
    _check(a, b)
    _same_ops_on_both_engines(a, b)


def test_a_common_head_and_tail_do_not_change_the_ops_of_a_light_edit() -> None:
    a = "Recognizing the importance of the rule of law at the national and international levels."
    b = "Recognizing the importance of the [rule of law] at the national and regional levels."
    assert word_diff(a, b) == (
        eq("Recognizing the importance of the "),
        ins("["),
        eq("rule of law"),
        ins("]"),
        eq(" at the national and "),
        dele("international"),
        ins("regional"),
        eq(" levels."),
    )
