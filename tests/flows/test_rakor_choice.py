"""More than one Rakor at a time (issue 14, point 7): `/rakor` without arguments lists the
recent Rakor with a button each; the admin who presses one writes their new directives into
it (typed, imported or guided), others keep the default — the latest Rakor — and a newer
Rakor makes the latest the default again. Also the deadline on a day off, flagged in the
preview and in the `/tenggat` confirmation (issue 14, point 5)."""

from __future__ import annotations

from bot.domain.roles import ButtonKind
from storage.models import Arahan, BotState, Draft
from tests.support.fake_telegram import Call, RecordingRequest
from tests.support.harness import BotHarness, user
from tests.support.pemda import (
    KEPALA_DINKES,
    find_button,
    join,
    last_message,
    publish_three,
    sent_texts,
    setup_pemda,
)

WAKIL = user(1002, "Wulandari", "wulan_admin")
EVALUASI = "Rakor Evaluasi Kinerja OPD Triwulan IV"
BANJIR = "Rakor Penanganan Banjir"


def buttons(call: Call) -> list[str]:
    return [text for row in RecordingRequest.buttons(call) for text, _ in row]


async def two_rakor(bot: BotHarness) -> None:
    """The sample Pemda with its three directives (Rakor 1), then a second Rakor opened."""
    await setup_pemda(bot)
    await publish_three(bot)
    texts = sent_texts(await bot.say(bot.admin, f"/rakor {BANJIR} | 25/11/2026"))
    assert "Rakor dibuka" in texts[0]


async def preview_rakor(bot: BotHarness, who: dict[str, object]) -> str:
    preview = last_message(await bot.say(who, "/arahan DINKES | besok | Data pengungsi per nagari"))
    return preview.text or ""


async def test_rakor_lists_the_recent_meetings(bot: BotHarness) -> None:
    await two_rakor(bot)
    listing = last_message(await bot.say(bot.admin, "/rakor"))
    text = listing.text or ""
    assert "<b>Rakor terakhir</b>" in text
    lines = text.splitlines()
    banjir = [line for line in lines if BANJIR in line][0]
    evaluasi = [line for line in lines if EVALUASI in line][0]
    assert banjir == f"✅ <b>No. 2</b> — {BANJIR} (Rabu, 25 November 2026) · 0 arahan · terbaru"
    assert evaluasi == f"<b>No. 1</b> — {EVALUASI} (Senin, 23 November 2026) · 3 arahan"
    assert lines.index(banjir) < lines.index(evaluasi)  # newest first
    assert f"Arahan baru Anda masuk ke <b>{BANJIR}</b>" in text
    assert buttons(listing) == [f"✅ No. 2 · {BANJIR}", f"No. 1 · {EVALUASI}"]
    # the default: the latest
    assert f"— {BANJIR}" in await preview_rakor(bot, bot.admin)


async def test_the_chosen_rakor_takes_the_admins_new_directives(bot: BotHarness) -> None:
    await two_rakor(bot)
    await join(bot, WAKIL, "admin")
    listing = last_message(await bot.say(bot.admin, "/rakor"))
    calls = await bot.press(bot.admin, listing, find_button(listing, "No. 1"))
    answer = [c for c in calls if c.method == "answerCallbackQuery"][0]
    assert answer.params["text"] == f"Arahan baru Anda kini masuk ke Rakor No. 1: {EVALUASI}"
    edited = [c for c in calls if c.method == "editMessageText"][0]
    assert f"✅ <b>No. 1</b> — {EVALUASI}" in (edited.text or "")
    assert f"Arahan baru Anda masuk ke <b>{EVALUASI}</b>" in (edited.text or "")
    assert buttons(edited)[1].startswith("✅ No. 1 · ")
    assert len(await bot.rows(BotState, BotState.key == f"rakor_pilih:{bot.admin['id']}")) == 1

    # typed directives: the preview names the chosen Rakor, the published one belongs to it
    preview = last_message(
        await bot.say(bot.admin, "/arahan DINKES | besok | Data pengungsi per nagari")
    )
    assert f"— {EVALUASI}" in (preview.text or "")
    await bot.press(bot.admin, preview, find_button(preview, "Terbitkan"))
    assert (await bot.rows(Arahan))[-1].rakor_id == 1
    # the guided flow too, and it says so on its first step
    picker = last_message(await bot.say(bot.admin, "/arahan"))
    assert f"Rakor: <b>{EVALUASI}</b>" in (picker.text or "")
    assert (await bot.rows(Draft))[-1].rakor_id == 1
    # /rakor shows the count that changed
    listing = last_message(await bot.say(bot.admin, "/rakor"))
    assert f"✅ <b>No. 1</b> — {EVALUASI} (Senin, 23 November 2026) · 4 arahan" in (
        listing.text or ""
    )

    # the other admin keeps the default
    assert f"— {BANJIR}" in await preview_rakor(bot, WAKIL)
    # choosing the latest again ends the choice
    await bot.press(bot.admin, listing, find_button(listing, "No. 2"))
    assert f"— {BANJIR}" in await preview_rakor(bot, bot.admin)


async def test_a_newer_rakor_is_the_default_again(bot: BotHarness) -> None:
    await two_rakor(bot)
    listing = last_message(await bot.say(bot.admin, "/rakor"))
    await bot.press(bot.admin, listing, find_button(listing, "No. 1"))
    assert f"— {EVALUASI}" in await preview_rakor(bot, bot.admin)
    await bot.say(bot.admin, "/rakor Rakor Persiapan Tahun Baru | hari ini")
    assert "— Rakor Persiapan Tahun Baru" in await preview_rakor(bot, bot.admin)
    listing = last_message(await bot.say(bot.admin, "/rakor"))
    assert "✅ <b>No. 3</b> — Rakor Persiapan Tahun Baru" in (listing.text or "")


async def test_stale_or_forged_choices_change_nothing(bot: BotHarness) -> None:
    await two_rakor(bot)
    listing = last_message(await bot.say(bot.admin, "/rakor"))
    forged = bot.app.env.signer.make(ButtonKind.RAKOR, "p", 999)
    calls = await bot.press(bot.admin, listing, forged)
    assert [c.method for c in calls] == ["answerCallbackQuery"]
    assert "Tombol ini tidak berlaku lagi" in calls[0].params["text"]
    # an official may not choose the admin's Rakor
    calls = await bot.press(KEPALA_DINKES, listing, find_button(listing, "No. 1"))
    assert [c.method for c in calls] == ["answerCallbackQuery"]
    assert calls[0].params["text"].startswith("Maaf")
    assert await bot.rows(BotState, BotState.key.like("rakor_pilih:%")) == []


async def test_rakor_without_any_meeting(bot: BotHarness) -> None:
    texts = sent_texts(await bot.say(bot.admin, "/rakor"))
    assert texts == ["Belum ada Rakor. Buka dulu dengan <code>/rakor Judul | tanggal</code>."]


# --------------------------------------------------------------------------- days off
async def test_a_deadline_on_a_holiday_is_flagged_in_the_preview(bot: BotHarness) -> None:
    await setup_pemda(bot)
    preview = last_message(
        await bot.say(
            bot.admin,
            "/arahan DINKES | 25 Des | Siaga posko kesehatan Natal\n"
            "DINKES | 31/12/26 | Laporan akhir tahun\n"
            "DINKES | Sabtu depan | Rekap kunjungan",
        )
    )
    text = preview.text or ""
    assert "⚠️ 25 Des 2026 adalah hari libur (Hari Raya Natal)." in text
    assert "⚠️ 5 Des 2026 adalah hari Sabtu." in text
    assert "31 Des 2026 adalah" not in text  # a Thursday: nothing to flag
    assert "Kamis, 31 Desember 2026" in text
    assert await bot.rows(Arahan) == []  # nothing is refused, nothing sent yet
    await bot.press(bot.admin, preview, find_button(preview, "Terbitkan"))
    assert len(await bot.rows(Arahan)) == 3


async def test_a_deadline_on_a_day_off_is_flagged_by_tenggat(bot: BotHarness) -> None:
    await setup_pemda(bot)
    await publish_three(bot)
    texts = sent_texts(await bot.say(bot.admin, "/tenggat 3 25 Des menunggu data BPS"))
    answer = [t for t in texts if "Tenggat Arahan No. 3 kini" in t][0]
    assert "Jumat, 25 Desember 2026" in answer
    assert answer.endswith("⚠️ 25 Des 2026 adalah hari libur (Hari Raya Natal).")
    texts = sent_texts(await bot.say(bot.admin, "/tenggat 3 minggu depan data belum lengkap"))
    answer = [t for t in texts if "Tenggat Arahan No. 3 kini" in t][0]
    assert "Senin, 30 November 2026" in answer and "⚠️" not in answer
    texts = sent_texts(await bot.say(bot.admin, "/tenggat 3 hari Minggu depan rapat ulang"))
    answer = [t for t in texts if "Tenggat Arahan No. 3 kini" in t][0]
    assert answer.endswith("⚠️ 6 Des 2026 adalah hari Minggu.")
    assert (await bot.rows(Arahan, Arahan.nomor == 3))[0].tenggat.isoformat() == "2026-12-06"
