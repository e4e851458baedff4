"""The Pemda's own calendar (issue 15, point 5): EXTRA_HOLIDAYS (a local day off such as the
kabupaten's anniversary) and EXTRA_WORKING_DAYS are seen by every "is this a working day"
question — the weekly push, the daily deadline check, the deadline flags — and the holiday
data's horizon is warned about at start and by `check` through one function."""

from __future__ import annotations

import logging
from datetime import UTC, date, datetime

import pytest

from bot.config import SettingsError, load_settings
from bot.domain.kalender import Kalender, cuti_bersama, missing_cuti_bersama
from bot.features.reminders import service
from bot.features.reporting.views import holiday_note
from bot.texts import Texts
from storage.models import ScheduledRun
from storage.states import RunState
from tests.conftest import FakeClock
from tests.services.conftest import Store, env_of
from tests.services.test_reminders import WIB, local, outbox, seed
from tests.support.harness import BotHarness

ANNIVERSARY = date(2026, 11, 23)  # Monday: the kabupaten's anniversary, a local day off
SATURDAY = date(2026, 11, 28)  # worked in exchange for a cuti bersama


# --------------------------------------------------------------------------- the calendar
def test_extra_days_change_what_the_calendar_answers() -> None:
    national = Kalender()
    local_ = Kalender(
        extra_holidays=[ANNIVERSARY], extra_working_days=[SATURDAY, date(2026, 12, 25)]
    )
    assert not national.is_off(ANNIVERSARY) and local_.is_off(ANNIVERSARY)
    assert local_.holiday_name(ANNIVERSARY) == "Libur daerah"
    assert national.is_off(SATURDAY) and not local_.is_off(SATURDAY)
    # a national holiday the Pemda works is a working day without a holiday name
    assert national.holiday_name(date(2026, 12, 25)) is not None
    assert local_.holiday_name(date(2026, 12, 25)) is None
    assert local_.is_working_day(date(2026, 12, 25))
    # Sunday 22 → Monday 23 is off → Tuesday 24; Friday 27 → Saturday 28 is worked
    assert local_.next_working_day(date(2026, 11, 22)) == date(2026, 11, 24)
    assert local_.next_working_day(date(2026, 11, 28)) == SATURDAY
    assert local_.previous_working_day(date(2026, 11, 24)) == date(2026, 11, 20)
    assert local_.previous_working_day(date(2026, 11, 30)) == SATURDAY
    # WORKING_DAYS_ONLY=false: every day is a working day, the flags stay
    everyday = Kalender(False, extra_holidays=[ANNIVERSARY])
    assert everyday.is_working_day(ANNIVERSARY) and everyday.is_off(ANNIVERSARY)


@pytest.mark.parametrize("name", ["EXTRA_HOLIDAYS", "EXTRA_WORKING_DAYS"])
@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("", []),
        ("2026-11-23", [ANNIVERSARY]),
        (" 2026-12-31 , 2026-11-23,2026-11-23 ", [ANNIVERSARY, date(2026, 12, 31)]),
    ],
)
def test_extra_days_are_read_as_comma_separated_iso_dates(
    monkeypatch: pytest.MonkeyPatch, name: str, typed: str, expected: list[date]
) -> None:
    monkeypatch.setenv(name, typed)
    assert getattr(load_settings(_env_file=None), name) == expected


@pytest.mark.parametrize(
    ("name", "typed", "says"),
    [
        ("EXTRA_HOLIDAYS", "23-11-2026", "'23-11-2026' bukan tanggal YYYY-MM-DD"),
        ("EXTRA_HOLIDAYS", "2026-11-23;2026-12-31", "bukan tanggal YYYY-MM-DD"),
        ("EXTRA_WORKING_DAYS", "2026-02-30", "'2026-02-30' bukan tanggal YYYY-MM-DD"),
        ("EXTRA_WORKING_DAYS", "sabtu", "'sabtu' bukan tanggal YYYY-MM-DD"),
    ],
)
def test_a_date_written_another_way_is_one_clear_line(
    monkeypatch: pytest.MonkeyPatch, name: str, typed: str, says: str
) -> None:
    monkeypatch.setenv(name, typed)
    with pytest.raises(SettingsError) as caught:
        load_settings(_env_file=None)
    message = str(caught.value)
    assert message.splitlines() == [message]
    assert message.startswith(f"Pengaturan {name} tidak valid: ") and says in message


def test_a_day_both_off_and_worked_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EXTRA_HOLIDAYS", "2026-11-23")
    monkeypatch.setenv("EXTRA_WORKING_DAYS", "2026-11-28,2026-11-23")
    with pytest.raises(SettingsError) as caught:
        load_settings(_env_file=None)
    assert str(caught.value) == (
        "Pengaturan EXTRA_WORKING_DAYS tidak valid: 2026-11-23 juga ada di EXTRA_HOLIDAYS: "
        "pilih salah satu"
    )


# --------------------------------------------------------------------------- the schedules
async def test_the_weekly_push_on_a_local_day_off_goes_out_the_next_working_day(
    store: Store,
) -> None:
    pemda = await seed(store)
    env = env_of(store, EXTRA_HOLIDAYS=[ANNIVERSARY])
    store.now = local(23, 8)
    assert await service.run_due(env, store.now) == 0
    runs = {(r.jenis, r.occurrence): r.state for r in await store.rows(ScheduledRun)}
    assert runs[("harian", "2026-11-23T08:00")] == RunState.LIBUR
    assert ("mingguan", "2026-11-23T08:00") not in runs
    assert await outbox(store) == []
    # Tuesday 08:00: Monday's push, under its own occurrence, and Tuesday's check
    store.now = local(24, 8)
    assert await service.run_due(env, store.now) > 0
    pushed = {
        member for key, member, _ in await outbox(store) if key.startswith("pengingat:mingguan:")
    }
    keys = {key.rsplit(":", 2)[0] for key, _, _ in await outbox(store)}
    assert "pengingat:mingguan:2026-11-23T08:00" in keys
    assert pemda.kepala_dinkes in pushed and pemda.kepala_bappeda in pushed


async def test_a_saturday_the_pemda_works_gets_its_daily_check(store: Store) -> None:
    pemda = await seed(store)
    env = env_of(store, EXTRA_WORKING_DAYS=[SATURDAY])
    store.now = local(27, 8)
    await service.run_due(env, store.now)  # Friday's check
    before = await outbox(store)
    store.now = local(28, 8)
    assert await service.run_due(env, store.now) > 0
    runs = {(r.jenis, r.occurrence): r.state for r in await store.rows(ScheduledRun)}
    assert runs[("harian", "2026-11-28T08:00")] == RunState.SELESAI
    saturday = [row for row in await outbox(store) if row not in before]
    assert {key.rsplit(":", 2)[0] for key, _, _ in saturday} == {"pengingat:harian:2026-11-28"}
    assert pemda.kepala_dinkes in {member for _, member, _ in saturday}


async def test_a_deadline_reminder_due_on_a_local_day_off_comes_the_working_day_before(
    store: Store,
) -> None:
    """No. 1 is due Thursday 26 November; its H-1 (Wednesday) is a local day off: Thursday's
    check says it is due today, and Wednesday sends nothing."""
    pemda = await seed(store)
    env = env_of(store, EXTRA_HOLIDAYS=[date(2026, 11, 25)])
    store.now = local(24, 8)
    await service.run_due(env, store.now)
    before = await outbox(store)
    store.now = local(25, 8)
    assert await service.run_due(env, store.now) == 0
    runs = {(r.jenis, r.occurrence): r.state for r in await store.rows(ScheduledRun)}
    assert runs[("harian", "2026-11-25T08:00")] == RunState.LIBUR
    assert await outbox(store) == before
    store.now = local(26, 8)
    await service.run_due(env, store.now)
    thursday = [row for row in await outbox(store) if row not in before]
    assert pemda.kepala_dinkes in {member for _, member, _ in thursday}


def test_deadline_flags_name_the_local_day_off_and_not_a_worked_saturday(store: Store) -> None:
    env = env_of(store, EXTRA_HOLIDAYS=[ANNIVERSARY], EXTRA_WORKING_DAYS=[SATURDAY])
    assert holiday_note(env, ANNIVERSARY) == " (hari libur: Libur daerah)"
    assert holiday_note(env, SATURDAY) == ""
    assert holiday_note(env, date(2026, 11, 29)) == " (akhir pekan)"
    english = env_of(store, Texts("en"), EXTRA_HOLIDAYS=[ANNIVERSARY], LANGUAGE="en")
    assert holiday_note(english, ANNIVERSARY) == " (holiday: Local holiday)"


# --------------------------------------------------------------------------- the horizon
def test_the_horizon_names_the_years_the_package_does_not_know() -> None:
    assert missing_cuti_bersama(date(2026, 6, 1)) == []
    if cuti_bersama(2028):
        pytest.skip("this holidays package already knows 2028")
    assert missing_cuti_bersama(date(2027, 6, 1)) == [2028]
    assert missing_cuti_bersama(date(2028, 1, 2)) == [2028, 2029]


async def test_the_start_up_log_warns_once_when_the_holiday_data_ends(
    database_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    if cuti_bersama(2028):
        pytest.skip("this holidays package already knows 2028")
    caplog.set_level(logging.WARNING)
    bot = BotHarness(database_url, FakeClock(datetime(2027, 6, 1, 1, 0, tzinfo=UTC)))
    await bot.start()
    try:
        lines = [r for r in caplog.records if "hari libur" in r.getMessage()]
        assert len(lines) == 1 and lines[0].levelno == logging.WARNING
        message = lines[0].getMessage()
        assert "\n" not in message and "cuti bersama 2028" in message
        assert "pip install -U holidays" in message
    finally:
        await bot.stop()


async def test_no_warning_while_the_data_covers_next_year(
    database_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING)
    bot = BotHarness(database_url, FakeClock(datetime(2026, 3, 2, 1, 0, tzinfo=WIB)))
    await bot.start()
    try:
        assert not [r for r in caplog.records if "hari libur" in r.getMessage()]
    finally:
        await bot.stop()
