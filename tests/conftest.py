"""Shared fixtures: a fake clock, databases (SQLite always, PostgreSQL with TEST_POSTGRES_URL),
and a ``bot`` harness running the real Application against the recording fake of Telegram.
Also the Hypothesis profiles every property test runs under."""

from __future__ import annotations

import asyncio
import os
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from sqlalchemy.engine import make_url

from tests.support.harness import BotHarness
from tests.support.snapshots import (
    Snapshots,
    clone_postgres,
    migrate_postgres,
    postgres_admin,
    template_of,
)

# Hypothesis: one place for its settings. A test that deliberately needs more or fewer examples
# says only that (``@settings(max_examples=N)``) and inherits the rest from the loaded profile.
# "default" (local runs) keeps Hypothesis's example database, so a failure found once is tried
# first next time; "ci" (HYPOTHESIS_PROFILE=ci, set by .ci/run) draws the same examples on
# every run, so a red build can be reproduced. Loaded here, before any test module is imported.
settings.register_profile(
    "default",
    max_examples=100,
    deadline=None,  # a slow example on a busy machine is not a failure
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile("ci", settings.get_profile("default"), derandomize=True, database=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))

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


async def fresh_postgres(url: str) -> None:
    """Make this run's PostgreSQL database again from its migrated empty template."""
    assert POSTGRES_URL is not None
    name = make_url(url).database
    assert name is not None
    await clone_postgres(POSTGRES_URL, template_of(name), name, force=True)


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str | None]:
    """A database of this test run's own on the TEST_POSTGRES_URL server (so two runs at
    once do not wipe each other's tables), and its template, migrated once; dropped at the
    end."""
    if not POSTGRES_URL:
        yield None
        return
    name = f"{make_url(POSTGRES_URL).database}_run{os.getpid()}"
    asyncio.run(migrate_postgres(POSTGRES_URL, template_of(name)))
    asyncio.run(clone_postgres(POSTGRES_URL, template_of(name), name, force=True))
    yield make_url(POSTGRES_URL).set(database=name).render_as_string(hide_password=False)
    drops = (f'DROP DATABASE IF EXISTS "{db}" WITH (FORCE)' for db in (name, template_of(name)))
    asyncio.run(postgres_admin(POSTGRES_URL, *drops))


@pytest.fixture(scope="session")
def snapshots(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Snapshots]:
    """This session's migrated empty SQLite file and built Pemdas, copied per test."""
    store = Snapshots(tmp_path_factory.mktemp("snapshots"), POSTGRES_URL)
    yield store
    store.close()


@pytest.fixture(params=["sqlite", "postgres"])
async def database_url(
    request: pytest.FixtureRequest, tmp_path: Path, postgres_url: str | None, snapshots: Snapshots
) -> AsyncIterator[str]:
    """An empty migrated database of the test's own: a copy of the session's SQLite file, or
    this run's PostgreSQL database made again from its template."""
    if request.param == "sqlite":
        yield await snapshots.empty_sqlite(tmp_path / "bot.db")
        return
    if not postgres_url:
        pytest.skip("TEST_POSTGRES_URL not set")
    await fresh_postgres(postgres_url)
    yield postgres_url


@pytest.fixture
async def bot(
    database_url: str, clock: FakeClock, snapshots: Snapshots
) -> AsyncIterator[BotHarness]:
    """The real Application, started, with admin 1001 bootstrapped, ready for updates; given
    the session's built Pemda by ``setup_pemda`` and ``publish_three`` (tests/support/pemda.py)."""
    harness = BotHarness(database_url, clock)
    await harness.start()
    snapshots.attach(harness)
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
