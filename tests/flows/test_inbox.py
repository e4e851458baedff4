"""The inbox: an update stored but not handled (a crash) is handled once at the next start."""

from __future__ import annotations

from sqlalchemy import update as sql_update
from telegram import Update

from storage.models import InboxUpdate, Opd, OutboxMessage
from tests.support.harness import BotHarness, private_chat


async def test_update_left_by_a_crash_is_handled_once_at_start(bot: BotHarness) -> None:
    data = bot.updates.message(
        bot.admin, private_chat(bot.admin), "/opd_tambah DINKES | Dinas Kesehatan | 1"
    )
    # the process stored the update, then died before handling it
    await bot.app.inbox.store(Update.de_json(data, bot.app.bot))
    assert await bot.rows(Opd) == []

    await bot.stop()
    restarted = BotHarness(bot.settings.DATABASE_URL, bot.clock)
    await restarted.start()
    try:
        assert [o.kode for o in await restarted.rows(Opd)] == ["DINKES"]
        answers = [c for c in restarted.request.sent() if "DINKES" in (c.text or "")]
        assert len(answers) == 1
        # Telegram delivers the same update again (offset not confirmed): nothing happens
        await restarted.feed(data)
        assert len([c for c in restarted.request.sent() if "DINKES" in (c.text or "")]) == 1
        inbox = await restarted.rows(InboxUpdate, InboxUpdate.update_id == data["update_id"])
        assert inbox[0].handled_at is not None and inbox[0].outcome == "ditangani"
    finally:
        await restarted.stop()
        bot.app = restarted.app  # the fixture's stop() closes this one again harmlessly


async def test_effects_and_handled_mark_commit_together(bot: BotHarness) -> None:
    data = bot.updates.message(
        bot.admin, private_chat(bot.admin), "/opd_tambah DINKES | Dinas Kesehatan | 1"
    )
    await bot.feed(data)
    inbox = (await bot.rows(InboxUpdate, InboxUpdate.update_id == data["update_id"]))[0]
    reply = await bot.rows(OutboxMessage, OutboxMessage.key.like(f"balas:{data['update_id']}.%"))
    assert inbox.handled_at is not None and len(reply) == 1


async def test_send_interrupted_by_a_crash_is_not_resent(bot: BotHarness) -> None:
    await bot.say(bot.admin, "/opd_tambah DINKES | Dinas Kesehatan | 1")
    async with bot.app.env.db.unit(bot.clock.now()) as uow:
        await uow.session.execute(sql_update(OutboxMessage).values(state="mengirim"))
        await uow.commit()
    recovered = await bot.app.sender.recover_claims()
    assert recovered >= 1
    before = len(bot.request.calls)
    await bot.app.sender.send_due()
    # nothing is re-sent; only the admins' delivery report about it goes out
    new = bot.request.calls[before:]
    assert [c.method for c in new] == ["sendMessage"]
    assert "Laporan pengiriman" in (new[0].text or "")
    states = [o.state for o in await bot.rows(OutboxMessage)]
    assert states.count("tidak_pasti") == recovered


async def test_an_update_handled_elsewhere_meanwhile_changes_nothing(bot: BotHarness) -> None:
    """Two processes replaying the same update: the second one's effects are rolled back."""
    from sqlalchemy import update as sql_update

    data = bot.updates.message(
        bot.admin, private_chat(bot.admin), "/opd_tambah DINKES | Dinas Kesehatan | 1"
    )
    parsed = Update.de_json(data, bot.app.bot)
    store = bot.app.inbox.store

    async def store_then_other_process_finishes(upd: Update) -> int | None:
        # this process finds the update open; another one finishes handling it right after
        stored_at = await store(upd)
        async with bot.app.env.db.unit(bot.clock.now()) as uow:
            await uow.session.execute(
                sql_update(InboxUpdate).values(handled_at=bot.clock.now(), outcome="proses lain")
            )
            await uow.commit()
        return stored_at

    bot.app.inbox.store = store_then_other_process_finishes  # type: ignore[method-assign]
    await bot.app.process_update(parsed)
    assert await bot.rows(Opd) == []
    assert await bot.rows(OutboxMessage, OutboxMessage.key.like(f"balas:{parsed.update_id}%")) == []


async def test_an_update_id_reused_by_telegram_after_a_quiet_week_is_handled(
    bot: BotHarness,
) -> None:
    """After a week without updates Telegram chooses update ids at random: a repeat of an
    old id is a new update, not a redelivery."""
    first = bot.updates.message(
        bot.admin, private_chat(bot.admin), "/opd_tambah DINKES | Dinas Kesehatan | 1"
    )
    await bot.feed(first)
    bot.clock.advance(days=8)
    again = bot.updates.message(
        bot.admin, private_chat(bot.admin), "/opd_tambah DISDIK | Dinas Pendidikan | 1"
    )
    again["update_id"] = first["update_id"]
    await bot.feed(again)
    assert sorted(o.kode for o in await bot.rows(Opd)) == ["DINKES", "DISDIK"]
    # within the week, the same id is a redelivery and is not handled twice
    await bot.feed(again)
    assert len([c for c in bot.request.sent() if "DISDIK" in (c.text or "")]) == 1
