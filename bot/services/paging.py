"""Long answers split into messages that fit Telegram's 4096-character limit."""

from __future__ import annotations

from bot.caller import Caller
from bot.outbox import reply
from storage.db import UnitOfWork

LIMIT = 3900


def pack_lines(lines: list[str], limit: int = LIMIT) -> list[str]:
    """Join lines into as few texts as possible, each at most ``limit`` characters.

    A single line longer than the limit is cut (lines are built from bounded inputs, so this
    only guards against surprises). HTML tags never span lines, so each page stays valid.
    """
    pages: list[str] = []
    current = ""
    for line in lines:
        line = line[:limit]
        candidate = f"{current}\n{line}" if current else line
        if len(candidate) > limit:
            pages.append(current)
            current = line
        else:
            current = candidate
    if current:
        pages.append(current)
    return pages


async def reply_lines(uow: UnitOfWork, caller: Caller, lines: list[str]) -> None:
    """Answer with ``lines``, in as many messages as needed."""
    for page in pack_lines(lines):
        await reply(uow, caller, page)
