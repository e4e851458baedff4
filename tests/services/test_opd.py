"""OPDs and groups, as use cases: /opd_tambah, the OPD file import, /opd and /grup with just
the unit of work and the actor (no Telegram)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.domain.errors import InputTidakValid
from bot.domain.tables import Baris, BarisSalah
from bot.features.opd.groups import (
    DaftarGrup,
    PerluKonfirmasi,
    PindahkanGrup,
    move_group,
    register_group,
)
from bot.features.opd.service import (
    BarisOpd,
    HasilImpor,
    ImporOpd,
    ImporOpdGagal,
    OpdDiDaftar,
    OpdDisimpan,
    OpdTidakValid,
    Perubahan,
    TambahOpd,
    add_opd,
    import_opds,
    list_opds,
    read_opd_file,
)
from bot.messaging.caller import Caller
from bot.texts import Teks, Texts
from storage.models import AuditLog, AwaitedInput, Group, Member, Opd
from storage.states import Awaited
from tests.services.conftest import ADMIN, Store

T = Texts("id")
ADMIN_DM = Caller(
    telegram_id=ADMIN.telegram_id, nama="Rina", username=None, chat_id=1001, chat_type="private"
)


def rows(*lines: tuple[str, str, str]) -> ImporOpd:
    """An OPD file's data rows, numbered from line 2 (line 1 is the header)."""
    return ImporOpd(
        tuple(
            Baris(n, {"kode": k, "nama": nama, "klaster": kl})
            for n, (k, nama, kl) in enumerate(lines, start=2)
        )
    )


async def seed_opds(store: Store, *opds: tuple[str, str, int]) -> dict[str, int]:
    """Stored OPDs (as before the test's moment); their ids by code."""
    earlier = store.now - timedelta(days=30)
    async with store.unit() as uow:
        made = [
            Opd(kode=k, nama=n, klaster=kl, created_at=earlier, updated_at=earlier)
            for k, n, kl in opds
        ]
        uow.session.add_all(made)
        await uow.session.flush()
        ids = {o.kode: o.id for o in made}
        await uow.commit()
    return ids


async def stored_opds(store: Store) -> list[tuple[str, str, int]]:
    return sorted((o.kode, o.nama, o.klaster) for o in await store.rows(Opd))


# --- /opd_tambah ---------------------------------------------------------------------------


async def test_a_new_opd_is_added_with_its_code_in_capitals_and_audited(store: Store) -> None:
    async with store.unit() as uow:
        saved = await add_opd(uow, ADMIN, TambahOpd(" dinkes ", " Dinas   Kesehatan ", "II"))
        await uow.commit()
    assert saved == OpdDisimpan(BarisOpd("DINKES", "Dinas Kesehatan", 2), Perubahan.DITAMBAHKAN)
    [opd] = await store.rows(Opd)
    assert (opd.kode, opd.nama, opd.klaster, opd.created_at, opd.updated_at) == (
        "DINKES",
        "Dinas Kesehatan",
        2,
        store.now,
        store.now,
    )
    assert [
        (a.actor_telegram_id, a.action, a.subject, a.details) for a in await store.rows(AuditLog)
    ] == [(ADMIN.telegram_id, "opd_tambah", "opd:DINKES", {"hasil": "ditambahkan"})]


async def test_the_same_code_updates_the_name_and_cluster(store: Store) -> None:
    await seed_opds(store, ("DINKES", "Dinas Kesehatan", 1))
    async with store.unit() as uow:
        saved = await add_opd(uow, ADMIN, TambahOpd("DINKES", "Dinas Kesehatan dan KB", "3"))
        await uow.commit()
    assert saved.perubahan is Perubahan.DIPERBARUI
    [opd] = await store.rows(Opd)
    assert (opd.nama, opd.klaster, opd.updated_at) == ("Dinas Kesehatan dan KB", 3, store.now)


async def test_the_same_values_change_nothing(store: Store) -> None:
    await seed_opds(store, ("DINKES", "Dinas Kesehatan", 1))
    async with store.unit() as uow:
        saved = await add_opd(uow, ADMIN, TambahOpd("dinkes", "Dinas Kesehatan", "Asisten I"))
        await uow.commit()
    assert saved.perubahan is Perubahan.TETAP
    [opd] = await store.rows(Opd)
    assert opd.updated_at == store.now - timedelta(days=30)
    assert [a.details for a in await store.rows(AuditLog)] == [{"hasil": "tetap"}]


async def test_every_reason_a_row_is_bad_is_given_and_nothing_is_written(store: Store) -> None:
    await seed_opds(store, ("DINKES", "Dinas Kesehatan", 1))
    async with store.unit() as uow:
        with pytest.raises(OpdTidakValid) as refused:
            await add_opd(uow, ADMIN, TambahOpd("D<b>", "  ", "0"))
        await uow.commit()  # even committed, the refused update has written nothing
    assert refused.value.pesan == Teks("opd.format_tambah")
    assert refused.value.alasan == (
        Teks("opd.kode_salah", kode="D&lt;B&gt;"),
        Teks("opd.nama_salah"),
        Teks("opd.klaster_salah", klaster="0"),
    )
    assert refused.value.text(T) == "\n".join(
        [
            T("opd.kode_salah", kode="D&lt;B&gt;"),
            T("opd.nama_salah"),
            T("opd.klaster_salah", klaster="0"),
            "",
            T("opd.format_tambah"),
        ]
    )
    assert await stored_opds(store) == [("DINKES", "Dinas Kesehatan", 1)]
    assert await store.rows(AuditLog) == []


# --- the OPD file import -------------------------------------------------------------------


async def awaiting_file(store: Store, caller: Caller) -> None:
    async with store.unit() as uow:
        uow.session.add(
            AwaitedInput(
                telegram_id=caller.telegram_id,
                chat_id=caller.chat_id,
                kind=Awaited.OPD_IMPOR,
                ref_id=0,
                created_at=store.now,
            )
        )
        await uow.commit()


async def test_an_import_applies_every_row_and_stops_waiting_for_the_file(store: Store) -> None:
    await seed_opds(store, ("DINKES", "Dinas Kesehatan", 1), ("BPKD", "Badan Keuangan", 2))
    other = Caller(telegram_id=2002, nama="Budi", username=None, chat_id=2002, chat_type="private")
    await awaiting_file(store, ADMIN_DM)
    await awaiting_file(store, other)
    data = (
        b"kode;nama;klaster\nDINKES;Dinas Kesehatan;1\n"
        b"bpkd;Badan Keuangan Daerah;II\nTAPEM;Bagian Tata Pemerintahan;1\n"
    )
    async with store.unit() as uow:
        hasil = await import_opds(uow, ADMIN_DM, read_opd_file(data, "opd.csv"))
        await uow.commit()
    assert hasil == HasilImpor(ditambahkan=1, diperbarui=1, tetap=1)
    assert await stored_opds(store) == [
        ("BPKD", "Badan Keuangan Daerah", 2),
        ("DINKES", "Dinas Kesehatan", 1),
        ("TAPEM", "Bagian Tata Pemerintahan", 1),
    ]
    assert [a.telegram_id for a in await store.rows(AwaitedInput)] == [other.telegram_id]
    assert [
        (a.actor_telegram_id, a.action, a.subject, a.details) for a in await store.rows(AuditLog)
    ] == [
        (
            ADMIN.telegram_id,
            "opd_impor",
            "opd",
            {"ditambahkan": 1, "diperbarui": 1, "tetap": 1},
        )
    ]


async def test_one_bad_row_refuses_the_whole_file_naming_every_bad_line(store: Store) -> None:
    await seed_opds(store, ("DINKES", "Dinas Kesehatan", 1))
    await awaiting_file(store, ADMIN_DM)
    request = rows(
        ("DINKES", "Dinas Kesehatan Baru", "2"),  # would update: must not
        ("TAPEM", "Bagian Tata Pemerintahan", "1"),  # would add: must not
        ("X", "", "10"),
        ("dinkes", "Dinas Kesehatan Lagi", "1"),
    )
    async with store.unit() as uow:
        with pytest.raises(ImporOpdGagal) as refused:
            await import_opds(uow, ADMIN_DM, request)
        await uow.commit()  # even committed, the refused file has written nothing
    assert refused.value.pesan == Teks("opd.impor_gagal")
    assert refused.value.salah == (
        BarisSalah(
            4,
            (
                Teks("opd.kode_salah", kode="X"),
                Teks("opd.nama_salah"),
                Teks("opd.klaster_salah", klaster="10"),
            ),
        ),
        BarisSalah(5, (Teks("opd.kode_ganda", kode="DINKES", baris=2),)),
    )
    assert refused.value.text(T).splitlines() == [
        T("opd.impor_gagal"),
        T(
            "opd.baris_salah",
            baris=4,
            alasan="; ".join(
                [
                    T("opd.kode_salah", kode="X"),
                    T("opd.nama_salah"),
                    T("opd.klaster_salah", klaster="10"),
                ]
            ),
        ),
        T("opd.baris_salah", baris=5, alasan=T("opd.kode_ganda", kode="DINKES", baris=2)),
    ]
    assert await stored_opds(store) == [("DINKES", "Dinas Kesehatan", 1)]
    assert len(await store.rows(AwaitedInput)) == 1  # still waiting for a good file
    assert await store.rows(AuditLog) == []


def test_a_file_without_the_columns_is_refused_before_any_row_is_read() -> None:
    with pytest.raises(InputTidakValid) as refused:
        read_opd_file(b"kode,nama\nDINKES,Dinas\n", "opd.csv")
    assert refused.value.pesan == Teks("tabel.kolom", perlu="kode, nama, klaster", hilang="klaster")


# --- /opd ------------------------------------------------------------------------------------


async def test_no_opd_lists_nothing(store: Store) -> None:
    async with store.unit() as uow:
        assert await list_opds(uow) == []


async def test_the_list_has_heads_groups_and_who_never_pressed_start(store: Store) -> None:
    ids = await seed_opds(
        store,
        ("DPUPR", "Dinas PUPR", 2),
        ("DINKES", "Dinas Kesehatan", 1),
        ("BPKD", "Badan Keuangan", 1),
    )

    def member(tid: int, nama: str, peran: str, kode: str, **more: object) -> Member:
        return Member(
            telegram_id=tid,
            nama=nama,
            peran=peran,
            opd_id=ids[kode],
            joined_at=store.now,
            **more,
        )

    async with store.unit() as uow:
        uow.session.add_all(
            [
                member(1, "dr. Ani", "kepala_opd", "DINKES", reachable=True),
                member(2, "Bambang", "kepala_opd", "DINKES", reachable=False),
                member(3, "Citra", "operator", "DINKES", reachable=False),
                member(4, "Dedi (lama)", "kepala_opd", "DINKES", active=False, reachable=False),
                member(5, "Eka", "operator", "DPUPR"),
            ]
        )
        uow.session.add(
            Group(
                chat_id=-100,
                title="Grup PUPR",
                jenis="opd",
                opd_id=ids["DPUPR"],
                registered_at=store.now,
            )
        )
        await uow.commit()
    async with store.unit() as uow:
        listed = await list_opds(uow)
    assert listed == [
        OpdDiDaftar("BPKD", "Badan Keuangan", 1, (), False, ()),
        OpdDiDaftar(
            "DINKES", "Dinas Kesehatan", 1, ("dr. Ani", "Bambang"), False, ("Bambang", "Citra")
        ),
        OpdDiDaftar("DPUPR", "Dinas PUPR", 2, (), True, ()),
    ]


# --- /grup -----------------------------------------------------------------------------------


def in_group(tujuan: str, chat_id: int = -500, judul: str = "Grup Koordinasi") -> DaftarGrup:
    return DaftarGrup(chat_id=chat_id, judul=judul, di_grup=True, tujuan=tujuan)


async def groups(store: Store) -> list[tuple[int, str, str, int | None]]:
    return sorted((g.chat_id, g.title, g.jenis, g.opd_id) for g in await store.rows(Group))


async def test_a_group_becomes_the_group_of_an_opd_replacing_its_old_one(store: Store) -> None:
    ids = await seed_opds(store, ("DINKES", "Dinas Kesehatan", 1))
    async with store.unit() as uow:
        await register_group(uow, ADMIN, in_group("DINKES", chat_id=-400, judul="Lama"))
        await uow.commit()
    async with store.unit() as uow:
        question = await register_group(uow, ADMIN, in_group("dinkes", judul="x" * 300))
        await uow.commit()
    # the OPD has a group elsewhere: the admin is asked first, nothing moves before the press
    assert isinstance(question, PerluKonfirmasi) and question.grup_lain is not None
    assert (question.grup_lain.chat_id, question.grup_ini) == (-400, None)
    assert await groups(store) == [(-400, "Lama", "opd", ids["DINKES"])]
    async with store.unit() as uow:
        result = await move_group(uow, ADMIN, PindahkanGrup(-500, "x" * 300, True, ids["DINKES"]))
        await uow.commit()
    assert result.opd is not None and result.opd.kode == "DINKES"
    assert (result.grup.jenis, result.grup.opd_id) == ("opd", ids["DINKES"])
    assert await groups(store) == [(-500, "x" * 255, "opd", ids["DINKES"])]
    audit = await store.rows(AuditLog)
    assert [(a.action, a.subject, a.details) for a in audit][-1] == (
        "grup",
        "chat:-500",
        {"jenis": "DINKES"},
    )


async def test_the_rakor_group_replaces_the_old_one_and_what_the_chat_was(store: Store) -> None:
    ids = await seed_opds(store, ("DINKES", "Dinas Kesehatan", 1))
    async with store.unit() as uow:
        await register_group(uow, ADMIN, in_group("rakor", chat_id=-400, judul="Rakor lama"))
        await register_group(uow, ADMIN, in_group("DINKES"))
        await uow.commit()
    async with store.unit() as uow:
        question = await register_group(uow, ADMIN, in_group(" RAKOR "))
        await uow.commit()
    assert isinstance(question, PerluKonfirmasi) and question.opd is None
    assert question.grup_lain is not None and question.grup_lain.chat_id == -400
    assert question.opd_ini is not None and question.opd_ini.kode == "DINKES"
    async with store.unit() as uow:
        result = await move_group(uow, ADMIN, PindahkanGrup(-500, "Grup Koordinasi", True, None))
        await uow.commit()
    assert result.opd is None and result.grup.jenis == "rakor"
    assert await groups(store) == [(-500, "Grup Koordinasi", "rakor", None)]
    assert ids  # the OPD itself stays


@pytest.mark.parametrize(
    ("request_", "pesan"),
    [
        (
            DaftarGrup(chat_id=1001, judul="Rina", di_grup=False, tujuan="DINKES"),
            Teks("grup.hanya_grup"),
        ),
        (in_group(""), Teks("grup.format")),
        (in_group("DINKES BPKD"), Teks("grup.format")),
        (in_group("<b>BPKD"), Teks("opd.tidak_ada", kode="&lt;b&gt;BPKD")),
    ],
)
async def test_a_refused_registration_leaves_the_groups_as_they_were(
    store: Store, request_: DaftarGrup, pesan: Teks
) -> None:
    ids = await seed_opds(store, ("DINKES", "Dinas Kesehatan", 1))
    async with store.unit() as uow:
        await register_group(uow, ADMIN, in_group("DINKES"))
        await uow.commit()
    async with store.unit() as uow:
        with pytest.raises(InputTidakValid) as refused:
            await register_group(uow, ADMIN, request_)
        await uow.commit()  # even committed, the refused update has written nothing
    assert refused.value.pesan == pesan
    assert await groups(store) == [(-500, "Grup Koordinasi", "opd", ids["DINKES"])]
    assert len(await store.rows(AuditLog)) == 1
