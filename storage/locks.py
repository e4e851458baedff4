"""Locks shared by every process of one deployment: PostgreSQL advisory locks.

Two are used. The start-up lock is held while a process migrates the database and sets up its
own rows (so processes started at once on an empty database take turns); the sender lock is
held by the one process that sends (so Telegram's per-bot limits hold however many processes
run). Both are session locks on a connection of their own: if the process dies, PostgreSQL
ends the session and the lock goes with it. SQLite serves one process, which always holds the
sender lock; its start-up lock is a file lock, for processes started at once by mistake.
"""

from __future__ import annotations

import asyncio
import logging
import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from types import ModuleType

from sqlalchemy import make_url, text
from sqlalchemy.ext.asyncio import AsyncConnection

from storage.db import Database

fcntl: ModuleType | None
try:
    import fcntl
except ImportError:  # not on Windows: one process per database there
    fcntl = None

log = logging.getLogger(__name__)

# advisory lock keys of this application (any fixed 64-bit numbers, the same in every process)
START_LOCK = 7_240_001
SENDER_LOCK = 7_240_002
START_LOCK_POLL = 0.05  # seconds between tries of the SQLite start-up lock


@asynccontextmanager
async def held_while_starting(db: Database) -> AsyncIterator[None]:
    """Wait for, hold and release the start-up lock."""
    if not db.is_postgres:
        async with _sqlite_start_lock(db):
            yield
        return
    async with db.engine.connect() as conn:
        await conn.execute(text("SELECT pg_advisory_lock(:key)"), {"key": START_LOCK})
        await conn.commit()
        try:
            yield
        finally:
            await conn.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": START_LOCK})
            await conn.commit()


@asynccontextmanager
async def _sqlite_start_lock(db: Database) -> AsyncIterator[None]:
    """On SQLite, the start-up lock is a file lock beside the database file (``….start-lock``):
    processes started at once on a new file take turns to migrate and set up, instead of
    racing for SQLite's write lock in the middle of a migration. Each holder opens the file
    anew, so starts within one process take turns too; the lock goes with the process."""
    path = make_url(db.url).database
    if fcntl is None or not path or path == ":memory:":
        yield
        return
    fd = os.open(f"{path}.start-lock", os.O_RDWR | os.O_CREAT, 0o600)
    try:
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                await asyncio.sleep(START_LOCK_POLL)
        try:
            yield
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


class SessionLock:
    """A lock held for the life of the process on a connection of its own, taken without
    waiting; ``still_held`` notices when that connection (and so the lock) was lost."""

    def __init__(self, db: Database, key: int) -> None:
        self.db = db
        self.key = key
        self._conn: AsyncConnection | None = None
        self.backend_pid: int | None = None
        """The PostgreSQL session holding the lock (what a test ends to play a dead process)."""

    @property
    def held(self) -> bool:
        """Whether this process believes it holds the lock."""
        return self._conn is not None or (not self.db.is_postgres and self.backend_pid == 0)

    async def try_take(self) -> bool:
        """Take the lock if nobody holds it; True if this process holds it now."""
        if not self.db.is_postgres:
            self.backend_pid = 0
            return True
        if self._conn is not None:
            return await self.still_held()
        conn = await self.db.engine.connect()
        try:
            taken = await conn.scalar(text("SELECT pg_try_advisory_lock(:key)"), {"key": self.key})
            pid = await conn.scalar(text("SELECT pg_backend_pid()"))
            await conn.commit()
        except Exception:
            await self._close(conn)
            raise
        if not taken:
            await self._close(conn)
            return False
        self._conn, self.backend_pid = conn, int(pid or 0)
        return True

    async def still_held(self) -> bool:
        """True while the lock's connection is alive (it is the session that owns the lock)."""
        if not self.db.is_postgres:
            return True
        if self._conn is None:
            return False
        try:
            await self._conn.scalar(text("SELECT 1"))
            await self._conn.commit()
            return True
        except Exception:
            log.warning("koneksi kunci %s terputus: kunci dilepas", self.key)
            conn, self._conn = self._conn, None
            await self._end(conn)
            return False

    async def release(self) -> None:
        """Give the lock up (closing its connection ends the session and the lock)."""
        conn, self._conn = self._conn, None
        if conn is not None:
            await self._end(conn)

    @staticmethod
    async def _close(conn: AsyncConnection) -> None:
        """Give a connection that holds no lock back to the pool."""
        try:
            await conn.close()
        except Exception:  # the session is gone already
            log.debug("koneksi kunci sudah tertutup", exc_info=True)

    @staticmethod
    async def _end(conn: AsyncConnection) -> None:
        """End the session itself (not back to the pool, where the lock would live on)."""
        try:
            await conn.invalidate()
            await conn.close()
        except Exception:  # the session is gone already; so is its lock
            log.debug("koneksi kunci sudah tertutup", exc_info=True)
