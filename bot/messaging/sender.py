"""The sender: delivers outbox rows to Telegram within its limits, once.

It claims due rows (``FOR UPDATE SKIP LOCKED`` on PostgreSQL so two processes never claim the
same row), paces calls (about 30/s overall, 1/s per private chat, 20/min per group), records the
sent message id and the message → directive link, and sorts failures:
403 → member not reachable, never retried; group migrated → follow the new id; 429 → wait
``retry_after``; 5xx and connection errors → retry with backoff; a timeout after the request
went out → ``tidak_pasti`` (unknown), never blindly re-sent.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

import httpx
from sqlalchemy import or_, select, update
from telegram import Bot, Message
from telegram.error import (
    BadRequest,
    ChatMigrated,
    Forbidden,
    NetworkError,
    RetryAfter,
    TelegramError,
    TimedOut,
)

from bot.clock import Clock
from storage.db import Database, UnitOfWork
from storage.models import Group, Member, MessageLink, OutboxMessage
from storage.states import OutboxState

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 8
CLAIM_BATCH = 50
SENDING_METHODS = frozenset({"sendMessage", "sendPhoto", "sendDocument"})

Sleep = Callable[[float], Awaitable[None]]
OnUnreachable = Callable[[UnitOfWork, int, int | None], Awaitable[None]]
OnUnknown = Callable[[UnitOfWork, list[OutboxMessage]], Awaitable[None]]


@dataclass
class Limits:
    """Telegram's sending limits, as intervals between calls."""

    # Telegram allows about 30/s; a little below keeps jitter on the way from causing 429s
    overall_per_second: float = 28.0
    private_interval: float = 1.0
    group_interval: float = 3.0


@dataclass
class SendReport:
    """What one pass of the sender did."""

    sent: int = 0
    failed: int = 0
    retried: int = 0
    unknown: int = 0
    unreachable_members: list[int] = field(default_factory=list)


def _never_sent(exc: BaseException) -> bool:
    """True when the request certainly did not reach Telegram (no connection was made)."""
    cause = exc.__cause__
    return isinstance(cause, httpx.ConnectError | httpx.ConnectTimeout | httpx.PoolTimeout)


def _maybe_delivered(exc: BaseException) -> bool:
    """True when the request went out and the answer was lost: Telegram may have acted."""
    cause = exc.__cause__
    return isinstance(cause, httpx.ReadError | httpx.RemoteProtocolError | httpx.ReadTimeout)


class Sender:
    """Claims due outbox rows and makes their Bot API calls."""

    def __init__(
        self,
        db: Database,
        bot: Bot,
        clock: Clock,
        *,
        limits: Limits | None = None,
        sleep: Sleep = asyncio.sleep,
        on_unreachable: OnUnreachable | None = None,
        on_unknown: OnUnknown | None = None,
        in_flight: int = 4,
    ) -> None:
        self.db = db
        self.bot = bot
        self.clock = clock
        self.limits = limits or Limits()
        self.sleep = sleep
        self.on_unreachable = on_unreachable
        self.on_unknown = on_unknown
        self.in_flight = max(1, in_flight)
        self._last_call: datetime | None = None
        self._last_per_chat: dict[int, datetime] = {}
        self._wake = asyncio.Event()
        self._lock = asyncio.Lock()

    def wake(self) -> None:
        """Tell the background loop that new rows may be due."""
        self._wake.set()

    async def recover_claims(self) -> int:
        """At start: a row whose call had started when the process died is unknown (never
        blindly re-sent); a row claimed but not yet attempted goes back to the queue."""
        async with self.db.unit(self.clock.now()) as uow:
            doubtful = list(
                (
                    await uow.session.scalars(
                        select(OutboxMessage).where(
                            OutboxMessage.state == OutboxState.MENGIRIM,
                            OutboxMessage.started_at.is_not(None),
                        )
                    )
                ).all()
            )
            for row in doubtful:
                row.state = OutboxState.TIDAK_PASTI
                row.error = "proses berhenti saat mengirim"
            if self.on_unknown is not None:
                await self.on_unknown(uow, [r for r in doubtful if r.method in SENDING_METHODS])
            await uow.session.execute(
                update(OutboxMessage)
                .where(
                    OutboxMessage.state == OutboxState.MENGIRIM, OutboxMessage.started_at.is_(None)
                )
                .values(state=OutboxState.ANTRI)
            )
            await uow.commit()
        return len(doubtful)

    async def _release(self, rows: list[OutboxMessage]) -> None:
        """Put claimed rows that were never attempted back in the queue."""
        ids = [row.id for row in rows]
        if not ids:
            return
        async with self.db.unit(self.clock.now()) as uow:
            await uow.session.execute(
                update(OutboxMessage)
                .where(
                    OutboxMessage.id.in_(ids),
                    OutboxMessage.state == OutboxState.MENGIRIM,
                    OutboxMessage.started_at.is_(None),
                )
                .values(state=OutboxState.ANTRI)
            )
            await uow.commit()

    async def _start(self, row: OutboxMessage) -> None:
        async with self.db.unit(self.clock.now()) as uow:
            await uow.session.execute(
                update(OutboxMessage).where(OutboxMessage.id == row.id).values(started_at=uow.now)
            )
            await uow.commit()

    async def _claim(self) -> list[OutboxMessage]:
        now = self.clock.now()
        async with self.db.unit(now) as uow:
            query = (
                select(OutboxMessage)
                .where(OutboxMessage.state == OutboxState.ANTRI, OutboxMessage.not_before <= now)
                .order_by(OutboxMessage.id)
                .limit(CLAIM_BATCH)
            )
            if self.db.is_postgres:
                query = query.with_for_update(skip_locked=True)
            rows = list((await uow.session.scalars(query)).all())
            for row in rows:
                row.state = OutboxState.MENGIRIM
                row.claimed_at = now
                row.attempts += 1
            await uow.commit()
        return rows

    async def send_due(self) -> SendReport:
        """Send every row that is due now (in passes until none is left); one pass at a time.

        Calls start no faster than Telegram allows (overall, per chat, per group); a chat that
        must wait does not hold up the others; up to ``in_flight`` calls overlap."""
        report = SendReport()
        async with self._lock:
            while True:
                rows = await self._claim()
                if not rows:
                    return report
                pending = list(rows)
                running: set[asyncio.Task[None]] = set()
                try:
                    while pending:
                        row, wait = self._next_ready(pending)
                        if wait > 0:
                            await self.sleep(wait)
                        pending.remove(row)
                        self._stamp(row.chat_id)
                        await self._start(row)
                        task = asyncio.create_task(self._deliver_logged(row, report))
                        running.add(task)
                        task.add_done_callback(running.discard)
                        if len(running) >= self.in_flight:
                            await asyncio.wait(running, return_when=asyncio.FIRST_COMPLETED)
                    if running:
                        await asyncio.gather(*running)
                finally:
                    await self._release(pending)

    async def _deliver_logged(self, row: OutboxMessage, report: SendReport) -> None:
        try:
            await self._deliver(row, report)
        except Exception:  # a database error, not Telegram's answer
            log.exception("outbox %s: gagal dicatat, dicoba lagi", row.id)
            await self._retry(row, 30.0, "galat internal")

    def _wait_for(self, chat_id: int) -> float:
        """Seconds until a call to ``chat_id`` may start."""
        now = self.clock.now()
        waits = [0.0]
        if self._last_call is not None:
            gap = 1.0 / self.limits.overall_per_second
            waits.append(gap - (now - self._last_call).total_seconds())
        last = self._last_per_chat.get(chat_id)
        if last is not None:
            gap = self.limits.private_interval if chat_id > 0 else self.limits.group_interval
            waits.append(gap - (now - last).total_seconds())
        return max(waits)

    def _next_ready(self, pending: list[OutboxMessage]) -> tuple[OutboxMessage, float]:
        """The row that may go soonest (in queue order among equals)."""
        best = pending[0]
        best_wait = self._wait_for(best.chat_id)
        for row in pending[1:]:
            if best_wait <= 0:
                break
            wait = self._wait_for(row.chat_id)
            if wait < best_wait:
                best, best_wait = row, wait
        return best, best_wait

    def _stamp(self, chat_id: int) -> None:
        stamp = self.clock.now()
        self._last_call = stamp
        self._last_per_chat[chat_id] = stamp

    async def _call(self, row: OutboxMessage) -> Any:
        result = await self.bot.do_api_request(row.method, api_kwargs=dict(row.payload))
        if isinstance(result, dict) and "message_id" in result:
            return Message.de_json(result, self.bot)
        return result

    async def _deliver(self, row: OutboxMessage, report: SendReport) -> None:
        try:
            result = await self._call(row)
        except Forbidden as exc:
            await self._finish(row, OutboxState.GAGAL, error=f"403 {exc.message}")
            report.failed += 1
            if row.member_id is not None and row.method in SENDING_METHODS:
                report.unreachable_members.append(row.member_id)
                await self._mark_unreachable(row)
        except ChatMigrated as exc:
            await self._migrate(row, exc.new_chat_id)
            report.retried += 1
        except RetryAfter as exc:
            delay = exc.retry_after
            seconds = delay.total_seconds() if isinstance(delay, timedelta) else float(delay)
            await self._retry(row, seconds, f"429 retry_after {seconds:g}")
            report.retried += 1
        except TimedOut as exc:
            if _never_sent(exc) or row.method not in SENDING_METHODS:
                await self._retry(row, min(2.0**row.attempts, 300.0), f"timeout: {exc.message}")
                report.retried += 1
            else:
                await self._finish(
                    row, OutboxState.TIDAK_PASTI, error=f"timeout: {exc.message}"[:500]
                )
                report.unknown += 1
        except BadRequest as exc:
            await self._finish(row, OutboxState.GAGAL, error=f"400 {exc.message}"[:500])
            report.failed += 1
            log.warning("outbox %s ditolak Telegram: %s", row.key, exc.message)
        except NetworkError as exc:
            if _maybe_delivered(exc) and row.method in SENDING_METHODS:
                await self._finish(
                    row, OutboxState.TIDAK_PASTI, error=f"putus: {exc.message}"[:500]
                )
                report.unknown += 1
            elif row.attempts >= MAX_ATTEMPTS:
                await self._finish(row, OutboxState.GAGAL, error=f"menyerah: {exc.message}"[:500])
                report.failed += 1
            else:
                await self._retry(row, min(2.0**row.attempts, 300.0), str(exc.message)[:500])
                report.retried += 1
        except TelegramError as exc:
            if row.attempts >= MAX_ATTEMPTS:
                await self._finish(row, OutboxState.GAGAL, error=f"menyerah: {exc.message}"[:500])
                report.failed += 1
            else:
                await self._retry(row, min(2.0**row.attempts, 300.0), str(exc.message)[:500])
                report.retried += 1
        else:
            message_id = result.message_id if isinstance(result, Message) else None
            await self._sent(row, message_id)
            report.sent += 1

    async def _sent(self, row: OutboxMessage, message_id: int | None) -> None:
        async with self.db.unit(self.clock.now()) as uow:
            await uow.session.execute(
                update(OutboxMessage)
                .where(OutboxMessage.id == row.id)
                .values(
                    state=OutboxState.TERKIRIM, sent_at=uow.now, message_id=message_id, error=None
                )
            )
            if message_id is not None and (row.arahan_id or row.opd_id) is not None:
                uow.session.add(
                    MessageLink(
                        chat_id=row.chat_id,
                        message_id=message_id,
                        arahan_id=row.arahan_id,
                        penugasan_id=row.penugasan_id,
                        opd_id=row.opd_id,
                    )
                )
            if row.member_id is not None and row.method in SENDING_METHODS and row.chat_id > 0:
                await uow.session.execute(
                    update(Member).where(Member.id == row.member_id).values(reachable=True)
                )
            await uow.commit()

    async def _finish(self, row: OutboxMessage, state: str, *, error: str) -> None:
        async with self.db.unit(self.clock.now()) as uow:
            await uow.session.execute(
                update(OutboxMessage)
                .where(OutboxMessage.id == row.id)
                .values(state=state, error=error)
            )
            if (
                state == OutboxState.TIDAK_PASTI
                and self.on_unknown is not None
                and row.method in SENDING_METHODS
            ):
                await self.on_unknown(uow, [row])
            await uow.commit()

    async def _retry(self, row: OutboxMessage, seconds: float, error: str) -> None:
        async with self.db.unit(self.clock.now()) as uow:
            await uow.session.execute(
                update(OutboxMessage)
                .where(OutboxMessage.id == row.id)
                .values(
                    state=OutboxState.ANTRI,
                    not_before=uow.now + timedelta(seconds=seconds),
                    error=error,
                )
            )
            await uow.commit()

    async def _migrate(self, row: OutboxMessage, new_chat_id: int) -> None:
        """Follow a group that became a supergroup: new id for the group and its queued rows."""
        old = row.chat_id
        async with self.db.unit(self.clock.now()) as uow:
            await uow.session.execute(
                update(Group).where(Group.chat_id == old).values(chat_id=new_chat_id)
            )
            pending = await uow.session.scalars(
                select(OutboxMessage).where(
                    OutboxMessage.chat_id == old,
                    or_(OutboxMessage.state == OutboxState.ANTRI, OutboxMessage.id == row.id),
                )
            )
            for queued in pending:
                queued.chat_id = new_chat_id
                queued.payload = {**queued.payload, "chat_id": new_chat_id}
                if queued.id == row.id:
                    queued.state = OutboxState.ANTRI
            await uow.commit()
        log.info("grup %s pindah ke %s", old, new_chat_id)

    async def _mark_unreachable(self, row: OutboxMessage) -> None:
        async with self.db.unit(self.clock.now()) as uow:
            await uow.session.execute(
                update(Member).where(Member.id == row.member_id).values(reachable=False)
            )
            if self.on_unreachable is not None and row.member_id is not None:
                await self.on_unreachable(uow, row.member_id, row.arahan_id)
            await uow.commit()

    async def run_forever(self, idle_seconds: float = 2.0) -> None:
        """The background loop: send what is due, then wait to be woken or for the next poll."""
        while True:
            try:
                await self.send_due()
            except Exception:  # keep the loop alive; the rows stay in the outbox
                log.exception("sender pass failed")
            self._wake.clear()
            try:
                await asyncio.wait_for(self._wake.wait(), timeout=idle_seconds)
            except TimeoutError:
                pass
