"""The weekly chart through the real bot: it follows the weekly digest to each of its readers
as photos (once per occurrence), and `/status grafik` answers with the caller's scope."""

from __future__ import annotations

import struct
from io import BytesIO

from openpyxl import load_workbook

from bot.features.digest import chart
from bot.features.digest.status import Lingkup, MintaStatus
from bot.features.reminders.service import weekly_digest
from handlers.status import read_status
from storage.models import Member, OutboxMessage
from tests.support.fake_telegram import Call, RecordingRequest
from tests.support.harness import BotHarness, user
from tests.support.pemda import (
    ASISTEN_1,
    KEPALA_BAPPEDA,
    KEPALA_DINKES,
    OPERATOR_DINKES,
    button_data,
    join,
    local,
    sent_texts,
    setup_pemda,
)

SEKDA = user(3500, "Darwin")
BUPATI = user(3600, "Eka")
PNG = b"\x89PNG\r\n\x1a\n"
DIGEST = "2026-11-20T15:00"


async def prepare(bot: BotHarness) -> None:
    """Friday 20 Nov: the Pemda, its Sekda and Bupati, and work for DINKES (cluster I) and
    BAPPEDA (cluster II); DINKES reports a kendala."""
    bot.clock.current = local(20, 10)
    await setup_pemda(bot)
    await join(bot, SEKDA, "sekda")
    await join(bot, BUPATI, "kepala_daerah")
    calls = await bot.say(
        bot.admin,
        "/arahan DINKES | 26/11/2026 | Validasi data stunting\n"
        "DINKES,BAPPEDA | 01/12/2026 | Rekap capaian imunisasi",
    )
    preview = [c for c in calls if c.method == "sendMessage"][-1]
    await bot.press(bot.admin, preview, RecordingRequest.buttons(preview)[0][0][1])
    await bot.say(KEPALA_DINKES, "/lapor 1 kendala: data puskesmas belum masuk")


async def leaders(bot: BotHarness) -> list[Member]:
    """The digest's readers: the Asisten, the Sekda and the Bupati."""
    return [
        m
        for m in await bot.rows(Member)
        if m.peran in ("asisten", "sekda", "kepala_daerah") and m.active
    ]


def png_size(png: bytes) -> tuple[int, int]:
    assert png[:8] == PNG and png[12:16] == b"IHDR"
    width, height = struct.unpack(">II", png[16:24])
    return width, height


def to(calls: list[Call], who: dict[str, object]) -> list[Call]:
    return [c for c in calls if c.chat_id == who["id"] and c.method in ("sendMessage", "sendPhoto")]


async def test_the_weekly_digest_brings_its_chart_to_its_readers_once(bot: BotHarness) -> None:
    await prepare(bot)
    calls = await bot.tick(local(20, 15))
    for reader, images in ((ASISTEN_1, 1), (SEKDA, 2), (BUPATI, 2)):
        got = to(calls, reader)
        # the digest's text first, then the chart: one image per cluster for every cluster
        assert [c.method for c in got] == ["sendMessage"] + ["sendPhoto"] * images
        assert "Tindak lanjut arahan" in (got[0].text or "")
        for call in got[1:]:
            upload = call.files["photo"]
            assert upload.file_name.endswith(".png")
            assert png_size(upload.content) == chart.ukuran(1)  # one OPD per cluster here
    asisten = to(calls, ASISTEN_1)[1]
    assert "Grafik penugasan per OPD — Asisten I</b>" in (asisten.text or "")
    sekda = [c.text or "" for c in to(calls, SEKDA)[1:]]
    assert "Semua klaster — Asisten I</b> (1/2)" in sekda[0]
    assert "Semua klaster — Asisten II</b> (2/2)" in sekda[1]
    # only the digest's readers get it, not the OPDs' officials
    photos = [c for c in calls if c.method == "sendPhoto"]
    assert {c.chat_id for c in photos} == {ASISTEN_1["id"], SEKDA["id"], BUPATI["id"]}
    for official in (KEPALA_DINKES, OPERATOR_DINKES, KEPALA_BAPPEDA):
        assert to(calls, official) == []
    # the same occurrence again (the tick, or the job itself) sends nothing new
    again = await bot.tick(local(20, 15, 5))
    assert [c for c in again if c.method in ("sendMessage", "sendPhoto")] == []
    async with bot.app.env.db.unit(bot.clock.now()) as uow:
        assert await weekly_digest(uow, bot.app.env, DIGEST) == 0
        await uow.commit()
    await bot.app.sender.send_due()
    assert len(bot.request.sent("sendPhoto")) == 5
    # one row per image and reader, under the occurrence
    rows = await bot.rows(OutboxMessage, OutboxMessage.method == "sendPhoto")
    assert sorted(r.key for r in rows) == sorted(
        [f"grafik:{DIGEST}:0:anggota:{m.id}" for m in await leaders(bot)]
        + [f"grafik:{DIGEST}:1:anggota:{m.id}" for m in await leaders(bot) if m.klaster is None]
    )


def workbook_opds(calls: list[Call], who: dict[str, object]) -> set[object]:
    """The OPDs of the penugasan in the one workbook sent to ``who``."""
    (doc,) = [c for c in calls if c.method == "sendDocument" and c.ok]
    assert doc.chat_id == who["id"]
    wb = load_workbook(BytesIO(doc.files["document"].content))
    return {r[1] for r in wb["Penugasan"].iter_rows(min_row=2, values_only=True)}


async def test_the_pushed_digest_has_the_status_buttons_and_they_work(bot: BotHarness) -> None:
    await prepare(bot)
    calls = await bot.tick(local(20, 15))
    pushed = to(calls, ASISTEN_1)[0]
    assert (pushed.text or "").startswith("🗞 <b>Ringkasan mingguan</b>\n📊")
    # the very buttons /status gives the Asisten: drill-downs and the workbook
    status = [c for c in await bot.say(ASISTEN_1, "/status") if c.method == "sendMessage"][0]
    keyboard = RecordingRequest.buttons(pushed)
    assert keyboard == RecordingRequest.buttons(status)
    assert [[label for label, _ in row] for row in keyboard] == [
        ["🟡 DINKES"],
        ["No.1"],
        ["📥 Unduh Excel"],
    ]
    # 📥 Unduh Excel from the push: the workbook of the Asisten's cluster, to the presser
    pressed = await bot.press(ASISTEN_1, pushed, button_data(pushed, "📥 Unduh Excel"))
    assert workbook_opds(pressed, ASISTEN_1) == {"DINKES"}
    # a drill-down from the push: the OPD's view, as a new message
    drilled = sent_texts(await bot.press(ASISTEN_1, pushed, button_data(pushed, "🟡 DINKES")))
    assert "<b>Tindak lanjut arahan — DINKES —" in drilled[0]
    assert "<b>Penugasan terbuka (2)</b>" in drilled[0]
    # the Sekda's push exports every cluster
    sekda = to(calls, SEKDA)[0]
    pressed = await bot.press(SEKDA, sekda, button_data(sekda, "📥 Unduh Excel"))
    assert workbook_opds(pressed, SEKDA) == {"DINKES", "BAPPEDA"}


async def test_status_grafik_shows_the_callers_scope(bot: BotHarness) -> None:
    await prepare(bot)
    # an Asisten: their cluster only (DINKES; BAPPEDA is cluster II)
    calls = await bot.say(ASISTEN_1, "/status grafik")
    # told at once that it is being drawn; the file desk sends the images after it
    assert sent_texts(calls) == [
        "⏳ Sedang disiapkan: grafik penugasan per OPD. Berkasnya dikirim ke sini begitu siap."
    ]
    (photo,) = [c for c in calls if c.method == "sendPhoto"]
    assert photo.chat_id == ASISTEN_1["id"]
    assert calls.index(photo) > [c.method for c in calls].index("sendMessage")
    assert png_size(photo.files["photo"].content) == chart.ukuran(1)
    assert "Asisten I</b>" in (photo.text or "") and "Semua" not in (photo.text or "")
    refused = sent_texts(await bot.say(ASISTEN_1, "/status grafik klaster 2"))
    assert "hanya dapat melihat OPD di klaster Anda" in refused[0]
    # the Sekda: every cluster, one image each
    calls = await bot.say(SEKDA, "/status grafik")
    assert len([c for c in calls if c.method == "sendPhoto"]) == 2
    assert "Format" in sent_texts(await bot.say(SEKDA, "/status grafik DINKES"))[0]
    # an OPD head may not read the digest, nor its chart
    calls = await bot.say(KEPALA_DINKES, "/status grafik")
    assert [c.method for c in calls if c.chat_id == KEPALA_DINKES["id"]] == ["sendMessage"]
    assert sent_texts(calls)[0].startswith("Maaf")


async def test_status_grafik_with_nothing_to_draw(bot: BotHarness) -> None:
    await setup_pemda(bot)
    calls = await bot.say(bot.admin, "/status grafik")
    assert [c.method for c in calls] == ["sendMessage"]
    assert "belum ada grafik" in sent_texts(calls)[0]


def test_the_grafik_word_of_status() -> None:
    assert read_status("grafik") == MintaStatus(grafik=True)
    assert read_status("Grafik  Klaster 2") == MintaStatus(Lingkup("k", 2), grafik=True)
    assert read_status("grafik semua") == MintaStatus(Lingkup("k", 0), grafik=True)
    assert read_status("grafikx") == MintaStatus(cari="GRAFIKX")
