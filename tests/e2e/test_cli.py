"""`python -m bot PERINTAH` as the Pemda's IT staff type it: Indonesian help with one line per
subcommand, the version, `check`'s exit codes against the fake Telegram, and every mistake
said in one line on stderr (never a traceback)."""

from __future__ import annotations

import asyncio
import importlib.metadata
import os
import sys
from dataclasses import dataclass
from pathlib import Path

from tests.e2e.conftest import ROOT, TOKEN
from tests.support.fake_bot_api import FakeBotApi

SUBCOMMANDS = ("playground", "check", "migrate", "backup", "restore", "undang", "outbox", "purge")
CLEARED = {
    "BOT_TOKEN",
    "DATABASE_URL",
    "ADMIN_IDS",
    "TELEGRAM_API_URL",
    "WEBHOOK_URL",
    "WEBHOOK_SECRET",
    "TIMEZONE",
    "EVIDENCE_DIR",
}


@dataclass
class Done:
    code: int
    out: list[str]
    err: list[str]


async def bot_cli(workdir: Path, *args: str, path: str | None = None, **settings: str) -> Done:
    """Run `python -m bot ARGS` in ``workdir`` with only ``settings`` set."""
    env = {k: v for k, v in os.environ.items() if k not in CLEARED}
    env |= {"PYTHONPATH": str(ROOT), **settings}
    if path is not None:
        env["PATH"] = path
    proc = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        *args,
        cwd=workdir,
        env=env,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    out, err = await asyncio.wait_for(proc.communicate(), 120)
    assert proc.returncode is not None
    return Done(proc.returncode, out.decode().splitlines(), err.decode().splitlines())


def no_traceback(done: Done) -> None:
    assert not any("Traceback" in line for line in done.err + done.out), done.err


async def test_help_lists_every_subcommand_in_one_line_each(tmp_path: Path) -> None:
    done = await bot_cli(tmp_path, "--help")
    assert done.code == 0 and done.err == []
    assert done.out[0].startswith("pemakaian: python -m bot")
    for name in SUBCOMMANDS:
        lines = [line for line in done.out if line.strip().split(" ")[0] == name]
        assert len(lines) == 1, name
        assert len(lines[0].split(maxsplit=1)) == 2, f"{name} has no help on its line"
    assert "usage" not in "\n".join(done.out)


async def test_version_is_the_packages(tmp_path: Path) -> None:
    done = await bot_cli(tmp_path, "--version")
    assert done.code == 0
    assert done.out == [f"tindaklanjut {importlib.metadata.version('tindaklanjut')}"]


async def test_check_passes_against_telegram_then_fails_without_it(
    tmp_path: Path, api: FakeBotApi
) -> None:
    settings = {
        "BOT_TOKEN": TOKEN,
        "TELEGRAM_API_URL": api.url,
        "DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'bot.db'}",
    }
    migrated = await bot_cli(tmp_path, "migrate", **settings)
    versions = Path(__file__).parents[2] / "storage/migrations/versions"
    newest = max(p.name[:4] for p in versions.glob("0*.py"))
    assert migrated.code == 0 and f"ke {newest}" in migrated.out[0]
    done = await bot_cli(tmp_path, "check", **settings)
    assert done.code == 0, done.out
    assert [line.split()[0] for line in done.out] == ["OK"] * 5
    assert [c.method for c in api.calls] == ["getMe"]

    gone = await bot_cli(
        tmp_path, "check", **(settings | {"TELEGRAM_API_URL": "http://127.0.0.1:9"})
    )
    assert gone.code == 1
    failed = [line for line in gone.out if line.startswith("GAGAL")]
    assert len(failed) == 1 and "Telegram" in failed[0] and "tidak bisa dihubungi" in failed[0]
    no_traceback(gone)


async def test_check_with_an_unreachable_database_exits_1(tmp_path: Path) -> None:
    url = "postgresql+asyncpg://bot:rahasia@127.0.0.1:9/tindaklanjut"
    done = await bot_cli(tmp_path, "check", DATABASE_URL=url)
    assert done.code == 1
    assert [line.split()[0] for line in done.out] == ["OK", "GAGAL", "LEWAT", "LEWAT", "OK"]
    assert "rahasia" not in "\n".join(done.out + done.err)
    no_traceback(done)


async def test_check_with_a_bad_setting_fails_on_its_line(tmp_path: Path) -> None:
    done = await bot_cli(tmp_path, "check", TIMEZONE="Mars/Olympus")
    assert done.code == 1
    assert done.out[0] == (
        "GAGAL      Pengaturan: TIMEZONE tidak valid: zona waktu tidak dikenal: 'Mars/Olympus'"
    )
    no_traceback(done)


async def test_mistakes_are_one_line_each(tmp_path: Path) -> None:
    # bad settings: as for the bot itself, exit 2
    done = await bot_cli(tmp_path, "migrate", TIMEZONE="Mars/Olympus")
    assert done.code == 2 and done.out == []
    assert done.err == ["Pengaturan TIMEZONE tidak valid: zona waktu tidak dikenal: 'Mars/Olympus'"]
    # an unknown subcommand or a missing argument: argparse's exit 2, in Indonesian
    done = await bot_cli(tmp_path, "cadangkan")
    assert done.code == 2 and len(done.err) == 1 and "tidak dikenal" in done.err[0]
    done = await bot_cli(tmp_path, "backup")
    assert done.code == 2 and len(done.err) == 1 and "BERKAS wajib diisi" in done.err[0]
    # a backup that does not exist
    done = await bot_cli(tmp_path, "restore", "tidak-ada.tar.gz")
    assert (done.code, done.err) == (1, ["Berkas cadangan tidak-ada.tar.gz tidak ada."])
    # a file that is not a backup
    (tmp_path / "foto.jpg").write_bytes(b"\xff\xd8bukan arsip")
    done = await bot_cli(tmp_path, "restore", "foto.jpg")
    assert done.code == 1 and len(done.err) == 1 and "bukan cadangan" in done.err[0]
    # an unreachable database
    url = "postgresql+asyncpg://bot:rahasia@127.0.0.1:9/tindaklanjut"
    done = await bot_cli(tmp_path, "outbox", DATABASE_URL=url)
    assert done.code == 1 and len(done.err) == 1 and "rahasia" not in done.err[0]
    # PostgreSQL without its client programs: named, with what to install
    done = await bot_cli(tmp_path, "backup", "c.tar.gz", DATABASE_URL=url, path="/nonexistent")
    assert done.code == 1 and len(done.err) == 1
    assert "pg_dump tidak ditemukan" in done.err[0] and "postgresql-client" in done.err[0]
    # an invite with no way to name the bot
    done = await bot_cli(tmp_path, "undang", "admin")
    assert done.code == 1 and done.err == [
        "BOT_TOKEN kosong: sebutkan nama bot dengan --bot-username NAMA_BOT."
    ]
    for result in (done,):
        no_traceback(result)
    assert not (tmp_path / "c.tar.gz").exists()


async def test_backup_and_restore_as_typed(tmp_path: Path) -> None:
    settings = {"DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'data' / 'bot.db'}"}
    assert (await bot_cli(tmp_path, "migrate", **settings)).code == 0
    (tmp_path / "data" / "bukti").mkdir(parents=True)
    (tmp_path / "data" / "bukti" / "1_1.jpg").write_bytes(b"foto")
    invite = await bot_cli(
        tmp_path, "undang", "admin", "--bot-username", "pemda_bot", ADMIN_IDS="77", **settings
    )
    assert invite.code == 0 and invite.out[0].startswith("https://t.me/pemda_bot?start=")
    done = await bot_cli(tmp_path, "backup", "cadangan.tar.gz", **settings)
    assert done.code == 0 and "1 berkas bukti" in done.out[0]
    other = {
        "DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'lain' / 'bot.db'}",
        "EVIDENCE_DIR": str(tmp_path / "lain" / "bukti"),
    }
    done = await bot_cli(tmp_path, "restore", "cadangan.tar.gz", **other)
    assert done.code == 0, done.err
    assert (tmp_path / "lain" / "bukti" / "1_1.jpg").read_bytes() == b"foto"
    done = await bot_cli(tmp_path, "restore", "cadangan.tar.gz", **other)
    assert done.code == 1 and len(done.err) == 1 and "--ganti" in done.err[0]


async def test_the_bots_start_up_does_not_load_the_command_line(tmp_path: Path) -> None:
    probe = (
        "import sys, bot.__main__ as m; m.parse_arguments([]); m.parse_arguments(['playground']);"
        "print(sorted(n for n in sys.modules if n.startswith('bot.cli')))"
    )
    env = {k: v for k, v in os.environ.items() if k not in CLEARED} | {"PYTHONPATH": str(ROOT)}
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-c", probe, cwd=tmp_path, env=env, stdout=asyncio.subprocess.PIPE
    )
    out, _ = await asyncio.wait_for(proc.communicate(), 120)
    assert out.decode().strip() == "[]"
