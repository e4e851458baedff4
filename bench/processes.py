"""A measured process: the bot (`python -m bot`) or the echo bot, started the way a service
manager starts it, with its CPU time and memory read from /proc (Linux only)."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TICKS = os.sysconf("SC_CLK_TCK")
# settings of the developer's shell or `.env` must not leak into a measured process
CLEARED = {"BOT_TOKEN", "DATABASE_URL", "ADMIN_IDS", "TELEGRAM_API_URL"}


class Measured:
    """One process with its settings in the environment; ``started`` is its start time on
    ``time.monotonic``'s clock."""

    def __init__(self, argv: list[str], settings: dict[str, str], workdir: Path) -> None:
        self.argv = argv
        self.settings = settings
        self.workdir = workdir
        self.proc: asyncio.subprocess.Process | None = None
        self.started = 0.0
        self.log = workdir / "process.log"

    async def start(self) -> None:
        """Start the process (its output goes to ``log``, shown when something fails)."""
        env = {k: v for k, v in os.environ.items() if k not in CLEARED}
        env.update(self.settings)
        env["PYTHONPATH"] = str(ROOT)
        self.workdir.mkdir(parents=True, exist_ok=True)
        with self.log.open("ab") as out:
            self.started = time.monotonic()
            self.proc = await asyncio.create_subprocess_exec(
                sys.executable,
                *self.argv,
                cwd=self.workdir,
                env=env,
                stdout=out,
                stderr=asyncio.subprocess.STDOUT,
            )

    @property
    def pid(self) -> int:
        """The process id."""
        assert self.proc is not None
        return self.proc.pid

    def cpu_seconds(self) -> float:
        """User and system CPU time the process has used so far (/proc/<pid>/stat)."""
        stat = Path(f"/proc/{self.pid}/stat").read_text()
        fields = stat.rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / TICKS  # utime, stime

    def rss_mb(self) -> float:
        """Resident memory in MB (VmRSS of /proc/<pid>/status)."""
        for line in Path(f"/proc/{self.pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
        raise RuntimeError("no VmRSS: the process has ended")

    def output(self) -> str:
        """What the process logged."""
        return self.log.read_text(errors="replace") if self.log.exists() else ""

    async def stop(self) -> None:
        """SIGTERM and wait; kill -9 if it does not end in 20 s."""
        if self.proc is None or self.proc.returncode is not None:
            return
        self.proc.send_signal(signal.SIGTERM)
        try:
            await asyncio.wait_for(self.proc.wait(), 20)
        except TimeoutError:
            self.proc.kill()
            await self.proc.wait()

    def alive(self) -> bool:
        """Whether the process still runs."""
        return self.proc is not None and self.proc.returncode is None

    async def kill(self) -> None:
        """kill -9 and wait for it to end: no cleanup of any kind."""
        if self.proc is None or self.proc.returncode is not None:
            return
        self.proc.kill()
        await self.proc.wait()
