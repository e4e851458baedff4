"""The `/ekspor` workbook, written with openpyxl's write-only mode: each sheet streams its rows
to a temporary file as they come from the database, so memory does not grow with history.

Sheets and headers come from the text catalog (Indonesian, English with ``LANGUAGE=en``).
Dates are real Excel dates, moments real Excel date-times in the Pemda's zone; every sheet has
a frozen, styled header row, an auto filter and set column widths; status and rating cells are
filled merah, kuning or hijau. User text is always written as text (never as a formula).
"""

from __future__ import annotations

import asyncio
import warnings
from collections.abc import AsyncIterator, Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from io import BytesIO
from typing import Any, TypeVar

# openpyxl loads numpy, which adds warning filters at import: the bot's stay as they are
with warnings.catch_warnings():
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from bot.domain.klaster import klaster_label
from bot.domain.rating import Warna
from bot.env import Env
from bot.features.export.service import (
    BarisArahan,
    BarisLaporan,
    BarisOpd,
    BarisPenugasan,
    Ekspor,
    ringkasan_klaster,
)

DATE_FORMAT = "dd/mm/yyyy"
MOMENT_FORMAT = "dd/mm/yyyy hh:mm"
T = TypeVar("T")
BATCH = 1000
"""Rows written per hop to the worker thread."""
MAX_CELL = 32_767
"""Excel's limit of characters in one cell."""
FILLS = {
    Warna.MERAH: PatternFill("solid", fgColor="FFF4C7C3"),
    Warna.KUNING: PatternFill("solid", fgColor="FFFCE8B2"),
    Warna.HIJAU: PatternFill("solid", fgColor="FFB7E1CD"),
}
HEADER_FILL = PatternFill("solid", fgColor="FF1F4E78")
HEADER_FONT = Font(bold=True, color="FFFFFFFF")
HEADER_ALIGN = Alignment(wrap_text=True, vertical="center")

# column widths (characters), one per header of each sheet
W_ARAHAN = (8, 28, 60, 10, 12, 24, 18, 24, 16)
W_PENUGASAN = (10, 14, 12, 18, 24, 11, 12, 10, 16, 50, 40, 10)
W_LAPORAN = (16, 10, 14, 20, 24, 24, 11, 50, 40, 18)
W_OPD = (14, 36, 12, 10, 10, 11, 12, 13, 16, 11)
W_KLASTER = (14, 11, 10, 10, 11, 12, 13, 10, 10, 10)


@dataclass(frozen=True)
class Buku:
    """The workbook's bytes and how many rows each part has."""

    isi: bytes
    arahan: int
    penugasan: int
    laporan: int
    opd: int


class _Lembar:
    """One write-only sheet: header, widths and frozen row set up front, filter at the end."""

    def __init__(self, wb: Workbook, title: str, columns: str, widths: Sequence[int]) -> None:
        self.ws: WriteOnlyWorksheet = wb.create_sheet(title)
        headers = [h.strip() for h in columns.split("|")]
        if len(headers) != len(widths):
            raise ValueError(f"{title}: {len(headers)} headers, {len(widths)} widths")
        self.columns = len(headers)
        for index, width in enumerate(widths, 1):
            self.ws.column_dimensions[get_column_letter(index)].width = width
        self.ws.freeze_panes = "A2"
        self.rows = 0
        cells = []
        for header in headers:
            cell = WriteOnlyCell(self.ws, header)
            cell.font = HEADER_FONT
            cell.fill = HEADER_FILL
            cell.alignment = HEADER_ALIGN
            cells.append(cell)
        self.ws.append(cells)

    def add(self, values: list[Any]) -> None:
        self.ws.append(values)
        self.rows += 1

    def finish(self) -> None:
        last = get_column_letter(self.columns)
        self.ws.auto_filter.ref = f"A1:{last}{self.rows + 1}"

    # cells -------------------------------------------------------------------------------

    def text(self, value: str | None) -> Any:
        """User text as text: control characters dropped, cut to Excel's limit, and never
        read as a formula."""
        if value is None:
            return None
        clean = ILLEGAL_CHARACTERS_RE.sub("", value)[:MAX_CELL]
        if not clean.startswith("="):
            return clean
        cell = WriteOnlyCell(self.ws, clean)
        cell.data_type = "s"
        return cell

    def day(self, value: date | None) -> Any:
        if value is None:
            return None
        cell = WriteOnlyCell(self.ws, value)
        cell.number_format = DATE_FORMAT
        return cell

    def moment(self, value: datetime | None, env: Env) -> Any:
        """A moment as the Pemda's local time (Excel has no zones)."""
        if value is None:
            return None
        local = value.astimezone(env.settings.zona).replace(tzinfo=None)
        cell = WriteOnlyCell(self.ws, local)
        cell.number_format = MOMENT_FORMAT
        return cell

    def filled(self, value: str | int, warna: Warna | None) -> Any:
        cell = WriteOnlyCell(self.ws, value)
        if warna is not None:
            cell.fill = FILLS[warna]
        return cell


def _label(env: Env, family: str, value: str) -> str:
    """The catalog's word for a status, priority, role or source; the value itself when the
    catalog has none (rows older than the word)."""
    try:
        if family == "status":
            return env.texts(f"status.{value}")
        if family == "prioritas":
            return env.texts(f"prioritas.{value}")
        if family == "kedudukan":
            return env.texts(f"kedudukan.{value}")
        return env.texts(f"sumber.{value}")
    except KeyError:
        return value


def _warna(env: Env, warna: Warna) -> str:
    if warna is Warna.MERAH:
        return env.texts("ekspor.merah")
    if warna is Warna.KUNING:
        return env.texts("ekspor.kuning")
    return env.texts("ekspor.hijau")


def _arahan(env: Env, sheet: _Lembar, b: BarisArahan) -> None:
    status = _label(env, "status", b.status) if b.status else ""
    sheet.add(
        [
            b.nomor,
            sheet.text(b.rakor),
            sheet.text(b.teks),
            _label(env, "prioritas", b.prioritas),
            sheet.day(b.tenggat),
            sheet.filled(status, b.warna),
            ", ".join(b.penanggung_jawab),
            ", ".join(b.pendukung),
            sheet.moment(b.terbit, env),
        ]
    )


def _penugasan(env: Env, sheet: _Lembar, b: BarisPenugasan) -> None:
    sheet.add(
        [
            b.nomor,
            b.kode,
            b.klaster,
            _label(env, "kedudukan", b.kedudukan),
            sheet.filled(_label(env, "status", b.status), b.warna),
            b.progress,
            sheet.day(b.tenggat),
            b.hari_terlambat,
            sheet.moment(b.laporan_terakhir, env),
            sheet.text(b.catatan_terakhir),
            sheet.text(b.kendala),
            b.bukti,
        ]
    )


def _laporan(env: Env, sheet: _Lembar, b: BarisLaporan) -> None:
    source = _label(env, "sumber", b.sumber)
    if b.ditarik:
        source += f" · {env.texts('ekspor.ditarik')}"
    sheet.add(
        [
            sheet.moment(b.waktu, env),
            b.nomor,
            b.kode,
            sheet.text(b.pelapor),
            _label(env, "status", b.status_dari),
            _label(env, "status", b.status_ke),
            b.progress,
            sheet.text(b.catatan),
            sheet.text(b.kendala),
            source,
        ]
    )


def _opd(env: Env, sheet: _Lembar, b: BarisOpd) -> None:
    a = b.angka
    sheet.add(
        [
            a.kode,
            sheet.text(a.nama),
            a.klaster,
            a.terbuka,
            a.terlambat,
            a.terkendala,
            a.menunggu,
            a.terverifikasi,
            sheet.moment(a.last_report_at, env),
            sheet.filled(_warna(env, b.warna), b.warna),
        ]
    )


async def _fill(
    env: Env, sheet: _Lembar, rows: AsyncIterator[T], one: Callable[[Env, _Lembar, T], None]
) -> None:
    """Write ``rows`` as they stream in, a batch at a time in a worker thread: turning rows
    into XML is the slow part, and the event loop (other updates, the sender) goes on."""
    batch: list[T] = []
    async for row in rows:
        batch.append(row)
        if len(batch) >= BATCH:
            await asyncio.to_thread(_write_batch, env, sheet, batch, one)
            batch = []
    if batch:
        await asyncio.to_thread(_write_batch, env, sheet, batch, one)


def _write_batch(
    env: Env, sheet: _Lembar, batch: list[T], one: Callable[[Env, _Lembar, T], None]
) -> None:
    for row in batch:
        one(env, sheet, row)


async def write(env: Env, ekspor: Ekspor) -> Buku:
    """The workbook of ``ekspor``: five sheets, rows streamed from the database."""
    wb = Workbook(write_only=True)
    arahan = _Lembar(
        wb, env.texts("ekspor.lembar_arahan"), env.texts("ekspor.kolom_arahan"), W_ARAHAN
    )
    penugasan = _Lembar(
        wb, env.texts("ekspor.lembar_penugasan"), env.texts("ekspor.kolom_penugasan"), W_PENUGASAN
    )
    laporan = _Lembar(
        wb, env.texts("ekspor.lembar_laporan"), env.texts("ekspor.kolom_laporan"), W_LAPORAN
    )
    opd = _Lembar(wb, env.texts("ekspor.lembar_opd"), env.texts("ekspor.kolom_opd"), W_OPD)
    klaster = _Lembar(
        wb, env.texts("ekspor.lembar_klaster"), env.texts("ekspor.kolom_klaster"), W_KLASTER
    )
    await _fill(env, arahan, ekspor.arahan(), _arahan)
    await _fill(env, penugasan, ekspor.penugasan(), _penugasan)
    await _fill(env, laporan, ekspor.laporan(), _laporan)
    per_opd = await ekspor.ringkasan_opd()
    for o in per_opd:
        _opd(env, opd, o)
    for k in ringkasan_klaster(per_opd):
        klaster.add(
            [
                klaster_label(k.klaster),
                k.opd,
                k.terbuka,
                k.terlambat,
                k.terkendala,
                k.menunggu,
                k.terverifikasi,
                *(
                    klaster.filled(k.warna[w], w if k.warna[w] else None)
                    for w in (Warna.MERAH, Warna.KUNING, Warna.HIJAU)
                ),
            ]
        )
    for sheet in (arahan, penugasan, laporan, opd, klaster):
        sheet.finish()
    buffer = BytesIO()
    # zipping the sheets' temporary files: off the event loop too
    await asyncio.to_thread(wb.save, buffer)
    return Buku(buffer.getvalue(), arahan.rows, penugasan.rows, laporan.rows, opd.rows)
