"""The command line as a user runs it: real processes, a real SQLite file."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "drafts" / "kyoto-pillar-1.md"


def run(
    *args: str, db: Path | str, ok: bool = True, stdin: str | None = None
) -> subprocess.CompletedProcess[str]:
    url = db if isinstance(db, str) else f"sqlite:///{db}"
    env = {**os.environ, "NEGOTIATOR_DB": url, "NEGOTIATOR_USER": "chair", "COLUMNS": "200"}
    proc = subprocess.run(
        [sys.executable, "-m", "negotiator", *args],
        capture_output=True,
        text=True,
        env=env,
        input=stdin,
        timeout=120,
    )
    if ok:
        assert proc.returncode == 0, proc.stderr
    else:
        assert proc.returncode != 0, proc.stdout
    return proc


def test_done_when_flow(tmp_path: Path) -> None:
    db = tmp_path / "n.db"
    run("init", "--sample", db=db)
    rounds = json.loads(run("round", "list", "--json", db=db).stdout)
    assert [(r["name"], r["status"], r["paragraphs"]) for r in rounds] == [
        ("First reading", "frozen", 10)
    ]
    assert rounds[0]["words"] > 400

    run("round", "open", "Rev.1", db=db)
    new_text = tmp_path / "op22.txt"
    new_text.write_text(
        "Enhance [evidence-based] crime prevention strategies through data.", encoding="utf-8"
    )
    out = run(
        "paragraph",
        "set",
        "OP 22",
        "--text-file",
        str(new_text),
        "--status",
        "agreed ad ref",
        "--sponsor",
        "EU",
        db=db,
    )
    assert "saved version 2" in out.stdout
    run("round", "freeze", "Rev.1", db=db)
    refused = run("paragraph", "set", "OP 22", "--text", "late", db=db, ok=False)
    assert "frozen" in refused.stderr and refused.stdout == ""

    edited = SAMPLE.read_text(encoding="utf-8").replace(
        "on a voluntary basis", "[on a voluntary basis]"
    )
    edited = edited.replace(
        "OP 30. Empower youth", "OP 29 bis. Protect victims of cybercrime.\n\nOP 30. Empower youth"
    )
    draft = tmp_path / "rev2.md"
    draft.write_text(edited, encoding="utf-8")
    report = json.loads(
        run("round", "import", str(draft), "--name", "Rev.2", "--json", db=db).stdout
    )
    # OP 22 goes back to the sample wording and status: that is a rewording too.
    assert (report["reworded"], report["new"], report["deleted"]) == (2, 1, 0)

    paras = json.loads(run("paragraph", "list", "--json", db=db).stdout)
    assert [p["label"] for p in paras][-3:] == ["OP 29", "OP 29 bis", "OP 30"]
    for key in ("id", "label", "kind", "section", "status", "sponsor", "text"):
        assert key in paras[0]
    op23 = next(p for p in paras if p["label"] == "OP 23")
    assert "[on a voluntary basis]" in op23["text"] and op23["round"] == "Rev.2"
    rev1 = json.loads(run("paragraph", "list", "--round", "Rev.1", "--json", db=db).stdout)
    assert next(p for p in rev1 if p["label"] == "OP 22")["sponsor"] == "EU"
    assert len(rev1) == 10
    assert {p["id"] for p in rev1} <= {p["id"] for p in paras}


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"# Empty\n\nno paragraphs here\n", "no paragraphs found"),
        (b"## S\n\n1. a\n\n1. b\n", ":5: duplicate label OP 1"),
        (b"## S\n\n1. a [b\n", ":3: unbalanced brackets"),
        (b"## S\n\n1. caf\xe9\n", ":3: not UTF-8"),
    ],
)
def test_bad_draft_leaves_database_as_it_was(tmp_path: Path, content: bytes, message: str) -> None:
    db = tmp_path / "n.db"
    run("init", "--sample", db=db)
    before = run("paragraph", "list", "--json", db=db).stdout
    bad = tmp_path / "bad.md"
    bad.write_bytes(content)
    proc = run("round", "import", str(bad), "--name", "Rev.1", db=db, ok=False)
    assert str(bad) in proc.stderr and message in proc.stderr
    assert run("paragraph", "list", "--json", db=db).stdout == before
    assert [r["name"] for r in json.loads(run("round", "list", "--json", db=db).stdout)] == [
        "First reading"
    ]


def test_db_commands_and_help(tmp_path: Path) -> None:
    db = tmp_path / "n.db"
    assert "(empty)" in run("db", "current", db=db).stdout
    assert "-> 0" in run("db", "upgrade", db=db).stdout
    state = json.loads(run("db", "current", "--json", db=db).stdout)
    assert state["up_to_date"] is True
    assert "Usage" in run(db=db).stdout
    assert "round" in run("--help", db=db).stdout


def test_errors_go_to_stderr(tmp_path: Path) -> None:
    db = tmp_path / "n.db"
    proc = run("paragraph", "list", db=db, ok=False)
    assert "init --sample" in proc.stderr and proc.stdout == ""
    run("init", "--sample", db=db)
    proc = run("paragraph", "set", "OP 99", "--text", "x", db=db, ok=False)
    assert "no paragraph OP 99" in proc.stderr
    proc = run("paragraph", "set", "OP 21", "--status", "maybe", db=db, ok=False)
    assert "unknown status" in proc.stderr


def test_brackets_are_printed_not_eaten_as_markup(tmp_path: Path) -> None:
    db = tmp_path / "n.db"
    run("init", "--sample", "--open", db=db)
    run("paragraph", "set", "OP 21", "--text", "Develop [bold] [red]x[/red] strategies", db=db)
    out = run("paragraph", "list", db=db).stdout
    assert "Develop [bold] [red]x[/red] strategies" in out


def test_insert_and_delete(tmp_path: Path) -> None:
    db = tmp_path / "n.db"
    run("init", "--sample", "--open", db=db)
    assert (
        "Inserted OP 22 bis after OP 22"
        in run("paragraph", "insert", "--after", "OP 22", "--text", "New.", db=db).stdout
    )
    run("paragraph", "delete", "OP 21", db=db)
    paras = json.loads(run("paragraph", "list", "--json", db=db).stdout)
    assert [(p["label"], p["status"]) for p in paras][:3] == [
        ("OP 21", "deleted"),
        ("OP 22", "pending"),
        ("OP 22 bis", "pending"),
    ]
    history = json.loads(run("paragraph", "history", "OP 21", "--json", db=db).stdout)
    assert [h["status"] for h in history] == ["pending", "deleted"]


def test_the_cli_on_each_database(db_url: str) -> None:
    """The same commands on SQLite and on a PostgreSQL server (--db URL / NEGOTIATOR_DB)."""
    run("init", "--sample", db=db_url)
    run("round", "open", "Rev.1", db=db_url)
    run(
        "paragraph",
        "set",
        "OP 21",
        "--text",
        "Develop [new] strategies",
        "--sponsor",
        "EU",
        db=db_url,
    )
    data = json.loads(run("diff", "--format", "json", db=db_url).stdout)
    assert [c["kinds"] for c in data["changes"]] == [
        ["reworded", "sponsor_changed", "brackets_changed"]
    ]
    state = json.loads(run("db", "current", "--json", db=db_url).stdout)
    assert state["up_to_date"] is True


def test_unreadable_database_is_one_line_not_a_traceback(tmp_path: Path) -> None:
    not_a_db = tmp_path / "notes.txt"
    not_a_db.write_text("these are notes, not a database\n" * 100, encoding="utf-8")
    proc = run("round", "list", db=not_a_db, ok=False)
    assert "Traceback" not in proc.stderr and "file is not a database" in proc.stderr
    proc = run("round", "list", db="postgresql+psycopg://nobody:secret@127.0.0.1:1/x", ok=False)
    assert (
        "Traceback" not in proc.stderr
        and "secret" not in proc.stderr
        and "127.0.0.1" in proc.stderr
    )
    proc = run("init", "--draft", str(tmp_path / "missing.md"), db=tmp_path / "new.db", ok=False)
    assert "no such draft file" in proc.stderr and not (tmp_path / "new.db").exists()
