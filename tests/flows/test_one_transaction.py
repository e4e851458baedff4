"""One update, one transaction (issue 11): a reply, a button press and a command each commit
once while they are handled, with no rollback and no extra round trip; the inbox keeps the
update once. Counted with SQLAlchemy's engine events around ``process_update`` only (the
sender's own transactions are its business)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import pytest
from sqlalchemy import event, text
from telegram import Update

from bot.features.reminders.service import weekly_push
from storage.models import InboxUpdate, OutboxMessage
from tests.support.fake_telegram import RecordingRequest
from tests.support.harness import BotHarness, private_chat
from tests.support.pemda import (
    KEPALA_DINKES,
    THREE_DIRECTIVES,
    button_data,
    directive_to,
    published,
    setup_pemda,
    tugas_of,
)


@dataclass
class Counted:
    commits: int = 0
    rollbacks: int = 0
    outbox_inserts: int = 0
    inbox_writes: int = 0
    """Writes of the update itself (it was stored on its way in; only its mark is updated)."""
    statements: list[str] = field(default_factory=list)
    reads: list[str] = field(default_factory=list)
    """Each SELECT with its parameters."""


@contextmanager
def counting(bot: BotHarness) -> Iterator[Counted]:
    engine = bot.app.env.db.engine.sync_engine
    counted = Counted()

    def on_commit(_conn: Any) -> None:
        counted.commits += 1

    def on_rollback(_conn: Any) -> None:
        counted.rollbacks += 1

    def on_execute(_conn: Any, _cursor: Any, statement: str, parameters: Any, *_: Any) -> None:
        words = statement.split()
        counted.statements.append(words[0])
        if words[0] == "SELECT":
            counted.reads.append(f"{' '.join(words)} {parameters!r}")
        if words[:3] in (["INSERT", "INTO", "inbox"], ["DELETE", "FROM", "inbox"]):
            counted.inbox_writes += 1
        if words[:3] == ["INSERT", "INTO", "outbox"]:
            counted.outbox_inserts += 1

    event.listen(engine, "commit", on_commit)
    event.listen(engine, "rollback", on_rollback)
    event.listen(engine, "before_cursor_execute", on_execute)
    try:
        yield counted
    finally:
        event.remove(engine, "commit", on_commit)
        event.remove(engine, "rollback", on_rollback)
        event.remove(engine, "before_cursor_execute", on_execute)


async def handled(bot: BotHarness, update: dict[str, Any]) -> Counted:
    """Receive the update as the poller does (the inbox stores it on its way in, committed
    before Telegram is told), then count what handling it costs."""
    incoming = Update.de_json(update, bot.app.bot)
    await bot.app.inbox.store_incoming(incoming)
    with counting(bot) as counted:
        await bot.app.process_update(incoming)
    await bot.app.sender.send_due()
    return counted


def one_transaction(counted: Counted) -> None:
    assert (counted.commits, counted.rollbacks) == (1, 0), counted
    assert counted.statements.count("BEGIN") <= 1, counted
    assert counted.inbox_writes == 0, counted


async def test_a_reply_is_one_transaction(bot: BotHarness) -> None:
    calls = await published(bot)
    message = directive_to(calls, KEPALA_DINKES["id"], 1)
    update = bot.updates.message(
        KEPALA_DINKES, private_chat(KEPALA_DINKES), "progres 60%", reply_to=message
    )
    counted = await handled(bot, update)
    one_transaction(counted)
    # nothing is read twice: the sender, what the bot waits for from them, the penugasan
    twice = {read for read in counted.reads if counted.reads.count(read) > 1}
    assert not twice, twice
    assert (await tugas_of(bot, message)).progress == 60


async def test_a_button_press_is_one_transaction(bot: BotHarness) -> None:
    calls = await published(bot)
    message = directive_to(calls, KEPALA_DINKES["id"], 1)
    update = bot.updates.callback(KEPALA_DINKES, message, button_data(message, "👍 Terima"))
    one_transaction(await handled(bot, update))
    assert (await tugas_of(bot, message)).status == "diterima"


async def test_a_command_is_one_transaction(bot: BotHarness) -> None:
    await published(bot)
    update = bot.updates.message(KEPALA_DINKES, private_chat(KEPALA_DINKES), "/tugas")
    counted = await handled(bot, update)
    one_transaction(counted)


async def test_publishing_writes_each_directives_fan_out_in_one_statement(
    bot: BotHarness,
) -> None:
    await setup_pemda(bot)
    preview_calls = await bot.say(bot.admin, THREE_DIRECTIVES)
    preview = [c for c in preview_calls if c.method == "sendMessage"][-1]
    publish = bot.updates.callback(bot.admin, preview, RecordingRequest.buttons(preview)[0][0][1])
    counted = await handled(bot, publish)
    one_transaction(counted)
    # three directives, one INSERT each for their readers, one for the admin's summary edit
    assert counted.outbox_inserts == 4, counted
    sent = await bot.rows(OutboxMessage)
    assert len([r for r in sent if r.key.startswith("arahan:")]) > 10


async def test_the_weekly_push_writes_every_opds_messages_in_one_statement(
    bot: BotHarness,
) -> None:
    await published(bot)
    env = bot.app.env

    async def push() -> tuple[int, Counted]:
        with counting(bot) as counted:
            async with env.db.unit(bot.clock.now()) as uow:
                queued = await weekly_push(uow, env, f"{bot.clock.now():%Y-%m-%d} uji")
                await uow.commit()
        return queued, counted

    queued, counted = await push()
    rows = [r for r in await bot.rows(OutboxMessage) if r.key.startswith("pengingat:mingguan")]
    assert queued == len(rows) >= 3
    assert len({r.opd_id for r in rows}) >= 2  # several OPDs' lists, one statement
    assert counted.outbox_inserts == 1, counted
    before = len(await bot.rows(OutboxMessage))
    again, _ = await push()  # the same run again queues nothing twice
    assert again == 0 and len(await bot.rows(OutboxMessage)) == before


class _Poll(RecordingRequest):
    """Answers getUpdates with the given updates (and nothing else is asked of it here)."""

    def __init__(self, updates: list[dict[str, Any]]) -> None:
        super().__init__()
        self.updates = updates

    async def do_request(self, url: str, method: str, *args: Any, **kwargs: Any) -> Any:
        return 200, json.dumps({"ok": True, "result": self.updates}).encode()


async def test_a_polls_updates_are_stored_in_one_transaction_and_handled_in_one_each(
    bot: BotHarness,
) -> None:
    calls = await published(bot)
    message = directive_to(calls, KEPALA_DINKES["id"], 1)
    chat = private_chat(KEPALA_DINKES)
    polled = [
        bot.updates.message(KEPALA_DINKES, chat, "progres 30%", reply_to=message),
        bot.updates.message(KEPALA_DINKES, chat, "progres 45%", reply_to=message),
        bot.updates.message(KEPALA_DINKES, chat, "/tugas"),
    ]
    watch = bot.app.poll_watch
    watch.inner = _Poll(polled)
    with counting(bot) as stored:
        await watch.do_request(f"{bot.settings.base_url}/getUpdates", "POST")
    # the whole poll: one statement, one commit, before anyone handles it
    assert (stored.commits, stored.inbox_writes) == (1, 1), stored
    rows = await bot.rows(InboxUpdate)
    assert {r.update_id for r in rows} >= {u["update_id"] for u in polled}
    assert all(r.handled_at is None for r in rows if r.update_id == polled[0]["update_id"])
    for update in polled:
        incoming = Update.de_json(update, bot.app.bot)
        await bot.app.update_queue.put(incoming)  # the poller queues it: not stored again
        await bot.app.update_queue.get()
        with counting(bot) as counted:
            await bot.app.process_update(incoming)
        one_transaction(counted)
    await bot.app.sender.send_due()
    assert (await tugas_of(bot, message)).progress == 45
    handled = await bot.rows(InboxUpdate, InboxUpdate.update_id == polled[-1]["update_id"])
    assert handled[0].handled_at is not None


async def test_a_poll_that_cannot_be_stored_fails_so_nothing_is_confirmed(
    bot: BotHarness,
) -> None:
    await published(bot)
    update = bot.updates.message(KEPALA_DINKES, private_chat(KEPALA_DINKES), "/tugas")
    watch = bot.app.poll_watch
    watch.inner = _Poll([update])

    async def database_down(_payloads: list[dict[str, Any]]) -> None:
        raise OSError("database unreachable")

    watch.keep = database_down
    with pytest.raises(OSError):
        await watch.do_request(f"{bot.settings.base_url}/getUpdates", "POST")
    # python-telegram-bot never sees the poll's updates, so the offset is not moved past them
    assert await bot.rows(InboxUpdate, InboxUpdate.update_id == update["update_id"]) == []


async def test_sending_an_answer_costs_its_claim_its_in_flight_mark_and_its_sent_mark(
    bot: BotHarness,
) -> None:
    calls = await published(bot)
    await bot.app.sender.send_due()
    message = directive_to(calls, KEPALA_DINKES["id"], 1)
    update = bot.updates.message(
        KEPALA_DINKES, private_chat(KEPALA_DINKES), "progres 60%", reply_to=message
    )
    incoming = Update.de_json(update, bot.app.bot)
    await bot.app.inbox.store_incoming(incoming)
    await bot.app.process_update(incoming)
    before = len(bot.request.sent())
    with counting(bot) as counted:
        report = await bot.app.sender.send_due()
    assert report.sent == 1 and len(bot.request.sent()) == before + 1
    # no claim that finds nothing, no look for unknown messages when none can have appeared
    assert (counted.commits, counted.rollbacks) == (3, 0), counted


async def test_the_bot_talks_to_postgresql_without_its_jit_compiler(bot: BotHarness) -> None:
    """PostgreSQL compiles queries it estimates as costly; for the bot's short queries that
    took longer than the query (240 ms for a 60 ms digest query)."""
    db = bot.app.env.db
    if not db.is_postgres:
        pytest.skip("PostgreSQL only")
    async with db.engine.connect() as conn:
        assert await conn.scalar(text("SHOW jit")) == "off"
