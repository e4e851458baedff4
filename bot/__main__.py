"""`python -m bot`: run the bot (long polling) with settings from the environment and `.env`."""

from __future__ import annotations

import logging
import sys

from telegram import Update
from telegram.error import InvalidToken, NetworkError

from bot.config import SettingsError, load_settings


def configure_logging() -> None:
    """Log to stderr; never let the bot token (part of every Bot API URL) reach the log."""
    logging.basicConfig(
        format="%(asctime)s %(levelname)s %(name)s: %(message)s", level=logging.INFO
    )
    # httpx logs every request URL at INFO, and the URL carries the token.
    logging.getLogger("httpx").setLevel(logging.WARNING)
    logging.getLogger("httpcore").setLevel(logging.WARNING)
    logging.getLogger("alembic").setLevel(logging.WARNING)


def main() -> int:
    """Load settings (one clear line per bad setting), build the app, poll until stopped."""
    configure_logging()
    try:
        settings = load_settings()
    except SettingsError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    from bot.app import build_application

    app = build_application(settings)
    try:
        app.run_polling(allowed_updates=Update.ALL_TYPES)
    except InvalidToken:
        print("BOT_TOKEN ditolak oleh Telegram: periksa token dari BotFather.", file=sys.stderr)
        return 2
    except NetworkError as exc:
        print(f"Tidak bisa menghubungi Telegram di {settings.TELEGRAM_API_URL}: {exc.message}",
              file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
