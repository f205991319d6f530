"""Fixtures for driving the real app headlessly against real SQLite files."""

from __future__ import annotations

import asyncio
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

USER = "tester"
SIZE = (120, 36)

_KEYS = {
    " ": "space",
    "[": "left_square_bracket",
    "]": "right_square_bracket",
    ",": "comma",
    ".": "full_stop",
    ";": "semicolon",
    "-": "minus",
    "'": "apostrophe",
}


def keys_for(text: str) -> list[str]:
    """Key names that type ``text``."""
    return [_KEYS.get(ch, ch) for ch in text]


async def wait_until(
    pilot, predicate: Callable[[], object], *, timeout: float = 10.0, what: str = ""
) -> None:  # type: ignore[no-untyped-def]
    """Let the app run until ``predicate()`` holds (workers finish, messages are handled)."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not predicate():
        if loop.time() > deadline:
            raise AssertionError(f"timed out waiting for {what or predicate}")
        await pilot.pause(0.02)


@pytest.fixture(autouse=True)
def _no_cursor_blink(monkeypatch: pytest.MonkeyPatch) -> None:
    """A blinking cursor makes snapshots flaky."""
    from textual.widgets import Input, TextArea

    monkeypatch.setattr(TextArea, "cursor_blink", False, raising=False)
    monkeypatch.setattr(Input, "cursor_blink", False, raising=False)


@pytest.fixture(scope="session")
def _sample_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample (draft, corpus sources, sample links), built once and copied per test."""
    from negotiator.services.sample import load_sample
    from negotiator.storage.db import Database

    path = tmp_path_factory.mktemp("template") / "sample.db"
    db = Database(f"sqlite:///{path}")
    db.ensure_schema()
    load_sample(db, user=USER, keep_open=True)
    db.dispose()
    return path


@pytest.fixture
def sample_url(_sample_template: Path, tmp_path: Path) -> str:
    """A database holding the sample declaration with its first round open."""
    target = tmp_path / "sample.db"
    shutil.copy(_sample_template, target)
    return f"sqlite:///{target}"


@pytest.fixture
def empty_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'empty.db'}"


@pytest.fixture
def services(sample_url: str):  # type: ignore[no-untyped-def]
    """The services over the same database, acting behind the app's back."""
    from negotiator.tui.backend import Backend

    backend = Backend.for_url(sample_url, user="bob")
    yield backend
    backend.db.dispose()


@pytest.fixture
def make_test_app(sample_url: str):  # type: ignore[no-untyped-def]
    from negotiator.tui.app import make_app

    def make(url: str | None = None):  # type: ignore[no-untyped-def]
        return make_app(db_url=url or sample_url, user=USER)

    return make


async def ready(pilot) -> None:  # type: ignore[no-untyped-def]
    """Wait for the paragraph list, the first paragraph and the round check."""
    from negotiator.tui.screens.declaration import DeclarationScreen

    app = pilot.app

    def done() -> bool:
        screen = app.main_screen
        return (
            isinstance(screen, DeclarationScreen)
            and screen.round is not None
            and screen.details_for is not None
        )

    await wait_until(pilot, done, what="the declaration to load")
