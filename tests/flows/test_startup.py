"""Start-up: any number of processes may start at once on an empty database (migrations and
the ADMIN_IDS bootstrap take turns under the start-up lock), and a brand-new database starts
quietly (schedules from before it existed are neither run nor reported as missed)."""

from __future__ import annotations

import asyncio
import fcntl
import logging
import os
from collections.abc import AsyncIterator
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy.engine import make_url

from bot.domain.roles import ButtonKind
from storage.db import Database
from storage.locks import held_while_starting
from storage.models import BotState, Member, ScheduledRun
from tests.conftest import POSTGRES_URL, FakeClock
from tests.support.harness import ADMIN_ID, BotHarness
from tests.support.snapshots import postgres_admin

WIB = ZoneInfo("Asia/Jakarta")


@pytest.fixture(params=["sqlite", "postgres"])
async def empty_url(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[str]:
    """A database nobody has migrated yet: a new SQLite file, or a new PostgreSQL database."""
    if request.param == "sqlite":
        yield f"sqlite+aiosqlite:///{tmp_path / 'baru.db'}"
        return
    if not POSTGRES_URL:
        pytest.skip("TEST_POSTGRES_URL not set")
    name = f"{make_url(POSTGRES_URL).database}_baru{os.getpid()}"
    drop = f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'
    await postgres_admin(POSTGRES_URL, drop, f'CREATE DATABASE "{name}"')
    yield make_url(POSTGRES_URL).set(database=name).render_as_string(hide_password=False)
    await postgres_admin(POSTGRES_URL, drop)


async def test_three_processes_start_at_once_on_an_empty_database(
    empty_url: str, clock: FakeClock
) -> None:
    processes = [BotHarness(empty_url, clock) for _ in range(3)]
    for p in processes[1:]:
        p.updates = processes[0].updates  # one Telegram: update ids are not reused
    try:
        results = await asyncio.gather(*(p.start() for p in processes), return_exceptions=True)
        assert [r for r in results if isinstance(r, BaseException)] == []
        admins = await processes[0].rows(Member, Member.telegram_id == ADMIN_ID)
        assert len(admins) == 1 and admins[0].peran == "admin" and admins[0].via_admin_ids
        secrets = await processes[0].rows(BotState, BotState.key == "callback_secret")
        assert len(secrets) == 1
        # all three sign buttons with the one secret of the deployment
        made = {p.app.env.signer.make(ButtonKind.DRAF, "pub", 7) for p in processes}
        assert len(made) == 1
        # and all three can serve the admin
        for p in processes:
            calls = await p.say(p.admin, "/bantuan")
            assert any("/undang" in (c.text or "") for c in calls)
    finally:
        for p in processes:
            await p.stop()


async def test_a_brand_new_database_starts_quietly(
    database_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    # first start on Wednesday 25 November 10:00 WIB: Monday's push, the daily checks and
    # last Friday's digest happened before this database existed
    clock = FakeClock(datetime(2026, 11, 25, 10, 0, tzinfo=WIB))
    bot = BotHarness(database_url, clock)
    await bot.start()
    try:
        caplog.set_level(logging.INFO)
        calls = await bot.tick()
        assert [c for c in calls if c.method == "sendMessage"] == []
        assert "terlewat" not in caplog.text
        assert await bot.rows(ScheduledRun) == []
        # what falls due after the first start runs as usual: Thursday's daily check
        await bot.tick(datetime(2026, 11, 26, 8, 0, tzinfo=WIB))
        runs = {(r.jenis, r.occurrence): r.state for r in await bot.rows(ScheduledRun)}
        assert runs == {
            ("harian", "2026-11-26T08:00"): "selesai",
            ("retensi", "2026-11-26T03:30"): "selesai",  # the nightly purge (housekeeping)
        }
        # a later restart does not move the start of the database's history
        await bot.restart()
        caplog.clear()
        await bot.tick(datetime(2026, 11, 26, 9, 0, tzinfo=WIB))
        assert "terlewat" not in caplog.text
        assert len(await bot.rows(ScheduledRun)) == 2
    finally:
        await bot.stop()
    bot.request.assert_clean()


async def test_a_database_in_use_before_still_reports_what_it_missed(
    database_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    clock = FakeClock(datetime(2026, 11, 25, 10, 0, tzinfo=WIB))
    bot = BotHarness(database_url, clock)
    await bot.start()
    try:
        # the database has a history from before (an audit record from the previous week)
        clock.current = datetime(2026, 11, 16, 10, 0, tzinfo=WIB)
        await bot.say(bot.admin, "/opd_tambah DINKES | Dinas Kesehatan | 1")
        clock.current = datetime(2026, 11, 25, 10, 0, tzinfo=WIB)
        caplog.set_level(logging.INFO)
        await bot.tick()
        assert "terlewat" in caplog.text
        runs = {(r.jenis, r.occurrence): r.state for r in await bot.rows(ScheduledRun)}
        assert runs[("mingguan", "2026-11-23T08:00")] == "terlewat"
    finally:
        await bot.stop()
    bot.request.assert_clean()


async def test_on_sqlite_starts_take_turns_through_a_file_lock(tmp_path: Path) -> None:
    """Two starts on one SQLite file: the second waits until the first has finished its
    start-up work (migrating, the secret, the bootstrap) instead of racing it."""
    url = f"sqlite+aiosqlite:///{tmp_path / 'bot.db'}"
    first, second = Database(url), Database(url)
    order: list[str] = []
    inside = asyncio.Event()
    leave = asyncio.Event()

    async def start(db: Database, name: str, hold: bool) -> None:
        async with held_while_starting(db):
            order.append(f"{name} masuk")
            if hold:
                inside.set()
                await leave.wait()
            order.append(f"{name} keluar")

    try:
        holding = asyncio.create_task(start(first, "pertama", True))
        await inside.wait()
        waiting = asyncio.create_task(start(second, "kedua", False))
        # while the first holds it, nobody else can take the lock file
        probe = os.open(tmp_path / "bot.db.start-lock", os.O_RDWR)
        try:
            with pytest.raises(BlockingIOError):
                fcntl.flock(probe, fcntl.LOCK_EX | fcntl.LOCK_NB)
        finally:
            os.close(probe)
        leave.set()
        await asyncio.gather(holding, waiting)
    finally:
        await first.dispose()
        await second.dispose()
    assert order == ["pertama masuk", "pertama keluar", "kedua masuk", "kedua keluar"]
