"""Prompts that are not answered do not capture later messages; requests to close as
tidak dapat ditindaklanjuti are the admin's to decide and do not count as overdue work."""

from __future__ import annotations

from storage.models import Escalation, Laporan, Penugasan
from tests.conftest import FakeClock
from tests.support.harness import BotHarness, private_chat
from tests.support.pemda import (
    ASISTEN_1,
    KEPALA_BAPPEDA,
    KEPALA_DINKES,
    button_data,
    directive_to,
    publish_three,
    sent_texts,
    setup_pemda,
    tugas_of,
)


async def test_an_unanswered_prompt_does_not_capture_later_reports(bot: BotHarness) -> None:
    await setup_pemda(bot)
    _, calls = await publish_three(bot)
    first = directive_to(calls, KEPALA_DINKES["id"], 1)
    third = directive_to(calls, KEPALA_DINKES["id"], 3)
    await bot.press(KEPALA_DINKES, third, button_data(third, "✅"))  # never answered
    await bot.say(KEPALA_DINKES, "progres 50%", reply_to=first)
    photo = bot.request.add_file(b"\x89PNG", file_name="foto.jpg", mime_type="image/jpeg")
    await bot.feed(bot.updates.photo(KEPALA_DINKES, private_chat(KEPALA_DINKES), photo))
    assert (await tugas_of(bot, third)).status == "baru"
    one = await tugas_of(bot, first)
    assert (one.status, one.progress) == ("dalam_proses", 50)
    # and a prompt left for more than half an hour is not taken for the answer either
    await bot.press(KEPALA_DINKES, third, button_data(third, "⚠️"))
    bot.clock.advance(minutes=31)
    answer = sent_texts(await bot.say(KEPALA_DINKES, "halo pak"))
    assert "balas (reply)" in answer[0]
    assert (await tugas_of(bot, third)).status == "baru"


async def test_a_prompt_on_work_that_closed_meanwhile_is_dropped(bot: BotHarness) -> None:
    await setup_pemda(bot)
    _, calls = await publish_three(bot)
    third = directive_to(calls, KEPALA_DINKES["id"], 3)
    await bot.press(KEPALA_DINKES, third, button_data(third, "📈"))
    await bot.say(bot.admin, "/batal 3 digabung dengan program provinsi")
    refused = sent_texts(await bot.say(KEPALA_DINKES, "progres 30%"))
    assert "sudah dibatalkan" in refused[0]
    # the refusal is said once; the next message is not taken for the dead prompt
    assert "balas (reply)" in sent_texts(await bot.say(KEPALA_DINKES, "terima kasih"))[0]


async def tidak_dapat_request(bot: BotHarness) -> list:  # type: ignore[type-arg]
    await setup_pemda(bot)
    _, calls = await publish_three(bot)
    message = directive_to(calls, KEPALA_DINKES["id"], 1)
    await bot.say(KEPALA_DINKES, "progres 85%", reply_to=message)
    await bot.say(
        KEPALA_DINKES, "tidak dapat ditindaklanjuti karena kewenangan provinsi", reply_to=message
    )
    return calls


async def test_closing_as_tidak_dapat_needs_an_admin(database_url: str, clock: FakeClock) -> None:
    harness = BotHarness(database_url, clock, ASISTEN_MAY_VERIFY=True)
    await harness.start()
    try:
        calls = await tidak_dapat_request(harness)
        listing = sent_texts(await harness.say(ASISTEN_1, "/verifikasi"))
        assert "Tidak ada" in listing[0]  # the Asisten is not shown the request
        card = [
            c
            for c in await harness.say(harness.admin, "/verifikasi")
            if "tidak dapat ditindaklanjuti" in (c.text or "")
        ][0]
        pressed = await harness.press(ASISTEN_1, card, button_data(card, "✅ Terima"))
        assert pressed[0].params["show_alert"] is True
        message = directive_to(calls, KEPALA_DINKES["id"], 1)
        assert (await tugas_of(harness, message)).pending == "tidak_dapat"
        # the admin rejects it: progress stays where the OPD last reported it
        asked = await harness.press(harness.admin, card, button_data(card, "↩️ Tolak"))
        prompt = [c for c in asked if c.method == "sendMessage"][0]
        await harness.say(harness.admin, "Masih kewenangan kabupaten", reply_to=prompt)
        tugas = await tugas_of(harness, message)
        assert (tugas.pending, tugas.status, tugas.progress) == (None, "dalam_proses", 85)
        harness.request.assert_clean()
    finally:
        await harness.stop()


async def test_a_later_report_withdraws_the_request(bot: BotHarness) -> None:
    calls = await tidak_dapat_request(bot)
    message = directive_to(calls, KEPALA_DINKES["id"], 1)
    await bot.say(KEPALA_DINKES, "sudah selesai", reply_to=message)
    tugas = await tugas_of(bot, message)
    assert (tugas.pending, tugas.status) == (None, "selesai")
    card = [
        c
        for c in await bot.say(bot.admin, "/verifikasi")
        if "melaporkan <b>selesai</b>" in (c.text or "")
    ][0]
    await bot.press(bot.admin, card, button_data(card, "✅ Terima"))
    assert (await tugas_of(bot, message)).status == "terverifikasi"


async def test_a_request_waiting_for_sign_off_is_not_overdue_work(bot: BotHarness) -> None:
    calls = await tidak_dapat_request(bot)
    bot.clock.advance(days=60)
    digest = "\n".join(sent_texts(await bot.say(bot.admin, "/status DINKES")))
    # No. 3 is late; No. 1 waits, not late
    assert "<b>DINKES</b> — 1 terbuka (1 terlambat) · 1 menunggu verifikasi" in digest
    assert "Penugasan terbuka (1)" in digest and "Menunggu verifikasi (1)" in digest
    message = directive_to(calls, KEPALA_DINKES["id"], 1)
    tugas = await tugas_of(bot, message)
    steps = await bot.rows(Escalation, Escalation.penugasan_id == tugas.id)
    await bot.tick()
    assert await bot.rows(Escalation, Escalation.penugasan_id == tugas.id) == steps == []


async def test_escalation_waits_until_someone_holds_the_rung(bot: BotHarness) -> None:
    await setup_pemda(bot)  # no Sekda has joined
    await publish_three(bot)
    await bot.say(KEPALA_BAPPEDA, "/lapor 2 kendala: data belum lengkap")
    bot.clock.advance(days=8)
    await bot.tick()
    assert not [s for s in await bot.rows(Escalation) if s.tangga == "sekda"]
    from tests.support.harness import user
    from tests.support.pemda import join

    sekda = user(3500, "Darwin")
    await join(bot, sekda, "sekda")
    bot.clock.advance(days=1)
    calls = await bot.tick()
    told = [c.text or "" for c in calls if c.chat_id == sekda["id"]]
    assert any("Eskalasi ke Sekda" in t and "No. 2" in t for t in told)
    assert len(await bot.rows(Laporan)) == 1
    assert await bot.rows(Penugasan)


async def test_a_long_reminder_list_still_fits_one_message(bot: BotHarness) -> None:
    from datetime import date

    from bot.features.directives.message import visible_length
    from bot.features.reporting.views import render_worklist
    from storage.models import Arahan

    work = [
        (
            Penugasan(id=n, status="dalam_proses", progress=60),
            Arahan(
                nomor=n,
                teks="Percepatan validasi data kependudukan " * 8,
                tenggat=date(2026, 8, 17),
            ),
        )
        for n in range(1, 21)
    ]
    view = render_worklist(bot.app.env, work, "<b>Pengingat</b>")
    assert visible_length(view.text) <= 4096 and len(view.text) <= 4096
    assert "lain" in view.text  # the rest is counted, not dropped silently
    assert view.keyboard is not None and len(view.keyboard) <= 10


async def test_editing_a_list_reply_corrects_each_line(bot: BotHarness) -> None:
    from tests.support.pemda import local

    await setup_pemda(bot)
    await publish_three(bot)
    pushed = await bot.tick(local(23, 8))
    push = [
        c
        for c in pushed
        if c.chat_id == KEPALA_DINKES["id"] and "Pengingat mingguan" in (c.text or "")
    ][0]
    update = bot.updates.message(
        KEPALA_DINKES, private_chat(KEPALA_DINKES), "1 progres 50%\n3 selesai", reply_to=push
    )
    await bot.feed(update)
    edited = bot.updates.edited_message(
        KEPALA_DINKES,
        private_chat(KEPALA_DINKES),
        "1 progres 60%\n3 selesai",
        update["message"]["message_id"],
    )
    await bot.feed(edited)
    rows = {p.arahan_id: p for p in await bot.rows(Penugasan) if p.opd_id == 5}
    assert (rows[1].status, rows[1].progress) == ("dalam_proses", 60)
    assert rows[3].status == "selesai"
    corrections = await bot.rows(Laporan, Laporan.source == "koreksi")
    assert len(corrections) == 1  # only the changed line
    # an edited /lapor is read without its command and number
    lapor = bot.updates.message(
        KEPALA_BAPPEDA, private_chat(KEPALA_BAPPEDA), "/lapor 2 progres 20%"
    )
    await bot.feed(lapor)
    await bot.feed(
        bot.updates.edited_message(
            KEPALA_BAPPEDA,
            private_chat(KEPALA_BAPPEDA),
            "/lapor 2 progres 25%",
            lapor["message"]["message_id"],
        )
    )
    bappeda_2 = [p for p in await bot.rows(Penugasan) if p.arahan_id == 2][0]
    assert bappeda_2.progress == 25


async def test_every_deadline_change_is_announced_and_codes_with_digits_are_opds(
    bot: BotHarness,
) -> None:
    from storage.models import Opd

    await setup_pemda(bot)
    await publish_three(bot)
    for when, why in (
        ("15/01/2027", "data BPS"),
        ("31/12/2026", "data sudah ada"),
        ("15/01/2027", "ditunda lagi"),
    ):
        await bot.say(bot.admin, f"/tenggat 1 {when} {why}")
    told = [t for t in bot.request.texts(KEPALA_DINKES["id"]) if "Tenggat Arahan No. 1" in t]
    assert len(told) == 3
    await bot.say(bot.admin, "/opd_tambah KEC1 | Kecamatan Satu | 1")
    assert await bot.rows(Opd, Opd.kode == "KEC1")
    digest = sent_texts(await bot.say(bot.admin, "/status KEC1"))[0]
    assert "KEC1 — Kecamatan Satu" in digest
