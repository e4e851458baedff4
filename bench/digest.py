"""Benchmark: the /status digest on a province-sized history.

Seeds a fresh database with 60 OPDs in 3 clusters, 5,000 directives, 15,000 penugasan and
150,000 reports, then times the digest through the service layer (`/status semua` and one
cluster) against the equivalent hand-written aggregate SQL on the same data, in the same run.

    python bench/digest.py [DATABASE_URL]      # default: a temporary SQLite file

Goal (issue 3): the digest within 3x of the raw SQL and under 200 ms on SQLite.
"""

from __future__ import annotations

import asyncio
import random
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import insert, text

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bot.clock import SystemClock  # noqa: E402
from bot.config import Settings  # noqa: E402
from bot.env import Env  # noqa: E402
from bot.features.digest import service as digest  # noqa: E402
from bot.messaging.callbacks import CallbackSigner  # noqa: E402
from bot.texts import Texts  # noqa: E402
from storage.db import Database  # noqa: E402
from storage.migrate import upgrade_to_head  # noqa: E402
from storage.models import Arahan, Laporan, Member, Opd, Penugasan, Rakor  # noqa: E402

OPDS, ARAHAN, PER_ARAHAN, REPORTS_PER = 60, 5_000, 3, 10
ROUNDS = 15
STATUSES = ["baru", "diterima", "dalam_proses", "terkendala", "selesai", "terverifikasi"]
WEIGHTS = [10, 15, 35, 10, 10, 20]

RAW_NUMBERS = """
SELECT p.opd_id,
  SUM(CASE WHEN p.status IN ('baru','diterima','dalam_proses','terkendala')
           AND p.pending IS NULL THEN 1 ELSE 0 END),
  SUM(CASE WHEN p.status IN ('baru','diterima','dalam_proses','terkendala')
           AND p.pending IS NULL AND a.tenggat < :today THEN 1 ELSE 0 END),
  SUM(CASE WHEN p.status = 'terkendala' AND p.pending IS NULL THEN 1 ELSE 0 END),
  SUM(CASE WHEN p.status = 'selesai' OR p.pending IS NOT NULL THEN 1 ELSE 0 END),
  SUM(CASE WHEN p.status = 'terverifikasi' THEN 1 ELSE 0 END),
  MAX(p.last_report_at), MIN(p.kendala_since),
  MIN(CASE WHEN p.status IN ('baru','diterima','dalam_proses','terkendala')
           AND p.pending IS NULL THEN a.published_at END)
FROM penugasan p JOIN arahan a ON a.id = p.arahan_id JOIN opd o ON o.id = p.opd_id
WHERE a.status = 'terbit' {scope}
GROUP BY p.opd_id
"""
RAW_PROBLEMS = """
SELECT p.id, a.nomor, o.kode, p.status, a.tenggat, p.last_note, a.teks
FROM penugasan p JOIN arahan a ON a.id = p.arahan_id JOIN opd o ON o.id = p.opd_id
WHERE a.status = 'terbit' {scope} AND p.pending IS NULL AND (p.status = 'terkendala' OR
  (p.status IN ('baru','diterima','dalam_proses','terkendala') AND a.tenggat < :today))
ORDER BY CASE WHEN p.status = 'terkendala' THEN 0 ELSE 1 END, a.tenggat, a.nomor
LIMIT 40
"""
RAW_COUNT = """
SELECT count(*) FROM penugasan p JOIN arahan a ON a.id = p.arahan_id
JOIN opd o ON o.id = p.opd_id WHERE a.status = 'terbit' {scope} AND p.pending IS NULL
  AND (p.status = 'terkendala'
  OR (p.status IN ('baru','diterima','dalam_proses','terkendala') AND a.tenggat < :today))
"""
RAW_OTHERS = [
    "SELECT opd_id, count(id) FROM member WHERE active AND reachable = false "
    "AND opd_id IS NOT NULL GROUP BY opd_id",
    "SELECT * FROM opd {where} ORDER BY klaster, kode",
]


async def seed(db: Database) -> None:
    """A province-sized history, written in bulk."""
    rng = random.Random(2026)
    now = datetime.now(UTC)
    today = now.date()
    async with db.engine.begin() as conn:
        await conn.execute(
            insert(Opd),
            [
                {
                    "id": i,
                    "kode": f"OPD{i:02d}",
                    "nama": f"Dinas Contoh {i}",
                    "klaster": i % 3 + 1,
                    "created_at": now,
                    "updated_at": now,
                }
                for i in range(1, OPDS + 1)
            ],
        )
        await conn.execute(
            insert(Member),
            [
                {
                    "id": i,
                    "telegram_id": 10_000 + i,
                    "nama": f"Kepala {i}",
                    "peran": "kepala_opd",
                    "opd_id": i,
                    "active": True,
                    "via_admin_ids": False,
                    "reachable": i % 7 != 0,
                    "joined_at": now,
                }
                for i in range(1, OPDS + 1)
            ],
        )
        await conn.execute(
            insert(Rakor),
            [{"id": 1, "judul": "Rakor", "tanggal": today, "created_by": 1, "created_at": now}],
        )
        arahan: list[dict[str, Any]] = []
        penugasan: list[dict[str, Any]] = []
        laporan: list[dict[str, Any]] = []
        for a in range(1, ARAHAN + 1):
            published = now - timedelta(days=rng.randint(1, 365))
            arahan.append(
                {
                    "id": a,
                    "nomor": a,
                    "rakor_id": 1,
                    "teks": f"Arahan {a} " * 8,
                    "tenggat": today + timedelta(days=rng.randint(-120, 120)),
                    "prioritas": "sedang",
                    "status": "terbit",
                    "created_by": 1,
                    "created_at": published,
                    "published_at": published,
                }
            )
            for k, opd in enumerate(rng.sample(range(1, OPDS + 1), PER_ARAHAN)):
                pid = len(penugasan) + 1
                status = rng.choices(STATUSES, WEIGHTS)[0]
                last = published + timedelta(days=rng.randint(0, 30))
                penugasan.append(
                    {
                        "id": pid,
                        "arahan_id": a,
                        "opd_id": opd,
                        "urutan": k,
                        "kedudukan": "penanggung_jawab" if k == 0 else "pendukung",
                        "status": status,
                        "progress": rng.randint(0, 99),
                        "pending": None,
                        "last_report_at": last,
                        "last_note": f"catatan {pid}",
                        "kendala_since": last if status == "terkendala" else None,
                        "updated_at": last,
                    }
                )
                for r in range(REPORTS_PER):
                    laporan.append(
                        {
                            "penugasan_id": pid,
                            "member_id": opd,
                            "status_from": "dalam_proses",
                            "status_to": status,
                            "progress_from": 0,
                            "progress": r * 10,
                            "catatan": f"laporan {r}",
                            "source": "balasan",
                            "tidak_dapat": False,
                            "created_at": published + timedelta(hours=r),
                        }
                    )
        await conn.execute(insert(Arahan), arahan)
        await conn.execute(insert(Penugasan), penugasan)
        for start in range(0, len(laporan), 20_000):
            await conn.execute(insert(Laporan), laporan[start : start + 20_000])


async def compare(db: Database, env: Env, rounds: int = ROUNDS) -> list[tuple[str, float, float]]:
    """(label, service ms, raw SQL ms) for the whole province and for cluster 2, on a seeded
    database."""
    today = env.today()

    async def service(klaster: int | None) -> None:
        async with db.unit(env.now()) as uow:
            digest.render(env, await digest.build(uow, env, klaster))

    async def raw(klaster: int | None) -> None:
        scope = "" if klaster is None else f"AND o.klaster = {klaster}"
        where = "" if klaster is None else f"WHERE klaster = {klaster}"
        async with db.engine.connect() as conn:
            for sql in (RAW_NUMBERS, RAW_PROBLEMS, RAW_COUNT):
                (await conn.execute(text(sql.format(scope=scope)), {"today": today})).all()
            for sql in RAW_OTHERS:
                (await conn.execute(text(sql.format(where=where)))).all()

    timings = []
    for label, klaster in (("/status semua", None), ("/status klaster 2", 2)):
        ours = await timed(lambda k=klaster: service(k), rounds)
        theirs = await timed(lambda k=klaster: raw(k), rounds)
        timings.append((label, float(ours), float(theirs)))
    return timings


async def timed(work, rounds: int = ROUNDS) -> float:  # type: ignore[no-untyped-def]
    """Median wall time of ``work()`` in milliseconds (after one warm-up)."""
    await work()
    samples = []
    for _ in range(rounds):
        start = time.perf_counter()
        await work()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


async def main(url: str | None) -> None:
    folder = tempfile.mkdtemp(prefix="bench-digest-")
    url = url or f"sqlite+aiosqlite:///{folder}/bench.db"
    settings = Settings(_env_file=None, BOT_TOKEN="0:bench", DATABASE_URL=url)  # type: ignore[call-arg, arg-type]
    db = Database(url)
    if db.is_postgres:
        async with db.engine.begin() as conn:
            await conn.execute(text("DROP SCHEMA public CASCADE"))
            await conn.execute(text("CREATE SCHEMA public"))
    await upgrade_to_head(db.engine)
    started = time.perf_counter()
    await seed(db)
    print(
        f"seeded {OPDS} OPDs, {ARAHAN} directives, {ARAHAN * PER_ARAHAN} penugasan, "
        f"{ARAHAN * PER_ARAHAN * REPORTS_PER} reports in {time.perf_counter() - started:.1f} s"
    )
    env = Env(
        db=db,
        settings=settings,
        clock=SystemClock(),
        signer=CallbackSigner("bench"),
        texts=Texts("id"),
    )
    print(f"database: {db.engine.dialect.name}")
    for label, ours, theirs in await compare(db, env):
        print(
            f"{label:20s} service {ours:7.1f} ms   raw SQL {theirs:7.1f} ms   "
            f"ratio {ours / theirs:4.2f}x"
        )
    await db.dispose()


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1] if len(sys.argv) > 1 else None))
