"""export as a user runs it, and the keep-labels round trip through the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import docx

from tests.cli.test_cli import run


def test_export_clean_compilation_and_round_trip(tmp_path: Path) -> None:
    db = tmp_path / "n.db"
    run("init", "--sample", db=db)
    run("round", "open", "Rev.1", db=db)
    run("paragraph", "insert", "--after", "OP 22", "--text", "Share [data] on cybercrime.", db=db)
    run("paragraph", "delete", "OP 25", db=db)
    run("paragraph", "set", "OP 21", "--sponsor", "EU", "--status", "agreed ad ref", db=db)

    out = tmp_path / "clean.docx"
    run("export", "-o", str(out), db=db)
    texts = [p.text for p in docx.Document(str(out)).paragraphs if p.text.strip()]
    numbered = [t for t in texts if t[:2].isdigit()]
    assert [t.split(".")[0] for t in numbered] == [
        str(n) for n in range(21, 31)
    ]  # bis resolved, OP 25 gone
    assert any("Share [data] on cybercrime." in t for t in numbered)
    assert not any("EU" in t for t in texts)

    md = run("export", "--format", "md", "-o", "-", db=db).stdout
    assert "23. Share [data] on cybercrime." in md and "OP 22 bis" not in md

    comp = run("export", "--compare", "First reading", "--format", "html", "-o", "-", db=db).stdout
    assert "<ins>" in comp and "OP 22 bis" in comp and "EU" in comp

    refused = run("export", "--final", "-o", str(tmp_path / "final.md"), db=db, ok=False)
    assert "not a final text" in refused.stderr and "OP 22 bis" in refused.stderr
    assert not (tmp_path / "final.md").exists()

    labelled = tmp_path / "rev1.md"
    run("export", "--keep-labels", "-o", str(labelled), db=db)
    run("round", "freeze", db=db)
    run("round", "import", str(labelled), "--name", "Rev.2", db=db)
    diff = json.loads(
        run("diff", "Rev.1", "Rev.2", "--format", "json", "--only", "all", db=db).stdout
    )
    assert {tuple(c["kinds"]) for c in diff["changes"]} == {("unchanged",)}
    assert diff["summary"]["counts"]["unchanged"] == 11


def test_export_needs_a_known_format(tmp_path: Path) -> None:
    db = tmp_path / "n.db"
    run("init", "--sample", db=db)
    proc = run("export", "-o", str(tmp_path / "x.pdf"), db=db, ok=False)
    assert "cannot tell the format" in proc.stderr
