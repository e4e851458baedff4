"""How people results read in Telegram: welcome, help, invitations, the member list."""

from __future__ import annotations

from html import escape

from bot.domain.klaster import klaster_label
from bot.domain.roles import ButtonKind, Peran
from bot.env import Env
from bot.features.people.help import Bantuan
from bot.features.people.service import (
    Anggota,
    DaftarUndangan,
    Dicabut,
    Dinonaktifkan,
    LangkahAwal,
    Sambutan,
    Undangan,
)
from bot.features.reporting.views import render_worklist
from bot.messaging.outbox import View, button
from bot.messaging.paging import pack_lines
from storage.models import Opd

SUDAH, BELUM = "✅", "▫️"  # a first step done, a first step still to do
PER_ROW = 3
TEXT_BUDGET = 3300
MAX_OLEH = 60


def _cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


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
    text = env.texts(key, nama=nama, peran=peran)
    if sambutan.langkah_awal is not None:
        text += first_steps(env, sambutan.langkah_awal)
    return View(text)


def first_steps(env: Env, langkah: LangkahAwal) -> str:
    """What an admin does first, each step marked done or not."""

    def mark(done: bool) -> str:
        return SUDAH if done else BELUM

    return env.texts(
        "start.langkah_awal",
        opd=mark(langkah.opd),
        undangan=mark(langkah.undangan),
        grup=mark(langkah.grup),
        rakor=mark(langkah.rakor),
    )


def joined_notice(env: Env, sambutan: Sambutan) -> View:
    """To the admins: who joined, with which role."""
    actor = sambutan.actor
    assert actor is not None
    peran = role(env, actor.peran, sambutan.opd, actor.klaster)
    return View(env.texts("gabung.admin", nama=escape(actor.nama), peran=peran))


def joined_work(env: Env, sambutan: Sambutan) -> View:
    """To someone who joined an OPD late: its open work, listed like the weekly push."""
    assert sambutan.opd is not None
    count = len(sambutan.pekerjaan)
    title = env.texts.count("gabung.tugas", count, opd=escape(sambutan.opd.kode), jumlah=count)
    return render_worklist(env, sambutan.pekerjaan, title)


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


def pending(env: Env, daftar: DaftarUndangan, heading: str = "") -> View:
    """The answer to `/undangan`: one line per pending invitation (role, OPD or cluster, who
    made it, until when), each with a button to revoke it."""
    if not daftar.undangan:
        return View("\n".join(filter(None, [heading, env.texts("undangan.kosong")])))
    lines = [heading] if heading else []
    lines.append(env.texts("undangan.judul", jumlah=daftar.jumlah))
    buttons = []
    for no, item in enumerate(daftar.undangan, start=1):
        if sum(len(line) for line in lines) > TEXT_BUDGET:
            break
        row = item.invite
        lines.append(
            env.texts(
                "undangan.butir",
                no=no,
                peran=role(env, Peran(row.peran), item.opd, row.klaster),
                oleh=escape(_cut(item.oleh, MAX_OLEH)),
                sampai=env.format_datetime(row.expires_at),
            )
        )
        data = env.signer.make(ButtonKind.UNDANGAN, "c", row.id)
        buttons.append(button(env.texts("undangan.tombol", no=no), data))
    if daftar.jumlah > len(buttons):
        lines.append(env.texts("undangan.lainnya", jumlah=daftar.jumlah - len(buttons)))
    lines.append(env.texts("undangan.petunjuk"))
    keyboard = [buttons[i : i + PER_ROW] for i in range(0, len(buttons), PER_ROW)]
    return View("\n".join(lines), keyboard)


def revoked(env: Env, hasil: Dicabut) -> tuple[View, str]:
    """After a revoke: the list again, headed by what was revoked, and the press's answer."""
    row = hasil.invite
    done = env.texts(
        "undangan.cabut_selesai", peran=role(env, Peran(row.peran), hasil.opd, row.klaster)
    )
    return pending(env, hasil.sisa, done), done


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
