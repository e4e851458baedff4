"""A simulated fortnight: weekly pushes, deadline and overdue reminders, escalation up the
ladder and weekly digests arrive exactly once, on working days, at local time."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import cast
from zoneinfo import ZoneInfo

import pytest

from storage.models import Escalation, Laporan, Penugasan, ScheduledRun
from tests.conftest import FakeClock
from tests.support.fake_telegram import RecordingRequest
from tests.support.harness import BotHarness, user
from tests.support.pemda import (
    ASISTEN_1,
    KEPALA_BAPPEDA,
    KEPALA_DINKES,
    OPERATOR_DINKES,
    join,
    local,
    sent_texts,
    setup_pemda,
    to,
)

WIB = ZoneInfo("Asia/Jakarta")
SEKDA = user(3500, "Darwin")
BUPATI = user(3600, "Eka")


async def publish(bot: BotHarness, lines: str) -> None:
    calls = await bot.say(bot.admin, "/arahan " + lines)
    preview = [c for c in calls if c.method == "sendMessage"][-1]
    await bot.press(bot.admin, preview, RecordingRequest.buttons(preview)[0][0][1])


async def prepare(bot: BotHarness) -> None:
    """Friday 20 Nov: the Pemda is set up and three directives are published."""
    bot.clock.current = local(20, 10)
    await setup_pemda(bot)
    await join(bot, SEKDA, "sekda")
    await join(bot, BUPATI, "kepala_daerah")
    await publish(
        bot,
        "DINKES | 26/11/2026 | Validasi data stunting\n"
        "DINKES,BAPPEDA | 01/12/2026 | Rekap capaian imunisasi\n"
        "BAPPEDA | 31/12/2026 | Susun matriks tindak lanjut",
    )


async def test_a_week_day_by_day(bot: BotHarness) -> None:
    await prepare(bot)
    # Friday 15:00: the weekly digest reaches the Asisten, the Sekda and the Bupati
    calls = await bot.tick(local(20, 15))
    assert len(to(calls, ASISTEN_1)) == 1 and "Asisten I" in to(calls, ASISTEN_1)[0]
    assert len(to(calls, SEKDA)) == 1 and "Semua klaster" in to(calls, SEKDA)[0]
    assert len(to(calls, BUPATI)) == 1
    assert to(calls, KEPALA_DINKES) == []
    # the weekend: nothing at all
    for day in (21, 22):
        assert [c for c in await bot.tick(local(day, 8)) if c.method == "sendMessage"] == []
    # Monday 08:00: ONE weekly push per member, most urgent first, plus the H-3 reminder
    calls = await bot.tick(local(23, 8))
    dinkes = to(calls, KEPALA_DINKES)
    weekly = [t for t in dinkes if "Pengingat mingguan" in t]
    assert len(weekly) == 1 and weekly[0].index("No. 1") < weekly[0].index("No. 2")
    deadline = [t for t in dinkes if "Pengingat tenggat" in t]
    assert len(deadline) == 1 and "No. 1" in deadline[0] and "No. 2" not in deadline[0]
    assert len(to(calls, OPERATOR_DINKES)) == 2
    bappeda = to(calls, KEPALA_BAPPEDA)
    assert len(bappeda) == 1 and "No. 2" in bappeda[0] and "No. 3" in bappeda[0]
    # running the same tick again, and /ingatkan during the run, send nothing new
    assert [c for c in await bot.tick(local(23, 8, 5)) if c.method == "sendMessage"] == []
    answer = sent_texts(await bot.say(bot.admin, "/ingatkan"))
    assert "0 pesan baru" in answer[0]
    # Tuesday: no reminder is due (H-2 of No. 1, H-7 of No. 2)
    assert to(await bot.tick(local(24, 8)), KEPALA_DINKES) == []
    # Wednesday: H-1 of No. 1; Thursday: H of No. 1; Friday: No. 1 overdue
    for day, label in ((25, "menjelang tenggat"), (26, "tenggat hari ini"), (27, "lewat tenggat")):
        texts = to(await bot.tick(local(day, 8)), KEPALA_DINKES)
        assert len(texts) == 1 and label in texts[0] and "No. 1" in texts[0]
    # Monday 30 Nov: No. 1 still overdue, and No. 2's H-1 (its H-3 fell on Saturday)
    calls = await bot.tick(local(30, 8))
    reminder = [t for t in to(calls, KEPALA_DINKES) if "Pengingat tenggat" in t][0]
    assert "No. 1" in reminder and "No. 2" in reminder
    runs = await bot.rows(ScheduledRun)
    assert {(r.jenis, r.state) for r in runs if r.occurrence == "2026-11-21T08:00"} == {
        ("harian", "libur")
    }


async def test_replies_to_the_weekly_push_land_on_the_right_penugasan(bot: BotHarness) -> None:
    await prepare(bot)
    calls = await bot.tick(local(23, 8))
    push = [
        c
        for c in calls
        if c.chat_id == KEPALA_DINKES["id"] and "Pengingat mingguan" in (c.text or "")
    ][0]
    # without a number, a list of two cannot be guessed: the official is asked
    answer = sent_texts(await bot.say(KEPALA_DINKES, "sudah dikerjakan", reply_to=push))
    assert "awali setiap baris dengan nomor" in answer[0]
    # "60 persen" is a percentage, not directive number 60
    answer = sent_texts(await bot.say(KEPALA_DINKES, "60 persen", reply_to=push))
    assert "awali setiap baris dengan nomor" in answer[0]
    receipts = sent_texts(await bot.say(KEPALA_DINKES, "2 progres 50%\n1 selesai", reply_to=push))
    assert len(receipts) == 2 and "Arahan No. 2 (DINKES)" in receipts[0]
    rows = {p.arahan_id: p for p in await bot.rows(Penugasan) if p.opd_id == 5}
    assert (rows[2].status, rows[2].progress) == ("dalam_proses", 50)
    assert rows[1].status == "selesai"
    # another OPD's directive number is refused
    refused = sent_texts(await bot.say(KEPALA_DINKES, "3 selesai", reply_to=push))
    assert "tidak terdaftar pada OPD" in refused[0]
    assert len(await bot.rows(Laporan)) == 2
    # with No. 1 waiting for verification only No. 2 is open: no number is needed now
    answer = sent_texts(await bot.say(KEPALA_DINKES, "3 minggu lagi dikerjakan", reply_to=push))
    assert "Arahan No. 2 (DINKES)" in answer[0]
    answer = sent_texts(await bot.say(KEPALA_DINKES, "5 desa sudah divalidasi", reply_to=push))
    assert "Arahan No. 2 (DINKES)" in answer[0]


async def test_escalation_reaches_asisten_sekda_and_bupati_once_per_step(
    bot: BotHarness,
) -> None:
    await prepare(bot)
    pushed = await bot.tick(local(23, 8))
    push = [c for c in pushed if c.chat_id == KEPALA_BAPPEDA["id"]][0]
    await bot.say(KEPALA_BAPPEDA, "3 kendala: data BPS belum terbit", reply_to=push)
    # seven days later the kendala reaches the Sekda, with what the OPD last said
    calls = await bot.tick(local(30, 8))
    sekda = [t for t in to(calls, SEKDA) if "Eskalasi ke Sekda" in t]
    assert len(sekda) == 1 and "No. 3" in sekda[0] and "terkendala 7 hari" in sekda[0]
    assert "data BPS belum terbit" in sekda[0]
    assert not [t for t in to(calls, BUPATI) if "Eskalasi" in t]
    # DINKES said nothing for ten days: its Asisten is told (BAPPEDA's cluster II has none)
    silence = [t for t in to(calls, ASISTEN_1) if "OPD tanpa laporan" in t]
    assert len(silence) == 1 and "DINKES" in silence[0]
    # the next days repeat nothing
    for day in (1, 2):
        again = await bot.tick(local(day, 8, month=12))
        assert not [
            t
            for t in to(again, SEKDA) + to(again, ASISTEN_1)
            if "Eskalasi" in t or "tanpa laporan" in t
        ]
    # fourteen days: the Kepala Daerah
    calls = await bot.tick(local(7, 8, month=12))
    bupati = [t for t in to(calls, BUPATI) if "Eskalasi ke Kepala Daerah" in t]
    assert len(bupati) == 1 and "No. 3" in bupati[0]
    steps = await bot.rows(Escalation)
    assert {(s.tangga, s.sebab) for s in steps} >= {
        ("sekda", "kendala"),
        ("kepala_daerah", "kendala"),
        ("asisten", "diam"),
    }
    info = "\n".join(sent_texts(await bot.say(bot.admin, "/arahan_info 3")))
    assert "eskalasi ke Sekda (terkendala 7 hari)" in info


async def test_a_crash_after_queueing_sends_nothing_twice_and_misses_nothing(
    bot: BotHarness,
) -> None:
    await prepare(bot)
    bot.clock.current = local(23, 8)
    from bot.features.reminders.service import run_due

    queued = await run_due(bot.app.env, bot.clock.now())
    assert queued >= 5
    # the process dies before the sender delivered anything; a new one starts 10 min later
    await bot.stop()
    bot.clock.current = local(23, 8, 10)
    restarted = BotHarness(bot.settings.DATABASE_URL, bot.clock)
    restarted.updates = bot.updates
    await restarted.start()
    try:
        await restarted.tick()
        pushes = [c for c in restarted.request.sent() if "Pengingat mingguan" in (c.text or "")]
        chats = [cast(int, c.chat_id) for c in pushes]  # chat ids the bot sends to are numbers
        assert sorted(chats) == sorted(set(chats))  # nobody twice
        assert {KEPALA_DINKES["id"], OPERATOR_DINKES["id"], KEPALA_BAPPEDA["id"]} <= set(chats)
    finally:
        await restarted.stop()
        bot.app = restarted.app


async def test_missed_while_down_caught_up_within_grace_else_skipped(
    bot: BotHarness, caplog: pytest.LogCaptureFixture
) -> None:
    await prepare(bot)
    # the bot was down over Monday 08:00 and comes back at 13:00: caught up once
    calls = await bot.tick(local(23, 13))
    assert len([t for t in to(calls, KEPALA_DINKES) if "Pengingat mingguan" in t]) == 1
    # the next week it comes back at 15:00, seven hours late: skipped and logged
    calls = await bot.tick(local(30, 15))
    assert not [t for t in to(calls, KEPALA_DINKES) if "Pengingat mingguan" in t]
    assert "terlewat" in caplog.text
    runs = {(r.jenis, r.occurrence): r.state for r in await bot.rows(ScheduledRun)}
    assert runs[("mingguan", "2026-11-30T08:00")] == "terlewat"


@pytest.mark.parametrize(("zone", "utc_hour"), [("Asia/Makassar", 0), ("Asia/Jayapura", 23)])
async def test_wita_and_wit_pemda_get_pushes_at_local_time(
    database_url: str, clock: FakeClock, zone: str, utc_hour: int
) -> None:
    harness = BotHarness(database_url, clock, TIMEZONE=zone)
    await harness.start()
    try:
        await prepare(harness)
        monday_eight = datetime(2026, 11, 23, 8, tzinfo=ZoneInfo(zone))
        assert monday_eight.astimezone(UTC).hour == utc_hour
        early = await harness.tick(monday_eight - timedelta(minutes=1))
        assert not [c for c in early if "Pengingat mingguan" in (c.text or "")]
        calls = await harness.tick(monday_eight)
        assert [t for t in to(calls, KEPALA_DINKES) if "Pengingat mingguan" in t]
        harness.request.assert_clean()
    finally:
        await harness.stop()


async def test_a_deadline_on_a_holiday_is_shown_as_such(bot: BotHarness) -> None:
    await prepare(bot)
    calls = await bot.say(
        bot.admin,
        "/arahan DINKES | 25/12/2026 | Laporan akhir tahun\nBAPPEDA | 28/11/2026 | Rekap usulan",
    )
    preview = [c for c in calls if c.method == "sendMessage"][-1]
    calls = await bot.press(bot.admin, preview, RecordingRequest.buttons(preview)[0][0][1])
    texts = to(calls, KEPALA_DINKES) + to(calls, KEPALA_BAPPEDA)
    assert any("Jumat, 25 Desember 2026 (hari libur: Hari Raya Natal)" in t for t in texts)
    assert any("Sabtu, 28 November 2026 (akhir pekan)" in t for t in texts)
    work = sent_texts(await bot.say(KEPALA_DINKES, "/tugas"))[0]
    assert "hari libur: Hari Raya Natal" in work
