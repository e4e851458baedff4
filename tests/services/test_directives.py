"""Writing and publishing directives as use cases: `/arahan` lines and files into a draft and
its preview, the guided flow step by step, **Terbitkan** and **Batal**, and waiting for an
import file, called with a unit of work and the caller (no Telegram)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import pytest

from bot.domain.arahan_rows import ArahanBaru
from bot.domain.dates import TanggalTidakValid
from bot.domain.errors import Ditolak, DomainError, InputTidakValid
from bot.domain.tables import BarisSalah
from bot.env import Env
from bot.features.directives.drafts import (
    ArahanSalah,
    BarisArahan,
    ButirPratinjau,
    Pratinjau,
    TulisArahan,
    cancel_draft,
    import_draft,
    load_own_draft,
    write_draft,
)
from bot.features.directives.guided import (
    Panduan,
    Pertanyaan,
    PilihanPanduan,
    answer_guided,
    press_guided,
    start_guided,
)
from bot.features.directives.imports import await_file, read_arahan_file
from bot.features.directives.publishing import publish_draft
from bot.messaging.caller import Caller
from bot.texts import Teks, Texts
from storage.models import (
    Arahan,
    AuditLog,
    AwaitedInput,
    Draft,
    Group,
    Member,
    Opd,
    OutboxMessage,
    Penugasan,
    Rakor,
)
from storage.states import Awaited, DraftState
from tests.services.conftest import ADMIN, Store
from tests.services.conftest import env_of as shared_env

T = Texts("id")
TODAY = date(2026, 11, 23)  # the store's moment, Monday 08:00 WIB
DINKES_GROUP = -1001000000001
RAKOR_GROUP = -1001000000099
ADMIN_DM = Caller(
    telegram_id=ADMIN.telegram_id, nama="Rina", username=None, chat_id=1001, chat_type="private"
)
OTHER_ADMIN = Caller(
    telegram_id=1002, nama="Dedi", username=None, chat_id=1002, chat_type="private"
)
IN_GROUP = Caller(
    telegram_id=ADMIN.telegram_id,
    nama="Rina",
    username=None,
    chat_id=RAKOR_GROUP,
    chat_type="supergroup",
)


def env_of(store: Store) -> Env:
    """The wiring the services need: today's date and the texts a message is measured with."""
    return shared_env(store, T, ADMIN_IDS=[ADMIN.telegram_id])


@dataclass(frozen=True)
class Pemda:
    """The ids of the sample rows."""

    dinkes: int
    bappeda: int
    kecamatan: int
    rakor: int | None


async def seed(store: Store, *, rakor: bool = True, groups: bool = True) -> Pemda:
    """Three OPDs (DINKES with a head and an operator the bot could not reach, BAPPEDA with a
    head, a Kecamatan with nobody), DINKES's group and the Rakor group, and an open Rakor."""
    earlier = store.now - timedelta(days=30)
    async with store.unit() as uow:
        s = uow.session
        opds = [
            Opd(kode=k, nama=n, klaster=kl, created_at=earlier, updated_at=earlier)
            for k, n, kl in (
                ("DINKES", "Dinas Kesehatan", 2),
                ("BAPPEDA", "Badan Perencanaan Pembangunan Daerah", 1),
                ("KEC_LIMAKAUM", "Kecamatan Lima Kaum", 3),
            )
        ]
        s.add_all(opds)
        await s.flush()
        dinkes, bappeda, kecamatan = (o.id for o in opds)
        s.add_all(
            [
                Member(
                    telegram_id=2001,
                    nama="Budi",
                    peran="kepala_opd",
                    opd_id=dinkes,
                    joined_at=earlier,
                ),
                Member(
                    telegram_id=2002,
                    nama="Sari <op>",
                    peran="operator",
                    opd_id=dinkes,
                    reachable=False,
                    joined_at=earlier,
                ),
                Member(
                    telegram_id=2101,
                    nama="Hendra",
                    peran="kepala_opd",
                    opd_id=bappeda,
                    joined_at=earlier,
                ),
            ]
        )
        if groups:
            s.add_all(
                [
                    Group(
                        chat_id=DINKES_GROUP,
                        title="Grup Dinkes",
                        jenis="opd",
                        opd_id=dinkes,
                        registered_at=earlier,
                    ),
                    Group(
                        chat_id=RAKOR_GROUP,
                        title="Forum Rakor",
                        jenis="rakor",
                        registered_at=earlier,
                    ),
                ]
            )
        rakor_id = None
        if rakor:
            row = Rakor(
                judul="Rakor Evaluasi <IV>",
                tanggal=TODAY,
                created_by=ADMIN.telegram_id,
                created_at=earlier,
            )
            s.add(row)
            await s.flush()
            rakor_id = row.id
        await uow.commit()
    return Pemda(dinkes, bappeda, kecamatan, rakor_id)


def lines(*baris: tuple[int, ArahanBaru | list[Teks]]) -> TulisArahan:
    return TulisArahan(tuple(BarisArahan.dari(n, parsed) for n, parsed in baris))


def arahan(kode: str, tenggat: date, teks: str, prioritas: str = "sedang") -> ArahanBaru:
    return ArahanBaru(tuple(kode.split(",")), tenggat, teks, prioritas)


TWO = lines(
    (1, arahan("DINKES,BAPPEDA", date(2026, 12, 31), "Validasi data <balita>")),
    (3, arahan("KEC_LIMAKAUM", date(2026, 12, 7), "Siapkan posko", "tinggi")),
)


async def write(store: Store, request: TulisArahan = TWO, caller: Caller = ADMIN_DM) -> Pratinjau:
    async with store.unit() as uow:
        pratinjau = await write_draft(uow, env_of(store), caller, request)
        await uow.commit()
    return pratinjau


async def awaited(store: Store) -> list[tuple[int, int, str, int]]:
    return [(a.telegram_id, a.chat_id, a.kind, a.ref_id) for a in await store.rows(AwaitedInput)]


async def wait_for(store: Store, kind: Awaited, caller: Caller = ADMIN_DM) -> None:
    async with store.unit() as uow:
        await await_file(uow, caller, kind)
        await uow.commit()


# --- /arahan with lines, /arahan_impor -----------------------------------------------------


async def test_lines_become_a_draft_whose_preview_counts_who_will_receive_each(
    store: Store,
) -> None:
    pemda = await seed(store)
    pratinjau = await write(store)

    [draft] = await store.rows(Draft)
    assert (draft.owner_telegram_id, draft.chat_id, draft.rakor_id, draft.state, draft.step) == (
        ADMIN.telegram_id,
        ADMIN_DM.chat_id,
        pemda.rakor,
        DraftState.TERBUKA,
        "pratinjau",
    )
    assert draft.content == {
        "items": [
            {
                "opd": [pemda.dinkes, pemda.bappeda],
                "tenggat": "2026-12-31",
                "teks": "Validasi data <balita>",
                "prioritas": "sedang",
            },
            {
                "opd": [pemda.kecamatan],
                "tenggat": "2026-12-07",
                "teks": "Siapkan posko",
                "prioritas": "tinggi",
            },
        ]
    }
    assert pratinjau == Pratinjau(
        draft_id=draft.id,
        rakor="Rakor Evaluasi <IV>",
        butir=(
            # DINKES's two members and BAPPEDA's head; DINKES's group and the Rakor group
            ButirPratinjau(
                "Validasi data <balita>", ("DINKES", "BAPPEDA"), date(2026, 12, 31), "sedang", 3, 2
            ),
            # nobody in the Kecamatan yet; only the Rakor group
            ButirPratinjau("Siapkan posko", ("KEC_LIMAKAUM",), date(2026, 12, 7), "tinggi", 0, 1),
        ),
        tanpa_anggota=("KEC_LIMAKAUM",),
    )
    audit = await store.rows(AuditLog)
    assert [(a.action, a.subject, a.details) for a in audit] == [
        ("draf", f"draft:{draft.id}", {"jumlah": 2})
    ]
    # nothing is published or sent before Terbitkan
    assert await store.rows(Arahan) == []
    assert await store.rows(OutboxMessage) == []


async def test_every_bad_line_is_named_and_nothing_is_saved(store: Store) -> None:
    await seed(store)
    request = lines(
        (1, arahan("DINKES", date(2026, 12, 31), "Baik")),
        (2, arahan("XYZ,DINKES,ABC", date(2026, 12, 31), "Kode salah")),
        (4, [Teks("arahan.bagian_kurang")]),
    )
    async with store.unit() as uow:
        with pytest.raises(ArahanSalah) as refused:
            await write_draft(uow, env_of(store), ADMIN_DM, request)
    assert refused.value.salah == (
        BarisSalah(
            2,
            (Teks("arahan.kode_tidak_ada", kode="XYZ"), Teks("arahan.kode_tidak_ada", kode="ABC")),
        ),
        BarisSalah(4, (Teks("arahan.bagian_kurang"),)),
    )
    assert refused.value.text(T).split("\n")[:3] == [
        T("arahan.ada_salah"),
        "Baris 2: OPD XYZ tidak ada; OPD ABC tidak ada",
        "Baris 4: " + T("arahan.bagian_kurang"),
    ]
    assert refused.value.text(T).endswith("\n\n" + T("arahan.format"))
    assert await store.rows(Draft) == []
    assert await store.rows(AuditLog) == []


async def test_a_directive_too_long_for_one_telegram_message_is_refused(store: Store) -> None:
    await seed(store)
    earlier = store.now - timedelta(days=30)
    async with store.unit() as uow:
        uow.session.add_all(
            Opd(
                kode=f"OPD_{n}",
                nama="Dinas " + "x" * 190,
                klaster=1,
                created_at=earlier,
                updated_at=earlier,
            )
            for n in range(20)
        )
        await uow.commit()
    codes = ",".join(f"OPD_{n}" for n in range(20))
    async with store.unit() as uow:
        with pytest.raises(ArahanSalah) as refused:
            await write_draft(
                uow,
                env_of(store),
                ADMIN_DM,
                lines((1, arahan(codes, date(2026, 12, 31), "y" * 500))),
            )
    [bad] = refused.value.salah
    [reason] = bad.alasan
    assert isinstance(reason, Teks) and reason.key == "arahan.terlalu_panjang_pesan"
    assert reason.values["panjang"] > 4096
    assert await store.rows(Draft) == []


async def test_more_than_thirty_lines_are_refused_before_any_is_checked(store: Store) -> None:
    await seed(store)
    request = lines(*((n, arahan("NOPE", date(2026, 12, 31), "x")) for n in range(1, 32)))
    async with store.unit() as uow:
        with pytest.raises(InputTidakValid) as refused:
            await write_draft(uow, env_of(store), ADMIN_DM, request)
    assert refused.value.pesan == Teks("arahan.terlalu_banyak", maks=30)
    assert await store.rows(Draft) == []


async def test_without_an_open_rakor_no_draft_is_written(store: Store) -> None:
    await seed(store, rakor=False)
    async with store.unit() as uow:
        with pytest.raises(InputTidakValid) as refused:
            await write_draft(uow, env_of(store), ADMIN_DM, TWO)
    assert refused.value.pesan == Teks("rakor.belum_ada")
    assert await store.rows(Draft) == []


async def test_an_imported_table_becomes_a_draft_and_the_awaited_file_has_arrived(
    store: Store,
) -> None:
    pemda = await seed(store)
    await wait_for(store, Awaited.ARAHAN_IMPOR)
    table = b"opd;tenggat;arahan;prioritas\nBAPPEDA,DINKES;2 minggu;Rekap usulan;tinggi\n"
    request = read_arahan_file(table, "arahan.csv", TODAY)
    assert request == lines(
        (2, arahan("BAPPEDA,DINKES", date(2026, 12, 7), "Rekap usulan", "tinggi"))
    )
    async with store.unit() as uow:
        pratinjau = await import_draft(uow, env_of(store), ADMIN_DM, request)
        await uow.commit()
    assert [b.kode_opd for b in pratinjau.butir] == [("BAPPEDA", "DINKES")]
    [draft] = await store.rows(Draft)
    assert draft.content["items"][0]["opd"] == [pemda.bappeda, pemda.dinkes]
    assert await awaited(store) == []


async def test_waiting_for_an_import_file_happens_only_in_a_private_chat(store: Store) -> None:
    await wait_for(store, Awaited.OPD_IMPOR)
    await wait_for(store, Awaited.ARAHAN_IMPOR)
    # the later command replaces what was awaited before
    assert await awaited(store) == [(ADMIN.telegram_id, ADMIN_DM.chat_id, "arahan_impor", 0)]
    async with store.unit() as uow:
        with pytest.raises(InputTidakValid) as refused:
            await await_file(uow, IN_GROUP, Awaited.ARAHAN_IMPOR)
    assert refused.value.pesan == Teks("hanya_pribadi")
    assert await awaited(store) == [(ADMIN.telegram_id, ADMIN_DM.chat_id, "arahan_impor", 0)]


# --- Terbitkan, Batal ----------------------------------------------------------------------


async def test_publishing_numbers_assigns_and_names_everyone_each_directive_goes_to(
    store: Store,
) -> None:
    pemda = await seed(store)
    pratinjau = await write(store)
    async with store.unit() as uow:
        terbit = await publish_draft(uow, env_of(store), ADMIN_DM, pratinjau.draft_id)
        await uow.commit()

    rows = await store.rows(Arahan)
    assert [(a.nomor, a.teks, a.tenggat, a.prioritas, a.status, a.rakor_id) for a in rows] == [
        (1, "Validasi data <balita>", date(2026, 12, 31), "sedang", "terbit", pemda.rakor),
        (2, "Siapkan posko", date(2026, 12, 7), "tinggi", "terbit", pemda.rakor),
    ]
    tugas = await store.rows(Penugasan)
    assert [(t.arahan_id, t.opd_id, t.urutan, t.kedudukan, t.status) for t in tugas] == [
        (rows[0].id, pemda.dinkes, 0, "penanggung_jawab", "baru"),
        (rows[0].id, pemda.bappeda, 1, "pendukung", "baru"),
        (rows[1].id, pemda.kecamatan, 0, "penanggung_jawab", "baru"),
    ]
    dinkes_tugas, bappeda_tugas = tugas[0].id, tugas[1].id

    assert terbit.nomor == [1, 2]
    first, second = terbit.arahan
    assert [o.kode for o in first.opds] == ["DINKES", "BAPPEDA"]
    # each member privately, with their own OPD's penugasan
    assert [(r.chat_id, r.penugasan_id) for r in first.khalayak.members] == [
        (2001, dinkes_tugas),
        (2002, dinkes_tugas),
        (2101, bappeda_tugas),
    ]
    assert [(g.chat_id, g.penugasan_id) for g in first.khalayak.groups] == [
        (DINKES_GROUP, dinkes_tugas)
    ]
    assert first.khalayak.rakor is not None and first.khalayak.rakor.chat_id == RAKOR_GROUP
    assert [m.nama for m in first.kepala] == ["Budi", "Hendra"]
    assert (second.khalayak.members, second.khalayak.groups, second.kepala) == ([], [], ())
    assert second.khalayak.rakor is not None
    # 3 private messages; DINKES's group and the Rakor group twice
    assert (terbit.pribadi, terbit.grup) == (3, 3)
    assert [m.nama for m in terbit.belum_terhubung] == ["Sari <op>"]

    [draft] = await store.rows(Draft)
    assert (draft.state, draft.step) == (DraftState.TERBIT, None)
    audit = [(a.action, a.details) for a in await store.rows(AuditLog)]
    assert audit[-1] == ("terbit", {"nomor": [1, 2]})
    # the handler renders and queues the messages; the service writes none
    assert await store.rows(OutboxMessage) == []


async def test_numbers_continue_after_the_last_published_directive(store: Store) -> None:
    await seed(store)
    for _ in range(2):
        pratinjau = await write(store)
        async with store.unit() as uow:
            terbit = await publish_draft(uow, env_of(store), ADMIN_DM, pratinjau.draft_id)
            await uow.commit()
    assert terbit.nomor == [3, 4]


async def test_a_draft_whose_deadline_has_passed_is_refused_whole(store: Store) -> None:
    await seed(store)
    pratinjau = await write(store)
    store.now += timedelta(days=20)  # past the second directive's 7 December
    async with store.unit() as uow:
        with pytest.raises(InputTidakValid) as refused:
            await publish_draft(uow, env_of(store), ADMIN_DM, pratinjau.draft_id)
    assert refused.value.pesan == Teks("draf.tenggat_lewat", urut="2")
    assert await store.rows(Arahan) == []
    assert [d.state for d in await store.rows(Draft)] == [DraftState.TERBUKA]


async def test_a_draft_whose_opds_are_all_gone_cannot_be_published(store: Store) -> None:
    await seed(store)
    pratinjau = await write(store, lines((1, arahan("DINKES", date(2026, 12, 31), "x"))))
    async with store.unit() as uow:
        draft = await uow.session.get(Draft, pratinjau.draft_id)
        assert draft is not None
        draft.content = {"items": [{**draft.content["items"][0], "opd": [9999]}]}
        await uow.commit()
    async with store.unit() as uow:
        with pytest.raises(InputTidakValid) as refused:
            await publish_draft(uow, env_of(store), ADMIN_DM, pratinjau.draft_id)
    assert refused.value.pesan == Teks("draf.kosong")
    assert await store.rows(Arahan) == [] and await store.rows(Penugasan) == []


async def test_batal_drops_the_draft_and_stops_waiting_for_input(store: Store) -> None:
    await seed(store)
    pratinjau = await write(store)
    await wait_for(store, Awaited.ARAHAN_IMPOR)
    async with store.unit() as uow:
        draft = await cancel_draft(uow, ADMIN_DM, pratinjau.draft_id)
        await uow.commit()
    assert draft.id == pratinjau.draft_id
    assert [d.state for d in await store.rows(Draft)] == [DraftState.BATAL]
    assert await awaited(store) == []
    assert [(a.action, a.subject) for a in await store.rows(AuditLog)][-1] == (
        "draf_batal",
        f"draft:{draft.id}",
    )
    assert await store.rows(Arahan) == []


@pytest.mark.parametrize(
    ("who", "state", "error", "teks"),
    [
        (OTHER_ADMIN, None, Ditolak, Teks("draf.bukan_milik")),
        (ADMIN_DM, DraftState.TERBIT, InputTidakValid, Teks("draf.sudah_terbit")),
        (ADMIN_DM, DraftState.BATAL, InputTidakValid, Teks("draf.sudah_batal")),
    ],
)
async def test_only_the_writer_may_publish_or_cancel_an_open_draft(
    store: Store, who: Caller, state: DraftState | None, error: type[DomainError], teks: Teks
) -> None:
    await seed(store)
    pratinjau = await write(store)
    if state is not None:
        async with store.unit() as uow:
            draft = await uow.session.get(Draft, pratinjau.draft_id)
            assert draft is not None
            draft.state = state
            await uow.commit()
    async with store.unit() as uow:
        with pytest.raises(error) as refused:
            await publish_draft(uow, env_of(store), who, pratinjau.draft_id)
    assert refused.value.pesan == teks
    async with store.unit() as uow:
        with pytest.raises(error) as refused:
            await cancel_draft(uow, who, pratinjau.draft_id)
    assert refused.value.pesan == teks
    assert [d.state for d in await store.rows(Draft)] == [state or DraftState.TERBUKA]
    assert await store.rows(Arahan) == []


async def test_an_unknown_draft_is_a_stale_button(store: Store) -> None:
    async with store.unit() as uow:
        with pytest.raises(Ditolak) as refused:
            await load_own_draft(uow, ADMIN_DM, 404)
    assert refused.value.pesan == Teks("tombol.tidak_sah")


# --- the guided /arahan --------------------------------------------------------------------


async def press(store: Store, draft_id: int, langkah: str, nilai: int = 0) -> Panduan:
    async with store.unit() as uow:
        panduan = await press_guided(
            uow, env_of(store), ADMIN_DM, PilihanPanduan(draft_id, langkah, nilai)
        )
        await uow.commit()
    return panduan


async def typed(store: Store, text: str) -> Panduan | None:
    async with store.unit() as uow:
        panduan = await answer_guided(uow, env_of(store), ADMIN_DM, text)
        await uow.commit()
    return panduan


async def test_the_guided_flow_builds_one_directive_step_by_step(store: Store) -> None:
    pemda = await seed(store)
    async with store.unit() as uow:
        pemilih = await start_guided(uow, ADMIN_DM)
        await uow.commit()
    # by cluster, then code
    assert [o.kode for o in pemilih.tampil] == ["BAPPEDA", "DINKES", "KEC_LIMAKAUM"]
    assert (pemilih.terpilih, pemilih.halaman, pemilih.jumlah_halaman) == ((), 0, 1)
    draft_id = pemilih.draft_id

    assert (await press(store, draft_id, "n")).jawaban == Teks("panduan.pilih_dulu")
    await press(store, draft_id, "o", pemda.kecamatan)
    await press(store, draft_id, "o", pemda.dinkes)
    picked = await press(store, draft_id, "o", pemda.kecamatan)  # pressed again: unpicked
    assert picked.pemilih is not None
    assert [o.kode for o in picked.pemilih.terpilih] == ["DINKES"]
    await press(store, draft_id, "o", pemda.bappeda)

    moved = await press(store, draft_id, "n")
    assert moved.pertanyaan is Pertanyaan.TENGGAT and moved.pemilih is not None
    assert [o.kode for o in moved.pemilih.terpilih] == ["DINKES", "BAPPEDA"]
    assert await awaited(store) == [
        (ADMIN.telegram_id, ADMIN_DM.chat_id, Awaited.PANDUAN_TENGGAT, draft_id)
    ]
    assert (await press(store, draft_id, "t", 14)).pertanyaan is Pertanyaan.TEKS
    assert await awaited(store) == [
        (ADMIN.telegram_id, ADMIN_DM.chat_id, Awaited.PANDUAN_TEKS, draft_id)
    ]
    asked = await typed(store, "  Laporkan   kesiapan posko ")
    assert asked == Panduan(draft_id, pertanyaan=Pertanyaan.PRIORITAS)
    # the priority may be typed too: anything else is answered with what the step expects
    assert await awaited(store) == [
        (ADMIN.telegram_id, ADMIN_DM.chat_id, Awaited.PANDUAN_PRIORITAS, draft_id)
    ]

    done = await press(store, draft_id, "p", 0)
    assert done.pratinjau is not None
    assert done.pratinjau.butir == (
        ButirPratinjau(
            "Laporkan kesiapan posko", ("DINKES", "BAPPEDA"), date(2026, 12, 7), "tinggi", 3, 2
        ),
    )
    [draft] = await store.rows(Draft)
    assert draft.step == "pratinjau"
    assert draft.content["items"] == [
        {
            "opd": [pemda.dinkes, pemda.bappeda],
            "tenggat": "2026-12-07",
            "teks": "Laporkan kesiapan posko",
            "prioritas": "tinggi",
        }
    ]
    assert await store.rows(Arahan) == []


async def test_a_press_that_does_not_fit_the_step_changes_nothing(store: Store) -> None:
    pemda = await seed(store)
    async with store.unit() as uow:
        draft_id = (await start_guided(uow, ADMIN_DM)).draft_id
        await uow.commit()
    for langkah, nilai in (("t", 7), ("p", 0), ("o", 9999), ("z", 1)):
        assert await press(store, draft_id, langkah, nilai) == Panduan(
            draft_id, jawaban=Teks("tombol.tidak_sah")
        )
    await press(store, draft_id, "o", pemda.dinkes)
    await press(store, draft_id, "n")
    # a quick deadline that was never offered
    assert (await press(store, draft_id, "t", 8)).jawaban == Teks("tombol.tidak_sah")
    [draft] = await store.rows(Draft)
    assert (draft.step, draft.content) == (
        "tenggat",
        {"items": [], "pick": [pemda.dinkes], "page": 0},
    )


async def test_typed_deadlines_and_texts_are_checked(store: Store) -> None:
    pemda = await seed(store)
    assert await typed(store, "31/12/2026") is None  # nothing awaited: the text is for others
    async with store.unit() as uow:
        draft_id = (await start_guided(uow, ADMIN_DM)).draft_id
        await uow.commit()
    await press(store, draft_id, "o", pemda.dinkes)
    await press(store, draft_id, "n")
    with pytest.raises(InputTidakValid) as refused:
        await typed(store, "kapan saja")
    # what the step expects, then why the date cannot be read
    assert refused.value.pesan == Teks(
        "panduan.salah_tenggat", galat=TanggalTidakValid("kapan saja").pesan
    )
    with pytest.raises(InputTidakValid) as refused:
        await typed(store, "01/01/2020")
    assert refused.value.pesan == Teks("panduan.tenggat_lewat", tanggal="Rabu, 1 Januari 2020")
    assert await typed(store, "31/12/2026") == Panduan(draft_id, pertanyaan=Pertanyaan.TEKS)
    for text in ("   ", "x" * 2001):
        with pytest.raises(InputTidakValid) as refused:
            await typed(store, text)
        assert refused.value.pesan == Teks("panduan.salah_teks", maks=2000)
    [draft] = await store.rows(Draft)
    assert (draft.step, draft.content.get("tenggat"), "teks" in draft.content) == (
        "teks",
        "2026-12-31",
        False,
    )


@pytest.mark.parametrize(
    ("caller", "rakor", "opds", "teks"),
    [
        (IN_GROUP, True, True, Teks("hanya_pribadi")),
        (ADMIN_DM, False, True, Teks("rakor.belum_ada")),
        (ADMIN_DM, True, False, Teks("opd.kosong")),
    ],
)
async def test_the_guided_flow_needs_a_private_chat_a_rakor_and_opds(
    store: Store, caller: Caller, rakor: bool, opds: bool, teks: Teks
) -> None:
    if opds:
        await seed(store, rakor=rakor)
    else:
        async with store.unit() as uow:
            uow.session.add(
                Rakor(judul="Rakor", tanggal=TODAY, created_by=1001, created_at=store.now)
            )
            await uow.commit()
    async with store.unit() as uow:
        with pytest.raises(InputTidakValid) as refused:
            await start_guided(uow, caller)
    assert refused.value.pesan == teks
    assert await store.rows(Draft) == []
