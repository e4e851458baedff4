"""The engine, the session factory and the unit of work that services commit through.

A unit of work is one transaction. When it runs while an inbox update is being handled, its
commit also marks that update handled, so the effects of an update and the mark are atomic.
"""

from __future__ import annotations

import asyncio
import contextvars
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import event, update
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)

from storage.models import InboxUpdate


@dataclass
class HandlingUpdate:
    """The inbox update being handled in this task, and what handling it has done so far."""

    update_id: int
    # when the inbox first stored it: with the id, it names this update even if Telegram
    # reuses the id later (replays of the same stored update keep it)
    stored_at: int = 0
    marked: bool = False
    outcome: str = "ditangani"
    failed: bool = False
    effects: list[str] = field(default_factory=list)


current_update: contextvars.ContextVar[HandlingUpdate | None] = contextvars.ContextVar(
    "current_update", default=None
)


class UpdateAlreadyHandled(Exception):
    """Another process handled this update first; this unit's effects were rolled back."""


def create_engine(url: str) -> AsyncEngine:
    """Create the async engine; on SQLite, make the folder and turn on foreign keys and WAL."""
    parsed = make_url(url)
    kwargs: dict[str, Any] = {}
    if parsed.get_backend_name() == "sqlite":
        db = parsed.database
        if db and db != ":memory:":
            Path(db).parent.mkdir(parents=True, exist_ok=True)
        kwargs["connect_args"] = {"timeout": 30}
    else:
        kwargs["pool_pre_ping"] = True
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
            conn.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


class UnitOfWork:
    """One transaction; repositories and services use ``session``, only ``commit`` ends it."""

    def __init__(self, session: AsyncSession, now: datetime) -> None:
        self.session = session
        self.now = now

    async def commit(self) -> None:
        """Commit, marking the inbox update being handled (if any) in the same transaction."""
        handling = current_update.get()
        if handling is not None and not handling.marked:
            result = await self.session.execute(
                update(InboxUpdate)
                .where(
                    InboxUpdate.update_id == handling.update_id,
                    InboxUpdate.handled_at.is_(None),
                )
                .values(handled_at=self.now, outcome=handling.outcome[:200])
            )
            if getattr(result, "rowcount", 1) != 1:
                await self.session.rollback()
                raise UpdateAlreadyHandled(handling.update_id)
        await self.session.commit()
        if handling is not None:
            handling.marked = True


class Database:
    """Owns the engine and hands out units of work."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.engine = create_engine(url)
        self._sessions = async_sessionmaker(self.engine, expire_on_commit=False)
        # SQLite has one writer at a time and every unit begins IMMEDIATE: queue the units of
        # this process here instead of letting SQLite's busy handler sleep between retries
        self._sqlite_turn = asyncio.Lock() if self.engine.dialect.name == "sqlite" else None

    @property
    def is_postgres(self) -> bool:
        """True on PostgreSQL, where claims can use SKIP LOCKED."""
        return self.engine.dialect.name == "postgresql"

    @asynccontextmanager
    async def unit(self, now: datetime | None = None) -> AsyncIterator[UnitOfWork]:
        """Open a unit of work; it rolls back unless committed. Units must not nest."""
        if self._sqlite_turn is None:
            async with self._sessions() as session:
                yield UnitOfWork(session, now or datetime.now(UTC))
            return
        async with self._sqlite_turn, self._sessions() as session:
            yield UnitOfWork(session, now or datetime.now(UTC))

    async def dispose(self) -> None:
        """Close every pooled connection."""
        await self.engine.dispose()
