import pytest
from hypothesis import given
from hypothesis import strategies as st

from negotiator.domain.draftfile import (
    DraftDocument,
    DraftFormatError,
    DraftParagraph,
    decode_draft,
    format_draft,
    parse_draft,
)
from negotiator.domain.labels import SUFFIXES, Label
from negotiator.domain.model import ParagraphKind, Status

DRAFT = """\
# Test Declaration

We, the Heads of State,

## Pillar I

PP 1. Recognizing the [importance] of data,

OP 21. Develop strategies
over two lines;
<!-- status: agreed ad ref; sponsor: G77 and China -->

21 bis. **Inserted** text.

## Pillar II

**22.** Bold label.
"""


def test_parse_sample_shape() -> None:
    doc = parse_draft(DRAFT, "d.md")
    assert doc.title == "Test Declaration"
    assert doc.preface == "We, the Heads of State,"
    assert [str(p.label) for p in doc.paragraphs] == ["PP 1", "OP 21", "OP 21 bis", "OP 22"]
    assert [p.section for p in doc.paragraphs] == ["Pillar I"] * 3 + ["Pillar II"]
    op21 = doc.paragraphs[1]
    assert op21.text == "Develop strategies over two lines;"
    assert (op21.status, op21.sponsor, op21.line) == (Status.AGREED_AD_REF, "G77 and China", 9)
    assert doc.paragraphs[0].kind is ParagraphKind.PREAMBULAR
    assert doc.paragraphs[3].text == "Bold label."


def test_sample_draft_is_kyoto_pillar_one(sample_document: DraftDocument) -> None:
    assert [p.label.number for p in sample_document.paragraphs] == list(range(21, 31))
    assert sample_document.paragraphs[1].section == "Evidence-based crime prevention"
    assert sample_document.paragraphs[1].text.startswith(
        "Enhance evidence-based crime prevention strategies"
    )


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("# T\n\nJust prose.\n", None, "no paragraphs"),
        ("## S\n\n1. a\n\n1. b\n", 5, "duplicate label OP 1 (already used at line 3)"),
        ("## S\n\n1. a [b\nc d\n", 3, "unbalanced brackets in OP 1: opening bracket"),
        ("## S\n\n1. a\n\n2. b c ]\n", 5, "closing bracket"),
        ("## S\n\n1. a\n\nstray prose\n", 5, "text outside any paragraph"),
        ("## S\n\n1. a\n<!-- status: maybe -->\n", 4, "unknown status"),
        ("## S\n\n1. a\n<!-- colour: red -->\n", 4, "unknown paragraph attribute"),
    ],
)
def test_errors_name_file_and_line(text: str, line: int | None, message: str) -> None:
    with pytest.raises(DraftFormatError) as info:
        parse_draft(text, "bad.md")
    assert info.value.line == line
    assert message in str(info.value)
    assert str(info.value).startswith(f"bad.md:{line}:" if line else "bad.md:")


def test_undecodable_bytes_named_with_line() -> None:
    with pytest.raises(DraftFormatError, match=r"^x.md:2: not UTF-8"):
        decode_draft(b"# T\n1. caf\xe9\n", "x.md")
    with pytest.raises(DraftFormatError, match=r"^x.md:1: binary data"):
        decode_draft(b"\x00\x01", "x.md")
    assert decode_draft("\ufeff1. a".encode(), "x.md") == "1. a"


words = st.text(
    alphabet=st.characters(categories=["L", "N"], include_characters="àéاليابان中文"),
    min_size=1,
    max_size=8,
)
para_text = (
    st.lists(words, min_size=1, max_size=8).map(" ".join).filter(lambda t: not t[0].isdigit())
)
paragraphs = st.lists(
    st.tuples(
        st.sampled_from(["Pillar I", "Pillar II", "Follow-up"]),
        para_text,
        st.sampled_from(list(Status)),
        st.one_of(st.none(), st.sampled_from(["EU", "G77 and China", "Japan"])),
        st.booleans(),
    ),
    min_size=1,
    max_size=12,
)


@given(paragraphs)
def test_format_then_parse_round_trips(items: list) -> None:  # type: ignore[type-arg]
    paras = []
    for i, (section, text, status, sponsor, bracket) in enumerate(items):
        body = f"{text} [{text}]" if bracket else text
        label = Label.of(
            ParagraphKind.OPERATIVE, 10 + i // 3, i % 3 if i % 3 < len(SUFFIXES) else 0
        )
        paras.append(DraftParagraph(label, section, body, 0, status, sponsor))
    doc = DraftDocument("Title", "Preface text.", tuple(paras))
    parsed = parse_draft(format_draft(doc))
    assert parsed.title == doc.title and parsed.preface == doc.preface
    assert [(p.label, p.section, p.text, p.status, p.sponsor) for p in parsed.paragraphs] == [
        (p.label, p.section, p.text, p.status, p.sponsor) for p in doc.paragraphs
    ]


@given(st.text())
def test_any_text_parses_or_fails_cleanly(text: str) -> None:
    try:
        doc = parse_draft(text, "fuzz.md")
    except DraftFormatError as exc:
        assert str(exc).startswith("fuzz.md")
    else:
        assert doc.paragraphs


@given(st.binary())
def test_any_bytes_decode_or_fail_cleanly(data: bytes) -> None:
    try:
        decode_draft(data, "fuzz.md")
    except DraftFormatError as exc:
        assert str(exc).startswith("fuzz.md:")


def test_awkward_sponsors_and_leading_asterisks_round_trip() -> None:
    paras = (
        DraftParagraph(
            Label.parse("OP 1"),
            "S",
            "*Emphasised* start of text.",
            0,
            Status.PENDING,
            'EU; Japan "and" others -- all',
        ),
        DraftParagraph(Label.parse("OP 2"), "S", "**Bold** start.", 0, Status.AGREED, " padded "),
    )
    doc = DraftDocument("T", "", paras)
    text = format_draft(doc)
    comments = [line for line in text.splitlines() if line.startswith("<!--")]
    assert len(comments) == 2 and all("--" not in c[4:-3] for c in comments)  # a valid HTML comment
    parsed = parse_draft(text)
    assert [(p.text, p.sponsor, p.status) for p in parsed.paragraphs] == [
        (p.text, p.sponsor, p.status) for p in paras
    ]
    assert parse_draft("## S\n\n**3.** Bold label only.").paragraphs[0].text == "Bold label only."


def test_brackets_may_span_paragraphs_and_every_unbalanced_place_is_listed() -> None:
    option = "## S\n\n1. [Each Party shall communicate\n\n2. a contribution.]\n"
    assert [p.text for p in parse_draft(option).paragraphs] == [
        "[Each Party shall communicate",
        "a contribution.]",
    ]
    text = "## S\n\n1. a ] b\n\n2. [c\nd ] ] e\n\n3. f [g\n\n4. [h\n"
    with pytest.raises(DraftFormatError) as info:
        parse_draft(text, "bad.md")
    message = str(info.value)
    assert message.startswith("bad.md:3: unbalanced brackets in 4 places")
    assert "bad.md:3:6: OP 1: closing bracket ']' has no opening bracket" in message
    assert "bad.md:6:5: OP 2: closing bracket" in message
    assert "bad.md:8:6: OP 3: opening bracket '[' is never closed" in message
    assert "bad.md:10:4: OP 4: opening bracket" in message
