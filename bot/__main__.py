"""`python -m bot`: run the bot (long polling) with settings from the environment and `.env`;
without a BOT_TOKEN (or with the word ``playground``) the playground runs instead."""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
from pathlib import Path
from urllib.parse import urlparse

from telegram import Update
from telegram.error import InvalidToken, NetworkError

from bot.app import TindakLanjutApp, build_application
from bot.config import Settings, SettingsError, load_settings


def configure_logging() -> None:
    """Log to stderr; never let the bot token (part of every Bot API URL) reach the log."""
    logging.basicConfig(
        format="%(asctime)s %(levelname)s %(name)s: %(message)s", level=logging.INFO
    )
    # httpx logs every request URL at INFO, and the URL carries the token.
    logging.getLogger("httpx").setLevel(logging.WARNING)
    logging.getLogger("httpcore").setLevel(logging.WARNING)
    logging.getLogger("alembic").setLevel(logging.WARNING)


PLAYGROUND_FOLDER = Path("data") / "playground"


def parse_arguments(argv: list[str]) -> argparse.Namespace:
    """The command line: nothing to run the bot, ``playground`` to try it without Telegram."""
    parser = argparse.ArgumentParser(
        prog="python -m bot",
        description=(
            "Bot Telegram tindak lanjut arahan pimpinan. Tanpa BOT_TOKEN: playground di "
            "http://127.0.0.1:PLAYGROUND_PORT (bot sungguhan, Telegram tiruan, contoh Pemda)."
        ),
    )
    commands = parser.add_subparsers(dest="command", metavar="PERINTAH")
    commands.add_parser(
        "playground", help="jalankan playground walaupun BOT_TOKEN diisi (tanpa Telegram)"
    )
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    """Load settings (one clear line per bad setting), then run the playground or the bot."""
    arguments = parse_arguments(sys.argv[1:] if argv is None else argv)
    configure_logging()
    try:
        settings = load_settings()
    except SettingsError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    if settings.BOT_TOKEN is None or arguments.command == "playground":
        return run_playground(settings)
    return run_bot(settings)


def run_playground(settings: Settings) -> int:
    """The playground, until Ctrl-C (its modules are loaded only here)."""
    from bot.playground.server import main as playground_main

    try:
        return asyncio.run(playground_main(settings, PLAYGROUND_FOLDER))
    except KeyboardInterrupt:
        return 0


def run_bot(settings: Settings) -> int:
    """The bot for real: long polling, or a webhook when WEBHOOK_URL is set."""
    app = build_application(settings)
    try:
        if settings.WEBHOOK_URL:
            run_webhook(app, settings)
        else:
            app.run_polling(allowed_updates=Update.ALL_TYPES)
    except InvalidToken:
        print("BOT_TOKEN ditolak oleh Telegram: periksa token dari BotFather.", file=sys.stderr)
        return 2
    except NetworkError as exc:
        print(
            f"Tidak bisa menghubungi Telegram di {settings.TELEGRAM_API_URL}: {exc.message}",
            file=sys.stderr,
        )
        return 1
    if app.conflict:
        print(
            "Bot lain sedang memakai token ini (Telegram menjawab 409 Conflict): hanya satu "
            "proses boleh long polling. Hentikan proses lainnya, atau pakai mode webhook "
            "(WEBHOOK_URL) untuk beberapa proses.",
            file=sys.stderr,
        )
        return 3
    return 0


def run_webhook(app: TindakLanjutApp, settings: Settings) -> None:
    """Serve Telegram's webhook calls; the secret header is checked on every call."""
    assert settings.WEBHOOK_URL is not None and settings.WEBHOOK_SECRET is not None
    path = urlparse(settings.WEBHOOK_URL).path.strip("/")
    app.run_webhook(
        listen=settings.WEBHOOK_LISTEN,
        port=settings.WEBHOOK_PORT,
        url_path=path,
        webhook_url=settings.WEBHOOK_URL,
        secret_token=settings.WEBHOOK_SECRET.get_secret_value(),
        allowed_updates=Update.ALL_TYPES,
    )


if __name__ == "__main__":
    sys.exit(main())
