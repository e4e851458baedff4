"""Files sent for import: which import they are for (caption command or the awaited file),
waiting for one, and reading an imported directive table into a draft request."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from sqlalchemy import select

from bot.domain.arahan_rows import validate_arahan
from bot.domain.errors import InputTidakValid
from bot.domain.roles import may_use
from bot.domain.tables import read_table
from bot.env import Env
from bot.features.directives.drafts import BarisArahan, TulisArahan
from bot.features.opd.service import clear_awaited_file
from bot.features.people.access import load_actor
from bot.messaging.caller import Caller
from bot.texts import Teks
from storage.db import UnitOfWork
from storage.models import AwaitedInput
from storage.states import Awaited

IMPORTS = (Awaited.OPD_IMPOR, Awaited.ARAHAN_IMPOR)
COLUMNS = ("opd", "tenggat", "arahan")
"""The columns a directive table file must have (in any order; `prioritas` is optional)."""
Fetch = Callable[[], bytes]


async def await_file(uow: UnitOfWork, caller: Caller, kind: Awaited) -> None:
    """`/opd_impor` or `/arahan_impor` without a file, in a private chat: the caller's next
    file here is for that import (anything else awaited from them here is dropped)."""
    if not caller.in_private:
        raise InputTidakValid(Teks("hanya_pribadi"))
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


def read_arahan_file(data: bytes, file_name: str, today: date) -> TulisArahan:
    """A directive table (`opd,tenggat,arahan[,prioritas]`, CSV or XLSX) read row by row, each
    row with its own mistakes (a table that cannot be read is refused)."""
    rows = read_table(data, file_name, COLUMNS)
    return TulisArahan(
        tuple(
            BarisArahan.dari(
                row.line,
                validate_arahan(
                    row.cells["opd"],
                    row.cells["tenggat"],
                    row.cells["arahan"],
                    row.cells.get("prioritas", ""),
                    today,
                ),
            )
            for row in rows
        )
    )
