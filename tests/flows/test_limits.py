"""Nothing the bot sends can break Telegram's limits, and nothing is cut silently."""

from __future__ import annotations

from storage.models import Arahan, Opd
from tests.support.fake_telegram import RecordingRequest
from tests.support.harness import BotHarness
from tests.support.pemda import DINKES_GROUP, send_file, sent_texts, setup_pemda


async def test_a_long_list_of_bad_rows_arrives_in_pages(bot: BotHarness) -> None:
    rows = "".join(f"KODE{n},,{n % 12}\n" for n in range(150))
    calls = await send_file(bot, ("kode,nama,klaster\n" + rows).encode(), "opd.csv", "/opd_impor")
    texts = sent_texts(calls)
    assert len(texts) >= 2 and all(len(t) <= 4096 for t in texts)
    joined = "\n".join(texts)
    assert "Baris 2:" in joined and "Baris 101:" in joined
    assert "dan 50 baris lain" in joined
    assert all(c.ok for c in calls)
    assert await bot.rows(Opd) == []


async def test_a_directive_too_long_for_one_message_is_refused(bot: BotHarness) -> None:
    await setup_pemda(bot)
    codes = ",".join(
        [
            "DINKES",
            "BAPPEDA",
            "KEC_LIMAKAUM",
            "DISDIK",
            "DPMPTSP",
            "BPKD",
            "DP3AP2KB",
            "DPUPR",
            "DISPERINDAG",
            "DISKOMINFO",
        ]
    )
    text = "🙂" * 1990
    answer = sent_texts(await bot.say(bot.admin, f"/arahan {codes} | besok | {text}"))[0]
    assert "maksimal 4096" in answer
    assert await bot.rows(Arahan) == []


async def test_a_stale_preview_cannot_publish_overdue_work(bot: BotHarness) -> None:
    await setup_pemda(bot)
    calls = await bot.say(bot.admin, "/arahan DINKES | besok | Rapat persiapan")
    preview = [c for c in calls if c.method == "sendMessage"][-1]
    bot.clock.advance(days=3)
    calls = await bot.press(bot.admin, preview, RecordingRequest.buttons(preview)[0][0][1])
    assert "sudah lewat" in calls[0].params["text"]
    assert await bot.rows(Arahan) == []


async def test_guided_flow_and_imports_only_in_private(bot: BotHarness) -> None:
    await setup_pemda(bot)
    for command in ("/arahan", "/opd_impor", "/arahan_impor"):
        answer = sent_texts(await bot.say(bot.admin, command, chat=DINKES_GROUP))
        assert "chat pribadi" in answer[0]


async def test_control_characters_are_dropped_not_stored(bot: BotHarness) -> None:
    csv = b"kode,nama,klaster\nDINKES,Dinas\x00 Kesehatan\x07,1\n"
    await send_file(bot, csv, "opd.csv", "/opd_impor")
    assert [o.nama for o in await bot.rows(Opd)] == ["Dinas Kesehatan"]
    await bot.say(bot.admin, "/opd_tambah DISDIK | Dinas\x00 Pendidikan | 1")
    assert sorted(o.nama for o in await bot.rows(Opd)) == ["Dinas Kesehatan", "Dinas Pendidikan"]
