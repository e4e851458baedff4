"""Acting officials (`/plh`) and leave (`/cuti`) while the bot runs: a Plh range starts and
ends by the clock alone; during it the acting official gets DINKES's directives and reminders
and may report for it, the head on leave gets nothing, and the digest and `/arahan_info`
show "Plh"; before and after, none of that. Bad input changes nothing."""

from __future__ import annotations

from typing import Any

from bot.domain.roles import BY_NAME, Peran
from storage.models import Cuti, Laporan, Member, Opd, Penugasan, Plh
from tests.flows.test_reminders_flow import publish
from tests.support.harness import BotHarness, user
from tests.support.pemda import (
    ASISTEN_1,
    KEPALA_DINKES,
    OPERATOR_DINKES,
    button_data,
    join,
    local,
    sent_texts,
    setup_pemda,
    to,
)

# the acting official: an operator of BAPPEDA standing in for the head of DINKES
RINA = user(2005, "Rina", "rina_bappeda", last_name="Wati")


def messages(calls: Any, who: dict[str, Any]) -> list[str]:
    return to(calls, who)


async def prepare(bot: BotHarness) -> None:
    """Friday 20 Nov: the Pemda, Rina (operator of BAPPEDA), directive No. 1 for DINKES
    due Thursday 26 Nov."""
    bot.clock.current = local(20, 10)
    await setup_pemda(bot)
    await join(bot, RINA, "operator BAPPEDA")
    await publish(bot, "DINKES | 26/11/2026 | Validasi data stunting")


async def laporan_count(bot: BotHarness, who: dict[str, Any]) -> int:
    member = (await bot.rows(Member, Member.telegram_id == who["id"]))[0]
    return len(await bot.rows(Laporan, Laporan.member_id == member.id))


async def test_a_plh_range_starts_and_ends_while_the_bot_runs(bot: BotHarness) -> None:
    await prepare(bot)
    # the admin names Rina Plh of DINKES for Tue 24 – Wed 25 Nov; Budi records his leave
    calls = await bot.say(bot.admin, "/plh DINKES 2005 24/11/2026 25/11/2026")
    answer = messages(calls, bot.admin)
    assert "Rina Wati</b> menjadi Plh Kepala <b>DINKES" in answer[0]
    assert "mulai" in answer[0]
    assert "Anda ditunjuk sebagai <b>Plh Kepala DINKES" in messages(calls, RINA)[0]
    calls = await bot.say(KEPALA_DINKES, "/cuti 24/11/2026 sampai 25/11/2026 dinas luar")
    assert "Cuti <b>Budi Santoso</b> dicatat" in sent_texts(calls)[0]
    assert len(await bot.rows(Cuti)) == 1

    # Friday: before the range, Rina may not report for DINKES
    calls = await bot.say(RINA, "/lapor 1 progres 10%")
    assert sent_texts(calls)[0].startswith("Maaf")
    assert await laporan_count(bot, RINA) == 0

    # Monday 23 (H-3): before the range, the weekly push and the reminder go to Budi and
    # Sari only
    calls = await bot.tick(local(23, 8))
    assert any("Pengingat tenggat" in t for t in messages(calls, KEPALA_DINKES))
    assert any("Pengingat mingguan" in t for t in messages(calls, KEPALA_DINKES))
    assert messages(calls, RINA) == []

    # Tuesday 24: the range has begun by itself; a directive published today reaches Rina
    bot.clock.current = local(24, 9)
    calls = await bot.say(RINA, "/lapor 1 progres 40% data dari 10 puskesmas masuk")
    assert "Laporan dicatat" in sent_texts(calls)[0]
    assert await laporan_count(bot, RINA) == 1
    await publish(bot, "DINKES | 15/12/2026 | Rapat koordinasi posyandu")
    newest = bot.request.calls[-40:]
    assert any("Rapat koordinasi posyandu" in t for t in messages(newest, RINA))
    # she accepts it with the button on her message: DINKES's penugasan is accepted
    directive = [
        c
        for c in newest
        if c.chat_id == RINA["id"] and "Rapat koordinasi posyandu" in (c.text or "")
    ][0]
    pressed = await bot.press(RINA, directive, button_data(directive, "👍"))
    assert any("Status: <b>diterima</b>" in t for t in messages(pressed, RINA))
    accepted = (await bot.rows(Penugasan, Penugasan.status == "diterima"))[0]
    assert accepted.opd_id == (await bot.rows(Opd, Opd.kode == "DINKES"))[0].id
    assert await laporan_count(bot, RINA) == 2
    # the Asisten's digest and /arahan_info show the report and the acting official
    digest = sent_texts(await bot.say(ASISTEN_1, "/status"))[0]
    assert "DINKES" in digest and "Plh: Rina Wati" in digest
    info = "\n".join(sent_texts(await bot.say(bot.admin, "/arahan_info 1")))
    assert "Plh: Rina Wati" in info and "40%" in info

    # Wednesday 25 (H-1): the reminder goes to Rina and Sari, not to Budi (on leave)
    calls = await bot.tick(local(25, 8))
    rina = messages(calls, RINA)
    assert len(rina) == 1 and "Pengingat tenggat" in rina[0] and "No. 1" in rina[0]
    assert messages(calls, KEPALA_DINKES) == []
    assert len(messages(calls, OPERATOR_DINKES)) == 1
    # a reply to that list reports for DINKES
    reminder = [c for c in calls if c.chat_id == RINA["id"] and c.method == "sendMessage"][0]
    reply = await bot.say(RINA, "1 progres 60%", reply_to=reminder)
    assert "Laporan dicatat" in sent_texts(reply)[0]
    assert await laporan_count(bot, RINA) == 3

    # Thursday 26 (H): the range is over by itself; Budi is back, Rina gets nothing
    calls = await bot.tick(local(26, 8))
    assert messages(calls, RINA) == []
    assert any("Pengingat tenggat" in t for t in messages(calls, KEPALA_DINKES))
    calls = await bot.say(RINA, "/lapor 1 progres 70%")
    assert sent_texts(calls)[0].startswith("Maaf")
    # the buttons on the directive she received during the range no longer work for her
    pressed = await bot.press(RINA, directive, button_data(directive, "📈"))
    assert [c.method for c in pressed] == ["answerCallbackQuery"]
    assert pressed[0].params.get("show_alert") is True
    assert await laporan_count(bot, RINA) == 3
    digest = sent_texts(await bot.say(ASISTEN_1, "/status"))[0]
    assert "Plh" not in digest
    await publish(bot, "DINKES | 18/12/2026 | Evaluasi program gizi")
    assert not any("Evaluasi program gizi" in t for t in messages(bot.request.calls[-40:], RINA))


async def test_ending_a_plh_early_and_the_lists(bot: BotHarness) -> None:
    await prepare(bot)
    bot.clock.current = local(23, 9)
    await bot.say(bot.admin, "/plh DINKES 2005 23/11/2026 4/12/2026")
    await bot.say(bot.admin, "/cuti 2001 23/11/2026 4/12/2026 dinas luar ke provinsi")
    listing = sent_texts(await bot.say(bot.admin, "/plh"))[0]
    assert "DINKES</b> — Rina Wati (ID 2005)" in listing and "berlaku" in listing
    assert "/plh selesai KODE_OPD" in listing
    leave = sent_texts(await bot.say(bot.admin, "/cuti"))[0]
    assert "Budi Santoso (ID 2001)" in leave and "dinas luar ke provinsi" in leave
    # Sari sees only her own leave (none)
    assert "Tidak ada cuti" in sent_texts(await bot.say(OPERATOR_DINKES, "/cuti"))[0]
    # today Rina reports for DINKES; the admin ends her range: from now on she may not
    assert "Laporan dicatat" in sent_texts(await bot.say(RINA, "/lapor 1 progres 20%"))[0]
    calls = await bot.say(bot.admin, "/plh selesai DINKES")
    assert "Plh DINKES diakhiri hari ini: Rina Wati" in messages(calls, bot.admin)[0]
    assert "berakhir" in messages(calls, RINA)[0]
    assert sent_texts(await bot.say(RINA, "/lapor 1 progres 30%"))[0].startswith("Maaf")
    assert "Belum ada Plh" in sent_texts(await bot.say(bot.admin, "/plh"))[0]
    # Budi's leave ended by the admin: he is told, and today's reminder cycle reaches him
    calls = await bot.say(bot.admin, "/cuti selesai 2001")
    assert "Cuti Budi Santoso diakhiri" in messages(calls, bot.admin)[0]
    assert len(messages(calls, KEPALA_DINKES)) == 1
    plh = (await bot.rows(Plh))[0]
    assert plh.ended_at is not None and plh.sampai < plh.dari


async def test_bad_input_changes_nothing_and_says_why(bot: BotHarness) -> None:
    await prepare(bot)
    await bot.say(bot.admin, "/plh DINKES 2005 24/11/2026 25/11/2026")
    await bot.say(KEPALA_DINKES, "/cuti 24/11/2026 25/11/2026")
    cases = {
        "/plh XYZ 2005 24/11/2026 25/11/2026": "OPD dengan kode «XYZ» tidak ada",
        "/plh DINKES 777 24/11/2026 25/11/2026": "Undang dulu orangnya dengan /undang",
        "/plh DINKES 2005 31/02/2026 25/11/2026": "tidak ada di kalender",
        "/plh DINKES 2005 kemarin-lusa 25/11/2026": "tidak dikenali",
        "/plh DINKES 2005 25/11/2026 24/11/2026": "lebih awal dari tanggal dari",
        "/plh DINKES 2005 1/11/2026 5/11/2026": "sudah lewat",
        "/plh DINKES 2002 25/11/2026 27/11/2026": "bertumpang tindih dengan Plh DINKES",
        "/plh DINKES 2001 1/12/2026 2/12/2026": "adalah Kepala DINKES sendiri",
        "/plh DINKES 2005": "Format: <code>/plh KODE_OPD",
        "/plh selesai KESRA": "Tidak ada Plh KESRA",
        "/cuti 2001 25/11/2026 26/11/2026": "bertumpang tindih dengan cuti Budi Santoso",
        "/cuti 777 1/12/2026 2/12/2026": "Tidak ada anggota aktif dengan ID 777",
        "/cuti 5/12/2026 1/12/2026": "lebih awal dari tanggal dari",
        "/cuti 1/12/2026": "Sebutkan dua tanggal",
    }
    before = (len(await bot.rows(Plh)), len(await bot.rows(Cuti)))
    for text, expected in cases.items():
        answer = sent_texts(await bot.say(bot.admin, text))
        assert len(answer) == 1 and expected in answer[0], (text, answer)
    assert (len(await bot.rows(Plh)), len(await bot.rows(Cuti))) == before
    # a member cannot put someone else on leave, nor end someone else's
    for text in ("/cuti 2001 1/12/2026 2/12/2026", "/cuti selesai 2001"):
        answer = sent_texts(await bot.say(OPERATOR_DINKES, text))
        assert answer[0].startswith("Maaf, Anda hanya bisa mencatat cuti untuk diri sendiri")
        assert "Sari" not in answer[0] and "Budi" not in answer[0]
    # only the admin may name a Plh
    assert sent_texts(await bot.say(KEPALA_DINKES, "/plh"))[0].startswith("Maaf")
    assert (len(await bot.rows(Plh)), len(await bot.rows(Cuti))) == before
    assert BY_NAME["plh"].roles == frozenset({Peran.ADMIN})
