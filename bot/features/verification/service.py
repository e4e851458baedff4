"""Verification: a reported completion (or a request to close as tidak dapat ditindaklanjuti)
waits until an admin (or, where the Pemda allows, the cluster's Asisten) accepts or rejects
it; a rejection needs a reason and is told to the OPD."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from html import escape

from sqlalchemy import and_, delete, or_, select

from bot.domain.errors import Ditolak, InputTidakValid
from bot.domain.lifecycle import Status, after_verification
from bot.domain.roles import Peran
from bot.env import Env
from bot.features import work
from bot.features.evidence.service import summary
from bot.features.evidence.simpanan import Ringkasan
from bot.features.people.access import Actor
from bot.features.reporting import state
from bot.messaging import audience
from bot.messaging.audience import Recipient
from bot.texts import Teks
from storage import repo
from storage.audit import audit
from storage.db import UnitOfWork
from storage.models import Arahan, AwaitedInput, Laporan, Member, Opd, OutboxMessage, Penugasan
from storage.states import ArahanState, Awaited, OutboxState, Pending, Sumber

REJECT_KIND = Awaited.TOLAK
CARD_KEY = "kartu"  # outbox keys of the cards: `kartu:<penugasan>:…`, found again once decided
LISTED = 10
MAX_REASON = 1000


@dataclass(frozen=True)
class TerimaPenyelesaian:
    """**Terima** pressed on a card: close the penugasan (the chat and the card's message are
    kept on the decision's laporan)."""

    penugasan_id: int
    chat_id: int
    message_id: int | None


@dataclass(frozen=True)
class TolakPenyelesaian:
    """**Tolak** pressed on a card: the verifier's next message in ``chat_id`` is the reason."""

    penugasan_id: int
    chat_id: int


@dataclass(frozen=True)
class AlasanPenolakan:
    """The reason typed after **Tolak**, in ``chat_id`` as message ``message_id``."""

    alasan: str
    chat_id: int
    message_id: int | None


@dataclass(frozen=True)
class Perkara:
    """A penugasan a verifier decides on, with its directive and its OPD."""

    tugas: Penugasan
    arahan: Arahan
    opd: Opd


@dataclass(frozen=True)
class Klaim:
    """The report that put a penugasan in the verifier's queue: the one that reported it
    selesai (or asked to close it as tidak dapat), who sent it and what it says (its own
    correction's words, if it was corrected), whatever was reported after it."""

    laporan: Laporan
    nama: str | None
    catatan: str | None


@dataclass(frozen=True)
class Kartu(Perkara):
    """One penugasan waiting for this verifier, with what its card shows: the claim (None
    only for work marked selesai without any report) and the evidence on its reports."""

    klaim: Klaim | None
    bukti: Ringkasan

    @property
    def usul_tidak_dapat(self) -> bool:
        """A request to close as tidak dapat ditindaklanjuti (rather than a completion)."""
        return self.tugas.pending == Pending.TIDAK_DAPAT

    @property
    def catatan(self) -> str | None:
        """What the claim says."""
        return self.klaim.catatan if self.klaim else None

    @property
    def sejak(self) -> datetime:
        """Since when it waits: the claim's time."""
        if self.klaim is not None:
            return self.klaim.laporan.created_at
        return self.tugas.last_report_at or self.tugas.updated_at


@dataclass(frozen=True)
class Antrian:
    """What waits for this verifier: how many in all, and the oldest :data:`LISTED` of them."""

    jumlah: int
    kartu: list[Kartu]


@dataclass(frozen=True)
class Keputusan(Perkara):
    """A verifier's decision, kept as ``laporan``: the penugasan's new ``status``, the
    verifier's name and the OPD members to tell (each with the penugasan, so a reply maps)."""

    laporan: Laporan
    status: Status
    oleh: str
    penerima: list[Recipient]


@dataclass(frozen=True)
class Dikembalikan(Keputusan):
    """A rejected completion or request, back where it was, and why."""

    alasan: str


def may_verify(env: Env, actor: Actor, opd: Opd) -> bool:
    """Admins verify everything; an Asisten their own cluster, if the Pemda allows it."""
    if actor.is_admin:
        return True
    return (
        actor.peran is Peran.ASISTEN
        and env.settings.ASISTEN_MAY_VERIFY
        and actor.klaster == opd.klaster
    )


async def list_waiting(uow: UnitOfWork, env: Env, actor: Actor) -> Antrian:
    """`/verifikasi`: what waits for this verifier, the longest-waiting first (since its
    claim: a note sent after "selesai" does not make it younger).

    An Asisten sees only their cluster's completions (requests to close as tidak dapat
    ditindaklanjuti are the admin's), and nothing unless the Pemda lets them verify."""
    if not actor.is_admin and not env.settings.ASISTEN_MAY_VERIFY:
        raise Ditolak(Teks("ditolak"))
    query = (
        select(Penugasan, Arahan, Opd)
        .join(Arahan, Arahan.id == Penugasan.arahan_id)
        .join(Opd, Opd.id == Penugasan.opd_id)
        .where(work.waiting(), work.published())
    )
    if not actor.is_admin:
        query = query.where(Opd.klaster == actor.klaster, Penugasan.pending.is_(None))
    rows = (await uow.session.execute(query)).all()
    claims = await _claims(uow, [tugas for tugas, _, _ in rows])
    kartu = sorted(
        (
            Kartu(tugas, arahan, opd, claims.get(tugas.id), Ringkasan())
            for tugas, arahan, opd in rows
        ),
        key=lambda k: (k.sejak, k.tugas.id),
    )[:LISTED]
    evidence = await summary(uow, [k.tugas.id for k in kartu])
    return Antrian(
        len(rows), [replace(k, bukti=evidence.get(k.tugas.id, Ringkasan())) for k in kartu]
    )


async def _claims(uow: UnitOfWork, waiting: list[Penugasan]) -> dict[int, Klaim]:
    """For each waiting penugasan, the latest report not taken back that claimed what it
    waits for: selesai (from another status), or a request to close as tidak dapat."""
    if not waiting:
        return {}
    rows = await uow.session.execute(
        select(Laporan, Member.nama)
        .outerjoin(Member, Member.id == Laporan.member_id)
        .where(
            Laporan.penugasan_id.in_([tugas.id for tugas in waiting]),
            or_(
                work.claims_completion(),
                and_(
                    Laporan.withdrawn_at.is_(None),
                    or_(Laporan.tidak_dapat.is_(True), Laporan.corrects_id.is_not(None)),
                ),
            ),
        )
        .order_by(Laporan.id)
    )
    asks_tidak_dapat = {tugas.id for tugas in waiting if tugas.pending == Pending.TIDAK_DAPAT}
    found: dict[int, tuple[Laporan, str | None]] = {}
    corrected: dict[int, str | None] = {}
    for laporan, nama in rows.all():
        if laporan.corrects_id is not None:
            corrected[laporan.corrects_id] = laporan.catatan  # the latest correction wins
        if laporan.penugasan_id in asks_tidak_dapat:
            claims = laporan.tidak_dapat
        else:
            claims = (
                laporan.status_to == Status.SELESAI.value
                and laporan.status_from != Status.SELESAI.value
            )
        if claims:
            found[laporan.penugasan_id] = (laporan, nama)
    return {
        pid: Klaim(laporan, nama, corrected.get(laporan.id, laporan.catatan))
        for pid, (laporan, nama) in found.items()
    }


async def _load(uow: UnitOfWork, env: Env, actor: Actor, penugasan_id: int) -> Perkara:
    """The penugasan (locked) if it waits and this actor may decide on it."""
    tugas = await uow.session.get(Penugasan, penugasan_id, with_for_update=True)
    if tugas is None:
        raise Ditolak(Teks("tombol.tidak_sah"))
    arahan = await uow.session.get(Arahan, tugas.arahan_id)
    opd = await uow.session.get(Opd, tugas.opd_id)
    assert arahan is not None and opd is not None
    if not may_verify(env, actor, opd) or (
        tugas.pending == Pending.TIDAK_DAPAT and not actor.is_admin
    ):
        # closing as tidak dapat ditindaklanjuti needs an admin's sign-off
        raise Ditolak(Teks("ditolak"))
    if (
        not (tugas.status == Status.SELESAI.value or tugas.pending == Pending.TIDAK_DAPAT)
        or arahan.status != ArahanState.TERBIT
    ):
        raise InputTidakValid(
            Teks("verifikasi.tidak_menunggu", nomor=arahan.nomor, opd=escape(opd.kode))
        )
    return Perkara(tugas, arahan, opd)


async def accept(uow: UnitOfWork, env: Env, actor: Actor, request: TerimaPenyelesaian) -> Keputusan:
    """**Terima**: a completion becomes terverifikasi (100%); a request the admin signs off
    closes as tidak dapat ditindaklanjuti at its progress."""
    perkara = await _load(uow, env, actor, request.penugasan_id)
    tugas = perkara.tugas
    closing = (
        Status.TIDAK_DAPAT if tugas.pending == Pending.TIDAK_DAPAT else after_verification(True)
    )
    laporan = await _decision(
        uow,
        actor,
        tugas,
        closing,
        100 if closing is Status.TERVERIFIKASI else tugas.progress,
        None,
        chat_id=request.chat_id,
        message_id=request.message_id,
        pending=None,
        kendala_since=None,
    )
    return Keputusan(
        tugas,
        perkara.arahan,
        perkara.opd,
        laporan,
        closing,
        actor.nama,
        await _opd_members(uow, env, tugas),
    )


async def ask_reason(
    uow: UnitOfWork, env: Env, actor: Actor, request: TolakPenyelesaian
) -> Perkara:
    """**Tolak**: wait for the reason as this verifier's next message in that chat (replacing
    whatever the bot waited for there); nothing changes on the penugasan yet."""
    perkara = await _load(uow, env, actor, request.penugasan_id)
    await uow.session.execute(
        delete(AwaitedInput).where(
            AwaitedInput.telegram_id == actor.telegram_id,
            AwaitedInput.chat_id == request.chat_id,
        )
    )
    uow.session.add(
        AwaitedInput(
            telegram_id=actor.telegram_id,
            chat_id=request.chat_id,
            kind=REJECT_KIND,
            ref_id=perkara.tugas.id,
            created_at=uow.now,
        )
    )
    return perkara


async def reject(uow: UnitOfWork, env: Env, actor: Actor, request: AlasanPenolakan) -> Dikembalikan:
    """The reason after **Tolak**: a completion goes back to dalam_proses at the progress it had
    before it was reported selesai; a request to close as tidak dapat is dropped.

    The question is used up even when the penugasan no longer waits (that refusal keeps the
    deletion), so later messages are not taken for a reason."""
    awaited = await repo.awaited_input(
        uow.session, actor.telegram_id, request.chat_id, [REJECT_KIND]
    )
    if awaited is None:
        raise Ditolak(Teks("ditolak"))
    reason = " ".join(request.alasan.split())
    if not reason or len(reason) > MAX_REASON:
        raise InputTidakValid(Teks("verifikasi.alasan_kosong", maks=MAX_REASON))
    await uow.session.delete(awaited)
    try:
        perkara = await _load(uow, env, actor, awaited.ref_id)
    except (Ditolak, InputTidakValid) as exc:
        exc.keep_changes = True  # the question is dropped; later messages are not taken for it
        raise
    tugas = perkara.tugas
    asked_tidak_dapat = tugas.pending == Pending.TIDAK_DAPAT
    before = tugas.progress if asked_tidak_dapat else await _progress_before_done(uow, tugas)
    status_to = Status(tugas.status) if asked_tidak_dapat else after_verification(False)
    laporan = await _decision(
        uow,
        actor,
        tugas,
        status_to,
        before,
        reason,
        chat_id=request.chat_id,
        message_id=request.message_id,
        note=reason,
        pending=None if asked_tidak_dapat else state.KEEP,
    )
    return Dikembalikan(
        tugas,
        perkara.arahan,
        perkara.opd,
        laporan,
        status_to,
        actor.nama,
        await _opd_members(uow, env, tugas),
        reason,
    )


async def _decision(
    uow: UnitOfWork,
    actor: Actor,
    tugas: Penugasan,
    status: Status,
    progress: int,
    reason: str | None,
    *,
    chat_id: int,
    message_id: int | None,
    note: str | None | state.Keep = state.KEEP,
    pending: Pending | None | state.Keep = state.KEEP,
    kendala_since: datetime | None | state.Keep = state.KEEP,
) -> Laporan:
    """Keep a verifier's decision as a report and apply it to the penugasan."""
    laporan = Laporan(
        penugasan_id=tugas.id,
        member_id=actor.member_id,
        status_from=tugas.status,
        status_to=status.value,
        progress_from=tugas.progress,
        progress=progress,
        catatan=reason,
        kendala=None,
        source=Sumber.VERIFIKASI,
        chat_id=chat_id,
        message_id=message_id,
        created_at=uow.now,
    )
    uow.session.add(laporan)
    await uow.session.flush()
    state.apply(
        tugas,
        uow.now,
        status=status,
        progress=progress,
        note=note,
        pending=pending,
        kendala_since=kendala_since,
    )
    await audit(
        uow,
        actor.telegram_id,
        "verifikasi",
        f"penugasan:{tugas.id}",
        hasil=status.value if reason is None else "ditolak",
    )
    return laporan


async def _progress_before_done(uow: UnitOfWork, tugas: Penugasan) -> int:
    done = await work.latest_claim(uow, tugas.id)
    if done is None or done.progress_from is None:
        return min(tugas.progress, 99)
    return min(done.progress_from, 99)


async def _opd_members(uow: UnitOfWork, env: Env, tugas: Penugasan) -> list[Recipient]:
    """The OPD's active members (and its acting official today), each privately, with the
    penugasan the notice is about."""
    return [
        replace(person, penugasan_id=tugas.id)
        for person in await audience.members(uow, [tugas.opd_id], hari=env.today())
    ]


async def sent_cards(uow: UnitOfWork, penugasan_id: int) -> list[OutboxMessage]:
    """The `/verifikasi` cards about this penugasan that reached a chat (with their message
    ids), oldest first, so a decision can take Terima / Tolak off every one of them."""
    rows = await uow.session.scalars(
        select(OutboxMessage)
        .where(
            OutboxMessage.key.like(f"{CARD_KEY}:{penugasan_id}:%"),
            OutboxMessage.state == OutboxState.TERKIRIM,
            OutboxMessage.message_id.is_not(None),
        )
        .order_by(OutboxMessage.id)
    )
    return list(rows.all())
