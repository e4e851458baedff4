"""How OPD and group results read in Telegram."""

from __future__ import annotations

from html import escape

from bot.domain.klaster import klaster_label
from bot.domain.roles import ButtonKind
from bot.env import Env
from bot.features.opd.groups import GrupTerdaftar, PerluKonfirmasi
from bot.features.opd.service import HasilImpor, OpdDiDaftar, OpdDisimpan
from bot.messaging.outbox import View, button
from bot.messaging.paging import pack_lines


def saved(env: Env, result: OpdDisimpan) -> View:
    """The answer to `/opd_tambah`: the OPD with its cluster, and whether it was added,
    updated or already so."""
    opd = result.opd
    hasil = result.perubahan.value
    return View(
        env.texts(
            "opd.disimpan",
            kode=escape(opd.kode),
            nama=escape(opd.nama),
            klaster=klaster_label(opd.klaster),
            aksi=env.texts(f"opd.{hasil}"),
        )
    )


def imported(env: Env, result: HasilImpor) -> View:
    """The answer to an OPD file: how many OPDs were added, updated and left as they were."""
    return View(
        env.texts(
            "opd.impor_berhasil",
            baru=result.ditambahkan,
            ubah=result.diperbarui,
            tetap=result.tetap,
        )
    )


def listed(env: Env, opds: list[OpdDiDaftar]) -> list[View]:
    """The answer to `/opd`: OPDs under a heading per cluster, one line each, in as many
    messages as Telegram's length limit needs."""
    if not opds:
        return [View(env.texts("opd.kosong"))]
    lines = [env.texts("opd.daftar_judul", jumlah=len(opds))]
    current = None
    for opd in opds:
        if opd.klaster != current:
            current = opd.klaster
            lines.append(f"\n<b>{klaster_label(opd.klaster)}</b>")
        heads = [escape(nama) for nama in opd.kepala]
        head = ", ".join(heads) if heads else env.texts("opd.tanpa_kepala")
        group = env.texts("opd.grup_ada" if opd.punya_grup else "opd.grup_belum")
        line = f"• <b>{escape(opd.kode)}</b> {escape(opd.nama)} — {head} · {group}"
        silent = [escape(nama) for nama in opd.belum_start]
        if silent:
            line += " · ⚠️ " + env.texts("opd.belum_start", nama=", ".join(silent))
        lines.append(line)
    return [View(page) for page in pack_lines(lines)]


def group_registered(env: Env, result: GrupTerdaftar) -> View:
    """The answer to `/grup`: what the group now is (the Rakor group, or an OPD's group)."""
    if result.opd is None:
        return View(env.texts("grup.rakor"))
    return View(env.texts("grup.opd", kode=escape(result.opd.kode), nama=escape(result.opd.nama)))


def _target(env: Env, opd_kode: str | None) -> str:
    if opd_kode is None:
        return env.texts("grup.nama_rakor")
    return env.texts("grup.nama_opd", kode=escape(opd_kode))


def move_question(env: Env, question: PerluKonfirmasi) -> View:
    """The answer to `/grup` that would move a registration: what would move, and
    **Pindahkan ke grup ini** / **Batal** (nothing changes before the press)."""
    target = _target(env, question.opd.kode if question.opd else None)
    lines = [env.texts("grup.pindah_judul")]
    if question.grup_lain is not None:
        lines.append(
            env.texts("grup.pindah_tujuan", tujuan=target, judul=escape(question.grup_lain.title))
        )
    if question.grup_ini is not None:
        asal = _target(env, question.opd_ini.kode if question.opd_ini else None)
        lines.append(env.texts("grup.pindah_asal", asal=asal, tujuan=target))
    lines.append(env.texts("grup.pindah_ajakan"))
    sign = env.signer.make
    opd_id = question.opd.id if question.opd is not None else 0
    keyboard = [
        [
            button(env.texts("tombol.grup_pindah"), sign(ButtonKind.GRUP, "y", opd_id)),
            button(env.texts("tombol.grup_batal"), sign(ButtonKind.GRUP, "n", 0)),
        ]
    ]
    return View("\n".join(lines), keyboard)


def move_cancelled(env: Env) -> View:
    """**Batal** under the question: nothing moved."""
    return View(env.texts("grup.pindah_batal"))
