"""Verification of completions, directive management, and the /status digest by role."""

from __future__ import annotations

from storage.models import Arahan, Laporan, Opd, Penugasan
from tests.conftest import FakeClock
from tests.support.fake_telegram import Call, RecordingRequest
from tests.support.harness import BotHarness, user
from tests.support.pemda import (
    ASISTEN_1,
    KEPALA_BAPPEDA,
    KEPALA_DINKES,
    OPERATOR_DINKES,
    STRANGER,
    button_data,
    directive_to,
    join,
    publish_three,
    sent_texts,
    setup_pemda,
    tugas_of,
)

SEKDA = user(3500, "Darwin")
ASISTEN_2 = user(3002, "Yosef")


async def done_by_dinkes(bot: BotHarness) -> tuple[list[Call], Call]:
    await setup_pemda(bot)
    _, calls = await publish_three(bot)
    message = directive_to(calls, KEPALA_DINKES["id"], 1)
    await bot.say(KEPALA_DINKES, "sudah tuntas, laporan terlampir", reply_to=message)
    return calls, message


async def test_verification_accepted(bot: BotHarness) -> None:
    _, message = await done_by_dinkes(bot)
    listing = await bot.say(bot.admin, "/verifikasi")
    texts = sent_texts(listing)
    assert "Menunggu verifikasi: 1" in texts[0]
    card = [c for c in listing if "melaporkan <b>selesai</b>" in (c.text or "")][0]
    assert "sudah tuntas" in (card.text or "")
    calls = await bot.press(bot.admin, card, button_data(card, "✅ Terima"))
    assert calls[0].params["text"] == "Verifikasi dicatat."
    tugas = await tugas_of(bot, message)
    assert tugas.status == "terverifikasi"
    told = {c.chat_id for c in calls if "terverifikasi" in (c.text or "")}
    assert {KEPALA_DINKES["id"], OPERATOR_DINKES["id"]} <= told
    # closed work takes no more reports
    answer = sent_texts(await bot.say(KEPALA_DINKES, "progres 50%", reply_to=message))
    assert "sudah terverifikasi" in answer[0]
    assert "Tidak ada" in sent_texts(await bot.say(bot.admin, "/verifikasi"))[0]


async def test_verification_rejected_with_a_reason(bot: BotHarness) -> None:
    _, message = await done_by_dinkes(bot)
    listing = await bot.say(bot.admin, "/verifikasi")
    card = [c for c in listing if "melaporkan" in (c.text or "")][0]
    asked = await bot.press(bot.admin, card, button_data(card, "↩️ Tolak"))
    prompt = [c for c in asked if c.method == "sendMessage"][0]
    assert prompt.params["reply_markup"]["force_reply"] is True
    calls = await bot.say(bot.admin, "Bukti foto kegiatan belum ada", reply_to=prompt)
    tugas = await tugas_of(bot, message)
    assert tugas.status == "dalam_proses" and tugas.progress == 0
    notices = [c for c in calls if c.chat_id == KEPALA_DINKES["id"]]
    assert "dikembalikan" in (notices[0].text or "")
    assert "Bukti foto kegiatan belum ada" in (notices[0].text or "")
    last = (await bot.rows(Laporan))[-1]
    assert (last.source, last.status_from, last.status_to) == (
        "verifikasi",
        "selesai",
        "dalam_proses",
    )


async def test_only_verifiers_may_verify(bot: BotHarness) -> None:
    _, _ = await done_by_dinkes(bot)
    listing = await bot.say(bot.admin, "/verifikasi")
    card = [c for c in listing if "melaporkan" in (c.text or "")][0]
    for who in (KEPALA_DINKES, ASISTEN_1, STRANGER):
        calls = await bot.press(who, card, button_data(card, "✅ Terima"))
        assert calls[0].params["show_alert"] is True
    assert all(p.status != "terverifikasi" for p in await bot.rows(Penugasan))
    assert sent_texts(await bot.say(ASISTEN_1, "/verifikasi"))[0].startswith("Maaf")


async def test_tidak_dapat_needs_a_reason_and_admin_sign_off(bot: BotHarness) -> None:
    await setup_pemda(bot)
    _, calls = await publish_three(bot)
    message = directive_to(calls, KEPALA_BAPPEDA["id"], 2)
    short = sent_texts(
        await bot.say(KEPALA_BAPPEDA, "tidak dapat ditindaklanjuti", reply_to=message)
    )
    assert "Sebutkan alasannya" in short[0]
    answer = sent_texts(
        await bot.say(
            KEPALA_BAPPEDA,
            "tidak dapat ditindaklanjuti karena kewenangan provinsi",
            reply_to=message,
        )
    )
    assert "menunggu persetujuan admin" in answer[0]
    tugas = await tugas_of(bot, message)
    assert tugas.pending == "tidak_dapat" and tugas.status == "baru"
    listing = await bot.say(bot.admin, "/verifikasi")
    card = [c for c in listing if "tidak dapat ditindaklanjuti" in (c.text or "")][0]
    await bot.press(bot.admin, card, button_data(card, "✅ Terima"))
    tugas = await tugas_of(bot, message)
    assert tugas.status == "tidak_dapat_ditindaklanjuti" and tugas.pending is None


async def test_arahan_info_and_tenggat(bot: BotHarness) -> None:
    await setup_pemda(bot)
    _, calls = await publish_three(bot)
    message = directive_to(calls, KEPALA_DINKES["id"], 1)
    await bot.say(KEPALA_DINKES, "progres 20%", reply_to=message)
    announced = await bot.say(bot.admin, "/tenggat 1 15 Januari 2027 menunggu data BPS")
    assert any("diumumkan lewat" in t for t in sent_texts(announced))
    told = [c for c in announced if "Tenggat Arahan No. 1 diubah" in (c.text or "")]
    assert {c.chat_id for c in told} >= {KEPALA_DINKES["id"], KEPALA_BAPPEDA["id"]}
    arahan = (await bot.rows(Arahan, Arahan.nomor == 1))[0]
    assert arahan.tenggat.isoformat() == "2027-01-15"
    info = "\n".join(sent_texts(await bot.say(KEPALA_DINKES, "/arahan_info 1")))
    assert "DINKES (penanggung jawab): dalam proses, 20%" in info
    assert "BAPPEDA (pendukung): baru, 0%" in info
    assert "tenggat diubah" in info and "menunggu data BPS" in info
    assert "Budi Santoso (balasan): baru → dalam proses" in info
    # an OPD not assigned to directive 2 cannot read it; a stranger cannot read any
    assert "tidak ditemukan" in sent_texts(await bot.say(KEPALA_DINKES, "/arahan_info 2"))[0]
    assert sent_texts(await bot.say(STRANGER, "/arahan_info 1"))[0].startswith("Maaf")
    assert (
        "Sebutkan alasan" in sent_texts(await bot.say(bot.admin, "/tenggat 1 besok"))[0]
        or "Format" in sent_texts(await bot.say(bot.admin, "/tenggat 1 besok"))[0]
    )


async def test_status_by_role(bot: BotHarness) -> None:
    await setup_pemda(bot)
    await join(bot, SEKDA, "sekda")
    await join(bot, ASISTEN_2, "asisten 2")
    _, calls = await publish_three(bot)
    message = directive_to(calls, KEPALA_DINKES["id"], 1)
    await bot.say(KEPALA_DINKES, "kendala: data dari puskesmas belum masuk", reply_to=message)

    digest = sent_texts(await bot.say(ASISTEN_1, "/status"))[0]
    assert "Asisten I" in digest
    # in words, only what is there, and when it last reported
    assert "🟡 <b>DINKES</b> — 2 terbuka (1 terkendala) · laporan terakhir hari ini" in digest
    assert "BAPPEDA" not in digest  # cluster II is not Asisten I's
    assert "No. 1 DINKES — terkendala: data dari puskesmas belum masuk" in digest
    # Asisten I asking for another cluster or an OPD outside it is refused
    for args in ("klaster 2", "BAPPEDA", "semua"):
        refused = sent_texts(await bot.say(ASISTEN_1, f"/status {args}"))[0]
        assert "hanya dapat melihat OPD di klaster Anda" in refused
    # the Sekda sees every cluster
    everything = "\n".join(sent_texts(await bot.say(SEKDA, "/status")))
    assert "Semua klaster" in everything and "BAPPEDA" in everything and "DINKES" in everything
    # a stranger sees nothing at all
    refused = sent_texts(await bot.say(STRANGER, "/status semua"))[0]
    assert refused.startswith("Maaf") and "DINKES" not in refused
    # drilling down to an OPD and to a directive
    reply = [c for c in await bot.say(SEKDA, "/status") if c.method == "sendMessage"][0]
    drill = await bot.press(SEKDA, reply, button_data(reply, "🟡 DINKES"))
    # the OPD's header and its list count the same work
    assert "Jumlah: 2 terbuka (1 terkendala)\n" in sent_texts(drill)[0]
    assert "Penugasan terbuka (2)" in sent_texts(drill)[0]
    drill = await bot.press(SEKDA, reply, button_data(reply, "No.1"))
    assert "Arahan No. 1" in sent_texts(drill)[0]


async def test_overdue_work_turns_an_opd_red(bot: BotHarness) -> None:
    await setup_pemda(bot)
    await publish_three(bot)
    bot.clock.advance(days=16)  # directive 2 (2 weeks) is late
    digest = "\n".join(sent_texts(await bot.say(bot.admin, "/status BAPPEDA")))
    assert "🔴 <b>BAPPEDA</b> — 2 terbuka (1 terlambat) · belum ada laporan" in digest
    assert "No. 2 BAPPEDA — baru, terlambat 2 hari" in digest


async def test_a_long_digest_is_paged(bot: BotHarness) -> None:
    await setup_pemda(bot)
    codes = [o.kode for o in await bot.rows(Opd)]
    lines = "\n".join(
        f"{code} | besok | Arahan panjang nomor {n} " + "x" * 140
        for n, code in enumerate(codes[:18])
    )
    preview = [
        c for c in await bot.say(bot.admin, f"/arahan {lines}") if c.method == "sendMessage"
    ][-1]
    await bot.press(bot.admin, preview, RecordingRequest.buttons(preview)[0][0][1])
    bot.clock.advance(days=3)
    first = [c for c in await bot.say(bot.admin, "/status") if c.method == "sendMessage"][0]
    assert "Halaman 1/" in (first.text or "")
    assert all(len(c.plain_text or "") <= 4096 for c in bot.request.sent())
    following = await bot.press(bot.admin, first, button_data(first, "Berikutnya"))
    edit = [c for c in following if c.method == "editMessageText"][0]
    assert "Halaman 2/" in (edit.text or "")


async def test_status_argument_forms_and_unreachable_members(bot: BotHarness) -> None:
    await setup_pemda(bot)
    await join(bot, SEKDA, "sekda")
    bot.request.unreachable.add(OPERATOR_DINKES["id"])
    await publish_three(bot)
    directive = sent_texts(await bot.say(SEKDA, "/status 2"))[0]
    assert "Arahan No. 2" in directive and "BAPPEDA (penanggung jawab)" in directive
    cluster = sent_texts(await bot.say(SEKDA, "/status klaster 2"))[0]
    assert "Asisten II" in cluster and "BAPPEDA" in cluster and "DINKES" not in cluster
    dinkes = sent_texts(await bot.say(SEKDA, "/status dinkes"))[0]
    assert "⚠️ 1 belum terhubung" in dinkes
    assert "Format" in sent_texts(await bot.say(SEKDA, "/status klaster 9"))[0]
    assert "Format" in sent_texts(await bot.say(SEKDA, "/status NOPE"))[0]


async def test_asisten_verifies_own_cluster_when_allowed(
    database_url: str, clock: FakeClock
) -> None:
    harness = BotHarness(database_url, clock, ASISTEN_MAY_VERIFY=True)
    await harness.start()
    try:
        _, _ = await done_by_dinkes(harness)
        listing = await harness.say(ASISTEN_1, "/verifikasi")
        card = [c for c in listing if "melaporkan" in (c.text or "")][0]
        await harness.press(ASISTEN_1, card, button_data(card, "✅ Terima"))
        statuses = {p.status for p in await harness.rows(Penugasan)}
        assert "terverifikasi" in statuses
        harness.request.assert_clean()
    finally:
        await harness.stop()


async def test_the_digest_reads_on_a_phone(bot: BotHarness) -> None:
    """Words instead of slashed numbers, a heading per cluster, the OPDs without work folded
    into one line, and every count agreeing with the lines under it."""
    await setup_pemda(bot)
    _, calls = await publish_three(bot)
    await bot.say(
        KEPALA_DINKES, "progres 40%", reply_to=directive_to(calls, KEPALA_DINKES["id"], 1)
    )
    bot.clock.advance(days=1)
    digest = "\n".join(sent_texts(await bot.say(bot.admin, "/status semua")))
    assert "/0/" not in digest
    headings = [line for line in digest.splitlines() if line.startswith("<b>Asisten ")]
    assert headings == ["<b>Asisten I</b>", "<b>Asisten II</b>"]  # no work in cluster III
    assert "🟢 <b>DINKES</b> — 2 terbuka · laporan terakhir kemarin" in digest
    folded = next(line for line in digest.splitlines() if "Tanpa penugasan" in line)
    codes = [o.kode for o in await bot.rows(Opd)]
    listed = [c for c in codes if f"<b>{c}</b>" in digest]
    assert sorted(listed) == ["BAPPEDA", "DINKES", "KEC_LIMAKAUM"]
    assert folded.startswith(f"⚪ Tanpa penugasan ({len(codes) - 3}): ")
    assert sorted(folded.split(": ", 1)[1].split(", ")) == sorted(set(codes) - set(listed))
    # the totals are the sum of the lines: 3 directives, 5 penugasan, all open
    assert "Jumlah: 5 terbuka\n" in digest  # no zero counts but terbuka


async def test_the_digest_in_english_counts_days_in_words(
    database_url: str, clock: FakeClock
) -> None:
    english = BotHarness(database_url, clock, LANGUAGE="en")
    await english.start()
    try:
        await setup_pemda(english, build=True)
        _, calls = await publish_three(english, build=True)
        first = next(
            c for c in calls if c.chat_id == KEPALA_DINKES["id"] and "No. 1<" in (c.text or "")
        )
        await english.say(KEPALA_DINKES, "progress 40%", reply_to=first)
        english.clock.advance(days=3)
        digest = "\n".join(sent_texts(await english.say(english.admin, "/status DINKES")))
        assert "<b>DINKES</b> — 2 open · last report 3 days ago" in digest
        assert "Open work (2)" in digest
    finally:
        await english.stop()


async def test_one_penugasan_late_and_blocked_is_counted_alike_on_every_screen(
    bot: BotHarness,
) -> None:
    await setup_pemda(bot)
    _, calls = await publish_three(bot)
    bot.clock.advance(days=16)  # No. 2 (2 weeks, BAPPEDA alone) is late…
    message = directive_to(calls, KEPALA_BAPPEDA["id"], 2)
    await bot.say(KEPALA_BAPPEDA, "kendala: menunggu data dari OPD lain", reply_to=message)
    # …and blocked: one penugasan, a part of terbuka twice, listed once
    reply = [c for c in await bot.say(bot.admin, "/status semua") if c.method == "sendMessage"][0]
    digest = reply.text or ""
    assert "Jumlah: 5 terbuka (1 terlambat, 1 terkendala)\n" in digest
    line = "🔴 <b>BAPPEDA</b> — 2 terbuka (1 terlambat, 1 terkendala) · laporan terakhir hari ini"
    assert line in digest
    assert "<b>Terlambat atau terkendala (1, 1 keduanya)</b>" in digest
    problems = [x for x in digest.splitlines() if x.startswith("• No.") and "terlambat" in x]
    assert problems == [
        "• No. 2 BAPPEDA — terkendala, terlambat 2 hari: menunggu data dari OPD lain"
    ]
    # the OPD's own view says the same, and lists its two open penugasan
    drill = sent_texts(await bot.press(bot.admin, reply, button_data(reply, "🔴 BAPPEDA")))[0]
    assert "Jumlah: 2 terbuka (1 terlambat, 1 terkendala)\n" in drill
    assert line in drill
    assert "<b>Terlambat atau terkendala (1, 1 keduanya)</b>" in drill
    assert "<b>Penugasan terbuka (2)</b>" in drill
    assert drill.count("\n• No. 2 — terkendala") == 1
