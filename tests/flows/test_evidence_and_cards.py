"""Verification cards that show what was claimed, evidence that can be seen and is kept: the
whole bot against the fake Telegram (its file endpoint included)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from bot.domain.roles import ButtonKind
from storage.models import Bukti, OutboxMessage
from tests.conftest import FakeClock
from tests.support.fake_telegram import Call, RecordingRequest
from tests.support.harness import BotHarness, private_chat
from tests.support.pemda import (
    ASISTEN_1,
    DINKES_GROUP,
    KEPALA_BAPPEDA,
    KEPALA_DINKES,
    OPERATOR_DINKES,
    button_data,
    directive_to,
    publish_three,
    sent_texts,
    setup_pemda,
    tugas_of,
)
from tests.support.snapshots import Snapshots

MB = 1024 * 1024


@pytest.fixture
async def bot(
    database_url: str, clock: FakeClock, snapshots: Snapshots, tmp_path: Path
) -> AsyncIterator[BotHarness]:
    """The bot keeping evidence in this test's own folder; Asisten may verify their cluster."""
    harness = BotHarness(
        database_url, clock, EVIDENCE_DIR=str(tmp_path / "bukti"), ASISTEN_MAY_VERIFY=True
    )
    await harness.start()
    snapshots.attach(harness)
    try:
        yield harness
    finally:
        await harness.stop()
    harness.request.assert_clean()


def folder(bot: BotHarness) -> Path:
    return Path(bot.settings.EVIDENCE_DIR)


def cards(calls: list[Call]) -> list[Call]:
    """The verification cards among ``calls``."""
    return [c for c in calls if c.method == "sendMessage" and "🔎" in (c.text or "")]


def labels(call: Call) -> list[str]:
    return [label for row in RecordingRequest.buttons(call) for label, _ in row]


async def send_photo(
    bot: BotHarness, who: dict[str, Any], reply_to: Call, caption: str, **file: Any
) -> dict[str, Any]:
    """``who`` replies to a directive with a photo and a caption; returns the photo."""
    photo = bot.request.add_file(b"\x89PNG " + caption.encode(), "foto.jpg", "image/jpeg", **file)
    await bot.feed(bot.updates.photo(who, private_chat(who), photo, caption, reply_to=reply_to))
    return photo


async def send_document(bot: BotHarness, who: dict[str, Any], document: dict[str, Any]) -> None:
    """``who`` sends a document right after a report (it joins that report)."""
    await bot.feed(bot.updates.document(who, private_chat(who), document))


# point 4: the card shows what was claimed


async def test_the_card_shows_the_claiming_report_not_a_later_note(bot: BotHarness) -> None:
    await setup_pemda(bot)
    _, calls = await publish_three(bot)
    message = directive_to(calls, KEPALA_DINKES["id"], 1)
    claimed_at = bot.clock.now()
    await bot.say(
        KEPALA_DINKES, "sudah selesai semua, data 12 nagari tervalidasi", reply_to=message
    )
    bot.clock.advance(hours=2)
    operator_message = directive_to(calls, OPERATOR_DINKES["id"], 1)
    await bot.say(OPERATOR_DINKES, "foto kegiatan menyusul", reply_to=operator_message)
    tugas = await tugas_of(bot, message)
    assert tugas.status == "selesai" and tugas.last_note == "foto kegiatan menyusul"

    (card,) = cards(await bot.say(bot.admin, "/verifikasi"))
    text = card.text or ""
    assert "data 12 nagari tervalidasi" in text and "foto kegiatan menyusul" not in text
    when = bot.app.env.format_datetime(claimed_at)
    assert f"Laporan selesai dari Budi Santoso, {when}" in text
    assert "Bukti dukung: belum ada" in text
    assert labels(card) == ["✅ Terima", "↩️ Tolak"]


async def test_cards_leave_in_the_order_the_header_says(bot: BotHarness) -> None:
    """Oldest claim first, though the oldest got a note since; the sender keeps the order."""
    await setup_pemda(bot)
    _, calls = await publish_three(bot)
    for nomor in (3, 1):
        message = directive_to(calls, KEPALA_DINKES["id"], nomor)
        await bot.say(KEPALA_DINKES, f"arahan No. {nomor} sudah selesai", reply_to=message)
        bot.clock.advance(minutes=30)
    message = directive_to(calls, KEPALA_BAPPEDA["id"], 2)
    await bot.say(
        KEPALA_BAPPEDA, "matriks sudah selesai seluruhnya dan dikirim ke Sekda", reply_to=message
    )
    bot.clock.advance(minutes=30)
    # a note on the oldest completion makes its penugasan's last report the newest
    message = directive_to(calls, KEPALA_DINKES["id"], 3)
    await bot.say(KEPALA_DINKES, "laporan lengkap menyusul besok", reply_to=message)

    listing = await bot.say(bot.admin, "/verifikasi")
    texts = sent_texts(listing)
    assert "Menunggu verifikasi: 3</b> (ditampilkan 3, yang terlama dahulu)" in texts[0]
    order = [c.text or "" for c in cards(listing)]
    assert [t.split("</b>")[0] for t in order] == [
        "🔎 <b>Arahan No. 3",
        "🔎 <b>Arahan No. 1",
        "🔎 <b>Arahan No. 2",
    ]
    assert "arahan No. 3 sudah selesai" in order[0]
    # queued in that order in one unit: the outbox ids follow it
    rows = [r for r in await bot.rows(OutboxMessage) if r.key.startswith("kartu:")]
    assert [r.message_id for r in sorted(rows, key=lambda r: r.id)] == [
        c.result["message_id"] for c in cards(listing)
    ]


async def test_a_decision_takes_the_buttons_off_every_card_about_it(bot: BotHarness) -> None:
    await setup_pemda(bot)
    _, calls = await publish_three(bot)
    for nomor in (1, 3):
        message = directive_to(calls, KEPALA_DINKES["id"], nomor)
        await bot.say(KEPALA_DINKES, "sudah selesai semua", reply_to=message)
    photo_to = directive_to(calls, KEPALA_DINKES["id"], 1)
    await send_photo(bot, KEPALA_DINKES, photo_to, "foto validasi")
    old_admin = cards(await bot.say(bot.admin, "/verifikasi"))
    asisten = cards(await bot.say(ASISTEN_1, "/verifikasi"))
    new_admin = cards(await bot.say(bot.admin, "/verifikasi"))
    assert len(old_admin) == len(asisten) == len(new_admin) == 2

    # the Asisten accepts No. 1 on their card: every card about it shows the decision
    pressed = await bot.press(ASISTEN_1, asisten[0], button_data(asisten[0], "✅ Terima"))
    edits = {(c.chat_id, c.params["message_id"]): c for c in pressed if c.method.startswith("edit")}
    assert set(edits) == {
        (c.chat_id, c.result["message_id"]) for c in (old_admin[0], asisten[0], new_admin[0])
    }
    for edit in edits.values():
        assert "Arahan No. 1" in (edit.text or "")
        assert "✅ <b>terverifikasi</b> oleh Marlina" in (edit.text or "")
        # no Terima / Tolak any more; the evidence stays one press away
        assert labels(edit) == ["📎 Lihat bukti (1)"]
    # a stale card pressed anyway changes nothing
    again = await bot.press(bot.admin, old_admin[0], button_data(old_admin[0], "↩️ Tolak"))
    assert again[0].params["show_alert"] is True
    assert "tidak sedang menunggu verifikasi" in again[0].params["text"]

    # the admin rejects No. 3 from the newest card: the older ones lose their buttons too
    asked = await bot.press(bot.admin, new_admin[1], button_data(new_admin[1], "↩️ Tolak"))
    prompt = [c for c in asked if c.method == "sendMessage"][0]
    done = await bot.say(bot.admin, "dokumentasi belum ada", reply_to=prompt)
    edits = {(c.chat_id, c.params["message_id"]): c for c in done if c.method.startswith("edit")}
    assert set(edits) == {
        (c.chat_id, c.result["message_id"]) for c in (old_admin[1], asisten[1], new_admin[1])
    }
    for edit in edits.values():
        # the ADMIN_IDS admin is named as Telegram names them, not "Admin 1001"
        assert "↩️ <b>Dikembalikan</b> oleh Rina Setda" in (edit.text or "")
        assert RecordingRequest.buttons(edit) == []


# point 5: evidence can be seen


async def test_lihat_bukti_sends_the_photos_and_documents_by_file_id(bot: BotHarness) -> None:
    await setup_pemda(bot)
    _, calls = await publish_three(bot)
    message = directive_to(calls, KEPALA_DINKES["id"], 1)
    photo = await send_photo(bot, KEPALA_DINKES, message, "selesai, validasi <tuntas>")
    document = bot.request.add_file(b"%PDF-1.4", "berita_acara.pdf")
    await send_document(bot, KEPALA_DINKES, document)

    (card,) = cards(await bot.say(bot.admin, "/verifikasi"))
    assert "Bukti dukung: 2 berkas" in (card.text or "")
    shown = await bot.press(bot.admin, card, button_data(card, "📎 Lihat bukti (2)"))
    assert shown[0].method == "answerCallbackQuery"
    assert shown[0].params["text"] == "Mengirim 2 bukti."
    sent = [c for c in shown if c.method in ("sendPhoto", "sendDocument")]
    assert [(c.method, c.chat_id) for c in sent] == [
        ("sendPhoto", bot.admin["id"]),
        ("sendDocument", bot.admin["id"]),
    ]
    assert sent[0].params["photo"] == photo["file_id"]
    assert sent[1].params["document"] == document["file_id"]
    caption = sent[0].params["caption"]
    assert "Bukti Arahan No. 1 · DINKES · Budi Santoso" in caption
    assert "selesai, validasi &lt;tuntas&gt;" in caption

    # /arahan_info: a button per OPD with evidence, for an OPD member of the directive too
    info = [c for c in await bot.say(KEPALA_BAPPEDA, "/arahan_info 1") if c.method == "sendMessage"]
    assert labels(info[-1]) == ["📎 Bukti DINKES (2)"]
    shown = await bot.press(KEPALA_BAPPEDA, info[-1], button_data(info[-1], "📎 Bukti DINKES"))
    assert [(c.method, c.chat_id) for c in shown if c.method != "answerCallbackQuery"] == [
        ("sendPhoto", KEPALA_BAPPEDA["id"]),
        ("sendDocument", KEPALA_BAPPEDA["id"]),
    ]


async def test_evidence_of_another_opd_is_refused_even_with_signed_data(
    bot: BotHarness,
) -> None:
    await setup_pemda(bot)
    _, calls = await publish_three(bot)
    message = directive_to(calls, KEPALA_DINKES["id"], 3)  # DINKES and KEC_LIMAKAUM only
    await send_photo(bot, KEPALA_DINKES, message, "imunisasi selesai semua")
    tugas = await tugas_of(bot, message)
    info = [c for c in await bot.say(KEPALA_DINKES, "/arahan_info 3") if c.method == "sendMessage"]
    # BAPPEDA is not assigned directive 3: a button made for it, signed, is still refused
    signed = bot.app.env.signer.make(ButtonKind.BUKTI, "p", tugas.id, 0)
    assert button_data(info[-1], "📎 Bukti DINKES") == signed
    for data in (signed, signed[:-2] + "xx"):
        pressed = await bot.press(KEPALA_BAPPEDA, info[-1], data)
        assert [c.method for c in pressed] == ["answerCallbackQuery"]
        assert pressed[0].params["show_alert"] is True
    assert bot.request.sent("sendPhoto", KEPALA_BAPPEDA["id"]) == []


async def test_many_pieces_come_ten_at_a_time(bot: BotHarness) -> None:
    await setup_pemda(bot)
    _, calls = await publish_three(bot)
    message = directive_to(calls, KEPALA_DINKES["id"], 1)
    await send_photo(bot, KEPALA_DINKES, message, "progres 50%, foto lapangan")
    files = [bot.request.add_file(b"%PDF", f"lampiran{n}.pdf") for n in range(11)]
    for document in files:
        await send_document(bot, KEPALA_DINKES, document)
    info = [c for c in await bot.say(bot.admin, "/arahan_info 1") if c.method == "sendMessage"]
    first = await bot.press(bot.admin, info[-1], button_data(info[-1], "📎 Bukti DINKES (12)"))
    assert len([c for c in first if c.method in ("sendPhoto", "sendDocument")]) == 10
    more = [c for c in first if c.method == "sendMessage"][-1]
    assert "Ditampilkan bukti 1–10 dari 12" in (more.text or "")
    rest = await bot.press(bot.admin, more, button_data(more, "Bukti berikutnya"))
    assert [c.params["document"] for c in rest if c.method == "sendDocument"] == [
        f["file_id"] for f in files[-2:]
    ]
    assert not [c for c in rest if c.method == "sendMessage"]  # nothing more to come


# point 5: evidence is kept


async def test_the_keeper_downloads_evidence_outside_the_update(bot: BotHarness) -> None:
    await setup_pemda(bot)
    _, calls = await publish_three(bot)
    message = directive_to(calls, KEPALA_DINKES["id"], 1)
    before = len(bot.request.calls)
    photo = await send_photo(bot, KEPALA_DINKES, message, "selesai")
    # the update's unit stores the file id only: nothing is fetched while handling it
    assert "getFile" not in [c.method for c in bot.request.calls[before:]]
    (bukti,) = await bot.rows(Bukti)
    assert (bukti.stored_state, bukti.stored_path) == ("antri", None)

    report = await bot.app.keeper.keep_due()
    assert (report.kept, report.too_big, report.failed) == (1, 0, 0)
    (bukti,) = await bot.rows(Bukti)
    assert bukti.stored_state == "tersimpan"
    assert bukti.stored_path == f"bukti_{bukti.id}_laporan_{bukti.laporan_id}.jpg"
    kept = folder(bot) / bukti.stored_path
    assert kept.read_bytes() == bot.request.file_content(photo["file_id"])
    assert bukti.stored_size == kept.stat().st_size and bukti.stored_at == bot.clock.now()
    assert [p.name for p in folder(bot).iterdir()] == [bukti.stored_path]  # no temporary left
    # kept once: a second pass fetches nothing
    before = len(bot.request.calls)
    assert (await bot.app.keeper.keep_due()).kept == 0
    assert bot.request.calls[before:] == []


async def test_a_file_over_20_mb_is_not_downloaded_and_says_so(bot: BotHarness) -> None:
    await setup_pemda(bot)
    _, calls = await publish_three(bot)
    message = directive_to(calls, KEPALA_DINKES["id"], 1)
    # the update says how big the photo is: no getFile at all
    await send_photo(bot, KEPALA_DINKES, message, "semua selesai, foto drone", size=25 * MB)
    # a document the update gives no size for: getFile tells ("file is too big")
    video = bot.request.add_file(b"MP4", "rekaman.mp4", size=40 * MB)
    del video["file_size"]
    await send_document(bot, KEPALA_DINKES, video)
    small = bot.request.add_file(b"%PDF-1.4", "ba.pdf")
    await send_document(bot, KEPALA_DINKES, small)

    before = len(bot.request.calls)
    report = await bot.app.keeper.keep_due()
    assert (report.kept, report.too_big, report.failed) == (1, 2, 0)
    fetched = [c for c in bot.request.calls[before:] if c.method == "getFile"]
    assert [c.params["file_id"] for c in fetched] == [video["file_id"], small["file_id"]]
    assert [(b.stored_state, b.stored_path is None) for b in await bot.rows(Bukti)] == [
        ("terlalu_besar", True),
        ("terlalu_besar", True),
        ("tersimpan", False),
    ]
    assert len(list(folder(bot).iterdir())) == 1

    note = "2 berkas &gt; 20 MB, hanya tersimpan di Telegram"
    (card,) = cards(await bot.say(bot.admin, "/verifikasi"))
    assert f"Bukti dukung: 3 berkas ({note})" in (card.text or "")
    info = "\n".join(sent_texts(await bot.say(bot.admin, "/arahan_info 1")))
    assert "3 bukti · 2 di antaranya berkas &gt; 20 MB, hanya tersimpan di Telegram" in info
    # still shown by file id, with the note
    shown = await bot.press(bot.admin, card, button_data(card, "📎 Lihat bukti (3)"))
    captions = [c.params["caption"] for c in shown if c.method in ("sendPhoto", "sendDocument")]
    assert ["hanya tersimpan di Telegram" in c for c in captions] == [True, True, False]


async def test_a_failed_download_is_tried_again_later_even_after_a_restart(
    bot: BotHarness,
) -> None:
    await setup_pemda(bot)
    _, calls = await publish_three(bot)
    message = directive_to(calls, KEPALA_DINKES["id"], 1)
    photo = await send_photo(bot, KEPALA_DINKES, message, "selesai")

    bot.request.fail_next(500, "Internal Server Error")  # getFile fails
    report = await bot.app.keeper.keep_due()
    assert (report.kept, report.failed) == (0, 1)
    (bukti,) = await bot.rows(Bukti)
    assert (bukti.stored_state, bukti.store_attempts) == ("antri", 1)
    assert bukti.store_error == "Internal Server Error"
    assert bukti.store_after is not None
    first_wait = bukti.store_after - bot.clock.now()
    # not before its time
    assert (await bot.app.keeper.keep_due()).kept == 0

    bot.clock.advance(seconds=first_wait.total_seconds())
    bot.request.fail_next_downloads()  # the file endpoint fails this time
    assert (await bot.app.keeper.keep_due()).failed == 1
    (bukti,) = await bot.rows(Bukti)
    assert bukti.store_attempts == 2
    assert bukti.store_after is not None and bukti.store_after - bot.clock.now() > first_wait
    assert not folder(bot).exists() or list(folder(bot).iterdir()) == []

    # the process stops; the new one finds the row still waiting and keeps it in time
    await bot.restart()
    assert (await bot.app.keeper.keep_due()).kept == 0
    bot.clock.advance(hours=1)
    assert (await bot.app.keeper.keep_due()).kept == 1
    (bukti,) = await bot.rows(Bukti)
    assert bukti.stored_state == "tersimpan" and bukti.store_error is None
    assert bukti.stored_path is not None
    kept = (folder(bot) / bukti.stored_path).read_bytes()
    assert kept == bot.request.file_content(photo["file_id"])


async def test_pressed_in_a_group_the_evidence_goes_to_the_reader_only(bot: BotHarness) -> None:
    await setup_pemda(bot)
    _, calls = await publish_three(bot)
    message = directive_to(calls, KEPALA_DINKES["id"], 1)
    photo = await send_photo(bot, KEPALA_DINKES, message, "selesai")
    info = [
        c
        for c in await bot.say(OPERATOR_DINKES, "/arahan_info 1", chat=DINKES_GROUP)
        if c.method == "sendMessage"
    ]
    assert info[-1].chat_id == DINKES_GROUP["id"]
    shown = await bot.press(OPERATOR_DINKES, info[-1], button_data(info[-1], "📎 Bukti DINKES"))
    assert shown[0].params["text"] == "Mengirim 1 bukti ke chat pribadi Anda."
    assert [(c.method, c.chat_id, c.params.get("photo")) for c in shown[1:]] == [
        ("sendPhoto", OPERATOR_DINKES["id"], photo["file_id"])
    ]
