"""One sender for the whole deployment: processes elect it with a PostgreSQL session lock; when
the sender's process dies (its session ends), another takes over and sorts out what the dead
one had claimed. On SQLite the one process is always the sender."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import timedelta

import pytest
from sqlalchemy import text, update

from bot.messaging.outbox import enqueue, message_payload
from storage.models import OutboxMessage
from storage.states import OutboxState
from tests.conftest import FakeClock
from tests.support.harness import BotHarness


@pytest.fixture
async def pair(database_url: str, clock: FakeClock) -> AsyncIterator[tuple[BotHarness, BotHarness]]:
    first = BotHarness(database_url, clock)
    await first.start()
    second = BotHarness(database_url, clock)
    second.updates = first.updates
    await second.start()
    yield first, second
    await first.stop()
    await second.stop()


async def end_session(bot: BotHarness, pid: int | None) -> None:
    """The sender's process dies: PostgreSQL ends its session (and so its locks)."""
    async with bot.app.env.db.engine.connect() as conn:
        # waits (up to 5 s) until the session is gone
        ended = await conn.scalar(text("SELECT pg_terminate_backend(:pid, 5000)"), {"pid": pid})
        assert ended


async def claimed_by_a_dead_sender(bot: BotHarness) -> None:
    """Two rows the dying sender had claimed: one not yet attempted, one in flight."""
    env = bot.app.env
    now = env.now()
    async with env.db.unit(now) as uow:
        for n in (1, 2):
            chat = 400_000 + n
            await enqueue(uow, f"mati:{n}", "sendMessage", chat, message_payload(chat, "Pesan"))
        claimed = {"state": OutboxState.MENGIRIM, "claimed_at": now - timedelta(seconds=1)}
        await uow.session.execute(
            update(OutboxMessage).where(OutboxMessage.key == "mati:1").values(**claimed)
        )
        await uow.session.execute(
            update(OutboxMessage)
            .where(OutboxMessage.key == "mati:2")
            .values(**claimed, started_at=now)
        )
        await uow.commit()


async def test_one_sender_and_a_takeover_when_it_dies(
    pair: tuple[BotHarness, BotHarness], database_url: str
) -> None:
    if not database_url.startswith("postgresql"):
        pytest.skip("processes elect a sender on PostgreSQL")
    first, second = pair
    a, b = first.app.election, second.app.election
    assert await a.step() and a.is_sender
    assert not await b.step() and not b.is_sender
    assert await a.step() and not await b.step(), "the sender keeps its place"
    await claimed_by_a_dead_sender(first)
    # the sender's process dies
    assert a.loop is not None
    a.loop.cancel()
    await end_session(second, a.lock.backend_pid)
    # at its next try the other takes over and sorts out what the dead one had claimed
    assert await b.step() and b.is_sender
    rows = {r.key: r for r in await second.rows(OutboxMessage, OutboxMessage.key.like("mati:%"))}
    assert rows["mati:1"].state == OutboxState.ANTRI  # never attempted: sent by the new sender
    assert rows["mati:2"].state == OutboxState.TIDAK_PASTI  # in flight: never blindly re-sent
    # the old process, if it lived on, notices it lost the lock and stops sending
    assert not await a.step() and not a.is_sender
    await second.app.sender.send_due()
    assert [c.chat_id for c in second.request.sent() if c.chat_id in (400_001, 400_002)] == [
        400_001
    ]


async def test_a_lone_process_is_always_the_sender(bot: BotHarness) -> None:
    election = bot.app.election
    assert await election.step(run_loop=False)
    assert await election.step(run_loop=False), "and stays the sender"
    await election.stop()
    assert await election.step(run_loop=False), "a new start takes it again"
    await election.stop()
