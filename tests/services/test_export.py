"""`/ekspor` as a use case: the workbook of a known Pemda opened with openpyxl, its sheets,
headers, values and their types; the filters; who may export what (no Telegram)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from io import BytesIO
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from bot.domain.errors import Ditolak, InputTidakValid
from bot.domain.lifecycle import Status
from bot.domain.roles import Peran
from bot.env import Env
from bot.features.digest import service as digest
from bot.features.export import service, workbook
from bot.features.export.service import MintaEkspor
from bot.features.people.access import Actor
from bot.texts import Texts
from storage.models import Arahan, Bukti, Laporan, Member, Opd, Penugasan, Rakor
from storage.states import ArahanState
from tests.services.conftest import ADMIN, Store, asisten, env_of

WIB = ZoneInfo("Asia/Jakarta")
SHEETS = ["Arahan", "Penugasan", "Riwayat laporan", "Ringkasan OPD", "Ringkasan klaster"]
KEPALA_DAERAH = Actor(None, 3600, "Bupati", Peran.KEPALA_DAERAH, None, None)
INJECTION = '=HYPERLINK("http://contoh.test","klik")'
MERAH, KUNING, HIJAU = "FFF4C7C3", "FFFCE8B2", "FFB7E1CD"


def wib(month: int, day: int, hour: int = 8, minute: int = 0) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=WIB).astimezone(UTC)


@dataclass(frozen=True)
class Ids:
    rakor_okt: int
    rakor_nov: int


async def seed(store: Store) -> Ids:
    """Today is Monday 23 November 2026, 08:00 WIB.

    - Rakor Oktober: No. 1 (published 31 Oct, due 20 Nov): DINKES leads, in progress 40 %,
      three days late; BAPPEDA supports, verified.
    - Rakor November: No. 2 (published 21 Nov, due 31 Dec): DISDIK leads, terkendala since
      yesterday; DINKES supports, new. No. 3 (tinggi, its text a formula): BAPPEDA selesai,
      waiting for verification; one of its reports was taken back.
    - A draft and a cancelled directive, and RSUD (cluster 1) without any work.
    """
    now = store.now
    async with store.unit() as uow:
        s = uow.session
        opds = {
            kode: Opd(kode=kode, nama=nama, klaster=k, created_at=now, updated_at=now)
            for kode, nama, k in (
                ("DINKES", "Dinas Kesehatan", 1),
                ("DISDIK", "Dinas Pendidikan", 1),
                ("RSUD", "RSUD Umum", 1),
                ("BAPPEDA", "Bappeda", 2),
            )
        }
        s.add_all(opds.values())
        rakor = [
            Rakor(judul=judul, tanggal=tanggal, created_by=1001, created_at=now)
            for judul, tanggal in (
                ("Rakor Oktober", date(2026, 10, 30)),
                ("Rakor November", date(2026, 11, 20)),
            )
        ]
        s.add_all(rakor)
        await s.flush()
        budi = Member(
            telegram_id=2001,
            nama="Budi",
            peran=Peran.KEPALA_OPD,
            opd_id=opds["DINKES"].id,
            joined_at=now,
        )
        s.add(budi)
        arahan = {}
        for nomor, rk, teks, tenggat, prioritas, terbit, state in (
            (
                1,
                rakor[0],
                "Validasi data stunting",
                date(2026, 11, 20),
                "sedang",
                wib(10, 31, 10),
                ArahanState.TERBIT,
            ),
            (
                2,
                rakor[1],
                "Percepat dana BOS",
                date(2026, 12, 31),
                "sedang",
                wib(11, 21, 9),
                ArahanState.TERBIT,
            ),
            (
                3,
                rakor[1],
                INJECTION,
                date(2026, 12, 15),
                "tinggi",
                wib(11, 21, 9),
                ArahanState.TERBIT,
            ),
            (None, rakor[1], "Draf", date(2026, 12, 1), "sedang", None, ArahanState.DRAF),
            (
                5,
                rakor[1],
                "Dibatalkan",
                date(2026, 11, 1),
                "sedang",
                wib(11, 1),
                ArahanState.DIBATALKAN,
            ),
        ):
            arahan[nomor or 4] = Arahan(
                nomor=nomor,
                rakor_id=rk.id,
                teks=teks,
                tenggat=tenggat,
                prioritas=prioritas,
                status=state,
                created_by=1001,
                created_at=now - timedelta(days=40),
                published_at=terbit,
            )
        s.add_all(arahan.values())
        await s.flush()

        def tugas(nomor: int, kode: str, lead: bool, status: Status, **more: Any) -> Penugasan:
            return Penugasan(
                arahan_id=arahan[nomor].id,
                opd_id=opds[kode].id,
                kedudukan="penanggung_jawab" if lead else "pendukung",
                urutan=0 if lead else 1,
                status=status,
                updated_at=now,
                **more,
            )

        t1d = tugas(
            1,
            "DINKES",
            True,
            Status.DALAM_PROSES,
            progress=40,
            last_report_at=wib(11, 10, 14, 15),
            last_note="Pendataan 40% selesai",
        )
        t1b = tugas(
            1, "BAPPEDA", False, Status.TERVERIFIKASI, progress=100, last_report_at=wib(11, 12)
        )
        t2s = tugas(
            2,
            "DISDIK",
            True,
            Status.TERKENDALA,
            kendala_since=wib(11, 22, 10),
            last_report_at=wib(11, 22, 10),
            last_note="Anggaran belum cair",
        )
        t2d = tugas(2, "DINKES", False, Status.BARU)
        t3b = tugas(
            3, "BAPPEDA", True, Status.SELESAI, progress=100, last_report_at=wib(11, 22, 16)
        )
        t4 = tugas(4, "RSUD", True, Status.BARU)
        t5 = tugas(5, "RSUD", True, Status.TERKENDALA, kendala_since=wib(11, 1))
        s.add_all([t1d, t1b, t2s, t2d, t3b, t4, t5])
        await s.flush()

        def lapor(t: Penugasan, at: datetime, dari: Status, ke: Status, **more: Any) -> Laporan:
            return Laporan(
                penugasan_id=t.id,
                status_from=dari,
                status_to=ke,
                source=more.pop("source", "balasan"),
                created_at=at,
                **more,
            )

        with_photo = lapor(
            t1d,
            wib(11, 10, 14, 15),
            Status.DITERIMA,
            Status.DALAM_PROSES,
            progress_from=0,
            progress=40,
            catatan="Pendataan 40% selesai",
            member_id=budi.id,
        )
        s.add_all(
            [
                lapor(
                    t1d,
                    wib(11, 2, 9, 30),
                    Status.BARU,
                    Status.DITERIMA,
                    source="tombol",
                    member_id=budi.id,
                ),
                with_photo,
                lapor(t1b, wib(11, 11), Status.BARU, Status.SELESAI, progress=100),
                lapor(t1b, wib(11, 12), Status.SELESAI, Status.TERVERIFIKASI, source="verifikasi"),
                lapor(
                    t2s,
                    wib(11, 22, 10),
                    Status.BARU,
                    Status.TERKENDALA,
                    kendala="Anggaran belum cair",
                ),
                lapor(
                    t3b,
                    wib(11, 22, 15),
                    Status.BARU,
                    Status.DALAM_PROSES,
                    progress=10,
                    withdrawn_at=wib(11, 22, 15, 5),
                ),
                lapor(t3b, wib(11, 22, 16), Status.BARU, Status.SELESAI, progress=100),
                lapor(t5, wib(11, 2), Status.BARU, Status.TERKENDALA, kendala="batal"),
            ]
        )
        await s.flush()
        s.add_all(
            Bukti(laporan_id=with_photo.id, file_id=f"f{i}", file_unique_id=f"u{i}", jenis="foto")
            for i in range(2)
        )
        await uow.commit()
    return Ids(rakor[0].id, rakor[1].id)


async def export(
    store: Store, actor: Actor = ADMIN, minta: MintaEkspor | None = None, env: Env | None = None
) -> tuple[dict[str, Worksheet], workbook.Buku]:
    env = env or env_of(store)
    async with store.unit() as uow:
        ekspor = await service.prepare(uow, env, actor, minta or MintaEkspor())
        buku = await workbook.write(env, ekspor)
    wb = load_workbook(BytesIO(buku.isi), read_only=False)
    return {ws.title: ws for ws in wb.worksheets}, buku


def values(ws: Worksheet) -> list[list[Any]]:
    return [list(row) for row in ws.iter_rows(min_row=2, values_only=True)]


def header(ws: Worksheet) -> list[Any]:
    return [c.value for c in ws[1]]


def fill(ws: Worksheet, ref: str) -> str:
    return str(ws[ref].fill.fgColor.rgb)


async def test_the_workbook_of_every_directive(store: Store) -> None:
    ids = await seed(store)
    sheets, buku = await export(store)
    assert list(sheets) == SHEETS
    arahan, penugasan, laporan, opd, klaster = sheets.values()

    assert header(arahan) == [
        "Nomor",
        "Rakor",
        "Teks arahan",
        "Prioritas",
        "Tenggat",
        "Status",
        "OPD penanggung jawab",
        "OPD pendukung",
        "Terbit",
    ]
    assert values(arahan) == [
        [
            1,
            "Rakor Oktober",
            "Validasi data stunting",
            "sedang",
            datetime(2026, 11, 20),
            "dalam proses",
            "DINKES",
            "BAPPEDA",
            datetime(2026, 10, 31, 10, 0),
        ],
        [
            2,
            "Rakor November",
            "Percepat dana BOS",
            "sedang",
            datetime(2026, 12, 31),
            "terkendala",
            "DISDIK",
            "DINKES",
            datetime(2026, 11, 21, 9, 0),
        ],
        [
            3,
            "Rakor November",
            INJECTION,
            "tinggi",
            datetime(2026, 12, 15),
            "selesai (menunggu verifikasi)",
            "BAPPEDA",
            None,
            datetime(2026, 11, 21, 9, 0),
        ],
    ]
    # a text that looks like a formula stays text; dates are dates with a date format
    assert arahan["C4"].data_type == "s"
    assert arahan["E2"].is_date and arahan["E2"].number_format == "dd/mm/yyyy"
    assert arahan["I2"].number_format == "dd/mm/yyyy hh:mm"
    assert [fill(arahan, f"F{r}") for r in (2, 3, 4)] == [MERAH, MERAH, KUNING]

    assert header(penugasan)[:6] == [
        "Nomor arahan",
        "OPD",
        "Klaster",
        "Peran",
        "Status",
        "Progres (%)",
    ]
    assert values(penugasan) == [
        [
            1,
            "DINKES",
            1,
            "penanggung jawab",
            "dalam proses",
            40,
            datetime(2026, 11, 20),
            3,
            datetime(2026, 11, 10, 14, 15),
            "Pendataan 40% selesai",
            None,
            2,
        ],
        [
            1,
            "BAPPEDA",
            2,
            "pendukung",
            "terverifikasi",
            100,
            datetime(2026, 11, 20),
            0,
            datetime(2026, 11, 12, 8, 0),
            None,
            None,
            0,
        ],
        [
            2,
            "DISDIK",
            1,
            "penanggung jawab",
            "terkendala",
            0,
            datetime(2026, 12, 31),
            0,
            datetime(2026, 11, 22, 10, 0),
            "Anggaran belum cair",
            "Anggaran belum cair",
            0,
        ],
        [2, "DINKES", 1, "pendukung", "baru", 0, datetime(2026, 12, 31), 0, None, None, None, 0],
        [
            3,
            "BAPPEDA",
            2,
            "penanggung jawab",
            "selesai (menunggu verifikasi)",
            100,
            datetime(2026, 12, 15),
            0,
            datetime(2026, 11, 22, 16, 0),
            None,
            None,
            0,
        ],
    ]
    assert [fill(penugasan, f"E{r}") for r in range(2, 7)] == [MERAH, HIJAU, MERAH, KUNING, KUNING]
    assert isinstance(penugasan["F2"].value, int) and penugasan["I2"].is_date

    assert header(laporan) == [
        "Waktu",
        "Nomor arahan",
        "OPD",
        "Pelapor",
        "Status dari",
        "Status ke",
        "Progres (%)",
        "Catatan",
        "Kendala",
        "Sumber",
    ]
    rows = values(laporan)
    assert len(rows) == 7  # the cancelled directive's report is not in the export
    assert rows[0] == [
        datetime(2026, 11, 2, 9, 30),
        1,
        "DINKES",
        "Budi",
        "baru",
        "diterima",
        None,
        None,
        None,
        "tombol",
    ]
    assert rows[1][6:8] == [40, "Pendataan 40% selesai"]
    assert rows[5][0] == datetime(2026, 11, 22, 15, 0)
    assert rows[5][9] == "balasan · ditarik kembali"
    assert laporan["A2"].number_format == "dd/mm/yyyy hh:mm"

    assert header(opd)[-2:] == ["Laporan terakhir", "Penilaian"]
    assert values(opd) == [
        ["DINKES", "Dinas Kesehatan", 1, 2, 1, 0, 0, 0, datetime(2026, 11, 10, 14, 15), "merah"],
        ["DISDIK", "Dinas Pendidikan", 1, 1, 0, 1, 0, 0, datetime(2026, 11, 22, 10, 0), "kuning"],
        ["RSUD", "RSUD Umum", 1, 0, 0, 0, 0, 0, None, "hijau"],
        ["BAPPEDA", "Bappeda", 2, 0, 0, 0, 1, 1, datetime(2026, 11, 22, 16, 0), "hijau"],
    ]
    assert [fill(opd, f"J{r}") for r in range(2, 6)] == [MERAH, KUNING, HIJAU, HIJAU]
    assert values(klaster) == [
        ["Asisten I", 3, 3, 1, 1, 0, 0, 1, 1, 1],
        ["Asisten II", 1, 0, 0, 0, 1, 1, 0, 0, 1],
    ]
    for ws in sheets.values():
        assert ws.freeze_panes == "A2"
        assert ws.auto_filter.ref == f"A1:{ws.cell(1, ws.max_column).column_letter}{ws.max_row}"
        assert ws.column_dimensions["A"].width > 5
        assert ws["A1"].font.b
    assert (buku.arahan, buku.penugasan, buku.laporan, buku.opd) == (3, 5, 7, 4)
    assert ids.rakor_okt != ids.rakor_nov


async def test_the_summary_agrees_with_the_digest(store: Store) -> None:
    await seed(store)
    sheets, _ = await export(store)
    async with store.unit() as uow:
        ringkasan = await digest.build(uow, env_of(store), None)
    expected = [
        [
            b.angka.kode,
            b.angka.terbuka,
            b.angka.terlambat,
            b.angka.terkendala,
            b.angka.menunggu,
            b.angka.terverifikasi,
            b.warna.value,
        ]
        for b in ringkasan.opd
    ]
    got = [[r[0], *r[3:8], r[9]] for r in values(sheets["Ringkasan OPD"])]
    assert got == expected


@pytest.mark.parametrize(
    ("minta", "nomor", "opd"),
    [
        (MintaEkspor(klaster=2), [1, 3], {"BAPPEDA"}),
        (MintaEkspor(opd="DISDIK"), [2], {"DISDIK"}),
        (MintaEkspor(dari=date(2026, 11, 1), sampai=date(2026, 11, 30)), [2, 3], None),
        (MintaEkspor(sampai=date(2026, 10, 31)), [1], None),
        (MintaEkspor(dari=date(2026, 11, 22)), [], None),
        (MintaEkspor(klaster=1, dari=date(2026, 11, 21)), [2], {"DINKES", "DISDIK", "RSUD"}),
    ],
)
async def test_filters_narrow_every_sheet(
    store: Store, minta: MintaEkspor, nomor: list[int], opd: set[str] | None
) -> None:
    await seed(store)
    sheets, _ = await export(store, minta=minta)
    assert [r[0] for r in values(sheets["Arahan"])] == nomor
    assert {r[0] for r in values(sheets["Penugasan"])} == set(nomor)
    assert {r[1] for r in values(sheets["Riwayat laporan"])} <= set(nomor)
    if opd is not None:
        assert {r[1] for r in values(sheets["Penugasan"])} <= opd
        assert {r[2] for r in values(sheets["Riwayat laporan"])} <= opd
        assert {r[0] for r in values(sheets["Ringkasan OPD"])} == opd


async def test_a_rakor_by_its_number(store: Store) -> None:
    ids = await seed(store)
    sheets, buku = await export(store, KEPALA_DAERAH, MintaEkspor(rakor=ids.rakor_nov))
    assert [r[0] for r in values(sheets["Arahan"])] == [2, 3]
    assert (buku.arahan, buku.penugasan, buku.laporan) == (2, 3, 3)
    with pytest.raises(InputTidakValid):
        await export(store, minta=MintaEkspor(rakor=99))


async def test_an_asisten_gets_only_their_cluster(store: Store) -> None:
    await seed(store)
    sheets, _ = await export(store, asisten(2))
    assert {r[1] for r in values(sheets["Penugasan"])} == {"BAPPEDA"}
    assert [r[0] for r in values(sheets["Ringkasan klaster"])] == ["Asisten II"]
    same, _ = await export(store, asisten(2), MintaEkspor(klaster=2))
    assert values(same["Penugasan"]) == values(sheets["Penugasan"])
    for minta in (MintaEkspor(klaster=1), MintaEkspor(opd="DINKES")):
        with pytest.raises(Ditolak):
            await export(store, asisten(2), minta)
    env = env_of(store)
    async with store.unit() as uow:
        with pytest.raises(Ditolak):
            await service.for_scope(uow, env, asisten(2), "k", 1)
        with pytest.raises(Ditolak):
            await service.for_scope(uow, env, asisten(2), "k", 0)
        own = await service.for_scope(uow, env, asisten(2), "k", 2)
        assert own.saringan.klaster == 2
        everything = await service.for_scope(uow, env, ADMIN, "k", 0)
        assert everything.saringan == service.Saringan()


async def test_unknown_opd_and_cluster_are_refused(store: Store) -> None:
    await seed(store)
    for minta in (MintaEkspor(opd="NOPE"), MintaEkspor(klaster=7)):
        with pytest.raises(InputTidakValid):
            await export(store, minta=minta)


async def test_english_headers(store: Store) -> None:
    await seed(store)
    env = env_of(store, Texts("en"), LANGUAGE="en")
    sheets, _ = await export(store, env=env)
    assert list(sheets) == [
        "Directives",
        "Assignments",
        "Report history",
        "OPD summary",
        "Cluster summary",
    ]
    assert header(sheets["Assignments"])[:3] == ["Directive number", "OPD", "Cluster"]
    assert values(sheets["OPD summary"])[0][-1] == "red"
