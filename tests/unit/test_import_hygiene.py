"""Headless modules never import the TUI; the CLI imports heavy libraries only when used."""

import subprocess
import sys

import pytest


@pytest.mark.parametrize(
    ("module", "forbidden"),
    [
        ("negotiator.cli", ["textual", "sqlalchemy", "alembic", "docx"]),
        ("negotiator.domain.diffing", ["textual", "sqlalchemy", "rich"]),
        ("negotiator.domain.draftfile", ["textual", "sqlalchemy", "rich"]),
        ("negotiator.services.drafting", ["textual", "rich"]),
    ],
)
def test_module_does_not_import(module: str, forbidden: list[str]) -> None:
    code = f"import sys, {module}; print(','.join(m for m in {forbidden!r} if m in sys.modules))"
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.strip()
    assert out == "", f"{module} imports {out}"
