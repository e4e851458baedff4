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
    """One `python -m bot [args]`, its stdout and stderr merged as a terminal shows them."""

    def __init__(self, proc: asyncio.subprocess.Process, port: int, folder: Path) -> None:
        self.proc, self.port, self.folder = proc, port, folder
        self.seen: list[str] = []  # the lines read so far

    async def line(self) -> str:
        assert self.proc.stdout is not None
        line = await asyncio.wait_for(self.proc.stdout.readline(), 60)
        assert line, "the process ended without a word after:\n" + "".join(self.seen)
        self.seen.append(line.decode())
        return self.seen[-1]

    async def first_line(self) -> str:
        """The first line on the terminal (stdout or stderr)."""
        assert not self.seen
        return await self.line()

    async def ready(self) -> str:
        """Every line up to "Playground siap" (the sample Pemda built); that line."""
        while True:
            line = await self.line()
            if line.startswith("Playground siap"):
                return line

    async def interrupt(self) -> tuple[int, str]:
        """Ctrl-C; the exit code and what it printed after the lines read so far."""
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
        proc = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "bot",
            *args,
            cwd=tmp_path,
            env=env,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.STDOUT,  # a terminal shows both, in order
        )
        started.append(Run(proc, int(env["PLAYGROUND_PORT"]), tmp_path))
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
    first = await playground.first_line()  # stdout and stderr together: the very first line
    assert first.startswith("Playground Tindak Lanjut")
    assert f"http://127.0.0.1:{playground.port}" in first
    assert "tanpa BOT_TOKEN" in first and "tidak terhubung ke Telegram" in first
    ready = await playground.ready()
    assert f"http://127.0.0.1:{playground.port}" in ready and "Ctrl-C" in ready
    assert "Playground Tindak Lanjut" in await page_of(playground.port)
    folder = tmp_path / "data" / "playground" / str(playground.port)
    assert (folder / "playground.db").exists()
    code, rest = await playground.interrupt()
    assert code == 0 and "Playground dihentikan." in rest
    assert "Traceback" not in "".join(playground.seen) + rest
    assert api.calls == []  # never a call to Telegram


async def test_the_word_playground_runs_it_even_with_a_token(run, api: FakeBotApi) -> None:
    playground = await run("playground", BOT_TOKEN=TOKEN)
    first = await playground.first_line()
    assert first.startswith("Playground Tindak Lanjut")
    assert f"http://127.0.0.1:{playground.port}" in first
    # the token is set but not used: the line must not claim there is none
    assert "tanpa BOT_TOKEN" not in first
    assert "BOT_TOKEN tidak dipakai" in first and "tidak terhubung ke Telegram" in first
    await playground.ready()
    assert "Playground" in await page_of(playground.port)
    await playground.interrupt()
    assert api.calls == []


async def test_two_playgrounds_in_one_folder_keep_their_own_data(
    run, api: FakeBotApi, tmp_path: Path
) -> None:
    first = await run()
    await first.ready()
    databases = list((tmp_path / "data").rglob("playground.db"))
    assert len(databases) == 1
    kept = databases[0].stat()
    second = await run()
    await second.ready()
    # the second made its own folder and left the first one's data alone
    assert databases[0].exists() and databases[0].stat().st_ino == kept.st_ino
    assert len(list((tmp_path / "data").rglob("playground.db"))) == 2
    async with ClientSession() as session:
        for playground in (first, second):
            url = f"http://127.0.0.1:{playground.port}/api/send"
            body = {"from": 1001, "chat": 1001, "text": "/status"}
            headers = {"X-Playground": "1"}
            async with session.post(url, json=body, headers=headers) as answer:
                assert answer.status == 200
    for playground in (first, second):
        code, rest = await playground.interrupt()
        assert code == 0 and "Traceback" not in "".join(playground.seen) + rest
    assert api.calls == []


async def test_with_a_token_the_bot_runs_for_real_and_serves_no_page(
    run, api: FakeBotApi, tmp_path: Path
) -> None:
    bot = await run(BOT_TOKEN=TOKEN, DATABASE_URL=f"sqlite+aiosqlite:///{tmp_path / 'bot.db'}")
    await api.wait_for(lambda: any(c.method == "getUpdates" for c in api.calls), 60)
    with pytest.raises(ClientConnectorError):
        await page_of(bot.port)
    bot.proc.send_signal(signal.SIGTERM)
    await asyncio.wait_for(bot.proc.communicate(), 30)


async def test_a_taken_port_is_said_in_one_line(run) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        playground = await run(PLAYGROUND_PORT=str(port))
        output, _ = await asyncio.wait_for(playground.proc.communicate(), 60)
    assert playground.proc.returncode == 1
    errors = [line for line in output.decode().splitlines() if "Port" in line]
    assert errors == [
        f"Port {port} sudah dipakai program lain: pilih port lain, mis. PLAYGROUND_PORT={port + 1}."
    ]
