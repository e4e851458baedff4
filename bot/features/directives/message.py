"""How a directive reads in Telegram: its text, the officials mentioned, its report buttons,
and whether it fits in one message."""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from html import escape

from bot.domain.roles import ButtonKind
from bot.env import Env
from bot.messaging.outbox import MAX_TEXT, Keyboard, button
from storage.models import Arahan, Member, Opd, Rakor

MAX_MENTIONS = 10
_TAG = re.compile(r"<[^>]+>")


def mention(member: Member) -> str:
    """A clickable mention of a member in an HTML message."""
    return f'<a href="tg://user?id={member.telegram_id}">{escape(member.nama)}</a>'


def report_buttons(env: Env, scope: ButtonKind, target_id: int) -> Keyboard:
    """Terima / Progres / Kendala / Selesai for a penugasan (`pg`) or, in the Rakor group,
    for the directive as seen by the presser's own OPD (`ar`); under them **⏳ Minta
    perpanjangan** (bot/features/perpanjangan)."""
    sign = env.signer.make
    which = "a" if scope is ButtonKind.ARAHAN else "p"
    extend = sign(ButtonKind.MINTA_PERPANJANGAN, which, target_id)
    return [
        [
            button(env.texts("tombol.terima"), sign(scope, "t", target_id)),
            button(env.texts("tombol.progres"), sign(scope, "p", target_id)),
        ],
        [
            button(env.texts("tombol.kendala"), sign(scope, "k", target_id)),
            button(env.texts("tombol.selesai"), sign(scope, "s", target_id)),
        ],
        [button(env.texts("tombol.minta_perpanjangan"), extend)],
    ]


def directive_text(
    env: Env, arahan: Arahan, rakor: Rakor | None, opds: Sequence[Opd], extra: str = ""
) -> str:
    """The directive as officials read it: number, text, lead and supporting OPDs, deadline."""
    names = [f"{escape(o.kode)} ({escape(o.nama)})" for o in opds]
    pendukung = (
        env.texts("arahan.pesan_pendukung", daftar=", ".join(names[1:])) if len(names) > 1 else ""
    )
    prioritas = env.texts("arahan.prioritas_tinggi") if arahan.prioritas == "tinggi" else ""
    rakor_text = f"{escape(rakor.judul)} ({env.format_date(rakor.tanggal)})" if rakor else "-"
    tenggat = env.format_date(arahan.tenggat)
    if env.kalender.is_off(arahan.tenggat):
        name = env.kalender.holiday_name(arahan.tenggat)
        tenggat += (
            env.texts("tenggat.libur", nama=escape(name))
            if name
            else env.texts("tenggat.akhir_pekan")
        )
    text = env.texts(
        "arahan.pesan",
        nomor=arahan.nomor,
        prioritas=prioritas,
        teks=escape(arahan.teks),
        pj=names[0] if names else "-",
        pendukung=pendukung,
        tenggat=tenggat,
        rakor=rakor_text,
    )
    return text + extra + env.texts("arahan.pesan_ajakan")


def mention_list(env: Env, members: Sequence[Member]) -> str:
    """`Untuk perhatian: …` with at most ten clickable names (and how many more)."""
    if not members:
        return ""
    names = [mention(m) for m in members[:MAX_MENTIONS]]
    if len(members) > MAX_MENTIONS:
        names.append(env.texts("lainnya", jumlah=len(members) - MAX_MENTIONS))
    return env.texts("arahan.pesan_pejabat", daftar=", ".join(names))


def visible_length(text: str) -> int:
    """Length of an HTML message as Telegram counts it (UTF-16 units of the visible text)."""
    visible = html.unescape(_TAG.sub("", text))
    return len(visible.encode("utf-16-le")) // 2


def longest_directive(
    env: Env,
    teks: str,
    tenggat: object,
    prioritas: str,
    rakor: Rakor | None,
    opds: Sequence[Opd],
) -> int:
    """Visible length of the longest message this directive will be sent as (a group
    message with the most mentions)."""
    sample = Arahan(nomor=99999, teks=teks, tenggat=tenggat, prioritas=prioritas)
    filler = env.texts(
        "arahan.pesan_pejabat",
        daftar=", ".join(["N" * 64] * MAX_MENTIONS) + ", " + env.texts("lainnya", jumlah=999),
    )
    return visible_length(directive_text(env, sample, rakor, opds, filler))


def fits(length: int) -> bool:
    """Whether a message of this visible length can be sent."""
    return length <= MAX_TEXT
