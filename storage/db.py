"""The engine, the session factory and the unit of work that services commit through.

A unit of work is one transaction. The update pipeline opens one per update and commits the
update's effects, its outbox rows and its inbox mark together; the scheduler's tick and the
sender open their own.
"""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)


@dataclass(frozen=True)
class UpdateRef:
    """The inbox update a unit of work handles: its id and when the inbox first stored it
    (with the id, it names this update even if Telegram reuses the id later)."""

    update_id: int
    stored_at: int = 0


POOL_RECYCLE_SECONDS = 300
"""PostgreSQL connections older than this are replaced at checkout (well under common idle
timeouts of servers, poolers and firewalls)."""


class UpdateAlreadyHandled(Exception):
    """Another process handled this update first; this unit's effects were rolled back."""


def create_engine(url: str | URL, *, reader: bool = False) -> AsyncEngine:
    """Create the async engine; on SQLite, make the folder and turn on foreign keys and WAL.
    A ``reader`` engine's transactions on SQLite begin without taking the write lock (a long
    read then holds no writer up; WAL gives it a snapshot of the database)."""
    parsed = make_url(url)
    kwargs: dict[str, Any] = {}
    if parsed.get_backend_name() == "sqlite":
        db = parsed.database
        if db and db != ":memory:":
            Path(db).parent.mkdir(parents=True, exist_ok=True)
        kwargs["connect_args"] = {"timeout": 30}
        if parsed.drivername == "sqlite+aiosqlite":
            from storage import sqlite_driver  # registers the one-trip driver

            url = parsed.set(drivername=sqlite_driver.NAME.replace(".", "+"))
    else:
        # no ping (a BEGIN/ROLLBACK round trip) at every checkout: connections are replaced
        # before a server or firewall drops them for idleness instead
        kwargs["pool_recycle"] = POOL_RECYCLE_SECONDS
        # the bot's queries are short: PostgreSQL's JIT compiler, which starts on queries it
        # estimates as costly, spent 240 ms compiling a 60 ms digest query
        if parsed.drivername == "postgresql+asyncpg":
            kwargs["connect_args"] = {"server_settings": {"jit": "off"}}
    engine = create_async_engine(url, **kwargs)
    if parsed.get_backend_name() == "sqlite":

        @event.listens_for(engine.sync_engine, "connect")
        def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
            # SQLAlchemy's recipe: the driver must not begin transactions itself ...
            dbapi_conn.isolation_level = None
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute("PRAGMA journal_mode=WAL")
            # in WAL mode NORMAL is safe against a crash of the bot (not of the machine)
            cur.execute("PRAGMA synchronous=NORMAL")
            cur.execute("PRAGMA busy_timeout=30000")
            cur.close()

        @event.listens_for(engine.sync_engine, "begin")
        def _sqlite_begin(conn: Any) -> None:
            # ... so that each unit of work takes the write lock up front: a check-then-write
            # (an invite redeemed, a draft published) cannot interleave with another writer.
            # Straight to the driver's connection: one trip to aiosqlite's thread, where a
            # statement through SQLAlchemy costs three (cursor, execute, close).
            conn.connection.dbapi_connection.execute("BEGIN" if reader else "BEGIN IMMEDIATE")

    return engine


class UnitOfWork:
    """One transaction. Services read and write through ``session``; whoever opened the unit
    (the update pipeline, the scheduler's tick, the sender) commits it, once."""

    def __init__(
        self, session: AsyncSession, now: datetime, update: UpdateRef | None = None
    ) -> None:
        self.session = session
        self.now = now
        self.update = update
        self._keys = 0
        # a file was asked for (bot.features.berkas): the file desk is woken after the commit
        self.files_asked = False

    def once_key(self, prefix: str) -> str:
        """An outbox key for a message this unit causes: for an update, the same on a replay
        of that update (so nothing is sent twice); otherwise unique."""
        if self.update is None:
            return f"{prefix}:{uuid.uuid4().hex}"
        self._keys += 1
        return f"{prefix}:{self.update.update_id}.{self.update.stored_at}:{self._keys}"

    async def commit(self) -> None:
        """Commit the transaction."""
        await self.session.commit()

    async def rollback(self) -> None:
        """Drop everything written so far (the unit stays usable for what comes next)."""
        await self.session.rollback()
        self._keys = 0


class Database:
    """Owns the engine and hands out units of work."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.engine = create_engine(url)
        self._sessions = async_sessionmaker(self.engine, expire_on_commit=False)
        # SQLite has one writer at a time and every unit begins IMMEDIATE: queue the units of
        # this process here instead of letting SQLite's busy handler sleep between retries
        self._sqlite_turn = asyncio.Lock() if self.engine.dialect.name == "sqlite" else None
        self._open: set[asyncio.Task[Any] | None] = set()
        self._reader: AsyncEngine | None = None  # what `reading` binds to, made on first use

    @property
    def is_postgres(self) -> bool:
        """True on PostgreSQL, where claims can use SKIP LOCKED."""
        return self.engine.dialect.name == "postgresql"

    @asynccontextmanager
    async def unit(
        self, now: datetime | None = None, update: UpdateRef | None = None
    ) -> AsyncIterator[UnitOfWork]:
        """Open a unit of work; it rolls back unless committed.

        Units must not nest: a second unit inside the first would commit on its own (and on
        SQLite wait forever for the first's write lock), so that is refused at once."""
        task = asyncio.current_task()
        if task in self._open:
            raise RuntimeError("a unit of work is already open in this task")
        self._open.add(task)
        try:
            if self._sqlite_turn is None:
                async with self._sessions() as session:
                    yield UnitOfWork(session, now or datetime.now(UTC), update)
                return
            async with self._sqlite_turn, self._sessions() as session:
                yield UnitOfWork(session, now or datetime.now(UTC), update)
        finally:
            self._open.discard(task)

    @asynccontextmanager
    async def reading(self, now: datetime | None = None) -> AsyncIterator[UnitOfWork]:
        """A unit that only reads, for long reads (an export of a province's history): it sees
        one consistent snapshot and holds no writer up — on SQLite it takes neither the write
        lock nor this process's turn, on PostgreSQL it is a read-only REPEATABLE READ
        transaction. Never committed."""
        if self._reader is None:
            self._reader = (
                self.engine.execution_options(  # the same pool, these options per checkout
                    isolation_level="REPEATABLE READ", postgresql_readonly=True
                )
                if self._sqlite_turn is None
                else create_engine(self.url, reader=True)
            )
        async with self._sessions(bind=self._reader) as session:
            try:
                yield UnitOfWork(session, now or datetime.now(UTC))
            finally:
                await session.rollback()

    async def dispose(self) -> None:
        """Close every pooled connection."""
        await self.engine.dispose()
        if self._reader is not None and self._sqlite_turn is not None:  # SQLite's own engine
            await self._reader.dispose()
