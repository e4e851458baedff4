"""A fake Telegram Bot API server on 127.0.0.1, for tests that run the bot as a real process.

It speaks HTTP like api.telegram.org (form, JSON and multipart bodies; long-polling getUpdates
with offset confirmation; file downloads) and shares its validation and answers with
``RecordingRequest``: every call is checked against the official spec and Telegram's rules.
On top it enforces Telegram's sending limits (429 with ``retry_after``), answers 409 to a
second poller, delivers updates to a webhook with the secret header, and injects faults: slow
answers and "accept, then drop the connection".
"""

from __future__ import annotations

import asyncio
import json
import math
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from aiohttp import ClientConnectorError, ClientSession, web

from bot.playground.server import read_call
from tests.support.fake_telegram import Call, RecordingRequest, UploadedFile

JSONDict = dict[str, Any]
SENDING = frozenset(
    {"sendMessage", "sendPhoto", "sendDocument", "sendMediaGroup", "copyMessage", "forwardMessage"}
)


@dataclass
class Limits:
    """Telegram's limits: 30 messages/s overall, 1/s per chat, 20/min per group."""

    overall_per_second: int = 30
    per_chat_per_second: int = 1
    per_group_per_minute: int = 20


@dataclass
class RateWindow:
    """Sliding windows of sending times."""

    overall: deque[float] = field(default_factory=deque)
    chats: dict[Any, deque[float]] = field(default_factory=dict)


class FakeBotApi:
    """The server. ``core`` records and validates calls; the server adds HTTP behaviour."""

    def __init__(self, token: str, *, limits: Limits | None = None) -> None:
        self.token = token
        self.core = RecordingRequest()
        self.limits = limits
        self.window = RateWindow()
        self.too_many = 0
        self.url = ""
        self.webhook: JSONDict | None = None
        self.webhook_answers: list[int] = []
        self._runner: web.AppRunner | None = None
        self._polling = 0
        self._poller_transport: Any = None
        self.conflicts = 0
        self._held: list[tuple[Callable[[str, JSONDict], bool], asyncio.Event]] = []
        self._drops = 0
        self._drop_filter: Callable[[str], bool] = lambda method: method in SENDING
        self._changed = asyncio.Condition()
        self.on_updates_served: Callable[[list[JSONDict]], None] | None = None

    # ---- lifecycle
    async def start(self) -> str:
        """Listen on a free port of 127.0.0.1; returns the root URL (TELEGRAM_API_URL)."""
        app = web.Application(client_max_size=60 * 1024 * 1024)
        app.router.add_route("*", "/bot{token}/{method}", self._api)
        app.router.add_get("/file/bot{token}/{path:.*}", self._file)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        self.url = f"http://127.0.0.1:{port}"
        return self.url

    async def stop(self) -> None:
        """Close the server."""
        if self._runner is not None:
            await self._runner.cleanup()

    # ---- faults
    def hold(self, match: Callable[[str, JSONDict], bool]) -> asyncio.Event:
        """A slow Telegram: the next call that ``match(method, params)`` accepts is answered
        only when the returned event is set (the test decides how slow, no clock involved)."""
        release = asyncio.Event()
        self._held.append((match, release))
        return release

    def drop_next(self, count: int = 1, methods: frozenset[str] = SENDING) -> None:
        """The next ``count`` calls of ``methods`` are carried out, then the connection is
        dropped without an answer (the client cannot know whether it worked)."""
        self._drops += count
        self._drop_filter = lambda method: method in methods

    # ---- what tests look at
    @property
    def calls(self) -> list[Call]:
        """Every call received, in order."""
        return self.core.calls

    def sent_to(self, chat_id: int) -> list[Call]:
        """Successful messages to a chat."""
        return [c for c in self.core.sent(chat_id=chat_id)]

    async def wait_for(self, predicate: Callable[[], bool], limit: float = 20.0) -> None:
        """Wait until ``predicate()`` holds, re-checked after every call (not by sleeping)."""
        async with self._changed:
            await asyncio.wait_for(self._changed.wait_for(predicate), limit)

    async def _notify(self) -> None:
        async with self._changed:
            self._changed.notify_all()

    # ---- HTTP
    async def _api(self, request: web.Request) -> web.StreamResponse:
        if request.match_info["token"] != self.token:
            return web.json_response(
                {"ok": False, "error_code": 401, "description": "Unauthorized"}, status=401
            )
        method = request.match_info["method"]
        params, files = await read_call(request, method, self.core)
        for entry in list(self._held):
            match, release = entry
            if match(method, params):
                self._held.remove(entry)
                await self._notify()
                await release.wait()
                break
        if method == "getUpdates":
            return await self._get_updates(params, files, request)
        if method == "setWebhook":
            self.webhook = {"url": params.get("url"), "secret": params.get("secret_token")}
        elif method == "deleteWebhook":
            self.webhook = None
        limited = self._rate_limited(method, params)
        if limited is not None:
            self.too_many += 1
            await self._notify()
            return web.json_response(
                {
                    "ok": False,
                    "error_code": 429,
                    "description": f"Too Many Requests: retry after {limited}",
                    "parameters": {"retry_after": limited},
                },
                status=429,
            )
        status, body = await self.core.handle(method, params, files)
        await self._notify()
        if self._drops and self._drop_filter(method):
            self._drops -= 1
            assert request.transport is not None
            request.transport.close()
            return web.Response(status=200)
        return web.Response(status=status, body=body, content_type="application/json")

    async def _get_updates(
        self, params: JSONDict, files: dict[str, UploadedFile], request: web.Request
    ) -> web.StreamResponse:
        transport = request.transport
        if self.webhook is not None:
            return web.json_response(
                {
                    "ok": False,
                    "error_code": 409,
                    "description": "Conflict: can't use getUpdates method while webhook "
                    "is active; use deleteWebhook to delete the webhook "
                    "first",
                },
                status=409,
            )
        owner = self._poller_transport
        if owner is not None and not owner.is_closing() and owner is not transport:
            # another connection is the bot's poller and is still open: like Telegram, the
            # second poller is refused
            self.conflicts += 1
            return web.json_response(
                {
                    "ok": False,
                    "error_code": 409,
                    "description": "Conflict: terminated by other getUpdates request; "
                    "make sure that only one bot instance is running",
                },
                status=409,
            )
        self._poller_transport = transport
        self._polling += 1
        try:
            wait = min(float(params.get("timeout") or 0), 0.5)
            params = {**params, "timeout": 0}
            deadline = time.monotonic() + wait
            while True:
                self.core._update_event.clear()
                status, body = await self.core.handle("getUpdates", params, files)
                answer = json.loads(body)
                remaining = deadline - time.monotonic()
                if answer.get("result") or remaining <= 0:
                    break
                try:  # long polling: wake up when an update is queued
                    await asyncio.wait_for(self.core._update_event.wait(), remaining)
                except TimeoutError:
                    pass
        finally:
            self._polling -= 1
        if answer.get("result") and self.on_updates_served is not None:
            self.on_updates_served(answer["result"])
        await self._notify()
        return web.Response(status=status, body=body, content_type="application/json")

    async def _file(self, request: web.Request) -> web.StreamResponse:
        status, body = self.core._download(str(request.url))
        await self._notify()
        return web.Response(status=status, body=body)

    # ---- limits
    def _rate_limited(self, method: str, params: JSONDict) -> int | None:
        """Seconds to wait if this call would break a limit; else record it and None."""
        if self.limits is None or method not in SENDING:
            return None
        now = time.monotonic()
        chat = params.get("chat_id")
        try:
            chat = int(chat)  # type: ignore[arg-type]
        except (TypeError, ValueError):
            pass
        group = isinstance(chat, int) and chat < 0
        span = 60.0 if group else 1.0
        allowed = self.limits.per_group_per_minute if group else self.limits.per_chat_per_second
        overall = self.window.overall
        mine = self.window.chats.setdefault(chat, deque())
        while overall and now - overall[0] >= 1.0:
            overall.popleft()
        while mine and now - mine[0] >= span:
            mine.popleft()
        if len(overall) >= self.limits.overall_per_second:
            return max(1, math.ceil(1.0 - (now - overall[0])))
        if len(mine) >= allowed:
            return max(1, math.ceil(span - (now - mine[0])))
        overall.append(now)
        mine.append(now)
        return None

    # ---- webhook
    async def deliver(self, update: JSONDict, secret: str | None = None) -> int:
        """POST an update to the registered webhook, with the secret header Telegram sends
        (or ``secret`` to test a forged one); returns the HTTP status the bot answered."""
        assert self.webhook is not None and self.webhook["url"], "no webhook registered"
        headers = {}
        token = secret if secret is not None else self.webhook.get("secret")
        if token:
            headers["X-Telegram-Bot-Api-Secret-Token"] = token
        async with ClientSession() as session:
            for attempt in range(100):
                try:
                    async with session.post(
                        self.webhook["url"], json=update, headers=headers
                    ) as resp:
                        self.webhook_answers.append(resp.status)
                        return resp.status
                except ClientConnectorError:
                    # PTB registers the webhook just before its server listens, and Telegram
                    # retries a refused delivery with a back-off: this is Telegram's own retry,
                    # the one place the fake waits on time (nothing else signals "listening")
                    await asyncio.sleep(0.05 * min(attempt + 1, 4))
        raise AssertionError("the bot's webhook never answered")
