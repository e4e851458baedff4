"""Acting officials and leave: /plh (admin), /cuti (the admin; a member for themself)."""

from __future__ import annotations

from telegram.ext import BaseHandler

from bot.domain.errors import InputTidakValid
from bot.env import Env
from bot.features.acting import service, views
from bot.features.acting.service import (
    SELESAI,
    AkhiriCuti,
    AkhiriPlh,
    CatatCuti,
    TetapkanPlh,
)
from bot.features.people.access import Actor
from bot.messaging import audience
from bot.messaging.caller import Caller
from bot.messaging.outbox import send
from bot.texts import Teks
from handlers.common import answer, command
from storage.db import UnitOfWork


def read_plh(args: str) -> TetapkanPlh | AkhiriPlh | None:
    """`KODE_OPD USER_ID dari sampai`, `selesai KODE_OPD`, or nothing (the list)."""
    words = args.split()
    if not words:
        return None
    if words[0].lower() == SELESAI:
        if len(words) != 2:
            raise InputTidakValid(Teks("plh.format"))
        return AkhiriPlh(words[1])
    if len(words) < 4:
        raise InputTidakValid(Teks("plh.format"))
    return TetapkanPlh(words[0], words[1], words[2:])


def read_cuti(args: str) -> CatatCuti | AkhiriCuti | None:
    """`[USER_ID] dari sampai [keterangan]`, `selesai [USER_ID]`, or nothing (the list)."""
    words = args.split()
    if not words:
        return None
    if words[0].lower() == SELESAI:
        if len(words) > 2:
            raise InputTidakValid(Teks("cuti.format"))
        return AkhiriCuti(words[1] if len(words) == 2 else None)
    return CatatCuti(words)


async def _plh(uow: UnitOfWork, env: Env, caller: Caller, actor: Actor, args: str) -> None:
    request = read_plh(args)
    if request is None:
        for page in views.plh_list(env, await service.list_plh(uow, env)):
            await answer(uow, caller, page)
    elif isinstance(request, AkhiriPlh):
        ended = await service.end_plh(uow, env, actor, request)
        key = uow.once_key("plh:selesai")
        for tercatat in ended.diakhiri:
            if tercatat.anggota.telegram_id != caller.telegram_id:
                to = audience.member(tercatat.anggota)
                await send(
                    uow, f"{key}:{tercatat.plh.id}", to, views.plh_ended_notice(env, tercatat)
                )
        await answer(uow, caller, views.plh_ended(env, ended))
    else:
        baru = await service.set_plh(uow, env, actor, request)
        if baru.tercatat.anggota.telegram_id != caller.telegram_id:
            to = audience.member(baru.tercatat.anggota)
            await send(uow, uow.once_key("plh"), to, views.plh_notice(env, baru))
        await answer(uow, caller, views.plh_set(env, baru))


async def _cuti(uow: UnitOfWork, env: Env, caller: Caller, actor: Actor, args: str) -> None:
    request = read_cuti(args)
    if request is None:
        for page in views.leave_list(env, await service.list_leave(uow, env, actor)):
            await answer(uow, caller, page)
    elif isinstance(request, AkhiriCuti):
        ended = await service.end_leave(uow, env, actor, request)
        if ended.oleh_lain:
            to = audience.member(ended.anggota)
            await send(uow, uow.once_key("cuti:selesai"), to, views.leave_ended_notice(env))
        await answer(uow, caller, views.leave_ended(env, ended))
    else:
        baru = await service.record_leave(uow, env, actor, request)
        if baru.oleh_lain:
            to = audience.member(baru.tercatat.anggota)
            await send(uow, uow.once_key("cuti"), to, views.leave_notice(env, baru))
        await answer(uow, caller, views.leave_recorded(env, baru))


def handlers() -> list[BaseHandler]:  # type: ignore[type-arg]
    """The acting-official and leave handlers."""
    return [command("plh", _plh), command("cuti", _cuti)]
