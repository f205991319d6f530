from hypothesis import given
from hypothesis import strategies as st

from negotiator.domain.brackets import parse_brackets


def test_nested_spans() -> None:
    text = "Take [all [appropriate] measures] [shall][should]"
    report = parse_brackets(text)
    assert report.balanced
    assert [(s.inner(text), s.depth) for s in report.spans] == [
        ("all [appropriate] measures", 1),
        ("appropriate", 2),
        ("shall", 1),
        ("should", 1),
    ]
    assert report.count == 4


def test_unbalanced_reported_with_position() -> None:
    report = parse_brackets("ok [open\nand ] ] closed")
    assert not report.balanced
    (problem,) = report.problems
    assert (problem.char, problem.offset, problem.line, problem.column) == ("]", 15, 2, 7)
    assert "no opening bracket" in str(problem) and "line 2, column 7" in str(problem)

    report = parse_brackets("[a [b] c")
    assert [(p.char, p.offset) for p in report.problems] == [("[", 0)]
    assert "never closed" in report.problems[0].message


@given(st.text(alphabet=st.sampled_from("ab []\n"), max_size=60))
def test_balanced_iff_depth_never_negative_and_ends_at_zero(text: str) -> None:
    depth, ok = 0, True
    for ch in text:
        depth += {"[": 1, "]": -1}.get(ch, 0)
        if depth < 0:
            ok = False
            depth = 0
    ok = ok and depth == 0
    report = parse_brackets(text)
    assert report.balanced == ok
    assert len(report.spans) + len(report.problems) >= text.count("[")
    for span in report.spans:
        assert text[span.start] == "[" and text[span.end] == "]"


@given(st.text())
def test_never_crashes(text: str) -> None:
    report = parse_brackets(text)
    assert len(report.spans) * 2 + len(report.problems) == text.count("[") + text.count("]")
