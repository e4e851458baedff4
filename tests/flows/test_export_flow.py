"""`/ekspor` and the digest's **📥 Unduh Excel** through the real bot: the workbook arrives as
one document in the caller's chat; an Asisten gets only their cluster, and a forged button for
another cluster is refused."""

from __future__ import annotations

from io import BytesIO

from openpyxl import load_workbook
from telegram import Update

from bot.domain.roles import ButtonKind
from storage.models import OutboxFile
from tests.support.fake_telegram import Call
from tests.support.harness import BotHarness, private_chat, user
from tests.support.pemda import (
    ASISTEN_1,
    KEPALA_DINKES,
    STRANGER,
    button_data,
    join,
    published,
    sent_texts,
)

BUPATI = user(3700, "Eka")
PREPARING = "⏳ Sedang disiapkan: ekspor Excel. Berkasnya dikirim ke sini begitu siap."


def documents(calls: list[Call]) -> list[Call]:
    return [c for c in calls if c.method == "sendDocument" and c.ok]


def sheet_rows(call: Call, sheet: str) -> list[tuple[object, ...]]:
    upload = call.files["document"]
    wb = load_workbook(BytesIO(upload.content), read_only=False)
    return list(wb[sheet].iter_rows(min_row=2, values_only=True))


async def test_ekspor_sends_one_workbook_to_the_caller(bot: BotHarness) -> None:
    await published(bot)
    calls = await bot.say(bot.admin, "/ekspor")
    sent = documents(calls)
    assert len(sent) == 1 and sent[0].chat_id == bot.admin["id"]
    # told at once that it is being prepared; the file desk sends the workbook after it
    notices = [c for c in calls if c.method == "sendMessage"]
    assert [(c.chat_id, c.plain_text) for c in notices] == [(bot.admin["id"], PREPARING)]
    assert calls.index(notices[0]) < calls.index(sent[0])
    upload = sent[0].files["document"]
    assert upload.file_name == "tindak-lanjut-2026-11-23.xlsx"
    assert upload.content[:2] == b"PK"
    caption = sent[0].params["caption"]
    assert "3 arahan · 5 penugasan · 0 laporan" in caption
    assert "semua arahan yang terbit" in caption
    assert [r[0] for r in sheet_rows(sent[0], "Arahan")] == [1, 2, 3]
    # kept only until sent
    assert len(await bot.rows(OutboxFile)) <= 1

    # filters in the caption; a bad filter changes nothing and says why
    filtered = documents(await bot.say(bot.admin, "/ekspor DINKES dari 1/11/2026"))
    assert "OPD DINKES" in filtered[0].params["caption"]
    assert {r[1] for r in sheet_rows(filtered[0], "Penugasan")} == {"DINKES"}
    before = len(await bot.rows(OutboxFile))
    refused = await bot.say(bot.admin, "/ekspor rakor tiga")
    assert documents(refused) == []
    assert "Nomor Rakor «tiga» tidak dikenali" in sent_texts(refused)[0]
    assert len(await bot.rows(OutboxFile)) == before


async def test_who_may_export(bot: BotHarness) -> None:
    await published(bot)
    await join(bot, BUPATI, "bupati")
    assert len(documents(await bot.say(BUPATI, "/ekspor"))) == 1
    for who in (KEPALA_DINKES, STRANGER):
        calls = await bot.say(who, "/ekspor")
        assert documents(calls) == [] and sent_texts(calls)[0].startswith("Maaf")


async def test_an_asisten_exports_their_cluster_from_the_digest(bot: BotHarness) -> None:
    await published(bot)
    # the command: their own cluster whatever they ask; another cluster is refused
    own = documents(await bot.say(ASISTEN_1, "/ekspor"))
    assert {r[2] for r in sheet_rows(own[0], "Penugasan")} == {1}
    refused = await bot.say(ASISTEN_1, "/ekspor klaster 2")
    assert documents(refused) == []
    assert "hanya dapat mengekspor OPD di klaster Anda" in sent_texts(refused)[0]

    # the digest's button carries its scope
    digest = [c for c in await bot.say(ASISTEN_1, "/status") if c.method == "sendMessage"][0]
    pressed = await bot.press(ASISTEN_1, digest, button_data(digest, "📥 Unduh Excel"))
    sent = documents(pressed)
    assert len(sent) == 1 and sent[0].chat_id == ASISTEN_1["id"]
    assert {r[0] for r in sheet_rows(sent[0], "Ringkasan OPD")} >= {"DINKES"}
    assert "BAPPEDA" not in {r[0] for r in sheet_rows(sent[0], "Ringkasan OPD")}

    # a button signed for cluster 2 (or every cluster) is refused, nothing is sent
    for target in (2, 0):
        forged = bot.app.env.signer.make(ButtonKind.EKSPOR, "k", target)
        calls = await bot.press(ASISTEN_1, digest, forged)
        assert documents(calls) == []
        answer = [c for c in calls if c.method == "answerCallbackQuery"][0]
        assert "klaster Anda" in answer.params["text"]


async def test_an_export_asked_before_the_bot_stopped_arrives_after_it_starts(
    bot: BotHarness,
) -> None:
    """The request is stored with the update that asked; the workbook is made by the file desk
    afterwards. A bot that stops in between (an update handled, the desk not yet run) sends it
    when it starts again, once."""
    await published(bot)
    before = len(bot.request.calls)
    await bot.app.process_update(
        Update.de_json(
            bot.updates.message(bot.admin, private_chat(bot.admin), "/ekspor"), bot.app.bot
        )
    )
    await bot.restart()  # the notice and the file: both after the start
    calls = bot.request.calls[before:]
    assert [c.plain_text for c in calls if c.method == "sendMessage"] == [PREPARING]
    assert len(documents(calls)) == 1
    await bot.restart()
    assert documents(bot.request.calls[before:]) == documents(calls)
