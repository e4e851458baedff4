"""The README's run command: `python -m bot` without a token starts the playground (the page on
127.0.0.1, never Telegram); `python -m bot playground` starts it with a token too; with a token
alone the bot runs for real and no page is served. Ctrl-C stops the playground cleanly."""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from aiohttp import ClientConnectorError, ClientSession

from tests.e2e.conftest import ROOT, TOKEN
from tests.support.fake_bot_api import FakeBotApi

CLEARED = {"BOT_TOKEN", "DATABASE_URL", "ADMIN_IDS", "TELEGRAM_API_URL", "WEBHOOK_URL"}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class Run:
    """One `python -m bot [args]` with its first stdout line."""

    def __init__(self, proc: asyncio.subprocess.Process, port: int, log: Path) -> None:
        self.proc, self.port, self.log = proc, port, log

    async def first_line(self) -> str:
        assert self.proc.stdout is not None
        line = await asyncio.wait_for(self.proc.stdout.readline(), 60)
        assert line, f"the process ended without a word:\n{self.log.read_text()}"
        return line.decode()

    async def interrupt(self) -> tuple[int, str]:
        """Ctrl-C; the exit code and what it printed after the first line."""
        self.proc.send_signal(signal.SIGINT)
        rest, _ = await asyncio.wait_for(self.proc.communicate(), 30)
        return self.proc.returncode or 0, rest.decode()


@pytest.fixture
async def run(tmp_path: Path, api: FakeBotApi) -> AsyncIterator[object]:
    started: list[Run] = []

    async def start(*args: str, **settings: str) -> Run:
        port = free_port()
        env = {k: v for k, v in os.environ.items() if k not in CLEARED}
        # were the playground to talk to "Telegram", the fake would hear it
        env |= {"PYTHONPATH": str(ROOT), "PLAYGROUND_PORT": str(port)}
        env |= {"TELEGRAM_API_URL": api.url, **settings}
        log = tmp_path / f"run-{len(started)}.log"
        proc = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "bot",
            *args,
            cwd=tmp_path,
            env=env,
            stdout=asyncio.subprocess.PIPE,
            stderr=log.open("wb"),
        )
        started.append(Run(proc, port, log))
        return started[-1]

    yield start
    for process in started:
        if process.proc.returncode is None:
            process.proc.kill()
            await process.proc.wait()


async def page_of(port: int) -> str:
    async with ClientSession() as session, session.get(f"http://127.0.0.1:{port}/") as answer:
        assert answer.status == 200
        return await answer.text()


async def test_without_a_token_the_run_command_serves_the_playground(
    run, api: FakeBotApi, tmp_path: Path
) -> None:
    playground = await run()
    first = await playground.first_line()
    assert first.startswith("Playground Tindak Lanjut")
    assert f"http://127.0.0.1:{playground.port}" in first
    assert "Playground Tindak Lanjut" in await page_of(playground.port)
    assert (tmp_path / "data" / "playground" / "playground.db").exists()
    code, rest = await playground.interrupt()
    assert code == 0 and "Playground dihentikan." in rest
    assert "Traceback" not in playground.log.read_text()
    assert api.calls == []  # never a call to Telegram


async def test_the_word_playground_runs_it_even_with_a_token(run, api: FakeBotApi) -> None:
    playground = await run("playground", BOT_TOKEN=TOKEN)
    assert f"http://127.0.0.1:{playground.port}" in await playground.first_line()
    assert "Playground" in await page_of(playground.port)
    await playground.interrupt()
    assert api.calls == []


async def test_with_a_token_the_bot_runs_for_real_and_serves_no_page(
    run, api: FakeBotApi, tmp_path: Path
) -> None:
    bot = await run(BOT_TOKEN=TOKEN, DATABASE_URL=f"sqlite+aiosqlite:///{tmp_path / 'bot.db'}")
    await api.wait_for(lambda: any(c.method == "getUpdates" for c in api.calls), 60)
    with pytest.raises(ClientConnectorError):
        await page_of(bot.port)
    bot.proc.send_signal(signal.SIGTERM)
    await asyncio.wait_for(bot.proc.wait(), 30)


async def test_a_taken_port_is_said_in_one_line(run) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        playground = await run(PLAYGROUND_PORT=str(port))
        code = await asyncio.wait_for(playground.proc.wait(), 60)
    assert code == 1
    errors = [line for line in playground.log.read_text().splitlines() if "Port" in line]
    assert errors == [
        f"Port {port} sudah dipakai program lain: pilih port lain, mis. PLAYGROUND_PORT={port + 1}."
    ]
