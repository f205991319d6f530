"""Prints the core figures of docs PERFORMANCE.md (one line each; medians of several runs).

- import of the four corpus documents (target <= 2 s);
- cold start of non-TUI commands over bare `python -c pass` (target <= 0.3 s);
- storage: rows added by a round that changes k paragraphs (O(k));
- the diff service on the stress database: first computation and cached (target <= 5 ms);
- saves per second with 4 concurrent writer processes on SQLite and PostgreSQL (if
  NEGOTIATOR_TEST_PG_URL is set or scripts/pg-test-server can start one), with the check that
  no version was lost or duplicated.

Run: .venv/bin/python benchmarks/bench_core.py
"""

from __future__ import annotations

import multiprocessing as mp
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sqlalchemy import func, select  # noqa: E402

from negotiator.domain.draftfile import parse_draft  # noqa: E402
from negotiator.locations import corpus_dir  # noqa: E402
from negotiator.services.diffs import DiffService  # noqa: E402
from negotiator.services.drafting import DraftingService  # noqa: E402
from negotiator.services.sources import SourcesService, corpus_files  # noqa: E402
from negotiator.storage.db import Database  # noqa: E402
from negotiator.storage.records import ParagraphVersionRecord  # noqa: E402


def median_ms(samples: list[float]) -> str:
    return f"{statistics.median(samples) * 1000:.1f} ms"


def bench_import(tmp: Path) -> None:
    corpus = corpus_dir()
    if corpus is None:
        print("import: corpus not found, skipped")
        return
    samples = []
    for i in range(5):
        db = Database(f"sqlite:///{tmp / f'import{i}.db'}")
        db.ensure_schema()
        start = time.perf_counter()
        SourcesService(db, user="bench").import_files(corpus_files(corpus))
        samples.append(time.perf_counter() - start)
        db.dispose()
    print(
        f"import of the 4 corpus documents (565 items): median {median_ms(samples)} (target <= 2000 ms)"
    )


def bench_cold_start(tmp: Path) -> None:
    env = {
        **os.environ,
        "NEGOTIATOR_DB": f"sqlite:///{tmp / 'cold.db'}",
        "NEGOTIATOR_USER": "bench",
    }
    exe = [sys.executable, "-m", "negotiator"]
    subprocess.run([*exe, "init", "--sample"], env=env, capture_output=True, check=True)

    def timed(cmd: list[str]) -> float:
        runs = []
        for _ in range(7):
            start = time.perf_counter()
            subprocess.run(cmd, env=env, capture_output=True, check=True)
            runs.append(time.perf_counter() - start)
        return statistics.median(runs)

    base = timed([sys.executable, "-c", "pass"])
    for args in (["--help"], ["round", "list"], ["paragraph", "list", "--json"]):
        t = timed([*exe, *args])
        print(
            f"cold `negotiator {' '.join(args)}`: {t * 1000:.0f} ms, {1000 * (t - base):.0f} ms over bare python ({base * 1000:.0f} ms) (target <= 300 ms over)"
        )


def bench_storage_and_diff(tmp: Path) -> None:
    from benchmarks.stressdb import build_database
    from benchmarks.workloads import stress_workload

    start = time.perf_counter()
    rounds = stress_workload()
    db = build_database(f"sqlite:///{tmp / 'stress.db'}", rounds)
    print(f"stress database built: {len(rounds)} rounds, {time.perf_counter() - start:.1f} s")

    def versions() -> int:
        with db.read() as s:
            return s.scalar(select(func.count()).select_from(ParagraphVersionRecord)) or 0

    drafting = DraftingService(db, user="bench")
    paras = drafting.paragraphs()
    before = versions()
    start = time.perf_counter()
    from negotiator.domain.brackets import parse_brackets

    balanced = [p for p in paras if parse_brackets(p.text).balanced and not p.deleted]
    for p in balanced[:10]:
        drafting.save_paragraph(p.id, base_version=p.version_no, text=p.text + " [edited]")
    per_save = (time.perf_counter() - start) / 10
    print(
        f"storage: 10 saves in the open round of the stress database add {versions() - before} rows "
        f"(declaration: {len(paras)} paragraphs, {before} versions); a save takes {per_save * 1000:.0f} ms"
    )
    drafting.freeze_round()
    from dataclasses import replace as dc_replace

    from negotiator.domain.draftfile import DraftDocument, DraftParagraph
    from negotiator.domain.labels import Label

    current = drafting.paragraphs()
    doc = DraftDocument(
        "t",
        "",
        tuple(
            DraftParagraph(Label.parse(p.label), p.section, p.text, 0, p.status, p.sponsor)
            for p in current
        ),
    )
    k = 50
    changed = tuple(
        dc_replace(p, text=p.text + " [imported change]")
        if i % (len(current) // k) == 0 and i // (len(current) // k) < k
        else p
        for i, p in enumerate(doc.paragraphs)
    )
    before = versions()
    start = time.perf_counter()
    report = drafting.import_round(dc_replace(doc, paragraphs=changed), name="Rev.import")
    took = time.perf_counter() - start
    print(
        f"storage: importing a round of {len(current)} paragraphs that rewords {report.reworded} adds {versions() - before} rows "
        f"(O(k), not a copy); the import took {took:.2f} s"
    )
    service = DiffService(db)
    first = []
    cached = []
    for a, b in (("Rev.40", "Rev.41"), ("Rev.30", "Rev.31"), ("First reading", "Rev.48")):
        first.append(service.diff(a, b).seconds)
        for _ in range(5):
            result = service.diff(a, b)
            assert result.cached
            cached.append(result.seconds)
    print(
        f"diff service, stress database, two frozen rounds: first {median_ms(first)} (reads both rounds), cached {median_ms(cached)} (target <= 5 ms)"
    )
    live = [service.diff("Rev.48", "current").seconds for _ in range(3)]
    print(
        f"diff service, stress database, last frozen round vs the open round's live text: {median_ms(live)}"
    )
    db.dispose()


def _writer(url: str, name: str, start: object, seconds: float, out: object) -> None:
    db = Database(url)
    service = DraftingService(db, user=name)
    paras = service.paragraphs()
    start.wait()  # type: ignore[attr-defined]
    saved = conflicts = 0
    stop = time.perf_counter() + seconds
    i = 0
    while time.perf_counter() < stop:
        para = paras[(i * 7 + hash(name)) % len(paras)]
        current = service.paragraph(para.label)
        try:
            service.save_paragraph(
                para.id, base_version=current.version_no, text=f"{name} save {i}"
            )
            saved += 1
        except Exception:
            conflicts += 1
        i += 1
    out.put((saved, conflicts))  # type: ignore[attr-defined]
    db.dispose()


def bench_writers(url: str, label: str, seconds: float = 5.0) -> None:
    db = Database(url)
    db.ensure_schema()
    draft = "## S\n\n" + "\n\n".join(
        f"{n}. Paragraph {n} on crime prevention and criminal justice." for n in range(1, 201)
    )
    DraftingService(db, user="bench").create_declaration(parse_draft(draft), slug="w", freeze=False)
    ctx = mp.get_context("spawn")
    start, out = ctx.Barrier(5), ctx.Queue()
    procs = [
        ctx.Process(target=_writer, args=(url, f"writer{k}", start, seconds, out)) for k in range(4)
    ]
    for p in procs:
        p.start()
    start.wait()
    results = [out.get(timeout=120) for _ in procs]
    for p in procs:
        p.join()
    saved = sum(r[0] for r in results)
    conflicts = sum(r[1] for r in results)
    with db.read() as s:
        versions = s.scalar(select(func.count()).select_from(ParagraphVersionRecord)) or 0
    lost_or_duplicated = versions - 200 - saved
    print(
        f"4 concurrent writers on {label}: {saved / seconds:.0f} saves/s sustained over {seconds:.0f} s, "
        f"{conflicts} conflicts refused, {lost_or_duplicated} versions lost or duplicated"
    )
    db.dispose()


def main() -> None:
    with tempfile.TemporaryDirectory() as tmpdir:
        tmp = Path(tmpdir)
        bench_import(tmp)
        bench_cold_start(tmp)
        bench_storage_and_diff(tmp)
        bench_writers(f"sqlite:///{tmp / 'writers.db'}", "SQLite")
        pg = os.environ.get("NEGOTIATOR_TEST_PG_URL")
        pg_dir = None
        if not pg:
            try:
                out = subprocess.run(
                    [str(ROOT / "scripts" / "pg-test-server")],
                    capture_output=True,
                    text=True,
                    check=True,
                ).stdout.split()
                pg, pg_dir = out[0], out[1]
            except Exception as exc:  # noqa: BLE001
                print(f"PostgreSQL: not available ({exc}); skipped")
        if pg:
            from sqlalchemy import create_engine, text
            from sqlalchemy.engine import make_url

            admin = create_engine(pg, isolation_level="AUTOCOMMIT")
            with admin.connect() as conn:
                conn.execute(text("DROP DATABASE IF EXISTS negotiator_bench WITH (FORCE)"))
                conn.execute(text("CREATE DATABASE negotiator_bench"))
            admin.dispose()
            bench_writers(
                make_url(pg).set(database="negotiator_bench").render_as_string(hide_password=False),
                "PostgreSQL",
            )
        if pg_dir:
            subprocess.run([str(ROOT / "scripts" / "pg-test-server"), "stop", pg_dir], check=False)


if __name__ == "__main__":
    main()
