"""How the digest reads in Telegram: its lines, the `/status` pages and their buttons.

Imports of the feature's result types are for typing only, so the digest service can re-export
:func:`render` without an import cycle."""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from bot.domain.klaster import klaster_label
from bot.domain.rating import ICON, AngkaOpd, Warna
from bot.domain.roles import ButtonKind
from bot.env import Env
from bot.features.acting.views import plh_label
from bot.features.digest.tanda_views import signs
from bot.features.directives.admin_views import history_lines
from bot.features.export.views import export_button
from bot.features.reporting.views import deadline_note
from bot.features.work import is_working
from bot.messaging.outbox import Keyboard, View, button
from bot.messaging.paging import pack_lines

if TYPE_CHECKING:
    from bot.features.digest.service import BarisOpd, Jumlah, Ringkasan
    from bot.features.digest.status import HasilStatus, Lingkup
    from storage.models import Arahan, Penugasan

PAGE = 3500
OPD_BUTTONS = 12
ARAHAN_BUTTONS = 8
MAX_CATATAN = 160
MAX_CATATAN_TERBUKA = 120


def render(env: Env, ringkasan: Ringkasan) -> list[str]:
    """The digest as lines of HTML (the caller pages them): the totals in words, the OPDs
    worst first (under their cluster's heading when the digest covers every cluster), the
    OPDs without any penugasan folded into one line at the end."""
    lines = [
        env.texts(
            "status.judul", judul=_title(env, ringkasan), waktu=env.format_datetime(ringkasan.waktu)
        ),
        env.texts("status.total", total=_in_words(env, ringkasan.total)),
        "",
    ]
    busy = [b for b in ringkasan.opd if not _without_work(b.angka)]
    idle = [b.angka.kode for b in ringkasan.opd if _without_work(b.angka)]
    by_cluster = ringkasan.klaster is None and ringkasan.satu_opd is None
    cluster: int | None = None
    for baris in sorted(busy, key=lambda b: b.angka.klaster) if by_cluster else busy:
        if by_cluster and baris.angka.klaster != cluster:
            cluster = baris.angka.klaster
            if len(lines) > 3:
                lines.append("")
            lines.append(env.texts("status.klaster_judul", klaster=klaster_label(cluster)))
        lines.append(_opd_line(env, baris, ringkasan.plh))
    if idle:
        lines += ["", env.texts("status.tanpa_penugasan", jumlah=len(idle), kode=", ".join(idle))]
    if ringkasan.masalah:
        lines += ["", _problems_heading(env, ringkasan)]
        for m in ringkasan.masalah:
            state = env.texts(f"status.{m.status}")
            if m.hari_terlambat > 0:
                late = m.hari_terlambat
                state = env.texts.count("status.telat_hari", late, status=state, hari=late)
            lines.append(
                env.texts(
                    "status.masalah",
                    nomor=m.nomor,
                    kode=escape(m.kode),
                    keadaan=state,
                    catatan=escape(_cut(m.catatan or m.teks, MAX_CATATAN)),
                )
            )
        if ringkasan.masalah_total > len(ringkasan.masalah):
            lines.append(
                env.texts("lainnya", jumlah=ringkasan.masalah_total - len(ringkasan.masalah))
            )
    temuan = ringkasan.tanda
    if temuan.jumlah:
        lines += ["", env.texts("tanda.judul", jumlah=temuan.jumlah)]
        for b in temuan.daftar:
            lines.append(
                env.texts("tanda.butir", nomor=b.nomor, kode=escape(b.kode), tanda=signs(env, b))
            )
        if temuan.jumlah > len(temuan.daftar):
            lines.append(env.texts("lainnya", jumlah=temuan.jumlah - len(temuan.daftar)))
    return lines


def _without_work(angka: AngkaOpd) -> bool:
    """An OPD with no penugasan at all in the digest's scope."""
    return not (angka.terbuka or angka.menunggu or angka.terverifikasi)


def _in_words(env: Env, angka: AngkaOpd | Jumlah) -> str:
    """`3 terbuka (2 terlambat, 1 terkendala) · 1 menunggu verifikasi`: the counts in words.
    Terlambat and terkendala are parts of terbuka (one penugasan may be both), so they stand
    in brackets after it; a count of zero is left out, except terbuka."""
    opened = env.texts("status.n_terbuka", n=angka.terbuka)
    parts = _counted(
        env, ("status.n_terlambat", angka.terlambat), ("status.n_terkendala", angka.terkendala)
    )
    if parts:
        opened = env.texts("status.terbuka_rinci", terbuka=opened, rincian=", ".join(parts))
    rest = _counted(
        env, ("status.n_menunggu", angka.menunggu), ("status.n_terverifikasi", angka.terverifikasi)
    )
    return " · ".join([opened, *rest])


def _counted(env: Env, *counts: tuple[str, int]) -> list[str]:
    """Each count above zero in words."""
    return [env.texts(key, n=n) for key, n in counts if n]


def _problems_heading(env: Env, ringkasan: Ringkasan) -> str:
    """The list's heading counts the penugasan it lists, each once; when some are both
    overdue and terkendala (counted in each of the two totals above), it says how many."""
    if ringkasan.masalah_keduanya:
        return env.texts(
            "status.masalah_judul_keduanya",
            jumlah=ringkasan.masalah_total,
            keduanya=ringkasan.masalah_keduanya,
        )
    return env.texts("status.masalah_judul", jumlah=ringkasan.masalah_total)


def _opd_line(env: Env, baris: BarisOpd, plh: dict[int, str]) -> str:
    angka = baris.angka
    days = baris.hari_sejak_lapor
    if days is None:
        last = env.texts("status.belum_lapor")
    else:
        last = env.texts("status.lapor_terakhir", kapan=env.texts.days_ago(days))
    line = env.texts(
        "status.baris",
        ikon=ICON[baris.warna],
        kode=escape(angka.kode),
        angka=_in_words(env, angka),
        lapor=last,
    )
    if angka.belum_terhubung:
        line += env.texts("status.belum_terhubung", jumlah=angka.belum_terhubung)
    if angka.opd_id in plh:
        line += plh_label(env, plh[angka.opd_id])
    return line


def page(env: Env, hasil: HasilStatus, number: int) -> View:
    """Page ``number`` of a `/status` digest (clamped to the pages there are), with buttons to
    turn pages and, on the first page, to drill down and to download the workbook."""
    texts = pack_lines(_lines(env, hasil), PAGE)
    return _page(env, hasil, texts, max(0, min(number, len(texts) - 1)))


def every_page(env: Env, hasil: HasilStatus, heading: str) -> list[View]:
    """Every page of a `/status` digest with ``heading`` above the first (the weekly push):
    the same pages and the same buttons as `/status`, so a press on them works alike."""
    texts = pack_lines(_lines(env, hasil), PAGE)
    views = [_page(env, hasil, texts, number) for number in range(len(texts))]
    views[0] = View(f"{heading}\n{views[0].text}", views[0].keyboard)
    return views


def _page(env: Env, hasil: HasilStatus, texts: list[str], number: int) -> View:
    text = texts[number]
    if len(texts) > 1:
        text += "\n\n" + env.texts("status.halaman", ke=number + 1, dari=len(texts))
    return View(text, _keyboard(env, hasil, number, len(texts)))


def _title(env: Env, ringkasan: Ringkasan) -> str:
    if ringkasan.satu_opd is not None:
        return f"{escape(ringkasan.satu_opd.kode)} — {escape(ringkasan.satu_opd.nama)}"
    if ringkasan.klaster is None:
        return env.texts("status.semua")
    return klaster_label(ringkasan.klaster)


def _cut(note: str, limit: int) -> str:
    return note if len(note) <= limit else note[: limit - 1] + "…"


def _lines(env: Env, hasil: HasilStatus) -> list[str]:
    """A directive's history as `/arahan_info` shows it; else the digest, and for one OPD its
    open penugasan."""
    if hasil.riwayat is not None:
        return history_lines(env, hasil.riwayat)
    if hasil.ringkasan is None:
        return []
    lines = render(env, hasil.ringkasan)
    if hasil.lingkup.kind != "o":
        return lines
    working = [(t, a) for t, a in hasil.terbuka if is_working(t)]
    waiting = [(t, a) for t, a in hasil.terbuka if not is_working(t)]
    lines += ["", env.texts("status.terbuka_judul", jumlah=len(working))]
    lines += _work_lines(env, working)
    if waiting:
        lines += ["", env.texts("status.menunggu_judul", jumlah=len(waiting))]
        lines += _work_lines(env, waiting)
    return lines


def _work_lines(env: Env, rows: list[tuple[Penugasan, Arahan]]) -> list[str]:
    """One OPD's penugasan, one line each."""
    return [
        env.texts(
            "status.terbuka_butir",
            nomor=arahan.nomor,
            status=env.texts(f"status.{tugas.status}"),
            persen=tugas.progress,
            tenggat=deadline_note(env, arahan),
            catatan=escape(_cut(tugas.last_note or "-", MAX_CATATAN_TERBUKA)),
        )
        for tugas, arahan in rows
    ]


def _keyboard(env: Env, hasil: HasilStatus, number: int, pages: int) -> Keyboard:
    """Previous/next (they edit the message); on the first page, the flagged OPDs of a cluster
    and the directives among the problems (they answer with a new message)."""
    rows: Keyboard = []
    nav = []
    if number > 0:
        nav.append(button(env.texts("status.sebelumnya"), _turn(env, hasil.lingkup, number - 1)))
    if number < pages - 1:
        nav.append(button(env.texts("status.berikutnya"), _turn(env, hasil.lingkup, number + 1)))
    if nav:
        rows.append(nav)
    ringkasan = hasil.ringkasan
    if ringkasan is None or number > 0:
        return rows
    sign = env.signer.make
    if hasil.lingkup.kind == "k":
        flagged = [b for b in ringkasan.opd if b.warna is not Warna.HIJAU][:OPD_BUTTONS]
        for start in range(0, len(flagged), 3):
            rows.append(
                [
                    button(
                        f"{ICON[b.warna]} {b.angka.kode}",
                        sign(ButtonKind.STATUS, "o", b.angka.opd_id, 0, 0),
                    )
                    for b in flagged[start : start + 3]
                ]
            )
    numbers = sorted({m.nomor for m in ringkasan.masalah})[:ARAHAN_BUTTONS]
    for start in range(0, len(numbers), 4):
        rows.append(
            [
                button(f"No.{n}", sign(ButtonKind.STATUS, "a", n, 0, 0))
                for n in numbers[start : start + 4]
            ]
        )
    rows.append([export_button(env, hasil.lingkup)])
    return rows


def _turn(env: Env, lingkup: Lingkup, number: int) -> str:
    """A page button: same scope, page ``number``, edit the message (the trailing 1)."""
    return env.signer.make(ButtonKind.STATUS, lingkup.kind, lingkup.target, number, 1)
