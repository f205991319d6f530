"""Tests of the discussion-guide importer (``negotiator.domain.sources.guide``)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from negotiator.domain.sources.base import ParsedDocument, SourceFormatError
from negotiator.domain.sources.guide import ordinal_suffix, parse_guide

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus"
GUIDE_14 = CORPUS / "14th-congress-discussion-guide.txt"


@pytest.fixture(scope="module")
def guide14() -> ParsedDocument:
    if not GUIDE_14.is_file():
        pytest.skip(f"corpus file not found: {GUIDE_14} (the shared corpus is not checked out)")
    return parse_guide(GUIDE_14.read_text(encoding="utf-8"), str(GUIDE_14))


def _by_ref(doc: ParsedDocument) -> dict:
    return {item.ref: item for item in doc.items}


# --------------------------------------------------------------------------------------
# The 14th Congress guide
# --------------------------------------------------------------------------------------


def test_14th_guide_has_112_questions_in_8_blocks(guide14: ParsedDocument) -> None:
    assert guide14.kind == "guide"
    assert len(guide14.items) == 112
    assert all(item.kind == "question" for item in guide14.items)
    blocks = Counter(item.fields["paragraph"] for item in guide14.items)
    assert list(blocks) == [66, 79, 91, 109, 124, 135, 160, 189]
    assert list(blocks.values()) == [9, 12, 19, 13, 15, 17, 17, 10]
    assert guide14.skipped == ()


def test_14th_guide_refs_are_unique_and_in_document_order(guide14: ParsedDocument) -> None:
    refs = [item.ref for item in guide14.items]
    assert len(set(refs)) == 112
    lines = [item.line for item in guide14.items]
    assert lines == sorted(lines)
    assert refs[:3] == ["14th guide 66(a)", "14th guide 66(b)", "14th guide 66(c)"]
    assert refs[-1] == "14th guide 189(j)"
    letters = [item.fields["letter"] for item in guide14.items if item.fields["paragraph"] == 91]
    assert letters == list("abcdefghijklmnopqrs")


def test_14th_guide_title_and_congress(guide14: ParsedDocument) -> None:
    assert guide14.title == (
        "Fourteenth United Nations Congress on Crime Prevention and Criminal Justice: "
        "Discussion guide"
    )
    assert {item.fields["congress"] for item in guide14.items} == {"14th"}


def test_14th_guide_first_question(guide14: ParsedDocument) -> None:
    first = guide14.items[0]
    assert first.ref == "14th guide 66(a)"
    assert first.line == 308
    assert first.text == (
        "Are there good practices in developing and implementing comprehensive crime "
        "prevention plans, including measuring their impact?"
    )
    assert dict(first.fields) == {
        "congress": "14th",
        "item_type": "agenda item",
        "item_number": 3,
        "item_title": "Comprehensive strategies for crime prevention towards social and "
        "economic development",
        "paragraph": 66,
        "letter": "a",
        "subheading": None,
    }
    assert first.placements == (
        {
            "item_type": "agenda item",
            "item_number": 3,
            "item_title": "Comprehensive strategies for crime prevention towards social and "
            "economic development",
        },
    )


def test_14th_guide_last_question(guide14: ParsedDocument) -> None:
    last = guide14.items[-1]
    assert last.ref == "14th guide 189(j)"
    assert last.line == 1085
    assert last.text == (
        "Are there cooperative mechanisms and channels of collaboration between competent "
        "authorities and technology industries to keep up with future developments in the "
        "rapidly changing field of using technology against crime?"
    )
    assert last.fields["item_type"] == "workshop"
    assert last.fields["item_number"] == 4


def test_14th_guide_question_continued_in_a_paragraph_of_its_own(guide14: ParsedDocument) -> None:
    # (p) goes on in a separate paragraph "In particular what are ...?" (lines 539-541)
    q = _by_ref(guide14)["14th guide 91(p)"]
    assert q.line == 539
    assert q.text == (
        "What measures have countries taken to mainstream gender in criminal justice policies "
        "and practices? How effective are gender-specific measures in addressing discrimination "
        "against women who are accused, sentenced or imprisoned? In particular what are the "
        "experiences of countries in adopting diversionary measures and pretrial and sentencing "
        "alternatives that take into account the history of victimization and caretaking "
        "responsibilities of women offenders?"
    )


def test_14th_guide_question_broken_across_a_page_break(guide14: ParsedDocument) -> None:
    # (c) stops at "cooperation in", a blank line, then "criminal matters, ..." on the next page
    q = _by_ref(guide14)["14th guide 160(c)"]
    assert q.line == 938
    assert q.text == (
        "What are the technical assistance needs and priorities of criminal justice authorities "
        "in order to strengthen the efficiency of their international cooperation in criminal "
        "matters, including to prevent and counter terrorism and new and emerging forms of "
        "crime? How can sustainability and impact measurement of such technical assistance be "
        "ensured?"
    )
    assert q.fields["subheading"] == "Technical assistance"


def test_14th_guide_footnote_lines_between_questions_are_dropped(guide14: ParsedDocument) -> None:
    by_ref = _by_ref(guide14)
    # footnotes 50 and 51 sit between (c) and (d) of paragraph 109
    assert by_ref["14th guide 109(c)"].text == (
        "What are good practices in developing effective rehabilitation and reintegration "
        "programmes?"
    )
    assert by_ref["14th guide 109(d)"].line == 629
    # the footnote call after "terrorism?" is removed, footnote 68 is not part of (g) or (q)
    g = by_ref["14th guide 160(g)"]
    assert g.text.endswith("preventing violent extremism conducive to terrorism?")
    assert "⁶⁸" not in g.text and "See Workshop 2" not in by_ref["14th guide 160(p)"].text


def test_14th_guide_sub_items_stay_in_their_question(guide14: ParsedDocument) -> None:
    by_ref = _by_ref(guide14)
    a = by_ref["14th guide 79(a)"]
    assert a.text == (
        "What kind of tools can help to strengthen existing information systems for the "
        "development of evidence-based policies and practices; in relation to: "
        "(i) Data production; (ii) Data analysis; (iii) Interpretation and application of "
        "scientific evidence for specific issues and contexts; (iv) Monitoring; (v) Evaluation;"
    )
    # (i) after (h) is a question of its own, (i) after a question ending in ":" is a sub-item
    assert by_ref["14th guide 79(i)"].text.startswith("How can the Sustainable Development")
    assert by_ref["14th guide 109(g)"].text.endswith(
        "such as: (i) Elderly offenders; (ii) Mentally ill offenders; (iii) Overrepresented "
        "groups, such as indigenous peoples and racial or ethnic minorities?"
    )
    assert by_ref["14th guide 109(h)"].line == 643


def test_14th_guide_sub_headings_inside_a_block(guide14: ParsedDocument) -> None:
    sub = {
        item.fields["letter"]: item.fields["subheading"]
        for item in guide14.items
        if item.fields["paragraph"] == 160
    }
    assert sub["a"] == sub["b"] == "International cooperation in criminal matters"
    assert sub["c"] == sub["d"] == "Technical assistance"
    assert sub["e"] == sub["k"] == "Terrorism in all its forms and manifestations"
    assert sub["l"] == sub["q"] == "New and emerging forms of crime"
    others = {i.fields["subheading"] for i in guide14.items if i.fields["paragraph"] != 160}
    assert others == {None}
    e = _by_ref(guide14)["14th guide 160(e)"]
    assert e.text == (
        "What policy, legal and operational responses exist, and how should they be improved "
        "to effectively respond to emerging and serious terrorist threats?"
    )


def test_14th_guide_item_titles(guide14: ParsedDocument) -> None:
    titles = {
        (item.fields["item_type"], item.fields["item_number"]): item.fields["item_title"]
        for item in guide14.items
    }
    assert list(titles) == [
        ("agenda item", 3),
        ("workshop", 1),
        ("agenda item", 4),
        ("workshop", 2),
        ("agenda item", 5),
        ("workshop", 3),
        ("agenda item", 6),
        ("workshop", 4),
    ]
    assert titles[("workshop", 2)] == (
        "Reducing reoffending: identifying risks and developing solutions"
    )
    assert titles[("agenda item", 6)] == (
        "International cooperation and technical assistance to prevent and address all forms of "
        "crime: (a) Terrorism in all its forms and manifestations; (b) New and emerging forms of "
        "crime"
    )


def test_14th_guide_bulleted_and_unbulleted_questions_alike(guide14: ParsedDocument) -> None:
    by_ref = _by_ref(guide14)
    # "- (i) ..." (bulleted) then "(j) ..." (plain) in paragraph 124
    assert by_ref["14th guide 124(i)"].text.startswith("What measures and mechanisms")
    assert by_ref["14th guide 124(j)"].text.startswith("What elements are necessary")
    assert not any(item.text.startswith(("-", "(")) for item in guide14.items)


def test_14th_guide_lenient_gives_the_same_result(guide14: ParsedDocument) -> None:
    lenient = parse_guide(GUIDE_14.read_text(encoding="utf-8"), str(GUIDE_14), lenient=True)
    assert lenient.items == guide14.items
    assert lenient.skipped == ()


# --------------------------------------------------------------------------------------
# Other layouts
# --------------------------------------------------------------------------------------

GUIDE_13_STYLE = """A/CONF.222/PM.1

**Thirteenth United Nations Congress on Crime Prevention and Criminal Justice**

Doha, 12-19 April 2015

**Discussion guide**

**III. Agenda item 3: Successes and challenges in implementing comprehensive crime
prevention and criminal justice policies**

**A. Background**

19. Member States face many challenges when they design evidence-based
policies. The challenges are discussed below.

**II. Questions for discussion**

20. The Congress may wish to consider the following
questions:

a) What are the main chal-
lenges faced by Member States in implementing evidence-
based crime prevention policies?

b) How can technical assistance to Member States be

A/CONF.222/PM.1

V.14-07645

improved?¹²

¹² See General Assembly resolution 69/193 of 18 December
2014, annex.

**Prevention of youth crime**

c) Which programmes have reduced youth crime?

d) What data are needed on:

i) Victimization;

ii) Reoffending?

**IV. Agenda item 4: International cooperation**

21. Cooperation matters.

Questions for discussion

22. Participants may wish to discuss the following questions:

(a) Is cooperation effective?
"""


def test_13th_style_guide_hard_wrapped_bold_roman_headings() -> None:
    doc = parse_guide(GUIDE_13_STYLE, "13th.txt")
    assert doc.title == (
        "Thirteenth United Nations Congress on Crime Prevention and Criminal Justice: "
        "Discussion guide"
    )
    assert [item.ref for item in doc.items] == [
        "13th guide 20(a)",
        "13th guide 20(b)",
        "13th guide 20(c)",
        "13th guide 20(d)",
        "13th guide 22(a)",
    ]
    a, b, c, d, e = doc.items
    # line-break hyphen rejoined ("challenges" occurs elsewhere), compound hyphen kept
    assert a.text == (
        "What are the main challenges faced by Member States in implementing evidence-based "
        "crime prevention policies?"
    )
    assert a.line == 22
    # page header, job number and footnote between the two halves of (b)
    assert b.text == "How can technical assistance to Member States be improved?"
    assert c.fields["subheading"] == "Prevention of youth crime"
    assert a.fields["subheading"] is None
    assert d.text == "What data are needed on: i) Victimization; ii) Reoffending?"
    assert a.fields["item_title"] == (
        "Successes and challenges in implementing comprehensive crime prevention and criminal "
        "justice policies"
    )
    assert e.fields["item_number"] == 4 and e.fields["item_title"] == "International cooperation"
    assert e.fields["paragraph"] == 22
    assert doc.skipped == ()


GUIDE_NUMBERED = """# Discussion guide

## Workshop 2
Reducing reoffending

### Questions for discussion

30. Participants may wish to discuss the following questions:

1. What are national experiences in collecting data?

2. What works
in rehabilitation?

## Workshop 3: Education

Questions for discussion:

Schools

a. How can schools help?
b. How can teachers help?

Universities

a. How can universities help?
"""


def test_numbered_questions_titles_on_next_line_and_no_congress() -> None:
    doc = parse_guide(GUIDE_NUMBERED, "numbered.txt")
    assert doc.title == "Discussion guide"
    refs = [item.ref for item in doc.items]
    # no congress named: the ref falls back to "guide"; a block without a numbered
    # introduction is referred to by its workshop; letters restarting under a new
    # sub-heading get a "#2" suffix so refs stay unique
    assert refs == [
        "guide 30(1)",
        "guide 30(2)",
        "guide workshop 3(a)",
        "guide workshop 3(b)",
        "guide workshop 3(a) #2",
    ]
    q1, q2, s1, s2, u1 = doc.items
    assert q1.fields["item_title"] == "Reducing reoffending"
    assert q1.fields["letter"] == "1" and q1.fields["congress"] is None
    assert q2.text == "What works in rehabilitation?"
    assert s1.fields["paragraph"] is None
    assert (s1.fields["subheading"], s2.fields["subheading"], u1.fields["subheading"]) == (
        "Schools",
        "Schools",
        "Universities",
    )
    assert u1.text == "How can universities help?"


GUIDE_BULLETS = """Twelfth United Nations Congress on Crime Prevention and Criminal Justice

Discussion guide

Agenda item 5 — Criminal justice responses to smuggling of migrants

C. Questions for discussion

41. The following questions are suggested for discussion:

- (a) What is the extent of the problem?
- (b) Which measures work in
  countries of origin?
- (c) Which tools exist:
  - (i) legislative tools;
  - (ii) operational tools?
(d) What role for the private sector?

Workshop 1. Something else

A. Scope

42. Scope text.
"""


def test_bulleted_questions_with_indented_wrap_and_dash_heading() -> None:
    doc = parse_guide(GUIDE_BULLETS, "12th.txt")
    assert [i.ref for i in doc.items] == [
        "12th guide 41(a)",
        "12th guide 41(b)",
        "12th guide 41(c)",
        "12th guide 41(d)",
    ]
    assert doc.items[1].text == "Which measures work in countries of origin?"
    assert doc.items[2].text == "Which tools exist: (i) legislative tools; (ii) operational tools?"
    title = doc.items[0].fields["item_title"]
    assert title == "Criminal justice responses to smuggling of migrants"
    assert doc.items[0].fields["item_number"] == 5


def test_questions_as_guide_paragraphs_of_their_own() -> None:
    text = """Discussion guide

Questions for discussion

12. What is the role of civil society?

13. How can youth be engaged?
"""
    doc = parse_guide(text, "p.txt")
    assert [(i.ref, i.fields["paragraph"], i.fields["letter"]) for i in doc.items] == [
        ("guide 12", 12, None),
        ("guide 13", 13, None),
    ]


def test_repeated_page_header_is_not_unplaceable() -> None:
    text = """Fifteenth United Nations Congress on Crime Prevention and Criminal Justice

C. Questions for discussion

50. Participants may wish to consider the following questions:

(a) First question?

Discussion guide 2024 draft

(b) Second question, which runs over the

Discussion guide 2024 draft

page break?

Discussion guide 2024 draft

12

(c) Third question?
"""
    doc = parse_guide(text, "h.txt")
    assert [i.text for i in doc.items] == [
        "First question?",
        "Second question, which runs over the page break?",
        "Third question?",
    ]
    assert doc.items[0].ref == "15th guide 50(a)"
    assert doc.skipped == ()


def test_ordinal_suffix() -> None:
    assert [ordinal_suffix(n) for n in (1, 2, 3, 4, 11, 12, 13, 14, 21, 22, 23)] == [
        "1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "14th", "21st", "22nd", "23rd",
    ]  # fmt: skip


# --------------------------------------------------------------------------------------
# Bad input
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["", "   \n\n\t\n", "\ufeff"])
def test_empty_document_is_refused(text: str) -> None:
    with pytest.raises(SourceFormatError, match="empty") as err:
        parse_guide(text, "empty.txt")
    assert err.value.path == "empty.txt"


def test_binary_data_is_refused() -> None:
    with pytest.raises(SourceFormatError, match="binary") as err:
        parse_guide("Discussion guide\n%PDF-1.4\x00\x01\x02", "guide.pdf")
    assert err.value.line == 2
    noise = "".join(chr(c) for c in range(1, 32) if chr(c) not in "\n\r\t\f") * 20
    with pytest.raises(SourceFormatError, match="binary"):
        parse_guide("Questions for discussion\n" + noise, "noise.bin")


def test_document_without_question_block_is_refused() -> None:
    text = "Discussion guide\n\nAgenda item 3. Crime prevention\n\n1. Some paragraph.\n"
    with pytest.raises(SourceFormatError, match="no 'Questions for discussion' block"):
        parse_guide(text, "noq.txt")


def test_question_heading_without_questions_is_refused() -> None:
    text = "C. Questions for discussion\n\n66. Participants may wish to consider:\n"
    with pytest.raises(SourceFormatError, match="no questions under it") as err:
        parse_guide(text, "empty-block.txt")
    assert err.value.line == 1


UNPLACEABLE = """C. Questions for discussion

66. Participants may wish to consider the following questions:

(a) Is this the first question?

This sentence is neither a question nor a heading, and it is far too long to be one.

(b) Is this the second question?
"""


def test_unplaceable_line_strict_raises_naming_the_line() -> None:
    with pytest.raises(SourceFormatError) as err:
        parse_guide(UNPLACEABLE, "bad.txt")
    assert err.value.line == 7
    assert "bad.txt:7" in str(err.value)
    assert "This sentence is neither" in err.value.message


def test_unplaceable_line_lenient_is_skipped_and_reported() -> None:
    doc = parse_guide(UNPLACEABLE, "bad.txt", lenient=True)
    assert [i.text for i in doc.items] == [
        "Is this the first question?",
        "Is this the second question?",
    ]
    assert len(doc.skipped) == 1
    skipped = doc.skipped[0]
    assert skipped.line == 7
    assert skipped.text.startswith("This sentence is neither a question")
    assert skipped.reason


def test_out_of_order_letter_strict_vs_lenient() -> None:
    text = (
        "Questions for discussion\n\n5. Consider the following questions:\n\n"
        "(a) One?\n\n(b) Two?\n\n(a) One again?\n"
    )
    with pytest.raises(SourceFormatError) as err:
        parse_guide(text, "order.txt")
    assert err.value.line == 9
    doc = parse_guide(text, "order.txt", lenient=True)
    assert [i.ref for i in doc.items] == ["guide 5(a)", "guide 5(b)"]
    assert [s.line for s in doc.skipped] == [9]


# --------------------------------------------------------------------------------------
# Never crashes with anything but SourceFormatError
# --------------------------------------------------------------------------------------

_FRAGMENTS = [
    "",
    "",
    "C. Questions for discussion",
    "Questions for discussion",
    "**II. Questions for discussion**",
    "66. Participants may wish to consider the following questions:",
    "12. What is it?",
    "1. What?",
    "(a) What is it?",
    "- (b) How?",
    "a) Why",
    "(i) Data;",
    "(ii) More data;",
    "(h) Eighth?",
    "(z) Last?",
    "(aa) Beyond?",
    "Agenda item 3. Crime prevention",
    "Workshop 2",
    "Workshop 2: Youth",
    "A. Scope",
    "Technical assistance",
    "continued text in lower case",
    "A stray line that is long enough to be unplaceable in a block of questions.",
    "¹² A footnote.",
    "A/CONF.234/PM.1",
    "V.18-06373",
    "Fourteenth United Nations Congress on Crime Prevention and Criminal Justice",
    "word-",
    "Discussion guide",
    "I. Introduction\t2",
]


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.text())
def test_arbitrary_text_only_raises_source_format_error(text: str) -> None:
    for lenient in (False, True):
        try:
            doc = parse_guide(text, "fuzz.txt", lenient=lenient)
        except SourceFormatError:
            continue
        assert all(item.kind == "question" and item.text for item in doc.items)


@settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.lists(st.sampled_from(_FRAGMENTS), max_size=40))
def test_guide_like_text_only_raises_source_format_error(lines: list[str]) -> None:
    text = "\n".join(lines)
    for lenient in (False, True):
        try:
            doc = parse_guide(text, "fuzz.txt", lenient=lenient)
        except SourceFormatError as err:
            assert err.path == "fuzz.txt"
            continue
        refs = [item.ref for item in doc.items]
        assert len(refs) == len(set(refs))
        assert all(1 <= item.line <= len(lines) for item in doc.items)
