"""What the bot does when Telegram refuses to deliver: one report to the admins per push (or
per hour of a long one) naming what may not have arrived and who cannot be reached."""

from __future__ import annotations

import html
import re
from html import escape

from sqlalchemy import select

from bot.env import Env
from bot.messaging.outbox import enqueue, message_payload
from bot.messaging.sender import UNREACHABLE
from storage import repo
from storage.db import UnitOfWork
from storage.models import Group, Member, Opd, OutboxMessage
from storage.states import OutboxPrioritas, OutboxState

_TAG = re.compile(r"<[^>]+>")
# the summary stays one short Telegram message however many messages it names
SUMMARY_LINES = 20
SUMMARY_CHARS = 60


async def tell_admins_unknown(uow: UnitOfWork, env: Env, rows: list[OutboxMessage]) -> None:
    """The admins' delivery report, one message per admin for all of ``rows`` (one push, or
    an hour of a long one): messages whose fate is unknown (the connection broke after they
    went out, or the process stopped during the call; not re-sent, so nobody gets them twice),
    messages given up after Telegram refused them again and again, and the members Telegram
    would not let the bot reach privately (never pressed Start, or blocked the bot), each
    named once. The admin checks."""
    if not rows:
        return
    unknown = [row for row in rows if row.state == OutboxState.TIDAK_PASTI]
    unreachable = [row for row in rows if unreachable_row(row)]
    given_up = [row for row in rows if row not in unknown and row not in unreachable]
    parts = [env.texts("laporan_kirim.judul")]
    room = SUMMARY_LINES
    if unknown:
        n = len(unknown)
        parts.append(env.texts.count("laporan_kirim.tidak_pasti", n, jumlah=n))
        room = await _lines(uow, env, parts, unknown, room)
    if given_up:
        n = len(given_up)
        parts.append(env.texts.count("laporan_kirim.gagal", n, jumlah=n))
        room = await _lines(uow, env, parts, given_up, room)
    members = await _members(uow, unreachable)
    if members:
        n, shown = len(members), max(room, 5)
        parts.append(env.texts.count("laporan_kirim.tak_terjangkau", n, jumlah=n))
        parts += [await _member_line(uow, env, member) for member in members[:shown]]
        if n > shown:
            parts.append(
                env.texts.count("laporan_kirim.anggota_lainnya", n - shown, jumlah=n - shown)
            )
        parts.append(env.texts("laporan_kirim.minta_start", bot=env.bot_username))
    notice = "\n".join(parts)
    await _to_admins(uow, env, f"laporan_kirim:{rows[0].id}", notice)


def unreachable_row(row: OutboxMessage) -> bool:
    """A private message Telegram refused with 403: the member cannot be reached."""
    return (
        row.state == OutboxState.GAGAL
        and row.member_id is not None
        and row.chat_id > 0
        and (row.error or "").startswith(UNREACHABLE)
    )


async def _lines(
    uow: UnitOfWork, env: Env, parts: list[str], rows: list[OutboxMessage], room: int
) -> int:
    """Up to ``room`` lines naming ``rows`` (then "… and N more"); the room left."""
    parts += [await _line(uow, env, row) for row in rows[:room]]
    if len(rows) > room:
        rest = len(rows) - room
        parts.append(env.texts.count("laporan_kirim.lainnya", rest, jumlah=rest))
    return max(room - len(rows), 0)


async def _members(uow: UnitOfWork, rows: list[OutboxMessage]) -> list[Member]:
    """The members of ``rows``, each once, in the order of their first row."""
    ids = list(dict.fromkeys(row.member_id for row in rows if row.member_id is not None))
    if not ids:
        return []
    found = {m.id: m for m in await uow.session.scalars(select(Member).where(Member.id.in_(ids)))}
    return [found[i] for i in ids if i in found]


async def _member_line(uow: UnitOfWork, env: Env, member: Member) -> str:
    """• Name (role and OPD), escaped."""
    role = env.texts(f"peran.{member.peran}")
    if member.opd_id is not None:
        opd = await uow.session.get(Opd, member.opd_id)
        if opd is not None:
            role = f"{role} {escape(opd.kode)}"
    return env.texts("laporan_kirim.anggota", nama=escape(member.nama), peran=role)


async def _to_admins(uow: UnitOfWork, env: Env, key: str, text: str) -> None:
    """Queue ``text`` to every active admin, each under
    ``{key}:admin {id}``."""
    for admin in await repo.active_admins(uow.session, env.settings.ADMIN_IDS):
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
