"""Officials report in place: replies in private and in groups, buttons with forced replies,
photos as evidence, receipts and take-back, edits, refusals, kendala to the Asisten."""

from __future__ import annotations

from storage.models import Bukti, Laporan, Member, Penugasan
from tests.support.fake_telegram import RecordingRequest
from tests.support.harness import BotHarness, private_chat
from tests.support.pemda import (
    ASISTEN_1,
    DINKES_GROUP,
    KEPALA_BAPPEDA,
    KEPALA_DINKES,
    OPERATOR_DINKES,
    RAKOR_GROUP,
    STRANGER,
    button_data,
    directive_to,
    published,
    sent_texts,
    tugas_of,
)


async def test_private_reply_is_a_report_with_a_receipt(bot: BotHarness) -> None:
    calls = await published(bot)
    message = directive_to(calls, KEPALA_DINKES["id"], 1)
    answer = await bot.say(
        KEPALA_DINKES,
        "Izin melaporkan pak, sdh 60 persen, rapat koordinasi dgn puskesmas sudah dilaksanakan",
        reply_to=message,
    )
    receipt = sent_texts(answer)
    assert len(receipt) == 1
    assert "Laporan dicatat" in receipt[0] and "Arahan No. 1 (DINKES)" in receipt[0]
    assert "Status: <b>dalam proses</b>" in receipt[0] and "Progres: 60%" in receipt[0]
    assert "Catatan: Izin melaporkan pak" in receipt[0] and "Bukti dukung: 0" in receipt[0]
    labels = [label for row in RecordingRequest.buttons(answer[0]) for label, _ in row]
    assert labels == ["↩️ Tarik laporan (10 menit)"]
    tugas = await tugas_of(bot, message)
    assert (tugas.status, tugas.progress) == ("dalam_proses", 60)
    laporan = (await bot.rows(Laporan))[-1]
    assert (laporan.source, laporan.status_from, laporan.status_to) == (
        "balasan",
        "baru",
        "dalam_proses",
    )
    assert laporan.chat_id == KEPALA_DINKES["id"]


async def test_group_replies_land_on_the_right_penugasan(bot: BotHarness) -> None:
    calls = await published(bot)
    in_group = directive_to(calls, DINKES_GROUP["id"], 3)
    answer = await bot.say(OPERATOR_DINKES, "progres 40 %", chat=DINKES_GROUP, reply_to=in_group)
    receipt = [c for c in answer if c.method == "sendMessage"][0]
    assert receipt.chat_id == DINKES_GROUP["id"]
    assert receipt.params["reply_parameters"]["message_id"] > 0
    tugas = await tugas_of(bot, in_group)
    assert (tugas.status, tugas.progress) == ("dalam_proses", 40)
    # in the Rakor group, a reply from BAPPEDA's head is about BAPPEDA's part of directive 1
    in_rakor = directive_to(calls, RAKOR_GROUP["id"], 1)
    await bot.say(KEPALA_BAPPEDA, "siap laksanakan", chat=RAKOR_GROUP, reply_to=in_rakor)
    rows = await bot.rows(Penugasan)
    bappeda_1 = [p for p in rows if p.arahan_id == 1 and p.kedudukan == "pendukung"][0]
    dinkes_1 = [p for p in rows if p.arahan_id == 1 and p.kedudukan == "penanggung_jawab"][0]
    assert bappeda_1.status == "diterima" and dinkes_1.status == "baru"


async def test_strangers_and_other_opds_are_refused_and_nothing_changes(
    bot: BotHarness,
) -> None:
    calls = await published(bot)
    in_group = directive_to(calls, DINKES_GROUP["id"], 1)
    for who in (STRANGER, KEPALA_BAPPEDA, ASISTEN_1):
        answer = sent_texts(await bot.say(who, "selesai", chat=DINKES_GROUP, reply_to=in_group))
        assert len(answer) == 1 and "tidak terdaftar pada OPD" in answer[0]
    assert await bot.rows(Laporan) == []
    # a deactivated member is refused too
    await bot.say(bot.admin, f"/nonaktif {OPERATOR_DINKES['id']}")
    answer = sent_texts(
        await bot.say(OPERATOR_DINKES, "selesai", chat=DINKES_GROUP, reply_to=in_group)
    )
    assert "tidak terdaftar pada OPD" in answer[0]
    assert await bot.rows(Laporan) == []


async def test_kendala_button_forced_reply_and_the_asisten_is_told(bot: BotHarness) -> None:
    calls = await published(bot)
    message = directive_to(calls, KEPALA_DINKES["id"], 1)
    pressed = await bot.press(KEPALA_DINKES, message, button_data(message, "⚠️"))
    prompt = [c for c in pressed if c.method == "sendMessage"][0]
    assert prompt.params["reply_markup"]["force_reply"] is True
    assert "Kendala Arahan No. 1 (DINKES)" in (prompt.text or "")
    answer = await bot.say(KEPALA_DINKES, "anggaran belum cair dari BPKD", reply_to=prompt)
    tugas = await tugas_of(bot, message)
    assert tugas.status == "terkendala" and tugas.last_note == "anggaran belum cair dari BPKD"
    alerts = [c for c in answer if c.chat_id == ASISTEN_1["id"]]
    assert len(alerts) == 1
    assert "Kendala baru" in (alerts[0].text or "") and "anggaran belum cair" in (
        alerts[0].text or ""
    )
    # the next progress report leaves terkendala
    await bot.say(KEPALA_DINKES, "progres 70%, sudah cair", reply_to=message)
    tugas = await tugas_of(bot, message)
    assert (tugas.status, tugas.progress) == ("dalam_proses", 70)
    assert tugas.kendala_since is None


async def test_selesai_with_a_photo_is_evidence(bot: BotHarness) -> None:
    calls = await published(bot)
    message = directive_to(calls, KEPALA_DINKES["id"], 3)
    pressed = await bot.press(KEPALA_DINKES, message, button_data(message, "✅"))
    prompt = [c for c in pressed if c.method == "sendMessage"][0]
    photo = bot.request.add_file(b"\x89PNG fake", file_name="foto.jpg", mime_type="image/jpeg")
    before = len(bot.request.calls)
    await bot.feed(
        bot.updates.photo(
            KEPALA_DINKES,
            private_chat(KEPALA_DINKES),
            photo,
            caption="imunisasi tuntas di 5 nagari",
            reply_to=prompt,
        )
    )
    receipt = sent_texts(bot.request.calls[before:])[0]
    assert "selesai (menunggu verifikasi)" in receipt and "Bukti dukung: 1" in receipt
    tugas = await tugas_of(bot, message)
    assert (tugas.status, tugas.progress) == ("selesai", 100)
    bukti = await bot.rows(Bukti)
    assert len(bukti) == 1 and bukti[0].jenis == "foto"
    assert bukti[0].caption == "imunisasi tuntas di 5 nagari" and bukti[0].file_unique_id
    # a document sent right after, not as a reply, joins the same report
    doc = bot.request.add_file(b"%PDF-1.4", file_name="laporan.pdf")
    before = len(bot.request.calls)
    await bot.feed(bot.updates.document(KEPALA_DINKES, private_chat(KEPALA_DINKES), doc))
    assert "sekarang 2 berkas" in sent_texts(bot.request.calls[before:])[0]
    assert len(await bot.rows(Bukti)) == 2


async def test_take_back_within_ten_minutes_and_not_after(bot: BotHarness) -> None:
    calls = await published(bot)
    message = directive_to(calls, KEPALA_DINKES["id"], 1)
    answer = await bot.say(KEPALA_DINKES, "sudah selesai", reply_to=message)
    receipt = [c for c in answer if c.method == "sendMessage"][0]
    taken = await bot.press(KEPALA_DINKES, receipt, button_data(receipt, "↩️"))
    assert taken[0].params["text"] == "Laporan ditarik."
    assert "Status kembali: <b>baru</b>" in (taken[1].text or "")
    tugas = await tugas_of(bot, message)
    assert (tugas.status, tugas.progress) == ("baru", 0)
    laporan = (await bot.rows(Laporan))[-1]
    assert laporan.withdrawn_at is not None  # kept, marked
    # someone else cannot take a report back; and after ten minutes nobody can
    answer = await bot.say(KEPALA_DINKES, "progres 30%", reply_to=message)
    receipt = [c for c in answer if c.method == "sendMessage"][0]
    other = await bot.press(OPERATOR_DINKES, receipt, button_data(receipt, "↩️"))
    assert "Hanya pelapornya" in other[0].params["text"]
    bot.clock.advance(minutes=11)
    late = await bot.press(KEPALA_DINKES, receipt, button_data(receipt, "↩️"))
    assert "dalam 10 menit" in late[0].params["text"]
    assert (await tugas_of(bot, message)).progress == 30


async def test_an_edited_report_is_a_correction(bot: BotHarness) -> None:
    calls = await published(bot)
    message = directive_to(calls, KEPALA_DINKES["id"], 1)
    update = bot.updates.message(
        KEPALA_DINKES, private_chat(KEPALA_DINKES), "progres 50%", reply_to=message
    )
    await bot.feed(update)
    edited = bot.updates.edited_message(
        KEPALA_DINKES, private_chat(KEPALA_DINKES), "progres 35%", update["message"]["message_id"]
    )
    before = len(bot.request.calls)
    await bot.feed(edited)
    assert "Progres: 35%" in sent_texts(bot.request.calls[before:])[0]
    rows = await bot.rows(Laporan)
    assert [r.progress for r in rows] == [50, 35]
    assert rows[1].corrects_id == rows[0].id and rows[1].source == "koreksi"
    assert (await tugas_of(bot, message)).progress == 35


async def test_unclassified_text_is_kept_as_a_note(bot: BotHarness) -> None:
    calls = await published(bot)
    message = directive_to(calls, KEPALA_DINKES["id"], 1)
    answer = sent_texts(
        await bot.say(KEPALA_DINKES, "Mohon petunjuk lebih lanjut pak", reply_to=message)
    )
    assert "Status: <b>baru</b>" in answer[0] and "Catatan: Mohon petunjuk" in answer[0]
    assert (await tugas_of(bot, message)).status == "baru"
    assert (await bot.rows(Laporan))[0].catatan == "Mohon petunjuk lebih lanjut pak"


async def test_lapor_command_and_tugas(bot: BotHarness) -> None:
    await published(bot)
    answer = sent_texts(await bot.say(KEPALA_BAPPEDA, "/lapor 2 progres 25%"))
    assert "Arahan No. 2 (BAPPEDA)" in answer[0] and "Progres: 25%" in answer[0]
    assert "tidak terdaftar" in sent_texts(await bot.say(KEPALA_BAPPEDA, "/lapor 3 selesai"))[0]
    assert "Format" in sent_texts(await bot.say(KEPALA_BAPPEDA, "/lapor dua"))[0]
    assert "tidak ditemukan" in sent_texts(await bot.say(KEPALA_BAPPEDA, "/lapor 99 ok"))[0]
    work = await bot.say(KEPALA_BAPPEDA, "/tugas")
    text = sent_texts(work)[0]
    # directive 2 is due sooner (2 weeks) than directive 1 (31 December): it comes first
    assert text.index("No. 2") < text.index("No. 1")
    assert "dalam proses 25%" in text
    labels = [label for row in RecordingRequest.buttons(work[0]) for label, _ in row]
    assert labels[:3] == ["No.2 📈", "⚠️", "✅"]
    assert sent_texts(await bot.say(STRANGER, "/tugas"))[0].startswith("Maaf")


async def test_reports_on_cancelled_or_closed_work_are_refused(bot: BotHarness) -> None:
    calls = await published(bot)
    message = directive_to(calls, KEPALA_DINKES["id"], 3)
    announce = await bot.say(bot.admin, "/batal 3 sudah ditangani lewat program provinsi")
    told = {c.chat_id for c in announce if "dibatalkan" in (c.text or "")}
    assert {KEPALA_DINKES["id"], OPERATOR_DINKES["id"], DINKES_GROUP["id"]} <= told
    answer = sent_texts(await bot.say(KEPALA_DINKES, "selesai", reply_to=message))
    assert "sudah dibatalkan" in answer[0]
    assert await bot.rows(Laporan) == []


async def test_private_text_about_nothing_gets_a_hint(bot: BotHarness) -> None:
    await published(bot)
    answer = sent_texts(await bot.say(KEPALA_DINKES, "selamat pagi pak"))
    assert "balas (reply)" in answer[0]
    assert "belum terdaftar" in sent_texts(await bot.say(STRANGER, "halo"))[0]
    members = await bot.rows(Member, Member.telegram_id == STRANGER["id"])
    assert members == []
