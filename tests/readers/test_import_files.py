"""Word and PDF through the command line: rounds, the first draft, and sources as PDFs."""

from __future__ import annotations

import json
from pathlib import Path

from negotiator.domain.sources.detect import parse_source_pdf
from tests.cli.test_cli import run
from tests.readers.drafts import build_un_pdf


def test_corpus_pdfs_give_the_counts_of_the_text_files(corpus_pdfs: dict[str, Path]) -> None:
    guide = corpus_pdfs["14th-congress-discussion-guide"]
    mapping = corpus_pdfs["14th-congress-rpm-recommendations-mapping"]
    questions = parse_source_pdf(guide.read_bytes(), str(guide))
    assert questions.kind == "guide" and len(questions.items) == 112
    recommendations = parse_source_pdf(mapping.read_bytes(), str(mapping))
    assert recommendations.kind == "recommendations" and len(recommendations.items) == 249


def test_import_sources_as_pdf(tmp_path: Path, corpus_pdfs: dict[str, Path], corpus: Path) -> None:
    db = tmp_path / "n.db"
    run("init", db=db)
    run("import", *(str(p) for p in corpus_pdfs.values()), db=db)
    sources = json.loads(run("sources", "--json", db=db).stdout)
    kinds = [s["kind"] for s in sources]
    assert (kinds.count("question"), kinds.count("recommendation")) == (112, 249)
    # the same refs and texts as from the text files
    text_db = tmp_path / "t.db"
    run("init", db=text_db)
    run(
        "import",
        str(corpus / "14th-congress-discussion-guide.txt"),
        str(corpus / "14th-congress-rpm-recommendations-mapping.txt"),
        db=text_db,
    )
    from_text = json.loads(run("sources", "--json", db=text_db).stdout)
    assert sorted((s["ref"], s["text"]) for s in sources) == sorted(
        (s["ref"], s["text"]) for s in from_text
    )


def test_init_and_round_import_from_word_and_pdf(
    tmp_path: Path, word_draft: Path, word_draft_pdf: Path
) -> None:
    db = tmp_path / "n.db"
    init = run("init", "--draft", str(word_draft), db=db)
    assert "rev1.docx: the file carried 2 tracked changes" in init.stderr
    paras = json.loads(run("paragraph", "list", "--json", db=db).stdout)
    assert [p["label"] for p in paras] == ["OP 21", "OP 22", "OP 23", "OP 24", "OP 25 bis"]
    assert paras[1]["text"].startswith("Strengthen national and regional")
    # The PDF of the same draft is the same text: nothing changes.
    report = json.loads(
        run(
            "round", "import", str(word_draft_pdf), "--name", "Rev.1", "--freeze", "--json", db=db
        ).stdout
    )
    assert (report["unchanged"], report["reworded"], report["new"], report["deleted"]) == (
        5,
        0,
        0,
        0,
    )
    # A UN-layout PDF as the next round: matched paragraph by paragraph.
    un = build_un_pdf(tmp_path / "L2.pdf")
    report = json.loads(run("round", "import", str(un), "--name", "Rev.2", "--json", db=db).stdout)
    assert report["round"]["name"] == "Rev.2"
    assert report["new"] + report["reworded"] + report["unchanged"] == 5


def test_a_bad_file_leaves_the_database_as_it_was(tmp_path: Path, word_draft: Path) -> None:
    db = tmp_path / "n.db"
    run("init", "--draft", str(word_draft), db=db)
    before = run("paragraph", "list", "--json", db=db).stdout
    renamed = tmp_path / "rev2.docx"
    renamed.write_bytes(b"PK\x03\x04" + b"\0" * 100)  # a zip that is no Word document
    proc = run("round", "import", str(renamed), "--name", "Rev.2", db=db, ok=False)
    assert str(renamed) in proc.stderr and "not a Word document" in proc.stderr
    scan = tmp_path / "scan.pdf"
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.output(str(scan))
    proc = run("round", "import", str(scan), "--name", "Rev.2", db=db, ok=False)
    assert str(scan) in proc.stderr and "OCR is not done" in proc.stderr
    proc = run("import", str(scan), db=db, ok=False)
    assert str(scan) in proc.stderr and "OCR is not done" in proc.stderr
    assert run("paragraph", "list", "--json", db=db).stdout == before
    assert len(json.loads(run("round", "list", "--json", db=db).stdout)) == 1
    assert json.loads(run("sources", "--json", db=db).stdout) == []
