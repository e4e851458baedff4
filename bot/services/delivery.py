"""What the bot does when Telegram refuses to deliver: it tells the admins who is unreachable."""

from __future__ import annotations

from html import escape

from bot.env import Env
from bot.outbox import enqueue, message_payload
from storage import repo
from storage.db import UnitOfWork
from storage.models import Arahan, Member, Opd


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
    text = env.texts("tidak_terjangkau.admin", nama=escape(member.nama), peran=role,
                     arahan=about, bot=env.bot_username)
    for admin in await repo.active_admins(uow.session, env.settings.ADMIN_IDS):
        if admin.id == member.id:
            continue
        await enqueue(
            uow, f"tidak_terjangkau:{member.id}:arahan {nomor}:admin {admin.id}", "sendMessage",
            admin.telegram_id, message_payload(admin.telegram_id, text), member_id=admin.id)
