from negotiator.domain.matching import Candidate, Incoming, match_paragraphs

PREV = [
    Candidate(
        1, "OP 1", "Develop crime prevention strategies that address the root causes of crime"
    ),
    Candidate(2, "OP 2", "Enhance evidence-based crime prevention through the collection of data"),
    Candidate(3, "OP 3", "Promote tailor-made strategies that take into account local contexts"),
    Candidate(4, "OP 4", "Prevent and counter domestic violence and protect victims"),
]


def test_identity_follows_moves_rewording_and_relabelling() -> None:
    incoming = [
        Incoming("OP 1", PREV[2].text),  # OP 3 moved to the top and relabelled
        Incoming(
            "OP 2",
            "Develop [effective] crime prevention strategies that address the root causes of crime",
        ),
        Incoming(
            "OP 3",
            "Enhance evidence-based crime prevention through the systematic collection of data",
        ),
        Incoming("OP 3 bis", "Empower youth to become agents of positive change"),
    ]
    assert match_paragraphs(PREV, incoming) == [3, 1, 2, None]


def test_same_label_but_unrelated_text_is_new() -> None:
    incoming = [
        Incoming("OP 4", "Strengthen international cooperation in criminal matters and extradition")
    ]
    assert match_paragraphs(PREV, incoming) == [None]


def test_same_label_similar_text_matches() -> None:
    incoming = [
        Incoming("OP 4", "Prevent and counter domestic violence and [protect] victims of crime")
    ]
    assert match_paragraphs(PREV, incoming) == [4]


def test_each_previous_paragraph_matched_once() -> None:
    incoming = [Incoming("OP 1", PREV[0].text), Incoming("OP 1 bis", PREV[0].text)]
    result = match_paragraphs(PREV, incoming)
    assert result == [1, None]


def test_same_label_cut_down_text_is_the_same_paragraph() -> None:
    incoming = [Incoming("OP 2", "Enhance [evidence-based] crime prevention through data")]
    assert match_paragraphs(PREV, incoming) == [2]
    short = [Incoming("OP 4", "Prevent crime")]  # shares two words with OP 4: not enough
    assert match_paragraphs(PREV, short) == [None]


def test_positions_keep_ties_and_order() -> None:
    from negotiator.services.drafting import _positions

    # Paragraphs sharing a position, in document order, keep it: nothing is rewritten.
    assert _positions([1.0, 1.0, 2.0, 3.0]) == [1.0, 1.0, 2.0, 3.0]
    # A moved paragraph (3.0 now first) gets a new position before its new neighbour.
    moved = _positions([3.0, 1.0, 2.0])
    assert moved is not None and moved[1:] == [1.0, 2.0] and moved[0] < 1.0
    # New paragraphs (None) go between their neighbours.
    new = _positions([1.0, None, None, 2.0])
    assert new is not None and 1.0 < new[1] < new[2] < 2.0


# --- issue 17: real revisions -------------------------------------------------------------
from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from negotiator.domain.matching import match_drafts, score  # noqa: E402

DRAFT = [
    Candidate(10, "OP 1", "Recognize the central role of the United Nations in crime prevention"),
    Candidate(11, "OP 2", "Strengthen the collection and analysis of data on crime and victims"),
    Candidate(
        12,
        "OP 3",
        "Promote the rule of law at the national and international levels, including through "
        "legal aid for persons in vulnerable situations",
    ),
    Candidate(13, "OP 4", "Support UNODC in providing technical assistance to Member States"),
    Candidate(14, "OP 5", "Prevent and counter trafficking in cultural property"),
]


def test_class1_reworded_renumbered_paragraph_between_matched_neighbours() -> None:
    incoming = [
        Incoming("OP 1", DRAFT[0].text),
        Incoming("OP 1 bis", "Empower youth as agents of positive change"),
        Incoming("OP 2", DRAFT[1].text),
        # reworded heavily and renumbered: alone it scores under the thresholds of old
        Incoming(
            "OP 4",
            "Advance legality nationally and internationally, notably by legal assistance to "
            "people in situations of vulnerability",
        ),
        Incoming(
            "OP 5",
            "Support the United Nations Office on Drugs and Crime in providing technical "
            "assistance to Member States",
        ),
        Incoming("OP 6", DRAFT[4].text),
    ]
    result = match_drafts(DRAFT, incoming)
    assert result.continues == (10, None, 11, 12, 13, 14)
    reworded = result.primary(3)
    assert reworded is not None and "between matched neighbours" in reworded.reason
    spelled = result.primary(4)
    assert spelled is not None and spelled.old == 13


def test_class1_abbreviation_spelled_out_and_options_collapsed_score_high() -> None:
    assert (
        score(
            "Support UNODC in providing technical assistance",
            "Support the United Nations Office on Drugs and Crime in providing technical "
            "assistance",
        )
        > 0.6
    )
    assert (
        score(
            "Invite States to [Option 1: ratify the Convention] [Option 2: consider acceding to "
            "the Convention]",
            "Invite States to consider acceding to the Convention",
        )
        > 0.5
    )


def test_class2_best_pair_before_a_weak_same_label_pair() -> None:
    incoming = [
        Incoming("OP 1", DRAFT[0].text),
        Incoming("OP 2", DRAFT[1].text),
        # a new paragraph that happens to take OP 3 and shares a few words with old OP 3
        Incoming("OP 3", "Promote legal education at the national level for young persons"),
        # old OP 3, lightly reworded, now numbered OP 4
        Incoming(
            "OP 4",
            "Promote the rule of law at the national and international levels, including "
            "through legal aid for persons in situations of vulnerability",
        ),
    ]
    result = match_drafts(DRAFT[:4], incoming)
    assert result.continues[2] is None
    assert result.continues[3] == 12


def test_class3_split_keeps_the_main_part_and_records_the_other() -> None:
    old = [
        Candidate(1, "OP 1", "Recognize the central role of the United Nations in prevention"),
        Candidate(
            2,
            "OP 2",
            "Strengthen the collection, analysis and dissemination of data on crime and victims, "
            "disaggregated by age and sex, through national statistical offices, and develop "
            "national surveys of victimization",
        ),
        Candidate(3, "OP 3", "Prevent and counter trafficking in cultural property"),
    ]
    incoming = [
        Incoming(old[0].label, old[0].text),
        Incoming(
            "OP 2",
            "Strengthen the collection, analysis and dissemination of data on crime and victims, "
            "disaggregated by age and sex, through national statistical offices",
        ),
        Incoming("OP 3", "Develop national surveys of victimization"),
        Incoming("OP 4", old[2].text),
    ]
    result = match_drafts(old, incoming)
    (split,) = result.splits
    # the larger part (the first) keeps the identity, the second is split off it
    assert result.continues == (1, 2, None, 3)
    assert (split.new, split.old, split.kind) == (2, 2, "split")
    assert "split" in split.reason


def test_class3_merge_records_the_absorbed_paragraph() -> None:
    old = [
        Candidate(1, "OP 1", "Recognize the central role of the United Nations in prevention"),
        Candidate(2, "OP 2", "Strengthen the collection and analysis of data on crime and victims"),
        Candidate(3, "OP 3", "Develop national surveys of victimization and related indicators"),
        Candidate(4, "OP 4", "Prevent and counter trafficking in cultural property"),
    ]
    incoming = [
        Incoming("OP 1", old[0].text),
        Incoming(
            "OP 2",
            "Strengthen the collection and analysis of data on crime and victims, and develop "
            "national surveys of victimization and related indicators",
        ),
        Incoming("OP 3", old[3].text),
    ]
    result = match_drafts(old, incoming)
    (merged,) = result.merges
    assert merged.new == 1 and {merged.old, result.continues[1]} == {2, 3}
    assert result.continues == (1, result.continues[1], 4)


def test_every_pairing_is_explained() -> None:
    incoming = [Incoming(c.label, c.text + " as appropriate") for c in DRAFT]
    result = match_drafts(DRAFT, incoming)
    assert len(result.pairings) == len(DRAFT)
    for pairing in result.pairings:
        assert 0.0 <= pairing.score <= 1.0 and pairing.reason


def test_chair_choice_is_kept() -> None:
    incoming = [Incoming(c.label, c.text) for c in DRAFT]
    result = match_drafts(DRAFT, incoming, fixed={0: 14, 4: None})
    assert result.continues[0] == 14 and result.continues[4] is None
    assert result.primary(0) is not None and result.primary(0).reason == "chosen by the chair"


_WORDS = st.sampled_from(
    "crime prevention justice data victims youth law cooperation States evidence".split()
)
_TEXT = st.lists(_WORDS, min_size=1, max_size=12).map(" ".join)


@settings(max_examples=60, deadline=None)
@given(
    old=st.lists(_TEXT, min_size=0, max_size=12),
    new=st.lists(_TEXT, min_size=0, max_size=12),
)
def test_matching_is_deterministic_and_pairs_each_old_paragraph_once(
    old: list[str], new: list[str]
) -> None:
    prev = [Candidate(i + 1, f"OP {i + 1}", t) for i, t in enumerate(old)]
    inc = [Incoming(f"OP {i + 1}", t) for i, t in enumerate(new)]
    first = match_drafts(prev, inc)
    assert first == match_drafts(prev, inc)
    continued = [pid for pid in first.continues if pid is not None]
    assert len(continued) == len(set(continued))
    split_olds = {p.old for p in first.splits}
    merged_olds = {p.old for p in first.merges}
    assert split_olds <= set(continued)  # a split part's original is continued by the other part
    assert not merged_olds & set(continued)  # a merged paragraph is continued by nobody
    for p in first.pairings:
        assert 0 <= p.new < len(inc)
