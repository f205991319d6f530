"""Tests of the background-paper importer (``negotiator.domain.sources.background``)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from negotiator.domain.sources.background import parse_background
from negotiator.domain.sources.base import ParsedDocument, SourceFormatError

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus"
PAPER_2021 = CORPUS / "kyoto-thematic-discussions-2021-background-paper.txt"

SESSION_1 = (
    "ADDRESSING THE CAUSES, INCLUDING THE ROOT CAUSES OF CRIME; ENHANCING EVIDENCE-BASED CRIME "
    "PREVENTION AND PROMOTING TAILOR-MADE CRIME PREVENTION STRATEGIES"
)


@pytest.fixture(scope="module")
def paper() -> ParsedDocument:
    if not PAPER_2021.is_file():
        pytest.skip(f"corpus file not found: {PAPER_2021} (the shared corpus is not checked out)")
    return parse_background(PAPER_2021.read_text(encoding="utf-8"), str(PAPER_2021))


def _by_ref(doc: ParsedDocument) -> dict:
    return {item.ref: item for item in doc.items}


def _evidence(doc: ParsedDocument) -> list:
    return [i for i in doc.items if i.kind == "evidence"]


def _questions(doc: ParsedDocument) -> list:
    return [i for i in doc.items if i.kind == "question"]


# --------------------------------------------------------------------------------------
# The 2021 background paper
# --------------------------------------------------------------------------------------


def test_2021_paper_counts(paper: ParsedDocument) -> None:
    assert paper.kind == "background"
    assert len(paper.items) == 41
    assert sorted(i.fields["paragraph"] for i in _evidence(paper)) == list(range(21, 31))
    assert len(_questions(paper)) == 31
    assert Counter(q.fields["session"] for q in _questions(paper)) == {1: 10, 2: 8, 3: 13}
    assert paper.skipped == ()


def test_2021_paper_title_and_refs(paper: ParsedDocument) -> None:
    assert paper.title == (
        "CCPCJ THEMATIC DISCUSSIONS ON THE IMPLEMENTATION OF THE KYOTO DECLARATION AUTUMN 2021 "
        "10-12 NOVEMBER 2021 – BACKGROUND PAPER"
    )
    assert [e.ref for e in _evidence(paper)] == [
        "Kyoto 21", "Kyoto 22", "Kyoto 23", "Kyoto 26", "Kyoto 24",
        "Kyoto 25", "Kyoto 27", "Kyoto 28", "Kyoto 29", "Kyoto 30",
    ]  # fmt: skip
    assert [q.ref for q in _questions(paper)] == [f"2021 background Q{k}" for k in range(1, 32)]
    assert [q.fields["number"] for q in _questions(paper)] == list(range(1, 32))
    lines = [i.line for i in paper.items]
    assert lines == sorted(lines)


def test_2021_paper_quoted_paragraph_fields(paper: ParsedDocument) -> None:
    p22 = _by_ref(paper)["Kyoto 22"]
    assert p22.line == 52
    assert dict(p22.fields) == {
        "document": "background paper",
        "year": 2021,
        "paragraph": 22,
        "topic": "Evidence-based crime prevention",
        "session": 1,
        "pillar": "I",
    }
    assert p22.placements == ({"session": 1, "topic": "Evidence-based crime prevention"},)
    assert p22.text == (
        "Enhance evidence-based crime prevention strategies through the collection and analysis "
        "of data using systematic and coherent criteria, bearing in mind the International "
        "Classification of Crime for Statistical Purposes, and evaluate the effectiveness of such "
        "strategies;"
    )
    topics = {e.fields["paragraph"]: e.fields["topic"] for e in _evidence(paper)}
    assert topics[21] == "Addressing the causes, including the root causes, of crime"
    assert topics[23] == "Evidence-based crime prevention"
    assert topics[24] == topics[25] == "Addressing the economic dimension of crime"
    assert topics[28] == "Mainstreaming a gender perspective into crime prevention"
    assert topics[30] == "Youth empowerment for crime prevention"
    sessions = {e.fields["paragraph"]: e.fields["session"] for e in _evidence(paper)}
    assert sessions == {21: 1, 22: 1, 23: 1, 26: 1, 24: 2, 25: 2, 27: 3, 28: 3, 29: 3, 30: 3}
    assert {e.fields["pillar"] for e in _evidence(paper)} == {"I"}


def test_2021_paper_quotations_are_verbatim(paper: ParsedDocument) -> None:
    by_ref = _by_ref(paper)
    # the declaration's own typo "con-texts" is kept
    assert by_ref["Kyoto 26"].text.startswith(
        "Promote tailor-made crime prevention strategies that take into account local con-texts, "
        "including by fostering"
    )
    assert by_ref["Kyoto 26"].text.endswith("and all forms of organized crime.")
    # the paper's footnote call ¹⁶ is not part of the declaration's text
    assert by_ref["Kyoto 25"].text == (
        "Consider, review and implement efficient measures to regulate the management of seized "
        "and confiscated proceeds of crime, bearing in mind the study prepared by the United "
        "Nations Office on Drugs and Crime on effective management and disposal of seized and "
        "confiscated assets, with a view to efficiently preserving and managing such proceeds of "
        "crime."
    )
    assert by_ref["Kyoto 30"].text.endswith("other digital tools to amplify their voice.")
    assert not any(e.text[:1].isdigit() for e in _evidence(paper))


def test_2021_paper_questions(paper: ParsedDocument) -> None:
    qs = _questions(paper)
    assert qs[0].line == 122
    assert qs[0].text == (
        "Which efforts has your country made to develop, implement and evaluate prevention "
        "strategies that address the causes, including the root causes, and risk factors that "
        "make different segments of society more vulnerable to crime? Can your country share best "
        "practices in this regard?"
    )
    assert dict(qs[0].fields) == {
        "document": "background paper",
        "year": 2021,
        "session": 1,
        "session_title": SESSION_1,
        "number": 1,
    }
    assert qs[-1].text == (
        "Have you used social media platforms and applications and other digital tools to "
        "amplify their voice?"
    )
    assert qs[-1].fields["session_title"] == (
        "MAINSTREAMING A GENDER PERSPECTIVE INTO CRIME PREVENTION; ADDRESSING THE NEEDS AND "
        "PROTECT THE RIGHTS OF CHILDREN AND YOUTH IN CRIME PREVENTION; AND EMPOWERING YOUTH FOR "
        "CRIME PREVENTION"
    )
    assert qs[10].ref == "2021 background Q11"
    assert qs[10].fields["session_title"] == "ADDRESSING THE ECONOMIC DIMENSION OF CRIME"


def test_2021_paper_question_printed_as_its_own_paragraph(paper: ParsedDocument) -> None:
    by_ref = _by_ref(paper)
    q4, q5, q6 = (by_ref[f"2021 background Q{k}"] for k in (4, 5, 6))
    assert (q4.line, q5.line, q6.line) == (125, 127, 129)
    assert q4.text.endswith(
        "International Classification of Crime for Statistical Purposes (ICCS)?"
    )
    assert q5.text == (
        "Is your country conducting victimisation surveys to assess the extent of crime "
        "(including unreported and/or undetected criminal offences) and collect information on "
        "victims and perpetrators of crime to better understand root causes of crime and identify "
        "different segments of society more vulnerable to crime? Has your country developed "
        "statistical indicators? Has your country shared such data?"
    )
    assert q6.text.startswith("Which impact did the COVID-19 pandemic have on gathering evidence")


def test_2021_paper_background_bullets_are_not_questions(paper: ParsedDocument) -> None:
    texts = [q.text for q in _questions(paper)]
    starts = ("Assisting", "Providing", "Supporting", "Mechanisms")
    assert not any(t.startswith(starts) for t in texts)
    assert all("?" in t for t in texts)


# --------------------------------------------------------------------------------------
# Another paper of the family (another year and pillar, other layout)
# --------------------------------------------------------------------------------------

PAPER_2022 = """**CCPCJ THEMATIC DISCUSSIONS ON THE IMPLEMENTATION OF THE KYOTO DECLARATION
SPRING 2022**

BACKGROUND PAPER

The second thematic discussion will focus on pillar II of the Kyoto Declaration,
"Advancing the criminal justice system", and be held in Vienna over two days.

THEMATIC SESSION 1: PROTECTING VICTIMS

In the Kyoto Declaration, Member States endeavoured to:

Victims and witnesses

31. Protect victims and witnesses of crime, including by providing appropriate
support and assistance;

32. Enhance the role of victims in criminal proceedings;¹

¹ A footnote of the paper.

BACKGROUND

Some background text that mentions nothing of interest.

Possible questions for discussion include:

• How does your country protect victims
  in criminal proceedings?
• What support do witnesses receive?

Thematic session 2
Prison management

IN THE KYOTO DECLARATION, MEMBER STATES ENDEAVOURED TO TAKE THE FOLLOWING ACTIONS:

Prisons

31. Protect victims and witnesses of crime, including by providing appropriate
support and assistance;

DISCUSSION QUESTIONS

- Which prison reforms have worked?
"""


def test_paper_of_another_year_and_pillar() -> None:
    doc = parse_background(PAPER_2022, "2022.txt")
    ev, qs = _evidence(doc), _questions(doc)
    assert [e.ref for e in ev] == ["Kyoto 31", "Kyoto 32"]
    p31 = ev[0]
    assert p31.text == (
        "Protect victims and witnesses of crime, including by providing appropriate support and "
        "assistance;"
    )
    assert dict(p31.fields) == {
        "document": "background paper",
        "year": 2022,
        "paragraph": 31,
        "topic": "Victims and witnesses",
        "session": 1,
        "pillar": "II",
    }
    # quoted again in session 2: one item, two placements
    assert p31.placements == (
        {"session": 1, "topic": "Victims and witnesses"},
        {"session": 2, "topic": "Prisons"},
    )
    assert ev[1].text == "Enhance the role of victims in criminal proceedings;"
    assert [q.ref for q in qs] == ["2022 background Q1", "2022 background Q2", "2022 background Q3"]
    assert qs[0].text == "How does your country protect victims in criminal proceedings?"
    assert qs[0].fields["session_title"] == "PROTECTING VICTIMS"
    assert (qs[2].fields["session"], qs[2].fields["session_title"]) == (2, "Prison management")
    assert doc.title.startswith("CCPCJ THEMATIC DISCUSSIONS ON THE IMPLEMENTATION")
    assert doc.skipped == ()


def test_paper_without_year_or_pillar() -> None:
    text = (
        "Background note\n\nTHEMATIC SESSION 1: SOMETHING\n\n"
        "Possible questions for discussion include:\n\n- Does it work?\n"
    )
    doc = parse_background(text, "noyear.txt")
    assert [q.ref for q in doc.items] == ["background Q1"]
    assert doc.items[0].fields["year"] is None
    assert doc.items[0].fields["session"] == 1


# --------------------------------------------------------------------------------------
# Bad input
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["", "\n\n  \n"])
def test_empty_paper_is_refused(text: str) -> None:
    with pytest.raises(SourceFormatError, match="empty"):
        parse_background(text, "empty.txt")


def test_binary_paper_is_refused() -> None:
    with pytest.raises(SourceFormatError, match="binary") as err:
        parse_background("BACKGROUND PAPER\n\x00\x00\x00", "paper.pdf")
    assert err.value.line == 2
    with pytest.raises(SourceFormatError, match="binary"):
        parse_background("\x01\x02\x03\x04\x05\x06\x07\x08" * 50, "noise.bin")


def test_paper_without_quotes_or_questions_is_refused() -> None:
    with pytest.raises(SourceFormatError, match="not a background paper"):
        parse_background("INTRODUCTION\n\nJust prose about crime prevention.\n", "prose.txt")


def test_paper_with_quotes_but_no_questions_strict_vs_lenient() -> None:
    text = (
        "THEMATIC SESSION 1: X\n\nIN THE KYOTO DECLARATION, MEMBER STATES ENDEAVOURED TO:\n\n"
        "Topic\n\n21. Develop strategies;\n"
    )
    with pytest.raises(SourceFormatError, match="no 'Possible questions for discussion'"):
        parse_background(text, "noq.txt")
    doc = parse_background(text, "noq.txt", lenient=True)
    assert [e.ref for e in doc.items] == ["Kyoto 21"]


UNPLACEABLE = """THEMATIC SESSION 1: X

Possible questions for discussion include:

- Is this the first question?

This statement is not a question and cannot be placed anywhere sensible.

- Is this the second question?
"""


def test_unplaceable_line_strict_vs_lenient() -> None:
    with pytest.raises(SourceFormatError) as err:
        parse_background(UNPLACEABLE, "bad.txt")
    assert err.value.line == 7
    assert "This statement is not a question" in err.value.message
    doc = parse_background(UNPLACEABLE, "bad.txt", lenient=True)
    assert [q.text for q in doc.items] == [
        "Is this the first question?",
        "Is this the second question?",
    ]
    assert [(s.line, s.text) for s in doc.skipped] == [
        (7, "This statement is not a question and cannot be placed anywhere sensible.")
    ]


# --------------------------------------------------------------------------------------
# Never crashes with anything but SourceFormatError
# --------------------------------------------------------------------------------------

_FRAGMENTS = [
    "",
    "",
    "BACKGROUND",
    "DISCUSSION QUESTIONS",
    "Possible questions for discussion include:",
    "10 NOVEMBER 2021 – THEMATIC SESSION 1: TOPIC",
    "THEMATIC SESSION 2",
    "IN THE KYOTO DECLARATION, MEMBER STATES ENDEAVOURED TO TAKE THE FOLLOWING ACTIONS:",
    "Evidence-based crime prevention",
    "21. Develop strategies;",
    "22. Enhance",
    "- Which question?",
    "- A bullet that is not a question",
    "Is this a question?",
    "a continuation in lower case",
    "A statement that is long and cannot be placed anywhere at all, really.",
    "¹ A footnote.",
    "(pillar I, para. 21-30)",
    "A/CONF.234/16",
]


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.text())
def test_arbitrary_text_only_raises_source_format_error(text: str) -> None:
    for lenient in (False, True):
        try:
            doc = parse_background(text, "fuzz.txt", lenient=lenient)
        except SourceFormatError:
            continue
        assert all(item.kind in ("evidence", "question") for item in doc.items)


@settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.lists(st.sampled_from(_FRAGMENTS), max_size=40))
def test_paper_like_text_only_raises_source_format_error(lines: list[str]) -> None:
    text = "\n".join(lines)
    for lenient in (False, True):
        try:
            doc = parse_background(text, "fuzz.txt", lenient=lenient)
        except SourceFormatError as err:
            assert err.path == "fuzz.txt"
            continue
        refs = [item.ref for item in doc.items]
        assert len(refs) == len(set(refs))
        numbers = [i.fields["number"] for i in doc.items if i.kind == "question"]
        assert numbers == list(range(1, len(numbers) + 1))
