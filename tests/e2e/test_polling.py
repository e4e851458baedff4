"""Two pollers with one token, as Telegram really behaves: it may answer 409 Conflict to
either of them. A process that has been polling keeps serving through it (a warning, PTB's
back-off); only a process that never received an answer to a poll exits with code 3."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest
from aiohttp import web

from tests.e2e.conftest import TOKEN
from tests.e2e.test_crash_and_processes import ADMIN, ready
from tests.support.fake_bot_api import FakeBotApi, JSONDict, Limits
from tests.support.fake_telegram import UploadedFile
from tests.support.updates import UpdateFactory, private_chat


class TelegramWithAnotherPoller(FakeBotApi):
    """The fake, plus Telegram's side of a second poller: the established poller's next
    getUpdates calls are terminated with 409 ("terminated by other getUpdates request")."""

    def __init__(self) -> None:
        super().__init__(TOKEN, limits=Limits())
        self.terminate_polls = 0
        self.polls_answered = 0

    async def _get_updates(
        self, params: JSONDict, files: dict[str, UploadedFile], request: web.Request
    ) -> web.StreamResponse:
        if self.terminate_polls and request.transport is self._poller_transport:
            self.terminate_polls -= 1
            self.conflicts += 1
            await self._notify()
            return web.json_response(
                {
                    "ok": False,
                    "error_code": 409,
                    "description": "Conflict: terminated by other getUpdates request; "
                    "make sure that only one bot instance is running",
                },
                status=409,
            )
        answer = await super()._get_updates(params, files, request)
        if answer.status == 200:
            self.polls_answered += 1
            await self._notify()
        return answer


@pytest.fixture
async def api() -> AsyncIterator[FakeBotApi]:
    server = TelegramWithAnotherPoller()
    await server.start()
    yield server
    await server.stop()
    server.core.assert_clean()


async def test_a_poller_that_has_polled_keeps_running_through_409(
    api: TelegramWithAnotherPoller, launch: Any, updates: UpdateFactory
) -> None:
    first = await launch()
    await ready(api)
    await api.wait_for(lambda: api.polls_answered >= 1)
    # another process starts with the same token: Telegram answers this one 409, twice
    api.terminate_polls = 2
    await api.wait_for(lambda: api.terminate_polls == 0, limit=30)
    # it still serves officials once the other process is gone
    api.core.queue_update(updates.message(ADMIN, private_chat(ADMIN), "/bantuan"))
    await api.wait_for(
        lambda: any(c.method == "sendMessage" and c.chat_id == ADMIN["id"] for c in api.calls),
        limit=30,
    )
    assert first.proc is not None and first.proc.returncode is None
    log = first.output()
    assert log.count("409 Conflict") >= 2 and "tetap berjalan" in log
    assert "hanya satu proses" not in log


async def test_a_newcomer_still_exits_with_a_clear_message(
    api: TelegramWithAnotherPoller, launch: Any
) -> None:
    first = await launch()
    await ready(api)
    await api.wait_for(lambda: api.polls_answered >= 1)
    second = await launch()
    assert await second.exited(30) == 3
    assert "409" in second.output() and "hanya satu proses" in second.output()
    assert first.proc is not None and first.proc.returncode is None
