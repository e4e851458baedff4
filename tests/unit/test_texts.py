"""Tests for the text catalog: both languages complete, same placeholders, valid Telegram HTML,
and a menu description for every command."""

from __future__ import annotations

import string

import pytest

from bot.domain.roles import COMMANDS
from bot.texts import CATALOG, Texts
from tests.support.fake_telegram import EntityParseError, parse_html

KEYS = sorted(CATALOG)
_FORMATTER = string.Formatter()


def placeholders(template: str) -> set[str]:
    """The ``{name}`` fields of a str.format template."""
    return {name for _, name, _, _ in _FORMATTER.parse(template) if name is not None}


def filled(template: str) -> str:
    return template.format(**{name: "x" for name in placeholders(template)})


@pytest.mark.parametrize("key", KEYS)
def test_entry(key: str) -> None:
    """Both languages present and non-empty, the same plain ``{name}`` placeholders, and valid
    Telegram HTML once the placeholders are filled."""
    entry = CATALOG[key]
    assert isinstance(entry, tuple) and len(entry) == 2
    indonesian, english = entry
    for template in entry:
        assert isinstance(template, str) and template.strip()
        # texts(key, **values) fills by keyword: no positional, indexed or formatted fields
        for _, name, spec, conversion in _FORMATTER.parse(template):
            if name is not None:
                assert name.isidentifier(), name
                assert not spec and conversion is None, name
        try:
            parse_html(filled(template))
        except EntityParseError as exc:
            pytest.fail(f"{key}: {exc}\n{template}")
    assert placeholders(indonesian) == placeholders(english)


def test_html_check_is_not_vacuous() -> None:
    with pytest.raises(EntityParseError):
        parse_html("<b>unclosed")
    with pytest.raises(EntityParseError):
        parse_html("a < b")


@pytest.mark.parametrize("name", [cmd.name for cmd in COMMANDS])
def test_every_command_has_a_menu_description(name: str) -> None:
    key = f"cmd.{name}"
    assert key in CATALOG
    for description in CATALOG[key]:
        assert 1 <= len(description) <= 256
        assert description == description.strip()
        assert not placeholders(description)


def test_no_description_for_a_command_that_does_not_exist() -> None:
    names = {cmd.name for cmd in COMMANDS}
    assert {key.removeprefix("cmd.") for key in CATALOG if key.startswith("cmd.")} == names


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
    assert Texts("id")("opd.nama_salah") == CATALOG["opd.nama_salah"][0]


def test_unknown_key_raises() -> None:
    with pytest.raises(KeyError):
        Texts("id")("tidak.ada")
