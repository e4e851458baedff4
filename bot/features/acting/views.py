"""How acting officials (`/plh`) and leave (`/cuti`) read in Telegram: the answers to the
caller, the notices to the member concerned, and the lists."""

from __future__ import annotations

from datetime import date
from html import escape

from bot.env import Env
from bot.features.acting.service import (
    CutiBaru,
    CutiBerakhir,
    CutiTercatat,
    DaftarCuti,
    DaftarPlh,
    PlhBaru,
    PlhBerakhir,
    PlhTercatat,
)
from bot.messaging.outbox import View
from bot.messaging.paging import pack_lines


def _range(env: Env, dari: date, sampai: date) -> str:
    return env.texts("rentang.tanggal", dari=env.format_date(dari), sampai=env.format_date(sampai))


def _when(env: Env, dari: date, hari_ini: date) -> str:
    """`berlaku` (in force today) or `mulai …` (to come)."""
    if dari <= hari_ini:
        return env.texts("rentang.berlaku")
    return env.texts("rentang.mulai", tanggal=env.format_date(dari))


# --- Plh -----------------------------------------------------------------------------------


def plh_set(env: Env, hasil: PlhBaru) -> View:
    """The admin's answer: who stands in for which OPD, when, and how to end it early."""
    t = hasil.tercatat
    return View(
        env.texts(
            "plh.dicatat",
            nama=escape(t.anggota.nama),
            kode=escape(t.opd.kode),
            opd=escape(t.opd.nama),
            rentang=_range(env, t.plh.dari, t.plh.sampai),
            kapan=(
                env.texts("rentang.berlaku")
                if hasil.berlaku
                else env.texts("rentang.mulai", tanggal=env.format_date(t.plh.dari))
            ),
        )
    )


def plh_notice(env: Env, hasil: PlhBaru) -> View:
    """The acting official is told what they now receive and may do."""
    t = hasil.tercatat
    return View(
        env.texts(
            "plh.pemberitahuan",
            kode=escape(t.opd.kode),
            opd=escape(t.opd.nama),
            rentang=_range(env, t.plh.dari, t.plh.sampai),
        )
    )


def plh_ended(env: Env, hasil: PlhBerakhir) -> View:
    """The admin's answer to `/plh selesai KODE_OPD`."""
    names = ", ".join(escape(t.anggota.nama) for t in hasil.diakhiri)
    return View(env.texts("plh.diakhiri", kode=escape(hasil.opd.kode), nama=names))


def plh_ended_notice(env: Env, tercatat: PlhTercatat) -> View:
    """The acting official is told their range ended early."""
    return View(env.texts("plh.berakhir_pemberitahuan", kode=escape(tercatat.opd.kode)))


def plh_list(env: Env, daftar: DaftarPlh) -> list[View]:
    """`/plh`: in force and coming, one line each, then how to add or end one."""
    if not daftar.daftar:
        return [View(env.texts("plh.daftar_kosong"))]
    lines = [env.texts("plh.daftar_judul", jumlah=len(daftar.daftar))]
    for t in daftar.daftar:
        lines.append(
            env.texts(
                "plh.daftar_butir",
                kode=escape(t.opd.kode),
                nama=escape(t.anggota.nama),
                id=t.anggota.telegram_id,
                rentang=_range(env, t.plh.dari, t.plh.sampai),
                kapan=_when(env, t.plh.dari, daftar.hari_ini),
            )
        )
    lines.append(env.texts("plh.daftar_petunjuk"))
    return [View(page) for page in pack_lines(lines)]


# --- cuti ----------------------------------------------------------------------------------


def leave_recorded(env: Env, hasil: CutiBaru) -> View:
    """The caller's answer: whose leave, when, and what it pauses."""
    t = hasil.tercatat
    return View(
        env.texts(
            "cuti.dicatat",
            nama=escape(t.anggota.nama),
            rentang=_range(env, t.cuti.dari, t.cuti.sampai),
            keterangan=_note(env, t),
        )
    )


def leave_notice(env: Env, hasil: CutiBaru) -> View:
    """The member is told the admin recorded their leave."""
    t = hasil.tercatat
    return View(
        env.texts(
            "cuti.pemberitahuan",
            rentang=_range(env, t.cuti.dari, t.cuti.sampai),
            keterangan=_note(env, t),
        )
    )


def leave_ended(env: Env, hasil: CutiBerakhir) -> View:
    """The answer to `/cuti selesai`."""
    return View(env.texts("cuti.diakhiri", nama=escape(hasil.anggota.nama)))


def leave_ended_notice(env: Env) -> View:
    """The member is told the admin ended their leave."""
    return View(env.texts("cuti.berakhir_pemberitahuan"))


def leave_list(env: Env, daftar: DaftarCuti) -> list[View]:
    """`/cuti`: the caller's (the admin's: everyone's) current and coming leave."""
    if not daftar.daftar:
        return [View(env.texts("cuti.daftar_kosong"))]
    lines = [env.texts("cuti.daftar_judul", jumlah=len(daftar.daftar))]
    for t in daftar.daftar:
        lines.append(
            env.texts(
                "cuti.daftar_butir",
                nama=escape(t.anggota.nama),
                id=t.anggota.telegram_id,
                rentang=_range(env, t.cuti.dari, t.cuti.sampai),
                kapan=_when(env, t.cuti.dari, daftar.hari_ini),
                keterangan=_note(env, t),
            )
        )
    lines.append(env.texts("cuti.daftar_petunjuk"))
    return [View(page) for page in pack_lines(lines)]


def _note(env: Env, t: CutiTercatat) -> str:
    if not t.cuti.keterangan:
        return ""
    return env.texts("cuti.keterangan", teks=escape(t.cuti.keterangan))


def plh_label(env: Env, nama: str) -> str:
    """` · Plh: <nama>`, after an OPD in the digest and in `/arahan_info`."""
    return env.texts("plh.label", nama=escape(nama))
