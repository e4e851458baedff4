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

_TAG = re.compile(r"<[^>]+>")


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
    for admin in await repo.active_admins(uow.session, env.settings.ADMIN_IDS):
        if admin.id == member.id:
            continue
        await enqueue(
            uow,
            f"tidak_terjangkau:{member.id}:arahan {nomor}:admin {admin.id}",
            "sendMessage",
            admin.telegram_id,
            message_payload(admin.telegram_id, text),
            member_id=admin.id,
        )


async def tell_admins_unknown(uow: UnitOfWork, env: Env, rows: list[OutboxMessage]) -> None:
    """The admins' delivery report: messages whose fate is unknown (the connection broke after
    they went out). They are not re-sent, so nobody gets them twice; the admin checks."""
    admins = await repo.active_admins(uow.session, env.settings.ADMIN_IDS)
    for row in rows:
        member = await uow.session.get(Member, row.member_id) if row.member_id else None
        group = (
            await uow.session.scalars(select(Group).where(Group.chat_id == row.chat_id))
        ).first()
        who = escape(member.nama) if member else escape(group.title) if group else str(row.chat_id)
        text = html.unescape(_TAG.sub("", str(row.payload.get("text", ""))))
        summary = escape(text[:120] + ("…" if len(text) > 120 else ""))
        notice = env.texts(
            "tidak_pasti.admin",
            penerima=who,
            ringkas=summary,
            waktu=env.format_datetime(row.started_at or uow.now),
        )
        for admin in admins:
            await enqueue(
                uow,
                f"tidak_pasti:{row.id}:admin {admin.id}",
                "sendMessage",
                admin.telegram_id,
                message_payload(admin.telegram_id, notice),
                member_id=admin.id,
            )
