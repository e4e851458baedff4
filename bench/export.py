"""Benchmark: `/ekspor` of every directive on a province-sized history, made by the file desk.

Seeds a fresh database with bench/digest.py's province (60 OPDs in 3 clusters, 5,000
directives, 15,000 penugasan, 150,000 reports, written in bulk), then, in a fresh child process
(so its peak memory is the export's and not the seeding's), asks for the export as `/ekspor`
does and lets the file desk (bot/features/berkas/desk.py) make it, as the bot does:

- wall time from the request to the workbook queued in the outbox, and of the one-cluster export;
- while it is made, another writer commits a small row every 0.1 s (what a reply does): how
  long each waited, and the longest stall of the event loop (what every other update feels);
- peak Python allocations during the export (tracemalloc, a separate run);
- the process's peak resident size (ru_maxrss) and what it was before the export;
- the workbook's size.

    python bench/export.py [--arahan N]            # a temporary SQLite file
    python bench/export.py postgres [--arahan N]   # a database of its own on TEST_POSTGRES_URL's

`python -m bench --only export` runs the same and puts it in the suite's table. Goals (issue
13): the export within memory and time bounds on 150,000 reports, and no other update held up
meanwhile.
"""

from __future__ import annotations

import asyncio
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Awaitable
from contextlib import suppress
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

from openpyxl.xml import LXML
from sqlalchemy import func, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import create_async_engine

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench import digest as history  # noqa: E402
from bench.digest import OPDS, PER_ARAHAN, REPORTS_PER  # noqa: E402
from bot.clock import SystemClock  # noqa: E402
from bot.config import Settings  # noqa: E402
from bot.domain.roles import Peran  # noqa: E402
from bot.env import Env  # noqa: E402
from bot.features.berkas import service as berkas  # noqa: E402
from bot.features.berkas.desk import Desk  # noqa: E402
from bot.features.berkas.service import Jenis  # noqa: E402
from bot.features.export import service, workbook  # noqa: E402
from bot.features.export.berkas import isian  # noqa: E402
from bot.features.export.service import MintaEkspor  # noqa: E402
from bot.features.people.access import Actor  # noqa: E402
from bot.messaging.callbacks import CallbackSigner  # noqa: E402
from bot.messaging.caller import Caller  # noqa: E402
from bot.texts import Texts  # noqa: E402
from storage.db import Database  # noqa: E402
from storage.migrate import upgrade_to_head  # noqa: E402
from storage.models import AuditLog, OutboxFile  # noqa: E402

T = TypeVar("T")
RESULT = "RESULT "
WRITE_EVERY = 0.1  # seconds between the probe's writes
TICK = 0.01  # seconds between the event loop probe's ticks

ADMIN = Actor(None, 1, "Bench", Peran.ADMIN, None, None)


def rss_mb() -> float:
    """The process's peak resident size so far, in MB (Linux reports KiB). Linux keeps it
    across exec, so the seeding runs in a process of its own, not in the measured one's
    parent."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def hwm_mb() -> float:
    """The peak resident size of this process image (VmHWM; Linux only, else 0)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


async def export_once(db: Database, env: Env, minta: MintaEkspor) -> workbook.Buku:
    async with db.reading(env.now()) as uow:
        ekspor = await service.prepare(uow, env, ADMIN, minta)
        return await workbook.write(env, ekspor)


class Probes:
    """What other work feels while the export is made: a writer committing a small row every
    ``WRITE_EVERY`` seconds (how long each commit took) and the event loop's longest stall."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self.waits: list[float] = []
        self.stall = 0.0
        self._stop = asyncio.Event()

    async def writer(self) -> None:
        while not self._stop.is_set():
            started = time.perf_counter()
            async with self.db.unit() as uow:
                uow.session.add(AuditLog(at=datetime.now(UTC), action="bench", subject="tulis"))
                await uow.commit()
            self.waits.append(time.perf_counter() - started)
            with suppress(TimeoutError):
                await asyncio.wait_for(self._stop.wait(), WRITE_EVERY)

    async def ticker(self) -> None:
        while not self._stop.is_set():
            before = time.perf_counter()
            await asyncio.sleep(TICK)
            self.stall = max(self.stall, time.perf_counter() - before - TICK)

    async def around(self, work: Awaitable[T]) -> T:
        tasks = [asyncio.create_task(self.writer()), asyncio.create_task(self.ticker())]
        try:
            return await work
        finally:
            self._stop.set()
            await asyncio.gather(*tasks)


async def through_the_desk(db: Database, env: Env) -> tuple[float, int, Probes]:
    """Ask for every directive's export as `/ekspor` does and let the desk make it: seconds
    until it is queued, the workbook's size, what the probes saw meanwhile."""
    asker = Caller(ADMIN.telegram_id, "Bench", None, ADMIN.telegram_id, "private")
    async with db.unit(env.now()) as uow:
        await berkas.minta(uow, asker, Jenis.EKSPOR, isian(MintaEkspor()))
        await uow.commit()
    probes = Probes(db)
    started = time.perf_counter()
    made = await probes.around(Desk(env).run_due())
    seconds = time.perf_counter() - started
    if made != 1:
        raise SystemExit(f"the desk made {made} files, not 1")
    async with db.reading(env.now()) as uow:
        size = await uow.session.scalar(select(func.max(func.length(OutboxFile.isi))))
    return seconds, int(size or 0), probes


async def child(url: str) -> None:
    """The measured part, in a process of its own."""
    values: dict[str, Any] = {"BOT_TOKEN": "0:bench", "DATABASE_URL": url}
    settings = Settings(_env_file=None, ADMIN_IDS=[ADMIN.telegram_id], **values)  # type: ignore[call-arg]
    db = Database(url)
    env = Env(db, settings, SystemClock(), CallbackSigner("bench"), Texts("id"))
    before, before_hwm = rss_mb(), hwm_mb()
    seconds, size, probes = await through_the_desk(db, env)
    after, after_hwm = rss_mb(), hwm_mb()
    started = time.perf_counter()
    cluster = await export_once(db, env, MintaEkspor(klaster=2))
    cluster_seconds = time.perf_counter() - started
    # a further run, traced (tracing slows Python several times over)
    tracemalloc.start()
    buku = await export_once(db, env, MintaEkspor())
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    await db.dispose()
    waits = sorted(probes.waits)
    writer = "lxml" if LXML else "et_xmlfile (pure Python; lxml would be faster)"
    print(f"database: {db.engine.dialect.name}; openpyxl writes XML with {writer}")
    print(
        f"rows: {buku.arahan} directives, {buku.penugasan} penugasan, {buku.laporan} reports, "
        f"{buku.opd} OPDs"
    )
    print(f"export (every cluster, file desk): {seconds:6.2f} s   workbook {size / 1e6:5.2f} MB")
    print(
        f"export (cluster 2):     {cluster_seconds:6.2f} s   workbook "
        f"{len(cluster.isi) / 1e6:5.2f} MB, {cluster.laporan} reports"
    )
    print(
        f"meanwhile: {len(waits)} writes, each waited {statistics.median(waits) * 1e3:.0f} ms "
        f"(median), {waits[-1] * 1e3:.0f} ms at most; the event loop stalled "
        f"{probes.stall * 1e3:.0f} ms at most"
    )
    print(f"peak Python allocations during the export (tracemalloc): {peak / 1e6:6.1f} MB")
    print(f"peak RSS (ru_maxrss): {after:6.1f} MB (before the export {before:6.1f} MB)")
    print(f"peak RSS (VmHWM):     {after_hwm:6.1f} MB (before the export {before_hwm:6.1f} MB)")
    figures = {
        "reports": buku.laporan,
        "seconds": seconds,
        "cluster_seconds": cluster_seconds,
        "workbook_mb": size / 1e6,
        "write_wait_max_ms": waits[-1] * 1e3,
        "write_wait_median_ms": statistics.median(waits) * 1e3,
        "writes": len(waits),
        "loop_stall_ms": probes.stall * 1e3,
        "traced_peak_mb": peak / 1e6,
        "rss_before_mb": before_hwm,
        "rss_after_mb": after_hwm,
    }
    print(RESULT + json.dumps(figures))


async def own_postgres(server: str, name: str, *, drop: bool) -> str:
    """A database of the benchmark's own on ``server``: made afresh, or dropped."""
    admin = create_async_engine(server, isolation_level="AUTOCOMMIT")
    async with admin.connect() as conn:
        await conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        if not drop:
            await conn.execute(text(f'CREATE DATABASE "{name}"'))
    await admin.dispose()
    return make_url(server).set(database=name).render_as_string(hide_password=False)


async def prepare(url: str, arahan: int) -> None:
    history.ARAHAN = arahan
    db = Database(url)
    await upgrade_to_head(db.engine)
    started = time.perf_counter()
    await history.seed(db)
    await db.dispose()
    print(
        f"seeded {OPDS} OPDs, {arahan} directives, {arahan * PER_ARAHAN} penugasan, "
        f"{arahan * PER_ARAHAN * REPORTS_PER} reports in {time.perf_counter() - started:.1f} s"
    )


def measure(url: str, arahan: int = history.ARAHAN) -> dict[str, float]:
    """Seed ``url`` (a fresh database) and measure there, each in a process of its own; the
    child's figures, its report printed as it goes."""
    subprocess.run([sys.executable, __file__, "--seed", url, str(arahan)], check=True)
    out = subprocess.run(
        [sys.executable, __file__, "--child", url], check=True, capture_output=True, text=True
    ).stdout
    figures: dict[str, float] = {}
    for line in out.splitlines():
        if line.startswith(RESULT):
            figures = json.loads(line[len(RESULT) :])
        else:
            print(line)
    return figures


def main(argv: list[str]) -> None:
    if argv[:1] == ["--child"]:
        asyncio.run(child(argv[1]))
        return
    if argv[:1] == ["--seed"]:
        asyncio.run(prepare(argv[1], int(argv[2])))
        return
    arahan = history.ARAHAN
    if "--arahan" in argv:
        at = argv.index("--arahan")
        arahan = int(argv[at + 1])
        argv = argv[:at] + argv[at + 2 :]
    server = os.environ.get("TEST_POSTGRES_URL") if argv[:1] == ["postgres"] else None
    if argv[:1] == ["postgres"] and not server:
        raise SystemExit("postgres: set TEST_POSTGRES_URL")
    name = f"bench_export_{os.getpid()}"
    with tempfile.TemporaryDirectory(prefix="bench-export-") as folder:
        if server:
            url = asyncio.run(own_postgres(server, name, drop=False))
        else:
            url = f"sqlite+aiosqlite:///{folder}/bench.db"
        try:
            measure(url, arahan)
        finally:
            if server:
                asyncio.run(own_postgres(server, name, drop=True))


if __name__ == "__main__":
    main(sys.argv[1:])
