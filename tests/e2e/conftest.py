"""End-to-end fixtures: the bot as a real process (`python -m bot`, exactly as the README
starts it), talking HTTP to the fake Bot API server on 127.0.0.1."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from tests.support.fake_bot_api import FakeBotApi
from tests.support.updates import UpdateFactory

TOKEN = "424242:E2E-TOKEN"
ADMIN_ID = 1001
ROOT = Path(__file__).resolve().parents[2]


class BotProcess:
    """One `python -m bot` process with its settings in the environment."""

    def __init__(self, workdir: Path, settings: dict[str, str]) -> None:
        self.workdir = workdir
        self.settings = settings
        self.proc: asyncio.subprocess.Process | None = None
        self.log = workdir / f"bot-{len(list(workdir.glob('bot-*.log')))}.log"

    async def start(self) -> None:
        """Start the process (its output goes to a log file kept for failures)."""
        env = {
            k: v
            for k, v in os.environ.items()
            if k not in {"BOT_TOKEN", "DATABASE_URL", "ADMIN_IDS", "TELEGRAM_API_URL"}
        }
        env.update(self.settings)
        env["PYTHONPATH"] = str(ROOT)
        out = self.log.open("wb")
        self.proc = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "bot",
            cwd=self.workdir,
            env=env,
            stdout=out,
            stderr=asyncio.subprocess.STDOUT,
        )

    def kill(self) -> None:
        """kill -9: no cleanup of any kind."""
        assert self.proc is not None
        self.proc.send_signal(signal.SIGKILL)

    async def stop(self) -> int:
        """SIGTERM and wait (the way a service manager stops it)."""
        if self.proc is None:
            return 0
        if self.proc.returncode is not None:
            return self.proc.returncode
        self.proc.send_signal(signal.SIGTERM)
        return await asyncio.wait_for(self.proc.wait(), 20)

    async def exited(self, limit: float = 20) -> int:
        """Wait for the process to end by itself."""
        assert self.proc is not None
        return await asyncio.wait_for(self.proc.wait(), limit)

    def output(self) -> str:
        """What the process logged."""
        return self.log.read_text(errors="replace")


@pytest.fixture
async def api() -> AsyncIterator[FakeBotApi]:
    """The fake Telegram, with Telegram's sending limits on."""
    from tests.support.fake_bot_api import Limits

    server = FakeBotApi(TOKEN, limits=Limits())
    await server.start()
    yield server
    await server.stop()
    server.core.assert_clean()


@pytest.fixture
def updates() -> UpdateFactory:
    """Update factory on the real clock (the bot process runs on it)."""
    return UpdateFactory(first_update_id=9000)


@pytest.fixture
async def launch(api: FakeBotApi, tmp_path: Path) -> AsyncIterator[Any]:
    """Start bot processes against the fake; all are stopped at the end."""
    started: list[BotProcess] = []

    async def start(**overrides: str) -> BotProcess:
        settings = {
            "BOT_TOKEN": TOKEN,
            "TELEGRAM_API_URL": api.url,
            "ADMIN_IDS": str(ADMIN_ID),
            "DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'data' / 'bot.db'}",
        }
        settings.update(overrides)
        process = BotProcess(tmp_path, settings)
        await process.start()
        started.append(process)
        return process

    yield start
    for process in started:
        try:
            await process.stop()
        except (ProcessLookupError, TimeoutError):
            process.kill()
