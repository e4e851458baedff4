"""Dates as people type them (issue 14, point 5): no year, two-digit years, weeks, month ends
and starts, and the warning for a deadline on a day off. The forms of PRODUCT.md are in
tests/unit/test_dates.py; this file covers the ones added for officials on phones."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.domain.dates import (
    TanggalTidakValid,
    format_tanggal,
    format_tanggal_pendek,
    parse_tanggal,
    tanda_libur,
)
from bot.domain.errors import InputTidakValid
from bot.domain.kalender import Kalender
from bot.texts import Texts

T = Texts("id")
EN = Texts("en")
SELASA = date(2026, 12, 1)  # Tuesday 1 December 2026
SETTINGS = settings(max_examples=200)

BULAN_PENDEK = ["Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des"]
HARI_ID = ["senin", "selasa", "rabu", "kamis", "jumat", "sabtu"]


@pytest.mark.parametrize(
    ("hari_ini", "teks", "diharapkan"),
    [
        # no year: the next such date, today counting
        (SELASA, "31 Des", date(2026, 12, 31)),
        (SELASA, "31 Desember", date(2026, 12, 31)),
        (SELASA, "31 desember", date(2026, 12, 31)),
        (SELASA, "31/12", date(2026, 12, 31)),
        (SELASA, "1 Des", date(2026, 12, 1)),  # today counts
        (SELASA, "30 Nov", date(2027, 11, 30)),  # yesterday: next year
        (SELASA, "30/11", date(2027, 11, 30)),
        (SELASA, "15 Jan", date(2027, 1, 15)),
        (SELASA, "29 Feb", date(2028, 2, 29)),  # the next 29 February that exists
        (date(2026, 12, 31), "31 Des", date(2026, 12, 31)),
        (date(2027, 1, 1), "31 Des", date(2027, 12, 31)),
        (SELASA, "Dec 31", date(2026, 12, 31)),
        (SELASA, "31 December", date(2026, 12, 31)),
        (SELASA, "Kamis, 31 Des", date(2026, 12, 31)),  # a matching day name is allowed
        (SELASA, "tgl 5/1", date(2027, 1, 5)),
        (SELASA, "tanggal 31 Desember", date(2026, 12, 31)),
        # two-digit years are 20xx
        (SELASA, "31/12/26", date(2026, 12, 31)),
        (SELASA, "31-12-26", date(2026, 12, 31)),
        (SELASA, "31.12.26", date(2026, 12, 31)),
        (SELASA, "5/1/27", date(2027, 1, 5)),
        (SELASA, "31 Des 26", date(2026, 12, 31)),
        (SELASA, "31-12-2026", date(2026, 12, 31)),
        # weeks run Monday to Sunday
        (SELASA, "minggu depan", date(2026, 12, 7)),  # Monday of next week
        (SELASA, "Minggu Depan", date(2026, 12, 7)),
        (SELASA, "pekan depan", date(2026, 12, 7)),
        (SELASA, "next week", date(2026, 12, 7)),
        (date(2026, 12, 6), "minggu depan", date(2026, 12, 7)),  # on a Sunday: tomorrow
        (date(2026, 12, 7), "minggu depan", date(2026, 12, 14)),  # on a Monday: a week on
        (SELASA, "Jumat depan", date(2026, 12, 11)),  # Friday of next week
        (SELASA, "jumat depan", date(2026, 12, 11)),
        (SELASA, "Jum'at depan", date(2026, 12, 11)),
        (SELASA, "hari Jumat depan", date(2026, 12, 11)),
        (SELASA, "Jumat minggu depan", date(2026, 12, 11)),
        (SELASA, "Jumat pekan depan", date(2026, 12, 11)),
        (SELASA, "next Friday", date(2026, 12, 11)),
        (SELASA, "Senin depan", date(2026, 12, 7)),
        (SELASA, "Jumat ini", date(2026, 12, 4)),  # Friday of this week
        (SELASA, "this friday", date(2026, 12, 4)),
        (SELASA, "Senin ini", date(2026, 11, 30)),  # past: the command decides
        (SELASA, "hari Minggu depan", date(2026, 12, 13)),  # Sunday of next week
        (SELASA, "hari minggu ini", date(2026, 12, 6)),
        (date(2026, 12, 4), "Jumat depan", date(2026, 12, 11)),  # on a Friday: a week on
        (date(2026, 12, 4), "Jumat ini", date(2026, 12, 4)),
        # months
        (SELASA, "akhir bulan", date(2026, 12, 31)),
        (SELASA, "Akhir Bulan", date(2026, 12, 31)),
        (SELASA, "end of month", date(2026, 12, 31)),
        (date(2026, 12, 31), "akhir bulan", date(2026, 12, 31)),  # today is it: today
        (date(2027, 2, 3), "akhir bulan", date(2027, 2, 28)),
        (date(2028, 2, 3), "akhir bulan", date(2028, 2, 29)),
        (SELASA, "akhir bulan depan", date(2027, 1, 31)),
        (SELASA, "awal bulan depan", date(2027, 1, 1)),
        (SELASA, "awal bulan", date(2026, 12, 1)),  # today is the 1st
        (date(2026, 12, 2), "awal bulan", date(2027, 1, 1)),
        (SELASA, "awal Januari", date(2027, 1, 1)),
        (date(2027, 1, 1), "awal Januari", date(2027, 1, 1)),
        (date(2027, 1, 2), "awal Januari", date(2028, 1, 1)),
        (SELASA, "awal Des", date(2026, 12, 1)),  # 1 December is today: counts
        (date(2026, 11, 30), "awal Desember", date(2026, 12, 1)),
        (SELASA, "akhir Desember", date(2026, 12, 31)),
        (SELASA, "akhir Februari", date(2027, 2, 28)),
        # relative, as before
        (SELASA, "besok", date(2026, 12, 2)),
        (SELASA, "lusa", date(2026, 12, 3)),
        (SELASA, "hari ini", date(2026, 12, 1)),
        (SELASA, "3 hari lagi", date(2026, 12, 4)),
        (SELASA, "2 minggu lagi", date(2026, 12, 15)),
    ],
)
def test_bentuk_ketikan(hari_ini: date, teks: str, diharapkan: date) -> None:
    assert parse_tanggal(teks, hari_ini) == diharapkan


def test_awal_desember_hari_ini_adalah_hari_ini() -> None:
    # "awal Desember" typed on 1 December: today counts, like "1 Des"
    assert parse_tanggal("awal Desember", SELASA) == SELASA


@pytest.mark.parametrize(
    ("teks", "alasan"),
    [
        ("31 Feb", "bulan itu hanya sampai tanggal 28"),  # next February: 2027
        ("30 Februari", "bulan itu hanya sampai tanggal 28"),
        ("31 April", "bulan itu hanya sampai tanggal 30"),
        ("31/4/2027", "bulan itu hanya sampai tanggal 30"),
        ("29/2/2027", "bulan itu hanya sampai tanggal 28"),
        ("32/1", "tanggal hanya 1 sampai 31"),
        ("0/1", "tanggal hanya 1 sampai 31"),
        ("32/1/2027", "tanggal hanya 1 sampai 31"),
        ("1/13", "bulan hanya 1 sampai 12"),
        ("1/13/2027", "bulan hanya 1 sampai 12"),
        ("Jumat", "«Jumat ini» (minggu ini), «Jumat depan» (minggu depan)"),
        ("hari Senin", "«Senin ini»"),
        ("hari minggu", "«Minggu ini»"),
        ("minggu ini", "terlalu umum"),
        ("bulan depan", "terlalu umum"),
        ("bulan ini", "terlalu umum"),
        ("akhir pekan", "terlalu umum"),
        ("31", "tidak dikenali"),
        ("Desember", "tidak dikenali"),
        ("kemarin", "tidak dikenali"),
        ("Senin, 31 Des", "harinya tidak cocok"),  # 31 Dec 2026 is a Thursday
    ],
)
def test_salah_atau_meragukan_dijelaskan_dengan_contoh(teks: str, alasan: str) -> None:
    with pytest.raises(TanggalTidakValid) as info:
        parse_tanggal(teks, SELASA)
    pesan = info.value.text(T)
    assert alasan in pesan
    # every refusal shows the forms to type, old and new
    for contoh in ("31/12/2026", "31 Des", "Jumat depan", "minggu depan", "akhir bulan"):
        assert contoh in pesan
    assert info.value.text(EN)  # and exists in English


def test_pesan_inggris() -> None:
    with pytest.raises(TanggalTidakValid) as info:
        parse_tanggal("Friday", SELASA)
    assert "«this Friday», «next Friday»" in info.value.text(EN)
    with pytest.raises(TanggalTidakValid) as info:
        parse_tanggal("31 Feb", SELASA)
    assert "that month only goes up to day 28" in info.value.text(EN)


def test_tanpa_tahun_di_luar_rentang() -> None:
    with pytest.raises(TanggalTidakValid) as info:
        parse_tanggal("30 Nov", date(2100, 12, 1))
    assert "2000 sampai 2100" in info.value.text(T)
    with pytest.raises(TanggalTidakValid):
        parse_tanggal("Jumat depan", date(9999, 12, 31))
    with pytest.raises(TanggalTidakValid):
        parse_tanggal("akhir bulan", date(1999, 12, 31))


# --- the warning for a deadline on a day off ---------------------------------------------


@pytest.mark.parametrize(
    ("d", "bahasa", "diharapkan"),
    [
        (date(2026, 12, 25), "id", "⚠️ 25 Des 2026 adalah hari libur (Hari Raya Natal)."),
        (date(2026, 12, 26), "id", "⚠️ 26 Des 2026 adalah hari Sabtu."),
        (date(2026, 12, 27), "id", "⚠️ 27 Des 2026 adalah hari Minggu."),
        (date(2026, 8, 17), "id", "⚠️ 17 Agu 2026 adalah hari libur (Hari Kemerdekaan Republik"),
        (date(2026, 12, 25), "en", "⚠️ 25 Dec 2026 is a public holiday (Christmas Day)."),
        (date(2026, 12, 26), "en", "⚠️ 26 Dec 2026 is a Saturday."),
    ],
)
def test_tanda_libur(d: date, bahasa: str, diharapkan: str) -> None:
    teks = tanda_libur(d, Kalender(language=bahasa))
    assert teks is not None
    assert Texts(bahasa).render(teks).startswith(diharapkan)


def test_hari_kerja_tanpa_tanda() -> None:
    assert tanda_libur(date(2026, 12, 1), Kalender()) is None
    assert tanda_libur(date(2026, 12, 31), Kalender()) is None


def test_hari_kerja_dan_libur_pemda_sendiri() -> None:
    """A Saturday the Pemda works is not flagged; its own day off is, by the name it gives."""
    sabtu, ulang_tahun = date(2026, 12, 5), date(2026, 12, 3)
    kalender = Kalender(extra_holidays=[ulang_tahun], extra_working_days=[sabtu])
    assert tanda_libur(sabtu, kalender) is None
    teks = tanda_libur(ulang_tahun, kalender)
    assert teks is not None and "Libur daerah" in Texts("id").render(teks)


# --- properties ---------------------------------------------------------------------------

hari_ini_wajar = st.dates(min_value=date(2000, 1, 8), max_value=date(2098, 12, 31))
KATA = [
    "hari", "ini", "depan", "minggu", "pekan", "bulan", "akhir", "awal", "jumat", "senin",
    "des", "desember", "feb", "tgl", "tanggal", "lagi", "next", "this", "week", "friday",
    "31", "29", "1", "12", "26", "2026", "/", "-", ".", ",", "'", " ",
]  # fmt: skip


@SETTINGS
@given(
    st.one_of(
        st.text(max_size=70),
        st.lists(st.sampled_from(KATA), max_size=6).map(" ".join),
        st.lists(st.sampled_from(KATA), max_size=6).map("".join),
        st.from_regex(r"\A[0-9]{1,3} ?[/.\- ] ?[0-9]{1,3}( ?[/.\- ] ?[0-9]{1,4})?\Z"),
    ),
    st.dates(),
)
def test_hanya_input_tidak_valid_yang_dilempar(teks: str, hari_ini: date) -> None:
    try:
        hasil = parse_tanggal(teks, hari_ini)
    except InputTidakValid as e:
        assert isinstance(e, TanggalTidakValid)
        assert "Bentuk yang diterima" in e.text(T)
        assert e.text(EN)
    else:
        assert type(hasil) is date
        assert 2000 <= hasil.year <= 2100


@SETTINGS
@given(hari_ini_wajar, st.integers(min_value=0, max_value=364))
def test_tanpa_tahun_bolak_balik(hari_ini: date, maju: int) -> None:
    """A date within the coming year, typed without its year, is read back as itself."""
    d = hari_ini + timedelta(days=maju)
    if d.month == 2 and d.day == 29:
        return  # the only day whose next occurrence may be years away, checked above
    for teks in (
        f"{d.day} {BULAN_PENDEK[d.month - 1]}",
        f"{d.day}/{d.month}",
        f"{d.day:02d}-{d.month:02d}",
        format_tanggal_pendek(d).rsplit(" ", 1)[0],
        format_tanggal_pendek(d, "en").rsplit(" ", 1)[0],
    ):
        assert parse_tanggal(teks, hari_ini) == d, teks


@SETTINGS
@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31)), st.dates())
def test_tahun_dua_digit_dan_format_bolak_balik(d: date, hari_ini: date) -> None:
    for teks in (
        f"{d.day}/{d.month}/{d.year % 100:02d}",
        f"{d.day:02d}-{d.month:02d}-{d.year % 100:02d}",
        format_tanggal(d),
        format_tanggal_pendek(d),
        format_tanggal(d, "en"),
    ):
        assert parse_tanggal(teks, hari_ini) == d, teks


@SETTINGS
@given(hari_ini_wajar, st.sampled_from(range(6)))
def test_hari_depan_jatuh_di_minggu_berikutnya(hari_ini: date, hari: int) -> None:
    senin_depan = parse_tanggal("minggu depan", hari_ini)
    assert senin_depan.weekday() == 0
    assert 1 <= (senin_depan - hari_ini).days <= 7
    hasil = parse_tanggal(f"{HARI_ID[hari]} depan", hari_ini)
    assert hasil.weekday() == hari
    assert senin_depan <= hasil < senin_depan + timedelta(days=7)
    ini = parse_tanggal(f"{HARI_ID[hari]} ini", hari_ini)
    assert hasil - ini == timedelta(days=7)


@SETTINGS
@given(hari_ini_wajar)
def test_akhir_dan_awal_bulan(hari_ini: date) -> None:
    akhir = parse_tanggal("akhir bulan", hari_ini)
    assert (akhir.year, akhir.month) == (hari_ini.year, hari_ini.month)
    assert (akhir + timedelta(days=1)).day == 1
    awal = parse_tanggal("awal bulan depan", hari_ini)
    assert awal == akhir + timedelta(days=1)
    januari = parse_tanggal("awal Januari", hari_ini)
    assert (januari.month, januari.day) == (1, 1)
    assert hari_ini <= januari <= hari_ini + timedelta(days=366)
