"""`python -m bot`: run the bot (long polling) with settings from the environment and `.env`."""

from __future__ import annotations

import logging
import sys
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


def main() -> int:
    """Load settings (one clear line per bad setting), build the app, poll until stopped."""
    configure_logging()
    try:
        settings = load_settings()
    except SettingsError as exc:
        print(str(exc), file=sys.stderr)
        return 2

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
