"""Extension requests through Telegram: an OPD asks for a later deadline (`/perpanjang`, or
**⏳ Minta perpanjangan** under the directive and a short prompt); the admin (or the
cluster's Asisten when ASISTEN_MAY_VERIFY allows) approves it, which moves the deadline and
announces it exactly like `/tenggat`, or refuses it with a reason the OPD is told. And `/grup`
that would move a registration asks first."""

from __future__ import annotations

from datetime import date

from storage.models import Arahan, AuditLog, AwaitedInput, Group, Perpanjangan
from tests.conftest import FakeClock
from tests.support.fake_telegram import Call, RecordingRequest
from tests.support.harness import ADMIN_ID, BotHarness, private_chat
from tests.support.pemda import (
    ASISTEN_1,
    DINKES_GROUP,
    KEPALA_BAPPEDA,
    KEPALA_DINKES,
    OPERATOR_DINKES,
    RAKOR_GROUP,
    button_data,
    directive_to,
    publish_three,
    sent_texts,
    setup_pemda,
)

NO3_DEADLINE = date(2026, 12, 15)  # "DINKES,KEC_LIMAKAUM | 15 Des 2026 | Percepat imunisasi…"


def cards(calls: list[Call], chat_id: int) -> list[Call]:
    """The decision cards sent to ``chat_id``."""
    return [
        c
        for c in calls
        if c.method == "sendMessage"
        and c.chat_id == chat_id
        and "Permintaan perpanjangan — Arahan No." in (c.text or "")
    ]


async def arahan(bot: BotHarness, nomor: int) -> Arahan:
    return (await bot.rows(Arahan, Arahan.nomor == nomor))[0]


async def requested(
    bot: BotHarness, text: str = "/perpanjang 3 31/12/2026 vaksin belum tiba"
) -> Call:
    """The three directives published; Budi (Kepala DINKES) asks to extend No. 3; the card
    the admin got."""
    await setup_pemda(bot)
    await publish_three(bot)
    calls = await bot.say(KEPALA_DINKES, text)
    answer = sent_texts([c for c in calls if c.chat_id == KEPALA_DINKES["id"]])
    assert any("dikirim ke admin" in t and "31 Desember 2026" in t for t in answer), answer
    [card] = cards(calls, ADMIN_ID)
    return card


async def test_a_request_by_command_approved_moves_the_deadline_like_tenggat(
    bot: BotHarness,
) -> None:
    card = await requested(bot)
    assert "DINKES" in (card.text or "") and "vaksin belum tiba" in (card.text or "")
    assert "Budi Santoso" in (card.text or "")
    [row] = await bot.rows(Perpanjangan)
    assert (row.state, row.tenggat_lama, row.tenggat_baru) == (
        "menunggu",
        NO3_DEADLINE,
        date(2026, 12, 31),
    )
    assert (row.requested_by, row.alasan) == (KEPALA_DINKES["id"], "vaksin belum tiba")
    assert (await arahan(bot, 3)).tenggat == NO3_DEADLINE  # nothing moves before the decision

    pressed = await bot.press(bot.admin, card, button_data(card, "✅ Setujui"))
    assert (await arahan(bot, 3)).tenggat == date(2026, 12, 31)
    [row] = await bot.rows(Perpanjangan)
    assert (row.state, row.decided_by) == ("disetujui", ADMIN_ID)
    assert row.decided_at is not None and row.decided_at > row.requested_at
    # announced like /tenggat: to the members of both OPDs, their groups and the Rakor group
    told = {c.chat_id for c in pressed if "Tenggat Arahan No. 3 diubah" in (c.text or "")}
    assert {
        KEPALA_DINKES["id"],
        OPERATOR_DINKES["id"],
        DINKES_GROUP["id"],
        RAKOR_GROUP["id"],
    } <= told
    announcement = [
        t for t in bot.request.texts(KEPALA_DINKES["id"]) if "Tenggat Arahan No. 3" in t
    ]
    assert "31 Desember 2026" in announcement[-1] and "vaksin belum tiba" in announcement[-1]
    # the card shows the decision and has no buttons any more
    edits = [c for c in pressed if c.method == "editMessageText" and c.chat_id == ADMIN_ID]
    assert edits and "Disetujui" in (edits[-1].text or "")
    assert not RecordingRequest.buttons(edits[-1])
    answer = [c for c in pressed if c.method == "answerCallbackQuery"][0]
    assert "31 Desember 2026" in str(answer.params.get("text"))
    # the same history as /tenggat, and the request's own lines
    assert [
        a.action for a in await bot.rows(AuditLog) if a.action.startswith(("tenggat", "perp"))
    ] == [
        "perpanjangan_minta",
        "tenggat",
        "perpanjangan_setuju",
    ]
    info = "\n".join(sent_texts(await bot.say(bot.admin, "/arahan_info 3")))
    assert "Budi Santoso meminta perpanjangan" in info
    assert "disetujui oleh Rina" in info
    assert "tenggat diubah Selasa, 15 Desember 2026 → Kamis, 31 Desember 2026" in info
    # the request is decided: a new one may be asked
    again = sent_texts(await bot.say(KEPALA_DINKES, "/perpanjang 3 15/01/2027 data susulan"))
    assert "dikirim ke admin" in again[0]


async def test_a_request_by_button_in_the_group_asked_in_two_steps_then_refused(
    bot: BotHarness,
) -> None:
    await setup_pemda(bot)
    _, calls = await publish_three(bot)
    in_group = directive_to(calls, DINKES_GROUP["id"], 3)
    pressed = await bot.press(OPERATOR_DINKES, in_group, button_data(in_group, "⏳"))
    prompt = [c for c in pressed if c.method == "sendMessage"][0]
    assert prompt.chat_id == DINKES_GROUP["id"]
    assert prompt.params["reply_markup"]["force_reply"] is True
    assert "tanggal baru dan alasannya" in (prompt.text or "")
    # the date alone: checked, then the reason is asked for
    step = await bot.say(OPERATOR_DINKES, "31 Des 2026", chat=DINKES_GROUP, reply_to=prompt)
    second = [c for c in step if c.method == "sendMessage"][0]
    assert "sampai Kamis, 31 Desember 2026" in (second.text or "") and "alasannya" in (
        second.text or ""
    )
    assert not await bot.rows(Perpanjangan)
    done = await bot.say(
        OPERATOR_DINKES, "stok vaksin dari provinsi terlambat", chat=DINKES_GROUP, reply_to=second
    )
    [row] = await bot.rows(Perpanjangan)
    assert (row.requested_by, row.alasan, row.tenggat_baru) == (
        OPERATOR_DINKES["id"],
        "stok vaksin dari provinsi terlambat",
        date(2026, 12, 31),
    )
    assert not await bot.rows(AwaitedInput)
    [card] = cards(done, ADMIN_ID)

    # Tolak asks the admin for a reason (nothing changes yet), then tells the OPD why
    asked = await bot.press(bot.admin, card, button_data(card, "↩️ Tolak"))
    question = [c for c in asked if c.method == "sendMessage"][0]
    assert "alasan penolakan" in (question.text or "")
    assert (await bot.rows(Perpanjangan))[0].state == "menunggu"
    refused = await bot.say(bot.admin, "Anggaran tahun ini sudah ditutup", reply_to=question)
    [row] = await bot.rows(Perpanjangan)
    assert (row.state, row.decided_by, row.decision_note) == (
        "ditolak",
        ADMIN_ID,
        "Anggaran tahun ini sudah ditutup",
    )
    assert (await arahan(bot, 3)).tenggat == NO3_DEADLINE
    notices = [c for c in refused if "ditolak" in (c.text or "") and "Alasan:" in (c.text or "")]
    assert {c.chat_id for c in notices} == {KEPALA_DINKES["id"], OPERATOR_DINKES["id"]}
    assert "Anggaran tahun ini sudah ditutup" in (notices[0].text or "")
    edits = [c for c in refused if c.method == "editMessageText" and c.chat_id == ADMIN_ID]
    assert edits and "Ditolak" in (edits[-1].text or "") and not RecordingRequest.buttons(edits[-1])
    assert "disampaikan ke DINKES" in sent_texts(refused)[-1]
    info = "\n".join(sent_texts(await bot.say(OPERATOR_DINKES, "/arahan_info 3")))
    assert "Sari meminta perpanjangan" in info
    assert "ditolak oleh Rina Setda: Anggaran tahun ini sudah ditutup" in info


async def test_a_request_by_button_in_private_with_date_and_reason_in_one_reply(
    bot: BotHarness,
) -> None:
    await setup_pemda(bot)
    _, calls = await publish_three(bot)
    message = directive_to(calls, KEPALA_DINKES["id"], 3)
    pressed = await bot.press(KEPALA_DINKES, message, button_data(message, "⏳"))
    prompt = [c for c in pressed if c.method == "sendMessage"][0]
    # an unreadable date is said, and the prompt still waits
    wrong = sent_texts(await bot.say(KEPALA_DINKES, "secepatnya ya pak", reply_to=prompt))
    assert "tidak dikenali" in wrong[0]
    done = await bot.say(KEPALA_DINKES, "15/01/2027 menunggu hasil lab", reply_to=prompt)
    [row] = await bot.rows(Perpanjangan)
    assert (row.tenggat_baru, row.alasan) == (date(2027, 1, 15), "menunggu hasil lab")
    assert cards(done, ADMIN_ID)
    # the Rakor group's button asks for the presser's own OPD's part: one open request already
    in_rakor = directive_to(calls, RAKOR_GROUP["id"], 3)
    again = await bot.press(KEPALA_DINKES, in_rakor, button_data(in_rakor, "⏳"))
    alert = [c for c in again if c.method == "answerCallbackQuery"][0]
    assert alert.params["show_alert"] is True
    assert "masih menunggu keputusan" in str(alert.params["text"])
    assert len(await bot.rows(Perpanjangan)) == 1


async def test_a_second_open_request_is_refused_naming_the_open_one(bot: BotHarness) -> None:
    await requested(bot)
    second = await bot.say(OPERATOR_DINKES, "/perpanjang 3 20/01/2027 alasan lain")
    text = sent_texts(second)[0]
    assert "masih menunggu keputusan" in text and "31 Desember 2026" in text
    assert not cards(second, ADMIN_ID)
    assert len(await bot.rows(Perpanjangan)) == 1


async def test_bad_dates_and_missing_parts_change_nothing(bot: BotHarness) -> None:
    await setup_pemda(bot)
    await publish_three(bot)
    for text, expected in (
        ("/perpanjang", "Format: /perpanjang NOMOR tanggal alasan"),
        ("/perpanjang 3", "Format: /perpanjang NOMOR tanggal alasan"),
        (
            "/perpanjang 3 10/12/2026 butuh waktu",
            "harus sesudah tenggat sekarang (Selasa, 15 Desember 2026)",
        ),
        ("/perpanjang 3 15 Des 2026 butuh waktu", "harus sesudah tenggat sekarang"),
        ("/perpanjang 3 31/12/2026", "Sebutkan alasan perpanjangan"),
        ("/perpanjang 3 kapan-kapan saja", "tidak dikenali"),
        ("/perpanjang 99 31/12/2026 alasan", "Arahan nomor 99 tidak ditemukan"),
    ):
        calls = await bot.say(KEPALA_DINKES, text)
        got = [c.plain_text or "" for c in calls if c.method == "sendMessage"]
        assert len(got) == 1 and expected in got[0], (text, got)
    # overdue: the new date must be after the deadline and not in the past
    bot.clock.advance(days=30)  # 23 December 2026
    past = sent_texts(await bot.say(KEPALA_DINKES, "/perpanjang 3 20/12/2026 terlambat"))
    assert "sudah lewat" in past[0]
    assert not await bot.rows(Perpanjangan)
    assert not cards(bot.request.calls, ADMIN_ID)


async def test_finished_cancelled_and_other_opds_work_is_refused(bot: BotHarness) -> None:
    await setup_pemda(bot)
    _, calls = await publish_three(bot)
    refused = sent_texts(await bot.say(KEPALA_BAPPEDA, "/perpanjang 3 31/12/2026 alasan"))
    assert refused[0].startswith("Maaf")
    # a forged press: BAPPEDA presses DINKES's button (the data names DINKES's penugasan)
    message = directive_to(calls, KEPALA_DINKES["id"], 3)
    forged = await bot.press(KEPALA_BAPPEDA, message, button_data(message, "⏳"))
    assert [c.method for c in forged] == ["answerCallbackQuery"]
    assert forged[0].params["show_alert"] is True
    # reported done: no extension any more
    first = directive_to(calls, KEPALA_DINKES["id"], 1)
    await bot.say(KEPALA_DINKES, "sudah selesai semua", reply_to=first)
    done = sent_texts(await bot.say(KEPALA_DINKES, "/perpanjang 1 15/01/2027 alasan"))
    assert "sudah dilaporkan selesai" in done[0]
    await bot.say(bot.admin, "/batal 3 digabung dengan program provinsi")
    cancelled = sent_texts(await bot.say(KEPALA_DINKES, "/perpanjang 3 31/12/2026 alasan"))
    assert "sudah dibatalkan" in cancelled[0]
    assert not await bot.rows(Perpanjangan)


async def test_only_a_decider_may_press_setujui(bot: BotHarness) -> None:
    card = await requested(bot)
    for who in (KEPALA_DINKES, ASISTEN_1, KEPALA_BAPPEDA):  # no Asisten without the setting
        pressed = await bot.press(who, card, button_data(card, "✅ Setujui"))
        assert [c.method for c in pressed] == ["answerCallbackQuery"]
        assert pressed[0].params["show_alert"] is True
        assert str(pressed[0].params["text"]).startswith("Maaf")
    [row] = await bot.rows(Perpanjangan)
    assert row.state == "menunggu"
    assert (await arahan(bot, 3)).tenggat == NO3_DEADLINE
    # a card is never sent to the Asisten without ASISTEN_MAY_VERIFY
    assert not cards(bot.request.calls, ASISTEN_1["id"])


async def test_the_asisten_decides_when_allowed_and_a_stale_card_says_so(
    database_url: str, clock: FakeClock
) -> None:
    harness = BotHarness(database_url, clock, ASISTEN_MAY_VERIFY=True)
    await harness.start()
    try:
        await setup_pemda(harness)
        await publish_three(harness)
        calls = await harness.say(KEPALA_DINKES, "/perpanjang 3 31/12/2026 vaksin belum tiba")
        [admin_card] = cards(calls, ADMIN_ID)
        [asisten_card] = cards(calls, ASISTEN_1["id"])  # DINKES is in Asisten I's cluster
        # BAPPEDA is in cluster II: its request does not reach Asisten I, who may not decide it
        bappeda = await harness.say(KEPALA_BAPPEDA, "/perpanjang 2 31/12/2026 menunggu Sekda")
        assert not cards(bappeda, ASISTEN_1["id"])
        [bappeda_card] = cards(bappeda, ADMIN_ID)
        foreign = await harness.press(ASISTEN_1, bappeda_card, button_data(bappeda_card, "✅"))
        assert foreign[0].params["show_alert"] is True

        decided = await harness.press(ASISTEN_1, asisten_card, button_data(asisten_card, "✅"))
        assert (await arahan(harness, 3)).tenggat == date(2026, 12, 31)
        row = (await harness.rows(Perpanjangan, Perpanjangan.requested_by == KEPALA_DINKES["id"]))[
            0
        ]
        assert (row.state, row.decided_by) == ("disetujui", ASISTEN_1["id"])
        # both cards lose their buttons
        edited = {c.chat_id for c in decided if c.method == "editMessageText"}
        assert {ADMIN_ID, ASISTEN_1["id"]} <= edited
        # the admin's card pressed later: it was decided, by whom; nothing changes twice
        before = len(await harness.rows(AuditLog))
        stale = await harness.press(harness.admin, admin_card, button_data(admin_card, "↩️"))
        answer = [c for c in stale if c.method == "answerCallbackQuery"][0]
        assert "sudah diputuskan oleh Marlina" in str(answer.params["text"])
        assert len(await harness.rows(AuditLog)) == before
        assert not await harness.rows(AwaitedInput)
        harness.request.assert_clean()
    finally:
        await harness.stop()


# --- /grup that would move a registration ------------------------------------------------
async def test_grup_asks_before_moving_and_nothing_moves_before_the_press(bot: BotHarness) -> None:
    await setup_pemda(bot)
    before = sorted((g.chat_id, g.jenis, g.opd_id) for g in await bot.rows(Group))
    asked = await bot.say(bot.admin, "/grup rakor", chat=DINKES_GROUP)
    question = [c for c in asked if c.method == "sendMessage"][0]
    text = question.plain_text or ""
    assert "Pindahkan pendaftaran grup?" in text
    assert "Forum Rakor Pemkab" in text and "grup DINKES" in text
    assert sorted((g.chat_id, g.jenis, g.opd_id) for g in await bot.rows(Group)) == before
    # Batal: nothing moves, the question loses its buttons
    cancelled = await bot.press(bot.admin, question, button_data(question, "✖️"))
    edit = [c for c in cancelled if c.method == "editMessageText"][0]
    assert "tidak berubah" in (edit.text or "") and not RecordingRequest.buttons(edit)
    assert sorted((g.chat_id, g.jenis, g.opd_id) for g in await bot.rows(Group)) == before
    # the press re-checks the role: a Kepala OPD in the group cannot move it
    refused = await bot.press(KEPALA_DINKES, question, button_data(question, "✅ Pindahkan"))
    assert [c.method for c in refused] == ["answerCallbackQuery"]
    assert refused[0].params["show_alert"] is True
    assert sorted((g.chat_id, g.jenis, g.opd_id) for g in await bot.rows(Group)) == before
    moved = await bot.press(bot.admin, question, button_data(question, "✅ Pindahkan"))
    groups = await bot.rows(Group)
    assert [(g.chat_id, g.jenis) for g in groups] == [(DINKES_GROUP["id"], "rakor")]
    edit = [c for c in moved if c.method == "editMessageText"][0]
    assert "grup Rakor" in (edit.plain_text or "")


async def test_grup_for_the_same_registration_or_a_free_opd_does_not_ask(bot: BotHarness) -> None:
    await setup_pemda(bot)
    again = sent_texts(await bot.say(bot.admin, "/grup DINKES", chat=DINKES_GROUP))
    assert "terdaftar sebagai grup <b>DINKES</b>" in again[0]
    from tests.support.harness import group

    bappeda_group = group(-1001000000555, "Grup Bappeda")
    fresh = sent_texts(await bot.say(bot.admin, "/grup BAPPEDA", chat=bappeda_group))
    assert "terdaftar sebagai grup <b>BAPPEDA</b>" in fresh[0]
    # an OPD whose group is elsewhere: asked
    asked = sent_texts(await bot.say(bot.admin, "/grup BAPPEDA", chat=DINKES_GROUP))
    assert "Pindahkan pendaftaran grup?" in asked[0]
    assert "Grup Bappeda" in asked[0] and "grup <b>DINKES</b>" in asked[0]


async def test_private_chat_only_prompt_is_dropped_when_the_person_moves_on(
    bot: BotHarness,
) -> None:
    await setup_pemda(bot)
    _, calls = await publish_three(bot)
    message = directive_to(calls, KEPALA_DINKES["id"], 3)
    await bot.press(KEPALA_DINKES, message, button_data(message, "⏳"))
    # a reply to the directive itself is a report, and drops the prompt
    first = directive_to(calls, KEPALA_DINKES["id"], 1)
    answer = sent_texts(await bot.say(KEPALA_DINKES, "progres 40%", reply_to=first))
    assert "Laporan dicatat" in answer[0]
    assert not await bot.rows(AwaitedInput)
    assert not await bot.rows(Perpanjangan)
    # a prompt left for more than half an hour is not taken for the answer either
    await bot.press(KEPALA_DINKES, message, button_data(message, "⏳"))
    bot.clock.advance(minutes=31)
    hint = sent_texts(
        await bot.say(KEPALA_DINKES, "31/12/2026 ok", chat=private_chat(KEPALA_DINKES))
    )
    assert "dikirim ke admin" not in hint[0]
    assert not await bot.rows(Perpanjangan)
