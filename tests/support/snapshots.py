"""Databases and sample Pemdas made once per test session and copied for every test.

A migrated empty database: one SQLite file migrated once and copied per test; on PostgreSQL a
template database (``<run db>_tmpl``) each test's database is created from. The built Pemda,
after ``setup_pemda`` and after ``publish_three``: its database copied the same way, and what
lives outside the database restored with it (the fake Telegram's state and recorded calls, the
update factory's ids, the clock, the sender's pacing), so that a test cannot tell a restored
Pemda from one it built itself. Only a harness nothing has happened to since its start (or
since the stage before) is restored; any other builds as before.
"""

from __future__ import annotations

import asyncio
import copy
import pickle
import shutil
import weakref
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import event, text
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import create_async_engine

from storage.db import create_engine
from storage.migrate import upgrade_to_head
from tests.support.harness import BotHarness

# the stage a harness must be at (with nothing done since) for each stage to be restored
AFTER = {"pemda": "start", "published": "pemda"}
# RecordingRequest attributes that are wiring, not state
WIRING = frozenset({"now", "spec", "_update_event", "poll_waiting"})
# statements that change nothing
READS = frozenset("SELECT SHOW BEGIN COMMIT ROLLBACK SAVEPOINT RELEASE PRAGMA".split())

Keep = Callable[[str, Any], Awaitable[None]]
Build = Callable[[BotHarness, Keep], Awaitable[None]]


# --------------------------------------------------------------------------- databases
async def migrate_sqlite(path: Path) -> None:
    """Create and migrate a SQLite file, complete on disk when this returns."""
    engine = create_engine(f"sqlite+aiosqlite:///{path}")
    try:
        await upgrade_to_head(engine)
    finally:
        await engine.dispose()  # the last connection to close checkpoints the WAL


def copy_sqlite(source: Path, target: Path) -> None:
    """Copy a SQLite database nobody has open (with its WAL, if one was left) over ``target``."""
    for suffix in ("-wal", "-shm"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    shutil.copyfile(source, target)
    if Path(f"{source}-wal").exists():
        shutil.copyfile(f"{source}-wal", f"{target}-wal")


def template_of(database: str) -> str:
    """The migrated empty template of a PostgreSQL database of this run."""
    return f"{database}_tmpl"


async def postgres_admin(server_url: str, *statements: str) -> None:
    """Run statements such as CREATE DATABASE outside a transaction, then disconnect."""
    engine = create_async_engine(server_url, isolation_level="AUTOCOMMIT")
    try:
        async with engine.connect() as conn:
            for sql in statements:
                await conn.execute(text(sql))
    finally:
        await engine.dispose()


async def clone_postgres(server_url: str, source: str, target: str, *, force: bool = False) -> None:
    """Make database ``target`` a copy of ``source``; nobody may be connected to ``source``,
    nor to ``target`` unless ``force`` (which ends those connections)."""
    drop = f'DROP DATABASE IF EXISTS "{target}"' + (" WITH (FORCE)" if force else "")
    await postgres_admin(server_url, drop, f'CREATE DATABASE "{target}" TEMPLATE "{source}"')


async def migrate_postgres(server_url: str, database: str) -> None:
    """Create ``database`` on the server and migrate it."""
    await postgres_admin(
        server_url,
        f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)',
        f'CREATE DATABASE "{database}"',
    )
    engine = create_engine(_on(server_url, database))
    try:
        await upgrade_to_head(engine)
    finally:
        await engine.dispose()


def _on(url: str, database: str) -> str:
    return make_url(url).set(database=database).render_as_string(hide_password=False)


# --------------------------------------------------------------------------- the Pemda
@dataclass(frozen=True)
class Snapshot:
    """One built stage: the copy of its database, and the rest of the world at that moment."""

    database: str  # a SQLite file, or a PostgreSQL database
    world: bytes  # pickled: the fake's state, the update ids, the sender's pacing
    moment: datetime
    result: Any  # what the stage's function returns, as indexes into the recorded calls


@dataclass
class _Watch:
    """What is known about one attached harness: its app, the statements that wrote through
    it, and the stage it was last left at with how it looked then."""

    app: object
    started: datetime
    writes: int = 0
    stage: str = "start"
    looked: tuple[Any, ...] = ()


class Snapshots:
    """This session's migrated databases and built Pemdas (one per database kind)."""

    def __init__(self, folder: Path, postgres_server: str | None) -> None:
        self.folder = folder
        self.postgres_server = postgres_server
        self.restores = 0
        self._migrated: Path | None = None
        self._built: dict[str, tuple[datetime, dict[str, Snapshot]]] = {}
        self._settings: dict[str, Any] | None = None
        self._created: list[str] = []
        self._watches: weakref.WeakKeyDictionary[BotHarness, _Watch] = weakref.WeakKeyDictionary()

    async def empty_sqlite(self, path: Path) -> str:
        """A copy of the session's migrated SQLite file at ``path``; its URL."""
        if self._migrated is None:
            migrated = self.folder / "migrated.db"
            await migrate_sqlite(migrated)
            self._migrated = migrated
        copy_sqlite(self._migrated, path)
        return f"sqlite+aiosqlite:///{path}"

    async def empty_database(self, like: str, name: str) -> str:
        """A new migrated empty database ``name`` of the kind of URL ``like``; its URL."""
        url = make_url(like)
        if url.get_backend_name() == "sqlite":
            return await self.empty_sqlite(self.folder / f"{name}.db")
        assert self.postgres_server is not None and url.database is not None
        database = f"{url.database}_{name}"
        await clone_postgres(self.postgres_server, template_of(url.database), database, force=True)
        self._created.append(database)
        return _on(like, database)

    def attach(self, bot: BotHarness) -> None:
        """Let ``bot``, just started with default settings, be given the built Pemda."""
        bot.snapshots = self
        watch = _Watch(bot.app, bot.started_at)
        event.listen(bot.app.env.db.engine.sync_engine, "before_cursor_execute", _counter(watch))
        watch.looked = self._looks(bot, watch)
        self._watches[bot] = watch

    async def restore(
        self, bot: BotHarness, stage: str, build: Build, *, after: str | None = None
    ) -> Snapshot | None:
        """Give ``bot`` the built ``stage`` if it is at the stage before (or ``after``) with
        nothing done since, else None. The stages are built once, by ``build`` on a harness
        of their own, which hands each stage to ``keep`` as it reaches it."""
        watch = self._watches.get(bot)
        if watch is None or not self._untouched(bot, watch, after or AFTER[stage]):
            return None
        kind = make_url(bot.settings.DATABASE_URL).get_backend_name()
        if kind not in self._built:
            self._built[kind] = (watch.started, await self._build(bot, build))
        started, stages = self._built[kind]
        if started != watch.started or self._settings != _settings(bot):
            return None
        snapshot = stages[stage]
        await self._put(bot, snapshot)
        watch.stage, watch.looked = stage, self._looks(bot, watch)
        self.restores += 1
        return snapshot

    def close(self) -> None:
        """Drop the PostgreSQL databases made for the snapshots."""
        if self._created and self.postgres_server is not None:
            drops = [f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)' for name in self._created]
            asyncio.run(postgres_admin(self.postgres_server, *drops))
        self._created.clear()

    # ---- building
    async def _build(self, like: BotHarness, build: Build) -> dict[str, Snapshot]:
        url = await self.empty_database(like.settings.DATABASE_URL, "build")
        clock = copy.copy(like.clock)
        clock.current = like.started_at
        builder = BotHarness(url, clock)
        await builder.start()
        self._settings = _settings(builder)
        stages: dict[str, Snapshot] = {}

        async def keep(stage: str, result: Any) -> None:
            stages[stage] = await self._take(builder, stage, result)

        try:
            await build(builder, keep)
        finally:
            await builder.stop()
        builder.request.assert_clean()
        return stages

    async def _take(self, builder: BotHarness, stage: str, result: Any) -> Snapshot:
        await builder.app.env.db.dispose()
        url = make_url(builder.settings.DATABASE_URL)
        assert url.database is not None
        if url.get_backend_name() == "sqlite":
            database = str(self.folder / f"{stage}.db")
            copy_sqlite(Path(url.database), Path(database))
        else:  # the builder's database is <run db>_build
            assert self.postgres_server is not None
            database = f"{url.database.removesuffix('_build')}_{stage}"
            await clone_postgres(self.postgres_server, url.database, database)
            self._created.append(database)
        sender = builder.app.sender
        world = {
            "request": {k: v for k, v in vars(builder.request).items() if k not in WIRING},
            "update_ids": builder.updates.next_ids,
            "pacing": sender.pacing.state(),
        }
        return Snapshot(database, pickle.dumps(world), builder.clock.now(), result)

    # ---- restoring
    async def _put(self, bot: BotHarness, snapshot: Snapshot) -> None:
        await bot.app.env.db.dispose()
        url = make_url(bot.settings.DATABASE_URL)
        assert url.database is not None
        if url.get_backend_name() == "sqlite":
            copy_sqlite(Path(snapshot.database), Path(url.database))
        else:
            assert self.postgres_server is not None
            await clone_postgres(self.postgres_server, snapshot.database, url.database)
        world = pickle.loads(snapshot.world)
        for name, value in world["request"].items():
            setattr(bot.request, name, value)
        bot.updates.next_ids = world["update_ids"]
        bot.app.sender.pacing.restore(world["pacing"])
        bot.clock.current = snapshot.moment

    def _untouched(self, bot: BotHarness, watch: _Watch, stage: str) -> bool:
        """Whether ``bot`` is at ``stage`` with nothing done since, alone on its database."""
        return (
            watch.stage == stage
            and bot.app is watch.app
            and bot.alone()
            and self._looks(bot, watch) == watch.looked
        )

    @staticmethod
    def _looks(bot: BotHarness, watch: _Watch) -> tuple[Any, ...]:
        """All that a test can change in a harness, cheaply compared."""
        fake = bot.request
        sender = bot.app.sender
        return (
            watch.writes,
            bot.clock.now(),
            dict(bot.updates.next_ids),
            (len(fake.calls), len(fake.violations), len(fake.downloads)),
            (len(fake._files), len(fake._messages), len(fake._updates)),
            copy.deepcopy((fake.unreachable, fake.migrated, fake.member_status, fake._faults)),
            copy.deepcopy((fake._chats, fake._next_message_id, fake.bot_user)),
            sender.pacing.state(),
            (copy.copy(sender.limits), sender.in_flight),
        )


def _settings(bot: BotHarness) -> dict[str, Any]:
    return bot.settings.model_dump(exclude={"DATABASE_URL"})


def _counter(watch: _Watch) -> Callable[..., None]:
    """A listener counting the statements that may write."""

    def count(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        words = statement.split(None, 1)
        if not words or words[0].upper() not in READS:
            watch.writes += 1

    return count
