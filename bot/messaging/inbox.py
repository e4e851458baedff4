"""The inbox: every update is stored before it is handled and marked handled with its effects.

python-telegram-bot confirms an update to Telegram as soon as it is fetched, so a crash while
handling would lose it. Here the raw update is committed first (unique by update_id); the
update pipeline (``bot.messaging.pipeline``) marks it handled in the same transaction as its
effects; updates left unhandled by a crash are replayed at start.
"""

from __future__ import annotations

import asyncio
import json
import logging
from datetime import timedelta
from typing import Any

from sqlalchemy import delete, select
from telegram import Bot, Update

from bot.clock import Clock
from storage.db import Database
from storage.models import InboxUpdate
from storage.repo import insert_or_ignore

log = logging.getLogger(__name__)
REUSE_AFTER = timedelta(days=7)


class Inbox:
    """Stores, marks and replays updates."""

    def __init__(self, db: Database, clock: Clock) -> None:
        self.db = db
        self.clock = clock
        # what ``store`` answered for updates stored on their way in (InboxQueue.put) and not
        # handled yet: the pipeline takes it instead of writing the update a second time
        self._stored: dict[int, int | None] = {}

    async def store_incoming(self, upd: Update) -> None:
        """Store an update as it arrives (before Telegram is told it was received) and keep
        the answer for the pipeline."""
        self._stored[upd.update_id] = await self.store(upd)

    async def store_once(self, upd: Update) -> int | None:
        """Like :meth:`store`, but an update already stored on its way in (by the queue) is
        not written again: what that store answered is used."""
        if upd.update_id in self._stored:
            return self._stored.pop(upd.update_id)
        return await self.store(upd)

    async def store(self, upd: Update) -> int | None:
        """Keep the raw update; if it still needs handling (new, or left by a crash) returns
        when it was first stored (epoch seconds), else None."""
        payload: dict[str, Any] = json.loads(upd.to_json())
        async with self.db.unit(self.clock.now()) as uow:
            # Telegram picks update ids at random after a week without updates: an id seen
            # that long ago is a new update, not a redelivery
            await uow.session.execute(
                delete(InboxUpdate).where(
                    InboxUpdate.update_id == upd.update_id,
                    InboxUpdate.received_at < uow.now - REUSE_AFTER,
                    InboxUpdate.handled_at.is_not(None),
                )
            )
            values = {"update_id": upd.update_id, "payload": payload, "received_at": uow.now}
            await insert_or_ignore(uow.session, InboxUpdate, values, unique=["update_id"])
            row = (
                await uow.session.execute(
                    select(InboxUpdate.handled_at, InboxUpdate.received_at).where(
                        InboxUpdate.update_id == upd.update_id
                    )
                )
            ).one()
            await uow.session.commit()
        return None if row[0] is not None else int(row[1].timestamp())

    async def unhandled(self, bot: Bot) -> list[Update]:
        """Updates stored but never marked handled, oldest first."""
        async with self.db.unit(self.clock.now()) as uow:
            rows = await uow.session.scalars(
                select(InboxUpdate)
                .where(InboxUpdate.handled_at.is_(None))
                .order_by(InboxUpdate.update_id)
            )
            payloads = [row.payload for row in rows]
        return [Update.de_json(p, bot) for p in payloads]


class InboxQueue(asyncio.Queue[object]):
    """PTB's update queue, storing each update in the inbox as it is put in.

    The webhook handler answers Telegram 200 only after ``put`` returns, and the poller
    confirms an update only after it was put: so an update Telegram considers delivered is
    always already in the inbox, and a crash right after cannot lose it."""

    def __init__(self) -> None:
        super().__init__()
        self.inbox: Inbox | None = None

    async def put(self, item: object) -> None:
        """Store, then queue."""
        if isinstance(item, Update) and self.inbox is not None:
            await self.inbox.store_incoming(item)
        await super().put(item)
