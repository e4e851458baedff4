"""Tests for bot.domain.dates: the one date parser and the Indonesian/English display."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.domain.dates import (
    BENTUK_DITERIMA,
    TanggalTidakValid,
    format_tanggal,
    format_tanggal_pendek,
    parse_tanggal,
)
from bot.domain.errors import DomainError, InputTidakValid
from bot.texts import Texts

T = Texts("id")  # reads the message of a refusal as the user sees it
HARI_INI = date(2026, 1, 31)  # a Saturday, at a month end: exercises month clamping

# The forms PRODUCT.md promises; every error message must show them.
BENTUK_PRODUK = [
    "2026-12-31",
    "31/12/2026",
    "31-12-2026",
    "31 Des 2026",
    "31 Desember 2026",
    "7 hari",
    "2 minggu",
    "besok",
]

BULAN_ID = [
    "Januari", "Februari", "Maret", "April", "Mei", "Juni",
    "Juli", "Agustus", "September", "Oktober", "November", "Desember",
]  # fmt: skip
BULAN_ID_PENDEK = [
    "Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des",
]  # fmt: skip

SETTINGS = settings(max_examples=150)


# --- accepted -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("teks", "diharapkan"),
    [
        # ISO
        ("2026-12-31", date(2026, 12, 31)),
        ("2027-1-2", date(2027, 1, 2)),
        ("2026/12/31", date(2026, 12, 31)),
        ("2000-01-01", date(2000, 1, 1)),
        ("2100-12-31", date(2100, 12, 31)),
        ("2028-02-29", date(2028, 2, 29)),
        # day first, numeric
        ("31/12/2026", date(2026, 12, 31)),
        ("31-12-2026", date(2026, 12, 31)),
        ("31.12.2026", date(2026, 12, 31)),
        ("1/2/2027", date(2027, 2, 1)),
        ("01/02/2027", date(2027, 2, 1)),
        ("1-2-2027", date(2027, 2, 1)),
        ("31 / 12 / 2026", date(2026, 12, 31)),
        # surrounding / odd whitespace
        ("  31/12/2026  ", date(2026, 12, 31)),
        ("\t2026-12-31\n", date(2026, 12, 31)),
        ("31\u00a0Des\u00a02026", date(2026, 12, 31)),
        ("31   Desember   2026", date(2026, 12, 31)),
        # Indonesian month names, any case
        ("31 Des 2026", date(2026, 12, 31)),
        ("31 Desember 2026", date(2026, 12, 31)),
        ("31 desember 2026", date(2026, 12, 31)),
        ("31 DESEMBER 2026", date(2026, 12, 31)),
        ("31 dEs 2026", date(2026, 12, 31)),
        ("31 Des. 2026", date(2026, 12, 31)),
        ("31-Des-2026", date(2026, 12, 31)),
        ("31Des2026", date(2026, 12, 31)),
        ("31 Desember, 2026", date(2026, 12, 31)),
        ("1 Januari 2027", date(2027, 1, 1)),
        ("1 Jan 2027", date(2027, 1, 1)),
        ("28 Februari 2027", date(2027, 2, 28)),
        ("28 Feb 2027", date(2027, 2, 28)),
        ("28 Peb 2027", date(2027, 2, 28)),
        ("28 Pebruari 2027", date(2027, 2, 28)),
        ("3 Maret 2027", date(2027, 3, 3)),
        ("3 Mar 2027", date(2027, 3, 3)),
        ("3 Mrt 2027", date(2027, 3, 3)),
        ("4 April 2027", date(2027, 4, 4)),
        ("4 Apr 2027", date(2027, 4, 4)),
        ("5 Mei 2027", date(2027, 5, 5)),
        ("6 Juni 2027", date(2027, 6, 6)),
        ("6 Jun 2027", date(2027, 6, 6)),
        ("7 Juli 2027", date(2027, 7, 7)),
        ("7 Jul 2027", date(2027, 7, 7)),
        ("17 Agustus 2026", date(2026, 8, 17)),
        ("17 Agt 2026", date(2026, 8, 17)),
        ("17 Agu 2026", date(2026, 8, 17)),
        ("17 Agus 2026", date(2026, 8, 17)),
        ("9 September 2027", date(2027, 9, 9)),
        ("9 Sep 2027", date(2027, 9, 9)),
        ("9 Sept 2027", date(2027, 9, 9)),
        ("10 Oktober 2027", date(2027, 10, 10)),
        ("10 Okt 2027", date(2027, 10, 10)),
        ("11 November 2027", date(2027, 11, 11)),
        ("11 Nov 2027", date(2027, 11, 11)),
        ("11 Nop 2027", date(2027, 11, 11)),
        ("11 Nopember 2027", date(2027, 11, 11)),
        # English extras
        ("31 December 2026", date(2026, 12, 31)),
        ("31 Dec 2026", date(2026, 12, 31)),
        ("17 August 2026", date(2026, 8, 17)),
        ("17 Aug 2026", date(2026, 8, 17)),
        ("10 Oct 2027", date(2027, 10, 10)),
        ("5 May 2027", date(2027, 5, 5)),
        ("December 31, 2026", date(2026, 12, 31)),
        ("Dec 31 2026", date(2026, 12, 31)),
        # a day name in front, when it matches
        ("Kamis, 31 Desember 2026", date(2026, 12, 31)),
        ("kamis 31 desember 2026", date(2026, 12, 31)),
        ("Kamis, 31/12/2026", date(2026, 12, 31)),
        ("Kamis, 2026-12-31", date(2026, 12, 31)),
        ("Jumat, 1 Januari 2027", date(2027, 1, 1)),
        ("Jum'at, 1 Januari 2027", date(2027, 1, 1)),
        ("Jum\u2019at, 1 Januari 2027", date(2027, 1, 1)),
        ("Minggu, 3 Januari 2027", date(2027, 1, 3)),
        ("Ahad, 3 Januari 2027", date(2027, 1, 3)),
        ("Senin, 4 Januari 2027", date(2027, 1, 4)),
        ("Thursday, 31 December 2026", date(2026, 12, 31)),
        # relative to HARI_INI (Saturday 31 January 2026)
        ("hari ini", date(2026, 1, 31)),
        ("Hari Ini", date(2026, 1, 31)),
        ("besok", date(2026, 2, 1)),
        ("BESOK", date(2026, 2, 1)),
        (" besok ", date(2026, 2, 1)),
        ("lusa", date(2026, 2, 2)),
        ("today", date(2026, 1, 31)),
        ("tomorrow", date(2026, 2, 1)),
        ("1 hari", date(2026, 2, 1)),
        ("7 hari", date(2026, 2, 7)),
        ("7hari", date(2026, 2, 7)),
        ("7 hari lagi", date(2026, 2, 7)),
        ("30 Hari", date(2026, 3, 2)),
        ("3650 hari", date(2036, 1, 29)),
        ("1 minggu", date(2026, 2, 7)),
        ("2 minggu", date(2026, 2, 14)),
        ("2 pekan", date(2026, 2, 14)),
        ("2 minggu lagi", date(2026, 2, 14)),
        ("1 bulan", date(2026, 2, 28)),  # clamped: no 31 February
        ("2 bulan", date(2026, 3, 31)),
        ("3 bulan", date(2026, 4, 30)),
        ("12 bulan", date(2027, 1, 31)),
        ("13 bulan", date(2027, 2, 28)),
        ("25 bulan", date(2028, 2, 29)),  # leap year
        ("10 days", date(2026, 2, 10)),
        ("2 weeks", date(2026, 2, 14)),
        ("1 month", date(2026, 2, 28)),
    ],
)
def test_bentuk_diterima(teks: str, diharapkan: date) -> None:
    assert parse_tanggal(teks, HARI_INI) == diharapkan


@pytest.mark.parametrize(
    ("hari_ini", "teks", "diharapkan"),
    [
        (date(2026, 12, 31), "besok", date(2027, 1, 1)),
        (date(2028, 2, 28), "besok", date(2028, 2, 29)),
        (date(2026, 3, 31), "1 bulan", date(2026, 4, 30)),
        (date(2026, 8, 15), "1 bulan", date(2026, 9, 15)),
        (date(2026, 11, 30), "3 bulan", date(2027, 2, 28)),
        (date(2026, 12, 31), "2 minggu", date(2027, 1, 14)),
    ],
)
def test_relatif_melewati_batas_bulan_dan_tahun(
    hari_ini: date, teks: str, diharapkan: date
) -> None:
    assert parse_tanggal(teks, hari_ini) == diharapkan


def test_hari_ini_boleh_datetime() -> None:
    hasil = parse_tanggal("besok", datetime(2026, 1, 31, 23, 59))
    assert hasil == date(2026, 2, 1)
    assert type(hasil) is date


def test_hasil_selalu_date_bukan_datetime() -> None:
    assert type(parse_tanggal("31/12/2026", HARI_INI)) is date


# --- rejected -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "teks",
    [
        "",
        "   ",
        "xyz",
        "kemarin",
        "secepatnya",
        "31",
        "Desember 2026",
        "12/31/2026",  # month first: month 31 does not exist
        "31/02/2026",
        "30/02/2028",
        "29/02/2026",  # not a leap year
        "2026-02-29",
        "2026-13-01",
        "2026-00-10",
        "00/01/2026",
        "32/01/2026",
        "31 April 2027",
        "31 Foo 2026",
        "31 Desemberr 2026",
        "31/12-2026",  # mixed separators
        "2026-12-31T10:00",
        "31/12/2026 10:00",
        "1999-12-31",
        "31/12/1999",
        "1 Januari 2101",
        "2101-01-01",
        "0001-01-01",
        "9999-12-31",
        "31/12/20260",
        "0 hari",
        "3651 hari",
        "99999999999999999999 hari",
        "-1 hari",
        "+7 hari",
        "7",
        "7 tahun",
        "1.5 hari",
        "tujuh hari",
        "hari",
        "besok lusa",
        "Senin, 31 Desember 2026",  # 31 Dec 2026 is a Thursday
        "Jumat, 31/12/2026",
        "Kamis",
        "Funday, 31 Desember 2026",
        "٣١/١٢/٢٠٢٦",  # Arabic-Indic digits
        "３１/１２/２０２６",  # full-width digits
        "<b>31/12/2026</b>",
        "31/12/2026; DROP TABLE arahan",
        "x" * 61,
        " " * 30 + "31/12/2026" + " " * 30,  # 70 chars: too long before stripping
        "\x00",
        "\ud800",
        "31\n12\n2026",
    ],
)
def test_bentuk_ditolak(teks: str) -> None:
    with pytest.raises(TanggalTidakValid) as info:
        parse_tanggal(teks, HARI_INI)
    pesan = info.value.text(T)
    for bentuk in BENTUK_PRODUK:
        assert bentuk in pesan
    assert "Bentuk yang diterima" in pesan


@pytest.mark.parametrize(
    ("hari_ini", "teks"),
    [
        (date(2100, 12, 31), "besok"),
        (date(2099, 1, 1), "3650 hari"),
        (date(2099, 1, 1), "3650 minggu"),
        (date(2099, 1, 1), "3650 bulan"),
        (date(9999, 12, 31), "besok"),  # would overflow date.max
        (date(9999, 12, 1), "1 bulan"),
        (date(1999, 12, 31), "hari ini"),
    ],
)
def test_relatif_di_luar_rentang_tahun(hari_ini: date, teks: str) -> None:
    with pytest.raises(TanggalTidakValid) as info:
        parse_tanggal(teks, hari_ini)
    assert "2000 sampai 2100" in info.value.text(T)


def test_galat_adalah_input_tidak_valid() -> None:
    with pytest.raises(InputTidakValid):
        parse_tanggal("xyz", HARI_INI)
    assert issubclass(TanggalTidakValid, DomainError)


def test_pesan_mengutip_masukan() -> None:
    with pytest.raises(TanggalTidakValid) as info:
        parse_tanggal("tgl xyz", HARI_INI)
    assert "«tgl xyz»" in info.value.text(T)
    assert "«tgl xyz»" in info.value.text(Texts("en"))


def test_pesan_meloloskan_html() -> None:
    with pytest.raises(TanggalTidakValid) as info:
        parse_tanggal("<b>a&b</b>", HARI_INI)
    pesan = info.value.text(T)
    assert "<b>" not in pesan
    assert "&lt;b&gt;a&amp;b&lt;/b&gt;" in pesan


def test_pesan_memotong_masukan_panjang() -> None:
    teks = "a" * 55
    with pytest.raises(TanggalTidakValid) as info:
        parse_tanggal(teks, HARI_INI)
    assert teks not in info.value.text(T)
    assert "a" * 39 + "…" in info.value.text(T)


def test_pesan_masukan_terlalu_panjang() -> None:
    with pytest.raises(TanggalTidakValid) as info:
        parse_tanggal("<" * 10_000, HARI_INI)
    assert "terlalu panjang" in info.value.text(T)
    assert "too long" in info.value.text(Texts("en"))


@pytest.mark.parametrize(
    ("teks", "alasan"),
    [
        ("31/02/2026", "tidak ada di kalender"),
        ("1999-01-01", "2000 sampai 2100"),
        ("0 hari", "1 sampai 3650"),
        ("Senin, 31 Desember 2026", "Kamis"),
        ("", "belum diisi"),
        ("xyz", "tidak dikenali"),
    ],
)
def test_pesan_menyebut_alasan(teks: str, alasan: str) -> None:
    with pytest.raises(TanggalTidakValid) as info:
        parse_tanggal(teks, HARI_INI)
    assert alasan in info.value.text(T)


def test_bukan_str_tetap_tanggal_tidak_valid() -> None:
    with pytest.raises(TanggalTidakValid):
        parse_tanggal(None, HARI_INI)  # type: ignore[arg-type]
    with pytest.raises(TanggalTidakValid):
        parse_tanggal(20261231, HARI_INI)  # type: ignore[arg-type]


def test_bentuk_diterima_tercantum() -> None:
    for bentuk in BENTUK_PRODUK:
        assert bentuk in BENTUK_DITERIMA


# --- display ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("d", "bahasa", "diharapkan"),
    [
        (date(2026, 12, 31), "id", "Kamis, 31 Desember 2026"),
        (date(2026, 12, 31), "en", "Thursday, 31 December 2026"),
        (date(2027, 1, 4), "id", "Senin, 4 Januari 2027"),
        (date(2027, 1, 1), "id", "Jumat, 1 Januari 2027"),
        (date(2027, 1, 3), "id", "Minggu, 3 Januari 2027"),
        (date(2026, 8, 17), "id", "Senin, 17 Agustus 2026"),
        (date(2026, 8, 17), "en", "Monday, 17 August 2026"),
        (date(2026, 12, 31), "EN", "Thursday, 31 December 2026"),
        (date(2026, 12, 31), "en-US", "Thursday, 31 December 2026"),
        (date(2026, 12, 31), "id_ID", "Kamis, 31 Desember 2026"),
        (date(2026, 12, 31), "xx", "Kamis, 31 Desember 2026"),  # unknown → Indonesian
    ],
)
def test_format_tanggal(d: date, bahasa: str, diharapkan: str) -> None:
    assert format_tanggal(d, bahasa) == diharapkan


def test_format_tanggal_bawaan_indonesia() -> None:
    assert format_tanggal(date(2026, 12, 31)) == "Kamis, 31 Desember 2026"
    assert format_tanggal_pendek(date(2026, 12, 31)) == "31 Des 2026"


@pytest.mark.parametrize(
    ("d", "bahasa", "diharapkan"),
    [
        (date(2026, 12, 31), "id", "31 Des 2026"),
        (date(2026, 12, 31), "en", "31 Dec 2026"),
        (date(2027, 5, 1), "id", "1 Mei 2027"),
        (date(2026, 10, 5), "id", "5 Okt 2026"),
        (date(2026, 10, 5), "en", "5 Oct 2026"),
    ],
)
def test_format_tanggal_pendek(d: date, bahasa: str, diharapkan: str) -> None:
    assert format_tanggal_pendek(d, bahasa) == diharapkan


# --- properties ---------------------------------------------------------------------------

tanggal_rentang = st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 12, 31))
hari_ini_wajar = st.dates(min_value=date(2000, 1, 1), max_value=date(2090, 12, 31))


@SETTINGS
@given(
    st.one_of(
        st.text(max_size=80),
        st.from_regex(r"\A[0-9 /.\-]{0,20}\Z"),
        st.from_regex(r"\A[0-9]{1,6} ?[A-Za-z]{0,10} ?[0-9]{0,6}\Z"),
    ),
    st.dates(),
)
def test_teks_apa_pun_tanggal_atau_galat(teks: str, hari_ini: date) -> None:
    try:
        hasil = parse_tanggal(teks, hari_ini)
    except TanggalTidakValid as e:
        assert "Bentuk yang diterima" in e.text(T)
    else:
        assert type(hasil) is date
        assert 2000 <= hasil.year <= 2100


def _semua_bentuk(d: date) -> list[str]:
    return [
        d.isoformat(),
        f"{d.year}-{d.month}-{d.day}",
        f"{d.day:02d}/{d.month:02d}/{d.year}",
        f"{d.day}/{d.month}/{d.year}",
        f"{d.day:02d}-{d.month:02d}-{d.year}",
        f"{d.day}-{d.month}-{d.year}",
        f"{d.day} {BULAN_ID_PENDEK[d.month - 1]} {d.year}",
        f"{d.day} {BULAN_ID[d.month - 1]} {d.year}",
        f"{d.day} {BULAN_ID[d.month - 1].upper()} {d.year}",
        format_tanggal_pendek(d),
        format_tanggal_pendek(d, "en"),
        format_tanggal(d),
        format_tanggal(d, "en"),
    ]


@SETTINGS
@given(tanggal_rentang, st.dates())
def test_bolak_balik_bentuk_absolut(d: date, hari_ini: date) -> None:
    for teks in _semua_bentuk(d):
        assert parse_tanggal(teks, hari_ini) == d, teks


@SETTINGS
@given(hari_ini_wajar, st.integers(min_value=1, max_value=3650))
def test_n_hari_sama_dengan_tambah_hari(hari_ini: date, n: int) -> None:
    assert parse_tanggal(f"{n} hari", hari_ini) == hari_ini + timedelta(days=n)


@SETTINGS
@given(hari_ini_wajar, st.integers(min_value=1, max_value=500))
def test_n_minggu_sama_dengan_tujuh_n_hari(hari_ini: date, n: int) -> None:
    assert parse_tanggal(f"{n} minggu", hari_ini) == hari_ini + timedelta(weeks=n)


@SETTINGS
@given(hari_ini_wajar, st.integers(min_value=1, max_value=120))
def test_n_bulan_kalender(hari_ini: date, n: int) -> None:
    hasil = parse_tanggal(f"{n} bulan", hari_ini)
    selisih_bulan = (hasil.year - hari_ini.year) * 12 + hasil.month - hari_ini.month
    assert selisih_bulan == n
    assert hasil.day <= hari_ini.day
    if hasil.day < hari_ini.day:  # clamped: must be the last day of its month
        assert (hasil + timedelta(days=1)).day == 1
