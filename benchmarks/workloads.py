"""Provides the benchmark workloads of docs PERFORMANCE.md, built from the corpus (seeded).

Each workload is a list of rounds; a round is a list of ``ParagraphSnapshot`` in
position order. Paragraph ids are stable across rounds, so the rounds can be diffed
with ``negotiator.domain.diffing.diff_rounds`` or written to a database as versions.

Between consecutive rounds (fractions of the live paragraphs of the previous round):

* ``reword`` get 1-4 word edits (replace, insert or delete a word, or bracket a
  span of words ``[...]``) and a new ``version_no``;
* ``delete`` are marked ``Status.DELETED`` (they stay in place for that round and
  are gone from the round after, so the size of the declaration stays stable);
* ``insert`` new paragraphs (a reshuffled sentence mix of corpus paragraphs) go to
  random places;
* ``move`` paragraphs are taken out and put back elsewhere (taking the section of
  their new neighbour);
* a few statuses and sponsors change.

Labels are renumbered ``OP 1``, ``OP 2``, ... every round, as a chair would.

Usage::

    from benchmarks.workloads import large_workload, stress_workload
    rounds = large_workload()          # 20 rounds of about 258 paragraphs
"""

from __future__ import annotations

import random
import re
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from negotiator.domain.model import ParagraphKind, ParagraphSnapshot, Status

CORPUS = (
    Path(__file__).resolve().parents[2]
    / "shared"
    / "corpus"
    / "14th-congress-rpm-recommendations-mapping.txt"
)
# A recommendation ends with its citation: "[AP 62(a)]", "[LAC\n19(f)]", "[E 28(b)]".
_CITATION = re.compile(r"\[(?:AP|LAC|WA|E|A)\s+\d+[^\]]*\]")
_SPONSORS = ("G77 and China", "EU", "AGNU", "CELAC", "Norway", "Japan", None)
_SECTION_SIZE = 26


def corpus_paragraphs(path: Path = CORPUS) -> list[str]:
    """The recommendations of the mapping document, one text each (whitespace collapsed).

    The text before each citation, up to the previous citation, is one paragraph;
    recommendations quoted twice (under two themes) are kept once: 258 paragraphs.
    """
    text = path.read_text(encoding="utf-8")
    seen: set[str] = set()
    paragraphs: list[str] = []
    start = 0
    for match in _CITATION.finditer(text):
        paragraph = " ".join(text[start : match.end()].replace("•", " ").split())
        start = match.end()
        if paragraph not in seen:
            seen.add(paragraph)
            paragraphs.append(paragraph)
    return paragraphs


def _relabel(round_: list[ParagraphSnapshot]) -> list[ParagraphSnapshot]:
    out = []
    for position, p in enumerate(round_):
        label = f"OP {position + 1}"
        if p.position != position or p.label != label:
            p = replace(p, position=position, label=label)
        out.append(p)
    return out


def _reword(text: str, rng: random.Random, vocabulary: Sequence[str]) -> str:
    words = text.split(" ")
    for _ in range(rng.randint(1, 4)):
        action = rng.random()
        i = rng.randrange(len(words))
        if action < 0.35:
            words[i] = rng.choice(vocabulary)
        elif action < 0.6:
            words.insert(i, rng.choice(vocabulary))
        elif action < 0.75 and len(words) > 3:
            del words[i]
        else:
            j = min(len(words), i + rng.randint(1, 5))
            words[i] = "[" + words[i]
            words[j - 1] = words[j - 1] + "]"
    return " ".join(words)


def build_rounds(
    texts: Sequence[str],
    rounds: int,
    *,
    seed: int = 14,
    reword: float = 0.20,
    delete: float = 0.05,
    insert: float = 0.05,
    move: float = 0.05,
    status: float = 0.03,
) -> list[list[ParagraphSnapshot]]:
    """Build ``rounds`` rounds, the first holding ``texts`` as pending paragraphs.

    Args:
        texts: The paragraph texts of the first round.
        rounds: How many rounds in all (the first included).
        seed: Seed of the private random generator (same seed, same workload).
        reword: Share of live paragraphs reworded per round.
        delete: Share marked deleted per round.
        insert: Share of new paragraphs per round.
        move: Share moved per round.
        status: Share whose status or sponsor changes per round.

    Returns:
        The rounds, each a list of snapshots in position order.
    """
    rng = random.Random(seed)
    vocabulary = sorted({w for t in texts for w in t.split(" ") if w.isalpha()})
    current = [
        ParagraphSnapshot(
            paragraph_id=i + 1,
            uid=f"para_{i + 1}",
            label="",
            kind=ParagraphKind.OPERATIVE,
            section=f"Section {i // _SECTION_SIZE + 1}",
            position=i,
            text=text,
            status=Status.PENDING,
            sponsor=rng.choice(_SPONSORS),
        )
        for i, text in enumerate(texts)
    ]
    current = _relabel(current)
    next_id = len(current) + 1
    out = [current]
    for _ in range(rounds - 1):
        # Paragraphs deleted last round are gone now.
        work = [p for p in current if not p.deleted]
        n = len(work)
        picks = rng.sample(range(n), n)  # one shuffled order, sliced per edit kind
        k_reword, k_delete = round(n * reword), round(n * delete)
        k_move, k_status = round(n * move), round(n * status)
        cut = 0
        for i in picks[cut : cut + k_reword]:
            p = work[i]
            work[i] = replace(p, text=_reword(p.text, rng, vocabulary), version_no=p.version_no + 1)
        cut += k_reword
        for i in picks[cut : cut + k_delete]:
            work[i] = replace(work[i], status=Status.DELETED, version_no=work[i].version_no + 1)
        cut += k_delete
        for i in picks[cut : cut + k_status]:
            p = work[i]
            if rng.random() < 0.5:
                new_status = rng.choice((Status.AGREED_AD_REF, Status.AGREED, Status.PENDING))
                work[i] = replace(p, status=new_status)
            else:
                work[i] = replace(p, sponsor=rng.choice(_SPONSORS))
        cut += k_status
        moving_ids = {work[i].paragraph_id for i in picks[cut : cut + k_move]}
        moving = [p for p in work if p.paragraph_id in moving_ids]
        work = [p for p in work if p.paragraph_id not in moving_ids]
        for p in moving:
            at = rng.randrange(len(work) + 1)
            section = work[min(at, len(work) - 1)].section if work else p.section
            work.insert(at, replace(p, section=section))
        for _ in range(round(n * insert)):
            donors = rng.sample(texts, 2)
            sentences = [s for d in donors for s in re.split(r"(?<=\.) ", d)]
            rng.shuffle(sentences)
            at = rng.randrange(len(work) + 1)
            section = work[min(at, len(work) - 1)].section if work else "Section 1"
            work.insert(
                at,
                ParagraphSnapshot(
                    paragraph_id=next_id,
                    uid=f"para_{next_id}",
                    label="",
                    kind=ParagraphKind.OPERATIVE,
                    section=section,
                    position=at,
                    text=" ".join(sentences[:3]),
                    status=Status.PENDING,
                    sponsor=rng.choice(_SPONSORS),
                ),
            )
            next_id += 1
        current = _relabel(work)
        out.append(current)
    return out


def large_workload(seed: int = 14) -> list[list[ParagraphSnapshot]]:
    """The 258 recommendations as paragraphs, 20 rounds (20% reworded, 5% each of the rest)."""
    return build_rounds(corpus_paragraphs(), 20, seed=seed)


def every_paragraph_changed(seed: int = 14) -> list[list[ParagraphSnapshot]]:
    """Two rounds of the large workload in which every paragraph is reworded."""
    return build_rounds(
        corpus_paragraphs(), 2, seed=seed, reword=1.0, delete=0, insert=0, move=0, status=0
    )


def stress_workload(seed: int = 14) -> list[list[ParagraphSnapshot]]:
    """The large workload repeated ten times: 2,580 paragraphs, 50 rounds."""
    return build_rounds(corpus_paragraphs() * 10, 50, seed=seed)
