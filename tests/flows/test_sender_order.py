"""The sender keeps its promises: one chat's messages leave in the order they were made,
whatever Telegram answers and across restarts; a chat waiting for a retry holds back only
itself; a person's answer does not wait behind someone else's queue or a push; a refused
message is never written off; the admins get one delivery summary, not one per message."""

from __future__ import annotations

from typing import Any

import httpx
from telegram import Update
from telegram.error import TimedOut

from bot.messaging.outbox import enqueue, message_payload
from bot.messaging.pacing import Limits, Pacing
from storage.models import Member, OutboxMessage
from storage.states import OutboxPrioritas
from tests.support.harness import ADMIN_ID, BotHarness, private_chat
from tests.support.pemda import STRANGER


async def queue_texts(
    bot: BotHarness,
    chat_id: int,
    count: int,
    *,
    prioritas: OutboxPrioritas = OutboxPrioritas.JAWABAN,
    member_id: int | None = None,
    label: str = "Pesan",
) -> None:
    """Queue ``count`` messages ``{label} 0``… to one chat, in one unit."""
    async with bot.app.env.db.unit(bot.clock.now()) as uow:
        for n in range(count):
            await enqueue(
                uow,
                f"uji:{chat_id}:{label}:{n}",
                "sendMessage",
                chat_id,
                message_payload(chat_id, f"{label} {n}"),
                member_id=member_id,
                prioritas=prioritas,
            )
        await uow.commit()


async def add_member(bot: BotHarness, telegram_id: int, nama: str, peran: str) -> int:
    async with bot.app.env.db.unit(bot.clock.now()) as uow:
        member = Member(telegram_id=telegram_id, nama=nama, peran=peran, joined_at=uow.now)
        uow.session.add(member)
        await uow.commit()
        return member.id


def time_out_after_sending(bot: BotHarness, count: int) -> None:
    """The next ``count`` sendMessage calls reach Telegram, then their answers are lost."""
    original = bot.request.do_request
    left = {"n": count}

    async def losing(url: str, method: str, *args: Any, **kwargs: Any) -> Any:
        answer = await original(url, method, *args, **kwargs)
        if url.endswith("/sendMessage") and answer[0] == 200 and left["n"] > 0:
            left["n"] -= 1
            error = TimedOut("Timed out")
            error.__cause__ = httpx.ReadTimeout("read")
            raise error
        return answer

    bot.request.do_request = losing  # type: ignore[method-assign]


def summaries(bot: BotHarness, chat_id: int) -> list[str]:
    return [t for t in bot.request.texts(chat_id) if "Laporan pengiriman" in t]


async def test_a_backlog_leaves_in_order_through_429_5xx_and_a_restart(bot: BotHarness) -> None:
    await queue_texts(bot, 555, 8)
    bot.request.fail_next(429, "Too Many Requests: retry after 5", retry_after=5)
    report = await bot.app.sender.send_due()
    # the first waits for its retry and holds back the seven behind it
    assert report.retried == 1 and bot.request.texts(555) == []
    await bot.restart()
    # Telegram refused it: after the restart it is still queued, not written off
    first = (await bot.rows(OutboxMessage, OutboxMessage.chat_id == 555))[0]
    assert first.state == "antri" and first.started_at is None
    bot.clock.advance(seconds=5)
    bot.request.fail_next(502, "Bad Gateway")
    await bot.app.sender.send_due()
    assert bot.request.texts(555) == []
    bot.clock.advance(seconds=4)
    await bot.app.sender.send_due()
    assert bot.request.texts(555) == [f"Pesan {n}" for n in range(8)]
    states = {o.state for o in await bot.rows(OutboxMessage, OutboxMessage.chat_id == 555)}
    assert states == {"terkirim"}
    assert summaries(bot, ADMIN_ID) == []


async def test_a_burst_leaves_first_to_last_at_the_chats_pace(bot: BotHarness) -> None:
    await queue_texts(bot, 555, 4)
    start = bot.clock.now()
    await bot.app.sender.send_due()
    assert bot.request.texts(555) == ["Pesan 0", "Pesan 1", "Pesan 2", "Pesan 3"]
    assert (bot.clock.now() - start).total_seconds() >= 3


async def test_a_retry_holds_back_its_own_chat_only(bot: BotHarness) -> None:
    await queue_texts(bot, 555, 3, label="A")
    await queue_texts(bot, 666, 3, label="B")
    bot.request.fail_next(429, "Too Many Requests: retry after 30", retry_after=30)
    await bot.app.sender.send_due()
    assert bot.request.texts(555) == []
    assert bot.request.texts(666) == ["B 0", "B 1", "B 2"]
    bot.clock.advance(seconds=30)
    await bot.app.sender.send_due()
    assert bot.request.texts(555) == ["A 0", "A 1", "A 2"]


async def test_a_strangers_help_goes_out_next_during_a_push_to_one_chat(
    bot: BotHarness,
) -> None:
    await queue_texts(bot, ADMIN_ID, 60, prioritas=OutboxPrioritas.SIARAN, label="Siaran")
    bantuan = Update.de_json(
        bot.updates.message(STRANGER, private_chat(STRANGER), "/bantuan"), bot.app.bot
    )
    asked: dict[str, Any] = {}

    async def meanwhile(seconds: float) -> None:
        # once the push has begun, while the sender waits for the admin chat's pace, a
        # stranger asks for help
        if not asked and bot.request.texts(ADMIN_ID):
            asked["at"] = bot.clock.now()
            asked["calls"] = len(bot.request.calls)
            await bot.app.process_update(bantuan)
        await bot.clock.sleep(seconds)

    bot.app.sender.sleep = meanwhile
    before = len(bot.request.calls)
    await bot.app.sender.send_due()
    calls = bot.request.calls[before:]
    order = [c.chat_id for c in calls if c.ok and c.method == "sendMessage"]
    assert order.count(ADMIN_ID) == 60
    # the push had started; the stranger's answer is the very next message, within a second
    assert asked["calls"] - before == 1
    assert order.index(STRANGER["id"]) == 1
    answered = [c.method for c in calls].index("sendMessage", 1)
    assert calls[answered].chat_id == STRANGER["id"]
    assert bot.request.texts(ADMIN_ID) == [f"Siaran {n}" for n in range(60)]


async def test_a_strangers_help_does_not_wait_behind_61_answers_to_an_admin(
    bot: BotHarness,
) -> None:
    await queue_texts(bot, ADMIN_ID, 61, label="Undangan")
    calls = await bot.say(STRANGER, "/bantuan")
    order = [c.chat_id for c in calls if c.ok and c.method == "sendMessage"]
    assert order.index(STRANGER["id"]) <= 1
    assert bot.request.texts(ADMIN_ID) == [f"Undangan {n}" for n in range(61)]


async def test_an_answer_does_not_wait_behind_the_push_queued_for_the_same_person(
    bot: BotHarness,
) -> None:
    """A stranger's own push message is queued behind 100 others; their /bantuan is answered
    first, and their push message still comes (in its own order)."""
    async with bot.app.env.db.unit(bot.clock.now()) as uow:
        for n in range(100):
            chat = 400_000 + n
            await enqueue(
                uow,
                f"siaran:{n}",
                "sendMessage",
                chat,
                message_payload(chat, f"Arahan untuk {n}"),
                prioritas=OutboxPrioritas.SIARAN,
            )
        for n in range(2):
            await enqueue(
                uow,
                f"siaran:stranger:{n}",
                "sendMessage",
                STRANGER["id"],
                message_payload(STRANGER["id"], f"Arahan untuk Anda {n}"),
                prioritas=OutboxPrioritas.SIARAN,
            )
        await uow.commit()
    calls = await bot.say(STRANGER, "/bantuan")
    sent = [c for c in calls if c.ok and c.method == "sendMessage"]
    assert sent[0].chat_id == STRANGER["id"] and "Arahan untuk" not in (sent[0].text or "")
    assert len(sent) == 103
    assert bot.request.texts(STRANGER["id"])[1:] == ["Arahan untuk Anda 0", "Arahan untuk Anda 1"]


async def test_a_push_made_after_an_answer_waits_for_it(bot: BotHarness) -> None:
    """Fan-out never overtakes an answer made before it (one chat, both kinds)."""
    await queue_texts(bot, 555, 1, label="Jawaban")
    await queue_texts(bot, 555, 1, prioritas=OutboxPrioritas.SIARAN, label="Siaran")
    await queue_texts(bot, 555, 1, label="Jawaban kedua")
    await bot.app.sender.send_due()
    assert bot.request.texts(555) == ["Jawaban 0", "Jawaban kedua 0", "Siaran 0"]


async def test_answers_go_before_a_fan_out_to_many(bot: BotHarness) -> None:
    async with bot.app.env.db.unit(bot.clock.now()) as uow:
        for n in range(100):
            chat = 400_000 + n
            await enqueue(
                uow,
                f"siaran:{n}",
                "sendMessage",
                chat,
                message_payload(chat, f"Arahan untuk {n}"),
                prioritas=OutboxPrioritas.SIARAN,
            )
        await uow.commit()
    calls = await bot.say(STRANGER, "/bantuan")
    sent = [c for c in calls if c.ok and c.method == "sendMessage"]
    assert sent[0].chat_id == STRANGER["id"]
    assert len(sent) == 101


async def test_unknowns_of_a_push_reach_each_admin_in_one_summary(bot: BotHarness) -> None:
    admins = [ADMIN_ID, 1002, 1003]
    for telegram_id in admins[1:]:
        await add_member(bot, telegram_id, f"Admin {telegram_id}", "admin")
    for n in range(25):
        member_id = await add_member(bot, 500_000 + n, f"Kabid <{n}> & Co", "operator")
        await queue_texts(
            bot, 500_000 + n, 1, prioritas=OutboxPrioritas.SIARAN, member_id=member_id
        )
    await queue_texts(bot, 600_000, 5, prioritas=OutboxPrioritas.SIARAN, label="Lancar")
    bot.request.clear()
    time_out_after_sending(bot, 25)
    report = await bot.app.sender.send_due()
    assert report.unknown == 25 and report.summaries == 1
    for admin in admins:
        [summary] = summaries(bot, admin)
        assert "25 pesan terputus" in summary
        assert summary.count("• ") == 20 and "dan 5 pesan lainnya" in summary
        assert "Kabid &lt;0&gt; &amp; Co" in summary and "<0>" not in summary
    assert len(bot.request.sent()) == 25 + 5 + 3
    # a later push with no trouble names nothing again
    await queue_texts(bot, 600_001, 2, label="Lagi")
    await bot.app.sender.send_due()
    assert all(len(summaries(bot, admin)) == 1 for admin in admins)


async def test_unreachable_members_of_a_push_are_named_in_one_summary(bot: BotHarness) -> None:
    """25 members who never pressed Start, 3 admins: 3 messages in all (one summary each),
    every member named once, escaped; before, each admin got one notice per member."""
    admins = [ADMIN_ID, 1002, 1003]
    for telegram_id in admins[1:]:
        await add_member(bot, telegram_id, f"Admin {telegram_id}", "admin")
    for n in range(25):
        member_id = await add_member(bot, 500_000 + n, f"Kabid <{n}> & Co", "operator")
        bot.request.unreachable.add(500_000 + n)
        for k in range(2):  # two messages each: still named once
            await queue_texts(
                bot,
                500_000 + n,
                1,
                prioritas=OutboxPrioritas.SIARAN,
                member_id=member_id,
                label=f"Arahan {k}",
            )
    bot.request.clear()
    report = await bot.app.sender.send_due()
    assert report.summaries == 1
    for admin in admins:
        [summary] = summaries(bot, admin)
        assert "25 anggota belum bisa dihubungi" in summary
        assert summary.count("• Kabid") == 20 and "dan 5 anggota lainnya" in summary
        assert summary.count("Kabid &lt;0&gt; &amp; Co") == 1 and "<0>" not in summary
        assert "menekan <b>Start</b>" in summary
    admin_chats = {c.chat_id for c in bot.request.sent()}
    assert admin_chats == set(admins)
    assert len(bot.request.sent()) == 3
    members = await bot.rows(Member, Member.telegram_id >= 500_000)
    assert {m.reachable for m in members} == {False}


async def test_a_summary_waits_for_the_push_or_an_hour(bot: BotHarness) -> None:
    await queue_texts(bot, 666, 1, label="Ditahan")
    await queue_texts(bot, 555, 1, label="Hilang")
    time_out_after_sending(bot, 1)
    bot.request.fail_next(429, "Too Many Requests: retry after 5000", retry_after=5000)
    # 666 is refused and waits for its retry; 555 reaches Telegram but the answer is lost
    report = await bot.app.sender.send_due()
    assert report.unknown == 1 and report.summaries == 0  # the push is not over yet
    bot.clock.advance(minutes=59)
    assert (await bot.app.sender.send_due()).summaries == 0
    bot.clock.advance(minutes=1)
    assert (await bot.app.sender.send_due()).summaries == 1
    [summary] = summaries(bot, ADMIN_ID)
    assert "Hilang 0" in summary and "Ditahan" not in summary


async def test_a_crash_during_the_call_is_unknown_and_named_once(bot: BotHarness) -> None:
    await queue_texts(bot, 555, 2)
    row = (await bot.rows(OutboxMessage, OutboxMessage.chat_id == 555))[0]
    # the process dies during the first call: claimed, started, no answer recorded
    async with bot.app.env.db.unit(bot.clock.now()) as uow:
        started = await uow.session.get(OutboxMessage, row.id)
        assert started is not None
        started.state, started.started_at = "mengirim", uow.now
        await uow.commit()
    await bot.restart()
    assert bot.request.texts(555) == ["Pesan 1"]
    [summary] = summaries(bot, ADMIN_ID)
    assert "1 pesan terputus" in summary and "Pesan 0" in summary
    await bot.restart()
    assert len(summaries(bot, ADMIN_ID)) == 1


async def test_an_answer_queued_while_the_last_one_is_on_its_way_does_not_wait_for_the_push(
    bot: BotHarness,
) -> None:
    """The sender claims again when a call finishes only if rows of its chat were queued
    behind it; a row queued after the claim (the person asked again while the first answer
    was on its way) counts too."""
    # a chat's own pace (1/s) is not what this is about: let one chat take calls as fast as
    # the bot's overall pace
    bot.app.sender.pacing = Pacing(Limits(per_chat_per_second=29.0))
    for n in range(40):
        await queue_texts(bot, 400_000 + n, 1, prioritas=OutboxPrioritas.SIARAN, label="Siaran")
    await queue_texts(bot, STRANGER["id"], 1, label="Jawaban")
    handle = bot.request.handle

    async def asked_again_meanwhile(method: str, params: Any, files: Any) -> Any:
        if params.get("text") == "Jawaban 0":
            await queue_texts(bot, STRANGER["id"], 1, label="Jawaban kedua")
            bot.app.sender.wake()
        return await handle(method, params, files)

    bot.request.handle = asked_again_meanwhile  # type: ignore[method-assign,assignment]
    await bot.app.sender.send_due()
    order = [c.chat_id for c in bot.request.sent() if c.method == "sendMessage"]
    assert bot.request.texts(STRANGER["id"]) == ["Jawaban 0", "Jawaban kedua 0"]
    assert len(order) == 42
    # the second answer leaves among the first few, not after the push to forty chats
    assert order.index(STRANGER["id"], 1) <= 3, order
