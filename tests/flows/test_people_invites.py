"""People, as a new Pemda meets them (issue 14, point 4): an invitation is made only in a
private chat and used only there, the admins learn who joined, `/undangan` lists and revokes
pending invitations, a late joiner gets the OPD's open work, people are named, not numbered,
and the admin's first `/start` says what to do first."""

from __future__ import annotations

from storage.models import Arahan, Invite, Laporan, Member, Penugasan
from tests.support.fake_telegram import Call, RecordingRequest
from tests.support.harness import BotHarness, private_chat, user
from tests.support.pemda import (
    KEPALA_BAPPEDA,
    KEPALA_DINKES,
    RAKOR_GROUP,
    STRANGER,
    import_sample_opds,
    invite_code,
    join,
    published,
    sent_texts,
)

OPERATOR_BAPPEDA = user(2102, "Wulan", "wulan_bappeda", last_name="Sari")
OPERATOR_KESRA = user(2301, "Rudi")
WAKIL_ADMIN = user(1500, "Dewi", "dewi_setda", last_name="Anggraini")
EVE = user(2666, "<b>Eve</b> & Co")

REFUSED_IN_GROUP = "Undangan hanya dibuat di chat pribadi dengan bot"


def _messages(calls: list[Call], who: dict[str, object]) -> list[Call]:
    return [c for c in calls if c.method == "sendMessage" and c.chat_id == who["id"]]


# --------------------------------------------------------------------------- only in private
async def test_an_invitation_asked_for_in_a_group_is_refused_and_nothing_is_made(
    bot: BotHarness,
) -> None:
    await import_sample_opds(bot)
    for typed in ("/undang kepala DINKES", "/undang", "/undang raja"):
        calls = await bot.say(bot.admin, typed, chat=RAKOR_GROUP)
        [refusal] = _messages(calls, RAKOR_GROUP)
        assert REFUSED_IN_GROUP in (refusal.text or "")
        assert "?start=" not in (refusal.text or "")
        assert await bot.rows(Invite) == []
    # the same command in the private chat makes the link
    assert "?start=" in sent_texts(await bot.say(bot.admin, "/undang kepala DINKES"))[0]
    assert len(await bot.rows(Invite)) == 1


async def test_a_code_typed_in_a_group_joins_nobody(bot: BotHarness) -> None:
    await import_sample_opds(bot)
    code = invite_code(await bot.say(bot.admin, "/undang kepala DINKES"))
    for who in (STRANGER, KEPALA_DINKES):
        calls = await bot.say(who, f"/start {code}", chat=RAKOR_GROUP)
        [refusal] = _messages(calls, RAKOR_GROUP)
        assert "hanya bisa dipakai di chat pribadi" in (refusal.text or "")
        assert _messages(calls, bot.admin) == []  # nobody joined: nothing to tell
    assert (
        await bot.rows(Member, Member.telegram_id.in_([STRANGER["id"], KEPALA_DINKES["id"]])) == []
    )
    [invite] = await bot.rows(Invite)
    assert (invite.used_at, invite.used_by) == (None, None)
    # the person it was meant for still joins, privately
    await bot.say(KEPALA_DINKES, f"/start {code}")
    [budi] = await bot.rows(Member, Member.telegram_id == KEPALA_DINKES["id"])
    assert budi.peran == "kepala_opd" and budi.active


# --------------------------------------------------------------------------- who joined
async def test_every_admin_is_told_who_joined_with_which_role(bot: BotHarness) -> None:
    await import_sample_opds(bot)
    calls = await join(bot, WAKIL_ADMIN, "admin")
    # the first admin learns about the second; the second is not told about themself
    [notice] = _messages(calls, bot.admin)
    assert notice.text == "👤 Dewi Anggraini bergabung sebagai <b>Admin</b>."
    assert _messages(calls, WAKIL_ADMIN)[-1].text != notice.text

    calls = await join(bot, KEPALA_DINKES, "kepala DINKES")
    expected = "👤 Budi Santoso bergabung sebagai <b>Kepala OPD DINKES (Dinas Kesehatan)</b>."
    assert [c.text for c in _messages(calls, bot.admin)] == [expected]
    assert [c.text for c in _messages(calls, WAKIL_ADMIN)] == [expected]

    # a name is text, never markup
    calls = await join(bot, EVE, "asisten 2")
    [notice] = _messages(calls, bot.admin)
    assert notice.text == (
        "👤 &lt;b&gt;Eve&lt;/b&gt; &amp; Co bergabung sebagai <b>Asisten (Asisten II)</b>."
    )


# --------------------------------------------------------------------------- /undangan
async def test_undangan_lists_pending_invitations_and_revokes_one(bot: BotHarness) -> None:
    await import_sample_opds(bot)
    await bot.say(bot.admin, "/start")  # the admin is known by name from now on
    kepala = invite_code(await bot.say(bot.admin, "/undang kepala DINKES"))
    bot.clock.advance(minutes=5)
    sekda = invite_code(await bot.say(bot.admin, "/undang sekda"))
    used = invite_code(await bot.say(bot.admin, "/undang operator BAPPEDA"))
    await bot.say(OPERATOR_BAPPEDA, f"/start {used}")

    [listing] = _messages(await bot.say(bot.admin, "/undangan"), bot.admin)
    text = listing.text or ""
    assert "Undangan yang belum dipakai (2)" in text
    assert "1. <b>Kepala OPD DINKES (Dinas Kesehatan)</b> — dibuat oleh Rina Setda" in text
    assert "2. <b>Sekda</b> — dibuat oleh Rina Setda" in text
    assert "berlaku sampai Senin, 30 November 2026 pukul 08.00 WIB" in text
    assert "BAPPEDA" not in text  # used already
    buttons = RecordingRequest.buttons(listing)
    assert [label for row in buttons for label, _ in row] == ["✖️ Cabut 1", "✖️ Cabut 2"]
    assert all(data.startswith("ud:c:") for row in buttons for _, data in row)

    calls = await bot.press(bot.admin, listing, buttons[0][0][1])
    [press] = [c for c in calls if c.method == "answerCallbackQuery"]
    assert "dicabut" in str(press.params.get("text")) and not press.params.get("show_alert")
    [edited] = [c for c in calls if c.method == "editMessageText"]
    assert edited.params["message_id"] == listing.result["message_id"]
    assert "Undangan untuk <b>Kepala OPD DINKES (Dinas Kesehatan)</b> dicabut" in (
        edited.text or ""
    )
    assert "Undangan yang belum dipakai (1)" in (edited.text or "")
    assert [label for row in RecordingRequest.buttons(edited) for label, _ in row] == ["✖️ Cabut 1"]

    # the revoked link no longer works, and says so
    answer = sent_texts(await bot.say(KEPALA_DINKES, f"/start {kepala}"))
    assert answer == [
        "Tautan undangan ini sudah tidak berlaku: admin telah mencabutnya. "
        "Mintalah undangan baru kepada admin."
    ]
    assert await bot.rows(Member, Member.telegram_id == KEPALA_DINKES["id"]) == []
    # a second press on the old list changes nothing
    again = await bot.press(bot.admin, listing, buttons[0][0][1])
    assert [c.method for c in again] == ["answerCallbackQuery"]
    assert again[0].params.get("show_alert") is True
    assert "sudah tidak menunggu" in str(again[0].params.get("text"))
    # the other link still works
    await bot.say(KEPALA_BAPPEDA, f"/start {sekda}")
    [hendra] = await bot.rows(Member, Member.telegram_id == KEPALA_BAPPEDA["id"])
    assert hendra.peran == "sekda"
    assert (
        "Tidak ada undangan yang menunggu" in sent_texts(await bot.say(bot.admin, "/undangan"))[0]
    )


async def test_expired_invitations_are_not_listed(bot: BotHarness) -> None:
    await bot.say(bot.admin, "/undang sekda")
    bot.clock.advance(days=7, minutes=1)
    assert (
        "Tidak ada undangan yang menunggu" in sent_texts(await bot.say(bot.admin, "/undangan"))[0]
    )


# --------------------------------------------------------------------------- late joiners
async def test_a_late_joiner_gets_the_opds_open_work_in_one_message(bot: BotHarness) -> None:
    await published(bot)  # directives 1 (DINKES, BAPPEDA) and 2 (BAPPEDA) concern BAPPEDA
    calls = await join(bot, OPERATOR_BAPPEDA, "operator BAPPEDA")
    mine = _messages(calls, OPERATOR_BAPPEDA)
    assert len(mine) == 2
    welcome, work = mine
    assert "Anda sekarang terdaftar sebagai <b>Operator OPD BAPPEDA" in (welcome.text or "")
    text = work.text or ""
    assert "Penugasan terbuka BAPPEDA</b>: 2 arahan yang terbit sebelum Anda bergabung" in text
    assert "No. 1" in text and "No. 2" in text and "No. 3" not in text
    labels = [label for row in RecordingRequest.buttons(work) for label, _ in row]
    assert "No.1 📈" in labels and "No.2 📈" in labels
    # a reply to the list reports by number, like a reply to the weekly push
    await bot.say(OPERATOR_BAPPEDA, "2 progres 40% matriks disusun", reply_to=work)
    [wulan] = await bot.rows(Member, Member.telegram_id == OPERATOR_BAPPEDA["id"])
    [laporan] = await bot.rows(Laporan, Laporan.member_id == wulan.id)
    [tugas] = await bot.rows(Penugasan, Penugasan.id == laporan.penugasan_id)
    [arahan] = await bot.rows(Arahan, Arahan.id == tugas.arahan_id)
    assert (arahan.nomor, tugas.opd_id, tugas.progress) == (2, wulan.opd_id, 40)

    # joining an OPD without open work sends no list
    calls = await join(bot, OPERATOR_KESRA, "operator KESRA")
    assert len(_messages(calls, OPERATOR_KESRA)) == 1


# --------------------------------------------------------------------------- names
async def test_a_bootstrap_admin_is_named_after_their_telegram_name(bot: BotHarness) -> None:
    [admin] = await bot.rows(Member, Member.telegram_id == bot.admin["id"])
    assert admin.nama == "Admin 1001"
    await bot.say(bot.admin, "/anggota")
    [admin] = await bot.rows(Member, Member.telegram_id == bot.admin["id"])
    assert admin.nama == "Rina Setda"
    # and notices name them: the admin the bot told about a second admin
    await import_sample_opds(bot)
    wakil_calls = await join(bot, WAKIL_ADMIN, "admin")
    assert all("1001" not in (c.text or "") for c in wakil_calls)
    listing = sent_texts(await bot.say(WAKIL_ADMIN, "/anggota"))[0]
    assert "Rina Setda" in listing and "Admin 1001" not in listing
    # a name chosen once is kept: the placeholder alone is replaced
    renamed = dict(bot.admin, first_name="Rina", last_name="Wulandari")
    await bot.say(renamed, "/anggota", chat=private_chat(renamed))
    [admin] = await bot.rows(Member, Member.telegram_id == bot.admin["id"])
    assert admin.nama == "Rina Setda"


# --------------------------------------------------------------------------- first steps
async def test_the_admins_first_start_says_what_to_do_first(bot: BotHarness) -> None:
    [first] = sent_texts(await bot.say(bot.admin, "/start"))
    assert "Langkah pertama" in first
    for step in ("/opd_impor", "/undang kepala KODE_OPD", "/grup KODE_OPD", "/rakor Judul"):
        assert step in first
    assert "✅" not in first

    await import_sample_opds(bot)
    [second] = sent_texts(await bot.say(bot.admin, "/start"))
    assert "Langkah pertama" in second
    assert "✅ 1. Impor daftar OPD" in second and "▫️ 2. Undang" in second

    await bot.say(bot.admin, "/undang kepala DINKES")
    [ready] = sent_texts(await bot.say(bot.admin, "/start"))
    assert "Langkah pertama" not in ready
    assert ready.startswith("Selamat datang kembali, Rina Setda")
    # nobody else is given the admin's steps
    [stranger] = sent_texts(await bot.say(STRANGER, "/start"))
    assert "Langkah pertama" not in stranger
