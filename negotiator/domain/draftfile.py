"""Provides the draft file format: a whole declaration as text/Markdown, read and written.

The format (what ``export --format md --keep-labels`` writes and ``round import`` reads)::

    # Title of the declaration

    An optional opening ("We, the Heads of State and Government, ...").

    ## Section (pillar) title

    PP 1. Recognizing ...

    OP 21. Develop, implement and evaluate ...
    a paragraph may run over several lines.
    <!-- status: agreed ad ref; sponsor: G77 and China -->

    21 bis. A plain number is an operative paragraph.

Paragraphs are separated by blank lines and start with their label (``OP 5.``, ``OP 5 bis.``,
``PP 3.``, ``5.``; the label may be in bold).  An HTML comment on the paragraph's last line
carries its status and sponsor, invisible when the Markdown is rendered.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from negotiator.domain.brackets import PROBLEM_LIMIT, check_sequence
from negotiator.domain.errors import FileFormatError
from negotiator.domain.labels import _SUFFIX_RE, Label
from negotiator.domain.model import ParagraphKind, Status

_PARA_RE = re.compile(
    rf"^(?P<bold>\*\*)?\s*(?P<label>(?:(?:PP|OP)\s*)?\d{{1,5}}(?:\s+(?:{_SUFFIX_RE}))?)\s*[.)]\s*(?(bold)\*\*\s*)(?P<rest>.*)$",
    re.IGNORECASE,
)
# "key: value" pairs separated by ";" in the status comment; a value may be JSON-quoted.
_META_PAIR_RE = re.compile(
    r'\s*(?P<key>[^:;]+?)\s*:\s*(?P<value>"(?:[^"\\]|\\.)*"|[^;]*?)\s*(?:;|$)'
)
_META_RE = re.compile(r"^<!--\s*(?P<body>.*?)\s*-->$")
_HEADING_RE = re.compile(r"^(?P<hashes>#{1,6})\s+(?P<title>.*?)\s*#*\s*$")


class DraftFormatError(FileFormatError):
    """The draft file cannot be read; names the file and the line."""


@dataclass(frozen=True)
class DraftParagraph:
    label: Label
    section: str
    text: str
    line: int
    status: Status = Status.PENDING
    sponsor: str | None = None

    @property
    def kind(self) -> ParagraphKind:
        return self.label.kind


@dataclass(frozen=True)
class DraftDocument:
    title: str | None
    preface: str
    paragraphs: tuple[DraftParagraph, ...]

    @property
    def sections(self) -> list[str]:
        seen: dict[str, None] = {}
        for p in self.paragraphs:
            seen.setdefault(p.section, None)
        return list(seen)


def decode_draft(data: bytes, path: str) -> str:
    """Decode a draft file as UTF-8 (a BOM is allowed), or say where it is not text."""
    if b"\x00" in data:
        line = data.count(b"\n", 0, data.index(b"\x00")) + 1
        raise DraftFormatError(path, line, "binary data (NUL byte): a draft must be UTF-8 text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise DraftFormatError(
            path, line, f"not UTF-8 text (byte 0x{data[exc.start]:02x}); save the draft as UTF-8"
        ) from None


def _parse_meta(body: str, path: str, line: int) -> tuple[Status | None, str | None]:
    status: Status | None = None
    sponsor: str | None = None
    pos = 0
    while pos < len(body):
        pair = _META_PAIR_RE.match(body, pos)
        if pair is None or pair.end() == pos:
            raise DraftFormatError(
                path, line, f"expected 'key: value' in the comment, got {body[pos:]!r}"
            )
        pos = pair.end()
        key, value = pair.group("key").lower(), pair.group("value")
        if value.startswith('"'):
            value = json.loads(value)
        if key == "status":
            try:
                status = Status.parse(value)
            except ValueError as exc:
                raise DraftFormatError(path, line, str(exc)) from None
        elif key == "sponsor":
            sponsor = value or None
        else:
            raise DraftFormatError(
                path, line, f"unknown paragraph attribute {key!r} (known: status, sponsor)"
            )
    return status, sponsor


def _meta_value(value: str) -> str:
    """A sponsor as written in the comment: JSON-quoted when it would not read back plain."""
    if any(c in value for c in ';"') or "--" in value or value != value.strip():
        return json.dumps(value, ensure_ascii=False).replace("--", "-\\u002d")
    return value


def parse_draft(text: str, path: str = "<draft>") -> DraftDocument:
    """Read a whole draft.

    Raises:
        DraftFormatError: no paragraphs, duplicate labels, unbalanced brackets, text outside
            a paragraph, a bad status comment; the message names the file and line.
    """
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    title: str | None = None
    preface: list[str] = []
    section = ""
    paragraphs: list[DraftParagraph] = []
    seen_labels: dict[Label, int] = {}
    checked: list[tuple[str, int, int, str]] = []  # label, line, column of the text, text

    # Split into blocks of consecutive non-blank lines; headings are blocks of their own.
    blocks: list[tuple[int, list[str]]] = []
    current: list[str] = []
    start = 0
    for number, raw in enumerate(lines, start=1):
        line = raw.strip()
        if not line:
            if current:
                blocks.append((start, current))
                current = []
            continue
        if _HEADING_RE.match(line):
            if current:
                blocks.append((start, current))
            blocks.append((number, [line]))
            current = []
            continue
        if not current:
            start = number
        current.append(line)
    if current:
        blocks.append((start, current))

    for start, block in blocks:
        heading = _HEADING_RE.match(block[0]) if len(block) == 1 else None
        if heading:
            if len(heading.group("hashes")) == 1 and title is None and not paragraphs:
                title = heading.group("title")
            else:
                section = heading.group("title")
            continue
        para = _PARA_RE.match(block[0])
        if not para:
            if not paragraphs and not section:
                preface.append(" ".join(block))
                continue
            raise DraftFormatError(
                path,
                start,
                f"text outside any paragraph: {block[0][:60]!r} (a paragraph starts with its label, "
                "e.g. 'OP 5.', 'OP 5 bis.', 'PP 3.' or '5.')",
            )
        label = Label.parse(para.group("label"))
        if label in seen_labels:
            raise DraftFormatError(
                path, start, f"duplicate label {label} (already used at line {seen_labels[label]})"
            )
        seen_labels[label] = start
        body = [para.group("rest")] + block[1:]
        status, sponsor = Status.PENDING, None
        meta = _META_RE.match(body[-1]) if len(body) > 1 else None
        if meta:
            parsed_status, sponsor = _parse_meta(meta.group("body"), path, start + len(body) - 1)
            status = parsed_status or Status.PENDING
            body = body[:-1]
        para_text = " ".join(part for part in body if part).strip()
        if not para_text:
            raise DraftFormatError(path, start, f"paragraph {label} has no text")
        checked.append((str(label), start, para.start("rest"), "\n".join(body)))
        paragraphs.append(DraftParagraph(label, section, para_text, start, status, sponsor))

    if not paragraphs:
        raise DraftFormatError(
            path, None, "no paragraphs found (a paragraph starts with its label, e.g. 'OP 5.')"
        )
    _check_brackets(path, checked)
    return DraftDocument(title, "\n\n".join(preface), tuple(paragraphs))


def _check_brackets(path: str, checked: list[tuple[str, int, int, str]]) -> None:
    """Brackets balance over the whole text (one may open in a paragraph and close in a later
    one); otherwise every place without a partner is listed as ``file:line:column``."""
    problems = check_sequence([text for *_, text in checked], limit=PROBLEM_LIMIT)
    if not problems:
        return
    located = []
    for problem in problems:
        label, start, rest_at, _ = checked[problem.paragraph]
        column = problem.column + (rest_at if problem.line == 1 else 0)
        located.append((start + problem.line - 1, column, label, problem.message))
    line, column, label, message = located[0]
    if len(located) == 1:
        raise DraftFormatError(
            path, line, f"unbalanced brackets in {label}: {message} (column {column})"
        )
    more = " or more" if len(located) >= PROBLEM_LIMIT else ""
    listing = "\n".join(f"{path}:{ln}:{col}: {lb}: {msg}" for ln, col, lb, msg in located)
    raise DraftFormatError(
        path,
        line,
        f"unbalanced brackets in {len(located)}{more} places (a bracket may open in one "
        "paragraph and close in a later one; these have no partner in the whole text):\n" + listing,
    )


def format_draft(document: DraftDocument) -> str:
    """Write a document in the draft format (the inverse of :func:`parse_draft`)."""
    out: list[str] = []
    if document.title:
        out += [f"# {document.title}", ""]
    if document.preface:
        out += [document.preface, ""]
    section: str | None = None
    for p in document.paragraphs:
        if p.section != section:
            section = p.section
            if section:
                out += [f"## {section}", ""]
        out.append(f"{p.label}. {p.text}")
        meta = []
        if p.status is not Status.PENDING:
            meta.append(f"status: {p.status.value}")
        if p.sponsor:
            meta.append(f"sponsor: {_meta_value(p.sponsor)}")
        if meta:
            out.append(f"<!-- {'; '.join(meta)} -->")
        out.append("")
    return "\n".join(out)
