"""Benchmark: `/ekspor` of every directive on a province-sized history.

Seeds a fresh database with bench/digest.py's province (60 OPDs in 3 clusters, 5,000
directives, 15,000 penugasan, 150,000 reports, written in bulk), then runs the export through
the service layer and the workbook writer in a fresh child process, so its peak memory is the
export's and not the seeding's:

- wall time of the export (no tracing), and of the one-cluster export;
- peak Python allocations during the export (tracemalloc, a third run);
- the process's peak resident size (ru_maxrss) and what it was before the export;
- the workbook's size.

    python bench/export.py                 # a temporary SQLite file
    python bench/export.py postgres        # a database of its own on TEST_POSTGRES_URL's server

Goal (issue 13): the export within memory and time bounds on 150,000 reports.
"""

from __future__ import annotations

import asyncio
import os
import resource
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

from openpyxl.xml import LXML
from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import create_async_engine

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.digest import ARAHAN, OPDS, PER_ARAHAN, REPORTS_PER, seed  # noqa: E402
from bot.clock import SystemClock  # noqa: E402
from bot.config import Settings  # noqa: E402
from bot.domain.roles import Peran  # noqa: E402
from bot.env import Env  # noqa: E402
from bot.features.export import service, workbook  # noqa: E402
from bot.features.export.service import MintaEkspor  # noqa: E402
from bot.features.people.access import Actor  # noqa: E402
from bot.messaging.callbacks import CallbackSigner  # noqa: E402
from bot.texts import Texts  # noqa: E402
from storage.db import Database  # noqa: E402
from storage.migrate import upgrade_to_head  # noqa: E402

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
    async with db.unit(env.now()) as uow:
        ekspor = await service.prepare(uow, env, ADMIN, minta)
        return await workbook.write(env, ekspor)


async def child(url: str) -> None:
    """The measured part, in a process of its own."""
    settings = Settings(_env_file=None, BOT_TOKEN="0:bench", DATABASE_URL=url)  # type: ignore[call-arg, arg-type]
    db = Database(url)
    env = Env(db, settings, SystemClock(), CallbackSigner("bench"), Texts("id"))
    before, before_hwm = rss_mb(), hwm_mb()
    started = time.perf_counter()
    buku = await export_once(db, env, MintaEkspor())
    seconds = time.perf_counter() - started
    after, after_hwm = rss_mb(), hwm_mb()
    started = time.perf_counter()
    cluster = await export_once(db, env, MintaEkspor(klaster=2))
    cluster_seconds = time.perf_counter() - started
    # a third run, traced (tracing slows Python several times over)
    tracemalloc.start()
    await export_once(db, env, MintaEkspor())
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    await db.dispose()
    writer = "lxml" if LXML else "et_xmlfile (pure Python; lxml would be faster)"
    print(f"database: {db.engine.dialect.name}; openpyxl writes XML with {writer}")
    print(
        f"rows: {buku.arahan} directives, {buku.penugasan} penugasan, {buku.laporan} reports, "
        f"{buku.opd} OPDs"
    )
    print(f"export (every cluster): {seconds:6.2f} s   workbook {len(buku.isi) / 1e6:5.2f} MB")
    print(
        f"export (cluster 2):     {cluster_seconds:6.2f} s   workbook "
        f"{len(cluster.isi) / 1e6:5.2f} MB, {cluster.laporan} reports"
    )
    print(f"peak Python allocations during the export (tracemalloc): {peak / 1e6:6.1f} MB")
    print(f"peak RSS (ru_maxrss): {after:6.1f} MB (before the export {before:6.1f} MB)")
    print(f"peak RSS (VmHWM):     {after_hwm:6.1f} MB (before the export {before_hwm:6.1f} MB)")


async def own_postgres(server: str, name: str, *, drop: bool) -> str:
    """A database of the benchmark's own on ``server``: made afresh, or dropped."""
    admin = create_async_engine(server, isolation_level="AUTOCOMMIT")
    async with admin.connect() as conn:
        await conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        if not drop:
            await conn.execute(text(f'CREATE DATABASE "{name}"'))
    await admin.dispose()
    return make_url(server).set(database=name).render_as_string(hide_password=False)


async def prepare(url: str) -> None:
    db = Database(url)
    await upgrade_to_head(db.engine)
    started = time.perf_counter()
    await seed(db)
    await db.dispose()
    print(
        f"seeded {OPDS} OPDs, {ARAHAN} directives, {ARAHAN * PER_ARAHAN} penugasan, "
        f"{ARAHAN * PER_ARAHAN * REPORTS_PER} reports in {time.perf_counter() - started:.1f} s"
    )


def main(argv: list[str]) -> None:
    if argv[:1] == ["--child"]:
        asyncio.run(child(argv[1]))
        return
    if argv[:1] == ["--seed"]:
        asyncio.run(prepare(argv[1]))
        return
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
            subprocess.run([sys.executable, __file__, "--seed", url], check=True)
            subprocess.run([sys.executable, __file__, "--child", url], check=True)
        finally:
            if server:
                asyncio.run(own_postgres(server, name, drop=True))


if __name__ == "__main__":
    main(sys.argv[1:])
