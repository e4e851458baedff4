"""Runs the subcommand chosen on the command line: every failure is one clear line on stderr
(exit 1; bad settings exit 2, as for the bot), never a traceback."""

from __future__ import annotations

import argparse
import asyncio
import sys
from collections.abc import Callable
from pathlib import Path

from bot import exitcodes
from bot.cli.common import CliError
from bot.config import Settings, SettingsError, load_settings


async def dispatch(
    arguments: argparse.Namespace, load: Callable[[], Settings] = load_settings
) -> int:
    """Run one subcommand; its exit code."""
    command = arguments.command
    if command == "check":
        from bot.cli.check import check

        return await check(load)
    settings = load()
    if command == "migrate":
        from bot.cli.migrate import migrate

        return await migrate(settings)
    if command == "backup":
        from bot.cli.backup import backup

        return await backup(settings, Path(arguments.berkas))
    if command == "restore":
        from bot.cli.backup import restore

        return await restore(settings, Path(arguments.berkas), ganti=arguments.ganti)
    if command == "undang":
        from bot.cli.invite import invite_admin

        return await invite_admin(settings, username=arguments.bot_username, oleh=arguments.oleh)
    if command == "outbox":
        from bot.cli import outbox

        if arguments.aksi == "kirim-ulang":
            return await outbox.resend(settings, arguments.id)
        return await outbox.list_unknown(settings)
    if command == "purge":
        from bot.cli.purge import purge

        return await purge(settings, dry_run=arguments.dry_run)
    raise CliError(f"Perintah {command} tidak dikenal.")


async def guarded(
    arguments: argparse.Namespace, load: Callable[[], Settings] = load_settings
) -> int:
    """``dispatch`` with every failure said in one line."""
    try:
        return await dispatch(arguments, load)
    except SettingsError as exc:
        print(str(exc), file=sys.stderr)
        return exitcodes.BAD_SETTINGS
    except CliError as exc:
        print(str(exc), file=sys.stderr)
        return 1
    except Exception as exc:  # never a traceback for the admin: the cause in one line
        reason = " ".join(str(exc).split()) or "tanpa keterangan"
        print(f"Galat tak terduga ({type(exc).__name__}): {reason}", file=sys.stderr)
        return 1


def run(arguments: argparse.Namespace) -> int:
    """Run the subcommand to its end (Ctrl-C stops it with exit code 130)."""
    try:
        return asyncio.run(guarded(arguments))
    except KeyboardInterrupt:
        print("Dihentikan.", file=sys.stderr)
        return 130
