"""Provides the PDF draft import benchmark: a 100-page draft in UN layout read and imported.

Run from the repository root::

    .venv/bin/python benchmarks/bench_import_pdf.py [--repeat 5] [--pages 100]

The PDF is made with fpdf2 (the test extra): full pages of numbered paragraphs with the number
in the margin, a bold heading every few paragraphs, a page header with the document symbol and
the page number and a footer with the job number. Prints the medians of ``--repeat`` runs of
reading it (PDFium text layer, clean-up, draft format) and of ``round import`` into a new SQLite
database (read + match + store). Target (PERFORMANCE.md): import of a 100-page PDF draft <= 3 s.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from negotiator.domain.readers import read_draft  # noqa: E402

_TEXT = (
    "Develop, implement and evaluate comprehensive crime prevention strategies and plans that "
    "address the root causes of crime, including social and economic factors, and strengthen "
    "the capacity of national institutions to collect and analyse data on crime, victimization "
    "and criminal justice, in cooperation with civil society and the private sector"
)


def make_pdf(path: Path, pages: int) -> int:
    from fpdf import FPDF

    class Un(FPDF):
        def header(self) -> None:
            self.set_font("Times", size=9)
            self.cell(0, 5, "A/CONF.240/L.1")
            self.cell(0, 5, str(self.page_no()), align="R")
            self.ln(12)

        def footer(self) -> None:
            self.set_y(-15)
            self.set_font("Times", size=9)
            self.cell(0, 5, f"V.26-{1000 + self.page_no():05d}")

    pdf = Un(format="A4", unit="mm")
    pdf.set_auto_page_break(True, 20)
    pdf.add_page()
    pdf.set_font("Times", "B", 14)
    pdf.cell(0, 8, "Draft declaration of the Fifteenth Congress")
    pdf.ln(12)
    number = 0
    while pdf.page_no() <= pages:
        number += 1
        if number % 8 == 1:
            pdf.set_font("Times", "B", 11)
            pdf.cell(0, 6, f"Section {number // 8 + 1}. Crime prevention and criminal justice")
            pdf.ln(8)
        pdf.set_font("Times", size=11)
        pdf.cell(12, 5, f"{number}.")
        pdf.multi_cell(0, 5, f"{_TEXT} (paragraph {number}).")
        pdf.ln(3)
    pdf.output(str(path))
    return number


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--pages", type=int, default=100)
    args = parser.parse_args()
    from negotiator.services.drafting import DraftingService
    from negotiator.storage.db import Database

    with tempfile.TemporaryDirectory() as tmp:
        pdf = Path(tmp) / "draft.pdf"
        written = make_pdf(pdf, args.pages)
        data = pdf.read_bytes()
        read_times = []
        for _ in range(args.repeat):
            start = time.perf_counter()
            read = read_draft(data, str(pdf))
            read_times.append(time.perf_counter() - start)
        assert len(read.document.paragraphs) == written, (len(read.document.paragraphs), written)
        import_times = []
        for i in range(args.repeat):
            db = Database(f"sqlite:///{tmp}/b{i}.db")
            db.ensure_schema(auto_upgrade=True)
            service = DraftingService(db, user="bench")
            first = read_draft(data, str(pdf)).document
            service.create_declaration(first, slug="d", round_name="First reading", freeze=True)
            start = time.perf_counter()
            again = read_draft(data, str(pdf)).document
            service.import_round(again, name="Rev.1", slug="d", freeze=True)
            import_times.append(time.perf_counter() - start)
    print(f"PDF draft: {args.pages} pages, {written} paragraphs, {len(data) // 1024} KiB")
    print(
        f"read (text layer, clean-up, draft format): median {statistics.median(read_times):.2f} s"
    )
    print(
        f"round import of it (read + match + store, SQLite): median "
        f"{statistics.median(import_times):.2f} s (target <= 3 s)"
    )


if __name__ == "__main__":
    main()
