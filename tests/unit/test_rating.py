"""The digest's merah / kuning / hijau rating of an OPD."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.domain.rating import AngkaOpd, Warna, days_since, rate

NOW = datetime(2026, 11, 23, 1, 0, tzinfo=UTC)
N = 7


def ago(days: float) -> datetime:
    return NOW - timedelta(days=days)


def opd(**numbers: object) -> AngkaOpd:
    return AngkaOpd(1, "DINKES", "Dinas Kesehatan", 1, **numbers)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("angka", "warna"),
    [
        (opd(), Warna.HIJAU),  # nothing assigned
        (opd(terbuka=3, last_report_at=ago(1)), Warna.HIJAU),
        (opd(terbuka=3, terverifikasi=5, last_report_at=ago(6.9)), Warna.HIJAU),
        (opd(terbuka=1, terlambat=1, last_report_at=ago(0)), Warna.MERAH),
        (opd(terbuka=1, terkendala=1, oldest_kendala=ago(7), last_report_at=ago(7)), Warna.MERAH),
        (opd(terbuka=1, terkendala=1, oldest_kendala=ago(2), last_report_at=ago(2)), Warna.KUNING),
        (opd(terbuka=2, last_report_at=ago(7)), Warna.KUNING),  # silent for N days
        (opd(terbuka=2, oldest_open_since=ago(8)), Warna.KUNING),  # never reported
        (opd(terbuka=2, oldest_open_since=ago(3)), Warna.HIJAU),
        (opd(terbuka=0, menunggu=2, last_report_at=ago(30)), Warna.HIJAU),  # nothing open
    ],
)
def test_rate(angka: AngkaOpd, warna: Warna) -> None:
    assert rate(angka, NOW, N) is warna


def test_days_since() -> None:
    assert days_since(None, NOW) is None
    assert days_since(ago(2.5), NOW) == 2
    assert days_since(NOW + timedelta(hours=1), NOW) == 0
