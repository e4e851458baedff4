"""Plain answers that change nothing: refusals and error notices, through the outbox."""

from __future__ import annotations

from bot.messaging.caller import Caller
from bot.messaging.paging import reply_lines
from storage.db import UnitOfWork


async def tell(uow: UnitOfWork, caller: Caller, text: str) -> None:
    """Answer the caller with ``text`` (in as many messages as it needs)."""
    await reply_lines(uow, caller, text.split("\n"))
