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
* two-digit years: ``31/12/26``, ``31-12-26``, ``31 Des 26`` are 2026 (always 20xx);
* without a year: ``31 Des``, ``31 Desember``, ``31/12``, ``Dec 31`` are the next such date,
  today counting (``31 Des`` typed on 31 December is today; on 1 January it is the coming
  31 December; ``29 Feb`` is the next 29 February that exists);
* relative to ``hari_ini``: ``hari ini``, ``besok``, ``lusa``, ``N hari``, ``N minggu`` (or
  ``N pekan``), ``N bulan`` (calendar months; the day is clamped to the month's end), each
  optionally followed by ``lagi``; English ``today``, ``tomorrow``, ``N days/weeks/months``;
* weeks run Monday to Sunday. ``minggu depan`` / ``pekan depan`` is the **Monday of next
  week** (the first day of the next week, so a deadline "next week" is never read as a day
  later than the admin meant); ``Jumat depan`` (``Jumat minggu depan``, ``hari Jumat depan``)
  is the Friday of next week and ``Jumat ini`` the Friday of this week (which may be past:
  whether a past date is acceptable is the command's decision). Because ``minggu`` is also
  Sunday, Sunday of next week is written ``hari Minggu depan``. English ``next week``,
  ``next Friday``, ``this Friday`` read the same way;
* ``akhir bulan`` is the last day of this month (today, if today is that day), ``akhir bulan
  depan`` the last day of next month, ``awal bulan`` the next first of a month (today
  counting) and ``awal bulan depan`` the first of next month; ``awal Januari`` is 1 January
  of the next January (today counting) and ``akhir Februari`` the last day of the next
  February; English ``end of month``.
* a leading ``tanggal`` / ``tgl`` is ignored (``tgl 31/12``).

Too vague to be a deadline, and refused with what to write instead: a day name alone
(``Jumat``: this week's or next week's?), ``minggu ini``, ``bulan ini``, ``bulan depan``.

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
from bot.domain.kalender import Kalender
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
    "tanda_libur",
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
    "2026-12-31, 31/12/2026, 31-12-2026, 31/12/26, 31 Des 2026, 31 Desember 2026, 31 Des, "
    "hari ini, besok, lusa, 7 hari, 2 minggu, 3 bulan, Jumat depan, minggu depan, "
    "akhir bulan, awal Januari"
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

_MINGGU_DEPAN: Final = frozenset({"minggu depan", "pekan depan", "next week"})
_AKHIR_BULAN: Final = frozenset(
    {"akhir bulan", "akhir bulan ini", "end of month", "end of the month"}
)
# Too vague for a deadline: refused with what to write instead.
_UMUM: Final = frozenset(
    {"minggu ini", "pekan ini", "bulan ini", "bulan depan", "this week", "this month",
     "next month", "akhir minggu", "akhir pekan", "akhir minggu ini", "akhir pekan ini"}
)  # fmt: skip
# The most days each month can have (February: in a leap year).
_HARI_MAKS: Final = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)

_SATUAN: Final[dict[str, str]] = {
    "hari": "hari", "day": "hari", "days": "hari",
    "minggu": "minggu", "pekan": "minggu", "week": "minggu", "weeks": "minggu",
    "bulan": "bulan", "month": "bulan", "months": "bulan",
}  # fmt: skip

# The text is normalised first (lower case, single spaces, no apostrophes), so these patterns
# only need ASCII digits/letters and plain spaces. Unicode digits are deliberately not accepted.
_RE_HARI: Final = re.compile(r"([a-z]+)(?:, ?| )(.+)")
_RE_ISO: Final = re.compile(r"([0-9]{4})([-/.])([0-9]{1,2})\2([0-9]{1,2})")
_RE_DMY: Final = re.compile(r"([0-9]{1,2}) ?([-/.]) ?([0-9]{1,2}) ?\2 ?([0-9]{4}|[0-9]{2})")
_RE_DM: Final = re.compile(r"([0-9]{1,2}) ?([-/.]) ?([0-9]{1,2})")
_RE_D_BULAN_Y: Final = re.compile(r"([0-9]{1,2})[ ./-]*([a-z]+)\.?[ ,./-]*([0-9]{4}|[0-9]{2})")
_RE_D_BULAN: Final = re.compile(r"([0-9]{1,2})[ ./-]*([a-z]+)\.?")
_RE_BULAN_D_Y: Final = re.compile(r"([a-z]+)\.? ([0-9]{1,2}),? ([0-9]{4})")
_RE_BULAN_D: Final = re.compile(r"([a-z]+)\.? ([0-9]{1,2})")
_RE_AWAL_AKHIR: Final = re.compile(r"(awal|akhir) ([a-z]+)\.?")
_RE_HARI_MINGGU: Final = re.compile(
    r"(?:hari )?([a-z]+) (ini|depan|minggu ini|minggu depan|pekan ini|pekan depan)"
)
_RE_HARI_EN: Final = re.compile(r"(this|next) ([a-z]+)")
_AWALAN: Final = re.compile(r"(?:tanggal|tgl\.?) ")
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
    if m := _AWALAN.match(norm):
        norm = norm[m.end() :]
    if not norm:
        raise TanggalTidakValid("")

    hasil = _relatif(norm, teks, hari_ini)
    if hasil is None:
        hasil = _sebutan(norm, teks, hari_ini)
    if hasil is None:
        hasil = _absolut_dengan_hari(norm, teks, hari_ini)
    if hasil is None:
        _terlalu_umum(norm, teks)
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


def _sebutan(norm: str, teks: str, hari_ini: date) -> date | None:
    """Named relative forms (weeks, month ends and starts); ``None`` if ``norm`` is not one.

    See the module's docstring for what each means."""
    try:
        senin_depan = hari_ini + timedelta(days=7 - hari_ini.weekday())
    except OverflowError:
        senin_depan = None
    if norm in _MINGGU_DEPAN:
        return _dalam_rentang(senin_depan, teks)
    if norm in _AKHIR_BULAN:
        return _akhir_bulan(hari_ini.year, hari_ini.month, teks)
    if norm == "akhir bulan depan":
        tahun, bulan = _bulan_berikut(hari_ini.year, hari_ini.month)
        return _akhir_bulan(tahun, bulan, teks)
    if norm in ("awal bulan", "awal bulan depan"):
        if norm == "awal bulan" and hari_ini.day == 1:
            return _dalam_rentang(hari_ini, teks)
        tahun, bulan = _bulan_berikut(hari_ini.year, hari_ini.month)
        return _buat(tahun, bulan, 1, teks)
    hari, minggu = _hari_dan_minggu(norm)
    if hari is not None:
        senin = senin_depan if minggu == "depan" else hari_ini - timedelta(hari_ini.weekday())
        try:
            hasil = None if senin is None else senin + timedelta(days=hari)
        except OverflowError:
            hasil = None
        return _dalam_rentang(hasil, teks)
    if (m := _RE_AWAL_AKHIR.fullmatch(norm)) and m.group(2) in _BULAN:
        bulan = _BULAN[m.group(2)]
        if m.group(1) == "awal":
            return _berikutnya(1, bulan, hari_ini, teks)
        hasil = _akhir_bulan(hari_ini.year, bulan, teks)
        return hasil if hasil >= hari_ini else _akhir_bulan(hari_ini.year + 1, bulan, teks)
    return None


def _hari_dan_minggu(norm: str) -> tuple[int | None, str]:
    """``(weekday, "ini" | "depan")`` for ``Jumat ini`` / ``Jumat depan`` / ``next Friday``
    and their variants; ``(None, "")`` otherwise. ``minggu ini`` / ``minggu depan`` (this /
    next week) are not a day: ``hari Minggu depan`` is."""
    if m := _RE_HARI_MINGGU.fullmatch(norm):
        nama, minggu = m.group(1), m.group(2).split()[-1]
        if nama not in _HARI or (nama == "minggu" and not norm.startswith("hari ")):
            return None, ""
        return _HARI[nama], minggu
    if (m := _RE_HARI_EN.fullmatch(norm)) and m.group(2) in _HARI:
        return _HARI[m.group(2)], "ini" if m.group(1) == "this" else "depan"
    return None, ""


def _terlalu_umum(norm: str, teks: str) -> None:
    """Refuse, saying what to write instead, a form too vague for a deadline (a day name
    alone, ``minggu ini``, ``bulan depan``…); return when ``norm`` is none of them."""
    kata = norm.removeprefix("hari ").strip(",. ")
    if kata in _HARI and (kata != "minggu" or norm.startswith("hari ")):
        hari = kata.capitalize()
        raise TanggalTidakValid(teks, Teks("tanggal.hari_saja", hari=hari))
    if norm in _UMUM:
        raise TanggalTidakValid(teks, Teks("tanggal.terlalu_umum"))


def _bulan_berikut(tahun: int, bulan: int) -> tuple[int, int]:
    return (tahun + 1, 1) if bulan == 12 else (tahun, bulan + 1)


def _akhir_bulan(tahun: int, bulan: int, teks: str) -> date:
    """The last day of a month, within the accepted years."""
    if not TAHUN_MIN <= tahun <= TAHUN_MAKS:
        raise _di_luar_tahun(teks)
    return date(tahun, bulan, calendar.monthrange(tahun, bulan)[1])


def _berikutnya(hari: int, bulan: int, hari_ini: date, teks: str) -> date:
    """The next ``hari``/``bulan`` from ``hari_ini`` on (today counts): this year's, or the
    first later year that has it (29 February)."""
    if not 1 <= bulan <= 12:
        raise TanggalTidakValid(teks, Teks("tanggal.bulan_di_luar"))
    if not 1 <= hari <= _HARI_MAKS[bulan - 1]:
        # the month as it comes next (February: 28 or 29 days)
        tahun = hari_ini.year + (1 if bulan < hari_ini.month else 0)
        maks = calendar.monthrange(min(max(tahun, 1), 9999), bulan)[1]
        raise _tidak_di_kalender(teks, hari, maks)
    for tahun in range(hari_ini.year, hari_ini.year + 9):
        if tahun > TAHUN_MAKS:
            break
        if hari > calendar.monthrange(tahun, bulan)[1]:
            continue
        calon = date(tahun, bulan, hari)
        if calon >= hari_ini:
            return _dalam_rentang(calon, teks)
    raise _di_luar_tahun(teks)


def _absolut_dengan_hari(norm: str, teks: str, hari_ini: date) -> date | None:
    """Absolute forms, optionally preceded by a day name that must match the date."""
    hasil = _absolut(norm, teks, hari_ini)
    if hasil is not None:
        return hasil
    m = _RE_HARI.fullmatch(norm)
    if m is None or m.group(1) not in _HARI:
        return None
    hasil = _absolut(m.group(2), teks, hari_ini)
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


def _absolut(norm: str, teks: str, hari_ini: date) -> date | None:
    """Absolute forms without a day name (the year may be left out: the next such date);
    ``None`` if ``norm`` is not one."""
    if m := _RE_ISO.fullmatch(norm):
        return _buat(m.group(1), m.group(3), m.group(4), teks)
    if m := _RE_DMY.fullmatch(norm):
        return _buat(_tahun(m.group(4)), m.group(3), m.group(1), teks)
    if m := _RE_DM.fullmatch(norm):
        return _berikutnya(int(m.group(1)), int(m.group(3)), hari_ini, teks)
    if (m := _RE_D_BULAN_Y.fullmatch(norm)) and m.group(2) in _BULAN:
        return _buat(_tahun(m.group(3)), _BULAN[m.group(2)], m.group(1), teks)
    if (m := _RE_D_BULAN.fullmatch(norm)) and m.group(2) in _BULAN:
        return _berikutnya(int(m.group(1)), _BULAN[m.group(2)], hari_ini, teks)
    if (m := _RE_BULAN_D_Y.fullmatch(norm)) and m.group(1) in _BULAN:
        return _buat(m.group(3), _BULAN[m.group(1)], m.group(2), teks)
    if (m := _RE_BULAN_D.fullmatch(norm)) and m.group(1) in _BULAN:
        return _berikutnya(int(m.group(2)), _BULAN[m.group(1)], hari_ini, teks)
    return None


def _tahun(angka: str) -> str:
    """A two-digit year is in this century: ``26`` is 2026."""
    return f"20{angka}" if len(angka) == 2 else angka


def _buat(tahun: str | int, bulan: str | int, hari: str | int, teks: str) -> date:
    """Build a date from its parts, checking the year range and the calendar."""
    t, b, h = int(tahun), int(bulan), int(hari)
    if not TAHUN_MIN <= t <= TAHUN_MAKS:
        raise _di_luar_tahun(teks)
    if not 1 <= b <= 12:
        raise TanggalTidakValid(teks, Teks("tanggal.bulan_di_luar"))
    maks = calendar.monthrange(t, b)[1]
    if not 1 <= h <= maks:
        raise _tidak_di_kalender(teks, h, maks)
    return date(t, b, h)


def _tidak_di_kalender(teks: str, hari: int, maks: int) -> TanggalTidakValid:
    """A day the month does not have: say up to which day it goes (or that days go from 1
    to 31)."""
    if 1 <= hari <= 31:
        return TanggalTidakValid(teks, Teks("tanggal.lewat_akhir_bulan", maks=maks))
    return TanggalTidakValid(teks, Teks("tanggal.hari_di_luar"))


def _dalam_rentang(d: date | None, teks: str) -> date:
    """``d`` if its year is in the accepted range (``None``: a date beyond the calendar)."""
    if d is None or not TAHUN_MIN <= d.year <= TAHUN_MAKS:
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


def nama_hari(d: date, bahasa: str = "id") -> str:
    """The day's name: ``Sabtu`` ("id") or ``Saturday`` ("en")."""
    return format_date(d, "EEEE", locale=_lokal(bahasa))


def tanda_libur(d: date, kalender: Kalender) -> Teks | None:
    """The warning for a deadline on a day off, in the calendar's language: ``⚠️ 25 Des 2026
    adalah hari libur (Hari Raya Natal).`` for a national holiday or cuti bersama, ``⚠️ 26 Des
    2026 adalah hari Sabtu.`` for a weekend day; None on a working day. Such a deadline is
    allowed, only flagged (whatever ``WORKING_DAYS_ONLY`` says: a holiday stays one); a day the
    Pemda works (``EXTRA_WORKING_DAYS``) is not flagged."""
    if not kalender.is_off(d):
        return None
    tanggal = format_tanggal_pendek(d, kalender.language)
    nama = kalender.holiday_name(d)
    if nama is not None:
        return Teks("tanggal.libur", tanggal=tanggal, nama=html.escape(nama, quote=False))
    if d.weekday() >= 5:
        return Teks("tanggal.akhir_pekan", tanggal=tanggal, hari=nama_hari(d, kalender.language))
    return None
