"""An OPD's open penugasan, most urgent first (overdue, then by deadline): the query, how such
a list reads (shared with the reminders and the digest, hence here), and `/tugas`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from html import escape

from sqlalchemy import case, select

from bot.domain.errors import Ditolak
from bot.domain.roles import ButtonKind
from bot.env import Env
from bot.features import work
from bot.features.people.access import Actor
from bot.messaging.outbox import Keyboard, button
from bot.texts import Teks
from storage.db import UnitOfWork
from storage.models import Arahan, Penugasan

LISTED = 15
# room left for the closing lines: a list never comes near Telegram's 4096 characters
TEXT_BUDGET = 3400
WITH_BUTTONS = 10


async def open_work(
    uow: UnitOfWork, env: Env, opd_id: int, *, waiting: bool = True
) -> list[tuple[Penugasan, Arahan]]:
    """Open penugasan of published directives of one OPD, overdue first, then by deadline
    (``waiting=False`` leaves out those waiting for verification)."""
    today = env.today()
    overdue_first = case((Arahan.tenggat < today, 0), else_=1)
    rows = (
        await uow.session.execute(
            select(Penugasan, Arahan)
            .join(Arahan, Arahan.id == Penugasan.arahan_id)
            .where(
                Penugasan.opd_id == opd_id,
                work.published(),
                work.open_work(with_waiting=waiting),
            )
            .order_by(overdue_first, Arahan.tenggat, Arahan.nomor)
        )
    ).all()
    return [(row[0], row[1]) for row in rows]


def deadline_note(env: Env, arahan: Arahan) -> str:
    """`Kamis, 31 Desember 2026 (terlambat 3 hari)` style deadline."""
    days = (arahan.tenggat - env.today()).days
    when = env.format_date(arahan.tenggat) + holiday_note(env, arahan.tenggat)
    if days < 0:
        return env.texts.count("tugas.terlambat", -days, tanggal=when, hari=-days)
    if days == 0:
        return env.texts("tugas.hari_ini", tanggal=when)
    return env.texts.count("tugas.sisa", days, tanggal=when, hari=days)


def render_worklist(
    env: Env, work: list[tuple[Penugasan, Arahan]], title: str, notes: dict[int, str] | None = None
) -> tuple[str, Keyboard]:
    """A list of penugasan with report buttons for the first ten (``notes``: an extra label per
    penugasan id, e.g. why it is reminded)."""
    lines = [title]
    keyboard: Keyboard = []
    sign = env.signer.make
    shown = 0
    for tugas, arahan in work[:LISTED]:
        if sum(len(line) for line in lines) > TEXT_BUDGET:
            break
        shown += 1
        progress = f" {tugas.progress}%" if tugas.progress else ""
        extra = f" · {notes[tugas.id]}" if notes and tugas.id in notes else ""
        lines.append(
            env.texts(
                "tugas.butir",
                nomor=arahan.nomor,
                status=env.texts(f"status.{tugas.status}") + extra,
                progres=progress,
                tenggat=deadline_note(env, arahan),
                teks=escape(arahan.teks if len(arahan.teks) <= 110 else arahan.teks[:109] + "…"),
            )
        )
        if len(keyboard) < WITH_BUTTONS:
            keyboard.append(
                [
                    button(f"No.{arahan.nomor} 📈", sign(ButtonKind.PENUGASAN, "p", tugas.id)),
                    button("⚠️", sign(ButtonKind.PENUGASAN, "k", tugas.id)),
                    button("✅", sign(ButtonKind.PENUGASAN, "s", tugas.id)),
                ]
            )
    if len(work) > shown:
        lines.append(env.texts("tugas.lainnya", jumlah=len(work) - shown))
    lines.append(env.texts("tugas.petunjuk"))
    return "\n".join(lines), keyboard


def holiday_note(env: Env, day: date) -> str:
    """` (hari libur: Hari Raya Natal)` when a deadline falls on a day off, else empty."""
    kalender = env.kalender
    name = kalender.holiday_name(day)
    if name:
        return env.texts("tenggat.libur", nama=escape(name))
    if day.weekday() >= 5:
        return env.texts("tenggat.akhir_pekan")
    return ""


@dataclass(frozen=True)
class DaftarTugas:
    """`/tugas`: an OPD's open work (waiting for verification included), most urgent first."""

    opd_id: int
    work: list[tuple[Penugasan, Arahan]]


async def my_open_work(uow: UnitOfWork, env: Env, actor: Actor) -> DaftarTugas:
    """`/tugas`: the open penugasan of the actor's OPD, most urgent first (refused to anyone
    who reports for no OPD)."""
    if actor.opd_id is None:
        raise Ditolak(Teks("penugasan.bukan_opd_anda"))
    return DaftarTugas(actor.opd_id, await open_work(uow, env, actor.opd_id))
