"""`/laporan_rakor [N]` through the real bot: the report leaves as two documents (XLSX and PDF)
to whoever asked, an OPD head is refused, an unknown Rakor number gets only a refusal."""

from __future__ import annotations

from io import BytesIO

from openpyxl import load_workbook
from pypdf import PdfReader

from storage.models import OutboxFile
from tests.support.fake_telegram import Call
from tests.support.harness import ADMIN_ID, BotHarness, user
from tests.support.pemda import KEPALA_BAPPEDA, KEPALA_DINKES, join, published

SEKDA = user(3500, "Darwin", "darwin_sekda")
BUPATI = user(3600, "Eka")


def documents(calls: list[Call], chat_id: int) -> list[Call]:
    return [c for c in calls if c.method == "sendDocument" and c.chat_id == chat_id and c.ok]


def messages(calls: list[Call], chat_id: int) -> list[str]:
    return [c.text or "" for c in calls if c.method == "sendMessage" and c.chat_id == chat_id]


async def test_the_report_is_sent_as_a_workbook_and_a_pdf(bot: BotHarness) -> None:
    await published(bot)
    await bot.say(KEPALA_BAPPEDA, "/lapor 2 kendala: data belum lengkap")
    await join(bot, SEKDA, "sekda")
    calls = await bot.say(SEKDA, "/laporan_rakor")
    sent = documents(calls, SEKDA["id"])
    assert [c.files["document"].file_name for c in sent] == [
        "laporan_rakor_1_20261123.xlsx",
        "laporan_rakor_1_20261123.pdf",
    ]
    # told at once that it is being prepared; the file desk sends the two files after it
    assert messages(calls, SEKDA["id"]) == [
        "⏳ Sedang disiapkan: laporan tindak lanjut Rakor (Excel dan PDF). Berkasnya dikirim ke "
        "sini begitu siap."
    ]
    caption = sent[0].params["caption"]
    assert "Laporan tindak lanjut Rakor 1" in caption
    assert "Rakor Evaluasi Kinerja OPD Triwulan IV" in caption
    assert "3 arahan · 5 penugasan" in caption

    wb = load_workbook(BytesIO(sent[0].files["document"].content))
    rows = list(wb["Arahan Rakor"].iter_rows(values_only=True))
    assert [(r[0], r[4], r[7]) for r in rows[1:]] == [
        (1, "DINKES", "baru"),
        (1, "BAPPEDA", "baru"),
        (2, "BAPPEDA", "terkendala"),
        (3, "DINKES", "baru"),
        (3, "KEC_LIMAKAUM", "baru"),
    ]
    assert rows[3][13] == "data belum lengkap"

    pages = [p.extract_text() for p in PdfReader(BytesIO(sent[1].files["document"].content)).pages]
    assert "LAPORAN TINDAK LANJUT RAKOR" in pages[0]
    assert f"Halaman 1 dari {len(pages)}" in pages[0]
    assert "data belum lengkap" in "\n".join(pages)


async def test_the_report_of_a_rakor_by_number_for_the_kepala_daerah(bot: BotHarness) -> None:
    await published(bot)
    await join(bot, BUPATI, "kepala_daerah")
    calls = await bot.say(BUPATI, "/laporan_rakor rakor 1")
    assert len(documents(calls, BUPATI["id"])) == 2


async def test_an_opd_head_is_refused_and_nothing_is_made(bot: BotHarness) -> None:
    await published(bot)
    calls = await bot.say(KEPALA_DINKES, "/laporan_rakor")
    assert not [c for c in calls if c.method == "sendDocument"]
    assert messages(calls, KEPALA_DINKES["id"]) == [
        "Maaf, perintah ini tidak tersedia untuk Anda. Ketik /bantuan untuk melihat yang bisa "
        "Anda lakukan."
    ]
    assert not await bot.rows(OutboxFile)


async def test_an_unknown_rakor_gets_only_a_refusal(bot: BotHarness) -> None:
    await published(bot)
    calls = await bot.say(bot.admin, "/laporan_rakor 99")
    assert not [c for c in calls if c.method == "sendDocument"]
    (text,) = messages(calls, ADMIN_ID)
    assert "Rakor nomor 99 tidak ditemukan" in text
    assert "1 — Rakor Evaluasi Kinerja OPD Triwulan IV" in text
    assert not await bot.rows(OutboxFile)
    calls = await bot.say(bot.admin, "/laporan_rakor kemarin")
    assert messages(calls, ADMIN_ID)[0].startswith("Format: <code>/laporan_rakor</code>")
    assert not [c for c in calls if c.method == "sendDocument"]
