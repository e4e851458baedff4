"""The words shared by everything that shows or keeps evidence (no imports of features, so the
directive history and the verification card can use them without import cycles)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

DOWNLOAD_LIMIT = 20 * 1024 * 1024  # the Bot API's getFile serves files up to 20 MB


class Simpanan(StrEnum):
    """Where the bot's own copy of a piece of evidence stands (``Bukti.stored_state``)."""

    ANTRI = "antri"  # not downloaded yet (or a download failed and is tried again)
    TERSIMPAN = "tersimpan"  # kept in EVIDENCE_DIR
    TERLALU_BESAR = "terlalu_besar"  # over 20 MB: only Telegram has it


@dataclass(frozen=True)
class Ringkasan:
    """A penugasan's evidence on reports not taken back: how many pieces, and how many of them
    only Telegram has (too big to download)."""

    jumlah: int = 0
    terlalu_besar: int = 0
