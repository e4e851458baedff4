"""Every user-visible string, one catalog per language: ``id.toml`` (Bahasa Indonesia, the
default) and ``en.toml`` next to this module, which a translator edits without reading Python.

An entry is ``"key" = 'text'``; placeholders use ``str.format`` names and their values are
already HTML-escaped by the caller. A text that depends on a number is a table of CLDR plural
forms (``"key".one``, ``"key".other``; Indonesian has only ``other``), read with
:meth:`Texts.count`. A unit test checks every language has every key with the same
placeholders and the plural forms its language needs, so a translation can never drop a value.
Files are read on first use, never at import.
"""

from __future__ import annotations

import tomllib
from functools import cache
from importlib import resources
from typing import Any

from babel.core import Locale
from babel.plural import PluralRule

DEFAULT = "id"
LANGUAGES = ("id", "en")

Entry = str | dict[str, str]
"""A text, or its plural forms by CLDR category (``one``, ``other``…)."""


@cache
def _load(language: str) -> dict[str, Entry]:
    data = resources.files(__name__).joinpath(f"{language}.toml").read_bytes()
    entries: dict[str, Entry] = tomllib.loads(data.decode("utf-8"))
    return entries


@cache
def _plural_rule(language: str) -> PluralRule:
    return Locale.parse(language).plural_form


def catalog(language: str) -> dict[str, Entry]:
    """A copy of the catalog of ``language`` (one of :data:`LANGUAGES`), key by key."""
    return dict(_load(language))


class Teks:
    """A text not yet in a language: its catalog key and its values (already escaped).

    Services return and raise these instead of rendered strings, so they never need to know
    the language; the handler renders them with :meth:`Texts.render`."""

    __slots__ = ("key", "values")

    def __init__(self, key: str, /, **values: Any) -> None:
        self.key = key
        self.values = values

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Teks) and (self.key, self.values) == (other.key, other.values)

    def __hash__(self) -> int:
        return hash(self.key)

    def __repr__(self) -> str:
        return f"Teks({self.key!r}, **{self.values!r})"


class Texts:
    """The catalog in one language: ``texts("key", name=value)``; any language other than
    those in :data:`LANGUAGES` gets Indonesian."""

    def __init__(self, language: str = DEFAULT) -> None:
        self.language = language
        self._file = language if language in LANGUAGES else DEFAULT

    def __call__(self, key: str, **values: Any) -> str:
        """The text for ``key`` with ``values`` filled in (values must already be escaped).
        A counted text asked for without its number gets its ``other`` form."""
        entry = _load(self._file)[key]
        template = entry if isinstance(entry, str) else entry["other"]
        return template.format(**values) if values else template

    def count(self, key: str, n: int, /, **values: Any) -> str:
        """The text for ``key`` in the plural form the language uses for the number ``n``
        (``n`` only chooses the form: pass it among ``values`` too, under its placeholder)."""
        entry = _load(self._file)[key]
        if isinstance(entry, str):
            template = entry
        else:
            template = entry.get(_plural_rule(self._file)(n), entry["other"])
        return template.format(**values) if values else template

    def render(self, text: str | Teks) -> str:
        """A :class:`Teks` in this language, its values that are Teks too (a status word in
        a sentence); a string is already rendered."""
        if isinstance(text, str):
            return text
        values = {k: self.render(v) if isinstance(v, Teks) else v for k, v in text.values.items()}
        return self(text.key, **values)

    def days_ago(self, days: int) -> str:
        """``hari ini``, ``kemarin``, ``3 hari lalu`` (``today``, ``yesterday``, ``3 days
        ago``): the exact number of days, with the language's plural rule."""
        if days <= 0:
            return self("status.hari_ini")
        if days == 1:
            return self("status.kemarin")
        return self.count("status.hari_lalu", days, hari=days)
