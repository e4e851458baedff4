"""The Rakor follow-up report as an Excel workbook: a summary sheet with the title block, then
one sheet per part (the Rakor's directives; still open from earlier Rakor; changes since the
Rakor; repeated kendala).

Headers come from the text catalog (Indonesian, English with ``LANGUAGE=en``); dates are real
Excel dates and moments real date-times in the Pemda's zone; each table has a frozen, styled
header row, an auto filter and set widths; status and colour cells are filled merah, kuning or
hijau (the styles of the `/ekspor` workbook, :mod:`bot.features.export.workbook`). User text is
always written as text, never as a formula. A report covers one Rakor, so the workbook is built
in memory (not write-only). openpyxl is imported on first use: it imports numpy, which changes
the warning filters, and importing the bot must change nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from functools import cache
from io import BytesIO
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any

from bot.env import Env
from bot.features.rakor_report import views
from bot.features.rakor_report.service import BarisTugas, LaporanRakor

if TYPE_CHECKING:
    from openpyxl import Workbook
    from openpyxl.worksheet.worksheet import Worksheet

# column widths (characters), one per column of each sheet
W_ARAHAN = (7, 50, 12, 10, 12, 28, 16, 22, 9, 11, 11, 17, 45, 35, 8, 35)
W_BELUM = (30, 13, 7, 50, 12, 12, 16, 22, 9, 11, 11, 17, 45, 35)
W_PERUBAHAN = (7, 50, 12, 22, 22, 12, 12, 11, 17, 45)
W_KENDALA = (7, 50, 12, 45, 12, 17, 11, 11)


@cache
def _style() -> SimpleNamespace:
    """The styles, the `/ekspor` workbook's shared ones among them (openpyxl loaded now)."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.styles import Alignment, Font

    from bot.features.export import workbook as ekspor

    return SimpleNamespace(
        illegal=ILLEGAL_CHARACTERS_RE,
        max_cell=ekspor.MAX_CELL,
        date=ekspor.DATE_FORMAT,
        moment=ekspor.MOMENT_FORMAT,
        fills=ekspor.FILLS,
        header_fill=ekspor.HEADER_FILL,
        header_font=ekspor.HEADER_FONT,
        header_align=ekspor.HEADER_ALIGN,
        wrap=Alignment(wrap_text=True, vertical="top"),
        top=Alignment(vertical="top"),
        left=Alignment(horizontal="left"),
        title=Font(bold=True, size=14),
        label=Font(bold=True),
    )


def _text(value: str | None) -> str | None:
    """User text without the control characters Excel refuses, cut to Excel's limit."""
    if value is None:
        return None
    style = _style()
    clean: str = style.illegal.sub("", value)
    return clean[: style.max_cell]


class _Tabel:
    """One data sheet: a styled, frozen header row, widths, rows appended, then the filter."""

    def __init__(
        self, wb: Workbook, env: Env, title: str, headers: Sequence[str], widths: Sequence[int]
    ) -> None:
        if len(headers) != len(widths):
            raise ValueError(f"{title}: {len(headers)} headers, {len(widths)} widths")
        from openpyxl.utils import get_column_letter

        self.env = env
        self.style = _style()
        self.letter = get_column_letter
        self.ws: Worksheet = wb.create_sheet(title[:31])
        self.columns = len(headers)
        for index, (header, width) in enumerate(zip(headers, widths, strict=True), 1):
            self.ws.column_dimensions[get_column_letter(index)].width = width
            cell = self.ws.cell(row=1, column=index, value=header)
            cell.font = self.style.header_font
            cell.fill = self.style.header_fill
            cell.alignment = self.style.header_align
        self.ws.freeze_panes = "A2"
        self.rows = 1

    def add(self, values: Sequence[Any]) -> None:
        """One row: ``str`` values as text (wrapped), ``date``/``datetime`` as Excel dates (a
        moment in the Pemda's zone), numbers as numbers; ``(value, warna)`` filled."""
        self.rows += 1
        for column, value in enumerate(values, 1):
            fill = None
            if isinstance(value, tuple):
                value, fill = value
            cell = self.ws.cell(row=self.rows, column=column)
            style = self.style
            if isinstance(value, datetime):
                cell.value = views.lokal(self.env, value)
                cell.number_format = style.moment
                cell.alignment = style.top
            elif isinstance(value, date):
                cell.value = value
                cell.number_format = style.date
                cell.alignment = style.top
            elif isinstance(value, str):
                cell.value = _text(value)
                cell.data_type = "s"  # "=…" typed by a user stays text
                cell.alignment = style.wrap
            else:
                cell.value = value
                cell.alignment = style.top
            if fill is not None:
                cell.fill = style.fills[fill]

    def finish(self) -> None:
        """The auto filter over the header and every row."""
        self.ws.auto_filter.ref = f"A1:{self.letter(self.columns)}{self.rows}"


def _tugas_cells(env: Env, t: BarisTugas) -> list[Any]:
    """Status (filled), colour (filled), progress, days late, latest report, its text."""
    return [
        (views.status(env, t.status), t.warna),
        (views.warna(env, t), t.warna),
        t.progress,
        t.hari_terlambat,
        t.laporan_at,
        t.laporan or "",
    ]


def _summary(wb: Workbook, env: Env, laporan: LaporanRakor) -> None:
    style = _style()
    ws = wb.active
    assert ws is not None
    ws.title = env.texts("laporan_rakor.lembar.ringkasan")[:31]
    ws.column_dimensions["A"].width = 42
    ws.column_dimensions["B"].width = 60
    ws["A1"] = env.texts("laporan_rakor.judul_dokumen")
    ws["A1"].font = style.title
    rakor = laporan.rakor
    rows: list[tuple[str, Any]] = []
    if laporan.pemda:
        rows.append((env.texts("laporan_rakor.label.pemda"), _text(laporan.pemda)))
    rows += [
        (
            env.texts("laporan_rakor.label.rakor"),
            _text(env.texts("laporan_rakor.rakor", nomor=rakor.nomor, judul=rakor.judul)),
        ),
        (env.texts("laporan_rakor.label.tanggal_rakor"), rakor.tanggal),
        (env.texts("laporan_rakor.label.dibuat"), laporan.dibuat),
        ("", None),
        (env.texts("laporan_rakor.label.arahan"), len(laporan.arahan)),
        (env.texts("laporan_rakor.label.tugas"), len(laporan.tugas)),
        (env.texts("laporan_rakor.label.terlambat"), laporan.terlambat),
        (env.texts("laporan_rakor.label.kendala"), laporan.terkendala),
        (env.texts("laporan_rakor.label.tuntas"), laporan.tuntas),
        (env.texts("laporan_rakor.label.belum_tuntas"), len(laporan.belum_tuntas)),
        (env.texts("laporan_rakor.label.perubahan"), len(laporan.perubahan)),
        (env.texts("laporan_rakor.label.berulang"), len(laporan.kendala_berulang)),
    ]
    for index, (label, value) in enumerate(rows, 3):
        ws.cell(row=index, column=1, value=label or None).font = style.label
        cell = ws.cell(row=index, column=2)
        if isinstance(value, datetime):
            cell.value = views.lokal(env, value)
            cell.number_format = style.moment
        elif isinstance(value, date):
            cell.value = value
            cell.number_format = style.date
        else:
            cell.value = value
            if isinstance(value, str):
                cell.data_type = "s"
        cell.alignment = style.left


def workbook(env: Env, laporan: LaporanRakor) -> bytes:
    """The workbook's bytes: Ringkasan, Arahan Rakor, Belum tuntas, Perubahan, Kendala
    berulang (in the reader's language)."""
    from openpyxl import Workbook

    wb = Workbook()
    _summary(wb, env, laporan)
    no, arahan, tenggat = (
        env.texts("laporan_rakor.kolom.no"),
        env.texts("laporan_rakor.kolom.arahan"),
        env.texts("laporan_rakor.kolom.tenggat"),
    )
    opd, kedudukan, status, warna = (
        env.texts("laporan_rakor.kolom.opd"),
        env.texts("laporan_rakor.kolom.kedudukan"),
        env.texts("laporan_rakor.kolom.status"),
        env.texts("laporan_rakor.kolom.warna"),
    )
    progres, terlambat, kendala = (
        env.texts("laporan_rakor.kolom.progres"),
        env.texts("laporan_rakor.kolom.terlambat"),
        env.texts("laporan_rakor.kolom.kendala"),
    )
    tanggal_lapor, isi_lapor = (
        env.texts("laporan_rakor.kolom.laporan_tanggal"),
        env.texts("laporan_rakor.kolom.laporan_isi"),
    )

    own = _Tabel(
        wb,
        env,
        env.texts("laporan_rakor.lembar.arahan"),
        [
            no,
            arahan,
            tenggat,
            env.texts("laporan_rakor.kolom.prioritas"),
            opd,
            env.texts("laporan_rakor.kolom.nama_opd"),
            kedudukan,
            status,
            warna,
            progres,
            terlambat,
            tanggal_lapor,
            isi_lapor,
            kendala,
            env.texts("laporan_rakor.kolom.bukti"),
            env.texts("laporan_rakor.kolom.tanda"),
        ],
        W_ARAHAN,
    )
    for a in laporan.arahan:
        for t in a.tugas:
            own.add(
                [
                    a.nomor,
                    a.teks,
                    a.tenggat,
                    views.prioritas(env, a.prioritas),
                    t.kode,
                    t.nama_opd,
                    views.kedudukan(env, t.kedudukan),
                    *_tugas_cells(env, t),
                    t.kendala or "",
                    t.bukti,
                    views.tanda(env, t),
                ]
            )

    belum = _Tabel(
        wb,
        env,
        env.texts("laporan_rakor.lembar.belum_tuntas"),
        [
            env.texts("laporan_rakor.kolom.rakor"),
            env.texts("laporan_rakor.kolom.tanggal_rakor"),
            no,
            arahan,
            tenggat,
            opd,
            kedudukan,
            status,
            warna,
            progres,
            terlambat,
            tanggal_lapor,
            isi_lapor,
            kendala,
        ],
        W_BELUM,
    )
    for b in laporan.belum_tuntas:
        belum.add(
            [
                env.texts("laporan_rakor.rakor", nomor=b.rakor.nomor, judul=b.rakor.judul),
                b.rakor.tanggal,
                b.nomor,
                b.teks,
                b.tenggat,
                b.tugas.kode,
                views.kedudukan(env, b.tugas.kedudukan),
                *_tugas_cells(env, b.tugas),
                b.tugas.kendala or "",
            ]
        )

    changes = _Tabel(
        wb,
        env,
        env.texts("laporan_rakor.lembar.perubahan"),
        [
            no,
            arahan,
            opd,
            env.texts("laporan_rakor.kolom.status_awal"),
            env.texts("laporan_rakor.kolom.status_kini"),
            env.texts("laporan_rakor.kolom.progres_awal"),
            env.texts("laporan_rakor.kolom.progres_kini"),
            env.texts("laporan_rakor.kolom.jumlah_laporan"),
            tanggal_lapor,
            isi_lapor,
        ],
        W_PERUBAHAN,
    )
    for p in laporan.perubahan:
        changes.add(
            [
                p.nomor,
                p.teks,
                p.kode,
                views.status(env, p.status_awal),
                views.status(env, p.status_kini),
                p.progress_awal,
                p.progress_kini,
                p.laporan,
                p.terakhir_at,
                p.catatan or "",
            ]
        )

    repeated = _Tabel(
        wb,
        env,
        env.texts("laporan_rakor.lembar.kendala"),
        [
            no,
            arahan,
            opd,
            kendala,
            env.texts("laporan_rakor.kolom.kali"),
            env.texts("laporan_rakor.kolom.sejak"),
            progres,
            terlambat,
        ],
        W_KENDALA,
    )
    for k in laporan.kendala_berulang:
        repeated.add(
            [
                k.nomor,
                k.teks,
                k.kode,
                k.kendala or "",
                k.kali,
                k.sejak,
                k.progress,
                k.hari_terlambat,
            ]
        )

    for sheet in (own, belum, changes, repeated):
        sheet.finish()
    buffer = BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
