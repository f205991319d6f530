"""Tests the reader of Chair's summaries (negotiator.domain.sources.summaries)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from negotiator.domain.sources.base import SourceFormatError
from negotiator.domain.sources.summaries import parse_summaries

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus"
SUMMARIES = CORPUS / "kyoto-thematic-discussions-2021-2024-chair-summaries.txt"
PART_II = "II. 2021-2024 CCPCJ Thematic Discussions: Chair's summaries of the deliberations"
PART_III = "III. Examples for innovative elements emerging from the thematic discussions"


@pytest.fixture(scope="module")
def doc():
    if not SUMMARIES.is_file():
        pytest.skip(f"corpus file not found: {SUMMARIES} (the shared corpus is not checked out)")
    return parse_summaries(SUMMARIES.read_text(encoding="utf-8"), str(SUMMARIES))


@pytest.fixture(scope="module")
def para(doc):
    return {int(item.ref.split()[1]): item for item in doc.items}


def test_all_paragraphs_in_order(doc):
    assert doc.kind == "summaries"
    assert [item.ref for item in doc.items] == [f"Summaries {n}" for n in range(1, 164)]
    assert all(item.kind == "evidence" for item in doc.items)
    assert doc.skipped == ()
    assert doc.title == (
        "Chair's summaries on the 2021 to 2024 thematic discussions of the Commission on Crime "
        "Prevention and Criminal Justice on the implementation of the Kyoto Declaration"
    )


def test_no_markup_or_footnotes_in_texts(doc):
    for item in doc.items:
        assert "**" not in item.text, item.ref
        assert "](#)" not in item.text, item.ref
        assert not any(ch in item.text for ch in "¹²³⁴⁵⁶⁷⁸⁹⁰"), item.ref
        assert "can be found here" not in item.text, item.ref  # footnotes 1-4
        assert "Background note, CCPCJ" not in item.text, item.ref  # footnotes 5-12
        assert not item.text.startswith(f"{item.ref.split()[1]}."), item.ref
        assert "  " not in item.text


def test_first_paragraph(para):
    first = para[1]
    assert first.line == 24
    assert first.text.startswith(
        "On 7 March 2021, the Congress adopted by consensus the Kyoto Declaration on Advancing "
        "Crime Prevention, Criminal Justice and the Rule of Law: Towards the Achievement of the "
        "2030 Agenda for Sustainable Development, calling (in operative para 96) upon"
    )
    assert first.text.endswith("towards the achievement of the 2030 Agenda.")
    assert first.fields["part"] == "I. Background"
    assert first.fields["year"] is None and first.fields["pillar"] is None
    assert first.placements == ({"part": "I. Background", "session": None, "topic": None},)


def test_links_and_footnote_marks_removed(para):
    assert para[2].text.startswith(
        "In resolution A/RES/76/181, the General Assembly endorsed the Kyoto Declaration"
    )
    assert "focusing on Pillar I: Advancing Crime Prevention. The second round" in para[3].text


def test_bullets_are_joined_into_their_paragraph(para):
    assert para[7].text == (
        "In 2024, the CCPCJ Thematic Discussions addressed the following topics contained in the "
        "Kyoto Declaration under Pillar IV, Promoting International Cooperation and Technical "
        "Assistance to Prevent and Address All Forms of Crime, which were clustered in three "
        "thematic sessions: Thematic session 1: International cooperation, including through "
        "capacity-building and technical assistance; International cooperation to deprive "
        "criminals of their proceeds of crime; Thematic session 2: Terrorism in all its forms and "
        "manifestations; Thematic session 3: New, emerging and evolving forms of crime."
    )
    assert para[156].text.endswith(
        "strong public-private partnerships and cooperation with civil society, youth and "
        "communities."
    )


def test_text_across_page_breaks_and_footnotes(para):
    # Paragraph 13 is cut by the footnotes 5-12 in the middle of a quotation.
    assert para[13].text.endswith(
        "just as the COVID-19 pandemic has made our world poorer and more unequal, leaving people "
        "more vulnerable to crime and violence.”"
    )
    assert "together with United Nations partners, international organizations" in para[53].text
    # Paragraph 66 goes on in an unnumbered block after a page break.
    assert para[66].text.endswith(
        "court proceedings. The practical challenges of interviewing existing in many countries "
        "were also highlighted, such as long-distance travel and the lack of financial and "
        "communication resources."
    )
    # Paragraph 161's bullet list is cut by a page break after "discussions,".
    assert "received increased attention during the thematic discussions, including approaches" in (
        para[161].text
    )


def test_years_pillars_and_sessions(para):
    def key(n):
        f = para[n].fields
        return f["year"], f["pillar"], f["session_number"], f["part"]

    assert key(12) == (None, None, None, "I. Background")
    assert key(13) == (2021, "I", None, PART_II)
    assert para[13].fields["session"] == "Opening session"
    assert key(16) == (2021, "I", 1, PART_II)
    assert para[16].fields["session"] == (
        "Addressing the causes, including the root causes, of crime - Evidence-based crime "
        "prevention - Tailor-made crime prevention strategies"
    )
    assert key(51) == (2021, "I", 3, PART_II)
    assert para[51].fields["topic"] == "Youth empowerment for crime prevention"
    assert key(52) == (2022, "II", None, PART_II)
    assert para[52].fields["topic"] is None
    assert key(69) == (2022, "II", 2, PART_II)
    assert para[69].fields["session"] == (
        "Improving prison conditions; Reducing reoffending through rehabilitation and reintegration"
    )
    assert key(92) == (2023, "III", 1, PART_II)
    assert key(112) == (2023, "III", 2, PART_II)
    assert key(113) == (2024, "IV", None, PART_II)
    assert key(130) == (2024, "IV", 2, PART_II)
    assert para[130].fields["session"] == "Terrorism in all its forms and manifestations"
    assert key(156) == (2024, "IV", 3, PART_II)
    assert key(157) == (None, None, None, PART_III)


def test_agenda_items_of_the_next_congress(para):
    items = {n: para[n].fields["agenda_item"] for n in range(157, 164)}
    assert items == {157: None, 158: None, 159: None, 160: 1, 161: 2, 162: 3, 163: 4}
    assert para[160].fields["agenda_item_title"] == (
        "Advancing innovative and evidence-based crime prevention strategies towards social, "
        "economic and environmental development"
    )
    assert para[13].fields["agenda_item"] is None
    assert para[163].text.endswith(
        "The importance of digital forensics and the need to build capacity in this regard was "
        "also highlighted (2024)."
    )


def test_every_item_has_the_document_field(doc):
    assert {item.fields["document"] for item in doc.items} == {"chair's summaries"}
    years = {item.fields["year"] for item in doc.items}
    assert years == {None, 2021, 2022, 2023, 2024}


# -- another layout: PDF text with wrapped lines -------------------------------------------

WRAPPED = """\
Summary by the Chair of the thematic discussions 2025

I. Introduction

1. The Commission held its discussions in Vienna. The meeting brought together practi-
tioners and experts.

1 See the report of the Commission.

2. Participants came from:
• Member States;
• international organizations.

II. Deliberations

1. 2025 Thematic Discussions – Pillar II: Criminal justice systems

(a) Opening session

3. The Chair opened the session and thanked the

12

participants for their evidence-based contributions.

(b) Prisons

4. Speakers discussed prison conditions.

Overcrowding

5. Overcrowding remained a challenge.
"""


def test_wrapped_layout():
    doc = parse_summaries(WRAPPED, "wrapped.txt")
    assert doc.title == "Summary by the Chair of the thematic discussions 2025"
    texts = [item.text for item in doc.items]
    assert texts == [
        "The Commission held its discussions in Vienna. The meeting brought together "
        "practitioners and experts.",
        "Participants came from: Member States; international organizations.",
        "The Chair opened the session and thanked the participants for their evidence-based "
        "contributions.",
        "Speakers discussed prison conditions.",
        "Overcrowding remained a challenge.",
    ]
    fields = [
        (f["year"], f["pillar"], f["session"], f["session_number"], f["topic"])
        for f in (item.fields for item in doc.items)
    ]
    assert fields == [
        (None, None, None, None, None),
        (None, None, None, None, None),
        (2025, "II", "Opening session", None, None),
        (2025, "II", "Prisons", 1, None),
        (2025, "II", "Prisons", 1, "Overcrowding"),
    ]
    assert [item.line for item in doc.items] == [5, 10, 20, 28, 32]


# -- errors -------------------------------------------------------------------------------


def test_numbering_gap_strict_and_lenient():
    text = "I. Part\n\n1. First.\n\n2. Second.\n\n4. Fourth.\n"
    with pytest.raises(SourceFormatError) as err:
        parse_summaries(text, "gap.txt")
    assert err.value.line == 7
    assert "jumps from 2 to 4" in str(err.value)
    doc = parse_summaries(text, "gap.txt", lenient=True)
    assert [item.ref for item in doc.items] == ["Summaries 1", "Summaries 2", "Summaries 4"]
    assert [s.line for s in doc.skipped] == [7]


def test_text_outside_any_paragraph():
    text = "I. Part\n\n- a stray bullet point\n\n1. First paragraph.\n"
    with pytest.raises(SourceFormatError) as err:
        parse_summaries(text, "stray.txt")
    assert err.value.line == 3
    doc = parse_summaries(text, "stray.txt", lenient=True)
    assert [item.text for item in doc.items] == ["First paragraph."]
    assert [(s.line, s.text) for s in doc.skipped] == [(3, "a stray bullet point")]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "empty"),
        ("\n \n", "empty"),
        ("\x00\x00\xff binary \x01\x02", "binary"),
        ("A title\n\nSome prose, no numbered paragraph.\n", "no numbered paragraphs"),
    ],
)
def test_bad_input(text, message):
    with pytest.raises(SourceFormatError, match=message):
        parse_summaries(text, "bad.txt")


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.text(), st.booleans())
def test_arbitrary_text_raises_only_source_format_error(text, lenient):
    try:
        doc = parse_summaries(text, "any.txt", lenient=lenient)
    except SourceFormatError:
        return
    assert doc.items


_PIECES = st.sampled_from(
    [
        "",
        "I. Background",
        "II. Deliberations",
        "1. 2021 Thematic Discussions – Pillar I: Crime prevention",
        "(a) Opening session",
        "(b) A thematic session",
        "1. A paragraph.",
        "2. Another paragraph that goes on",
        "and ends here.",
        "- a bullet",
        "¹ A footnote.",
        "Topic heading",
        "12",
        "**Bold**",
        "160. With regard to agenda item 1 of the 15th Congress, “Something long enough”",
    ]
)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.lists(_PIECES, max_size=40), st.booleans())
def test_summary_like_text_never_crashes(pieces, lenient):
    try:
        doc = parse_summaries("\n".join(pieces), "any.txt", lenient=lenient)
    except SourceFormatError as err:
        assert err.path == "any.txt"
        return
    numbers = [int(item.ref.split()[1]) for item in doc.items]
    assert numbers == sorted(numbers)
