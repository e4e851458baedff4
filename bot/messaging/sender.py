"""The sender: delivers outbox rows to Telegram within its limits, once, in order.

Per-chat order: only the head of a chat's queue (its oldest row still queued or in flight) is
ever claimed, so one chat's messages leave in the order they were created, whatever happens to
them on the way (retries, 429, 5xx, restarts, several processes: ``FOR UPDATE SKIP LOCKED`` on
PostgreSQL). A row waiting for its retry holds back the later rows of its own chat only. A chat
has two queues: answers to what the person just did (``prioritas`` jawaban) and fan-out
(siaran); an answer never waits behind the fan-out queued for the same person (its messages are
independent of the answer), while fan-out waits behind answers made before it.

Fairness: the heads of many chats are held at once and the next call goes to a chat whose
pacing allows it, answers to a person (``prioritas`` jawaban) before fan-out (siaran), then the
oldest; new rows (``wake``) and freed chats are claimed while a push is still going, so a
stranger's ``/bantuan`` never waits behind someone else's queue. Calls start no faster than
Telegram allows (``bot/messaging/pacing.py``): 29/s overall, 1/s per chat, 20/min per group,
configurable.

Failures: 403 → member not reachable, never retried (named in the admins' summary); group
migrated → follow the new id; 429 → wait ``retry_after``; 5xx and connection refused → retry
with backoff. A refused call clears its in-flight mark, so it is retried after any restart.
Only a call that may have reached Telegram (a timeout or dropped connection after the request
went out, or in flight when the process died) is ``tidak_pasti`` (unknown) and never blindly
re-sent; those, the ones given up and the unreachable members are named to the admins in one
summary per push (or per hour in a long one).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

import httpx
from sqlalchemy import ColumnElement, and_, exists, or_, select, update
from sqlalchemy.orm import aliased
from telegram import Bot, InputFile, Message
from telegram.error import (
    BadRequest,
    ChatMigrated,
    Forbidden,
    RetryAfter,
    TelegramError,
    TimedOut,
)

from bot.clock import Clock
from bot.messaging.outbox import UPLOAD
from bot.messaging.pacing import Limits, Pacing
from storage.db import Database, UnitOfWork
from storage.models import Group, Member, MessageLink, OutboxFile, OutboxMessage
from storage.states import OutboxState

log = logging.getLogger(__name__)

# a row refused this many times over at least this long is given up (and named to the admins):
# an outage of Telegram shorter than an hour loses nothing
MAX_ATTEMPTS = 8
GIVE_UP_AFTER = timedelta(hours=1)
CLAIM_BATCH = 50
# the admins' summary of unknown and given-up messages: when the outbox is idle (the push is
# over), or once the oldest of them has waited this long
REPORT_EVERY = timedelta(hours=1)
SENDING_METHODS = frozenset({"sendMessage", "sendPhoto", "sendDocument"})
# how a 403 (Forbidden: never started, or blocked the bot) is recorded on its row
UNREACHABLE = "403 "
WAITING = (OutboxState.ANTRI, OutboxState.MENGIRIM)

Sleep = Callable[[float], Awaitable[None]]
OnUnknown = Callable[[UnitOfWork, list[OutboxMessage]], Awaitable[None]]


@dataclass
class SendReport:
    """What one pass of the sender did."""

    sent: int = 0
    failed: int = 0
    retried: int = 0
    unknown: int = 0
    unreachable_members: list[int] = field(default_factory=list)
    summaries: int = 0


def _never_sent(exc: BaseException) -> bool:
    """True when the request certainly did not reach Telegram (no connection was made)."""
    cause = exc.__cause__
    return isinstance(cause, httpx.ConnectError | httpx.ConnectTimeout | httpx.PoolTimeout)


def _maybe_delivered(exc: BaseException) -> bool:
    """True when the request went out and the answer was lost: Telegram may have acted."""
    cause = exc.__cause__
    return isinstance(cause, httpx.ReadError | httpx.RemoteProtocolError | httpx.ReadTimeout)


def _backoff(attempts: int) -> float:
    return min(2.0**attempts, 300.0)


# the other rows of a chat in the claim query, made once: an alias is a copy of the mapping
# (every column proxied), which cost more than the claim's SQL when made at every claim
_EARLIER = aliased(OutboxMessage, name="earlier")
_LATER = aliased(OutboxMessage, name="later")


def _to_report() -> ColumnElement[bool]:
    """Rows the admins' summary names and has not named yet: unknown fate, given up, or a
    private message to a member Telegram would not let the bot reach."""
    failed = OutboxMessage.state == OutboxState.GAGAL
    unreachable = and_(
        failed,
        OutboxMessage.member_id.is_not(None),
        OutboxMessage.chat_id > 0,
        OutboxMessage.error.like(f"{UNREACHABLE}%"),
    )
    return and_(
        OutboxMessage.dilaporkan_at.is_(None),
        OutboxMessage.method.in_(SENDING_METHODS),
        or_(
            OutboxMessage.state == OutboxState.TIDAK_PASTI,
            and_(failed, OutboxMessage.error.like("menyerah%")),
            unreachable,
        ),
    )


class Sender:
    """Claims the heads of the chats' queues and makes their Bot API calls."""

    def __init__(
        self,
        db: Database,
        bot: Bot,
        clock: Clock,
        *,
        limits: Limits | None = None,
        sleep: Sleep = asyncio.sleep,
        on_unknown: OnUnknown | None = None,
        in_flight: int = 4,
    ) -> None:
        self.db = db
        self.bot = bot
        self.clock = clock
        self.limits = limits or Limits()
        self.pacing = Pacing(self.limits)
        self.sleep = sleep
        self.on_unknown = on_unknown
        self.in_flight = max(1, in_flight)
        self._wake = asyncio.Event()  # the background loop: new rows may be due
        # during a pass: new rows were queued (claim at once), a call finished (its chat's
        # next row may be claimed)
        self._fresh = asyncio.Event()
        self._freed = asyncio.Event()
        # claimed rows with a later row of their chat queued behind them (when claimed): only
        # their calls free something to claim; other calls finishing need no new claim
        self._followed: set[int] = set()
        # whether rows the admins' summary names may wait (at start and takeover, and after
        # a row ended unknown or given up): otherwise an idle pass does not look
        self._unreported = True
        self._refused: set[int] = set()  # rows whose call Telegram refused, until recorded
        self._lock = asyncio.Lock()

    def wake(self) -> None:
        """Tell the sender that new rows may be due (also in the middle of a push)."""
        self._wake.set()
        self._fresh.set()

    async def recover_claims(self) -> int:
        """At start: a row whose call had started when the process died is unknown (never
        blindly re-sent; the admins' next summary names it); a row claimed but not yet
        attempted goes back to the queue."""
        self._unreported = True
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

    async def _start(self, row: OutboxMessage) -> bool:
        """Mark the row in flight just before its call: from here on, a crash makes it unknown.

        False when the row is no longer this sender's claim (a sender that took over after this
        one lost its lock re-queued it): then it must not be called."""
        async with self.db.unit(self.clock.now()) as uow:
            marked = await uow.session.execute(
                update(OutboxMessage)
                .where(
                    OutboxMessage.id == row.id,
                    OutboxMessage.state == OutboxState.MENGIRIM,
                    OutboxMessage.claimed_at == row.claimed_at,
                    OutboxMessage.started_at.is_(None),
                )
                .values(started_at=uow.now, attempts=OutboxMessage.attempts + 1)
            )
            await uow.commit()
        if marked.rowcount != 1:  # type: ignore[attr-defined]
            log.warning("pesan %s bukan lagi milik pengirim ini; tidak dikirim", row.id)
            return False
        row.attempts += 1
        row.started_at = self.clock.now()
        return True

    async def _claim(self, limit: int = CLAIM_BATCH) -> list[OutboxMessage]:
        """Claim up to ``limit`` due heads of queues: rows with no earlier row of their chat
        (and of their priority or a higher one) still queued or in flight; answers first, then
        the oldest."""
        now = self.clock.now()
        holds_it_back = exists().where(
            _EARLIER.chat_id == OutboxMessage.chat_id,
            _EARLIER.state.in_(WAITING),
            _EARLIER.id < OutboxMessage.id,
            # an answer to a person does not wait behind a push to the same chat
            _EARLIER.prioritas <= OutboxMessage.prioritas,
        )
        followed = (
            exists()
            .where(
                _LATER.chat_id == OutboxMessage.chat_id,
                _LATER.state == OutboxState.ANTRI,
                _LATER.id > OutboxMessage.id,
            )
            .label("followed")
        )
        async with self.db.unit(now) as uow:
            query = (
                select(OutboxMessage)
                .where(
                    OutboxMessage.state == OutboxState.ANTRI,
                    OutboxMessage.not_before <= now,
                    ~holds_it_back,
                )
                .order_by(OutboxMessage.prioritas, OutboxMessage.id)
                .limit(limit)
            )
            if self.db.is_postgres:
                query = query.with_for_update(skip_locked=True, of=OutboxMessage)
            claimed = (await uow.session.execute(query.add_columns(followed))).all()
            rows = [row for row, _ in claimed]
            self._followed.update(row.id for row, behind in claimed if behind)
            for row in rows:
                row.state = OutboxState.MENGIRIM
                row.claimed_at = now
            await uow.commit()
        return rows

    async def send_due(self) -> SendReport:
        """Send every row that is due now (and what becomes due meanwhile); one pass at a time.

        Up to ``in_flight`` calls overlap, never two for one chat. At the end, when unknown or
        given-up messages wait for the admins' summary and the push is over, it is queued and
        sent too."""
        report = SendReport()
        async with self._lock:
            held: list[OutboxMessage] = []  # claimed heads, not yet started
            running: dict[asyncio.Task[None], int] = {}  # calls under way, with their rows
            # a call that ended in neither an answer nor a database error (the process is
            # stopping): the pass ends, its row stays in flight for the next start to judge
            crashed: list[BaseException] = []
            must_claim = True
            drained = False  # the last claim took every row that was due
            try:
                while True:
                    if crashed:
                        raise crashed[0]
                    # claim again when rows were queued, when every held row was sent and
                    # more were due, and when calls that had rows of their chat queued behind
                    # them finished and the held rows run low (those chats' next rows)
                    freed = self._freed.is_set() and len(held) < CLAIM_BATCH // 2
                    emptied = not held and not drained
                    if must_claim or emptied or self._fresh.is_set() or freed:
                        if self._fresh.is_set():
                            # rows queued since may wait behind any held or flying row
                            self._followed.update(running.values(), (row.id for row in held))
                        must_claim = False
                        self._fresh.clear()
                        self._freed.clear()
                        room = max(CLAIM_BATCH - len(held), CLAIM_BATCH // 5)
                        claimed = await self._claim(room)
                        drained = len(claimed) < room
                        held += claimed
                    if not held:
                        if crashed:
                            raise crashed[0]
                        if running:
                            await self._settle(running)
                        elif await self._summarise(report):
                            must_claim = True
                        else:
                            return report
                        continue
                    now = self.clock.now()
                    row, at = self._pick(held, now)
                    if row is None:
                        # every held chat must wait: meanwhile a chat may be freed or rows due
                        await self._doze((at - now).total_seconds(), self._fresh, self._freed)
                        must_claim = not drained  # rows left unclaimed may be due by now
                        continue
                    if at > now:
                        await self._doze((at - now).total_seconds(), self._fresh)
                        if self._fresh.is_set():
                            continue  # an answer may have arrived: choose again
                    held.remove(row)
                    self.pacing.take(row.chat_id, self.clock.now())
                    if not await self._start(row):
                        continue
                    task = asyncio.create_task(self._deliver_logged(row, report), name="sender")
                    running[task] = row.id
                    task.add_done_callback(self._done(running, crashed, row.id))
                    if len(running) >= self.in_flight:
                        await self._settle(running)
            finally:
                for task in running:
                    task.cancel()
                if running:
                    await asyncio.gather(*running, return_exceptions=True)
                await self._release(held)

    def _done(
        self, running: dict[asyncio.Task[None], int], crashed: list[BaseException], row_id: int
    ) -> Callable[[asyncio.Task[None]], None]:
        def finished(task: asyncio.Task[None]) -> None:
            running.pop(task, None)
            if row_id in self._followed:
                self._followed.discard(row_id)
                self._freed.set()  # its chat's next row may be claimed now
            if not task.cancelled() and task.exception() is not None:
                crashed.append(task.exception())  # type: ignore[arg-type]

        return finished

    @staticmethod
    async def _settle(running: dict[asyncio.Task[None], int]) -> None:
        """Wait for a call to finish."""
        await asyncio.wait(set(running), return_when=asyncio.FIRST_COMPLETED)

    async def _doze(self, seconds: float, *news: asyncio.Event) -> None:
        """Sleep for the pacing, but wake early on ``news`` (rows queued, a chat freed)."""
        if seconds <= 0 or any(event.is_set() for event in news):
            return
        nap = asyncio.ensure_future(self.sleep(seconds))
        heard = [asyncio.ensure_future(event.wait()) for event in news]
        try:
            await asyncio.wait({nap, *heard}, return_when=asyncio.FIRST_COMPLETED)
        finally:
            for waiting in (nap, *heard):
                waiting.cancel()
            await asyncio.gather(nap, *heard, return_exceptions=True)
        if nap.done() and not nap.cancelled() and nap.exception() is not None:
            raise nap.exception()  # type: ignore[misc]

    def _pick(
        self, held: list[OutboxMessage], now: datetime
    ) -> tuple[OutboxMessage | None, datetime]:
        """The row to send next and when it may start: among the chats whose pacing allows a
        call now, an answer before fan-out, then the oldest. With none ready: None and when
        the first chat will be. Every wait is measured from the same ``now``."""
        ready = [row for row in held if self.pacing.chat_at(row.chat_id, now) <= now]
        if not ready:
            return None, min(self.pacing.chat_at(row.chat_id, now) for row in held)
        row = min(ready, key=lambda r: (r.prioritas, r.id))
        return row, self.pacing.overall_at(now)

    async def _summarise(self, report: SendReport) -> bool:
        """Queue the admins' one summary of unknown and given-up messages not named yet, when
        the outbox is idle or the oldest of them waited ``REPORT_EVERY``; True if queued."""
        if self.on_unknown is None or not self._unreported:
            return False
        now = self.clock.now()
        async with self.db.unit(now) as uow:
            query = select(OutboxMessage).where(_to_report()).order_by(OutboxMessage.id)
            if self.db.is_postgres:
                query = query.with_for_update(skip_locked=True)
            rows = list((await uow.session.scalars(query)).all())
            if not rows:
                self._unreported = False
                return False
            oldest = min(row.started_at or row.created_at for row in rows)
            if now - oldest < REPORT_EVERY:
                busy = exists().where(OutboxMessage.state.in_(WAITING))
                if await uow.session.scalar(select(busy)):
                    return False
            for row in rows:
                row.dilaporkan_at = now
            await self.on_unknown(uow, rows)
            await uow.commit()
        report.summaries += 1
        return True

    async def _deliver_logged(self, row: OutboxMessage, report: SendReport) -> None:
        try:
            await self._deliver(row, report)
        except Exception:  # a database error, not Telegram's answer
            log.exception("outbox %s: gagal dicatat", row.id)
            try:
                if row.id in self._refused:  # Telegram refused it: try again later
                    await self._retry(row, 30.0, "galat internal")
                else:  # it may have been delivered: never blindly re-sent
                    await self._finish(row, OutboxState.TIDAK_PASTI, error="galat internal")
            except Exception:  # still in flight: the next start decides
                log.exception("outbox %s: tetap tercatat sedang dikirim", row.id)
        finally:
            self._refused.discard(row.id)

    async def _call(self, row: OutboxMessage) -> Any:
        params = dict(row.payload)
        upload = params.pop(UPLOAD, None)
        if upload is not None:
            params[upload["field"]] = await self._file(upload["id"])
        result = await self.bot.do_api_request(row.method, api_kwargs=params)
        if isinstance(result, dict) and "message_id" in result:
            return Message.de_json(result, self.bot)
        return result

    async def _file(self, file_id: int) -> InputFile:
        """A kept file, uploaded again at each attempt (Telegram keeps nothing of a refused
        upload)."""
        async with self.db.unit(self.clock.now()) as uow:
            kept = await uow.session.get(OutboxFile, file_id)
            if kept is None:
                raise LookupError(f"berkas outbox {file_id} tidak ada")
            return InputFile(kept.isi, filename=kept.nama)

    def _give_up(self, row: OutboxMessage) -> bool:
        """Refused again and again for long enough: stop trying (the summary names it)."""
        age = self.clock.now() - row.created_at
        return row.attempts >= MAX_ATTEMPTS and age >= GIVE_UP_AFTER

    async def _deliver(self, row: OutboxMessage, report: SendReport) -> None:
        try:
            result = await self._call(row)
        except TelegramError as exc:
            await self._answered_with(row, exc, report)
        except Exception as exc:  # an answer we could not read: the call went out
            await self._finish(row, OutboxState.TIDAK_PASTI, error=f"jawaban: {exc!r}"[:500])
            report.unknown += 1
        else:
            message_id = result.message_id if isinstance(result, Message) else None
            await self._sent(row, message_id)
            report.sent += 1

    async def _answered_with(
        self, row: OutboxMessage, exc: TelegramError, report: SendReport
    ) -> None:
        """Sort Telegram's refusal (or a lost answer) into failed, retried or unknown."""
        maybe_delivered = row.method in SENDING_METHODS and (
            (isinstance(exc, TimedOut) and not _never_sent(exc))
            or (not isinstance(exc, TimedOut) and _maybe_delivered(exc))
        )
        if maybe_delivered:
            await self._finish(row, OutboxState.TIDAK_PASTI, error=f"putus: {exc.message}"[:500])
            report.unknown += 1
            return
        self._refused.add(row.id)
        if isinstance(exc, Forbidden):
            await self._finish(row, OutboxState.GAGAL, error=f"{UNREACHABLE}{exc.message}"[:500])
            report.failed += 1
            if row.member_id is not None and row.method in SENDING_METHODS:
                report.unreachable_members.append(row.member_id)
                await self._mark_unreachable(row)
        elif isinstance(exc, ChatMigrated):
            await self._migrate(row, exc.new_chat_id)
            report.retried += 1
        elif isinstance(exc, RetryAfter):
            delay = exc.retry_after
            seconds = delay.total_seconds() if isinstance(delay, timedelta) else float(delay)
            await self._retry(row, seconds, f"429 retry_after {seconds:g}")
            report.retried += 1
        elif isinstance(exc, BadRequest):
            await self._finish(row, OutboxState.GAGAL, error=f"400 {exc.message}"[:500])
            report.failed += 1
            log.warning("outbox %s ditolak Telegram: %s", row.key, exc.message)
        elif self._give_up(row):
            await self._finish(row, OutboxState.GAGAL, error=f"menyerah: {exc.message}"[:500])
            report.failed += 1
        else:  # 5xx, connection refused, a timeout before sending
            await self._retry(row, _backoff(row.attempts), str(exc.message)[:500])
            report.retried += 1

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
        self._unreported = True  # unknown or given up: the next summary may name it
        async with self.db.unit(self.clock.now()) as uow:
            await uow.session.execute(
                update(OutboxMessage)
                .where(OutboxMessage.id == row.id)
                .values(state=state, error=error)
            )
            await uow.commit()

    async def _retry(self, row: OutboxMessage, seconds: float, error: str) -> None:
        """Back to the queue after ``seconds``; Telegram refused the call, so the in-flight
        mark goes: after a restart it is retried, not taken for possibly delivered."""
        async with self.db.unit(self.clock.now()) as uow:
            await uow.session.execute(
                update(OutboxMessage)
                .where(OutboxMessage.id == row.id)
                .values(
                    state=OutboxState.ANTRI,
                    not_before=uow.now + timedelta(seconds=seconds),
                    started_at=None,
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
                    queued.started_at = None
            await uow.commit()
        self._fresh.set()  # the row is due again, in its new chat
        log.info("grup %s pindah ke %s", old, new_chat_id)

    async def _mark_unreachable(self, row: OutboxMessage) -> None:
        async with self.db.unit(self.clock.now()) as uow:
            await uow.session.execute(
                update(Member).where(Member.id == row.member_id).values(reachable=False)
            )
            await uow.commit()

    async def run_forever(self, idle_seconds: float = 2.0) -> None:
        """The background loop: send what is due, then wait to be woken or for the next poll."""
        while True:
            self._wake.clear()  # a wake during the pass is kept for the wait below
            try:
                await self.send_due()
            except Exception:  # keep the loop alive; the rows stay in the outbox
                log.exception("sender pass failed")
            try:
                await asyncio.wait_for(self._wake.wait(), timeout=idle_seconds)
            except TimeoutError:
                pass
