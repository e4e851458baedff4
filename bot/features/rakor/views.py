"""How Rakor results read in Telegram."""

from __future__ import annotations

from html import escape

from bot.env import Env
from bot.messaging.outbox import View
from storage.models import Rakor


def opened(env: Env, rakor: Rakor) -> View:
    """The answer to `/rakor`: the meeting is open, with its title and date."""
    return View(
        env.texts("rakor.dibuka", judul=escape(rakor.judul), tanggal=env.format_date(rakor.tanggal))
    )
