"""`/healthz` and `/metrics` on 127.0.0.1 (METRICS_PORT), and the JSON log lines of a handled
update, against the real app on SQLite and PostgreSQL."""

from __future__ import annotations

import io
import json
import logging
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest
from prometheus_client.parser import text_string_to_metric_families
from sqlalchemy import func, select
from telegram import Update

from bot.app import start_monitor, take_part_in_sending
from bot.observability import logs
from bot.observability.health import STALE_SECONDS
from storage.db import Database
from storage.locks import SENDER_LOCK, SessionLock
from storage.models import OutboxMessage, ScheduledRun
from storage.states import OutboxState, RunState
from tests.support.fake_telegram import RecordingRequest
from tests.support.harness import TOKEN, BotHarness, private_chat
from tests.support.pemda import (
    OPERATOR_DINKES,
    THREE_DIRECTIVES,
    import_sample_opds,
    setup_pemda,
)


@pytest.fixture
async def monitor(bot: BotHarness) -> AsyncIterator[httpx.AsyncClient]:
    """The listener of ``bot`` on a free port, and a client for it."""
    port = await start_monitor(bot.app, 0)
    try:
        async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}") as client:
            yield client
    finally:
        assert bot.app.monitor is not None
        await bot.app.monitor.stop()


def elsewhere(bot: BotHarness, tmp_path: Path) -> Database:
    """A database URL where nothing answers."""
    if bot.app.env.db.is_postgres:
        return Database("postgresql+asyncpg://postgres@127.0.0.1:1/hilang")
    return Database(f"sqlite+aiosqlite:///{tmp_path}/tidak/ada/bot.db")


async def test_healthz_ok_after_start_and_503_naming_what_fails(
    bot: BotHarness, monitor: httpx.AsyncClient, tmp_path: Path
) -> None:
    # started as in production: this process takes the sender lock and runs the loop
    await take_part_in_sending(bot.app)
    await bot.app.bot.get_updates(timeout=0)  # Telegram answered a poll just now
    answer = await monitor.get("/healthz")
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert body["status"] == "ok"
    assert {body[p]["ok"] for p in ("database", "sender", "updates")} == {True}
    assert body["sender"]["detail"] == "proses ini mengirim"

    # the database is gone
    assert bot.app.monitor is not None
    health = bot.app.monitor.health
    real, health.db = health.db, elsewhere(bot, tmp_path)
    try:
        answer = await monitor.get("/healthz")
    finally:
        await health.db.dispose()
        health.db = real
    assert answer.status_code == 503
    assert answer.json()["gagal"] == ["database"]
    assert (await monitor.get("/healthz")).status_code == 200

    # Telegram has not answered a poll for too long
    heartbeat = bot.app.poll_watch.heartbeat
    assert heartbeat.last is not None
    heartbeat.last -= STALE_SECONDS + 5
    answer = await monitor.get("/healthz")
    assert answer.status_code == 503 and answer.json()["gagal"] == ["updates"]
    await bot.app.bot.get_updates(timeout=0)
    assert (await monitor.get("/healthz")).status_code == 200

    # no sender anywhere
    await bot.app.election.stop()
    answer = await monitor.get("/healthz")
    assert answer.status_code == 503 and answer.json()["gagal"] == ["sender"]
    if bot.app.env.db.is_postgres:
        # another process of the deployment holds the sender lock: alive
        other = Database(bot.settings.DATABASE_URL)
        lock = SessionLock(other, SENDER_LOCK)
        try:
            assert await lock.try_take()
            answer = await monitor.get("/healthz")
            assert answer.status_code == 200, answer.text
            assert answer.json()["sender"]["detail"] == "proses lain mengirim"
        finally:
            await lock.release()
            await other.dispose()


async def test_webhook_mode_quiet_is_healthy_until_telegram_holds_updates(
    bot: BotHarness, monitor: httpx.AsyncClient
) -> None:
    from telegram import WebhookInfo

    await take_part_in_sending(bot.app)
    assert bot.app.monitor is not None
    health = bot.app.monitor.health
    pending = {"count": 0}

    async def info() -> WebhookInfo:
        return WebhookInfo(
            url="https://bot.pemda.go.id/tg",
            has_custom_certificate=False,
            pending_update_count=pending["count"],
            last_error_message="Connection refused" if pending["count"] else None,
        )

    health.webhook, health.webhook_info = True, info
    bot.app.poll_watch.heartbeat.started -= STALE_SECONDS + 5  # no call for a while
    answer = await monitor.get("/healthz")
    assert answer.status_code == 200, answer.text
    assert "webhook sepi" in answer.json()["updates"]["detail"]
    pending["count"] = 3
    health._asked = None  # the next check asks Telegram again
    answer = await monitor.get("/healthz")
    assert answer.status_code == 503
    assert "3 update menunggu" in answer.json()["updates"]["detail"]
    assert "Connection refused" in answer.json()["updates"]["detail"]


def scrape(text: str) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    """Every sample of a /metrics page by name and labels."""
    return {
        (sample.name, tuple(sorted(sample.labels.items()))): sample.value
        for family in text_string_to_metric_families(text)
        for sample in family.samples
    }


async def test_metrics_after_publishing_three_directives(
    bot: BotHarness, monitor: httpx.AsyncClient
) -> None:
    await setup_pemda(bot)
    bot.request.unreachable.add(OPERATOR_DINKES["id"])
    calls = await bot.say(bot.admin, THREE_DIRECTIVES)
    preview = [c for c in calls if c.method == "sendMessage"][-1]
    # Telegram answers the first call of the fan-out with 429 (it is retried and sent)
    bot.request.fail_next(429, "Too Many Requests: retry after 1", retry_after=1)
    await bot.press(bot.admin, preview, RecordingRequest.buttons(preview)[0][0][1])

    page = await monitor.get("/metrics")
    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/plain")
    values = scrape(page.text)

    def value(name: str, **labels: str) -> float:
        return values[(name, tuple(sorted(labels.items())))]

    rows = await bot.rows(OutboxMessage)
    sent = sum(1 for r in rows if r.state == OutboxState.TERKIRIM)
    assert sent > 10
    assert value("tindaklanjut_outbox_messages", state="terkirim") == sent
    assert value("tindaklanjut_outbox_messages", state="gagal") == 2  # directives 1 and 3
    assert value("tindaklanjut_outbox_messages", state="antri") == 0
    assert value("tindaklanjut_outbox_messages", state="tidak_pasti") == 0
    assert value("tindaklanjut_outbox_oldest_due_seconds") == 0
    assert value("tindaklanjut_telegram_429_total") == 1
    assert value("tindaklanjut_members_unreachable") == 1
    assert value("tindaklanjut_outbox_unknown_fate") == 0
    assert value("tindaklanjut_inbox_unhandled") == 0
    assert value("tindaklanjut_database_up") == 1
    assert value("tindaklanjut_update_handling_seconds_count") >= 2  # the message, the press
    assert value("tindaklanjut_scheduled_runs_total", result="missed") == 0

    # a reply queued and not sent yet, due for 90 seconds; a row of unknown fate
    update = bot.updates.message(bot.admin, private_chat(bot.admin), "/opd")
    await bot.app.process_update(Update.de_json(update, bot.app.bot))
    bot.clock.advance(seconds=90)
    async with bot.app.env.db.unit(bot.clock.now()) as uow:
        failed = (
            await uow.session.scalars(
                select(OutboxMessage).where(OutboxMessage.state == OutboxState.GAGAL)
            )
        ).first()
        assert failed is not None
        failed.state = OutboxState.TIDAK_PASTI
        await uow.commit()
    values = scrape((await monitor.get("/metrics")).text)
    assert value("tindaklanjut_outbox_messages", state="antri") >= 1
    assert value("tindaklanjut_outbox_oldest_due_seconds") == 90
    assert value("tindaklanjut_outbox_unknown_fate") == 1
    assert value("tindaklanjut_outbox_messages", state="tidak_pasti") == 1
    await bot.app.sender.send_due()

    # scheduled runs: Monday 08:00's run an hour late (caught up), one missed
    bot.clock.advance(hours=1)
    await bot.tick()
    async with bot.app.env.db.unit(bot.clock.now()) as uow:
        done = await uow.session.scalar(
            select(func.count())
            .select_from(ScheduledRun)
            .where(ScheduledRun.state == RunState.SELESAI)
        )
        uow.session.add(
            ScheduledRun(
                jenis="mingguan",
                occurrence="2026-11-16T08:00",
                state=RunState.TERLEWAT,
                queued=0,
                at=uow.now,
            )
        )
        await uow.commit()
    values = scrape((await monitor.get("/metrics")).text)
    assert done and value("tindaklanjut_scheduled_runs_total", result="done") == done
    assert value("tindaklanjut_scheduled_runs_total", result="caught_up") >= 1
    assert value("tindaklanjut_scheduled_runs_total", result="missed") == 1


async def test_metrics_say_when_the_database_is_gone(
    bot: BotHarness, monitor: httpx.AsyncClient, tmp_path: Path
) -> None:
    metrics = bot.app.metrics
    real, metrics.db = metrics.db, elsewhere(bot, tmp_path)
    try:
        page = await monitor.get("/metrics")
    finally:
        await metrics.db.dispose()
        metrics.db = real
    assert page.status_code == 200
    values = scrape(page.text)
    assert values[("tindaklanjut_database_up", ())] == 0
    assert not any(name == "tindaklanjut_outbox_messages" for name, _ in values)


async def test_json_log_lines_name_the_update_and_never_the_token(bot: BotHarness) -> None:
    out = io.StringIO()
    handler = logs.handler("json", out)
    root = logging.getLogger()
    level = root.level
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    update_id = bot.updates.next_ids["update"]
    try:
        await import_sample_opds(bot)
        logging.getLogger("tests").warning(
            "url https://api.telegram.org/bot%s/getMe", TOKEN, extra={"url": f"/bot{TOKEN}/x"}
        )
    finally:
        root.removeHandler(handler)
        root.setLevel(level)
    text = out.getvalue()
    lines = [json.loads(line) for line in text.splitlines()]
    imported = [line for line in lines if "impor OPD mengubah 44 OPD" in line["message"]]
    assert len(imported) == 1, text
    line = imported[0]
    assert line["level"] == "INFO" and line["logger"] == "bot.features.opd.service"
    assert line["update_id"] == update_id
    assert line["user_id"] == bot.admin["id"]
    assert line["command"] == "/opd_impor"
    # a line outside any update carries none of them; the token is nowhere
    outside = [line for line in lines if line["logger"] == "tests"]
    assert outside and "update_id" not in outside[0]
    assert TOKEN not in text and TOKEN.partition(":")[2] not in text
