"""Shared fixtures: a fake clock, databases (SQLite always, PostgreSQL with TEST_POSTGRES_URL),
and a ``bot`` harness running the real Application against the recording fake of Telegram."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

from tests.support.harness import BotHarness

POSTGRES_URL = os.environ.get("TEST_POSTGRES_URL")
START = datetime(2026, 11, 23, 1, 0, tzinfo=UTC)  # Monday 08:00 WIB


class FakeClock:
    """A clock the test moves by hand; ``sleep`` advances it instead of waiting."""

    def __init__(self, start: datetime = START) -> None:
        self.current = start

    def now(self) -> datetime:
        """The chosen moment."""
        return self.current

    def advance(self, **delta: float) -> None:
        """Move time forward."""
        self.current += timedelta(**delta)

    async def sleep(self, seconds: float) -> None:
        """Pretend to wait: time moves, nothing sleeps."""
        self.current += timedelta(seconds=seconds)


@pytest.fixture
def clock() -> FakeClock:
    """A fresh fake clock at Monday 23 November 2026, 08:00 WIB."""
    return FakeClock()


async def _reset_postgres(url: str) -> None:
    engine = create_async_engine(url)
    async with engine.begin() as conn:
        await conn.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
        await conn.execute(text("CREATE SCHEMA public"))
    await engine.dispose()


@pytest.fixture(params=["sqlite", "postgres"])
async def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[str]:
    """An empty database: a SQLite file, or the PostgreSQL test database wiped clean."""
    if request.param == "sqlite":
        yield f"sqlite+aiosqlite:///{tmp_path / 'bot.db'}"
        return
    if not POSTGRES_URL:
        pytest.skip("TEST_POSTGRES_URL not set")
    await _reset_postgres(POSTGRES_URL)
    yield POSTGRES_URL


@pytest.fixture
async def bot(database_url: str, clock: FakeClock) -> AsyncIterator[BotHarness]:
    """The real Application, started, with admin 1001 bootstrapped, ready for updates."""
    harness = BotHarness(database_url, clock)
    await harness.start()
    try:
        yield harness
    finally:
        await harness.stop()
    harness.request.assert_clean()


@pytest.fixture
def no_env_file(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[None]:
    """Run in an empty folder with no bot settings in the environment."""
    monkeypatch.chdir(tmp_path)
    for name in list(os.environ):
        if name in {"BOT_TOKEN", "DATABASE_URL", "ADMIN_IDS", "TIMEZONE", "LANGUAGE"}:
            monkeypatch.delenv(name)
    yield
