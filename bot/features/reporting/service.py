"""Reports on a penugasan: recorded honestly, answered with a receipt, taken back or corrected.

Every report is a new laporan row (nothing is overwritten); the penugasan keeps its current
status, progress, latest note and the time of its latest report so the digest can aggregate
penugasan rows. A new kendala goes to the Asisten of the OPD's cluster at once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from html import escape

from sqlalchemy import select

from bot.domain.errors import Ditolak, InputTidakValid
from bot.domain.lifecycle import Status, after_report
from bot.domain.reply_parser import Bacaan
from bot.domain.roles import Peran
from bot.features import work
from bot.features.people.access import Actor
from bot.features.reporting import state
from bot.features.reporting.lookup import ensure_open
from bot.messaging import audience
from bot.messaging.audience import Recipient
from bot.messaging.caller import Caller
from bot.texts import Teks
from storage.audit import audit
from storage.db import UnitOfWork
from storage.models import Arahan, Bukti, Laporan, Opd, Penugasan
from storage.states import Pending, Sumber

TAKE_BACK = timedelta(minutes=10)
MAX_NOTE = 2000
MIN_REASON = 10
_TIDAK_DAPAT = re.compile(
    r"(tidak|tdk|tak)\s+(dapat|dpt|bisa|bs)\s+di\s*tindak\s*lanjut\w*", re.IGNORECASE
)


@dataclass(frozen=True)
class BuktiMasuk:
    """Evidence arriving with a report: a photo or a document."""

    file_id: str
    file_unique_id: str
    jenis: str
    size: int | None
    caption: str | None
    file_name: str | None = None


@dataclass(frozen=True)
class Dicatat:
    """One report kept: the laporan (what the receipt shows), the penugasan it moved, its
    directive and OPD, how many evidence files came with it, who reported, and the Asisten
    of the OPD's cluster told of a new kendala (none when there is no new kendala).

    ``tanya_selesai``: the text may mean the whole directive is done, but not for certain;
    what is certain was recorded and the bot asks **Ya, selesai** / **Belum**.
    ``koreksi_lama``: an edit of an older message, kept in history; later reports stand."""

    laporan: Laporan
    tugas: Penugasan
    arahan: Arahan
    opd: Opd | None
    bukti: int
    pelapor: str
    asisten: list[Recipient]
    tanya_selesai: bool = False
    koreksi_lama: bool = False


@dataclass(frozen=True)
class TarikLaporan:
    """**Tarik laporan** pressed on a receipt."""

    laporan_id: int


@dataclass(frozen=True)
class Ditarik:
    """A report taken back (kept, marked) and the penugasan back where it was before it."""

    laporan: Laporan
    tugas: Penugasan


def message_link(chat_id: int, message_id: int | None) -> str | None:
    """A t.me link to a message in a supergroup (private chats have none)."""
    text = str(chat_id)
    if message_id is None or not text.startswith("-100"):
        return None
    return f"https://t.me/c/{text[4:]}/{message_id}"


async def record(
    uow: UnitOfWork,
    caller: Caller,
    actor: Actor,
    tugas: Penugasan,
    arahan: Arahan,
    bacaan: Bacaan,
    source: Sumber,
    *,
    intent: Status | None = None,
    bukti: BuktiMasuk | None = None,
    corrects: Laporan | None = None,
) -> Dicatat:
    """Apply one report (sent by ``caller`` as their message) to a penugasan and keep it; a
    new kendala names the cluster's Asisten to tell.

    An impossible percentage (`progres 150%`) refuses the whole report: nothing is kept and
    the official is asked to send it again. A correction re-decides the penugasan only when
    it corrects the report the current state rests on (see ``_rests_on``); an edit of an older
    message is kept in history and changes nothing else."""
    current = ensure_open(tugas, arahan)
    if bacaan.persen_tidak_sah is not None:
        raise InputTidakValid(
            Teks(
                "lapor.persen_tidak_sah", persen=escape(bacaan.persen_tidak_sah), nomor=arahan.nomor
            )
        )
    if corrects is not None and not await _rests_on(uow, tugas, corrects):
        return await _history_correction(uow, caller, actor, tugas, arahan, bacaan, corrects, bukti)
    base_status, base_progress = current, tugas.progress
    if corrects is not None:
        base_status = Status(corrects.status_from)
        base_progress = corrects.progress_from if corrects.progress_from is not None else 0
    wanted = intent or bacaan.status
    if bacaan.tidak_dapat and intent is None:
        wanted = None
        if len(_TIDAK_DAPAT.sub("", bacaan.catatan).strip(" ,.:;-")) < MIN_REASON:
            raise InputTidakValid(Teks("lapor.tidak_dapat_alasan"))
    change = after_report(base_status, base_progress, wanted, bacaan.progress)
    kendala = None
    if change.status is Status.TERKENDALA:
        kendala = (bacaan.kendala or bacaan.catatan or "")[:MAX_NOTE] or None
    note = bacaan.catatan[:MAX_NOTE] or None
    laporan = Laporan(
        penugasan_id=tugas.id,
        member_id=actor.member_id,
        status_from=base_status.value,
        status_to=change.status.value,
        progress_from=base_progress,
        progress=change.progress
        if (bacaan.progress is not None or change.status is Status.SELESAI)
        else None,
        catatan=note,
        kendala=kendala,
        source=source,
        tidak_dapat=bacaan.tidak_dapat and intent is None,
        chat_id=caller.chat_id,
        message_id=caller.message_id,
        corrects_id=corrects.id if corrects else None,
        created_at=uow.now,
    )
    uow.session.add(laporan)
    await uow.session.flush()
    new_kendala = change.status is Status.TERKENDALA and (
        base_status is not Status.TERKENDALA or kendala != tugas.last_note
    )
    blocked_since = tugas.kendala_since if base_status is Status.TERKENDALA else uow.now
    state.apply(
        tugas,
        uow.now,
        status=change.status,
        progress=change.progress,
        reported_at=uow.now,
        note=kendala or note or tugas.last_note,
        # a later report means the OPD carries on: an open request to close it lapses
        pending=Pending.TIDAK_DAPAT if laporan.tidak_dapat else None,
        kendala_since=blocked_since if change.status is Status.TERKENDALA else None,
    )
    evidence = await _keep(uow, caller, tugas, laporan, bukti)
    opd = await uow.session.get(Opd, tugas.opd_id)
    asisten = await _asisten(uow, opd, tugas) if new_kendala else []
    # unsure whether done: ask, unless a button said what it is or it is done already
    ask = (
        bacaan.ragu_selesai
        and intent is None
        and not laporan.tidak_dapat
        and change.status is not Status.SELESAI
    )
    return Dicatat(laporan, tugas, arahan, opd, evidence, actor.nama, asisten, tanya_selesai=ask)


async def _keep(
    uow: UnitOfWork, caller: Caller, tugas: Penugasan, laporan: Laporan, bukti: BuktiMasuk | None
) -> int:
    """The evidence that came with the report, and the audit line; how many files it has."""
    if bukti is not None:
        await attach(uow, laporan, bukti, caller)
    await audit(
        uow,
        caller.telegram_id,
        Sumber.LAPOR,
        f"penugasan:{tugas.id}",
        laporan=laporan.id,
        status=laporan.status_to,
    )
    # written now: a later line of the same message re-reads (and locks) the penugasan
    await uow.session.flush()
    return 1 if bukti is not None else 0


async def _rests_on(uow: UnitOfWork, tugas: Penugasan, laporan: Laporan) -> bool:
    """Whether the penugasan's current state rests on ``laporan``: it is the latest report,
    or the penugasan waits for verification on the completion ``laporan`` claimed (notes
    sent after a completion do not move it)."""
    if await is_latest(uow, laporan):
        return True
    if tugas.status != Status.SELESAI.value:
        return False
    claim = await work.latest_claim(uow, tugas.id)
    return claim is not None and claim.id == laporan.id


async def _history_correction(
    uow: UnitOfWork,
    caller: Caller,
    actor: Actor,
    tugas: Penugasan,
    arahan: Arahan,
    bacaan: Bacaan,
    corrects: Laporan,
    bukti: BuktiMasuk | None,
) -> Dicatat:
    """An edit of a message older than the report the penugasan's state rests on (e.g. a
    progress report edited after `selesai`): the corrected text is kept beside the report it
    corrects, and the later report stands: status, progress and the latest note stay."""
    current = Status(tugas.status)
    laporan = Laporan(
        penugasan_id=tugas.id,
        member_id=actor.member_id,
        status_from=current.value,
        status_to=current.value,
        progress_from=tugas.progress,
        progress=None,
        catatan=bacaan.catatan[:MAX_NOTE] or None,
        kendala=None,
        source=Sumber.KOREKSI_LAMA,
        tidak_dapat=False,
        chat_id=caller.chat_id,
        message_id=caller.message_id,
        corrects_id=corrects.id,
        created_at=uow.now,
    )
    uow.session.add(laporan)
    await uow.session.flush()
    evidence = await _keep(uow, caller, tugas, laporan, bukti)
    opd = await uow.session.get(Opd, tugas.opd_id)
    return Dicatat(laporan, tugas, arahan, opd, evidence, actor.nama, [], koreksi_lama=True)


async def attach(uow: UnitOfWork, laporan: Laporan, bukti: BuktiMasuk, caller: Caller) -> None:
    """Keep a photo or document as bukti dukung of a report."""
    uow.session.add(
        Bukti(
            laporan_id=laporan.id,
            file_id=bukti.file_id[:255],
            file_unique_id=bukti.file_unique_id[:64],
            jenis=bukti.jenis,
            size=bukti.size,
            caption=(bukti.caption or None) and bukti.caption[:MAX_NOTE],
            message_link=message_link(caller.chat_id, caller.message_id),
            file_name=(bukti.file_name or None) and bukti.file_name[:255],
        )
    )


async def is_latest(uow: UnitOfWork, laporan: Laporan) -> bool:
    """Whether ``laporan`` is the newest report on its penugasan still standing (corrections
    of older messages, kept only in history, do not count)."""
    latest = (
        await uow.session.scalars(
            select(Laporan.id)
            .where(
                Laporan.penugasan_id == laporan.penugasan_id,
                Laporan.withdrawn_at.is_(None),
                Laporan.source != Sumber.KOREKSI_LAMA,
            )
            .order_by(Laporan.id.desc())
            .limit(1)
        )
    ).first()
    return latest == laporan.id


async def _asisten(uow: UnitOfWork, opd: Opd | None, tugas: Penugasan) -> list[Recipient]:
    """The active Asisten of the OPD's cluster, each privately, with the penugasan (komunikasi
    berjenjang: a new kendala reaches them at once)."""
    if opd is None:
        return []
    return [
        Recipient(person.telegram_id, f"asisten:{person.id}", person, tugas.id)
        for person in await audience.leaders(uow, [Peran.ASISTEN])
        if person.klaster == opd.klaster
    ]


async def take_back(uow: UnitOfWork, actor: Actor, request: TarikLaporan) -> Ditarik:
    """**Tarik laporan** within 10 minutes: the report stays in history, marked; the
    penugasan returns to where it was before it."""
    laporan = await uow.session.get(Laporan, request.laporan_id, with_for_update=True)
    if laporan is None or laporan.member_id != actor.member_id:
        raise Ditolak(Teks("tarik.bukan_milik"))
    if laporan.withdrawn_at is not None:
        raise InputTidakValid(Teks("tarik.sudah"))
    if uow.now - laporan.created_at > TAKE_BACK:
        raise InputTidakValid(Teks("tarik.terlambat", menit=10))
    if not await is_latest(uow, laporan):
        raise InputTidakValid(Teks("tarik.ada_sesudahnya"))
    tugas = await uow.session.get(Penugasan, laporan.penugasan_id, with_for_update=True)
    assert tugas is not None
    laporan.withdrawn_at = uow.now
    await _restore(uow, tugas, laporan)
    await audit(uow, actor.telegram_id, "tarik", f"penugasan:{tugas.id}", laporan=laporan.id)
    return Ditarik(laporan, tugas)


async def _restore(uow: UnitOfWork, tugas: Penugasan, laporan: Laporan) -> None:
    """Put the penugasan back as it was before ``laporan`` (already marked withdrawn)."""
    previous = (
        await uow.session.scalars(
            select(Laporan)
            .where(
                Laporan.penugasan_id == tugas.id,
                Laporan.withdrawn_at.is_(None),
                Laporan.id != laporan.id,
                Laporan.source != Sumber.KOREKSI_LAMA,
            )
            .order_by(Laporan.id.desc())
            .limit(1)
        )
    ).first()
    status = Status(laporan.status_from)
    state.apply(
        tugas,
        uow.now,
        status=status,
        progress=laporan.progress_from if laporan.progress_from is not None else tugas.progress,
        reported_at=previous.created_at if previous else None,
        note=(previous.kendala or previous.catatan) if previous else None,
        pending=None if laporan.tidak_dapat else state.KEEP,
        kendala_since=await _kendala_since(uow, tugas, status),
    )


async def _kendala_since(uow: UnitOfWork, tugas: Penugasan, status: Status) -> datetime | None:
    if status is not Status.TERKENDALA:
        return None
    rows = (
        await uow.session.scalars(
            select(Laporan)
            .where(Laporan.penugasan_id == tugas.id, Laporan.withdrawn_at.is_(None))
            .order_by(Laporan.id.desc())
        )
    ).all()
    since = None
    for row in rows:
        if row.status_to != Status.TERKENDALA.value:
            break
        since = row.created_at
    return since
