"""Where a message that is not a command goes: one router, in a fixed order, so nothing an
official sends is dropped without an answer.

1. a file sent for an import (caption `/opd_impor`, or the file an import waits for);
2. what the bot is waiting for from this person in this chat (a guided-flow step, a reason
   for rejecting a completion, the detail after Progres / Kendala / Selesai);
3. a reply to a bot message about a directive: a report;
4. a photo or document soon after the sender's own report: its bukti dukung;
5. anything else in a private chat: a hint on how to report (in groups the bot stays quiet).

What the router decides comes back as a result that handlers/messages.py answers; a message
that continues another feature's command is answered by that feature.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from bot.env import Env
from bot.features.arahan_ubah.service import UBAH_KINDS
from bot.features.directives.guided import GUIDED_KINDS
from bot.features.directives.imports import IMPORTS, Fetch, import_kind
from bot.features.people.access import Actor, load_actor, require
from bot.features.perpanjangan import service as perpanjangan
from bot.features.reporting.inputs import (
    BuktiTambahan,
    Dilaporkan,
    Pesan,
    awaited_here,
    evidence_after_report,
    report_message,
)
from bot.features.verification.service import REJECT_KIND
from bot.messaging.caller import Caller
from storage.db import UnitOfWork

__all__ = ["Dilaporkan", "Hasil", "Lanjutan", "Masuk", "Pengirim", "Petunjuk", "route"]


@dataclass(frozen=True)
class Masuk:
    """An incoming non-command message, as the router needs it."""

    pesan: Pesan
    file_name: str | None = None
    file_size: int | None = None
    fetch: Fetch | None = None


class Pengirim(Enum):
    """Who wrote a private message about nothing, for the hint they get."""

    ORANG_BARU = "orang_baru"  # not (or no longer) a member: how to join
    PELAPOR = "pelapor"  # reports for an OPD: how to report
    PIMPINAN = "pimpinan"  # a leader or admin: what they can ask for


@dataclass(frozen=True)
class Petunjuk:
    """A private message about nothing: a hint on how to report, by who sent it."""

    pengirim: Pengirim


@dataclass(frozen=True)
class Lanjutan:
    """The message continues a command of another feature, which its handler answers: a file
    for `opd_impor` / `arahan_impor`, a step of the guided `arahan`, a reason after Tolak
    (`verifikasi`). The caller may use that command (checked)."""

    perintah: str
    actor: Actor


Hasil = Dilaporkan | BuktiTambahan | Petunjuk | Lanjutan | None
"""What the router leaves for the handler to answer; None when the bot stays quiet (a group
message about nothing)."""


async def route(uow: UnitOfWork, env: Env, caller: Caller, masuk: Masuk) -> Hasil:
    """Handle one message in the order above. A message that continues a command (a file for
    an import, a step of the guided /arahan, a reason after Tolak) is allowed to whom the
    role table allows that command, and answered by that command's feature."""
    pesan = masuk.pesan
    is_file = masuk.fetch is not None
    if is_file and pesan.text.strip().startswith("/"):
        kind = await import_kind(uow, caller.telegram_id, caller.chat_id, pesan.text)
        if kind is not None:
            return Lanjutan(kind, await require(uow, env, caller, kind))
    awaited = await awaited_here(uow, caller)
    kind = awaited.kind if awaited is not None else None
    if kind in IMPORTS and is_file and pesan.reply_to_bot is None:
        return Lanjutan(kind, await require(uow, env, caller, kind))
    if kind in GUIDED_KINDS and pesan.text and pesan.bukti is None:
        return Lanjutan("arahan", await require(uow, env, caller, "arahan"))
    if kind == REJECT_KIND and pesan.text:
        return Lanjutan("verifikasi", await require(uow, env, caller, "verifikasi"))
    if kind in UBAH_KINDS and pesan.text and pesan.bukti is None:
        return Lanjutan("arahan_ubah", await require(uow, env, caller, "arahan_ubah"))
    if kind is not None and pesan.text and pesan.bukti is None:
        # an extension request's prompt, or the reason after its Tolak (`perpanjang…`)
        lanjut = await perpanjangan.continues(uow, env, caller, kind, pesan.reply_to_bot)
        if lanjut is not None:
            return Lanjutan(*lanjut)
    dilaporkan = await report_message(uow, env, caller, pesan, waiting=awaited)
    if dilaporkan is not None:
        return dilaporkan
    if pesan.bukti is not None:
        tambahan = await evidence_after_report(uow, env, caller, pesan.bukti)
        if tambahan is not None:
            return tambahan
    if caller.in_private:
        return await _hint(uow, env, caller)
    return None


async def _hint(uow: UnitOfWork, env: Env, caller: Caller) -> Petunjuk:
    actor = await load_actor(uow, env, caller.telegram_id)
    if actor is None:
        return Petunjuk(Pengirim.ORANG_BARU)
    return Petunjuk(Pengirim.PELAPOR if actor.opd_ids else Pengirim.PIMPINAN)
