"""The HTTP fake of the Bot API the end-to-end tests use, with what a benchmark reads off it:
when the first getUpdates came, and when each message was delivered, counted as it happens
(scanning the recorded calls after every call would make the fake slower than the bot)."""

from __future__ import annotations

import random
import time
from collections import Counter
from dataclasses import dataclass
from typing import Any

from aiohttp import web

from tests.support.fake_bot_api import SENDING, FakeBotApi, Limits
from tests.support.fake_telegram import Call, UploadedFile

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


@dataclass
class Faults:
    """How often a sending call meets each fault (chances between 0 and 1, checked in this
    order): Telegram's 429 with a ``retry_after`` of 1–3 s, a 5xx, the connection dropped
    before the call is carried out (nothing delivered, the client cannot tell), and the call
    carried out and then the connection dropped (delivered, the client cannot tell)."""

    too_many: float = 0.03
    server_error: float = 0.03
    dropped_before: float = 0.01
    dropped_after: float = 0.01


class SoakApi(BenchApi):
    """``BenchApi`` with Telegram's limits on, random faults on sending calls while
    ``faulty`` is set, and every delivered message kept with the wall-clock time it arrived
    (``received``), so a soak run can count deliveries per outbox row afterwards."""

    def __init__(self, faults: Faults, rng: random.Random) -> None:
        super().__init__()
        self.limited = True
        self.faults = faults
        self.rng = rng
        self.faulty = False
        self.injected: Counter[str] = Counter()
        self.received: list[tuple[float, Call]] = []
        handle = self.core.handle

        async def stamped(
            api_method: str, params: dict[str, Any], files: dict[str, UploadedFile]
        ) -> tuple[int, bytes]:
            status, body = await handle(api_method, params, files)
            # no await between the call's recording and here: calls[-1] is this call
            if api_method in SENDING and status == 200:
                self.received.append((time.time(), self.core.calls[-1]))
            return status, body

        self.core.handle = stamped  # type: ignore[method-assign]

    def _fault(self) -> str | None:
        """The fault this call meets, if any."""
        if not self.faulty:
            return None
        roll = self.rng.random()
        for name in ("too_many", "server_error", "dropped_before", "dropped_after"):
            chance: float = getattr(self.faults, name)
            if roll < chance:
                return name
            roll -= chance
        return None

    async def _api(self, request: web.Request) -> web.StreamResponse:
        fault = self._fault() if request.match_info["method"] in SENDING else None
        if fault is not None:
            self.injected[fault] += 1
        if fault == "too_many":
            retry = self.rng.randint(1, 3)
            return web.json_response(
                {
                    "ok": False,
                    "error_code": 429,
                    "description": f"Too Many Requests: retry after {retry}",
                    "parameters": {"retry_after": retry},
                },
                status=429,
            )
        if fault == "server_error":
            return web.json_response(
                {"ok": False, "error_code": 502, "description": "Bad Gateway"}, status=502
            )
        if fault == "dropped_before":
            assert request.transport is not None
            request.transport.close()
            return web.Response(status=200)
        answer = await super()._api(request)
        if fault == "dropped_after":
            if answer.status == 200:  # carried out: the answer is lost on the way
                assert request.transport is not None
                request.transport.close()
            else:  # refused by the limits: nothing was carried out, no fault after all
                self.injected[fault] -= 1
        return answer
