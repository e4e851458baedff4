"""Files the bot makes (exports, reports, charts) leave through the outbox like every message:
kept in the same transaction as their row, uploaded by the sender, once per key, again after a
refusal or a restart."""

from __future__ import annotations

from sqlalchemy import select

from bot.messaging.audience import Recipient
from bot.messaging.outbox import Berkas, send_file
from storage.models import OutboxFile, OutboxMessage
from tests.support.harness import ADMIN_ID, BotHarness

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ADMIN = Recipient(ADMIN_ID, "anggota:uji")


async def queue(bot: BotHarness, key: str, berkas: Berkas, **options: object) -> bool:
    async with bot.app.env.db.unit(bot.clock.now()) as uow:
        queued = await send_file(uow, key, ADMIN, berkas, **options)  # type: ignore[arg-type]
        await uow.commit()
    return queued


async def test_a_document_is_uploaded_with_its_name_and_caption(bot: BotHarness) -> None:
    workbook = Berkas("rekap.xlsx", b"PK\x03\x04 isi", XLSX)
    assert await queue(bot, "ekspor:1", workbook, caption="<b>Rekap</b> 3 OPD")
    report = await bot.app.sender.send_due()
    assert report.sent == 1
    call = bot.request.last(ADMIN_ID, "sendDocument")
    upload = call.files["document"]
    assert (upload.file_name, upload.content) == ("rekap.xlsx", b"PK\x03\x04 isi")
    assert call.params["caption"] == "<b>Rekap</b> 3 OPD"
    assert call.result["document"]["file_name"] == "rekap.xlsx"


async def test_a_picture_is_sent_as_a_photo(bot: BotHarness) -> None:
    chart = Berkas("grafik.png", b"\x89PNG\r\n\x1a\n gambar", "image/png")
    assert await queue(bot, "grafik:1", chart, foto=True)
    await bot.app.sender.send_due()
    call = bot.request.last(ADMIN_ID, "sendPhoto")
    assert call.files["photo"].content == b"\x89PNG\r\n\x1a\n gambar"


async def test_the_same_key_sends_once_and_keeps_one_file(bot: BotHarness) -> None:
    workbook = Berkas("rekap.xlsx", b"isi", XLSX)
    assert await queue(bot, "ekspor:2", workbook)
    assert not await queue(bot, "ekspor:2", workbook)
    await bot.app.sender.send_due()
    assert len(bot.request.sent("sendDocument", ADMIN_ID)) == 1
    assert len(await bot.rows(OutboxFile)) == 1


async def test_a_refused_upload_is_uploaded_again(bot: BotHarness) -> None:
    bot.request.fail_next(429, "Too Many Requests: retry after 1", retry_after=1)
    assert await queue(bot, "ekspor:3", Berkas("rekap.xlsx", b"isi", XLSX))
    await bot.app.sender.send_due()
    bot.clock.advance(seconds=2)
    await bot.app.sender.send_due()
    calls = bot.request.sent("sendDocument", ADMIN_ID, include_failed=True)
    assert [c.ok for c in calls] == [False, True]
    assert calls[-1].files["document"].content == b"isi"


async def test_a_file_queued_before_a_restart_is_sent_after_it(bot: BotHarness) -> None:
    assert await queue(bot, "ekspor:4", Berkas("rekap.xlsx", b"isi", XLSX))
    await bot.restart()
    await bot.app.sender.send_due()
    assert bot.request.last(ADMIN_ID, "sendDocument").files["document"].content == b"isi"
    rows = await bot.rows(OutboxMessage, OutboxMessage.key == "ekspor:4:anggota:uji")
    assert rows[0].state == "terkirim"
    async with bot.app.env.db.unit(bot.clock.now()) as uow:
        assert await uow.session.scalar(select(OutboxFile.nama)) == "rekap.xlsx"
