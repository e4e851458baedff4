"""The flow-test harness: the real PTB Application wired to the recording fake of Telegram,
a real database and a fake clock. Feed it Update dicts; read what Telegram was asked to do."""

from __future__ import annotations

import weakref
from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any, ClassVar, Protocol, TypeVar

from sqlalchemy import select
from telegram import Update

from bot.app import TindakLanjutApp, build_application, start_services
from bot.clock import Clock
from bot.config import Settings
from bot.messaging.sender import SendReport
from tests.support.fake_telegram import Call, RecordingRequest
from tests.support.updates import UpdateFactory, group, private_chat, user

if TYPE_CHECKING:
    from tests.support.snapshots import Snapshots

ADMIN_ID = 1001
TOKEN = "123456:TEST-TOKEN"
T = TypeVar("T")


class FakeClockLike(Clock, Protocol):
    """The test clock (``tests.conftest.FakeClock``): tells time, is moved by hand and can
    pretend to sleep."""

    current: datetime

    def advance(self, **delta: float) -> None:
        """Move time forward."""
        ...

    async def sleep(self, seconds: float) -> None:
        """Advance time instead of waiting."""
        ...


class BotHarness:
    """One running bot for one test."""

    started: ClassVar[weakref.WeakSet[BotHarness]] = weakref.WeakSet()

    def __init__(self, database_url: str, clock: FakeClockLike, **settings: Any) -> None:
        self.clock = clock
        self.request = RecordingRequest(now=lambda: clock.now().timestamp())
        self.updates = UpdateFactory(now=clock.now, first_update_id=5000)
        values: dict[str, Any] = {
            "BOT_TOKEN": TOKEN,
            "DATABASE_URL": database_url,
            "ADMIN_IDS": [ADMIN_ID],
        }
        values.update(settings)
        self.settings = Settings(_env_file=None, **values)  # type: ignore[call-arg]
        self.app: TindakLanjutApp = build_application(
            self.settings, request=self.request, clock=clock, sleep=clock.sleep, in_flight=1
        )
        self.admin = user(ADMIN_ID, "Rina", "rina_setda", last_name="Setda")
        self.started_at = clock.now()  # when the app last started
        # the session's built Pemdas, when this harness may be given one (``Snapshots.attach``)
        self.snapshots: Snapshots | None = None

    async def start(self) -> None:
        """Initialize like ``run_polling`` would, without polling or background tasks."""
        self.started_at = self.clock.now()
        await self.app.initialize()
        await start_services(self.app, background=False)
        BotHarness.started.add(self)

    async def stop(self) -> None:
        """Shut down and close the database."""
        BotHarness.started.discard(self)
        await self.app.shutdown()
        await self.app.env.db.dispose()

    def alone(self) -> bool:
        """Whether no other started harness uses this harness's database."""
        url = self.settings.DATABASE_URL
        return all(h is self or h.settings.DATABASE_URL != url for h in BotHarness.started)

    async def restart(self) -> None:
        """The process dies and a new one starts on the same database, against the same
        Telegram: whatever the old app held in memory is gone."""
        try:
            await self.stop()
        except Exception:  # a dead process does not shut down cleanly
            await self.app.env.db.dispose()
        self.app = build_application(
            self.settings,
            request=self.request,
            clock=self.clock,
            sleep=self.clock.sleep,
            in_flight=1,
        )
        await self.start()

    async def feed(self, update: dict[str, Any]) -> SendReport:
        """Process one update as if it came from Telegram, make the files it asked for (the
        file desk), then deliver what was queued."""
        await self.app.process_update(Update.de_json(update, self.app.bot))
        await self.app.desk.run_due()
        return await self.app.sender.send_due()

    async def say(
        self,
        who: dict[str, Any],
        text: str,
        chat: dict[str, Any] | None = None,
        reply_to: Any = None,
    ) -> list[Call]:
        """``who`` writes ``text`` (in their private chat unless ``chat``); returns new calls."""
        before = len(self.request.calls)
        await self.feed(
            self.updates.message(who, chat or private_chat(who), text, reply_to=reply_to)
        )
        return self.request.calls[before:]

    async def press(self, who: dict[str, Any], message: Any, data: str) -> list[Call]:
        """``who`` presses the button with ``data`` under ``message``; returns new calls."""
        before = len(self.request.calls)
        await self.feed(self.updates.callback(who, message, data))
        return self.request.calls[before:]

    async def tick(self, at: Any = None) -> list[Call]:
        """Run the scheduler's tick at ``at`` (default: now), deliver; returns the new calls."""
        from bot.features.reminders.service import run_due

        if at is not None:
            self.clock.current = at
        before = len(self.request.calls)
        await run_due(self.app.env, self.clock.now())
        await self.app.sender.send_due()
        return self.request.calls[before:]

    async def rows(self, model: type[T], *where: Any) -> Sequence[T]:
        """Rows of a table, in id order when it has one."""
        async with self.app.env.db.unit(self.clock.now()) as uow:
            query = select(model).where(*where)
            return (await uow.session.scalars(query)).all()


def answer_texts(calls: Sequence[Call]) -> list[str]:
    """The texts of the sendMessage/editMessageText calls among ``calls``."""
    return [c.text or "" for c in calls if c.method in ("sendMessage", "editMessageText")]


__all__ = ["ADMIN_ID", "BotHarness", "answer_texts", "group", "private_chat", "user"]
