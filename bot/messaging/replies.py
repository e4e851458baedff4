"""Plain answers that change nothing: refusals and error notices, through the outbox."""

from __future__ import annotations

from bot.env import Env
from bot.messaging.caller import Caller
from bot.messaging.paging import reply_lines
from storage.db import current_update


async def tell(env: Env, caller: Caller, text: str, outcome: str = "ditolak") -> None:
    """Answer the caller with ``text`` and mark the update handled with ``outcome``."""
    handling = current_update.get()
    if handling is not None:
        handling.outcome = outcome
    async with env.db.unit(env.now()) as uow:
        await reply_lines(uow, caller, text.split("\n"))
        await uow.commit()
