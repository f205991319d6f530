"""Test helper: Word's *Accept All* and *Reject All* applied to a .docx's document XML (lxml).

Only what the compilation text uses: ``w:ins`` / ``w:del`` around runs and the paragraph-mark
revisions ``w:pPr/w:rPr/w:ins|w:del``. A paragraph whose mark is removed joins the next one, as
in Word (so a paragraph inserted or deleted as a whole disappears with its mark).
"""

from __future__ import annotations

import io
import zipfile

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}


def _q(tag: str) -> str:
    return f"{{{W}}}{tag}"


def document_xml(data: bytes) -> etree._Element:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return etree.fromstring(z.read("word/document.xml"))


def _resolve(root: etree._Element, keep: str) -> etree._Element:
    """``keep`` is ``"ins"`` (accept: insertions stay) or ``"del"`` (reject: deletions stay)."""
    drop = "del" if keep == "ins" else "ins"
    root = etree.fromstring(etree.tostring(root))
    body = root.find("w:body", NS)
    assert body is not None
    # Runs: the dropped kind goes with its content, the kept kind is unwrapped.
    for el in list(body.iter(_q(drop))):
        if el.getparent() is not None and el.getparent().tag != _q("rPr"):
            el.getparent().remove(el)
    for el in list(body.iter(_q(keep))):
        parent = el.getparent()
        if parent is None or parent.tag == _q("rPr"):
            continue
        index = parent.index(el)
        for child in list(el):
            parent.insert(index, child)
            index += 1
        parent.remove(el)
    for t in list(body.iter(_q("delText"))):
        t.tag = _q("t")
    # Paragraph marks: a dropped mark joins the paragraph to the next one.
    paragraphs = list(body.iter(_q("p")))
    for i, p in enumerate(paragraphs):
        rpr = p.find("w:pPr/w:rPr", NS)
        if rpr is None:
            continue
        if rpr.find(f"w:{drop}", NS) is not None:
            following = paragraphs[i + 1] if i + 1 < len(paragraphs) else None
            content = [c for c in p if c.tag != _q("pPr")]
            if following is not None:
                anchor = following.find("w:pPr", NS)
                index = following.index(anchor) + 1 if anchor is not None else 0
                for child in content:
                    following.insert(index, child)
                    index += 1
            p.getparent().remove(p)
        else:
            for mark in rpr.findall(f"w:{keep}", NS):
                rpr.remove(mark)
    return root


def accept_all(root: etree._Element) -> etree._Element:
    return _resolve(root, "ins")


def reject_all(root: etree._Element) -> etree._Element:
    return _resolve(root, "del")


def paragraph_texts(root: etree._Element, style: str | None = None) -> list[tuple[str, str]]:
    """``(bookmark name, text)`` of every body paragraph (of style id ``style`` if given)."""
    out = []
    for p in root.find("w:body", NS).iter(_q("p")):
        style_el = p.find("w:pPr/w:pStyle", NS)
        if style is not None and (style_el is None or style_el.get(_q("val")) != style):
            continue
        text = []
        for el in p.iter(_q("t"), _q("tab"), _q("br"), _q("delText")):
            if el.tag == _q("tab"):
                text.append("\t")
            elif el.tag == _q("br"):
                text.append("\n")
            else:
                text.append(el.text or "")
        mark = p.find("w:bookmarkStart", NS)
        out.append((mark.get(_q("name")) if mark is not None else "", "".join(text)))
    return out
