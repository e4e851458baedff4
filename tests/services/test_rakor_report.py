"""The Rakor follow-up report (`/laporan_rakor`, issue 13 point 3): the data gathered for a known
scenario of two Rakor, the workbook opened with openpyxl, the PDF's text read with pypdf."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from io import BytesIO
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from bot.domain.errors import InputTidakValid
from bot.domain.rating import Warna
from bot.domain.tanda import Tanda
from bot.env import Env
from bot.features.rakor_report import pdf, service, views, xlsx
from bot.features.rakor_report.service import LaporanRakor, MintaLaporan, TidakAda
from bot.texts import Texts
from storage.models import Arahan, Bukti, Laporan, Opd, Penugasan, Rakor
from storage.states import ArahanState
from tests.services.conftest import ADMIN, Store, env_of

# the store's moment: Monday 23 November 2026, 08:00 WIB (01:00 UTC)
RAKOR_1 = date(2026, 10, 19)
RAKOR_2 = date(2026, 11, 16)


@dataclass(frozen=True)
class Seeded:
    rakor: dict[int, int]
    """Rakor ids by their order (1: earlier, 2: latest)."""
    tugas: dict[tuple[int, str], int]
    """Penugasan ids by (directive number, OPD code)."""


async def seed(store: Store, *, banyak: int = 0) -> Seeded:
    """Two Rakor. The earlier one (19 Oct): No. 1 late at DINKES and verified at BAPPEDA, No. 2
    blocked at DISDIK by the same kendala three times, No. 3 verified, No. 4 cancelled. The
    latest (16 Nov): No. 5 at DINKES (60%, evidence) and BAPPEDA (never reported), No. 6 late
    at BAPPEDA. ``banyak`` more directives of the latest Rakor with long texts (for paging)."""
    now = store.now
    tugas: dict[tuple[int, str], int] = {}
    async with store.unit() as uow:
        s = uow.session
        opd = {
            kode: Opd(kode=kode, nama=nama, klaster=k, created_at=now, updated_at=now)
            for kode, nama, k in (
                ("DINKES", "Dinas Kesehatan", 1),
                ("BAPPEDA", "Badan Perencanaan Pembangunan Daerah", 2),
                ("DISDIK", "Dinas Pendidikan", 1),
            )
        }
        s.add_all(opd.values())
        first = Rakor(
            judul="Rakor Pimpinan Oktober",
            tanggal=RAKOR_1,
            created_by=ADMIN.telegram_id,
            created_at=now - timedelta(days=35),
        )
        second = Rakor(
            judul="Rakor Evaluasi Kinerja OPD – Triwulan IV",
            tanggal=RAKOR_2,
            created_by=ADMIN.telegram_id,
            created_at=now - timedelta(days=7),
        )
        s.add_all([first, second])
        await s.flush()

        async def directive(
            nomor: int,
            rakor: Rakor,
            teks: str,
            tenggat: date,
            parts: list[tuple[str, str, int, dict[str, Any]]],
            *,
            status: ArahanState = ArahanState.TERBIT,
            prioritas: str = "sedang",
        ) -> None:
            published = now - timedelta(days=(now.date() - rakor.tanggal).days - 1)
            arahan = Arahan(
                nomor=nomor,
                rakor_id=rakor.id,
                teks=teks,
                tenggat=tenggat,
                prioritas=prioritas,
                status=status,
                created_by=ADMIN.telegram_id,
                created_at=published,
                published_at=published,
            )
            s.add(arahan)
            await s.flush()
            for urutan, (kode, state, progress, more) in enumerate(parts):
                reports = more.pop("reports", [])
                row = Penugasan(
                    arahan_id=arahan.id,
                    opd_id=opd[kode].id,
                    kedudukan="penanggung_jawab" if urutan == 0 else "pendukung",
                    urutan=urutan,
                    status=state,
                    progress=progress,
                    updated_at=now,
                    **more,
                )
                s.add(row)
                await s.flush()
                for report in reports:
                    report = dict(report)
                    bukti = report.pop("bukti", 0)
                    laporan = Laporan(
                        penugasan_id=row.id,
                        source="balasan",
                        created_at=now - timedelta(days=report.pop("days")),
                        **report,
                    )
                    s.add(laporan)
                    await s.flush()
                    for n in range(bukti):
                        s.add(
                            Bukti(
                                laporan_id=laporan.id,
                                file_id=f"F{laporan.id}.{n}",
                                file_unique_id=f"U{laporan.id}.{n}",
                                jenis="photo",
                            )
                        )
                tugas[(nomor, kode)] = row.id

        def lapor(days: int, a: str, b: str, pa: int | None, pb: int, **more: Any) -> Any:
            return dict(status_from=a, status_to=b, progress_from=pa, progress=pb, days=days,
                        **more)  # fmt: skip

        await directive(
            1,
            first,
            "Validasi data balita stunting per desa",
            date(2026, 11, 10),
            [
                (
                    "DINKES",
                    "dalam_proses",
                    40,
                    dict(
                        reports=[
                            lapor(30, "baru", "dalam_proses", 0, 30, catatan="mulai 30%"),
                            lapor(3, "dalam_proses", "dalam_proses", 30, 40, catatan="40 persen"),
                        ],
                        last_report_at=now - timedelta(days=3),
                        last_note="40 persen",
                        progress_since=now - timedelta(days=3),
                    ),
                ),
                (
                    "BAPPEDA",
                    "terverifikasi",
                    100,
                    dict(
                        reports=[
                            lapor(20, "baru", "selesai", 0, 100, catatan="tuntas", bukti=1),
                            lapor(
                                1,
                                "selesai",
                                "selesai",
                                100,
                                100,
                                catatan="ditarik",
                                withdrawn_at=now - timedelta(hours=20),
                            ),
                        ],
                        last_report_at=now - timedelta(days=20),
                        last_note="tuntas",
                    ),
                ),
            ],
        )
        blocked = dict(status_from="terkendala", status_to="terkendala", progress_from=30,
                       progress=30)  # fmt: skip
        await directive(
            2,
            first,
            "Perbaikan jalan desa menuju sekolah",
            date(2026, 12, 31),
            [
                (
                    "DISDIK",
                    "terkendala",
                    30,
                    dict(
                        reports=[
                            {**blocked, "days": 20, "kendala": "Dana belum cair"},
                            {**blocked, "days": 10, "kendala": "dana blm cair pak"},
                            {**blocked, "days": 2, "kendala": "DANA BELUM CAIR"},
                        ],
                        last_report_at=now - timedelta(days=2),
                        last_note="DANA BELUM CAIR",
                        kendala_since=now - timedelta(days=20),
                        progress_since=now - timedelta(days=25),
                    ),
                )
            ],
        )
        await directive(
            3,
            first,
            "Laporan keuangan triwulan",
            date(2026, 11, 1),
            [("BAPPEDA", "terverifikasi", 100, {})],
        )
        await directive(
            4,
            first,
            "Arahan yang dibatalkan",
            date(2026, 11, 1),
            [("DINKES", "baru", 0, {})],
            status=ArahanState.DIBATALKAN,
        )
        await directive(
            5,
            second,
            "Percepat imunisasi dasar lengkap di kecamatan ≥ 95%",
            date(2026, 12, 15),
            [
                (
                    "DINKES",
                    "dalam_proses",
                    60,
                    dict(
                        reports=[
                            lapor(
                                2, "baru", "dalam_proses", 0, 60, catatan="sudah 60 persen", bukti=2
                            ),
                        ],  # fmt: skip
                        last_report_at=now - timedelta(days=2),
                        last_note="sudah 60 persen",
                        progress_since=now - timedelta(days=2),
                    ),
                ),
                ("BAPPEDA", "baru", 0, {}),
            ],
            prioritas="tinggi",
        )
        await directive(
            6,
            second,
            "Susun matriks tindak lanjut Rakor & kirim ke Sekda",
            date(2026, 11, 20),
            [("BAPPEDA", "baru", 0, {})],
        )
        long = (
            "Lakukan pendataan ulang seluruh sarana dan prasarana pelayanan publik di setiap "
            "kecamatan, lengkap dengan foto, titik koordinat, dan rencana anggaran perbaikan "
            "tahun depan – dikoordinasikan dengan camat dan kepala desa setempat."
        )
        for extra in range(banyak):
            await directive(
                7 + extra,
                second,
                f"{long} (bagian {extra + 1})",
                date(2026, 12, 31),
                [("DISDIK", "diterima", 0, {}), ("DINKES", "baru", 0, {})],
            )
        await uow.commit()
    return Seeded({1: first.id, 2: second.id}, tugas)


async def gather(store: Store, env: Env, nomor: int | None = None) -> LaporanRakor:
    async with store.unit() as uow:
        hasil = await service.gather(uow, env, ADMIN, MintaLaporan(nomor))
    assert isinstance(hasil, LaporanRakor)
    return hasil


# -- the data --------------------------------------------------------------------------------


async def test_part_one_is_each_directive_of_the_rakor_with_its_opds(store: Store) -> None:
    seeded = await seed(store)
    laporan = await gather(store, env_of(store, PEMDA_NAME="Pemerintah Kabupaten Tanah Datar"))
    assert laporan.rakor == service.RakorSingkat(
        seeded.rakor[2], "Rakor Evaluasi Kinerja OPD – Triwulan IV", RAKOR_2
    )
    assert laporan.pemda == "Pemerintah Kabupaten Tanah Datar"
    assert laporan.hari_ini == date(2026, 11, 23)
    assert [(a.nomor, a.prioritas, a.tenggat) for a in laporan.arahan] == [
        (5, "tinggi", date(2026, 12, 15)),
        (6, "sedang", date(2026, 11, 20)),
    ]
    rows = [
        (
            a.nomor,
            t.kode,
            t.kedudukan,
            t.status,
            t.progress,
            t.hari_terlambat,
            t.warna,
            t.laporan,
            t.bukti,
        )
        for a in laporan.arahan
        for t in a.tugas
    ]
    assert rows == [
        (5, "DINKES", "penanggung_jawab", "dalam_proses", 60, 0, Warna.HIJAU, "sudah 60 persen", 2),
        (5, "BAPPEDA", "pendukung", "baru", 0, 0, Warna.HIJAU, None, 0),
        (6, "BAPPEDA", "penanggung_jawab", "baru", 0, 3, Warna.MERAH, None, 0),
    ]
    dinkes = laporan.arahan[0].tugas[0]
    assert dinkes.laporan_at == store.now - timedelta(days=2)
    assert (laporan.terlambat, laporan.terkendala, laporan.tuntas) == (1, 0, 0)


async def test_part_two_carries_forward_open_work_changes_and_repeated_kendala(
    store: Store,
) -> None:
    seeded = await seed(store)
    laporan = await gather(store, env_of(store))
    assert laporan.pemda == ""
    belum = [
        (b.rakor.nomor, b.nomor, b.tugas.kode, b.tugas.status, b.tugas.hari_terlambat)
        for b in laporan.belum_tuntas
    ]
    # No. 1 BAPPEDA and No. 3 are verified, No. 4 was cancelled: not carried forward
    assert belum == [
        (seeded.rakor[1], 1, "DINKES", "dalam_proses", 13),
        (seeded.rakor[1], 2, "DISDIK", "terkendala", 0),
    ]
    assert [b.tugas.warna for b in laporan.belum_tuntas] == [Warna.MERAH, Warna.MERAH]
    assert laporan.belum_tuntas[1].tugas.kendala == "DANA BELUM CAIR"
    # reports since 16 Nov (kept ones): the withdrawn one and those before do not count
    changes = [
        (p.nomor, p.kode, p.status_awal, p.status_kini, p.progress_awal, p.progress_kini,
         p.laporan, p.catatan)
        for p in laporan.perubahan
    ]  # fmt: skip
    assert changes == [
        (1, "DINKES", "dalam_proses", "dalam_proses", 30, 40, 1, "40 persen"),
        (2, "DISDIK", "terkendala", "terkendala", 30, 30, 1, "DANA BELUM CAIR"),
        (5, "DINKES", "baru", "dalam_proses", 0, 60, 1, "sudah 60 persen"),
    ]
    assert [(k.nomor, k.kode, k.kali, k.kendala, k.sejak) for k in laporan.kendala_berulang] == [
        (2, "DISDIK", 3, "DANA BELUM CAIR", store.now - timedelta(days=20))
    ]
    # the honesty signs are the digest's own
    assert Tanda.KENDALA_BERULANG in laporan.belum_tuntas[1].tugas.tanda
    assert laporan.belum_tuntas[1].tugas.kali_kendala == 3


async def test_a_number_chooses_the_rakor_and_an_unknown_one_lists_the_latest(
    store: Store,
) -> None:
    seeded = await seed(store)
    env = env_of(store)
    earlier = await gather(store, env, seeded.rakor[1])
    assert earlier.rakor.judul == "Rakor Pimpinan Oktober"
    assert [a.nomor for a in earlier.arahan] == [1, 2, 3]
    assert [(t.kode, t.status) for t in earlier.arahan[0].tugas] == [
        ("DINKES", "dalam_proses"),
        ("BAPPEDA", "terverifikasi"),
    ]
    assert earlier.belum_tuntas == []
    assert earlier.tuntas == 2
    # since 19 Oct, on its own directives
    assert [(p.nomor, p.kode) for p in earlier.perubahan] == [
        (1, "BAPPEDA"),
        (1, "DINKES"),
        (2, "DISDIK"),
    ]
    async with store.unit() as uow:
        hasil = await service.gather(uow, env, ADMIN, MintaLaporan(99))
    assert isinstance(hasil, TidakAda)
    assert [r.nomor for r in hasil.terakhir] == [seeded.rakor[2], seeded.rakor[1]]
    text = views.not_found(env, hasil).text
    assert "Rakor nomor 99 tidak ditemukan" in text
    assert f"{seeded.rakor[1]} — Rakor Pimpinan Oktober" in text


async def test_without_any_rakor_the_report_is_refused(store: Store) -> None:
    async with store.unit() as uow:
        with pytest.raises(InputTidakValid) as refused:
            await service.gather(uow, env_of(store), ADMIN, MintaLaporan())
    assert "Belum ada Rakor" in refused.value.text(env_of(store).texts)


# -- the workbook ----------------------------------------------------------------------------


def _values(ws: Any) -> list[list[Any]]:
    return [list(row) for row in ws.iter_rows(values_only=True)]


async def test_the_workbook_has_the_parts_as_sheets_with_typed_values(store: Store) -> None:
    seeded = await seed(store)
    env = env_of(store, PEMDA_NAME="Pemerintah Kabupaten Tanah Datar")
    laporan = await gather(store, env)
    wb = load_workbook(BytesIO(xlsx.workbook(env, laporan)))
    assert wb.sheetnames == [
        "Ringkasan",
        "Arahan Rakor",
        "Belum tuntas",
        "Perubahan",
        "Kendala berulang",
    ]
    summary = {row[0]: row[1] for row in _values(wb["Ringkasan"]) if row[0]}
    assert summary["Pemerintah daerah"] == "Pemerintah Kabupaten Tanah Datar"
    assert summary["Tanggal Rakor"] == datetime(2026, 11, 16)
    assert summary["Keadaan per"] == datetime(2026, 11, 23, 8, 0)  # WIB, as Excel keeps it
    assert summary["Arahan Rakor ini"] == 2
    assert summary["Terlambat"] == 1
    assert summary["Kendala berulang tanpa kemajuan"] == 1

    own = wb["Arahan Rakor"]
    assert own.freeze_panes == "A2"
    assert own.auto_filter.ref == "A1:P4"
    rows = _values(own)
    assert rows[0] == [
        "No.",
        "Arahan",
        "Tenggat",
        "Prioritas",
        "OPD",
        "Nama OPD",
        "Kedudukan",
        "Status",
        "Warna",
        "Progres (%)",
        "Terlambat (hari)",
        "Laporan terakhir",
        "Isi laporan terakhir",
        "Kendala",
        "Bukti",
        "Perlu dicermati",
    ]
    assert rows[1] == [
        5,
        "Percepat imunisasi dasar lengkap di kecamatan ≥ 95%",
        datetime(2026, 12, 15),
        "tinggi",
        "DINKES",
        "Dinas Kesehatan",
        "penanggung jawab",
        "dalam proses",
        "hijau",
        60,
        0,
        datetime(2026, 11, 21, 8, 0),
        "sudah 60 persen",
        None,
        2,
        None,
    ]
    assert rows[3][:11] == [6, rows[3][1], datetime(2026, 11, 20), "sedang", "BAPPEDA",
                            "Badan Perencanaan Pembangunan Daerah", "penanggung jawab", "baru",
                            "merah", 0, 3]  # fmt: skip
    assert own["C2"].number_format == "dd/mm/yyyy"
    assert own["L2"].number_format == "dd/mm/yyyy hh:mm"
    assert own["H4"].fill.fgColor.rgb.endswith("F4C7C3")  # merah
    assert own["H2"].fill.fgColor.rgb.endswith("B7E1CD")  # hijau
    assert own["A1"].font.bold
    assert own.column_dimensions["B"].width == 50

    belum = _values(wb["Belum tuntas"])
    assert [r[2] for r in belum[1:]] == [1, 2]
    assert belum[1][0] == f"Rakor Pimpinan Oktober (No. {seeded.rakor[1]})"
    assert belum[1][1] == datetime(2026, 10, 19)
    assert belum[1][10] == 13
    assert belum[2][13] == "DANA BELUM CAIR"

    changes = _values(wb["Perubahan"])
    assert changes[0][3:8] == [
        "Status sebelumnya",
        "Status kini",
        "Progres sebelumnya (%)",
        "Progres kini (%)",
        "Jumlah laporan",
    ]
    assert [(r[0], r[2], r[5], r[6], r[7]) for r in changes[1:]] == [
        (1, "DINKES", 30, 40, 1),
        (2, "DISDIK", 30, 30, 1),
        (5, "DINKES", 0, 60, 1),
    ]

    repeated = _values(wb["Kendala berulang"])
    assert repeated[1] == [
        2,
        "Perbaikan jalan desa menuju sekolah",
        "DISDIK",
        "DANA BELUM CAIR",
        3,
        datetime(2026, 11, 3, 8, 0),
        30,
        0,
    ]


async def test_the_workbook_speaks_english_and_keeps_formulas_as_text(store: Store) -> None:
    seeded = await seed(store)
    async with store.unit() as uow:
        row = await uow.session.get(Penugasan, seeded.tugas[(1, "DINKES")])
        assert row is not None
        row.last_note = '=HYPERLINK("http://x")'
        await uow.commit()
    env = env_of(store, Texts("en"), LANGUAGE="en")
    laporan = await gather(store, env, seeded.rakor[1])
    wb = load_workbook(BytesIO(xlsx.workbook(env, laporan)))
    assert wb.sheetnames[1] == "Rakor directives"
    ws = wb["Rakor directives"]
    assert ws["A1"].value == "No." and ws["B1"].value == "Directive"
    assert ws["M2"].value == '=HYPERLINK("http://x")'
    assert ws["M2"].data_type == "s"


# -- the PDF ---------------------------------------------------------------------------------


def _pages(data: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(BytesIO(data)).pages]


async def test_the_pdf_has_the_title_block_every_directive_and_page_numbers(
    store: Store,
) -> None:
    await seed(store)
    env = env_of(store, PEMDA_NAME="Pemerintah Kabupaten Tanah Datar")
    laporan = await gather(store, env)
    data = pdf.document(env, laporan)
    assert data.startswith(b"%PDF-")
    reader = PdfReader(BytesIO(data))
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (842, 595)  # A4 landscape
    pages = _pages(data)
    first = pages[0]
    for expected in (
        "PEMERINTAH KABUPATEN TANAH DATAR",
        "LAPORAN TINDAK LANJUT RAKOR",
        "Rakor Evaluasi Kinerja OPD – Triwulan IV",
        "Tanggal Rakor: Senin, 16 November 2026",
        "Keadaan per Senin, 23 November 2026",
        "I. TINDAK LANJUT ARAHAN RAKOR",
        "≥ 95%",
        f"Halaman 1 dari {len(pages)}",
    ):
        assert expected in first, expected
    text = "\n".join(pages)
    for expected in (
        "II. MATRIKS TINDAK LANJUT BERJENJANG",
        "A. Arahan Rakor sebelumnya yang belum tuntas",
        "B. Perubahan sejak Rakor ini (16 Nov 2026)",
        "C. Kendala yang berulang tanpa kemajuan",
        "DANA BELUM CAIR",
        "3×",
    ):
        assert expected in text, expected
    # every directive number of the report: this Rakor's and those carried forward
    numbers = {line.split()[0] for page in pages for line in page.splitlines() if line.strip()}
    assert {"1", "2", "5", "6"} <= numbers


async def test_the_pdf_leaves_out_an_empty_pemda_name(store: Store) -> None:
    await seed(store)
    env = env_of(store)
    first = _pages(pdf.document(env, await gather(store, env)))[0]
    assert first.lstrip().startswith("LAPORAN TINDAK LANJUT RAKOR")


async def test_a_long_table_repeats_its_header_on_the_next_page(store: Store) -> None:
    await seed(store, banyak=30)
    env = env_of(store)
    laporan = await gather(store, env)
    pages = _pages(pdf.document(env, laporan))
    assert len(pages) >= 3
    assert f"Halaman 1 dari {len(pages)}" in pages[0]
    assert f"Halaman 2 dari {len(pages)}" in pages[1]
    header = "Kedudukan"
    assert header in pages[0] and header in pages[1]
    assert pages[1].index(header) < pages[1].index("(bagian")  # the header above the rows
    assert "bagian 30)" in "\n".join(pages)


async def test_a_directive_for_more_opds_than_a_page_holds_is_still_written(
    store: Store,
) -> None:
    seeded = await seed(store)
    now = store.now
    async with store.unit() as uow:
        s = uow.session
        arahan = Arahan(
            nomor=50,
            rakor_id=seeded.rakor[2],
            teks="Laporkan kesiapan posko bencana di setiap kecamatan",
            tenggat=date(2026, 12, 31),
            status=ArahanState.TERBIT,
            created_by=ADMIN.telegram_id,
            created_at=now,
            published_at=now,
        )
        s.add(arahan)
        await s.flush()
        for n in range(45):
            kecamatan = Opd(
                kode=f"KEC_{n:02}", nama=f"Kecamatan {n}", klaster=3, created_at=now,
                updated_at=now,
            )  # fmt: skip
            s.add(kecamatan)
            await s.flush()
            s.add(
                Penugasan(
                    arahan_id=arahan.id,
                    opd_id=kecamatan.id,
                    kedudukan="penanggung_jawab" if n == 0 else "pendukung",
                    urutan=n,
                    status="baru",
                    updated_at=now,
                )
            )
        await uow.commit()
    env = env_of(store)
    laporan = await gather(store, env)
    assert len(laporan.arahan[-1].tugas) == 45
    pages = _pages(pdf.document(env, laporan))
    text = "\n".join(pages)
    assert all(f"KEC_{n:02}" in text for n in range(45))
    # its number on every row, so on every page its rows reach
    assert sum(1 for page in pages if "KEC_" in page) >= 2
    assert all(
        any(line.split()[0] == "50" for line in page.splitlines() if line.strip())
        for page in pages
        if "KEC_" in page
    )


# -- the PDF drawn ---------------------------------------------------------------------------

SCALE = 2
"""Pixels per PDF point when drawing (144 dpi)."""
A4_LANDSCAPE_PT = (841.89, 595.28)
ARTEFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "pdf"
DARK = 100
"""A pixel darker than this (0-255, every channel) is ink."""


def _drawn(data: bytes, name: str) -> list[Any]:
    """Page 1, page 2 and the last page of the PDF drawn as RGB arrays (rows × columns × 3),
    each also kept as ``test-artifacts/pdf/<name>-page-<n>.png``."""
    pdfium = pytest.importorskip("pypdfium2")
    numpy = pytest.importorskip("numpy")
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    document = pdfium.PdfDocument(data)
    count = len(document)
    drawn = []
    for index in sorted({0, 1, count - 1}):
        image = document[index].render(scale=SCALE).to_pil().convert("RGB")
        image.save(ARTEFACTS / f"{name}-page-{index + 1}.png")
        drawn.append(numpy.asarray(image))
    document.close()
    return drawn


def _ink(area: Any) -> int:
    """How many pixels of ``area`` are dark on every channel (text, lines)."""
    return int((area < DARK).all(axis=-1).sum())


def _of_colour(area: Any, rgb: tuple[int, int, int], tolerance: int = 8) -> Any:
    """A mask of the pixels of ``area`` within ``tolerance`` of ``rgb``."""
    import numpy

    return (numpy.abs(area.astype(int) - numpy.array(rgb)) <= tolerance).all(axis=-1)


async def test_the_pdf_drawn_is_a4_landscape_with_ink_and_a_repeated_header_fill(
    store: Store, request: pytest.FixtureRequest
) -> None:
    await seed(store, banyak=30)
    env = env_of(store, PEMDA_NAME="Pemerintah Kabupaten Tanah Datar")
    data = pdf.document(env, await gather(store, env))
    database = request.node.callspec.id if hasattr(request.node, "callspec") else "db"
    name = f"laporan-rakor-{database}"
    first, second, last = _drawn(data, name)
    width, height = (round(side * SCALE) for side in A4_LANDSCAPE_PT)
    for page in (first, second, last):
        rows, columns, _ = page.shape
        assert abs(columns - width) <= 1 and abs(rows - height) <= 1  # A4 landscape
        assert _ink(page) > 0
    # ink in the title block (the top fifth of page 1) and in the table below it
    eighth = height // 8
    assert _ink(first[: height // 5]) > 2000
    assert _ink(first[height // 2 :]) > 5000
    header = pdf._colours()[1]
    # the table's header row, filled, on page 1 and again at the top of page 2
    assert _of_colour(first, header).sum() > 20_000
    top = second[: height // 4]
    assert _of_colour(top, header).sum() > 20_000
    filled_rows = _of_colour(second, header).any(axis=1).nonzero()[0]
    assert filled_rows[0] < height // 4  # the repeated header sits above the rows
    # the last page has something on it beyond the page number
    assert _ink(last[eighth : height - eighth]) > 500
