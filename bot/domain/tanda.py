"""Honesty signs (*tanda*): what leadership should look at twice before trusting a number.

The digest and `/arahan_info` mark a penugasan when

- it is reported done but no photo or document backs the claim (**tanpa bukti**);
- its progress has not moved for ``STALLED_WEEKS`` weeks while it is being worked on (**macet**);
- it reports the same kendala again and again without any progress (**kendala berulang**);
- a completion of it was rejected by a verifier before (**pernah ditolak**).

This module holds the rules that need no database: which kendala reports repeat. The queries
that find the other signs are in :mod:`bot.features.digest.tanda`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Final

from bot.domain.reply_parser import SINGKATAN

__all__ = ["MIRIP", "LaporanKendala", "Tanda", "kendala_berulang"]


class Tanda(StrEnum):
    """One honesty sign; the value is the text key's last part (``tanda.<value>``)."""

    TANPA_BUKTI = "tanpa_bukti"
    MACET = "macet"
    KENDALA_BERULANG = "kendala_berulang"
    PERNAH_DITOLAK = "pernah_ditolak"


MIRIP: Final = 85
"""Two kendala texts this similar (rapidfuzz token-set ratio, 0..100) are the same kendala:
``dana belum cair`` and ``Dana blm cair pak, masih menunggu`` are; ``lahan`` and ``cuaca`` not."""


@dataclass(frozen=True)
class LaporanKendala:
    """One report of a penugasan, newest first, as far as the repeat rule needs it."""

    terkendala: bool
    """The report said terkendala."""
    kendala: str | None
    progress: int | None


SAPAAN: Final = frozenset({"pak", "bu", "bapak", "ibu", "bpk", "mas", "mbak", "ndan", "kak"})
"""Forms of address, left out before comparing."""


def _kata(teks: str) -> str:
    """``teks`` in the reader's words: lowercase, abbreviations expanded, address dropped."""
    from rapidfuzz import utils  # imported on first use: it takes ~12 ms, the start need not wait

    words = (SINGKATAN.get(w, w) for w in utils.default_process(teks).split())
    return " ".join(w for w in words if w not in SAPAAN)


def _sama(a: str, b: str) -> bool:
    from rapidfuzz import fuzz  # see _kata

    return fuzz.token_set_ratio(_kata(a), _kata(b)) >= MIRIP


def kendala_berulang(riwayat: Sequence[LaporanKendala]) -> int:
    """How many times the latest kendala was reported in the current run of kendala reports
    (``riwayat`` newest first) while progress did not move; 0 when it is not repeated.

    The run ends at the first report that is not a kendala. A different kendala in the run does
    not count, a rise in progress inside the run means work goes on (0)."""
    if not riwayat or not riwayat[0].terkendala or not riwayat[0].kendala:
        return 0
    latest = riwayat[0].kendala
    seen: list[int] = []
    same = 0
    for laporan in riwayat:
        if not laporan.terkendala:
            break
        if laporan.progress is not None:
            seen.append(laporan.progress)
        if laporan.kendala and _sama(latest, laporan.kendala):
            same += 1
    if same < 2 or (seen and max(seen) > seen[-1]):
        return 0
    return same
