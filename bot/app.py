"""The app factory: wires settings, storage, services, handlers and the sender.

Nothing happens at import time; ``build_application`` returns a ready PTB Application, and
``start_services`` (run by ``post_init`` in production, by fixtures in tests) migrates the
database and bootstraps the admins (under the start-up lock, so processes started at once take
turns), loads the callback signing secret, takes part in the sender election (the sender
recovers interrupted sends) and replays unhandled updates.
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import warnings
from collections.abc import Awaitable, Callable
from datetime import date
from typing import Any

from telegram import Update
from telegram.error import Conflict
from telegram.ext import Application, ApplicationBuilder, ContextTypes
from telegram.request import BaseRequest, HTTPXRequest

from bot.clock import Clock, SystemClock
from bot.config import Settings
from bot.domain.kalender import missing_cuti_bersama, missing_cuti_bersama_advice
from bot.env import Env
from bot.features.berkas.desk import Desk
from bot.features.directives.imports import wants_file
from bot.features.evidence.keeper import Keeper
from bot.features.people.menus import ensure_bootstrap_admins
from bot.features.reminders.service import run_due
from bot.logsafe import protect
from bot.messaging.callbacks import CallbackSigner, SignerNotLoaded
from bot.messaging.delivery import tell_admins_unknown
from bot.messaging.election import SenderElection
from bot.messaging.inbox import Inbox, InboxQueue
from bot.messaging.pacing import Limits
from bot.messaging.pipeline import BotContext, Turn, finish, prefetch
from bot.messaging.sender import Sender, Sleep
from bot.messaging.watched_request import WatchedRequest
from bot.observability.health import Health, Heartbeat, MonitorServer
from bot.observability.logs import about_update
from bot.observability.metrics import CountingRequest, Metrics
from bot.texts import Texts
from handlers import register_all
from storage import bot_state
from storage.db import Database, UnitOfWork, UpdateRef
from storage.locks import held_while_starting
from storage.migrate import upgrade_to_head
from storage.models import OutboxMessage

log = logging.getLogger(__name__)
TICK_SECONDS = 60


class PollWatch(WatchedRequest):
    """The getUpdates connection, noting whether Telegram ever answered a poll: a process
    that has polled keeps running through a 409 Conflict (another process started with the
    same token); one that never has is the newcomer and stops (see ``process_error``).

    It also hands each poll's updates to ``keep`` (the inbox) before python-telegram-bot sees
    them: all updates of one poll are stored in one transaction, and before the next poll
    confirms them to Telegram. If storing fails, the poll fails: nothing is confirmed and the
    same updates come again."""

    def __init__(self, inner: BaseRequest) -> None:
        super().__init__(inner)
        self.polled = False
        self.heartbeat = Heartbeat()  # when Telegram last answered (see /healthz)
        self.keep: Callable[[list[dict[str, Any]]], Awaitable[None]] | None = None

    async def answered(self, url: str, status: int, body: bytes) -> None:
        """Store the updates of a poll Telegram answered."""
        if status == 200 and self.keep is not None and url.endswith("/getUpdates"):
            updates = json.loads(body).get("result")
            if updates:
                await self.keep(updates)

    def noted(self, url: str, status: int) -> None:
        """A 200 to getUpdates means this process is a poller Telegram knows."""
        if status == 200 and url.endswith("/getUpdates"):
            self.polled = True
            self.heartbeat.beat()


class TindakLanjutApp(Application):  # type: ignore[type-arg]
    """A PTB Application whose updates pass through the inbox and whose replies go out
    through the outbox sender."""

    env: Env
    inbox: Inbox
    sender: Sender
    keeper: Keeper
    keeper_task: asyncio.Task[None] | None = None
    desk: Desk
    desk_task: asyncio.Task[None] | None = None
    election: SenderElection
    election_task: asyncio.Task[None] | None = None
    poll_watch: PollWatch
    turns: dict[int, Turn]
    metrics: Metrics
    monitor: MonitorServer | None = None

    @property
    def conflict(self) -> bool:
        """Telegram said another process polls with this token (this one has stopped)."""
        return bool(self.bot_data.get("conflict"))

    async def process_error(
        self,
        update: object | None,
        error: Exception,
        job: Any = None,
        coroutine: Any = None,
    ) -> bool:
        """A 409 Conflict while polling: transient for a process that has polled before
        (another process started with the same token; Telegram may answer 409 to either, PTB
        retries with a growing back-off), fatal for one that never has (see handlers.errors)."""
        if isinstance(error, Conflict) and update is None and self.poll_watch.polled:
            log.warning(
                "Telegram: 409 Conflict — proses lain memakai token ini; proses ini sudah "
                "menerima update dan tetap berjalan (dicoba lagi). Hentikan proses lainnya."
            )
            return False
        return await super().process_error(update, error, job, coroutine)

    async def shutdown(self) -> None:
        """Stop sending and give the sender lock up, then shut PTB down."""
        if self.election_task is not None:
            self.election_task.cancel()
        await self.election.stop()
        await super().shutdown()

    async def process_update(self, update: object) -> None:
        """Store the update, then handle it in one unit of work (see bot.messaging.pipeline)."""
        if not isinstance(update, Update):
            await super().process_update(update)
            return
        if self.env.settings.WEBHOOK_URL:  # in webhook mode, an update is a call
            self.poll_watch.heartbeat.beat()
        try:
            with about_update(update), self.metrics.timed_update():
                await self._handle(update)
        except Exception:
            # the database failed under this update: nothing of it was committed but the
            # inbox row, so it is handled again at the next start
            log.exception("update %s tidak tertangani; disimpan untuk diulang", update.update_id)
        self.sender.wake()

    async def _wants_file(self, telegram_id: int, chat_id: int, caption: str) -> bool:
        return await wants_file(self.env, telegram_id, chat_id, caption)

    async def _handle(self, update: Update) -> None:
        stored_at = await self.inbox.store_once(update)
        if stored_at is None:
            log.info("update %s sudah ditangani, dilewati", update.update_id)
            return
        download = await prefetch(self.bot, update, self._wants_file)
        ref = UpdateRef(update.update_id, stored_at)
        async with self.env.db.unit(self.env.now(), ref) as uow:
            turn = Turn(uow, download)
            self.turns[id(update)] = turn
            try:
                await super().process_update(update)
            finally:
                del self.turns[id(update)]
            await finish(turn)
        if uow.files_asked:  # committed: the file desk makes it now
            self.desk.wake()


def _ptb_settings() -> None:
    """python-telegram-bot options the bot relies on, set when the app is built (never at
    import): RetryAfter.retry_after as a timedelta (the sender handles both forms), and no
    hint to use typed methods, since the sender replays stored calls by method name."""
    os.environ.setdefault("PTB_TIMEDELTA", "1")
    warnings.filterwarnings("ignore", message=r"Please use 'Bot\.", module="bot.messaging.sender")


def sending_limits(settings: Settings) -> Limits:
    """The sender's pace from the settings."""
    return Limits(
        per_second=settings.SEND_PER_SECOND,
        per_chat_per_second=settings.SEND_PER_CHAT_PER_SECOND,
        per_group_per_minute=settings.SEND_PER_GROUP_PER_MINUTE,
    )


def build_application(
    settings: Settings,
    *,
    request: BaseRequest | None = None,
    updates_request: BaseRequest | None = None,
    clock: Clock | None = None,
    sleep: Sleep | None = None,
    limits: Limits | None = None,
    in_flight: int = 4,
) -> TindakLanjutApp:
    """Build the bot. Tests pass a recording ``request``, a fake ``clock`` and ``sleep``."""
    _ptb_settings()
    clock = clock or SystemClock()
    db = Database(settings.DATABASE_URL)
    metrics = Metrics(db, clock, settings.zona)
    # the same connection as PTB's own default, counting Telegram's 429 answers
    counted = CountingRequest(
        request or HTTPXRequest(connection_pool_size=256), metrics.telegram_429
    )
    queue = InboxQueue()
    token = settings.token
    protect(token, token.partition(":")[2])
    if settings.WEBHOOK_SECRET is not None:
        protect(settings.WEBHOOK_SECRET.get_secret_value())
    builder: Any = (
        ApplicationBuilder()
        .application_class(TindakLanjutApp)
        .token(token)
        .base_url(settings.base_url)
        .base_file_url(settings.base_file_url)
        .context_types(ContextTypes(context=BotContext))
        .update_queue(queue)
        .post_init(_post_init)
        .post_shutdown(_post_shutdown)
    )
    builder = builder.request(counted)
    # the same connection as PTB's own default for getUpdates, watched (see PollWatch)
    poll_watch = PollWatch(updates_request or request or HTTPXRequest(connection_pool_size=1))
    builder = builder.get_updates_request(poll_watch)
    app: TindakLanjutApp = builder.build()
    app.poll_watch = poll_watch
    app.metrics = metrics
    texts = Texts(settings.LANGUAGE)
    # the signing secret lives in the database: start_services loads it
    env = Env(db=db, settings=settings, clock=clock, signer=SignerNotLoaded(), texts=texts)
    app.env = env
    app.turns = {}
    app.inbox = Inbox(db, clock)
    queue.inbox = app.inbox
    poll_watch.keep = app.inbox.store_polled

    async def on_unknown(uow: UnitOfWork, rows: list[OutboxMessage]) -> None:
        await tell_admins_unknown(uow, env, rows)

    app.sender = Sender(
        db,
        app.bot,
        clock,
        limits=limits or sending_limits(settings),
        sleep=sleep or asyncio.sleep,
        on_unknown=on_unknown,
        in_flight=in_flight,
    )
    app.election = SenderElection(app.sender)
    app.keeper = Keeper(db, app.bot, clock, settings.EVIDENCE_DIR)
    app.desk = Desk(env)
    app.bot_data["env"] = env
    env.available_commands = register_all(app)
    return app


async def start_services(app: TindakLanjutApp, *, background: bool) -> None:
    """Migrate, bootstrap admins, load the signing secret, recover and replay; take part in
    the sender election and start the evidence keeper if ``background`` (otherwise, as in
    tests, this process recovers the claims and the caller sends by hand)."""
    env = app.env
    async with held_while_starting(env.db):
        await upgrade_to_head(env.db.engine)
        env.bot_username = app.bot.username or env.bot_username
        async with env.db.unit(env.now()) as uow:
            secret = await bot_state.callback_secret(uow)
            from_token = await bot_state.accepts_token_signatures(uow)
            await bot_state.note_first_set_up(uow)
            await ensure_bootstrap_admins(uow, env)
            await uow.commit()
    warn_about_holiday_data(env.today())
    token = env.settings.token
    env.signer = CallbackSigner(secret, also_accepts=(token,) if from_token else ())
    if background:
        await take_part_in_sending(app)
    else:
        await app.election.step(run_loop=False)
        # a test's process holds no lock for its life (its database is copied and dropped)
        await app.election.lock.release()
    for update in await app.inbox.unhandled(app.bot):
        log.info("menangani ulang update %s yang tertinggal", update.update_id)
        await app.process_update(update)
    if background:
        start_background_work(app)
        if env.settings.METRICS_PORT is not None:
            await start_monitor(app, env.settings.METRICS_PORT)
    else:
        await app.desk.run_due()
        await app.sender.send_due()


def warn_about_holiday_data(today: date) -> None:
    """One WARNING line at start when the `holidays` package does not know the cuti bersama
    of this year or next (`python -m bot check` says the same)."""
    missing = missing_cuti_bersama(today)
    if missing:
        log.warning("Data hari libur: %s", missing_cuti_bersama_advice(missing))


async def take_part_in_sending(app: TindakLanjutApp) -> None:
    """The sender recovers what a dead sender left claimed before it sends; the other
    processes keep trying for the lock (see bot.messaging.election)."""
    await app.election.step()
    app.election_task = asyncio.create_task(app.election.run_forever(), name="pemilihan")


def start_background_work(app: TindakLanjutApp) -> None:
    """The evidence keeper, the file desk and the scheduler's tick (the sender runs under the
    election)."""
    # evidence is downloaded and files are made outside the updates' units, like the sender's
    # calls
    app.keeper_task = asyncio.create_task(app.keeper.run_forever(), name="bukti")
    app.desk_task = asyncio.create_task(app.desk.run_forever(), name="berkas")
    if app.job_queue is not None:
        # the scheduler's tick: runs whatever is due (and, first, what was missed while the
        # bot was down, within the grace period); the outbox keys make it idempotent
        app.job_queue.run_repeating(_tick, interval=TICK_SECONDS, first=1, name="jadwal")


async def start_monitor(app: TindakLanjutApp, port: int) -> int:
    """``/healthz`` and ``/metrics`` on 127.0.0.1:``port`` (0: any free port)."""
    health = Health(
        app.env.db,
        app.election,
        app.poll_watch.heartbeat,
        webhook=bool(app.env.settings.WEBHOOK_URL),
        webhook_info=app.bot.get_webhook_info,
    )
    app.monitor = MonitorServer(health, app.metrics)
    return await app.monitor.start(port)


async def stop_services(app: TindakLanjutApp) -> None:
    """Stop the background work and close the database (after PTB's shutdown)."""
    for task in (app.keeper_task, app.desk_task):
        if task is not None:
            task.cancel()
    if app.monitor is not None:
        await app.monitor.stop()
    await app.env.db.dispose()


async def _tick(context: ContextTypes.DEFAULT_TYPE) -> None:
    app = context.application
    assert isinstance(app, TindakLanjutApp)
    queued = await run_due(app.env)
    if queued:
        app.sender.wake()


async def _post_init(app: Application) -> None:  # type: ignore[type-arg]
    assert isinstance(app, TindakLanjutApp)
    await start_services(app, background=True)


async def _post_shutdown(app: Application) -> None:  # type: ignore[type-arg]
    assert isinstance(app, TindakLanjutApp)
    await stop_services(app)
