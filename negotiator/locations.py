"""Provides where things live: the default database, the sample drafts, the corpus."""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent


def default_db_url() -> str:
    """``NEGOTIATOR_DB`` if set, else a SQLite file in the user's data directory."""
    env = os.environ.get("NEGOTIATOR_DB")
    if env:
        return env if "://" in env else f"sqlite:///{Path(env).expanduser().resolve()}"
    from platformdirs import user_data_dir

    return f"sqlite:///{Path(user_data_dir('negotiator', appauthor=False)) / 'negotiator.db'}"


def drafts_dir() -> Path:
    """The sample drafts: shipped in the wheel, or the source tree's ``drafts/``."""
    for candidate in (PACKAGE_DIR / "_drafts", PACKAGE_DIR.parent / "drafts"):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError("the sample drafts are missing from this installation")


def sample_draft() -> Path:
    return drafts_dir() / "kyoto-pillar-1.md"


def sample_links() -> Path:
    return drafts_dir() / "kyoto-pillar-1.links"


def corpus_dir() -> Path | None:
    """The source corpus (``NEGOTIATOR_CORPUS``, or ``shared/corpus`` beside the checkout)."""
    env = os.environ.get("NEGOTIATOR_CORPUS")
    candidates = [Path(env)] if env else []
    candidates += [
        PACKAGE_DIR.parent.parent / "shared" / "corpus",
        Path.cwd().parent / "shared" / "corpus",
    ]
    for candidate in candidates:
        if candidate.is_dir():
            return candidate
    return None
