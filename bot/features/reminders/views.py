"""How the results of reminder work read in Telegram: the weekly push, the deadline reminder,
the escalation pages, the weekly digest pages and the answer to `/ingatkan`.

Imports of the feature's result types are for typing only: the jobs in the service render
through this module."""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from bot.domain.klaster import klaster_label
from bot.domain.roles import ButtonKind
from bot.env import Env
from bot.features.digest.status import HasilStatus, Lingkup
from bot.features.digest.views import every_page
from bot.features.reporting.views import render_worklist
from bot.messaging.outbox import View, button
from bot.messaging.paging import pack_lines

if TYPE_CHECKING:
    from bot.features.digest.service import Ringkasan
    from bot.features.reminders.service import DaftarKerja, EskalasiPembaca

PAGE = 3500
ESCALATION_BUTTONS = 8
MAX_CATATAN = 200
MAX_TEKS = 120


def weekly_push(env: Env, daftar: DaftarKerja) -> View:
    """The weekly push to an OPD's members: its open work with report buttons."""
    count = len(daftar.pekerjaan)
    title = env.texts.count("pengingat.mingguan", count, opd=escape(daftar.opd.kode), jumlah=count)
    return render_worklist(env, daftar.pekerjaan, title)


def deadline_reminder(env: Env, daftar: DaftarKerja) -> View:
    """The deadline reminder to an OPD's members: the penugasan due, each with why."""
    count = len(daftar.pekerjaan)
    notes = {
        tugas_id: env.texts(f"pengingat.{why.value}") for tugas_id, why in daftar.alasan.items()
    }
    title = env.texts.count("pengingat.tenggat", count, opd=escape(daftar.opd.kode), jumlah=count)
    return render_worklist(env, daftar.pekerjaan, title, notes)


def _cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def escalation_pages(env: Env, pembaca: EskalasiPembaca) -> list[View]:
    """The escalations one leader is told about: a heading for their rung, one line per
    step (days, the OPD's last note, the directive), and status buttons on the last page."""
    member = pembaca.pembaca
    lines = [
        env.texts(
            f"eskalasi.judul.{member.peran}",
            klaster=klaster_label(member.klaster or 0),
            jumlah=len(pembaca.langkah),
        )
    ]
    numbers: list[int] = []
    for langkah in pembaca.langkah:
        row, arahan = langkah.tercatat, langkah.arahan
        note = row.last_note or env.texts("eskalasi.tanpa_catatan")
        lines.append(
            env.texts.count(
                f"eskalasi.{langkah.eskalasi.sebab.value}",
                row.days,
                nomor=arahan.nomor,
                opd=escape(langkah.opd.kode),
                hari=row.days,
                catatan=escape(_cut(note, MAX_CATATAN)),
                teks=escape(_cut(arahan.teks, MAX_TEKS)),
            )
        )
        if arahan.nomor and arahan.nomor not in numbers:
            numbers.append(arahan.nomor)
    sign = env.signer.make
    keyboard = [
        [button(f"No.{n}", sign(ButtonKind.STATUS, "a", n, 0, 0)) for n in numbers[i : i + 4]]
        for i in range(0, min(len(numbers), ESCALATION_BUTTONS), 4)
    ]
    pages = pack_lines(lines, PAGE)
    return [View(page, keyboard if i == len(pages) - 1 else []) for i, page in enumerate(pages)]


def digest_pages(env: Env, ringkasan: Ringkasan) -> list[View]:
    """The weekly digest: its heading, then the `/status` digest of the reader's scope (their
    cluster, or every cluster) in its pages, with the buttons `/status` gives them: page
    turns, drill-downs and **📥 Unduh Excel**, checked on a press exactly like `/status`."""
    hasil = HasilStatus(Lingkup("k", ringkasan.klaster or 0), ringkasan)
    return every_page(env, hasil, env.texts("pengingat.ringkasan"))


def ran_now(env: Env, queued: int) -> View:
    """The answer to `/ingatkan`: how many reminders it queued."""
    return View(env.texts.count("ingatkan.selesai", queued, jumlah=queued))
