"""Tests for directives as typed (`KODE[,KODE…] | tenggat | teks [| prioritas]`) and as imported
(`opd,tenggat,arahan[,prioritas]`): `parse_arahan_line`, `validate_arahan`, `parse_prioritas`."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.domain.arahan_rows import (
    MAX_OPD,
    MAX_TEKS,
    PRIORITAS,
    ArahanBaru,
    parse_arahan_line,
    parse_prioritas,
    validate_arahan,
)
from bot.domain.dates import TanggalTidakValid
from bot.domain.tables import Alasan, read_table
from bot.texts import Teks, Texts
from tests.support.fake_telegram import parse_html

T = Texts("id")
TODAY = date(2026, 11, 22)  # a Sunday
REPO = Path(__file__).resolve().parents[2]
SETTINGS = settings(max_examples=80)

BAGIAN_KURANG = T("arahan.bagian_kurang")
TEKS_SALAH = T("arahan.teks_kosong", maks=MAX_TEKS)


def kode_salah(kode: str) -> str:
    return T("opd.kode_salah", kode=kode)


def tanggal_salah(teks: str) -> str:
    return TanggalTidakValid(teks).text(T)


def A(*kode: str, tenggat: date, teks: str, prioritas: str = "sedang") -> ArahanBaru:  # noqa: N802
    return ArahanBaru(tuple(kode), tenggat, teks, prioritas)


def rendered(result: ArahanBaru | list[Alasan], texts: Texts = T) -> ArahanBaru | list[str]:
    """The directive, or its reasons as the admin reads them."""
    return result if isinstance(result, ArahanBaru) else [texts.render(r) for r in result]


def read_line(line: str, texts: Texts = T) -> ArahanBaru | list[str]:
    """`parse_arahan_line` with its reasons rendered in ``texts``' language."""
    return rendered(parse_arahan_line(line, TODAY), texts)


# --- priorities ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("tinggi", "tinggi"),
        ("TINGGI", "tinggi"),
        ("  Tinggi ", "tinggi"),
        ("high", "tinggi"),
        ("penting", "tinggi"),
        ("segera", "tinggi"),
        ("sedang", "sedang"),
        ("normal", "sedang"),
        ("biasa", "sedang"),
        ("medium", "sedang"),
        ("rendah", "rendah"),
        ("low", "rendah"),
        ("Rendah", "rendah"),
        ("", None),
        ("  ", None),
        ("urgent", None),
        ("sangat tinggi", None),
        ("1", None),
        ("tinggi!", None),
    ],
)
def test_parse_prioritas(typed: str, expected: str | None) -> None:
    assert parse_prioritas(typed) == expected


def test_every_priority_is_known() -> None:
    assert PRIORITAS == ("tinggi", "sedang", "rendah")
    for level in PRIORITAS:
        assert parse_prioritas(level) == level
        assert T(f"prioritas.{level}")


# --- one typed line: accepted --------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        # one OPD; codes are upper-cased
        (
            "DINKES | 31/12/2026 | Validasi data stunting",
            A("DINKES", tenggat=date(2026, 12, 31), teks="Validasi data stunting"),
        ),
        (
            "dinkes | 31/12/2026 | Validasi data stunting",
            A("DINKES", tenggat=date(2026, 12, 31), teks="Validasi data stunting"),
        ),
        ("DINKES|2026-12-31|Validasi", A("DINKES", tenggat=date(2026, 12, 31), teks="Validasi")),
        # several OPDs: the first leads, the order is kept, spaces and empty items ignored
        (
            "DINKES,DISDIK,BAPPEDA | 31 Des 2026 | Teks",
            A("DINKES", "DISDIK", "BAPPEDA", tenggat=date(2026, 12, 31), teks="Teks"),
        ),
        (
            "bappeda , dinkes,disdik | 31 Desember 2026 | Teks",
            A("BAPPEDA", "DINKES", "DISDIK", tenggat=date(2026, 12, 31), teks="Teks"),
        ),
        (
            "KEC_X_KOTO,,DPMN, | 31-12-2026 | Teks",
            A("KEC_X_KOTO", "DPMN", tenggat=date(2026, 12, 31), teks="Teks"),
        ),
        # deadline today is allowed; relative dates count from today
        ("DINKES | hari ini | Teks", A("DINKES", tenggat=TODAY, teks="Teks")),
        ("DINKES | 22/11/2026 | Teks", A("DINKES", tenggat=TODAY, teks="Teks")),
        ("DINKES | besok | Teks", A("DINKES", tenggat=date(2026, 11, 23), teks="Teks")),
        ("DINKES | lusa | Teks", A("DINKES", tenggat=date(2026, 11, 24), teks="Teks")),
        ("DINKES | 7 hari | Teks", A("DINKES", tenggat=date(2026, 11, 29), teks="Teks")),
        ("DINKES | 2 minggu | Teks", A("DINKES", tenggat=date(2026, 12, 6), teks="Teks")),
        ("DINKES | 2 pekan lagi | Teks", A("DINKES", tenggat=date(2026, 12, 6), teks="Teks")),
        ("DINKES | 3 bulan | Teks", A("DINKES", tenggat=date(2027, 2, 22), teks="Teks")),
        # the optional 4th part: a priority
        (
            "DINKES | besok | Teks | tinggi",
            A("DINKES", tenggat=date(2026, 11, 23), teks="Teks", prioritas="tinggi"),
        ),
        (
            "DINKES | besok | Teks | Segera",
            A("DINKES", tenggat=date(2026, 11, 23), teks="Teks", prioritas="tinggi"),
        ),
        (
            "DINKES | besok | Teks | normal",
            A("DINKES", tenggat=date(2026, 11, 23), teks="Teks", prioritas="sedang"),
        ),
        (
            "DINKES | besok | Teks | low ",
            A("DINKES", tenggat=date(2026, 11, 23), teks="Teks", prioritas="rendah"),
        ),
        # a 4th part that is not a priority belongs to the text
        (
            "DINKES | besok | Laporkan progres | jangan terlambat",
            A("DINKES", tenggat=date(2026, 11, 23), teks="Laporkan progres | jangan terlambat"),
        ),
        # `|` inside the text stays in the text, with or without a priority after it
        (
            "DINKES | besok | Capaian 50 | 60 | 70 persen",
            A("DINKES", tenggat=date(2026, 11, 23), teks="Capaian 50 | 60 | 70 persen"),
        ),
        (
            "DINKES | besok | Capaian 50 | 60 persen | rendah",
            A(
                "DINKES",
                tenggat=date(2026, 11, 23),
                teks="Capaian 50 | 60 persen",
                prioritas="rendah",
            ),
        ),
        # a priority word as the only text is text, not priority
        ("DINKES | besok | tinggi", A("DINKES", tenggat=date(2026, 11, 23), teks="tinggi")),
        # whitespace in the text is collapsed
        (
            "DINKES | besok |   Validasi \t data\u00a0 stunting  \n per  nagari  ",
            A("DINKES", tenggat=date(2026, 11, 23), teks="Validasi data stunting per nagari"),
        ),
        # the text may be exactly 2000 characters (counted after collapsing)
        (
            "DINKES | besok | " + "x" * MAX_TEKS,
            A("DINKES", tenggat=date(2026, 11, 23), teks="x" * MAX_TEKS),
        ),
        (
            "DINKES | besok | " + "x" * (MAX_TEKS - 2) + "    y",
            A("DINKES", tenggat=date(2026, 11, 23), teks="x" * (MAX_TEKS - 2) + " y"),
        ),
    ],
)
def test_line_accepted(line: str, expected: ArahanBaru) -> None:
    assert read_line(line) == expected


def test_twenty_opds_allowed_in_order() -> None:
    codes = [f"KEC_{i:02d}" for i in range(MAX_OPD, 0, -1)]
    result = parse_arahan_line(f"{','.join(codes)} | besok | Teks", TODAY)
    assert isinstance(result, ArahanBaru)
    assert result.kode_opd == tuple(codes)
    assert result.kode_opd[0] == "KEC_20"  # the lead


# --- one typed line: refused ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "reasons"),
    [
        # missing parts
        ("", [BAGIAN_KURANG]),
        ("DINKES", [BAGIAN_KURANG]),
        ("DINKES | besok", [BAGIAN_KURANG]),
        ("DINKES besok Validasi data", [BAGIAN_KURANG]),
        (
            "DINKES | besok | tinggi | rendah",  # priority popped: 3 parts remain, text "tinggi"
            None,
        ),
        ("DINKES | besok | tinggi", None),
        ("| besok | Teks", [BAGIAN_KURANG]),
        (" , | besok | Teks", [BAGIAN_KURANG]),
        ("DINKES | besok | ", [TEKS_SALAH]),
        ("DINKES | besok |  | tinggi", [TEKS_SALAH]),
        # deadline
        ("DINKES | 21/11/2026 | Teks", [T("arahan.tenggat_lewat", tanggal="2026-11-21")]),
        ("DINKES | 2000-01-01 | Teks", [T("arahan.tenggat_lewat", tanggal="2000-01-01")]),
        ("DINKES | kemarin | Teks", [tanggal_salah("kemarin")]),
        (
            "DINKES | 31/02/2027 | Teks",
            [TanggalTidakValid("31/02/2027", Teks("tanggal.lewat_akhir_bulan", maks=28)).text(T)],
        ),
        ("DINKES |  | Teks", [tanggal_salah("")]),
        # codes
        ("DINKES,DINKES | besok | Teks", [T("arahan.kode_ganda", kode="DINKES")]),
        ("DINKES,dinkes | besok | Teks", [T("arahan.kode_ganda", kode="DINKES")]),
        ("DIN-KES | besok | Teks", [kode_salah("DIN-KES")]),
        ("D,DINKES | besok | Teks", [kode_salah("D")]),
        ("<X> | besok | Teks", [kode_salah("&lt;X&gt;")]),
        # text too long
        ("DINKES | besok | " + "x" * (MAX_TEKS + 1), [TEKS_SALAH]),
        # every problem of the line is named
        (
            "D,D | kemarin | ",
            [kode_salah("D"), kode_salah("D"), tanggal_salah("kemarin"), TEKS_SALAH],
        ),
    ],
)
def test_line_refused(line: str, reasons: list[str] | None) -> None:
    result = read_line(line)
    if reasons is None:
        assert isinstance(result, ArahanBaru)
    else:
        assert result == reasons


def test_reasons_are_not_yet_in_a_language() -> None:
    # the reader names its reasons; the handler renders them in the reader's language
    reasons = parse_arahan_line("<X>,DINKES,DINKES | besok | ", TODAY)
    assert reasons == [
        Teks("opd.kode_salah", kode="&lt;X&gt;"),
        Teks("arahan.kode_ganda", kode="DINKES"),
        Teks("arahan.teks_kosong", maks=MAX_TEKS),
    ]
    english = rendered(reasons, Texts("en"))
    assert isinstance(english, list)
    assert english[0] == (
        "code «&lt;X&gt;» is not valid (capitals, digits, underscore; 2–20 characters)"
    )


@pytest.mark.parametrize("count", [MAX_OPD + 1, 40])
def test_more_than_twenty_opds_refused(count: int) -> None:
    codes = ",".join(f"OPD_{i}" for i in range(count))
    assert read_line(f"{codes} | besok | Teks") == [T("arahan.terlalu_banyak_opd", maks=MAX_OPD)]


# --- validate_arahan (the import path) -----------------------------------------------------


@pytest.mark.parametrize(
    ("kode", "tenggat", "teks", "prioritas", "expected"),
    [
        ("DINKES", "2026-12-15", "Teks", "", A("DINKES", tenggat=date(2026, 12, 15), teks="Teks")),
        (
            "DINKES",
            "2026-12-15",
            "Teks",
            "  ",
            A("DINKES", tenggat=date(2026, 12, 15), teks="Teks"),
        ),
        (
            "DINKES, DISDIK",
            "15/12/2026",
            "Teks",
            "Tinggi",
            A("DINKES", "DISDIK", tenggat=date(2026, 12, 15), teks="Teks", prioritas="tinggi"),
        ),
        (
            "dinkes",
            "2 minggu",
            "a | b",
            "rendah",
            A("DINKES", tenggat=date(2026, 12, 6), teks="a | b", prioritas="rendah"),
        ),
        ("DINKES", "2026-12-15", "Teks", "sangat", [T("arahan.prioritas_salah", nilai="sangat")]),
        (
            "DINKES",
            "2026-12-15",
            "Teks",
            "<b>" + "x" * 40,
            [T("arahan.prioritas_salah", nilai="&lt;b&gt;" + "x" * 17)],
        ),
        ("", "2026-12-15", "Teks", "", [BAGIAN_KURANG]),
        (
            "DINKES",
            "2026-11-01",
            "",
            "aneh",
            [
                T("arahan.tenggat_lewat", tanggal="2026-11-01"),
                TEKS_SALAH,
                T("arahan.prioritas_salah", nilai="aneh"),
            ],
        ),
    ],
)
def test_validate_arahan(
    kode: str, tenggat: str, teks: str, prioritas: str, expected: ArahanBaru | list[str]
) -> None:
    assert rendered(validate_arahan(kode, tenggat, teks, prioritas, TODAY)) == expected


def test_shipped_example_validates() -> None:
    data = (REPO / "data" / "contoh_arahan.csv").read_bytes()
    rows = read_table(data, "contoh_arahan.csv", ("opd", "tenggat", "arahan"))
    results = [
        validate_arahan(
            row.cells["opd"],
            row.cells["tenggat"],
            row.cells["arahan"],
            row.cells.get("prioritas", ""),
            TODAY,
        )
        for row in rows
    ]
    bad = [(row.line, r) for row, r in zip(rows, results, strict=True) if isinstance(r, list)]
    assert bad == []
    assert len(results) == 8
    first = results[0]
    assert isinstance(first, ArahanBaru)
    assert first.kode_opd == ("DINKES", "DP3AP2KB", "DPMN", "KEC_LIMAKAUM", "KEC_RAMBATAN")
    assert first.tenggat == date(2026, 12, 15)
    assert first.prioritas == "tinggi"
    assert {r.prioritas for r in results if isinstance(r, ArahanBaru)} == set(PRIORITAS)


# --- properties ----------------------------------------------------------------------------

_KODE = re.compile(r"[A-Z0-9_]{2,20}")
_part = st.one_of(
    st.text(max_size=30),
    st.sampled_from(
        [
            "DINKES",
            "dinkes,disdik",
            "besok",
            "2 minggu",
            "21/11/2026",
            "hari ini",
            "tinggi",
            "rendah",
            "Teks arahan",
            "",
            " ",
            "<b>",
            "&",
        ]
    ),
)


@SETTINGS
@given(st.lists(_part, max_size=6).map(" | ".join), st.sampled_from(["id", "en"]))
def test_any_line_is_a_directive_or_reasons(line: str, language: str) -> None:
    texts = Texts(language)
    result = read_line(line, texts)
    if isinstance(result, ArahanBaru):
        assert 1 <= len(result.kode_opd) <= MAX_OPD
        assert len(set(result.kode_opd)) == len(result.kode_opd)
        assert all(_KODE.fullmatch(code) for code in result.kode_opd)
        assert result.tenggat >= TODAY
        assert 1 <= len(result.teks) <= MAX_TEKS
        assert result.teks == " ".join(result.teks.split())
        assert result.prioritas in PRIORITAS
    else:
        assert result, "a refused line must say why"
        for reason in result:
            assert isinstance(reason, str) and reason.strip()
            parse_html(reason)  # sent with HTML parse mode


@SETTINGS
@given(
    st.lists(
        st.from_regex(r"[a-zA-Z0-9_]{2,20}", fullmatch=True),
        min_size=1,
        max_size=MAX_OPD,
        unique_by=str.upper,
    ),
    st.integers(0, 400),
    st.text(st.characters(blacklist_categories=["Cs"]), min_size=1, max_size=80).filter(
        lambda s: s.split() and "|" not in s
    ),
    st.sampled_from(["", " | tinggi", " | sedang", " | rendah", " | high", " | low"]),
)
def test_well_formed_lines_round_trip(codes: list[str], days: int, teks: str, suffix: str) -> None:
    tenggat = date.fromordinal(TODAY.toordinal() + days)
    line = f"{','.join(codes)} | {tenggat.strftime('%d/%m/%Y')} | {teks}{suffix}"
    result = parse_arahan_line(line, TODAY)
    words = teks.split()
    prioritas = parse_prioritas(suffix.strip(" |")) if suffix else "sedang"
    assert prioritas is not None  # every suffix offered above is a priority word
    assert result == ArahanBaru(
        tuple(c.upper() for c in codes), tenggat, " ".join(words), prioritas
    )
