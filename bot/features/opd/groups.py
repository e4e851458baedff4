"""Groups: registering a Telegram group for an OPD, or as the Rakor group."""

from __future__ import annotations

from html import escape

from sqlalchemy import delete

from bot.domain.errors import InputTidakValid
from bot.env import Env
from bot.features.people.access import Actor
from bot.messaging.caller import Caller
from bot.messaging.outbox import reply
from storage import repo
from storage.audit import audit
from storage.db import UnitOfWork
from storage.models import Group


async def register_group(
    uow: UnitOfWork, env: Env, caller: Caller, actor: Actor, args: str
) -> None:
    """`/grup KODE_OPD` or `/grup rakor`, by an admin inside the group."""
    if caller.in_private:
        raise InputTidakValid(env.texts("grup.hanya_grup"))
    word = args.strip()
    if not word or len(word.split()) != 1:
        raise InputTidakValid(env.texts("grup.format"))
    title = (caller.chat_title or str(caller.chat_id))[:255]
    await uow.session.execute(delete(Group).where(Group.chat_id == caller.chat_id))
    if word.lower() == "rakor":
        await uow.session.execute(delete(Group).where(Group.jenis == "rakor"))
        uow.session.add(
            Group(chat_id=caller.chat_id, title=title, jenis="rakor", registered_at=uow.now)
        )
        text = env.texts("grup.rakor")
    else:
        opd = await repo.opd_by_kode(uow.session, word[:20])
        if opd is None:
            raise InputTidakValid(env.texts("opd.tidak_ada", kode=escape(word[:20])))
        await uow.session.execute(delete(Group).where(Group.jenis == "opd", Group.opd_id == opd.id))
        uow.session.add(
            Group(
                chat_id=caller.chat_id,
                title=title,
                jenis="opd",
                opd_id=opd.id,
                registered_at=uow.now,
            )
        )
        text = env.texts("grup.opd", kode=escape(opd.kode), nama=escape(opd.nama))
    await audit(uow, caller.telegram_id, "grup", f"chat:{caller.chat_id}", jenis=word)
    await reply(uow, caller, text)
