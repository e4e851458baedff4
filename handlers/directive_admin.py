"""Managing published directives: /arahan_info, /tenggat, /batal."""

from __future__ import annotations

from telegram.ext import BaseHandler

from bot.features.directives.admin import cancel, change_deadline, info
from handlers.common import command


def handlers() -> list[BaseHandler]:  # type: ignore[type-arg]
    """The directive-management handlers."""
    return [
        command("arahan_info", info),
        command("tenggat", change_deadline),
        command("batal", cancel),
    ]
