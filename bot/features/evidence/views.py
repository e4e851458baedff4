"""How evidence reads in Telegram: the count (with the note for files only Telegram has), the
**Lihat bukti** button, the caption on each piece sent again, and the way to the next ones."""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING, Any

from bot.domain.roles import ButtonKind
from bot.env import Env
from bot.features.evidence.simpanan import Ringkasan
from bot.messaging.outbox import View, button

if TYPE_CHECKING:  # the service imports the directive history, which imports these views
    from bot.features.evidence.service import Berkas, Kiriman

MAX_CAPTION = 700  # of the reporter's own caption; Telegram allows 1024 in all


def ringkas(env: Env, ringkasan: Ringkasan) -> str:
    """`3 berkas`, with how many only Telegram has; `belum ada` when there is none."""
    if not ringkasan.jumlah:
        return env.texts("bukti.belum_ada")
    text = env.texts.count("bukti.berkas", ringkasan.jumlah, jumlah=ringkasan.jumlah)
    if ringkasan.terlalu_besar:
        text += " " + env.texts.count(
            "bukti.terlalu_besar", ringkasan.terlalu_besar, jumlah=ringkasan.terlalu_besar
        )
    return text


def tombol(
    env: Env, penugasan_id: int, ringkasan: Ringkasan, opd: str | None = None
) -> dict[str, str] | None:
    """**📎 Lihat bukti (3)** (naming the OPD where a directive has several), or None when
    there is nothing to see."""
    if not ringkasan.jumlah:
        return None
    label = (
        env.texts("tombol.lihat_bukti", jumlah=ringkasan.jumlah)
        if opd is None
        else env.texts("tombol.lihat_bukti_opd", opd=escape(opd), jumlah=ringkasan.jumlah)
    )
    return button(label, env.signer.make(ButtonKind.BUKTI, "p", penugasan_id, 0))


def keterangan(env: Env, kiriman: Kiriman, berkas: Berkas) -> str:
    """The caption of one piece: which directive and OPD, when and by whom it was reported,
    the reporter's own caption, and the note when only Telegram has the file."""
    laporan = berkas.laporan
    lines = [
        env.texts(
            "bukti.keterangan",
            nomor=kiriman.arahan.nomor,
            opd=escape(kiriman.opd.kode),
            waktu=env.format_datetime(laporan.created_at),
            nama=escape(berkas.nama or "-"),
        )
    ]
    own = berkas.bukti.caption
    if own:
        lines.append(escape(own if len(own) <= MAX_CAPTION else own[: MAX_CAPTION - 1] + "…"))
    if berkas.terlalu_besar:
        lines.append(env.texts("bukti.hanya_telegram"))
    return "\n".join(lines)


def payload(env: Env, chat_id: int, kiriman: Kiriman, berkas: Berkas) -> tuple[str, dict[str, Any]]:
    """The Bot API call that sends one piece again by its file id: sendPhoto or sendDocument."""
    field = "photo" if berkas.foto else "document"
    return (
        "sendPhoto" if berkas.foto else "sendDocument",
        {
            "chat_id": chat_id,
            field: berkas.bukti.file_id,
            "caption": keterangan(env, kiriman, berkas),
            "parse_mode": "HTML",
        },
    )


def lanjut(env: Env, kiriman: Kiriman) -> View | None:
    """After a page with more to come: which pieces were sent, and **Bukti berikutnya**."""
    if not kiriman.sisa:
        return None
    sampai = kiriman.mulai + len(kiriman.berkas)
    text = env.texts(
        "bukti.lanjut",
        dari=kiriman.mulai + 1,
        sampai=sampai,
        jumlah=kiriman.jumlah,
        nomor=kiriman.arahan.nomor,
        opd=escape(kiriman.opd.kode),
    )
    data = env.signer.make(ButtonKind.BUKTI, "p", kiriman.tugas.id, sampai)
    return View(text, [[button(env.texts("tombol.bukti_berikutnya"), data)]])


def dikirim(env: Env, kiriman: Kiriman, *, ke_pribadi: bool) -> str:
    """The answer to the press: how many pieces are on their way (and where, from a group)."""
    if ke_pribadi:
        return env.texts.count(
            "bukti.dikirim_pribadi", len(kiriman.berkas), jumlah=len(kiriman.berkas)
        )
    return env.texts.count("bukti.dikirim", len(kiriman.berkas), jumlah=len(kiriman.berkas))
