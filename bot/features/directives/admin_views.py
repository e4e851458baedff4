"""How managing a published directive reads in Telegram: its history (`/arahan_info`), the
announcements of a new deadline and of a cancellation, and the answers to the admin."""

from __future__ import annotations

from datetime import datetime
from html import escape
from typing import TYPE_CHECKING

from bot.domain.dates import tanda_libur
from bot.env import Env
from bot.features.acting.views import plh_label
from bot.features.digest.tanda_views import signs
from bot.features.evidence import views as bukti_views
from bot.features.evidence.simpanan import Ringkasan
from bot.messaging.outbox import Keyboard, View
from bot.messaging.paging import pack_lines
from storage.states import ArahanState

if TYPE_CHECKING:  # the service imports this module for `history_lines`
    from bot.features.directives.admin import LaporanTercatat, Pembatalan, Riwayat, TenggatBaru


def info(env: Env, riwayat: Riwayat) -> list[View]:
    """The answer to `/arahan_info`: the history, in as many messages as it needs; under the
    last one, a button per OPD that sends its evidence."""
    pages = [View(page) for page in pack_lines(history_lines(env, riwayat))]
    keyboard = evidence_buttons(env, riwayat)
    if pages and keyboard:
        pages[-1] = View(pages[-1].text, keyboard)
    return pages


def evidence_buttons(env: Env, riwayat: Riwayat) -> Keyboard:
    """**📎 Bukti DINKES (3)** for each penugasan with evidence on reports not taken back."""
    counts: dict[int, int] = {}
    for tercatat in riwayat.laporan:
        if tercatat.laporan.withdrawn_at is None:
            pid = tercatat.laporan.penugasan_id
            counts[pid] = counts.get(pid, 0) + tercatat.bukti
    keyboard: Keyboard = []
    for tugas, opd in riwayat.penugasan:
        found = bukti_views.tombol(env, tugas.id, Ringkasan(counts.get(tugas.id, 0)), opd.kode)
        if found is not None:
            keyboard.append([found])
    return keyboard


def history_lines(env: Env, riwayat: Riwayat) -> list[str]:
    """The directive's header, each penugasan, then every event in time order."""
    arahan = riwayat.arahan
    status = (
        env.texts("status.dibatalkan")
        if arahan.status == ArahanState.DIBATALKAN
        else env.texts("arahan_info.terbit")
    )
    lines = [
        env.texts(
            "arahan_info.judul",
            nomor=arahan.nomor,
            status=status,
            teks=escape(arahan.teks),
            tenggat=env.format_date(arahan.tenggat),
            rakor=escape(riwayat.rakor.judul) if riwayat.rakor else "-",
        )
    ]
    if arahan.cancel_reason:
        lines.append(env.texts("arahan_info.alasan_batal", alasan=escape(arahan.cancel_reason)))
    lines.append(env.texts("arahan_info.penugasan"))
    for tugas, opd in riwayat.penugasan:
        waiting = env.texts("arahan_info.usul_tidak_dapat") if tugas.pending else ""
        if tugas.id in riwayat.tanda:
            waiting += " · 🔎 " + signs(env, riwayat.tanda[tugas.id])
        if opd.id in riwayat.plh:
            waiting += plh_label(env, riwayat.plh[opd.id])
        lines.append(
            env.texts(
                "arahan_info.butir",
                opd=escape(opd.kode),
                kedudukan=env.texts(f"kedudukan.{tugas.kedudukan}"),
                status=env.texts(f"status.{tugas.status}"),
                persen=tugas.progress,
                usul=waiting,
            )
        )
    lines.extend(_versions(env, riwayat))
    lines.append(env.texts("arahan_info.riwayat"))
    lines.extend(_events(env, riwayat))
    return lines


def _versions(env: Env, riwayat: Riwayat) -> list[str]:
    """The versions `/arahan_ubah` kept: number, when, by whom, why (none if never changed)."""
    if not riwayat.versi:
        return []
    return [env.texts("arahan_info.versi_judul")] + [
        env.texts(
            "arahan_info.versi",
            versi=v.versi,
            waktu=env.format_datetime(v.waktu),
            nama=escape(v.oleh),
            alasan=escape(v.alasan) if v.alasan else env.texts("arahan_info.versi_asli"),
        )
        for v in riwayat.versi
    ]


def _events(env: Env, riwayat: Riwayat) -> list[str]:
    """Publication, reports, changes and escalations merged by time (ties keep that order)."""
    arahan = riwayat.arahan
    opd_of = {tugas.id: opd.kode for tugas, opd in riwayat.penugasan}
    events: list[tuple[datetime, str]] = []
    if arahan.published_at:
        events.append(
            (
                arahan.published_at,
                env.texts("riwayat.terbit", waktu=env.format_datetime(arahan.published_at)),
            )
        )
    for tercatat in riwayat.laporan:
        events.append((tercatat.laporan.created_at, _report_line(env, tercatat, opd_of)))
    for change in riwayat.perubahan:
        details = change.details or {}
        events.append(
            (
                change.at,
                env.texts(
                    f"riwayat.{change.action}",
                    waktu=env.format_datetime(change.at),
                    alasan=escape(str(details.get("alasan", ""))),
                    dari=escape(str(details.get("dari", ""))),
                    ke=escape(str(details.get("ke", ""))),
                    # extension requests (bot/features/perpanjangan): which OPD, by whom
                    opd=escape(str(details.get("opd", ""))),
                    oleh=escape(str(details.get("oleh", ""))),
                ),
            )
        )
    for step in riwayat.eskalasi:
        events.append(
            (
                step.at,
                env.texts.count(
                    "riwayat.eskalasi",
                    step.days,
                    waktu=env.format_datetime(step.at),
                    opd=escape(opd_of.get(step.penugasan_id, "-")),
                    tangga=env.texts(f"tangga.{step.tangga}"),
                    sebab=env.texts(f"sebab.{step.sebab}"),
                    hari=step.days,
                ),
            )
        )
    events.sort(key=lambda item: item[0])
    return [line for _, line in events] or [env.texts("riwayat.kosong")]


def _report_line(env: Env, tercatat: LaporanTercatat, opd_of: dict[int, str]) -> str:
    """One report: when, which OPD, who, the status change, then progress, note, evidence."""
    laporan = tercatat.laporan
    parts = [
        env.texts(
            "riwayat.laporan",
            waktu=env.format_datetime(laporan.created_at),
            opd=escape(opd_of.get(laporan.penugasan_id, "-")),
            nama=escape(tercatat.nama or "-"),
            dari=env.texts(f"status.{laporan.status_from}"),
            ke=env.texts(f"status.{laporan.status_to}"),
            sumber=env.texts(f"sumber.{laporan.source}"),
        )
    ]
    if laporan.progress is not None:
        parts.append(f"{laporan.progress}%")
    note = laporan.kendala or laporan.catatan
    if note:
        parts.append(f"«{escape(note if len(note) <= 300 else note[:299] + '…')}»")
    if tercatat.bukti:
        parts.append(env.texts("riwayat.bukti", jumlah=tercatat.bukti))
    if tercatat.besar:
        parts.append(env.texts("riwayat.bukti_besar", jumlah=tercatat.besar))
    if laporan.corrects_id:
        parts.append(env.texts("riwayat.koreksi"))
    line = " · ".join(parts)
    if laporan.withdrawn_at:
        line = f"<s>{line}</s> " + env.texts("riwayat.ditarik")
    return line


def deadline_notice(env: Env, hasil: TenggatBaru) -> View:
    """The announcement of a new deadline: from which day to which, and why."""
    return View(
        env.texts(
            "tenggat.pengumuman",
            nomor=hasil.arahan.nomor,
            dari=env.format_date(hasil.dari),
            ke=env.format_date(hasil.ke),
            alasan=escape(hasil.alasan),
        )
    )


def deadline_changed(env: Env, hasil: TenggatBaru) -> View:
    """The answer to `/tenggat`: the new deadline, and how many messages announce it; a
    deadline on a weekend day or holiday is flagged (``⚠️ 25 Des 2026 adalah hari libur…``)."""
    count = len(hasil.penerima)
    tanda = tanda_libur(hasil.ke, env.kalender)
    return View(
        env.texts.count(
            "tenggat.selesai",
            count,
            nomor=hasil.arahan.nomor,
            ke=env.format_date(hasil.ke),
            jumlah=count,
        )
        + ("\n" + env.texts.render(tanda) if tanda is not None else "")
    )


def cancel_notice(env: Env, hasil: Pembatalan) -> View:
    """The announcement of a cancellation: the reason and the directive's text."""
    return View(
        env.texts(
            "batal.pengumuman",
            nomor=hasil.arahan.nomor,
            alasan=escape(hasil.alasan),
            teks=escape(hasil.arahan.teks[:300]),
        )
    )


def cancelled(env: Env, hasil: Pembatalan) -> View:
    """The answer to `/batal`: cancelled, and how many messages announce it."""
    count = len(hasil.penerima)
    return View(env.texts.count("batal.selesai", count, nomor=hasil.arahan.nomor, jumlah=count))
