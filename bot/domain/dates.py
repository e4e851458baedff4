"""Dates: the single parser for every date a user types, and Indonesian display.

Every command that takes a date (``/rakor``, ``/arahan``, ``/tenggat``, ``/ekspor``, imports)
goes through :func:`parse_tanggal`, so all of them accept the same forms and reject everything
else with the same message (:class:`TanggalTidakValid`, which lists the accepted forms).

Accepted forms (case-insensitive, surrounding whitespace ignored):

* absolute: ``2026-12-31``, ``31/12/2026``, ``31-12-2026``, ``31.12.2026``, ``31 Des 2026``,
  ``31 Desember 2026`` (Indonesian month names and abbreviations incl. the variants ``Agt``,
  ``Agu``, ``Agus``, ``Sept``, ``Nop``, ``Peb``, ``Mrt``; English month names too, and
  ``December 31, 2026``). Numeric dates are always day first. An optional day name in front
  (``Kamis, 31 Desember 2026``) is allowed but must match the date;
* relative to ``hari_ini``: ``hari ini``, ``besok``, ``lusa``, ``N hari``, ``N minggu`` (or
  ``N pekan``), ``N bulan`` (calendar months; the day is clamped to the month's end), each
  optionally followed by ``lagi``; English ``today``, ``tomorrow``, ``N days/weeks/months``.

Years must lie in 2000–2100 and ``N`` in 1–3650. Display uses Babel: :func:`format_tanggal`
gives ``Kamis, 31 Desember 2026``, :func:`format_tanggal_pendek` gives ``31 Des 2026``.
"""

from __future__ import annotations

import calendar
import html
import re
from datetime import date, datetime, timedelta
from typing import Final

from babel.dates import format_date

from bot.domain.errors import InputTidakValid
from bot.texts import Teks

__all__ = [
    "BENTUK_DITERIMA",
    "PANJANG_MAKS",
    "TAHUN_MAKS",
    "TAHUN_MIN",
    "TanggalTidakValid",
    "format_tanggal",
    "format_tanggal_pendek",
    "parse_tanggal",
]

TAHUN_MIN: Final = 2000
"""Earliest year accepted."""
TAHUN_MAKS: Final = 2100
"""Latest year accepted."""
N_MAKS: Final = 3650
"""Largest ``N`` in ``N hari`` / ``N minggu`` / ``N bulan``."""
PANJANG_MAKS: Final = 60
"""Longer input is rejected without being parsed."""
_KUTIP_MAKS: Final = 40

BENTUK_DITERIMA: Final = (
    "2026-12-31, 31/12/2026, 31-12-2026, 31 Des 2026, 31 Desember 2026, "
    "hari ini, besok, lusa, 7 hari, 2 minggu, 3 bulan"
)
"""The accepted forms, as listed to the user (plain text, HTML-safe)."""

_BULAN: Final[dict[str, int]] = {
    # Indonesian, full and abbreviated, with common variants.
    "januari": 1, "jan": 1,
    "februari": 2, "pebruari": 2, "feb": 2, "peb": 2, "febr": 2,
    "maret": 3, "mar": 3, "mrt": 3,
    "april": 4, "apr": 4,
    "mei": 5,
    "juni": 6, "jun": 6,
    "juli": 7, "jul": 7,
    "agustus": 8, "agt": 8, "agu": 8, "agus": 8, "ags": 8, "agst": 8,
    "september": 9, "sep": 9, "sept": 9, "spt": 9,
    "oktober": 10, "okt": 10,
    "november": 11, "nopember": 11, "nov": 11, "nop": 11,
    "desember": 12, "des": 12,
    # English extras.
    "january": 1, "february": 2, "march": 3, "may": 5, "june": 6, "july": 7,
    "august": 8, "aug": 8, "october": 10, "oct": 10, "december": 12, "dec": 12,
}  # fmt: skip

# date.weekday(): Monday = 0 … Sunday = 6.
_HARI: Final[dict[str, int]] = {
    "senin": 0, "selasa": 1, "rabu": 2, "kamis": 3, "jumat": 4, "sabtu": 5,
    "minggu": 6, "ahad": 6,
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4,
    "saturday": 5, "sunday": 6,
}  # fmt: skip
_NAMA_HARI_ID: Final = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")

_RELATIF_TETAP: Final[dict[str, int]] = {
    "hari ini": 0, "today": 0,
    "besok": 1, "tomorrow": 1,
    "lusa": 2,
}  # fmt: skip

_SATUAN: Final[dict[str, str]] = {
    "hari": "hari", "day": "hari", "days": "hari",
    "minggu": "minggu", "pekan": "minggu", "week": "minggu", "weeks": "minggu",
    "bulan": "bulan", "month": "bulan", "months": "bulan",
}  # fmt: skip

# The text is normalised first (lower case, single spaces, no apostrophes), so these patterns
# only need ASCII digits/letters and plain spaces. Unicode digits are deliberately not accepted.
_RE_HARI: Final = re.compile(r"([a-z]+)(?:, ?| )(.+)")
_RE_ISO: Final = re.compile(r"([0-9]{4})([-/.])([0-9]{1,2})\2([0-9]{1,2})")
_RE_DMY: Final = re.compile(r"([0-9]{1,2}) ?([-/.]) ?([0-9]{1,2}) ?\2 ?([0-9]{4})")
_RE_D_BULAN_Y: Final = re.compile(r"([0-9]{1,2})[ ./-]*([a-z]+)\.?[ ,./-]*([0-9]{4})")
_RE_BULAN_D_Y: Final = re.compile(r"([a-z]+)\.? ([0-9]{1,2}),? ([0-9]{4})")
_RE_RELATIF: Final = re.compile(r"([0-9]+) ?([a-z]+)(?: lagi)?")
_APOSTROF: Final = re.compile(r"['\u2018\u2019`\u00b4]")


class TanggalTidakValid(InputTidakValid):
    """A date the user typed could not be understood.

    ``pesan`` is a :class:`~bot.texts.Teks` that quotes the (escaped, shortened) input, says
    what is wrong (``alasan``, itself a Teks) and lists every accepted form; rendered, it is safe
    to send with Telegram's HTML parse mode.
    """

    pesan: Teks

    def __init__(self, masukan: str, alasan: Teks | None = None) -> None:
        self.masukan = masukan
        self.alasan = alasan or Teks("tanggal.tidak_dikenali")
        kutip = _kutip(masukan)
        if kutip:
            pesan = Teks("tanggal.salah", kutip=kutip, alasan=self.alasan, bentuk=BENTUK_DITERIMA)
        else:
            pesan = Teks("tanggal.kosong", bentuk=BENTUK_DITERIMA)
        super().__init__(pesan)


def _kutip(masukan: str) -> str:
    """Shorten, flatten and HTML-escape user input for quoting in a message."""
    teks = " ".join(masukan[: PANJANG_MAKS * 4].split())
    if len(teks) > _KUTIP_MAKS:
        teks = teks[: _KUTIP_MAKS - 1].rstrip() + "…"
    # Drop anything that cannot be sent as UTF-8 (lone surrogates), then escape <>&.
    teks = teks.encode("utf-8", "replace").decode("utf-8")
    return html.escape(teks, quote=False)


def parse_tanggal(teks: str, hari_ini: date) -> date:
    """Parse a date typed by a user.

    ``hari_ini`` is "today" in the Pemda's time zone and anchors the relative forms
    (``besok``, ``7 hari``, ``2 minggu``, ``3 bulan``). Numeric dates are read day first
    (``1/2/2027`` is 1 February 2027). Past dates are not rejected here: whether a past date
    is acceptable depends on the command.

    Raises :class:`TanggalTidakValid` — and nothing else — for any input that is not one of
    the accepted forms, is longer than 60 characters, is not a real calendar date, lies
    outside the years 2000–2100, or uses ``N`` outside 1–3650.
    """
    if not isinstance(teks, str):
        raise TanggalTidakValid(repr(teks))
    if len(teks) > PANJANG_MAKS:
        raise TanggalTidakValid(teks, Teks("tanggal.terlalu_panjang", maks=PANJANG_MAKS))
    if isinstance(hari_ini, datetime):
        hari_ini = hari_ini.date()
    norm = _APOSTROF.sub("", " ".join(teks.split()).lower())
    if not norm:
        raise TanggalTidakValid("")

    hasil = _relatif(norm, teks, hari_ini)
    if hasil is None:
        hasil = _absolut_dengan_hari(norm, teks)
    if hasil is None:
        raise TanggalTidakValid(teks)
    return hasil


def _relatif(norm: str, teks: str, hari_ini: date) -> date | None:
    """Relative forms; ``None`` if ``norm`` is not one."""
    if norm in _RELATIF_TETAP:
        return _dalam_rentang(_geser(hari_ini, _RELATIF_TETAP[norm], "hari", teks), teks)
    m = _RE_RELATIF.fullmatch(norm)
    if m is None or m.group(2) not in _SATUAN:
        return None
    angka = m.group(1)
    n = int(angka) if len(angka) <= 5 else N_MAKS + 1
    if not 1 <= n <= N_MAKS:
        raise TanggalTidakValid(teks, Teks("tanggal.jumlah_di_luar", maks=N_MAKS))
    return _dalam_rentang(_geser(hari_ini, n, _SATUAN[m.group(2)], teks), teks)


def _geser(hari_ini: date, n: int, satuan: str, teks: str) -> date:
    """``hari_ini`` moved forward by ``n`` days, weeks or calendar months."""
    try:
        if satuan == "hari":
            return hari_ini + timedelta(days=n)
        if satuan == "minggu":
            return hari_ini + timedelta(weeks=n)
        tahun, bulan0 = divmod(hari_ini.month - 1 + n, 12)
        tahun += hari_ini.year
        bulan = bulan0 + 1
        if not TAHUN_MIN <= tahun <= TAHUN_MAKS:
            raise _di_luar_tahun(teks)
        hari = min(hari_ini.day, calendar.monthrange(tahun, bulan)[1])
        return date(tahun, bulan, hari)
    except (OverflowError, ValueError):
        raise _di_luar_tahun(teks) from None


def _absolut_dengan_hari(norm: str, teks: str) -> date | None:
    """Absolute forms, optionally preceded by a day name that must match the date."""
    hasil = _absolut(norm, teks)
    if hasil is not None:
        return hasil
    m = _RE_HARI.fullmatch(norm)
    if m is None or m.group(1) not in _HARI:
        return None
    hasil = _absolut(m.group(2), teks)
    if hasil is not None and hasil.weekday() != _HARI[m.group(1)]:
        raise TanggalTidakValid(
            teks,
            Teks(
                "tanggal.hari_tidak_cocok",
                tanggal=format_tanggal_pendek(hasil),
                hari=_NAMA_HARI_ID[hasil.weekday()],
            ),
        )
    return hasil


def _absolut(norm: str, teks: str) -> date | None:
    """Absolute forms without a day name; ``None`` if ``norm`` is not one."""
    if m := _RE_ISO.fullmatch(norm):
        return _buat(m.group(1), m.group(3), m.group(4), teks)
    if m := _RE_DMY.fullmatch(norm):
        return _buat(m.group(4), m.group(3), m.group(1), teks)
    if (m := _RE_D_BULAN_Y.fullmatch(norm)) and m.group(2) in _BULAN:
        return _buat(m.group(3), _BULAN[m.group(2)], m.group(1), teks)
    if (m := _RE_BULAN_D_Y.fullmatch(norm)) and m.group(1) in _BULAN:
        return _buat(m.group(3), _BULAN[m.group(1)], m.group(2), teks)
    return None


def _buat(tahun: str, bulan: str | int, hari: str, teks: str) -> date:
    """Build a date from its parts, checking the year range and the calendar."""
    t, b, h = int(tahun), int(bulan), int(hari)
    if not TAHUN_MIN <= t <= TAHUN_MAKS:
        raise _di_luar_tahun(teks)
    try:
        return date(t, b, h)
    except ValueError:
        raise TanggalTidakValid(teks, Teks("tanggal.tidak_di_kalender")) from None


def _dalam_rentang(d: date, teks: str) -> date:
    """``d`` if its year is in the accepted range."""
    if not TAHUN_MIN <= d.year <= TAHUN_MAKS:
        raise _di_luar_tahun(teks)
    return d


def _di_luar_tahun(teks: str) -> TanggalTidakValid:
    return TanggalTidakValid(teks, Teks("tanggal.tahun_di_luar", min=TAHUN_MIN, maks=TAHUN_MAKS))


def _lokal(bahasa: str) -> str:
    """Babel locale for a user language; anything but English falls back to Indonesian."""
    return "en" if bahasa.lower().replace("-", "_").split("_")[0] == "en" else "id"


def format_tanggal(d: date, bahasa: str = "id") -> str:
    """A date the long way: ``Kamis, 31 Desember 2026`` ("id") or ``Thursday, 31 December
    2026`` ("en"). Unknown languages fall back to Indonesian."""
    return format_date(d, "EEEE, d MMMM y", locale=_lokal(bahasa))


def format_tanggal_pendek(d: date, bahasa: str = "id") -> str:
    """A date the short way: ``31 Des 2026`` ("id") or ``31 Dec 2026`` ("en").

    Unknown languages fall back to Indonesian."""
    return format_date(d, "d MMM y", locale=_lokal(bahasa))
