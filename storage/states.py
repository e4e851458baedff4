"""The states the plumbing keeps in its rows, named once (the lifecycle of a penugasan, the
users' own concept, lives in ``bot.domain.lifecycle``). Each is a ``StrEnum``: the value
stored in the database is the string itself, so rows written before stay readable."""

from __future__ import annotations

from enum import IntEnum, StrEnum


class ArahanState(StrEnum):
    """A directive: written in a draft, published (numbered, assigned) or cancelled."""

    DRAF = "draf"
    TERBIT = "terbit"
    DIBATALKAN = "dibatalkan"


class DraftState(StrEnum):
    """A draft: open for changes, published, or dropped with **Batal**."""

    TERBUKA = "terbuka"
    TERBIT = "terbit"
    BATAL = "batal"


class OutboxState(StrEnum):
    """An outbox row: queued → claimed → sent, failed for good, or of unknown fate (it may
    have reached Telegram before the process stopped: never re-sent blindly)."""

    ANTRI = "antri"
    MENGIRIM = "mengirim"
    TERKIRIM = "terkirim"
    GAGAL = "gagal"
    TIDAK_PASTI = "tidak_pasti"


class OutboxPrioritas(IntEnum):
    """Which outbox rows go first across chats (one chat's rows always leave in id order):
    an answer to a person who just wrote or pressed, before fan-out to many (publish,
    reminders, digest)."""

    JAWABAN = 0
    SIARAN = 1


class Pending(StrEnum):
    """A request on a penugasan that waits for an admin's decision."""

    TIDAK_DAPAT = "tidak_dapat"


class Awaited(StrEnum):
    """What the bot waits for from one person in one chat (the next message answers it)."""

    LAPOR_PROGRES = "lapor_p"
    LAPOR_KENDALA = "lapor_k"
    LAPOR_SELESAI = "lapor_s"
    PANDUAN_TENGGAT = "gd_tenggat"
    PANDUAN_TEKS = "gd_teks"
    TOLAK = "tolak"
    OPD_IMPOR = "opd_impor"
    ARAHAN_IMPOR = "arahan_impor"


class RunState(StrEnum):
    """A scheduled occurrence: run, skipped on a day off, or missed beyond the grace period."""

    SELESAI = "selesai"
    LIBUR = "libur"
    TERLEWAT = "terlewat"


class Sumber(StrEnum):
    """Where a laporan came from (shown in `/arahan_info` as ``sumber.<value>``)."""

    BALASAN = "balasan"  # free text: a reply, a photo's caption, a list reply's line
    TOMBOL = "tombol"  # the detail after a report button (Terima, Progres, Kendala, Selesai)
    LAPOR = "lapor"  # /lapor NOMOR teks
    KOREKSI = "koreksi"  # an edit of the message of the latest report
    KOREKSI_LAMA = "koreksi_lama"  # an edit of an older message: history only
    KONFIRMASI = "konfirmasi"  # **Ya, selesai** under the bot's question
    VERIFIKASI = "verifikasi"  # a verifier's decision
