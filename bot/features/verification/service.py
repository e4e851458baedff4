"""Verification: a reported completion (or a request to close as tidak dapat ditindaklanjuti)
waits until an admin (or, where the Pemda allows, the cluster's Asisten) accepts or rejects
it; a rejection needs a reason and is told to the OPD."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from html import escape

from sqlalchemy import delete, func, select

from bot.domain.errors import Ditolak, InputTidakValid
from bot.domain.lifecycle import Status, after_verification
from bot.domain.roles import ButtonKind, Peran
from bot.env import Env
from bot.features import work
from bot.features.people.access import Actor, load_actor
from bot.features.reporting import state
from bot.messaging import audience
from bot.messaging.callbacks import Tombol
from bot.messaging.caller import Caller
from bot.messaging.outbox import View, button, edit_message, reply, send
from storage.audit import audit
from storage.db import UnitOfWork
from storage.models import Arahan, AwaitedInput, Bukti, Laporan, Opd, Penugasan
from storage.states import ArahanState, Awaited, Pending

REJECT_KIND = Awaited.TOLAK
LISTED = 10
MAX_REASON = 1000


def may_verify(env: Env, actor: Actor, opd: Opd) -> bool:
    """Admins verify everything; an Asisten their own cluster, if the Pemda allows it."""
    if actor.is_admin:
        return True
    return (
        actor.peran is Peran.ASISTEN
        and env.settings.ASISTEN_MAY_VERIFY
        and actor.klaster == opd.klaster
    )


async def list_waiting(uow: UnitOfWork, env: Env, caller: Caller, actor: Actor) -> None:
    """`/verifikasi`: what waits for this verifier, each with **Terima** / **Tolak**."""
    if not actor.is_admin and not env.settings.ASISTEN_MAY_VERIFY:
        raise Ditolak(env.texts("ditolak"))
    query = (
        select(Penugasan, Arahan, Opd)
        .join(Arahan, Arahan.id == Penugasan.arahan_id)
        .join(Opd, Opd.id == Penugasan.opd_id)
        .where(work.waiting(), work.published())
        .order_by(Penugasan.last_report_at)
    )
    if not actor.is_admin:
        query = query.where(Opd.klaster == actor.klaster, Penugasan.pending.is_(None))
    rows = (await uow.session.execute(query)).all()
    if not rows:
        await reply(uow, caller, env.texts("verifikasi.kosong"))
        return
    await reply(
        uow, caller, env.texts("verifikasi.judul", jumlah=len(rows), tampil=min(len(rows), LISTED))
    )
    for tugas, arahan, opd in rows[:LISTED]:
        text = await _card(uow, env, tugas, arahan, opd)
        sign = env.signer.make
        keyboard = [
            [
                button(
                    env.texts("tombol.verifikasi_terima"),
                    sign(ButtonKind.VERIFIKASI, "y", tugas.id),
                ),
                button(
                    env.texts("tombol.verifikasi_tolak"), sign(ButtonKind.VERIFIKASI, "n", tugas.id)
                ),
            ]
        ]
        await reply(
            uow, caller, text, keyboard=keyboard, arahan_id=arahan.id, penugasan_id=tugas.id
        )


async def _card(uow: UnitOfWork, env: Env, tugas: Penugasan, arahan: Arahan, opd: Opd) -> str:
    latest = (
        await uow.session.scalars(
            select(Laporan)
            .where(Laporan.penugasan_id == tugas.id, Laporan.withdrawn_at.is_(None))
            .order_by(Laporan.id.desc())
            .limit(1)
        )
    ).first()
    evidence = (
        await uow.session.scalar(
            select(func.count(Bukti.id))
            .join(Laporan, Laporan.id == Bukti.laporan_id)
            .where(Laporan.penugasan_id == tugas.id, Laporan.withdrawn_at.is_(None))
        )
        or 0
    )
    kind = (
        "verifikasi.usul_tidak_dapat"
        if tugas.pending == Pending.TIDAK_DAPAT
        else "verifikasi.selesai"
    )
    note = latest.catatan if latest and latest.catatan else "-"
    return env.texts(
        kind,
        nomor=arahan.nomor,
        opd=escape(opd.kode),
        teks=escape(_short(arahan.teks, 300)),
        catatan=escape(_short(note, 600)),
        bukti=evidence,
        waktu=env.format_datetime(tugas.last_report_at or tugas.updated_at),
    )


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


async def _load(
    uow: UnitOfWork, env: Env, actor: Actor, penugasan_id: int
) -> tuple[Penugasan, Arahan, Opd]:
    tugas = await uow.session.get(Penugasan, penugasan_id, with_for_update=True)
    if tugas is None:
        raise Ditolak(env.texts("tombol.tidak_sah"))
    arahan = await uow.session.get(Arahan, tugas.arahan_id)
    opd = await uow.session.get(Opd, tugas.opd_id)
    assert arahan is not None and opd is not None
    if not may_verify(env, actor, opd) or (
        tugas.pending == Pending.TIDAK_DAPAT and not actor.is_admin
    ):
        # closing as tidak dapat ditindaklanjuti needs an admin's sign-off
        raise Ditolak(env.texts("ditolak"))
    if (
        not (tugas.status == Status.SELESAI.value or tugas.pending == Pending.TIDAK_DAPAT)
        or arahan.status != ArahanState.TERBIT
    ):
        raise InputTidakValid(
            env.texts("verifikasi.tidak_menunggu", nomor=arahan.nomor, opd=escape(opd.kode))
        )
    return tugas, arahan, opd


async def decide(uow: UnitOfWork, env: Env, caller: Caller, actor: Actor, tombol: Tombol) -> str:
    """**Terima** closes the penugasan; **Tolak** asks for the reason first."""
    tugas, arahan, opd = await _load(uow, env, actor, tombol.int_arg(1))
    if tombol.args[0] == "n":
        await uow.session.execute(
            delete(AwaitedInput).where(
                AwaitedInput.telegram_id == caller.telegram_id,
                AwaitedInput.chat_id == caller.chat_id,
            )
        )
        uow.session.add(
            AwaitedInput(
                telegram_id=caller.telegram_id,
                chat_id=caller.chat_id,
                kind=REJECT_KIND,
                ref_id=tugas.id,
                created_at=uow.now,
            )
        )
        await reply(
            uow,
            caller,
            env.texts("verifikasi.minta_alasan", nomor=arahan.nomor, opd=escape(opd.kode)),
            force_reply=True,
        )
        return env.texts("verifikasi.tulis_alasan")
    closing = (
        Status.TIDAK_DAPAT if tugas.pending == Pending.TIDAK_DAPAT else after_verification(True)
    )
    await _close(uow, env, caller, actor, tugas, arahan, opd, closing)
    return env.texts("verifikasi.diterima_singkat")


async def _close(
    uow: UnitOfWork,
    env: Env,
    caller: Caller,
    actor: Actor,
    tugas: Penugasan,
    arahan: Arahan,
    opd: Opd,
    closing: Status,
) -> None:
    laporan = await _decision(
        uow,
        caller,
        actor,
        tugas,
        closing,
        100 if closing is Status.TERVERIFIKASI else tugas.progress,
        None,
        pending=None,
        kendala_since=None,
    )
    label = env.texts(f"status.{closing.value}")
    text = env.texts(
        "verifikasi.diterima",
        nomor=arahan.nomor,
        opd=escape(opd.kode),
        status=label,
        nama=escape(actor.nama),
    )
    if caller.message_id is not None:
        await edit_message(uow, f"verifikasi:{laporan.id}", caller.chat_id, caller.message_id, text)
    await _tell_opd(uow, env, tugas, arahan, laporan, text)


async def _decision(
    uow: UnitOfWork,
    caller: Caller,
    actor: Actor,
    tugas: Penugasan,
    status: Status,
    progress: int,
    reason: str | None,
    *,
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
        source="verifikasi",
        chat_id=caller.chat_id,
        message_id=caller.message_id,
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
        caller.telegram_id,
        "verifikasi",
        f"penugasan:{tugas.id}",
        hasil=status.value if reason is None else "ditolak",
    )
    return laporan


async def rejection_reason(uow: UnitOfWork, env: Env, caller: Caller, text: str) -> None:
    """The reason typed after **Tolak**: back to dalam_proses, and the OPD is told why."""
    awaited = (
        await uow.session.scalars(
            select(AwaitedInput).where(
                AwaitedInput.telegram_id == caller.telegram_id,
                AwaitedInput.chat_id == caller.chat_id,
                AwaitedInput.kind == REJECT_KIND,
            )
        )
    ).first()
    actor = await load_actor(uow, env, caller.telegram_id)
    if awaited is None or actor is None:
        raise Ditolak(env.texts("ditolak"))
    reason = " ".join(text.split())
    if not reason or len(reason) > MAX_REASON:
        raise InputTidakValid(env.texts("verifikasi.alasan_kosong", maks=MAX_REASON))
    await uow.session.delete(awaited)
    try:
        tugas, arahan, opd = await _load(uow, env, actor, awaited.ref_id)
    except (Ditolak, InputTidakValid) as exc:
        exc.keep_changes = True  # the question is dropped; later messages are not taken for it
        raise
    before = (
        tugas.progress
        if tugas.pending == Pending.TIDAK_DAPAT
        else await _progress_before_done(uow, tugas)
    )
    asked_tidak_dapat = tugas.pending == Pending.TIDAK_DAPAT
    status_to = Status(tugas.status) if asked_tidak_dapat else after_verification(False)
    laporan = await _decision(
        uow,
        caller,
        actor,
        tugas,
        status_to,
        before,
        reason,
        note=reason,
        pending=None if asked_tidak_dapat else state.KEEP,
    )
    notice = env.texts(
        "verifikasi.ditolak",
        nomor=arahan.nomor,
        opd=escape(opd.kode),
        nama=escape(actor.nama),
        alasan=escape(reason),
        status=env.texts(f"status.{status_to.value}"),
    )
    await _tell_opd(uow, env, tugas, arahan, laporan, notice)
    await reply(
        uow,
        caller,
        env.texts("verifikasi.penolakan_dicatat", opd=escape(opd.kode), nomor=arahan.nomor),
    )


async def _progress_before_done(uow: UnitOfWork, tugas: Penugasan) -> int:
    done = (
        await uow.session.scalars(
            select(Laporan)
            .where(
                Laporan.penugasan_id == tugas.id,
                Laporan.withdrawn_at.is_(None),
                Laporan.status_to == Status.SELESAI.value,
                Laporan.status_from != Status.SELESAI.value,
            )
            .order_by(Laporan.id.desc())
            .limit(1)
        )
    ).first()
    if done is None or done.progress_from is None:
        return min(tugas.progress, 99)
    return min(done.progress_from, 99)


async def _tell_opd(
    uow: UnitOfWork, env: Env, tugas: Penugasan, arahan: Arahan, laporan: Laporan, text: str
) -> None:
    for person in await audience.members(uow, [tugas.opd_id]):
        person = replace(person, penugasan_id=tugas.id)
        await send(uow, f"verifikasi:{laporan.id}", person, View(text), arahan_id=arahan.id)
