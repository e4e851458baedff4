"""The scheduled side: the weekly push, deadline and overdue reminders, escalation up the
ladder (komunikasi berjenjang) and the weekly digest — each exactly once.

Each kind of work is split in two: a function that decides (which OPDs and members, which
penugasan, which reminder, which escalation step; data in, a result out) and the job that
queues the result, rendered by :mod:`bot.features.reminders.views`. These jobs have no
handler: ``run_due`` → ``run_occurrence`` → ``weekly_push`` / ``daily_check`` /
``weekly_digest`` are the callers that queue.

Exactly once rests on the outbox keys, not on the scheduler: every message has a key made of
its kind, the schedule occurrence (or the escalation step) and its recipient, and a whole run
(its record in ``scheduled_run`` and all its outbox rows) is one transaction. Running a cycle
twice, `/ingatkan` during a scheduled run, or a restart in the middle of one sends nothing
twice; an occurrence missed while the bot was down is run at start within the grace period.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta

from sqlalchemy import select

from bot.domain.lifecycle import Status
from bot.domain.reminder_plan import (
    Butir,
    Eskalasi,
    Pengingat,
    Tangga,
    deadline_reminders,
    escalations,
)
from bot.domain.schedule import Jadwal, Jenis, plan
from bot.env import Env
from bot.features import work
from bot.features.acting import aktif
from bot.features.digest import chart, chart_views
from bot.features.digest import service as digest
from bot.features.digest.service import Ringkasan
from bot.features.reminders import views
from bot.features.reporting.worklist import open_work
from bot.features.retention import service as retention
from bot.messaging import audience
from bot.messaging.audience import Recipient
from bot.messaging.outbox import Berkas, View, send, send_each, send_file
from storage import bot_state, repo
from storage.db import UnitOfWork
from storage.models import Arahan, Escalation, Member, Opd, Penugasan, ScheduledRun
from storage.states import RunState

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class DaftarKerja:
    """One OPD's open work to push or remind about, who gets it (each member privately) and
    the outbox key it goes under (the recipient's slot is added per member)."""

    kunci: str
    opd: Opd
    pekerjaan: list[tuple[Penugasan, Arahan]]
    penerima: list[Recipient]
    alasan: dict[int, Pengingat] = field(default_factory=dict)
    """Why each penugasan (by id) is in a deadline reminder; empty for the weekly push."""


@dataclass(frozen=True)
class LangkahEskalasi:
    """One escalation step taken: the planned step, its stored record (days counted, the
    OPD's last note), the directive and the OPD it is about."""

    eskalasi: Eskalasi
    tercatat: Escalation
    arahan: Arahan
    opd: Opd


@dataclass(frozen=True)
class EskalasiPembaca:
    """The escalation steps one leader is told about in one message (paged if long)."""

    kunci: str
    pembaca: Member
    penerima: Recipient
    langkah: list[LangkahEskalasi]


@dataclass(frozen=True)
class PemeriksaanHarian:
    """What a day's check decided: each OPD's deadline reminder, then each leader's
    escalations (the steps are recorded already)."""

    pengingat: list[DaftarKerja]
    eskalasi: list[EskalasiPembaca]


@dataclass(frozen=True)
class RingkasanPembaca:
    """The weekly digest one leader gets: their cluster's for an Asisten, every cluster's
    for the Sekda and the Kepala Daerah (readers of one scope share one digest)."""

    kunci: str
    pembaca: Member
    penerima: Recipient
    ringkasan: Ringkasan


def schedules(env: Env) -> list[Jadwal]:
    """The three schedules from the settings, and the daily retention purge."""
    s = env.settings
    return [
        Jadwal(Jenis.MINGGUAN, s.WEEKLY_REMINDER_CRON),
        Jadwal(Jenis.HARIAN, s.DAILY_CHECK_CRON),
        Jadwal(Jenis.RINGKASAN, s.DIGEST_CRON),
        Jadwal(Jenis.RETENSI, retention.PURGE_CRON),
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
        since = await bot_state.history_starts(uow)
    grace = timedelta(hours=env.settings.MISSED_RUN_GRACE_HOURS)
    rencana = plan(schedules(env), now, env.settings.zona, env.kalender, grace, done)
    if since is not None:
        # quiet first start: occurrences from before the database existed are not the bot's
        # to run, nor to report as missed
        rencana = replace(
            rencana,
            run=[g for g in rencana.run if g.occurrence >= since],
            skip=[g for g in rencana.skip if g.occurrence >= since],
        )
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
    """Run one occurrence in one transaction: its record and all its messages, or nothing.
    The retention purge sends nothing: its record first, then its batches (each its own
    transaction; what a crash leaves is purged the next day)."""
    if jenis is Jenis.RETENSI:
        async with env.db.unit(now) as uow:
            if not await _claim_run(uow, jenis, key, RunState.SELESAI):
                return 0
            await uow.commit()
        await retention.run_scheduled(env.db, env.settings, now)
        return 0
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


async def _opd_members(
    uow: UnitOfWork, opd_ids: list[int], day: date
) -> dict[int, list[Recipient]]:
    """Each OPD's members, privately, for a message about the OPD's work list on ``day``:
    its acting official (Plh) in force that day included, anyone on leave left out."""
    members: dict[int, list[Recipient]] = defaultdict(list)
    for person in await audience.reminded(uow, opd_ids, day):
        assert person.member is not None
        opd_id = person.plh_untuk or person.member.opd_id
        assert opd_id is not None
        members[opd_id].append(replace(person, opd_id=opd_id))
    return members


# --- the weekly push ---------------------------------------------------------------------


async def weekly_lists(uow: UnitOfWork, env: Env, occurrence: str) -> list[DaftarKerja]:
    """Which OPDs get the weekly push of ``occurrence`` and what it lists: each OPD with
    members and open work (not waiting for verification), most urgent first; OPDs in
    cluster and code order, members heads first."""
    opds = await repo.all_opds(uow.session)
    members = await _opd_members(uow, [o.id for o in opds], date.fromisoformat(occurrence[:10]))
    found: list[DaftarKerja] = []
    for opd in opds:
        if not members.get(opd.id):
            continue
        pekerjaan = await open_work(uow, env, opd.id, waiting=False)
        if pekerjaan:
            found.append(
                DaftarKerja(f"pengingat:mingguan:{occurrence}", opd, pekerjaan, members[opd.id])
            )
    return found


async def weekly_push(uow: UnitOfWork, env: Env, key: str) -> int:
    """Each member of each OPD gets ONE message listing the OPD's open work, most urgent
    first, with report buttons; a reply `12 selesai` reports on directive 12."""
    messages = []
    for daftar in await weekly_lists(uow, env, key):
        view = views.weekly_push(env, daftar)
        messages += [(daftar.kunci, person, view, None) for person in daftar.penerima]
    return await send_each(uow, messages)


# --- the daily check: deadline reminders and escalation -----------------------------------


async def _working_items(uow: UnitOfWork) -> list[tuple[Butir, Penugasan, Arahan]]:
    """Every penugasan of a published directive still being worked on, as the planner sees
    it, with its rows; by deadline, then number."""
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


async def check_day(uow: UnitOfWork, env: Env, day: date) -> PemeriksaanHarian:
    """What the daily check of ``day`` sends: the deadline and overdue reminders per OPD, and
    the escalation steps not taken before (recorded now, so each is told once)."""
    items = await _working_items(uow)
    by_id = {b.penugasan_id: (t, a) for b, t, a in items}
    butir = [b for b, _, _ in items]
    pengingat = await _deadline_lists(uow, env, day, butir, by_id)
    found = escalations(
        butir,
        day,
        env.settings.ESCALATION_DAYS,
        env.settings.zona,
        await _leave_days(uow, env, butir, day),
    )
    return PemeriksaanHarian(pengingat, await _take_escalations(uow, env, found, by_id))


async def _leave_days(
    uow: UnitOfWork, env: Env, butir: list[Butir], day: date
) -> dict[int, set[date]]:
    """The days, per OPD, that silence escalation does not count: everyone who could report
    for the OPD (its heads and operators, and a Plh standing in) was on leave (cuti)."""
    if not butir:
        return {}
    zone = env.settings.zona
    first = min((b.last_report_at or b.published_at).astimezone(zone).date() for b in butir)
    return await aktif.unstaffed_days(uow.session, {b.opd_id for b in butir}, first, day)


async def _deadline_lists(
    uow: UnitOfWork,
    env: Env,
    day: date,
    butir: list[Butir],
    by_id: dict[int, tuple[Penugasan, Arahan]],
) -> list[DaftarKerja]:
    """Each OPD with members and penugasan due a reminder on ``day`` (overdue first), and why."""
    due = deadline_reminders(butir, day, env.kalender, env.settings.DEADLINE_REMINDER_DAYS)
    per_opd: dict[int, list[tuple[Butir, Pengingat]]] = defaultdict(list)
    for item, why in due:
        per_opd[item.opd_id].append((item, why))
    members = await _opd_members(uow, list(per_opd), day)
    found: list[DaftarKerja] = []
    for opd_id, reminded in per_opd.items():
        opd = await uow.session.get(Opd, opd_id)
        if not members.get(opd_id) or opd is None:
            continue  # (an OPD is never deleted: a penugasan's OPD always exists)
        found.append(
            DaftarKerja(
                f"pengingat:harian:{day.isoformat()}",
                opd,
                [by_id[item.penugasan_id] for item, _ in reminded],
                members[opd_id],
                {item.penugasan_id: why for item, why in reminded},
            )
        )
    return found


async def _take_escalations(
    uow: UnitOfWork,
    env: Env,
    found: list[Eskalasi],
    by_id: dict[int, tuple[Penugasan, Arahan]],
) -> list[EskalasiPembaca]:
    """Record the escalation steps not taken before that someone holds the rung of, and
    group them per leader (in the order each leader is first reached)."""
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
        return []
    opds = {o.id: o for o in await repo.all_opds(uow.session)}
    leaders = await audience.leaders(uow, [t.value for t in Tangga])
    per_member: dict[int, list[LangkahEskalasi]] = defaultdict(list)
    for step in fresh:
        opd = opds[step.butir.opd_id]
        readers = [
            m
            for m in leaders
            if m.peran == step.tangga.value
            and (step.tangga is not Tangga.ASISTEN or m.klaster == opd.klaster)
        ]
        if not readers:
            continue  # nobody holds that rung yet: the step is taken when someone does
        row = await _take_step(uow, env, step, by_id)
        if row is None:
            continue  # another process took this step at the same moment
        _, arahan = by_id[step.butir.penugasan_id]
        for reader in readers:
            per_member[reader.id].append(LangkahEskalasi(step, row, arahan, opd))
    by_member = {m.id: m for m in leaders}
    return [
        EskalasiPembaca(
            f"eskalasi:{langkah[0].tercatat.id}",
            by_member[member_id],
            audience.member(by_member[member_id]),
            langkah,
        )
        for member_id, langkah in per_member.items()
    ]


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


async def daily_check(uow: UnitOfWork, env: Env, day: date) -> int:
    """Deadline and overdue reminders (one message per person) and escalations, for ``day``;
    returns how many messages it queued (none already queued under the same key)."""
    hasil = await check_day(uow, env, day)
    messages: list[tuple[str, Recipient, View, int | None]] = []
    for daftar in hasil.pengingat:
        view = views.deadline_reminder(env, daftar)
        messages += [(daftar.kunci, person, view, None) for person in daftar.penerima]
    for pembaca in hasil.eskalasi:
        messages += [
            (pembaca.kunci, pembaca.penerima, page, page_no)
            for page_no, page in enumerate(views.escalation_pages(env, pembaca))
        ]
    return await send_each(uow, messages)


# --- the weekly digest --------------------------------------------------------------------


async def digest_readers(uow: UnitOfWork, env: Env, occurrence: str) -> list[RingkasanPembaca]:
    """Who gets the weekly digest of ``occurrence`` and which: every Asisten their
    cluster's, the Sekda and the Kepala Daerah every cluster's; oldest member first."""
    readers = await audience.leaders(uow, [t.value for t in Tangga])
    built: dict[int | None, Ringkasan] = {}
    found: list[RingkasanPembaca] = []
    for member in readers:
        scope = member.klaster if member.peran == Tangga.ASISTEN.value else None
        if scope not in built:
            built[scope] = await digest.build(uow, env, scope)
        found.append(
            RingkasanPembaca(
                f"ringkasan:{occurrence}", member, audience.member(member), built[scope]
            )
        )
    return found


async def weekly_digest(uow: UnitOfWork, env: Env, key: str) -> int:
    """The `/status` digest to every Asisten (their cluster), the Sekda and the Kepala Daerah,
    then its chart (one image or several), as photos."""
    rendered: dict[int | None, list[View]] = {}
    charts: dict[int | None, list[tuple[Berkas, str]]] = {}
    queued = 0
    for item in await digest_readers(uow, env, key):
        scope = item.ringkasan.klaster  # readers of one scope share one digest: render it once
        if scope not in rendered:
            rendered[scope] = views.digest_pages(env, item.ringkasan)
            charts[scope] = await chart_views.images(
                env, await chart.data(uow, env, item.ringkasan)
            )
        for page_no, page in enumerate(rendered[scope]):
            queued += await send(uow, item.kunci, item.penerima, page, part=page_no)
        for image_no, (berkas, caption) in enumerate(charts[scope]):
            kunci = f"grafik:{key}:{image_no}"  # then the reader's slot
            queued += await send_file(uow, kunci, item.penerima, berkas, caption, foto=True)
    return queued


async def remind_now(uow: UnitOfWork, env: Env) -> int:
    """`/ingatkan`: today's reminder cycle now, under the same keys as the schedule (nothing
    already sent today is sent again); returns how many messages it queued."""
    return await daily_check(uow, env, env.today())
