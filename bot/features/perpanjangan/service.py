"""Extension requests (perpanjangan): an OPD asks for a later deadline on its penugasan, with a
reason (`/perpanjang NOMOR tanggal alasan`, or **⏳ Minta perpanjangan** under the directive
and a short prompt); the admins (and the cluster's Asisten where the Pemda lets an Asisten
verify) get it with **Setujui** / **Tolak**. Approval moves the deadline exactly as `/tenggat`
does (bot/features/directives/admin.py:set_deadline); refusal needs a reason, told to the OPD.
One open request per penugasan."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from enum import Enum
from html import escape

from sqlalchemy import delete, select

from bot.domain.errors import Ditolak, InputTidakValid
from bot.domain.lifecycle import Status
from bot.domain.roles import ButtonKind, Peran, may_press
from bot.env import Env
from bot.features.directives import admin
from bot.features.directives.admin import TenggatBaru
from bot.features.people.access import Actor, load_actor, require
from bot.features.reporting import lookup as find
from bot.features.reporting.inputs import PROMPT_LIFE
from bot.features.verification.service import may_verify
from bot.messaging import audience
from bot.messaging.audience import Recipient
from bot.messaging.caller import Caller
from bot.texts import Teks
from storage import repo
from storage.audit import audit
from storage.db import UnitOfWork
from storage.models import (
    Arahan,
    AwaitedInput,
    Member,
    MessageLink,
    Opd,
    OutboxMessage,
    Penugasan,
    Perpanjangan,
)
from storage.states import ArahanState, Awaited, OutboxState
from storage.states import PerpanjanganState as State

MAX_REASON = admin.MAX_REASON
CARD_KEY = "pj-kartu"  # outbox keys of the decision cards: `pj-kartu:<request>:…`
PERINTAH = "perpanjang"  # the command an OPD's answer to the prompt continues
PERINTAH_TOLAK = "perpanjang:tolak"  # the decider's reason after Tolak (not a command)
_ALASAN_PREFIX = f"{Awaited.PERPANJANGAN_ALASAN.value}:"


@dataclass(frozen=True)
class MintaPerpanjangan:
    """`/perpanjang NOMOR tanggal alasan`: the number as typed, then the date and the reason
    as typed (where the date ends is known only by reading it)."""

    nomor: str
    tanggal_dan_alasan: str


@dataclass(frozen=True)
class TombolMinta:
    """**⏳ Minta perpanjangan** pressed: ``target_id`` a penugasan, or with ``untuk_arahan`` a
    directive (its message in the Rakor group: the presser's own OPD's part)."""

    target_id: int
    untuk_arahan: bool = False


@dataclass(frozen=True)
class JawabanMinta:
    """The answer to the prompt: the date and the reason, the date alone, or (when the date
    was given before) the reason."""

    teks: str


@dataclass(frozen=True)
class Putusan:
    """**Setujui** (``setuju``) or **Tolak** pressed on a decision card in ``chat_id``."""

    perpanjangan_id: int
    setuju: bool
    chat_id: int


@dataclass(frozen=True)
class AlasanTolak:
    """The reason typed after **Tolak**, in ``chat_id``."""

    alasan: str
    chat_id: int


class Langkah(Enum):
    """What the prompt waits for."""

    TANGGAL = "tanggal"  # the new date (the reason may follow in the same message)
    ALASAN = "alasan"  # the reason, the date being known


@dataclass(frozen=True)
class Ditanya:
    """The prompt asked (a forced reply): for the date, or for the reason after ``tanggal``."""

    langkah: Langkah
    tugas: Penugasan
    arahan: Arahan
    opd: Opd
    tanggal: date | None = None


@dataclass(frozen=True)
class Perkara:
    """A request with its directive, its OPD and who asked (their name)."""

    permintaan: Perpanjangan
    arahan: Arahan
    opd: Opd
    pemohon: str


@dataclass(frozen=True)
class Diminta(Perkara):
    """A request stored, with who decides on it (each privately)."""

    pemutus: list[Recipient]


@dataclass(frozen=True)
class Diputuskan(Perkara):
    """A request decided by ``oleh``: approved (``tenggat``: the deadline change, announced
    like `/tenggat`) or refused (``alasan``, told to the OPD's ``penerima``)."""

    oleh: str
    tenggat: TenggatBaru | None
    alasan: str | None
    penerima: list[Recipient]


@dataclass(frozen=True)
class SudahDiputuskan(Perkara):
    """A card pressed after the request was decided (here or on another card)."""

    oleh: str | None


@dataclass(frozen=True)
class AlasanDiminta(Perkara):
    """**Tolak** pressed: the decider's next message in that chat is the reason."""


# --------------------------------------------------------------------------- asking
async def request(uow: UnitOfWork, env: Env, actor: Actor, minta: MintaPerpanjangan) -> Diminta:
    """`/perpanjang NOMOR tanggal alasan`, for the actor's own OPD's open penugasan."""
    words = minta.tanggal_dan_alasan.split()
    nomor = find.parse_nomor(minta.nomor)
    if not minta.nomor.strip() or not words:
        raise InputTidakValid(Teks("perpanjangan.format"))
    if nomor is None:
        raise InputTidakValid(Teks("arahan.nomor_tidak_ada", nomor=escape(minta.nomor[:20])))
    tugas, arahan = await find.by_nomor(uow, actor, nomor)
    await _askable(uow, env, tugas, arahan)
    new, reason = admin.split_date(words, env.today())
    return await _create(uow, env, actor, tugas, arahan, new, reason)


async def ask(
    uow: UnitOfWork, env: Env, caller: Caller, actor: Actor, tombol: TombolMinta
) -> Ditanya:
    """**⏳ Minta perpanjangan**: the date (and the reason) is asked for; the answer is awaited
    from this person in this chat (replacing whatever the bot waited for there)."""
    if tombol.untuk_arahan:
        tugas, arahan = await find.for_opd(uow, actor, tombol.target_id)
    else:
        tugas, arahan = await find.by_id(uow, actor, tombol.target_id)
    opd = await _askable(uow, env, tugas, arahan)
    await _await(uow, caller, Awaited.PERPANJANGAN_TANGGAL.value, tugas.id)
    return Ditanya(Langkah.TANGGAL, tugas, arahan, opd)


async def answer(
    uow: UnitOfWork, env: Env, caller: Caller, actor: Actor, jawaban: JawabanMinta
) -> Ditanya | Diminta:
    """The answer to the prompt: a date with a reason makes the request; a date alone is
    checked, then the reason is asked for; after that, the text is the reason. A refused
    answer leaves the prompt as it was (the person may try again)."""
    awaited = await _prompt(uow, caller)
    if awaited is None:
        raise Ditolak(Teks("ditolak"))
    tugas, arahan = await find.by_id(uow, actor, awaited.ref_id)
    try:
        opd = await _askable(uow, env, tugas, arahan)
    except InputTidakValid as exc:
        await uow.session.delete(awaited)
        exc.keep_changes = True  # the work closed meanwhile: the prompt is dropped
        raise
    text = " ".join(jawaban.teks.split())
    if awaited.kind.startswith(_ALASAN_PREFIX):
        new = date.fromisoformat(awaited.kind.removeprefix(_ALASAN_PREFIX))
        reason = text
    else:
        new, reason = admin.split_date(text.split(), env.today())
        if not reason:
            _check_date(env, arahan, new)
            await uow.session.delete(awaited)
            await uow.session.flush()
            await _await(uow, caller, f"{_ALASAN_PREFIX}{new.isoformat()}", tugas.id)
            return Ditanya(Langkah.ALASAN, tugas, arahan, opd, new)
    diminta = await _create(uow, env, actor, tugas, arahan, new, reason)
    await uow.session.delete(awaited)
    return diminta


async def _askable(uow: UnitOfWork, env: Env, tugas: Penugasan, arahan: Arahan) -> Opd:
    """The penugasan's OPD, if an extension may be asked: the directive is not cancelled,
    the work not finished (reported selesai or closed), no other request waits."""
    current = find.ensure_open(tugas, arahan)
    if current is Status.SELESAI:
        raise InputTidakValid(Teks("perpanjangan.sudah_selesai", nomor=arahan.nomor))
    waiting = await _open_request(uow, tugas.id)
    if waiting is not None:
        raise InputTidakValid(
            Teks(
                "perpanjangan.sudah_ada",
                nomor=arahan.nomor,
                tanggal=env.format_date(waiting.tenggat_baru),
                waktu=env.format_datetime(waiting.requested_at),
            )
        )
    opd = await uow.session.get(Opd, tugas.opd_id)
    assert opd is not None
    return opd


async def _open_request(uow: UnitOfWork, penugasan_id: int) -> Perpanjangan | None:
    return (
        await uow.session.scalars(
            select(Perpanjangan).where(
                Perpanjangan.penugasan_id == penugasan_id,
                Perpanjangan.state == State.MENUNGGU.value,
            )
        )
    ).first()


def _check_date(env: Env, arahan: Arahan, new: date) -> None:
    """The new deadline must be later than the current one, and not in the past."""
    if new <= arahan.tenggat:
        raise InputTidakValid(
            Teks(
                "perpanjangan.tidak_lebih_lama",
                tanggal=env.format_date(new),
                tenggat=env.format_date(arahan.tenggat),
            )
        )
    if new < env.today():
        raise InputTidakValid(Teks("arahan.tenggat_lewat", tanggal=env.format_date(new)))


async def _create(
    uow: UnitOfWork,
    env: Env,
    actor: Actor,
    tugas: Penugasan,
    arahan: Arahan,
    new: date,
    reason: str,
) -> Diminta:
    """Store the request (menunggu) and find who decides on it."""
    _check_date(env, arahan, new)
    reason = " ".join(reason.split())
    if not reason or len(reason) > MAX_REASON:
        raise InputTidakValid(Teks("perpanjangan.perlu_alasan", maks=MAX_REASON))
    opd = await uow.session.get(Opd, tugas.opd_id)
    assert opd is not None
    permintaan = Perpanjangan(
        penugasan_id=tugas.id,
        tenggat_lama=arahan.tenggat,
        tenggat_baru=new,
        alasan=reason,
        state=State.MENUNGGU.value,
        requested_by=actor.telegram_id,
        requested_at=uow.now,
    )
    uow.session.add(permintaan)
    await uow.session.flush()
    await audit(
        uow,
        actor.telegram_id,
        "perpanjangan_minta",
        f"arahan:{arahan.id}",
        opd=opd.kode,
        oleh=actor.nama,
        dari=env.format_date(arahan.tenggat),
        ke=env.format_date(new),
        alasan=reason,
        perpanjangan=permintaan.id,
    )
    return Diminta(permintaan, arahan, opd, actor.nama, await _deciders(uow, env, opd))


async def _deciders(uow: UnitOfWork, env: Env, opd: Opd) -> list[Recipient]:
    """The active admins, then (where the Pemda lets an Asisten verify) the OPD's cluster's
    Asisten, each privately."""
    people: list[Member] = list(await repo.active_admins(uow.session, env.settings.ADMIN_IDS))
    if env.settings.ASISTEN_MAY_VERIFY:
        people += [
            m
            for m in await audience.leaders(uow, [Peran.ASISTEN.value])
            if m.klaster == opd.klaster and m not in people
        ]
    return [audience.member(m) for m in people]


async def _await(uow: UnitOfWork, caller: Caller, kind: str, ref_id: int) -> None:
    await uow.session.execute(
        delete(AwaitedInput).where(
            AwaitedInput.telegram_id == caller.telegram_id, AwaitedInput.chat_id == caller.chat_id
        )
    )
    uow.session.add(
        AwaitedInput(
            telegram_id=caller.telegram_id,
            chat_id=caller.chat_id,
            kind=kind,
            ref_id=ref_id,
            created_at=uow.now,
        )
    )


def _is_prompt(kind: str) -> bool:
    return kind == Awaited.PERPANJANGAN_TANGGAL.value or kind.startswith(_ALASAN_PREFIX)


async def _prompt(uow: UnitOfWork, caller: Caller) -> AwaitedInput | None:
    awaited = (
        await uow.session.scalars(
            select(AwaitedInput).where(
                AwaitedInput.telegram_id == caller.telegram_id,
                AwaitedInput.chat_id == caller.chat_id,
            )
        )
    ).first()
    return awaited if awaited is not None and _is_prompt(awaited.kind) else None


async def continues(
    uow: UnitOfWork, env: Env, caller: Caller, kind: str, reply_to_bot: int | None
) -> tuple[str, Actor] | None:
    """Whether a message continues an extension request (the answer to the prompt) or a
    decision (the reason after **Tolak**), and who may continue it (checked: the role table
    for `/perpanjang`, or for the decision buttons). A prompt older than PROMPT_LIFE, or left
    for a reply to a directive's message (the person moved on), is dropped: None."""
    if kind == Awaited.PERPANJANGAN_TOLAK.value:
        actor = await load_actor(uow, env, caller.telegram_id)
        if actor is None or not may_press(actor.peran, ButtonKind.PERPANJANGAN):
            raise Ditolak(Teks("ditolak"))
        return PERINTAH_TOLAK, actor
    if not _is_prompt(kind):
        return None
    awaited = await _prompt(uow, caller)
    assert awaited is not None
    moved_on = False
    if reply_to_bot is not None:
        link = await uow.session.get(MessageLink, (caller.chat_id, reply_to_bot))
        moved_on = link is not None
    if moved_on or uow.now - awaited.created_at > PROMPT_LIFE:
        await uow.session.delete(awaited)
        await uow.session.flush()
        return None
    return PERINTAH, await require(uow, env, caller, PERINTAH)


# --------------------------------------------------------------------------- deciding
async def _case(uow: UnitOfWork, env: Env, actor: Actor, perpanjangan_id: int) -> Perkara:
    """The request (locked), if this actor may decide on it."""
    permintaan = await uow.session.get(Perpanjangan, perpanjangan_id, with_for_update=True)
    if permintaan is None:
        raise Ditolak(Teks("tombol.tidak_sah"))
    tugas = await uow.session.get(Penugasan, permintaan.penugasan_id)
    assert tugas is not None
    arahan = await uow.session.get(Arahan, tugas.arahan_id)
    opd = await uow.session.get(Opd, tugas.opd_id)
    assert arahan is not None and opd is not None
    if not may_verify(env, actor, opd):
        raise Ditolak(Teks("ditolak"))
    pemohon = await repo.member_by_telegram(uow.session, permintaan.requested_by)
    return Perkara(permintaan, arahan, opd, pemohon.nama if pemohon else "-")


async def _name(uow: UnitOfWork, telegram_id: int | None) -> str | None:
    if telegram_id is None:
        return None
    member = await repo.member_by_telegram(uow.session, telegram_id)
    return member.nama if member else str(telegram_id)


async def decide(
    uow: UnitOfWork, env: Env, actor: Actor, putusan: Putusan
) -> Diputuskan | AlasanDiminta | SudahDiputuskan:
    """**Setujui**: the deadline moves as with `/tenggat` (same announcement, same history),
    recorded on the request. **Tolak**: the reason is awaited as this decider's next message
    in that chat. On a request decided already: who decided it (nothing changes)."""
    perkara = await _case(uow, env, actor, putusan.perpanjangan_id)
    permintaan, arahan = perkara.permintaan, perkara.arahan
    if permintaan.state != State.MENUNGGU.value:
        oleh = await _name(uow, permintaan.decided_by)
        return SudahDiputuskan(permintaan, arahan, perkara.opd, perkara.pemohon, oleh)
    if arahan.status == ArahanState.DIBATALKAN:
        raise admin.ArahanDibatalkan(arahan.nomor)
    # the OPD's work may have closed meanwhile (verified, or withdrawn by /arahan_ubah)
    tugas = await uow.session.get(Penugasan, permintaan.penugasan_id)
    assert tugas is not None
    find.ensure_open(tugas, arahan)
    if not putusan.setuju:
        await _await_reason(uow, actor, putusan.chat_id, permintaan.id)
        return AlasanDiminta(permintaan, arahan, perkara.opd, perkara.pemohon)
    _check_date(env, arahan, permintaan.tenggat_baru)
    reason = env.texts(
        "perpanjangan.alasan_tenggat", opd=perkara.opd.kode, alasan=permintaan.alasan
    )
    tenggat = await admin.set_deadline(uow, env, actor, arahan, permintaan.tenggat_baru, reason)
    await _decided(uow, env, actor, perkara, State.DISETUJUI, None)
    return Diputuskan(
        permintaan, arahan, perkara.opd, perkara.pemohon, actor.nama, tenggat, None, []
    )


async def _await_reason(uow: UnitOfWork, actor: Actor, chat_id: int, perpanjangan_id: int) -> None:
    await uow.session.execute(
        delete(AwaitedInput).where(
            AwaitedInput.telegram_id == actor.telegram_id, AwaitedInput.chat_id == chat_id
        )
    )
    uow.session.add(
        AwaitedInput(
            telegram_id=actor.telegram_id,
            chat_id=chat_id,
            kind=Awaited.PERPANJANGAN_TOLAK.value,
            ref_id=perpanjangan_id,
            created_at=uow.now,
        )
    )


async def reject(uow: UnitOfWork, env: Env, actor: Actor, alasan: AlasanTolak) -> Diputuskan:
    """The reason after **Tolak**: the request is refused and the OPD's members told why. The
    question is used up even when the request was decided meanwhile."""
    awaited = await repo.awaited_input(
        uow.session, actor.telegram_id, alasan.chat_id, [Awaited.PERPANJANGAN_TOLAK.value]
    )
    if awaited is None:
        raise Ditolak(Teks("ditolak"))
    reason = " ".join(alasan.alasan.split())
    if not reason or len(reason) > MAX_REASON:
        raise InputTidakValid(Teks("perpanjangan.perlu_alasan_tolak", maks=MAX_REASON))
    await uow.session.delete(awaited)
    perkara = await _case(uow, env, actor, awaited.ref_id)
    if perkara.permintaan.state != State.MENUNGGU.value:
        oleh = await _name(uow, perkara.permintaan.decided_by)
        raise InputTidakValid(
            Teks(
                "perpanjangan.sudah_diputuskan",
                nomor=perkara.arahan.nomor,
                nama=escape(oleh or "-"),
            ),
            keep_changes=True,
        )
    await _decided(uow, env, actor, perkara, State.DITOLAK, reason)
    tugas_id = perkara.permintaan.penugasan_id
    penerima = [
        replace(person, penugasan_id=tugas_id)
        for person in await audience.members(uow, [perkara.opd.id])
    ]
    return Diputuskan(
        perkara.permintaan,
        perkara.arahan,
        perkara.opd,
        perkara.pemohon,
        actor.nama,
        None,
        reason,
        penerima,
    )


async def _decided(
    uow: UnitOfWork, env: Env, actor: Actor, perkara: Perkara, state: State, reason: str | None
) -> None:
    permintaan = perkara.permintaan
    permintaan.state = state.value
    permintaan.decided_by = actor.telegram_id
    permintaan.decided_at = uow.now
    permintaan.decision_note = reason
    action = "perpanjangan_setuju" if state is State.DISETUJUI else "perpanjangan_tolak"
    await audit(
        uow,
        actor.telegram_id,
        action,
        f"arahan:{perkara.arahan.id}",
        opd=perkara.opd.kode,
        oleh=actor.nama,
        dari=env.format_date(permintaan.tenggat_lama),
        ke=env.format_date(permintaan.tenggat_baru),
        alasan=reason or "",
        perpanjangan=permintaan.id,
    )


async def sent_cards(uow: UnitOfWork, perpanjangan_id: int) -> list[OutboxMessage]:
    """The decision cards about this request that reached a chat (with their message ids),
    so a decision takes **Setujui** / **Tolak** off every one of them."""
    rows = await uow.session.scalars(
        select(OutboxMessage)
        .where(
            OutboxMessage.key.like(f"{CARD_KEY}:{perpanjangan_id}:%"),
            OutboxMessage.state == OutboxState.TERKIRIM,
            OutboxMessage.message_id.is_not(None),
        )
        .order_by(OutboxMessage.id)
    )
    return list(rows.all())
