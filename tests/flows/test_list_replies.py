"""A reply to a reminder that lists several directives: a line without a number is never
dropped: under a numbered line it is part of that directive's note; before any numbered line
the bot asks which directive it is about, and a reply to that question is recorded."""

from __future__ import annotations

from storage.models import Laporan, Penugasan
from tests.support.fake_telegram import Call
from tests.support.harness import BotHarness, private_chat
from tests.support.pemda import KEPALA_DINKES, local, published, sent_texts


async def weekly_list(bot: BotHarness) -> Call:
    """The weekly push of DINKES's open work (directives 1 and 3) to its head."""
    await published(bot)
    pushed = await bot.tick(local(23, 8))
    return [
        c
        for c in pushed
        if c.chat_id == KEPALA_DINKES["id"] and "Pengingat mingguan" in (c.text or "")
    ][0]


async def dinkes(bot: BotHarness) -> dict[int, Penugasan]:
    return {p.arahan_id: p for p in await bot.rows(Penugasan) if p.opd_id == 5}


async def test_a_line_under_a_numbered_line_is_part_of_its_note(bot: BotHarness) -> None:
    push = await weekly_list(bot)
    text = "1 progres 60%\nvalidasi lapangan di 8 nagari, sisanya pekan depan\n3 progres 20%"
    answer = sent_texts(await bot.say(KEPALA_DINKES, text, reply_to=push))
    assert len(answer) == 2 and "Arahan No. 1" in answer[0] and "Arahan No. 3" in answer[1]
    assert "validasi lapangan di 8 nagari" in answer[0]
    rows = await dinkes(bot)
    assert rows[1].progress == 60 and rows[3].progress == 20
    assert rows[1].last_note is not None and "sisanya pekan depan" in rows[1].last_note
    assert rows[3].last_note == "progres 20%"
    first = [r for r in await bot.rows(Laporan) if r.penugasan_id == rows[1].id][0]
    assert first.catatan == "progres 60% validasi lapangan di 8 nagari, sisanya pekan depan"


async def test_a_line_before_any_number_is_asked_about(bot: BotHarness) -> None:
    push = await weekly_list(bot)
    # No. 2 is BAPPEDA's, not on DINKES's list: not taken as part of No. 1's note either
    text = "Selamat pagi pak\nsudah 50% pak\n1 progres 60%\n2 selesai"
    calls = await bot.say(KEPALA_DINKES, text, reply_to=push)
    answer = sent_texts(calls)
    assert len(answer) == 2 and "Arahan No. 1" in answer[0]
    asked = answer[1]
    assert "tidak menyebut nomor arahan" in asked
    assert "«sudah 50% pak»\n«2 selesai»" in asked
    assert "Selamat pagi" not in asked  # a greeting is not a report to place
    rows = await dinkes(bot)
    assert (rows[1].status, rows[1].progress, rows[1].last_note) == (
        "dalam_proses",
        60,
        "progres 60%",
    )
    assert rows[3].progress == 0
    # the official answers the question with the number: recorded on that directive
    question = [c for c in calls if "tidak menyebut nomor" in (c.text or "")][0]
    await bot.say(KEPALA_DINKES, "3 sudah 50% pak", reply_to=question)
    rows = await dinkes(bot)
    assert (rows[3].status, rows[3].progress) == ("dalam_proses", 50)


async def test_an_edited_list_reply_keeps_its_continuation_lines(bot: BotHarness) -> None:
    push = await weekly_list(bot)
    update = bot.updates.message(
        KEPALA_DINKES, private_chat(KEPALA_DINKES), "1 progres 60%\n3 progres 20%", reply_to=push
    )
    await bot.feed(update)
    await bot.feed(
        bot.updates.edited_message(
            KEPALA_DINKES,
            private_chat(KEPALA_DINKES),
            "1 progres 60%\n3 progres 20%\ncatatan: tim imunisasi ditambah",
            update["message"]["message_id"],
        )
    )
    rows = await dinkes(bot)
    assert rows[3].last_note == "progres 20% catatan: tim imunisasi ditambah"
    assert rows[1].last_note == "progres 60%"
    assert len(await bot.rows(Laporan, Laporan.source == "koreksi")) == 1
