"""Long answers split into messages that fit Telegram's 4096-character limit."""

from __future__ import annotations

import html
import re

from bot.messaging.caller import Caller
from bot.messaging.outbox import reply
from bot.texts import Texts
from storage.db import UnitOfWork

LIMIT = 3900
MAX_LISTED = 100
_TAG = re.compile(r"<[^>]+>")
_PARTIAL_ENTITY = re.compile(r"&[#a-zA-Z0-9]*$")


def capped(lines: list[str], texts: Texts, limit: int = MAX_LISTED) -> list[str]:
    """At most ``limit`` lines of a problem list, then how many more there are."""
    if len(lines) <= limit:
        return lines
    more = len(lines) - limit
    return [*lines[:limit], texts.count("baris_lain", more, jumlah=more)]


def _cut(line: str, limit: int) -> str:
    """A line too long for one message, as plain escaped text cut to fit (never a broken
    tag or entity)."""
    escaped = html.escape(html.unescape(_TAG.sub("", line)), quote=False)
    if len(escaped) <= limit:
        return escaped
    return _PARTIAL_ENTITY.sub("", escaped[: limit - 1]) + "…"


def pack_lines(lines: list[str], limit: int = LIMIT) -> list[str]:
    """Join lines into as few texts as possible, each at most ``limit`` characters.

    A single line longer than the limit is cut (lines are built from bounded inputs, so this
    only guards against surprises). HTML tags never span lines, so each page stays valid.
    """
    pages: list[str] = []
    current = ""
    for line in lines:
        if len(line) > limit:
            line = _cut(line, limit)
        candidate = f"{current}\n{line}" if current else line
        if len(candidate) > limit:
            if current:
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
