"""The foundation story: bootstrap admin → import OPDs → invite and join a Kepala OPD and an
Asisten → open a Rakor → publish three directives in one message → preview → Terbitkan →
the right people and groups receive them → Terima. Plus the refusals."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from storage.models import (
    Arahan,
    AuditLog,
    Group,
    InboxUpdate,
    Laporan,
    Member,
    MessageLink,
    Opd,
    OutboxMessage,
    Penugasan,
)
from tests.support.fake_telegram import RecordingRequest
from tests.support.harness import ADMIN_ID, BotHarness
from tests.support.pemda import (
    ASISTEN_1,
    DINKES_GROUP,
    KEPALA_BAPPEDA,
    KEPALA_DINKES,
    OPERATOR_DINKES,
    RAKOR_GROUP,
    STRANGER,
    THREE_DIRECTIVES,
    import_sample_opds,
    invite_code,
    join,
    publish_three,
    sent_texts,
    setup_pemda,
)


async def test_import_invite_join_and_menus(bot: BotHarness) -> None:
    calls = await import_sample_opds(bot)
    assert "Ditambahkan: 44" in sent_texts(calls)[0]
    assert len(await bot.rows(Opd)) == 44

    calls = await join(bot, KEPALA_DINKES, "kepala DINKES")
    welcome = sent_texts(calls)
    assert any("Kepala OPD DINKES (Dinas Kesehatan)" in t for t in welcome)
    member = (await bot.rows(Member, Member.telegram_id == KEPALA_DINKES["id"]))[0]
    assert member.peran == "kepala_opd" and member.active
    # the menu of this person lists exactly the commands of their role
    menu = [c for c in calls if c.method == "setMyCommands"][-1]
    assert menu.params["scope"] == {"type": "chat", "chat_id": KEPALA_DINKES["id"]}
    names = {c["command"] for c in menu.params["commands"]}
    assert names == {"start", "bantuan", "tugas", "lapor", "perpanjang", "arahan_info", "cuti"}
    assert "undang" not in names

    calls = await join(bot, ASISTEN_1, "asisten I")
    assert any("Asisten (Asisten I)" in t for t in sent_texts(calls))

    # help lists only what the role may do
    help_text = sent_texts(await bot.say(KEPALA_DINKES, "/bantuan"))[0]
    assert "/tugas" in help_text and "/lapor" in help_text and "/undang" not in help_text
    admin_help = sent_texts(await bot.say(bot.admin, "/bantuan"))[0]
    assert "/undang" in admin_help and "/opd_impor" in admin_help


async def test_invite_codes_refused_when_used_expired_or_unknown(bot: BotHarness) -> None:
    await import_sample_opds(bot)
    code = invite_code(await bot.say(bot.admin, "/undang kepala DINKES"))
    await bot.say(KEPALA_DINKES, f"/start {code}")
    reused = sent_texts(await bot.say(KEPALA_BAPPEDA, f"/start {code}"))
    assert "sudah dipakai" in reused[0]
    unknown = sent_texts(await bot.say(STRANGER, "/start ZZZZZZZZZZZZZZZZ"))
    assert "tidak dikenal" in unknown[0]
    late = invite_code(await bot.say(bot.admin, "/undang operator DINKES"))
    bot.clock.advance(days=7, seconds=1)
    expired = sent_texts(await bot.say(OPERATOR_DINKES, f"/start {late}"))
    assert "kedaluwarsa" in expired[0]
    assert len(await bot.rows(Member, Member.telegram_id.in_([2101, 9999, 2002]))) == 0


async def test_publish_three_directives_reach_the_right_people(bot: BotHarness) -> None:
    await setup_pemda(bot)
    bot.request.clear()
    preview_calls = await bot.say(bot.admin, THREE_DIRECTIVES)
    preview = [c for c in preview_calls if c.method == "sendMessage"]
    assert len(preview) == 1, "only the preview is sent before Terbitkan"
    assert preview[0].chat_id == ADMIN_ID
    text = preview[0].text or ""
    assert "Pratinjau: 3 arahan" in text
    assert "&lt;kirim&gt;" in text, "user text is escaped"
    assert "KEC_LIMAKAUM" in text and "tanpa anggota" in text
    labels = [label for row in RecordingRequest.buttons(preview[0]) for label, _ in row]
    assert labels == ["✅ Terbitkan", "✖️ Batal"]
    assert await bot.rows(Arahan) == []

    calls = await bot.press(bot.admin, preview[0], RecordingRequest.buttons(preview[0])[0][0][1])
    arahan = sorted(await bot.rows(Arahan), key=lambda a: a.nomor or 0)
    assert [a.nomor for a in arahan] == [1, 2, 3]
    assert arahan[1].prioritas == "tinggi"
    assert arahan[1].tenggat.isoformat() == "2026-12-07"
    penugasan = await bot.rows(Penugasan)
    assert len(penugasan) == 5 and all(p.status == "baru" for p in penugasan)

    sends = [c for c in calls if c.method == "sendMessage"]
    by_chat: dict[int, list[str]] = {}
    for c in sends:
        by_chat.setdefault(int(c.chat_id or 0), []).append(c.text or "")
    # Kepala and operator of DINKES get directives 1 and 3, Kepala BAPPEDA gets 1 and 2
    for who, numbers in (
        (KEPALA_DINKES, [1, 3]),
        (OPERATOR_DINKES, [1, 3]),
        (KEPALA_BAPPEDA, [1, 2]),
    ):
        got = by_chat[who["id"]]
        assert [int(t.split("Arahan No. ")[1].split("<")[0]) for t in got] == numbers
    assert ASISTEN_1["id"] not in by_chat and ADMIN_ID in [c.chat_id for c in calls]
    # private messages carry the four report buttons, then the extension request's
    private = [c for c in sends if c.chat_id == KEPALA_DINKES["id"]][0]
    labels = [label for row in RecordingRequest.buttons(private) for label, _ in row]
    assert labels == ["👍 Terima", "📈 Progres", "⚠️ Kendala", "✅ Selesai", "⏳ Minta perpanjangan"]
    # the DINKES group gets 1 and 3 with its officials mentioned; the Rakor group all three
    group_texts = by_chat[DINKES_GROUP["id"]]
    assert len(group_texts) == 2
    assert f"tg://user?id={KEPALA_DINKES['id']}" in group_texts[0]
    assert f"tg://user?id={OPERATOR_DINKES['id']}" in group_texts[0]
    assert len(by_chat[RAKOR_GROUP["id"]]) == 3
    assert "Pendukung: BAPPEDA" in by_chat[RAKOR_GROUP["id"]][0]
    # the preview turned into a summary
    edit = [c for c in calls if c.method == "editMessageText"][0]
    assert "Diterbitkan" in (edit.text or "") and "1, 2, 3" in (edit.text or "")
    # every sent message is linked back to its directive, so replies can be mapped
    links = await bot.rows(MessageLink)
    assert len(links) == len([c for c in sends if c.chat_id != ADMIN_ID])

    # pressing Terbitkan again publishes nothing more
    preview_msg = preview[0]
    again = await bot.press(bot.admin, preview_msg, RecordingRequest.buttons(preview_msg)[0][0][1])
    assert [c.method for c in again] == ["answerCallbackQuery"]
    assert "sudah diterbitkan" in again[0].params["text"]
    assert len(await bot.rows(Arahan)) == 3


async def test_terima_records_and_confirms(bot: BotHarness) -> None:
    await setup_pemda(bot)
    _, calls = await publish_three(bot)
    message = [c for c in calls if c.chat_id == KEPALA_DINKES["id"]][0]
    terima = RecordingRequest.buttons(message)[0][0][1]
    calls = await bot.press(KEPALA_DINKES, message, terima)
    answer = [c for c in calls if c.method == "answerCallbackQuery"][0]
    assert answer.params["text"] == "Diterima, terima kasih."
    receipt = sent_texts(calls)
    assert len(receipt) == 1 and "Arahan No. 1 (DINKES)" in receipt[0]
    assert "Status: <b>diterima</b>" in receipt[0]
    tugas = (await bot.rows(Penugasan, Penugasan.id == int(terima.split(":")[2])))[0]
    assert tugas.status == "diterima"
    laporan = await bot.rows(Laporan)
    assert [(lp.status_from, lp.status_to, lp.source) for lp in laporan] == [
        ("baru", "diterima", "tombol")
    ]
    # pressing again changes nothing
    calls = await bot.press(OPERATOR_DINKES, message, terima)
    assert "sudah tercatat diterima" in calls[0].params["text"]
    assert len(await bot.rows(Laporan)) == 1


async def test_refusals_reveal_nothing_and_change_nothing(bot: BotHarness) -> None:
    await setup_pemda(bot)
    preview, calls = await publish_three(bot)
    dinkes_msg = [c for c in calls if c.chat_id == KEPALA_DINKES["id"]][0]
    terima_dinkes = RecordingRequest.buttons(dinkes_msg)[0][0][1]

    # a stranger: admin commands are refused with the same text, whatever the command
    for command in (
        "/opd",
        "/undang kepala DINKES",
        "/anggota",
        "/arahan X | besok | y",
        "/rakor Rapat",
        "/nonaktif 2001",
    ):
        texts = sent_texts(await bot.say(STRANGER, command))
        assert len(texts) == 1 and texts[0].startswith("Maaf, perintah ini tidak tersedia")
        assert "DINKES" not in texts[0]
    # a Kepala OPD is no admin either
    texts = sent_texts(await bot.say(KEPALA_BAPPEDA, "/undang admin"))
    assert texts[0].startswith("Maaf, perintah ini tidak tersedia")

    # the head of BAPPEDA presses Terima on DINKES's penugasan (a forwarded button)
    calls = await bot.press(KEPALA_BAPPEDA, dinkes_msg, terima_dinkes)
    assert calls[0].params["show_alert"] is True
    assert "tidak terdaftar pada OPD" in calls[0].params["text"]
    # a stranger presses it
    calls = await bot.press(STRANGER, dinkes_msg, terima_dinkes)
    assert "tidak terdaftar pada OPD" in calls[0].params["text"]
    # a forged callback: BAPPEDA's head crafts data for DINKES's penugasan id
    pid = terima_dinkes.split(":")[2]
    for forged in (
        f"pg:t:{pid}:AAAAAAAAAA",
        f"pg:t:{pid}",
        "pg:t:1:" + "x" * 10,
        "dr:pub:1",
        terima_dinkes.replace(f":{pid}:", f":{int(pid) + 1}:"),
    ):
        calls = await bot.press(KEPALA_BAPPEDA, dinkes_msg, forged)
        assert [c.method for c in calls] == ["answerCallbackQuery"]
        assert "tidak berlaku" in calls[0].params["text"]
    # another admin's draft cannot be published by a stranger who got hold of the button
    draft_calls = await bot.say(bot.admin, "/arahan BAPPEDA | besok | Rapat persiapan")
    draft_msg = [c for c in draft_calls if c.method == "sendMessage"][-1]
    calls = await bot.press(STRANGER, draft_msg, RecordingRequest.buttons(draft_msg)[0][0][1])
    assert "tidak tersedia" in calls[0].params["text"]
    assert len(await bot.rows(Arahan)) == 3
    assert all(p.status == "baru" for p in await bot.rows(Penugasan))
    assert await bot.rows(Laporan) == []


async def test_bad_lines_are_all_listed_and_nothing_is_saved(bot: BotHarness) -> None:
    await setup_pemda(bot)
    text = (
        "/arahan DINKES | 31/12/2026 | Baik\n"
        "XYZ | besok | Kode salah\n"
        "DINKES | kapan-kapan | Tanggal salah\n"
        "DINKES | 01/01/2020 | Tanggal lewat\n"
        "DINKES | besok"
    )
    answer = sent_texts(await bot.say(bot.admin, text))[0]
    assert "Belum ada yang disimpan" in answer
    assert "Baris 2: OPD XYZ tidak ada" in answer
    assert "Baris 3: Tanggal «kapan-kapan»" in answer and "31 Desember 2026" in answer
    assert "Baris 4: tenggat 2020-01-01 sudah lewat" in answer
    assert "Baris 5: harus berisi" in answer
    assert "Baris 1" not in answer


async def test_batal_sends_nothing(bot: BotHarness) -> None:
    await setup_pemda(bot)
    calls = await bot.say(bot.admin, "/arahan DINKES | besok | Rapat koordinasi")
    preview = [c for c in calls if c.method == "sendMessage"][-1]
    cancel = RecordingRequest.buttons(preview)[0][1][1]
    calls = await bot.press(bot.admin, preview, cancel)
    assert [c.method for c in calls] == ["answerCallbackQuery", "editMessageText"]
    assert "Tidak ada yang dikirim" in (calls[1].text or "")
    assert await bot.rows(Arahan) == []


async def test_unreachable_member_is_recorded_and_admin_told(bot: BotHarness) -> None:
    await setup_pemda(bot)
    bot.request.unreachable.add(OPERATOR_DINKES["id"])
    _, calls = await publish_three(bot)
    member = (await bot.rows(Member, Member.telegram_id == OPERATOR_DINKES["id"]))[0]
    assert member.reachable is False
    notices = [
        c.text or "" for c in calls if c.chat_id == ADMIN_ID and "belum bisa" in (c.text or "")
    ]
    # one delivery report naming her once, though two directives (1 and 3) missed her
    [notice] = notices
    assert notice.count("Sari") == 1 and "Operator OPD DINKES" in notice
    failed = await bot.rows(OutboxMessage, OutboxMessage.state == "gagal")
    assert len(failed) == 2
    # a 403 is never retried
    bot.clock.advance(hours=1)
    report = await bot.app.sender.send_due()
    assert report.sent == 0 and report.failed == 0
    # /opd shows who has not pressed Start
    opd_list = "\n".join(sent_texts(await bot.say(bot.admin, "/opd")))
    assert "belum menekan Start: Sari" in opd_list


async def test_every_update_is_stored_and_marked_handled(bot: BotHarness) -> None:
    await setup_pemda(bot)
    async with bot.app.env.db.unit(bot.clock.now()) as uow:
        total = await uow.session.scalar(select(func.count()).select_from(InboxUpdate))
        open_ = await uow.session.scalar(
            select(func.count()).select_from(InboxUpdate).where(InboxUpdate.handled_at.is_(None))
        )
    assert total and total >= 10 and open_ == 0
    audit = await bot.rows(AuditLog)
    assert {"opd_impor", "undang", "gabung", "grup", "rakor"} <= {a.action for a in audit}
    groups = await bot.rows(Group)
    assert {g.jenis for g in groups} == {"opd", "rakor"}


async def test_the_token_never_reaches_the_log(
    bot: BotHarness, caplog: pytest.LogCaptureFixture
) -> None:
    import logging

    from bot.__main__ import configure_logging
    from tests.support.harness import TOKEN

    caplog.set_level(logging.DEBUG)
    await setup_pemda(bot, build=True)  # built here, so that its logs are seen
    await publish_three(bot, build=True)
    await bot.say(STRANGER, "/undang admin")
    assert TOKEN not in caplog.text
    assert TOKEN.split(":")[1] not in caplog.text
    configure_logging()
    assert logging.getLogger("httpx").getEffectiveLevel() >= logging.WARNING
