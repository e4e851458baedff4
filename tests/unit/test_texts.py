"""Tests for the text catalogs, one data file per language (bot/texts/<language>.toml): every
language has every key with the same placeholders and the plural forms its CLDR rules need,
every text is valid Telegram HTML once filled, every key the code asks for exists, and every
command has a menu description."""

from __future__ import annotations

import ast
import re
import string
import subprocess
import sys
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from babel.core import Locale

from bot.domain.lifecycle import Status
from bot.domain.rating import Warna
from bot.domain.reminder_plan import Pengingat, Sebab, Tangga
from bot.domain.roles import BUTTONS, COMMANDS, Peran
from bot.domain.tanda import Tanda
from bot.features.arahan_ubah.service import Jenis
from bot.texts import DEFAULT, LANGUAGES, Entry, Texts, catalog
from tests.support.fake_telegram import EntityParseError, parse_html

ROOT = Path(__file__).resolve().parents[2]
TEXTS_DIR = ROOT / "bot" / "texts"
SOURCES = ("bot", "handlers")
CATALOGS = {language: catalog(language) for language in LANGUAGES}
KEYS = sorted(CATALOGS[DEFAULT])
TAGS = {"b", "i", "u", "s", "code", "pre", "a"}  # what the files' header allows translators
_FORMATTER = string.Formatter()
_TAG = re.compile(r"</?([a-zA-Z][a-zA-Z0-9-]*)")


def placeholders(template: str) -> set[str]:
    """The ``{name}`` fields of a str.format template."""
    return {name for _, name, _, _ in _FORMATTER.parse(template) if name is not None}


def filled(template: str) -> str:
    return template.format(**{name: "x" for name in placeholders(template)})


def forms(entry: Entry) -> dict[str, str]:
    """The templates of an entry: a plain text is its only form."""
    return {"": entry} if isinstance(entry, str) else entry


def plural_forms(language: str) -> set[str]:
    """The CLDR plural categories ``language`` tells apart (``other`` always)."""
    return set(Locale.parse(language).plural_form.tags) | {"other"}


# -- the data files ---------------------------------------------------------------------------


def test_one_file_per_language() -> None:
    assert DEFAULT in LANGUAGES
    assert sorted(path.stem for path in TEXTS_DIR.glob("*.toml")) == sorted(LANGUAGES)


@pytest.mark.parametrize("language", LANGUAGES)
def test_file_is_the_catalog_and_opens_with_a_note_for_translators(language: str) -> None:
    source = (TEXTS_DIR / f"{language}.toml").read_text(encoding="utf-8")
    assert tomllib.loads(source) == CATALOGS[language]
    header = source[: source.index("\n\n")]
    assert all(line.startswith("#") for line in header.splitlines())
    assert "{" in header and all(f"<{tag}" in header for tag in TAGS)


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_language_has_every_key(language: str) -> None:
    keys = set(CATALOGS[language])
    assert not set(KEYS) - keys, f"missing in {language}.toml"
    assert not keys - set(KEYS), f"only in {language}.toml"


@pytest.mark.parametrize("key", KEYS)
def test_entry(key: str) -> None:
    """Every language present and non-empty, the same plain ``{name}`` placeholders in every
    language and plural form, a counted text counted in every language with exactly the plural
    forms its language needs, and valid Telegram HTML once the placeholders are filled."""
    entries = {language: CATALOGS[language][key] for language in LANGUAGES}
    counted = {language: isinstance(entry, dict) for language, entry in entries.items()}
    assert len(set(counted.values())) == 1, f"{key}: counted in some languages only: {counted}"
    names = placeholders(next(iter(forms(entries[DEFAULT]).values())))
    for language, entry in entries.items():
        if isinstance(entry, dict):
            assert set(entry) == plural_forms(language), f"{key} ({language}): plural forms"
        for form, template in forms(entry).items():
            where = f"{key} ({language}{' ' + form if form else ''})"
            assert isinstance(template, str) and template.strip(), where
            # texts(key, **values) fills by keyword: no positional, indexed or formatted fields
            for _, name, spec, conversion in _FORMATTER.parse(template):
                if name is not None:
                    assert name.isidentifier(), f"{where}: {name}"
                    assert not spec and conversion is None, f"{where}: {name}"
            assert placeholders(template) == names, where
            assert set(_TAG.findall(template)) <= TAGS, where
            try:
                parse_html(filled(template))
            except EntityParseError as exc:
                pytest.fail(f"{where}: {exc}\n{template}")


def test_html_check_is_not_vacuous() -> None:
    with pytest.raises(EntityParseError):
        parse_html("<b>unclosed")
    with pytest.raises(EntityParseError):
        parse_html("a < b")


def test_files_are_read_on_first_use_not_at_import() -> None:
    probe = (
        "import sys\n"
        "opened = []\n"
        "sys.addaudithook(lambda event, args: event == 'open' and str(args[0]).endswith('.toml')"
        " and opened.append(str(args[0])))\n"
        "from bot.texts import Texts\n"
        "texts = Texts('en')\n"
        "assert opened == [], opened\n"
        "assert texts('cmd.opd') == 'List OPDs'\n"
        "assert [p.rsplit('/', 1)[-1] for p in opened] == ['en.toml'], opened\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr


# -- commands ---------------------------------------------------------------------------------


@pytest.mark.parametrize("name", [cmd.name for cmd in COMMANDS])
def test_every_command_has_a_menu_description(name: str) -> None:
    key = f"cmd.{name}"
    for language in LANGUAGES:
        description = CATALOGS[language][key]
        assert isinstance(description, str)
        assert 1 <= len(description) <= 256
        assert description == description.strip()
        assert not placeholders(description)


def test_no_description_for_a_command_that_does_not_exist() -> None:
    names = {cmd.name for cmd in COMMANDS}
    assert {key.removeprefix("cmd.") for key in KEYS if key.startswith("cmd.")} == names


# -- Texts ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "expected"),
    [("id", "Daftar OPD"), ("en", "List OPDs"), ("xx", "Daftar OPD")],
)
def test_language_choice(language: str, expected: str) -> None:
    assert Texts(language)("cmd.opd") == expected


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("id", "Baris 3: kode «X» tidak sah (huruf besar, angka, garis bawah; 2–20 karakter)"),
        ("en", "Line 3: code «X» is not valid (capitals, digits, underscore; 2–20 characters)"),
    ],
)
def test_values_filled(language: str, expected: str) -> None:
    texts = Texts(language)
    assert texts("opd.baris_salah", baris=3, alasan=texts("opd.kode_salah", kode="X")) == expected


def test_template_without_values_is_returned_as_is() -> None:
    assert Texts("id")("opd.nama_salah") == CATALOGS["id"]["opd.nama_salah"]


def test_unknown_key_raises() -> None:
    with pytest.raises(KeyError):
        Texts("id")("tidak.ada")
    with pytest.raises(KeyError):
        Texts("en").count("tidak.ada", 1)


# -- counted texts ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("n", "english", "indonesian"),
    [
        (0, "today", "hari ini"),
        (1, "yesterday", "kemarin"),
        (2, "2 days ago", "2 hari lalu"),
        (7, "7 days ago", "7 hari lalu"),
        (40, "40 days ago", "40 hari lalu"),
    ],
)
def test_days_ago_counts_exact_days(n: int, english: str, indonesian: str) -> None:
    assert Texts("en").days_ago(n) == english
    assert Texts("id").days_ago(n) == indonesian
    assert Texts("xx").days_ago(n) == indonesian


@pytest.mark.parametrize(
    ("key", "values", "one", "two"),
    [
        ("baris_lain", {}, "… and 1 more line with problems.", "… and 2 more lines with problems."),
        ("status.telat_hari", {"status": "open"}, "open, 1 day late", "open, 2 days late"),
        ("tugas.terlambat", {"tanggal": "D"}, "D (1 day late)", "D (2 days late)"),
        ("tugas.sisa", {"tanggal": "D"}, "D (in 1 day)", "D (in 2 days)"),
        ("pratinjau.penerima", {"grup": ""}, "1 person", "2 people"),
        ("pratinjau.penerima_grup", {}, " + 1 group", " + 2 groups"),
        (
            "batal.selesai",
            {"nomor": 5},
            "Directive No. 5 cancelled; announced in 1 message.",
            "Directive No. 5 cancelled; announced in 2 messages.",
        ),
    ],
)
def test_english_counts_are_grammatical(
    key: str, values: dict[str, object], one: str, two: str
) -> None:
    texts, entry = Texts("en"), CATALOGS["en"][key]
    assert isinstance(entry, dict)
    (count_name,) = placeholders(entry["other"]) - set(values)
    assert texts.count(key, 1, **values, **{count_name: 1}) == one
    assert texts.count(key, 2, **values, **{count_name: 2}) == two


def test_every_english_one_form_differs_from_other() -> None:
    for key, entry in CATALOGS["en"].items():
        if isinstance(entry, dict):
            assert entry["one"] != entry["other"], key
            plural = re.search(
                r"\{\w+\}( \w+)? (days|lines|messages|groups|people|assignments)\b", entry["one"]
            )
            assert plural is None, key


def test_indonesian_counts_only_the_number() -> None:
    texts = Texts("id")
    assert texts.count("baris_lain", 1, jumlah=1) == "… dan 1 baris lain juga bermasalah."
    assert texts.count("baris_lain", 2, jumlah=2) == "… dan 2 baris lain juga bermasalah."


def test_counted_text_without_its_number_gets_its_other_form() -> None:
    assert Texts("en")("baris_lain", jumlah=3) == "… and 3 more lines with problems."
    assert Texts("id")("baris_lain", jumlah=1) == "… dan 1 baris lain juga bermasalah."


# -- the keys the code asks for ---------------------------------------------------------------

STATUS_KEYS = (
    "status.baru",
    "status.diterima",
    "status.dalam_proses",
    "status.terkendala",
    "status.selesai",
    "status.terverifikasi",
    "status.tidak_dapat_ditindaklanjuti",
    "status.dibatalkan",
    "status.dicabut",
)

# The first argument of every texts(...) / texts.count(...) call that is not a literal key, as
# written in the code (an f-string with each {…} written {}), and every key it can produce.
DYNAMIC: dict[str, tuple[str, ...]] = {
    "status.{}": STATUS_KEYS,
    "peran.{}": (
        "peran.admin",
        "peran.kepala_daerah",
        "peran.sekda",
        "peran.asisten",
        "peran.kepala_opd",
        "peran.operator",
    ),
    "cmd.{}": tuple(f"cmd.{cmd.name}" for cmd in COMMANDS),
    "prioritas.{}": ("prioritas.tinggi", "prioritas.sedang", "prioritas.rendah"),
    "berkas.apa_{}": ("berkas.apa_ekspor", "berkas.apa_laporan_rakor", "berkas.apa_grafik"),
    "kedudukan.{}": ("kedudukan.penanggung_jawab", "kedudukan.pendukung"),
    "riwayat.{}": (
        "riwayat.tenggat",
        "riwayat.batal",
        "riwayat.ubah",
        "riwayat.perpanjangan_minta",
        "riwayat.perpanjangan_setuju",
        "riwayat.perpanjangan_tolak",
    ),
    "ubah.jenis.{}": tuple(f"ubah.jenis.{j.value}" for j in Jenis),
    "ubah.pilih.{}": ("ubah.pilih.tambah", "ubah.pilih.hapus", "ubah.pilih.pj"),
    "ubah.apa.{}": tuple(f"ubah.apa.{j.value}" for j in Jenis),
    "tangga.{}": ("tangga.asisten", "tangga.sekda", "tangga.kepala_daerah"),
    "sebab.{}": ("sebab.kendala", "sebab.terlambat", "sebab.diam"),
    "tanda.{}": tuple(f"tanda.{sign.value}" for sign in Tanda),
    "laporan_rakor.warna.{}": tuple(f"laporan_rakor.warna.{w.value}" for w in Warna),
    "sumber.{}": (
        "sumber.balasan",
        "sumber.tombol",
        "sumber.lapor",
        "sumber.koreksi",
        "sumber.verifikasi",
        "sumber.konfirmasi",
        "sumber.koreksi_lama",
    ),
    "pengingat.{}": ("pengingat.terlambat", "pengingat.hari_ini", "pengingat.menjelang"),
    "eskalasi.judul.{}": (
        "eskalasi.judul.sekda",
        "eskalasi.judul.kepala_daerah",
        "eskalasi.judul.asisten",
    ),
    "eskalasi.{}": ("eskalasi.kendala", "eskalasi.terlambat", "eskalasi.diam"),
    "opd.{}": ("opd.ditambahkan", "opd.diperbarui", "opd.tetap"),
    "PROMPTS[action]": ("tanya.progres", "tanya.kendala", "tanya.selesai"),
    "{}.isian": ("tanya.progres.isian", "tanya.kendala.isian", "tanya.selesai.isian"),
    "key": (
        "petunjuk.orang_baru",
        "petunjuk.pelapor",
        "petunjuk.pimpinan",
        "opd.kirim_berkas",
        "arahan.kirim_berkas",
    ),
    "kind": ("verifikasi.selesai", "verifikasi.usul_tidak_dapat"),
    "BUTTONS[tombol.kind].refusal": tuple(sorted({t.refusal for t in BUTTONS.values()})),
}


@dataclass(frozen=True)
class Use:
    """One key argument of a texts call: a literal key, or how a dynamic key is written."""

    where: str
    key: str
    literal: bool
    counted: bool


def _is_texts(node: ast.expr) -> bool:
    """``texts(…)``, ``env.texts(…)``, or a deferred ``Teks(…)``."""
    return (isinstance(node, ast.Name) and node.id in ("texts", "Teks")) or (
        isinstance(node, ast.Attribute) and node.attr == "texts"
    )


def _written(node: ast.expr) -> Iterator[tuple[str, bool]]:
    """``(key, literal)`` for a key argument: a conditional yields both branches."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        yield node.value, True
    elif isinstance(node, ast.IfExp):
        yield from _written(node.body)
        yield from _written(node.orelse)
    elif isinstance(node, ast.JoinedStr):
        yield (
            "".join(
                part.value
                if isinstance(part, ast.Constant) and isinstance(part.value, str)
                else "{}"
                for part in node.values
            ),
            False,
        )
    else:
        yield ast.unparse(node), False


def uses() -> list[Use]:
    """Every key argument of ``texts(...)``, ``env.texts(...)`` and ``….texts.count(...)`` in
    the bot's sources."""
    found: list[Use] = []
    for folder in SOURCES:
        for path in sorted((ROOT / folder).rglob("*.py")):
            tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
            for node in ast.walk(tree):
                if not isinstance(node, ast.Call) or not node.args:
                    continue
                func = node.func
                if _is_texts(func):
                    counted = False
                elif (
                    isinstance(func, ast.Attribute)
                    and func.attr == "count"
                    and _is_texts(func.value)
                ):
                    counted = True
                else:
                    continue
                where = f"{path.relative_to(ROOT)}:{node.lineno}"
                found += [
                    Use(where, key, literal, counted) for key, literal in _written(node.args[0])
                ]
    return found


USES = uses()


def _check_kind(use: Use, key: str) -> None:
    counted = isinstance(CATALOGS[DEFAULT][key], dict)
    assert use.counted == counted, (
        f"{use.where}: {key} is {'a counted' if counted else 'not a counted'} text: "
        f"use texts{'.count' if counted else ''}(…)"
    )


def test_the_scan_finds_the_calls() -> None:
    literal = {use.key for use in USES if use.literal}
    assert len(literal) > 150
    assert any(use.counted and use.key == "baris_lain" for use in USES)
    assert any(not use.literal and use.key == "status.{}" for use in USES)


def test_every_literal_key_exists() -> None:
    for use in USES:
        if use.literal:
            assert use.key in CATALOGS[DEFAULT], f"{use.where}: no text {use.key!r}"
            _check_kind(use, use.key)


def test_every_dynamic_key_is_known() -> None:
    """A new computed key must be listed in DYNAMIC with everything it can become."""
    for use in USES:
        if not use.literal:
            assert use.key in DYNAMIC, f"{use.where}: computed key {use.key!r} not in DYNAMIC"
            for key in DYNAMIC[use.key]:
                assert key in CATALOGS[DEFAULT], f"{use.where}: no text {key!r}"
                _check_kind(use, key)


def test_no_stale_dynamic_family() -> None:
    assert {use.key for use in USES if not use.literal} == set(DYNAMIC)


@pytest.mark.parametrize(
    ("family", "values"),
    [
        ("status.{}", [s.value for s in Status]),
        ("peran.{}", [p.value for p in Peran]),
        ("pengingat.{}", [p.value for p in Pengingat]),
        ("tangga.{}", [t.value for t in Tangga]),
        ("sebab.{}", [s.value for s in Sebab]),
        ("eskalasi.{}", [s.value for s in Sebab]),
        ("eskalasi.judul.{}", [Peran.ASISTEN.value, Peran.SEKDA.value, Peran.KEPALA_DAERAH.value]),
    ],
)
def test_dynamic_families_cover_their_values(family: str, values: list[str]) -> None:
    assert {family.replace("{}", value) for value in values} <= set(DYNAMIC[family])
