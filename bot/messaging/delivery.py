"""What the bot does when Telegram refuses to deliver: it tells the admins who is unreachable."""

from __future__ import annotations

import html
import re
from html import escape

from sqlalchemy import select

from bot.env import Env
from bot.messaging.outbox import enqueue, message_payload
from storage import repo
from storage.db import UnitOfWork
from storage.models import Arahan, Group, Member, Opd, OutboxMessage
from storage.states import OutboxPrioritas, OutboxState

_TAG = re.compile(r"<[^>]+>")
# the summary stays one short Telegram message however many messages it names
SUMMARY_LINES = 20
SUMMARY_CHARS = 60


async def tell_admins_unreachable(
    uow: UnitOfWork, env: Env, member_id: int, arahan_id: int | None
) -> None:
    """Queue one notice per admin that ``member_id`` cannot be messaged privately."""
    member = await uow.session.get(Member, member_id)
    if member is None:
        return
    role = env.texts(f"peran.{member.peran}")
    if member.opd_id is not None:
        opd = await uow.session.get(Opd, member.opd_id)
        if opd is not None:
            role = f"{role} {escape(opd.kode)}"
    about = ""
    nomor = f"umum {uow.now.date().isoformat()}"
    if arahan_id is not None:
        arahan = await uow.session.get(Arahan, arahan_id)
        if arahan is not None:
            about = env.texts("tidak_terjangkau.arahan", nomor=arahan.nomor)
            nomor = str(arahan.nomor)
    text = env.texts(
        "tidak_terjangkau.admin",
        nama=escape(member.nama),
        peran=role,
        arahan=about,
        bot=env.bot_username,
    )
    await _to_admins(uow, env, f"tidak_terjangkau:{member.id}:arahan {nomor}", text, member.id)


async def tell_admins_unknown(uow: UnitOfWork, env: Env, rows: list[OutboxMessage]) -> None:
    """The admins' delivery report, one message per admin for all of ``rows`` (one push, or
    an hour of a long one): messages whose fate is unknown (the connection broke after they
    went out, or the process stopped during the call; not re-sent, so nobody gets them twice)
    and messages given up after Telegram refused them again and again. The admin checks."""
    if not rows:
        return
    unknown = [row for row in rows if row.state == OutboxState.TIDAK_PASTI]
    given_up = [row for row in rows if row.state != OutboxState.TIDAK_PASTI]
    parts = [env.texts("laporan_kirim.judul")]
    shown = 0
    if unknown:
        n = len(unknown)
        parts.append(env.texts.count("laporan_kirim.tidak_pasti", n, jumlah=n))
        parts += [await _line(uow, env, row) for row in unknown[:SUMMARY_LINES]]
        shown += min(n, SUMMARY_LINES)
    if given_up:
        n = len(given_up)
        parts.append(env.texts.count("laporan_kirim.gagal", n, jumlah=n))
        parts += [await _line(uow, env, row) for row in given_up[: SUMMARY_LINES - shown]]
        shown += min(n, SUMMARY_LINES - shown)
    if shown < len(rows):
        rest = len(rows) - shown
        parts.append(env.texts.count("laporan_kirim.lainnya", rest, jumlah=rest))
    notice = "\n".join(parts)
    await _to_admins(uow, env, f"laporan_kirim:{rows[0].id}", notice)


async def _to_admins(
    uow: UnitOfWork, env: Env, key: str, text: str, about: int | None = None
) -> None:
    """Queue ``text`` to every active admin (except the member it is ``about``), each under
    ``{key}:admin {id}``."""
    for admin in await repo.active_admins(uow.session, env.settings.ADMIN_IDS):
        if admin.id == about:
            continue
        await enqueue(
            uow,
            f"{key}:admin {admin.id}",
            "sendMessage",
            admin.telegram_id,
            message_payload(admin.telegram_id, text),
            member_id=admin.id,
            prioritas=OutboxPrioritas.SIARAN,
        )


async def _line(uow: UnitOfWork, env: Env, row: OutboxMessage) -> str:
    """One message of the summary: to whom, when, and how it began (all escaped)."""
    member = await uow.session.get(Member, row.member_id) if row.member_id else None
    group = (await uow.session.scalars(select(Group).where(Group.chat_id == row.chat_id))).first()
    who = escape(member.nama) if member else escape(group.title) if group else str(row.chat_id)
    text = html.unescape(_TAG.sub("", str(row.payload.get("text", row.payload.get("caption", "")))))
    text = " ".join(text.split())
    summary = escape(text[:SUMMARY_CHARS] + ("…" if len(text) > SUMMARY_CHARS else ""))
    moment = (row.started_at or row.created_at).astimezone(env.settings.zona)
    return env.texts(
        "laporan_kirim.baris", penerima=who, waktu=f"{moment:%d/%m %H.%M}", ringkas=summary
    )
