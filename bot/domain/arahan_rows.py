"""Reading directives typed by an admin (`KODE[,KODE…] | tenggat | teks [| prioritas]`) or
imported from a file (`opd,tenggat,arahan[,prioritas]`), with every problem named per line.

The reasons are not in any language yet (:data:`~bot.domain.tables.Alasan`): the handler
renders them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from html import escape

from bot.domain.dates import TanggalTidakValid, parse_tanggal
from bot.domain.tables import Alasan
from bot.texts import Teks

MAX_TEKS = 2000
MAX_OPD = 20
MAX_ARAHAN = 30
PRIORITAS = ("tinggi", "sedang", "rendah")
_PRIORITAS_WORDS = {
    "tinggi": "tinggi",
    "high": "tinggi",
    "penting": "tinggi",
    "segera": "tinggi",
    "sedang": "sedang",
    "normal": "sedang",
    "biasa": "sedang",
    "medium": "sedang",
    "rendah": "rendah",
    "low": "rendah",
}
_KODE = re.compile(r"^[A-Z0-9_]{2,20}$")


@dataclass(frozen=True)
class ArahanBaru:
    """A directive as typed: OPD codes (lead first), deadline, text, priority."""

    kode_opd: tuple[str, ...]
    tenggat: date
    teks: str
    prioritas: str = "sedang"


def parse_prioritas(text: str) -> str | None:
    """`tinggi` / `sedang` / `rendah` from what the admin typed, or None."""
    return _PRIORITAS_WORDS.get(text.strip().lower())


def validate_arahan(
    kode: str, tenggat: str, teks: str, prioritas: str, today: date
) -> ArahanBaru | list[Alasan]:
    """One directive's parts checked; returns it or the reasons (codes not looked up here)."""
    reasons: list[Alasan] = []
    codes = [c.strip().upper() for c in kode.split(",") if c.strip()]
    seen: set[str] = set()
    for code in codes:
        if not _KODE.match(code):
            reasons.append(Teks("opd.kode_salah", kode=escape(code[:30])))
        elif code in seen:
            reasons.append(Teks("arahan.kode_ganda", kode=escape(code)))
        seen.add(code)
    if not codes:
        reasons.append(Teks("arahan.bagian_kurang"))
    if len(codes) > MAX_OPD:
        reasons.append(Teks("arahan.terlalu_banyak_opd", maks=MAX_OPD))
    deadline: date | None = None
    try:
        deadline = parse_tanggal(tenggat, today)
    except TanggalTidakValid as exc:
        reasons.append(exc.pesan)
    if deadline is not None and deadline < today:
        reasons.append(Teks("arahan.tenggat_lewat", tanggal=deadline.isoformat()))
    body = " ".join(teks.split())
    if not body or len(body) > MAX_TEKS:
        reasons.append(Teks("arahan.teks_kosong", maks=MAX_TEKS))
    level = parse_prioritas(prioritas) if prioritas.strip() else "sedang"
    if level is None:
        reasons.append(Teks("arahan.prioritas_salah", nilai=escape(prioritas.strip()[:20])))
    if reasons or deadline is None or level is None:
        return reasons
    return ArahanBaru(tuple(codes), deadline, body, level)


def parse_arahan_line(line: str, today: date) -> ArahanBaru | list[Alasan]:
    """One typed line `KODE[,KODE…] | tenggat | teks [| prioritas]`."""
    parts = [p.strip() for p in line.split("|")]
    prioritas = ""
    if len(parts) >= 4 and parse_prioritas(parts[-1]) is not None:
        prioritas = parts.pop()
    if len(parts) < 3:
        return [Teks("arahan.bagian_kurang")]
    # a `|` inside the text belongs to the text
    return validate_arahan(parts[0], parts[1], " | ".join(parts[2:]), prioritas, today)
