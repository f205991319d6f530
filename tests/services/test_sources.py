"""Importing the corpus and hand-made documents into a real database."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from sqlalchemy import func, select

from negotiator.services.errors import ImportFailed
from negotiator.services.sources import SourcesService, corpus_files, normalise_ref
from negotiator.storage.records import SourceRecord

MAPPING = """\
"A mapping exercise": compilation of the recommendations of the regional preparatory meetings

General issues: Political message of the Congress

Draft a short and concise declaration. [AP 62(a)]
Ensure strong political messages in the declaration. [LAC 19(a)]

Crime prevention (agenda item 3)
Evidence-based crime prevention

Improve data collection on crime. [E 16(d)]
"""


def count(db) -> int:  # type: ignore[no-untyped-def]
    with db.read() as s:
        return s.scalar(select(func.count()).select_from(SourceRecord)) or 0


def test_corpus_import_counts_and_idempotence(db, corpus: Path) -> None:  # type: ignore[no-untyped-def]
    service = SourcesService(db, user="t")
    steps: list[tuple[int, int]] = []
    start = time.perf_counter()
    reports = service.import_files(
        corpus_files(corpus), progress=lambda d, t, _: steps.append((d, t))
    )
    elapsed = time.perf_counter() - start
    assert steps[-1] == (8, 8)
    by_kind = {r.kind: r for r in reports}
    assert by_kind["guide"].items == 112 and by_kind["recommendations"].items == 249
    assert by_kind["background"].items == 41 and by_kind["summaries"].items == 163
    recs = service.sources(kind="recommendation")
    assert sum(len(s.placements) for s in recs) == 279
    regions: dict[str, int] = {}
    for s in recs:
        regions[str(s.fields["region"])] = regions.get(str(s.fields["region"]), 0) + 1
    assert regions == {"LAC": 69, "AP": 46, "A": 46, "WA": 46, "E": 42}
    assert service.source("ap 62 (a)").text.startswith(
        "Building on the successful experience of the Thirteenth Congress"
    )
    assert service.source("14th guide 66(c)").kind == "question"
    total = count(db)
    again = service.import_files(corpus_files(corpus))
    assert all(r.unchanged_file for r in again) and count(db) == total
    assert (
        elapsed < 20
    )  # the benchmark measures it; this only guards against a pathological slowdown


def test_new_edition_updates_and_says_what_changed(db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    service = SourcesService(db, user="t")
    path = tmp_path / "mapping.txt"
    path.write_text(MAPPING, encoding="utf-8")
    (first,) = service.import_files([path])
    assert set(first.added) == {"AP 62(a)", "LAC 19(a)", "E 16(d)"}
    path.write_text(
        MAPPING.replace("on crime. [E 16(d)]", "on crime and justice. [E 16(d)]").replace(
            "Ensure strong political messages in the declaration. [LAC 19(a)]\n", ""
        ),
        encoding="utf-8",
    )
    (second,) = service.import_files([path])
    assert (second.added, second.updated, second.withdrawn) == ((), ("E 16(d)",), ("LAC 19(a)",))
    assert service.source("E 16(d)").text == "Improve data collection on crime and justice."
    assert [s.ref for s in service.sources()] == ["AP 62(a)", "E 16(d)"]
    assert service.sources(include_withdrawn=True)[1].withdrawn


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "is empty"),
        (b"\x00\x01binary", ":1: binary data"),
        (b"Just a letter to a friend.\n", "cannot tell what kind"),
    ],
)
def test_bad_files_import_nothing(db, tmp_path: Path, content: bytes, message: str) -> None:  # type: ignore[no-untyped-def]
    good = tmp_path / "mapping.txt"
    good.write_text(MAPPING, encoding="utf-8")
    bad = tmp_path / "bad.txt"
    bad.write_bytes(content)
    with pytest.raises(ImportFailed) as info:
        SourcesService(db).import_files([good, bad])
    assert (
        str(bad) in str(info.value)
        and message in str(info.value)
        and "nothing was imported" in str(info.value)
    )
    assert count(db) == 0


def test_lenient_imports_the_rest_and_lists_skipped_lines(db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    text = MAPPING.replace(
        "Crime prevention (agenda item 3)",
        "A recommendation whose citation was lost.\n\nCrime prevention (agenda item 3)",
    )
    path = tmp_path / "mapping.txt"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ImportFailed, match=r"mapping.txt:\d+"):
        SourcesService(db).import_files([path])
    assert count(db) == 0
    (report,) = SourcesService(db).import_files([path], lenient=True)
    assert report.items == 3 and report.skipped
    assert any("citation was lost" in s.text for s in report.skipped)


def test_normalise_ref() -> None:
    assert normalise_ref("[ap 62 (A)]") == "AP 62(a)"
    assert normalise_ref("LAC 80(e)") == "LAC 80(e)"
    assert normalise_ref("  14th  guide 66(c) ") == "14th guide 66(c)"
