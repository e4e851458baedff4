"""The arguments of `/ekspor`: a Rakor, a date range, a cluster, an OPD code, in any order and
combined; anything else is refused with a clear message (table-driven)."""

from __future__ import annotations

from datetime import date

import pytest

from bot.domain.errors import InputTidakValid
from bot.features.export.service import MintaEkspor
from bot.texts import Texts
from handlers.export import read_ekspor

TODAY = date(2026, 12, 1)


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ("", MintaEkspor()),
        ("   ", MintaEkspor()),
        ("rakor 3", MintaEkspor(rakor=3)),
        ("Rakor No.3", MintaEkspor(rakor=3)),
        ("rakor #12", MintaEkspor(rakor=12)),
        (
            "dari 1/11/2026 sampai 30/11/2026",
            MintaEkspor(dari=date(2026, 11, 1), sampai=date(2026, 11, 30)),
        ),
        (
            "dari 1 Nov 2026 sampai 30 November 2026",
            MintaEkspor(dari=date(2026, 11, 1), sampai=date(2026, 11, 30)),
        ),
        ("dari 2026-11-01", MintaEkspor(dari=date(2026, 11, 1))),
        ("sampai 30-11-2026", MintaEkspor(sampai=date(2026, 11, 30))),
        ("hingga hari ini", MintaEkspor(sampai=TODAY)),
        ("klaster 2", MintaEkspor(klaster=2)),
        ("kluster II", MintaEkspor(klaster=2)),
        ("asisten III", MintaEkspor(klaster=3)),
        ("DINKES", MintaEkspor(opd="DINKES")),
        ("dinkes", MintaEkspor(opd="DINKES")),
        ("KEC_LIMAKAUM", MintaEkspor(opd="KEC_LIMAKAUM")),
        (
            "rakor 3 dari 1/11/2026 sampai 30/11/2026 klaster 2 DINKES",
            MintaEkspor(3, date(2026, 11, 1), date(2026, 11, 30), 2, "DINKES"),
        ),
        # the OPD code may stand anywhere, also right after a date or a number
        ("DINKES rakor 3", MintaEkspor(rakor=3, opd="DINKES")),
        ("rakor 3 DINKES", MintaEkspor(rakor=3, opd="DINKES")),
        ("dari 1 Des 2026 BAPPEDA", MintaEkspor(dari=date(2026, 12, 1), opd="BAPPEDA")),
        ("sampai 31/12/2026 klaster 1", MintaEkspor(sampai=date(2026, 12, 31), klaster=1)),
    ],
)
def test_accepted(args: str, expected: MintaEkspor) -> None:
    assert read_ekspor(args, TODAY) == expected


@pytest.mark.parametrize(
    ("args", "says"),
    [
        ("rakor", "belum diberi nilai"),
        ("rakor tiga", "Nomor Rakor «tiga» tidak dikenali"),
        ("rakor 1 rakor 2", "«rakor» disebut dua kali"),
        ("klaster 12", "Klaster «12» tidak dikenali"),
        ("klaster", "belum diberi nilai"),
        ("dari", "belum diberi nilai"),
        ("dari kemarin lusa", "Tanggal «kemarin lusa»"),
        ("dari 31/02/2026", "tidak ada di kalender"),
        (
            "dari 30/11/2026 sampai 1/11/2026",
            "(30/11/2026) jatuh setelah tanggal akhir (01/11/2026)",
        ),
        ("DINKES BAPPEDA", "«BAPPEDA» tidak dikenali"),
        ("<b>", "«&lt;b&gt;» tidak dikenali"),
        ("semua-opd!", "«semua-opd!» tidak dikenali"),
        ("X" * 30, "tidak dikenali"),
    ],
)
def test_refused(args: str, says: str) -> None:
    with pytest.raises(InputTidakValid) as caught:
        read_ekspor(args, TODAY)
    text = caught.value.text(Texts())
    assert says in text
    assert "/ekspor rakor 3 DINKES" in text or "Bentuk yang diterima" in text
