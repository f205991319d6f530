"""Reads drafts as they are circulated: Word (.docx), PDF, Markdown or plain text.

The kind of file is told from its content (``%PDF-``, a zip with ``word/document.xml``, an
old binary ``.doc``), not from its name.  Word and PDF drafts are turned into the draft format
and read by :func:`negotiator.domain.draftfile.parse_draft`, so the paragraphs, labels,
sections, sub-paragraphs and the error rules are those of a text draft; an error names the
file and where in it (the Word paragraph, the PDF page) instead of a line of the converted text.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from negotiator.domain.draftfile import DraftDocument, DraftFormatError, decode_draft, parse_draft

__all__ = ["DRAFT_KINDS", "DraftRead", "read_draft", "sniff_kind"]

DRAFT_KINDS = ("docx", "pdf", "text")
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


@dataclass(frozen=True)
class DraftRead:
    """A draft read from a file: the document, the kind of file and what the user should know
    (``"the file carried 3 tracked changes: read with all of them accepted"``)."""

    document: DraftDocument
    kind: str
    notes: tuple[str, ...] = ()
    tracked_changes: int = 0


def sniff_kind(data: bytes) -> str:
    """``docx``, ``pdf``, ``zip`` (another archive), ``ole`` (.doc, encrypted .docx), ``text``."""
    if data[:1024].lstrip().startswith(b"%PDF-") or b"%PDF-" in data[:1024]:
        return "pdf"
    if data.startswith(b"PK\x03\x04") or data.startswith(b"PK\x05\x06"):
        return "docx" if b"word/" in data else "zip"
    if data.startswith(_OLE):
        return "ole"
    return "text"


def read_draft(
    data: bytes, path: str, *, progress: Callable[[int, int], None] | None = None
) -> DraftRead:
    """Read a whole draft from the bytes of a file (kind from the content).

    ``progress(done, total)`` is called per page of a PDF.

    Raises:
        DraftFormatError: the file is not a readable draft (a renamed zip, an encrypted or
            scanned PDF, no paragraphs, duplicate labels, unbalanced brackets...); the message
            names the file and the place.
    """
    kind = sniff_kind(data)
    if kind == "ole":
        raise DraftFormatError(
            path,
            None,
            "an old Word .doc file or a password-protected Word document: "
            "save it as .docx (Word 2007 or later) without a password",
        )
    if kind == "zip":
        raise DraftFormatError(
            path, None, "a zip archive but not a Word document (.docx): it has no word/document.xml"
        )
    if kind == "text":
        return DraftRead(parse_draft(decode_draft(data, path), path), "text")
    from negotiator.domain.errors import FileFormatError

    try:
        if kind == "docx":
            from negotiator.domain.readers.docx import read_docx

            converted = read_docx(data, path)
        else:
            from negotiator.domain.readers.pdfdraft import read_pdf_draft

            converted = read_pdf_draft(data, path, progress=progress)  # type: ignore[assignment]
    except DraftFormatError:
        raise
    except FileFormatError as exc:
        raise DraftFormatError(path, exc.line, exc.message) from None
    document = _parse(converted.lines, converted.where, path)
    return DraftRead(
        document,
        kind,
        tuple(converted.notes),
        getattr(converted, "tracked_changes", 0),
    )


def _parse(lines: Sequence[str], where: Sequence[str], path: str) -> DraftDocument:
    try:
        return parse_draft("\n".join(lines), path)
    except DraftFormatError as exc:
        if exc.line is None or not 0 < exc.line <= len(where):
            raise DraftFormatError(path, None, exc.message) from None
        raise DraftFormatError(path, None, f"{where[exc.line - 1]}: {exc.message}") from None
