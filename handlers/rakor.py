"""Rakor: /rakor Judul | tanggal (admin)."""

from __future__ import annotations

from telegram.ext import BaseHandler

from bot.features.rakor.service import open_rakor
from handlers.common import command


def handlers() -> list[BaseHandler]:  # type: ignore[type-arg]
    """The Rakor handlers."""
    return [command("rakor", open_rakor)]
