"""The running playground: the real bot, polling the Telegram stand-in over HTTP, on its own
SQLite file, with the sample Pemda built and a clock the trainer can move forward.

``Playground`` is what the web server (``bot/playground/server.py``) acts on: the people's
messages and presses go to the stand-in, which the bot polls like Telegram; ``advance`` moves
the clock through every scheduled run; ``reset`` starts again from the sample.
"""

from __future__ import annotations

import asyncio
import logging
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pydantic import SecretStr
from telegram import Update

from bot.app import (
    TindakLanjutApp,
    build_application,
    start_background_work,
    start_services,
    stop_services,
    take_part_in_sending,
)
from bot.config import Settings
from bot.features.reminders.service import run_due, schedules
from bot.messaging.pacing import Limits
from bot.playground import sample
from bot.playground.clock import Langkah, PlaygroundClock, stops, target
from bot.playground.standin import TelegramStandIn

log = logging.getLogger(__name__)
JSONDict = dict[str, Any]

TOKEN = "1000000:AAH-stand-in-of-the-playground"
# the stand-in has no sending limits: the sender need not hold back
UNLIMITED = Limits(
    per_second=1000.0, per_chat_per_second=1000.0, per_group_per_minute=1_000_000, burst=1000.0
)


class Playground:
    """One playground: the stand-in, the bot on it and the sample Pemda."""

    def __init__(
        self,
        settings: Settings,
        folder: Path,
        port: int,
        *,
        standin: Callable[..., TelegramStandIn] = TelegramStandIn,
    ) -> None:
        self.make_standin = standin  # tests use one that checks every call against the spec
        self.base = settings
        self.folder = folder
        self.port = port
        self.clock = PlaygroundClock()
        self.standin = self._new_standin()
        self.app: TindakLanjutApp | None = None
        self.listeners: list[Callable[[JSONDict], None]] = []
        self.busy = asyncio.Lock()  # a reset or a clock step at a time

    # ---- the bot's settings
    @property
    def settings(self) -> Settings:
        """The bot's settings in the playground: the Pemda's choices (language, zone,
        schedules) from the environment; the token, database and Telegram are the playground's."""
        return self.base.model_copy(
            update={
                "BOT_TOKEN": SecretStr(TOKEN),
                "DATABASE_URL": f"sqlite+aiosqlite:///{self.folder / 'playground.db'}",
                "TELEGRAM_API_URL": f"http://127.0.0.1:{self.port}",
                "ADMIN_IDS": [sample.ADMIN.id],
                "EVIDENCE_DIR": str(self.folder / "bukti"),
                "WEBHOOK_URL": None,
                "WEBHOOK_SECRET": None,
            }
        )

    def _new_standin(self) -> TelegramStandIn:
        standin = self.make_standin(now=lambda: self.clock.now().timestamp())
        for person in sample.PEOPLE:
            standin.add_chat(person.chat)
        for group in sample.GROUPS:
            standin.add_chat(group.chat)
            standin.member_status[(group.id, sample.ADMIN.id)] = "creator"
        standin.listeners.append(self._tell)
        return standin

    def _tell(self, event: JSONDict) -> None:
        for listener in list(self.listeners):
            listener(event)

    # ---- life
    async def start_bot(self) -> None:
        """From an empty playground folder: the bot started, the sample Pemda built, polling."""
        if self.folder.exists():
            shutil.rmtree(self.folder)
        self.folder.mkdir(parents=True)
        app = build_application(self.settings, clock=self.clock, limits=UNLIMITED)
        self.app = app
        await app.initialize()
        await start_services(app, background=False)
        await sample.build(Feeder(self.standin, app), self.clock.now(), app.env.settings.zona)
        await take_part_in_sending(app)
        start_background_work(app)
        await app.start()
        assert app.updater is not None
        await app.updater.start_polling(allowed_updates=Update.ALL_TYPES, timeout=10)
        log.info("playground: contoh Pemda siap")

    async def stop_bot(self) -> None:
        """Stop polling and the bot (a clean stop, as on Ctrl-C)."""
        app, self.app = self.app, None
        if app is None:
            return
        if app.updater is not None and app.updater.running:
            self.standin.stop_waiting()
            await app.updater.stop()
        if app.running:
            await app.stop()
        await app.shutdown()
        await stop_services(app)

    async def reset(self) -> None:
        """Everything back to the sample Pemda: database, chats and clock."""
        async with self.busy:
            await self.stop_bot()
            self.standin.listeners.clear()
            self.clock = PlaygroundClock()
            self.standin = self._new_standin()
            await self.start_bot()
        self._tell({"type": "reset"})

    async def advance(self, langkah: Langkah) -> None:
        """Move the clock one step, stopping at every scheduled run on the way."""
        async with self.busy:
            app = self.app
            assert app is not None
            env = app.env
            now = self.clock.now()
            end = target(langkah, now, env.settings.zona, env.settings.DIGEST_CRON)
            for moment in stops(schedules(env), now, end, env.settings.zona, env.kalender):
                self.clock.move_to(moment)
                if await run_due(env):
                    app.sender.wake()
        self._tell({"type": "clock"})

    def now_text(self) -> str:
        """The playground's time as the page shows it."""
        assert self.app is not None
        return self.app.env.format_datetime(self.clock.now())


class Feeder:
    """Builds the sample through the bot's own update handling (as Telegram would deliver
    each update), waiting for the bot's answers before the next step."""

    def __init__(self, standin: TelegramStandIn, app: TindakLanjutApp) -> None:
        self.standin = standin
        self.app = app

    async def _feed(self, update: JSONDict) -> list[JSONDict]:
        answers: list[JSONDict] = []

        def collect(event: JSONDict) -> None:
            if event["type"] == "message" and event["message"]["from"].get("is_bot"):
                answers.append(event["message"])

        self.standin.listeners.append(collect)
        try:
            await self.app.process_update(Update.de_json(update, self.app.bot))
            await self.app.sender.send_due()
        finally:
            self.standin.listeners.remove(collect)
        return answers

    async def say(
        self, person: sample.Person, chat_id: int, text: str, *, reply_to: int | None = None
    ) -> list[JSONDict]:
        """``person`` writes in a chat; the bot's answers."""
        _, update = self.standin.say(person.user, chat_id, text, reply_to=reply_to, queue=False)
        return [] if update is None else await self._feed(update)

    async def send_file(
        self, person: sample.Person, chat_id: int, content: bytes, name: str, caption: str
    ) -> list[JSONDict]:
        """``person`` sends a document; the bot's answers."""
        document = self.standin.add_file(content, name)
        _, update = self.standin.say(person.user, chat_id, caption, document=document, queue=False)
        return [] if update is None else await self._feed(update)

    async def press(self, person: sample.Person, chat_id: int, message_id: int, data: str) -> None:
        """``person`` presses a button."""
        await self._feed(self.standin.callback_update(person.user, chat_id, message_id, data))

    def messages(self, chat_id: int) -> list[JSONDict]:
        """The messages of a chat."""
        return self.standin.messages(chat_id)


async def wait_forever() -> None:
    """Until the process is stopped (Ctrl-C cancels this)."""
    await asyncio.Event().wait()
