"""Draft files made once per session: the Word draft, its PDF by LibreOffice, corpus PDFs."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.conftest import CORPUS
from tests.readers.drafts import build_docx, soffice, to_pdf


def need_soffice() -> None:
    """LibreOffice makes the PDFs; CI installs it (.ci/run), so there a missing one fails."""
    if soffice() is None:
        if os.environ.get("CI"):
            pytest.fail("LibreOffice (soffice) is not installed: .ci/run installs it")
        pytest.skip("LibreOffice (soffice) is not installed")


@pytest.fixture(scope="session")
def word_draft(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_docx(tmp_path_factory.mktemp("word") / "rev1.docx")


@pytest.fixture(scope="session")
def word_draft_pdf(word_draft: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    need_soffice()
    return to_pdf(word_draft, tmp_path_factory.mktemp("wordpdf"))


@pytest.fixture(scope="session")
def corpus_pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The guide and the mapping of the corpus printed to PDF by LibreOffice."""
    need_soffice()
    if not CORPUS.is_dir():
        pytest.skip(f"the corpus is not at {CORPUS}")
    corpus = CORPUS
    out = tmp_path_factory.mktemp("corpuspdf")
    names = ["14th-congress-discussion-guide", "14th-congress-rpm-recommendations-mapping"]
    return {name: to_pdf(corpus / f"{name}.txt", out) for name in names}
