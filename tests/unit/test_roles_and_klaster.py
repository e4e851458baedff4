"""Tests for who may use which command (PRODUCT.md's command table), Asisten clusters, and
packing long answers into Telegram-sized pages."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.domain.klaster import MAX_KLASTER, klaster_label, parse_klaster
from bot.domain.roles import BY_NAME, COMMANDS, Peran, commands_for, may_use
from bot.messaging.paging import LIMIT, MAX_LISTED, capped, pack_lines
from bot.texts import Texts
from tests.support.fake_telegram import parse_html

NAMES = [cmd.name for cmd in COMMANDS]
ALL_NAMES = frozenset(NAMES)
ROLES: list[Peran | None] = [None, *Peran]
ADMIN_ONLY = {
    "rakor",
    "arahan",
    "arahan_impor",
    "tenggat",
    "batal",
    "arahan_ubah",
    "opd",
    "opd_tambah",
    "opd_impor",
    "undang",
    "undangan",
    "anggota",
    "nonaktif",
    "plh",
    "grup",
    "ingatkan",
}

# PRODUCT.md "Commands": who may use what. A = admin, D = kepala_daerah, S = sekda,
# As = asisten, K = kepala_opd, O = operator, "*" = anyone (strangers too).
CONTRACT: dict[str, str] = {
    "start": "*",
    "bantuan": "*",
    "tugas": "K O",
    "lapor": "K O",
    "perpanjang": "K O",
    "arahan_info": "A D S As K O",
    "status": "A D S As",
    "verifikasi": "A As",
    "ekspor": "A D S As",
    "laporan_rakor": "A D S",
    "cuti": "A D S As K O",
    **{name: "A" for name in ADMIN_ONLY},
}
_LETTER = {
    "A": Peran.ADMIN, "D": Peran.KEPALA_DAERAH, "S": Peran.SEKDA, "As": Peran.ASISTEN,
    "K": Peran.KEPALA_OPD, "O": Peran.OPERATOR,
}  # fmt: skip


def allowed(command: str, peran: Peran | None) -> bool:
    who = CONTRACT[command]
    return who == "*" or (peran is not None and peran in {_LETTER[w] for w in who.split()})


def test_contract_covers_every_command() -> None:
    assert set(CONTRACT) == ALL_NAMES
    assert len(NAMES) == len(ALL_NAMES)  # no command listed twice


@pytest.mark.parametrize("command", NAMES)
@pytest.mark.parametrize("peran", ROLES, ids=lambda p: str(p))
def test_may_use_matches_the_contract(peran: Peran | None, command: str) -> None:
    assert may_use(peran, command) is allowed(command, peran)


@pytest.mark.parametrize(
    ("peran", "command", "expected"),
    [
        (None, "start", True),
        (None, "bantuan", True),
        (None, "tugas", False),
        (None, "status", False),
        (None, "arahan_info", False),
        (None, "opd_impor", False),
        (Peran.KEPALA_OPD, "tugas", True),
        (Peran.KEPALA_OPD, "lapor", True),
        (Peran.KEPALA_OPD, "arahan_info", True),
        (Peran.KEPALA_OPD, "status", False),
        (Peran.KEPALA_OPD, "verifikasi", False),
        (Peran.KEPALA_OPD, "undang", False),
        (Peran.OPERATOR, "lapor", True),
        (Peran.OPERATOR, "arahan", False),
        (Peran.ASISTEN, "status", True),
        (Peran.ASISTEN, "verifikasi", True),
        (Peran.ASISTEN, "ekspor", True),
        (Peran.ASISTEN, "lapor", False),
        (Peran.ASISTEN, "arahan", False),
        (Peran.SEKDA, "status", True),
        (Peran.SEKDA, "ekspor", True),
        (Peran.SEKDA, "verifikasi", False),
        (Peran.KEPALA_DAERAH, "status", True),
        (Peran.KEPALA_DAERAH, "ekspor", True),
        (Peran.KEPALA_DAERAH, "opd", False),
        (Peran.ADMIN, "opd_tambah", True),
        (Peran.ADMIN, "ingatkan", True),
        (Peran.ADMIN, "verifikasi", True),
        (Peran.ADMIN, "tugas", False),  # admins have no OPD of their own
    ],
)
def test_may_use_table(peran: Peran | None, command: str, expected: bool) -> None:
    assert may_use(peran, command) is expected


def test_unknown_command_raises() -> None:
    with pytest.raises(KeyError):
        may_use(Peran.ADMIN, "hapus_semua")


def test_stranger_gets_only_start_and_bantuan() -> None:
    assert commands_for(None, ALL_NAMES) == ["start", "bantuan"]


@pytest.mark.parametrize("peran", [Peran.KEPALA_OPD, Peran.OPERATOR])
def test_opd_roles_never_get_admin_commands(peran: Peran) -> None:
    mine = commands_for(peran, ALL_NAMES)
    assert mine == ["start", "bantuan", "tugas", "lapor", "perpanjang", "arahan_info", "cuti"]
    assert not set(mine) & ADMIN_ONLY
    assert not {"status", "verifikasi", "ekspor"} & set(mine)


@pytest.mark.parametrize("peran", [Peran.ASISTEN, Peran.SEKDA, Peran.KEPALA_DAERAH])
def test_leaders_never_get_admin_commands(peran: Peran) -> None:
    assert not set(commands_for(peran, ALL_NAMES)) & ADMIN_ONLY


def test_admin_gets_every_available_command_but_the_opd_ones() -> None:
    assert commands_for(Peran.ADMIN, ALL_NAMES) == [
        n for n in NAMES if n not in {"tugas", "lapor", "perpanjang"}
    ]
    offered = frozenset({"start", "opd", "status", "ekspor"})
    assert commands_for(Peran.ADMIN, offered) == ["start", "status", "ekspor", "opd"]


@pytest.mark.parametrize("peran", ROLES, ids=lambda p: str(p))
def test_nothing_when_nothing_is_offered(peran: Peran | None) -> None:
    assert commands_for(peran, frozenset()) == []


@given(st.sampled_from(ROLES), st.frozensets(st.sampled_from(NAMES + ["help", "x"])))
def test_commands_for_is_the_allowed_subset_in_menu_order(
    peran: Peran | None, available: frozenset[str]
) -> None:
    mine = commands_for(peran, available)
    assert mine == [n for n in NAMES if n in available and allowed(n, peran)]
    assert all(BY_NAME[n].name == n for n in mine)


# --- clusters ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("1", 1),
        ("2", 2),
        ("9", 9),
        (" 3 ", 3),
        ("I", 1),
        ("ii", 2),
        ("III", 3),
        ("iv", 4),
        ("V", 5),
        ("vi", 6),
        ("VII", 7),
        ("viii", 8),
        ("IX", 9),
        ("klaster 2", 2),
        ("Klaster II", 2),
        ("KLASTER 3", 3),
        ("klaster2", 2),
        ("kluster 4", 4),
        ("Asisten III", 3),
        ("asisten ii", 2),
        ("Asisten  1", 1),
        ("asst. 2", 2),
        ("Asst 3", 3),
        # not clusters
        ("0", None),
        ("10", None),
        ("02", None),
        ("-1", None),
        ("1.0", None),
        ("X", None),
        ("x", None),
        ("IIII", None),
        ("", None),
        ("  ", None),
        ("klaster", None),
        ("Asisten X", None),
        ("asisten 0", None),
        ("satu", None),
        ("2 3", None),
        ("Asisten Asisten 2", None),
        ("klaster 2 3", None),
    ],
)
def test_parse_klaster(typed: str, expected: int | None) -> None:
    assert parse_klaster(typed) == expected


@pytest.mark.parametrize(
    ("number", "label"),
    [
        (1, "Asisten I"),
        (2, "Asisten II"),
        (3, "Asisten III"),
        (4, "Asisten IV"),
        (5, "Asisten V"),
        (6, "Asisten VI"),
        (7, "Asisten VII"),
        (8, "Asisten VIII"),
        (9, "Asisten IX"),
        (10, "Asisten 10"),
        (0, "Asisten 0"),
    ],
)
def test_klaster_label(number: int, label: str) -> None:
    assert klaster_label(number) == label


@pytest.mark.parametrize("number", range(1, MAX_KLASTER + 1))
def test_label_reads_back(number: int) -> None:
    assert parse_klaster(klaster_label(number)) == number
    assert parse_klaster(str(number)) == number
    assert parse_klaster(f"klaster {number}") == number


# other digit characters (superscripts, circled digits) are refused: see the test below.
@given(st.text(st.characters(blacklist_categories=("Cs", "No")), max_size=20))
def test_parse_klaster_never_raises(typed: str) -> None:
    result = parse_klaster(typed)
    assert result is None or 1 <= result <= MAX_KLASTER


@pytest.mark.parametrize("typed", ["²", "klaster ²", "Asisten ³", "①"])
def test_parse_klaster_refuses_other_digit_characters(typed: str) -> None:
    assert parse_klaster(typed) is None


# --- paging --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lines", "limit", "pages"),
    [
        ([], 10, []),
        (["a"], 10, ["a"]),
        (["aaa", "bbb", "ccc"], 7, ["aaa\nbbb", "ccc"]),
        (["aaa", "bbb", "ccc"], 11, ["aaa\nbbb\nccc"]),  # exactly the limit fits
        (["aaa", "bbb", "ccc"], 10, ["aaa\nbbb", "ccc"]),
        (["aaa", "bbb", "ccc"], 3, ["aaa", "bbb", "ccc"]),
        (["a", "bbbbbbbbbb", "c"], 10, ["a", "bbbbbbbbbb", "c"]),
        (["<b>x</b>", "y"], 8, ["<b>x</b>", "y"]),  # lines are never split
        # a line over the limit (a guard only) becomes plain escaped text cut to fit, with …
        (["abcdefghijkl"], 5, ["abcd…"]),
        (["a", "abcdefghijkl", "b"], 10, ["a", "abcdefghi…", "b"]),
        (["<b>" + "x" * 20 + "</b>"], 10, ["xxxxxxxxx…"]),
        (["<i>a &amp; b</i>" + "c" * 20], 12, ["a &amp; bcc…"]),
        (["&" * 20], 12, ["&amp;&amp;…"]),
    ],
)
def test_pack_lines_table(lines: list[str], limit: int, pages: list[str]) -> None:
    assert pack_lines(lines, limit) == pages


def test_default_limit_fits_telegram() -> None:
    assert LIMIT <= 4096
    lines = [f"• <b>OPD{i:03d}</b> Dinas nomor {i} — " + "x" * 60 for i in range(300)]
    pages = pack_lines(lines)
    assert len(pages) > 1
    assert all(len(page) <= LIMIT for page in pages)
    assert "\n".join(pages) == "\n".join(lines)
    for page in pages:
        parse_html(page)


def test_cut_line_stays_valid_html() -> None:
    line = '<b>Arahan</b> <a href="tg://user?id=1">Budi &amp; Ani</a> ' + "x &lt; y " * 600
    pages = pack_lines(["judul", line, "akhir"])
    assert all(len(page) <= LIMIT for page in pages)
    for page in pages:
        parse_html(page)
    assert pages[0] == "judul"
    assert pages[1].startswith("Arahan Budi &amp; Ani x &lt; y")


_plain = st.characters(blacklist_categories=["Cs"], blacklist_characters="\n<>&")
_line = st.text(_plain, min_size=1, max_size=40)


@given(st.lists(_line, max_size=60), st.integers(40, 200))
def test_pack_lines_keeps_everything_in_order(lines: list[str], limit: int) -> None:
    pages = pack_lines(lines, limit)
    assert all(0 < len(page) <= limit for page in pages)
    assert [line for page in pages for line in page.split("\n")] == lines
    # as few pages as possible: the next page's first line never fit on the page before
    for before, after in zip(pages, pages[1:], strict=False):
        assert len(before) + 1 + len(after.split("\n")[0]) > limit


# Lines with & < > are covered by the escaping test below.
@given(st.lists(st.text(_plain, max_size=30), max_size=40), st.integers(1, 50))
def test_pack_lines_never_over_the_limit(lines: list[str], limit: int) -> None:
    assert all(len(page) <= limit for page in pack_lines(lines, limit))


@pytest.mark.parametrize("line", ["&" * 5000, "<" * 4000, "&<>" * 2000])
def test_over_long_line_with_escapable_characters_fits(line: str) -> None:
    pages = pack_lines([line])
    assert pages and all(0 < len(page) <= LIMIT for page in pages), [len(p) for p in pages]


@pytest.mark.parametrize("count", [0, 1, MAX_LISTED])
def test_capped_keeps_short_lists(count: int) -> None:
    lines = [f"Baris {i}: salah" for i in range(count)]
    assert capped(lines, Texts("id")) == lines


@pytest.mark.parametrize(("count", "more"), [(MAX_LISTED + 1, 1), (250, 150)])
def test_capped_says_how_many_more(count: int, more: int) -> None:
    texts = Texts("id")
    lines = [f"Baris {i}: salah" for i in range(count)]
    assert capped(lines, texts) == [*lines[:MAX_LISTED], texts("baris_lain", jumlah=more)]
    assert capped(lines, texts, limit=2) == [*lines[:2], texts("baris_lain", jumlah=count - 2)]


def test_every_kind_of_button_says_who_may_press_it() -> None:
    """The role table is the one place that says who may press a button of each kind."""
    from bot.domain.roles import BUTTONS, ButtonKind, may_press

    assert set(BUTTONS) == set(ButtonKind)
    assert may_press(Peran.OPERATOR, ButtonKind.PENUGASAN)
    assert not may_press(Peran.ADMIN, ButtonKind.PENUGASAN)
    assert may_press(Peran.ADMIN, ButtonKind.DRAF)
    assert not may_press(Peran.KEPALA_OPD, ButtonKind.DRAF)
    assert not may_press(None, ButtonKind.STATUS)
    assert may_press(Peran.ASISTEN, ButtonKind.VERIFIKASI)
