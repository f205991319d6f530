"""Provides the errors the services raise: each message says what went wrong and how to fix it."""

from __future__ import annotations


class NegotiatorError(Exception):
    """Base of every error a user may see (the CLI prints it and exits non-zero)."""


class NotFound(NegotiatorError):
    pass


class AlreadyExists(NegotiatorError):
    pass


class FrozenRoundError(NegotiatorError):
    """An attempt to change a frozen round (or to edit when no round is open)."""


class InvalidText(NegotiatorError):
    """Text refused, e.g. unbalanced brackets."""


class ConflictError(NegotiatorError):
    """Someone else saved the paragraph since the caller read it.

    Carries both texts so a front end can show them side by side.
    """

    def __init__(
        self,
        label: str,
        *,
        base_version: int,
        current_version: int,
        mine: str,
        theirs: str,
        their_author: str,
    ) -> None:
        self.label = label
        self.base_version = base_version
        self.current_version = current_version
        self.mine = mine
        self.theirs = theirs
        self.their_author = their_author
        super().__init__(
            f"conflict on {label}: you edited version {base_version}, but {their_author} has "
            f"saved version {current_version} since; nothing was saved. Their text: {theirs!r}"
        )


class PermissionDenied(NegotiatorError):
    pass


class ImportFailed(NegotiatorError):
    """A file could not be imported; nothing was written."""
