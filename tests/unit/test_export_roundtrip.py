"""Property: ``export md --keep-labels`` then ``parse_draft`` gives every paragraph back."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from negotiator.domain.draftfile import parse_draft
from negotiator.domain.labels import SUFFIXES, Label
from negotiator.domain.model import ParagraphKind, ParagraphSnapshot, Status
from negotiator.interchange.export_model import ExportMeta
from negotiator.interchange.export_text import labelled_draft

# Words as delegates type them: Latin, accents, Arabic, CJK, digits, punctuation, markup characters.
_WORD_CHARS = "abcXYZéçñ0123456789تعزيزالدولي中文日本語,.;:()'\"<>&/-–«»!?%"
word = st.text(alphabet=_WORD_CHARS, min_size=1, max_size=8)


@st.composite
def bracketed(draw: st.DrawFn) -> str:
    """A run of words, some in square brackets, nested at times (always balanced)."""
    parts = []
    for _ in range(draw(st.integers(1, 8))):
        shape = draw(st.sampled_from(["plain", "plain", "bracket", "nested", "alt"]))
        w = draw(word)
        if shape == "bracket":
            w = f"[{w}]"
        elif shape == "nested":
            w = f"[{w} [{draw(word)}]]"
        elif shape == "alt":
            w = f"[{w}][{draw(word)}]"
        parts.append(w)
    return " ".join(parts)


sponsor = st.one_of(
    st.none(),
    st.sampled_from(
        [
            "EU",
            "G77 and China",
            "Group of Arab States",
            "المجموعة العربية",
            'Japan: add "x"',
            "CELAC (on behalf)",
        ]
    ),
)
sections = st.lists(
    st.sampled_from(["Pillar I", "Pillar II: Justice", "الركن الثالث", "Follow-up & review"]),
    min_size=1,
    max_size=3,
)


@st.composite
def rounds(draw: st.DrawFn) -> list[ParagraphSnapshot]:
    keys = draw(
        st.lists(
            st.tuples(
                st.sampled_from([ParagraphKind.PREAMBULAR, ParagraphKind.OPERATIVE]),
                st.integers(1, 40),
                st.integers(0, len(SUFFIXES) - 1),
            ),
            min_size=1,
            max_size=25,
            unique=True,
        )
    )
    labels = sorted(Label.of(kind, number, suffix) for kind, number, suffix in keys)
    titles = draw(sections)
    lead = draw(st.integers(0, len(labels)))  # paragraphs before any section heading
    out = []
    for i, label in enumerate(labels):
        section = (
            ""
            if i < lead
            else titles[
                min(len(titles) - 1, (i - lead) * len(titles) // max(1, len(labels) - lead))
            ]
        )
        out.append(
            ParagraphSnapshot(
                paragraph_id=i + 1,
                uid=f"para_{i + 1}",
                label=str(label),
                kind=label.kind,
                section=section,
                position=i,
                text=draw(bracketed()),
                status=draw(st.sampled_from(list(Status))),
                sponsor=draw(sponsor),
            )
        )
    return out


@settings(max_examples=200, deadline=None)
@given(rounds())
def test_keep_labels_markdown_round_trips(round_: list[ParagraphSnapshot]) -> None:
    meta = ExportMeta(title="Draft declaration", preface="We, the Heads of State and Government,")
    document = parse_draft(labelled_draft(meta, round_))
    assert document.title == meta.title and document.preface == meta.preface
    got = [(str(p.label), p.text, p.status, p.sponsor, p.section) for p in document.paragraphs]
    assert got == [(p.label, p.text, p.status, p.sponsor, p.section) for p in round_]
