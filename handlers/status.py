"""The digest: /status and its paging and drill-down buttons."""

from __future__ import annotations

from telegram.ext import BaseHandler

from bot.domain.roles import ButtonKind
from bot.features.digest.status import show_status, status_button
from handlers.buttons import on_button
from handlers.common import command


def handlers() -> list[BaseHandler]:  # type: ignore[type-arg]
    """The digest handlers."""
    return [command("status", show_status), on_button(ButtonKind.STATUS, status_button)]
