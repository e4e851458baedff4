"""Groups: /grup KODE_OPD or /grup rakor (admin, inside the group)."""

from __future__ import annotations

from telegram.ext import BaseHandler

from bot.features.opd.groups import register_group
from handlers.common import command


def handlers() -> list[BaseHandler]:  # type: ignore[type-arg]
    """The group handlers."""
    return [command("grup", register_group)]
