"""Two bot processes sharing one PostgreSQL database (webhook mode behind a load balancer):
their senders and schedulers never send anything twice."""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import AsyncIterator

import pytest

from bot.domain.schedule import Jenis
from bot.features.reminders.service import run_occurrence
from bot.messaging.outbox import enqueue, message_payload
from storage.models import OutboxMessage, ScheduledRun
from tests.conftest import FakeClock
from tests.support.harness import BotHarness
from tests.support.pemda import publish_three, setup_pemda


@pytest.fixture
async def pair(database_url: str, clock: FakeClock) -> AsyncIterator[tuple[BotHarness, BotHarness]]:
    if not database_url.startswith("postgresql"):
        pytest.skip("two processes share a database on PostgreSQL")
    first = BotHarness(database_url, clock)
    await first.start()
    second = BotHarness(database_url, clock)
    second.updates = first.updates
    await second.start()
    yield first, second
    await first.stop()
    await second.stop()
    first.request.assert_clean()
    second.request.assert_clean()


async def test_two_senders_claim_each_message_once(pair: tuple[BotHarness, BotHarness]) -> None:
    first, second = pair
    first.app.sender.in_flight = second.app.sender.in_flight = 4
    env = first.app.env
    async with env.db.unit(env.now()) as uow:
        for n in range(200):
            chat = 300_000 + n
            await enqueue(uow, f"dua:{n}", "sendMessage", chat, message_payload(chat, f"Pesan {n}"))
        await uow.commit()
    a, b = await asyncio.gather(first.app.sender.send_due(), second.app.sender.send_due())
    sent = Counter(
        c.chat_id
        for h in (first, second)
        for c in h.request.sent()
        if c.chat_id in range(300_000, 300_200)
    )
    assert sum(sent.values()) == 200 and set(sent.values()) == {1}
    assert a.sent > 0 and b.sent > 0, "both processes took part"
    states = {o.state for o in await first.rows(OutboxMessage, OutboxMessage.key.like("dua:%"))}
    assert states == {"terkirim"}


async def test_two_schedulers_run_an_occurrence_once(pair: tuple[BotHarness, BotHarness]) -> None:
    first, second = pair
    await setup_pemda(first)
    await publish_three(first)
    await first.app.sender.send_due()
    now = first.clock.now()
    queued = await asyncio.gather(
        run_occurrence(first.app.env, Jenis.MINGGUAN, "2026-11-23T08:00", now),
        run_occurrence(second.app.env, Jenis.MINGGUAN, "2026-11-23T08:00", now),
    )
    assert sorted(queued)[0] == 0 and sorted(queued)[1] > 0
    runs = await first.rows(ScheduledRun)
    assert len([r for r in runs if r.occurrence == "2026-11-23T08:00"]) == 1
    keys = [
        o.key for o in await first.rows(OutboxMessage) if o.key.startswith("pengingat:mingguan:")
    ]
    assert len(keys) == len(set(keys)) == max(queued)
