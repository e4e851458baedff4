"""The scheduled side: the weekly push, deadline and overdue reminders, escalation up the
ladder (komunikasi berjenjang) and the weekly digest — each exactly once.

Exactly once rests on the outbox keys, not on the scheduler: every message has a key made of
its kind, the schedule occurrence (or the escalation step) and its recipient, and a whole run
(its record in ``scheduled_run`` and all its outbox rows) is one transaction. Running a cycle
twice, `/ingatkan` during a scheduled run, or a restart in the middle of one sends nothing
twice; an occurrence missed while the bot was down is run at start within the grace period.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from dataclasses import replace
from datetime import date, datetime, timedelta
from html import escape

from sqlalchemy import select

from bot.domain.klaster import klaster_label
from bot.domain.lifecycle import Status
from bot.domain.reminder_plan import (
    Butir,
    Eskalasi,
    Pengingat,
    Tangga,
    deadline_reminders,
    escalations,
)
from bot.domain.roles import ButtonKind
from bot.domain.schedule import Jadwal, Jenis, plan
from bot.env import Env
from bot.features import work
from bot.features.digest import service as digest
from bot.features.reporting.worklist import open_work, render_worklist
from bot.messaging import audience
from bot.messaging.audience import Recipient
from bot.messaging.outbox import View, button, send
from bot.messaging.paging import pack_lines
from storage import repo
from storage.db import UnitOfWork
from storage.models import Arahan, Escalation, Member, Opd, Penugasan, ScheduledRun
from storage.states import RunState

log = logging.getLogger(__name__)
DIGEST_PAGE = 3500


def schedules(env: Env) -> list[Jadwal]:
    """The three schedules from the settings."""
    s = env.settings
    return [
        Jadwal(Jenis.MINGGUAN, s.WEEKLY_REMINDER_CRON),
        Jadwal(Jenis.HARIAN, s.DAILY_CHECK_CRON),
        Jadwal(Jenis.RINGKASAN, s.DIGEST_CRON),
    ]


async def run_due(env: Env, now: datetime | None = None) -> int:
    """The scheduler's tick: run every occurrence due by ``now`` that has not run, record the
    ones skipped (a day off, or missed beyond the grace period). Returns messages queued."""
    now = now or env.now()
    async with env.db.unit(now) as uow:
        done = {
            (r.jenis, r.occurrence)
            for r in (
                await uow.session.scalars(
                    select(ScheduledRun).where(ScheduledRun.at >= now - timedelta(days=30))
                )
            ).all()
        }
    grace = timedelta(hours=env.settings.MISSED_RUN_GRACE_HOURS)
    rencana = plan(schedules(env), now, env.settings.zona, env.kalender, grace, done)
    late = [g for g in rencana.skip if g.due_at is not None]
    if late:
        log.warning(
            "%d jadwal terlewat lebih dari %s jam, tidak dikirim: %s",
            len(late),
            env.settings.MISSED_RUN_GRACE_HOURS,
            ", ".join(f"{g.jadwal.jenis.value} {g.key}" for g in late),
        )
    if rencana.skip:
        async with env.db.unit(now) as uow:
            for giliran in rencana.skip:
                state = RunState.LIBUR if giliran.due_at is None else RunState.TERLEWAT
                await _claim_run(uow, giliran.jadwal.jenis, giliran.key, state)
            await uow.commit()
    queued = 0
    for giliran in rencana.run:
        queued += await run_occurrence(env, giliran.jadwal.jenis, giliran.key, now)
    return queued


async def _claim_run(uow: UnitOfWork, jenis: Jenis, key: str, state: str) -> bool:
    """Record an occurrence; False if it was recorded already (run elsewhere or before)."""
    values = {"jenis": jenis.value, "occurrence": key, "state": state, "queued": 0, "at": uow.now}
    new = await repo.insert_or_ignore(
        uow.session, ScheduledRun, values, unique=["jenis", "occurrence"]
    )
    return new is not None


async def run_occurrence(env: Env, jenis: Jenis, key: str, now: datetime) -> int:
    """Run one occurrence in one transaction: its record and all its messages, or nothing."""
    async with env.db.unit(now) as uow:
        if not await _claim_run(uow, jenis, key, RunState.SELESAI):
            return 0
        day = date.fromisoformat(key[:10])
        if jenis is Jenis.MINGGUAN:
            queued = await weekly_push(uow, env, key)
        elif jenis is Jenis.HARIAN:
            queued = await daily_check(uow, env, day)
        else:
            queued = await weekly_digest(uow, env, key)
        run = (
            await uow.session.scalars(
                select(ScheduledRun).where(
                    ScheduledRun.jenis == jenis.value, ScheduledRun.occurrence == key
                )
            )
        ).one()
        run.queued = queued
        await uow.commit()
    log.info("jadwal %s %s: %d pesan diantrekan", jenis.value, key, queued)
    return queued


async def _opd_members(uow: UnitOfWork, opd_ids: list[int]) -> dict[int, list[Recipient]]:
    """Each OPD's members, privately, for a message about the OPD's work list."""
    members: dict[int, list[Recipient]] = defaultdict(list)
    for person in await audience.members(uow, opd_ids):
        assert person.member is not None and person.member.opd_id is not None
        members[person.member.opd_id].append(replace(person, opd_id=person.member.opd_id))
    return members


async def weekly_push(uow: UnitOfWork, env: Env, key: str) -> int:
    """Each member of each OPD gets ONE message listing the OPD's open work, most urgent
    first, with report buttons; a reply `12 selesai` reports on directive 12."""
    opds = await repo.all_opds(uow.session)
    members = await _opd_members(uow, [o.id for o in opds])
    queued = 0
    for opd in opds:
        if not members.get(opd.id):
            continue
        work = await open_work(uow, env, opd.id, waiting=False)
        if not work:
            continue
        title = env.texts.count(
            "pengingat.mingguan", len(work), opd=escape(opd.kode), jumlah=len(work)
        )
        text, keyboard = render_worklist(env, work, title)
        for person in members[opd.id]:
            queued += await send(uow, f"pengingat:mingguan:{key}", person, View(text, keyboard))
    return queued


async def _working_items(uow: UnitOfWork) -> list[tuple[Butir, Penugasan, Arahan]]:
    rows = (
        await uow.session.execute(
            select(Penugasan, Arahan)
            .join(Arahan, Arahan.id == Penugasan.arahan_id)
            .where(work.published(), work.working())
            .order_by(Arahan.tenggat, Arahan.nomor)
        )
    ).all()
    found = []
    for tugas, arahan in rows:
        butir = Butir(
            tugas.id,
            arahan.nomor or 0,
            tugas.opd_id,
            Status(tugas.status),
            arahan.tenggat,
            arahan.published_at or arahan.created_at,
            tugas.last_report_at,
            tugas.kendala_since,
        )
        found.append((butir, tugas, arahan))
    return found


async def daily_check(uow: UnitOfWork, env: Env, day: date) -> int:
    """Deadline and overdue reminders (one message per person) and escalations, for ``day``."""
    items = await _working_items(uow)
    by_id = {b.penugasan_id: (t, a) for b, t, a in items}
    butir = [b for b, _, _ in items]
    queued = await _deadline_messages(uow, env, day, butir, by_id)
    found = escalations(butir, day, env.settings.ESCALATION_DAYS, env.settings.zona)
    queued += await _escalate(uow, env, found, by_id)
    return queued


async def _deadline_messages(
    uow: UnitOfWork,
    env: Env,
    day: date,
    butir: list[Butir],
    by_id: dict[int, tuple[Penugasan, Arahan]],
) -> int:
    due = deadline_reminders(butir, day, env.kalender, env.settings.DEADLINE_REMINDER_DAYS)
    per_opd: dict[int, list[tuple[Butir, Pengingat]]] = defaultdict(list)
    for item, why in due:
        per_opd[item.opd_id].append((item, why))
    members = await _opd_members(uow, list(per_opd))
    queued = 0
    for opd_id, reminded in per_opd.items():
        if not members.get(opd_id):
            continue
        opd = await uow.session.get(Opd, opd_id)
        work = [by_id[item.penugasan_id] for item, _ in reminded]
        notes = {item.penugasan_id: env.texts(f"pengingat.{why.value}") for item, why in reminded}
        title = env.texts.count(
            "pengingat.tenggat", len(work), opd=escape(opd.kode if opd else ""), jumlah=len(work)
        )
        text, keyboard = render_worklist(env, work, title, notes)
        for person in members[opd_id]:
            queued += await send(
                uow, f"pengingat:harian:{day.isoformat()}", person, View(text, keyboard)
            )
    return queued


async def _escalate(
    uow: UnitOfWork,
    env: Env,
    found: list[Eskalasi],
    by_id: dict[int, tuple[Penugasan, Arahan]],
) -> int:
    """Record the escalation steps not taken before and tell each rung once, grouped."""
    subjects = [e.subject for e in found]
    taken = set(
        (
            await uow.session.scalars(
                select(Escalation.subject).where(Escalation.subject.in_(subjects or [""]))
            )
        ).all()
    )
    fresh = [e for e in found if e.subject not in taken]
    if not fresh:
        return 0
    opds = {o.id: o for o in await repo.all_opds(uow.session)}
    leaders = await audience.leaders(uow, [t.value for t in Tangga])
    per_member: dict[int, list[tuple[Eskalasi, Escalation]]] = defaultdict(list)
    for step in fresh:
        opd = opds.get(step.butir.opd_id)
        readers = [
            m
            for m in leaders
            if m.peran == step.tangga.value
            and (
                step.tangga is not Tangga.ASISTEN or (opd is not None and m.klaster == opd.klaster)
            )
        ]
        if not readers:
            continue  # nobody holds that rung yet: the step is taken when someone does
        row = await _take_step(uow, env, step, by_id)
        if row is None:
            continue  # another process took this step at the same moment
        for reader in readers:
            per_member[reader.id].append((step, row))
    queued = 0
    by_member = {m.id: m for m in leaders}
    for member_id, steps in per_member.items():
        member = by_member[member_id]
        for page_no, page in enumerate(_escalation_pages(env, member, steps, by_id, opds)):
            queued += await send(
                uow,
                f"eskalasi:{steps[0][1].id}",
                audience.member(member),
                View(page[0], page[1]),
                part=page_no,
            )
    return queued


async def _take_step(
    uow: UnitOfWork, env: Env, step: Eskalasi, by_id: dict[int, tuple[Penugasan, Arahan]]
) -> Escalation | None:
    """Record one escalation step; None if it was recorded already (the unique subject)."""
    tugas, _ = by_id[step.butir.penugasan_id]
    values = {
        "subject": step.subject,
        "penugasan_id": tugas.id,
        "tangga": step.tangga.value,
        "sebab": step.sebab.value,
        "since": step.since,
        "days": (uow.now.astimezone(env.settings.zona).date() - step.since).days,
        "last_note": tugas.last_note,
        "at": uow.now,
    }
    new_id = await repo.insert_or_ignore(uow.session, Escalation, values, unique=["subject"])
    return None if new_id is None else await uow.session.get(Escalation, new_id)


def _escalation_pages(
    env: Env,
    member: Member,
    steps: list[tuple[Eskalasi, Escalation]],
    by_id: dict[int, tuple[Penugasan, Arahan]],
    opds: dict[int, Opd],
) -> list[tuple[str, list[list[dict[str, str]]]]]:
    head = env.texts(
        f"eskalasi.judul.{member.peran}",
        klaster=klaster_label(member.klaster or 0),
        jumlah=len(steps),
    )
    lines = [head]
    numbers: list[int] = []
    for step, row in steps:
        _, arahan = by_id[step.butir.penugasan_id]
        opd = opds.get(step.butir.opd_id)
        note = row.last_note or env.texts("eskalasi.tanpa_catatan")
        lines.append(
            env.texts.count(
                f"eskalasi.{step.sebab.value}",
                row.days,
                nomor=arahan.nomor,
                opd=escape(opd.kode if opd else ""),
                hari=row.days,
                catatan=escape(note if len(note) <= 200 else note[:199] + "…"),
                teks=escape(arahan.teks if len(arahan.teks) <= 120 else arahan.teks[:119] + "…"),
            )
        )
        if arahan.nomor and arahan.nomor not in numbers:
            numbers.append(arahan.nomor)
    sign = env.signer.make
    keyboard = [
        [button(f"No.{n}", sign(ButtonKind.STATUS, "a", n, 0, 0)) for n in numbers[i : i + 4]]
        for i in range(0, min(len(numbers), 8), 4)
    ]
    pages = pack_lines(lines, DIGEST_PAGE)
    return [(page, keyboard if i == len(pages) - 1 else []) for i, page in enumerate(pages)]


async def weekly_digest(uow: UnitOfWork, env: Env, key: str) -> int:
    """The `/status` digest to every Asisten (their cluster), the Sekda and the Kepala Daerah."""
    readers = await audience.leaders(uow, [t.value for t in Tangga])
    cache: dict[int | None, list[str]] = {}
    queued = 0
    for member in readers:
        scope = member.klaster if member.peran == "asisten" else None
        if scope not in cache:
            lines = digest.render(env, await digest.build(uow, env, scope))
            cache[scope] = pack_lines([env.texts("pengingat.ringkasan"), *lines], DIGEST_PAGE)
        for page_no, page in enumerate(cache[scope]):
            queued += await send(
                uow, f"ringkasan:{key}", audience.member(member), View(page), part=page_no
            )
    return queued


async def remind_now(uow: UnitOfWork, env: Env) -> int:
    """`/ingatkan`: today's reminder cycle now, under the same keys as the schedule (nothing
    already sent today is sent again); returns how many messages it queued."""
    return await daily_check(uow, env, env.today())
