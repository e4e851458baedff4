"""The digest's rating of an OPD: merah, kuning or hijau (PRODUCT.md, "The digest").

merah: any overdue penugasan, or a kendala older than N days;
kuning: any kendala, or no report for N days while work is open;
hijau: otherwise.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum


class Warna(StrEnum):
    """The rating colours, worst first."""

    MERAH = "merah"
    KUNING = "kuning"
    HIJAU = "hijau"


ICON = {Warna.MERAH: "🔴", Warna.KUNING: "🟡", Warna.HIJAU: "🟢"}


@dataclass(frozen=True)
class AngkaOpd:
    """One OPD's numbers in the digest, as aggregated by SQL."""

    opd_id: int
    kode: str
    nama: str
    klaster: int
    terbuka: int = 0
    terlambat: int = 0
    terkendala: int = 0
    menunggu: int = 0
    terverifikasi: int = 0
    last_report_at: datetime | None = None
    oldest_kendala: datetime | None = None
    oldest_open_since: datetime | None = None
    belum_terhubung: int = 0

    def silent_since(self) -> datetime | None:
        """Since when the OPD has said nothing on its open work (None: nothing open)."""
        if self.terbuka == 0:
            return None
        return self.last_report_at or self.oldest_open_since


def rate(angka: AngkaOpd, now: datetime, n_days: int) -> Warna:
    """The colour of one OPD at ``now`` with escalation threshold ``n_days``."""
    limit = timedelta(days=n_days)
    if angka.terlambat > 0:
        return Warna.MERAH
    if angka.oldest_kendala is not None and now - angka.oldest_kendala >= limit:
        return Warna.MERAH
    if angka.terkendala > 0:
        return Warna.KUNING
    silent = angka.silent_since()
    if silent is not None and now - silent >= limit:
        return Warna.KUNING
    return Warna.HIJAU


def days_since(moment: datetime | None, now: datetime) -> int | None:
    """Whole days from ``moment`` to ``now`` (None if it never happened)."""
    if moment is None:
        return None
    return max(0, (now - moment).days)
