"""How good are the suggested links?  For each Kyoto pillar I paragraph of the sample, is a
recommendation judged right among the top 5 suggestions?

Judgments: a recommendation is judged right for a paragraph when its text is about the
paragraph's topic, decided by the topic patterns below (written by reading the paragraphs and
the recommendations they match, not from the ranking).  Prints hit@5 and precision@5.

Run: .venv/bin/python benchmarks/bench_suggest.py
"""

from __future__ import annotations

import re
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from negotiator.services.links import LinksService  # noqa: E402
from negotiator.services.sample import load_sample  # noqa: E402
from negotiator.services.sources import SourcesService  # noqa: E402
from negotiator.storage.db import Database  # noqa: E402

TOPICS = {
    "OP 21": r"root causes|risk factors|causes of crime",
    "OP 22": r"statistic|data.collection|collect.{0,40}data|evidence-based|evaluation",
    "OP 23": r"statistic|data.collection|collect.{0,40}data|indicator|crime trends",
    "OP 24": r"proceeds of crime|illicit financial|money.laundering|confiscat|financial investigation|economic",
    "OP 25": r"seized|confiscat|asset|proceeds",
    "OP 26": r"culture of lawfulness|community.oriented|community policing|urban crime|local|tailor",
    "OP 27": r"gender|women",
    "OP 28": r"domestic violence|violence against women|victims",
    "OP 29": r"children|child|trafficking in persons|smuggling of migrants",
    "OP 30": r"youth|young people",
}


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        db = Database(f"sqlite:///{Path(tmp) / 'bench.db'}")
        db.ensure_schema()
        load_sample(db, user="bench")
        recs = {s.ref: s.text for s in SourcesService(db).sources(kind="recommendation")}
        service = LinksService(db, user="bench")
        # start from no links, so that the sample links do not hide suggestions
        for para in service.drafting.paragraphs():
            for link in service.links(para.id):
                service.unlink_paragraph(para.id, link.source.ref)
        hits, precision, times = 0, 0.0, []
        for label, pattern in TOPICS.items():
            right = {ref for ref, text in recs.items() if re.search(pattern, text, re.I)}
            start = time.perf_counter()
            top = [s.source.ref for s in service.suggest(label, kind="recommendation", top=5)]
            times.append(time.perf_counter() - start)
            good = [ref for ref in top if ref in right]
            hits += bool(good)
            precision += len(good) / 5
            print(
                f"{label}: {len(good)}/5 judged right (of {len(right)} relevant): {', '.join(top)}"
            )
        n = len(TOPICS)
        times.sort()
        print(f"hit@5 (a right recommendation in the top 5): {hits}/{n} = {hits / n:.0%}")
        print(f"precision@5: {precision / n:.0%}")
        print(
            f"suggest time: median {times[n // 2] * 1000:.1f} ms (first call builds the index: {max(times) * 1000:.1f} ms)"
        )


if __name__ == "__main__":
    main()
