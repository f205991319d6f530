"""Provides the export use case: a round as a clean text or a compilation text, in five formats.

``ExportService(db).export(fmt=..., round_name=..., compare=..., final=..., keep_labels=...)``
returns the file's bytes (a .docx, or UTF-8 text):

* the **clean text** (default): paragraphs not deleted, numbered consecutively from the
  declaration's first number, no sponsors, statuses or changes (brackets stay);
  ``final=True`` refuses while a paragraph keeps a bracket or is not agreed
  (:class:`NotFinalError`);
* the **compilation text** (``compare="Rev.1"``): every paragraph with its label, sponsor and
  status, and its changes since that round as tracked changes;
* ``keep_labels=True`` (Markdown only): the round in the draft format ``round import`` reads,
  labels, statuses and sponsors kept, deleted paragraphs included.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from typing import Any

from negotiator.domain.model import ParagraphSnapshot
from negotiator.interchange.export_model import (
    ExportMeta,
    Provenance,
    clean_paragraphs,
    compile_changes,
    final_problems,
)
from negotiator.services.diffs import DiffService
from negotiator.services.drafting import DraftingService
from negotiator.services.errors import NegotiatorError
from negotiator.services.views import DeclarationInfo, RoundInfo
from negotiator.storage.db import Database

FORMATS: tuple[str, ...] = ("docx", "md", "txt", "html", "akn")
"""The export formats, by the file extension they usually get (``akn``: Akoma Ntoso XML)."""

EXTENSIONS: dict[str, str] = {
    "docx": ".docx",
    "md": ".md",
    "txt": ".txt",
    "html": ".html",
    "akn": ".xml",
}

_ALIASES = {
    "word": "docx",
    "markdown": "md",
    "text": "txt",
    "htm": "html",
    "xml": "akn",
    "akomantoso": "akn",
    "akoma-ntoso": "akn",
}


class ExportError(NegotiatorError):
    """The export cannot be made as asked (unknown format, options that do not go together)."""


class NotFinalError(ExportError):
    """``--final`` refused: some paragraphs still have brackets or are not agreed.

    ``problems`` lists them (label and why), in document order.
    """

    def __init__(self, round_name: str, problems: Sequence[Any]) -> None:
        self.round_name = round_name
        self.problems = list(problems)
        shown = ", ".join(str(p) for p in self.problems[:40])
        more = f" and {len(self.problems) - 40} more" if len(self.problems) > 40 else ""
        noun = "paragraph is" if len(self.problems) == 1 else "paragraphs are"
        super().__init__(
            f"round {round_name!r} is not a final text: {len(self.problems)} {noun} still "
            f"bracketed or not agreed: {shown}{more}. Agree them and remove the brackets, "
            "or export without --final."
        )


def normalise_format(fmt: str) -> str:
    """``"DOCX"``, ``".md"``, ``"markdown"`` -> the format name; unknown formats are refused."""
    key = fmt.strip().lower().lstrip(".")
    key = _ALIASES.get(key, key)
    if key not in FORMATS:
        raise ExportError(f"unknown export format {fmt!r} (choose from: {', '.join(FORMATS)})")
    return key


def check_options(*, fmt: str, compare: str | None, final: bool, keep_labels: bool) -> str:
    """Validate a combination of options; returns the normalised format."""
    fmt = normalise_format(fmt)
    if keep_labels and fmt != "md":
        raise ExportError(
            f"--keep-labels writes the draft format that 'round import' reads, which is Markdown; "
            f"use --format md (not {fmt})"
        )
    if keep_labels and compare:
        raise ExportError(
            "--keep-labels and --compare do not go together: "
            "a compilation text always shows the labels"
        )
    if keep_labels and final:
        raise ExportError(
            "--final checks a clean text; --keep-labels writes the negotiation draft: choose one"
        )
    if final and compare:
        raise ExportError(
            "--final makes no sense with --compare: "
            "a compilation text is never final; drop one of them"
        )
    return fmt


class ExportService:
    """Exports of a declaration's rounds, for one user."""

    def __init__(self, db: Database, *, user: str | None = None) -> None:
        self.db = db
        self.drafting = DraftingService(db, user=user)
        self.diffs = DiffService(db, user=user)
        self.user = self.drafting.user

    def _meta(
        self, decl: DeclarationInfo, rnd: RoundInfo, compare: RoundInfo | None = None
    ) -> ExportMeta:
        moment = rnd.frozen_at or rnd.opened_at
        created = decl.created_at or moment
        return ExportMeta(
            title=decl.title,
            preface=decl.preface,
            first_number=decl.first_number,
            number_preambular=decl.number_preambular,
            slug=decl.slug,
            round_name=rnd.name,
            compare_name=compare.name if compare else None,
            date=moment.date().isoformat(),
            work_date=created.date().isoformat(),
            user=self.user,
            generated_at=datetime.now(UTC),
        )

    def provenance(self, round_name: str, *, slug: str | None = None) -> dict[int, Provenance]:
        """Who saved each paragraph's version at a round, and when (by paragraph id)."""
        return {
            p.id: Provenance(p.author, p.updated_at)
            for p in self.drafting.paragraphs(slug=slug, round_name=round_name)
        }

    def snapshots(
        self, *, round_name: str | None = None, slug: str | None = None
    ) -> list[ParagraphSnapshot]:
        return self.drafting.snapshots(
            slug=slug, round_name=self.drafting.find_round(round_name, slug=slug).name
        )

    def export(
        self,
        *,
        fmt: str,
        round_name: str | None = None,
        compare: str | None = None,
        final: bool = False,
        keep_labels: bool = False,
        slug: str | None = None,
    ) -> bytes:
        """The export's bytes: a .docx file, or UTF-8 text for md, txt, html and akn.

        Args:
            fmt: ``docx``, ``md``, ``txt``, ``html`` or ``akn`` (Akoma Ntoso XML).
            round_name: the round (``None``/"current": the latest, live if open).
            compare: a compilation text against this earlier round, instead of the clean text.
            final: refuse unless every paragraph of the clean text is agreed and unbracketed.
            keep_labels: (md only) the draft format with labels, statuses and sponsors.
            slug: the declaration (needed when the database holds several).

        Raises:
            ExportError: unknown format or options that do not go together.
            NotFinalError: ``final`` and some paragraphs are bracketed or not agreed.
            NotFound: no such declaration or round.
        """
        fmt = check_options(fmt=fmt, compare=compare, final=final, keep_labels=keep_labels)
        decl = self.drafting.declaration(slug)
        slug = decl.slug
        rnd = self.drafting.find_round(round_name, slug=slug)
        if compare:
            base = self.drafting.find_round(compare, slug=slug)
            result = self.diffs.diff(base.name, rnd.name, slug=slug)
            provenance = self.provenance(rnd.name, slug=slug) if fmt == "docx" else None
            return _render(
                fmt,
                "compilation",
                self._meta(decl, rnd, base),
                compile_changes(result.diff, provenance),
            )
        snapshots = self.drafting.snapshots(slug=slug, round_name=rnd.name)
        meta = self._meta(decl, rnd)
        if keep_labels:
            from negotiator.interchange.export_text import labelled_draft

            try:
                return _encode(labelled_draft(meta, snapshots))
            except ValueError as exc:
                raise ExportError(
                    f"cannot write round {rnd.name!r} in the draft format: {exc}"
                ) from None
        if final:
            problems = final_problems(snapshots)
            if problems:
                raise NotFinalError(rnd.name, problems)
        clean = clean_paragraphs(
            snapshots, first_number=decl.first_number, number_preambular=decl.number_preambular
        )
        return _render(fmt, "clean", meta, clean)


def _encode(text: str) -> bytes:
    return text.encode("utf-8", errors="replace")  # a lone surrogate cannot be UTF-8


def _render(fmt: str, kind: str, meta: ExportMeta, paragraphs: Sequence[Any]) -> bytes:
    """Import only the exporter asked for (python-docx is slow to import)."""
    renderer: Callable[[ExportMeta, Sequence[Any]], str | bytes]
    if fmt == "docx":
        from negotiator.interchange import export_docx as module
    elif fmt == "html":
        from negotiator.interchange import export_html as module  # type: ignore[no-redef]
    elif fmt == "akn":
        from negotiator.interchange import export_akn as module  # type: ignore[no-redef]
    else:
        from negotiator.interchange import export_text as module  # type: ignore[no-redef]
    name = {"docx": "docx", "html": "html", "akn": "akn", "md": "markdown", "txt": "text"}[fmt]
    renderer = getattr(module, f"{kind}_{name}")
    out = renderer(meta, paragraphs)
    return out if isinstance(out, bytes) else _encode(out)
