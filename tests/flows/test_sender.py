"""The sender against Telegram's failures: retries what was never sent, never re-sends what
may have been delivered, waits on 429, follows migrated groups, and survives interruptions."""

from __future__ import annotations

import bisect
import itertools
from typing import Any

import httpx
from telegram.error import NetworkError, TimedOut

from storage.models import Group, OutboxMessage
from tests.support.harness import ADMIN_ID, BotHarness
from tests.support.pemda import (
    DINKES_GROUP,
    KEPALA_DINKES,
    import_sample_opds,
    join,
    publish_three,
    setup_pemda,
)


async def queue_texts(bot: BotHarness, chat_id: int, count: int) -> None:
    from bot.messaging.outbox import enqueue, message_payload

    async with bot.app.env.db.unit(bot.clock.now()) as uow:
        for n in range(count):
            await enqueue(
                uow,
                f"uji:{chat_id}:{n}",
                "sendMessage",
                chat_id,
                message_payload(chat_id, f"Pesan {n}"),
            )
        await uow.commit()


def raise_once(bot: BotHarness, error: Exception) -> None:
    """The next sendMessage fails at the network layer with ``error``."""
    original = bot.request.do_request
    state = {"done": False}

    async def failing(url: str, method: str, *args: Any, **kwargs: Any) -> Any:
        if url.endswith("/sendMessage") and not state["done"]:
            state["done"] = True
            raise error
        return await original(url, method, *args, **kwargs)

    bot.request.do_request = failing  # type: ignore[method-assign]


async def test_5xx_is_retried_with_backoff_and_delivered_once(bot: BotHarness) -> None:
    await queue_texts(bot, 555, 1)
    bot.request.fail_next(502, "Bad Gateway", count=2)
    report = await bot.app.sender.send_due()
    assert report.retried == 1 and report.sent == 0
    bot.clock.advance(seconds=2)
    report = await bot.app.sender.send_due()
    assert report.retried == 1
    bot.clock.advance(seconds=4)
    report = await bot.app.sender.send_due()
    assert report.sent == 1
    assert bot.request.texts(555) == ["Pesan 0"]


async def test_429_waits_retry_after(bot: BotHarness) -> None:
    await queue_texts(bot, 555, 1)
    bot.request.fail_next(429, "Too Many Requests: retry after 17", retry_after=17)
    await bot.app.sender.send_due()
    assert bot.request.texts(555) == []
    bot.clock.advance(seconds=16)
    await bot.app.sender.send_due()
    assert bot.request.texts(555) == []
    bot.clock.advance(seconds=1)
    await bot.app.sender.send_due()
    assert bot.request.texts(555) == ["Pesan 0"]


async def test_connection_refused_is_retried(bot: BotHarness) -> None:
    await queue_texts(bot, 555, 1)
    error = NetworkError("httpx.ConnectError")
    error.__cause__ = httpx.ConnectError("refused")
    raise_once(bot, error)
    await bot.app.sender.send_due()
    bot.clock.advance(seconds=5)
    await bot.app.sender.send_due()
    assert bot.request.texts(555) == ["Pesan 0"]


async def test_timeout_after_sending_is_unknown_and_not_resent(bot: BotHarness) -> None:
    await queue_texts(bot, 555, 2)
    error = TimedOut("Timed out")
    error.__cause__ = httpx.ReadTimeout("read")
    raise_once(bot, error)
    report = await bot.app.sender.send_due()
    assert report.unknown == 1 and report.sent == 2  # "Pesan 1" and the admins' report
    bot.clock.advance(hours=1)
    await bot.app.sender.send_due()
    assert bot.request.texts(555) == ["Pesan 1"]
    states = sorted(o.state for o in await bot.rows(OutboxMessage, OutboxMessage.chat_id == 555))
    assert states == ["terkirim", "tidak_pasti"]
    # the admins' delivery report names it, so a person can check with the recipient
    to_admins = [c.text or "" for c in bot.request.sent(chat_id=ADMIN_ID)]
    assert any("Laporan pengiriman" in t and "Pesan 0" in t for t in to_admins)


async def test_dropped_connection_after_sending_is_unknown(bot: BotHarness) -> None:
    await queue_texts(bot, 555, 1)
    error = NetworkError("httpx.RemoteProtocolError")
    error.__cause__ = httpx.RemoteProtocolError("Server disconnected")
    raise_once(bot, error)
    report = await bot.app.sender.send_due()
    assert report.unknown == 1
    bot.clock.advance(hours=1)
    await bot.app.sender.send_due()
    assert bot.request.texts(555) == []


async def test_migrated_group_is_followed_and_delivered_once(bot: BotHarness) -> None:
    await setup_pemda(bot)
    new_id = -1009999999999
    bot.request.migrated[DINKES_GROUP["id"]] = new_id
    _, calls = await publish_three(bot)
    delivered = [c for c in calls if c.chat_id == new_id and c.ok]
    assert len(delivered) == 2
    group = (await bot.rows(Group, Group.jenis == "opd"))[0]
    assert group.chat_id == new_id
    assert not [c for c in calls if c.chat_id == DINKES_GROUP["id"] and c.ok]


async def test_claimed_but_unattempted_rows_go_back_to_the_queue(bot: BotHarness) -> None:
    await import_sample_opds(bot)
    await join(bot, KEPALA_DINKES, "kepala DINKES")
    await queue_texts(bot, KEPALA_DINKES["id"], 3)
    # a crash after the claim: the head of the chat's queue is claimed, not attempted
    claimed = await bot.app.sender._claim()
    assert [row.payload["text"] for row in claimed] == ["Pesan 0"]
    assert await bot.app.sender.recover_claims() == 0
    await bot.app.sender.send_due()
    assert bot.request.texts(KEPALA_DINKES["id"])[-3:] == ["Pesan 0", "Pesan 1", "Pesan 2"]


async def test_a_claim_recovered_by_another_sender_is_not_called(bot: BotHarness) -> None:
    await import_sample_opds(bot)
    await join(bot, KEPALA_DINKES, "kepala DINKES")
    before = len(bot.request.texts(KEPALA_DINKES["id"]))
    await queue_texts(bot, KEPALA_DINKES["id"], 1)
    # this sender claimed the row, then lost its lock; the sender that took over re-queued it
    (claimed,) = await bot.app.sender._claim()
    assert await bot.app.sender.recover_claims() == 0  # (as the new sender does)
    assert await bot.app.sender._start(claimed) is False
    (row,) = await bot.rows(OutboxMessage, OutboxMessage.id == claimed.id)
    assert (row.state, row.started_at, row.attempts) == ("antri", None, 0)
    await bot.app.sender.send_due()
    assert bot.request.texts(KEPALA_DINKES["id"])[before:] == ["Pesan 0"]


def call_times(bot: BotHarness) -> dict[int, list[float]]:
    """Seconds since now (on the fake clock) at which each sending call to each chat started."""
    original = bot.request.do_request
    start = bot.clock.now()
    times: dict[int, list[float]] = {}

    async def noting(url: str, method: str, *args: Any, **kwargs: Any) -> Any:
        data = args[0] if args else kwargs.get("request_data")
        if url.endswith("/sendMessage") and data is not None:
            chat = int(data.parameters["chat_id"])
            times.setdefault(chat, []).append((bot.clock.now() - start).total_seconds())
        return await original(url, method, *args, **kwargs)

    bot.request.do_request = noting  # type: ignore[method-assign]
    return times


async def test_pacing_keeps_one_message_per_second_per_chat_and_twenty_a_minute_per_group(
    bot: BotHarness,
) -> None:
    times = call_times(bot)
    await queue_texts(bot, 555, 3)
    await queue_texts(bot, -100777, 25)
    await bot.app.sender.send_due()
    private, group = times[555], times[-100777]
    assert len(private) == 3 and len(group) == 25
    for chat in (private, group):
        assert all(round(b - a, 6) >= 1.0 for a, b in itertools.pairwise(chat)), chat
    # never more than 20 in any minute of one group, but the first 20 go a second apart
    assert all(round(group[n + 20] - group[n], 6) >= 60.0 for n in range(len(group) - 20))
    assert group[19] - group[0] < 20.0


async def test_pacing_keeps_the_overall_rate_and_no_second_holds_more_than_thirty(
    bot: BotHarness,
) -> None:
    times = call_times(bot)
    for n in range(120):
        await queue_texts(bot, 600_000 + n, 1)
    await bot.app.sender.send_due()
    starts = sorted(t for chat in times.values() for t in chat)
    assert len(starts) == 120
    assert all(bisect.bisect_left(starts, t + 1.0) - n <= 30 for n, t in enumerate(starts))
    # 29 a second (the setting's default), not slower
    assert starts[-1] - starts[0] <= 119 / 29.0 + 0.05
