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
from storage.repo import insert_all_or_ignore, inserted_keys

log = logging.getLogger(__name__)
REUSE_AFTER = timedelta(days=7)


class Inbox:
    """Stores, marks and replays updates."""

    def __init__(self, db: Database, clock: Clock) -> None:
        self.db = db
        self.clock = clock
        # what storing answered for updates stored on their way in (a poll's updates, or
        # InboxQueue.put) and not handled yet: the pipeline takes it instead of writing the
        # update a second time
        self._stored: dict[int, int | None] = {}

    def holds(self, update_id: int) -> bool:
        """Whether the update was stored on its way in and waits for the pipeline."""
        return update_id in self._stored

    async def store_polled(self, payloads: list[dict[str, Any]]) -> None:
        """Store the raw updates of one poll, in one transaction, and keep the answers for
        the pipeline."""
        self._stored.update(await self.store_all(payloads))

    async def store_incoming(self, upd: Update) -> None:
        """Store an update as it arrives (before Telegram is told it was received) and keep
        the answer for the pipeline."""
        self._stored[upd.update_id] = await self.store(upd)

    async def store_once(self, upd: Update) -> int | None:
        """Like :meth:`store`, but an update already stored on its way in is not written
        again: what that store answered is used."""
        if upd.update_id in self._stored:
            return self._stored.pop(upd.update_id)
        return await self.store(upd)

    async def store(self, upd: Update) -> int | None:
        """Keep the raw update; if it still needs handling (new, or left by a crash) returns
        when it was first stored (epoch seconds), else None."""
        payload: dict[str, Any] = json.loads(upd.to_json())
        return (await self.store_all([payload]))[upd.update_id]

    async def store_all(self, payloads: list[dict[str, Any]]) -> dict[int, int | None]:
        """Keep raw updates in one transaction; for each update id, when it was first stored
        (epoch seconds) if it still needs handling (new, or left by a crash), else None.

        One statement in the usual case (every update new); an update seen before is looked
        up, and one seen more than a week ago and handled is a new update with a reused id."""
        by_id = {int(p["update_id"]): p for p in payloads}
        async with self.db.unit(self.clock.now()) as uow:
            rows = [
                {"update_id": uid, "payload": p, "received_at": uow.now} for uid, p in by_id.items()
            ]
            new = set(await inserted_keys(uow.session, InboxUpdate, rows, unique=["update_id"]))
            answers: dict[int, int | None] = dict.fromkeys(new, int(uow.now.timestamp()))
            seen = [uid for uid in by_id if uid not in new]
            if seen:
                found = await uow.session.execute(
                    select(
                        InboxUpdate.update_id, InboxUpdate.handled_at, InboxUpdate.received_at
                    ).where(InboxUpdate.update_id.in_(seen))
                )
                reused = []
                for uid, handled_at, received_at in found.all():
                    if handled_at is not None and received_at < uow.now - REUSE_AFTER:
                        # Telegram picks update ids at random after a week without updates:
                        # an id seen that long ago is a new update, not a redelivery
                        reused.append(uid)
                        answers[uid] = int(uow.now.timestamp())
                    elif handled_at is None:  # stored, never handled: left by a crash
                        answers[uid] = int(received_at.timestamp())
                    else:
                        answers[uid] = None
                if reused:
                    await uow.session.execute(
                        delete(InboxUpdate).where(InboxUpdate.update_id.in_(reused))
                    )
                    await insert_all_or_ignore(
                        uow.session,
                        InboxUpdate,
                        [r for r in rows if r["update_id"] in reused],
                        unique=["update_id"],
                    )
            await uow.session.commit()
        return answers

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
            if not self.inbox.holds(item.update_id):  # a poll's updates are stored already
                await self.inbox.store_incoming(item)
        await super().put(item)
