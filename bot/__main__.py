"""`python -m bot`: run the bot (long polling) with settings from the environment and `.env`."""

from __future__ import annotations

import logging
import sys

from telegram import Update

from bot.config import SettingsError, load_settings


def main() -> int:
    """Load settings (one clear line per bad setting), build the app, poll until stopped."""
    logging.basicConfig(
        format="%(asctime)s %(levelname)s %(name)s: %(message)s", level=logging.INFO
    )
    # httpx logs every request URL, and the URL carries the bot token: keep it out of logs.
    logging.getLogger("httpx").setLevel(logging.WARNING)
    try:
        settings = load_settings()
    except SettingsError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    from bot.app import build_application

    app = build_application(settings)
    app.run_polling(allowed_updates=Update.ALL_TYPES)
    return 0


if __name__ == "__main__":
    sys.exit(main())
