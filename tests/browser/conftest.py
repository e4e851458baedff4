"""The playground page in a real Chromium: the playground runs as its own process
(``python -m bot`` without BOT_TOKEN, as a trainer starts it), the browser is Playwright's sync
API on the Chromium named by TEST_BROWSER. Without TEST_BROWSER the browser tests skip.

Every test gets a fresh browser context (its own localStorage), so the page remembers nothing
of the test before; the playground itself is shared by the tests of a module.
"""

from __future__ import annotations

import os
import queue
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import IO

import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright

REPO = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO / "test-artifacts" / "browser"
BROWSER = os.environ.get("TEST_BROWSER")
NO_BROWSER = "TEST_BROWSER not set (path of a Chromium, e.g. TEST_BROWSER=/usr/bin/chromium)"
READY_MARK = "Playground siap"  # the line after the sample Pemda is built (with the address)
ADDRESS = "http://127.0.0.1:"
START_TIMEOUT = 60.0
STOP_TIMEOUT = 20.0
# settings that would make `python -m bot` a real bot (or point it elsewhere): not for the
# playground under test
REAL_BOT_SETTINGS = ("BOT_TOKEN", "DATABASE_URL", "TELEGRAM_API_URL", "ADMIN_IDS", "WEBHOOK_URL")

# the bot answers through its polling loop within a second; the margin is for a busy machine
# (a passing test never waits for it)
expect.set_options(timeout=20_000)


def free_port() -> int:
    """A port nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _tail(path: Path, lines: int = 40) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(stderr tidak terbaca)"


def _read_lines(stream: IO[str], into: queue.Queue[str | None]) -> None:
    """Every stdout line of the playground into a queue, then None at its end (the pipe is
    drained to the end so the process never blocks on a full pipe)."""
    for line in stream:
        into.put(line)
    into.put(None)


@pytest.fixture(scope="module")
def playground(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The playground as a real process in a temporary folder; its base URL. Stopped with
    Ctrl-C (SIGINT) at the end, which must end it cleanly (exit code 0)."""
    if not BROWSER:
        pytest.skip(NO_BROWSER)
    folder = tmp_path_factory.mktemp("playground")
    env = {k: v for k, v in os.environ.items() if k not in REAL_BOT_SETTINGS}
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(REPO), env.get("PYTHONPATH")) if p)
    env["PLAYGROUND_PORT"] = str(free_port())
    stderr_path = folder / "stderr.log"
    with stderr_path.open("wb") as stderr:
        process = subprocess.Popen(
            [sys.executable, "-m", "bot"],
            cwd=folder,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=stderr,
            encoding="utf-8",
            errors="replace",
        )
    lines: queue.Queue[str | None] = queue.Queue()
    threading.Thread(target=_read_lines, args=(process.stdout, lines), daemon=True).start()
    url = None
    deadline = time.monotonic() + START_TIMEOUT
    try:
        while url is None:
            try:
                line = lines.get(timeout=max(0.0, deadline - time.monotonic()))
            except queue.Empty:
                pytest.fail(
                    f"playground belum siap setelah {START_TIMEOUT:.0f} detik; stderr:\n"
                    + _tail(stderr_path)
                )
            if line is None:
                process.wait(timeout=STOP_TIMEOUT)
                pytest.fail(
                    f"playground berhenti (kode {process.returncode}) sebelum siap; stderr:\n"
                    + _tail(stderr_path)
                )
            if line.startswith(READY_MARK) and ADDRESS in line:
                start = line.index(ADDRESS)
                url = line[start:].split()[0]
    except BaseException:
        if process.poll() is None:
            process.kill()
            process.wait()
        raise
    yield url
    process.send_signal(signal.SIGINT)
    try:
        code = process.wait(timeout=STOP_TIMEOUT)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
        pytest.fail(
            f"playground tidak berhenti {STOP_TIMEOUT:.0f} detik setelah Ctrl-C; stderr:\n"
            + _tail(stderr_path)
        )
    assert code == 0, f"playground berhenti dengan kode {code}; stderr:\n{_tail(stderr_path)}"


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """Chromium from TEST_BROWSER (Playwright downloads no browser here)."""
    if not BROWSER:
        pytest.skip(NO_BROWSER)
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=BROWSER)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def artifacts() -> Path:
    """Where the screenshots of the steps are kept (git-ignored)."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS


def open_page(browser: Browser, url: str, *, on_phone: bool) -> Iterator[Page]:
    """The playground page in a fresh context, loaded (the people list drawn, a chat open);
    a script error on the page fails the test."""
    if on_phone:
        ctx = browser.new_context(
            viewport={"width": 390, "height": 844},
            is_mobile=True,
            has_touch=True,
            device_scale_factor=2,
            locale="id-ID",
        )
    else:
        ctx = browser.new_context(viewport={"width": 1280, "height": 800}, locale="id-ID")
    page = ctx.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(url)
    expect(page.locator("#people [data-person]")).to_have_count(10)
    expect(page.locator("#messages .message").first).to_be_attached()
    try:
        yield page
    finally:
        ctx.close()
    assert not errors, f"galat skrip di halaman: {errors}"


@pytest.fixture
def page(browser: Browser, playground: str) -> Iterator[Page]:
    """The page on a desktop-size screen."""
    yield from open_page(browser, playground, on_phone=False)


@pytest.fixture
def phone(browser: Browser, playground: str) -> Iterator[Page]:
    """The page on a phone (390×844, touch)."""
    yield from open_page(browser, playground, on_phone=True)
