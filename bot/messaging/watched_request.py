"""A connection to the Bot API that passes every call through and notes its answer: the one
wrapper behind the poll watch (bot/app.py) and the 429 counter (bot/observability/metrics.py)."""

from __future__ import annotations

from typing import Any

from telegram.request import BaseRequest, RequestData


class WatchedRequest(BaseRequest):
    """Delegates to ``inner``; subclasses note each answer in ``noted``."""

    def __init__(self, inner: BaseRequest) -> None:
        self.inner = inner

    @property
    def read_timeout(self) -> float | None:
        """The wrapped request's read timeout (PTB adds the long-poll timeout to it)."""
        return self.inner.read_timeout

    async def initialize(self) -> None:
        """Open the wrapped request."""
        await self.inner.initialize()

    async def shutdown(self) -> None:
        """Close the wrapped request."""
        await self.inner.shutdown()

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: Any = BaseRequest.DEFAULT_NONE,
        write_timeout: Any = BaseRequest.DEFAULT_NONE,
        connect_timeout: Any = BaseRequest.DEFAULT_NONE,
        pool_timeout: Any = BaseRequest.DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        """Make the call, then let the subclass note Telegram's answer."""
        status, body = await self.inner.do_request(
            url, method, request_data, read_timeout, write_timeout, connect_timeout, pool_timeout
        )
        self.noted(url, status)
        await self.answered(url, status, body)
        return status, body

    def noted(self, url: str, status: int) -> None:
        """What to remember of an answer (nothing here)."""

    async def answered(self, url: str, status: int, body: bytes) -> None:
        """What to do with an answer before the caller reads it (nothing here); an error
        raised here fails the call."""
