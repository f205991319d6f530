"""Reads a draft circulated as a Word document (.docx) into the draft format (python-docx).

What a chair's Word file carries and how it is read:

* paragraph numbers from Word's automatic numbering (``w:numPr`` with the ``w:numbering``
  definitions: start values, ``startOverride``, multi-level lists whose second level gives the
  sub-paragraphs ``(a)``, ``(b)``), or typed by hand (``21.``, ``OP 21 bis.``); a bulleted
  item after a paragraph is a line of that paragraph;
* headings (pillar, chapter, section titles) by style (``Title``, ``Heading 1``...), by outline
  level, or as a short unnumbered paragraph entirely in bold; the title is the ``Title``
  paragraph, or a first heading above all the later ones;
* tracked changes read as the text with every change accepted (insertions kept, deletions
  and moved-away text left out), and counted, so the user is told;
* footnotes left out (their calls and texts are not part of the paragraph), page headers and
  footers ignored (they are not part of the body), tables left out.

The draft format has no emphasis inside a paragraph, so bold and italic serve only to tell
headings; the result is text in the draft format (:mod:`negotiator.domain.draftfile`), read with
the same rules as a text draft, with where each line came from for the error messages.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field
from typing import Any

from docx import Document
from docx.oxml.ns import qn

from negotiator.domain.errors import FileFormatError

__all__ = ["WordDraft", "read_docx"]

_W_P = qn("w:p")
_W_SDT = qn("w:sdt")
_TEXT_TAGS = {qn("w:t"): None, qn("w:tab"): " ", qn("w:br"): " ", qn("w:cr"): " "}
_TEXT_TAGS[qn("w:noBreakHyphen")] = "-"
_SKIP_ANCESTORS = {qn("w:del"), qn("w:moveFrom"), qn("w:txbxContent")}
_CHANGE_TAGS = (qn("w:ins"), qn("w:del"), qn("w:moveFrom"), qn("w:moveTo"))
_HEADING_STYLE = re.compile(r"^(?:heading|überschrift|titre|título)\s*(\d)$", re.I)
_SUB_ITEM = re.compile(r"^\(?(?:[a-z]{1,3}|[ivxlc]{1,6}|\d{1,2})\)\s")
_TERMINAL = re.compile(r"[.;:!?][”\"’')\]]*$")


@dataclass
class WordDraft:
    """The draft as text in the draft format, and what the reader noticed."""

    lines: list[str]
    where: list[str]  # for each line: "Word paragraph 12"
    tracked_changes: int = 0
    footnotes: int = 0
    notes: list[str] = field(default_factory=list)


def _open(data: bytes, path: str) -> Any:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise FileFormatError(
            path, None, "not a Word document (.docx): a damaged zip archive"
        ) from None
    names = set(archive.namelist())
    if "word/document.xml" not in names:
        raise FileFormatError(
            path,
            None,
            "a zip archive but not a Word document (.docx): it has no word/document.xml",
        )
    try:
        return Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises KeyError, ValueError, lxml errors...
        raise FileFormatError(path, None, f"the Word document cannot be read ({exc})") from None


class _Numbering:
    """Word's list numbering: counters per abstract list, as Word shows the numbers."""

    def __init__(self, document: Any) -> None:
        self.nums: dict[str, tuple[str, dict[int, int]]] = {}
        self.levels: dict[str, dict[int, tuple[int, str, str]]] = {}
        self.counters: dict[str, list[int | None]] = {}
        self.started: set[str] = set()
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError):
            return
        for abstract in root.findall(qn("w:abstractNum")):
            aid = abstract.get(qn("w:abstractNumId"))
            levels: dict[int, tuple[int, str, str]] = {}
            for lvl in abstract.findall(qn("w:lvl")):
                levels[int(lvl.get(qn("w:ilvl"), "0"))] = (
                    int(_val(lvl, "w:start") or 1),
                    _val(lvl, "w:numFmt") or "decimal",
                    _val(lvl, "w:lvlText") or "",
                )
            self.levels[aid] = levels
        for num in root.findall(qn("w:num")):
            overrides: dict[int, int] = {}
            for override in num.findall(qn("w:lvlOverride")):
                start = _val(override, "w:startOverride")
                if start is not None:
                    overrides[int(override.get(qn("w:ilvl"), "0"))] = int(start)
            self.nums[num.get(qn("w:numId"))] = (_val(num, "w:abstractNumId") or "", overrides)

    def number(self, num_id: str, ilvl: int) -> str:
        """The number Word shows for the next paragraph of list ``num_id`` at level ``ilvl``."""
        if num_id not in self.nums:
            return ""
        aid, overrides = self.nums[num_id]
        levels = self.levels.get(aid, {})
        counters = self.counters.setdefault(aid, [None] * 9)
        if num_id not in self.started:
            self.started.add(num_id)
            for level, start in overrides.items():
                if 0 <= level < 9:
                    counters[level] = start - 1
        ilvl = max(0, min(8, ilvl))
        start, fmt, text = levels.get(ilvl, (1, "decimal", f"%{ilvl + 1}."))
        current = counters[ilvl]
        counters[ilvl] = start if current is None else current + 1
        for deeper in range(ilvl + 1, 9):
            counters[deeper] = None
        if fmt == "bullet":
            return ""
        if fmt == "none":
            return text if "%" not in text else ""

        def level_value(match: re.Match[str]) -> str:
            level = int(match.group(1)) - 1
            lstart, lfmt, _ = levels.get(level, (1, "decimal", ""))
            value = counters[level] if 0 <= level < 9 else None
            return _format(lstart if value is None else value, lfmt)

        return re.sub(r"%(\d)", level_value, text).strip()


def _val(element: Any, tag: str) -> str | None:
    child = element.find(qn(tag))
    return None if child is None else child.get(qn("w:val"))


def _format(value: int, fmt: str) -> str:
    if fmt in ("lowerLetter", "upperLetter"):
        letters = ""
        n = value
        while n > 0:
            n, r = divmod(n - 1, 26)
            letters = chr(ord("a") + r) + letters
        letters = letters or "a"
        return letters.upper() if fmt == "upperLetter" else letters
    if fmt in ("lowerRoman", "upperRoman"):
        roman = _roman(value)
        return roman.upper() if fmt == "upperRoman" else roman
    if fmt == "decimalZero":
        return f"{value:02d}"
    return str(value)


def _roman(value: int) -> str:
    out = ""
    for number, letters in (
        (1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
        (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"),
    ):  # fmt: skip
        while value >= number:
            out += letters
            value -= number
    return out


def _paragraph_text(p: Any) -> str:
    """The text with all tracked changes accepted: inserted text kept, deleted text left out."""
    parts: list[str] = []
    for el in p.iter(*_TEXT_TAGS):
        ancestor = el.getparent()
        skip = False
        while ancestor is not None and ancestor is not p:
            if ancestor.tag in _SKIP_ANCESTORS:
                skip = True
                break
            ancestor = ancestor.getparent()
        if skip:
            continue
        replacement = _TEXT_TAGS[el.tag]
        parts.append(el.text or "" if replacement is None else replacement)
    return " ".join("".join(parts).replace("\u00a0", " ").split())


def _all_bold(p: Any, styles_bold: bool) -> bool:
    runs = [
        r
        for r in p.iter(qn("w:r"))
        if "".join(t.text or "" for t in r.iter(qn("w:t"))).strip()
        and not any(a.tag in _SKIP_ANCESTORS for a in r.iterancestors())
    ]
    if not runs:
        return False
    for run in runs:
        rpr = run.find(qn("w:rPr"))
        bold = rpr is not None and rpr.find(qn("w:b")) is not None
        if bold:
            value = rpr.find(qn("w:b")).get(qn("w:val"))
            bold = value not in ("0", "false", "off")
        if not (bold or styles_bold):
            return False
    return True


class _Styles:
    def __init__(self, document: Any) -> None:
        self.by_id: dict[str, Any] = {}
        for style in document.styles.element.findall(qn("w:style")):
            self.by_id[style.get(qn("w:styleId"))] = style

    def chain(self, style_id: str | None) -> list[Any]:
        out = []
        seen = set()
        while style_id and style_id in self.by_id and style_id not in seen:
            seen.add(style_id)
            style = self.by_id[style_id]
            out.append(style)
            style_id = _val(style, "w:basedOn")
        return out

    def heading_level(self, style_id: str | None) -> int | None:
        for style in self.chain(style_id):
            name = _val(style, "w:name") or ""
            if name.lower() == "title" or style.get(qn("w:styleId")) == "Title":
                return 0
            match = _HEADING_STYLE.match(name) or _HEADING_STYLE.match(
                style.get(qn("w:styleId")) or ""
            )
            if match:
                return int(match.group(1))
            ppr = style.find(qn("w:pPr"))
            if ppr is not None and _val(ppr, "w:outlineLvl") is not None:
                level = int(_val(ppr, "w:outlineLvl") or "9")
                if level < 9:
                    return level + 1
        return None

    def num_pr(self, style_id: str | None) -> tuple[str | None, int]:
        for style in self.chain(style_id):
            ppr = style.find(qn("w:pPr"))
            numpr = None if ppr is None else ppr.find(qn("w:numPr"))
            if numpr is not None:
                return _val(numpr, "w:numId"), int(_val(numpr, "w:ilvl") or 0)
        return None, 0

    def bold(self, style_id: str | None) -> bool:
        for style in self.chain(style_id):
            rpr = style.find(qn("w:rPr"))
            if rpr is not None and rpr.find(qn("w:b")) is not None:
                return _val(rpr, "w:b") not in ("0", "false", "off")
        return False


@dataclass
class _Para:
    index: int
    text: str
    number: str
    level: int
    heading: int | None
    bold: bool
    listed: bool = False  # in a Word list (a bullet when it has no number)


def _body_paragraphs(document: Any) -> list[Any]:
    out = []
    for child in document.element.body.iterchildren():
        if child.tag == _W_P:
            out.append(child)
        elif child.tag == _W_SDT:
            out.extend(child.iter(_W_P))
    return out


def read_docx(data: bytes, path: str) -> WordDraft:
    """The draft in a Word document, as draft-format lines (see the module's docstring).

    Raises:
        FileFormatError: not a Word document (a renamed zip, a damaged file).
    """
    document = _open(data, path)
    body = document.element.body
    changes = sum(
        1
        for el in body.iter(*_CHANGE_TAGS)
        if not any(a.tag in _CHANGE_TAGS for a in el.iterancestors())
    )
    footnotes = sum(1 for _ in body.iter(qn("w:footnoteReference")))
    numbering = _Numbering(document)
    styles = _Styles(document)
    paras: list[_Para] = []
    carried = ""  # text of a paragraph whose mark was deleted (tracked): joins the next one
    for index, p in enumerate(_body_paragraphs(document), start=1):
        ppr = p.find(qn("w:pPr"))
        style_id = _val(ppr, "w:pStyle") if ppr is not None else None
        text = _paragraph_text(p)
        mark = None if ppr is None else ppr.find(qn("w:rPr"))
        if mark is not None and mark.find(qn("w:del")) is not None:
            carried = f"{carried} {text}".strip()
            continue
        if carried:
            text, carried = f"{carried} {text}".strip(), ""
        numpr = None if ppr is None else ppr.find(qn("w:numPr"))
        if numpr is not None:
            num_id, level = _val(numpr, "w:numId"), int(_val(numpr, "w:ilvl") or 0)
        else:
            num_id, level = styles.num_pr(style_id)
        number = numbering.number(num_id, level) if num_id and num_id != "0" else ""
        if not text:
            continue
        heading = styles.heading_level(style_id)
        outline = None if ppr is None else _val(ppr, "w:outlineLvl")
        if heading is None and outline is not None and int(outline) < 9:
            heading = int(outline) + 1
        bold = _all_bold(p, styles.bold(style_id))
        listed = bool(num_id and num_id != "0")
        paras.append(_Para(index, text, number, level, heading, bold, listed))
    draft = WordDraft([], [], tracked_changes=changes, footnotes=footnotes)
    _lay_out(paras, draft)
    if changes:
        draft.notes.append(
            f"the file carried {changes} tracked change{'s' if changes != 1 else ''}: "
            "read with all of them accepted"
        )
    if footnotes:
        draft.notes.append(f"{footnotes} footnote{'s' if footnotes != 1 else ''} left out")
    return draft


def _above(first: _Para, paras: list[_Para]) -> bool:
    """Whether a first heading (no Title style) is above every later heading: the title."""
    later = [p.heading for p in paras if p is not first and p.heading is not None]
    return bool(later) and first.heading is not None and first.heading < min(later)


def _lay_out(paras: list[_Para], draft: WordDraft) -> None:
    title_done = any(p.heading == 0 for p in paras)
    levels = sorted({p.heading for p in paras if p.heading})
    in_paragraph = False
    seen_paragraph = False

    def emit(line: str, where: str, *, blank: bool) -> None:
        if blank and draft.lines:
            draft.lines.append("")
            draft.where.append(where)
        draft.lines.append(line)
        draft.where.append(where)

    for p in paras:
        where = f"Word paragraph {p.index}"
        line = f"{p.number} {p.text}".strip() if p.number else p.text
        heading = p.heading
        if (
            heading is None
            and not p.number
            and p.bold
            and len(p.text) <= 200
            and not _TERMINAL.search(p.text)
            and not _SUB_ITEM.match(p.text)
        ):
            heading = levels[0] if levels else 1  # a bold title line without a style
        if heading is not None and not p.number:
            if heading == 0 or (
                not title_done and not seen_paragraph and not draft.lines and _above(p, paras)
            ):
                emit(f"# {p.text}", where, blank=True)
                title_done = True
            else:
                depth = levels.index(heading) if heading in levels else 0
                emit(f"{'#' * min(6, 2 + depth)} {p.text}", where, blank=True)
            in_paragraph = False
            continue
        sub = (p.level > 0 and p.number) or (p.listed and not p.number) or _SUB_ITEM.match(line)
        if in_paragraph and sub:
            emit(line, where, blank=False)  # a sub-paragraph: a line of its paragraph
            continue
        emit(line, where, blank=True)
        in_paragraph = True
        seen_paragraph = True
