"""Roles, and the one table of who may use each command and each kind of button: handlers
check it once for every update (services never check a role by command name)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Peran(StrEnum):
    """A member's role, as in PRODUCT.md."""

    ADMIN = "admin"
    KEPALA_DAERAH = "kepala_daerah"
    SEKDA = "sekda"
    ASISTEN = "asisten"
    KEPALA_OPD = "kepala_opd"
    OPERATOR = "operator"


OPD_ROLES = frozenset({Peran.KEPALA_OPD, Peran.OPERATOR})
LEADERS = frozenset({Peran.ADMIN, Peran.KEPALA_DAERAH, Peran.SEKDA, Peran.ASISTEN})

# The words an admin types in /undang, mapped to roles; the role names themselves work too.
INVITE_WORDS: dict[str, Peran] = {
    "kepala": Peran.KEPALA_OPD,
    "kepala_opd": Peran.KEPALA_OPD,
    "camat": Peran.KEPALA_OPD,
    "operator": Peran.OPERATOR,
    "asisten": Peran.ASISTEN,
    "sekda": Peran.SEKDA,
    "kepala_daerah": Peran.KEPALA_DAERAH,
    "bupati": Peran.KEPALA_DAERAH,
    "walikota": Peran.KEPALA_DAERAH,
    "admin": Peran.ADMIN,
}

ANYONE = None  # marker: a command open to strangers


@dataclass(frozen=True)
class Perintah:
    """A bot command: its name and which roles may use it (``None`` = anyone)."""

    name: str
    roles: frozenset[Peran] | None


ALL = frozenset(Peran)
COMMANDS: tuple[Perintah, ...] = (
    Perintah("start", ANYONE),
    Perintah("bantuan", ANYONE),
    Perintah("tugas", OPD_ROLES),
    Perintah("lapor", OPD_ROLES),
    Perintah("perpanjang", OPD_ROLES),
    Perintah("arahan_info", ALL),
    Perintah("status", frozenset({Peran.ADMIN, Peran.ASISTEN, Peran.SEKDA, Peran.KEPALA_DAERAH})),
    Perintah("verifikasi", frozenset({Peran.ADMIN, Peran.ASISTEN})),
    Perintah("ekspor", frozenset({Peran.ADMIN, Peran.ASISTEN, Peran.SEKDA, Peran.KEPALA_DAERAH})),
    Perintah("rakor", frozenset({Peran.ADMIN})),
    Perintah("arahan", frozenset({Peran.ADMIN})),
    Perintah("arahan_impor", frozenset({Peran.ADMIN})),
    Perintah("tenggat", frozenset({Peran.ADMIN})),
    Perintah("batal", frozenset({Peran.ADMIN})),
    Perintah("arahan_ubah", frozenset({Peran.ADMIN})),
    Perintah("opd", frozenset({Peran.ADMIN})),
    Perintah("opd_tambah", frozenset({Peran.ADMIN})),
    Perintah("opd_impor", frozenset({Peran.ADMIN})),
    Perintah("undang", frozenset({Peran.ADMIN})),
    Perintah("undangan", frozenset({Peran.ADMIN})),
    Perintah("anggota", frozenset({Peran.ADMIN})),
    Perintah("nonaktif", frozenset({Peran.ADMIN})),
    Perintah("plh", frozenset({Peran.ADMIN})),
    Perintah("cuti", ALL),  # someone else's leave: the admin only (the service checks)
    Perintah("grup", frozenset({Peran.ADMIN})),
    Perintah("ingatkan", frozenset({Peran.ADMIN})),
    Perintah("laporan_rakor", frozenset({Peran.ADMIN, Peran.SEKDA, Peran.KEPALA_DAERAH})),
)
BY_NAME = {cmd.name: cmd for cmd in COMMANDS}


def may_use(peran: Peran | None, command: str) -> bool:
    """Whether someone with this role (``None`` = stranger) may run ``command``."""
    cmd = BY_NAME[command]
    if cmd.roles is None:
        return True
    return peran is not None and peran in cmd.roles


def commands_for(peran: Peran | None, available: frozenset[str]) -> list[str]:
    """The commands this role may use, among those the bot offers now, in menu order."""
    return [c.name for c in COMMANDS if c.name in available and may_use(peran, c.name)]


class ButtonKind(StrEnum):
    """What an inline button does: the first part of its signed callback data."""

    PENUGASAN = "pg"  # Terima / Progres / Kendala / Selesai on a penugasan (private chat)
    ARAHAN = "ar"  # the same on a directive posted in an OPD group
    TARIK = "lp"  # take one's own report back
    DRAF = "dr"  # Terbitkan / Batal on a preview
    PANDUAN = "gd"  # the steps of the guided /arahan
    VERIFIKASI = "vf"  # Terima / Tolak a reported completion
    STATUS = "st"  # turn a digest page, open an OPD or a directive
    KONFIRMASI = "ks"  # Ya, selesai / Belum when a report may mean done but is unsure
    BUKTI = "bk"  # send a penugasan's evidence (photos, documents) to the reader
    EKSPOR = "ek"  # the digest's Unduh Excel: the workbook of the digest's scope
    UNDANGAN = "ud"  # revoke a pending invitation listed by /undangan
    MINTA_PERPANJANGAN = "pp"  # ⏳ Minta perpanjangan under a directive (starts the prompt)
    PERPANJANGAN = "pj"  # Setujui / Tolak an extension request
    GRUP = "gp"  # Pindahkan ke grup ini / Batal when /grup would move a registration
    UBAH = "ub"  # the steps of /arahan_ubah: what to change, the new value, Simpan / Batal
    RAKOR = "rk"  # choose, under /rakor, which Rakor one's new directives belong to


@dataclass(frozen=True)
class Tekan:
    """Who may press a kind of button, and the refusal everyone else gets (a text key)."""

    roles: frozenset[Peran]
    refusal: str


REPORTERS = Tekan(OPD_ROLES, "penugasan.bukan_opd_anda")
BUTTONS: dict[ButtonKind, Tekan] = {
    ButtonKind.PENUGASAN: REPORTERS,
    ButtonKind.ARAHAN: REPORTERS,
    ButtonKind.TARIK: Tekan(OPD_ROLES, "tarik.bukan_milik"),
    ButtonKind.DRAF: Tekan(BY_NAME["arahan"].roles or ALL, "ditolak"),
    ButtonKind.PANDUAN: Tekan(BY_NAME["arahan"].roles or ALL, "ditolak"),
    ButtonKind.VERIFIKASI: Tekan(BY_NAME["verifikasi"].roles or ALL, "ditolak"),
    ButtonKind.STATUS: Tekan(BY_NAME["status"].roles or ALL, "ditolak"),
    ButtonKind.KONFIRMASI: REPORTERS,
    # whoever may read the directive's history (`/arahan_info`); the service checks the OPD
    ButtonKind.BUKTI: Tekan(BY_NAME["arahan_info"].roles or ALL, "ditolak"),
    ButtonKind.EKSPOR: Tekan(BY_NAME["ekspor"].roles or ALL, "ditolak"),
    ButtonKind.UNDANGAN: Tekan(BY_NAME["undangan"].roles or ALL, "ditolak"),
    ButtonKind.MINTA_PERPANJANGAN: Tekan(BY_NAME["perpanjang"].roles or ALL, "ditolak"),
    # whoever may verify (admins; an Asisten): the service checks ASISTEN_MAY_VERIFY and cluster
    ButtonKind.PERPANJANGAN: Tekan(BY_NAME["verifikasi"].roles or ALL, "ditolak"),
    ButtonKind.GRUP: Tekan(BY_NAME["grup"].roles or ALL, "ditolak"),
    ButtonKind.UBAH: Tekan(BY_NAME["arahan_ubah"].roles or ALL, "ditolak"),
    ButtonKind.RAKOR: Tekan(BY_NAME["rakor"].roles or ALL, "ditolak"),
}


def may_press(peran: Peran | None, kind: ButtonKind) -> bool:
    """Whether someone with this role (``None`` = stranger) may press a button of ``kind``."""
    return peran is not None and peran in BUTTONS[kind].roles
