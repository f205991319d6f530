"""Prints how well round import pairs paragraphs across real and synthetic revisions.

For each pair of consecutive drafts with a truth file (``tests/data/real/<text>/truth-A--B.txt``:
for each paragraph of the later draft, the earlier paragraph(s) it continues, or ``new``) and
for synthetic pairs built from the corpus (splits, merges, renumbering, renamed sections,
rewording, spelled-out abbreviations, options collapsed into one sentence), one line:

    share of later paragraphs paired right, wrong pairings, missed continuations, time

* **right**: the set of earlier paragraphs the tool says a paragraph continues (the one it
  continues plus a merged or split side) equals the truth, ``new`` included;
* **wrong**: paragraphs paired with an earlier paragraph the truth does not list;
* **missed**: paragraphs the truth says continue something and the tool calls new;
* a merge or split found only in part is neither right nor wrong nor missed ("partial").

Then the round import of 4,000 paragraphs with every paragraph relabelled and reworded, through
the real service on a SQLite file (target <= 5 s; PERFORMANCE.md).

Held-out texts (named in ``tests/data/real/SOURCES.md``) are printed apart: the matcher was not
tuned on them.

Run: .venv/bin/python benchmarks/bench_matching.py [--no-import] [--sizes 1000,2000,4000]
Set BENCH_MATCHER=path/to/matching.py to measure another matcher (only its
``match_paragraphs``; e.g. the one on main, for before/after figures) and
NEGOTIATOR_BENCH_ROOT=/path/to/checkout to time the import of another checkout.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import random
import re
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(os.environ.get("NEGOTIATOR_BENCH_ROOT") or Path(__file__).resolve().parents[1])
HERE = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(1, str(HERE))

from benchmarks.workloads import corpus_paragraphs  # noqa: E402
from negotiator.domain.draftfile import DraftDocument, DraftParagraph, parse_draft  # noqa: E402
from negotiator.domain.labels import Label  # noqa: E402

REAL = HERE / "tests" / "data" / "real"
HELD_OUT = {"un-charter"}
_TRUTH_LINE = re.compile(
    r"^(?P<new>[^<#]+?)\s*(?:<-\s*(?P<old>[^#]+?)|\s(?P<none>new))\s*(?:#.*)?$"
)


# --------------------------------------------------------------------------- the matcher
Matcher = Callable[[DraftDocument, DraftDocument], list[set[str]]]


def _tool() -> Matcher:
    """The matcher under test: for each later paragraph, the earlier labels it continues."""
    path = os.environ.get("BENCH_MATCHER")
    if path:
        spec = importlib.util.spec_from_file_location("bench_matcher", path)
        assert spec and spec.loader
        module = importlib.util.module_from_spec(spec)
        sys.modules["bench_matcher"] = module
        spec.loader.exec_module(module)

        def run_old(a: DraftDocument, b: DraftDocument) -> list[set[str]]:
            prev = [module.Candidate(i, str(p.label), p.text) for i, p in enumerate(a.paragraphs)]
            inc = [module.Incoming(str(p.label), p.text) for p in b.paragraphs]
            ids = module.match_paragraphs(prev, inc)
            return [{str(a.paragraphs[j].label)} if j is not None else set() for j in ids]

        return run_old

    from negotiator.domain.matching import Candidate, Incoming, match_drafts

    def run(a: DraftDocument, b: DraftDocument) -> list[set[str]]:
        prev = [Candidate(i, str(p.label), p.text) for i, p in enumerate(a.paragraphs)]
        inc = [Incoming(str(p.label), p.text) for p in b.paragraphs]
        result = match_drafts(prev, inc)
        out: list[set[str]] = [set() for _ in b.paragraphs]
        for pairing in result.pairings:
            out[pairing.new].add(str(a.paragraphs[pairing.old].label))
        return out

    return run


# --------------------------------------------------------------------------- scoring
@dataclass
class Score:
    name: str
    total: int = 0
    right: int = 0
    wrong: int = 0
    missed: int = 0
    partial: int = 0
    seconds: float = 0.0

    def line(self) -> str:
        share = 100.0 * self.right / self.total if self.total else 0.0
        return (
            f"{self.name:<46} {self.total:>5} paras  right {share:5.1f}%  wrong {self.wrong:>3}"
            f"  missed {self.missed:>3}  partial {self.partial:>3}  {self.seconds * 1000:8.1f} ms"
        )


def evaluate(
    name: str, a: DraftDocument, b: DraftDocument, truth: Sequence[set[str]], matcher: Matcher
) -> Score:
    start = time.perf_counter()
    found = matcher(a, b)
    score = Score(name, total=len(truth), seconds=time.perf_counter() - start)
    for got, want in zip(found, truth, strict=True):
        if got == want:
            score.right += 1
        elif got - want:
            score.wrong += 1
        elif want and not got:
            score.missed += 1
        else:
            score.partial += 1
    return score


def read_truth(path: Path, later: DraftDocument) -> list[set[str]]:
    by_label: dict[str, set[str]] = {}
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        m = _TRUTH_LINE.match(line)
        if not m:
            raise SystemExit(f"{path}:{number}: expected 'LATER <- EARLIER' or 'LATER new'")
        new = str(Label.parse(m.group("new").strip()))
        olds = m.group("old")
        by_label[new] = {str(Label.parse(o.strip())) for o in olds.split(",")} if olds else set()
    labels = [str(p.label) for p in later.paragraphs]
    missing = [label for label in labels if label not in by_label]
    if missing:
        raise SystemExit(f"{path}: no truth for {', '.join(missing)}")
    return [by_label[label] for label in labels]


def real_pairs() -> list[tuple[str, bool, DraftDocument, DraftDocument, list[set[str]]]]:
    out = []
    for truth in sorted(REAL.glob("*/truth-*--*.txt")):
        earlier, later = truth.stem.removeprefix("truth-").split("--")
        a_path, b_path = truth.parent / f"{earlier}.md", truth.parent / f"{later}.md"
        a = parse_draft(a_path.read_text(encoding="utf-8"), str(a_path))
        b = parse_draft(b_path.read_text(encoding="utf-8"), str(b_path))
        name = f"{truth.parent.name}: {earlier} -> {later}"
        out.append((name, truth.parent.name in HELD_OUT, a, b, read_truth(truth, b)))
    return out


# --------------------------------------------------------------------------- synthetic pairs
_ABBREVIATIONS = {
    "UNODC": "United Nations Office on Drugs and Crime",
    "SDGs": "Sustainable Development Goals",
    "ICT": "Information and Communications Technology",
    "NGOs": "Non-Governmental Organizations",
    "UN": "United Nations",
}
_STOP = {"the", "of", "and", "to", "in", "a", "for", "on", "with", "by", "as", "or", "that"}


def _doc(paragraphs: Sequence[tuple[str, str, str]]) -> DraftDocument:
    return DraftDocument(
        "Synthetic declaration",
        "",
        tuple(
            DraftParagraph(Label.parse(label), section, text, i + 1)
            for i, (label, section, text) in enumerate(paragraphs)
        ),
    )


def _reword(text: str, rng: random.Random, vocabulary: Sequence[str], share: float) -> str:
    """Replace, insert or delete about ``share`` of the words (whole words only)."""
    words = text.split(" ")
    for _ in range(max(1, round(len(words) * share))):
        i = rng.randrange(len(words))
        action = rng.random()
        if action < 0.45:
            words[i] = rng.choice(vocabulary)
        elif action < 0.75:
            words.insert(i, rng.choice(vocabulary))
        elif len(words) > 4:
            del words[i]
    return " ".join(words)


def _inflect(word: str) -> str:
    if word.endswith("ing") and len(word) > 6:
        return word[:-3] + "ed"
    if word.endswith("s") and len(word) > 5:
        return word[:-1]
    if word.isalpha() and len(word) > 5 and word.lower() not in _STOP:
        return word + "s"
    return word


def synthetic_pairs(
    seed: int = 17,
) -> list[tuple[str, DraftDocument, DraftDocument, list[set[str]]]]:
    texts = corpus_paragraphs()
    rng = random.Random(seed)
    vocabulary = sorted({w for t in texts for w in t.split(" ") if w.isalpha()})
    base = texts[:150]
    sections = [f"Theme {k + 1}" for k in range(6)]
    earlier = [(f"OP {i + 1}", sections[i // 25], t) for i, t in enumerate(base)]
    a = _doc(earlier)
    out = []

    # 1. renumbered (three new paragraphs at the top) and reworded (10-30% of words), with
    # some abbreviations spelled out, inflections changed, and "options" collapsed
    later: list[tuple[str, str, str]] = []
    truth: list[set[str]] = []
    for _ in range(3):
        donors = rng.sample(texts[150:], 2)
        later.append(("", sections[0], " ".join(d.split(". ")[0] for d in donors)))
        truth.append(set())
    for label, section, text in earlier:
        roll = rng.random()
        if roll < 0.15:
            for short, long in _ABBREVIATIONS.items():
                text = re.sub(rf"\b{short}\b", long, text)
            text = " ".join(_inflect(w) if rng.random() < 0.3 else w for w in text.split(" "))
        elif roll < 0.25:
            cut = len(text.split(" ")) // 2
            words = text.split(" ")
            text = " ".join(words[:cut]) + " [option 1: " + " ".join(words[cut:]) + "]"
            text += " [option 2: " + _reword(" ".join(words[cut:]), rng, vocabulary, 0.5) + "]"
        else:
            text = _reword(text, rng, vocabulary, rng.uniform(0.1, 0.3))
        later.append(("", section, text))
        truth.append({label})
    later = [(f"OP {i + 1}", s, t) for i, (_, s, t) in enumerate(later)]
    out.append(("synthetic: renumbered, reworded, abbreviations", a, _doc(later), truth))

    # 1b. the options of the earlier draft collapsed into one sentence in the later one
    opt_earlier, opt_later, opt_truth = [], [], []
    for i, (label, section, text) in enumerate(earlier[:60]):
        words = text.split(" ")
        cut = len(words) // 2
        first, rest = " ".join(words[:cut]), " ".join(words[cut:])
        alt = _reword(rest, rng, vocabulary, 0.6)
        opt_earlier.append((label, section, f"{first} [Option 1: {rest}] [Option 2: {alt}]"))
        opt_later.append((f"OP {i + 2}", section, f"{first} {rest}"))
        opt_truth.append({label})
    out.append(
        ("synthetic: options collapsed, renumbered", _doc(opt_earlier), _doc(opt_later), opt_truth)
    )

    # 2. splits: 8 paragraphs split at a sentence (or mid-way), the rest lightly reworded
    later, truth = [], []
    split_at = set(rng.sample(range(len(earlier)), 8))
    for i, (label, section, text) in enumerate(earlier):
        if i in split_at:
            words = text.split(" ")
            cut = max(4, round(len(words) * rng.uniform(0.55, 0.7)))
            later.append(("", section, " ".join(words[:cut])))
            later.append(("", section, " ".join(words[cut:])))
            truth += [{label}, {label}]
        else:
            later.append(("", section, _reword(text, rng, vocabulary, 0.1)))
            truth.append({label})
    later = [(f"OP {i + 1}", s, t) for i, (_, s, t) in enumerate(later)]
    out.append(("synthetic: 8 splits, renumbered", a, _doc(later), truth))

    # 3. merges: 8 pairs of neighbours merged into one paragraph
    later, truth = [], []
    starts = sorted(rng.sample(range(0, len(earlier) - 1, 2), 8))
    i = 0
    while i < len(earlier):
        label, section, text = earlier[i]
        if i in starts:
            other = earlier[i + 1]
            later.append(
                ("", section, text.rstrip(".;") + "; " + other[2][0].lower() + other[2][1:])
            )
            truth.append({label, other[0]})
            i += 2
            continue
        later.append(("", section, _reword(text, rng, vocabulary, 0.1)))
        truth.append({label})
        i += 1
    later = [(f"OP {i + 1}", s, t) for i, (_, s, t) in enumerate(later)]
    out.append(("synthetic: 8 merges, renumbered", a, _doc(later), truth))

    # 4. renamed and reordered sections, 10 paragraphs deleted, 10 new, all relabelled
    later, truth = [], []
    order = [2, 0, 1, 3, 5, 4]
    dropped = set(rng.sample(range(len(earlier)), 10))
    for k in order:
        for i in range(k * 25, min((k + 1) * 25, len(earlier))):
            if i in dropped:
                continue
            label, _, text = earlier[i]
            later.append(
                ("", f"Pillar {chr(65 + len(later) // 25)}", _reword(text, rng, vocabulary, 0.2))
            )
            truth.append({label})
            if rng.random() < 0.07:
                donors = rng.sample(texts[150:], 2)
                later.append(("", later[-1][1], " ".join(d.split(". ")[0] for d in donors)))
                truth.append(set())
    later = [(f"OP {i + 1}", s, t) for i, (_, s, t) in enumerate(later)]
    out.append(("synthetic: sections renamed and moved, deletions", a, _doc(later), truth))
    return out


# --------------------------------------------------------------------------- import timing
def import_time(n: int, seed: int = 23) -> tuple[float, float]:
    """Seconds to import round 2 of ``n`` paragraphs (all relabelled and reworded), and to match."""
    from negotiator.domain.draftfile import format_draft
    from negotiator.services.drafting import DraftingService
    from negotiator.storage.db import Database

    texts = [t.replace("[", "(").replace("]", ")") for t in corpus_paragraphs()]
    rng = random.Random(seed)
    vocabulary = sorted({w for t in texts for w in t.split(" ") if w.isalpha()})
    first = []
    for i in range(n):
        donors = rng.sample(texts, 2)
        sentences = [s for d in donors for s in re.split(r"(?<=\.) ", d)]
        rng.shuffle(sentences)
        first.append((f"OP {i + 1}", f"Section {i // 40 + 1}", " ".join(sentences[:3])))
    second = [
        (f"OP {i + 4}", section, _reword(text, rng, vocabulary, 0.1))
        for i, (_, section, text) in enumerate(first)
    ]
    with tempfile.TemporaryDirectory() as tmp:
        db = Database(f"sqlite:///{tmp}/bench.db")
        db.ensure_schema()
        service = DraftingService(db, user="chair")
        doc_a = parse_draft(format_draft(_doc(first)))
        doc_b = parse_draft(format_draft(_doc(second)))
        service.create_declaration(doc_a, slug="bench", round_name="Zero draft", freeze=True)
        start = time.perf_counter()
        service.import_round(doc_b, name="Rev.1", slug="bench")
        imported = time.perf_counter() - start
        db.dispose()
    matcher = _tool()
    start = time.perf_counter()
    matcher(doc_a, doc_b)
    return imported, time.perf_counter() - start


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--no-import", action="store_true", help="skip the import timing")
    parser.add_argument("--sizes", default="4000", help="import sizes, e.g. 1000,2000,4000")
    args = parser.parse_args(argv)
    matcher = _tool()
    print(f"matcher: {os.environ.get('BENCH_MATCHER') or 'negotiator.domain.matching'}")
    scores = []
    held = []
    for name, held_out, a, b, truth in real_pairs():
        (held if held_out else scores).append(evaluate(name, a, b, truth, matcher))
    for name, a, b, truth in synthetic_pairs():
        scores.append(evaluate(name, a, b, truth, matcher))
    print("-- tuned on (real and synthetic)")
    for s in scores:
        print(s.line())
    print("-- held out (real, never tuned on)")
    for s in held:
        print(s.line())
    if not args.no_import:
        print("-- round import, every paragraph relabelled and reworded (SQLite file)")
        for n in (int(x) for x in args.sizes.split(",")):
            imported, matched = import_time(n)
            print(f"{n:>5} paragraphs: import {imported:6.2f} s (matching alone {matched:5.2f} s)")


if __name__ == "__main__":
    main()
