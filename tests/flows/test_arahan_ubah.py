"""`/arahan_ubah`: a published directive changed step by step (text, priority, OPDs) with a
reason and a preview, announced to exactly those it concerns; and the report buttons taken off
the messages of a cancelled or closed directive."""

from __future__ import annotations

from typing import Any

from bot.domain.roles import ButtonKind
from storage.models import Arahan, ArahanVersi, Laporan, Opd, Penugasan
from tests.support.fake_telegram import Call, RecordingRequest
from tests.support.harness import BotHarness
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
    last_message,
    published,
    sent_texts,
    to,
)

DINKES_PEOPLE = {KEPALA_DINKES["id"], OPERATOR_DINKES["id"]}


def _labels(call: Call) -> list[str]:
    return [label for row in RecordingRequest.buttons(call) for label, _ in row]


def _edited(calls: list[Call]) -> Call:
    return [c for c in calls if c.method == "editMessageText"][-1]


def _chats(calls: list[Call], words: str) -> set[Any]:
    return {c.chat_id for c in calls if c.method == "sendMessage" and words in (c.text or "")}


async def _arahan(bot: BotHarness, nomor: int) -> Arahan:
    return (await bot.rows(Arahan, Arahan.nomor == nomor))[0]


async def _tugas(bot: BotHarness, nomor: int) -> dict[str, Penugasan]:
    arahan = await _arahan(bot, nomor)
    opds = {o.id: o.kode for o in await bot.rows(Opd)}
    return {opds[t.opd_id]: t for t in await bot.rows(Penugasan, Penugasan.arahan_id == arahan.id)}


async def _to_reason(bot: BotHarness, nomor: int, jenis: str) -> tuple[Call, list[Call]]:
    """`/arahan_ubah nomor`, then the button of ``jenis``: the menu and the press's calls."""
    menu = last_message(await bot.say(bot.admin, f"/arahan_ubah {nomor}"))
    return menu, await bot.press(bot.admin, menu, button_data(menu, jenis))


async def _finish(bot: BotHarness, question: Call, reason: str) -> tuple[Call, list[Call]]:
    """Answer the reason question, check the preview, press Simpan: the preview and calls."""
    assert question.params["reply_markup"]["force_reply"] is True
    preview = last_message(await bot.say(bot.admin, reason, reply_to=question))
    assert "Pratinjau perubahan" in (preview.text or "")
    assert _labels(preview) == ["💾 Simpan", "✖️ Batal"]
    return preview, await bot.press(bot.admin, preview, button_data(preview, "💾 Simpan"))


async def test_text_change_is_announced_to_exactly_its_opds(bot: BotHarness) -> None:
    await published(bot)
    menu, calls = await _to_reason(bot, 1, "📝 Teks")
    assert "Ubah Arahan No. 1" in (menu.text or "")
    assert "Validasi data balita stunting" in (menu.text or "")
    assert "✏️ Ubah Arahan No. 1 — 📝 Teks" in (_edited(calls).text or "")
    ask_text = last_message(calls)
    assert "teks baru" in (ask_text.text or "")
    # an empty text is refused, the step keeps waiting
    assert "harus diisi" in sent_texts(await bot.say(bot.admin, "   ", reply_to=ask_text))[0]
    calls = await bot.say(bot.admin, "Validasi data balita <stunting> per desa", reply_to=ask_text)
    ask_reason = last_message(calls)
    assert "alasan perubahan" in (ask_reason.text or "")
    preview, calls = await _finish(bot, ask_reason, "hasil Rakor lanjutan 30/11")
    assert "Validasi data balita stunting per nagari" in (preview.text or "")
    assert "Validasi data balita &lt;stunting&gt; per desa" in (preview.text or "")
    assert "disimpan (versi 2)" in (_edited(calls).text or "")

    changed = _chats(calls, "Arahan No. 1 diubah</b>")
    assert changed == DINKES_PEOPLE | {KEPALA_BAPPEDA["id"], DINKES_GROUP["id"]}
    private = to(calls, KEPALA_BAPPEDA)[0]
    assert "&lt;stunting&gt; per desa" in private and "hasil Rakor lanjutan" in private
    assert _chats(calls, "Arahan No. 1 diubah (versi 2)") == {RAKOR_GROUP["id"]}
    assert not to(calls, ASISTEN_1)
    assert (await _arahan(bot, 1)).teks == "Validasi data balita <stunting> per desa"
    versions = await bot.rows(ArahanVersi)
    assert [(v.versi, v.alasan) for v in versions] == [
        (1, None),
        (2, "hasil Rakor lanjutan 30/11"),
    ]
    assert versions[0].teks == "Validasi data balita stunting per nagari"
    # a reply to the notice is a report on the OPD's penugasan
    notice = [c for c in calls if c.chat_id == KEPALA_DINKES["id"]][0]
    answer = sent_texts(await bot.say(KEPALA_DINKES, "progres 40%", reply_to=notice))
    assert "Laporan dicatat" in answer[0]

    info = "\n".join(sent_texts(await bot.say(bot.admin, "/arahan_info 1")))
    assert "Versi 1" in info and "asli (saat terbit)" in info
    assert "Versi 2" in info and "hasil Rakor lanjutan 30/11" in info
    assert "diubah: " in info


async def test_priority_change(bot: BotHarness) -> None:
    await published(bot)
    _, calls = await _to_reason(bot, 1, "⚡ Prioritas")
    chooser = _edited(calls)
    assert _labels(chooser) == ["Tinggi", "✅ Sedang", "Rendah", "✖️ Batal"]
    # the same priority changes nothing
    same = await bot.press(bot.admin, chooser, button_data(chooser, "✅ Sedang"))
    assert "sama dengan yang sekarang" in same[0].params["text"]
    calls = await bot.press(bot.admin, chooser, button_data(chooser, "Tinggi"))
    assert "⚡ Prioritas: tinggi" in (_edited(calls).text or "")
    _, calls = await _finish(bot, last_message(calls), "menjadi perhatian Bupati")
    assert (await _arahan(bot, 1)).prioritas == "tinggi"
    assert "prioritas sedang → tinggi" in to(calls, KEPALA_DINKES)[0]


async def test_adding_a_supporting_opd(bot: BotHarness) -> None:
    calls = await published(bot)
    before = "\n".join(sent_texts(await bot.say(bot.admin, "/status semua")))
    assert "Jumlah: 5 terbuka" in before
    _, calls = await _to_reason(bot, 2, "➕ Tambah OPD pendukung")
    picker = _edited(calls)
    assert "BAPPEDA" not in " ".join(_labels(picker))  # already assigned
    # typing part of a name narrows the picker
    found = last_message(await bot.say(bot.admin, "kesehatan"))
    assert "Pencarian «kesehatan»: 1 OPD" in (found.text or "")
    label = next(x for x in _labels(found) if x.startswith("DINKES"))
    calls = await bot.press(bot.admin, found, button_data(found, label))
    preview, calls = await _finish(bot, last_message(calls), "DINKES menyiapkan data gizi")
    assert "DINKES menerima arahan ini" in (preview.text or "")

    for chat in (*DINKES_PEOPLE, DINKES_GROUP["id"]):
        message = directive_to(calls, chat, 2)
        assert "Susun matriks tindak lanjut" in (message.text or "")
        assert _labels(message)[0] == "👍 Terima"
    assert _chats(calls, "Arahan No. 2 diubah</b>") == {KEPALA_BAPPEDA["id"]}
    assert _chats(calls, "Arahan No. 2 diubah (versi 2)") == {RAKOR_GROUP["id"]}
    tugas = await _tugas(bot, 2)
    assert tugas["DINKES"].kedudukan == "pendukung" and tugas["DINKES"].status == "baru"
    # its buttons work, and the digest counts it
    message = directive_to(calls, KEPALA_DINKES["id"], 2)
    await bot.press(KEPALA_DINKES, message, button_data(message, "👍"))
    assert (await _tugas(bot, 2))["DINKES"].status == "diterima"
    after = "\n".join(sent_texts(await bot.say(bot.admin, "/status semua")))
    assert "Jumlah: 6 terbuka" in after


async def test_removing_a_supporting_opd(bot: BotHarness) -> None:
    calls = await published(bot)
    message = directive_to(calls, KEPALA_BAPPEDA["id"], 1)
    await bot.say(KEPALA_BAPPEDA, "progres 30% data dikumpulkan", reply_to=message)
    _, pressed = await _to_reason(bot, 1, "➖ Hapus OPD pendukung")
    picker = _edited(pressed)
    assert [x.split(" ·")[0] for x in _labels(picker)] == ["BAPPEDA", "✖️ Batal"]
    pressed = await bot.press(bot.admin, picker, button_data(picker, "BAPPEDA"))
    _, calls = await _finish(bot, last_message(pressed), "cukup ditangani DINKES")

    told = to(calls, KEPALA_BAPPEDA)
    assert len(told) == 1 and "tidak lagi ditugaskan kepada BAPPEDA" in told[0]
    assert _chats(calls, "Arahan No. 1 diubah</b>") == DINKES_PEOPLE | {DINKES_GROUP["id"]}
    # BAPPEDA's message of No. 1 loses its buttons; the others keep theirs
    stripped = [c for c in calls if c.method == "editMessageReplyMarkup"]
    assert [(c.chat_id, c.params["message_id"]) for c in stripped] == [
        (KEPALA_BAPPEDA["id"], message.result["message_id"])
    ]
    assert "reply_markup" not in stripped[0].params
    tugas = (await _tugas(bot, 1))["BAPPEDA"]
    assert tugas.status == "dicabut"
    assert [x.progress for x in await bot.rows(Laporan, Laporan.penugasan_id == tugas.id)] == [30]
    # not counted any more; no more reports taken
    digest = "\n".join(sent_texts(await bot.say(bot.admin, "/status semua")))
    assert "Jumlah: 4 terbuka" in digest
    assert "<b>BAPPEDA</b> — 1 terbuka" in digest
    refused = sent_texts(await bot.say(KEPALA_BAPPEDA, "/lapor 1 progres 50%"))[0]
    assert "dicabut dari OPD ini" in refused
    # a later deadline change is not announced to BAPPEDA
    calls = await bot.say(bot.admin, "/tenggat 1 15/01/2027 menunggu data BPS")
    assert not to(calls, KEPALA_BAPPEDA)
    info = "\n".join(sent_texts(await bot.say(bot.admin, "/arahan_info 1")))
    assert "BAPPEDA (pendukung): dicabut dari OPD ini" in info
    assert "progres" in info.lower() or "30%" in info


async def test_changing_the_lead(bot: BotHarness) -> None:
    await published(bot)
    _, pressed = await _to_reason(bot, 3, "⭐ Ganti penanggung jawab")
    picker = _edited(pressed)
    labels = _labels(picker)
    assert labels[0].startswith("KEC_LIMAKAUM")  # the supporting OPD first
    assert not any(x.startswith("DINKES") for x in labels)
    assert "(kini DINKES, yang kemudian menjadi pendukung)" in (picker.text or "")
    pressed = await bot.press(bot.admin, picker, button_data(picker, "KEC_LIMAKAUM"))
    _, calls = await _finish(bot, last_message(pressed), "kecamatan memimpin pelaksanaan")
    tugas = await _tugas(bot, 3)
    assert tugas["KEC_LIMAKAUM"].kedudukan == "penanggung_jawab"
    assert tugas["DINKES"].kedudukan == "pendukung"
    assert tugas["KEC_LIMAKAUM"].urutan == 0
    notice = to(calls, KEPALA_DINKES)[0]
    assert "penanggung jawab kini KEC_LIMAKAUM" in notice
    assert "Penanggung jawab: KEC_LIMAKAUM" in notice
    versions = await bot.rows(ArahanVersi)
    assert [v.opd["opd"][0] for v in versions] == [
        tugas["DINKES"].opd_id,
        tugas["KEC_LIMAKAUM"].opd_id,
    ]


async def test_only_the_admin_and_only_published_directives(bot: BotHarness) -> None:
    await published(bot)
    refused = sent_texts(await bot.say(KEPALA_DINKES, "/arahan_ubah 1"))
    assert refused[0].startswith("Maaf")
    assert "tidak ditemukan" in sent_texts(await bot.say(bot.admin, "/arahan_ubah 99"))[0]
    assert "tidak ditemukan" in sent_texts(await bot.say(bot.admin, "/arahan_ubah abc"))[0]
    assert "Format" in sent_texts(await bot.say(bot.admin, "/arahan_ubah"))[0]
    await bot.say(bot.admin, "/batal 2 sudah ditangani provinsi")
    assert "dibatalkan" in sent_texts(await bot.say(bot.admin, "/arahan_ubah 2"))[0]
    in_group = sent_texts(await bot.say(bot.admin, "/arahan_ubah 1", chat=RAKOR_GROUP))
    assert "chat pribadi" in in_group[0]


async def test_forged_and_foreign_presses_change_nothing(bot: BotHarness) -> None:
    await published(bot)
    menu = last_message(await bot.say(bot.admin, "/arahan_ubah 1"))
    data = button_data(menu, "📝 Teks")
    draft_id = int(data.split(":")[2])
    # unsigned data pointing at the admin's session, a stranger, an OPD's head
    forged = f"ub:j:{draft_id}:0:AAAAAAAAAA"
    for who, press in ((bot.admin, forged), (STRANGER, data), (KEPALA_DINKES, data)):
        calls = await bot.press(who, menu, press)
        assert [c.method for c in calls] == ["answerCallbackQuery"]
        assert calls[0].params["show_alert"] is True
    # a signed button of a step that is not the current one
    signed = bot.app.env.signer.make(ButtonKind.UBAH, "s", draft_id, 0)
    calls = await bot.press(bot.admin, menu, signed)
    assert "tidak berlaku" in calls[0].params["text"]
    assert [c.method for c in calls] == ["answerCallbackQuery"]
    # an OPD id the step does not offer (removing the lead)
    hapus = await bot.press(bot.admin, menu, button_data(menu, "➖ Hapus OPD pendukung"))
    picker = _edited(hapus)
    lead = (await _tugas(bot, 1))["DINKES"].opd_id
    calls = await bot.press(
        bot.admin, picker, bot.app.env.signer.make(ButtonKind.UBAH, "o", draft_id, lead)
    )
    assert "tidak berlaku" in calls[0].params["text"]
    assert (await _tugas(bot, 1))["DINKES"].status == "baru"
    assert await bot.rows(ArahanVersi) == []


async def test_batal_changes_nothing(bot: BotHarness) -> None:
    await published(bot)
    _, calls = await _to_reason(bot, 1, "📝 Teks")
    calls = await bot.say(bot.admin, "Teks yang tidak jadi", reply_to=last_message(calls))
    preview = last_message(await bot.say(bot.admin, "coba", reply_to=last_message(calls)))
    calls = await bot.press(bot.admin, preview, button_data(preview, "✖️ Batal"))
    assert "Perubahan dibatalkan" in (_edited(calls).text or "")
    assert sorted(c.method for c in calls) == ["answerCallbackQuery", "editMessageText"]
    assert (await _arahan(bot, 1)).teks == "Validasi data balita stunting per nagari"
    assert await bot.rows(ArahanVersi) == []
    # Simpan on the same preview afterwards does nothing either
    calls = await bot.press(bot.admin, preview, button_data(preview, "💾 Simpan"))
    assert "sudah disimpan atau dibatalkan" in calls[0].params["text"]
    assert await bot.rows(ArahanVersi) == []
    # later text is not taken for the session
    assert "Pesan Anda tersimpan" in sent_texts(await bot.say(bot.admin, "halo"))[0]


def _stripped(calls: list[Call]) -> set[Any]:
    return {c.chat_id for c in calls if c.method == "editMessageReplyMarkup"}


async def test_buttons_go_when_a_directive_is_cancelled(bot: BotHarness) -> None:
    await published(bot)
    calls = await bot.say(bot.admin, "/batal 1 sudah ditangani provinsi")
    assert _stripped(calls) == DINKES_PEOPLE | {
        KEPALA_BAPPEDA["id"],
        DINKES_GROUP["id"],
        RAKOR_GROUP["id"],
    }
    assert all(
        "reply_markup" not in c.params for c in calls if c.method == "editMessageReplyMarkup"
    )
    assert all(c.ok for c in calls)


async def test_buttons_go_after_the_last_verification(bot: BotHarness) -> None:
    calls = await published(bot)
    message = directive_to(calls, KEPALA_BAPPEDA["id"], 2)
    await bot.say(KEPALA_BAPPEDA, "sudah tuntas, laporan terlampir", reply_to=message)
    listing = await bot.say(bot.admin, "/verifikasi")
    card = [c for c in listing if "melaporkan <b>selesai</b>" in (c.text or "")][0]
    calls = await bot.press(bot.admin, card, button_data(card, "✅ Terima"))
    assert _stripped(calls) == {KEPALA_BAPPEDA["id"], RAKOR_GROUP["id"]}
    assert all(c.ok for c in calls)


async def test_one_verification_of_two_keeps_the_buttons(bot: BotHarness) -> None:
    calls = await published(bot)
    message = directive_to(calls, KEPALA_DINKES["id"], 1)
    await bot.say(KEPALA_DINKES, "sudah tuntas, laporan terlampir", reply_to=message)
    listing = await bot.say(bot.admin, "/verifikasi")
    card = [c for c in listing if "melaporkan <b>selesai</b>" in (c.text or "")][0]
    calls = await bot.press(bot.admin, card, button_data(card, "✅ Terima"))
    assert _stripped(calls) == set()


async def test_a_long_text_is_previewed_in_several_messages(bot: BotHarness) -> None:
    await published(bot)
    for n, word in enumerate(("panjang", "berbeda"), start=2):
        _, calls = await _to_reason(bot, 1, "📝 Teks")
        text = " ".join([word] * 220)  # 1759 characters
        calls = await bot.say(bot.admin, text, reply_to=last_message(calls))
        calls = await bot.say(bot.admin, "perbaikan", reply_to=last_message(calls))
        pages = [c for c in calls if c.method == "sendMessage"]
        assert all(c.ok for c in pages)
        assert len(pages) == (1 if n == 2 else 2)
        assert all(_labels(page) == [] for page in pages[:-1])
        preview = pages[-1]
        calls = await bot.press(bot.admin, preview, button_data(preview, "💾 Simpan"))
        assert f"disimpan (versi {n})" in (_edited(calls).text or "")
    assert (await _arahan(bot, 1)).teks.startswith("berbeda berbeda")
