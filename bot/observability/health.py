"""`/healthz` and `/metrics` on 127.0.0.1 (``METRICS_PORT``), in polling and webhook mode.

Healthy means: the database answers, a sender is alive (this process's sender loop runs, or
another process of the deployment holds the sender lock), and updates arrive (the last
getUpdates Telegram answered is recent; in webhook mode, the last webhook call is recent or
Telegram has nothing waiting for the bot). Anything else answers 503 naming the failing part.
aiohttp is loaded only when the listener starts.
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
import warnings
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import text
from telegram import WebhookInfo

from bot.messaging.election import SenderElection
from storage.db import Database
from storage.locks import SENDER_LOCK

if TYPE_CHECKING:
    from aiohttp import web

    from bot.observability.metrics import Metrics

log = logging.getLogger(__name__)

# getUpdates long-polls for 10 s and retries with back-off: two minutes without an answer
# means the bot no longer hears Telegram
STALE_SECONDS = 120.0
# a webhook with nothing to deliver is quiet, not broken: Telegram is asked at most this often
WEBHOOK_INFO_EVERY = 60.0
DATABASE_TIMEOUT = 5.0

WebhookInfoSource = Callable[[], Awaitable[WebhookInfo]]


class Heartbeat:
    """When Telegram last answered a poll or called the webhook (monotonic seconds)."""

    def __init__(self, now: Callable[[], float] = time.monotonic) -> None:
        self.now = now
        self.started = now()
        self.last: float | None = None

    def beat(self) -> None:
        """Telegram answered a getUpdates, or called the webhook, just now."""
        self.last = self.now()

    def age(self) -> float:
        """Seconds since the last beat (since the start if there was none yet)."""
        return self.now() - (self.last if self.last is not None else self.started)


@dataclass(frozen=True)
class Part:
    """One part of the health check."""

    ok: bool
    detail: str


class Health:
    """The three parts of ``/healthz``."""

    def __init__(
        self,
        db: Database,
        election: SenderElection,
        heartbeat: Heartbeat,
        *,
        webhook: bool,
        webhook_info: WebhookInfoSource | None = None,
    ) -> None:
        self.db = db
        self.election = election
        self.heartbeat = heartbeat
        self.webhook = webhook
        self.webhook_info = webhook_info
        self._asked: tuple[float, Part] | None = None

    async def check(self) -> dict[str, Part]:
        """Every part, checked now."""
        return {
            "database": await self._database(),
            "sender": await self._sender(),
            "updates": await self._updates(),
        }

    async def _database(self) -> Part:
        try:
            async with asyncio.timeout(DATABASE_TIMEOUT), self.db.engine.connect() as conn:
                await conn.execute(text("SELECT count(*) FROM bot_state"))
        except Exception as exc:
            return Part(False, f"database tidak terjangkau: {type(exc).__name__}")
        return Part(True, "ok")

    async def _sender(self) -> Part:
        if self.election.is_sender:
            return Part(True, "proses ini mengirim")
        if self.db.is_postgres:
            try:
                async with asyncio.timeout(DATABASE_TIMEOUT), self.db.engine.connect() as conn:
                    held = await conn.scalar(
                        text(
                            "SELECT EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory'"
                            " AND classid = :high AND objid = :low AND objsubid = 1 AND granted"
                            " AND database = (SELECT oid FROM pg_database"
                            " WHERE datname = current_database()))"
                        ),
                        {"high": SENDER_LOCK >> 32, "low": SENDER_LOCK & 0xFFFFFFFF},
                    )
            except Exception as exc:
                return Part(False, f"kunci pengirim tidak terbaca: {type(exc).__name__}")
            if held:
                return Part(True, "proses lain mengirim")
        return Part(False, "tidak ada pengirim yang berjalan")

    async def _updates(self) -> Part:
        age = self.heartbeat.age()
        what = "panggilan webhook" if self.webhook else "getUpdates"
        if age <= STALE_SECONDS:
            if self.heartbeat.last is None:
                return Part(True, f"baru mulai {age:.0f} detik lalu; belum ada {what}")
            return Part(True, f"{what} terakhir {age:.0f} detik lalu")
        if not self.webhook or self.webhook_info is None:
            return Part(False, f"tidak ada {what} berhasil selama {age:.0f} detik")
        return await self._webhook_quiet(age)

    async def _webhook_quiet(self, age: float) -> Part:
        """No call for a while: fine if Telegram has nothing waiting for the bot."""
        now = time.monotonic()
        if self._asked is not None and now - self._asked[0] < WEBHOOK_INFO_EVERY:
            return self._asked[1]
        assert self.webhook_info is not None
        try:
            info = await self.webhook_info()
        except Exception as exc:
            part = Part(False, f"getWebhookInfo gagal: {type(exc).__name__}")
        else:
            if info.pending_update_count == 0:
                part = Part(True, f"webhook sepi; panggilan terakhir {age:.0f} detik lalu")
            else:
                reason = info.last_error_message or "tidak diketahui"
                part = Part(
                    False,
                    f"{info.pending_update_count} update menunggu di Telegram; "
                    f"galat terakhir: {reason}",
                )
        self._asked = (now, part)
        return part


def _json(data: dict[str, Any], status: int) -> web.Response:
    from aiohttp import web

    return web.Response(
        status=status, text=json.dumps(data, ensure_ascii=False), content_type="application/json"
    )


class MonitorServer:
    """The listener on 127.0.0.1: ``/healthz`` and ``/metrics``."""

    def __init__(self, health: Health, metrics: Metrics) -> None:
        self.health = health
        self.metrics = metrics
        self._runner: web.AppRunner | None = None
        self.port: int | None = None

    async def healthz(self, request: web.Request) -> web.Response:
        """200 with each part when all are fine, 503 naming the failing ones."""
        parts = await self.health.check()
        failing = [name for name, part in parts.items() if not part.ok]
        body: dict[str, Any] = {
            "status": "ok" if not failing else "gagal",
            **{name: {"ok": part.ok, "detail": part.detail} for name, part in parts.items()},
        }
        if failing:
            body["gagal"] = failing
        return _json(body, 503 if failing else 200)

    async def metrics_page(self, request: web.Request) -> web.Response:
        """Every metric, the database-backed ones read now."""
        from aiohttp import web

        from bot.observability.metrics import CONTENT_TYPE

        response = web.Response(body=await self.metrics.render())
        response.headers["Content-Type"] = CONTENT_TYPE
        return response

    async def start(self, port: int) -> int:
        """Listen on 127.0.0.1:``port`` (0: any free port); returns the port."""
        with warnings.catch_warnings():  # aiohttp adds a warning filter at import
            from aiohttp import web

        app = web.Application()
        app.router.add_get("/healthz", self.healthz)
        app.router.add_get("/metrics", self.metrics_page)
        runner = web.AppRunner(app, access_log=None)
        await runner.setup()
        site = web.TCPSite(runner, "127.0.0.1", port)
        await site.start()
        self._runner = runner
        server = site._server
        sockets = getattr(server, "sockets", None) or []
        self.port = int(sockets[0].getsockname()[1]) if sockets else port
        log.info("health dan metrics di http://127.0.0.1:%d (/healthz, /metrics)", self.port)
        return self.port

    async def stop(self) -> None:
        """Close the listener."""
        runner, self._runner = self._runner, None
        if runner is not None:
            await runner.cleanup()
