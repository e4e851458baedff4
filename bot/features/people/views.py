"""How people results read in Telegram: welcome, help, invitations, the member list."""

from __future__ import annotations

from html import escape

from bot.domain.klaster import klaster_label
from bot.domain.roles import Peran
from bot.env import Env
from bot.features.people.help import Bantuan
from bot.features.people.service import Anggota, Dinonaktifkan, Sambutan, Undangan
from bot.messaging.outbox import View
from bot.messaging.paging import pack_lines
from storage.models import Opd


def role(env: Env, peran: Peran, opd: Opd | None, klaster: int | None) -> str:
    """`Kepala OPD DINKES (Dinas Kesehatan)` / `Asisten (Asisten II)` style, escaped."""
    label = env.texts(f"peran.{peran.value}")
    if opd is not None:
        return f"{label} {escape(opd.kode)} ({escape(opd.nama)})"
    if klaster is not None:
        return f"{label} ({klaster_label(klaster)})"
    return label


def welcome(env: Env, sambutan: Sambutan) -> View:
    """The answer to `/start`: for a stranger, for someone who just joined, for a member."""
    nama = escape(sambutan.nama)
    actor = sambutan.actor
    if actor is None:
        return View(env.texts("start.orang_baru", nama=nama))
    peran = role(env, actor.peran, sambutan.opd, actor.klaster)
    key = "start.bergabung" if sambutan.bergabung else "start.kembali"
    return View(env.texts(key, nama=nama, peran=peran))


def commands(env: Env, bantuan: Bantuan) -> View:
    """The answer to `/bantuan`: one line per command, then the hint."""
    lines = [env.texts("bantuan.judul")]
    lines += [f"/{name} — {env.texts(f'cmd.{name}')}" for name in bantuan.perintah]
    if bantuan.petunjuk is not None:
        lines.append(env.texts.render(bantuan.petunjuk))
    return View("\n".join(lines))


def invitation(env: Env, undangan: Undangan) -> View:
    """The answer to `/undang`: the role, the link to open and until when it works."""
    row = undangan.invite
    peran = role(env, Peran(row.peran), undangan.opd, row.klaster)
    link = f"https://t.me/{env.bot_username}?start={row.code}"
    until = env.format_datetime(row.expires_at)
    return View(env.texts("undang.dibuat", peran=peran, link=link, sampai=until))


def members(env: Env, anggota: Anggota) -> list[View]:
    """The answer to `/anggota`, in as many messages as it needs: one line per member with
    role, OPD or cluster, and whether the bot can reach them."""
    lines = [env.texts("anggota.judul", jumlah=len(anggota.members))]
    for m in anggota.members:
        where = ""
        if m.opd_id in anggota.opds:
            where = f" · {escape(anggota.opds[m.opd_id].kode)}"
        elif m.klaster:
            where = f" · {klaster_label(m.klaster)}"
        state = env.texts("anggota.aktif") if m.active else env.texts("anggota.nonaktif")
        if m.reachable is False:
            state += " · " + env.texts("anggota.belum_terhubung")
        peran = env.texts(f"peran.{m.peran}")
        lines.append(
            f"• {escape(m.nama)} (<code>{m.telegram_id}</code>) — {peran}{where} — {state}"
        )
    return [View(page) for page in pack_lines(lines)]


def deactivated(env: Env, hasil: Dinonaktifkan) -> View:
    """The answer to `/nonaktif`: who is now inactive (their history stays)."""
    return View(env.texts("nonaktif.selesai", nama=escape(hasil.member.nama)))
