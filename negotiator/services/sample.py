"""Provides the loading of the sample: the Kyoto pillar I draft, the corpus sources, sample links."""

from __future__ import annotations

from dataclasses import dataclass, field

from negotiator.domain.draftfile import decode_draft, parse_draft
from negotiator.locations import corpus_dir, sample_draft, sample_links
from negotiator.services.drafting import DraftingService
from negotiator.services.links import LinksService, load_links_file
from negotiator.services.sources import Progress, SourcesService, corpus_files
from negotiator.storage.db import Database

SAMPLE_SLUG = "kyoto"


@dataclass
class SampleReport:
    loaded_draft: bool
    paragraphs: int
    title: str
    sources: int = 0
    corpus: str | None = None
    links: int = 0
    problems: list[str] = field(default_factory=list)


def load_sample(
    db: Database,
    *,
    user: str | None = None,
    round_name: str = "First reading",
    keep_open: bool = False,
    progress: Progress | None = None,
) -> SampleReport:
    """Load the sample declaration (unless already there), the corpus sources and sample links.

    The first round is frozen at the end unless ``keep_open``.
    """
    drafting = DraftingService(db, user=user)
    existing = {d.slug: d for d in drafting.declarations()}
    if SAMPLE_SLUG in existing:
        report = SampleReport(False, existing[SAMPLE_SLUG].paragraphs, existing[SAMPLE_SLUG].title)
    else:
        path = sample_draft()
        document = parse_draft(decode_draft(path.read_bytes(), str(path)), str(path))
        info = drafting.create_declaration(
            document, slug=SAMPLE_SLUG, round_name=round_name, freeze=not keep_open
        )
        report = SampleReport(True, info.paragraphs, info.title)
    corpus = corpus_dir()
    if corpus is None:
        report.problems.append(
            "the source corpus was not found (set NEGOTIATOR_CORPUS); no sources loaded"
        )
        return report
    imports = SourcesService(db, user=user).import_files(corpus_files(corpus), progress=progress)
    report.sources = sum(r.items for r in imports)
    report.corpus = str(corpus)
    report.links, problems = load_links_file(
        LinksService(db, user=user), sample_links(), slug=SAMPLE_SLUG
    )
    report.problems += problems
    return report
