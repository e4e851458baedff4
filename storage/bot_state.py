"""The bot's own persistent values (table ``bot_state``), written once and shared by every
process: each is inserted if missing and then read back, so processes starting at once all
end up with the first writer's value."""

from __future__ import annotations

import secrets
from datetime import datetime

from sqlalchemy import func, select

from storage import repo
from storage.db import UnitOfWork
from storage.models import AuditLog, BotState, Member

CALLBACK_SECRET = "callback_secret"
"""The key that signs button data; random, never derived from the bot token."""
CALLBACK_TOKEN_LAMA = "callback_token_lama"
"""Present when the database predates the stored secret: buttons signed with the key derived
from the (current) token, as before, are still accepted."""
DIBUAT = "dibuat"
"""When the database was first set up (ISO time, UTC): schedules before it never existed."""


def new_callback_secret() -> str:
    """A fresh signing secret (also made by migration 0004)."""
    return secrets.token_hex(32)


async def keep_once(uow: UnitOfWork, key: str, value: str) -> str:
    """The stored value of ``key``, storing ``value`` first if there is none."""
    values = {"key": key, "value": value, "created_at": uow.now}
    await repo.insert_or_ignore(uow.session, BotState, values, unique=["key"])
    stored = await uow.session.scalar(select(BotState.value).where(BotState.key == key))
    assert stored is not None
    return stored


async def callback_secret(uow: UnitOfWork) -> str:
    """The signing secret of this deployment (made now if the database has none yet)."""
    return await keep_once(uow, CALLBACK_SECRET, new_callback_secret())


async def accepts_token_signatures(uow: UnitOfWork) -> bool:
    """Whether buttons from before the stored secret (signed from the token) still count."""
    query = select(BotState.key).where(BotState.key == CALLBACK_TOKEN_LAMA)
    return await uow.session.scalar(query) is not None


async def note_first_set_up(uow: UnitOfWork) -> None:
    """Record, once, that the database is set up now (run at every start)."""
    await keep_once(uow, DIBUAT, uow.now.isoformat())


async def history_starts(uow: UnitOfWork) -> datetime | None:
    """Since when this database has a history, to the minute (schedules have minutes): its
    first start, or the oldest audit record or member for a database that was in use (or
    filled) before that. None before the first start."""
    value = await uow.session.scalar(select(BotState.value).where(BotState.key == DIBUAT))
    if value is None:
        return None
    moments = [datetime.fromisoformat(value)]
    for oldest in (func.min(AuditLog.at), func.min(Member.joined_at)):
        found = await uow.session.scalar(select(oldest))
        if found is not None:
            moments.append(found)
    return min(moments).replace(second=0, microsecond=0)
