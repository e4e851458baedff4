"""Managing a published directive: `/arahan_info` (every penugasan and its full history),
`/tenggat` (a new deadline with a reason) and `/batal` (cancel with a reason), both announced
to the assignees."""

from __future__ import annotations

from datetime import date, datetime
from html import escape

from sqlalchemy import func, select

from bot.domain.dates import TanggalTidakValid, parse_tanggal
from bot.domain.errors import Ditolak, InputTidakValid
from bot.domain.roles import OPD_ROLES
from bot.env import Env
from bot.features.people.access import Actor
from bot.features.reporting.lookup import parse_nomor
from bot.messaging import audience
from bot.messaging.caller import Caller
from bot.messaging.outbox import View, send
from bot.messaging.paging import reply_lines
from storage.audit import audit
from storage.db import UnitOfWork
from storage.models import (
    Arahan,
    AuditLog,
    Bukti,
    Escalation,
    Laporan,
    Member,
    Opd,
    Penugasan,
    Rakor,
)
from storage.states import ArahanState

MAX_REASON = 500


async def _arahan(uow: UnitOfWork, env: Env, nomor_text: str) -> Arahan:
    nomor = parse_nomor(nomor_text)
    arahan = None
    if nomor is not None:
        arahan = (await uow.session.scalars(select(Arahan).where(Arahan.nomor == nomor))).first()
    if arahan is None:
        raise InputTidakValid(env.texts("arahan.nomor_tidak_ada", nomor=escape(nomor_text[:20])))
    return arahan


async def may_read(uow: UnitOfWork, actor: Actor, arahan: Arahan) -> bool:
    """Leaders read every directive; an OPD's people only those assigned to their OPD."""
    if actor.peran not in OPD_ROLES:
        return True
    found = await uow.session.scalar(
        select(func.count(Penugasan.id)).where(
            Penugasan.arahan_id == arahan.id, Penugasan.opd_id == actor.opd_id
        )
    )
    return bool(found)


async def info(uow: UnitOfWork, env: Env, caller: Caller, actor: Actor, args: str) -> None:
    """`/arahan_info NOMOR`: the directive, each penugasan's status and its full history."""
    if not args.strip():
        raise InputTidakValid(env.texts("arahan_info.format"))
    arahan = await _arahan(uow, env, args.split()[0])
    if not await may_read(uow, actor, arahan):
        raise Ditolak(env.texts("arahan.nomor_tidak_ada", nomor=arahan.nomor))
    await reply_lines(uow, caller, await history_lines(uow, env, arahan))


async def history_lines(uow: UnitOfWork, env: Env, arahan: Arahan) -> list[str]:
    """The directive's header, each penugasan, then every event in time order."""
    rakor = await uow.session.get(Rakor, arahan.rakor_id) if arahan.rakor_id else None
    rows = (
        await uow.session.execute(
            select(Penugasan, Opd)
            .join(Opd, Opd.id == Penugasan.opd_id)
            .where(Penugasan.arahan_id == arahan.id)
            .order_by(Penugasan.urutan)
        )
    ).all()
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
            rakor=escape(rakor.judul) if rakor else "-",
        )
    ]
    if arahan.cancel_reason:
        lines.append(env.texts("arahan_info.alasan_batal", alasan=escape(arahan.cancel_reason)))
    lines.append(env.texts("arahan_info.penugasan"))
    opd_of: dict[int, str] = {}
    for tugas, opd in rows:
        opd_of[tugas.id] = opd.kode
        role = env.texts(f"kedudukan.{tugas.kedudukan}")
        waiting = env.texts("arahan_info.usul_tidak_dapat") if tugas.pending else ""
        lines.append(
            env.texts(
                "arahan_info.butir",
                opd=escape(opd.kode),
                kedudukan=role,
                status=env.texts(f"status.{tugas.status}"),
                persen=tugas.progress,
                usul=waiting,
            )
        )
    lines.append(env.texts("arahan_info.riwayat"))
    lines.extend(await _events(uow, env, arahan, opd_of))
    return lines


async def _events(uow: UnitOfWork, env: Env, arahan: Arahan, opd_of: dict[int, str]) -> list[str]:
    reports = (
        await uow.session.execute(
            select(Laporan, Member.nama)
            .outerjoin(Member, Member.id == Laporan.member_id)
            .where(Laporan.penugasan_id.in_(list(opd_of) or [0]))
            .order_by(Laporan.id)
        )
    ).all()
    evidence: dict[int, int] = {
        int(k): int(v)
        for k, v in (
            await uow.session.execute(
                select(Bukti.laporan_id, func.count(Bukti.id))
                .join(Laporan, Laporan.id == Bukti.laporan_id)
                .where(Laporan.penugasan_id.in_(list(opd_of) or [0]))
                .group_by(Bukti.laporan_id)
            )
        ).all()
    }
    changes = (
        await uow.session.scalars(
            select(AuditLog).where(AuditLog.subject == f"arahan:{arahan.id}").order_by(AuditLog.id)
        )
    ).all()
    events: list[tuple[datetime, str]] = []
    if arahan.published_at:
        events.append(
            (
                arahan.published_at,
                env.texts("riwayat.terbit", waktu=env.format_datetime(arahan.published_at)),
            )
        )
    for laporan, nama in reports:
        events.append(
            (
                laporan.created_at,
                _report_line(env, laporan, nama, opd_of, evidence.get(laporan.id, 0)),
            )
        )
    for change in changes:
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
                ),
            )
        )
    steps = (
        await uow.session.scalars(
            select(Escalation)
            .where(Escalation.penugasan_id.in_(list(opd_of) or [0]))
            .order_by(Escalation.id)
        )
    ).all()
    for step in steps:
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


def _report_line(
    env: Env, laporan: Laporan, nama: str | None, opd_of: dict[int, str], evidence: int
) -> str:
    parts = [
        env.texts(
            "riwayat.laporan",
            waktu=env.format_datetime(laporan.created_at),
            opd=escape(opd_of.get(laporan.penugasan_id, "-")),
            nama=escape(nama or "-"),
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
    if evidence:
        parts.append(env.texts("riwayat.bukti", jumlah=evidence))
    if laporan.corrects_id:
        parts.append(env.texts("riwayat.koreksi"))
    line = " · ".join(parts)
    if laporan.withdrawn_at:
        line = f"<s>{line}</s> " + env.texts("riwayat.ditarik")
    return line


def _split_date(words: list[str], today: date) -> tuple[date, str]:
    """The longest leading words that read as a date, and the rest (the reason)."""
    for size in (4, 3, 2, 1):
        if len(words) < size:
            continue
        try:
            return parse_tanggal(" ".join(words[:size]), today), " ".join(words[size:])
        except TanggalTidakValid:
            continue
    return parse_tanggal(words[0] if words else "", today), " ".join(words[1:])


async def change_deadline(
    uow: UnitOfWork, env: Env, caller: Caller, actor: Actor, args: str
) -> None:
    """`/tenggat NOMOR tanggal alasan`: a new deadline, with the reason, announced."""
    words = args.split()
    if len(words) < 3:
        raise InputTidakValid(env.texts("tenggat.format"))
    arahan = await _open_arahan(uow, env, words[0])
    new, reason = _split_date(words[1:], env.today())
    reason = reason.strip()
    if not reason or len(reason) > MAX_REASON:
        raise InputTidakValid(env.texts("tenggat.perlu_alasan", maks=MAX_REASON))
    if new < env.today():
        raise InputTidakValid(env.texts("arahan.tenggat_lewat", tanggal=env.format_date(new)))
    old = arahan.tenggat
    arahan.tenggat = new
    await audit(
        uow,
        caller.telegram_id,
        "tenggat",
        f"arahan:{arahan.id}",
        dari=env.format_date(old),
        ke=env.format_date(new),
        alasan=reason,
    )
    text = env.texts(
        "tenggat.pengumuman",
        nomor=arahan.nomor,
        dari=env.format_date(old),
        ke=env.format_date(new),
        alasan=escape(reason),
    )
    count = await _announce(uow, env, arahan, text, uow.once_key(f"tenggat:{arahan.id}"))
    await reply_lines(
        uow,
        caller,
        [
            env.texts.count(
                "tenggat.selesai", count, nomor=arahan.nomor, ke=env.format_date(new), jumlah=count
            )
        ],
    )


async def cancel(uow: UnitOfWork, env: Env, caller: Caller, actor: Actor, args: str) -> None:
    """`/batal NOMOR alasan`: the directive is cancelled; reports on it are refused."""
    nomor_text, _, reason = args.strip().partition(" ")
    reason = " ".join(reason.split())
    if not nomor_text or not reason or len(reason) > MAX_REASON:
        raise InputTidakValid(env.texts("batal.format", maks=MAX_REASON))
    arahan = await _open_arahan(uow, env, nomor_text)
    arahan.status = ArahanState.DIBATALKAN
    arahan.cancel_reason = reason
    await audit(uow, caller.telegram_id, "batal", f"arahan:{arahan.id}", alasan=reason)
    text = env.texts(
        "batal.pengumuman",
        nomor=arahan.nomor,
        alasan=escape(reason),
        teks=escape(arahan.teks[:300]),
    )
    count = await _announce(uow, env, arahan, text, f"batal:{arahan.id}")
    await reply_lines(
        uow, caller, [env.texts.count("batal.selesai", count, nomor=arahan.nomor, jumlah=count)]
    )


async def _open_arahan(uow: UnitOfWork, env: Env, nomor_text: str) -> Arahan:
    arahan = await _arahan(uow, env, nomor_text)
    if arahan.status == ArahanState.DIBATALKAN:
        raise InputTidakValid(
            env.texts(
                "penugasan.ditutup", nomor=arahan.nomor, status=env.texts("status.dibatalkan")
            )
        )
    return arahan


async def _announce(uow: UnitOfWork, env: Env, arahan: Arahan, text: str, key: str) -> int:
    """Tell every member of every assigned OPD privately, each OPD's group and the Rakor
    group."""
    count = 0
    for recipient in (await audience.of_directive(uow, arahan)).all():
        await send(uow, key, recipient, View(text), arahan_id=arahan.id)
        count += 1
    return count
