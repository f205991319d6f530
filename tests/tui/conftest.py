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
    # A screen that has just been pushed may still be mounting its widgets: let it finish.
    await pilot.pause()


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


@pytest.fixture
def revised(services):  # type: ignore[no-untyped-def]
    """The sample with 'First reading' frozen and 'Rev.1' open, edited by bob.

    In Rev.1: OP 22 reworded (a bracketed span) and agreed ad ref, OP 23 bis added after
    OP 23, OP 25 deleted, OP 27 sponsored by the EU; the rest unchanged.
    """
    from negotiator.domain.model import Status

    d = services.drafting
    d.freeze_round()
    d.open_round("Rev.1")
    by_label = {p.label: p for p in d.paragraphs()}
    op22 = by_label["OP 22"]
    d.save_paragraph(
        op22.id,
        base_version=op22.version_no,
        text="Enhance evidence-based crime prevention strategies through [the collection of] "
        "reliable data and sound evaluation.",
        status=Status.AGREED_AD_REF,
    )
    d.insert_paragraph_after(
        by_label["OP 23"].id, "Strengthen cooperation with [civil society and] academia."
    )
    op25 = by_label["OP 25"]
    d.save_paragraph(op25.id, base_version=op25.version_no, status=Status.DELETED)
    op27 = by_label["OP 27"]
    d.save_paragraph(op27.id, base_version=op27.version_no, sponsor="EU")
    return services


def make_team(services, *, chair: str = "alice", **members: str) -> None:  # type: ignore[no-untyped-def]
    """Register a team: ``chair`` first, then ``name=role`` for the others."""
    from negotiator.services.users import Role, UsersService

    users = UsersService(services.db, user=chair)
    users.add(chair, Role.CHAIR)
    for name, role in members.items():
        users.add(name, Role(role))


async def _open_chair_screen(pilot, key: str, screen_type: type, what: str):  # type: ignore[no-untyped-def]
    """Press ``key`` and wait until ``screen_type`` is shown with its data loaded."""
    app = pilot.app
    await pilot.press(key)
    await wait_until(
        pilot, lambda: isinstance(app.screen, screen_type) and app.screen.loads > 0, what=what
    )
    await pilot.pause()
    return app.screen


async def open_review(pilot):  # type: ignore[no-untyped-def]
    """From the declaration screen, f5, then wait for the diff to be shown."""
    from negotiator.tui.screens.review import ReviewScreen

    return await _open_chair_screen(pilot, "f5", ReviewScreen, "the review")


async def open_dashboard(pilot):  # type: ignore[no-untyped-def]
    """From the declaration screen, f6, then wait for the figures to be shown."""
    from negotiator.tui.screens.dashboard import DashboardScreen

    return await _open_chair_screen(pilot, "f6", DashboardScreen, "the dashboard")
