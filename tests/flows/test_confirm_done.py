"""A report that may mean the whole directive is done, but not for certain, is recorded with what
is certain and the bot asks **Ya, selesai** / **Belum** in the same chat; the press completes it
or keeps it, in a private chat and in a group, and only for the OPD's own people."""

from __future__ import annotations

from bot.domain.lifecycle import Status
from bot.domain.reply_parser import baca
from storage.models import Laporan, Penugasan
from tests.support.fake_telegram import Call, RecordingRequest
from tests.support.harness import BotHarness, private_chat
from tests.support.pemda import (
    DINKES_GROUP,
    KEPALA_BAPPEDA,
    KEPALA_DINKES,
    OPERATOR_DINKES,
    button_data,
    directive_to,
    published,
    sent_texts,
    tugas_of,
)

UNSURE = "sudah dilaksanakan pak"  # done? or one step of the work done? the reader is unsure


def question(calls: list[Call]) -> Call:
    """The bot's question whether the directive is done."""
    (asked,) = [
        c for c in calls if c.method == "sendMessage" and "selesai seluruhnya" in (c.text or "")
    ]
    return asked


def pressed_answer(calls: list[Call]) -> tuple[str, bool]:
    """The answer to a button press: its text and whether it is an alert."""
    (answer,) = [c for c in calls if c.method == "answerCallbackQuery"]
    return answer.params.get("text", ""), bool(answer.params.get("show_alert"))


def edits(calls: list[Call]) -> list[Call]:
    return [c for c in calls if c.method == "editMessageText"]


def test_the_reader_is_unsure_about_the_text_these_tests_use() -> None:
    bacaan = baca(UNSURE)
    assert bacaan.ragu_selesai and bacaan.status is not Status.SELESAI


async def test_ya_selesai_completes_a_private_report(bot: BotHarness) -> None:
    calls = await published(bot)
    message = directive_to(calls, KEPALA_DINKES["id"], 1)
    answer = await bot.say(KEPALA_DINKES, UNSURE, reply_to=message)
    receipt, asked = sent_texts(answer)
    assert "Laporan dicatat" in receipt and "menunggu verifikasi" not in receipt
    assert "Apakah Arahan No. 1 sudah selesai seluruhnya?" in asked
    ask = question(answer)
    assert ask.chat_id == KEPALA_DINKES["id"]
    labels = [label for row in RecordingRequest.buttons(ask) for label, _ in row]
    assert labels == ["✅ Ya, selesai", "⏳ Belum"]
    assert all(len(data.encode()) <= 64 for row in RecordingRequest.buttons(ask) for _, data in row)
    before = await tugas_of(bot, message)
    assert before.status != "selesai" and before.last_note == UNSURE

    done = await bot.press(KEPALA_DINKES, ask, button_data(ask, "✅ Ya"))
    tugas = await tugas_of(bot, message)
    assert (tugas.status, tugas.progress, tugas.last_note) == ("selesai", 100, UNSURE)
    first, completion = await bot.rows(Laporan)
    assert (completion.source, completion.status_from, completion.status_to) == (
        "konfirmasi",
        first.status_to,
        "selesai",
    )
    assert completion.catatan == UNSURE and completion.member_id == first.member_id
    assert pressed_answer(done) == ("Dicatat selesai; menunggu verifikasi.", False)
    (edited,) = edits(done)
    assert edited.params["message_id"] == ask.result["message_id"]
    assert "reply_markup" not in edited.params  # the question loses its buttons
    assert "dicatat <b>selesai</b> oleh Budi" in (edited.text or "")
    receipts = [c.text or "" for c in done if c.method == "sendMessage"]
    assert len(receipts) == 1 and "selesai (menunggu verifikasi)" in receipts[0]
    # the verifier sees it waiting, as any selesai report
    listing = "\n".join(sent_texts(await bot.say(bot.admin, "/verifikasi")))
    assert "Arahan No. 1" in listing and "DINKES" in listing

    # pressed again (a stale client): nothing changes, the answer says why
    again = await bot.press(KEPALA_DINKES, ask, button_data(ask, "✅ Ya"))
    text, _ = pressed_answer(again)
    assert "sudah dilaporkan selesai" in text
    assert len(await bot.rows(Laporan)) == 2


async def test_belum_in_a_group_keeps_the_report_as_recorded(bot: BotHarness) -> None:
    calls = await published(bot)
    in_group = directive_to(calls, DINKES_GROUP["id"], 3)
    answer = await bot.say(OPERATOR_DINKES, UNSURE, chat=DINKES_GROUP, reply_to=in_group)
    ask = question(answer)
    assert ask.chat_id == DINKES_GROUP["id"]
    assert "Apakah Arahan No. 3 sudah selesai seluruhnya?" in (ask.text or "")
    status_before = (await tugas_of(bot, in_group)).status
    # another member of the same OPD answers; presses reach the bot under privacy mode
    kept = await bot.press(KEPALA_DINKES, ask, button_data(ask, "⏳ Belum"))
    text, alert = pressed_answer(kept)
    assert "tetap dicatat" in text and not alert
    (edited,) = edits(kept)
    assert edited.chat_id == DINKES_GROUP["id"] and "reply_markup" not in edited.params
    assert "belum selesai" in (edited.text or "")
    tugas = await tugas_of(bot, in_group)
    assert tugas.status == status_before != "selesai"
    assert len(await bot.rows(Laporan)) == 1

    # Ya in the group, by the OPD's head: done
    answer = await bot.say(OPERATOR_DINKES, UNSURE, chat=DINKES_GROUP, reply_to=in_group)
    ask = question(answer)
    done = await bot.press(KEPALA_DINKES, ask, button_data(ask, "✅ Ya"))
    assert (await tugas_of(bot, in_group)).status == "selesai"
    completion = (await bot.rows(Laporan))[-1]
    assert completion.source == "konfirmasi" and completion.chat_id == DINKES_GROUP["id"]
    receipt = [c for c in done if c.method == "sendMessage"][0]
    assert receipt.chat_id == DINKES_GROUP["id"]


async def test_a_copied_button_of_another_opds_work_changes_nothing(bot: BotHarness) -> None:
    calls = await published(bot)
    message = directive_to(calls, KEPALA_DINKES["id"], 1)
    ask = question(await bot.say(KEPALA_DINKES, UNSURE, reply_to=message))
    data = button_data(ask, "✅ Ya")
    # the signed data, copied into BAPPEDA's chat and pressed there
    elsewhere = {**ask.result, "chat": private_chat(KEPALA_BAPPEDA)}
    forged = await bot.press(KEPALA_BAPPEDA, elsewhere, data)
    text, alert = pressed_answer(forged)
    assert alert and "tidak terdaftar pada OPD" in text
    assert edits(forged) == []
    assert (await tugas_of(bot, message)).status != "selesai"
    assert len(await bot.rows(Laporan)) == 1
    # and data with a changed number does not pass the signature
    parts = data.split(":")
    tampered = ":".join([parts[0], parts[1], str(int(parts[2]) + 1), parts[3]])
    refused = await bot.press(KEPALA_DINKES, ask, tampered)
    assert pressed_answer(refused)[1] is True
    assert len(await bot.rows(Laporan)) == 1


async def test_a_report_taken_back_is_not_completed_by_its_question(bot: BotHarness) -> None:
    calls = await published(bot)
    message = directive_to(calls, KEPALA_DINKES["id"], 1)
    answer = await bot.say(KEPALA_DINKES, UNSURE, reply_to=message)
    receipt = [c for c in answer if c.method == "sendMessage"][0]
    ask = question(answer)
    await bot.press(KEPALA_DINKES, receipt, button_data(receipt, "↩️"))
    late = await bot.press(KEPALA_DINKES, ask, button_data(ask, "✅ Ya"))
    text, _ = pressed_answer(late)
    assert "sudah ditarik" in text and "tidak ada yang diubah" in text
    (edited,) = edits(late)
    assert "reply_markup" not in edited.params
    tugas = await tugas_of(bot, message)
    assert (tugas.status, tugas.progress) == ("baru", 0)
    assert [r.source for r in await bot.rows(Laporan)] == ["balasan"]


async def test_a_press_after_the_work_moved_on_changes_nothing(bot: BotHarness) -> None:
    calls = await published(bot)
    message = directive_to(calls, KEPALA_DINKES["id"], 1)
    ask = question(await bot.say(KEPALA_DINKES, UNSURE, reply_to=message))
    # a colleague reports progress meanwhile: the question no longer stands
    await bot.say(OPERATOR_DINKES, "/lapor 1 progres 70%")
    moved = await bot.press(KEPALA_DINKES, ask, button_data(ask, "✅ Ya"))
    assert "Sudah ada laporan lain" in pressed_answer(moved)[0]
    tugas = await tugas_of(bot, message)
    assert (tugas.status, tugas.progress) == ("dalam_proses", 70)
    # another question, then the work is reported done and verified: closed work stays closed
    ask = question(await bot.say(KEPALA_DINKES, UNSURE, reply_to=message))
    await bot.say(OPERATOR_DINKES, "/lapor 1 selesai seluruhnya, laporan terlampir")
    card = [c for c in await bot.say(bot.admin, "/verifikasi") if "Arahan No. 1" in (c.text or "")][
        0
    ]
    await bot.press(bot.admin, card, button_data(card, "✅ Terima"))
    closed = await bot.press(KEPALA_DINKES, ask, button_data(ask, "✅ Ya"))
    assert "sudah terverifikasi" in pressed_answer(closed)[0]
    assert (await tugas_of(bot, message)).status == "terverifikasi"
    assert not [r for r in await bot.rows(Laporan) if r.source == "konfirmasi"]


async def test_lapor_and_an_edited_message_ask_too(bot: BotHarness) -> None:
    calls = await published(bot)
    asked = question(await bot.say(KEPALA_BAPPEDA, f"/lapor 2 {UNSURE}"))
    assert "Arahan No. 2" in (asked.text or "")
    message = directive_to(calls, KEPALA_DINKES["id"], 1)
    update = bot.updates.message(
        KEPALA_DINKES, private_chat(KEPALA_DINKES), "progres 30%", reply_to=message
    )
    await bot.feed(update)
    before = len(bot.request.calls)
    await bot.feed(
        bot.updates.edited_message(
            KEPALA_DINKES, private_chat(KEPALA_DINKES), UNSURE, update["message"]["message_id"]
        )
    )
    ask = question(bot.request.calls[before:])
    assert "Arahan No. 1" in (ask.text or "")
    await bot.press(KEPALA_DINKES, ask, button_data(ask, "✅ Ya"))
    assert (await tugas_of(bot, message)).status == "selesai"
    penugasan = await bot.rows(Penugasan, Penugasan.status == "selesai")
    assert len(penugasan) == 1
