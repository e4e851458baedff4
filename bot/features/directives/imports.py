"""Files sent for import: which import they are for (caption command or the awaited file)."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import select

from bot.domain.errors import InputTidakValid
from bot.domain.roles import may_use
from bot.domain.tables import MAX_BYTES, TABLE_SUFFIXES
from bot.env import Env
from bot.features.directives.drafts import draft_from_file
from bot.features.opd.service import clear_awaited_file, import_opds
from bot.features.people.access import load_actor
from bot.messaging.caller import Caller
from bot.messaging.outbox import reply
from storage.db import UnitOfWork
from storage.models import AwaitedInput
from storage.states import Awaited

IMPORTS = (Awaited.OPD_IMPOR, Awaited.ARAHAN_IMPOR)
Fetch = Callable[[], bytes]


async def expect_file(uow: UnitOfWork, env: Env, caller: Caller, kind: str) -> None:
    """`/opd_impor` or `/arahan_impor` without a file: wait for the file in this chat."""
    if not caller.in_private:
        raise InputTidakValid(env.texts("hanya_pribadi"))
    await clear_awaited_file(uow, caller)
    uow.session.add(
        AwaitedInput(
            telegram_id=caller.telegram_id,
            chat_id=caller.chat_id,
            kind=kind,
            ref_id=0,
            created_at=uow.now,
        )
    )
    key = "opd.kirim_berkas" if kind == "opd_impor" else "arahan.kirim_berkas"
    await reply(uow, caller, env.texts(key))


async def import_kind(uow: UnitOfWork, telegram_id: int, chat_id: int, caption: str) -> str | None:
    """Which import a file is for: the command in its caption, else the import this person
    was asked a file for in this chat; None if it is for no import."""
    word = caption.strip().split()[0].lstrip("/").split("@")[0].lower() if caption.strip() else ""
    if word in IMPORTS:
        return word
    kind: str | None = await uow.session.scalar(
        select(AwaitedInput.kind).where(
            AwaitedInput.telegram_id == telegram_id,
            AwaitedInput.chat_id == chat_id,
            AwaitedInput.kind.in_(IMPORTS),
        )
    )
    return kind


async def wants_file(env: Env, telegram_id: int, chat_id: int, caption: str) -> bool:
    """Whether a table file this person sent here is for an import they may run: asked by
    the update pipeline before it opens the update's unit, so that only those files are
    downloaded (and never while the unit holds SQLite's write lock)."""
    async with env.db.unit(env.now()) as uow:
        kind = await import_kind(uow, telegram_id, chat_id, caption)
        if kind is None:
            return False
        actor = await load_actor(uow, env, telegram_id)
        return actor is not None and may_use(actor.peran, kind)


async def receive_file(
    uow: UnitOfWork,
    env: Env,
    caller: Caller,
    kind: str,
    file_name: str,
    size: int | None,
    fetch: Fetch,
) -> None:
    """Import a file sent for the import ``kind`` (`opd_impor` or `arahan_impor`)."""
    if not file_name.lower().endswith(TABLE_SUFFIXES):
        raise InputTidakValid(env.texts("tabel.jenis"))
    if size is not None and size > MAX_BYTES:
        raise InputTidakValid(env.texts("tabel.terlalu_besar"))
    data = fetch()
    if kind == "opd_impor":
        await import_opds(uow, env, caller, data, file_name)
    else:
        await draft_from_file(uow, env, caller, data, file_name)
