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
    # a change of a published directive (/arahan_ubah) being prepared: Simpan → terbit
    UBAH = "ubah"


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
    PANDUAN_OPD = "gd_opd"  # a filter typed while the guided /arahan shows its OPD picker
    PANDUAN_TENGGAT = "gd_tenggat"
    PANDUAN_TEKS = "gd_teks"
    PANDUAN_PRIORITAS = "gd_prioritas"
    TOLAK = "tolak"
    OPD_IMPOR = "opd_impor"
    ARAHAN_IMPOR = "arahan_impor"
    # an extension request: the date (and perhaps the reason), then the reason (the kind
    # carries the date read: `pj_alasan:2027-01-15`); the decider's reason after Tolak
    PERPANJANGAN_TANGGAL = "pj_tanggal"
    PERPANJANGAN_ALASAN = "pj_alasan"
    PERPANJANGAN_TOLAK = "pj_tolak"
    # /arahan_ubah: the new text, the reason, a part of an OPD's name to find it in the picker
    UBAH_TEKS = "ub_teks"
    UBAH_ALASAN = "ub_alasan"
    UBAH_CARI = "ub_cari"


class PerpanjanganState(StrEnum):
    """An extension request: waiting for a decision, approved (the deadline moved) or refused."""

    MENUNGGU = "menunggu"
    DISETUJUI = "disetujui"
    DITOLAK = "ditolak"


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


class BerkasState(StrEnum):
    """A file someone asked for (an export, a Rakor report): waiting for the file desk, sent
    (queued in the outbox), or given up after its attempts (the asker is told)."""

    MENUNGGU = "menunggu"
    SELESAI = "selesai"
    GAGAL = "gagal"
