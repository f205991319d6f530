import pytest
from hypothesis import given
from hypothesis import strategies as st

from negotiator.domain.labels import SUFFIXES, Label, clean_numbers
from negotiator.domain.model import ParagraphKind

labels = st.builds(
    Label.of,
    st.sampled_from(list(ParagraphKind)),
    st.integers(min_value=0, max_value=500),
    st.integers(min_value=0, max_value=len(SUFFIXES) - 1),
)


def test_parse_and_format() -> None:
    assert str(Label.parse("OP 5 bis")) == "OP 5 bis"
    assert str(Label.parse("op5ter")) == "OP 5 ter"
    assert str(Label.parse("21")) == "OP 21"
    assert str(Label.parse("21.")) == "OP 21"
    assert str(Label.parse("PP 3")) == "PP 3"
    assert Label.parse("PP 3").kind is ParagraphKind.PREAMBULAR
    with pytest.raises(ValueError, match="not a paragraph label"):
        Label.parse("OP five")


def test_negotiation_order() -> None:
    ordered = ["PP 1", "PP 2", "OP 5", "OP 5 bis", "OP 5 ter", "OP 5 quater", "OP 6", "OP 10"]
    shuffled = list(reversed(ordered))
    assert [str(x) for x in sorted(Label.parse(s) for s in shuffled)] == ordered


@given(labels)
def test_format_parse_round_trip(label: Label) -> None:
    assert Label.parse(str(label)) == label


@given(st.integers(0, 400), st.integers(1, len(SUFFIXES) - 1))
def test_suffix_orders_between_number_and_next(number: int, suffix: int) -> None:
    base = Label.of(ParagraphKind.OPERATIVE, number)
    inserted = Label.of(ParagraphKind.OPERATIVE, number, suffix)
    assert base < inserted < Label.of(ParagraphKind.OPERATIVE, number + 1)


@given(st.lists(labels, max_size=30))
def test_sorting_is_a_total_order_consistent_with_text(items: list[Label]) -> None:
    ordered = sorted(items)
    for a, b in zip(ordered, ordered[1:]):
        assert (a.kind_order, a.number, a.suffix) <= (b.kind_order, b.number, b.suffix)


def test_next_insertion_takes_the_next_free_suffix() -> None:
    five = Label.parse("OP 5")
    assert str(five.next_insertion([five])) == "OP 5 bis"
    taken = [five, Label.parse("OP 5 bis")]
    assert str(five.next_insertion(taken)) == "OP 5 ter"
    assert str(Label.parse("OP 5 bis").next_insertion(taken)) == "OP 5 ter"
    assert str(Label.parse("OP 6").next_insertion(taken)) == "OP 6 bis"


def test_clean_numbers() -> None:
    seq = [Label.parse(s) for s in ["PP 1", "PP 2", "OP 21", "OP 21 bis", "OP 22"]]
    assert clean_numbers(seq, first_number=21) == [None, None, 21, 22, 23]
    assert clean_numbers(seq, number_preambular=True) == [1, 2, 3, 4, 5]
