"""import, sources, link, coverage, suggest and diff as a user runs them."""

from __future__ import annotations

import json
from pathlib import Path

from tests.cli.test_cli import run


def test_sample_sources_links_coverage_suggest(tmp_path: Path, corpus: Path) -> None:
    db = tmp_path / "n.db"
    init = run("init", "--sample", db=db)
    assert "Sources: 565 items" in init.stderr
    sources = json.loads(run("sources", "--json", db=db).stdout)
    assert len(sources) == 565
    for item in sources:
        assert {"kind", "ref", "text"} <= item.keys()
    ap = next(s for s in sources if s["ref"] == "AP 62(a)")
    assert (ap["kind"], ap["region"], ap["paragraph"], ap["subparagraph"]) == (
        "recommendation",
        "AP",
        62,
        "a",
    )
    assert len(json.loads(run("sources", "--kind", "question", "--json", db=db).stdout)) == 143

    again = run("import", *(str(p) for p in sorted(corpus.glob("*.txt"))), db=db)
    assert again.stdout.count("unchanged since the last import") == 4

    shown = json.loads(run("paragraph", "show", "OP 22", "--json", db=db).stdout)
    assert (
        "LAC 28(e)" in [lk["ref"] for lk in shown["links"]]
        and shown["history"][0]["round"] == "First reading"
    )

    refused = run("link", "OP 24", "AP 62(z)", db=db, ok=False)
    assert "did you mean: AP 62(" in refused.stderr and "nothing was changed" in refused.stderr
    assert (
        "linked AP 62(a)"
        in run("link", "OP 24", "ap 62(a)", "--note", "political message", db=db).stdout
    )
    cov = json.loads(run("coverage", "--json", db=db).stdout)
    assert cov["recommendations"]["total"] == 249
    reflected = cov["recommendations"]["reflected"]
    assert reflected >= 7
    asia = next(g for g in cov["recommendations"]["regions"] if g["name"] == "Asia and the Pacific")
    assert "AP 62(a)" not in asia["unreflected"] and asia["total"] == 46
    assert "unlinked AP 62(a)" in run("unlink", "OP 24", "AP 62(a)", db=db).stdout
    assert (
        json.loads(run("coverage", "--json", db=db).stdout)["recommendations"]["reflected"]
        == reflected - 1
    )

    suggested = json.loads(
        run("suggest", "OP 22", "--kind", "recommendation", "--top", "5", "--json", db=db).stdout
    )
    assert len(suggested) == 5 and all(s["kind"] == "recommendation" for s in suggested)
    assert "LAC 28(e)" not in [s["ref"] for s in suggested]  # already linked
    assert any("statistic" in s["text"] or "data" in s["text"] for s in suggested[:3])


def test_import_bad_file_names_it(tmp_path: Path) -> None:
    db = tmp_path / "n.db"
    bad = tmp_path / "letter.txt"
    bad.write_text("Dear colleague, see you at the Congress.\n", encoding="utf-8")
    proc = run("import", str(bad), db=db, ok=False)
    assert str(bad) in proc.stderr and "nothing was imported" in proc.stderr
    assert json.loads(run("sources", "--json", db=db).stdout) == []


def test_diff_formats(tmp_path: Path) -> None:
    db = tmp_path / "n.db"
    run("init", "--sample", "--open", db=db)
    run("round", "freeze", db=db)
    run("round", "open", "Rev.1", db=db)
    run(
        "paragraph",
        "set",
        "OP 21",
        "--text",
        "Develop <b>[crime]</b> & prevention strategies",
        db=db,
    )
    data = json.loads(run("diff", "First reading", "current", "--format", "json", db=db).stdout)
    assert (data["round_a"], data["round_b"]) == ("First reading", "Rev.1")
    (change,) = data["changes"]
    assert change["kinds"] == ["reworded", "brackets_changed"] and change["label_a"] == "OP 21"
    assert ["insert", "<b>[crime]</b> & "] in change["ops"] or any(
        op[0] == "insert" for op in change["ops"]
    )
    page = run("diff", "First reading", "--format", "html", db=db).stdout
    assert "&lt;b&gt;" in page and "<b>[crime]" not in page and page.startswith("<!DOCTYPE html>")
    text = run("diff", "First reading", db=db).stdout
    assert "OP 21" in text and "reworded" in text and "[crime]" in text
    everything = json.loads(
        run("diff", "First reading", "--only", "all", "--format", "json", db=db).stdout
    )
    assert len(everything["changes"]) == 10
