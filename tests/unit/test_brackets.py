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


def test_a_million_stray_brackets_cost_one_pass_and_stop_at_the_limit() -> None:
    """Issue 19: the check was quadratic (163-200 s for this input); it is one pass now."""
    import time

    from negotiator.domain.brackets import PROBLEM_LIMIT

    start = time.perf_counter()
    report = parse_brackets("]" * 1_000_000)
    elapsed = time.perf_counter() - start
    assert report.unbalanced == 1_000_000 and report.truncated
    assert len(report.problems) == PROBLEM_LIMIT
    assert [p.column for p in report.problems[:3]] == [1, 2, 3]
    assert elapsed < 20  # quadratic took minutes; one pass is about a second on a busy machine
    lines = parse_brackets("x\n" * 50_000 + "[" * 3, limit=None)
    assert [(p.line, p.column) for p in lines.problems] == [(50_001, 1), (50_001, 2), (50_001, 3)]


def test_brackets_may_span_paragraphs() -> None:
    from negotiator.domain.brackets import check_sequence

    option = ["[Parties shall report", "and review,", "every two years.]"]
    assert check_sequence(option) == ()
    problems = check_sequence(["[a", "b]]", "c [d [e", "f]"])
    assert [(p.paragraph, p.char, p.column) for p in problems] == [(1, "]", 3), (2, "[", 3)]
    assert len(check_sequence(["]"] * 500, limit=7)) == 7


def test_context_of_one_paragraph_judges_it_in_the_whole_text() -> None:
    from negotiator.domain.brackets import BracketContext

    texts = ["[Option 1", "first paragraph", "second paragraph]", "other"]
    middle = BracketContext.around(texts, 1)
    assert middle.check("first paragraph").whole_text_balanced
    early = middle.check("first ] paragraph")  # closes the option too soon
    assert early.balanced and early.closes_before == (6,) and early.elsewhere == 1
    last = BracketContext.around(texts, 2)
    report = last.check("second paragraph]")
    assert report.whole_text_balanced and report.closes_before == (16,)
    missing = last.check("second paragraph")  # the option's '[' is never closed
    assert missing.balanced and missing.elsewhere == 1
    first = BracketContext.around(texts, 0)
    assert first.check("[Option 1").open_after == (0,)
    assert [p.char for p in first.check("[[Option 1").problems] == ["["]
