"""Tests telling the kind of a source document, and dispatching (sources.detect)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from negotiator.domain.sources import detect
from negotiator.domain.sources.base import DOCUMENT_KINDS, ParsedDocument, SourceFormatError
from negotiator.domain.sources.detect import detect_kind, parse_source

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus"
CORPUS_KINDS = {
    "14th-congress-discussion-guide.txt": "guide",
    "14th-congress-rpm-recommendations-mapping.txt": "recommendations",
    "kyoto-thematic-discussions-2021-background-paper.txt": "background",
    "kyoto-thematic-discussions-2021-2024-chair-summaries.txt": "summaries",
}


def _corpus_text(name: str) -> str:
    path = CORPUS / name
    if not path.is_file():
        pytest.skip(f"corpus file not found: {path} (the shared corpus is not checked out)")
    return path.read_text(encoding="utf-8")


@pytest.mark.parametrize(("name", "kind"), sorted(CORPUS_KINDS.items()))
def test_detects_every_corpus_file_from_its_content(name, kind):
    assert detect_kind(_corpus_text(name)) == kind


@pytest.mark.parametrize(("name", "kind"), sorted(CORPUS_KINDS.items()))
def test_detection_survives_losing_the_first_lines(name, kind):
    # Without its heading a document is told by its body, or not at all: never wrongly.
    text = _corpus_text(name)
    assert detect_kind(text[4000:]) in (kind, None)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        (
            "Thirteenth United Nations Congress on Crime Prevention and Criminal Justice\n"
            "Doha, 12-19 April 2015\n\nDiscussion guide\n\nI. Introduction\n\n"
            "1. The present guide ...\n\nC. Questions for discussion\n(a) What ...?\n",
            "guide",
        ),
        (
            "Compilation of the recommendations of the regional preparatory meetings\n\n"
            "Theme\n• Do this. [ESCAP, para. 12 (b)]\n• Do that. [LAC 7(c)]\n"
            "• And more. [E 4]\n",
            "recommendations",
        ),
        (
            "CCPCJ thematic discussions 2022\n\nBACKGROUND NOTE\n\nIntroduction\n\n"
            "Possible questions for discussion\n- How ...?\n",
            "background",
        ),
        (
            "Chair’s summary of the 2022 thematic discussions\n\nI. Background\n\n"
            "1. The Commission ...\n",
            "summaries",
        ),
        ("Minutes of the bureau meeting\n\n1. The bureau met.\n", None),
        ("", None),
    ],
)
def test_detects_other_congresses_documents(text, kind):
    assert detect_kind(text) == kind


def test_parse_source_detects_and_dispatches_recommendations():
    text = _corpus_text("14th-congress-rpm-recommendations-mapping.txt")
    doc = parse_source(text, "m.txt")
    assert doc.kind == "recommendations"
    assert len(doc.items) == 249


def test_parse_source_detects_and_dispatches_summaries():
    text = _corpus_text("kyoto-thematic-discussions-2021-2024-chair-summaries.txt")
    doc = parse_source(text, "s.txt")
    assert doc.kind == "summaries"
    assert len(doc.items) == 163


def test_parse_source_explicit_kind_wins():
    text = "Minutes\n\nTheme\n•\nDo this. [AP 1(a)]\n"
    assert detect_kind(text) is None
    with pytest.raises(SourceFormatError, match="pass --kind guide"):
        parse_source(text, "x.txt")
    doc = parse_source(text, "x.txt", kind="recommendations")
    assert [item.ref for item in doc.items] == ["AP 1(a)"]


def test_parse_source_dispatches_guide_and_background_lazily(monkeypatch):
    calls = []

    def fake(kind):
        def parse(text, path, *, lenient=False):
            calls.append((kind, path, lenient))
            return ParsedDocument(path=path, kind=kind, title="t", items=())

        return parse

    monkeypatch.setattr(detect, "_parser", fake)
    parse_source("Discussion guide\n\nC. Questions for discussion\n", "g.txt", lenient=True)
    parse_source("BACKGROUND PAPER\n\nPossible questions for discussion\n", "b.txt")
    assert calls == [("guide", "g.txt", True), ("background", "b.txt", False)]


def test_parser_names_the_importer_modules():
    assert detect._parser("recommendations").__name__ == "parse_mapping"
    assert detect._parser("summaries").__name__ == "parse_summaries"


@pytest.mark.parametrize(
    ("text", "kind", "message"),
    [
        ("", None, "empty"),
        ("   \n\n", "summaries", "empty"),
        ("\x00\x01\x02\x03binary", None, "binary"),
        ("\x00PK\x03\x04", "guide", "binary"),
        ("Just some text.\n", None, "cannot tell what kind of document this is"),
        ("Just some text.\n", "minutes", "unknown kind"),
    ],
)
def test_parse_source_rejects_bad_input(text, kind, message):
    with pytest.raises(SourceFormatError, match=message) as err:
        parse_source(text, "bad.txt", kind=kind)
    assert err.value.path == "bad.txt"


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.text())
def test_detect_kind_never_crashes(text):
    assert detect_kind(text) in (*DOCUMENT_KINDS, None)


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.text(), st.sampled_from([None, "recommendations", "summaries"]), st.booleans())
def test_parse_source_raises_only_source_format_error(text, kind, lenient):
    if kind is None and detect_kind(text) in ("guide", "background"):
        return  # read by the other importers, tested with them
    try:
        parse_source(text, "any.txt", kind=kind, lenient=lenient)
    except SourceFormatError:
        pass
