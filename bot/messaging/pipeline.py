"""The update pipeline: one update, one unit of work.

For every update the pipeline stores it in the inbox (if it is not there yet), downloads a
table file it carries (before the unit: a download must not hold SQLite's write lock), opens
ONE unit of work, lets the handlers do their work in it, and commits their effects, their
outbox rows and the inbox mark together, once. Work that must wait for that commit (answering
a button press) runs after it. If the commit fails, nothing of the update is kept but the
inbox row, and the update is replayed at the next start.

Handlers reach the unit through their context (``context.turn``), never through a global.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from sqlalchemy import update as sql_update
from telegram import Bot, Update
from telegram.error import TelegramError
from telegram.ext import CallbackContext, ExtBot

from bot.domain.tables import MAX_BYTES, TABLE_SUFFIXES
from storage.db import UnitOfWork, UpdateAlreadyHandled
from storage.models import InboxUpdate

if TYPE_CHECKING:
    from telegram.ext import Application

log = logging.getLogger(__name__)
AfterCommit = Callable[[], Awaitable[None]]


@dataclass
class Download:
    """A table file fetched before the unit opened: its bytes, or why it could not be."""

    data: bytes | None = None
    error: Exception | None = None

    def bytes(self) -> bytes:
        """The file, or the download's failure raised again where the file is needed."""
        if self.error is not None:
            raise self.error
        assert self.data is not None
        return self.data


@dataclass
class Turn:
    """One update being handled: its unit of work and what the handling has decided."""

    uow: UnitOfWork
    download: Download | None = None
    outcome: str = "ditangani"
    after_commit: list[AfterCommit] = field(default_factory=list)

    def later(self, action: AfterCommit) -> None:
        """Run ``action`` once the update's effects are committed (never if they are not)."""
        self.after_commit.append(action)

    async def refused(self, outcome: str = "ditolak", *, keep: bool = False) -> None:
        """The user's request was refused: drop what it wrote (unless ``keep``)."""
        self.outcome = outcome
        if not keep:
            await self.uow.rollback()

    async def failed(self) -> None:
        """Handling failed unexpectedly: drop what it wrote; the update is marked ``galat``."""
        self.outcome = "galat"
        try:
            await self.uow.rollback()
        except Exception:  # the connection itself may be gone; the commit will tell
            log.exception("rollback setelah galat gagal")


class BotContext(CallbackContext[ExtBot[None], dict[Any, Any], dict[Any, Any], dict[Any, Any]]):
    """PTB's callback context with the turn of the update being handled."""

    turn: Turn

    @classmethod
    def from_update(
        cls, update: object, application: Application[Any, Any, Any, Any, Any, Any]
    ) -> BotContext:
        """The context for ``update``, carrying the turn the pipeline opened for it."""
        context = super().from_update(update, application)
        turns: dict[int, Turn] = getattr(application, "turns", {})
        turn = turns.get(id(update))
        if turn is not None:
            context.turn = turn
        return context


def table_document(update: Update) -> tuple[str, int | None] | None:
    """The file id and size of a table file (CSV/XLSX) the update carries, if any."""
    message = update.effective_message
    document = message.document if message is not None else None
    if document is None or not (document.file_name or "").lower().endswith(TABLE_SUFFIXES):
        return None
    if document.file_size is not None and document.file_size > MAX_BYTES:
        return None
    return document.file_id, document.file_size


Wanted = Callable[[int, int, str], Awaitable[bool]]


async def prefetch(bot: Bot, update: Update, wanted: Wanted) -> Download | None:
    """Download a table file before the unit opens, if ``wanted(user id, chat id, caption)``
    says it is for an import its sender may run; a failure is kept for the import to report
    (nothing else is downloaded: evidence is stored by file id)."""
    found = table_document(update)
    user, chat, message = update.effective_user, update.effective_chat, update.effective_message
    if found is None or user is None or chat is None or message is None:
        return None
    if not await wanted(user.id, chat.id, message.caption or ""):
        return None
    try:
        telegram_file = await bot.get_file(found[0])
        return Download(data=bytes(await telegram_file.download_as_bytearray()))
    except (TelegramError, OSError) as exc:
        log.warning("berkas update %s tidak dapat diunduh: %s", update.update_id, exc)
        return Download(error=exc)


async def mark_handled(uow: UnitOfWork, outcome: str) -> None:
    """Mark the unit's update handled; if another process did first, roll back and say so."""
    assert uow.update is not None
    result = await uow.session.execute(
        sql_update(InboxUpdate)
        .where(InboxUpdate.update_id == uow.update.update_id, InboxUpdate.handled_at.is_(None))
        .values(handled_at=uow.now, outcome=outcome[:200])
    )
    if getattr(result, "rowcount", 1) != 1:
        await uow.session.rollback()
        raise UpdateAlreadyHandled(uow.update.update_id)


async def finish(turn: Turn) -> bool:
    """Commit the turn's effects with the inbox mark, then run what waited for the commit.
    Returns False if nothing was committed (the update stays in the inbox for a replay)."""
    try:
        await mark_handled(turn.uow, turn.outcome)
        await turn.uow.commit()
    except UpdateAlreadyHandled:
        assert turn.uow.update is not None
        log.info(
            "update %s sudah ditangani proses lain; efeknya dibatalkan", turn.uow.update.update_id
        )
        return False
    for action in turn.after_commit:
        try:
            await action()
        except Exception:
            log.exception("tindakan setelah commit gagal")
    return True
