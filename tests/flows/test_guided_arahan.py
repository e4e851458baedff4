"""The guided /arahan: OPDs, deadline, text and priority picked step by step, then preview."""

from __future__ import annotations

from storage.models import Arahan, Draft, Penugasan
from tests.support.fake_telegram import RecordingRequest
from tests.support.harness import BotHarness
from tests.support.pemda import (
    KEPALA_BAPPEDA,
    KEPALA_DINKES,
    STRANGER,
    find_button,
    last_message,
    sent_texts,
    setup_pemda,
)


async def test_guided_flow_publishes_one_directive(bot: BotHarness) -> None:
    await setup_pemda(bot)
    picker = last_message(await bot.say(bot.admin, "/arahan"))
    assert "langkah 1/4" in (picker.text or "")
    # DINKES is on the first page; BAPPEDA (cluster 2) on a later page
    calls = await bot.press(bot.admin, picker, find_button(picker, "DINKES"))
    edited = [c for c in calls if c.method == "editMessageText"][0]
    assert "Terpilih: DINKES" in (edited.text or "")
    page = edited
    while True:
        labels = [t.split(" · ")[0] for row in RecordingRequest.buttons(page) for t, _ in row]
        if "BAPPEDA" in labels:
            break
        calls = await bot.press(bot.admin, page, find_button(page, "➡️"))
        page = [c for c in calls if c.method == "editMessageText"][0]
    calls = await bot.press(bot.admin, page, find_button(page, "BAPPEDA"))
    page = [c for c in calls if c.method == "editMessageText"][0]
    assert "Terpilih: DINKES, BAPPEDA" in (page.text or "")

    calls = await bot.press(bot.admin, page, find_button(page, "Lanjut ➡️"))
    ask_deadline = last_message(calls)
    assert "tenggat" in (ask_deadline.text or "")
    # a bad date is refused and the flow keeps waiting
    texts = sent_texts(await bot.say(bot.admin, "kapan saja"))
    assert "tidak dikenali" in texts[0]
    calls = await bot.say(bot.admin, "2 minggu")
    ask_text = last_message(calls)
    assert ask_text.params["reply_markup"]["force_reply"] is True
    calls = await bot.say(bot.admin, "Laporkan kesiapan posko   banjir <segera>", reply_to=ask_text)
    ask_priority = last_message(calls)
    calls = await bot.press(bot.admin, ask_priority, find_button(ask_priority, "Tinggi"))
    preview = last_message(calls)
    assert "Pratinjau: 1 arahan" in (preview.text or "")
    assert "posko banjir &lt;segera&gt;" in (preview.text or "")
    assert await bot.rows(Arahan) == []

    calls = await bot.press(bot.admin, preview, find_button(preview, "Terbitkan"))
    arahan = await bot.rows(Arahan)
    assert len(arahan) == 1
    assert arahan[0].prioritas == "tinggi" and arahan[0].tenggat.isoformat() == "2026-12-07"
    assert len(await bot.rows(Penugasan)) == 2
    chats = {c.chat_id for c in calls if c.method == "sendMessage"}
    assert {KEPALA_DINKES["id"], KEPALA_BAPPEDA["id"]} <= chats
    # after publishing, plain text is no longer taken as flow input
    assert "Pesan Anda tersimpan" in sent_texts(await bot.say(bot.admin, "halo"))[0]
    assert len(await bot.rows(Arahan)) == 1


async def test_guided_flow_buttons_belong_to_their_admin(bot: BotHarness) -> None:
    await setup_pemda(bot)
    picker = last_message(await bot.say(bot.admin, "/arahan"))
    calls = await bot.press(STRANGER, picker, find_button(picker, "DINKES"))
    assert calls[0].method == "answerCallbackQuery" and len(calls) == 1
    draft = (await bot.rows(Draft))[-1]
    assert draft.content["pick"] == []
    # Lanjut without any OPD picked is refused with a hint
    calls = await bot.press(bot.admin, picker, find_button(picker, "Lanjut ➡️"))
    assert "Pilih minimal satu OPD" in calls[0].params["text"]
    # Batal ends the flow; later text is not captured
    calls = await bot.press(bot.admin, picker, find_button(picker, "✖️ Batal"))
    assert "Tidak ada yang dikirim" in sent_texts(calls)[0]
