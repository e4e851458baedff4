"""Asisten clusters: numbered 1..9, typed as `2`, `II`, `klaster 2` or `Asisten II`."""

from __future__ import annotations

import re

ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5, "vi": 6, "vii": 7, "viii": 8, "ix": 9}
ROMAN_OF = {v: k.upper() for k, v in ROMAN.items()}
MAX_KLASTER = 9
_PREFIX = re.compile(r"^(klaster|kluster|asisten|asst\.?)\s*", re.IGNORECASE)


def parse_klaster(text: str) -> int | None:
    """The cluster number in ``text``, or None if it is not one (1..9)."""
    word = _PREFIX.sub("", text.strip()).strip().lower()
    if re.fullmatch(r"[1-9]", word):
        number = int(word)
    else:
        number = ROMAN.get(word, 0)
    return number if 1 <= number <= MAX_KLASTER else None


def klaster_label(number: int) -> str:
    """`Asisten II` style label of a cluster."""
    return f"Asisten {ROMAN_OF.get(number, str(number))}"
