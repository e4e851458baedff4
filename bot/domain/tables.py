"""Reading uploaded tables (CSV or XLSX) into rows of text, with their line numbers.

Officials export from Excel: CSV may be UTF-8 (with or without BOM) or Windows-1252, separated
by commas or semicolons; XLSX is read with openpyxl. Size limits keep a bad upload harmless.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass

from bot.domain.errors import InputTidakValid
from bot.texts import Teks

MAX_BYTES = 1_000_000
TABLE_SUFFIXES = (".csv", ".xlsx", ".txt")
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
MAX_ROWS = 2_000


Alasan = Teks
"""Why a row or typed line is refused: a text not yet in a language (user text in its values
already escaped)."""


@dataclass(frozen=True)
class Baris:
    """One data row: its line number in the file and its cells keyed by lower-case header."""

    line: int
    cells: dict[str, str]


@dataclass(frozen=True)
class BarisSalah:
    """A refused row of a file or line of typed text: its line number and every reason, so
    that one refusal can name every bad line at once."""

    line: int
    alasan: tuple[Alasan, ...]


def _decode(data: bytes) -> str:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise InputTidakValid(Teks("tabel.tidak_terbaca"))


def _rows_from_csv(data: bytes) -> list[list[str]]:
    text = _decode(data).replace("\r\n", "\n").replace("\r", "\n")
    first = text.splitlines()[0] if text.strip() else ""
    delimiter = ";" if first.count(";") > first.count(",") else ","
    try:
        return [row for row in csv.reader(io.StringIO(text), delimiter=delimiter)]
    except csv.Error as exc:
        raise InputTidakValid(Teks("tabel.tidak_terbaca")) from exc


def _rows_from_xlsx(data: bytes) -> list[list[str]]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a broken file
        raise InputTidakValid(Teks("tabel.excel_rusak")) from exc
    sheet = book.worksheets[0]
    rows: list[list[str]] = []
    for values in sheet.iter_rows(values_only=True):
        cells = []
        for value in values:
            if value is None:
                cells.append("")
            elif hasattr(value, "strftime"):
                cells.append(value.strftime("%Y-%m-%d"))
            else:
                cells.append(str(value))
        rows.append(cells)
        if len(rows) > MAX_ROWS + 1:
            break
    book.close()
    return rows


def read_table(data: bytes, file_name: str, required: tuple[str, ...]) -> list[Baris]:
    """Rows of an uploaded CSV/XLSX whose header has the ``required`` columns (in any order);
    a file that is no such table is refused with :class:`InputTidakValid` and a ``Teks``."""
    if len(data) > MAX_BYTES:  # also when Telegram did not say the size before download
        raise InputTidakValid(Teks("tabel.terlalu_besar"))
    if file_name.lower().endswith(".xlsx"):
        raw = _rows_from_xlsx(data)
    else:
        raw = _rows_from_csv(data)
    if not raw:
        raise InputTidakValid(Teks("tabel.kosong"))
    header = [h.strip().lower() for h in raw[0]]
    missing = [name for name in required if name not in header]
    if missing:
        raise InputTidakValid(
            Teks("tabel.kolom", perlu=", ".join(required), hilang=", ".join(missing))
        )
    rows: list[Baris] = []
    for number, values in enumerate(raw[1:], start=2):
        if not any(v.strip() for v in values):
            continue
        cells = {
            name: (_CONTROLS.sub("", values[i]).strip() if i < len(values) else "")
            for i, name in enumerate(header)
            if name
        }
        rows.append(Baris(number, cells))
    if len(rows) > MAX_ROWS:
        raise InputTidakValid(Teks("tabel.terlalu_banyak", maks=MAX_ROWS))
    if not rows:
        raise InputTidakValid(Teks("tabel.tanpa_data"))
    return rows
