"""Tests for OPD rows: `validate_opd` (one row, as typed in /opd_tambah) and `validate_opd_rows`
(a whole CSV/XLSX for /opd_impor, read by `bot.domain.tables.read_table`): all rows valid, or
ONE error listing every bad line with its real line number. Reasons are compared as the admin
reads them, rendered."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from bot.domain.errors import InputTidakValid
from bot.domain.tables import MAX_BYTES, read_table
from bot.features.opd.service import COLUMNS, MAX_NAMA, BarisOpd, validate_opd, validate_opd_rows
from bot.texts import Texts
from tests.support.fake_telegram import parse_html

T = Texts("id")
REPO = Path(__file__).resolve().parents[2]
HEADLINE = T("opd.impor_gagal")
SETTINGS = settings(max_examples=80)


def kode_salah(kode: str) -> str:
    return T("opd.kode_salah", kode=kode)


def klaster_salah(klaster: str) -> str:
    return T("opd.klaster_salah", klaster=klaster)


NAMA_SALAH = T("opd.nama_salah")


def baris(line: int, *reasons: str) -> str:
    return T("opd.baris_salah", baris=line, alasan="; ".join(reasons))


def row_of(kode: str, nama: str, klaster: str, texts: Texts = T) -> BarisOpd | list[str]:
    """`validate_opd` with its reasons rendered in ``texts``' language."""
    result = validate_opd(kode, nama, klaster)
    return result if isinstance(result, BarisOpd) else [texts.render(r) for r in result]


def file_of(data: bytes, file_name: str = "opd.csv") -> list[BarisOpd]:
    """Every row of an OPD table file, read and checked as `/opd_impor` does."""
    return validate_opd_rows(read_table(data, file_name, COLUMNS))


def error_of(data: bytes, file_name: str = "opd.csv") -> str:
    """The message of the InputTidakValid raised for ``data``."""
    with pytest.raises(InputTidakValid) as caught:
        file_of(data, file_name)
    return caught.value.text(T)


def xlsx(rows: list[list[object]]) -> bytes:
    """An XLSX workbook whose first sheet holds ``rows`` (row 1 = header)."""
    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


# --- one row -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kode", "nama", "klaster", "expected"),
    [
        ("DINKES", "Dinas Kesehatan", "1", BarisOpd("DINKES", "Dinas Kesehatan", 1)),
        ("dinkes", "Dinas Kesehatan", "1", BarisOpd("DINKES", "Dinas Kesehatan", 1)),
        ("  Dinkes ", "  Dinas \t Kesehatan  ", " 2 ", BarisOpd("DINKES", "Dinas Kesehatan", 2)),
        (
            "bpkd",
            "Badan Pengelola Keuangan Daerah",
            "II",
            BarisOpd("BPKD", "Badan Pengelola Keuangan Daerah", 2),
        ),
        (
            "TAPEM",
            "Bagian Tata Pemerintahan",
            "i",
            BarisOpd("TAPEM", "Bagian Tata Pemerintahan", 1),
        ),
        (
            "ORGANISASI",
            "Bagian Organisasi",
            "Asisten III",
            BarisOpd("ORGANISASI", "Bagian Organisasi", 3),
        ),
        (
            "PBJ",
            "Bagian Pengadaan Barang/Jasa",
            "asisten iii",
            BarisOpd("PBJ", "Bagian Pengadaan Barang/Jasa", 3),
        ),
        ("DPUPR", "Dinas PUPR", "klaster 2", BarisOpd("DPUPR", "Dinas PUPR", 2)),
        ("DPUPR", "Dinas PUPR", "Klaster II", BarisOpd("DPUPR", "Dinas PUPR", 2)),
        ("DPUPR", "Dinas PUPR", "kluster 4", BarisOpd("DPUPR", "Dinas PUPR", 4)),
        ("kec_x_koto", "Kecamatan X Koto", "IX", BarisOpd("KEC_X_KOTO", "Kecamatan X Koto", 9)),
        ("A1", "x", "9", BarisOpd("A1", "x", 9)),  # shortest code, one-letter name
        ("12", "Kecamatan 12", "1", BarisOpd("12", "Kecamatan 12", 1)),
        ("A" * 20, "n" * MAX_NAMA, "VIII", BarisOpd("A" * 20, "n" * MAX_NAMA, 8)),
        # the name's length is counted after whitespace is collapsed
        ("AB", "  " + "n " * 100, "1", BarisOpd("AB", " ".join(["n"] * 100), 1)),
    ],
)
def test_good_row(kode: str, nama: str, klaster: str, expected: BarisOpd) -> None:
    assert row_of(kode, nama, klaster) == expected


@pytest.mark.parametrize(
    ("kode", "nama", "klaster", "reasons"),
    [
        # code: capitals, digits, underscore, 2-20 characters (after upper-casing)
        ("DIN-KES", "Dinas Kesehatan", "1", [kode_salah("DIN-KES")]),
        ("DIN KES", "Dinas Kesehatan", "1", [kode_salah("DIN KES")]),
        ("DINKES.", "Dinas Kesehatan", "1", [kode_salah("DINKES.")]),
        ("dinkés", "Dinas Kesehatan", "1", [kode_salah("DINKÉS")]),
        ("D", "Dinas", "1", [kode_salah("D")]),
        ("", "Dinas", "1", [kode_salah("")]),
        ("A" * 21, "Dinas", "1", [kode_salah("A" * 21)]),
        ("A" * 40, "Dinas", "1", [kode_salah("A" * 30)]),  # quoted code is shortened
        ("<B>", "Dinas", "1", [kode_salah("&lt;B&gt;")]),  # and HTML-escaped
        # name: required, at most 200 characters
        ("DINKES", "", "1", [NAMA_SALAH]),
        ("DINKES", "   \t ", "1", [NAMA_SALAH]),
        ("DINKES", "n" * (MAX_NAMA + 1), "1", [NAMA_SALAH]),
        # cluster: 1..9 or I..IX, with an optional klaster/asisten prefix
        ("DINKES", "Dinas", "0", [klaster_salah("0")]),
        ("DINKES", "Dinas", "10", [klaster_salah("10")]),
        ("DINKES", "Dinas", "X", [klaster_salah("X")]),
        ("DINKES", "Dinas", "", [klaster_salah("")]),
        ("DINKES", "Dinas", "  ", [klaster_salah("")]),
        ("DINKES", "Dinas", "-1", [klaster_salah("-1")]),
        ("DINKES", "Dinas", "1.5", [klaster_salah("1.5")]),
        ("DINKES", "Dinas", "Asisten X", [klaster_salah("Asisten X")]),
        ("DINKES", "Dinas", "klaster", [klaster_salah("klaster")]),
        ("DINKES", "Dinas", "satu", [klaster_salah("satu")]),
        # every problem of the row is named, in column order
        ("d", "", "0", [kode_salah("D"), NAMA_SALAH, klaster_salah("0")]),
        ("", "", "", [kode_salah(""), NAMA_SALAH, klaster_salah("")]),
    ],
)
def test_bad_row(kode: str, nama: str, klaster: str, reasons: list[str]) -> None:
    assert row_of(kode, nama, klaster) == reasons


def test_reasons_follow_the_language() -> None:
    en = Texts("en")
    assert row_of("D", "", "0", en) == [
        en("opd.kode_salah", kode="D"),
        en("opd.nama_salah"),
        en("opd.klaster_salah", klaster="0"),
    ]
    assert "not valid" in en("opd.kode_salah", kode="D")


@SETTINGS
@given(
    st.text(max_size=30),
    st.text(max_size=220),
    # "No" characters (e.g. "²") crash parse_klaster: see test_superscript_cluster_refused
    st.text(st.characters(blacklist_categories=("Cs", "No")), max_size=15),
)
def test_any_row_is_a_row_or_reasons(kode: str, nama: str, klaster: str) -> None:
    result = row_of(kode, nama, klaster)
    if isinstance(result, BarisOpd):
        assert result.kode == kode.strip().upper()
        assert 1 <= len(result.nama) <= MAX_NAMA
        assert 1 <= result.klaster <= 9
    else:
        assert result, "a refused row must say why"
        for reason in result:
            assert isinstance(reason, str) and reason.strip()
            parse_html(reason)  # reasons are sent with HTML parse mode


# --- files: what is read -------------------------------------------------------------------

DINKES = BarisOpd("DINKES", "Dinas Kesehatan", 1)
DPUPR = BarisOpd("DPUPR", "Dinas Pekerjaan Umum dan Penataan Ruang", 2)
BKPSDM = BarisOpd("BKPSDM", "Badan Kepegawaian dan Pengembangan SDM", 3)


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        pytest.param(
            b"kode,nama,klaster\nDINKES,Dinas Kesehatan,1\n"
            b"DPUPR,Dinas Pekerjaan Umum dan Penataan Ruang,II\n"
            b"bkpsdm,Badan Kepegawaian dan Pengembangan SDM,Asisten III\n",
            [DINKES, DPUPR, BKPSDM],
            id="comma",
        ),
        pytest.param(
            b"kode;nama;klaster\r\nDINKES;Dinas Kesehatan;1\r\n"
            b"DPUPR;Dinas Pekerjaan Umum dan Penataan Ruang;klaster 2\r\n",
            [DINKES, DPUPR],
            id="semicolon-excel-indonesia",
        ),
        pytest.param(
            b"kode;nama;klaster\r\nDINKES;Dinas Kesehatan, Pengendalian Penduduk dan KB;1\r\n",
            [BarisOpd("DINKES", "Dinas Kesehatan, Pengendalian Penduduk dan KB", 1)],
            id="semicolon-with-comma-in-name",
        ),
        pytest.param(
            b'kode,nama,klaster\nDINKES,"Dinas Kesehatan, PP dan KB",1\n',
            [BarisOpd("DINKES", "Dinas Kesehatan, PP dan KB", 1)],
            id="quoted-comma",
        ),
        pytest.param(
            "\ufeffkode,nama,klaster\r\nDINKES,Dinas Kesehatan,1\r\n".encode(),
            [DINKES],
            id="utf8-bom",
        ),
        pytest.param(
            "\ufeffkode;nama;klaster\r\nDINKES;Dinas Kesehatan;1\r\n".encode(),
            [DINKES],
            id="utf8-bom-semicolon",
        ),
        pytest.param(
            "kode,nama,klaster\nDPMN,Dinas Pemberdayaan Masyarakat – Nagari,1\n".encode(),
            [BarisOpd("DPMN", "Dinas Pemberdayaan Masyarakat – Nagari", 1)],
            id="utf8",
        ),
        pytest.param(
            "kode;nama;klaster\r\nDPMN;Dinas Pemberdayaan Masyarakat – Nagari;1\r\n"
            "KEC;Kecamatan Lintau Buo Utara (Café);3\r\n".encode("cp1252"),
            [
                BarisOpd("DPMN", "Dinas Pemberdayaan Masyarakat – Nagari", 1),
                BarisOpd("KEC", "Kecamatan Lintau Buo Utara (Café)", 3),
            ],
            id="cp1252",
        ),
        pytest.param(
            b"Nama , KLASTER,keterangan, Kode \nDinas Kesehatan,1,catatan,DINKES\n",
            [DINKES],
            id="header-any-order-and-case-extra-column",
        ),
        pytest.param(
            b"kode,nama,klaster\n  DINKES  ,  Dinas   Kesehatan ,  1  \n",
            [DINKES],
            id="cells-trimmed",
        ),
        pytest.param(
            b"kode,nama,klaster,\nDINKES,Dinas Kesehatan,1,\n",
            [DINKES],
            id="trailing-empty-column",
        ),
        pytest.param(
            b"kode,nama,klaster\n\n   \n,,\nDINKES,Dinas Kesehatan,1\n\n",
            [DINKES],
            id="blank-lines-skipped",
        ),
        pytest.param(
            b"kode,nama,klaster\nDINKES,Dinas Kesehatan,1",
            [DINKES],
            id="no-final-newline",
        ),
        pytest.param(
            b"kode,nama,klaster\nDIN\x00KES,Dinas\x07 Kese\x1bhatan,1\x7f\n",
            [DINKES],
            id="control-characters-dropped",
        ),
    ],
)
def test_file_read(data: bytes, expected: list[BarisOpd]) -> None:
    assert file_of(data, "opd.csv") == expected


@pytest.mark.parametrize("file_name", ["opd.csv", "OPD.CSV", "opd.txt", "opd"])
def test_any_non_xlsx_name_is_read_as_csv(file_name: str) -> None:
    assert file_of(b"kode,nama,klaster\nDINKES,Dinas Kesehatan,1\n", file_name) == [DINKES]


# --- files: refused as a whole -------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "message"),
    [
        pytest.param(b"", T("tabel.kosong"), id="empty"),
        pytest.param(b"kode,nama,klaster\n", T("tabel.tanpa_data"), id="header-only"),
        pytest.param(b"kode,nama,klaster", T("tabel.tanpa_data"), id="header-only-no-newline"),
        pytest.param(b"kode,nama,klaster\n\n,,\n  \n", T("tabel.tanpa_data"), id="header-blanks"),
        pytest.param(
            b"kode,nama\nDINKES,Dinas Kesehatan\n",
            T("tabel.kolom", perlu="kode, nama, klaster", hilang="klaster"),
            id="missing-klaster",
        ),
        pytest.param(
            b"DINKES,Dinas Kesehatan,1\n",
            T("tabel.kolom", perlu="kode, nama, klaster", hilang="kode, nama, klaster"),
            id="no-header",
        ),
        pytest.param(
            b"code,name,cluster\nDINKES,Dinas Kesehatan,1\n",
            T("tabel.kolom", perlu="kode, nama, klaster", hilang="kode, nama, klaster"),
            id="english-header",
        ),
        pytest.param(
            b"\n\n",
            T("tabel.kolom", perlu="kode, nama, klaster", hilang="kode, nama, klaster"),
            id="only-newlines",
        ),
        pytest.param(
            b"kode,nama,klaster\n\x81\x8d,x,1\n",
            T("tabel.tidak_terbaca"),
            id="undecodable",
        ),
        pytest.param(
            b"kode,nama,klaster\n" + b"A" * (MAX_BYTES + 1),
            T("tabel.terlalu_besar"),
            id="over-1-MB",
        ),
    ],
)
def test_file_refused(data: bytes, message: str) -> None:
    assert error_of(data) == message


def test_too_many_rows() -> None:
    lines = ["kode,nama,klaster"] + [f"K{i},Kantor {i},1" for i in range(2001)]
    assert error_of("\n".join(lines).encode()) == T("tabel.terlalu_banyak", maks=2000)


def test_every_bad_row_listed_with_its_real_line_number() -> None:
    data = (
        b"kode,nama,klaster\n"  # 1
        b"DINKES,Dinas Kesehatan,1\n"  # 2 good
        b"\n"  # 3 blank, skipped but counted
        b"DIN-KES,Dinas Kesehatan,1\n"  # 4 bad code
        b"DISDIK,,2\n"  # 5 no name
        b",,\n"  # 6 blank cells, skipped
        b"DPUPR,Dinas PUPR,10\n"  # 7 bad cluster
        b"dinkes,Dinas Kesehatan Lagi,1\n"  # 8 duplicate of line 2 (after upper-casing)
        b"BPKD,Badan Keuangan,II\n"  # 9 good
        b"x,,X\n"  # 10 everything wrong
        b"DINKES,Dinas Kesehatan Ketiga,1\n"  # 11 duplicate again: still names line 2
    )
    pesan = error_of(data)
    assert pesan.splitlines() == [
        HEADLINE,
        baris(4, kode_salah("DIN-KES")),
        baris(5, NAMA_SALAH),
        baris(7, klaster_salah("10")),
        baris(8, T("opd.kode_ganda", kode="DINKES", baris=2)),
        baris(10, kode_salah("X"), NAMA_SALAH, klaster_salah("X")),
        baris(11, T("opd.kode_ganda", kode="DINKES", baris=2)),
    ]
    assert pesan.startswith("<b>Impor dibatalkan: tidak ada yang diubah.</b>")
    parse_html(pesan)


def test_many_bad_rows_listed_up_to_the_cap() -> None:
    # every bad row up to 100 is listed with its line; the rest are counted
    lines = ["kode,nama,klaster"] + [f"K{i:03d},Kantor {i},0" for i in range(150)]
    pesan = error_of("\n".join(lines).encode())
    assert pesan.splitlines() == [
        HEADLINE,
        *[baris(i + 2, klaster_salah("0")) for i in range(100)],
        T("baris_lain", jumlah=50),
    ]


def test_one_bad_row_refuses_the_whole_file() -> None:
    data = b"kode,nama,klaster\nDINKES,Dinas Kesehatan,1\nBPKD,Badan Keuangan,0\n"
    assert error_of(data).splitlines() == [HEADLINE, baris(3, klaster_salah("0"))]


def test_duplicate_names_the_first_line() -> None:
    data = b"kode;nama;klaster\nAB;Satu;1\nCD;Dua;1\nab;Tiga;1\n"
    assert error_of(data).splitlines() == [
        HEADLINE,
        baris(4, T("opd.kode_ganda", kode="AB", baris=2)),
    ]


def test_invalid_row_does_not_claim_its_code() -> None:
    # line 2 is refused for its cluster, so line 3 is the first valid AB: no duplicate reported
    data = b"kode,nama,klaster\nAB,Satu,0\nAB,Dua,1\n"
    assert error_of(data).splitlines() == [HEADLINE, baris(2, klaster_salah("0"))]


def test_bad_code_is_escaped_in_the_file_message() -> None:
    pesan = error_of(b"kode,nama,klaster\n<b>&,Dinas,1\n")
    assert kode_salah("&lt;B&gt;&amp;") in pesan
    parse_html(pesan)


def test_english_message() -> None:
    en = Texts("en")
    with pytest.raises(InputTidakValid) as caught:
        file_of(b"kode,nama,klaster\nD,Dinas,1\n", "opd.csv")
    assert caught.value.text(en).splitlines() == [
        en("opd.impor_gagal"),
        en("opd.baris_salah", baris=2, alasan=en("opd.kode_salah", kode="D")),
    ]
    assert "nothing was changed" in caught.value.text(en)


# --- the shipped example -------------------------------------------------------------------


def test_shipped_example_validates() -> None:
    data = (REPO / "bot" / "playground" / "contoh_opd.csv").read_bytes()
    rows = file_of(data, "contoh_opd.csv")
    assert len(rows) == 44
    assert {row.klaster for row in rows} == {1, 2, 3}
    assert len({row.kode for row in rows}) == 44
    assert rows[0] == BarisOpd("TAPEM", "Bagian Tata Pemerintahan Setda", 1)


# --- XLSX ----------------------------------------------------------------------------------


def test_xlsx_read_like_csv() -> None:
    data = xlsx(
        [
            ["Kode", "Nama", "Klaster"],
            ["dinkes", "Dinas Kesehatan", 1],
            [None, None, None],  # an empty row is skipped but keeps its number
            ["DPUPR", "Dinas Pekerjaan Umum dan Penataan Ruang", "II"],
            ["BKPSDM", "Badan Kepegawaian dan Pengembangan SDM", "Asisten III"],
        ]
    )
    assert file_of(data, "opd.xlsx") == [DINKES, DPUPR, BKPSDM]
    assert file_of(data, "OPD.XLSX") == [DINKES, DPUPR, BKPSDM]


def test_xlsx_bad_rows_use_sheet_row_numbers() -> None:
    data = xlsx(
        [
            ["kode", "nama", "klaster"],
            ["DINKES", "Dinas Kesehatan", 1],
            [None, None, None],
            ["DINKES", "Dinas Kesehatan", 2],
            ["BPKD", None, 0],
        ]
    )
    with pytest.raises(InputTidakValid) as caught:
        file_of(data, "opd.xlsx")
    assert caught.value.text(T).splitlines() == [
        HEADLINE,
        baris(4, T("opd.kode_ganda", kode="DINKES", baris=2)),
        baris(5, NAMA_SALAH, klaster_salah("0")),
    ]


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        (
            [["kode", "nama"], ["DINKES", "Dinas"]],
            T("tabel.kolom", perlu="kode, nama, klaster", hilang="klaster"),
        ),
        ([["kode", "nama", "klaster"]], T("tabel.tanpa_data")),
    ],
)
def test_xlsx_refused(rows: list[list[object]], message: str) -> None:
    with pytest.raises(InputTidakValid) as caught:
        file_of(xlsx(rows), "opd.xlsx")
    assert caught.value.text(T) == message


@pytest.mark.parametrize(
    "data", [b"", b"kode,nama,klaster\nDINKES,Dinas Kesehatan,1\n", b"PK\x03\x04broken"]
)
def test_broken_xlsx(data: bytes) -> None:
    with pytest.raises(InputTidakValid) as caught:
        file_of(data, "opd.xlsx")
    assert caught.value.text(T) == T("tabel.excel_rusak")


# --- round trip ----------------------------------------------------------------------------

_kode = st.from_regex(r"[A-Z0-9_]{2,20}", fullmatch=True)
_nama = st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=60).filter(
    lambda s: s.strip()
)
_klaster = st.sampled_from(["1", "2", "3", "II", "iii", "Asisten IV", "klaster 5", " 9 "])


@SETTINGS
@given(
    st.lists(
        st.tuples(_kode, _nama, _klaster), min_size=1, max_size=15, unique_by=lambda row: row[0]
    ),
    st.sampled_from([",", ";"]),
)
def test_valid_rows_written_by_csv_come_back(
    rows: list[tuple[str, str, str]], delimiter: str
) -> None:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter)
    writer.writerow(["kode", "nama", "klaster"])
    writer.writerows(rows)
    expected = [row_of(*row) for row in rows]
    assert file_of(out.getvalue().encode("utf-8-sig"), "opd.csv") == expected


# --- product bugs found while writing these tests -------------------------------------------


def test_superscript_cluster_refused() -> None:
    assert row_of("DINKES", "Dinas Kesehatan", "²") == [klaster_salah("²")]


def test_cr_only_line_endings_read_or_refused_clearly() -> None:
    data = b"kode,nama,klaster\rDINKES,Dinas Kesehatan,1\r"
    try:
        assert file_of(data, "opd.csv") == [DINKES]
    except InputTidakValid:
        pass  # a clear refusal would be acceptable too


def test_huge_cell_refused_clearly() -> None:
    data = b"kode,nama,klaster\nDINKES," + b"n" * 200_000 + b",1\n"
    with pytest.raises(InputTidakValid):
        file_of(data, "opd.csv")
