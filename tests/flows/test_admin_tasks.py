"""Admin tasks around the publishing story: OPD and directive imports, members, groups."""

from __future__ import annotations

import io
from pathlib import Path

from openpyxl import Workbook

from storage.models import Arahan, Member, Opd
from tests.support.fake_telegram import RecordingRequest
from tests.support.harness import BotHarness
from tests.support.pemda import (
    DINKES_GROUP,
    KEPALA_DINKES,
    import_sample_opds,
    join,
    send_file,
    sent_texts,
    setup_pemda,
)

DATA = Path(__file__).parents[2] / "data"


async def test_opd_import_with_bad_rows_changes_nothing(bot: BotHarness) -> None:
    csv = (
        b"kode,nama,klaster\n"
        b"DINKES,Dinas Kesehatan,1\n"
        b"dinas pendidikan,Dinas Pendidikan,1\n"
        b"BAPPEDA,,2\n"
        b"BPKD,Badan Keuangan,7x\n"
        b"DINKES,Dinas Kesehatan lagi,1\n"
    )
    answer = sent_texts(await send_file(bot, csv, "opd.csv", "/opd_impor"))[0]
    assert "tidak ada yang diubah" in answer
    for line in ("Baris 3:", "Baris 4:", "Baris 5:", "Baris 6:"):
        assert line in answer
    assert "Baris 2:" not in answer
    assert await bot.rows(Opd) == []


async def test_opd_import_then_update_reports_what_changed(bot: BotHarness) -> None:
    await import_sample_opds(bot)
    csv = "kode;nama;klaster\nDINKES;Dinas Kesehatan;1\nDISDIK;Dinas Pendidikan dan Kebudayaan;1\n"
    # the command first, the file as the next message (Excel exports with semicolons)
    assert "Kirim berkas CSV" in sent_texts(await bot.say(bot.admin, "/opd_impor"))[0]
    answer = sent_texts(await send_file(bot, csv.encode(), "opd.csv"))[0]
    assert "Ditambahkan: 0; diperbarui: 1; tidak berubah: 1" in answer
    disdik = (await bot.rows(Opd, Opd.kode == "DISDIK"))[0]
    assert disdik.nama == "Dinas Pendidikan dan Kebudayaan"
    # a file sent without asking is not imported: the admin gets a hint instead
    assert "Pesan Anda tersimpan" in sent_texts(await send_file(bot, csv.encode(), "opd.csv"))[0]
    disdik = (await bot.rows(Opd, Opd.kode == "DISDIK"))[0]
    assert disdik.nama == "Dinas Pendidikan dan Kebudayaan"


async def test_opd_tambah_and_list(bot: BotHarness) -> None:
    answer = sent_texts(
        await bot.say(bot.admin, "/opd_tambah satpolpp | Satuan Polisi Pamong Praja | III")
    )[0]
    assert "<b>SATPOLPP</b> — Satuan Polisi Pamong Praja (Asisten III) ditambahkan" in answer
    answer = sent_texts(await bot.say(bot.admin, "/opd_tambah X | | 9 | 1"))[0]
    assert "Format: " in answer
    listing = sent_texts(await bot.say(bot.admin, "/opd"))[0]
    assert "Asisten III" in listing and "SATPOLPP" in listing and "belum ada kepala" in listing


async def test_arahan_import_from_csv_and_xlsx(bot: BotHarness) -> None:
    await setup_pemda(bot)
    calls = await send_file(
        bot, (DATA / "contoh_arahan.csv").read_bytes(), "arahan.csv", "/arahan_impor"
    )
    preview = [c for c in calls if c.method == "sendMessage"][-1]
    assert "Pratinjau: 8 arahan" in (preview.text or "")
    assert await bot.rows(Arahan) == []

    book = Workbook()
    sheet = book.active
    sheet.append(["opd", "tenggat", "arahan", "prioritas"])
    sheet.append(["DINKES", "31/12/2026", "Laporkan capaian imunisasi", "tinggi"])
    sheet.append(["BAPPEDA,DINKES", "2 minggu", "Rekap usulan Musrenbang", ""])
    sheet.append(["NOPE", "besok", "Kode salah", ""])
    buffer = io.BytesIO()
    book.save(buffer)
    answer = sent_texts(await send_file(bot, buffer.getvalue(), "arahan.xlsx", "/arahan_impor"))
    assert "Baris 4: OPD NOPE tidak ada" in answer[0]
    sheet.delete_rows(4)
    buffer = io.BytesIO()
    book.save(buffer)
    calls = await send_file(bot, buffer.getvalue(), "arahan.xlsx", "/arahan_impor")
    preview = [c for c in calls if c.method == "sendMessage"][-1]
    assert "Pratinjau: 2 arahan" in (preview.text or "")
    await bot.press(bot.admin, preview, RecordingRequest.buttons(preview)[0][0][1])
    assert sorted(a.teks for a in await bot.rows(Arahan)) == [
        "Laporkan capaian imunisasi",
        "Rekap usulan Musrenbang",
    ]


async def test_members_list_and_deactivation(bot: BotHarness) -> None:
    await import_sample_opds(bot)
    await join(bot, KEPALA_DINKES, "kepala DINKES")
    listing = sent_texts(await bot.say(bot.admin, "/anggota"))[0]
    assert "Budi Santoso" in listing and "Kepala OPD · DINKES" in listing
    calls = await bot.say(bot.admin, f"/nonaktif {KEPALA_DINKES['id']}")
    assert "dinonaktifkan" in sent_texts(calls)[0]
    menu = [c for c in calls if c.method == "setMyCommands"][0]
    assert {c["command"] for c in menu.params["commands"]} == {"start", "bantuan"}
    member = (await bot.rows(Member, Member.telegram_id == KEPALA_DINKES["id"]))[0]
    assert member.active is False
    # a deactivated member is a stranger to every rule
    assert sent_texts(await bot.say(KEPALA_DINKES, "/opd"))[0].startswith("Maaf")
    assert "nonaktif" in sent_texts(await bot.say(bot.admin, f"/nonaktif {KEPALA_DINKES['id']}"))[0]
    assert "tidak bisa" in sent_texts(await bot.say(bot.admin, "/nonaktif 1001"))[0]
    assert "Format" in sent_texts(await bot.say(bot.admin, "/nonaktif budi"))[0]


async def test_grup_only_in_groups_and_only_by_admin(bot: BotHarness) -> None:
    await import_sample_opds(bot)
    assert "di dalam grup" in sent_texts(await bot.say(bot.admin, "/grup DINKES"))[0]
    refused = sent_texts(await bot.say(KEPALA_DINKES, "/grup DINKES", chat=DINKES_GROUP))
    assert refused[0].startswith("Maaf")
    answer = sent_texts(await bot.say(bot.admin, "/grup NOPE", chat=DINKES_GROUP))[0]
    assert "tidak ada" in answer


async def test_unknown_command_and_long_input(bot: BotHarness) -> None:
    assert "tidak dikenal" in sent_texts(await bot.say(bot.admin, "/apa_ini"))[0]
    await import_sample_opds(bot)
    await bot.say(bot.admin, "/rakor Rakor | besok")
    long_text = "/arahan DINKES | besok | " + "a" * 3000
    answer = sent_texts(await bot.say(bot.admin, long_text))[0]
    assert "maksimal 2000 karakter" in answer


async def test_invites_for_every_role(bot: BotHarness) -> None:
    from tests.support.harness import user

    await import_sample_opds(bot)
    cases = [
        ("kepala DINKES", "kepala_opd", "DINKES"),
        ("operator DISDIK", "operator", "DISDIK"),
        ("asisten III", "asisten", None),
        ("sekda", "sekda", None),
        ("kepala_daerah", "kepala_daerah", None),
        ("admin", "admin", None),
    ]
    for n, (args, role, kode) in enumerate(cases):
        person = user(4000 + n, f"Pejabat {n}")
        await join(bot, person, args)
        member = (await bot.rows(Member, Member.telegram_id == person["id"]))[0]
        assert member.peran == role
        if kode:
            opd = (await bot.rows(Opd, Opd.kode == kode))[0]
            assert member.opd_id == opd.id
    asisten = (await bot.rows(Member, Member.peran == "asisten"))[0]
    assert asisten.klaster == 3
    new_admin = (await bot.rows(Member, Member.peran == "admin", Member.telegram_id == 4005))[0]
    assert (
        "Daftar OPD"
        in sent_texts(await bot.say(user(new_admin.telegram_id, "Pejabat 5"), "/opd"))[0]
    )
    for bad in (
        "/undang",
        "/undang kepala",
        "/undang kepala NOPE",
        "/undang asisten",
        "/undang asisten 12",
        "/undang sekda DINKES",
        "/undang raja",
    ):
        answer = sent_texts(await bot.say(bot.admin, bad))[0]
        assert "https://t.me/" not in answer


async def test_removed_from_admin_ids_means_no_longer_admin(bot: BotHarness) -> None:
    from tests.support.harness import ADMIN_ID

    await import_sample_opds(bot)
    code = (
        sent_texts(await bot.say(bot.admin, "/undang kepala DINKES"))[0]
        .split("?start=")[1]
        .split()[0]
    )
    await bot.stop()
    restarted = BotHarness(bot.settings.DATABASE_URL, bot.clock, ADMIN_IDS=[7777])
    restarted.updates = bot.updates  # Telegram's update ids keep counting up
    await restarted.start()
    try:
        admin = (await restarted.rows(Member, Member.telegram_id == ADMIN_ID))[0]
        assert admin.active is False
        assert sent_texts(await restarted.say(bot.admin, "/opd"))[0].startswith("Maaf")
        # the invites that admin made no longer work
        answer = sent_texts(await restarted.say(KEPALA_DINKES, f"/start {code}"))
        assert "tidak berlaku lagi" in answer[0]
        assert await restarted.rows(Member, Member.telegram_id == KEPALA_DINKES["id"]) == []
    finally:
        await restarted.stop()
        bot.app = restarted.app
