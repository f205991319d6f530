"""The one PDF text clean-up shared by the draft reader and the source importers."""

from __future__ import annotations

from negotiator.domain.sources.pdftext import (
    PageFurniture,
    Vocabulary,
    is_page_line,
    join_lines,
    strip_footnote_calls,
)


def test_a_broken_word_is_rejoined_and_a_compound_keeps_its_hyphen() -> None:
    vocab = Vocabulary("the challenges ahead\nnew chal-\nlenges and evidence-\nbased policy")
    assert join_lines(["new chal-", "lenges"], vocab) == "new challenges"
    assert join_lines(["evidence-", "based policy"], vocab) == "evidence-based policy"
    # without the document's words: a known compound half keeps it, a fragment is joined
    assert join_lines(["non-", "custodial"]) == "non-custodial"
    assert join_lines(["comprehen-", "sive"]) == "comprehensive"


def test_the_document_spelling_wins() -> None:
    assert join_lines(["cross-", "border"], Vocabulary("crossborder, crossborder")) == (
        "crossborder"
    )
    assert join_lines(["data-", "base"], Vocabulary("a data-base\nthe data-base")) == "data-base"


def test_suspended_hyphens_soft_hyphens_and_capitals() -> None:
    assert join_lines(["problem-", "and community-oriented"]) == "problem- and community-oriented"
    assert join_lines(["inter\u00ad", "national"]) == "international"
    assert join_lines(["United Nations-", "Habitat"]) == "United Nations- Habitat"
    assert join_lines(["years 2020 –", "2025"]) == "years 2020 – 2025"


def test_page_furniture_and_footnote_calls() -> None:
    for line in ("A/CONF.234/11", "V.20-07297", "20-07297", "4", "- 12 -", "Page 3 of 9"):
        assert is_page_line(line), line
    assert not is_page_line("21. Develop strategies")
    lines = ["A/CONF.234/PM.1 2", "text", "A/CONF.234/PM.1 2", "more", "A/CONF.234/PM.1 2"]
    furniture = PageFurniture(lines)
    assert furniture("A/CONF.234/PM.1 2") and not furniture("text")
    assert strip_footnote_calls("terrorism?⁶⁸ and[^3] more") == "terrorism? and more"
