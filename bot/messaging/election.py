"""One sender for the whole deployment: the process that holds the sender lock sends.

Each process runs ``SenderElection.run_forever``: every few seconds it tries to take the lock
(PostgreSQL session advisory lock, see storage.locks). The holder recovers what a dead sender
left claimed (claimed-not-started rows go back to the queue, started ones are unknown) and runs
the sender loop; the others only queue. When the sender's process dies its session ends, the
lock is free, and another process takes over at its next try, within ``RETRY_SECONDS``. On
SQLite (one process) the process is always the sender.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable

from bot.messaging.sender import Sender, Sleep
from storage.locks import SENDER_LOCK, SessionLock

log = logging.getLogger(__name__)

RETRY_SECONDS = 3.0

OnRecovered = Callable[[int], Awaitable[None]]


class SenderElection:
    """Decides, again and again, whether this process runs the sender loop."""

    def __init__(self, sender: Sender, *, retry_seconds: float = RETRY_SECONDS) -> None:
        self.sender = sender
        self.lock = SessionLock(sender.db, SENDER_LOCK)
        self.retry_seconds = retry_seconds
        self.loop: asyncio.Task[None] | None = None
        """The sender loop, while this process is the sender."""

    @property
    def is_sender(self) -> bool:
        """Whether this process runs the sender loop now."""
        return self.loop is not None and not self.loop.done()

    async def step(self, *, run_loop: bool = True) -> bool:
        """One round: keep (or notice the loss of) the lock, or try to take it. On taking
        it, recover the previous sender's claims and start the loop (unless ``run_loop`` is
        False: the caller then sends by hand). Returns whether this process is the sender."""
        if self.lock.held:
            if await self.lock.still_held():
                if run_loop and not self.is_sender:
                    self._start_loop()
                return True
            log.warning("kunci pengirim hilang: proses ini berhenti mengirim")
            await self._stop_loop()
        if not await self.lock.try_take():
            return False
        log.info("proses ini menjadi pengirim")
        recovered = await self.sender.recover_claims()
        if recovered:
            log.warning("%d pesan berstatus tidak pasti setelah proses berhenti", recovered)
        if run_loop:
            self._start_loop()
        return True

    def _start_loop(self) -> None:
        self.loop = asyncio.create_task(self.sender.run_forever(), name="sender")

    async def _stop_loop(self) -> None:
        loop, self.loop = self.loop, None
        if loop is not None:
            loop.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await loop

    async def run_forever(self, sleep: Sleep = asyncio.sleep) -> None:
        """After the first ``step`` (at start): keep or try for the lock every
        ``retry_seconds`` for the life of the process."""
        while True:
            await sleep(self.retry_seconds)
            try:
                await self.step()
            except Exception:  # the database is away: try again at the next round
                log.exception("pemilihan pengirim gagal; dicoba lagi")

    async def stop(self) -> None:
        """Stop sending and give the lock up (at shutdown)."""
        await self._stop_loop()
        await self.lock.release()
