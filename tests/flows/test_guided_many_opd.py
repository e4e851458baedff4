"""The guided /arahan in a Pemda of 170 OPDs (issue 14, point 6): the picker shows names and
pages, a message typed during the OPD step filters it, the lead OPD is labelled, and a message
that does not fit a step says what the step expects and changes nothing."""

from __future__ import annotations

from storage.models import Arahan, AwaitedInput, Draft, Opd
from tests.support.fake_telegram import Call, RecordingRequest
from tests.support.harness import BotHarness
from tests.support.pemda import (
    KEPALA_BAPPEDA,
    KEPALA_DINKES,
    find_button,
    last_message,
    send_file,
    sent_texts,
    setup_pemda,
)

PLACES = [
    "Air Angat", "Balimbing", "Batu Bulek", "Cubadak", "Guguak", "Jaho", "Kumango", "Labuah",
    "Lawang", "Lubuk Jantan", "Malalo", "Minangkabau", "Padang Laweh", "Pariangan", "Pasie Laweh",
    "Rao Rao", "Saruaso", "Sawah Tangah", "Simawang", "Sumpur", "Tabek", "Tanjung Alam",
    "Tigo Jangko", "Tuo Pariangan", "Ungan",
]  # fmt: skip


def extra_opds() -> bytes:
    """126 more OPDs (with the sample's 44: 170): a puskesmas and four nagari per place,
    and a UPT for the first one, all in cluster 1..3."""
    rows = ["kode,nama,klaster"]
    for n, place in enumerate(PLACES, start=1):
        rows.append(f"PKM_{n:02d},UPT Puskesmas {place},1")
        for k in range(1, 5):
            rows.append(f"NAG_{n:02d}_{k},Nagari {place} {k},{1 + (n + k) % 3}")
    rows.append("UPT_PAJAK,UPT Pelayanan Pajak Daerah,3")
    assert len(rows) - 1 == 126
    return ("\n".join(rows) + "\n").encode()


async def many_opds(bot: BotHarness) -> None:
    await setup_pemda(bot)
    calls = await send_file(bot, extra_opds(), "opd_tambahan.csv", caption="/opd_impor")
    assert "Impor OPD selesai" in sent_texts(calls)[-1]
    assert len(await bot.rows(Opd)) == 170


def labels(call: Call) -> list[str]:
    return [text for row in RecordingRequest.buttons(call) for text, _ in row]


def opd_labels(call: Call) -> list[str]:
    return [text for text in labels(call) if " · " in text]


def edited(calls: list[Call]) -> Call:
    return [c for c in calls if c.method == "editMessageText"][0]


async def test_the_picker_shows_names_and_pages_through_170_opds(bot: BotHarness) -> None:
    await many_opds(bot)
    picker = last_message(await bot.say(bot.admin, "/arahan"))
    text = picker.text or ""
    assert "langkah 1/4" in text
    assert "Halaman 1 dari 17" in text
    assert "Ketik sebagian nama atau kode OPD" in text
    assert "Rakor: <b>Rakor Evaluasi Kinerja OPD Triwulan IV</b>" in text
    first = opd_labels(picker)
    assert len(first) == 10
    assert "DINKES · Dinas Kesehatan" in first
    # long names are cut for a phone's button, never the code
    assert any(t.startswith("DP3AP2KB · Dinas Pengendalian Penduduk") for t in first)
    assert all(len(t.split(" · ", 1)[1]) <= 40 for t in first)

    seen: set[str] = set()
    page = picker
    for number in range(1, 18):
        assert f"Halaman {number} dari 17" in (page.text or "")
        seen |= {t.split(" · ")[0] for t in opd_labels(page)}
        if number < 17:
            page = edited(await bot.press(bot.admin, page, find_button(page, "➡️")))
    assert "➡️" not in labels(page)
    assert len(seen) == 170
    page = edited(await bot.press(bot.admin, page, find_button(page, "⬅️")))
    assert "Halaman 16 dari 17" in (page.text or "")


async def test_typing_filters_the_picker(bot: BotHarness) -> None:
    await many_opds(bot)
    await bot.say(bot.admin, "/arahan")
    draft = (await bot.rows(Draft))[-1]

    calls = await bot.say(bot.admin, "puskesmas")
    picker = last_message(calls)
    assert "Saringan «puskesmas»: 25 OPD cocok." in (picker.text or "")
    assert all("Puskesmas" in t for t in opd_labels(picker))
    assert "Halaman 1 dari 3" in (picker.text or "")

    # several words narrow it down; any case; a code works as well as a name
    picker = last_message(await bot.say(bot.admin, "PUSKESMAS rao"))
    assert opd_labels(picker) == ["PKM_16 · UPT Puskesmas Rao Rao"]
    picker = last_message(await bot.say(bot.admin, "dinkes"))
    assert opd_labels(picker) == ["DINKES · Dinas Kesehatan"]
    picker = last_message(await bot.say(bot.admin, "kesehatan"))
    assert "DINKES · Dinas Kesehatan" in opd_labels(picker)

    # pick from the filtered list, then show every OPD again: the pick stays
    page = edited(await bot.press(bot.admin, picker, find_button(picker, "DINKES")))
    assert "Terpilih: DINKES" in (page.text or "")
    page = edited(await bot.press(bot.admin, page, find_button(page, "✖️ Semua OPD")))
    assert "Saringan" not in (page.text or "")
    assert "Halaman 1 dari 17" in (page.text or "")
    assert "Terpilih: DINKES" in (page.text or "")

    # nothing matches: says what the step expects, the filter and the picks are unchanged
    before = (await bot.rows(Draft, Draft.id == draft.id))[0].content
    texts = sent_texts(await bot.say(bot.admin, "dinas antariksa"))
    assert len(texts) == 1
    assert "Tidak ada OPD yang nama atau kodenya memuat «dinas antariksa»" in texts[0]
    assert "Langkah 1/4 menunggu <b>OPD</b>" in texts[0]
    assert (await bot.rows(Draft, Draft.id == draft.id))[0].content == before
    # HTML in what is typed is shown as text
    texts = sent_texts(await bot.say(bot.admin, "<b>x</b>"))
    assert "«&lt;b&gt;x&lt;/b&gt;»" in texts[0]


async def test_the_lead_opd_is_labelled(bot: BotHarness) -> None:
    await many_opds(bot)
    picker = last_message(await bot.say(bot.admin, "/arahan"))
    page = edited(await bot.press(bot.admin, picker, find_button(picker, "DINKES")))
    picker = last_message(await bot.say(bot.admin, "bappeda"))
    page = edited(await bot.press(bot.admin, picker, find_button(picker, "BAPPEDA")))
    text = page.text or ""
    assert "Terpilih: DINKES, BAPPEDA" in text
    assert "⭐ DINKES — Dinas Kesehatan (penanggung jawab)" in text
    assert "➕ BAPPEDA — Badan Perencanaan Pembangunan Daerah (pendukung)" in text
    assert "✅ BAPPEDA · Badan Perencanaan Pembangunan Daerah" in labels(page)
    picker = last_message(await bot.say(bot.admin, "DINKES"))
    assert "⭐ DINKES · Dinas Kesehatan" in labels(picker)

    # the lead taken off: the next one picked leads
    page = edited(await bot.press(bot.admin, picker, find_button(picker, "DINKES")))
    assert "⭐ BAPPEDA — Badan Perencanaan Pembangunan Daerah (penanggung jawab)" in (
        page.text or ""
    )
    assert "DINKES · Dinas Kesehatan" in labels(page)


async def test_each_step_says_what_it_expects(bot: BotHarness) -> None:
    await many_opds(bot)
    picker = last_message(await bot.say(bot.admin, "/arahan"))
    page = edited(await bot.press(bot.admin, picker, find_button(picker, "DINKES")))
    picker = last_message(await bot.say(bot.admin, "bappeda"))
    await bot.press(bot.admin, picker, find_button(picker, "BAPPEDA"))
    page = last_message(await bot.say(bot.admin, "dinkes"))
    ask = last_message(await bot.press(bot.admin, page, find_button(page, "Lanjut ➡️")))
    assert "Langkah 2/4" in (ask.text or "")
    draft = (await bot.rows(Draft))[-1]

    # step 2: a date it cannot read, a date in the past
    texts = sent_texts(await bot.say(bot.admin, "kapan-kapan saja"))
    assert len(texts) == 1
    assert "Langkah 2/4 menunggu <b>tenggat</b>" in texts[0]
    assert "tidak dikenali" in texts[0] and "Jumat depan" in texts[0]
    texts = sent_texts(await bot.say(bot.admin, "Jumat"))
    assert "«Jumat ini» (minggu ini), «Jumat depan» (minggu depan)" in texts[0]
    texts = sent_texts(await bot.say(bot.admin, "1 Nov 2026"))
    assert "Langkah 2/4 menunggu <b>tenggat</b> hari ini atau sesudahnya" in texts[0]
    assert "Minggu, 1 November 2026 sudah lewat" in texts[0]
    assert (await bot.rows(Draft, Draft.id == draft.id))[0].step == "tenggat"
    # a date as people type it: Saturday 26 December (no year: the next one)
    ask_text = last_message(await bot.say(bot.admin, "26 Des"))
    assert "Langkah 3/4" in (ask_text.text or "")

    # step 3: a text too long
    texts = sent_texts(await bot.say(bot.admin, "x" * 3001, reply_to=ask_text))
    assert "Langkah 3/4 menunggu <b>teks arahan</b>" in texts[0]
    ask_priority = last_message(
        await bot.say(bot.admin, "Siapkan posko kesehatan banjir", reply_to=ask_text)
    )
    assert "Langkah 4/4" in (ask_priority.text or "")

    # step 4: a word that is not a priority, then a priority typed instead of pressed
    texts = sent_texts(await bot.say(bot.admin, "penting sekali"))
    assert "Langkah 4/4 menunggu <b>prioritas</b>" in texts[0]
    assert (await bot.rows(Draft, Draft.id == draft.id))[0].step == "prioritas"
    preview = last_message(await bot.say(bot.admin, "Tinggi"))
    text = preview.text or ""
    assert "Pratinjau: 1 arahan" in text
    assert "Rakor Evaluasi Kinerja OPD Triwulan IV" in text
    assert "Penanggung jawab: DINKES" in text and "Pendukung: BAPPEDA" in text
    assert "Sabtu, 26 Desember 2026" in text
    assert "⚠️ 26 Des 2026 adalah hari Sabtu." in text  # flagged, not refused
    assert await bot.rows(AwaitedInput, AwaitedInput.telegram_id == bot.admin["id"]) == []

    calls = await bot.press(bot.admin, preview, find_button(preview, "Terbitkan"))
    arahan = (await bot.rows(Arahan))[-1]
    assert (arahan.prioritas, arahan.tenggat.isoformat()) == ("tinggi", "2026-12-26")
    chats = {c.chat_id for c in calls if c.method == "sendMessage"}
    assert {KEPALA_DINKES["id"], KEPALA_BAPPEDA["id"]} <= chats


async def test_a_photo_or_a_command_is_not_a_filter(bot: BotHarness) -> None:
    await many_opds(bot)
    await bot.say(bot.admin, "/arahan")
    draft = (await bot.rows(Draft))[-1]
    # a command during the OPD step is a command, not a filter
    texts = sent_texts(await bot.say(bot.admin, "/bantuan"))
    assert "Perintah yang bisa Anda pakai" in texts[0]
    assert (await bot.rows(Draft, Draft.id == draft.id))[0].content.get("cari", "") == ""
    # Batal ends the flow: what is typed later is not a filter any more
    picker = last_message(await bot.say(bot.admin, "kesehatan"))
    await bot.press(bot.admin, picker, find_button(picker, "✖️ Batal"))
    texts = sent_texts(await bot.say(bot.admin, "kesehatan"))
    assert not any("Saringan" in t or "Langkah 1/4" in t for t in texts)
