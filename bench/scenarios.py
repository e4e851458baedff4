"""The measurements: the bot (`python -m bot`) and the echo bot as real processes against the
HTTP fake of the Bot API, on a seeded Pemda; the digest against hand-written SQL in process.

Each measurement fills one field of ``Figures``; ``bench.__main__`` turns them into the table.
CPU time and memory are read from /proc, so the suite runs on Linux only.
"""

from __future__ import annotations

import asyncio
import json
import os
import shutil
import signal
import statistics
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import func, insert, select, text
from sqlalchemy.engine import make_url

from bench.fake import TOKEN, BenchApi
from bench.processes import Measured
from storage.db import Database
from storage.models import Laporan, MessageLink
from tests.e2e.seed import BOT_ID, seed_pemda
from tests.support.snapshots import postgres_admin
from tests.support.updates import UpdateFactory, private_chat, user

ADMIN_ID = 1001
ADMIN = user(ADMIN_ID, "Rina", "rina_setda")
NEVER = "0 0 1 1 *"  # a schedule that does not fire while the suite runs
DIRECTIVE_MESSAGE = 77  # the message id of the directive every member replies to
NAMES = ("start", "memory", "replies", "commits", "fanout", "digest", "export")


class BenchFailed(Exception):
    """A measured process misbehaved (died, or never did what was waited for)."""


@dataclass(frozen=True)
class Sizes:
    """How big each measurement is."""

    opds: int  # members = opds * per_opd, all reached by the fan-out
    per_opd: int
    burst: int  # replies in the burst
    warm_up: int  # replies handled before measuring (first-use costs are not per reply)
    starts: int  # start times measured (median)
    counted: int  # replies whose transactions are counted
    settle: float  # seconds an idle process is left alone before its memory is read
    digest_arahan: int  # directives of the digest's history (bench/digest.py: 5,000)
    digest_rounds: int
    export_arahan: int  # directives of the export's history (10 reports per penugasan)

    @property
    def members(self) -> int:
        """Members of the seeded Pemda."""
        return self.opds * self.per_opd


FULL = Sizes(50, 20, 200, 5, 3, 50, 3.0, 5_000, 15, 5_000)
QUICK = Sizes(10, 20, 50, 5, 1, 20, 2.0, 500, 5, 500)


@dataclass
class Figures:
    """What was measured (None: not measured in this run)."""

    start_s: list[float] = field(default_factory=list)
    echo_start_s: list[float] = field(default_factory=list)
    idle_mb: float | None = None
    echo_idle_mb: float | None = None
    pushed_mb: float | None = None
    cpu_ms: float | None = None
    echo_cpu_ms: float | None = None
    rate: float | None = None
    echo_rate: float | None = None
    recorded: int = 0
    commits: dict[str, float] = field(default_factory=dict)
    fanout_rate: float | None = None
    first_delivery_s: float | None = None
    too_many: int = 0
    fanout_reached: int = 0
    digest: list[tuple[str, float, float]] = field(default_factory=list)
    export: dict[str, float] = field(default_factory=dict)  # bench/export.py's figures


class Databases:
    """A fresh database per process: SQLite files in a temporary folder, or databases of the
    suite's own on the PostgreSQL server (``<database>_bench_<name>``, dropped at the end), so
    the server's test database is never touched."""

    def __init__(self, url: str | None, folder: Path) -> None:
        self.server = url
        self.folder = folder
        self.created: list[str] = []

    @property
    def dialect(self) -> str:
        """What the table names as the database."""
        if self.server is None:
            return "SQLite (temporary file)"
        parsed = make_url(self.server)
        return f"{parsed.get_backend_name()} on {parsed.host}:{parsed.port or 5432}"

    async def fresh(self, name: str) -> str:
        """The URL of a new, empty database."""
        if self.server is None:
            return f"sqlite+aiosqlite:///{self.folder / name / 'bot.db'}"
        parsed = make_url(self.server)
        database = f"{parsed.database}_bench_{name}"
        await postgres_admin(
            self.server,
            f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)',
            f'CREATE DATABASE "{database}"',
        )
        self.created.append(database)
        return parsed.set(database=database).render_as_string(hide_password=False)

    async def drop_all(self) -> None:
        """Drop the databases the suite made."""
        if self.server is not None and self.created:
            drops = [f'DROP DATABASE IF EXISTS "{db}" WITH (FORCE)' for db in self.created]
            await postgres_admin(self.server, *drops)


# ------------------------------------------------------------------ the seeded Pemda
def chat_of(opd: int, k: int) -> int:
    """The private chat of member ``k`` of OPD ``opd`` (as tests/e2e/seed.py numbers them)."""
    return 200_000 + opd * 100 + k


def directive_message(chat: int, opd: int) -> dict[str, Any]:
    """The directive message of ``opd`` the bot sent to ``chat`` (what a reply quotes)."""
    return {
        "message_id": DIRECTIVE_MESSAGE,
        "date": int(datetime.now(UTC).timestamp()),
        "chat": {"id": chat, "type": "private", "first_name": "Pejabat"},
        "from": {"id": BOT_ID, "is_bot": True, "first_name": "Tindak Lanjut"},
        "text": f"📌 Arahan No. {opd}",
    }


async def seed(url: str, sizes: Sizes) -> None:
    """``opds`` OPDs with ``per_opd`` members and one open directive each (tests/e2e/seed.py),
    and the directive's message in every member's chat, for replies to quote."""
    await seed_pemda(url, sizes.opds, sizes.per_opd)
    db = Database(url)
    try:
        async with db.engine.begin() as conn:
            links = [
                {
                    "chat_id": chat_of(opd, k),
                    "message_id": DIRECTIVE_MESSAGE,
                    "arahan_id": opd,
                    "penugasan_id": opd,
                }
                for opd in range(1, sizes.opds + 1)
                for k in range(sizes.per_opd)
            ]
            await conn.execute(insert(MessageLink), links)
            if db.is_postgres:  # rows were seeded with their ids: move the sequences on
                for table in ("opd", "rakor", "arahan", "penugasan"):
                    await conn.execute(
                        text(
                            f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                            f"(SELECT max(id) FROM {table}))"
                        )
                    )
    finally:
        await db.dispose()


class Repliers:
    """Members replying to their directive with a progress that grows with each reply (a
    smaller one would be a different conversation). Members are taken OPD by OPD in turn, so
    consecutive replies concern different penugasan."""

    def __init__(self, sizes: Sizes, updates: UpdateFactory) -> None:
        self.order = [(opd, k) for k in range(sizes.per_opd) for opd in range(1, sizes.opds + 1)]
        self.updates = updates
        self.next = 0
        self.progress: Counter[int] = Counter()

    def take(self, count: int) -> tuple[list[dict[str, Any]], list[int]]:
        """The next ``count`` replies and the chats they come from."""
        replies, chats = [], []
        for _ in range(count):
            opd, k = self.order[self.next % len(self.order)]
            self.next += 1
            self.progress[opd] = min(self.progress[opd] + 1, 95)
            chat = chat_of(opd, k)
            who = user(chat, f"Pejabat {opd}-{k}")
            replies.append(
                self.updates.message(
                    who,
                    private_chat(who),
                    f"progres {self.progress[opd]}%",
                    reply_to=directive_message(chat, opd),
                )
            )
            chats.append(chat)
        return replies, chats


# ------------------------------------------------------------------ processes
async def until(
    api: BenchApi, predicate: Callable[[], bool], proc: Measured, limit: float, what: str
) -> None:
    """Wait until ``predicate()`` holds (re-checked after every Bot API call)."""
    deadline = time.monotonic() + limit
    while not predicate():
        if not proc.alive():
            raise BenchFailed(f"the process ended while waiting for {what}:\n{proc.output()}")
        if time.monotonic() > deadline:
            raise BenchFailed(f"no {what} after {limit:.0f} s:\n{proc.output()[-3000:]}")
        try:
            await api.wait_for(predicate, limit=0.5)
        except TimeoutError:
            pass


def bot_settings(api: BenchApi, url: str) -> dict[str, str]:
    """The bot's settings: the fake as Telegram, no scheduled push during the run."""
    return {
        "BOT_TOKEN": TOKEN,
        "TELEGRAM_API_URL": api.url,
        "DATABASE_URL": url,
        "ADMIN_IDS": str(ADMIN_ID),
        "WEEKLY_REMINDER_CRON": NEVER,
        "DAILY_CHECK_CRON": NEVER,
        "DIGEST_CRON": NEVER,
        "MISSED_RUN_GRACE_HOURS": "0",
    }


async def started(api: BenchApi, argv: list[str], settings: dict[str, str], work: Path) -> Measured:
    """Start a process; returns once it asked for updates (``api.first_poll``)."""
    api.first_poll = None
    proc = Measured(argv, settings, work)
    await proc.start()
    await until(api, lambda: api.first_poll is not None, proc, 60, "getUpdates")
    return proc


async def start_times(
    api: BenchApi, argv: list[str], settings: dict[str, str], work: Path, times: int
) -> tuple[Measured, list[float]]:
    """Start the process ``times`` times (stopping all but the last); start → first getUpdates."""
    seconds = []
    for attempt in range(times):
        proc = await started(api, argv, settings, work)
        assert api.first_poll is not None
        seconds.append(api.first_poll - proc.started)
        if attempt < times - 1:
            await proc.stop()
    return proc, seconds


async def burst(
    api: BenchApi, proc: Measured, updates: list[dict[str, Any]], chats: list[int]
) -> tuple[float, float, float]:
    """Queue the updates at once; wait until each chat got an answer. Returns when they were
    queued (wall clock and monotonic) and the CPU time the process spent on them."""
    api.forget()
    cpu = proc.cpu_seconds()
    wall, queued = time.time(), time.monotonic()
    api.queue(updates)
    await until(api, lambda: api.reached(chats) == len(chats), proc, 120, "answer to each")
    return wall, queued, proc.cpu_seconds() - cpu


async def last_report(url: str) -> int:
    """The id of the newest report (0 when there is none)."""
    db = Database(url)
    try:
        async with db.engine.connect() as conn:
            return int(await conn.scalar(select(func.max(Laporan.id))) or 0)
    finally:
        await db.dispose()


async def replies_recorded(url: str, after: int) -> tuple[int, float]:
    """Reports stored after report ``after`` and when the last of them was taken (wall clock:
    the bot stamps a report with the time its handling began)."""
    db = Database(url)
    try:
        async with db.engine.connect() as conn:
            query = select(func.count(), func.max(Laporan.created_at)).where(Laporan.id > after)
            row = (await conn.execute(query)).one()
    finally:
        await db.dispose()
    count, last = int(row[0]), row[1]
    if last is None:
        return 0, 0.0
    if last.tzinfo is None:
        last = last.replace(tzinfo=UTC)
    return count, float(last.timestamp())


# ------------------------------------------------------------------ the measurements
class Suite:
    """One run of the suite: which measurements, how big, on which database."""

    def __init__(self, database: str | None, sizes: Sizes, only: set[str]) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="bench-"))
        self.databases = Databases(database, self.folder)
        self.sizes = sizes
        self.only = only
        self.figures = Figures()

    def wants(self, *names: str) -> bool:
        """Whether one of these measurements is part of this run."""
        return any(name in self.only for name in names)

    async def run(self) -> Figures:
        """Every measurement asked for, one after the other (never two processes at once)."""
        try:
            if self.wants("start", "memory", "replies"):
                await self.echo()
            if self.wants("start", "memory", "replies", "fanout"):
                await self.bot()
            if self.wants("commits"):
                await self.commits()
            if self.wants("digest"):
                await self.digest()
            if self.wants("export"):
                await self.export()
        except BenchFailed as exc:
            raise BenchFailed(f"{exc}\n(the processes' logs are kept in {self.folder})") from None
        finally:
            await self.databases.drop_all()
        shutil.rmtree(self.folder, ignore_errors=True)
        return self.figures

    async def echo(self) -> None:
        """The echo bot: start time, idle memory, CPU and rate on a burst of messages."""
        api = BenchApi()
        await api.start()
        proc = None
        try:
            settings = {"BOT_TOKEN": TOKEN, "TELEGRAM_API_URL": api.url}
            argv = [str(Path(__file__).with_name("echo_bot.py"))]
            times = self.sizes.starts if self.wants("start") else 1
            proc, self.figures.echo_start_s = await start_times(
                api, argv, settings, self.folder / "echo", times
            )
            await asyncio.sleep(self.sizes.settle)
            self.figures.echo_idle_mb = proc.rss_mb()
            if self.wants("replies"):
                updates = UpdateFactory(first_update_id=1)
                people = [user(500_000 + n, f"Orang {n}") for n in range(self.sizes.burst)]

                def messages(who: list[dict[str, Any]]) -> list[dict[str, Any]]:
                    return [updates.message(p, private_chat(p), "progres 40%") for p in who]

                warm = people[: self.sizes.warm_up]
                await burst(api, proc, messages(warm), [p["id"] for p in warm])
                _, queued, cpu = await burst(api, proc, messages(people), [p["id"] for p in people])
                self.figures.echo_cpu_ms = 1000 * cpu / len(people)
                self.figures.echo_rate = len(people) / (max(api.first_at.values()) - queued)
        finally:
            if proc is not None:
                await proc.stop()
            await api.stop()

    async def bot(self) -> None:
        """The bot: start time, idle memory, a burst of replies (Telegram's limits off), then
        a directive published to every member (limits on) and the memory after it."""
        url = await self.databases.fresh("bot")
        await seed(url, self.sizes)
        api = BenchApi()
        await api.start()
        proc = None
        try:
            times = self.sizes.starts if self.wants("start") else 1
            proc, self.figures.start_s = await start_times(
                api, ["-m", "bot"], bot_settings(api, url), self.folder / "bot", times
            )
            await asyncio.sleep(self.sizes.settle)
            self.figures.idle_mb = proc.rss_mb()
            if self.wants("replies"):
                await self._replies(api, proc, url)
            if self.wants("fanout", "memory"):
                await self._fanout(api, proc)
                await asyncio.sleep(self.sizes.settle)
                self.figures.pushed_mb = proc.rss_mb()
        finally:
            if proc is not None:
                await proc.stop()
            await api.stop()

    async def _replies(self, api: BenchApi, proc: Measured, url: str) -> None:
        repliers = Repliers(self.sizes, UpdateFactory(first_update_id=1))
        await burst(api, proc, *repliers.take(self.sizes.warm_up))
        replies, chats = repliers.take(self.sizes.burst)
        before = await last_report(url)
        wall, _, cpu = await burst(api, proc, replies, chats)
        self.figures.cpu_ms = 1000 * cpu / len(replies)
        recorded, last = await replies_recorded(url, before)
        self.figures.recorded = recorded
        self.figures.rate = recorded / max(last - wall, 1e-3)

    async def _fanout(self, api: BenchApi, proc: Measured) -> None:
        api.forget()
        api.limited = True
        try:
            updates = UpdateFactory(first_update_id=100_000)
            codes = [f"OPD{i:02d}" for i in range(1, self.sizes.opds + 1)]
            lines = [  # a directive names at most 20 OPDs: one line per 20
                f"{','.join(codes[at : at + 20])} | 2 minggu | Percepat validasi data {at}"
                for at in range(0, len(codes), 20)
            ]
            command = "/arahan " + "\n".join(lines)
            api.queue([updates.message(ADMIN, private_chat(ADMIN), command)])
            await until(api, lambda: api.delivered[ADMIN_ID] >= 1, proc, 60, "preview")
            preview = api.last_sent[ADMIN_ID]
            press = publish_button(preview)
            members = {
                chat_of(opd, k)
                for opd in range(1, self.sizes.opds + 1)
                for k in range(self.sizes.per_opd)
            }
            api.forget()
            pressed = time.monotonic()
            api.queue([updates.callback(ADMIN, preview, press)])

            def reached() -> bool:
                return len(members & api.delivered.keys()) == len(members)

            await until(api, reached, proc, 30 + 2 * len(members) / 20, "delivery to all")
            times = [api.first_at[chat] for chat in members]
            self.figures.fanout_reached = len(members)
            self.figures.first_delivery_s = min(times) - pressed
            self.figures.fanout_rate = len(members) / (max(times) - pressed)
            self.figures.too_many = api.too_many
        finally:
            api.limited = False

    async def commits(self) -> None:
        """Transactions of the bot for a burst of replies, counted inside the process by
        SQLAlchemy's engine events (bench/counted_bot.py)."""
        url = await self.databases.fresh("commits")
        await seed(url, self.sizes)
        api = BenchApi()
        await api.start()
        counts_file = self.folder / "counts.json"
        settings = bot_settings(api, url) | {"BENCH_COUNTS": str(counts_file)}
        proc = None
        try:
            proc = await started(api, ["-m", "bench.counted_bot"], settings, self.folder / "c")
            repliers = Repliers(self.sizes, UpdateFactory(first_update_id=1))
            await burst(api, proc, *repliers.take(self.sizes.warm_up))
            await asyncio.sleep(1)  # the sender's last marks are written
            before = await counted(proc, counts_file)
            count = self.sizes.counted
            await burst(api, proc, *repliers.take(count))
            await asyncio.sleep(1)
            after = await counted(proc, counts_file)
            self.figures.commits = {
                key: (after.get(key, 0) - before.get(key, 0)) / count
                for key in set(after) | set(before)
            }
        finally:
            if proc is not None:
                await proc.stop()
            await api.stop()

    async def digest(self) -> None:
        """bench/digest.py's measurement: the digest through the service against hand-written
        aggregate SQL on the same province-sized history."""
        from bench import digest as history  # imports the bot's services: only when asked

        history.ARAHAN = self.sizes.digest_arahan
        url = await self.databases.fresh("digest")
        db = Database(url)
        try:
            self.figures.digest = await history_timings(history, db, url, self.sizes)
        finally:
            await db.dispose()

    async def export(self) -> None:
        """bench/export.py's measurement: the export of a province-sized history through the
        file desk, in processes of its own, with a writer and an event-loop probe beside it."""
        from bench import export  # imports the bot's services: only when asked

        url = await self.databases.fresh("export")
        self.figures.export = await asyncio.to_thread(export.measure, url, self.sizes.export_arahan)


async def history_timings(
    history: Any, db: Database, url: str, sizes: Sizes
) -> list[tuple[str, float, float]]:
    """(label, service ms, raw SQL ms) for the whole province and for one cluster."""
    from bot.clock import SystemClock
    from bot.config import Settings
    from bot.env import Env
    from bot.messaging.callbacks import CallbackSigner
    from bot.texts import Texts
    from storage.migrate import upgrade_to_head

    await upgrade_to_head(db.engine)
    await history.seed(db)
    settings = Settings(_env_file=None, BOT_TOKEN=TOKEN, DATABASE_URL=url)  # type: ignore[call-arg, arg-type]
    env = Env(
        db=db, settings=settings, clock=SystemClock(), signer=CallbackSigner("b"), texts=Texts("id")
    )
    return list(await history.compare(db, env, sizes.digest_rounds))


def publish_button(preview: dict[str, Any]) -> str:
    """The callback data of the preview's Terbitkan button."""
    for row in preview.get("reply_markup", {}).get("inline_keyboard", []):
        for button in row:
            if "Terbitkan" in button.get("text", "") or "Publish" in button.get("text", ""):
                return str(button["callback_data"])
    raise BenchFailed(f"no Terbitkan button under the preview: {preview.get('text')}")


async def counted(proc: Measured, path: Path) -> dict[str, int]:
    """The transaction counts so far of a bench.counted_bot process."""
    path.unlink(missing_ok=True)  # noqa: ASYNC240 (a local file)
    os.kill(proc.pid, signal.SIGUSR1)
    for _ in range(500):
        found = _read_counts(path)
        if found is not None:
            return found
        await asyncio.sleep(0.01)
    raise BenchFailed(f"the counted bot wrote no counts:\n{proc.output()[-3000:]}")


def _read_counts(path: Path) -> dict[str, int] | None:
    return dict(json.loads(path.read_text())) if path.exists() else None


def median(values: list[float]) -> float:
    """The median of the values."""
    return statistics.median(values)
