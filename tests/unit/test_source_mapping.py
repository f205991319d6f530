"""Tests the reader of regional-recommendation mappings (negotiator.domain.sources.mapping)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from negotiator.domain.sources.base import SourceFormatError
from negotiator.domain.sources.mapping import parse_mapping
from negotiator.domain.sources.pdftext import Vocabulary as vocabulary
from negotiator.domain.sources.pdftext import join_lines

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus"
MAPPING = CORPUS / "14th-congress-rpm-recommendations-mapping.txt"

MAIN_THEME = (
    "Main theme of the Congress: “Advancing crime prevention, criminal justice and the rule of "
    'law: towards the achievement of the 2030 Agenda."'
)
GENERAL = (
    'General issues: Political message and thematic orientation of the Congress - "Other issues" '
    "as reflected in the reports of the RPMs"
)
AGENDA_3 = (
    "Comprehensive strategies for crime prevention towards social and economic development "
    "(agenda item 3); and evidence-based crime prevention: statistics, indicators and evaluation "
    "in support of successful practices (workshop 1)"
)


@pytest.fixture(scope="module")
def corpus_doc():
    if not MAPPING.is_file():
        pytest.skip(f"corpus file not found: {MAPPING} (the shared corpus is not checked out)")
    return parse_mapping(MAPPING.read_text(encoding="utf-8"), str(MAPPING))


@pytest.fixture(scope="module")
def by_ref(corpus_doc):
    return {item.ref: item for item in corpus_doc.items}


# -- the 14th Congress mapping ------------------------------------------------------------


def test_corpus_counts(corpus_doc):
    assert corpus_doc.kind == "recommendations"
    assert len(corpus_doc.items) == 249
    assert len({item.ref for item in corpus_doc.items}) == 249
    assert sum(len(item.placements) for item in corpus_doc.items) == 279
    regions = Counter(item.fields["region"] for item in corpus_doc.items)
    assert regions == {"LAC": 69, "AP": 46, "A": 46, "WA": 46, "E": 42}
    assert corpus_doc.skipped == ()


def test_corpus_strict_and_lenient_agree():
    if not MAPPING.is_file():
        pytest.skip(f"corpus file not found: {MAPPING}")
    text = MAPPING.read_text(encoding="utf-8")
    assert parse_mapping(text, "m.txt", lenient=True).items == parse_mapping(text, "m.txt").items


def test_corpus_title(corpus_doc):
    assert corpus_doc.title == (
        "“A mapping exercise”: compilation of the recommendations -grouped thematically- of the "
        "five regional preparatory meetings for the Fourteenth United Nations Congress on Crime "
        "Prevention and Criminal Justice"
    )


def test_first_recommendation(corpus_doc):
    first = corpus_doc.items[0]
    assert first.kind == "recommendation"
    assert first.ref == "AP 62(a)"
    assert first.line == 19
    assert first.text == (
        "Building on the successful experience of the Thirteenth Congress, the preparatory process "
        "for the formulation of the future Kyoto declaration should be inclusive and open and "
        "relevant deliberations should be carried out in a timely manner, following the good "
        "practice of the deliberations on the Doha Declaration, with a view to facilitating the "
        "negotiation and adoption of the future Kyoto declaration at the opening of the Fourteenth "
        "Congress, during the high-level segment."
    )
    assert first.fields == {
        "region": "AP",
        "region_name": "Asia and the Pacific",
        "paragraph": 62,
        "subparagraph": "a",
    }
    assert first.placements == ({"part": GENERAL, "theme": None},)


def test_last_recommendation(corpus_doc):
    last = corpus_doc.items[-1]
    assert last.ref == "E 56(g)"
    assert last.text == (
        "Discuss good practices in the use of new technologies by law enforcement to investigate "
        "and prosecute crimes and to enhance transparency and communication with the local "
        "community."
    )
    assert last.fields["region_name"] == "Europe"
    assert last.placements[-1]["theme"] == "New technologies as tools against crime"


def test_citation_wrapped_over_two_lines_counts(by_ref):
    # "... Goals. [LAC" / "80(e)]" at its first occurrence (line 83-84 of the file).
    item = by_ref["LAC 80(e)"]
    assert item.line == 80
    assert item.fields == {
        "region": "LAC",
        "region_name": "Latin America and the Caribbean",
        "paragraph": 80,
        "subparagraph": "e",
    }
    assert item.text == (
        "The Kyoto declaration should highlight public-private partnerships and the role of "
        "citizens in the effort of crime prevention and criminal justice and in enhancing the rule "
        "of law, and should encourage Member States to take measures to foster a culture of "
        "lawfulness among the general public to achieve the Sustainable Development Goals."
    )


def test_same_citation_under_several_themes_is_one_recommendation(by_ref):
    item = by_ref["LAC 80(e)"]
    assert item.placements == (
        {"part": GENERAL, "theme": None},
        {
            "part": MAIN_THEME,
            "theme": "Multi-stakeholder approach, public-private partnerships and inter-agency "
            "cooperation",
        },
        {"part": MAIN_THEME, "theme": "Rule of law and fostering a culture of lawfulness"},
    )
    assert [p["theme"] for p in by_ref["E 28(b)"].placements] == [
        "Measures addressing the protection of children",
        "Gender-specific measures",
        "Measures to prevent youth crime",
    ]
    assert {p["part"] for p in by_ref["E 28(b)"].placements} == {AGENDA_3}
    parts = [p["part"].split(" (agenda")[0][:40] for p in by_ref["E 36(j)"].placements]
    assert parts == [
        "Comprehensive strategies for crime preve",
        "Integrated approaches to challenges faci",
        "Integrated approaches to challenges faci",
    ]


def test_text_crossing_a_page_break(by_ref):
    # LAC 79(h) is cut after "lessons learned," by a run of twenty bullet lines (page change).
    assert by_ref["LAC 79(h)"].text == (
        "Enhance the role of national, regional and international cooperation among practitioners "
        "and policymakers through mechanisms for the exchange of experiences, lessons learned, "
        "good practices and practical solutions to overcome challenges that undermine effective "
        "cooperation."
    )
    # LAC 80(b) follows the footnote at the foot of page 1; the footnote is not part of it.
    assert by_ref["LAC 80(b)"].text.startswith("The Fourteenth Congress, through the Kyoto")
    assert all("stands for" not in item.text for item in by_ref.values())


def test_spacing_variant_and_letterless_text(by_ref):
    # Printed "[LAC 80 (b)]": the reference is normalised.
    assert by_ref["LAC 80(b)"].fields["subparagraph"] == "b"
    # Words the PDF extraction already glued together stay as extracted.
    assert by_ref["LAC 40(d)"].text.endswith("survivors of sexual and genderbased violence.")


def test_no_artefacts_left_in_texts(corpus_doc):
    for item in corpus_doc.items:
        assert "•" not in item.text, item.ref
        assert "[" not in item.text and "]" not in item.text, item.ref
        assert "  " not in item.text, item.ref
        assert item.text == item.text.strip()
    # Every text ends its sentence, except two printed without a full stop before the citation.
    no_stop = [item.ref for item in corpus_doc.items if not item.text.endswith(".")]
    assert no_stop == ["AP 61(i)", "E 43(d)"]


def test_themes_and_parts(corpus_doc):
    parts = {p["part"] for item in corpus_doc.items for p in item.placements}
    assert len(parts) == 6
    assert all(not p.startswith(("I.", "V.")) for p in parts)
    themes = {p["theme"] for item in corpus_doc.items for p in item.placements}
    assert "People-centred aspect of the 2030 Agenda" in themes
    assert "Victim-centred approach" in themes
    assert not any(theme and theme.rstrip().endswith(".") for theme in themes)


def test_first_text_is_kept_when_copies_differ(by_ref):
    # The second copy of LAC 80(e) has no full stop before its citation; the first is kept.
    assert by_ref["LAC 80(e)"].text.endswith("Sustainable Development Goals.")


# -- other layouts ------------------------------------------------------------------------

OTHER_LAYOUT = """\
Compilation of the recommendations of the regional preparatory meetings
for the Thirteenth Congress

Agenda item 3. Successes and challenges in implementing comprehensive crime
prevention policies

I. Crime prevention strategies

• Develop evidence-
based strategies with practi-
tioners and communities. [ESCAP, para. 12 (b)]
• Share good practices among Member States. [LAC 7 c]

A/CONF.222/RPM.1/1
II. Youth

• Involve young people in the design of programmes for the prevention of crime and for
the promotion of the rule of law. [ECA, para. 30]
• Strengthen the role of families and schools in the
A/CONF.222/RPM.1/1

3

prevention of youth crime. [E 14 (a)]

Workshop 2. Trafficking in persons

I. Victims

• Share good practices among Member States. [LAC 7 c]
• Protect victims of trafficking, in particular women and children, and provide them
with access to justice. [WA 4(d)]
A/CONF.222/RPM.1/1
"""


def test_other_layout_numbered_headings_and_citation_variants():
    doc = parse_mapping(OTHER_LAYOUT, "13th.txt")
    assert doc.title == (
        "Compilation of the recommendations of the regional preparatory meetings for the "
        "Thirteenth Congress"
    )
    refs = [item.ref for item in doc.items]
    assert refs == ["AP 12(b)", "LAC 7(c)", "A 30", "E 14(a)", "WA 4(d)"]
    ap, lac, africa, europe, wa = doc.items
    # Line-end hyphenation: a compound keeps its hyphen, a broken word is rejoined.
    assert ap.text == "Develop evidence-based strategies with practitioners and communities."
    assert ap.line == 9
    assert ap.fields["region_name"] == "Asia and the Pacific"
    assert africa.fields == {
        "region": "A",
        "region_name": "Africa",
        "paragraph": 30,
        "subparagraph": None,
    }
    # Cut by a page header and a page number.
    assert europe.text == (
        "Strengthen the role of families and schools in the prevention of youth crime."
    )
    part3 = (
        "Agenda item 3. Successes and challenges in implementing comprehensive crime prevention "
        "policies"
    )
    assert lac.placements == (
        {"part": part3, "theme": "Crime prevention strategies"},
        {"part": "Workshop 2. Trafficking in persons", "theme": "Victims"},
    )
    assert europe.placements == ({"part": part3, "theme": "Youth"},)
    assert wa.text.endswith("with access to justice.")
    assert doc.skipped == ()


def test_markdown_layout_without_separators():
    text = (
        "# Recommendations of the regional meetings\n"
        "## Prevention\n"
        "Develop evidence-based strategies. [AP 1(a)]\n"
        "Support victims. [WA 2(b)] Protect witnesses and\n"
        "reporting persons. [A 9(c)]\n"
        "## Justice\n"
        "Reform prisons. [E 3]\n"
    )
    doc = parse_mapping(text, "md.txt")
    assert doc.title == "Recommendations of the regional meetings"
    assert [(i.ref, i.text, i.placements[0]["theme"]) for i in doc.items] == [
        ("AP 1(a)", "Develop evidence-based strategies.", "Prevention"),
        ("WA 2(b)", "Support victims.", "Prevention"),
        ("A 9(c)", "Protect witnesses and reporting persons.", "Prevention"),
        ("E 3", "Reform prisons.", "Justice"),
    ]


def test_unknown_region_code_is_kept_and_named_from_the_legend():
    text = (
        "Mapping of recommendations\n\n"
        "Theme\n•\n"
        "Protect the oceans. [OC 5(b)]\n\n"
        "“[OC…]” stands for the Report of the Oceania Regional Preparatory Meeting.\n\n"
        "Second theme\n•\n"
        "Protect the seas. [OC 6]\n"
    )
    doc = parse_mapping(text, "oc.txt")
    assert [i.ref for i in doc.items] == ["OC 5(b)", "OC 6"]
    assert doc.items[1].fields["region_name"] == "Oceania"
    assert doc.items[1].placements == ({"part": None, "theme": "Second theme"},)


def test_repeated_text_with_different_wording_keeps_the_first():
    text = (
        "Mapping\n\nTheme one\n•\nDo this now. [AP 1(a)]\n\n"
        "Theme two\n•\nDo this now, slightly reworded. [AP 1(a)]\n"
    )
    doc = parse_mapping(text, "dup.txt")
    assert len(doc.items) == 1
    assert doc.items[0].text == "Do this now."
    assert [p["theme"] for p in doc.items[0].placements] == ["Theme one", "Theme two"]


# -- errors -------------------------------------------------------------------------------

ORPHAN = """\
A mapping exercise

Theme one
•
Text with a citation. [AP 1(a)]
Text that never gets a citation.

Theme two
•
More text. [E 2(b)]
"""


def test_orphan_text_strict_names_the_line():
    with pytest.raises(SourceFormatError) as err:
        parse_mapping(ORPHAN, "orphan.txt")
    assert err.value.line == 6
    assert err.value.path == "orphan.txt"
    assert "Text that never gets a citation." in str(err.value)


def test_orphan_text_lenient_is_reported_and_reading_goes_on():
    doc = parse_mapping(ORPHAN, "orphan.txt", lenient=True)
    assert [(s.line, s.text) for s in doc.skipped] == [(6, "Text that never gets a citation.")]
    assert [(i.ref, i.placements[0]["theme"]) for i in doc.items] == [
        ("AP 1(a)", "Theme one"),
        ("E 2(b)", "Theme two"),
    ]


def test_repeating_page_headers_are_not_unplaceable():
    header = "CCPCJ MAPPING 2019"
    text = (
        f"A mapping exercise\n\n{header}\nTheme one\n•\nFirst thing. [AP 1(a)]\n\n{header}\n"
        f"Second thing. [LAC 2(b)]\n\n{header}\nTheme two\n•\nThird thing. [E 3]\n"
    )
    doc = parse_mapping(text, "h.txt")
    assert doc.skipped == ()
    assert [i.text for i in doc.items] == ["First thing.", "Second thing.", "Third thing."]
    assert [i.placements[0]["theme"] for i in doc.items] == ["Theme one", "Theme one", "Theme two"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "empty"),
        ("  \n\n\t\n", "empty"),
        ("\x00\x01\x02PK\x03\x04binary", "binary"),
        ("Just a title\n\nSome prose without any citation.\n", "no recommendations"),
    ],
)
def test_bad_input(text, message):
    with pytest.raises(SourceFormatError, match=message):
        parse_mapping(text, "bad.txt")
    with pytest.raises(SourceFormatError, match=message):
        parse_mapping(text, "bad.txt", lenient=True)


def test_other_kind_of_document_is_refused():
    guide = CORPUS / "14th-congress-discussion-guide.txt"
    if not guide.is_file():
        pytest.skip(f"corpus file not found: {guide}")
    with pytest.raises(SourceFormatError, match="no recommendations found"):
        parse_mapping(guide.read_text(encoding="utf-8"), str(guide))


def test_join_lines_hyphenation_uses_the_document_words():
    vocab = vocabulary(["a cross-border case", "the crossborder", "crossborder again"])
    assert join_lines(["the cross-", "border case"], vocab) == "the crossborder case"
    vocab = vocabulary(["a data-base", "the data-base", "one database"])
    assert join_lines(["the data-", "base"], vocab) == "the data-base"
    assert join_lines(["the data-", "base"]) == "the database"
    assert join_lines(["the practi-", "tioners"]) == "the practitioners"
    assert join_lines(["non-", "custodial measures"]) == "non-custodial measures"
    assert join_lines(["years 2020 –", "2025"]) == "years 2020 – 2025"
    assert join_lines(["United Nations-", "Habitat"]) == "United Nations- Habitat"


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.text(), st.booleans())
def test_arbitrary_text_raises_only_source_format_error(text, lenient):
    try:
        doc = parse_mapping(text, "any.txt", lenient=lenient)
    except SourceFormatError:
        return
    assert doc.items


_PIECES = st.sampled_from(
    [
        "",
        "•",
        "IV.",
        "12",
        "[AP",
        "62(a)]",
        "[LAC 80 (b)]",
        "Theme heading",
        "Main theme of the Congress",
        "(agenda item 3)",
        "Recommendation text that goes on and",
        "ends here. [E 57(g)]",
        "co-",
        "operation",
        "“[AP…]” stands for the Report",
        "1 A footnote.",
        "A/CONF.234/RPM.1/1",
        "text. [WA 14(a)] More [A 60(b)]",
    ]
)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.lists(_PIECES, max_size=40), st.booleans())
def test_mapping_like_text_never_crashes(pieces, lenient):
    text = "\n".join(pieces)
    try:
        doc = parse_mapping(text, "any.txt", lenient=lenient)
    except SourceFormatError as err:
        assert err.path == "any.txt"
        return
    for item in doc.items:
        assert item.kind == "recommendation"
        assert item.placements
        assert item.fields["region"] in {"AP", "LAC", "WA", "A", "E"}
