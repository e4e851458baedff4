"""The HTTP fake of the Bot API the end-to-end tests use, with what a benchmark reads off it:
when the first getUpdates came, and when each message was delivered, counted as it happens
(scanning the recorded calls after every call would make the fake slower than the bot)."""

from __future__ import annotations

import time
from collections import Counter
from typing import Any

from tests.support.fake_bot_api import SENDING, FakeBotApi, Limits
from tests.support.fake_telegram import UploadedFile

TOKEN = "424242:BENCH-TOKEN"


class BenchApi(FakeBotApi):
    """``FakeBotApi`` counting deliveries per chat with their times; Telegram's limits can be
    switched on and off between measurements (``limited``)."""

    def __init__(self) -> None:
        super().__init__(TOKEN, limits=None)
        self.first_poll: float | None = None
        self.delivered: Counter[int] = Counter()
        self.first_at: dict[int, float] = {}  # chat: when its first message was delivered
        self.last_sent: dict[int, dict[str, Any]] = {}
        handle = self.core.handle

        async def counted(
            api_method: str, params: dict[str, Any], files: dict[str, UploadedFile]
        ) -> tuple[int, bytes]:
            if api_method == "getUpdates" and self.first_poll is None:
                self.first_poll = time.monotonic()
            status, body = await handle(api_method, params, files)
            # no await between the call's recording and here: calls[-1] is this call
            if api_method in SENDING and status == 200:
                chat = self.core.calls[-1].chat_id
                if isinstance(chat, int):
                    self.delivered[chat] += 1
                    self.last_sent[chat] = self.core.calls[-1].result
                    self.first_at.setdefault(chat, time.monotonic())
            return status, body

        self.core.handle = counted  # type: ignore[method-assign]

    @property
    def limited(self) -> bool:
        """Whether the fake answers 429 like Telegram (30/s overall, 1/s per chat)."""
        return self.limits is not None

    @limited.setter
    def limited(self, on: bool) -> None:
        self.limits = Limits() if on else None

    def forget(self) -> None:
        """Drop what was recorded so far (a long run would otherwise keep every call)."""
        self.core.calls.clear()
        self.delivered.clear()
        self.first_at.clear()
        self.last_sent.clear()
        self.too_many = 0

    def queue(self, updates: list[dict[str, Any]]) -> None:
        """Make getUpdates serve these updates."""
        for update in updates:
            self.core.queue_update(update)

    def reached(self, chats: list[int], each: int = 1) -> int:
        """How many of ``chats`` got at least ``each`` messages."""
        return sum(1 for chat in chats if self.delivered[chat] >= each)
