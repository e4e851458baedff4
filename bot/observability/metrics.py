"""The bot's metrics in Prometheus's text format, one registry per app (tests run several).

What the bot counts as it works (429 answers from Telegram, the time to handle an update) lives
in the process; what the database knows (the outbox, the inbox, unreachable members, the
scheduled runs) is read at each scrape, so a gauge is never stale and every process of a
deployment reports the same truth.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from prometheus_client import CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily, Metric
from prometheus_client.registry import Collector
from sqlalchemy import func, select
from telegram.request import BaseRequest

from bot.clock import Clock
from bot.messaging.watched_request import WatchedRequest
from storage.db import Database
from storage.models import InboxUpdate, Member, OutboxMessage, ScheduledRun
from storage.states import OutboxState, RunState

CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8"
SCRAPE_TIMEOUT = 10.0
# a run recorded this long after its occurrence was caught up (the tick runs every minute)
CAUGHT_UP_AFTER = timedelta(minutes=5)
# updates are handled in milliseconds to a few seconds (an import reads a whole file)
UPDATE_BUCKETS = (0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0)


@dataclass
class Snapshot:
    """What the database said at the last scrape."""

    outbox: dict[str, int] = field(default_factory=dict)
    oldest_due_seconds: float = 0.0
    unreachable: int = 0
    inbox_unhandled: int = 0
    runs: dict[str, int] = field(default_factory=dict)


async def read_snapshot(db: Database, now: datetime, zona: ZoneInfo) -> Snapshot:
    """Read the database-backed values in one short unit."""
    snap = Snapshot()
    async with db.unit(now) as uow:
        session = uow.session
        by_state = await session.execute(
            select(OutboxMessage.state, func.count()).group_by(OutboxMessage.state)
        )
        snap.outbox = {str(state): int(n) for state, n in by_state.all()}
        oldest = await session.scalar(
            select(func.min(OutboxMessage.not_before)).where(
                OutboxMessage.state == OutboxState.ANTRI, OutboxMessage.not_before <= now
            )
        )
        if oldest is not None:
            snap.oldest_due_seconds = max(0.0, (now - oldest).total_seconds())
        snap.unreachable = int(
            await session.scalar(
                select(func.count())
                .select_from(Member)
                .where(Member.active.is_(True), Member.reachable.is_(False))
            )
            or 0
        )
        snap.inbox_unhandled = int(
            await session.scalar(
                select(func.count())
                .select_from(InboxUpdate)
                .where(InboxUpdate.handled_at.is_(None))
            )
            or 0
        )
        runs = await session.execute(
            select(ScheduledRun.state, ScheduledRun.occurrence, ScheduledRun.at)
        )
        snap.runs = dict.fromkeys(("done", "caught_up", "missed", "day_off"), 0)
        for state, occurrence, at in runs.all():
            if state == RunState.SELESAI:
                snap.runs["done"] += 1
                if _late(occurrence, at, zona):
                    snap.runs["caught_up"] += 1
            elif state == RunState.TERLEWAT:
                snap.runs["missed"] += 1
            elif state == RunState.LIBUR:
                snap.runs["day_off"] += 1
    return snap


def _late(occurrence: str, at: datetime, zona: ZoneInfo) -> bool:
    """Whether a run was recorded well after its occurrence (local ``2026-11-23T08:00``)."""
    try:
        due = datetime.fromisoformat(occurrence).replace(tzinfo=zona)
    except ValueError:
        return False
    return at - due > CAUGHT_UP_AFTER


class DatabaseCollector(Collector):
    """Yields the gauges of the last snapshot; ``Metrics.render`` refreshes it first."""

    def __init__(self) -> None:
        self.snapshot: Snapshot | None = None

    def collect(self) -> Iterator[Metric]:
        """The database-backed metrics (nothing when the database could not be read)."""
        up = GaugeMetricFamily(
            "tindaklanjut_database_up", "1 if the database answered at this scrape"
        )
        up.add_metric([], 0.0 if self.snapshot is None else 1.0)
        yield up
        snap = self.snapshot
        if snap is None:
            return
        outbox = GaugeMetricFamily(
            "tindaklanjut_outbox_messages", "Outbox rows by state", labels=["state"]
        )
        for state in OutboxState:
            outbox.add_metric([state.value], float(snap.outbox.get(state.value, 0)))
        yield outbox
        yield GaugeMetricFamily(
            "tindaklanjut_outbox_oldest_due_seconds",
            "How long the oldest queued row that is due has waited to be sent (0: none)",
            value=snap.oldest_due_seconds,
        )
        yield GaugeMetricFamily(
            "tindaklanjut_outbox_unknown_fate",
            "Messages that may or may not have reached Telegram (see `python -m bot outbox`)",
            value=float(snap.outbox.get(OutboxState.TIDAK_PASTI.value, 0)),
        )
        yield GaugeMetricFamily(
            "tindaklanjut_members_unreachable",
            "Active members Telegram refused a private message to (never pressed Start, blocked)",
            value=float(snap.unreachable),
        )
        yield GaugeMetricFamily(
            "tindaklanjut_inbox_unhandled",
            "Updates stored but not handled yet (replayed at the next start)",
            value=float(snap.inbox_unhandled),
        )
        runs = CounterMetricFamily(
            "tindaklanjut_scheduled_runs",
            "Scheduled occurrences: done (run; caught_up: of those, run late after the bot was "
            "down), missed (beyond the grace period), day_off (skipped)",
            labels=["result"],
        )
        for result, count in snap.runs.items():
            runs.add_metric([result], float(count))
        yield runs


class Metrics:
    """One app's registry: counters kept in the process and the database collector."""

    def __init__(self, db: Database, clock: Clock, zona: ZoneInfo) -> None:
        self.db = db
        self.clock = clock
        self.zona = zona
        self.registry = CollectorRegistry(auto_describe=False)
        self.telegram_429 = Counter(
            "tindaklanjut_telegram_429",
            "Bot API calls Telegram answered 429 Too Many Requests",
            registry=self.registry,
        )
        self.update_seconds = Histogram(
            "tindaklanjut_update_handling_seconds",
            "Time to handle one update (store, handle, commit)",
            buckets=UPDATE_BUCKETS,
            registry=self.registry,
        )
        self.collector = DatabaseCollector()
        self.registry.register(self.collector)

    async def refresh(self) -> None:
        """Read the database-backed values now (nothing of them if the database fails)."""
        try:
            async with asyncio.timeout(SCRAPE_TIMEOUT):
                snapshot = await read_snapshot(self.db, self.clock.now(), self.zona)
            self.collector.snapshot = snapshot
        except Exception:
            self.collector.snapshot = None
            raise

    async def render(self) -> bytes:
        """The whole registry in Prometheus's text format, read from the database now."""
        try:
            await self.refresh()
        except Exception:  # the scrape still answers: tindaklanjut_database_up 0
            pass
        return generate_latest(self.registry)

    def timed_update(self) -> UpdateTimer:
        """``with metrics.timed_update():`` around the handling of one update."""
        return UpdateTimer(self.update_seconds)


class UpdateTimer:
    """Observes the time between entering and leaving the block."""

    def __init__(self, histogram: Histogram) -> None:
        self.histogram = histogram
        self.started = 0.0

    def __enter__(self) -> None:
        self.started = time.perf_counter()

    def __exit__(self, *exc: object) -> None:
        self.histogram.observe(time.perf_counter() - self.started)


class CountingRequest(WatchedRequest):
    """The bot's connection to the Bot API, counting Telegram's 429 answers."""

    def __init__(self, inner: BaseRequest, too_many: Counter) -> None:
        super().__init__(inner)
        self.too_many = too_many

    def noted(self, url: str, status: int) -> None:
        """Count a 429."""
        if status == 429:
            self.too_many.inc()
