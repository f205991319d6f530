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
